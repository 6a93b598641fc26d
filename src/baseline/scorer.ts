/**
 * The baseline as a hunt observer: every accepted CronJob/Job write by a principal that is not
 * a known controller is scored against the learned model and, when the score reaches the
 * policy's minimum, becomes a `CW-BL-001`/`CW-BL-002` finding that explains each deviation.
 * Controller writes (the cronjob-controller creating the Jobs of a CronJob) are not scored:
 * they repeat what the CronJob write already said. The model is read-only here; hunting never
 * changes the baseline.
 * @module
 */
import { pastTense, readAudit } from '../analytics/audit-record.js';
import type { Issue } from '../errors.js';
import { findingObject, findingOrigin, findingTime } from '../event-finding.js';
import type { Finding, MatchedField } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { BaselineModel, Profile } from './model.js';
import { observeJobWrite } from './observation.js';
import {
  type BaselinePolicy,
  DEFAULT_POLICY,
  isMature,
  levelOfScore,
  windowDays,
} from './policy.js';
import { CLUSTER_DEVIATION, NAMESPACE_DEVIATION } from './rules.js';
import { type Assessment, scoreJobWrite } from './score.js';

export interface BaselineScorerOptions {
  /** Allow-list matcher of controllers and platform identities (never scored). */
  readonly isKnownPrincipal: (username: string) => boolean;
  readonly policy?: BaselinePolicy;
}

/** Scores one event; returns its finding (or nothing). Never throws on odd events. */
export type BaselineScorer = (event: NormalizedEvent) => readonly Finding[];

const KIND_WORDS: Readonly<Record<string, string>> = {
  cronjobs: 'CronJob',
  jobs: 'Job',
};

function toFinding(event: NormalizedEvent, assessment: Assessment, policy: BaselinePolicy) {
  const level = levelOfScore(assessment.score, policy);
  const record = readAudit(event);
  if (level === undefined || !record) return undefined;
  const rule = assessment.scope === 'namespace' ? NAMESPACE_DEVIATION : CLUSTER_DEVIATION;
  const origin = findingOrigin(event.origin);
  const object = findingObject(record);
  const target = `${KIND_WORDS[record.resource] ?? record.resource} ${record.namespace ?? ''}/${record.name ?? ''}`;
  const summaries = assessment.deviations.map((deviation) => deviation.summary).join('; ');
  const matched: MatchedField[] = [
    { field: 'baseline.score', value: assessment.score },
    ...assessment.deviations.map((deviation) => ({
      field: deviation.field,
      value: deviation.value,
    })),
  ];
  const finding: Finding = {
    rule: { id: rule.id, title: rule.title, source: rule.source },
    level,
    tags: rule.tags,
    time: findingTime(event),
    message: `${record.username} ${pastTense(record.verb)} ${target}: ${summaries} (baseline score ${assessment.score})`,
    ...(origin ? { origin } : {}),
    matched,
    ...(object ? { object } : {}),
    evidence: [
      assessment.context,
      ...assessment.deviations.map(
        (deviation) => `${deviation.id} +${deviation.weight}: ${deviation.explanation}`,
      ),
    ],
    remediation:
      'Confirm with the owner of the namespace that this write was intended. If it was, learn ' +
      'the logs that contain it (`cronwarden baseline learn`) so the baseline accepts it; if not, ' +
      'suspend or delete the CronJob/Job and revoke the credential that wrote it.',
  };
  return finding;
}

/** Builds the hunt observer for a learned model. */
export function createBaselineScorer(
  model: BaselineModel,
  options: BaselineScorerOptions,
): BaselineScorer {
  const policy = options.policy ?? DEFAULT_POLICY;
  return (event) => {
    const observation = observeJobWrite(event, options.isKnownPrincipal);
    if (!observation || observation.creatorKind === 'controller') return [];
    const assessment = scoreJobWrite(model, observation, policy);
    if (!assessment) return [];
    const finding = toFinding(event, assessment, policy);
    return finding ? [finding] : [];
  };
}

function describe(profile: Profile): string {
  return `${profile.namespace || '(cluster scope)'} (${profile.records} write(s) over ${windowDays(profile).toFixed(1)} day(s))`;
}

/**
 * What a hunt report should say about maturity: a warning when the whole baseline is too
 * young to raise findings, or one naming the namespaces that are judged against the cluster.
 */
export function maturityIssues(
  model: BaselineModel,
  file: string,
  policy: BaselinePolicy = DEFAULT_POLICY,
): Issue[] {
  const need = `${policy.minRecords} job writes over ${policy.minDays} days`;
  if (!isMature(model.cluster, policy)) {
    return [
      {
        code: 'CW_BASELINE_IMMATURE',
        severity: 'warning',
        message: `the baseline is immature (${model.cluster.records} job write(s) over ${windowDays(model.cluster).toFixed(1)} day(s); it needs ${need}): no baseline finding is raised until more history is learned`,
        location: { file },
      },
    ];
  }
  const young = [...model.namespaces.values()].filter((profile) => !isMature(profile, policy));
  if (young.length === 0) return [];
  return [
    {
      code: 'CW_BASELINE_IMMATURE',
      severity: 'warning',
      message: `immature namespace baselines (fewer than ${need}): ${young.map(describe).join(', ')}; their job writes, and those of namespaces never learned, are judged against the cluster baseline (CW-BL-002)`,
      location: { file },
    },
  ];
}
