/**
 * HYG-005: activity per credential (`user.extra["authentication.kubernetes.io/credential-id"]`:
 * the JTI of a bound service-account token, the serial of an X.509 client certificate).
 * One finding per credential that wrote workloads (low) — a stolen token shows up as a
 * credential writing CronJobs it never wrote before — and an informational summary for the
 * others, so a responder can revoke exactly the credential that was used.
 * @module
 */
import type { Finding } from '../../finding.js';
import { makeFinding } from '../findings/context.js';
import type { AuditFact } from './audit-fact.js';
import { type HygieneCheck, isoDay } from './context.js';
import { workloadWriteKind } from './workload-writes.js';

interface CredentialActivity {
  readonly users: Set<string>;
  count: number;
  firstMs: number;
  lastMs: number;
  readonly verbs: Map<string, number>;
  readonly writes: string[];
  readonly origin: AuditFact['origin'];
}

/** Per-credential activity, keyed by credential id. */
export function credentialActivity(facts: Iterable<AuditFact>): Map<string, CredentialActivity> {
  const byCredential = new Map<string, CredentialActivity>();
  for (const fact of facts) {
    if (!fact.credentialId) continue;
    let entry = byCredential.get(fact.credentialId);
    if (!entry) {
      entry = {
        users: new Set(),
        count: 0,
        firstMs: fact.timeMs,
        lastMs: fact.timeMs,
        verbs: new Map(),
        writes: [],
        origin: fact.origin,
      };
      byCredential.set(fact.credentialId, entry);
    }
    entry.users.add(fact.user);
    entry.count++;
    entry.firstMs = Math.min(entry.firstMs, fact.timeMs);
    entry.lastMs = Math.max(entry.lastMs, fact.timeMs);
    entry.verbs.set(fact.verb, (entry.verbs.get(fact.verb) ?? 0) + 1);
    const kind = workloadWriteKind(fact);
    if (kind)
      entry.writes.push(
        `${isoDay(fact.timeMs)} ${fact.verb} ${kind} ${fact.namespace}/${fact.name}`,
      );
  }
  return byCredential;
}

const MAX_WRITES = 10;

export const CREDENTIAL_ACTIVITY: HygieneCheck = {
  id: 'HYG-005',
  level: 'low',
  title: 'Credential activity',
  description:
    'Requests grouped by credential id (authentication.kubernetes.io/credential-id): who used it, when, and which workloads it wrote.',
  run(context) {
    const findings: Finding[] = [];
    for (const [credential, entry] of credentialActivity(context.facts)) {
      const users = [...entry.users].sort();
      const verbs = [...entry.verbs].map(([verb, n]) => `${verb}×${n}`).join(' ');
      findings.push(
        makeFinding(CREDENTIAL_ACTIVITY, {
          source: 'hygiene',
          level: entry.writes.length > 0 || users.length > 1 ? 'low' : 'informational',
          message: `credential ${credential} of ${users.join(', ')}: ${entry.count} request(s) ${isoDay(entry.firstMs)} … ${isoDay(entry.lastMs)}${entry.writes.length > 0 ? `, ${entry.writes.length} workload write(s)` : ''}`,
          now: context.now,
          origin: entry.origin,
          matched: [
            { field: 'user.extra.authentication.kubernetes.io/credential-id', value: credential },
            { field: 'user.username', value: users },
          ],
          evidence: [
            `verbs: ${verbs}`,
            ...entry.writes.slice(0, MAX_WRITES),
            ...(entry.writes.length > MAX_WRITES
              ? [`… and ${entry.writes.length - MAX_WRITES} more writes`]
              : []),
          ],
          remediation:
            'If the activity is unexpected, revoke this credential (delete the bound pod/Secret or revoke the certificate) rather than the whole account.',
        }),
      );
    }
    return { findings };
  },
};
