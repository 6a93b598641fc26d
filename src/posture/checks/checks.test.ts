import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseManifest } from '../../inventory/manifest.js';
import { parseImageReference } from './job-image-unpinned.js';
import { runPostureChecks, serviceAccountIndex } from './registry.js';
import type { WorkloadCreateRights } from './workload-rights.js';

const TIME = '2026-11-25T00:00:00.000Z';

function cronJob(spec: string, extra = ''): string {
  return `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: ops}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
${spec
  .split('\n')
  .map((line) => `          ${line}`)
  .join('\n')}
${extra}`;
}

function run(text: string, rights?: WorkloadCreateRights) {
  const { objects, issues } = parseManifest(text, 'jobs.yaml');
  assert.deepEqual(issues, []);
  return runPostureChecks(
    objects,
    { serviceAccount: serviceAccountIndex(objects), ...(rights ? { workloadRights: rights } : {}) },
    TIME,
  );
}

const ids = (findings: ReturnType<typeof run>) =>
  findings.map((f) => `${f.rule.id}:${f.level}`).sort();

test('a bare CronJob is root by default, mounts a token and uses latest', () => {
  const findings = run(cronJob('containers:\n- {name: c, image: busybox}'));
  assert.deepEqual(ids(findings), ['CWP-001:medium', 'CWP-002:low', 'CWP-004:medium']);
  const root = findings.find((f) => f.rule.id === 'CWP-001');
  assert.deepEqual(root?.origin, { file: 'jobs.yaml', line: 1 });
  assert.deepEqual(root?.object, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    namespace: 'ops',
    name: 'nightly',
  });
  assert.match(
    root?.message ?? '',
    /^CronJob ops\/nightly: container "c" runs as the image's user/,
  );
});

test('a hardened CronJob has no extra findings', () => {
  const spec = `automountServiceAccountToken: false
securityContext: {runAsNonRoot: true, runAsUser: 10001}
containers:
- {name: c, image: "registry.example.com/ops/job:1.2@sha256:${'a'.repeat(64)}"}`;
  assert.deepEqual(run(cronJob(spec)), []);
});

test('runAsUser 0 is high; a non-zero runAsUser without runAsNonRoot is fine', () => {
  assert.deepEqual(
    ids(
      run(
        cronJob(
          'automountServiceAccountToken: false\nsecurityContext: {runAsUser: 0}\ncontainers:\n- {name: c, image: a@sha256:1}',
        ),
      ),
    ),
    ['CWP-001:high'],
  );
  assert.deepEqual(
    ids(
      run(
        cronJob(
          'automountServiceAccountToken: false\ncontainers:\n- {name: c, image: a@sha256:1, securityContext: {runAsUser: 1000}}',
        ),
      ),
    ),
    [],
  );
});

test('the ServiceAccount opt-out is honoured unless the pod opts back in', () => {
  const sa = `---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: runner, namespace: ops}\nautomountServiceAccountToken: false\n`;
  const base =
    'serviceAccountName: runner\nsecurityContext: {runAsNonRoot: true}\ncontainers:\n- {name: c, image: a@sha256:1}';
  assert.deepEqual(ids(run(cronJob(base, sa))), []);
  assert.deepEqual(ids(run(cronJob(`automountServiceAccountToken: true\n${base}`, sa))), [
    'CWP-002:low',
  ]);
});

test('an account that can create workloads is high, critical with a mounted token', () => {
  const asked: string[] = [];
  const rights: WorkloadCreateRights = (namespace, account) => {
    asked.push(`${namespace}/${account}`);
    return {
      canCreate: true,
      resources: ['cronjobs.batch'],
      evidence: ['RoleBinding ops/edit → ClusterRole edit → create cronjobs.batch'],
    };
  };
  const mounted = run(
    cronJob(
      'serviceAccountName: deployer\nsecurityContext: {runAsNonRoot: true}\ncontainers:\n- {name: c, image: a@sha256:1}',
    ),
    rights,
  );
  assert.deepEqual(ids(mounted), ['CWP-002:low', 'CWP-003:critical']);
  assert.deepEqual(asked, ['ops/deployer']);
  const unmounted = run(
    cronJob(
      'automountServiceAccountToken: false\nsecurityContext: {runAsNonRoot: true}\ncontainers:\n- {name: c, image: a@sha256:1}',
    ),
    rights,
  );
  assert.deepEqual(ids(unmounted), ['CWP-003:high']);
  assert.ok(unmounted[0]?.evidence?.some((line) => line.includes('ClusterRole edit')));
  assert.deepEqual(
    ids(
      run(
        cronJob(
          'automountServiceAccountToken: false\nsecurityContext: {runAsNonRoot: true}\ncontainers:\n- {name: c, image: a@sha256:1}',
        ),
        () => ({ canCreate: false, resources: [], evidence: [] }),
      ),
    ),
    [],
  );
});

test('a projected token volume counts as a mounted token', () => {
  const spec = `automountServiceAccountToken: false
securityContext: {runAsNonRoot: true}
volumes:
- name: api
  projected: {sources: [{serviceAccountToken: {path: token}}]}
containers:
- {name: c, image: a@sha256:1}`;
  assert.deepEqual(ids(run(cronJob(spec))), ['CWP-002:low']);
});

test('Deployments are not job checks', () => {
  const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: nginx}]\n`;
  assert.deepEqual(run(text), []);
});

test('image references: ports are not tags, digests pin', () => {
  assert.deepEqual(parseImageReference('busybox'), {});
  assert.deepEqual(parseImageReference('registry:5000/team/app'), {});
  assert.deepEqual(parseImageReference('registry:5000/team/app:1.2'), { tag: '1.2' });
  assert.deepEqual(parseImageReference('app:latest@sha256:abc'), {
    tag: 'latest',
    digest: 'sha256:abc',
  });
});
