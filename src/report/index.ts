/**
 * The report layer: one `Report` document (findings, incidents, rules, run summary) rendered
 * as `table`, `json`, `jsonl`, `sarif` or `html`, and written atomically with `--out`.
 * @module
 */
export { painter, shouldColor, stripControl } from './color.js';
export { FINGERPRINT_KEY, findingFingerprint } from './fingerprint.js';
export {
  type FormatOptions,
  formatReport,
  parseReportFormat,
  REPORT_FORMATS,
  type ReportFormat,
} from './format.js';
export { escapeHtml, formatHtml } from './html.js';
export { formatJson, formatJsonl, formatJsonlIncidentLine, formatJsonlLine } from './json.js';
export { formatObject, formatOrigin } from './origin.js';
export type {
  BlindSpotSummary,
  InputSummary,
  Report,
  RuleCount,
  RuleInfo,
  RunSummary,
} from './report.js';
export { formatSarif, SARIF_SCHEMA_URI, toSarif } from './sarif.js';
export {
  countByLevel,
  countByRule,
  emptyLevelCounts,
  filterByMinLevel,
  hasFindingAtOrAbove,
  highestLevel,
  withMinLevel,
} from './summary.js';
export { formatSummaryText, formatTable } from './table.js';
export { writeFileAtomic } from './write-atomic.js';
