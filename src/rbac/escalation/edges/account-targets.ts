/**
 * The service accounts a right on a core resource reaches (`impersonate serviceaccounts`,
 * `create serviceaccounts/token`), honouring `resourceNames`: a rule without names reaches
 * every account of the namespace (one step to its choice node), a named rule only those.
 * @module
 */
import { apiGroupMatches, resourceMatches, verbMatches } from '../../rule-match.js';
import type { Capabilities } from '../capabilities.js';
import {
  accountsNode,
  type EdgeKind,
  type EscalationEdge,
  type ModelIndex,
  serviceAccountNode,
} from '../edge.js';

/** Object names that rules with `resourceNames` allow for this core verb and resource. */
export function namedTargets(caps: Capabilities, verb: string, resource: string): Set<string> {
  const names = new Set<string>();
  const slash = resource.indexOf('/');
  const subresource = slash < 0 ? '' : resource.slice(slash + 1);
  for (const { rule } of caps.grants) {
    if (rule.resourceNames.length === 0) continue;
    if (!verbMatches(rule, verb) || !apiGroupMatches(rule, '')) continue;
    if (!resourceMatches(rule, resource, subresource)) continue;
    for (const name of rule.resourceNames) names.add(name);
  }
  return names;
}

export interface AccountStep {
  readonly kind: EdgeKind;
  readonly verb: string;
  /** A core resource whose object names are service-account names. */
  readonly resource: string;
  /** Summary of the step to any account of the namespace. */
  readonly anyAccount: (namespace: string) => string;
  /** Summary of the step to one named account. */
  readonly oneAccount: (namespace: string, name: string) => string;
}

/** The edges of `step` to the service accounts of each namespace, each with its grant. */
export function accountEdges(
  caps: Capabilities,
  index: ModelIndex,
  namespaces: readonly string[],
  step: AccountStep,
): EscalationEdge[] {
  const edges: EscalationEdge[] = [];
  const { kind, verb, resource } = step;
  let named: Set<string> | undefined;
  for (const namespace of namespaces) {
    const accounts = index.serviceAccounts.get(namespace) ?? [];
    if (accounts.length === 0) continue;
    const any = caps.can(verb, '', resource, namespace);
    if (any) {
      const summary = step.anyAccount(namespace);
      edges.push({ kind, to: accountsNode(namespace, false), summary, evidence: [any] });
      continue;
    }
    named ??= namedTargets(caps, verb, resource);
    for (const account of accounts) {
      if (!named.has(account.name)) continue;
      const grant = caps.can(verb, '', resource, namespace, account.name);
      if (!grant) continue;
      edges.push({
        kind,
        to: serviceAccountNode(namespace, account.name),
        summary: step.oneAccount(namespace, account.name),
        evidence: [grant],
      });
    }
  }
  return edges;
}
