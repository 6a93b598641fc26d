/**
 * Decodes one input stream synchronously, chunk by chunk: splits lines, sniffs the head to
 * pick the format (unless one is forced), then feeds every line to that format's decoder.
 * Events and issues go to callbacks as soon as they are decoded, so memory stays bounded.
 * This is the sync building block: `readEvents` drives it from files, the hunt workers can
 * drive it from their own chunks, the webhook receiver from a request body.
 * @module
 */
import type { Issue } from '../errors.js';
import type { AuditDedupe } from './dedupe.js';
import type { NormalizedEvent } from './event.js';
import type { DecodeSink, Format, LineDecoder } from './format.js';
import { describeHead, detectFormat, FORMATS, openDecoder } from './formats.js';
import { countingSink } from './read/counting-sink.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './read/line-splitter.js';
import { bump, type IngestStats } from './stats.js';

/** Head size sniffed for detection. */
export const HEAD_CHARS = 64 * 1024;
/** Confidence at which the first line alone decides the format. */
const EARLY_CONFIDENCE = 0.9;

export interface SourceDecoderOptions {
  /** A forced format (then nothing is sniffed and only that format decodes). */
  readonly format?: Format;
  /**
   * With `format`: whether only that format may decode (default true, as for --format). A
   * worker handed a format the main thread detected passes false, so mixed files still route
   * each record to its own format.
   */
  readonly isStrict?: boolean;
  /** Line number of the first line fed (default 1), for chunks that start mid-file. */
  readonly firstLine?: number;
  readonly formats?: readonly Format[];
  readonly maxLineBytes?: number;
  readonly maxDocumentBytes?: number;
  readonly dedupe?: AuditDedupe;
  readonly stats: IngestStats;
  /**
   * Optional prefilter on raw lines: return false to skip a line without parsing it. It is
   * only consulted for a line that is one whole JSON object (`{…}`) at a record boundary, so
   * multi-line documents, arrays and envelopes in text form are never cut; a skipped line is
   * counted in `stats.prefiltered`. The filter must be exact for what the caller looks for
   * (JSON escapes such as `\u002f` are the caller's concern).
   */
  readonly lineFilter?: (text: string) => boolean;
  onEvent(event: NormalizedEvent): void;
  onIssue(issue: Issue): void;
  /** Called once the format is known (or known to be undetectable: undefined). */
  onFormat?(format: Format | undefined): void;
}

/**
 * Decodes one input synchronously: `push(bytes)` as they arrive, `end()` once. Events and
 * issues go to the callbacks in input order.
 *
 * @example
 * const decoder = new SourceDecoder('chunk-3', { stats: emptyStats(), onEvent, onIssue });
 * for (const chunk of chunks) decoder.push(chunk);
 * decoder.end();
 */
export class SourceDecoder {
  private readonly splitter: LineSplitter;
  private decoder: LineDecoder | undefined;
  private isUndetectable = false;
  private head: Array<{ text: string; line: number }> = [];
  private headChars = 0;
  private readonly sink: DecodeSink;

  constructor(
    readonly file: string,
    private readonly options: SourceDecoderOptions,
  ) {
    const stats = options.stats;
    this.sink = countingSink({
      stats,
      dedupe: options.dedupe,
      onEvent: (event) => options.onEvent(event),
      onIssue: (issue) => options.onIssue(issue),
    });
    this.splitter = new LineSplitter(
      {
        line: (text, line) => this.line(text, line),
        tooLong: (line, bytes) => {
          stats.malformed++;
          options.onIssue({
            code: 'CW_INGEST_LINE_TOO_LONG',
            severity: 'error',
            message: `line of ${bytes} bytes is longer than the ${this.maxLineBytes}-byte limit; skipped`,
            location: { file, line },
          });
        },
      },
      this.maxLineBytes,
      options.firstLine ?? 1,
    );
    if (options.format !== undefined) this.start(options.format, options.isStrict ?? true);
  }

  private get maxLineBytes(): number {
    return this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  /** Feeds decompressed bytes. */
  push(chunk: Buffer): void {
    this.splitter.push(chunk);
  }

  /** End of input: flushes the last line, detects on a short head, closes the decoder. */
  end(): void {
    this.splitter.end();
    this.options.stats.lines += this.splitter.lines;
    if (this.decoder === undefined && !this.isUndetectable) this.detect();
    this.decoder?.end();
  }

  private line(text: string, lineNumber: number): void {
    if (this.decoder !== undefined) {
      this.feed(this.decoder, text, lineNumber);
      return;
    }
    if (this.isUndetectable) return;
    this.head.push({ text, line: lineNumber });
    this.headChars += text.length + 1;
    if (this.headChars >= HEAD_CHARS) this.detect();
    else if (this.head.length === 1 && text.trim() !== '') this.detectEarly();
  }

  /**
   * A live stream (`kubectl … | cronwarden hunt -`) may take long to fill 64 KiB: when the
   * first line alone is a record some format is sure of, start at once.
   */
  private detectEarly(): void {
    const first = this.head[0];
    if (first === undefined) return;
    const detection = detectFormat(first.text, this.options.formats ?? FORMATS);
    if (detection === undefined || detection.confidence < EARLY_CONFIDENCE) return;
    this.head = [];
    const decoder = this.start(detection.format, false);
    this.feed(decoder, first.text, first.line);
  }

  /** Hands one line to the decoder, unless the caller's prefilter rules it out. */
  private feed(decoder: LineDecoder, text: string, lineNumber: number): void {
    const filter = this.options.lineFilter;
    if (
      filter !== undefined &&
      text.charCodeAt(0) === 123 &&
      text.charCodeAt(text.length - 1) === 125 &&
      decoder.isAtRecordBoundary?.() === true &&
      !filter(text)
    ) {
      this.options.stats.prefiltered++;
      return;
    }
    decoder.line(text, lineNumber);
  }

  private start(format: Format, isStrict: boolean): LineDecoder {
    const options = this.options;
    const decoder = openDecoder(
      format,
      this.file,
      this.sink,
      options.maxDocumentBytes === undefined
        ? { isStrict }
        : { isStrict, maxDocumentBytes: options.maxDocumentBytes },
      options.formats ?? FORMATS,
    );
    this.decoder = decoder;
    bump(options.stats.filesByFormat, format.id);
    options.onFormat?.(format);
    return decoder;
  }

  private detect(): void {
    const lines = this.head;
    this.head = [];
    const firstLine = lines.find((entry) => entry.text.trim() !== '');
    if (firstLine === undefined) return; // empty input: nothing to decode, nothing wrong
    const headText = lines.map((entry) => entry.text).join('\n');
    const detection = detectFormat(headText, this.options.formats ?? FORMATS);
    if (detection === undefined) {
      this.isUndetectable = true;
      bump(this.options.stats.filesByFormat, 'unknown');
      this.options.onFormat?.(undefined);
      this.options.stats.malformed++;
      this.options.onIssue({
        code: 'CW_INGEST_UNKNOWN_FORMAT',
        severity: 'error',
        message: `cannot detect the log format: the input starts with ${describeHead(headText)}; force one with --format`,
        location: { file: this.file, line: firstLine.line },
      });
      return;
    }
    const decoder = this.start(detection.format, false);
    for (const entry of lines) this.feed(decoder, entry.text, entry.line);
  }
}
