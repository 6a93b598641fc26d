/**
 * cronwarden's public library API.
 * @module
 */
export { admissionReviewToAuditEvent } from './admission/review-event.js';
export * from './analytics/index.js';
export * from './baseline/index.js';
export {
  type BaselineDescription,
  describeBaseline,
  type LearnOptions,
  type LearnResult,
  learnBaseline,
  loadBaseline,
  type NamespaceBaseline,
  type NamespaceLearned,
} from './baseline.js';
export * from './correlate/index.js';
export * from './errors.js';
export * from './finding.js';
export {
  builtinRuleDirs,
  type Detector,
  type DetectorOptions,
  detectorFromRules,
  loadDetector,
  startObserver,
} from './hunt/detector.js';
export { type HuntOptions, type HuntProgress, type HuntResult, hunt } from './hunt.js';
export * from './incident.js';
export * from './ingest/index.js';
export * from './inventory/index.js';
export type { Logsource } from './logsource.js';
export * from './posture/index.js';
export * from './rbac/index.js';
export {
  type RbacReview,
  type RbacReviewOptions,
  rbacReport,
  rbacRuleInfos,
  reviewRbac,
} from './rbac-review.js';
export * from './report/index.js';
export * from './rules/index.js';
export {
  DEFAULT_PSS_TARGET,
  type ScanOptions,
  type ScanResult,
  type ScanSource,
  scan,
  scanInventory,
  workloadRightsFrom,
} from './scan.js';
export * from './sigma/index.js';
export * from './store/index.js';
export { VERSION } from './version.js';
