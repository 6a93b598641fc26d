/**
 * RBAC-001: principals other than administrators that can create CronJobs or Jobs (the M1018
 * goal "only administrators can create jobs"), one finding per principal and scope.
 * @module
 */
import type { Finding } from '../../finding.js';
import { formatGrant, type Grant } from '../grant.js';
import { identityOfSubject } from '../identity.js';
import { formatSubject, type Subject } from '../model.js';
import { resourceRequest } from '../rule-match.js';
import {
  isBootstrap,
  isBroadSubject,
  makeFinding,
  type RbacCheck,
  rbacObject,
  subjectKeyOf,
} from './context.js';
import { isAdministrator, principalsOf } from './principals.js';

export const CREATE_WORKLOADS: RbacCheck = {
  id: 'RBAC-001',
  level: 'high',
  title: 'Principal beyond administrators can create CronJobs/Jobs',
  description:
    'A user, group or service account that is not an administrator holds create on batch cronjobs or jobs (per namespace, or cluster-wide).',
  run(context) {
    const { authorizer } = context;
    const admins = new Set(
      principalsOf(context.model.bindings)
        .filter((principal) => isAdministrator(principal, context))
        .map((principal) => subjectKeyOf(principal.subject)),
    );
    const grouped = new Map<string, { subject: Subject; scope: string; grants: Grant[] }>();
    for (const resource of ['cronjobs', 'jobs']) {
      for (const grant of authorizer.whoCan(resourceRequest('create', 'batch', resource), true)) {
        if (!grant.subject || !grant.binding || isBootstrap(grant.binding)) continue;
        const subjectKey = subjectKeyOf(grant.subject);
        if (admins.has(subjectKey)) continue;
        // Cluster-admin equivalents are reported by RBAC-003 instead.
        if (isClusterAdminEquivalent(context, grant.subject)) continue;
        const key = `${subjectKey}@${grant.scope}`;
        const entry = grouped.get(key);
        if (entry) entry.grants.push(grant);
        else grouped.set(key, { subject: grant.subject, scope: grant.scope, grants: [grant] });
      }
    }
    const findings: Finding[] = [];
    for (const { subject, scope, grants } of grouped.values()) {
      const first = grants[0] as Grant; // every entry starts with one grant
      const where = scope === '' ? 'in every namespace' : `in namespace ${scope}`;
      const broad = isBroadSubject(subject);
      findings.push(
        makeFinding(CREATE_WORKLOADS, {
          level: broad || scope === '' ? 'high' : 'medium',
          message: `${formatSubject(subject)} can create ${[...new Set(grants.map((g) => describeResource(g)))].join(' and ')} ${where}`,
          now: context.now,
          origin: first.binding?.origin,
          ...(first.binding ? { object: rbacObject(first.binding) } : {}),
          matched: [
            { field: 'subject', value: formatSubject(subject) },
            { field: 'scope', value: scope === '' ? '*' : scope },
          ],
          evidence: grants.map((grant) => formatGrant(grant)),
          remediation:
            'Remove create on cronjobs/jobs from this binding (or bind a narrower role); let a reviewed deployer or GitOps controller create scheduled work. Use `cronwarden grant` for time-bound access.',
        }),
      );
    }
    return findings;
  },
};

function describeResource(grant: Grant): string {
  const resources = grant.rule.resources;
  if (resources.includes('*')) return 'CronJobs/Jobs';
  return resources.includes('cronjobs') ? 'CronJobs' : 'Jobs';
}

function isClusterAdminEquivalent(
  context: Parameters<RbacCheck['run']>[0],
  subject: Subject,
): boolean {
  const node = { kind: 'identity' as const, identity: identityOfSubject(subject) };
  return context.graph.satisfies(node, { kind: 'cluster-admin' }) !== undefined;
}
