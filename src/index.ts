/**
 * cronwarden's public library API.
 * @module
 */
export * from './errors.js';
export * from './finding.js';
export * from './ingest/index.js';
export type { Logsource } from './logsource.js';
export * from './sigma/index.js';
export { VERSION } from './version.js';
