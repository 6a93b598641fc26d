import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateTemplateRules, renderRule } from '../../scripts/gen-template-rules.js';
import { SigmaEngine } from '../sigma/engine/sigma-engine.js';
import { loadAllowlist } from './allowlist.js';
import { loadRules, PACK_DIRECTORY } from './load-rules.js';

const allowlist = loadAllowlist();

test('the whole pack loads and compiles without one issue, with CW-001 … CW-016 ids', () => {
  const set = loadRules([PACK_DIRECTORY], allowlist);
  assert.deepEqual(set.issues, []);
  const { engine, issues } = SigmaEngine.fromRules(set.rules.map((loaded) => loaded.rule));
  assert.deepEqual(issues, []);
  assert.equal(engine.rules.length, set.rules.length);
  const ids = set.rules.map((loaded) => loaded.packId).filter((id) => id !== undefined);
  for (const id of [
    'CW-001',
    'CW-002',
    'CW-003',
    'CW-004',
    'CW-006',
    'CW-007',
    'CW-008',
    'CW-009',
  ]) {
    assert.ok(ids.includes(id), id);
  }
  for (const id of ['CW-010', 'CW-011', 'CW-012', 'CW-013', 'CW-015', 'CW-016']) {
    assert.ok(ids.includes(id), id);
  }
  // One id may have one implementation per log source (CW-001: Kubernetes audit and GCP audit).
  const keys = set.rules
    .filter((loaded) => loaded.packId !== undefined)
    .map(
      (loaded) =>
        `${loaded.packId} ${loaded.rule.logsource.product ?? loaded.rule.logsource.category}`,
    );
  assert.equal(new Set(keys).size, keys.length, 'pack ids are unique per log source');
});

test('the imported SigmaHQ rule is byte-identical to the corpus copy and keeps its author', () => {
  const text = readFileSync(
    join(PACK_DIRECTORY, 'imported', 'azure_kubernetes_cronjob.yml'),
    'utf8',
  );
  assert.match(text, /^author: Austin Songer @austinsonger$/m);
  assert.match(text, /^id: 1c71e254-6655-42c1-b2d6-5e4718d7fc0a$/m);
});

test('placeholders expand from the allow-list, and a user list replaces the default', () => {
  const [controllers] = loadRules(
    [join(PACK_DIRECTORY, 'k8s', 'cw-001-cronjob-job-written.yml')],
    allowlist,
  ).rules;
  const filter = controllers?.rule.detection.searches.find((s) => s.name === 'filter_controllers');
  assert.ok(filter?.body.kind === 'map');
  const item = filter.body.kind === 'map' ? filter.body.map.items[0] : undefined;
  assert.deepEqual(item?.modifiers, []);
  assert.ok((item?.values.length ?? 0) > 5);
  const mine = new Map(allowlist);
  mine.set('cw_controllers', ['only-me']);
  const [custom] = loadRules(
    [join(PACK_DIRECTORY, 'k8s', 'cw-001-cronjob-job-written.yml')],
    mine,
  ).rules;
  const customFilter = custom?.rule.detection.searches.find((s) => s.name === 'filter_controllers');
  const customItem = customFilter?.body.kind === 'map' ? customFilter.body.map.items[0] : undefined;
  assert.deepEqual(
    customItem?.values.map((v) => (v.kind === 'string' ? v.raw : v.kind)),
    ['only-me'],
  );
});

test('an unknown placeholder is CW_RULES_PLACEHOLDER at its detection item', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-ph-'));
  const file = join(dir, 'r.yml');
  writeFileSync(
    file,
    "title: r\nlogsource: {product: kubernetes}\ndetection:\n  sel:\n    user.username|expand: '%cw_nope%'\n  condition: sel\n",
  );
  const set = loadRules([file], allowlist);
  const issue = set.issues.find((i) => i.code === 'CW_RULES_PLACEHOLDER');
  assert.equal(issue?.location?.file, file);
  assert.equal(issue?.location?.line, 5);
});

test('a pack rule without the pack metadata is CW_RULES_METADATA at the rule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-meta-'));
  const file = join(dir, 'r.yml');
  writeFileSync(
    file,
    'title: r\nlogsource: {product: kubernetes}\ndetection:\n  s: {verb: get}\n  condition: s\ncw_id: CW-1\n',
  );
  const messages = loadRules([file], allowlist).issues.map((i) => [
    i.code,
    i.location?.line,
    i.message,
  ]);
  assert.ok(messages.length >= 5);
  assert.ok(messages.every(([code, line]) => code === 'CW_RULES_METADATA' && line === 1));
  assert.ok(
    messages.some(([, , message]) => String(message).includes('cw_id must look like CW-001')),
  );
});

test('the generated template rules are up to date with their generator', () => {
  for (const rule of generateTemplateRules()) {
    const committed = readFileSync(new URL(`../../${rule.file}`, import.meta.url), 'utf8');
    assert.equal(
      committed,
      renderRule(rule),
      `${rule.file} is stale: run npx tsx scripts/gen-template-rules.ts`,
    );
  }
});
