/**
 * `cronwarden scan --kubeconfig` end to end against a local HTTP server that replays recorded
 * API list responses (test/fixtures/cluster-api).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const FIXTURES = new URL('./fixtures/cluster-api/', import.meta.url);
const MAIN = new URL('../src/cli/main.ts', import.meta.url).pathname;
const ROUTES: Record<string, string> = {
  '/api/v1/namespaces': 'namespaces.json',
  '/apis/batch/v1/cronjobs': 'cronjobs-page2.json',
  '/api/v1/serviceaccounts': 'serviceaccounts.json',
  '/apis/rbac.authorization.k8s.io/v1/rolebindings': 'rolebindings.json',
};

let server: Server;
let directory: string;
let kubeconfig: string;
const methods: string[] = [];

before(async () => {
  server = createServer((request, response) => {
    methods.push(request.method ?? '');
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = ROUTES[path] ?? 'empty-pods.json';
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(readFileSync(new URL(file, FIXTURES)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  directory = await mkdtemp(join(tmpdir(), 'cw-scan-cluster-'));
  kubeconfig = join(directory, 'config');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\ncurrent-context: replay\nclusters:\n- name: c\n  cluster: {server: "http://127.0.0.1:${port}"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: replay\n  context: {cluster: c, user: u}\n`,
  );
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(directory, { recursive: true, force: true });
});

// The server lives in this process, so the CLI must run asynchronously (spawnSync would block it).
function cli(
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('scan --kubeconfig reports the live CronJobs with cluster origins and exit 1', async () => {
  const run = await cli(
    'scan',
    '--kubeconfig',
    kubeconfig,
    '--format',
    'json',
    '--fail-on',
    'high',
  );
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as {
    findings: Array<{
      rule: { id: string };
      object?: { name: string; namespace?: string };
      origin?: { file: string };
    }>;
  };
  const privileged = report.findings.find((f) => f.rule.id === 'PSS.privileged');
  assert.equal(privileged?.object?.name, 'cleanup');
  assert.equal(privileged?.origin?.file, 'cluster:replay');
  assert.ok(methods.length > 0 && methods.every((m) => m === 'GET'));
});

test('scan --context with an unknown context exits 2 with CW_INV_KUBECONFIG', async () => {
  const run = await cli('scan', '--kubeconfig', kubeconfig, '--context', 'prod');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /context "prod" not found .*\(CW_INV_KUBECONFIG\)/);
});
