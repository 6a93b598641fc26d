/**
 * RBAC-005: rights given to default service accounts — the `default` account of a namespace
 * (used by every pod that names no account) or the groups `system:serviceaccounts[:ns]`
 * (every account). A pod that needs rights should run as its own account.
 * @module
 */
import type { Finding } from '../../finding.js';
import { grantAllows } from '../grant.js';
import { formatSubject, roleKey, type Subject } from '../model.js';
import { resourceRequest } from '../rule-match.js';
import { bindingsNaming, namedSubjectsFinding, type RbacCheck } from './context.js';

/** A namespace's `default` account, or the groups of every service account. */
const isDefaultAccount = (subject: Subject) =>
  (subject.kind === 'ServiceAccount' && subject.name === 'default') ||
  (subject.kind === 'Group' &&
    (subject.name === 'system:serviceaccounts' ||
      subject.name.startsWith('system:serviceaccounts:')));

export const DEFAULT_SERVICE_ACCOUNTS: RbacCheck = {
  id: 'RBAC-005',
  level: 'high',
  title: 'Default service account holds rights',
  description:
    'A binding grants rights to a namespace `default` service account or to system:serviceaccounts[:ns], which every pod without its own account gets.',
  run(context) {
    const findings: Finding[] = [];
    const bindings = bindingsNaming(context.model, isDefaultAccount);
    for (const named of bindings) {
      const { binding, subjects: defaults, rules } = named;
      if (rules.length === 0) continue;
      const scope = binding.kind === 'RoleBinding' ? (binding.namespace ?? '') : '';
      const probe = scope === '' ? 'default' : scope;
      const createsWork = rules.some(({ rule }) =>
        ['pods', 'cronjobs', 'jobs', 'deployments'].some((resource) =>
          grantAllows(
            { scope, rule },
            resourceRequest(
              'create',
              resource === 'pods' ? '' : resource === 'deployments' ? 'apps' : 'batch',
              resource,
              probe,
            ),
          ),
        ),
      );
      findings.push(
        namedSubjectsFinding(DEFAULT_SERVICE_ACCOUNTS, context, named, {
          level: createsWork ? 'high' : 'medium',
          message: `${defaults.map(formatSubject).join(', ')} ${scope === '' ? 'cluster-wide' : `in namespace ${scope}`} holds ${roleKey(binding.roleRef)}${createsWork ? ', including creating workloads' : ''}`,
          remediation:
            'Create a dedicated ServiceAccount for the workload that needs these rights, bind the role to it, and leave `default` without bindings (set automountServiceAccountToken: false on it).',
        }),
      );
    }
    return findings;
  },
};
