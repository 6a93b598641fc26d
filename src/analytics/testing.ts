/**
 * Builders for analytics tests: audit events in the normalized shape, in time order.
 * @module
 */
import type { NormalizedEvent } from '../ingest/event.js';
import { loadAllowlist } from '../rules/allowlist.js';
import type { Analytic, AnalyticDefinition } from './analytic.js';

let clock = Date.parse('2026-11-24T08:00:00Z');

/** A kubernetes/audit event at the next minute, at `line` of `file`. */
export function auditEvent(
  data: Record<string, unknown>,
  line: number,
  file = 'audit.jsonl',
): NormalizedEvent {
  clock += 60_000;
  return {
    format: 'k8s-audit',
    logsource: { product: 'kubernetes', service: 'audit' },
    timeMs: clock,
    data: { kind: 'Event', apiVersion: 'audit.k8s.io/v1', stage: 'ResponseComplete', ...data },
    origin: { file, line },
  };
}

/** A fresh instance with the packaged allow-list. */
export function instantiate(definition: AnalyticDefinition): Analytic {
  return definition.create({ allowlist: loadAllowlist() });
}

/** Feeds events in order and returns every finding. */
export function run(analytic: Analytic, events: readonly NormalizedEvent[]) {
  return events.flatMap((event) => analytic.observe(event));
}
