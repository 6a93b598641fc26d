/**
 * When a baseline is trusted (maturity) and how scores become levels. The defaults are in
 * docs/baseline.md; every number can be overridden through `BaselinePolicy`.
 * @module
 */
import type { Level } from '../finding.js';
import type { Profile } from './model.js';

export interface BaselinePolicy {
  /** A profile needs at least this many learned job writes… */
  readonly minRecords: number;
  /** …spread over at least this many days, before it raises findings. */
  readonly minDays: number;
  /** A creator's hours are judged once they have this many writes. */
  readonly minCreatorRecordsForHours: number;
  /** A creator's weekdays are judged once they have this many writes. */
  readonly minCreatorRecordsForWeekdays: number;
  /** Below this score a deviation is noted nowhere (no finding). */
  readonly minScore: number;
  /** At or above: medium. */
  readonly mediumScore: number;
  /** At or above: high. */
  readonly highScore: number;
}

export const DEFAULT_POLICY: BaselinePolicy = {
  minRecords: 20,
  minDays: 7,
  minCreatorRecordsForHours: 10,
  minCreatorRecordsForWeekdays: 20,
  minScore: 3,
  mediumScore: 5,
  highScore: 8,
};

const DAY_MS = 86_400_000;

/** Days between a profile's first and last learned write (0 without times). */
export function windowDays(profile: Profile): number {
  if (profile.firstMs === undefined || profile.lastMs === undefined) return 0;
  return (profile.lastMs - profile.firstMs) / DAY_MS;
}

/** Whether a profile has enough history to raise findings. */
export function isMature(profile: Profile | undefined, policy: BaselinePolicy): boolean {
  return (
    profile !== undefined &&
    profile.records >= policy.minRecords &&
    windowDays(profile) >= policy.minDays
  );
}

/** The level of a score, or undefined below `minScore`. */
export function levelOfScore(score: number, policy: BaselinePolicy): Level | undefined {
  if (score < policy.minScore) return undefined;
  if (score >= policy.highScore) return 'high';
  if (score >= policy.mediumScore) return 'medium';
  return 'low';
}
