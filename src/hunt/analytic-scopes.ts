/**
 * What each stateful analytic of the pack (`src/analytics/`) can ever look at, for the hunt
 * fast path: the literals a raw line must hold (prefilter) and a cheap predicate selecting
 * the events the analytic needs, so workers can hand those events back to the one analytic
 * instance that sees them in file order. An analytic without an entry here disables the
 * prefilter and splitting (exactness first); a test checks every catalogue entry has one.
 * @module
 */
import type { NormalizedEvent } from '../ingest/event.js';

export interface AnalyticScope {
  /** Lowercased literals: every event the analytic acts on contains one of them. */
  readonly literals: readonly string[];
  /** True for every event the analytic's `observe` may act on. */
  accepts(event: NormalizedEvent): boolean;
}

function resourceOf(event: NormalizedEvent): unknown {
  const ref = event.data.objectRef;
  return typeof ref === 'object' && ref !== null
    ? (ref as Record<string, unknown>).resource
    : undefined;
}

export const ANALYTIC_SCOPES: Readonly<Record<string, AnalyticScope>> = {
  // CW-005 (cronjob-tampering.ts) returns early unless objectRef.resource === 'cronjobs'.
  'CW-005': {
    literals: ['cronjobs'],
    accepts: (event) => resourceOf(event) === 'cronjobs',
  },
};
