/**
 * Every analytic of the pack, in id order. Adding one means adding its file, its tests
 * (`rules/analytics/<id>-….tests/`) and one line here.
 * @module
 */
import type { AnalyticDefinition } from './analytic.js';
import { BLIND_SPOT } from './blind-spot.js';
import { CRONJOB_TAMPERING } from './cronjob-tampering.js';
import { FIRST_SEEN_JOB_CREATOR } from './first-seen-job-creator.js';
import { IMAGE_RISK } from './image-risk.js';
import { JOB_LINEAGE } from './job-lineage.js';
import { RBAC_GRANT_THEN_JOB } from './rbac-grant-then-job.js';

export const ANALYTICS: readonly AnalyticDefinition[] = [
  CRONJOB_TAMPERING,
  FIRST_SEEN_JOB_CREATOR,
  IMAGE_RISK,
  JOB_LINEAGE,
  BLIND_SPOT,
  RBAC_GRANT_THEN_JOB,
];

/** The analytic with this pack id (`CW-005`), if any. */
export function findAnalytic(id: string): AnalyticDefinition | undefined {
  return ANALYTICS.find((analytic) => analytic.meta.id === id);
}
