import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_POLICY, levelOfScore } from './policy.js';

test('scores map to levels; below the floor there is none, whatever the level cut-offs', () => {
  assert.deepEqual(
    [0, 2, 3, 4, 5, 7, 8, 20].map((score) => levelOfScore(score, DEFAULT_POLICY)),
    [undefined, undefined, 'low', 'low', 'medium', 'medium', 'high', 'high'],
  );
  const strict = { ...DEFAULT_POLICY, minScore: 12 };
  assert.deepEqual(
    [8, 11, 12].map((score) => levelOfScore(score, strict)),
    [undefined, undefined, 'high'],
  );
});
