import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SubstringSet } from '../compile/compile-needles.js';
import { SubstringIndex } from './substring-index.js';

const KEYS = ['mimikatz', 'sekurlsa::', '-enc', '^^', '`', '😀', 'abc', 'abd', 'xabcx'];

function found(index: SubstringIndex, text: string): number[] {
  const out = new Set<number>();
  index.visit(text, (ordinal) => out.add(ordinal));
  return [...out].sort((a, b) => a - b);
}

test('a substring index offers exactly the keys a text contains, short and long', () => {
  const index = new SubstringIndex();
  for (const [ordinal, key] of KEYS.entries()) index.add(key, ordinal);
  const texts = [
    '',
    'a',
    'run mimikatz sekurlsa::logonpasswords',
    'p^^ing -enc',
    'x`y',
    '😀',
    'zabdz',
    'xabcx',
  ];
  for (const text of texts) {
    const expected = KEYS.flatMap((key, ordinal) => (text.includes(key) ? [ordinal] : []));
    assert.deepEqual(found(index, text), expected, text);
  }
});

test('a text visited again, or after the memo of visited texts fills, gets the same tags', () => {
  const index = new SubstringIndex();
  for (const [ordinal, key] of KEYS.entries()) index.add(key, ordinal);
  const expect = (text: string) =>
    KEYS.flatMap((key, ordinal) => (text.includes(key) ? [ordinal] : []));
  const first = 'run mimikatz -enc';
  assert.deepEqual(found(index, first), expect(first));
  assert.deepEqual(found(index, first), expect(first));
  // Enough long distinct texts to overflow the memo several times over (and one too long to keep).
  const long = (i: number) => `${'x'.repeat(3990)} ${i} ${i % 2 === 0 ? 'abc' : '^^'}`;
  for (let i = 0; i < 300; i++) assert.deepEqual(found(index, long(i)), expect(long(i)));
  const huge = `${'y'.repeat(10_000)}sekurlsa::`;
  assert.deepEqual(found(index, huge), expect(huge));
  assert.deepEqual(found(index, huge), expect(huge));
  assert.deepEqual(found(index, first), expect(first));
  assert.deepEqual(found(index, 'nothing here'), []);
  assert.deepEqual(found(index, 'nothing here'), []);
});

test('answers stay exact while the memo turns off for texts that never repeat and back on', () => {
  const index = new SubstringIndex();
  for (const [ordinal, key] of KEYS.entries()) index.add(key, ordinal);
  const expect = (text: string) =>
    KEYS.flatMap((key, ordinal) => (text.includes(key) ? [ordinal] : []));
  const text = (i: number) => `${i} ${['abc', '-enc', 'zz', '`'][i % 4]}`;
  // Distinct texts (the memo goes off after a window), then enough visits to switch it back on.
  for (let i = 0; i < 80_000; i++) {
    const sample = text(i);
    if (i % 97 === 0) assert.deepEqual(found(index, sample), expect(sample), sample);
    else index.visit(sample, () => {});
  }
  for (let round = 0; round < 3; round++)
    for (let i = 0; i < 50; i++) assert.deepEqual(found(index, text(i)), expect(text(i)));
});

test('a key filed for several rules offers each of them', () => {
  const index = new SubstringIndex();
  index.add('cmd', 1);
  index.add('cmd', 2);
  index.add('cmd', 2);
  assert.deepEqual(found(index, 'c:\\cmd.exe'), [1, 2]);
});

test('a substring set answers like one includes per needle', () => {
  const set = new SubstringSet(KEYS);
  for (const text of ['', 'ab', 'xx mimikatz', 'sekurlsa:', 'p^^', '`', 'ab😀', 'zzabd']) {
    assert.equal(
      set.test(text),
      KEYS.some((key) => text.includes(key)),
      text,
    );
  }
});
