import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstTimestamp, parseTimestamp } from './time.js';

test('timestamps of every envelope parse to epoch milliseconds (UTC)', () => {
  const cases: Array<[unknown, number]> = [
    ['2026-03-02T10:15:00.123456Z', Date.UTC(2026, 2, 2, 10, 15, 0, 123)],
    ['2024-11-13 18:34:10.595141000', Date.UTC(2024, 10, 13, 18, 34, 10, 595)],
    ['2022-11-29 00:09:04.38', Date.UTC(2022, 10, 29, 0, 9, 4, 380)],
    ['2026-03-02T10:15:00.2000000Z', Date.UTC(2026, 2, 2, 10, 15, 0, 200)],
    ['2026-03-02T12:15:00+02:00', Date.UTC(2026, 2, 2, 10, 15, 0, 0)],
    ['2026-03-02T05:15:00-0500', Date.UTC(2026, 2, 2, 10, 15, 0, 0)],
    [1772446500140, 1772446500140],
  ];
  for (const [input, expected] of cases)
    assert.equal(parseTimestamp(input), expected, String(input));
});

test('missing or unreadable timestamps are NaN; firstTimestamp falls through', () => {
  assert.ok(Number.isNaN(parseTimestamp(undefined)));
  assert.ok(Number.isNaN(parseTimestamp('yesterday')));
  assert.equal(firstTimestamp(undefined, 'bad', '2026-01-01T00:00:00Z'), Date.UTC(2026, 0, 1));
});
