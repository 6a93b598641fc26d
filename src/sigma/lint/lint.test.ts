import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentHandler, lintSources, registerDocumentHandler } from './lint.js';

const RULE = `title: a
id: 9d0bd3c4-0000-4000-8000-000000000001
name: rule_a
logsource: {product: kubernetes, service: audit}
detection:
  sel: {verb: create}
  condition: sel
`;
const CORRELATION = `title: burst
correlation:
  type: event_count
  rules: [rule_a]
  timespan: 1m
  condition: {gte: 5}
`;

test('a correlation document without a registered handler is unchecked, with a located warning', () => {
  assert.equal(documentHandler('correlation'), undefined);
  const report = lintSources([{ file: 'c.yml', text: `${RULE}---\n${CORRELATION}` }]);
  assert.equal(report.counts.ok, 1);
  assert.equal(report.counts.unchecked, 1);
  const entry = report.entries.find((e) => e.kind === 'correlation')!;
  assert.equal(entry.issues[0]!.code, 'CW_SIGMA_DOCUMENT_KIND');
  assert.deepEqual(entry.issues[0]!.location, { file: 'c.yml', line: 9, column: 1 });
});

test('a registered handler checks its kind and sees the rules of the run', () => {
  registerDocumentHandler({
    kind: 'correlation',
    check: (document, context) => {
      const rules =
        (document.kind === 'correlation'
          ? (document.data.correlation as { rules: string[] }).rules
          : []) ?? [];
      return rules
        .filter((name) => !context.rules.some((rule) => rule.name === name || rule.id === name))
        .map(
          (name) =>
            ({
              code: 'CW_SIGMA_SCHEMA',
              severity: 'error',
              message: `unknown rule ${name}`,
              location: document.kind === 'rule' ? document.rule.location : document.location,
            }) as const,
        );
    },
  });
  const good = lintSources([{ file: 'c.yml', text: `${RULE}---\n${CORRELATION}` }]);
  assert.equal(good.counts.ok, 2);
  const bad = lintSources([
    { file: 'c.yml', text: `${RULE}---\n${CORRELATION.replace('[rule_a]', '[rule_b]')}` },
  ]);
  assert.equal(bad.counts.error, 1);
  assert.deepEqual(bad.reasons, { CW_SIGMA_SCHEMA: 1 });
});

test('duplicate rule ids are a located warning', () => {
  const report = lintSources([
    { file: 'a.yml', text: RULE },
    { file: 'b.yml', text: RULE },
  ]);
  assert.equal(report.counts.ok, 2);
  const warning = report.warnings.find((w) => w.code === 'CW_SIGMA_DUPLICATE_ID')!;
  assert.match(
    warning.message,
    /id 9d0bd3c4-0000-4000-8000-000000000001 is already used in a\.yml/,
  );
  assert.deepEqual(warning.location, { file: 'b.yml', line: 1, column: 1 });
});

test('YAML files that are not Sigma documents are counted as not-sigma, not failures', () => {
  const report = lintSources([{ file: 'info.yml', text: 'id: x\nrule_metadata:\n  - id: y\n' }]);
  assert.equal(report.counts['not-sigma'], 1);
  assert.equal(report.counts.error, 0);
});
