/**
 * Pod Security levels and policy versions, as the Pod Security Admission API defines them
 * (`k8s.io/pod-security-admission/api`): levels privileged < baseline < restricted; versions
 * `v1.<minor>` or `latest`.
 * @module
 */

export const PSS_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PssLevel = (typeof PSS_LEVELS)[number];

/** A policy version: a minor of Kubernetes 1.x, or `latest` (newer than any minor). */
export type PolicyVersion = { readonly minor: number } | 'latest';

export interface LevelVersion {
  readonly level: PssLevel;
  readonly version: PolicyVersion;
}

export function parsePssLevel(text: string): PssLevel | undefined {
  return (PSS_LEVELS as readonly string[]).includes(text) ? (text as PssLevel) : undefined;
}

// Same grammar as upstream ParseVersion: "latest" or v1.<minor> without leading zeros.
const VERSION = /^v1\.([0-9]|[1-9][0-9]*)$/;

export function parsePolicyVersion(text: string): PolicyVersion | undefined {
  if (text === 'latest') return 'latest';
  const match = VERSION.exec(text);
  return match?.[1] === undefined ? undefined : { minor: Number(match[1]) };
}

export function formatVersion(version: PolicyVersion): string {
  return version === 'latest' ? 'latest' : `v1.${version.minor}`;
}

/** `restricted:v1.30`, `baseline:latest` — the form PSA prints. */
export function formatLevelVersion(lv: LevelVersion): string {
  return `${lv.level}:${formatVersion(lv.version)}`;
}

/** Negative when `a` is less strict than `b`, 0 when equal, positive when stricter. */
export function compareLevels(a: PssLevel, b: PssLevel): number {
  return PSS_LEVELS.indexOf(a) - PSS_LEVELS.indexOf(b);
}

/** `LEVEL[:VERSION]` as given on the command line (`restricted`, `baseline:v1.30`). */
export function parseLevelVersion(text: string): LevelVersion | undefined {
  const [levelText = '', versionText = 'latest', extra] = text.split(':');
  const level = parsePssLevel(levelText);
  const version = parsePolicyVersion(versionText);
  if (extra !== undefined || level === undefined || version === undefined) return undefined;
  return { level, version };
}
