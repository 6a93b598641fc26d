import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const MAIN = new URL('../main.ts', import.meta.url).pathname;
const CLUSTER = new URL('../../../test/fixtures/rbac-cluster/', import.meta.url).pathname;
const HYGIENE = new URL('../../../test/fixtures/rbac-hygiene/', import.meta.url).pathname;
const directory = await mkdtemp(join(tmpdir(), 'cw-rbac-cli-'));
after(() => rm(directory, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8' });
}

test('rbac who-can create cronjobs -n team-d lists kate through the aggregated role, as JSON', () => {
  const run = cli(
    'rbac',
    'who-can',
    'create',
    'cronjobs',
    CLUSTER,
    '-n',
    'team-d',
    '--format',
    'json',
  );
  assert.equal(run.status, 0, run.stderr);
  const answer = JSON.parse(run.stdout);
  const subjects = answer.subjects.map((s: { subject: string }) => s.subject);
  assert.ok(subjects.includes('User kate'));
  assert.ok(!subjects.includes('User alice'));
  const kate = answer.subjects.find((s: { subject: string }) => s.subject === 'User kate');
  assert.equal(kate.evidence.ruleSource.name, 'jobs-admin-cron');
  assert.equal(kate.evidence.binding.name, 'kate-jobs-admin');
});

test('rbac paths bob prints the two steps with evidence and exits 0', () => {
  const run = cli('rbac', 'paths', 'bob', CLUSTER, '--target', 'cluster-admin');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /1\. User bob → ServiceAccount monitoring\/prometheus/);
  assert.match(
    run.stdout,
    /2\. ServiceAccount monitoring\/prometheus → ServiceAccount kube-system\/admin-sa/,
  );
  assert.match(run.stdout, /via RoleBinding\/monitoring\/bob-exec \[.*bindings\.yaml:15\]/);
});

test('rbac paths with a bad --target exits 2 with CW_RBAC_BAD_TARGET', () => {
  const run = cli('rbac', 'paths', 'bob', CLUSTER, '--target', 'admins');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--target: target "admins" .*\(CW_RBAC_BAD_TARGET\)/);
});

test('rbac can with a bad subject exits 2 with CW_RBAC_BAD_SUBJECT', () => {
  const run = cli('rbac', 'can', 'sa:only-namespace', CLUSTER);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /SUBJECT: subject "sa:only-namespace" .*\(CW_RBAC_BAD_SUBJECT\)/);
});

test('rbac who-can with a malformed resource exits 2 with CW_RBAC_BAD_REQUEST', () => {
  const run = cli('rbac', 'who-can', 'create', 'pods/exec/extra', CLUSTER);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /RESOURCE: .*\(CW_RBAC_BAD_REQUEST\)/);
});

test('rbac check with --audit reports RBAC and hygiene findings and fails on high', () => {
  const run = cli(
    'rbac',
    'check',
    CLUSTER,
    `${HYGIENE}grants.yaml`,
    '--audit',
    `${HYGIENE}audit.jsonl`,
    '--now',
    '2026-11-25T00:00:00Z',
    '--dormant-days',
    '30',
    '--format',
    'jsonl',
    '--fail-on',
    'critical',
  );
  assert.equal(run.status, 1, run.stderr);
  const ids = new Set(
    run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).rule.id),
  );
  for (const id of ['RBAC-001', 'RBAC-007', 'RBAC-009', 'HYG-001', 'HYG-006', 'HYG-007'])
    assert.ok(ids.has(id), id);
});

test('grant writes an expiring RoleBinding and expire removes it once past', () => {
  const file = join(directory, 'grant.yaml');
  const granted = cli(
    'grant',
    'alice',
    'edit',
    '-n',
    'team-a',
    '--for',
    '2h',
    '--out',
    file,
    '--now',
    '2026-11-25T08:00:00Z',
  );
  assert.equal(granted.status, 0, granted.stderr);
  assert.match(readFileSync(file, 'utf8'), /cronwarden.io\/expires-at: 2026-11-25T10:00:00.000Z/);
  const early = cli('expire', file, '--now', '2026-11-25T09:00:00Z');
  assert.match(early.stdout, /no expired grants/);
  assert.ok(existsSync(file));
  const dry = cli('expire', file, '--now', '2026-11-25T11:00:00Z', '--dry-run');
  assert.match(dry.stdout, /would remove RoleBinding team-a\/jit-alice-edit-202611251000/);
  assert.ok(existsSync(file));
  const late = cli('expire', file, '--now', '2026-11-25T11:00:00Z');
  assert.match(late.stdout, /removed RoleBinding team-a\/jit-alice-edit-202611251000/);
  assert.equal(existsSync(file), false);
});

test('grant with a bad --for exits 2 with CW_RBAC_BAD_DURATION', () => {
  const run = cli('grant', 'alice', 'edit', '-n', 'team-a', '--for', 'forever');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--for: duration "forever" .*\(CW_RBAC_BAD_DURATION\)/);
});

test('rbac suggest prints a least-privilege Role from the audit log', () => {
  const run = cli('rbac', 'suggest', 'alice', '--audit', `${HYGIENE}audit.jsonl`);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /kind: Role\n/);
  assert.match(run.stdout, /namespace: team-a/);
  assert.doesNotMatch(run.stdout, /secrets/);
});
