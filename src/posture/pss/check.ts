/**
 * The shape of a Pod Security check: an id, a level and one implementation per policy version
 * where its behaviour changed (upstream `policy.Check`).
 * @module
 */

import type { Level } from '../../finding.js';
import type { PssLevel } from './level.js';
import type { PodMetadata, PodSpec } from './pod.js';

export type CheckResult =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string; readonly detail: string };

export const ALLOWED: CheckResult = { allowed: true };

/** Evaluates one pod; pure and never throws. */
export type CheckPod = (metadata: PodMetadata, spec: PodSpec) => CheckResult;

/**
 * `check`, except that pods `isExempt` picks are allowed: the version-gated exemptions of
 * Windows pods (v1.25) and user-namespaced pods (v1.35).
 * @example
 * const runAsUser135 = exemptIf(usesUserNamespace, runAsUser);
 */
export function exemptIf(isExempt: (spec: PodSpec) => boolean, check: CheckPod): CheckPod {
  return (metadata, spec) => (isExempt(spec) ? ALLOWED : check(metadata, spec));
}

export interface VersionedCheck {
  /** First policy minor (1.x) this implementation applies to. */
  readonly minVersion: number;
  readonly check: CheckPod;
  /** Baseline checks this restricted check replaces at restricted level. */
  readonly overrides?: readonly string[];
}

export interface PssCheck {
  readonly id: string;
  /** `baseline` checks also run at restricted; `restricted` checks only there. */
  readonly level: Exclude<PssLevel, 'privileged'>;
  /** What the check forbids, from the Pod Security Standards page. */
  readonly description: string;
  /** Severity of cronwarden findings for this check. */
  readonly severity: Level;
  /** Implementations with strictly increasing `minVersion`. */
  readonly versions: readonly VersionedCheck[];
  /** How to fix a violation. */
  readonly remediation: string;
}
