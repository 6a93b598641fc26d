/**
 * Pod Security results as findings (the common `Finding` shape): one `PSS.<checkId>` finding per
 * failed check per workload, and `PSS-NS-001`/`PSS-NS-002` for namespace gaps.
 * @module
 */
import type { Finding, Level } from '../../finding.js';
import {
  attackTagsOf,
  describeObject,
  findingObjectOf,
  findingOriginOf,
  isJobKind,
} from '../object-ref.js';
import type { NamespaceAssessment, PssAssessment, WorkloadAssessment } from './assess.js';
import { formatViolation } from './evaluate.js';
import { compareLevels, formatLevelVersion, formatVersion } from './level.js';
import { formatPolicy } from './policy.js';
import { PSS_CHECKS, PSS_REGISTRY } from './registry.js';

/** A rule of the posture catalogue, for reports (SARIF rules, HTML help). */
export interface PostureRule {
  readonly id: string;
  readonly title: string;
  readonly level: Level;
  readonly description: string;
  readonly remediation: string;
}

export const NAMESPACE_RULES: readonly PostureRule[] = [
  {
    id: 'PSS-NS-001',
    title: 'Namespace enforces a weaker Pod Security level than its workloads meet',
    level: 'low',
    description:
      'Every workload of the namespace already meets a stricter level than the one enforced, so a stricter label costs nothing today and stops a new privileged pod (or CronJob) later. Medium when the namespace runs CronJobs or Jobs and enforces privileged.',
    remediation:
      'Label the namespace pod-security.kubernetes.io/enforce=<level met> (and pin enforce-version).',
  },
  {
    id: 'PSS-NS-002',
    title: 'Workloads violate the Pod Security level their namespace enforces',
    level: 'medium',
    description:
      'The admission plugin only warns when a controller (Deployment, CronJob, …) is created, then rejects every pod it makes: scheduled jobs silently stop running, or the template was changed after the label was set.',
    remediation:
      'Fix the listed templates (see their PSS.* findings) or relax the namespace label deliberately.',
  },
];

export const PSS_RULES: readonly PostureRule[] = PSS_CHECKS.map((check) => ({
  id: `PSS.${check.id}`,
  title: `Pod Security ${check.level}: ${check.id}`,
  level: check.severity,
  description: check.description,
  remediation: check.remediation,
}));

/** Findings of every evaluated workload and every namespace gap. */
export function pssFindings(assessment: PssAssessment, time: string): Finding[] {
  const findings: Finding[] = [];
  for (const workload of assessment.workloads) findings.push(...workloadFindings(workload, time));
  for (const namespace of assessment.namespaces)
    findings.push(...namespaceFindings(namespace, time));
  return findings;
}

const PSS_TAGS = new Map<string, readonly string[]>();

/** Tags of a PSS finding, built once per (workload class, level). */
function pssTagsOf(kind: string, level: string): readonly string[] {
  const attack = attackTagsOf(kind);
  const key = `${isJobKind(kind)}:${level}`;
  let tags = PSS_TAGS.get(key);
  if (!tags) {
    tags = Object.freeze([...attack, `pss.${level}`]);
    PSS_TAGS.set(key, tags);
  }
  return tags;
}

function workloadFindings(workload: WorkloadAssessment, time: string): Finding[] {
  if (workload.exempt || workload.verdict.allowed) return [];
  const { object, template, verdict } = workload;
  const levelVersion = formatLevelVersion(verdict.levelVersion);
  return verdict.violations.map((violation) => {
    const check = PSS_REGISTRY.byId(violation.checkId);
    return {
      rule: {
        id: `PSS.${violation.checkId}`,
        title: `Pod Security ${check?.level ?? ''}: ${violation.checkId}`,
        source: 'posture',
      },
      level: check?.severity ?? 'medium',
      tags: pssTagsOf(object.kind, check?.level ?? 'baseline'),
      time,
      message: `${describeObject(object)} would violate PodSecurity "${levelVersion}": ${formatViolation(violation)}`,
      origin: findingOriginOf(object),
      matched: [{ field: template.specPath, value: violation.detail }],
      object: findingObjectOf(object),
      evidence: [
        `evaluated at ${levelVersion} (decided by the ${workload.decidedBy})`,
        `pod template: ${template.specPath}`,
        ...(object.kind === 'Pod'
          ? []
          : [
              `PSA enforces on the pods ${object.kind} creates; it only warns on the ${object.kind} itself`,
            ]),
      ],
      ...(check ? { remediation: check.remediation } : {}),
    } satisfies Finding;
  });
}

function namespaceFindings(namespace: NamespaceAssessment, time: string): Finding[] {
  if (namespace.exempt || namespace.meets === undefined) return [];
  const findings: Finding[] = [];
  const enforce = namespace.policy.enforce;
  const where = namespace.object
    ? { origin: findingOriginOf(namespace.object), object: findingObjectOf(namespace.object) }
    : { object: { apiVersion: 'v1', kind: 'Namespace', name: namespace.name } };
  const enforcedBy = namespace.labelled ? 'its labels' : 'the cluster default (no enforce label)';
  const evidence = [
    `policy: ${formatPolicy(namespace.policy)} (from ${enforcedBy})`,
    `${namespace.workloads.length} workload(s); the strictest level all meet: ${namespace.meets}`,
  ];
  if (compareLevels(namespace.meets, enforce.level) > 0) {
    const runsJobs = namespace.workloads.some((w) => isJobKind(w.object.kind));
    const rule = NAMESPACE_RULES[0]!; // PSS-NS-001 is declared above
    findings.push({
      rule: { id: rule.id, title: rule.title, source: 'posture' },
      level: runsJobs && enforce.level === 'privileged' ? 'medium' : 'low',
      tags: ['attack.t1053.007', 'attack.m1026'],
      time,
      message: `namespace "${namespace.name}" enforces ${formatLevelVersion(enforce)} but all its workloads meet ${namespace.meets}: enforce ${namespace.meets} to close the gap`,
      matched: [
        { field: 'metadata.labels.pod-security.kubernetes.io/enforce', value: enforce.level },
      ],
      ...where,
      evidence,
      remediation: `kubectl label namespace ${namespace.name} pod-security.kubernetes.io/enforce=${namespace.meets} pod-security.kubernetes.io/enforce-version=${formatVersion(enforce.version === 'latest' ? { minor: PSS_REGISTRY.latestMinor } : enforce.version)} --overwrite`,
    });
  }
  if (namespace.rejected.length > 0) {
    const rule = NAMESPACE_RULES[1]!; // PSS-NS-002 is declared above
    findings.push({
      rule: { id: rule.id, title: rule.title, source: 'posture' },
      level: 'medium',
      tags: ['attack.t1053.007', 'attack.m1026'],
      time,
      message: `namespace "${namespace.name}" enforces ${formatLevelVersion(enforce)}; pods of ${namespace.rejected.length} workload(s) would be rejected: ${namespace.rejected
        .slice(0, 5)
        .map((w) => describeObject(w.object))
        .join(', ')}${namespace.rejected.length > 5 ? ', …' : ''}`,
      matched: [
        { field: 'metadata.labels.pod-security.kubernetes.io/enforce', value: enforce.level },
      ],
      ...where,
      related: namespace.rejected.map((w) => findingOriginOf(w.object)),
      evidence: [
        ...evidence,
        ...namespace.rejected.map((w) => `${describeObject(w.object)} meets only ${w.meets}`),
      ],
      remediation: rule.remediation,
    });
  }
  return findings;
}
