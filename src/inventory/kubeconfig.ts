/**
 * A kubeconfig reader for read-only API calls: the context's server, CA, TLS client
 * certificate, bearer token (inline, file or exec credential plugin) or basic auth.
 *
 * `@kubernetes/client-node` 2.x cannot be imported on Node 20 (its `undici` 8 dependency needs
 * Node ≥ 22.19 for zstd), and cronwarden supports Node ≥ 20, so the kubeconfig format
 * (https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/) is read here with `yaml`.
 * @module
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { CronwardenError } from '../errors.js';
import { isRecord } from './to-object.js';

/** What a request needs to reach and authenticate to the API server. */
export interface ClusterConnection {
  readonly context: string;
  readonly server: string;
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  readonly insecureSkipTlsVerify: boolean;
  readonly tlsServerName?: string;
  /** Builds the Authorization header (an exec plugin runs on first use). */
  readonly authorization: () => Promise<string | undefined>;
}

export interface KubeconfigOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  /** For tests: the environment (KUBECONFIG, HOME). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Resolves the connection of a kubeconfig context (the current context by default).
 * @throws CronwardenError `CW_INV_KUBECONFIG` for a missing/invalid file or unknown context.
 */
export function loadKubeconfig(options: KubeconfigOptions = {}): ClusterConnection {
  const env = options.env ?? process.env;
  const file =
    options.kubeconfig ??
    env.KUBECONFIG?.split(delimiter)[0] ??
    join(env.HOME ?? homedir(), '.kube', 'config');
  const fail = (message: string, cause?: unknown): never => {
    throw new CronwardenError('CW_INV_KUBECONFIG', message, { location: { file }, cause });
  };
  let config: unknown;
  try {
    config = parse(readFileSync(file, 'utf8'), { maxAliasCount: 100 });
  } catch (error) {
    return fail(`cannot load kubeconfig: ${(error as Error).message}`, error);
  }
  if (!isRecord(config)) return fail('the kubeconfig is not a mapping');
  const contexts = namedEntries(config.contexts, 'context');
  const contextName =
    options.context ??
    (typeof config['current-context'] === 'string' ? config['current-context'] : undefined);
  if (contextName === undefined) return fail('no --context given and no current-context set');
  const context = contexts.get(contextName);
  if (!context) {
    return fail(
      `context "${contextName}" not found (known: ${[...contexts.keys()].join(', ') || 'none'})`,
    );
  }
  const cluster = namedEntries(config.clusters, 'cluster').get(String(context.cluster));
  if (!cluster || typeof cluster.server !== 'string') {
    return fail(
      `context "${contextName}": cluster "${String(context.cluster)}" not found or without server`,
    );
  }
  const user = namedEntries(config.users, 'user').get(String(context.user)) ?? {};
  const base = dirname(file);
  const read = (
    dataKey: string,
    fileKey: string,
    from: Record<string, unknown>,
  ): Buffer | undefined => {
    const data = from[dataKey];
    if (typeof data === 'string') return Buffer.from(data, 'base64');
    const path = from[fileKey];
    if (typeof path !== 'string') return undefined;
    try {
      return readFileSync(isAbsolute(path) ? path : join(base, path));
    } catch (error) {
      return fail(`cannot read ${fileKey} ${path}: ${(error as Error).message}`, error);
    }
  };
  if (isRecord(user['auth-provider'])) {
    return fail(
      `user "${String(context.user)}": auth-provider plugins are not supported; use an exec credential plugin or a token`,
    );
  }
  const connection: {
    -readonly [K in keyof ClusterConnection]: ClusterConnection[K];
  } = {
    context: contextName,
    server: cluster.server.replace(/\/$/, ''),
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
    authorization: authorizer(user, base, env),
  };
  const ca = read('certificate-authority-data', 'certificate-authority', cluster);
  const cert = read('client-certificate-data', 'client-certificate', user);
  const key = read('client-key-data', 'client-key', user);
  if (ca) connection.ca = ca;
  if (cert) connection.cert = cert;
  if (key) connection.key = key;
  if (typeof cluster['tls-server-name'] === 'string')
    connection.tlsServerName = cluster['tls-server-name'];
  return connection;
}

function namedEntries(list: unknown, field: string): Map<string, Record<string, unknown>> {
  const entries = new Map<string, Record<string, unknown>>();
  if (!Array.isArray(list)) return entries;
  for (const entry of list) {
    if (isRecord(entry) && typeof entry.name === 'string' && isRecord(entry[field])) {
      entries.set(entry.name, entry[field]);
    }
  }
  return entries;
}

function authorizer(
  user: Record<string, unknown>,
  base: string,
  env: NodeJS.ProcessEnv,
): () => Promise<string | undefined> {
  if (typeof user.token === 'string') {
    const header = `Bearer ${user.token}`;
    return async () => header;
  }
  if (typeof user.tokenFile === 'string') {
    const path = isAbsolute(user.tokenFile) ? user.tokenFile : join(base, user.tokenFile);
    // Re-read on each use: projected token files rotate.
    return async () => `Bearer ${readFileSync(path, 'utf8').trim()}`;
  }
  if (typeof user.username === 'string' && typeof user.password === 'string') {
    const header = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
    return async () => header;
  }
  if (isRecord(user.exec)) {
    const exec = user.exec;
    let cached: Promise<string | undefined> | undefined;
    return () => {
      cached ??= runExecPlugin(exec, env);
      return cached;
    };
  }
  return async () => undefined;
}

const run = promisify(execFile);

/** Runs a client-go exec credential plugin and returns its bearer token. */
async function runExecPlugin(
  exec: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  if (typeof exec.command !== 'string') {
    throw new CronwardenError('CW_INV_KUBECONFIG', 'exec credential plugin without a command');
  }
  const args = Array.isArray(exec.args) ? exec.args.map(String) : [];
  const extraEnv: Record<string, string> = {};
  if (Array.isArray(exec.env)) {
    for (const entry of exec.env)
      if (isRecord(entry)) extraEnv[String(entry.name)] = String(entry.value);
  }
  const apiVersion =
    typeof exec.apiVersion === 'string' ? exec.apiVersion : 'client.authentication.k8s.io/v1';
  const { stdout } = await run(exec.command, args, {
    env: {
      ...env,
      ...extraEnv,
      KUBERNETES_EXEC_INFO: JSON.stringify({
        apiVersion,
        kind: 'ExecCredential',
        spec: { interactive: false },
      }),
    },
    timeout: 60_000,
  });
  const credential: unknown = JSON.parse(stdout);
  const status = isRecord(credential) && isRecord(credential.status) ? credential.status : {};
  return typeof status.token === 'string' ? `Bearer ${status.token}` : undefined;
}
