/**
 * The contract between readers and decoders. A reader splits a (decompressed) stream into
 * lines and hands them, in order, to the decoder a `Format` opens for that stream. Decoders
 * decide record boundaries themselves (a JSON line, a pretty-printed JSON document, an XML
 * `<Event>`, an auditd serial group), so every format is a stateful line consumer.
 * @module
 */
import type { Issue } from '../errors.js';
import type { NormalizedEvent } from './event.js';

/** Where decoded output goes. Calls are synchronous: the hot path allocates no promises. */
export interface DecodeSink {
  event(event: NormalizedEvent): void;
  /** A malformed record: counted, reported once with file:line and reason; decoding goes on. */
  issue(issue: Issue): void;
}

/** A decoder bound to one stream. */
export interface LineDecoder {
  /** One line without its terminator (CR, LF and a leading BOM already removed). */
  line(text: string, lineNumber: number): void;
  /** End of stream: flush buffered records, report an unterminated one. */
  end(): void;
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
  open(file: string, sink: DecodeSink): LineDecoder;
}
