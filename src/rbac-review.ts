/**
 * The RBAC review use case: inventory objects (and optionally audit facts) in, one report of
 * RBAC (`RBAC-…`) and account-hygiene (`HYG-…`) findings out. `scan` includes the same
 * findings through `reviewRbac`; `cronwarden rbac check` prints them alone.
 * @module
 */
import type { Issue } from './errors.js';
import type { Finding } from './finding.js';
import type { K8sObject } from './inventory/object.js';
import { analyzeRbac, type RbacAnalysis, rbacFindings } from './rbac/analyze.js';
import { RBAC_CHECKS } from './rbac/findings/index.js';
import { HYGIENE_CHECKS, hygieneFindings } from './rbac/hygiene/analyze.js';
import type { AuditFact } from './rbac/hygiene/audit-fact.js';
import { creatorsFromAudit } from './rbac/hygiene/workload-writes.js';
import type { Subject } from './rbac/model.js';
import type { InputSummary, Report, RuleInfo } from './report/report.js';
import { countByLevel, countByRule } from './report/summary.js';
import { VERSION } from './version.js';

export interface RbacReviewOptions {
  readonly now?: Date;
  /** Audit facts; without them the audit-based hygiene checks stay silent. */
  readonly facts?: readonly AuditFact[];
  readonly dormantDays?: number;
  /** Extra administrators (not reported for holding power). */
  readonly admins?: readonly Subject[];
}

export interface RbacReview {
  readonly analysis: RbacAnalysis;
  readonly findings: readonly Finding[];
  readonly issues: readonly Issue[];
}

/**
 * Runs every RBAC and hygiene check over the objects.
 * @example
 * const { findings } = reviewRbac(inventory.objects, { now: new Date(), facts });
 */
export function reviewRbac(
  objects: readonly K8sObject[],
  options: RbacReviewOptions = {},
): RbacReview {
  const now = options.now ?? new Date();
  const analysis = analyzeRbac(objects);
  const rbac = rbacFindings(analysis, {
    now,
    ...(options.admins ? { admins: options.admins } : {}),
    ...(options.facts ? { creators: creatorsFromAudit(options.facts) } : {}),
  });
  const hygiene = hygieneFindings(analysis, {
    now,
    ...(options.facts ? { facts: options.facts } : {}),
    ...(options.dormantDays === undefined ? {} : { dormantDays: options.dormantDays }),
  });
  return {
    analysis,
    findings: [...rbac.findings, ...hygiene.findings],
    issues: [...rbac.issues, ...hygiene.issues],
  };
}

/** The rule list of RBAC and hygiene checks, for SARIF `tool.driver.rules`. */
export function rbacRuleInfos(): RuleInfo[] {
  return [
    ...RBAC_CHECKS.map((check) => ({
      id: check.id,
      title: check.title,
      source: 'rbac' as const,
      level: check.level,
      description: check.description,
    })),
    ...HYGIENE_CHECKS.map((check) => ({
      id: check.id,
      title: check.title,
      source: 'hygiene' as const,
      level: check.level,
      description: check.description,
    })),
  ];
}

/** Wraps a review into the report document every output format renders. */
export function rbacReport(
  review: RbacReview,
  run: {
    readonly command: string;
    readonly startedAt: Date;
    readonly durationMs: number;
    readonly inputs: readonly InputSummary[];
    readonly inputIssues: readonly Issue[];
  },
): Report {
  const issues = [...run.inputIssues, ...review.issues];
  const records = run.inputs.reduce((sum, input) => sum + input.records, 0);
  return {
    tool: { name: 'cronwarden', version: VERSION },
    findings: review.findings,
    incidents: [],
    rules: rbacRuleInfos(),
    summary: {
      command: run.command,
      startedAt: run.startedAt.toISOString(),
      durationMs: run.durationMs,
      inputs: run.inputs,
      bytes: run.inputs.reduce((sum, input) => sum + (input.bytes ?? 0), 0),
      records,
      recordsByFormat: Object.fromEntries(run.inputs.map((input) => [input.format, input.records])),
      malformed: issues.length,
      issues,
      blindSpots: [],
      rulesLoaded: RBAC_CHECKS.length + HYGIENE_CHECKS.length,
      findings: review.findings.length,
      findingsByLevel: countByLevel(review.findings),
      findingsByRule: countByRule(review.findings),
      incidents: 0,
      stoppedEarly: false,
    },
  };
}
