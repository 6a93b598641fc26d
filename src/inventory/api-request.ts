/**
 * JSON requests to the Kubernetes API server through a kubeconfig connection (TLS, client
 * certificates, bearer tokens and exec plugins come from `kubeconfig.ts`): one request, and a
 * `list` read page by page with `continue`. The live inventory reads and the grants write
 * through it.
 *
 * `@kubernetes/client-node` 2.x cannot be loaded on Node 20 (its `undici` 8 needs Node ≥ 22.19
 * for zstd), and cronwarden supports Node ≥ 20, so this uses `node:http(s)` directly.
 * @module
 */
import http from 'node:http';
import https from 'node:https';
import type { ClusterConnection } from './kubeconfig.js';
import { isRecord } from './to-object.js';

/** The API server answered with a status outside 2xx. */
export class ApiStatusError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiStatusError';
    this.status = status;
  }
}

export interface ApiRequest {
  /** Default `GET`. */
  readonly method?: 'GET' | 'POST' | 'DELETE';
  /** The API path (`/api/v1/pods`), appended to the server URL and its own path, if any. */
  readonly path: string;
  /** Query parameters (`fieldSelector`, `labelSelector`, …). */
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Default `application/json`. */
  readonly accept?: string;
  /** Says who asks and why in the server's audit log: `cronwarden (grants)`. */
  readonly userAgent: string;
  /** Default 30 s. */
  readonly timeoutMs?: number;
}

/** The request URL: the server URL (with any path prefix a proxy needs), the path, the query. */
export function apiUrl(server: string, path: string, query: ApiRequest['query'] = {}): URL {
  const url = new URL(server.replace(/\/+$/, '') + path);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}

/**
 * Sends one request; resolves with the JSON object answered (`{}` for an empty answer).
 * Rejects with `ApiStatusError` (`HTTP 403: <the Status message>`) outside 2xx, or with an
 * `Error` on a timeout, a connection failure or an answer that is not a JSON object.
 */
export async function apiRequest(
  connection: ClusterConnection,
  request: ApiRequest,
): Promise<Record<string, unknown>> {
  const url = apiUrl(connection.server, request.path, request.query);
  const timeoutMs = request.timeoutMs ?? 30_000;
  const authorization = await connection.authorization();
  const payload =
    request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body), 'utf8');
  const options: https.RequestOptions = {
    method: request.method ?? 'GET',
    headers: {
      Accept: request.accept ?? 'application/json',
      'User-Agent': request.userAgent,
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
    const outgoing = transport.request(url, options, (response) => {
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
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    if (payload) outgoing.write(payload);
    outgoing.end();
  });
  if (text === '') return {};
  const parsed: unknown = JSON.parse(text);
  if (!isRecord(parsed)) throw new Error('the response is not a JSON object');
  return parsed;
}

/**
 * Every item of a `list`, page by page (`limit`, then `continue` until the server stops
 * giving one). A failed page rejects the iteration with `apiRequest`'s error.
 */
export async function* listItems(
  connection: ClusterConnection,
  request: Omit<ApiRequest, 'method' | 'body'>,
  pageSize = 500,
): AsyncGenerator<Record<string, unknown>> {
  let continueToken: string | undefined;
  do {
    const query = {
      ...request.query,
      limit: String(pageSize),
      ...(continueToken ? { continue: continueToken } : {}),
    };
    const page = await apiRequest(connection, { ...request, query });
    const items = Array.isArray(page.items) ? page.items : [];
    for (const item of items) if (isRecord(item)) yield item;
    const metadata = isRecord(page.metadata) ? page.metadata : {};
    continueToken =
      typeof metadata.continue === 'string' && metadata.continue !== ''
        ? metadata.continue
        : undefined;
  } while (continueToken);
}

/** The `message` of a Kubernetes `Status` body, when the error response carries one. */
function statusMessage(body: string): string {
  try {
    const status: unknown = JSON.parse(body);
    return isRecord(status) && typeof status.message === 'string' ? `: ${status.message}` : '';
  } catch {
    return ''; // not JSON: the status code alone says what happened
  }
}
