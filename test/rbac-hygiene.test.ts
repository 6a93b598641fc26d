import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeRbac, rbacFindings } from '../src/rbac/analyze.js';
import { hygieneFindings } from '../src/rbac/hygiene/analyze.js';
import { auditFactFromEvent, isAuditIssue } from '../src/rbac/hygiene/audit-fact.js';
import { formatSuggestedRoles, suggestRoles } from '../src/rbac/hygiene/least-privilege.js';
import { readAuditFacts } from '../src/rbac/hygiene/read-audit.js';
import { creatorsFromAudit } from '../src/rbac/hygiene/workload-writes.js';
import { userIdentity } from '../src/rbac/identity.js';
import { objectsFromYaml } from './k8s-yaml.js';
import { loadRbacFixture } from './rbac-fixture.js';

const DIR = new URL('./fixtures/rbac-hygiene/', import.meta.url).pathname;
const NOW = new Date('2026-11-25T00:00:00Z');
const objects = [
  ...loadRbacFixture(),
  ...objectsFromYaml(readFileSync(`${DIR}grants.yaml`, 'utf8'), 'rbac-hygiene/grants.yaml'),
];
const analysis = analyzeRbac(objects);
const audit = await readAuditFacts([`${DIR}audit.jsonl`]);
const { findings, issues } = hygieneFindings(analysis, {
  facts: audit.facts,
  now: NOW,
  dormantDays: 30,
});

const of = (id: string) => findings.filter((f) => f.rule.id === id);

test('the audit fixture reads through the ingest layer without issues', () => {
  assert.equal(audit.facts.length, 14);
  assert.deepEqual(audit.issues, []);
});

test('HYG-001: dormant principals that can create workloads rank first', () => {
  const subjects = of('HYG-001').map((f) => f.matched[0]?.value);
  assert.ok(!subjects.includes('User alice'), 'alice is active');
  assert.ok(!subjects.includes('ServiceAccount team-a/deployer'), 'deployer is active');
  assert.ok(!subjects.includes('ServiceAccount monitoring/prometheus'), 'impersonated = active');
  const creators = of('HYG-001').filter((f) => f.matched[2]?.value === true);
  const others = of('HYG-001').filter((f) => f.matched[2]?.value === false);
  assert.ok(creators.length > 0 && others.length > 0);
  assert.ok(of('HYG-001').indexOf(creators.at(-1)!) < of('HYG-001').indexOf(others[0]!));
  const grace = of('HYG-001').find((f) => f.matched[0]?.value === 'User grace');
  assert.equal(grace?.level, 'high');
  assert.match(grace?.message ?? '', /last 2026-10-05T09:00:00Z\) but can still create workloads/);
  const dave = of('HYG-001').find((f) => f.matched[0]?.value === 'User dave');
  assert.equal(dave?.level, 'low');
  // Never seen comes before seen long ago among workload creators.
  const kate = creators.findIndex((f) => f.matched[0]?.value === 'User kate');
  assert.ok(kate >= 0 && kate < creators.findIndex((f) => f.matched[0]?.value === 'User grace'));
});

test('HYG-001 drops to informational when the audit log is shorter than the window', () => {
  const short = hygieneFindings(analysis, { facts: audit.facts, now: NOW, dormantDays: 120 });
  const levels = new Set(short.findings.filter((f) => f.rule.id === 'HYG-001').map((f) => f.level));
  assert.deepEqual([...levels], ['informational']);
});

test('HYG-002: orphaned service-account subject and namespace', () => {
  const messages = of('HYG-002').map((f) => f.message);
  assert.equal(messages.length, 2);
  assert.match(messages.join('\n'), /ServiceAccount team-b\/ghost does not exist/);
  assert.match(messages.join('\n'), /namespace deleted-team does not exist/);
});

test('HYG-003 and HYG-004: the long-lived admin-sa token and its legacy use', () => {
  const [token] = of('HYG-003');
  assert.equal(token?.level, 'high');
  assert.match(token?.message ?? '', /kube-system\/admin-sa-token .* 1393 days old/);
  const legacy = of('HYG-004').map((f) => f.message);
  assert.ok(
    legacy.some((m) =>
      m.includes('system:serviceaccount:kube-system:admin-sa authenticated 1 time(s)'),
    ),
  );
  assert.ok(legacy.some((m) => m.includes('last used on 2026-11-20')));
});

test('HYG-005: one finding per credential id, writes listed', () => {
  const credentials = of('HYG-005');
  assert.deepEqual(credentials.map((f) => f.matched[0]?.value).sort(), [
    'JTI=0a9e-nightly',
    'JTI=6f1c1b2e-deployer',
  ]);
  const deployer = credentials.find((f) => f.matched[0]?.value === 'JTI=6f1c1b2e-deployer');
  assert.equal(deployer?.level, 'low');
  assert.match(deployer?.evidence?.join('\n') ?? '', /create CronJob batch-jobs\/sync/);
});

test('HYG-006 and HYG-007: the expired grant and what mike wrote during it', () => {
  assert.equal(of('HYG-006').length, 1);
  assert.match(
    of('HYG-006')[0]?.message ?? '',
    /jit-mike-cron-editor-202611011200 for User mike expired 2026-11-01T12:00:00Z/,
  );
  const writes = of('HYG-007');
  assert.deepEqual(
    writes.map((f) => [f.object?.name, f.level]),
    [
      ['backdoor', 'critical'],
      ['cleanup', 'critical'],
    ],
  );
  assert.deepEqual(writes[0]?.origin, { file: `${DIR}audit.jsonl`, line: 11 });
});

test('CW_RBAC_BAD_EXPIRY: an unreadable expiry is an issue at the binding', () => {
  assert.deepEqual(
    issues.map((i) => [i.code, i.location?.file, i.location?.line]),
    [['CW_RBAC_BAD_EXPIRY', 'rbac-hygiene/grants.yaml', 16]],
  );
});

test('CW_HYGIENE_BAD_AUDIT: an event without username is an issue at its location', () => {
  const result = auditFactFromEvent(
    { verb: 'get', stageTimestamp: '2026-01-01T00:00:00Z' },
    { file: 'a.log', line: 7 },
  );
  assert.ok(isAuditIssue(result));
  assert.equal(result.code, 'CW_HYGIENE_BAD_AUDIT');
  assert.deepEqual(result.location, { file: 'a.log', line: 7 });
  assert.match(result.message, /without user\.username/);
});

test('without audit, audit-based checks stay silent and inventory checks still run', () => {
  const plain = hygieneFindings(analysis, { now: NOW });
  const ids = new Set(plain.findings.map((f) => f.rule.id));
  assert.ok(!ids.has('HYG-001') && !ids.has('HYG-007') && !ids.has('HYG-005'));
  assert.ok(ids.has('HYG-002') && ids.has('HYG-003') && ids.has('HYG-006'));
});

test('audit creators feed the CronJob ranking', () => {
  const creators = creatorsFromAudit(audit.facts);
  assert.equal(creators.get('CronJob/team-a/backdoor'), 'mike');
  const ranked = rbacFindings(analysis, { now: NOW, creators }).findings.filter(
    (f) => f.rule.id === 'RBAC-009',
  );
  const report = ranked.find((f) => f.object?.name === 'report');
  assert.match(
    report?.evidence?.join('\n') ?? '',
    /created by service account system:serviceaccount:batch-jobs:nightly \(audit\)/,
  );
});

test("least privilege: a Role from alice's successful requests, names kept, denials left out", () => {
  const roles = suggestRoles(audit.facts, userIdentity('alice'));
  const yaml = formatSuggestedRoles(roles);
  assert.deepEqual(
    roles.map((r) => [r.kind, r.metadata.namespace ?? '']),
    [
      ['ClusterRole', ''],
      ['Role', 'team-a'],
    ],
  );
  assert.deepEqual(roles[0]?.rules, [{ nonResourceURLs: ['/version'], verbs: ['get'] }]);
  assert.deepEqual(roles[1]?.rules, [
    { apiGroups: [''], resources: ['pods'], verbs: ['create', 'get', 'list'] },
    { apiGroups: [''], resources: ['pods/log'], resourceNames: ['debug'], verbs: ['get'] },
  ]);
  assert.doesNotMatch(yaml, /secrets/);
  assert.match(yaml, /kind: Role\n/);
});
