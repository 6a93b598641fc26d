/**
 * RBAC-004: bindings for anonymous requests (`system:anonymous`, `system:unauthenticated`).
 * The bootstrap `system:public-info-viewer` binding (health and version endpoints) is the
 * default and is not reported. Write verbs or secrets make it critical.
 * @module
 */
import type { Finding } from '../../finding.js';
import { formatRule, formatSubject, roleKey } from '../model.js';
import { bindingObject, isBootstrap, makeFinding, type RbacCheck } from './context.js';

const WRITE_VERBS = new Set([
  '*',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'impersonate',
  'bind',
  'escalate',
]);

export const ANONYMOUS_BINDINGS: RbacCheck = {
  id: 'RBAC-004',
  level: 'critical',
  title: 'Binding grants rights to anonymous or unauthenticated requests',
  description:
    'A binding names the user system:anonymous or the group system:unauthenticated (beyond the bootstrap public-info binding).',
  run(context) {
    const findings: Finding[] = [];
    for (const binding of context.model.bindings) {
      if (isBootstrap(binding)) continue;
      const anonymous = binding.subjects.filter(
        (s) =>
          (s.kind === 'User' && s.name === 'system:anonymous') ||
          (s.kind === 'Group' && s.name === 'system:unauthenticated'),
      );
      if (anonymous.length === 0) continue;
      const rules = context.model.roleRules.get(roleKey(binding.roleRef)) ?? [];
      const dangerous = rules.some(
        ({ rule }) =>
          rule.verbs.some((verb) => WRITE_VERBS.has(verb)) ||
          rule.resources.some((r) => r === 'secrets' || r === '*'),
      );
      findings.push(
        makeFinding(ANONYMOUS_BINDINGS, {
          level: dangerous ? 'critical' : 'high',
          message: `${anonymous.map(formatSubject).join(', ')} ${binding.kind === 'RoleBinding' ? `in namespace ${binding.namespace}` : 'cluster-wide'} holds ${roleKey(binding.roleRef)}: anyone who can reach the API server has these rights`,
          now: context.now,
          origin: binding.origin,
          object: bindingObject(binding),
          matched: [{ field: 'subjects', value: anonymous.map(formatSubject) }],
          evidence: rules.map(
            ({ rule, index, source }) => `${roleKey(source)} rule #${index} ${formatRule(rule)}`,
          ),
          remediation:
            'Remove the anonymous subject (or disable anonymous auth with --anonymous-auth=false / an AuthenticationConfiguration allowing only health endpoints).',
        }),
      );
    }
    return findings;
  },
};
