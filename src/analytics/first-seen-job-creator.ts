/**
 * CW-007 (stateful part): a service account writes a CronJob or Job in a namespace where it
 * never did before. Humans and controllers are out of scope (CW-001 inventories humans);
 * service accounts that start scheduling work are what a stolen token or a compromised
 * operator looks like. Without a learned baseline the first write of every service account in
 * the input is reported, so the finding is `low` (inventory) and explains that; with the
 * `known` seed (from `baseline learn`) only real first times are reported.
 * @module
 */
import type { Finding } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { AnalyticContext, AnalyticDefinition, AnalyticMeta } from './analytic.js';
import { extraValue, pastTense, readAudit } from './audit-record.js';
import { buildFinding, isAcceptedJobWrite } from './finding-builder.js';
import { compileKnownPrincipal, parseServiceAccount } from './principals.js';

const META: AnalyticMeta = {
  id: 'CW-007',
  title: 'Service Account Writes a CronJob or Job for the First Time in a Namespace',
  level: 'low',
  tags: ['attack.persistence', 'attack.execution', 'attack.t1053.007', 'attack.t1078.004'],
  source: 'pack',
  description:
    'A service account (not a controller) created, replaced or patched a CronJob or Job in a ' +
    'namespace where it was never seen doing so before. Raised to medium when the request ' +
    'came from inside a pod (pod-bound token).',
  falsepositives: [
    'The first deploy of a new CI/CD or operator service account; learn a baseline so only ' +
      'real first times are reported.',
  ],
};

/** Seeds: `namespace → service-account usernames` already known to write jobs. */
export type KnownJobWriters = ReadonlyMap<string, ReadonlySet<string>>;

class FirstSeenJobCreator {
  readonly meta = META;
  readonly #seen = new Map<string, Set<string>>();
  readonly #isKnownPrincipal: (username: string) => boolean;

  constructor(context: AnalyticContext, known: KnownJobWriters) {
    this.#isKnownPrincipal = compileKnownPrincipal(context.allowlist);
    for (const [namespace, writers] of known) this.#seen.set(namespace, new Set(writers));
  }

  observe(event: NormalizedEvent): readonly Finding[] {
    const record = readAudit(event);
    if (!record || !isAcceptedJobWrite(record)) return [];
    const account = parseServiceAccount(record.username);
    if (!account || this.#isKnownPrincipal(record.username)) return [];
    const namespace = record.namespace ?? '';
    let writers = this.#seen.get(namespace);
    if (writers === undefined) {
      writers = new Set();
      this.#seen.set(namespace, writers);
    }
    if (writers.has(record.username)) return [];
    writers.add(record.username);
    const pod = extraValue(record, 'authentication.kubernetes.io/pod-name');
    const evidence = [
      `first ${record.resource} write by ${record.username} in namespace ${namespace || '(cluster)'} in the observed history`,
    ];
    if (pod) evidence.push(`request came from pod ${account.namespace}/${pod} (pod-bound token)`);
    return [
      buildFinding(META, event, record, {
        level: pod ? 'medium' : 'low',
        message: `service account ${account.namespace}/${account.name} ${pastTense(record.verb)} ${record.resource} ${namespace}/${record.name ?? ''} for the first time`,
        matched: [{ field: 'user.username', value: record.username }],
        evidence,
      }),
    ];
  }
}

/** Builds CW-007 with an optional baseline seed. */
export function firstSeenJobCreator(known: KnownJobWriters = new Map()): AnalyticDefinition {
  return { meta: META, create: (context) => new FirstSeenJobCreator(context, known) };
}

export const FIRST_SEEN_JOB_CREATOR: AnalyticDefinition = firstSeenJobCreator();
