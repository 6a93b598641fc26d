import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSigmaString } from '../parse/sigma-string.js';
import { compileGlob, globMatch } from './glob.js';

const cases: [pattern: string, text: string, expected: boolean][] = [
  ['abc', 'abc', true],
  ['abc', 'abcd', false],
  ['a*', 'a', true],
  ['*c', 'abc', true],
  ['a?c', 'abc', true],
  ['a?c', 'ac', false],
  ['*a*b*c*', 'xxaxxbxxcxx', true],
  ['*a*b*c*', 'xxaxxcxxbxx', false],
  ['a\\*c', 'a*c', true],
  ['a\\*c', 'abc', false],
  ['**', '', true],
];

test('glob matching: whole value, * any run, ? one character, escapes literal', () => {
  for (const [pattern, text, expected] of cases) {
    assert.equal(
      globMatch(compileGlob(parseSigmaString(pattern)), text),
      expected,
      `${pattern} ~ ${text}`,
    );
  }
});

test('glob matching stays fast on adversarial patterns', () => {
  const program = compileGlob(parseSigmaString(`${'*a'.repeat(30)}*b`));
  assert.equal(globMatch(program, 'a'.repeat(5000)), false);
});
