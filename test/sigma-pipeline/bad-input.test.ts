/**
 * Bad pipelines and pipeline failures: every case yields a located issue with a stable code,
 * never an exception and never a silently half-applied pipeline.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorCode } from '../../src/errors.js';
import { parsePipelineText } from '../../src/sigma/pipeline/parse.js';
import { process } from './helpers.js';

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
    name: 'unknown transformation type (with a suggestion)',
    yaml: 'name: p\ntransformations:\n  - type: field_name_maping\n    mapping: {a: b}\n',
    code: 'CW_SIGMA_PIPELINE_UNKNOWN_TRANSFORMATION',
    line: 3,
    column: 11,
    message: /did you mean "field_name_mapping"/,
  },
  {
    name: 'query_expression_placeholders is rejected with its reason',
    yaml: 'name: p\ntransformations:\n  - type: query_expression_placeholders\n    expression: "{field} in list"\n',
    code: 'CW_SIGMA_PIPELINE_UNSUPPORTED_TRANSFORMATION',
    line: 3,
    column: 11,
    message: /backend query text/,
  },
  {
    name: 'field_name_transform is rejected with its reason',
    yaml: 'name: p\ntransformations:\n  - type: field_name_transform\n',
    code: 'CW_SIGMA_PIPELINE_UNSUPPORTED_TRANSFORMATION',
    line: 3,
    column: 11,
    message: /Python function/,
  },
  {
    name: 'missing type',
    yaml: 'name: p\ntransformations:\n  - mapping: {a: b}\n',
    code: 'CW_SIGMA_PIPELINE_INVALID',
    line: 3,
    column: 5,
    message: /missing "type"/,
  },
  {
    name: 'unknown parameter of a transformation',
    yaml: 'name: p\ntransformations:\n  - type: field_name_prefix\n    prefix: x\n    suffix: y\n',
    code: 'CW_SIGMA_PIPELINE_INVALID',
    line: 5,
    column: 5,
    message: /unknown parameter "suffix"/,
  },
  {
    name: 'missing required parameter',
    yaml: 'name: p\ntransformations:\n  - type: field_name_mapping\n',
    code: 'CW_SIGMA_PIPELINE_INVALID',
    line: 3,
    column: 5,
    message: /missing parameter "mapping"/,
  },
  {
    name: 'unknown rule condition type',
    yaml: 'name: p\ntransformations:\n  - type: drop_detection_item\n    rule_conditions:\n      - type: logsorce\n        product: x\n',
    code: 'CW_SIGMA_PIPELINE_UNKNOWN_CONDITION',
    line: 5,
    column: 15,
    message: /did you mean "logsource"/,
  },
  {
    name: 'unknown parameter of a condition',
    yaml: 'name: p\ntransformations:\n  - type: drop_detection_item\n    rule_conditions:\n      - type: tag\n        tags: x\n',
    code: 'CW_SIGMA_PIPELINE_INVALID',
    line: 5,
    column: 9,
    message: /missing parameter "tag"/,
  },
  {
    name: 'condition expression naming an undefined condition',
    yaml: 'name: p\ntransformations:\n  - type: drop_detection_item\n    rule_cond_expr: a and b\n    rule_conditions:\n      a: {type: is_sigma_rule}\n',
    code: 'CW_SIGMA_PIPELINE_BAD_CONDITION_EXPRESSION',
    line: 4,
    column: 21,
    message: /undefined condition b/,
  },
  {
    name: 'condition expression that does not parse',
    yaml: 'name: p\ntransformations:\n  - type: drop_detection_item\n    rule_cond_expr: a and (b\n    rule_conditions:\n      a: {type: is_sigma_rule}\n      b: {type: is_sigma_rule}\n',
    code: 'CW_SIGMA_PIPELINE_BAD_CONDITION_EXPRESSION',
    line: 4,
    column: 21,
  },
  {
    name: 'condition expression leaving a condition unused',
    yaml: 'name: p\ntransformations:\n  - type: drop_detection_item\n    rule_cond_expr: a\n    rule_conditions:\n      a: {type: is_sigma_rule}\n      b: {type: is_sigma_rule}\n',
    code: 'CW_SIGMA_PIPELINE_BAD_CONDITION_EXPRESSION',
    line: 4,
    column: 21,
    message: /unused/,
  },
  {
    name: 'condition expression with rule_cond_op',
    yaml: 'name: p\ntransformations:\n  - type: drop_detection_item\n    rule_cond_expr: a\n    rule_cond_op: or\n    rule_conditions:\n      a: {type: is_sigma_rule}\n',
    code: 'CW_SIGMA_PIPELINE_BAD_CONDITION_EXPRESSION',
    line: 4,
    column: 21,
    message: /mutually exclusive/,
  },
  {
    name: 'unknown top-level attribute',
    yaml: 'name: p\npriorty: 10\ntransformations: []\n',
    code: 'CW_SIGMA_PIPELINE_INVALID',
    line: 2,
    column: 1,
    message: /did you mean "priority"/,
  },
  {
    name: 'broken YAML',
    yaml: 'name: p\ntransformations:\n  - type: [\n',
    code: 'CW_SIGMA_PIPELINE_INVALID',
    line: 4,
    column: 1,
  },
  {
    name: 'transformations is not a list',
    yaml: 'name: p\ntransformations: {type: x}\n',
    code: 'CW_SIGMA_PIPELINE_INVALID',
    line: 2,
    column: 18,
  },
  {
    name: 'a regex RE2 cannot run in replace_string',
    yaml: "name: p\ntransformations:\n  - type: replace_string\n    regex: '(?<=a)b'\n    replacement: c\n",
    code: 'CW_SIGMA_PIPELINE_INVALID',
    line: 3,
    column: 5,
    message: /RE2/,
  },
];

for (const row of ROWS) {
  test(`bad pipeline: ${row.name} -> ${row.code} at ${row.line}:${row.column}`, () => {
    const { pipeline, issues } = parsePipelineText(row.yaml, 'p.yml');
    assert.equal(pipeline, undefined, 'the pipeline must be rejected');
    const found = issues.find((issue) => issue.code === row.code);
    assert.ok(found, `expected ${row.code}, got ${JSON.stringify(issues)}`);
    assert.deepEqual(found.location, { file: 'p.yml', line: row.line, column: row.column });
    if (row.message) assert.match(found.message, row.message);
  });
}

test('postprocessing and finalizers are ignored with a warning', () => {
  const { pipeline, issues } = parsePipelineText(
    'name: p\ntransformations: []\nfinalizers:\n  - type: concat\n',
    'p.yml',
  );
  assert.ok(pipeline);
  assert.equal(issues[0]?.code, 'CW_SIGMA_PIPELINE_IGNORED');
  assert.deepEqual(issues[0]?.location, { file: 'p.yml', line: 3, column: 1 });
});

const RULE = `
title: t
id: 9b1c8a0e-0000-4000-8000-000000000001
logsource: {product: kubernetes, service: audit}
detection:
  sel:
    user|expand: '%admins%'
    verb: create
  condition: sel
`;

test('rule_failure rejects the rule, pointing at the processing item', () => {
  const outcome = process(
    RULE,
    'name: p\ntransformations:\n  - type: rule_failure\n    message: audit logs need the audit pipeline\n    rule_conditions:\n      - {type: logsource, service: audit}\n',
  );
  assert.equal(outcome.rule, undefined);
  assert.equal(outcome.issues[0]?.code, 'CW_SIGMA_PIPELINE_RULE_FAILURE');
  assert.match(outcome.issues[0]!.message, /audit logs need the audit pipeline/);
  assert.deepEqual(outcome.issues[0]?.location, { file: 'pipeline0.yml', line: 3, column: 5 });
});

test('detection_item_failure rejects the rule at the offending detection item', () => {
  const outcome = process(
    RULE,
    'name: p\ntransformations:\n  - type: detection_item_failure\n    message: no verb field here\n    field_name_conditions:\n      - {type: include_fields, fields: [verb]}\n',
  );
  assert.equal(outcome.rule, undefined);
  assert.equal(outcome.issues[0]?.code, 'CW_SIGMA_PIPELINE_DETECTION_ITEM_FAILURE');
  assert.deepEqual(outcome.issues[0]?.location, { file: 'rule.yml', line: 8, column: 5 });
});

test('strict_field_mapping_failure rejects a rule with an unmapped field', () => {
  const outcome = process(
    RULE,
    'name: p\nvars: {admins: root}\ntransformations:\n  - {type: value_placeholders}\n  - {type: field_name_mapping, mapping: {user: user.username}}\n  - {type: strict_field_mapping_failure}\n',
  );
  assert.equal(outcome.rule, undefined);
  assert.equal(outcome.issues[0]?.code, 'CW_SIGMA_PIPELINE_RULE_FAILURE');
  assert.match(outcome.issues[0]!.message, /"verb"/);
});

test('a placeholder without a var is CW_SIGMA_PIPELINE_UNKNOWN_PLACEHOLDER', () => {
  const outcome = process(RULE, 'name: p\ntransformations:\n  - type: value_placeholders\n');
  assert.equal(outcome.rule, undefined);
  assert.equal(outcome.issues[0]?.code, 'CW_SIGMA_PIPELINE_UNKNOWN_PLACEHOLDER');
  assert.match(outcome.issues[0]!.message, /%admins%/);
  assert.deepEqual(outcome.issues[0]?.location, { file: 'pipeline0.yml', line: 3, column: 5 });
});

test('a placeholder excluded from the transformation stays unresolved and the core rejects the rule', () => {
  const outcome = process(
    RULE,
    'name: p\ntransformations:\n  - type: value_placeholders\n    exclude: [admins]\n',
  );
  assert.ok(outcome.rule);
  assert.ok(outcome.issues.some((i) => i.code === 'CW_SIGMA_PLACEHOLDER'));
});

test('one-to-many mappings that explode a search are bounded (CW_SIGMA_PIPELINE_LIMIT)', () => {
  const fields = Array.from({ length: 11 }, (_, i) => `f${i}`);
  const rule = `title: t\nlogsource: {product: x}\ndetection:\n  sel:\n${fields.map((f) => `    ${f}: v`).join('\n')}\n  condition: sel\n`;
  const mapping = fields.map((f) => `      ${f}: [${f}a, ${f}b]`).join('\n');
  const outcome = process(
    rule,
    `name: p\ntransformations:\n  - type: field_name_mapping\n    mapping:\n${mapping}\n`,
  );
  assert.equal(outcome.rule, undefined);
  assert.equal(outcome.issues[0]?.code, 'CW_SIGMA_PIPELINE_LIMIT');
  assert.deepEqual(outcome.issues[0]?.location, { file: 'pipeline0.yml', line: 3, column: 5 });
});

test('dropping every item of a search warns that it now matches everything', () => {
  const outcome = process(
    'title: t\nlogsource: {product: x}\ndetection:\n  sel: {a: 1}\n  other: {b: 2}\n  condition: sel and other\n',
    'name: p\ntransformations:\n  - type: drop_detection_item\n    field_name_conditions:\n      - {type: include_fields, fields: [a]}\n',
  );
  assert.ok(outcome.rule);
  assert.equal(outcome.issues[0]?.code, 'CW_SIGMA_PIPELINE_IGNORED');
  assert.equal(outcome.matches({ b: 2 }), true);
});

test('hashes_fields without any hash of a valid algorithm rejects the rule at the item', () => {
  const outcome = process(
    "title: t\nlogsource: {product: windows}\ndetection:\n  sel:\n    Hashes: 'CRC32=1234'\n  condition: sel\n",
    'name: p\ntransformations:\n  - type: hashes_fields\n    valid_hash_algos: [MD5]\n    field_name_conditions:\n      - {type: include_fields, fields: [Hashes]}\n',
  );
  assert.equal(outcome.rule, undefined);
  assert.equal(outcome.issues[0]?.code, 'CW_SIGMA_PIPELINE_DETECTION_ITEM_FAILURE');
  assert.deepEqual(outcome.issues[0]?.location, { file: 'rule.yml', line: 5, column: 5 });
});
