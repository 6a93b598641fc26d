/**
 * `escalate` lets a (Cluster)Role be written with permissions its writer does not hold — but
 * only together with `update`/`patch` (or `create`) on that role. Paired with a role the holder
 * is already bound to, it adds any rule to it:
 *
 * - `escalate` + `update|patch` on a Role bound to the holder in namespace N ⇒ admin of N;
 * - on a ClusterRole bound cluster-wide ⇒ cluster-admin; bound in namespace N ⇒ admin of N;
 * - `escalate` + `create` clusterroles when the holder is bound to an aggregated ClusterRole:
 *   a new ClusterRole carrying the aggregation label injects rules into it.
 *
 * `escalate` alone is no step (the false positive this rule avoids).
 * @module
 */

import type { Grant } from '../../grant.js';
import { type RoleRefKey, roleKey } from '../../model.js';
import type { Capabilities } from '../capabilities.js';
import type { EdgeRule, EscalationEdge } from '../edge.js';
import type { EscalationNode } from '../node.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function adminOf(scope: string): EscalationNode {
  return scope === '' ? { kind: 'cluster-admin' } : { kind: 'namespace-admin', namespace: scope };
}

/** A grant of the bound role as evidence, or a note when the role has no rules yet. */
function boundEvidence(caps: Capabilities, role: RoleRefKey, scope: string): Grant {
  const key = roleKey(role);
  const grant = caps.grants.find((g) => g.role && roleKey(g.role) === key && g.scope === scope);
  if (grant) return grant;
  return {
    scope,
    rule: { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [] },
    role,
    note: `bound to ${key} (no rules yet)`,
  };
}

export const ESCALATE_ROLE: EdgeRule = {
  kind: 'escalate-role',
  description: 'escalate + update/create on a role the holder is bound to ⇒ add any rule to it',
  edges({ caps, model }) {
    const edges: EscalationEdge[] = [];
    const possible =
      caps.mayAllow('escalate', RBAC_GROUP, 'roles') ||
      caps.mayAllow('escalate', RBAC_GROUP, 'clusterroles');
    if (!possible) return edges;
    const seen = new Set<string>();
    for (const bound of caps.boundRoles) {
      const key = `${roleKey(bound.role)}@${bound.scope}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const held = boundEvidence(caps, bound.role, bound.scope);
      const resource = bound.role.kind === 'Role' ? 'roles' : 'clusterroles';
      const where = bound.role.kind === 'Role' ? bound.scope : '';
      const escalate = caps.can('escalate', RBAC_GROUP, resource, where, bound.role.name);
      if (!escalate) continue;
      const write = caps.canAny(['update', 'patch'], RBAC_GROUP, resource, where, bound.role.name);
      if (write) {
        edges.push({
          kind: 'escalate-role',
          to: adminOf(bound.scope),
          summary: `add a "*" rule to ${roleKey(bound.role)}, already bound to the holder ${bound.scope === '' ? 'cluster-wide' : `in ${bound.scope}`}`,
          evidence: [held, escalate, write],
        });
        continue;
      }
      const role = model.roles.get(roleKey(bound.role));
      if (!role?.aggregationSelectors || role.aggregationSelectors.length === 0) continue;
      const create = caps.can('create', RBAC_GROUP, 'clusterroles');
      const escalateAny = caps.can('escalate', RBAC_GROUP, 'clusterroles');
      if (!create || !escalateAny) continue;
      edges.push({
        kind: 'escalate-role',
        to: adminOf(bound.scope),
        summary: `create a ClusterRole labelled for aggregation into ${roleKey(bound.role)}, already bound to the holder`,
        evidence: [held, create, escalateAny],
      });
    }
    return edges;
  },
};
