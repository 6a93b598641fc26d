/**
 * A grant: one rule reaching one principal in one scope, with the chain that proves it
 * (binding → subject → role → rule). Every RBAC answer is a list of these.
 * @module
 */
import { formatLocation } from '../errors.js';
import type { ObjectOrigin } from '../inventory/object.js';
import {
  bindingKey,
  formatRule,
  formatSubject,
  type PolicyRule,
  type RbacBinding,
  type RoleRefKey,
  type RoleRule,
  roleKey,
  type Subject,
} from './model.js';
import { type AccessRequest, ruleAllows } from './rule-match.js';

export interface Grant {
  /** The namespace the rule applies in; `''` for cluster-wide (ClusterRoleBinding). */
  readonly scope: string;
  readonly rule: PolicyRule;
  /** Where the rule was written (absent for synthetic grants of the escalation graph). */
  readonly roleRule?: RoleRule;
  /** The role the binding references. */
  readonly role?: RoleRefKey;
  readonly binding?: RbacBinding;
  /** The binding subject that matched the principal (`Group system:authenticated`, …). */
  readonly subject?: Subject;
  /** For synthetic grants: why the principal holds the rule. */
  readonly note?: string;
}

/** Does the grant allow the request (rule match and scope)? */
export function grantAllows(grant: Grant, request: AccessRequest): boolean {
  if (request.kind === 'non-resource') {
    return grant.scope === '' && ruleAllows(grant.rule, request);
  }
  if (grant.scope !== '' && grant.scope !== request.namespace) return false;
  return ruleAllows(grant.rule, request);
}

function originText(origin: ObjectOrigin | undefined): string {
  if (!origin) return '';
  return ` [${formatLocation(origin)}]`;
}

/**
 * One evidence line:
 * `RoleBinding/ci/deployers [rbac.yaml:40] (Group ci-bots) → ClusterRole/edit → rule #3 of
 * ClusterRole/aggregate-cron [rbac.yaml:12] {verbs:[create] …} in ci`.
 */
export function formatGrant(grant: Grant, options: { readonly withRule?: boolean } = {}): string {
  const scope = grant.scope === '' ? 'cluster-wide' : `in ${grant.scope}`;
  const rule = options.withRule === false ? '' : ` ${formatRule(grant.rule)} ${scope}`;
  if (!grant.binding || !grant.role || !grant.roleRule) {
    return `${grant.note ?? 'granted'} →${rule || ` ${scope}`}`;
  }
  const source = grant.roleRule.source;
  const sourceKey = roleKey(source);
  const from =
    sourceKey === roleKey(grant.role)
      ? `rule #${grant.roleRule.index}`
      : `rule #${grant.roleRule.index} of ${sourceKey}${originText(source.origin)} (aggregated)`;
  const subject = grant.subject ? ` (${formatSubject(grant.subject)})` : '';
  return `${bindingKey(grant.binding)}${originText(grant.binding.origin)}${subject} → ${roleKey(grant.role)} → ${from}${rule}`;
}

/** JSON form of a grant for `--format json`. */
export function grantToJson(grant: Grant): Record<string, unknown> {
  return {
    scope: grant.scope === '' ? '*' : grant.scope,
    rule: grant.rule,
    ...(grant.binding
      ? {
          binding: {
            kind: grant.binding.kind,
            name: grant.binding.name,
            ...(grant.binding.namespace ? { namespace: grant.binding.namespace } : {}),
            origin: grant.binding.origin,
          },
        }
      : {}),
    ...(grant.subject ? { subject: grant.subject } : {}),
    ...(grant.role ? { role: grant.role } : {}),
    ...(grant.roleRule
      ? {
          ruleSource: {
            kind: grant.roleRule.source.kind,
            name: grant.roleRule.source.name,
            ...(grant.roleRule.source.namespace
              ? { namespace: grant.roleRule.source.namespace }
              : {}),
            index: grant.roleRule.index,
            origin: grant.roleRule.source.origin,
          },
        }
      : {}),
    ...(grant.note ? { note: grant.note } : {}),
  };
}
