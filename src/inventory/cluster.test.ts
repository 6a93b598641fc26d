import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CronwardenError } from '../errors.js';
import { loadCluster } from './cluster.js';

const FIXTURES = new URL('../../test/fixtures/cluster-api/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly accept: string | undefined;
  readonly authorization: string | undefined;
}

let server: Server;
let directory: string;
let kubeconfig: string;
const seen: Seen[] = [];
let ignoreMetadataOnly = false;

function answer(request: IncomingMessage): [number, string] {
  const url = new URL(request.url ?? '/', 'http://x');
  const selector = url.searchParams.get('fieldSelector');
  switch (url.pathname) {
    case '/api/v1/namespaces':
      return [200, fixture('namespaces.json')];
    case '/apis/batch/v1/cronjobs':
      return [
        200,
        fixture(url.searchParams.has('continue') ? 'cronjobs-page2.json' : 'cronjobs-page1.json'),
      ];
    case '/api/v1/serviceaccounts':
      return [200, fixture('serviceaccounts.json')];
    case '/api/v1/secrets':
      if (selector === 'type=kubernetes.io/service-account-token')
        return [200, fixture('secrets-sa-token.json')];
      return [200, fixture(ignoreMetadataOnly ? 'secrets-full.json' : 'secrets-other.json')];
    case '/apis/rbac.authorization.k8s.io/v1/rolebindings':
      return [200, fixture('rolebindings.json')];
    case '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings':
      return [403, fixture('clusterrolebindings-forbidden.json')];
    default:
      return [200, fixture('empty-pods.json')];
  }
}

before(async () => {
  server = createServer((request, response) => {
    seen.push({
      method: request.method ?? '',
      url: request.url ?? '',
      accept: request.headers.accept,
      authorization: request.headers.authorization,
    });
    const [status, body] = answer(request);
    response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  directory = await mkdtemp(join(tmpdir(), 'cw-kubeconfig-'));
  kubeconfig = join(directory, 'config');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters:
- name: replay
  cluster:
    server: http://127.0.0.1:${port}
    insecure-skip-tls-verify: true
users:
- name: scanner
  user:
    token: test-token-not-secret
contexts:
- name: replay
  context: {cluster: replay, user: scanner}
- name: other
  context: {cluster: replay, user: scanner}
current-context: other
`,
  );
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(directory, { recursive: true, force: true });
});

test('a live cluster is listed read-only, paged, and objects carry kind and the context', async () => {
  seen.length = 0;
  const inventory = await loadCluster({ kubeconfig, context: 'replay', pageSize: 1 });
  assert.ok(seen.length > 0);
  assert.ok(
    seen.every((s) => s.method === 'GET'),
    'only GET requests',
  );
  assert.ok(seen.every((s) => s.authorization === 'Bearer test-token-not-secret'));
  const cronJobs = inventory.objects.filter((o) => o.kind === 'CronJob');
  assert.deepEqual(
    cronJobs.map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
    ['batch/db-backup', 'kube-system/cleanup'],
  );
  assert.equal(cronJobs[0]?.apiVersion, 'batch/v1');
  assert.equal(cronJobs[0]?.origin.file, 'cluster:replay');
  assert.ok(
    seen.some((s) => s.url.includes('/apis/batch/v1/cronjobs') && s.url.includes('continue=')),
  );
  const batch = inventory.objects.find(
    (o) => o.kind === 'Namespace' && o.metadata.name === 'batch',
  );
  assert.equal(batch?.metadata.labels['pod-security.kubernetes.io/enforce'], 'baseline');
});

test('Secrets are requested as metadata only and service-account tokens keep their type', async () => {
  seen.length = 0;
  const inventory = await loadCluster({ kubeconfig, context: 'replay' });
  const secretCalls = seen.filter((s) => s.url.startsWith('/api/v1/secrets'));
  assert.equal(secretCalls.length, 2);
  assert.ok(
    secretCalls.every((s) => s.accept?.startsWith('application/json;as=PartialObjectMetadataList')),
  );
  const token = inventory.objects.find(
    (o) => o.kind === 'Secret' && o.metadata.name === 'backup-token',
  );
  assert.equal(token?.body.type, 'kubernetes.io/service-account-token');
  assert.equal(token?.metadata.annotations['kubernetes.io/service-account.name'], 'backup');
});

test('a server that ignores the metadata-only request still leaks no Secret value', async () => {
  ignoreMetadataOnly = true;
  try {
    const inventory = await loadCluster({ kubeconfig, context: 'replay' });
    const secret = inventory.objects.find((o) => o.metadata.name === 'db-credentials');
    assert.ok(secret);
    assert.equal(secret.body.data, undefined);
    assert.ok(!JSON.stringify(inventory).includes('c3VwZXJzZWNyZXQ='));
  } finally {
    ignoreMetadataOnly = false;
  }
});

test('a forbidden list becomes an issue and the other resources are still read', async () => {
  const inventory = await loadCluster({ kubeconfig, context: 'replay' });
  const forbidden = inventory.issues.filter((i) => i.code === 'CW_INV_CLUSTER_REQUEST');
  assert.equal(forbidden.length, 1);
  assert.match(forbidden[0]?.message ?? '', /clusterrolebindings.*HTTP 403.*cannot list resource/);
  assert.deepEqual(forbidden[0]?.location, { file: 'cluster:replay' });
  assert.ok(inventory.objects.some((o) => o.kind === 'RoleBinding'));
});

test('an unknown context is a CW_INV_KUBECONFIG error naming the known ones', async () => {
  await assert.rejects(loadCluster({ kubeconfig, context: 'nope' }), (error: unknown) => {
    assert.ok(error instanceof CronwardenError);
    assert.equal(error.code, 'CW_INV_KUBECONFIG');
    assert.equal(error.location?.file, kubeconfig);
    assert.match(error.message, /known: replay, other/);
    return true;
  });
});

test('a missing kubeconfig file is a CW_INV_KUBECONFIG error', async () => {
  await assert.rejects(loadCluster({ kubeconfig: join(directory, 'missing') }), {
    code: 'CW_INV_KUBECONFIG',
  });
});
