/**
 * Stateful detections of the pack (CW-005, CW-007, CW-009, CW-014, CW-016, CW-017) and the
 * patch appliers they use.
 * @module
 */
export type { Analytic, AnalyticContext, AnalyticDefinition, AnalyticMeta } from './analytic.js';
export { ANALYTICS, findAnalytic } from './catalogue.js';
export { CRONJOB_TAMPERING, diffCronJobs } from './cronjob-tampering.js';
export { firstSeenJobCreator, type KnownJobWriters } from './first-seen-job-creator.js';
export { applyPatch } from './patch/apply.js';
export { applyJsonPatch } from './patch/json-patch.js';
export {
  applyMergePatch,
  applyStrategicMergePatch,
  type PatchKind,
  patchKind,
} from './patch/merge-patch.js';
