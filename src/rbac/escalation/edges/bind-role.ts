/**
 * Binding a role to oneself. RBAC's escalation check lets a (Cluster)RoleBinding be created or
 * updated only by someone who already holds every permission of the referenced role **or**
 * holds `bind` on it (in the binding's namespace; cluster-wide for ClusterRoleBindings). So:
 *
 * - `create`/`update`/`patch` on rolebindings **and** `bind` on a role ⇒ hold that role in the
 *   namespace; `bind` on every ClusterRole ⇒ bind `cluster-admin` ⇒ namespace admin.
 * - the same on clusterrolebindings with cluster-wide `bind` ⇒ hold the role cluster-wide;
 *   `bind` on every ClusterRole ⇒ cluster-admin.
 * - `bind` alone, or creating bindings alone, is no step at all (the false positive other
 *   tools report): without `bind`, one can only hand out rights one already has.
 *
 * `cluster-admin` is a bootstrap ClusterRole present in every cluster, so unrestricted `bind`
 * leads to it even when the manifests do not include it.
 * @module
 */
import type { Grant } from '../../grant.js';
import type { RbacRole } from '../../model.js';
import { apiGroupMatches, resourceMatches, verbMatches } from '../../rule-match.js';
import type { Capabilities } from '../capabilities.js';
import type { EdgeRule, EscalationEdge } from '../edge.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const WRITE = ['create', 'update', 'patch'] as const;

function bindTarget(caps: Capabilities, role: RbacRole, namespace: string): Grant | undefined {
  return caps.can(
    'bind',
    RBAC_GROUP,
    role.kind === 'Role' ? 'roles' : 'clusterroles',
    namespace,
    role.name,
  );
}

/** Roles named by the holder's `bind` rules; every role when some bind rule names none. */
function bindCandidates(caps: Capabilities, roles: ReadonlyMap<string, RbacRole>): RbacRole[] {
  const names = new Set<string>();
  for (const { rule } of caps.grants) {
    const binds =
      verbMatches(rule, 'bind') &&
      apiGroupMatches(rule, RBAC_GROUP) &&
      (resourceMatches(rule, 'roles', '') || resourceMatches(rule, 'clusterroles', ''));
    if (!binds) continue;
    if (rule.resourceNames.length === 0) return [...roles.values()];
    for (const name of rule.resourceNames) names.add(name);
  }
  if (names.size === 0) return [];
  return [...roles.values()].filter((role) => names.has(role.name));
}

export const BIND_ROLE: EdgeRule = {
  kind: 'bind-role',
  description: 'create/update a (Cluster)RoleBinding AND bind the role ⇒ hold the role',
  edges({ caps, model, namespaces }) {
    const edges: EscalationEdge[] = [];
    const possible =
      (caps.mayAllow('bind', RBAC_GROUP, 'clusterroles') ||
        caps.mayAllow('bind', RBAC_GROUP, 'roles')) &&
      WRITE.some(
        (verb) =>
          caps.mayAllow(verb, RBAC_GROUP, 'rolebindings') ||
          caps.mayAllow(verb, RBAC_GROUP, 'clusterrolebindings'),
      );
    if (!possible) return edges;
    // Only roles the holder may bind by name are candidates (unrestricted bind on every
    // ClusterRole is handled above as "bind cluster-admin").
    const roles = bindCandidates(caps, model.roles);
    const crbWrite = caps.canAny(WRITE, RBAC_GROUP, 'clusterrolebindings');
    if (crbWrite) {
      const any = caps.can('bind', RBAC_GROUP, 'clusterroles');
      if (any) {
        edges.push({
          kind: 'bind-role',
          to: { kind: 'cluster-admin' },
          summary: 'create a ClusterRoleBinding to ClusterRole cluster-admin for oneself',
          evidence: [crbWrite, any],
        });
      } else {
        for (const role of roles) {
          if (role.kind !== 'ClusterRole') continue;
          const bind = bindTarget(caps, role, '');
          if (!bind) continue;
          edges.push({
            kind: 'bind-role',
            to: { kind: 'role', role: { kind: 'ClusterRole', name: role.name }, scope: '' },
            summary: `create a ClusterRoleBinding to ClusterRole ${role.name} for oneself`,
            evidence: [crbWrite, bind],
          });
        }
      }
    }
    for (const namespace of namespaces) {
      const rbWrite = caps.canAny(WRITE, RBAC_GROUP, 'rolebindings', namespace);
      if (!rbWrite) continue;
      const any = caps.can('bind', RBAC_GROUP, 'clusterroles', namespace);
      if (any) {
        edges.push({
          kind: 'bind-role',
          to: { kind: 'namespace-admin', namespace },
          summary: `create a RoleBinding in ${namespace} to ClusterRole cluster-admin for oneself`,
          evidence: [rbWrite, any],
        });
        continue;
      }
      for (const role of roles) {
        if (role.kind === 'Role' && role.namespace !== namespace) continue;
        const bind = bindTarget(caps, role, namespace);
        if (!bind) continue;
        const ref =
          role.kind === 'Role'
            ? { kind: 'Role' as const, name: role.name, namespace }
            : { kind: 'ClusterRole' as const, name: role.name };
        edges.push({
          kind: 'bind-role',
          to: { kind: 'role', role: ref, scope: namespace },
          summary: `create a RoleBinding in ${namespace} to ${role.kind} ${role.name} for oneself`,
          evidence: [rbWrite, bind],
        });
      }
    }
    return edges;
  },
};
