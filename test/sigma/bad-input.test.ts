/**
 * Bad input gets a clear, located issue and never a crash or a hang: one table row per error
 * code (STYLE.md §8: every code has a test that triggers it and checks its location), plus
 * YAML bombs, alias floods, huge files and hostile regexes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ErrorCode, Issue } from '../../src/errors.js';
import { compileRule } from '../../src/sigma/compile/compile-rule.js';
import { EventView } from '../../src/sigma/compile/event-view.js';
import { lintSources } from '../../src/sigma/lint/lint.js';
import { parseSigmaText } from '../../src/sigma/parse/parse-text.js';
import { ruleText } from './harness.js';

/** Parses and compiles; returns every issue. */
function issuesOf(text: string): Issue[] {
  const parsed = parseSigmaText(text, 'bad.yml');
  const issues = [...parsed.issues];
  for (const document of parsed.documents) {
    if (document.kind === 'rule') issues.push(...compileRule(document.rule).issues);
  }
  return issues;
}

interface InvalidCase {
  readonly name: string;
  readonly text: string;
  readonly code: ErrorCode;
  readonly line: number;
  readonly column: number;
  readonly message: RegExp;
}

const det = (body: string) => ruleText(body); // the first search is on line 7

const INVALID: readonly InvalidCase[] = [
  {
    name: 'broken YAML',
    text: 'title: x\nlogsource: {product: a\ndetection: {}\n',
    code: 'CW_SIGMA_YAML',
    line: 3,
    column: 1,
    message: /invalid YAML/,
  },
  {
    name: 'duplicate key',
    text: 'title: x\ntitle: y\n',
    code: 'CW_SIGMA_YAML',
    line: 2,
    column: 1,
    message: /unique/i,
  },
  {
    name: 'missing title',
    text: 'logsource: {product: a}\ndetection:\n  s: {a: 1}\n  condition: s\n',
    code: 'CW_SIGMA_SCHEMA',
    line: 1,
    column: 1,
    message: /missing required attribute `title`/,
  },
  {
    name: 'wrong level',
    text: 'title: x\nlevel: severe\nlogsource: {product: a}\ndetection:\n  s: {a: 1}\n  condition: s\n',
    code: 'CW_SIGMA_SCHEMA',
    line: 2,
    column: 8,
    message: /`level` must be one of informational, low, medium, high, critical; found "severe"/,
  },
  {
    name: 'detection not a map',
    text: 'title: x\nlogsource: {product: a}\ndetection: [a]\n',
    code: 'CW_SIGMA_SCHEMA',
    line: 3,
    column: 12,
    message: /`detection` must be a map/,
  },
  {
    name: 'nested map as a value',
    text: det('\n  sel:\n    a:\n      b: 1\n  condition: sel'),
    code: 'CW_SIGMA_SCHEMA',
    line: 9,
    column: 7,
    message: /field "a": expected a value or a list of values, found a map/,
  },
  {
    name: 'repeat with nothing before',
    text: 'action: repeat\ntitle: x\n',
    code: 'CW_SIGMA_COLLECTION',
    line: 1,
    column: 1,
    message: /no previous document/,
  },
  {
    name: 'unknown action',
    text: 'action: merge\ntitle: x\n',
    code: 'CW_SIGMA_COLLECTION',
    line: 1,
    column: 9,
    message: /unknown collection action "merge"/,
  },
  {
    name: 'unknown modifier with suggestion',
    text: det('\n  sel:\n    Image|endwith: x\n  condition: sel'),
    code: 'CW_SIGMA_UNKNOWN_MODIFIER',
    line: 8,
    column: 5,
    message: /unknown modifier "endwith" on field "Image"; did you mean "endswith"\?/,
  },
  {
    name: 're after contains',
    text: det('\n  sel:\n    a|contains|re: x\n  condition: sel'),
    code: 'CW_SIGMA_MODIFIER',
    line: 8,
    column: 5,
    message: /search "sel": "a\|contains\|re": `re` must be the first modifier/,
  },
  {
    name: 'all on a single value',
    text: det('\n  sel:\n    a|contains|all: x\n  condition: sel'),
    code: 'CW_SIGMA_MODIFIER',
    line: 8,
    column: 5,
    message: /`all` needs a list of at least two values/,
  },
  {
    name: 'exists with another modifier',
    text: det('\n  sel:\n    a|exists|cased: true\n  condition: sel'),
    code: 'CW_SIGMA_MODIFIER',
    line: 8,
    column: 5,
    message: /`exists` cannot be combined/,
  },
  {
    name: 'exists with a string',
    text: det('\n  sel:\n    a|exists: yes\n  condition: sel'),
    code: 'CW_SIGMA_VALUE',
    line: 8,
    column: 5,
    message: /`exists` needs a single boolean/,
  },
  {
    name: 'lt with text',
    text: det('\n  sel:\n    a|lt: ten\n  condition: sel'),
    code: 'CW_SIGMA_VALUE',
    line: 8,
    column: 5,
    message: /`lt` needs a number/,
  },
  {
    name: 'cidr with a bad network',
    text: det('\n  sel:\n    ip|cidr: 10.0.0.0/33\n  condition: sel'),
    code: 'CW_SIGMA_VALUE',
    line: 8,
    column: 5,
    message: /`cidr` needs an IPv4 or IPv6 network .* found "10.0.0.0\/33"/,
  },
  {
    name: 'base64 with a wildcard',
    text: det("\n  sel:\n    a|base64: 'x*'\n  condition: sel"),
    code: 'CW_SIGMA_VALUE',
    line: 8,
    column: 5,
    message: /`base64` needs a value without wildcards/,
  },
  {
    name: 'look-ahead regex',
    text: det("\n  sel:\n    CommandLine|re: 'foo(?=bar)'\n  condition: sel"),
    code: 'CW_SIGMA_REGEX',
    line: 8,
    column: 5,
    message: /field "CommandLine": RE2 cannot run the regex \/foo\(\?=bar\)\/.*look-around/,
  },
  {
    name: 'back-reference regex',
    text: det("\n  sel:\n    CommandLine|re: '(a)\\1'\n  condition: sel"),
    code: 'CW_SIGMA_REGEX',
    line: 8,
    column: 5,
    message: /back-references/,
  },
  {
    name: 'regex over the length limit',
    text: det(`\n  sel:\n    a|re: '${'a'.repeat(9000)}'\n  condition: sel`),
    code: 'CW_SIGMA_REGEX',
    line: 8,
    column: 5,
    message: /over the limit of 8192/,
  },
  {
    name: 'unresolved placeholder',
    text: det("\n  sel:\n    User|expand: '%Administrators%'\n  condition: sel"),
    code: 'CW_SIGMA_PLACEHOLDER',
    line: 8,
    column: 5,
    message: /unresolved placeholder %Administrators%/,
  },
  {
    name: 'unbalanced parenthesis',
    text: det('\n  sel:\n    a: 1\n  condition: (sel'),
    code: 'CW_SIGMA_CONDITION',
    line: 9,
    column: 18,
    message: /expected `\)` at the end/,
  },
  {
    name: 'dangling operator',
    text: det('\n  sel:\n    a: 1\n  condition: sel and'),
    code: 'CW_SIGMA_CONDITION',
    line: 9,
    column: 21,
    message: /expected a search identifier/,
  },
  {
    name: 'obsolete aggregation',
    text: det('\n  sel:\n    a: 1\n  condition: sel | count() > 5'),
    code: 'CW_SIGMA_CONDITION',
    line: 9,
    column: 18,
    message: /aggregation syntax is obsolete/,
  },
  {
    name: 'pattern without quantifier',
    text: det('\n  sel:\n    a: 1\n  condition: sel*'),
    code: 'CW_SIGMA_CONDITION',
    line: 9,
    column: 14,
    message: /needs a quantifier/,
  },
  {
    name: 'undefined identifier',
    text: det('\n  selection:\n    a: 1\n  condition: selection and not filtr'),
    code: 'CW_SIGMA_UNKNOWN_IDENTIFIER',
    line: 9,
    column: 32,
    message: /names "filtr", which the detection does not define/,
  },
  {
    name: 'pattern matching nothing',
    text: det('\n  sel:\n    a: 1\n  condition: 1 of filter_*'),
    code: 'CW_SIGMA_UNKNOWN_IDENTIFIER',
    line: 9,
    column: 14,
    message: /"filter_\*" matches no search identifier/,
  },
  {
    name: 'windash explosion',
    text: det("\n  sel:\n    a|windash: '-a-b-c-d-e-f-g-h'\n  condition: sel"),
    code: 'CW_SIGMA_LIMIT',
    line: 8,
    column: 5,
    message: /`windash` would create more than/,
  },
];

describe('every error code is reported with its location', () => {
  for (const c of INVALID) {
    test(`${c.name}: ${c.code} at ${c.line}:${c.column}`, () => {
      const issues = issuesOf(c.text);
      const found = issues.find((issue) => issue.code === c.code);
      assert.ok(found, `expected ${c.code}, got ${JSON.stringify(issues)}`);
      assert.match(found.message, c.message);
      assert.deepEqual(found.location, { file: 'bad.yml', line: c.line, column: c.column });
    });
  }
});

describe('hostile input ends quickly with an issue', () => {
  test('billion laughs (nested alias expansion) stops at the node budget', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const text = `title: bomb\n${lines.join('\n')}\nlogsource: {product: a}\ndetection:\n  s: {a: *a9}\n  condition: s\n`;
    const issues = issuesOf(text);
    assert.equal(issues[0]?.code, 'CW_SIGMA_LIMIT');
    assert.match(issues[0]!.message, /more than 50000 YAML nodes/);
  });

  test('an alias flood of many small aliases stops at the node budget', () => {
    const text = `base: &b {k: v}\nlist:\n${'  - *b\n'.repeat(150_000)}`;
    const issues = issuesOf(text);
    assert.equal(issues[0]?.code, 'CW_SIGMA_LIMIT');
    assert.match(issues[0]!.message, /150000 YAML alias references, over the limit of 10000/);
  });

  test('aliases under the count limit but expanding past the node budget are refused', () => {
    const text = `base: &b [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nlist:\n${'  - *b\n'.repeat(9_000)}`;
    const issues = issuesOf(text);
    assert.equal(issues[0]?.code, 'CW_SIGMA_LIMIT');
    assert.match(issues[0]!.message, /more than 50000 YAML nodes/);
  });

  test('a 10 MB rule file is refused by size before parsing', () => {
    const text = `title: big\ndescription: '${'x'.repeat(10 * 1024 * 1024)}'\n`;
    const issues = issuesOf(text);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.code, 'CW_SIGMA_LIMIT');
    assert.match(issues[0]!.message, /over the limit of 2097152/);
    assert.deepEqual(issues[0]!.location, { file: 'bad.yml', line: 1, column: 1 });
  });

  test('deep nesting is refused', () => {
    const text = `title: deep\nx: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    const issues = issuesOf(text);
    assert.equal(issues[0]?.code, 'CW_SIGMA_LIMIT');
  });

  test('a catastrophic-backtracking regex runs in linear time on RE2', () => {
    const text = det("\n  sel:\n    a|re: '^(a+)+$'\n  condition: sel");
    const parsed = parseSigmaText(text, 'redos.yml');
    const document = parsed.documents[0];
    assert.ok(document?.kind === 'rule');
    const compiled = compileRule(document.rule);
    assert.ok(compiled.ok);
    // 100k characters would take years with a backtracking engine.
    assert.equal(compiled.compiled.matches(new EventView({ a: `${'a'.repeat(100_000)}!` })), false);
  });

  test('wrong types everywhere give issues, not exceptions', () => {
    for (const text of [
      '[]',
      '42',
      'null',
      'title: [x]',
      'title: x\nlogsource: 5\ndetection: 7',
      'title: x\ntags: {a: 1}\nlogsource: {}\ndetection: {condition: 5}',
      '---\n---\n',
    ]) {
      assert.doesNotThrow(() => issuesOf(text));
    }
    assert.ok(
      issuesOf('title: x\nlogsource: 5\ndetection: 7').some(
        (issue) => issue.code === 'CW_SIGMA_SCHEMA',
      ),
    );
  });

  test('a file of many documents keeps going after a broken one', () => {
    const good = 'title: ok\nlogsource: {product: a}\ndetection:\n  s: {a: 1}\n  condition: s\n';
    const report = lintSources([{ file: 'multi.yml', text: `${good}---\ntitle: [\n---\n${good}` }]);
    assert.equal(report.counts.ok, 2);
    assert.equal(report.counts.error, 1);
  });
});
