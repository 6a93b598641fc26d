import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FORMATS } from '../ingest/formats.js';
import { loadAllowlist } from './allowlist.js';
import { PACK_DIRECTORY } from './load-rules.js';
import { envelopeOf, runRuleTests } from './rule-tests.js';

const allowlist = loadAllowlist();
const MAIN = new URL('../cli/main.ts', import.meta.url).pathname;

function failures(report: ReturnType<typeof runRuleTests>): string[] {
  return report.rules.flatMap((rule) => [
    ...rule.problems.map((problem) => `${rule.ruleId}: ${problem}`),
    ...rule.cases.filter((c) => !c.passed).map((c) => `${rule.ruleId}: ${c.file}: ${c.reason}`),
  ]);
}

test('every Kubernetes pack rule passes its tp/fp cases in the raw, EKS, AKS and GKE envelopes', () => {
  const report = runRuleTests([join(PACK_DIRECTORY, 'k8s')], { allowlist });
  assert.deepEqual(failures(report), []);
  assert.deepEqual(report.issues, []);
  for (const rule of report.rules) {
    const envelopes = new Set(rule.cases.map((c) => c.envelope));
    assert.deepEqual([...envelopes].sort(), ['aks', 'eks', 'gke', 'raw'], rule.ruleId);
    for (const expected of ['tp', 'fp'] as const) {
      const raw = rule.cases.filter((c) => c.expected === expected && c.envelope === 'raw');
      assert.ok(raw.length >= 2, `${rule.ruleId} has ${raw.length} raw ${expected} cases`);
    }
  }
  assert.equal(report.passed, true);
});

test('the Azure rule and the analytics pass their cases', () => {
  const report = runRuleTests([join(PACK_DIRECTORY, 'azure'), join(PACK_DIRECTORY, 'analytics')], {
    allowlist,
  });
  assert.deepEqual(failures(report), []);
  assert.ok(report.rules.some((rule) => rule.kind === 'analytic'));
});

const hasEndpointFormats = FORMATS.some((format) => /sysmon/i.test(format.id));
test('the endpoint rules (CW-012, CW-013) pass their Sysmon and auditd cases', {
  skip: hasEndpointFormats
    ? undefined
    : 'endpoint decoders (Sysmon, auditd) are not in the ingest catalogue yet',
}, () => {
  const report = runRuleTests([join(PACK_DIRECTORY, 'endpoint')], { allowlist });
  assert.deepEqual(failures(report), []);
});

function scratchRule(
  tp: object,
  fp: object,
  detection = 'verb: create\n    objectRef.resource: cronjobs',
) {
  const dir = mkdtempSync(join(tmpdir(), 'cw-rules-'));
  writeFileSync(
    join(dir, 'r.yml'),
    `title: scratch\nid: 00000000-0000-4000-8000-000000000001\nlogsource:\n  product: kubernetes\n  service: audit\ndetection:\n  selection:\n    ${detection}\n  condition: selection\nlevel: low\n`,
  );
  for (const [kind, event] of [
    ['tp', tp],
    ['fp', fp],
  ] as const) {
    mkdirSync(join(dir, 'r.tests', kind), { recursive: true });
    writeFileSync(join(dir, 'r.tests', kind, 'a.json'), JSON.stringify(event));
  }
  return dir;
}

const create = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  verb: 'create',
  objectRef: { resource: 'cronjobs' },
};
const get = { ...create, verb: 'get' };

test('a tp case the rule misses and an fp case it hits both fail, with reasons', () => {
  const report = runRuleTests([scratchRule(get, create)], { allowlist });
  assert.equal(report.passed, false);
  const reasons = report.rules[0]?.cases.map((c) => [c.expected, c.passed, c.reason]);
  assert.deepEqual(reasons, [
    ['tp', false, 'rule did not fire'],
    ['fp', false, 'rule fired on 1 event(s)'],
  ]);
});

test('an undecodable case is CW_RULES_TEST_EVENT at its file', () => {
  const dir = scratchRule(create, get);
  const bad = join(dir, 'r.tests', 'fp', 'bad.json');
  writeFileSync(bad, 'this is not a log\n');
  const report = runRuleTests([dir], { allowlist });
  const issue = report.issues.find((i) => i.code === 'CW_RULES_TEST_EVENT');
  assert.deepEqual(issue?.location, { file: bad });
  assert.equal(report.passed, false);
});

test('a pack rule with fewer than two tp and fp cases fails the minimum', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-rules-'));
  writeFileSync(
    join(dir, 'p.yml'),
    'title: p\nid: 00000000-0000-4000-8000-000000000002\ndescription: d\ntags: [attack.persistence, attack.t1053.007]\nlogsource: {product: kubernetes, service: audit}\ndetection:\n  s: {verb: create}\n  condition: s\nfalsepositives: [none]\nlevel: low\ncw_id: CW-099\n',
  );
  const report = runRuleTests([dir], { allowlist });
  assert.deepEqual(report.rules[0]?.problems, [
    'needs at least 2 raw tp cases, has 0',
    'needs at least 2 raw fp cases, has 0',
  ]);
});

test('envelopes are named by the second extension', () => {
  assert.equal(envelopeOf('/x/tp/create.eks.json'), 'eks');
  assert.equal(envelopeOf('/x/tp/create.json'), 'raw');
  assert.equal(envelopeOf('/x/tp/windows-kubectl.xml'), 'raw');
});

test('cronwarden rules test exits 0 on a passing folder and 1 on a failing one', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'rules', 'test', ...args], {
      encoding: 'utf8',
    });
  const passing = cli(scratchRule(create, get));
  assert.equal(passing.status, 0, passing.stderr);
  assert.match(passing.stdout, /1\/1 rules passed, 2 cases/);
  const failing = cli(scratchRule(get, create));
  assert.equal(failing.status, 1);
  assert.match(failing.stdout, /FAIL/);
});
