/**
 * Pipelines on correlation rules (a pySigma feature users asked for, pySigma#221): field-name
 * transformations rename the fields a correlation reads from events; `logsource` conditions
 * hold when a referenced rule matches; `rule_failure` rejects the correlation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCorrelationText } from '../../src/sigma/correlation/parse.js';
import type { CorrelationRule } from '../../src/sigma/correlation/types.js';
import { applyPipelinesToCorrelation, chainPipelines } from '../../src/sigma/pipeline/apply.js';
import { parsePipelineText } from '../../src/sigma/pipeline/parse.js';
import { buildRuleSet } from '../../src/sigma/ruleset.js';
import { parseRule } from './helpers.js';

const CORRELATION = `
title: many secrets reads
level: high
tags: [attack.credential-access]
correlation:
  type: value_count
  rules: [secret_read, other]
  group-by: [username, ip]
  aliases:
    ip:
      secret_read: sourceIP
      other: clientIP
  timespan: 5m
  condition: {field: secretName, gte: 3}
`;

function correlation(): CorrelationRule {
  const parsed = parseCorrelationText(CORRELATION, 'mr.yml');
  assert.deepEqual(parsed.issues, []);
  return parsed.rules[0]!;
}

function chain(yaml: string) {
  const parsed = parsePipelineText(yaml, 'p.yml');
  assert.ok(parsed.pipeline, JSON.stringify(parsed.issues));
  return chainPipelines([parsed.pipeline]);
}

const K8S_RULE = parseRule(
  'title: r\nname: secret_read\nlogsource: {product: kubernetes, service: audit}\ndetection:\n  s: {verb: get}\n  condition: s\n',
);

const MAPPING = `name: p
transformations:
  - type: field_name_mapping
    mapping:
      username: user.username
      sourceIP: sourceIPs
      secretName: [objectRef.name, requestObject.metadata.name]
    rule_conditions:
      - {type: logsource, product: kubernetes}
`;

test('field_name_mapping renames group-by, alias targets and condition.field', () => {
  const result = applyPipelinesToCorrelation(correlation(), chain(MAPPING), () => [K8S_RULE]);
  assert.ok(result.rule);
  assert.deepEqual(result.rule.groupBy, ['user.username', 'ip']);
  assert.deepEqual(
    [...result.rule.aliases.get('ip')!],
    [
      ['secret_read', 'sourceIPs'],
      ['other', 'clientIP'],
    ],
  );
  assert.deepEqual(result.rule.condition.fields, ['objectRef.name']);
});

test('a logsource condition holds for a correlation only through its referenced rules', () => {
  const result = applyPipelinesToCorrelation(correlation(), chain(MAPPING), () => []);
  assert.deepEqual(result.rule?.groupBy, ['username', 'ip']);
});

test('rule_failure rejects a correlation; rule_attribute compares levels by rank and tags with in', () => {
  const result = applyPipelinesToCorrelation(
    correlation(),
    chain(`name: p
transformations:
  - type: rule_failure
    message: no correlations on this backend
    rule_cond_expr: corr and severe and tagged
    rule_conditions:
      corr: {type: is_sigma_correlation_rule}
      severe: {type: rule_attribute, attribute: level, value: medium, op: gt}
      tagged: {type: rule_attribute, attribute: tags, value: attack.credential-access, op: in}
`),
    () => [],
  );
  assert.equal(result.rule, undefined);
  assert.equal(result.issues[0]?.code, 'CW_SIGMA_PIPELINE_RULE_FAILURE');
  assert.deepEqual(result.issues[0]?.location, { file: 'p.yml', line: 3, column: 5 });
});

test('a rule set applies the pipeline to correlations, so abstract group-by names work', () => {
  const rules = `title: Secret read
name: secret_read
logsource: {product: kubernetes, service: audit}
detection:
  sel: {verb: get, resource: secrets}
  condition: sel
---
title: many secrets reads
correlation:
  type: value_count
  rules: [secret_read]
  group-by: [username]
  timespan: 5m
  condition: {field: secretName, gte: 3}
`;
  const pipeline = `name: p
transformations:
  - type: field_name_mapping
    mapping: {username: user.username, resource: objectRef.resource, secretName: objectRef.name}
    rule_conditions:
      - {type: logsource, product: kubernetes}
`;
  const { ruleSet, issues } = buildRuleSet({
    sources: [{ file: 'r.yml', text: rules }],
    pipelines: [{ file: 'p.yml', text: pipeline }],
  });
  assert.deepEqual(issues, []);
  const event = (i: number, name: string) => ({
    data: { verb: 'get', objectRef: { resource: 'secrets', name }, user: { username: 'eve' } },
    logsource: { product: 'kubernetes', service: 'audit' },
    timeMs: i * 1000,
  });
  const matches = [event(0, 'a'), event(1, 'b'), event(2, 'a'), event(3, 'c')].flatMap((e) =>
    ruleSet.matchEvent(e),
  );
  assert.equal(matches.length, 1);
  assert.equal(matches[0]?.kind, 'correlation');
  assert.deepEqual(matches[0]?.kind === 'correlation' ? matches[0].match.group : {}, {
    'user.username': 'eve',
  });
});
