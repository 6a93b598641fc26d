/**
 * The hunt path for inputs without random access (`.gz`, stdin): ingest's `SourceDecoder`
 * fed chunk by chunk, events through the detector, like `readEvents` reads them.
 * @module
 */
import type { Issue } from '../errors.js';
import type { Finding } from '../finding.js';
import type { AuditDedupe } from '../ingest/dedupe.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { Format } from '../ingest/format.js';
import { FORMATS } from '../ingest/formats.js';
import { type InputSource, openInput, sourceName } from '../ingest/read/open-input.js';
import { SourceDecoder } from '../ingest/source-decoder.js';
import { emptyStats, type IngestStats } from '../ingest/stats.js';
import type { BaseMatch } from '../sigma/correlation/engine.js';
import type { Detector, ObserveEvent } from './detector.js';
import type { EventFilter } from './event-filter.js';
import { observeAll, sortByPosition } from './positions.js';

export interface StreamContext {
  readonly format?: Format;
  readonly maxLineBytes: number;
  readonly dedupe: AuditDedupe | undefined;
  readonly filter: EventFilter;
  readonly detector: Detector;
  readonly observe: ObserveEvent;
  /** Reports an issue; returns true when the run must stop. */
  readonly report: (issue: Issue) => boolean;
}

/** Hunts a `.gz` file or stdin through ingest's `SourceDecoder`, like `readEvents` reads it. */
export async function huntStream(
  source: InputSource,
  context: StreamContext,
): Promise<{
  findings: Finding[];
  correlationInputs: BaseMatch[];
  stats: IngestStats;
  format: string;
  /** The events kept for the analytics and lineage, in record order. */
  analyticEvents: NormalizedEvent[];
}> {
  const file = sourceName(source);
  const stats = emptyStats();
  const findings: Finding[] = [];
  const analyticEvents: NormalizedEvent[] = [];
  const correlationInputs: BaseMatch[] = [];
  let format = 'unknown';
  let isStopped = false;
  const decoder = new SourceDecoder(file, {
    ...(context.format === undefined ? {} : { format: context.format }),
    formats: FORMATS,
    maxLineBytes: context.maxLineBytes,
    ...(context.dedupe === undefined ? {} : { dedupe: context.dedupe }),
    stats,
    onEvent: (event) => {
      if (!context.filter(event)) return;
      context.detector.detect(
        event,
        (finding) => findings.push(finding),
        (input) => correlationInputs.push(input),
      );
      if (context.detector.needsForAnalytics(event)) analyticEvents.push(event);
    },
    onIssue: (issue) => {
      if (context.report(issue)) isStopped = true;
    },
    onFormat: (detected) => {
      format = detected?.id ?? 'unknown';
    },
  });
  stats.files = 1;
  let isGzip = false;
  try {
    const input = await openInput(source, (bytes) => {
      stats.bytesRead += bytes;
    });
    isGzip = input.isGzip;
    for await (const chunk of input.chunks) {
      decoder.push(chunk);
      if (isStopped) break;
    }
    decoder.end();
  } catch (error) {
    decoder.end();
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const isZlib = isGzip && typeof code === 'string' && code.startsWith('Z_');
    stats.malformed++;
    context.report({
      code: isZlib ? 'CW_INGEST_TRUNCATED_GZIP' : 'CW_IO',
      severity: 'error',
      message: isZlib
        ? `gzip stream is truncated or corrupt (${code}) after line ${stats.lines}; the lines before it were read`
        : `cannot read (${code})`,
      location: { file },
    });
  }
  findings.push(...observeAll(analyticEvents, findings, context.observe));
  return { findings: sortByPosition(findings), correlationInputs, stats, format, analyticEvents };
}
