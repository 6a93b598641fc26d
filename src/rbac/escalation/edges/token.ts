/**
 * Three ways to a service account's token without running a pod:
 * - `create serviceaccounts/token` (TokenRequest) for the account (resourceNames respected);
 * - `get`/`list` secrets where a legacy `kubernetes.io/service-account-token` Secret of the
 *   account exists;
 * - `create` secrets plus reading them back: a new Secret of that type annotated with
 *   `kubernetes.io/service-account.name` is filled with a token by the token controller.
 * @module
 */

import { apiGroupMatches, resourceMatches, verbMatches } from '../../rule-match.js';
import type { Capabilities } from '../capabilities.js';
import { accountsNode, type EdgeRule, type EscalationEdge, serviceAccountNode } from '../edge.js';

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

export const SERVICE_ACCOUNT_TOKEN: EdgeRule = {
  kind: 'serviceaccount-token',
  description: 'create serviceaccounts/token ⇒ mint a token for the account',
  edges({ caps, namespaces, index }) {
    const edges: EscalationEdge[] = [];
    if (!caps.mayAllow('create', '', 'serviceaccounts/token')) return edges;
    const named = namedTargets(caps, 'create', 'serviceaccounts/token');
    for (const namespace of namespaces) {
      const accounts = index.serviceAccounts.get(namespace) ?? [];
      if (accounts.length === 0) continue;
      // A rule without resourceNames covers every account: one step to the choice node.
      const any = caps.can('create', '', 'serviceaccounts/token', namespace);
      if (any) {
        edges.push({
          kind: 'serviceaccount-token',
          to: accountsNode(namespace, false),
          summary: `request a token (TokenRequest) for an account of ${namespace}`,
          evidence: [any],
        });
        continue;
      }
      for (const account of accounts) {
        if (!named.has(account.name)) continue;
        const grant = caps.can('create', '', 'serviceaccounts/token', namespace, account.name);
        if (!grant) continue;
        edges.push({
          kind: 'serviceaccount-token',
          to: serviceAccountNode(namespace, account.name),
          summary: `request a token for ${namespace}/${account.name} (TokenRequest)`,
          evidence: [grant],
        });
      }
    }
    return edges;
  },
};

export const READ_TOKEN_SECRET: EdgeRule = {
  kind: 'read-token-secret',
  description: 'get/list secrets holding legacy service-account tokens ⇒ act as the account',
  edges({ caps, model, namespaces }) {
    if (!caps.mayAllow('get', '', 'secrets') && !caps.mayAllow('list', '', 'secrets')) return [];
    const wanted = new Set(namespaces);
    const edges: EscalationEdge[] = [];
    for (const secret of model.tokenSecrets) {
      if (!wanted.has(secret.namespace) || secret.serviceAccount === '') continue;
      const grant =
        caps.can('get', '', 'secrets', secret.namespace, secret.name) ??
        caps.can('list', '', 'secrets', secret.namespace);
      if (!grant) continue;
      edges.push({
        kind: 'read-token-secret',
        to: serviceAccountNode(secret.namespace, secret.serviceAccount),
        summary: `read Secret ${secret.namespace}/${secret.name} (legacy token of ${secret.serviceAccount})`,
        evidence: [grant],
      });
    }
    return edges;
  },
};

export const MINT_TOKEN_SECRET: EdgeRule = {
  kind: 'mint-token-secret',
  description:
    'create + read secrets ⇒ have the token controller fill a token Secret for any account',
  edges({ caps, namespaces, index }) {
    const edges: EscalationEdge[] = [];
    if (!caps.mayAllow('create', '', 'secrets')) return edges;
    for (const namespace of namespaces) {
      const create = caps.can('create', '', 'secrets', namespace);
      if (!create) continue;
      const read =
        caps.can('list', '', 'secrets', namespace) ?? caps.can('get', '', 'secrets', namespace);
      if (!read) continue;
      if ((index.serviceAccounts.get(namespace) ?? []).length === 0) continue;
      edges.push({
        kind: 'mint-token-secret',
        to: accountsNode(namespace, false),
        summary: `create a kubernetes.io/service-account-token Secret in ${namespace} and read the token filled in`,
        evidence: [create, read],
      });
    }
    return edges;
  },
};
