/**
 * The assembled rule set: pipelines, filters, detection rules and correlations over a stream
 * of Kubernetes audit events (the CW-017 pattern: an RBAC grant followed by the grantee
 * creating a CronJob within 30 minutes).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRuleSet, type RuleSetEvent } from '../../src/sigma/ruleset.js';

const RULES = `
title: RBAC grant followed by CronJob creation by the grantee
id: 7d4c2a10-0000-4000-8000-000000000017
level: high
tags: [attack.persistence, attack.t1053.007]
correlation:
  type: temporal_ordered
  rules: [rbac_grant, cronjob_create]
  group-by: [principal]
  aliases:
    principal:
      rbac_grant: requestObject.subjects.name
      cronjob_create: user.username
  timespan: 30m
---
title: RoleBinding created
id: 7d4c2a10-0000-4000-8000-000000000001
name: rbac_grant
logsource: {product: kubernetes, service: audit}
detection:
  selection:
    verb: create
    resource: [rolebindings, clusterrolebindings]
  condition: selection
---
title: CronJob created
id: 7d4c2a10-0000-4000-8000-000000000002
name: cronjob_create
logsource: {product: kubernetes, service: audit}
detection:
  selection:
    verb: create
    resource: cronjobs
  condition: selection
---
title: Secrets listed
id: 7d4c2a10-0000-4000-8000-000000000003
level: low
logsource: {product: kubernetes, service: audit}
detection:
  selection: {verb: list, resource: secrets}
  condition: selection
`;

const FILTER = `
title: Ignore the cronjob controller
logsource: {product: kubernetes, service: audit}
filter:
  rules: [cronjob_create]
  controller:
    username: 'system:serviceaccount:kube-system:cronjob-controller'
  condition: not controller
`;

const PIPELINE = `
name: k8s audit field names
priority: 10
transformations:
  - id: audit_fields
    type: field_name_mapping
    mapping:
      resource: objectRef.resource
      username: user.username
    rule_conditions:
      - type: logsource
        product: kubernetes
`;

const K8S = { product: 'kubernetes', service: 'audit' } as const;
const T0 = Date.parse('2026-11-25T06:00:00Z');

function event(line: number, minutes: number, data: Record<string, unknown>): RuleSetEvent {
  return {
    data,
    logsource: K8S,
    timeMs: T0 + minutes * 60_000,
    origin: { file: 'audit.jsonl', line },
  };
}

const EVENTS: RuleSetEvent[] = [
  event(1, 0, {
    verb: 'create',
    objectRef: { resource: 'rolebindings' },
    user: { username: 'admin' },
    requestObject: { subjects: [{ kind: 'User', name: 'mallory' }] },
  }),
  event(2, 5, { verb: 'list', objectRef: { resource: 'secrets' }, user: { username: 'mallory' } }),
  event(3, 10, {
    verb: 'create',
    objectRef: { resource: 'cronjobs' },
    user: { username: 'system:serviceaccount:kube-system:cronjob-controller' },
  }),
  event(4, 20, {
    verb: 'create',
    objectRef: { resource: 'cronjobs' },
    user: { username: 'mallory' },
  }),
  event(5, 25, { verb: 'create', objectRef: { resource: 'cronjobs' }, user: { username: 'bob' } }),
];

test('pipelines, filters, rules and correlations run together over a stream', async () => {
  const { ruleSet, issues } = buildRuleSet({
    sources: [
      { file: 'rules.yml', text: RULES },
      { file: 'mf_controller.yml', text: FILTER },
    ],
    pipelines: [{ file: 'k8s.yml', text: PIPELINE }],
  });
  assert.deepEqual(issues, []);
  assert.deepEqual(ruleSet.summary, {
    rules: 3,
    compiled: 3,
    correlations: 1,
    filters: 1,
    filteredRules: 1,
    pipelines: ['k8s audit field names'],
  });
  const seen: string[] = [];
  for await (const { event: e, matches } of ruleSet.matchStream(EVENTS)) {
    for (const m of matches) {
      const finding = ruleSet.toFinding(m, e);
      seen.push(`${e?.origin?.line ?? 'end'} ${m.kind} ${finding.rule.title}`);
    }
  }
  // Referenced rules are quiet (generate: false); the controller is filtered out; bob never
  // received a grant; mallory's grant then CronJob fires the correlation.
  assert.deepEqual(seen, [
    '2 detection Secrets listed',
    '4 correlation RBAC grant followed by CronJob creation by the grantee',
  ]);
});

test('a correlation finding points at both raw records', () => {
  const { ruleSet } = buildRuleSet({
    sources: [{ file: 'rules.yml', text: RULES }],
    pipelines: [{ file: 'k8s.yml', text: PIPELINE }],
  });
  const results = EVENTS.flatMap((e) => ruleSet.matchEvent(e));
  const correlation = results.find((m) => m.kind === 'correlation');
  assert.ok(correlation);
  const finding = ruleSet.toFinding(correlation);
  assert.equal(finding.rule.source, 'correlation');
  assert.equal(finding.level, 'high');
  assert.deepEqual(finding.origin, { file: 'audit.jsonl', line: 4 });
  assert.deepEqual(finding.related, [{ file: 'audit.jsonl', line: 1 }]);
  assert.deepEqual(finding.matched, [{ field: 'principal', value: 'mallory' }]);
  assert.equal(finding.time, '2026-11-25T06:20:00.000Z');
});

test('generate: true also reports the referenced rules', () => {
  const { ruleSet } = buildRuleSet({
    sources: [
      { file: 'rules.yml', text: RULES.replace('level: high', 'level: high\ngenerate: true') },
    ],
    pipelines: [{ file: 'k8s.yml', text: PIPELINE }],
  });
  const kinds = EVENTS.flatMap((e) => ruleSet.matchEvent(e)).map((m) => m.kind);
  assert.equal(kinds.filter((k) => k === 'detection').length, 5);
});

test('without the pipeline the abstract field names never match, and nothing is hidden', () => {
  const { ruleSet, issues } = buildRuleSet({ sources: [{ file: 'rules.yml', text: RULES }] });
  assert.deepEqual(issues, []);
  assert.deepEqual(
    EVENTS.flatMap((e) => ruleSet.matchEvent(e)),
    [],
  );
});

test('load problems of every part come back as issues, and the good parts still load', () => {
  const { ruleSet, issues } = buildRuleSet({
    sources: [
      { file: 'rules.yml', text: RULES.replace('cronjob_create]', 'cronjob_created]') },
      { file: 'broken.yml', text: 'title: [\n' },
    ],
    pipelines: [{ file: 'bad.yml', text: 'name: p\ntransformations:\n  - type: nope\n' }],
  });
  const codes = issues.map((i) => i.code).sort();
  assert.deepEqual(codes, [
    'CW_SIGMA_CORRELATION_BAD_ALIAS',
    'CW_SIGMA_PIPELINE_UNKNOWN_TRANSFORMATION',
    'CW_SIGMA_YAML',
  ]);
  assert.equal(ruleSet.summary.compiled, 3);
});

test('a correlation referring to a rule that failed to compile says so', () => {
  const { issues } = buildRuleSet({
    sources: [
      {
        file: 'rules.yml',
        text: RULES.replace(
          'resource: cronjobs\n  condition',
          "resource|expand: '%jobs%'\n  condition",
        ),
      },
    ],
  });
  const reference = issues.find((i) => i.code === 'CW_SIGMA_CORRELATION_UNKNOWN_RULE');
  assert.match(reference?.message ?? '', /"cronjob_create", which was rejected/);
  assert.ok(issues.some((i) => i.code === 'CW_SIGMA_PLACEHOLDER'));
});

// The specification's complete example (§Example), with events.
const SPEC_EXAMPLE = `
title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
correlation:
  type: temporal_ordered
  rules: [multiple_failed_login, successful_login]
  group-by: [User]
  timespan: 10m
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [User]
  timespan: 10m
  condition: {gte: 10}
---
title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
logsource: {product: windows, service: security}
detection:
  selection: {EventID: [529, 4625]}
  condition: selection
---
title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
name: successful_login
logsource: {product: windows, service: security}
detection:
  selection: {EventID: [528, 4624]}
  condition: selection
`;

test('the spec example chain reports only the outermost correlation (generate: false)', () => {
  const { ruleSet, issues } = buildRuleSet({ sources: [{ file: 'spec.yml', text: SPEC_EXAMPLE }] });
  assert.deepEqual(issues, []);
  const security = { product: 'windows', service: 'security' };
  const events: RuleSetEvent[] = [
    ...Array.from({ length: 10 }, (_, i) => ({
      data: { EventID: 4625, User: 'bob' },
      logsource: security,
      timeMs: i * 1000,
    })),
    { data: { EventID: 4624, User: 'bob' }, logsource: security, timeMs: 30_000 },
  ];
  const reported = [...events.flatMap((e) => ruleSet.matchEvent(e)), ...ruleSet.flush()];
  assert.deepEqual(
    reported.map((m) => (m.kind === 'correlation' ? m.match.key : m.match.ruleId)),
    ['b180ead8-d58f-40b2-ae54-c8940995b9b6'],
  );
});

test('a boolean temporal correlation finding says which expression held', () => {
  const { ruleSet } = buildRuleSet({
    sources: [
      {
        file: 'r.yml',
        text: `title: grant without review
correlation:
  type: temporal
  rules: [rbac_grant, cronjob_create]
  group-by: [principal]
  aliases:
    principal:
      rbac_grant: requestObject.subjects.name
      cronjob_create: user.username
  timespan: 30m
  condition: rbac_grant and not cronjob_create
---
${RULES.split('---').slice(1).join('---')}`,
      },
    ],
    pipelines: [{ file: 'k8s.yml', text: PIPELINE }],
  });
  const trent = event(6, 26, {
    verb: 'create',
    objectRef: { resource: 'rolebindings' },
    user: { username: 'admin' },
    requestObject: { subjects: [{ kind: 'User', name: 'trent' }] },
  });
  const matches = [...[...EVENTS, trent].flatMap((e) => ruleSet.matchEvent(e)), ...ruleSet.flush()];
  const messages = matches.map((m) => ruleSet.toFinding(m).message);
  // mallory created a CronJob after her grant; trent's grant had none within 30 minutes.
  assert.deepEqual(messages, [
    'Secrets listed',
    'grant without review: "rbac_grant and not cronjob_create" held within 0s (timespan 30m) for principal="trent"',
  ]);
});
