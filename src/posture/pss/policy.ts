/**
 * The Pod Security policy of a namespace from its `pod-security.kubernetes.io/*` labels, read
 * the way the admission plugin reads them (`api.PolicyToEvaluate`): each mode's level and
 * version default to the configured defaults; an invalid enforce level fails closed
 * (restricted), invalid audit/warn levels fail open (privileged), an invalid version is
 * `latest`; and when only enforce is labelled, warn follows it if it is stricter.
 * @module
 */
import {
  compareLevels,
  formatLevelVersion,
  type LevelVersion,
  type PssLevel,
  parsePolicyVersion,
  parsePssLevel,
} from './level.js';

export const PSA_LABEL_PREFIX = 'pod-security.kubernetes.io/';
export const PSA_MODES = ['enforce', 'audit', 'warn'] as const;
export type PsaMode = (typeof PSA_MODES)[number];

export interface NamespacePolicy {
  readonly enforce: LevelVersion;
  readonly audit: LevelVersion;
  readonly warn: LevelVersion;
}

/** A label whose value the plugin cannot parse (reported as `CW_PSS_LABEL`). */
export interface LabelProblem {
  readonly label: string;
  readonly value: string;
  readonly message: string;
}

export interface LabelledPolicy {
  readonly policy: NamespacePolicy;
  /** Modes whose level or version came from a label (not from the defaults). */
  readonly labelled: ReadonlySet<PsaMode>;
  readonly problems: readonly LabelProblem[];
}

/** Every mode at the same level and version. */
export function uniformPolicy(lv: LevelVersion): NamespacePolicy {
  return { enforce: lv, audit: lv, warn: lv };
}

export function policyFromLabels(
  labels: Readonly<Record<string, string>>,
  defaults: NamespacePolicy,
): LabelledPolicy {
  const modes = {
    enforce: { ...defaults.enforce },
    audit: { ...defaults.audit },
    warn: { ...defaults.warn },
  } as {
    [M in PsaMode]: { level: PssLevel; version: LevelVersion['version'] };
  };
  const labelled = new Set<PsaMode>();
  const problems: LabelProblem[] = [];
  let hasEnforceLevel = false;
  let hasWarnLevel = false;
  let hasWarnVersion = false;
  for (const mode of PSA_MODES) {
    const levelLabel = `${PSA_LABEL_PREFIX}${mode}`;
    const levelText = labels[levelLabel];
    if (levelText !== undefined) {
      labelled.add(mode);
      const level = parsePssLevel(levelText);
      if (level) modes[mode].level = level;
      else {
        modes[mode].level = mode === 'enforce' ? 'restricted' : 'privileged';
        problems.push({
          label: levelLabel,
          value: levelText,
          message: 'must be one of privileged, baseline, restricted',
        });
      }
      if (mode === 'enforce') hasEnforceLevel = level !== undefined;
      if (mode === 'warn') hasWarnLevel = true;
    }
    const versionLabel = `${levelLabel}-version`;
    const versionText = labels[versionLabel];
    if (versionText !== undefined) {
      labelled.add(mode);
      if (mode === 'warn') hasWarnVersion = true;
      const version = parsePolicyVersion(versionText);
      modes[mode].version = version ?? 'latest';
      if (!version)
        problems.push({
          label: versionLabel,
          value: versionText,
          message: 'must be "latest" or "v1.x"',
        });
    }
  }
  if (
    !hasWarnLevel &&
    hasEnforceLevel &&
    compareLevels(modes.enforce.level, modes.warn.level) > 0
  ) {
    modes.warn.level = modes.enforce.level;
    if (!hasWarnVersion) modes.warn.version = modes.enforce.version;
  }
  return { policy: modes, labelled, problems };
}

/** `enforce=baseline:v1.30 audit=… warn=…` for evidence lines. */
export function formatPolicy(policy: NamespacePolicy): string {
  return PSA_MODES.map((mode) => `${mode}=${formatLevelVersion(policy[mode])}`).join(' ');
}
