/**
 * The entry points of ingest: `readEvents` streams events out of files, directories, globs
 * and stdin; `decodeText` decodes a string synchronously (webhook bodies, tests).
 * @module
 */
import type { Readable } from 'node:stream';
import type { Issue } from '../errors.js';
import { AuditDedupe, type DedupeOptions } from './dedupe.js';
import type { NormalizedEvent } from './event.js';
import type { Format } from './format.js';
import { FORMATS, getFormat } from './formats.js';
import { type InputSource, openInput, sourceName } from './read/open-input.js';
import { expandInputs } from './read/sources.js';
import { SourceDecoder } from './source-decoder.js';
import { emptyStats, type IngestStats } from './stats.js';

export interface ReadOptions {
  /** Force this format id for every input (default: detect per input). */
  readonly format?: string;
  /** Line limit in bytes (default 16 MiB); longer lines are reported and skipped. */
  readonly maxLineBytes?: number;
  /** Limit of one multi-line JSON document or array element (default 256 MiB). */
  readonly maxDocumentBytes?: number;
  /** Audit dedupe on `auditID`+`stage` and evaluate-once stage selection (default on). */
  readonly dedupe?: boolean | DedupeOptions;
  /** The format catalogue (default `FORMATS`). */
  readonly formats?: readonly Format[];
  /** Prefilter on raw JSON lines (see `SourceDecoderOptions.lineFilter`). */
  readonly lineFilter?: (text: string) => boolean;
  /** Stream read for `-` (default `process.stdin`). */
  readonly stdin?: Readable;
  /** Issues kept in `issues` (all are counted and passed to `onIssue`; default 10,000). */
  readonly maxIssuesKept?: number;
  onIssue?(issue: Issue): void;
  /** Called after every raw chunk read, with the running stats (bytesRead, events, …). */
  onProgress?(stats: Readonly<IngestStats>, file: string): void;
  /** Called when an input's format is known (undefined: undetectable). */
  onFile?(file: string, format: string | undefined): void;
}

/** A running read: iterate it for events; `stats` and `issues` fill in as it goes. */
export interface EventStream extends AsyncIterable<NormalizedEvent> {
  readonly stats: IngestStats;
  readonly issues: Issue[];
  /**
   * The same events in batches (one per read chunk, in order): one await per batch instead
   * of one per event, which is what a hot consumer wants (per-event async iteration costs
   * about as much as decoding). Iterate either the stream or its batches, not both.
   */
  batches(): AsyncIterable<readonly NormalizedEvent[]>;
}

function makeDedupe(option: ReadOptions['dedupe']): AuditDedupe | undefined {
  if (option === false) return undefined;
  return new AuditDedupe(option === true || option === undefined ? {} : option);
}

/**
 * Reads events from paths (files, directories recursively, globs, `-` for stdin), each input
 * detected separately unless `format` is forced. Never throws on bad data: malformed records,
 * undetectable inputs, missing paths and truncated gzip become issues and the rest is read.
 * Throws `CW_INGEST_NO_SUCH_FORMAT` when `format` is not a catalogue id.
 *
 * @example
 * const stream = readEvents(['/var/log/kube-audit/'], {});
 * for await (const event of stream) console.log(event.format, event.data.verb);
 * console.log(stream.stats.eventsByFormat, stream.issues.length);
 */
export function readEvents(paths: readonly string[], options: ReadOptions = {}): EventStream {
  const formats = options.formats ?? FORMATS;
  const forced = options.format === undefined ? undefined : getFormat(options.format, formats);
  const stats = emptyStats();
  const issues: Issue[] = [];
  const maxKept = options.maxIssuesKept ?? 10_000;
  const report = (issue: Issue): void => {
    if (issues.length < maxKept) issues.push(issue);
    options.onIssue?.(issue);
  };
  const dedupe = makeDedupe(options.dedupe);

  async function* readSource(source: InputSource): AsyncGenerator<NormalizedEvent[]> {
    const file = sourceName(source);
    let pending: NormalizedEvent[] = [];
    const decoder = new SourceDecoder(file, {
      ...(forced === undefined ? {} : { format: forced }),
      formats,
      ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }),
      ...(options.maxDocumentBytes === undefined
        ? {}
        : { maxDocumentBytes: options.maxDocumentBytes }),
      ...(dedupe === undefined ? {} : { dedupe }),
      ...(options.lineFilter === undefined ? {} : { lineFilter: options.lineFilter }),
      stats,
      onEvent: (event) => pending.push(event),
      onIssue: report,
      onFormat: (format) => options.onFile?.(file, format?.id),
    });
    stats.files++;
    let isGzip = false;
    try {
      const input = await openInput(source, (bytes) => {
        stats.bytesRead += bytes;
      });
      isGzip = input.isGzip;
      for await (const chunk of input.chunks) {
        decoder.push(chunk);
        options.onProgress?.(stats, file);
        if (pending.length > 0) {
          yield pending;
          pending = [];
        }
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      const isZlib = isGzip && typeof code === 'string' && code.startsWith('Z_');
      // The lines decoded before the damage were already yielded; finish the last one too.
      decoder.end();
      if (pending.length > 0) yield pending;
      pending = [];
      if (isZlib) stats.malformed++;
      report(
        isZlib
          ? {
              code: 'CW_INGEST_TRUNCATED_GZIP',
              severity: 'error',
              message: `gzip stream is truncated or corrupt (${code}) after line ${stats.lines}; the lines before it were read`,
              location: { file },
            }
          : {
              code: 'CW_IO',
              severity: 'error',
              message: `cannot read (${code})`,
              location: { file },
            },
      );
      return;
    }
    decoder.end();
    if (pending.length > 0) yield pending;
  }

  async function* batches(): AsyncGenerator<NormalizedEvent[]> {
    const expanded = await expandInputs(paths, options.stdin);
    for (const issue of expanded.issues) report(issue);
    for (const source of expanded.sources) yield* readSource(source);
  }

  async function* events(): AsyncGenerator<NormalizedEvent> {
    for await (const batch of batches()) yield* batch;
  }

  return {
    stats,
    issues,
    batches,
    [Symbol.asyncIterator]: () => events(),
  };
}

export interface DecodeTextOptions {
  /** Name used in locations (default `<text>`). */
  readonly file?: string;
  readonly format?: string;
  readonly formats?: readonly Format[];
  readonly dedupe?: boolean | DedupeOptions;
  readonly maxLineBytes?: number;
}

export interface DecodedText {
  readonly events: NormalizedEvent[];
  readonly issues: Issue[];
  readonly stats: IngestStats;
  /** The detected or forced format id (undefined when undetectable or empty). */
  readonly format: string | undefined;
}

/**
 * Decodes a whole string synchronously (an audit webhook body, a test fixture). Same rules as
 * `readEvents`; dedupe is off unless asked for. Never throws on bad data (issues are
 * returned); throws `CW_INGEST_NO_SUCH_FORMAT` for an unknown `format`.
 *
 * @example
 * const { events, issues } = decodeText(requestBody, { file: 'webhook', format: 'k8s-event-list' });
 */
export function decodeText(text: string, options: DecodeTextOptions = {}): DecodedText {
  const formats = options.formats ?? FORMATS;
  const events: NormalizedEvent[] = [];
  const issues: Issue[] = [];
  const stats = emptyStats();
  let format: string | undefined;
  const dedupe =
    options.dedupe === undefined || options.dedupe === false
      ? undefined
      : makeDedupe(options.dedupe);
  const decoder = new SourceDecoder(options.file ?? '<text>', {
    ...(options.format === undefined ? {} : { format: getFormat(options.format, formats) }),
    formats,
    ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }),
    ...(dedupe === undefined ? {} : { dedupe }),
    stats,
    onEvent: (event) => events.push(event),
    onIssue: (issue) => issues.push(issue),
    onFormat: (detected) => {
      format = detected?.id;
    },
  });
  stats.files = 1;
  const bytes = Buffer.from(text, 'utf8');
  stats.bytesRead = bytes.length;
  decoder.push(bytes);
  decoder.end();
  return { events, issues, stats, format };
}
