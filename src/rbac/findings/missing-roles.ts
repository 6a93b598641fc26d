/**
 * RBAC-006: bindings whose role does not exist. They grant nothing today, but whoever creates
 * a role of that name later grants it to the binding's subjects at once. Built-in ClusterRoles
 * (`cluster-admin`, `admin`, `edit`, `view`, `system:*`) exist in every cluster and are not
 * reported when the input simply does not include them.
 * @module
 */
import type { Finding } from '../../finding.js';
import { formatSubject, roleKey } from '../model.js';
import { makeFinding, type RbacCheck, rbacObject } from './context.js';

const BUILT_IN = new Set(['cluster-admin', 'admin', 'edit', 'view']);

export const MISSING_ROLES: RbacCheck = {
  id: 'RBAC-006',
  level: 'medium',
  title: 'Binding references a role that does not exist',
  description:
    'A RoleBinding or ClusterRoleBinding references a Role/ClusterRole that is not present; creating it later silently grants its rules.',
  run(context) {
    const findings: Finding[] = [];
    for (const binding of context.model.bindings) {
      const { roleRef } = binding;
      if (context.model.roles.has(roleKey(roleRef))) continue;
      if (
        roleRef.kind === 'ClusterRole' &&
        (BUILT_IN.has(roleRef.name) || roleRef.name.startsWith('system:'))
      ) {
        continue;
      }
      findings.push(
        makeFinding(MISSING_ROLES, {
          level: 'medium',
          message: `${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name} references missing ${roleKey(roleRef)}; creating it would grant it to ${binding.subjects.map(formatSubject).join(', ') || 'no subject'}`,
          now: context.now,
          origin: binding.origin,
          object: rbacObject(binding),
          matched: [{ field: 'roleRef', value: roleKey(roleRef) }],
          remediation: 'Delete the binding, or create the intended role deliberately.',
        }),
      );
    }
    return findings;
  },
};
