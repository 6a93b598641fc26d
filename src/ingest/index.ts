/**
 * Ingest: reads log files, directories, globs and stdin (gzip, CRLF, BOM, bounded lines),
 * detects each input's format, decodes Kubernetes audit envelopes (raw, EventList, AKS, EKS,
 * GKE) and Azure Activity Log records into `NormalizedEvent`s with their origin, marks blind
 * spots, redacts secrets and deduplicates audit stages.
 * @module
 */
export { AuditDedupe, type DedupeOptions, type DedupeVerdict, evaluationStage } from './dedupe.js';
export type { BlindSpot, EventOrigin, NormalizedEvent } from './event.js';
export type { DecodeOptions, DecodeSink, Format, LineDecoder } from './format.js';
export {
  detectFormat,
  FORMATS,
  type FormatDetection,
  findFormat,
  getFormat,
  MIN_CONFIDENCE,
  type OpenOptions,
  openDecoder,
} from './formats.js';
export { isJsonRecordFormat, type JsonRecordFormat, type RecordAt } from './json/record-format.js';
export { K8S_AUDIT_LOGSOURCE } from './k8s/audit-record.js';
export { DEFAULT_MAX_LINE_BYTES, type LineSink, LineSplitter } from './read/line-splitter.js';
export { expandInputs } from './read/sources.js';
export {
  type DecodedText,
  type DecodeTextOptions,
  decodeText,
  type EventStream,
  type ReadOptions,
  readEvents,
} from './read-events.js';
export { REDACTED } from './redact.js';
export { HEAD_CHARS, SourceDecoder, type SourceDecoderOptions } from './source-decoder.js';
export { emptyStats, type IngestStats, mergeStats } from './stats.js';
