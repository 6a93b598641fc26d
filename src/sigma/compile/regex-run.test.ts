import assert from 'node:assert/strict';
import { test } from 'node:test';
import RE2 from 're2';
import { regexRunTest } from './regex-run.js';

const PATTERNS = ['.{3,}', '(.){4,}', '(?:.){2}', '.{3}', '.{2,5}', '.{0,}', '.{1}'];
const TEXTS = [
  '',
  'a',
  'ab',
  'abc',
  'abcd',
  'ab\ncd',
  'abc\nd',
  'a\n\nbcde',
  '\r\r\r',
  '😀😀',
  '😀😀😀',
  'a😀b',
  '\ud800\ud800\ud800',
  '\udc00x',
  'ab\u2028cd',
  '\n\n\n\n',
];

test('length patterns answer as RE2 does, with and without the s flag', () => {
  for (const source of PATTERNS) {
    for (const flags of ['', 's', 'i', 'm']) {
      const run = regexRunTest(source, flags);
      assert.ok(run, source);
      const regex = new RE2(source, `${flags}u`);
      for (const text of TEXTS)
        assert.equal(run(text), regex.test(text), `${source} /${flags} on ${JSON.stringify(text)}`);
    }
  }
});

test('a long line is found at its n-th character, a long text of short lines is not a match', () => {
  const run = regexRunTest('.{1000,}', '')!;
  assert.equal(run('x'.repeat(999)), false);
  assert.equal(run('x'.repeat(1000)), true);
  assert.equal(run(`${'x'.repeat(600)}\n${'x'.repeat(600)}`), false);
  assert.equal(regexRunTest('.{1000,}', 's')!(`${'x'.repeat(600)}\n${'x'.repeat(600)}`), true);
});

test('only plain length patterns are taken; anything else stays with RE2', () => {
  for (const source of [
    '.{3,}$',
    '^.{3}',
    'a{3,}',
    '[^/]{100,}',
    '.{3,}x',
    '(.){3,}|a',
    '.{5,2}',
    '.+',
  ])
    assert.equal(regexRunTest(source, ''), undefined, source);
});
