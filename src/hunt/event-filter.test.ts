import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CronwardenError } from '../errors.js';
import type { NormalizedEvent } from '../ingest/event.js';
import { compileEventFilter, parseTimeBound } from './event-filter.js';

function event(timeMs: number, namespace?: string): NormalizedEvent {
  return {
    format: 'k8s-audit',
    logsource: { product: 'kubernetes', service: 'audit' },
    timeMs,
    data: namespace === undefined ? {} : { objectRef: { namespace } },
    origin: { file: 'a.log', line: 1 },
  };
}

const T = Date.parse('2024-05-01T10:00:00Z');

test('--since/--until are a half-open interval; timeless events pass only without bounds', () => {
  const filter = compileEventFilter({ sinceMs: T, untilMs: T + 1000 });
  assert.equal(filter(event(T - 1)), false);
  assert.equal(filter(event(T)), true);
  assert.equal(filter(event(T + 999)), true);
  assert.equal(filter(event(T + 1000)), false);
  assert.equal(filter(event(Number.NaN)), false);
  assert.equal(compileEventFilter({})(event(Number.NaN)), true);
});

test('--namespace keeps events about objects in the list only', () => {
  const filter = compileEventFilter({ namespaces: ['payments'] });
  assert.equal(filter(event(T, 'payments')), true);
  assert.equal(filter(event(T, 'web')), false);
  assert.equal(filter(event(T)), false);
});

test('time bounds: ISO 8601 or a duration back from now; anything else is CW_USAGE', () => {
  const now = () => T;
  assert.equal(parseTimeBound('2024-05-01T09:00:00Z', '--since', now), T - 3_600_000);
  assert.equal(parseTimeBound('90m', '--since', now), T - 5_400_000);
  assert.equal(parseTimeBound('7d', '--since', now), T - 7 * 86_400_000);
  assert.throws(
    () => parseTimeBound('yesterday', '--since', now),
    (error: unknown) => {
      assert.ok(error instanceof CronwardenError);
      assert.equal(error.code, 'CW_USAGE');
      return true;
    },
  );
});
