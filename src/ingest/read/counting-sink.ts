/**
 * The `DecodeSink` every reader puts between a format's decoder and its consumer: audit
 * dedupe (auditID + stage, evaluation stage only), the run counters (events per format,
 * blind spots, duplicates, other stages, malformed records, skipped records), then the
 * consumer's callbacks. Ingest's `SourceDecoder` and hunt's fast path share it, so both
 * count the same way.
 * @module
 */
import type { Issue, Location } from '../../errors.js';
import type { AuditDedupe } from '../dedupe.js';
import type { NormalizedEvent } from '../event.js';
import type { DecodeSink } from '../format.js';
import { bump, type IngestStats } from '../stats.js';

export interface CountingSinkOptions {
  readonly stats: IngestStats;
  readonly dedupe?: AuditDedupe | undefined;
  /** Every event that survived dedupe, counted. */
  onEvent(event: NormalizedEvent): void;
  /** Every issue, after an error was counted as malformed (it may throw to stop a run). */
  onIssue(issue: Issue): void;
}

export function countingSink(options: CountingSinkOptions): DecodeSink {
  const { stats, dedupe } = options;
  return {
    event(event) {
      if (dedupe !== undefined) {
        const verdict = dedupe.check(event);
        if (verdict === 'duplicate') {
          stats.duplicates++;
          return;
        }
        if (verdict === 'other-stage') {
          stats.otherStages++;
          return;
        }
      }
      stats.events++;
      bump(stats.eventsByFormat, event.format);
      if (event.blindSpot !== undefined) {
        stats.blindSpots++;
        bump(stats.blindSpotsByReason, event.blindSpot.reason);
      }
      options.onEvent(event);
    },
    issue(issue) {
      if (issue.severity === 'error') stats.malformed++;
      options.onIssue(issue);
    },
    skipped(reason: string, _location: Location) {
      bump(stats.skipped, reason);
    },
  };
}
