/**
 * HYG-006: time-bound grants past their expiry that still exist (nobody ran `cronwarden
 * expire`, or it failed): the access is still live.
 * HYG-007: workloads (CronJobs, Jobs and every other pod controller) that a grant's holder
 * created or changed while the grant was live — persistence that outlives a JIT grant is
 * exactly T1053.007. Critical when the grant has ended and the workload still exists.
 * @module
 */
import type { Finding } from '../../finding.js';
import { makeFinding, rbacObject } from '../findings/context.js';
import { grantWindows } from '../grants/expiry.js';
import { parseServiceAccountUser } from '../identity.js';
import { formatSubject, type Subject } from '../model.js';
import type { AuditFact } from './audit-fact.js';
import { type HygieneCheck, isoDay } from './context.js';
import { workloadWriteKind } from './workload-writes.js';

function factIsBy(fact: AuditFact, subject: Subject): boolean {
  const user = fact.impersonatedUser ?? fact.user;
  switch (subject.kind) {
    case 'User':
      return user === subject.name;
    case 'Group':
      return fact.groups.includes(subject.name);
    case 'ServiceAccount': {
      const account = parseServiceAccountUser(user);
      return (
        account !== undefined &&
        account.namespace === subject.namespace &&
        account.name === subject.name
      );
    }
    default: {
      const unreachable: never = subject.kind;
      throw new Error(`unknown subject kind ${String(unreachable)}`);
    }
  }
}

const PAST: Readonly<Record<string, string>> = {
  create: 'created',
  update: 'updated',
  patch: 'patched',
};

export const EXPIRED_GRANTS: HygieneCheck = {
  id: 'HYG-006',
  level: 'high',
  title: 'Time-bound grant past expiry',
  description: 'A RoleBinding with cronwarden.io/expires-at in the past still exists.',
  run(context) {
    const { windows, issues } = grantWindows(context.analysis.model.bindings);
    const findings: Finding[] = [];
    for (const window of windows) {
      if (window.endMs > context.now.getTime()) continue;
      const { binding } = window;
      findings.push(
        makeFinding(EXPIRED_GRANTS, {
          source: 'hygiene',
          level: 'high',
          message: `grant ${binding.namespace}/${binding.name} for ${binding.subjects.map(formatSubject).join(', ')} expired ${isoDay(window.endMs)} but still exists`,
          now: context.now,
          origin: binding.origin,
          object: rbacObject(binding),
          matched: [
            { field: 'metadata.annotations.cronwarden.io/expires-at', value: isoDay(window.endMs) },
          ],
          remediation:
            'Run `cronwarden expire --kubeconfig` (or delete the RoleBinding) and check HYG-007 for what was written meanwhile.',
        }),
      );
    }
    return { findings, issues };
  },
};

export const WRITES_DURING_GRANT: HygieneCheck = {
  id: 'HYG-007',
  level: 'critical',
  title: 'Workload written during a time-bound grant',
  description:
    'The holder of a JIT grant created or changed a CronJob, Job or other workload while the grant was live; it may outlive the grant.',
  run(context) {
    if (!context.hasAudit) return { findings: [] };
    const { windows } = grantWindows(context.analysis.model.bindings);
    const existing = new Set(
      context.analysis.model.workloads.map((w) => `${w.kind}/${w.namespace}/${w.name}`),
    );
    const findings: Finding[] = [];
    const nowMs = context.now.getTime();
    for (const window of windows) {
      const endMs = Math.min(window.endMs, nowMs);
      const ended = window.endMs <= nowMs;
      for (const fact of context.facts) {
        if (fact.timeMs > endMs || (!Number.isNaN(window.startMs) && fact.timeMs < window.startMs))
          continue;
        const kind = workloadWriteKind(fact);
        if (!kind) continue;
        const subject = window.binding.subjects.find((s) => factIsBy(fact, s));
        if (!subject) continue;
        const key = `${kind}/${fact.namespace}/${fact.name}`;
        const stillThere = existing.has(key);
        findings.push(
          makeFinding(WRITES_DURING_GRANT, {
            source: 'hygiene',
            level:
              ended && stillThere
                ? 'critical'
                : kind === 'CronJob' || kind === 'Job'
                  ? 'high'
                  : 'medium',
            message: `${formatSubject(subject)} ${PAST[fact.verb] ?? fact.verb} ${kind} ${fact.namespace}/${fact.name} during grant ${window.binding.namespace}/${window.binding.name}${ended ? (stillThere ? '; the grant has ended and the workload still exists' : '; the grant has ended') : ''}`,
            now: context.now,
            origin: fact.origin,
            object: { kind, namespace: fact.namespace, name: fact.name },
            matched: [
              { field: 'verb', value: fact.verb },
              { field: 'objectRef', value: key },
              { field: 'user.username', value: fact.user },
            ],
            evidence: [
              `grant window ${isoDay(window.startMs)} … ${isoDay(window.endMs)} (${window.binding.kind}/${window.binding.namespace}/${window.binding.name})`,
              `write at ${isoDay(fact.timeMs)} by ${fact.user}${fact.impersonatedUser ? ` as ${fact.impersonatedUser}` : ''}`,
            ],
            remediation:
              'Review the workload: delete it if it was not part of the approved change, and check its template (commands, image, service account).',
          }),
        );
      }
    }
    return { findings };
  },
};
