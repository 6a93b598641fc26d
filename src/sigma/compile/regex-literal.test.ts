import assert from 'node:assert/strict';
import { test } from 'node:test';
import RE2 from 're2';
import { regexMinLength, requiredRegexLiteral } from './regex-literal.js';

const CASES: { source: string; flags?: string; expected: string | undefined }[] = [
  { source: 'mimikatz', expected: 'mimikatz' },
  { source: 'Invoke-Expression', expected: 'invoke-expression' },
  { source: '\\\\windows\\\\temp\\\\[a-z]+\\.exe', expected: '\\windows\\temp\\' },
  { source: 'ab?cdef', expected: 'cdef' },
  { source: 'abcd*ef', expected: 'abc' },
  { source: 'abcx{2,4}yz', expected: 'abc' },
  { source: '.{1000,}', expected: undefined },
  { source: '^powershell(\\.exe)?\\s+-enc', expected: 'powershell' },
  { source: '(foo|bar)bazz', expected: 'bazz' },
  { source: 'foo|barbaz', expected: undefined },
  { source: '[|]abc(?:x|y)', expected: 'abc' },
  { source: '[]a]bcd', expected: 'bcd' },
  { source: '\\x41bcd\\dxy', expected: 'bcd' },
  { source: 'a{x', expected: undefined },
  { source: '\\Qa.b\\E', expected: undefined },
  { source: 'café-latte', expected: '-latte' },
  { source: 'x', expected: undefined },
  { source: 'sysmon', flags: 'i', expected: 'mon' },
  { source: '(?i)sysmon', expected: 'mon' },
  { source: '\\p{Greek}abc\\pLxyz', expected: 'abc' },
  { source: '\\1abc', expected: undefined },
  { source: 'ab\\tcd', expected: 'ab' },
  { source: 'sysmon', flags: 'm', expected: 'sysmon' },
];

for (const c of CASES) {
  test(`the required literal of /${c.source}/${c.flags ?? ''} is ${c.expected ?? 'none'}`, () => {
    assert.equal(requiredRegexLiteral(c.source, c.flags ?? '', 2), c.expected);
  });
}

test('every text a regex matches contains its required literal (lowercased)', () => {
  const samples: [string, string, string][] = [
    [
      '\\\\windows\\\\temp\\\\[a-z]+\\.exe',
      '',
      'C:\\Windows\\Temp\\evil.exe'.replace('Windows', 'windows').replace('Temp', 'temp'),
    ],
    ['^powershell(\\.exe)?\\s+-enc', 'i', 'PowerShell.exe  -ENC abc'],
    ['(foo|bar)bazz', '', 'xxbarbazz'],
    ['ab?cdef', '', 'acdef'],
    ['sysmon', 'i', 'SYſMON'],
  ];
  for (const [source, flags, text] of samples) {
    assert.ok(new RE2(source, `${flags}u`).test(text), `/${source}/ matches ${text}`);
    const literal = requiredRegexLiteral(source, flags, 1);
    assert.ok(
      literal !== undefined && text.toLowerCase().includes(literal),
      `${text} ⊇ ${literal}`,
    );
  }
});

const MIN_LENGTHS: [source: string, expected: number, longestNonMatch?: string][] = [
  ['\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}', 82],
  ['.{1000,}', 1000],
  ['ab?c', 2, 'ac'],
  ['(abc)+d', 1, 'abcd'],
  ['a|bcd', 0],
  ['\\\\[a-z0-9]{1,32}\\.[a-z0-9]{1,6}\\.[ "\']{1}', 6, '\\a.b. '],
  ['a{2,}?b', 3, 'aab'],
  ['\\bfoo\\b', 3, 'foo'],
  ['x*?y', 1, 'y'],
  ['^$', 0, ''],
  ['\\x{1F600}a', 2, '😀a'],
];

for (const [source, expected, shortest] of MIN_LENGTHS) {
  test(`every match of /${source}/ is at least ${expected} code units long`, () => {
    assert.equal(regexMinLength(source), expected);
    if (shortest !== undefined) {
      assert.ok(new RE2(source, 'u').test(shortest), `the bound is reached by ${shortest}`);
      assert.ok(shortest.length >= expected);
    }
  });
}
