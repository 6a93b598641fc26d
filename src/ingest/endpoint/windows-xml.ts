/**
 * `windows-xml` and `sysmon-linux`: events in the Windows Event Log XML schema.
 *
 * - Windows: Event Viewer "Save as XML" (`<Events><Event xmlns=…>…</Event>…</Events>`) and
 *   `wevtutil qe LOG /f:xml` (events back to back, often on one line), pretty-printed or not.
 * - Sysmon for Linux: each event is one syslog line, `… sysmon: <Event>…</Event>` (the
 *   `Linux-Sysmon` provider), so the text before `<Event>` is a syslog prefix.
 *
 * The decoder cuts `<Event …>` … `</Event>` spans out of the line stream (an `<Event>` never
 * nests), so memory is bounded by one event, and parses each on its own: a broken event is
 * one issue at the line where it starts, and the events around it decode.
 * @module
 */
import type { DecodeOptions, DecodeSink, Format, LineDecoder } from '../format.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../json/framer.js';
import { toWindowsEvent } from './windows-event.js';
import { parseXml } from './xml.js';
import { readXmlEvent } from './xml-event.js';

const EVENT_START = /<Event[\s>]/;
const EVENT_END = '</Event>';

/** The 1-based line and column of `offset` in `text`, which starts at `firstLine`. */
function lineAndColumn(
  text: string,
  offset: number,
  firstLine: number,
): { line: number; column: number } {
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Text allowed between events: wrapper tags, XML declarations, comments, syslog prefixes. */
function isIgnorableBetweenEvents(text: string, allowPrefix: boolean): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || allowPrefix) return true;
  return /^(<\?xml[^>]*\?>|<\/?Events\b[^>]*>|<!--.*-->|\s)*$/.test(trimmed);
}

class XmlEventDecoder implements LineDecoder {
  private buffer = '';
  private bufferLine = 0;
  private isInEvent = false;
  private index = 0;

  constructor(
    private readonly file: string,
    private readonly sink: DecodeSink,
    private readonly formatId: string,
    private readonly isSyslog: boolean,
    private readonly maxBytes: number,
  ) {}

  line(text: string, lineNumber: number): void {
    if (!this.isInEvent) {
      this.buffer = text;
      this.bufferLine = lineNumber;
    } else {
      this.buffer += `\n${text}`;
    }
    this.drain(lineNumber);
  }

  isAtRecordBoundary(): boolean {
    return !this.isInEvent;
  }

  private drain(lineNumber: number): void {
    for (;;) {
      if (!this.isInEvent) {
        const match = EVENT_START.exec(this.buffer);
        if (match === null) {
          this.checkOutside(this.buffer, this.bufferLine);
          this.buffer = '';
          return;
        }
        const before = this.buffer.slice(0, match.index);
        this.checkOutside(before, this.bufferLine);
        this.bufferLine = lineAndColumn(this.buffer, match.index, this.bufferLine).line;
        this.buffer = this.buffer.slice(match.index);
        this.isInEvent = true;
      }
      const end = this.buffer.indexOf(EVENT_END);
      const restart = EVENT_START.exec(this.buffer.slice(1));
      if (restart !== null && (end === -1 || restart.index + 1 < end)) {
        // A new <Event> before this one closed: the first was cut short (two writers, a
        // truncated export). Report it and resynchronise on the new one.
        this.unterminated();
        const at = restart.index + 1;
        this.bufferLine = lineAndColumn(this.buffer, at, this.bufferLine).line;
        this.buffer = this.buffer.slice(at);
        continue;
      }
      if (end === -1) {
        if (this.buffer.length > this.maxBytes) {
          this.issue(
            `an <Event> larger than ${this.maxBytes} characters was skipped`,
            this.bufferLine,
          );
          this.isInEvent = false;
          this.buffer = '';
        }
        return;
      }
      const eventText = this.buffer.slice(0, end + EVENT_END.length);
      this.decodeEvent(eventText, this.bufferLine);
      const rest = this.buffer.slice(end + EVENT_END.length);
      this.bufferLine = lineAndColumn(this.buffer, end + EVENT_END.length, this.bufferLine).line;
      this.buffer = rest;
      this.isInEvent = false;
      if (rest.trim() === '') {
        this.buffer = '';
        this.bufferLine = lineNumber + 1;
        return;
      }
    }
  }

  private checkOutside(text: string, line: number): void {
    if (isIgnorableBetweenEvents(text, this.isSyslog)) return;
    this.issue('text outside any <Event> element (not an event XML line)', line);
  }

  private unterminated(): void {
    this.issue(
      '<Event> is not closed before the next <Event> or the end of the input',
      this.bufferLine,
    );
    this.index++;
  }

  private decodeEvent(text: string, line: number): void {
    const index = this.index++;
    const parsed = parseXml(text);
    if (!parsed.ok) {
      const at = lineAndColumn(text, parsed.offset, line);
      this.sink.issue({
        code: 'CW_INGEST_MALFORMED_XML',
        severity: 'error',
        message: `event XML is not well-formed: ${parsed.reason}`,
        location: { file: this.file, line: at.line, column: at.column, index },
      });
      return;
    }
    const fields = readXmlEvent(parsed.root);
    if (!fields.ok) {
      this.sink.issue({
        code: 'CW_INGEST_BAD_FIELD',
        severity: 'error',
        message: `Windows event not used: ${fields.reason}`,
        location: { file: this.file, line, index },
      });
      return;
    }
    const parts = toWindowsEvent(fields.system, fields.eventData);
    this.sink.event({ format: this.formatId, ...parts, origin: { file: this.file, line, index } });
  }

  private issue(message: string, line: number): void {
    this.sink.issue({
      code: 'CW_INGEST_MALFORMED_XML',
      severity: 'error',
      message,
      location: { file: this.file, line },
    });
  }

  end(): void {
    if (this.isInEvent) this.unterminated();
    this.isInEvent = false;
    this.buffer = '';
  }
}

function openXml(formatId: string, isSyslog: boolean) {
  return (file: string, sink: DecodeSink, options?: DecodeOptions): LineDecoder =>
    new XmlEventDecoder(
      file,
      sink,
      formatId,
      isSyslog,
      options?.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    );
}

const LINUX_SYSMON = /Linux-Sysmon/;

export const WINDOWS_XML_FORMAT: Format = {
  id: 'windows-xml',
  description: 'Windows/Sysmon events as XML (Event Viewer "Save as XML", wevtutil qe /f:xml)',
  sniff(head) {
    const start = head.trimStart();
    if (!/^(<\?xml[^>]*\?>\s*)?(<Events[\s>]\s*)?<Event[\s>]/.test(start)) return 0;
    return LINUX_SYSMON.test(head) ? 0.6 : 0.95;
  },
  open: openXml('windows-xml', false),
};

export const SYSMON_LINUX_FORMAT: Format = {
  id: 'sysmon-linux',
  description: 'Sysmon for Linux events: syslog lines carrying <Event> XML (Linux-Sysmon provider)',
  sniff(head) {
    const first = head.slice(0, head.indexOf('\n') >>> 0);
    if (!first.includes('<Event>') && !/<Event\s/.test(first)) return 0;
    return LINUX_SYSMON.test(head) ? 0.9 : 0.3;
  },
  open: openXml('sysmon-linux', true),
};
