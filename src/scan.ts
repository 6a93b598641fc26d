/**
 * The `scan` use case: an inventory (manifests or a live cluster) in, one report out — Pod
 * Security per workload and namespace, the namespace gaps, the extra T1053.007 job checks and
 * the RBAC findings — all in the common finding shape.
 * @module
 */
import type { Issue } from './errors.js';
import { type Finding, levelRank } from './finding.js';
import { type ClusterOptions, loadCluster } from './inventory/cluster.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './inventory/limits.js';
import { loadManifests } from './inventory/load-manifests.js';
import type { Inventory } from './inventory/object.js';
import {
  POSTURE_CHECKS,
  runPostureChecks,
  serviceAccountIndex,
} from './posture/checks/registry.js';
import { WORKLOAD_RESOURCES, type WorkloadCreateRights } from './posture/checks/workload-rights.js';
import { assessPodSecurity, type PssAssessment } from './posture/pss/assess.js';
import type { PssConfig } from './posture/pss/config.js';
import { NAMESPACE_RULES, PSS_RULES, pssFindings } from './posture/pss/findings.js';
import type { LevelVersion } from './posture/pss/level.js';
import { type RbacAnalysis, serviceAccountCanCreateWorkloads } from './rbac/analyze.js';
import type { AuditFact } from './rbac/hygiene/audit-fact.js';
import type { Subject } from './rbac/model.js';
import { rbacRuleInfos, reviewRbac } from './rbac-review.js';
import type { InputSummary, Report, RuleInfo } from './report/report.js';
import { countByLevel, countByRule } from './report/summary.js';
import { VERSION } from './version.js';

export interface ScanOptions {
  /** The standard applied where no namespace label decides (default restricted:latest). */
  readonly pss?: LevelVersion;
  /** Admission plugin configuration: cluster defaults for unlabelled namespaces, exemptions. */
  readonly pssConfig?: PssConfig;
  /** Run the RBAC and account-hygiene analysis (default true). */
  readonly rbac?: boolean;
  /** Audit facts for the hygiene checks (dormant principals, credentials, JIT-grant writes). */
  readonly auditFacts?: readonly AuditFact[];
  readonly dormantDays?: number;
  /** Principals treated as administrators by the RBAC checks. */
  readonly admins?: readonly Subject[];
  /** Clock for finding times and the run summary. */
  readonly now?: () => Date;
}

export interface ScanResult {
  readonly report: Report;
  readonly inventory: Inventory;
  readonly pss: PssAssessment;
}

export type ScanSource =
  | { readonly kind: 'manifests'; readonly paths: readonly string[]; readonly limits?: ParseLimits }
  | { readonly kind: 'cluster'; readonly cluster: ClusterOptions };

export const DEFAULT_PSS_TARGET: LevelVersion = { level: 'restricted', version: 'latest' };

/**
 * Reads the source and scans it.
 * @throws CronwardenError `CW_IO` for a missing path, `CW_INV_KUBECONFIG` for a bad kubeconfig.
 * @example
 * const { report } = await scan({ kind: 'manifests', paths: ['deploy/'] });
 */
export async function scan(source: ScanSource, options: ScanOptions = {}): Promise<ScanResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const bytesByFile = new Map<string, number>();
  const inventory =
    source.kind === 'manifests'
      ? await loadManifests(source.paths, source.limits ?? DEFAULT_PARSE_LIMITS, (file, bytes) =>
          bytesByFile.set(file, bytes),
        )
      : await loadCluster(source.cluster);
  const inputs =
    source.kind === 'manifests'
      ? manifestInputs(source.paths, inventory, bytesByFile)
      : [clusterInput(inventory)];
  return scanInventory(inventory, inputs, { ...options, now }, started);
}

/** Scans objects already read (the pure part of `scan`, used by benchmarks and tests). */
export function scanInventory(
  inventory: Inventory,
  inputs: readonly InputSummary[],
  options: ScanOptions = {},
  started?: Date,
): ScanResult {
  const now = options.now ?? (() => new Date());
  const startedAt = started ?? now();
  const time = startedAt.toISOString();
  const pss = assessPodSecurity(inventory.objects, {
    target: options.pss ?? DEFAULT_PSS_TARGET,
    ...(options.pssConfig ? { config: options.pssConfig } : {}),
  });
  const review =
    options.rbac === false
      ? undefined
      : reviewRbac(inventory.objects, {
          now: startedAt,
          ...(options.auditFacts ? { facts: options.auditFacts } : {}),
          ...(options.dormantDays === undefined ? {} : { dormantDays: options.dormantDays }),
          ...(options.admins ? { admins: options.admins } : {}),
        });
  const findings: Finding[] = [...pssFindings(pss, time)];
  findings.push(
    ...runPostureChecks(
      inventory.objects,
      {
        serviceAccount: serviceAccountIndex(inventory.objects),
        ...(review ? { workloadRights: workloadRightsFrom(review.analysis) } : {}),
      },
      time,
    ),
  );
  const issues: Issue[] = [...inventory.issues, ...pss.issues];
  if (review) {
    findings.push(...review.findings);
    issues.push(...review.issues);
  }
  findings.sort(bySeverityThenPlace);
  const report: Report = {
    tool: { name: 'cronwarden', version: VERSION },
    findings,
    incidents: [],
    rules: ruleCatalogue(review !== undefined),
    summary: {
      command: 'scan',
      startedAt: time,
      durationMs: Math.max(0, now().getTime() - startedAt.getTime()),
      inputs,
      bytes: inputs.reduce((sum, input) => sum + (input.bytes ?? 0), 0),
      records: inventory.objects.length,
      recordsByFormat: { [inputs[0]?.format ?? 'manifests']: inventory.objects.length },
      malformed: issues.filter((issue) => issue.severity === 'error').length,
      issues,
      blindSpots: [],
      rulesLoaded: ruleCatalogue(review !== undefined).length,
      findings: findings.length,
      findingsByLevel: countByLevel(findings),
      findingsByRule: countByRule(findings),
      incidents: 0,
      stoppedEarly: false,
    },
  };
  return { report, inventory, pss };
}

/** Posture's question to RBAC, answered by the RBAC analysis (direct grants or escalation). */
export function workloadRightsFrom(analysis: RbacAnalysis): WorkloadCreateRights {
  const cache = new Map<string, ReturnType<WorkloadCreateRights>>();
  return (namespace, serviceAccount) => {
    const key = `${namespace}/${serviceAccount}`;
    let answer = cache.get(key);
    if (!answer) {
      const result = serviceAccountCanCreateWorkloads(analysis, namespace, serviceAccount);
      answer = {
        canCreate: result.allowed,
        resources: result.allowed ? resourcesIn(result.evidence) : [],
        evidence: result.evidence,
      };
      cache.set(key, answer);
    }
    return answer;
  };
}

/** The resources named in RBAC evidence lines (`create cronjobs in ns via …`). */
function resourcesIn(evidence: readonly string[]): string[] {
  const known = new Set(WORKLOAD_RESOURCES.map((r) => r.resource));
  const found = new Set<string>();
  for (const line of evidence) {
    for (const word of line.split(/\s+/)) if (known.has(word)) found.add(word);
  }
  return found.size > 0 ? [...found] : ['workloads'];
}

function ruleCatalogue(withRbac: boolean): RuleInfo[] {
  return [
    ...[...PSS_RULES, ...NAMESPACE_RULES].map((rule) => ({
      id: rule.id,
      title: rule.title,
      source: 'posture' as const,
      level: rule.level,
      description: rule.description,
      help: rule.remediation,
    })),
    ...POSTURE_CHECKS.map((check) => ({
      id: check.id,
      title: check.title,
      source: 'posture' as const,
      level: check.severity,
      description: check.description,
      help: check.remediation,
      tags: ['attack.t1053.007'],
    })),
    ...(withRbac ? rbacRuleInfos() : []),
  ];
}

function manifestInputs(
  paths: readonly string[],
  inventory: Inventory,
  bytesByFile: ReadonlyMap<string, number>,
): InputSummary[] {
  return paths.map((path) => {
    const root = path.replace(/\/$/, '');
    const under = (file: string) => file === path || file.startsWith(`${root}/`);
    let bytes = 0;
    for (const [file, size] of bytesByFile) if (under(file)) bytes += size;
    return {
      path,
      format: 'manifests',
      bytes,
      records: inventory.objects.filter((o) => under(o.origin.file)).length,
      malformed: inventory.issues.filter(
        (i) => i.severity === 'error' && under(i.location?.file ?? ''),
      ).length,
    };
  });
}

function clusterInput(inventory: Inventory): InputSummary {
  return {
    path: inventory.objects[0]?.origin.file ?? 'cluster',
    format: 'cluster',
    records: inventory.objects.length,
    malformed: inventory.issues.filter((i) => i.severity === 'error').length,
  };
}

function bySeverityThenPlace(a: Finding, b: Finding): number {
  const level = levelRank(b.level) - levelRank(a.level);
  if (level !== 0) return level;
  const fileA = a.origin?.file ?? '';
  const fileB = b.origin?.file ?? '';
  if (fileA !== fileB) return fileA < fileB ? -1 : 1;
  const placeA = a.origin && 'line' in a.origin ? a.origin.line : (a.origin?.index ?? 0);
  const placeB = b.origin && 'line' in b.origin ? b.origin.line : (b.origin?.index ?? 0);
  if (placeA !== placeB) return placeA - placeB;
  return a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0;
}
