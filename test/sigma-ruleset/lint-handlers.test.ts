/** `rules lint` checks correlation and filter documents once the handlers are registered. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintSources } from '../../src/sigma/lint/lint.js';
import { registerLintHandlers } from '../../src/sigma/ruleset.js';

const CHAIN = `title: grant then cronjob
id: 11111111-0000-4000-8000-000000000001
correlation:
  type: temporal_ordered
  rules: [rbac_grant, cronjob_create]
  group-by: [user]
  timespan: 30m
---
title: bad one
correlation:
  type: event_count
  rules: [rbac_grant]
  timespan: 5x
  condition: {gte: 2}
---
title: RoleBinding created
name: rbac_grant
logsource: {product: kubernetes, service: audit}
detection:
  sel: {verb: create, objectRef.resource: rolebindings}
  condition: sel
`;

const FILTER = `title: filter
logsource: {product: kubernetes, service: audit}
filter:
  rules: [rbac_grant, missing_rule]
  sel: {user.username: admin}
  condition: not sel
`;

test('lint reports correlation and filter problems per document with locations', () => {
  registerLintHandlers();
  const report = lintSources([
    { file: 'mr_chain.yml', text: CHAIN },
    { file: 'mf_x.yml', text: FILTER },
  ]);
  assert.deepEqual(report.counts, { ok: 2, error: 2, unchecked: 0, 'not-sigma': 0 });
  assert.deepEqual(report.reasons, {
    CW_SIGMA_CORRELATION_BAD_TIMESPAN: 1,
    CW_SIGMA_CORRELATION_UNKNOWN_RULE: 1,
  });
  const unknown = report.entries
    .flatMap((e) => e.issues)
    .find((i) => i.code === 'CW_SIGMA_CORRELATION_UNKNOWN_RULE');
  assert.deepEqual(unknown?.location, { file: 'mr_chain.yml', line: 5, column: 23 });
  const filterEntry = report.entries.find((e) => e.kind === 'filter');
  assert.equal(filterEntry?.outcome, 'ok');
  assert.equal(filterEntry?.issues[0]?.code, 'CW_SIGMA_FILTER_UNKNOWN_RULE');
  assert.deepEqual(filterEntry?.issues[0]?.location, { file: 'mf_x.yml', line: 4, column: 23 });
});
