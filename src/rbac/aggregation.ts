/**
 * ClusterRole aggregation, as the `clusterrole-aggregation` controller computes it: an
 * aggregated ClusterRole's rules are the union of the rules of every ClusterRole (other than
 * itself) whose labels match one of its `clusterRoleSelectors`. Aggregated roles may aggregate
 * other aggregated roles (`admin` → `edit` → `view`), so the union is taken to a fixed point.
 *
 * For manifests the aggregated role's own `rules` are usually empty (the controller fills
 * them); for a live cluster they already hold the union. Keeping both the written rules and
 * the computed union gives the controller's answer in both cases, with each rule traced to
 * the ClusterRole that wrote it.
 * @module
 */
import { selectorMatches } from './label-selector.js';
import { type RbacRole, type RoleRule, roleKey } from './model.js';

function ownRules(role: RbacRole): RoleRule[] {
  return role.rules.map((rule, index) => ({ rule, index, source: role }));
}

/** Effective rules of every role, keyed by `roleKey`. */
export function resolveAggregation(
  roles: ReadonlyMap<string, RbacRole>,
): Map<string, readonly RoleRule[]> {
  const effective = new Map<string, RoleRule[]>();
  const aggregated: RbacRole[] = [];
  for (const [key, role] of roles) {
    effective.set(key, ownRules(role));
    if (role.aggregationSelectors) aggregated.push(role);
  }
  if (aggregated.length === 0) return effective;

  const clusterRoles = [...roles.values()].filter((role) => role.kind === 'ClusterRole');
  const members = new Map<string, RbacRole[]>();
  for (const role of aggregated) {
    const selectors = role.aggregationSelectors ?? [];
    members.set(
      roleKey(role),
      clusterRoles.filter(
        (other) =>
          other !== role && selectors.some((selector) => selectorMatches(selector, other.labels)),
      ),
    );
  }

  // Fixed point: each pass adds member rules not yet present (by source role and index).
  let changed = true;
  while (changed) {
    changed = false;
    for (const role of aggregated) {
      const key = roleKey(role);
      const target = effective.get(key) ?? [];
      const seen = new Set(target.map((r) => `${roleKey(r.source)}#${r.index}`));
      for (const member of members.get(key) ?? []) {
        for (const rule of effective.get(roleKey(member)) ?? []) {
          const id = `${roleKey(rule.source)}#${rule.index}`;
          if (seen.has(id)) continue;
          seen.add(id);
          target.push(rule);
          changed = true;
        }
      }
      effective.set(key, target);
    }
  }
  return effective;
}
