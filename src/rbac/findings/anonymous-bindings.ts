/**
 * RBAC-004: bindings for anonymous requests (`system:anonymous`, `system:unauthenticated`).
 * The bootstrap `system:public-info-viewer` binding (health and version endpoints) is the
 * default and is not reported. Write verbs or secrets make it critical.
 * @module
 */
import type { Finding } from '../../finding.js';
import { formatSubject, roleKey, type Subject } from '../model.js';
import { bindingsNaming, namedSubjectsFinding, type RbacCheck } from './context.js';

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

const isAnonymous = (subject: Subject) =>
  (subject.kind === 'User' && subject.name === 'system:anonymous') ||
  (subject.kind === 'Group' && subject.name === 'system:unauthenticated');

export const ANONYMOUS_BINDINGS: RbacCheck = {
  id: 'RBAC-004',
  level: 'critical',
  title: 'Binding grants rights to anonymous or unauthenticated requests',
  description:
    'A binding names the user system:anonymous or the group system:unauthenticated (beyond the bootstrap public-info binding).',
  run(context) {
    const findings: Finding[] = [];
    const bindings = bindingsNaming(context.model, isAnonymous);
    for (const named of bindings) {
      const { binding, subjects: anonymous, rules } = named;
      const dangerous = rules.some(
        ({ rule }) =>
          rule.verbs.some((verb) => WRITE_VERBS.has(verb)) ||
          rule.resources.some((r) => r === 'secrets' || r === '*'),
      );
      findings.push(
        namedSubjectsFinding(ANONYMOUS_BINDINGS, context, named, {
          level: dangerous ? 'critical' : 'high',
          message: `${anonymous.map(formatSubject).join(', ')} ${binding.kind === 'RoleBinding' ? `in namespace ${binding.namespace}` : 'cluster-wide'} holds ${roleKey(binding.roleRef)}: anyone who can reach the API server has these rights`,
          remediation:
            'Remove the anonymous subject (or disable anonymous auth with --anonymous-auth=false / an AuthenticationConfiguration allowing only health endpoints).',
        }),
      );
    }
    return findings;
  },
};
