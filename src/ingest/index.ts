/**
 * Ingest: reads log files, directories, globs and stdin (gzip, CRLF, BOM, bounded lines),
 * detects each input's format, decodes Kubernetes audit envelopes (raw, EventList, AKS, EKS,
 * GKE) and Azure Activity Log records into `NormalizedEvent`s with their origin, marks blind
 * spots, redacts secrets and deduplicates audit stages. Endpoint formats (Windows/Sysmon XML,
 * evtx-JSON and agent JSON, Sysmon for Linux, auditd, ECS, Falco, Kubernetes Events) and
 * AdmissionReview logs map onto the Sigma taxonomy (`docs/ingest-endpoint.md`).
 * @module
 */
export { ADMISSION_SOURCE_ANNOTATION } from './admission/admission-review.js';
export { AuditDedupe, type DedupeOptions, type DedupeVerdict, evaluationStage } from './dedupe.js';
export { AUDITD_LOGSOURCE, WINDOW_LINES } from './endpoint/auditd.js';
export { type AuditRecord, parseAuditRecord } from './endpoint/auditd-record.js';
export {
  categoryCovers,
  SYSMON_CATEGORIES,
  sysmonCategory,
  UMBRELLA_CATEGORIES,
  WINDOWS_CHANNEL_SERVICES,
} from './endpoint/categories.js';
export {
  SECURITY_4688_NAMES,
  toWindowsEvent,
  type WindowsSystem,
} from './endpoint/windows-event.js';
export {
  bareContainerId,
  setWorkloadIdentity,
  type WorkloadIdentity,
} from './endpoint/workload.js';
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
