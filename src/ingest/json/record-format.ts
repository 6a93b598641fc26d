/**
 * An extension of the `Format` contract for formats whose records are JSON values. The JSON
 * framer (`json/framer.ts`) finds the values (JSON lines, pretty-printed documents, arrays,
 * concatenated values); the format only classifies and decodes parsed values. Because every
 * JSON format shares one framer, a file that mixes envelopes (Elastic's `test-audit.log` holds
 * raw Events, a GKE LogEntry and an AKS record) still decodes record by record.
 * @module
 */
import type { DecodeSink, Format } from '../format.js';

/** Where one JSON record is: its file, the 1-based line it starts on and, inside an array, its index. */
export interface RecordAt {
  readonly file: string;
  readonly line: number;
  /** 0-based position inside a JSON array or batch (`items`, `records`, `logEvents`, …). */
  readonly index?: number;
  /**
   * Set when the value is a one-element copy of a batch wrapper streamed out of a large
   * document: the index of that element in the original batch (decoders use it instead of 0).
   */
  readonly batchIndex?: number;
}

export interface JsonRecordFormat extends Format {
  /**
   * How sure (0 … 1) this format is that `value` is one of its records (or batches).
   * 0 means "not mine". Must be cheap: it runs for every record of a mixed stream.
   */
  matchRecord(value: Readonly<Record<string, unknown>>): number;
  /** Decodes one parsed JSON object: emits events and issues to `sink`. Never throws on bad data. */
  decodeRecord(value: Record<string, unknown>, at: RecordAt, sink: DecodeSink): void;
  /**
   * Optional: claims a line that is not JSON (a base64 payload, a `timestamp message` line).
   * Returns false to let the framer treat it as JSON.
   */
  decodeTextLine?(text: string, at: RecordAt, sink: DecodeSink): boolean;
}

/** Narrows a catalogue entry to a JSON record format. */
export function isJsonRecordFormat(format: Format): format is JsonRecordFormat {
  return typeof (format as Partial<JsonRecordFormat>).decodeRecord === 'function';
}

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
