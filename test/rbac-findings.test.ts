import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  analyzeRbac,
  rbacFindings,
  serviceAccountCanCreateWorkloads,
} from '../src/rbac/analyze.js';
import { loadRbacFixture } from './rbac-fixture.js';

const analysis = analyzeRbac(loadRbacFixture());
const NOW = new Date('2026-11-25T00:00:00Z');
const { findings, issues } = rbacFindings(analysis, { now: NOW });

function has(id: string, needle: string) {
  return findings.some((f) => f.rule.id === id && f.message.includes(needle));
}

const EXPECTED: ReadonlyArray<[string, string]> = [
  ['RBAC-001', 'ServiceAccount team-b/default can create CronJobs in namespace team-b'],
  ['RBAC-001', 'User kate can create CronJobs in namespace team-d'],
  ['RBAC-001', 'ServiceAccount team-a/deployer can create CronJobs in namespace batch-jobs'],
  ['RBAC-002', 'ClusterRole ops-all grants wildcard permissions'],
  ['RBAC-002', 'ClusterRole any-group-pods'],
  ['RBAC-003', 'User root-user holds ClusterRole/cluster-admin'],
  ['RBAC-003', 'Group ops holds ClusterRole/ops-all'],
  ['RBAC-004', 'Group system:unauthenticated in namespace public'],
  ['RBAC-005', 'ServiceAccount team-b/default in namespace team-b'],
  ['RBAC-006', 'references missing ClusterRole/old-role'],
  ['RBAC-007', 'User bob can become cluster-admin in 2 step(s)'],
  ['RBAC-007', 'User carol can become cluster-admin in 1 step(s)'],
  ['RBAC-007', 'User heidi can become cluster-admin'],
  ['RBAC-007', 'User ivan can become cluster-admin in 2 step(s)'],
  ['RBAC-007', 'User judy can become cluster-admin'],
  ['RBAC-008', 'User alice can reach create CronJobs in batch-jobs'],
  ['RBAC-008', 'User grace can reach create CronJobs in batch-jobs'],
  ['RBAC-008', 'User dave can reach create CronJobs in team-b'],
  ['RBAC-008', 'User mallory can reach create CronJobs in team-c'],
  ['RBAC-009', 'CronJob batch-jobs/report ranks #1'],
  ['RBAC-009', 'CronJob team-a/cleanup ranks #2'],
];

for (const [id, needle] of EXPECTED) {
  test(`fixture finding ${id}: ${needle}`, () => {
    assert.ok(has(id, needle), `missing ${id} "${needle}"`);
  });
}

const ABSENT: ReadonlyArray<[string, string, string]> = [
  ['erin', 'User erin', 'bind/escalate without the paired create/update is no escalation'],
  ['frank', 'frank', '"*/*" is not a wildcard'],
  ['star-slash-star', 'star-slash-star', 'a "*/*" role grants nothing, so it is no wildcard role'],
  ['bootstrap', 'system:masters', 'the bootstrap cluster-admin binding is the default'],
  ['public-info', 'system:public-info-viewer', 'the bootstrap public-info binding is the default'],
  ['authenticated', 'system:authenticated', 'viewing pods is not reported'],
  ['deleted-team', 'deleted-team', 'a namespace that does not exist is no escalation target'],
];

for (const [name, needle, why] of ABSENT) {
  test(`fixture: no finding mentions ${name} (${why})`, () => {
    const hits = findings.filter((f) => f.message.includes(needle));
    assert.deepEqual(
      hits.map((f) => `${f.rule.id} ${f.message}`),
      [],
    );
  });
}

test('RBAC-008 is not repeated for principals that reach cluster-admin (RBAC-007)', () => {
  const admins = new Set(
    findings.filter((f) => f.rule.id === 'RBAC-007').map((f) => f.matched[0]?.value),
  );
  for (const finding of findings.filter((f) => f.rule.id === 'RBAC-008')) {
    assert.ok(!admins.has(finding.matched[0]?.value), finding.message);
  }
});

test('every RBAC finding has the common shape: source rbac, origin with a line, scan time', () => {
  for (const finding of findings) {
    assert.equal(finding.rule.source, 'rbac');
    assert.equal(finding.time, NOW.toISOString());
    assert.ok(
      finding.origin && 'line' in finding.origin && finding.origin.line > 0,
      finding.message,
    );
  }
});

test('RBAC-009 shows each factor of the score', () => {
  const report = findings.find((f) => f.rule.id === 'RBAC-009' && f.message.includes('report'));
  assert.ok(report);
  assert.equal(report.level, 'high');
  assert.deepEqual(
    report.matched.map((m) => m.field),
    ['score', 'power', 'privilege', 'image', 'creator'],
  );
  assert.match(report.evidence?.join('\n') ?? '', /privileged container/);
  assert.match(report.evidence?.join('\n') ?? '', /busybox:latest is :latest/);
  assert.match(report.evidence?.join('\n') ?? '', /kubectl-create/);
});

test('audit creators override managedFields in the creator factor', () => {
  const withAudit = rbacFindings(analysis, {
    now: NOW,
    creators: new Map([['CronJob/team-a/cleanup', 'system:serviceaccount:ci:ci-admin']]),
  });
  const cleanup = withAudit.findings.find(
    (f) => f.rule.id === 'RBAC-009' && f.message.includes('cleanup'),
  );
  assert.match(cleanup?.evidence?.join('\n') ?? '', /created by service account/);
});

test('the fixture reads without issues', () => {
  assert.deepEqual(issues, []);
});

test('serviceAccountCanCreateWorkloads answers the posture question with evidence', () => {
  const nightly = serviceAccountCanCreateWorkloads(analysis, 'batch-jobs', 'nightly');
  assert.equal(nightly.allowed, true);
  assert.match(nightly.evidence[0] ?? '', /RoleBinding\/batch-jobs\/nightly-cron/);
  assert.equal(serviceAccountCanCreateWorkloads(analysis, 'team-a', 'default').allowed, false);
});
