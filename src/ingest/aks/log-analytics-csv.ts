/**
 * `aks-log-analytics-csv`: the same AKS audit rows as `aks-log-analytics`, exported from the
 * Azure portal's Logs blade as CSV ("Export to CSV"). RFC 4180: fields in double quotes may
 * hold commas, `""` and line breaks — `log_s` keeps the Event's trailing newline, so one row
 * can span lines. Datetime headers carry a ` [UTC]` suffix (`TimeGenerated [UTC]`), removed
 * before the columns are mapped exactly as for the JSON export.
 * @module
 */
import type { DecodeSink, Format, LineDecoder } from '../format.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../json/framer.js';
import { decodeLogAnalyticsRow, logAnalyticsScore } from './log-analytics.js';

const HEADER_COLUMNS = /(^|,)"?(log_s|AuditId)"?(,|$)/;

/** Splits complete CSV records out of lines; a quoted field may continue on the next line. */
export class CsvRecordReader {
  private fields: string[] = [];
  private field = '';
  private isQuoted = false;
  private chars = 0;
  private startLine = 0;

  /** Feeds one line; returns the completed record, or undefined while a quote is open. */
  line(text: string, lineNumber: number): { fields: string[]; line: number } | undefined {
    if (!this.isQuoted) {
      this.fields = [];
      this.field = '';
      this.chars = 0;
      this.startLine = lineNumber;
    } else {
      this.field += '\n';
    }
    this.chars += text.length + 1;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.isQuoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            this.field += '"';
            i++;
          } else this.isQuoted = false;
        } else this.field += c;
      } else if (c === '"') this.isQuoted = true;
      else if (c === ',') {
        this.fields.push(this.field);
        this.field = '';
      } else this.field += c;
    }
    if (this.isQuoted) return undefined;
    this.fields.push(this.field);
    return { fields: this.fields, line: this.startLine };
  }

  /** True while a quoted field continues on the next line. */
  get isOpen(): boolean {
    return this.isQuoted;
  }

  /** Characters of the record being read (for the size limit). */
  get size(): number {
    return this.chars;
  }

  /** Line where the record being read started. */
  get recordStartLine(): number {
    return this.startLine;
  }

  /** Drops the open record (after reporting it). */
  reset(): void {
    this.isQuoted = false;
  }
}

class CsvDecoder implements LineDecoder {
  private header: string[] | undefined;
  private readonly reader = new CsvRecordReader();
  private index = 0;

  constructor(
    private readonly file: string,
    private readonly sink: DecodeSink,
    private readonly maxRecordBytes: number,
  ) {}

  line(text: string, lineNumber: number): void {
    if (!this.reader.isOpen && text.trim() === '') return;
    const record = this.reader.line(text, lineNumber);
    if (record === undefined) {
      if (this.reader.size > this.maxRecordBytes) {
        this.sink.issue({
          code: 'CW_INGEST_DOCUMENT_TOO_LARGE',
          severity: 'error',
          message: `a CSV row is larger than ${this.maxRecordBytes} bytes and was skipped`,
          location: { file: this.file, line: this.reader.recordStartLine },
        });
        this.reader.reset();
      }
      return;
    }
    if (this.header === undefined) {
      this.header = record.fields.map((name) => name.replace(/ \[UTC\]$/, '').trim());
      return;
    }
    const row: Record<string, unknown> = {};
    const header = this.header;
    if (record.fields.length !== header.length) {
      this.sink.issue({
        code: 'CW_INGEST_BAD_FIELD',
        severity: 'error',
        message: `CSV row has ${record.fields.length} fields, the header has ${header.length}`,
        location: { file: this.file, line: record.line },
      });
      this.index++;
      return;
    }
    for (let i = 0; i < header.length; i++) {
      const value = record.fields[i] ?? '';
      if (value !== '') row[header[i] ?? `column${i}`] = value;
    }
    const at = { file: this.file, line: record.line, index: this.index++ };
    if (logAnalyticsScore(row) === 0) {
      this.sink.issue({
        code: 'CW_INGEST_UNRECOGNISED_RECORD',
        severity: 'error',
        message: 'CSV row has neither log_s nor AuditId',
        location: at,
      });
      return;
    }
    decodeLogAnalyticsRow(row, at, this.sink, 'aks-log-analytics-csv');
  }

  end(): void {
    if (!this.reader.isOpen) return;
    this.sink.issue({
      code: 'CW_INGEST_UNTERMINATED_DOCUMENT',
      severity: 'error',
      message: 'the stream ended inside a quoted CSV field; the row was not used',
      location: { file: this.file, line: this.reader.recordStartLine },
    });
  }

  isAtRecordBoundary(): boolean {
    return false; // CSV lines are never JSON records a prefilter may skip
  }
}

export const AKS_LOG_ANALYTICS_CSV_FORMAT: Format = {
  id: 'aks-log-analytics-csv',
  description:
    'AKS audit rows exported from Log Analytics as CSV (AzureDiagnostics log_s, AKSAudit columns)',
  sniff(head) {
    const firstLine = head.slice(0, head.indexOf('\n') >>> 0);
    if (firstLine.startsWith('{') || firstLine.startsWith('[')) return 0;
    return HEADER_COLUMNS.test(firstLine) ? 0.9 : 0;
  },
  open: (file, sink, options) =>
    new CsvDecoder(file, sink, options?.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES),
};
