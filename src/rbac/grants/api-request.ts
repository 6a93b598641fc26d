/**
 * One JSON request to the API server through a kubeconfig connection (TLS, client
 * certificates, bearer tokens and exec plugins come from `inventory/kubeconfig.ts`).
 *
 * `@kubernetes/client-node` 2.x cannot be loaded on Node 20 (its `undici` 8 needs Node ≥ 22.19
 * for zstd), and cronwarden supports Node ≥ 20, so writes use `node:http(s)` directly, as the
 * inventory's reads do.
 * @module
 */
import http from 'node:http';
import https from 'node:https';
import type { ClusterConnection } from '../../inventory/kubeconfig.js';

export class ApiStatusError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiStatusError';
    this.status = status;
  }
}

function statusMessage(body: string): string {
  try {
    const status: unknown = JSON.parse(body);
    return typeof status === 'object' &&
      status !== null &&
      'message' in status &&
      typeof status.message === 'string'
      ? `: ${status.message}`
      : '';
  } catch {
    return ''; // not JSON: the status code alone says what happened
  }
}

/** Sends `method path` with an optional JSON body; resolves with the parsed JSON answer. */
export async function apiRequest(
  connection: ClusterConnection,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<unknown> {
  const url = new URL(
    path,
    connection.server.endsWith('/') ? connection.server : `${connection.server}/`,
  );
  const authorization = await connection.authorization();
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
  const options: https.RequestOptions = {
    method,
    headers: {
      Accept: 'application/json',
      'User-Agent': 'cronwarden (grants)',
      ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
      ...(authorization ? { Authorization: authorization } : {}),
    },
    timeout: timeoutMs,
    rejectUnauthorized: !connection.insecureSkipTlsVerify,
    ...(connection.ca ? { ca: connection.ca } : {}),
    ...(connection.cert ? { cert: connection.cert } : {}),
    ...(connection.key ? { key: connection.key } : {}),
    ...(connection.tlsServerName ? { servername: connection.tlsServerName } : {}),
  };
  const transport = url.protocol === 'http:' ? http : https;
  const text = await new Promise<string>((resolve, reject) => {
    const request = transport.request(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const answer = Buffer.concat(chunks).toString('utf8');
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(answer);
        else reject(new ApiStatusError(status, `HTTP ${status}${statusMessage(answer)}`));
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    if (payload) request.write(payload);
    request.end();
  });
  return text === '' ? {} : JSON.parse(text);
}
