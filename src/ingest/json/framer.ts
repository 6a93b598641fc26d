/**
 * Finds JSON values in a stream of lines. The fast path is one `JSON.parse` per line (JSON
 * lines). A line that starts a value but does not parse on its own switches to a character
 * scanner that follows pretty-printed documents over many lines, splits concatenated values
 * (`}{`, as Firehose writes CloudWatch subscription payloads) and streams the elements of a
 * top-level array one by one, so a `gcloud logging read --format=json` array of any size is
 * never held whole.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { RecordAt } from './record-format.js';

/** Default cap for one multi-line document or array element kept in memory. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export interface FramedSink {
  /** A top-level JSON value, or one element of a top-level array (then `at.index` is set). */
  value(value: unknown, at: RecordAt): void;
  /** A line that is not JSON; returns true when a format claimed it. */
  text(text: string, at: RecordAt): boolean;
  issue(issue: Issue): void;
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

type Mode = 'idle' | 'object' | 'array';

/** Position of the first non-whitespace character, or -1 for a blank line. */
export function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) return i;
  }
  return -1;
}

/**
 * A JSON.parse failure as a message that never echoes the input (V8 quotes a slice of the
 * text, which could hold a Secret's data).
 */
export function describeJsonError(error: unknown, lineLength: number): string {
  const text = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(text)?.[1];
  if (/Unexpected end of JSON input/.test(text)) {
    return `malformed JSON: the record ends early (${lineLength} bytes, cut short?)`;
  }
  return position === undefined
    ? `malformed JSON (${lineLength} bytes)`
    : `malformed JSON at column ${Number(position) + 1} of ${lineLength}`;
}

/** Says what a non-JSON line looks like without printing it (it might hold secrets). */
export function describeLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting binary data is the point
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) return `binary data (${text.length} chars)`;
  return `a text line of ${text.length} chars that is not JSON`;
}

export class JsonFramer {
  private mode: Mode = 'idle';
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Text of the current document (object mode) or array element (array mode). */
  private parts: string[] = [];
  private partChars = 0;
  private isOverflowing = false;
  private startLine = 0;
  private elementIndex = 0;
  private isInElement = false;

  constructor(
    private readonly file: string,
    private readonly sink: FramedSink,
    private readonly maxDocumentBytes: number = DEFAULT_MAX_DOCUMENT_BYTES,
  ) {}

  line(text: string, lineNumber: number): void {
    if (this.mode !== 'idle') {
      if (this.isFreshRecordInsideDocument(text)) {
        this.abandon('a new record starts at column 1 before the document was closed');
      } else {
        this.scan(text, 0, lineNumber);
        return;
      }
    }
    const first = firstNonSpace(text);
    if (first === -1) return;
    const c = text.charCodeAt(first);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        this.scan(text, first, lineNumber);
        return;
      }
      this.emitTop(value, lineNumber);
      return;
    }
    const at = { file: this.file, line: lineNumber };
    if (this.sink.text(text, at)) return;
    this.sink.issue({
      code: 'CW_INGEST_MALFORMED_JSON',
      severity: 'error',
      message: `expected a JSON record, found ${describeLine(text)}`,
      location: { file: this.file, line: lineNumber, column: first + 1 },
    });
  }

  end(): void {
    if (this.mode === 'idle') return;
    this.abandon('the stream ended inside a multi-line JSON document');
  }

  private emitTop(value: unknown, lineNumber: number): void {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        this.sink.value(value[index], { file: this.file, line: lineNumber, index });
      }
      return;
    }
    this.sink.value(value, { file: this.file, line: lineNumber });
  }

  /**
   * Inside a pretty-printed object, nested lines are indented or start with a key; a line at
   * column 1 that is a complete JSON object on its own means the open document was a cut-off
   * JSON line, so the good record is not swallowed into it. (Arrays are exempt: `[` followed by
   * one compact object per line is a common shape.)
   */
  private isFreshRecordInsideDocument(text: string): boolean {
    if (this.mode !== 'object' || text.charCodeAt(0) !== OPEN_BRACE || text.length < 2) {
      return false;
    }
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }

  private abandon(reason: string): void {
    this.sink.issue({
      code: 'CW_INGEST_UNTERMINATED_DOCUMENT',
      severity: 'error',
      message: `${reason}; the JSON value starting here was not used`,
      location: { file: this.file, line: this.startLine },
    });
    this.reset();
  }

  private reset(): void {
    this.mode = 'idle';
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.parts = [];
    this.partChars = 0;
    this.isOverflowing = false;
    this.isInElement = false;
  }

  private keep(text: string): void {
    if (this.isOverflowing) return;
    this.partChars += text.length;
    if (this.partChars > this.maxDocumentBytes) {
      this.isOverflowing = true;
      this.parts = [];
      return;
    }
    this.parts.push(text);
  }

  private beginValue(lineNumber: number): void {
    this.parts = [];
    this.partChars = 0;
    this.isOverflowing = false;
    this.startLine = lineNumber;
  }

  /** Parses the collected text of one value and hands it on (or reports why not). */
  private finishValue(lastPiece: string, index: number | undefined): void {
    const at =
      index === undefined
        ? { file: this.file, line: this.startLine }
        : { file: this.file, line: this.startLine, index };
    if (this.isOverflowing) {
      this.sink.issue({
        code: 'CW_INGEST_DOCUMENT_TOO_LARGE',
        severity: 'error',
        message: `a JSON ${index === undefined ? 'document' : 'array element'} is larger than ${this.maxDocumentBytes} bytes and was skipped`,
        location: at,
      });
      this.parts = [];
      return;
    }
    this.parts.push(lastPiece);
    const text = this.parts.length === 1 ? lastPiece : this.parts.join('');
    this.parts = [];
    this.partChars = 0;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.sink.issue({
        code: 'CW_INGEST_MALFORMED_JSON',
        severity: 'error',
        message: describeJsonError(error, text.length),
        location: at,
      });
      return;
    }
    this.sink.value(value, at);
  }

  /** The character scanner: follows strings and nesting from `from` to the end of the line. */
  private scan(text: string, from: number, lineNumber: number): void {
    let segmentStart = this.mode === 'object' || this.isInElement ? from : -1;
    const n = text.length;
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === 32 || c === 9 || c === 13) continue;
      if (this.mode === 'idle') {
        if (c === OPEN_BRACE) {
          this.mode = 'object';
          this.beginValue(lineNumber);
          this.depth = 1;
          segmentStart = i;
        } else if (c === OPEN_BRACKET) {
          this.mode = 'array';
          this.beginValue(lineNumber);
          this.depth = 1;
          this.elementIndex = 0;
          this.isInElement = false;
        } else {
          this.junk(lineNumber, i);
          return;
        }
        continue;
      }
      if (this.mode === 'array' && this.depth === 1 && !this.isInElement) {
        if (c === CLOSE_BRACKET) {
          this.reset();
          continue;
        }
        if (c === COMMA) continue;
        this.isInElement = true;
        this.beginValue(lineNumber);
        segmentStart = i;
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        this.depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--;
        if (this.mode === 'object' && this.depth === 0) {
          this.finishValue(text.slice(segmentStart, i + 1), undefined);
          this.reset();
          segmentStart = -1;
        } else if (this.mode === 'array' && this.depth === 1 && this.isInElement) {
          this.finishValue(text.slice(segmentStart, i + 1), this.elementIndex++);
          this.isInElement = false;
          segmentStart = -1;
        } else if (this.mode === 'array' && this.depth === 0) {
          // `]` right after a primitive element: close that element first.
          if (this.isInElement) this.finishValue(text.slice(segmentStart, i), this.elementIndex++);
          this.reset();
          segmentStart = -1;
        }
      } else if (c === COMMA && this.mode === 'array' && this.depth === 1 && this.isInElement) {
        this.finishValue(text.slice(segmentStart, i), this.elementIndex++);
        this.isInElement = false;
        segmentStart = -1;
      }
    }
    if (this.inString) {
      // JSON strings cannot hold a raw line break: the record was cut inside a string.
      this.abandon('a JSON string is not closed at the end of the line (record cut short?)');
      return;
    }
    if (segmentStart !== -1 && (this.mode === 'object' || this.isInElement)) {
      this.keep(text.slice(segmentStart));
      this.keep('\n');
    }
  }

  private junk(lineNumber: number, column: number): void {
    this.sink.issue({
      code: 'CW_INGEST_MALFORMED_JSON',
      severity: 'error',
      message: 'unexpected text after a complete JSON value; the rest of the line was not used',
      location: { file: this.file, line: lineNumber, column: column + 1 },
    });
  }
}
