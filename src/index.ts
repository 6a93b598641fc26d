/**
 * cronwarden's public library API.
 * @module
 */
export * from './errors.js';
export * from './finding.js';
export * from './incident.js';
export type { Logsource } from './logsource.js';
export * from './rbac/index.js';
export {
  type RbacReview,
  type RbacReviewOptions,
  rbacReport,
  rbacRuleInfos,
  reviewRbac,
} from './rbac-review.js';
export * from './report/index.js';
export { VERSION } from './version.js';
