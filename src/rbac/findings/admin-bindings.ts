/**
 * RBAC-003: bindings that make principals cluster-admin: a ClusterRoleBinding to
 * `cluster-admin` or to any role whose rules are `*` on everything, and any binding naming the
 * `system:masters` group (its members bypass RBAC entirely). The bootstrap binding of
 * `cluster-admin` to `system:masters` is every cluster's default and is not reported. A
 * RoleBinding to cluster-admin makes a namespace admin and is reported one level lower.
 * @module
 */
import type { Finding } from '../../finding.js';
import { SUPERUSER_GROUP } from '../identity.js';
import { formatSubject, roleKey } from '../model.js';
import { isBootstrap, isBroadSubject, makeFinding, type RbacCheck, rbacObject } from './context.js';

export const ADMIN_BINDINGS: RbacCheck = {
  id: 'RBAC-003',
  level: 'critical',
  title: 'cluster-admin or system:masters binding',
  description:
    'A binding grants cluster-admin (or a role equal to it) or names the system:masters group.',
  run(context) {
    const findings: Finding[] = [];
    for (const binding of context.model.bindings) {
      if (isBootstrap(binding)) continue;
      const rules = context.model.roleRules.get(roleKey(binding.roleRef)) ?? [];
      const isFullWildcard = rules.some(
        ({ rule }) =>
          rule.verbs.includes('*') &&
          rule.apiGroups.includes('*') &&
          rule.resources.includes('*') &&
          rule.resourceNames.length === 0,
      );
      const masters = binding.subjects.filter(
        (subject) => subject.kind === 'Group' && subject.name === SUPERUSER_GROUP,
      );
      const isAdminRole = binding.roleRef.name === 'cluster-admin' || isFullWildcard;
      if (!isAdminRole && masters.length === 0) continue;
      const subjects = binding.subjects.map(formatSubject);
      const clusterWide = binding.kind === 'ClusterRoleBinding';
      const broad = binding.subjects.some(isBroadSubject);
      const level = broad ? 'critical' : clusterWide || masters.length > 0 ? 'high' : 'medium';
      const what = isAdminRole
        ? `${roleKey(binding.roleRef)} (every verb on every resource) ${clusterWide ? 'cluster-wide' : `in namespace ${binding.namespace}`}`
        : `a binding naming group ${SUPERUSER_GROUP} (members bypass RBAC)`;
      findings.push(
        makeFinding(ADMIN_BINDINGS, {
          level,
          message: `${subjects.join(', ')} ${subjects.length === 1 ? 'holds' : 'hold'} ${what}`,
          now: context.now,
          origin: binding.origin,
          object: rbacObject(binding),
          matched: [
            { field: 'roleRef', value: roleKey(binding.roleRef) },
            { field: 'subjects', value: subjects },
          ],
          evidence: [
            `${binding.kind}/${binding.name} → ${roleKey(binding.roleRef)} → subjects: ${subjects.join(', ')}`,
          ],
          remediation:
            'Keep cluster-admin for break-glass accounts; give people namespace-scoped roles and grant admin for a bounded time with `cronwarden grant`.',
        }),
      );
    }
    return findings;
  },
};
