/**
 * The contract between readers and decoders. A reader splits a (decompressed) stream into
 * lines and hands them, in order, to the decoder a `Format` opens for that stream. Decoders
 * decide record boundaries themselves (a JSON line, a pretty-printed JSON document, an XML
 * `<Event>`, an auditd serial group), so every format is a stateful line consumer.
 * @module
 */
import type { Issue, Location } from '../errors.js';
import type { NormalizedEvent } from './event.js';

/** Where decoded output goes. Calls are synchronous: the hot path allocates no promises. */
export interface DecodeSink {
  event(event: NormalizedEvent): void;
  /** A malformed record: counted, reported once with file:line and reason; decoding goes on. */
  issue(issue: Issue): void;
  /**
   * Optional: a record that is well-formed but deliberately not turned into an event (an EKS
   * CONTROL_MESSAGE, an AKS non-audit category). Counted in the stats, never an issue.
   */
  skipped?(reason: string, location: Location): void;
}

/** Limits a decoder applies (readers pass theirs; every field has a default). */
export interface DecodeOptions {
  /** Largest multi-line JSON document or array element kept in memory (default 256 MiB). */
  readonly maxDocumentBytes?: number;
}

/** A decoder bound to one stream. */
export interface LineDecoder {
  /** One line without its terminator (CR, LF and a leading BOM already removed). */
  line(text: string, lineNumber: number): void;
  /** End of stream: flush buffered records, report an unterminated one. */
  end(): void;
  /**
   * Optional: true when the decoder holds no partial record, so the next line starts a new
   * one. Callers that skip lines before decoding (a prefilter) may only skip at a boundary.
   */
  isAtRecordBoundary?(): boolean;
}

/** One input format: a catalogue entry (id, description, detection, decoder factory). */
export interface Format {
  readonly id: string;
  readonly description: string;
  /**
   * Confidence (0 … 1) that a stream starting with `head` (the first lines, up to 64 KiB,
   * decompressed) is in this format. Auto-detection picks the highest; ties go to the
   * earlier entry of the registry.
   */
  sniff(head: string): number;
  open(file: string, sink: DecodeSink, options?: DecodeOptions): LineDecoder;
}
