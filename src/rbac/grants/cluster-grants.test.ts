import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CronwardenError } from '../../errors.js';
import { applyGrant, expireClusterGrants } from './cluster-grants.js';
import { buildGrantBinding, EXPIRES_AT, GRANT_LABEL } from './grant-binding.js';

interface Call {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: string;
}

const calls: Call[] = [];
let server: Server;
let directory: string;
let kubeconfig: string;
let failCreate = false;

const NOW = new Date('2026-11-25T12:00:00Z');

function grantItem(namespace: string, name: string, expiresAt: string) {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: {
      name,
      namespace,
      labels: { [GRANT_LABEL]: 'true' },
      annotations: { [EXPIRES_AT]: expiresAt },
    },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
  };
}

before(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://x');
      calls.push({ method: request.method ?? '', path: url.pathname, query: url.search, body });
      response.setHeader('content-type', 'application/json');
      if (request.method === 'POST') {
        if (failCreate) {
          response.statusCode = 403;
          response.end(
            JSON.stringify({
              kind: 'Status',
              apiVersion: 'v1',
              status: 'Failure',
              reason: 'Forbidden',
              code: 403,
              message: 'rolebindings is forbidden',
            }),
          );
          return;
        }
        response.statusCode = 201;
        response.end(body);
        return;
      }
      if (
        request.method === 'GET' &&
        url.pathname === '/apis/rbac.authorization.k8s.io/v1/rolebindings'
      ) {
        response.end(
          JSON.stringify({
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'RoleBindingList',
            metadata: { resourceVersion: '1' },
            items: [
              grantItem('team-a', 'jit-old', '2026-11-25T10:00:00.000Z'),
              grantItem('team-b', 'jit-live', '2026-11-25T14:00:00.000Z'),
              grantItem('team-c', 'jit-bad', 'later'),
            ],
          }),
        );
        return;
      }
      if (request.method === 'DELETE') {
        response.end(
          JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Success', code: 200 }),
        );
        return;
      }
      response.statusCode = 404;
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  directory = await mkdtemp(join(tmpdir(), 'cw-grant-'));
  kubeconfig = join(directory, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters:
- name: test
  cluster: {server: "http://127.0.0.1:${port}"}
users:
- name: tester
  user: {token: test-token}
contexts:
- name: test
  context: {cluster: test, user: tester}
current-context: test
`,
  );
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(directory, { recursive: true, force: true });
});

test('grant --kubeconfig POSTs the RoleBinding to its namespace', async () => {
  calls.length = 0;
  const binding = buildGrantBinding({
    subject: { kind: 'User', name: 'alice' },
    role: { kind: 'ClusterRole', name: 'edit' },
    namespace: 'team-a',
    durationMs: 3_600_000,
    now: NOW,
  });
  const created = await applyGrant(binding, { kubeconfig });
  assert.equal(created, `team-a/${binding.metadata.name}`);
  assert.equal(calls.length, 1);
  assert.equal(calls[0]?.method, 'POST');
  assert.equal(calls[0]?.path, '/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings');
  const sent = JSON.parse(calls[0]?.body ?? '{}');
  assert.equal(sent.metadata.annotations[EXPIRES_AT], '2026-11-25T13:00:00.000Z');
});

test('a refused create is CW_RBAC_API_FAILED located at the cluster', async () => {
  failCreate = true;
  try {
    const binding = buildGrantBinding({
      subject: { kind: 'User', name: 'alice' },
      role: { kind: 'ClusterRole', name: 'edit' },
      namespace: 'team-a',
      durationMs: 60_000,
      now: NOW,
    });
    await assert.rejects(
      applyGrant(binding, { kubeconfig }),
      (error: unknown) =>
        error instanceof CronwardenError &&
        error.code === 'CW_RBAC_API_FAILED' &&
        error.location?.file === 'cluster:test' &&
        /HTTP 403/.test(error.message),
    );
  } finally {
    failCreate = false;
  }
});

test('expire --kubeconfig lists grants by label and deletes only the expired ones', async () => {
  calls.length = 0;
  const result = await expireClusterGrants({ kubeconfig }, NOW, false);
  assert.deepEqual(
    result.expired.map((e) => `${e.namespace}/${e.name}`),
    ['team-a/jit-old'],
  );
  assert.deepEqual(
    result.unreadable.map((e) => e.name),
    ['jit-bad'],
  );
  assert.equal(calls[0]?.method, 'GET');
  assert.match(
    decodeURIComponent(calls[0]?.query ?? ''),
    /labelSelector=cronwarden\.io\/grant=true/,
  );
  assert.deepEqual(
    calls.slice(1).map((c) => `${c.method} ${c.path}`),
    ['DELETE /apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings/jit-old'],
  );
});

test('expire --dry-run deletes nothing', async () => {
  calls.length = 0;
  const result = await expireClusterGrants({ kubeconfig }, NOW, true);
  assert.equal(result.expired.length, 1);
  assert.deepEqual(
    calls.map((c) => c.method),
    ['GET'],
  );
});
