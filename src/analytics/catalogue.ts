/**
 * Every analytic of the pack, in id order. Adding one means adding its file, its tests
 * (`rules/analytics/<id>-….tests/`) and one line here.
 * @module
 */
import type { AnalyticDefinition } from './analytic.js';
import { CRONJOB_TAMPERING } from './cronjob-tampering.js';

export const ANALYTICS: readonly AnalyticDefinition[] = [CRONJOB_TAMPERING];

/** The analytic with this pack id (`CW-005`), if any. */
export function findAnalytic(id: string): AnalyticDefinition | undefined {
  return ANALYTICS.find((analytic) => analytic.meta.id === id);
}
