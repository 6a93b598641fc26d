/**
 * Decodes one input stream synchronously, chunk by chunk: splits lines, sniffs the head to
 * pick the format (unless one is forced), then feeds every line to that format's decoder.
 * Events and issues go to callbacks as soon as they are decoded, so memory stays bounded.
 * This is the sync building block: `readEvents` drives it from files, the hunt workers can
 * drive it from their own chunks, the webhook receiver from a request body.
 * @module
 */
import type { Issue, Location } from '../errors.js';
import type { AuditDedupe } from './dedupe.js';
import type { NormalizedEvent } from './event.js';
import type { DecodeSink, Format, LineDecoder } from './format.js';
import { describeHead, detectFormat, FORMATS, openDecoder } from './formats.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './read/line-splitter.js';
import { bump, type IngestStats } from './stats.js';

/** Head size sniffed for detection. */
export const HEAD_CHARS = 64 * 1024;

export interface SourceDecoderOptions {
  /** A forced format (then nothing is sniffed and only that format decodes). */
  readonly format?: Format;
  readonly formats?: readonly Format[];
  readonly maxLineBytes?: number;
  readonly maxDocumentBytes?: number;
  readonly dedupe?: AuditDedupe;
  readonly stats: IngestStats;
  onEvent(event: NormalizedEvent): void;
  onIssue(issue: Issue): void;
  /** Called once the format is known (or known to be undetectable: undefined). */
  onFormat?(format: Format | undefined): void;
}

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
    this.sink = {
      event: (event) => this.accept(event),
      issue: (issue) => {
        if (issue.severity === 'error') stats.malformed++;
        options.onIssue(issue);
      },
      skipped: (reason: string, _location: Location) => bump(stats.skipped, reason),
    };
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
    );
    if (options.format !== undefined) this.start(options.format, true);
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
      this.decoder.line(text, lineNumber);
      return;
    }
    if (this.isUndetectable) return;
    this.head.push({ text, line: lineNumber });
    this.headChars += text.length + 1;
    if (this.headChars >= HEAD_CHARS) this.detect();
  }

  private start(format: Format, isStrict: boolean): void {
    const options = this.options;
    this.decoder = openDecoder(
      format,
      this.file,
      this.sink,
      options.maxDocumentBytes === undefined
        ? { isStrict }
        : { isStrict, maxDocumentBytes: options.maxDocumentBytes },
      options.formats ?? FORMATS,
    );
    bump(options.stats.filesByFormat, format.id);
    options.onFormat?.(format);
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
    this.start(detection.format, false);
    for (const entry of lines) this.decoder?.line(entry.text, entry.line);
  }

  private accept(event: NormalizedEvent): void {
    const { stats, dedupe } = this.options;
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
    this.options.onEvent(event);
  }
}
