/**
 * cronwarden's public library API.
 * @module
 */
export { admissionReviewToAuditEvent } from './admission/review-event.js';
export * from './analytics/index.js';
export { Detector, type DetectorOptions } from './detect.js';
export * from './errors.js';
export * from './finding.js';
export * from './ingest/index.js';
export type { Logsource } from './logsource.js';
export * from './rules/index.js';
export * from './sigma/index.js';
export { VERSION } from './version.js';
