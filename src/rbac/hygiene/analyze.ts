/**
 * The hygiene use case: the RBAC analysis plus audit facts in, `HYG-…` findings out.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { Finding } from '../../finding.js';
import type { RbacAnalysis } from '../analyze.js';
import { indexActivity } from './activity.js';
import type { AuditFact } from './audit-fact.js';
import type { HygieneCheck, HygieneContext } from './context.js';
import { CREDENTIAL_ACTIVITY } from './credentials.js';
import { DORMANT_PRINCIPALS } from './dormant.js';
import { EXPIRED_GRANTS, WRITES_DURING_GRANT } from './grants.js';
import { ORPHANED_BINDINGS } from './orphaned.js';
import { LEGACY_TOKEN_USE, LONG_LIVED_TOKENS } from './token-secrets.js';

/** The hygiene check catalogue (`HYG-001` …), in report order. */
export const HYGIENE_CHECKS: readonly HygieneCheck[] = [
  DORMANT_PRINCIPALS,
  ORPHANED_BINDINGS,
  LONG_LIVED_TOKENS,
  LEGACY_TOKEN_USE,
  CREDENTIAL_ACTIVITY,
  EXPIRED_GRANTS,
  WRITES_DURING_GRANT,
];

export interface HygieneOptions {
  /** Audit facts; `undefined` when no audit log was given (audit-based checks stay silent). */
  readonly facts?: readonly AuditFact[];
  readonly now?: Date;
  /** Dormancy window in days (default 90). */
  readonly dormantDays?: number;
}

/**
 * Runs every hygiene check.
 * @example
 * const { findings } = hygieneFindings(analyzeRbac(objects), { facts, now: new Date(), dormantDays: 30 });
 */
export function hygieneFindings(
  analysis: RbacAnalysis,
  options: HygieneOptions = {},
): { readonly findings: Finding[]; readonly issues: Issue[] } {
  const facts = options.facts ?? [];
  const context: HygieneContext = {
    analysis,
    facts,
    activity: indexActivity(facts),
    hasAudit: options.facts !== undefined,
    now: options.now ?? new Date(),
    dormantDays: options.dormantDays ?? 90,
  };
  const findings: Finding[] = [];
  const issues: Issue[] = [];
  for (const check of HYGIENE_CHECKS) {
    const result = check.run(context);
    findings.push(...result.findings);
    issues.push(...(result.issues ?? []));
  }
  return { findings, issues };
}
