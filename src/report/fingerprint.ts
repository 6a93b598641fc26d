/**
 * A stable identity for a finding, used as SARIF `partialFingerprints` so code-scanning
 * services track one alert across runs.
 * @module
 */
import { createHash } from 'node:crypto';
import type { Finding, RuleSource } from '../finding.js';

/** Key under which the fingerprint appears in SARIF `partialFingerprints`. */
export const FINGERPRINT_KEY = 'cronwardenFinding/v1';

/** Sources whose findings describe a state (a manifest, a binding), not a logged event. */
const STATE_SOURCES: ReadonlySet<RuleSource> = new Set(['posture', 'rbac', 'hygiene']);

/**
 * Hex SHA-256 over the rule id, the origin file, the object and the matched values; for
 * event findings also the record position and the event time. State findings (posture,
 * RBAC, hygiene) leave position and scan time out, so editing lines above a manifest or
 * rescanning tomorrow keeps the same fingerprint.
 */
export function findingFingerprint(finding: Finding): string {
  const parts: unknown[] = [finding.rule.id, finding.origin?.file ?? ''];
  const object = finding.object;
  parts.push(object ? [object.kind, object.namespace ?? '', object.name] : null);
  parts.push(finding.matched.map((m) => [m.field, m.value]));
  if (!STATE_SOURCES.has(finding.rule.source)) {
    const origin = finding.origin;
    parts.push(origin === undefined ? null : 'line' in origin ? origin.line : `#${origin.index}`);
    parts.push(finding.time);
  }
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
