import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonPositions, linesOf } from './json-lines.js';

test('item positions of the root items array, ignoring nested arrays and strings', () => {
  const text = '{"kind": "List", "note": "items [", "items": [\n {"a": [1, 2]},\n {"b": "]"}\n]}';
  const { root, items } = jsonPositions(text);
  assert.equal(root, 0);
  assert.deepEqual(linesOf(text, items), [2, 3]);
});

test('linesOf is linear also when the text has no newline (compact JSON)', () => {
  const text = JSON.stringify({ items: Array.from({ length: 20_000 }, (_, i) => ({ i })) });
  const { items } = jsonPositions(text);
  assert.equal(items.length, 20_000);
  assert.ok(linesOf(text, items).every((line) => line === 1));
});
