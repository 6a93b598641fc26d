import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countedQuote, goQuote, joinQuote, pluralize, sortedUnique } from './text.js';

test('goQuote escapes like Go strconv.Quote', () => {
  assert.equal(goQuote('unconfined'), '"unconfined"');
  assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(goQuote('tab\there\n'), '"tab\\there\\n"');
  assert.equal(goQuote('\x00\x7f'), '"\\x00\\x7f"');
  assert.equal(goQuote('héllo'), '"héllo"');
  assert.equal(goQuote('\u200b'), '"\\u200b"');
});

test('joinQuote, pluralize and sortedUnique match the upstream helpers', () => {
  assert.equal(joinQuote([]), '');
  assert.equal(joinQuote(['a', 'b']), '"a", "b"');
  assert.equal(pluralize('container', 'containers', 1), 'container');
  assert.equal(pluralize('container', 'containers', 2), 'containers');
  assert.equal(countedQuote('container', 'containers', ['a']), 'container "a"');
  assert.equal(countedQuote('volume', 'volumes', ['a', 'b']), 'volumes "a", "b"');
  assert.deepEqual(sortedUnique(['b', 'a', 'b', 'A']), ['A', 'a', 'b']);
});
