/**
 * Bad correlation documents: each row gives the YAML, the expected code and the expected
 * line:column of the issue. Nothing throws; every problem is an issue with a location.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorCode } from '../../src/errors.js';
import { parseCorrelationText } from '../../src/sigma/correlation/parse.js';
import { resolveCorrelations } from '../../src/sigma/correlation/resolve.js';

interface Row {
  readonly name: string;
  readonly yaml: string;
  readonly code: ErrorCode;
  readonly line: number;
  readonly column: number;
  readonly message?: RegExp;
}

const ROWS: Row[] = [
  {
    name: 'unknown type',
    yaml: 'title: t\ncorrelation:\n  type: ordered_temporal\n  rules: [a]\n  timespan: 1m\n',
    code: 'CW_SIGMA_CORRELATION_UNKNOWN_TYPE',
    line: 3,
    column: 9,
    message: /did you mean "temporal_ordered"/,
  },
  {
    name: 'missing type',
    yaml: 'title: t\ncorrelation:\n  rules: [a]\n  timespan: 1m\n',
    code: 'CW_SIGMA_CORRELATION_INVALID',
    line: 2,
    column: 1,
    message: /missing "correlation.type"/,
  },
  {
    name: 'missing timespan',
    yaml: 'title: t\ncorrelation:\n  type: temporal\n  rules: [a, b]\n',
    code: 'CW_SIGMA_CORRELATION_BAD_TIMESPAN',
    line: 2,
    column: 1,
  },
  {
    name: 'bad timespan unit',
    yaml: 'title: t\ncorrelation:\n  type: temporal\n  rules: [a, b]\n  timespan: 5x\n',
    code: 'CW_SIGMA_CORRELATION_BAD_TIMESPAN',
    line: 5,
    column: 13,
    message: /unit "x"; expected one of s, m, h, d, w/,
  },
  {
    name: 'uppercase timespan unit',
    yaml: 'title: t\ncorrelation:\n  type: temporal\n  rules: [a, b]\n  timespan: 5H\n',
    code: 'CW_SIGMA_CORRELATION_BAD_TIMESPAN',
    line: 5,
    column: 13,
    message: /lowercase/,
  },
  {
    name: 'month timespan',
    yaml: 'title: t\ncorrelation:\n  type: temporal\n  rules: [a, b]\n  timespan: 1M\n',
    code: 'CW_SIGMA_CORRELATION_BAD_TIMESPAN',
    line: 5,
    column: 13,
    message: /no fixed length/,
  },
  {
    name: 'zero timespan',
    yaml: 'title: t\ncorrelation:\n  type: temporal\n  rules: [a, b]\n  timespan: 0s\n',
    code: 'CW_SIGMA_CORRELATION_BAD_TIMESPAN',
    line: 5,
    column: 13,
  },
  {
    name: 'missing condition for event_count',
    yaml: 'title: t\ncorrelation:\n  type: event_count\n  rules: [a]\n  timespan: 1m\n',
    code: 'CW_SIGMA_CORRELATION_BAD_CONDITION',
    line: 2,
    column: 1,
  },
  {
    name: 'non-numeric bound',
    yaml: 'title: t\ncorrelation:\n  type: event_count\n  rules: [a]\n  timespan: 1m\n  condition:\n    gte: many\n',
    code: 'CW_SIGMA_CORRELATION_BAD_CONDITION',
    line: 7,
    column: 10,
    message: /expected a number/,
  },
  {
    name: 'unknown condition operator',
    yaml: 'title: t\ncorrelation:\n  type: event_count\n  rules: [a]\n  timespan: 1m\n  condition:\n    ge: 3\n',
    code: 'CW_SIGMA_CORRELATION_BAD_CONDITION',
    line: 7,
    column: 5,
  },
  {
    name: 'value_count without field',
    yaml: 'title: t\ncorrelation:\n  type: value_count\n  rules: [a]\n  timespan: 1m\n  condition:\n    gte: 3\n',
    code: 'CW_SIGMA_CORRELATION_BAD_CONDITION',
    line: 7,
    column: 5,
    message: /needs "correlation.condition.field"/,
  },
  {
    name: 'contradictory range',
    yaml: 'title: t\ncorrelation:\n  type: event_count\n  rules: [a]\n  timespan: 1m\n  condition: {gt: 10, lt: 5}\n',
    code: 'CW_SIGMA_CORRELATION_BAD_CONDITION',
    line: 6,
    column: 14,
    message: /can never be true/,
  },
  {
    name: 'boolean condition on a non-temporal type',
    yaml: 'title: t\ncorrelation:\n  type: event_count\n  rules: [a, b]\n  timespan: 1m\n  condition: a and not b\n',
    code: 'CW_SIGMA_CORRELATION_UNSUPPORTED',
    line: 6,
    column: 14,
  },
  {
    name: 'boolean temporal condition naming a rule not in rules',
    yaml: 'title: t\ncorrelation:\n  type: temporal\n  rules: [a, b]\n  timespan: 1m\n  condition: a and not c\n',
    code: 'CW_SIGMA_CORRELATION_BAD_CONDITION',
    line: 6,
    column: 14,
    message: /"c", not listed/,
  },
  {
    name: 'boolean temporal condition that does not parse',
    yaml: 'title: t\ncorrelation:\n  type: temporal\n  rules: [a, b]\n  timespan: 1m\n  condition: a and (b\n',
    code: 'CW_SIGMA_CORRELATION_BAD_CONDITION',
    line: 6,
    column: 14,
  },
  {
    name: 'rules is not a list',
    yaml: 'title: t\ncorrelation:\n  type: temporal\n  rules: {a: 1}\n  timespan: 1m\n',
    code: 'CW_SIGMA_CORRELATION_INVALID',
    line: 4,
    column: 10,
  },
  {
    name: 'a rule listed twice',
    yaml: 'title: t\ncorrelation:\n  type: temporal\n  rules: [a, a]\n  timespan: 1m\n',
    code: 'CW_SIGMA_CORRELATION_INVALID',
    line: 4,
    column: 14,
  },
  {
    name: 'alias naming a rule not in rules',
    yaml: 'title: t\ncorrelation:\n  type: temporal\n  rules: [a, b]\n  timespan: 1m\n  group-by: [ip]\n  aliases:\n    ip:\n      c: source.ip\n',
    code: 'CW_SIGMA_CORRELATION_BAD_ALIAS',
    line: 9,
    column: 7,
  },
  {
    name: 'unknown attribute in the correlation section',
    yaml: 'title: t\ncorrelation:\n  type: temporal\n  rules: [a, b]\n  timespan: 1m\n  groupby: [u]\n',
    code: 'CW_SIGMA_CORRELATION_INVALID',
    line: 6,
    column: 3,
    message: /unknown attribute "correlation.groupby"/,
  },
  {
    name: 'bad level',
    yaml: 'title: t\nlevel: severe\ncorrelation:\n  type: temporal\n  rules: [a, b]\n  timespan: 1m\n',
    code: 'CW_SIGMA_CORRELATION_INVALID',
    line: 2,
    column: 8,
  },
  {
    name: 'broken YAML (reported by the shared rule-file loader)',
    yaml: 'title: t\ncorrelation:\n  type: [temporal\n',
    code: 'CW_SIGMA_YAML',
    line: 4,
    column: 1,
    message: /invalid YAML/,
  },
];

for (const row of ROWS) {
  test(`bad correlation: ${row.name} -> ${row.code} at ${row.line}:${row.column}`, () => {
    const { rules, issues } = parseCorrelationText(row.yaml, 'bad.yml');
    assert.equal(rules.length, 0, 'the document must be rejected');
    const found = issues.find((issue) => issue.code === row.code);
    assert.ok(found, `expected ${row.code}, got ${JSON.stringify(issues)}`);
    assert.equal(found.severity, 'error');
    assert.deepEqual(found.location, { file: 'bad.yml', line: row.line, column: row.column });
    if (row.message) assert.match(found.message, row.message);
  });
}

test('a YAML alias flood is rejected with an issue, not expanded', () => {
  const bomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    'correlation: *f',
  ].join('\n');
  const { rules, issues } = parseCorrelationText(bomb, 'bomb.yml');
  assert.equal(rules.length, 0);
  assert.equal(issues[0]?.code, 'CW_SIGMA_LIMIT');
  assert.match(issues[0]?.message ?? '', /alias flood/);
});

test('unknown rule reference is reported at the reference', () => {
  const { rules } = parseCorrelationText(
    'title: t\nid: x\ncorrelation:\n  type: temporal\n  rules:\n    - a\n    - missing_rule\n  timespan: 1m\n',
    'ref.yml',
  );
  const resolution = resolveCorrelations(rules, [{ name: 'a', title: 'a' }]);
  assert.equal(resolution.correlations.length, 0);
  assert.equal(resolution.issues[0]?.code, 'CW_SIGMA_CORRELATION_UNKNOWN_RULE');
  assert.deepEqual(resolution.issues[0]?.location, { file: 'ref.yml', line: 7, column: 7 });
});

test('an ambiguous reference (two rules share a name) is rejected', () => {
  const { rules } = parseCorrelationText(
    'title: t\ncorrelation:\n  type: temporal\n  rules: [a, b]\n  timespan: 1m\n',
    'dup.yml',
  );
  const resolution = resolveCorrelations(rules, [
    { name: 'a', title: 'first' },
    { name: 'a', title: 'second' },
    { name: 'b', title: 'b' },
  ]);
  assert.equal(resolution.issues[0]?.code, 'CW_SIGMA_CORRELATION_DUPLICATE_REFERENCE');
  assert.deepEqual(resolution.issues[0]?.location, { file: 'dup.yml', line: 4, column: 11 });
});

test('a cycle of chained correlations rejects every member and whoever refers to them', () => {
  const { rules } = parseCorrelationText(
    `title: one
name: one
correlation: {type: temporal, rules: [two, base], timespan: 1m}
---
title: two
name: two
correlation: {type: temporal, rules: [one, base], timespan: 1m}
---
title: outer
name: outer
correlation: {type: temporal, rules: [one, base], timespan: 1m}
---
title: fine
name: fine
correlation: {type: event_count, rules: [base], timespan: 1m, condition: {gte: 2}}
`,
    'cycle.yml',
  );
  const resolution = resolveCorrelations(rules, [{ name: 'base', title: 'base' }]);
  assert.deepEqual(
    resolution.correlations.map((c) => c.key),
    ['fine'],
  );
  const cycles = resolution.issues.filter((i) => i.code === 'CW_SIGMA_CORRELATION_CYCLE');
  assert.equal(cycles.length, 2);
  assert.deepEqual(cycles[0]?.location, { file: 'cycle.yml', line: 1, column: 1 });
  assert.deepEqual(cycles[1]?.location, { file: 'cycle.yml', line: 5, column: 1 });
  assert.match(cycles[0]!.message, /one.*->.*two.*->.*one/);
  const outer = resolution.issues.find((i) => i.location?.line === 9);
  assert.equal(outer?.code, 'CW_SIGMA_CORRELATION_UNKNOWN_RULE');
  assert.match(outer?.message ?? '', /was rejected/);
});

test('a self-referencing correlation is a cycle', () => {
  const { rules } = parseCorrelationText(
    'title: me\nname: me\ncorrelation: {type: event_count, rules: [me], timespan: 1m, condition: {gte: 1}}\n',
    'self.yml',
  );
  const resolution = resolveCorrelations(rules, []);
  assert.equal(resolution.issues[0]?.code, 'CW_SIGMA_CORRELATION_CYCLE');
});

test('warnings keep the rule: value_percentile without percentile defaults to the median', () => {
  const { rules, issues } = parseCorrelationText(
    // The specification's own value_percentile example.
    `title: A computer spawned a processes name in the last 24h than 1% of all the processes.
correlation:
    type: value_percentile
    rules:
        - process_creation
    group-by:
        - ComputerName
    timespan: 24h
    condition:
        field: image
        lte: 1
`,
    'pct.yml',
  );
  assert.equal(rules.length, 1);
  assert.equal(rules[0]!.condition.percentile, 50);
  assert.equal(issues[0]?.severity, 'warning');
  assert.deepEqual(issues[0]?.location, { file: 'pct.yml', line: 10, column: 9 });
});
