/**
 * HYG-001: dormant principals — users and service accounts named in bindings but not seen in
 * the audit log for `dormantDays`. Those that can still create workloads (pods or any pod
 * controller) rank first: an unused account that can schedule work is the best persistence
 * an attacker can borrow. When the log covers less than the window, the finding says so and
 * drops to informational (absence from a short log proves little).
 * @module
 */
import type { Finding } from '../../finding.js';
import { isBootstrap, isSystemComponent, makeFinding, rbacObject } from '../findings/context.js';
import { principalsOf } from '../findings/principals.js';
import { formatGrant } from '../grant.js';
import { identityOfSubject, serviceAccountUser } from '../identity.js';
import { formatSubject } from '../model.js';
import { workloadCreateRight } from '../workload-rights.js';
import { DAY_MS, type HygieneCheck, isoDay } from './context.js';

export const DORMANT_PRINCIPALS: HygieneCheck = {
  id: 'HYG-001',
  level: 'high',
  title: 'Dormant principal still bound',
  description:
    'A user or service account holds bindings but made no request within the dormancy window; those that can create workloads rank first.',
  run(context) {
    if (!context.hasAudit) return { findings: [] };
    const { analysis, activity, now } = context;
    const windowStart = now.getTime() - context.dormantDays * DAY_MS;
    const covered = activity.fromMs <= windowStart;
    const ranked: Array<{ finding: Finding; creates: boolean; lastMs: number }> = [];
    for (const principal of principalsOf(analysis.model.bindings)) {
      const { subject } = principal;
      if (subject.kind === 'Group' || isSystemComponent(subject)) continue;
      // Bootstrap-only principals are the cluster's own; dormant admins are still reported.
      if (principal.bindings.every(isBootstrap)) continue;
      const username =
        subject.kind === 'ServiceAccount'
          ? serviceAccountUser(subject.namespace ?? '', subject.name)
          : subject.name;
      const seen = activity.byUser.get(username);
      if (seen && seen.lastMs >= windowStart) continue;
      const right = workloadCreateRight(analysis.graph, identityOfSubject(subject));
      const lastMs = seen?.lastMs ?? Number.NaN;
      const level = !covered ? 'informational' : right ? 'high' : 'low';
      const binding = principal.bindings[0];
      const evidence = [
        `last seen: ${isoDay(lastMs)}; audit covers ${isoDay(activity.fromMs)} … ${isoDay(activity.toMs)} (${activity.events} events)`,
        `bindings: ${principal.bindings.map((b) => `${b.kind}/${b.namespace ? `${b.namespace}/` : ''}${b.name}`).join(', ')}`,
      ];
      if (right) {
        evidence.push(
          `can create ${right.resource} in ${right.namespace}${right.grant ? ` via ${formatGrant(right.grant)}` : ''}`,
        );
      }
      if (!covered) {
        evidence.push(
          `the audit log starts after the ${context.dormantDays}-day window begins (${isoDay(windowStart)}): dormancy not proven`,
        );
      }
      ranked.push({
        creates: right !== undefined,
        lastMs,
        finding: makeFinding(DORMANT_PRINCIPALS, {
          source: 'hygiene',
          level,
          message: `${formatSubject(subject)} not seen for ${context.dormantDays} days (last ${isoDay(lastMs)})${right ? ' but can still create workloads' : ''}`,
          now,
          origin: binding?.origin,
          ...(binding ? { object: rbacObject(binding) } : {}),
          matched: [
            { field: 'subject', value: formatSubject(subject) },
            { field: 'lastSeen', value: isoDay(lastMs) },
            { field: 'canCreateWorkloads', value: right !== undefined },
          ],
          evidence,
          remediation:
            'Remove the bindings of accounts nobody uses (or disable the account); grant access again with `cronwarden grant … --for` when it is needed.',
        }),
      });
    }
    // Workload creators first, then the longest silent (never seen before seen long ago).
    ranked.sort(
      (a, b) =>
        Number(b.creates) - Number(a.creates) ||
        (Number.isNaN(a.lastMs) ? -1 : Number.isNaN(b.lastMs) ? 1 : a.lastMs - b.lastMs),
    );
    return { findings: ranked.map((entry) => entry.finding) };
  },
};
