/**
 * Filters (meta-filters): conformance table of rule + filter + events + expected result, and
 * bad filter documents with their issue codes and locations.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SigmaRule } from '../../src/sigma/ast.js';
import { compileRule, ruleMatches } from '../../src/sigma/compile/compile-rule.js';
import { applyFilters } from '../../src/sigma/filter/apply.js';
import { parseFilterText } from '../../src/sigma/filter/parse.js';
import { parseSigmaText } from '../../src/sigma/parse/parse-text.js';

const RULES = `
title: Cron job created
id: 11111111-1111-4111-8111-111111111111
name: cronjob_created
logsource: {product: kubernetes, service: audit}
detection:
  selection:
    verb: create
    objectRef.resource: cronjobs
  condition: selection
---
title: Secrets listed
id: 22222222-2222-4222-8222-222222222222
logsource: {product: kubernetes, service: audit}
detection:
  selection: {verb: list, objectRef.resource: secrets}
  condition: selection
---
title: Windows process
id: 33333333-3333-4333-8333-333333333333
logsource: {product: windows, category: process_creation}
detection:
  selection: {Image|endswith: '\\kubectl.exe'}
  condition: selection
`;

function loadRules(): SigmaRule[] {
  const parsed = parseSigmaText(RULES, 'rules.yml');
  assert.deepEqual(parsed.issues, []);
  return parsed.documents.flatMap((d) => (d.kind === 'rule' ? [d.rule] : []));
}

function fires(rule: SigmaRule, event: Record<string, unknown>): boolean {
  const compiled = compileRule(rule);
  assert.ok(compiled.ok, JSON.stringify(compiled.issues));
  return ruleMatches(compiled.compiled, event);
}

const CONTROLLER = {
  verb: 'create',
  objectRef: { resource: 'cronjobs' },
  user: { username: 'system:serviceaccount:kube-system:cronjob-controller' },
};
const ALICE = { verb: 'create', objectRef: { resource: 'cronjobs' }, user: { username: 'alice' } };
const LIST = {
  verb: 'list',
  objectRef: { resource: 'secrets' },
  user: { username: 'system:serviceaccount:kube-system:cronjob-controller' },
};

interface Row {
  readonly name: string;
  readonly filter: string;
  readonly rule: string;
  readonly event: Record<string, unknown>;
  readonly expected: boolean;
}

const BY_ID = `
title: Ignore the cronjob controller
logsource: {product: kubernetes, service: audit}
filter:
  rules: [11111111-1111-4111-8111-111111111111]
  selection:
    user.username|startswith: 'system:serviceaccount:kube-system:'
  condition: not selection
`;

const ROWS: Row[] = [
  {
    name: 'listed by id: the controller is suppressed',
    filter: BY_ID,
    rule: 'Cron job created',
    event: CONTROLLER,
    expected: false,
  },
  {
    name: 'listed by id: a human still matches',
    filter: BY_ID,
    rule: 'Cron job created',
    event: ALICE,
    expected: true,
  },
  {
    name: 'an unlisted rule is untouched',
    filter: BY_ID,
    rule: 'Secrets listed',
    event: LIST,
    expected: true,
  },
  {
    name: 'listed by name',
    filter: BY_ID.replace('11111111-1111-4111-8111-111111111111', 'cronjob_created'),
    rule: 'Cron job created',
    event: CONTROLLER,
    expected: false,
  },
  {
    name: 'rules: any applies to every rule of the logsource',
    filter: BY_ID.replace('rules: [11111111-1111-4111-8111-111111111111]', 'rules: any'),
    rule: 'Secrets listed',
    event: LIST,
    expected: false,
  },
  {
    name: 'rules: [] is any (pySigma)',
    filter: BY_ID.replace('rules: [11111111-1111-4111-8111-111111111111]', 'rules: []'),
    rule: 'Secrets listed',
    event: LIST,
    expected: false,
  },
  {
    name: 'rules: any skips rules of another logsource',
    filter: BY_ID.replace('rules: [11111111-1111-4111-8111-111111111111]', 'rules: any').replace(
      "user.username|startswith: 'system:serviceaccount:kube-system:'",
      "Image|endswith: 'kubectl.exe'",
    ),
    rule: 'Windows process',
    event: { Image: 'C:\\kubectl.exe' },
    expected: true,
  },
  {
    name: 'a broader filter logsource (product only) still applies',
    filter: BY_ID.replace('{product: kubernetes, service: audit}', '{product: kubernetes}'),
    rule: 'Cron job created',
    event: CONTROLLER,
    expected: false,
  },
  {
    name: 'a positive filter condition restricts matches (the spec example semantics)',
    filter: BY_ID.replace('condition: not selection', 'condition: selection'),
    rule: 'Cron job created',
    event: ALICE,
    expected: false,
  },
  {
    name: 'filter identifiers do not clash with the rule (both use "selection")',
    filter: BY_ID,
    rule: 'Cron job created',
    event: { ...ALICE, verb: 'delete' },
    expected: false,
  },
  {
    name: "1 of pattern and them in the filter refer to the filter's searches",
    filter: `
title: two filters
logsource: {product: kubernetes}
filter:
  rules: any
  f_a: {user.username: bob}
  f_b: {user.username: carol}
  condition: not 1 of f_* and not 1 of them
`,
    rule: 'Cron job created',
    event: { ...ALICE, user: { username: 'carol' } },
    expected: false,
  },
];

describe('filter conformance table', () => {
  for (const row of ROWS) {
    test(row.name, () => {
      const { filters, issues } = parseFilterText(row.filter, 'mf.yml');
      assert.deepEqual(
        issues.filter((i) => i.severity === 'error'),
        [],
      );
      const result = applyFilters(loadRules(), filters);
      const rule = result.rules.find((r) => r.title === row.rule)!;
      assert.equal(fires(rule, row.event), row.expected);
    });
  }
});

test('a filtered rule shows the combined condition', () => {
  const { filters } = parseFilterText(BY_ID, 'mf.yml');
  const rule = applyFilters(loadRules(), filters).rules[0]!;
  assert.equal(rule.detection.conditions[0]?.text, '(selection) and ((not selection))');
  assert.deepEqual(
    rule.detection.searches.map((s) => s.name),
    ['selection', '_filt0_selection'],
  );
});

test('a listed rule of another logsource is not filtered and is reported', () => {
  const { filters } = parseFilterText(
    BY_ID.replace('11111111-1111-4111-8111-111111111111', '33333333-3333-4333-8333-333333333333'),
    'mf.yml',
  );
  const result = applyFilters(loadRules(), filters);
  assert.equal(result.issues[0]?.code, 'CW_SIGMA_FILTER_LOGSOURCE_MISMATCH');
  assert.deepEqual(result.issues[0]?.location, { file: 'mf.yml', line: 5, column: 11 });
  assert.equal(result.applied.size, 0);
});

test('a listed rule that is not loaded is reported', () => {
  const { filters } = parseFilterText(
    BY_ID.replace('11111111-1111-4111-8111-111111111111', 'nope'),
    'mf.yml',
  );
  const result = applyFilters(loadRules(), filters);
  assert.equal(result.issues[0]?.code, 'CW_SIGMA_FILTER_UNKNOWN_RULE');
  assert.deepEqual(result.issues[0]?.location, { file: 'mf.yml', line: 5, column: 11 });
});

const BAD: { name: string; yaml: string; line: number; column: number; message: RegExp }[] = [
  {
    name: 'missing logsource',
    yaml: 'title: f\nfilter:\n  rules: any\n  selection: {a: 1}\n  condition: not selection\n',
    line: 1,
    column: 1,
    message: /missing "logsource"/,
  },
  {
    name: 'missing rules',
    yaml: 'title: f\nlogsource: {product: x}\nfilter:\n  selection: {a: 1}\n  condition: not selection\n',
    line: 3,
    column: 1,
    message: /missing "filter.rules"/,
  },
  {
    name: 'rules is a mapping',
    yaml: 'title: f\nlogsource: {product: x}\nfilter:\n  rules: {a: 1}\n  selection: {a: 1}\n  condition: not selection\n',
    line: 4,
    column: 10,
    message: /must be a list/,
  },
  {
    name: 'a level on a filter',
    yaml: 'title: f\nlevel: high\nlogsource: {product: x}\nfilter:\n  rules: any\n  selection: {a: 1}\n  condition: not selection\n',
    line: 2,
    column: 1,
    message: /no level or status/,
  },
];

for (const row of BAD) {
  test(`bad filter: ${row.name} -> CW_SIGMA_FILTER_INVALID at ${row.line}:${row.column}`, () => {
    const { filters, issues } = parseFilterText(row.yaml, 'bad.yml');
    assert.equal(filters.length, 0);
    const found = issues.find((i) => i.code === 'CW_SIGMA_FILTER_INVALID');
    assert.ok(found, JSON.stringify(issues));
    assert.deepEqual(found.location, { file: 'bad.yml', line: row.line, column: row.column });
    assert.match(found.message, row.message);
  });
}

test('a filter condition naming an undefined search is rejected by the detection parser', () => {
  const { filters, issues } = parseFilterText(
    'title: f\nlogsource: {product: x}\nfilter:\n  rules: any\n  selection: {a: 1}\n  condition: not selecton\n',
    'bad.yml',
  );
  assert.equal(filters.length, 0);
  assert.ok(issues.some((i) => i.severity === 'error' && i.location?.line === 6));
});
