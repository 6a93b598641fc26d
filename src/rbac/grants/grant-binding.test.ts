import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CronwardenError } from '../../errors.js';
import {
  buildGrantBinding,
  EXPIRES_AT,
  GRANT_LABEL,
  parseDuration,
  parseGrantRole,
} from './grant-binding.js';

const DURATIONS: ReadonlyArray<[string, number]> = [
  ['90m', 90 * 60_000],
  ['2h', 7_200_000],
  ['1h30m', 5_400_000],
  ['7d', 7 * 86_400_000],
  ['45s', 45_000],
];

for (const [text, ms] of DURATIONS) {
  test(`duration ${text} is ${ms} ms`, () => assert.equal(parseDuration(text), ms));
}

for (const text of ['', '2', 'h', '2 hours', '-1h', '0m', '31d']) {
  test(`duration "${text}" is CW_RBAC_BAD_DURATION located at --for`, () => {
    assert.throws(
      () => parseDuration(text),
      (error: unknown) =>
        error instanceof CronwardenError &&
        error.code === 'CW_RBAC_BAD_DURATION' &&
        error.location?.file === '--for',
    );
  });
}

test('ROLE spellings: bare name and clusterrole/ are ClusterRoles, role/ is a Role of the namespace', () => {
  assert.deepEqual(parseGrantRole('edit', 'ns'), { kind: 'ClusterRole', name: 'edit' });
  assert.deepEqual(parseGrantRole('clusterrole/edit', 'ns'), { kind: 'ClusterRole', name: 'edit' });
  assert.deepEqual(parseGrantRole('role/deployer', 'ns'), {
    kind: 'Role',
    name: 'deployer',
    namespace: 'ns',
  });
  assert.throws(() => parseGrantRole('secret/x', 'ns'), /not NAME/);
});

test('a grant RoleBinding carries its label, start and expiry', () => {
  const binding = buildGrantBinding({
    subject: { kind: 'User', name: 'Alice@Example.com' },
    role: { kind: 'ClusterRole', name: 'edit' },
    namespace: 'team-a',
    durationMs: 7_200_000,
    now: new Date('2026-11-25T08:00:00Z'),
    reason: 'INC-42',
  });
  assert.equal(binding.metadata.name, 'jit-alice-example.com-edit-202611251000');
  assert.equal(binding.metadata.labels[GRANT_LABEL], 'true');
  assert.equal(binding.metadata.annotations[EXPIRES_AT], '2026-11-25T10:00:00.000Z');
  assert.equal(
    binding.metadata.annotations['cronwarden.io/granted-at'],
    '2026-11-25T08:00:00.000Z',
  );
  assert.deepEqual(binding.roleRef, {
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: 'edit',
  });
  assert.deepEqual(binding.subjects, [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'Alice@Example.com' },
  ]);
});

test('a service-account grant names the account with its namespace', () => {
  const binding = buildGrantBinding({
    subject: { kind: 'ServiceAccount', name: 'ci', namespace: 'tools' },
    role: { kind: 'Role', name: 'deployer', namespace: 'team-a' },
    namespace: 'team-a',
    durationMs: 60_000,
    now: new Date('2026-11-25T08:00:00Z'),
  });
  assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'ci', namespace: 'tools' }]);
  assert.equal(binding.roleRef.kind, 'Role');
});
