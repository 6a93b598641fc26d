import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StringPart } from '../ast.js';
import { compileNeedles } from './compile-needles.js';
import type { Needle } from './plan.js';

const star: StringPart = { kind: 'wildcard', wildcard: '*' };
const text = (value: string): StringPart => ({ kind: 'text', text: value });

function needles(affixes: readonly string[], suffix: boolean): Needle[] {
  return affixes.map((affix) => ({
    kind: 'pattern',
    parts: suffix ? [star, text(affix)] : [text(affix), star],
    cased: false,
  }));
}

// More than 16 affixes of many lengths (the one-pass affix set), sharing characters.
const AFFIXES = [
  '\\a.exe',
  '\\ab.exe',
  '\\abc.exe',
  '.exe',
  'x',
  'cmd',
  'c:\\windows\\',
  'c:\\windows\\system32\\',
  ...Array.from({ length: 20 }, (_, i) => `\\tool${i}.dll`),
  '😀end',
];
const TEXTS = [
  '',
  'x',
  'c:\\a.exe',
  'c:\\zz.exe',
  'c:\\windows\\notepad.exe',
  'C:\\Windows\\System32\\cmd',
  'd:\\tool7.dll',
  'd:\\tool70.dll',
  'tool1.dll',
  'the 😀end',
  'cmd.exe /c',
  'xylophone',
];

test('long prefix and suffix lists answer like one startsWith / endsWith per affix', () => {
  for (const suffix of [false, true]) {
    const compiled = compileNeedles(needles(AFFIXES, suffix));
    assert.ok(compiled.ok);
    for (const value of TEXTS) {
      const lower = value.toLowerCase();
      const expected = AFFIXES.some((affix) =>
        suffix ? lower.endsWith(affix) : lower.startsWith(affix),
      );
      assert.equal(compiled.test(value), expected, `${suffix ? 'suffix' : 'prefix'} ${value}`);
      assert.equal(compiled.testText(value, lower), expected, value);
    }
  }
});
