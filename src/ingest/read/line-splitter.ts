/**
 * Splits a byte stream into lines: LF or CRLF terminators, a UTF-8 BOM removed from the first
 * line, and a hard limit on line length. A line longer than the limit is reported once (with
 * its line number and size) and skipped *without being buffered*: the splitter drops what it
 * held and counts bytes until the next LF, so memory stays bounded whatever the input.
 * Splitting on the LF byte is safe for UTF-8, where 0x0A never occurs inside a character.
 * @module
 */

/** Default line limit: 16 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface LineSink {
  line(text: string, lineNumber: number): void;
  /** A line over the limit was skipped; `bytes` is its full length. */
  tooLong(lineNumber: number, bytes: number): void;
}

const LF = 10;
const CR = 13;

/** Splits pushed byte chunks into lines for a `LineSink` (see the module comment). */
export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  private isSkipping = false;
  private skippedBytes = 0;
  private lineNumber = 0;
  private isFirstLine = true;

  /**
   * @param firstLine line number of the first line fed (default 1): a worker decoding a chunk
   *   that starts mid-file passes the number of lines before it plus one. A BOM is only
   *   removed when the chunk starts the stream (firstLine 1).
   */
  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
    firstLine = 1,
  ) {
    this.lineNumber = firstLine - 1;
    this.firstLineNumber = firstLine;
    this.isFirstLine = firstLine === 1;
  }

  private readonly firstLineNumber: number;

  /** Number of complete lines seen so far. */
  get lines(): number {
    return this.lineNumber - this.firstLineNumber + 1;
  }

  push(chunk: Buffer): void {
    let start = 0;
    const length = chunk.length;
    while (start < length) {
      const newline = chunk.indexOf(LF, start);
      if (
        newline !== -1 &&
        this.partBytes === 0 &&
        !this.isSkipping &&
        newline - start <= this.maxLineBytes
      ) {
        // Fast path: the whole line is inside this chunk, decode it in place.
        this.lineNumber++;
        this.emit(chunk, start, newline);
        start = newline + 1;
        continue;
      }
      const end = newline === -1 ? length : newline;
      this.take(chunk, start, end);
      if (newline === -1) return;
      this.finishLine();
      start = newline + 1;
    }
  }

  /** End of stream: emits a last line that had no terminator. */
  end(): void {
    if (this.partBytes > 0 || this.isSkipping) this.finishLine();
  }

  private take(chunk: Buffer, start: number, end: number): void {
    const size = end - start;
    if (this.isSkipping) {
      this.skippedBytes += size;
      return;
    }
    if (this.partBytes + size > this.maxLineBytes) {
      this.isSkipping = true;
      this.skippedBytes = this.partBytes + size;
      this.parts = [];
      this.partBytes = 0;
      return;
    }
    if (size === 0) return;
    // Copy: a kept subarray would pin the whole read buffer.
    this.parts.push(
      end === chunk.length && start === 0 ? chunk : Buffer.from(chunk.subarray(start, end)),
    );
    this.partBytes += size;
  }

  private finishLine(): void {
    this.lineNumber++;
    if (this.isSkipping) {
      this.isSkipping = false;
      const bytes = this.skippedBytes;
      this.skippedBytes = 0;
      this.isFirstLine = false;
      this.sink.tooLong(this.lineNumber, bytes);
      return;
    }
    const buffer =
      this.parts.length === 1
        ? (this.parts[0] as Buffer)
        : Buffer.concat(this.parts, this.partBytes);
    const size = this.partBytes;
    this.parts = [];
    this.partBytes = 0;
    this.emit(buffer, 0, size);
  }

  private emit(buffer: Buffer, start: number, end: number): void {
    if (end > start && buffer[end - 1] === CR) end--;
    let text = buffer.toString('utf8', start, end);
    if (this.isFirstLine) {
      this.isFirstLine = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.sink.line(text, this.lineNumber);
  }
}
