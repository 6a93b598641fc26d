/**
 * Finds JSON values in a stream of lines. The fast path is one `JSON.parse` per line (JSON
 * lines). A line that starts a value but does not parse on its own switches to a character
 * scanner that follows pretty-printed documents over many lines, splits concatenated values
 * (`}{`, as Firehose writes CloudWatch subscription payloads) and streams array elements one
 * by one — of a top-level array (`gcloud logging read --format=json`) and of the batch array
 * of a pretty-printed wrapper (`items` of an EventList, `records`, `events`, `value`,
 * `logEvents`) — so such documents are never held whole.
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

/** Wrapper keys whose array is streamed element by element inside a multi-line object. */
const STREAMED_KEYS = new Set(['items', 'records', 'events', 'value', 'logEvents']);

/** A batch array being streamed out of a wrapper object. */
interface Wrap {
  readonly key: string;
  /** The wrapper's members seen before the array (`kind`, `messageType`, …). */
  readonly header: Record<string, unknown>;
}

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
  /** Text of the current multi-line object (object mode). */
  private docParts: string[] = [];
  private docChars = 0;
  private isDocOverflowing = false;
  private docLine = 0;
  /** Text of the current streamed array element. */
  private elementParts: string[] = [];
  private elementChars = 0;
  private isElementOverflowing = false;
  private elementLine = 0;
  private elementIndex = 0;
  private isInElement = false;
  /** Depth at which streamed elements start: 1 in a top-level array, 2 in a wrapper's array. */
  private elementDepth = 1;
  private wrap: Wrap | undefined;
  /** Last string closed at depth 1 of an object, and the key it became on `:`. */
  private keyStart = -1;
  private lastString = '';
  private pendingKey = '';

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

  isAtRecordBoundary(): boolean {
    return this.mode === 'idle';
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
   * JSON line, so the good record is not swallowed into it. (Top-level arrays are exempt: `[`
   * followed by one compact object per line is a common shape.)
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
      location: { file: this.file, line: this.isInElement ? this.elementLine : this.docLine },
    });
    this.reset();
  }

  private reset(): void {
    this.mode = 'idle';
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.docParts = [];
    this.docChars = 0;
    this.isDocOverflowing = false;
    this.elementParts = [];
    this.elementChars = 0;
    this.isElementOverflowing = false;
    this.isInElement = false;
    this.wrap = undefined;
    this.keyStart = -1;
    this.pendingKey = '';
  }

  private keepDoc(text: string): void {
    if (this.isDocOverflowing) return;
    this.docChars += text.length;
    if (this.docChars > this.maxDocumentBytes) {
      this.isDocOverflowing = true;
      this.docParts = [];
      return;
    }
    this.docParts.push(text);
  }

  private keepElement(text: string): void {
    if (this.isElementOverflowing) return;
    this.elementChars += text.length;
    if (this.elementChars > this.maxDocumentBytes) {
      this.isElementOverflowing = true;
      this.elementParts = [];
      return;
    }
    this.elementParts.push(text);
  }

  private tooLarge(what: string, at: RecordAt): void {
    this.sink.issue({
      code: 'CW_INGEST_DOCUMENT_TOO_LARGE',
      severity: 'error',
      message: `a JSON ${what} is larger than ${this.maxDocumentBytes} bytes and was skipped`,
      location: at.index === undefined ? { file: at.file, line: at.line } : at,
    });
  }

  private parse(text: string, at: RecordAt): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      this.sink.issue({
        code: 'CW_INGEST_MALFORMED_JSON',
        severity: 'error',
        message: describeJsonError(error, text.length),
        location: at.index === undefined ? { file: at.file, line: at.line } : at,
      });
      return undefined;
    }
  }

  /** Closes the multi-line object and hands it on. */
  private finishDocument(lastPiece: string): void {
    const at = { file: this.file, line: this.docLine };
    if (this.isDocOverflowing || this.docChars + lastPiece.length > this.maxDocumentBytes) {
      this.tooLarge('document', at);
      this.docParts = [];
      return;
    }
    this.docParts.push(lastPiece);
    const text = this.docParts.join('');
    this.docParts = [];
    const value = this.parse(text, at);
    if (value !== undefined) this.sink.value(value, at);
  }

  /** Closes one streamed element and hands it on (inside its wrapper, if it has one). */
  private finishElement(lastPiece: string): void {
    const index = this.elementIndex++;
    this.isInElement = false;
    const at = { file: this.file, line: this.elementLine, index };
    if (this.isElementOverflowing || this.elementChars + lastPiece.length > this.maxDocumentBytes) {
      this.tooLarge('array element', at);
      this.elementParts = [];
      return;
    }
    this.elementParts.push(lastPiece);
    const text = this.elementParts.length === 1 ? lastPiece : this.elementParts.join('');
    this.elementParts = [];
    const value = this.parse(text, at);
    if (value === undefined) return;
    const wrap = this.wrap;
    if (wrap === undefined) {
      this.sink.value(value, at);
      return;
    }
    // One-element copy of the wrapper, so its decoder sees the header (`kind`, `messageType`).
    this.sink.value({ ...wrap.header, [wrap.key]: [value] }, { ...at, batchIndex: index });
  }

  private beginElement(lineNumber: number): void {
    this.isInElement = true;
    this.elementParts = [];
    this.elementChars = 0;
    this.isElementOverflowing = false;
    this.elementLine = lineNumber;
  }

  /**
   * At `[` opening a wrapper's batch array: parse the members seen so far as the header and
   * switch to streaming. Returns false (keep accumulating) when the header does not parse.
   */
  private tryWrap(textSoFar: string): boolean {
    if (this.isDocOverflowing || !STREAMED_KEYS.has(this.pendingKey)) return false;
    let header: unknown;
    try {
      header = JSON.parse(`${this.docParts.join('')}${textSoFar}]}`);
    } catch {
      return false;
    }
    if (typeof header !== 'object' || header === null || Array.isArray(header)) return false;
    const key = this.pendingKey;
    const members = header as Record<string, unknown>;
    // `items` is only a batch of records in an EventList; any other List is kept whole.
    if (key === 'items' && members.kind !== 'EventList') return false;
    delete members[key];
    this.wrap = { key, header: members };
    this.elementDepth = 2;
    this.elementIndex = 0;
    return true;
  }

  /** The character scanner: follows strings and nesting from `from` to the end of the line. */
  private scan(text: string, from: number, lineNumber: number): void {
    let segmentStart = this.mode === 'object' && this.wrap === undefined ? from : -1;
    let elementStart = this.isInElement ? from : -1;
    this.keyStart = -1;
    const n = text.length;
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyStart !== -1) {
            this.lastString = text.slice(this.keyStart + 1, i);
            this.keyStart = -1;
          }
        }
        continue;
      }
      if (c === 32 || c === 9 || c === 13) continue;
      if (this.mode === 'idle') {
        if (c === OPEN_BRACE) {
          this.mode = 'object';
          this.docParts = [];
          this.docChars = 0;
          this.isDocOverflowing = false;
          this.docLine = lineNumber;
          this.depth = 1;
          segmentStart = i;
        } else if (c === OPEN_BRACKET) {
          this.mode = 'array';
          this.depth = 1;
          this.elementDepth = 1;
          this.elementIndex = 0;
          this.isInElement = false;
        } else {
          this.junk(lineNumber, i);
          return;
        }
        continue;
      }
      const isStreaming = this.mode === 'array' || this.wrap !== undefined;
      if (isStreaming && this.depth === this.elementDepth && !this.isInElement) {
        // Between elements of a streamed array.
        if (c === CLOSE_BRACKET) {
          this.depth--;
          if (this.mode === 'array') this.reset();
          else {
            this.wrap = undefined;
            segmentStart = i; // the wrapper goes on: `]` and the members after it
          }
          continue;
        }
        if (c === COMMA) continue;
        this.beginElement(lineNumber);
        elementStart = i;
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        if (this.mode === 'object' && this.depth === 1) this.keyStart = i;
      } else if (c === 58 /* : */ && this.mode === 'object' && this.depth === 1) {
        this.pendingKey = this.lastString;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (
          c === OPEN_BRACKET &&
          this.mode === 'object' &&
          this.depth === 1 &&
          this.wrap === undefined &&
          this.tryWrap(text.slice(segmentStart, i + 1))
        ) {
          this.keepDoc(text.slice(segmentStart, i + 1));
          segmentStart = -1;
        }
        this.depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--;
        if (this.isInElement && this.depth === this.elementDepth) {
          this.finishElement(text.slice(elementStart, i + 1));
          elementStart = -1;
        } else if (this.isInElement && this.depth === this.elementDepth - 1) {
          // `]` right after a primitive element: close that element, then the array.
          this.finishElement(text.slice(elementStart, i));
          elementStart = -1;
          if (this.mode === 'array') this.reset();
          else {
            this.wrap = undefined;
            segmentStart = i;
          }
        } else if (this.mode === 'object' && this.depth === 0) {
          this.finishDocument(text.slice(segmentStart, i + 1));
          this.reset();
          segmentStart = -1;
        }
      } else if (c === COMMA && this.isInElement && this.depth === this.elementDepth) {
        this.finishElement(text.slice(elementStart, i));
        elementStart = -1;
      }
    }
    if (this.inString) {
      // JSON strings cannot hold a raw line break: the record was cut inside a string.
      this.abandon('a JSON string is not closed at the end of the line (record cut short?)');
      return;
    }
    if (this.isInElement && elementStart !== -1) {
      this.keepElement(text.slice(elementStart));
      this.keepElement('\n');
    } else if (this.mode === 'object' && this.wrap === undefined && segmentStart !== -1) {
      this.keepDoc(text.slice(segmentStart));
      this.keepDoc('\n');
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
