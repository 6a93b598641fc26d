/**
 * The `hunt` use case: run the built-in T1053.007 pack and any Sigma rules over logs (files,
 * folders, globs, `-`, `.gz`) and return one `Report`. Plain files go through the fast path
 * (block reads, literal prefilter, optional worker threads over line-aligned byte ranges);
 * compressed files and stdin stream through ingest's reader. Output order is deterministic:
 * inputs in the order given (folders sorted), records in file order, whatever `workers` is.
 * @module
 */
import { statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { type BaselinePolicy, DEFAULT_POLICY } from './baseline/policy.js';
import { maturityIssues } from './baseline/scorer.js';
import { loadBaseline } from './baseline.js';
import { LineageObserver } from './correlate/lineage-observer.js';
import { CronwardenError, type Issue } from './errors.js';
import type { Finding } from './finding.js';
import {
  buildDetector,
  type CorrelationRun,
  type Detector,
  type DetectorOptions,
  prepareRules,
} from './hunt/detector.js';
import { compileEventFilter, type EventFilterOptions } from './hunt/event-filter.js';
import { huntRange, type RangeOutcome, type RangeTask } from './hunt/hunt-range.js';
import { claimPiece, newClaim, type PieceTask, pieceCount } from './hunt/piece-queue.js';
import { MIN_SPLIT_BYTES, planFile, readHead, splitRanges } from './hunt/plan-file.js';
import {
  observeAll,
  shiftEvent,
  shiftFinding,
  shiftIssue,
  shiftMatch,
  sortByPosition,
} from './hunt/positions.js';
import { huntStream } from './hunt/stream.js';
import { startPool, type WorkerPool } from './hunt/worker-pool.js';
import { AuditDedupe } from './ingest/dedupe.js';
import type { NormalizedEvent } from './ingest/event.js';
import { getFormat } from './ingest/formats.js';
import { DEFAULT_MAX_LINE_BYTES } from './ingest/read/line-splitter.js';
import { expandInputs } from './ingest/read/sources.js';
import { emptyStats, type IngestStats, mergeStats } from './ingest/stats.js';
import type { InputSummary, Report } from './report/report.js';
import { countByLevel, countByRule } from './report/summary.js';
import type { BaseMatch } from './sigma/correlation/engine.js';
import { VERSION } from './version.js';

export interface HuntOptions extends DetectorOptions {
  readonly paths: readonly string[];
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly namespaces?: readonly string[];
  /** Force a format id for every input (`--input-format`). */
  readonly inputFormat?: string;
  /** Stop after this many malformed records (`--max-errors`); `--strict` is 1. */
  readonly maxErrors?: number;
  /** Worker threads for large JSON-lines files (default 1: the calling thread). */
  readonly workers?: number;
  /** The literal prefilter (default on); off parses every record. */
  readonly prefilter?: boolean;
  readonly maxLineBytes?: number;
  /** Audit dedupe on auditID + stage, evaluation stage only (default on). */
  readonly dedupe?: boolean;
  readonly stdin?: Readable;
  /** Every malformed record or input problem, once, in input order. */
  readonly onIssue?: (issue: Issue) => void;
  /** Running totals for a progress display. */
  readonly onProgress?: (progress: HuntProgress) => void;
  readonly now?: () => number;
  /** Thresholds of `--baseline` scoring (default `DEFAULT_POLICY`, docs/baseline.md). */
  readonly baselinePolicy?: BaselinePolicy;
}

export interface HuntProgress {
  readonly bytes: number;
  readonly totalBytes: number;
  readonly records: number;
}

export interface HuntResult {
  readonly report: Report;
  readonly stats: IngestStats;
  /** Lines read from plain files, and how many of them were decoded. */
  readonly lines: number;
  readonly decodedLines: number;
  /** Inputs that could not be read at all (missing path, I/O error): the CLI exits 2. */
  readonly unreadableInputs: number;
}

/** Issues kept in the report (all are counted and passed to `onIssue`). */
const MAX_ISSUES_KEPT = 1000;

/**
 * Runs a hunt. Bad data never throws: malformed records, unreadable or undetectable inputs
 * become issues (`onIssue`, and the summary). Throws `CW_IO` when a rule path cannot be
 * read, `CW_INGEST_NO_SUCH_FORMAT` for an unknown `inputFormat`.
 *
 * @example
 * const { report } = await hunt({ paths: ['audit.log'] });
 * process.stdout.write(formatReport('table', report));
 */
export async function hunt(options: HuntOptions): Promise<HuntResult> {
  const now = options.now ?? Date.now;
  const startedMs = now();
  const detectorOptions: DetectorOptions = {
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.sigma ? { sigma: options.sigma } : {}),
    ...(options.pipelines ? { pipelines: options.pipelines } : {}),
    ...(options.allowlist === undefined ? {} : { allowlist: options.allowlist }),
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
  };
  if (options.inputFormat !== undefined) getFormat(options.inputFormat); // fail fast on a bad id
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  const expanded = await expandInputs(options.paths, options.stdin);
  const sizes = expanded.sources.map((source) =>
    source.kind === 'file' ? statSync(source.path).size : 0,
  );
  // Worker threads start before the rules are read (their module loading overlaps the
  // parsing below), and only when some input is big enough to be split.
  const canSplit = workers > 1 && options.maxErrors === undefined;
  const pool =
    canSplit && sizes.some((size) => size >= MIN_SPLIT_BYTES) ? startPool(workers - 1) : undefined;
  try {
    const prepared = prepareRules(detectorOptions);
    pool?.init(prepared);
    const detector = buildDetector(prepared);
    return await runHunt(options, { detector, expanded, sizes, pool, startedMs, now });
  } finally {
    pool?.close();
  }
}

interface RunContext {
  readonly detector: Detector;
  readonly expanded: Awaited<ReturnType<typeof expandInputs>>;
  readonly sizes: readonly number[];
  readonly pool: WorkerPool | undefined;
  readonly startedMs: number;
  readonly now: () => number;
}

/** Runs one file's pieces on the pool and the calling thread; outcomes in piece order. */
async function runPieces(
  pool: WorkerPool,
  base: Omit<RangeTask, 'start' | 'end'>,
  ranges: ReadonlyArray<[number, number]>,
  detector: Detector,
  progress: (bytes: number, records: number) => void,
): Promise<RangeOutcome[]> {
  // `--workers N` means N threads in all: N − 1 workers and the calling thread (its
  // detector is already compiled) claim pieces from one shared queue until it is empty.
  const task: PieceTask = { range: base, pieces: ranges, claim: newClaim() };
  const done = ranges.map(() => ({ bytes: 0, lines: 0 }));
  const progressOf = (i: number, bytes: number, pieceLines: number) => {
    done[i] = { bytes, lines: pieceLines };
    progress(
      done.reduce((sum, d) => sum + d.bytes, 0),
      done.reduce((sum, d) => sum + d.lines, 0),
    );
  };
  const byPiece: Array<RangeOutcome | undefined> = ranges.map(() => undefined);
  let missing = ranges.length;
  let allArrived = () => {};
  const arrived = new Promise<void>((resolve) => {
    allArrived = resolve;
  });
  const onPiece = (i: number, outcome: RangeOutcome) => {
    if (byPiece[i] === undefined) missing -= 1;
    byPiece[i] = outcome;
    if (missing === 0) allArrived();
  };
  const failed = pool.run(task, onPiece, progressOf);
  failed.catch(() => undefined); // observed by the race below; never unhandled
  for (let i = claimPiece(task); i >= 0; i = claimPiece(task)) {
    const [start, end] = ranges[i]!; // claimPiece returns a valid index
    onPiece(
      i,
      huntRange({ ...base, start, end }, detector, (bytes, pieceLines) =>
        progressOf(i, bytes, pieceLines),
      ),
    );
  }
  try {
    // Fail on the first worker error; otherwise go on once every piece has arrived (a
    // worker still loading then holds no piece: the queue is empty when it looks).
    await Promise.race([arrived, failed]);
  } finally {
    pool.finish();
  }
  return byPiece.map((outcome, i) => {
    if (outcome === undefined)
      throw new CronwardenError('CW_INTERNAL', `hunt: piece ${i} of ${base.file} was not run`);
    return outcome;
  });
}

async function runHunt(options: HuntOptions, context: RunContext): Promise<HuntResult> {
  const { detector, expanded, sizes, pool, startedMs, now } = context;
  const filter: EventFilterOptions = {
    ...(options.sinceMs === undefined ? {} : { sinceMs: options.sinceMs }),
    ...(options.untilMs === undefined ? {} : { untilMs: options.untilMs }),
    ...(options.namespaces ? { namespaces: options.namespaces } : {}),
  };
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const stats = emptyStats();
  const findings: Finding[] = [];
  const keptIssues: Issue[] = [];
  const inputs: InputSummary[] = [];
  let errorCount = 0;
  let stoppedEarly = false;
  let lines = 0;
  let decodedLines = 0;
  let skippedByPrefilter = 0;

  let unreadableInputs = 0;
  const report = (issue: Issue): boolean => {
    if (issue.code === 'CW_INGEST_NO_INPUT' || issue.code === 'CW_IO') unreadableInputs += 1;
    if (keptIssues.length < MAX_ISSUES_KEPT) keptIssues.push(issue);
    options.onIssue?.(issue);
    if (issue.severity === 'error') errorCount += 1;
    return options.maxErrors !== undefined && errorCount >= options.maxErrors;
  };
  for (const issue of detector.issues)
    report(issue.severity === 'error' ? { ...issue, severity: 'warning' } : issue);
  // --baseline: the learned model is read once here (workers only need its scope).
  const baseline = options.baseline === undefined ? undefined : loadBaseline(options.baseline);
  const baselinePolicy = options.baselinePolicy ?? DEFAULT_POLICY;
  if (baseline && options.baseline !== undefined) {
    for (const issue of maturityIssues(baseline, options.baseline, baselinePolicy)) report(issue);
  }
  const observe = detector.startAnalytics(baseline ? { baseline, baselinePolicy } : {});
  // Incidents: lineage facts from every input's kept events, resolved once at the end.
  const lineage = new LineageObserver(detector.allowlist);
  // Sigma correlations see every input's consumed matches in record order, on this thread.
  const correlations: CorrelationRun | undefined = detector.startCorrelations();
  const correlate = (inputs: readonly BaseMatch[]): Finding[] => {
    if (correlations === undefined) return [];
    const out: Finding[] = [];
    for (const input of inputs) out.push(...correlations.push(input));
    for (const issue of correlations.takeIssues()) report(issue);
    return out;
  };
  // One dedupe for the whole run, as ingest's reader keeps (worker ranges keep their own).
  const dedupe = options.dedupe === false ? undefined : new AuditDedupe();

  for (const issue of expanded.issues) {
    stats.malformed += issue.severity === 'error' ? 1 : 0;
    report(issue);
  }
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  let doneBytes = 0;
  const progress = (bytes: number, records: number) =>
    options.onProgress?.({ bytes: doneBytes + bytes, totalBytes, records: stats.lines + records });

  for (const [index, source] of expanded.sources.entries()) {
    if (stoppedEarly) break;
    const size = sizes[index] ?? 0;
    const path = source.kind === 'file' ? source.path : '-';
    const head = source.kind === 'file' ? readHead(source.path) : { lines: [], isGzip: true };
    if (head.isGzip) {
      // Compressed files and stdin stream through ingest's decoder (no random access).
      const streamed = await huntStream(source, {
        ...(options.inputFormat === undefined ? {} : { format: getFormat(options.inputFormat) }),
        maxLineBytes,
        dedupe,
        filter: compileEventFilter(filter),
        detector,
        observe,
        report: (issue) => {
          if (report(issue)) stoppedEarly = true;
          return stoppedEarly;
        },
      });
      findings.push(...streamed.findings, ...correlate(streamed.correlationInputs));
      lineage.observeAll(streamed.analyticEvents);
      mergeStats(stats, streamed.stats);
      inputs.push({
        path,
        format: streamed.format,
        bytes: streamed.stats.bytesRead,
        records: streamed.stats.events,
        malformed: streamed.stats.malformed,
      });
      doneBytes += size;
      continue;
    }

    const plan = planFile(path, head.lines, options.inputFormat);
    if (plan === undefined) {
      inputs.push({ path, format: 'empty', bytes: size, records: 0, malformed: 0 });
      doneBytes += size;
      continue;
    }
    if ('code' in plan) {
      stats.malformed += 1;
      if (report(plan)) stoppedEarly = true;
      inputs.push({ path, format: 'unknown', bytes: size, records: 0, malformed: 1 });
      doneBytes += size;
      continue;
    }
    const base: Omit<RangeTask, 'start' | 'end'> = {
      file: path,
      formatId: plan.formatId,
      isStrict: options.inputFormat !== undefined,
      isJsonLines: plan.isJsonLines,
      usePrefilter: options.prefilter ?? true,
      filter,
      maxLineBytes,
      dedupe: options.dedupe ?? true,
      maxErrors: options.maxErrors === undefined ? undefined : options.maxErrors - errorCount,
    };
    // Splitting is only safe when every record is one line; --max-errors needs one sequence.
    const ranges =
      pool !== undefined && plan.isJsonLines
        ? splitRanges(path, size, pieceCount(size, pool.size + 1))
        : [[0, size] as [number, number]];
    const outcomes =
      pool === undefined || ranges.length === 1
        ? [huntRange({ ...base, start: 0, end: size }, detector, progress, dedupe)]
        : await runPieces(pool, base, ranges, detector, progress);
    const fileStats = emptyStats();
    const fileFindings: Finding[] = [];
    const analyticEvents: NormalizedEvent[] = [];
    const correlationInputs: BaseMatch[] = [];
    let lineOffset = 0;
    for (const outcome of outcomes) {
      for (const finding of outcome.findings) fileFindings.push(shiftFinding(finding, lineOffset));
      for (const event of outcome.analyticEvents)
        analyticEvents.push(shiftEvent(event, lineOffset));
      for (const input of outcome.correlationInputs)
        correlationInputs.push(shiftMatch(input, lineOffset));
      for (const issue of outcome.issues) report(shiftIssue(issue, lineOffset));
      mergeStats(fileStats, outcome.stats);
      lineOffset += outcome.lines;
      decodedLines += outcome.decodedLines;
      if (outcome.stoppedEarly) stoppedEarly = true;
    }
    fileFindings.push(...observeAll(analyticEvents, fileFindings, observe));
    lineage.observeAll(analyticEvents);
    findings.push(...sortByPosition(fileFindings), ...correlate(correlationInputs));
    const skipped = lineOffset - outcomes.reduce((sum, o) => sum + o.decodedLines, 0);
    const usedPrefilter = outcomes.some((o) => o.prefilterLiterals !== undefined);
    if (usedPrefilter) {
      // Skipped lines are one raw audit record each (the prefilter only skips `{…"auditID"…}`).
      skippedByPrefilter += skipped;
      fileStats.eventsByFormat[plan.formatId] =
        (fileStats.eventsByFormat[plan.formatId] ?? 0) + skipped;
      fileStats.events += skipped;
    }
    fileStats.bytesRead = size;
    fileStats.files = 1;
    mergeStats(stats, fileStats);
    lines += lineOffset;
    inputs.push({
      path,
      format: plan.formatId,
      bytes: size,
      records: fileStats.events,
      malformed: fileStats.malformed,
    });
    doneBytes += size;
  }
  if (correlations !== undefined) {
    // Windows still open at the end of the run are decided now.
    findings.push(...correlations.flush());
    for (const issue of correlations.takeIssues()) report(issue);
  }

  const recordsByFormat = Object.fromEntries(
    Object.entries(stats.eventsByFormat).sort(([a], [b]) => a.localeCompare(b)),
  );
  const blindSpots = Object.entries(stats.blindSpotsByReason)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, count]) => ({ reason, count }));
  const correlated = lineage.correlate(findings);
  return {
    report: {
      tool: { name: 'cronwarden', version: VERSION },
      findings: correlated.findings,
      incidents: correlated.incidents,
      rules: detector.rules,
      summary: {
        command: 'hunt',
        startedAt: new Date(startedMs).toISOString(),
        durationMs: Math.max(0, now() - startedMs),
        inputs,
        bytes: stats.bytesRead,
        records: stats.events,
        recordsByFormat,
        malformed: stats.malformed,
        issues: keptIssues,
        blindSpots,
        rulesLoaded: detector.rules.length,
        findings: findings.length,
        findingsByLevel: countByLevel(findings),
        findingsByRule: countByRule(findings),
        incidents: correlated.incidents.length,
        ...(skippedByPrefilter > 0 ? { skippedByPrefilter } : {}),
        stoppedEarly,
      },
    },
    stats,
    lines,
    decodedLines,
    unreadableInputs,
  };
}
