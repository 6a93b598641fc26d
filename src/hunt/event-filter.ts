/**
 * `--since`, `--until` and `--namespace` as one predicate over normalized events, compiled
 * once. Time bounds are half-open `[since, until)`; an event without a time passes only when
 * no bound is set. `--namespace` keeps events whose object (`objectRef.namespace`, or
 * `namespace` for endpoint/Falco records) is in the list; events without one are dropped.
 * @module
 */
import { CronwardenError } from '../errors.js';
import type { NormalizedEvent } from '../ingest/event.js';

export type EventFilter = (event: NormalizedEvent) => boolean;

export interface EventFilterOptions {
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly namespaces?: readonly string[];
}

const DURATION = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/;
const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a `--since`/`--until` value: ISO 8601 (`2024-05-01`, `2024-05-01T10:00:00Z`) or a
 * duration back from `now` (`90m`, `24h`, `7d`).
 * @throws CronwardenError `CW_USAGE` for anything else.
 */
export function parseTimeBound(text: string, option: string, now: () => number): number {
  const duration = DURATION.exec(text);
  if (duration) return now() - Number(duration[1]) * (UNIT_MS[duration[2]!] ?? 0); // group 2 matched
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new CronwardenError(
      'CW_USAGE',
      `${option} "${text}" is neither an ISO 8601 time (2024-05-01T10:00:00Z) nor a duration (24h, 7d)`,
    );
  }
  return ms;
}

function namespaceOf(data: Readonly<Record<string, unknown>>): unknown {
  const ref = data.objectRef;
  if (typeof ref === 'object' && ref !== null) return (ref as Record<string, unknown>).namespace;
  return data.namespace;
}

export function compileEventFilter(options: EventFilterOptions): EventFilter {
  const { sinceMs, untilMs } = options;
  const namespaces = options.namespaces?.length ? new Set(options.namespaces) : undefined;
  const hasTime = sinceMs !== undefined || untilMs !== undefined;
  if (!hasTime && namespaces === undefined) return () => true;
  return (event) => {
    if (hasTime) {
      const t = event.timeMs;
      if (Number.isNaN(t)) return false;
      if (sinceMs !== undefined && t < sinceMs) return false;
      if (untilMs !== undefined && t >= untilMs) return false;
    }
    if (namespaces !== undefined) {
      const namespace = namespaceOf(event.data);
      if (typeof namespace !== 'string' || !namespaces.has(namespace)) return false;
    }
    return true;
  };
}
