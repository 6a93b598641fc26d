/**
 * One unit of hunt work: a byte range of a plain file decoded with a known format, through
 * the prefilter (when allowed) into the detector. Runs the same in the main thread and in a
 * worker; the task and its result are plain data (structured-cloneable).
 * @module
 */
import type { Issue } from '../errors.js';
import type { Finding } from '../finding.js';
import { AuditDedupe } from '../ingest/dedupe.js';
import type { NormalizedEvent } from '../ingest/event.js';
import { FORMATS, getFormat, openDecoder } from '../ingest/formats.js';
import { K8S_AUDIT_LOGSOURCE } from '../ingest/k8s/audit-record.js';
import { emptyStats, type IngestStats } from '../ingest/stats.js';
import type { BaseMatch } from '../sigma/correlation/engine.js';
import type { Detector } from './detector.js';
import { compileEventFilter, type EventFilterOptions } from './event-filter.js';
import { createHuntSink, StopRun } from './event-sink.js';
import { compilePrefilter, PASS_ALL, type Prefilter } from './prefilter.js';
import { scanRange } from './scan-range.js';

export interface RangeTask {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly formatId: string;
  /** A forced `--input-format`: only that format decodes. */
  readonly isStrict: boolean;
  /** The file holds one JSON record per line, so lines may be skipped (prefilter) or split. */
  readonly isJsonLines: boolean;
  readonly usePrefilter: boolean;
  readonly filter: EventFilterOptions;
  readonly maxLineBytes: number;
  readonly dedupe: boolean;
  /** Stop after this many error issues (undefined: never). */
  readonly maxErrors: number | undefined;
}

export interface RangeOutcome {
  /** Findings and issues with line numbers relative to the range (1 = its first line). */
  readonly findings: Finding[];
  /** Events for the stateful analytics, in range order (line numbers relative, like findings). */
  readonly analyticEvents: NormalizedEvent[];
  /** Detection matches a Sigma correlation consumes, in range order (origins relative). */
  readonly correlationInputs: BaseMatch[];
  readonly issues: Issue[];
  readonly stats: IngestStats;
  readonly lines: number;
  readonly decodedLines: number;
  readonly stoppedEarly: boolean;
  readonly prefilterLiterals: readonly string[] | undefined;
}

/** Formats whose decoded values are copied from the raw JSON text (only JSON escapes differ). */
const PREFILTER_FORMATS: ReadonlySet<string> = new Set(['k8s-audit']);

/** The prefilter a task may use, or undefined (every line decoded). */
export function prefilterFor(task: RangeTask, detector: Detector): Prefilter | undefined {
  if (!task.usePrefilter || !task.isJsonLines || !PREFILTER_FORMATS.has(task.formatId)) {
    return undefined;
  }
  return compilePrefilter(detector.requirementsFor(K8S_AUDIT_LOGSOURCE));
}

/** Runs one range with an already loaded detector. */
export function huntRange(
  task: RangeTask,
  detector: Detector,
  onProgress?: (bytes: number, lines: number) => void,
  sharedDedupe?: AuditDedupe,
): RangeOutcome {
  const stats = emptyStats();
  const findings: Finding[] = [];
  const analyticEvents: NormalizedEvent[] = [];
  const correlationInputs: BaseMatch[] = [];
  const issues: Issue[] = [];
  let errors = 0;
  const onIssue = (issue: Issue): boolean => {
    issues.push(issue);
    if (issue.severity === 'error') errors += 1;
    return task.maxErrors !== undefined && errors >= task.maxErrors;
  };
  const sink = createHuntSink({
    detector,
    filter: compileEventFilter(task.filter),
    stats,
    dedupe: task.dedupe ? (sharedDedupe ?? new AuditDedupe()) : undefined,
    onIssue,
    findings,
    analyticEvents,
    correlationInputs,
  });
  const format = getFormat(task.formatId);
  const decoder = openDecoder(format, task.file, sink, { isStrict: task.isStrict }, FORMATS);
  const prefilter = prefilterFor(task, detector);
  let stoppedEarly = false;
  let lines = 0;
  let decodedLines = 0;
  try {
    const result = scanRange({
      file: task.file,
      start: task.start,
      end: task.end,
      prefilter: prefilter ?? PASS_ALL,
      decoder,
      maxLineBytes: task.maxLineBytes,
      onTooLong: (issue) => {
        stats.malformed++;
        if (onIssue(issue)) throw new StopRun();
      },
      ...(onProgress ? { onProgress } : {}),
    });
    lines = result.lines;
    decodedLines = result.decodedLines;
  } catch (error) {
    if (!(error instanceof StopRun)) throw error;
    stoppedEarly = true;
  }
  stats.lines += lines;
  return {
    findings,
    analyticEvents,
    correlationInputs,
    issues,
    stats,
    lines,
    decodedLines,
    stoppedEarly,
    prefilterLiterals: prefilter?.literals,
  };
}
