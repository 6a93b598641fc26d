import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { ApiStatusError, apiRequest, apiUrl, listItems } from './api-request.js';
import type { ClusterConnection } from './kubeconfig.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

const seen: Seen[] = [];
let server: Server;
let base: string;

/** Answers by path; `/prefix` stands for an API server behind a proxy path (Rancher, …). */
function answer(url: URL): [number, string] {
  switch (url.pathname) {
    case '/prefix/api/v1/namespaces': {
      const page = url.searchParams.get('continue') ?? '0';
      const next = page === '0' ? '1' : page === '1' ? '2' : '';
      return [200, JSON.stringify({ metadata: { continue: next }, items: [{ page }, 'junk'] })];
    }
    case '/prefix/empty':
      return [200, ''];
    case '/prefix/array':
      return [200, '[1]'];
    case '/prefix/forbidden':
      return [403, JSON.stringify({ kind: 'Status', message: 'rolebindings is forbidden' })];
    case '/prefix/broken':
      return [502, '<html>bad gateway</html>'];
    default:
      return [200, JSON.stringify({ kind: 'Status', status: 'Success' })];
  }
}

before(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://x');
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const [status, body] = answer(url);
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function connection(server: string): ClusterConnection {
  return {
    context: 'test',
    server,
    insecureSkipTlsVerify: false,
    authorization: async () => 'Bearer test-token-not-secret',
  };
}

test('apiUrl keeps the server path prefix and adds the query', () => {
  assert.equal(
    apiUrl('https://proxy.example/k8s/clusters/c-1/', '/api/v1/pods', { limit: '2' }).href,
    'https://proxy.example/k8s/clusters/c-1/api/v1/pods?limit=2',
  );
  assert.equal(apiUrl('https://10.0.0.1:6443', '/version').href, 'https://10.0.0.1:6443/version');
});

test('a POST sends its JSON body with the headers and resolves with the answer', async () => {
  seen.length = 0;
  const answerBody = await apiRequest(connection(`${base}/prefix/`), {
    method: 'POST',
    path: '/apis/rbac.authorization.k8s.io/v1/namespaces/a/rolebindings',
    body: { kind: 'RoleBinding' },
    userAgent: 'cronwarden (test)',
  });
  assert.deepEqual(answerBody, { kind: 'Status', status: 'Success' });
  const [request] = seen;
  assert.equal(request?.method, 'POST');
  assert.equal(request?.url, '/prefix/apis/rbac.authorization.k8s.io/v1/namespaces/a/rolebindings');
  assert.equal(request?.headers['content-type'], 'application/json');
  assert.equal(request?.headers['user-agent'], 'cronwarden (test)');
  assert.equal(request?.headers.authorization, 'Bearer test-token-not-secret');
  assert.equal(request?.headers.accept, 'application/json');
  assert.deepEqual(JSON.parse(request?.body ?? ''), { kind: 'RoleBinding' });
});

test('an empty answer is an empty object; a non-object answer is an error', async () => {
  const to = connection(`${base}/prefix`);
  assert.deepEqual(await apiRequest(to, { path: '/empty', userAgent: 't' }), {});
  await assert.rejects(apiRequest(to, { path: '/array', userAgent: 't' }), {
    message: 'the response is not a JSON object',
  });
});

test('a refusal is an ApiStatusError with the status and the Status message', async () => {
  const to = connection(`${base}/prefix`);
  await assert.rejects(apiRequest(to, { path: '/forbidden', userAgent: 't' }), (error) => {
    assert.ok(error instanceof ApiStatusError);
    assert.equal(error.status, 403);
    assert.equal(error.message, 'HTTP 403: rolebindings is forbidden');
    return true;
  });
  await assert.rejects(apiRequest(to, { path: '/broken', userAgent: 't' }), {
    name: 'ApiStatusError',
    message: 'HTTP 502',
  });
});

test('listItems follows continue tokens and yields only object items', async () => {
  seen.length = 0;
  const items: Record<string, unknown>[] = [];
  const list = listItems(
    connection(`${base}/prefix`),
    { path: '/api/v1/namespaces', query: { labelSelector: 'a=b' }, accept: 'x/y', userAgent: 't' },
    7,
  );
  for await (const item of list) items.push(item);
  assert.deepEqual(items, [{ page: '0' }, { page: '1' }, { page: '2' }]);
  assert.deepEqual(
    seen.map((request) => new URL(request.url, 'http://x').searchParams.toString()),
    [
      'labelSelector=a%3Db&limit=7',
      'labelSelector=a%3Db&limit=7&continue=1',
      'labelSelector=a%3Db&limit=7&continue=2',
    ],
  );
  assert.ok(seen.every((request) => request.headers.accept === 'x/y'));
});
