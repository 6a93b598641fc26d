/**
 * What each stateful analytic of the pack (`src/analytics/`) can ever look at, for the hunt
 * fast path: the literals a raw line must hold (prefilter) and a cheap predicate selecting
 * the events the analytic needs, so workers can hand those events back to the one analytic
 * instance that sees them in file order. An analytic without an entry here disables the
 * prefilter and splitting (exactness first); a test checks every catalogue entry has one.
 * @module
 */
import { isLineageEvent, LINEAGE_LITERALS, LINEAGE_VERBS } from '../correlate/lineage-observer.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { LineRequirement } from './literals.js';

export interface AnalyticScope {
  /**
   * Lowercased literals as an AND of ORs (see `literals.ts`): every event the analytic acts
   * on contains, for each clause, one of its strings.
   */
  readonly clauses: LineRequirement;
  /** True for every event the analytic's `observe` may act on. */
  accepts(event: NormalizedEvent): boolean;
}

function resourceOf(event: NormalizedEvent): unknown {
  const ref = event.data.objectRef;
  return typeof ref === 'object' && ref !== null
    ? (ref as Record<string, unknown>).resource
    : undefined;
}

/** The verbs the analytics learn from (reads and deletes are ignored, see each analytic). */
const WRITE_VERBS = ['create', 'patch', 'update'];
const WRITES = new Set(WRITE_VERBS);

function isWrite(event: NormalizedEvent): boolean {
  return WRITES.has(event.data.verb as string);
}

function hasObjectBody(event: NormalizedEvent): boolean {
  const { requestObject, responseObject } = event.data;
  return (
    (typeof requestObject === 'object' && requestObject !== null) ||
    (typeof responseObject === 'object' && responseObject !== null)
  );
}

/** True for events that are not Kubernetes audit records (endpoint, cloud): never prefiltered. */
function isNotAudit(event: NormalizedEvent): boolean {
  return event.logsource.product !== 'kubernetes';
}

const JOB_RESOURCES = new Set(['cronjobs', 'jobs']);
const LINEAGE_RESOURCES = new Set(['cronjobs', 'jobs', 'pods']);
const GRANT_RESOURCES = new Set([
  'cronjobs',
  'jobs',
  'roles',
  'clusterroles',
  'rolebindings',
  'clusterrolebindings',
]);

export const ANALYTIC_SCOPES: Readonly<Record<string, AnalyticScope>> = {
  // CW-005 (cronjob-tampering.ts) returns early unless objectRef.resource === 'cronjobs'.
  'CW-005': {
    clauses: [['cronjobs']],
    accepts: (event) => resourceOf(event) === 'cronjobs',
  },
  // CW-007 (first-seen-job-creator.ts) acts only on create/update/patch of cronjobs or jobs
  // (isAcceptedJobWrite; "jobs" is a substring of "cronjobs").
  'CW-007': {
    clauses: [['jobs'], WRITE_VERBS],
    accepts: (event) => isWrite(event) && JOB_RESOURCES.has(resourceOf(event) as string),
  },
  // CW-009 (image-risk.ts) learns every image it sees in any object body with containers, and
  // every container spec holds an "image" key.
  'CW-009': {
    clauses: [['image']],
    accepts: hasObjectBody,
  },
  // CW-014 (job-lineage.ts) builds the CronJob → Job → Pod chain from audit create/update/
  // patch of those three resources (#audit returns early for other verbs), and reads every
  // endpoint event (never prefiltered: not k8s-audit lines).
  'CW-014': {
    clauses: [['jobs', 'pods'], WRITE_VERBS],
    accepts: (event) =>
      isNotAudit(event) || (isWrite(event) && LINEAGE_RESOURCES.has(resourceOf(event) as string)),
  },
  // CW-016 (blind-spot.ts) reports only events with a blind spot on cronjobs or jobs.
  'CW-016': {
    clauses: [['jobs']],
    accepts: (event) => event.blindSpot !== undefined,
  },
  // CW-017 (rbac-grant-then-job.ts) learns roles and bindings from create/update/patch and
  // judges job creates ("roles" is in "clusterroles", "rolebindings" in "clusterrolebindings").
  'CW-017': {
    clauses: [['roles', 'rolebindings', 'jobs'], WRITE_VERBS],
    accepts: (event) => isWrite(event) && GRANT_RESOURCES.has(resourceOf(event) as string),
  },
};

/**
 * The baseline scorer (`hunt --baseline`, src/baseline/scorer.ts) scores accepted writes of
 * cronjobs and jobs only ("jobs" is a substring of "cronjobs").
 */
export const BASELINE_SCOPE: AnalyticScope = {
  clauses: [['jobs']],
  accepts: (event) => JOB_RESOURCES.has(resourceOf(event) as string),
};

/**
 * Incident lineage (`src/correlate/`): audit writes of CronJobs, Jobs and Pods (including the
 * kubelet's `pods/status` container ids) and endpoint events naming a pod or container. Not an
 * analytic: the hunt hands these events to the lineage observer after the analytics.
 */
export const LINEAGE_SCOPE: AnalyticScope = {
  // Audit lines: a write (delete included) of cronjobs, jobs or pods; endpoint events are
  // never prefiltered.
  clauses: [LINEAGE_LITERALS, LINEAGE_VERBS],
  accepts: isLineageEvent,
};
