/**
 * CW-016 (ingest part): CronJob/Job events the ingest layer could only partly read — EKS
 * CloudWatch lines cut at 256 KB (`[Truncated...]`), whose leading fields (who, verb,
 * objectRef) are salvaged but whose body is lost. The Sigma rule CW-016 covers the blind
 * spots visible inside an event (truncation annotation, AKS marker, Metadata level); this
 * analytic covers the ones only the decoder knows about (`NormalizedEvent.blindSpot`).
 * @module
 */
import type { Finding } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { AnalyticContext, AnalyticDefinition, AnalyticMeta } from './analytic.js';
import { readAudit } from './audit-record.js';
import { buildFinding } from './finding-builder.js';
import { compileKnownPrincipal } from './principals.js';

const META: AnalyticMeta = {
  id: 'CW-016',
  title: 'CronJob or Job Event Truncated by the Log Pipeline (Blind Spot)',
  level: 'low',
  tags: ['attack.defense-evasion', 'attack.t1053.007', 'attack.t1562.008'],
  source: 'pack',
  description:
    'A CronJob/Job write whose body was cut by the log pipeline (EKS CloudWatch 256 KB limit), ' +
    'so template rules could not inspect it. Oversized CronJobs are also a way to hide a payload.',
  falsepositives: ['CronJobs with very large inline scripts or many environment variables.'],
};

/** Reasons the Sigma rule CW-016 already sees inside the event. */
const SEEN_BY_SIGMA = new Set([
  'audit.k8s.io/truncated',
  'aks.skipped-too-big-size-object',
  'metadata-level',
]);

class BlindSpot {
  readonly meta = META;
  readonly #isKnownPrincipal: (username: string) => boolean;

  constructor(context: AnalyticContext) {
    this.#isKnownPrincipal = compileKnownPrincipal(context.allowlist);
  }

  observe(event: NormalizedEvent): readonly Finding[] {
    const spot = event.blindSpot;
    if (spot === undefined || SEEN_BY_SIGMA.has(spot.reason)) return [];
    const record = readAudit(event);
    // A salvaged prefix may lack objectRef: report it unless it is known to be something else.
    if (record && record.resource !== 'cronjobs' && record.resource !== 'jobs') return [];
    if (record && ['get', 'list', 'watch'].includes(record.verb)) return [];
    if (record && this.#isKnownPrincipal(record.username)) return [];
    const what = record
      ? `${record.username} ${record.verb} ${record.resource} ${record.namespace ?? ''}/${record.name ?? ''}`
      : 'an audit event';
    return [
      buildFinding(META, event, record, {
        message: `${what}: body lost (${spot.reason})`,
        matched: [{ field: 'blindSpot.reason', value: spot.reason }],
        evidence: [spot.detail],
        remediation:
          'Read the object from the cluster (kubectl get -o yaml) and review its template; ship audit logs through a path without the 256 KB limit.',
      }),
    ];
  }
}

export const BLIND_SPOT: AnalyticDefinition = {
  meta: META,
  create: (context) => new BlindSpot(context),
};
