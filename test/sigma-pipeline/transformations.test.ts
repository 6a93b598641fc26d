/**
 * Pipeline conformance: one row per transformation and per condition kind — a rule, a
 * pipeline, events that must match and events that must not.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { process } from './helpers.js';

const K8S_RULE = `
title: Cron job by a human
id: 5b0d3a6e-1111-4aaa-8bbb-000000000001
tags: [attack.persistence, attack.t1053.007]
logsource: {product: kubernetes, service: audit}
detection:
  selection:
    resource: cronjobs
    verb: create
  filter:
    username|startswith: 'system:'
  condition: selection and not filter
`;

const pipeline = (items: string, extra = '') => `
name: test
priority: 10
${extra}
transformations:
${items}
`;

interface Row {
  readonly name: string;
  readonly rule?: string;
  readonly pipelines: readonly string[];
  readonly match: readonly Record<string, unknown>[];
  readonly noMatch: readonly Record<string, unknown>[];
}

const AUDIT = { objectRef: { resource: 'cronjobs' }, verb: 'create', user: { username: 'alice' } };
const CONTROLLER = {
  ...AUDIT,
  user: { username: 'system:serviceaccount:kube-system:cronjob-controller' },
};

const MAPPING = `
  - id: k8s_fields
    type: field_name_mapping
    mapping:
      resource: objectRef.resource
      username: user.username
`;

const ROWS: Row[] = [
  {
    name: 'field_name_mapping renames fields to nested audit paths',
    pipelines: [pipeline(MAPPING)],
    match: [AUDIT],
    noMatch: [CONTROLLER, { ...AUDIT, verb: 'delete' }, { resource: 'cronjobs', verb: 'create' }],
  },
  {
    name: 'field_name_mapping one-to-many: either target field matches (OR)',
    pipelines: [
      pipeline(`
  - type: field_name_mapping
    mapping:
      resource: [objectRef.resource, requestObject.kind]
      username: user.username
`),
    ],
    match: [
      AUDIT,
      { requestObject: { kind: 'cronjobs' }, verb: 'create', user: { username: 'bob' } },
    ],
    noMatch: [{ verb: 'create', user: { username: 'bob' } }],
  },
  {
    name: 'field_name_prefix_mapping rewrites a prefix',
    rule: `
title: t
logsource: {product: kubernetes}
detection:
  sel: {ref.resource: cronjobs}
  condition: sel
`,
    pipelines: [
      pipeline(`
  - type: field_name_prefix_mapping
    mapping:
      ref.: objectRef.
`),
    ],
    match: [AUDIT],
    noMatch: [{ ref: { resource: 'cronjobs' } }],
  },
  {
    name: 'field_name_prefix adds a prefix to every field',
    pipelines: [
      pipeline(`
  - type: field_name_mapping
    mapping: {resource: objectRef.resource, username: user.username}
  - type: field_name_prefix
    prefix: 'event.'
`),
    ],
    match: [{ event: AUDIT }],
    noMatch: [AUDIT],
  },
  {
    name: 'field_name_suffix adds a suffix, only to selected fields (include_fields)',
    pipelines: [
      pipeline(`
  - type: field_name_suffix
    suffix: '.keyword'
    field_name_conditions:
      - type: include_fields
        fields: [verb]
`),
    ],
    match: [{ resource: 'cronjobs', verb: { keyword: 'create' }, username: 'alice' }],
    noMatch: [{ resource: 'cronjobs', verb: 'create', username: 'alice' }],
  },
  {
    name: 'exclude_fields leaves the listed fields alone',
    pipelines: [
      pipeline(`
  - type: field_name_prefix
    prefix: 'x.'
    field_name_conditions:
      - type: exclude_fields
        fields: [verb, username]
`),
    ],
    match: [{ x: { resource: 'cronjobs' }, verb: 'create', username: 'a' }],
    noMatch: [{ resource: 'cronjobs', verb: 'create', username: 'a' }],
  },
  {
    name: 'add_condition ANDs a new selection',
    pipelines: [
      pipeline(`
  - type: add_condition
    conditions:
      cluster: prod
`),
    ],
    match: [{ resource: 'cronjobs', verb: 'create', username: 'a', cluster: 'prod' }],
    noMatch: [{ resource: 'cronjobs', verb: 'create', username: 'a', cluster: 'dev' }],
  },
  {
    name: 'add_condition negated with modifiers and a template from vars',
    pipelines: [
      pipeline(
        `
  - type: add_condition
    negated: true
    template: true
    conditions:
      namespace|startswith: '$ns'
`,
        'vars:\n  ns: kube-',
      ),
    ],
    match: [{ resource: 'cronjobs', verb: 'create', username: 'a', namespace: 'payments' }],
    noMatch: [{ resource: 'cronjobs', verb: 'create', username: 'a', namespace: 'kube-system' }],
  },
  {
    name: 'drop_detection_item removes the selected item',
    pipelines: [
      pipeline(`
  - type: drop_detection_item
    field_name_conditions:
      - type: include_fields
        fields: [verb]
`),
    ],
    match: [{ resource: 'cronjobs', verb: 'delete', username: 'a' }],
    noMatch: [{ resource: 'pods', verb: 'create', username: 'a' }],
  },
  {
    name: 'change_logsource re-routes the rule (checked in its own test)',
    pipelines: [pipeline('  - type: change_logsource\n    product: k8s\n    service: audit\n')],
    match: [{ resource: 'cronjobs', verb: 'create', username: 'a' }],
    noMatch: [],
  },
  {
    name: 'value_placeholders expands %name% from vars (OR of values)',
    rule: `
title: t
logsource: {product: kubernetes}
detection:
  sel:
    user.username|expand: '%admins%'
  condition: sel
`,
    pipelines: [pipeline('  - type: value_placeholders\n', 'vars:\n  admins: [alice, bob*]')],
    match: [{ user: { username: 'alice' } }, { user: { username: 'bobby' } }],
    noMatch: [{ user: { username: 'carol' } }],
  },
  {
    name: 'value_placeholders keeps text around the placeholder and a \\% literal',
    rule: `
title: t
logsource: {product: kubernetes}
detection:
  sel:
    path|expand: '/home/%user%/100\\%'
  condition: sel
`,
    pipelines: [pipeline('  - type: value_placeholders\n', 'vars:\n  user: alice')],
    match: [{ path: '/home/alice/100%' }],
    noMatch: [{ path: '/home/bob/100%' }],
  },
  {
    name: 'wildcard_placeholders turns a placeholder into *',
    rule: `
title: t
logsource: {product: kubernetes}
detection:
  sel:
    host|expand: '%servers%.corp'
  condition: sel
`,
    pipelines: [pipeline('  - type: wildcard_placeholders\n')],
    match: [{ host: 'db1.corp' }],
    noMatch: [{ host: 'db1.example' }],
  },
  {
    name: 'replace_string rewrites values with a regex (wildcards kept)',
    rule: `
title: t
logsource: {product: windows}
detection:
  sel:
    Image|endswith: '\\kubectl.exe'
  condition: sel
`,
    pipelines: [pipeline("  - type: replace_string\n    regex: '\\\\'\n    replacement: '/'\n")],
    match: [{ Image: '/usr/local/bin/kubectl.exe' }],
    noMatch: [{ Image: 'C:\\bin\\kubectl.exe' }],
  },
  {
    name: 'map_string maps a value to several values',
    pipelines: [
      pipeline(`
  - type: map_string
    mapping:
      create: [create, update]
`),
    ],
    match: [{ resource: 'cronjobs', verb: 'update', username: 'a' }],
    noMatch: [{ resource: 'cronjobs', verb: 'delete', username: 'a' }],
  },
  {
    name: 'set_value sets the value of selected items',
    pipelines: [
      pipeline(`
  - type: set_value
    value: patch
    field_name_conditions:
      - type: include_fields
        fields: [verb]
`),
    ],
    match: [{ resource: 'cronjobs', verb: 'patch', username: 'a' }],
    noMatch: [{ resource: 'cronjobs', verb: 'create', username: 'a' }],
  },
  {
    name: 'convert_type num makes string values numbers',
    rule: `
title: t
logsource: {product: kubernetes}
detection:
  sel: {responseStatus.code: '403'}
  condition: sel
`,
    pipelines: [pipeline('  - type: convert_type\n    target_type: num\n')],
    match: [{ responseStatus: { code: 403 } }],
    noMatch: [{ responseStatus: { code: 200 } }],
  },
  {
    name: 'case upper + regex plain make the match case-sensitive upper case',
    rule: `
title: t
logsource: {product: azure}
detection:
  sel: {operationName|endswith: '/cronjobs/write'}
  condition: sel
`,
    pipelines: [
      pipeline('  - type: case\n    method: upper\n  - type: regex\n    method: plain\n'),
    ],
    match: [{ operationName: 'X/CRONJOBS/WRITE' }],
    noMatch: [{ operationName: 'x/cronjobs/write' }],
  },
  {
    name: 'set_state + processing_state rule condition gate a later item',
    pipelines: [
      pipeline(`
  - type: set_state
    key: backend
    val: audit
  - type: field_name_mapping
    mapping: {resource: objectRef.resource, username: user.username}
    rule_conditions:
      - type: processing_state
        key: backend
        val: audit
`),
    ],
    match: [AUDIT],
    noMatch: [{ resource: 'cronjobs', verb: 'create', username: 'a' }],
  },
  {
    name: 'logsource rule condition: items apply only to matching rules',
    pipelines: [
      pipeline(`
  - type: field_name_mapping
    mapping: {resource: objectRef.resource, username: user.username}
    rule_conditions:
      - type: logsource
        product: windows
`),
    ],
    match: [{ resource: 'cronjobs', verb: 'create', username: 'a' }],
    noMatch: [AUDIT],
  },
  {
    name: 'rule_cond_not negates the rule conditions',
    pipelines: [
      pipeline(`
  - type: field_name_mapping
    mapping: {resource: objectRef.resource, username: user.username}
    rule_cond_not: true
    rule_conditions:
      - type: logsource
        product: windows
`),
    ],
    match: [AUDIT],
    noMatch: [],
  },
  {
    name: 'rule_cond_op or: one of the conditions suffices',
    pipelines: [
      pipeline(`
  - type: field_name_mapping
    mapping: {resource: objectRef.resource, username: user.username}
    rule_cond_op: or
    rule_conditions:
      - type: logsource
        product: windows
      - type: tag
        tag: attack.t1053.007
`),
    ],
    match: [AUDIT],
    noMatch: [],
  },
  {
    name: 'rule_cond_expr over named conditions',
    pipelines: [
      pipeline(`
  - type: field_name_mapping
    mapping: {resource: objectRef.resource, username: user.username}
    rule_cond_expr: k8s and not win and (tagged or attr)
    rule_conditions:
      k8s: {type: logsource, product: kubernetes}
      win: {type: logsource, product: windows}
      tagged: {type: tag, tag: attack.nothing}
      attr: {type: rule_attribute, attribute: title, value: Cron job by a human}
`),
    ],
    match: [AUDIT],
    noMatch: [],
  },
  {
    name: 'contains_detection_item and contains_field rule conditions',
    pipelines: [
      pipeline(`
  - type: field_name_mapping
    mapping: {resource: objectRef.resource, username: user.username}
    rule_conditions:
      - {type: contains_detection_item, field: resource, value: cronjobs}
      - {type: contains_field, field: username}
      - {type: is_sigma_rule}
`),
    ],
    match: [AUDIT],
    noMatch: [],
  },
  {
    name: 'is_sigma_correlation_rule is false for detection rules',
    pipelines: [
      pipeline(`
  - type: field_name_mapping
    mapping: {resource: objectRef.resource, username: user.username}
    rule_conditions:
      - {type: is_sigma_correlation_rule}
`),
    ],
    match: [{ resource: 'cronjobs', verb: 'create', username: 'a' }],
    noMatch: [AUDIT],
  },
  {
    name: 'processing_item_applied (rule, detection item and field name conditions)',
    pipelines: [
      pipeline(`
${MAPPING}
  - type: add_condition
    conditions: {stage: ResponseComplete}
    rule_conditions:
      - type: processing_item_applied
        processing_item_id: k8s_fields
  - type: field_name_prefix
    prefix: 'ev.'
    detection_item_conditions:
      - type: processing_item_applied
        processing_item_id: k8s_fields
    field_name_conditions:
      - type: processing_item_applied
        processing_item_id: k8s_fields
`),
    ],
    match: [{ ev: AUDIT, verb: 'create', stage: 'ResponseComplete' }],
    noMatch: [{ ev: AUDIT, verb: 'create' }],
  },
  {
    name: 'match_string / match_value / contains_wildcard / is_null detection item conditions',
    rule: `
title: t
logsource: {product: kubernetes}
detection:
  sel:
    a: create
    b: 'x*'
    c: null
    d: 42
  condition: sel
`,
    pipelines: [
      pipeline(`
  - type: field_name_prefix
    prefix: 's.'
    detection_item_conditions:
      - {type: match_string, pattern: '^cre', cond: any}
  - type: field_name_prefix
    prefix: 'w.'
    detection_item_conditions:
      - {type: contains_wildcard}
  - type: field_name_prefix
    prefix: 'n.'
    detection_item_conditions:
      - {type: is_null}
  - type: field_name_prefix
    prefix: 'v.'
    detection_item_conditions:
      - {type: match_value, value: 42}
`),
    ],
    // `c: null` became `n.c: null`: a present `c` no longer stops the match, a present `n.c` does.
    match: [{ s: { a: 'create' }, w: { b: 'xyz' }, v: { d: 42 }, c: 'present' }],
    noMatch: [
      { a: 'create', b: 'xyz', d: 42 },
      { s: { a: 'create' }, w: { b: 'xyz' }, v: { d: 42 }, n: { c: 'present' } },
    ],
  },
  {
    name: 'detection_item_cond_not and detection_item_cond_op or',
    rule: `
title: t
logsource: {product: kubernetes}
detection:
  sel: {a: one, b: two, c: three}
  condition: sel
`,
    pipelines: [
      pipeline(`
  - type: field_name_prefix
    prefix: 'p.'
    detection_item_cond_not: true
    detection_item_cond_op: or
    detection_item_conditions:
      - {type: match_value, value: one}
      - {type: match_value, value: two}
`),
    ],
    match: [{ a: 'one', b: 'two', p: { c: 'three' } }],
    noMatch: [{ a: 'one', b: 'two', c: 'three' }],
  },
  {
    name: 'nest applies its items under the nest conditions',
    pipelines: [
      pipeline(`
  - type: nest
    rule_conditions:
      - {type: logsource, product: kubernetes}
    items:
${MAPPING.replace(/^/gm, '    ')}
`),
    ],
    match: [AUDIT],
    noMatch: [{ resource: 'cronjobs', verb: 'create', username: 'a' }],
  },
  {
    name: 'pipelines run by priority: the mapping (10) before the prefix (20)',
    pipelines: [
      'name: later\npriority: 20\ntransformations:\n  - type: field_name_prefix\n    prefix: "e."\n',
      pipeline(MAPPING),
    ],
    match: [{ e: AUDIT }],
    noMatch: [AUDIT],
  },
  {
    name: 'hashes_fields splits Hashes values into per-algorithm fields (OR)',
    rule: `
title: t
logsource: {product: windows, category: process_creation}
detection:
  sel:
    Hashes|contains:
      - 'SHA1=5F1CBC3D99558307BC1250D084FA968521482025'
      - 'MD5=987B65CD9B9F4E9A1AFD8F8B48CF64A7'
      - 'b0b2c5b4d6a8d7c3a1e5f9e8d7c6b5a4'
  condition: sel
`,
    pipelines: [
      pipeline(`
  - type: hashes_fields
    valid_hash_algos: [MD5, SHA1, SHA256]
    field_prefix: File
    field_name_conditions:
      - {type: include_fields, fields: [Hashes]}
`),
    ],
    match: [
      { FileSHA1: '5f1cbc3d99558307bc1250d084fa968521482025' },
      { FileMD5: '987B65CD9B9F4E9A1AFD8F8B48CF64A7' },
      { FileMD5: 'B0B2C5B4D6A8D7C3A1E5F9E8D7C6B5A4' },
    ],
    noMatch: [{ Hashes: 'SHA1=5F1CBC3D99558307BC1250D084FA968521482025' }, { FileSHA256: 'x' }],
  },
  {
    name: 'add_field / remove_field / set_field / set_custom_attribute do not change matching',
    pipelines: [
      pipeline(`
  - {type: add_field, field: user.username}
  - {type: remove_field, field: user.username}
  - {type: set_field, fields: [verb]}
  - {type: set_custom_attribute, attribute: source, value: test}
${MAPPING}
`),
    ],
    match: [AUDIT],
    noMatch: [CONTROLLER],
  },
];

describe('pipeline transformation table', () => {
  for (const row of ROWS) {
    test(row.name, () => {
      const outcome = process(row.rule ?? K8S_RULE, ...row.pipelines);
      assert.ok(outcome.rule, JSON.stringify(outcome.issues));
      assert.deepEqual(
        outcome.issues.filter((i) => i.severity === 'error'),
        [],
      );
      for (const event of row.match)
        assert.equal(outcome.matches(event), true, `should match ${JSON.stringify(event)}`);
      for (const event of row.noMatch)
        assert.equal(outcome.matches(event), false, `should not match ${JSON.stringify(event)}`);
    });
  }
});

test('change_logsource replaces the routing logsource', () => {
  const outcome = process(
    K8S_RULE,
    pipeline('  - type: change_logsource\n    product: k8s\n    service: audit\n'),
  );
  assert.equal(outcome.rule?.logsource.product, 'k8s');
  assert.equal(outcome.rule?.logsource.service, 'audit');
});

test('set_field and set_custom_attribute land on the rule', () => {
  const outcome = process(
    K8S_RULE,
    pipeline(
      '  - {type: set_field, fields: [verb, user.username]}\n  - {type: set_custom_attribute, attribute: source, value: test}\n',
    ),
  );
  assert.deepEqual(outcome.rule?.fields, ['verb', 'user.username']);
  assert.equal(outcome.rule?.custom.source, 'test');
});
