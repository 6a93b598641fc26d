import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileFieldReader, resolvePath, WalkCache } from './field-path.js';

const EVENTS: ReadonlyArray<Record<string, unknown>> = [
  { a: { b: { c: 1 } } },
  { 'a.b': { c: 2 }, a: { b: { c: 1 } } },
  { a: { 'b.c': 3, b: { c: 1 } } },
  { a: [{ b: { c: 1 } }, { b: [{ c: 2 }, { c: [3, 4] }] }, { x: 1 }] },
  { a: [{ 'b.c': 5 }, { b: { c: 6 } }] },
  { a: { b: null } },
  { a: 'text' },
  {},
  { 'a.b.c': 7, a: { b: { c: 1 } } },
  { a: { b: { c: undefined } }, 'a.b': { c: 8 } },
];

test('compiled readers agree with resolvePath, with and without a shared walk cache', () => {
  const fields = ['a.b.c', 'a.b', 'a', 'a.x', 'a..b', '.a', 'a.b.c.d'];
  const cache = new WalkCache();
  for (const field of fields) {
    const read = compileFieldReader(field);
    for (const event of EVENTS) {
      const expected = resolvePath(event, field);
      assert.deepEqual(read(event), expected, `${field} on ${JSON.stringify(event)}`);
      assert.deepEqual(
        read(event, cache),
        expected,
        `${field} (cached) on ${JSON.stringify(event)}`,
      );
    }
  }
});

test('a cleared walk cache sees a dotted key added to the same object', () => {
  const read = compileFieldReader('a.b');
  const cache = new WalkCache();
  const event: Record<string, unknown> = { a: { b: 1 } };
  assert.equal(read(event, cache), 1);
  event['a.b'] = 2;
  cache.clear();
  assert.equal(read(event, cache), 2, 'the literal key wins once the cache is cleared');
});
