/**
 * Where decoded events go during a hunt: audit dedupe, run counters, the `--since/--until/
 * --namespace` filter, then the detector. One per input range (a worker owns its own).
 * @module
 */
import type { Issue } from '../errors.js';
import type { Finding } from '../finding.js';
import type { AuditDedupe } from '../ingest/dedupe.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { DecodeSink } from '../ingest/format.js';
import { countingSink } from '../ingest/read/counting-sink.js';
import type { IngestStats } from '../ingest/stats.js';
import type { BaseMatch } from '../sigma/correlation/engine.js';
import type { Detector } from './detector.js';
import type { EventFilter } from './event-filter.js';

/** Thrown through the decoder to stop a run at `--strict` / `--max-errors`. */
export class StopRun extends Error {
  constructor() {
    super('run stopped: too many malformed records');
    this.name = 'StopRun';
  }
}

export interface HuntSinkOptions {
  readonly detector: Detector;
  readonly filter: EventFilter;
  readonly stats: IngestStats;
  readonly dedupe: AuditDedupe | undefined;
  /** Called for every issue; returns true when the run must stop. */
  readonly onIssue: (issue: Issue) => boolean;
  readonly findings: Finding[];
  /** Events a stateful analytic needs, kept in order for the main thread. */
  readonly analyticEvents: NormalizedEvent[];
  /** Detection matches a Sigma correlation consumes, kept in order for the main thread. */
  readonly correlationInputs: BaseMatch[];
}

/** Ingest's counting sink (`countingSink`, as `SourceDecoder` uses) feeding the detector. */
export function createHuntSink(options: HuntSinkOptions): DecodeSink {
  const { detector, filter, findings } = options;
  const emit = (finding: Finding) => {
    findings.push(finding);
  };
  const feed = (input: BaseMatch) => {
    options.correlationInputs.push(input);
  };
  return countingSink({
    stats: options.stats,
    dedupe: options.dedupe,
    onEvent(event) {
      if (!filter(event)) return;
      detector.detect(event, emit, feed);
      if (detector.needsForAnalytics(event)) options.analyticEvents.push(event);
    },
    onIssue(issue) {
      if (options.onIssue(issue)) throw new StopRun();
    },
  });
}
