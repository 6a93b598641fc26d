/**
 * Evaluates a pod (or pod template) against a level and version, and renders the verdict the
 * way PSA does: `violates PodSecurity "restricted:v1.30": reason (detail), reason (detail)`.
 * @module
 */
import { formatLevelVersion, type LevelVersion } from './level.js';
import type { PodMetadata, PodSpec } from './pod.js';
import { type CheckRegistry, PSS_REGISTRY } from './registry.js';

/** A failed check: its id and upstream reason and detail. */
export interface PssViolation {
  readonly checkId: string;
  readonly reason: string;
  readonly detail: string;
}

export interface PssVerdict {
  readonly levelVersion: LevelVersion;
  readonly allowed: boolean;
  readonly violations: readonly PssViolation[];
}

/** Runs every check of the level and version; never throws. */
export function evaluatePod(
  lv: LevelVersion,
  metadata: PodMetadata,
  spec: PodSpec,
  registry: CheckRegistry = PSS_REGISTRY,
): PssVerdict {
  const violations: PssViolation[] = [];
  for (const { id, check } of registry.checksFor(lv)) {
    const result = check(metadata, spec);
    if (!result.allowed) {
      // Upstream substitutes this text for an empty reason.
      violations.push({
        checkId: id,
        reason: result.reason || 'unknown forbidden reason',
        detail: result.detail,
      });
    }
  }
  return { levelVersion: lv, allowed: violations.length === 0, violations };
}

/** `reason (detail)` for one violation, as in PSA's aggregated detail. */
export function formatViolation(violation: PssViolation): string {
  return violation.detail === '' ? violation.reason : `${violation.reason} (${violation.detail})`;
}

/** PSA's aggregate `ForbiddenDetail()`: every violation, comma separated. */
export function forbiddenDetail(verdict: PssVerdict): string {
  return verdict.violations.map(formatViolation).join(', ');
}

/** The denial text PSA returns when enforcing (`violates PodSecurity "…": …`). */
export function denialMessage(verdict: PssVerdict): string {
  return `violates PodSecurity "${formatLevelVersion(verdict.levelVersion)}": ${forbiddenDetail(verdict)}`;
}
