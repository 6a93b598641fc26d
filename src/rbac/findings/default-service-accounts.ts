/**
 * RBAC-005: rights given to default service accounts — the `default` account of a namespace
 * (used by every pod that names no account) or the groups `system:serviceaccounts[:ns]`
 * (every account). A pod that needs rights should run as its own account.
 * @module
 */
import type { Finding } from '../../finding.js';
import { grantAllows } from '../grant.js';
import { formatRule, formatSubject, roleKey } from '../model.js';
import { resourceRequest } from '../rule-match.js';
import { bindingObject, isBootstrap, makeFinding, type RbacCheck } from './context.js';

export const DEFAULT_SERVICE_ACCOUNTS: RbacCheck = {
  id: 'RBAC-005',
  level: 'high',
  title: 'Default service account holds rights',
  description:
    'A binding grants rights to a namespace `default` service account or to system:serviceaccounts[:ns], which every pod without its own account gets.',
  run(context) {
    const findings: Finding[] = [];
    for (const binding of context.model.bindings) {
      if (isBootstrap(binding)) continue;
      const defaults = binding.subjects.filter(
        (s) =>
          (s.kind === 'ServiceAccount' && s.name === 'default') ||
          (s.kind === 'Group' &&
            (s.name === 'system:serviceaccounts' || s.name.startsWith('system:serviceaccounts:'))),
      );
      if (defaults.length === 0) continue;
      const rules = context.model.roleRules.get(roleKey(binding.roleRef)) ?? [];
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
        makeFinding(DEFAULT_SERVICE_ACCOUNTS, {
          level: createsWork ? 'high' : 'medium',
          message: `${defaults.map(formatSubject).join(', ')} ${scope === '' ? 'cluster-wide' : `in namespace ${scope}`} holds ${roleKey(binding.roleRef)}${createsWork ? ', including creating workloads' : ''}`,
          now: context.now,
          origin: binding.origin,
          object: bindingObject(binding),
          matched: [{ field: 'subjects', value: defaults.map(formatSubject) }],
          evidence: rules.map(
            ({ rule, index, source }) => `${roleKey(source)} rule #${index} ${formatRule(rule)}`,
          ),
          remediation:
            'Create a dedicated ServiceAccount for the workload that needs these rights, bind the role to it, and leave `default` without bindings (set automountServiceAccountToken: false on it).',
        }),
      );
    }
    return findings;
  },
};
