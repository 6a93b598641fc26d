/**
 * What every hygiene check reads: the RBAC analysis, the audit facts (possibly none), the
 * activity index, the clock and the dormancy window.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { Finding, Level } from '../../finding.js';
import type { RbacAnalysis } from '../analyze.js';
import type { ActivityIndex } from './activity.js';
import type { AuditFact } from './audit-fact.js';

export interface HygieneContext {
  readonly analysis: RbacAnalysis;
  readonly facts: readonly AuditFact[];
  readonly activity: ActivityIndex;
  /** False when no audit log was given: audit-based checks stay silent. */
  readonly hasAudit: boolean;
  readonly now: Date;
  readonly dormantDays: number;
}

export interface HygieneResult {
  readonly findings: Finding[];
  readonly issues?: Issue[];
}

export interface HygieneCheck {
  readonly id: string;
  readonly title: string;
  /** The most severe level its findings take (SARIF rule level). */
  readonly level: Level;
  readonly description: string;
  run(context: HygieneContext): HygieneResult;
}

export const DAY_MS = 86_400_000;

export function isoDay(ms: number): string {
  return Number.isNaN(ms) ? 'never' : new Date(ms).toISOString().slice(0, 19).concat('Z');
}
