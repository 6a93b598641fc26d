import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSigmaText } from './parse-text.js';

const RULE = `title: CronJob created
id: 0c9b3bda-41a6-4442-9345-356ae86343dc
status: test
logsource:
  product: kubernetes
  service: audit
detection:
  selection:
    verb: create
    objectRef.resource|endswith:
      - cronjobs
      - jobs
  condition: selection
level: medium
custom_field: kept
`;

test('a single rule parses into an AST with located items and kept custom attributes', () => {
  const { documents, issues } = parseSigmaText(RULE, 'rules/cronjob.yml');
  assert.deepEqual(issues, []);
  assert.equal(documents.length, 1);
  const document = documents[0]!;
  assert.equal(document.kind, 'rule');
  if (document.kind !== 'rule') return;
  const rule = document.rule;
  assert.equal(rule.title, 'CronJob created');
  assert.equal(rule.level, 'medium');
  assert.deepEqual(rule.custom, { custom_field: 'kept' });
  assert.deepEqual(rule.logsource, { product: 'kubernetes', service: 'audit', custom: {} });
  const search = rule.detection.searches[0]!;
  assert.equal(search.name, 'selection');
  assert.deepEqual(search.location, { file: 'rules/cronjob.yml', line: 8, column: 3 });
  assert.equal(search.body.kind, 'map');
  if (search.body.kind !== 'map') return;
  const item = search.body.map.items[1]!;
  assert.equal(item.field, 'objectRef.resource');
  assert.deepEqual(item.modifiers, ['endswith']);
  assert.equal(item.values.length, 2);
  assert.deepEqual(item.location, { file: 'rules/cronjob.yml', line: 10, column: 5 });
  assert.equal(rule.detection.conditions[0]!.ast.kind, 'ref');
});

test('correlation and filter documents come back as located plain objects', () => {
  const text = `title: base
name: base_rule
logsource: {product: kubernetes}
detection:
  sel: {verb: create}
  condition: sel
---
title: many creates
correlation:
  type: event_count
  rules: [base_rule]
  timespan: 5m
  condition: {gte: 10}
---
title: drop controllers
id: 1d3e2b7a-0000-4000-8000-000000000001
logsource: {product: kubernetes}
filter:
  rules: any
  selection: {user.username|startswith: 'system:'}
  condition: not selection
`;
  const { documents, issues } = parseSigmaText(text, 'c.yml');
  assert.deepEqual(issues, []);
  assert.deepEqual(
    documents.map((d) => d.kind),
    ['rule', 'correlation', 'filter'],
  );
  const correlation = documents[1]!;
  assert.ok(correlation.kind === 'correlation');
  assert.equal(correlation.title, 'many creates');
  assert.deepEqual((correlation.data.correlation as { rules: string[] }).rules, ['base_rule']);
  assert.deepEqual(correlation.location, { file: 'c.yml', line: 8, column: 1 });
  const filter = documents[2]!;
  assert.ok(filter.kind === 'filter');
  assert.equal(filter.id, '1d3e2b7a-0000-4000-8000-000000000001');
});
