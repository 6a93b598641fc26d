import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAMPLE_FINDINGS, sampleReport } from '../../test/report-fixture.js';
import {
  countByLevel,
  countByRule,
  hasFindingAtOrAbove,
  highestLevel,
  withMinLevel,
} from './summary.js';

test('counts per level include every level', () => {
  assert.deepEqual(countByLevel(SAMPLE_FINDINGS), {
    informational: 0,
    low: 1,
    medium: 1,
    high: 2,
    critical: 1,
  });
});

test('counts per rule are ordered by level, then count, then id', () => {
  const base = SAMPLE_FINDINGS[1]!; // CW-001, low
  const counts = countByRule([...SAMPLE_FINDINGS, base, base]);
  assert.deepEqual(
    counts.map((c) => [c.id, c.level, c.count]),
    [
      ['CW-017', 'critical', 1],
      ['CW-003', 'high', 1],
      ['PSS.privileged', 'high', 1],
      ['1c71e254-6655-42c1-b2d6-5e4718d7fc0a', 'medium', 1],
      ['CW-001', 'low', 3],
    ],
  );
});

test('--fail-on and --min-level compare by rank', () => {
  assert.equal(hasFindingAtOrAbove(SAMPLE_FINDINGS, 'critical'), true);
  assert.equal(hasFindingAtOrAbove(SAMPLE_FINDINGS.slice(0, 3), 'critical'), false);
  assert.equal(highestLevel(SAMPLE_FINDINGS.slice(1, 3)), 'medium');
  assert.equal(highestLevel([]), undefined);
  const high = withMinLevel(sampleReport(), 'high');
  assert.deepEqual(
    high.findings.map((f) => f.rule.id),
    ['CW-003', 'CW-017', 'PSS.privileged'],
  );
  assert.equal(high.summary.findings, 3);
  assert.equal(high.summary.findingsByLevel.low, 0);
  assert.equal(high.incidents.length, 1);
  assert.equal(withMinLevel(sampleReport(), 'critical').incidents.length, 0);
});
