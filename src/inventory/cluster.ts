/**
 * Reads a live cluster through a kubeconfig: read-only, paginated `list` calls for workloads,
 * namespaces, RBAC objects, service accounts and Secret *metadata* (never Secret data).
 * @module
 */
import http from 'node:http';
import https from 'node:https';
import type { Issue } from '../errors.js';
import { type ClusterConnection, loadKubeconfig } from './kubeconfig.js';
import type { Inventory, K8sObject } from './object.js';
import { isSecret, redactSecret } from './secret.js';
import { isRecord, toK8sObject } from './to-object.js';

/** One resource cronwarden lists, with the kind its items carry. */
export interface ListedResource {
  readonly path: string;
  readonly apiVersion: string;
  readonly kind: string;
  /** Ask for `PartialObjectMetadataList`: names, labels, annotations only. */
  readonly metadataOnly?: boolean;
  readonly fieldSelector?: string;
}

const RBAC_KINDS: Readonly<Record<string, string>> = {
  roles: 'Role',
  rolebindings: 'RoleBinding',
  clusterroles: 'ClusterRole',
  clusterrolebindings: 'ClusterRoleBinding',
};

const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';

/** What a scan reads. Secrets twice, metadata only: the type is only known through a selector. */
export const LISTED_RESOURCES: readonly ListedResource[] = [
  { path: '/api/v1/namespaces', apiVersion: 'v1', kind: 'Namespace' },
  { path: '/api/v1/pods', apiVersion: 'v1', kind: 'Pod' },
  { path: '/api/v1/replicationcontrollers', apiVersion: 'v1', kind: 'ReplicationController' },
  { path: '/api/v1/serviceaccounts', apiVersion: 'v1', kind: 'ServiceAccount' },
  {
    path: '/api/v1/secrets',
    apiVersion: 'v1',
    kind: 'Secret',
    metadataOnly: true,
    fieldSelector: `type=${SA_TOKEN_TYPE}`,
  },
  {
    path: '/api/v1/secrets',
    apiVersion: 'v1',
    kind: 'Secret',
    metadataOnly: true,
    fieldSelector: `type!=${SA_TOKEN_TYPE}`,
  },
  { path: '/apis/apps/v1/deployments', apiVersion: 'apps/v1', kind: 'Deployment' },
  { path: '/apis/apps/v1/replicasets', apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  { path: '/apis/apps/v1/statefulsets', apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { path: '/apis/apps/v1/daemonsets', apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { path: '/apis/batch/v1/jobs', apiVersion: 'batch/v1', kind: 'Job' },
  { path: '/apis/batch/v1/cronjobs', apiVersion: 'batch/v1', kind: 'CronJob' },
  ...['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].map((plural) => ({
    path: `/apis/rbac.authorization.k8s.io/v1/${plural}`,
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: RBAC_KINDS[plural] ?? plural,
  })),
];

const PARTIAL_METADATA_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

export interface ClusterOptions {
  /** Path of the kubeconfig; the default loading rules (KUBECONFIG, ~/.kube/config) otherwise. */
  readonly kubeconfig?: string;
  readonly context?: string;
  /** Items per page (`limit`); the API server pages with `continue`. */
  readonly pageSize?: number;
  readonly timeoutMs?: number;
  readonly resources?: readonly ListedResource[];
}

/**
 * Lists the cluster's objects. A failed list (403, timeout…) becomes an issue and the other
 * resources are still read.
 * @throws CronwardenError `CW_INV_KUBECONFIG` when the kubeconfig or context cannot be used.
 */
export async function loadCluster(options: ClusterOptions = {}): Promise<Inventory> {
  const connection = loadKubeconfig(options);
  const source = `cluster:${connection.context}`;
  const objects: K8sObject[] = [];
  const issues: Issue[] = [];
  for (const resource of options.resources ?? LISTED_RESOURCES) {
    try {
      for await (const item of listAll(connection, resource, options)) {
        const result = toK8sObject(itemBody(item, resource), {
          file: source,
          index: objects.length,
        });
        if (result.ok) objects.push(result.object);
      }
    } catch (error) {
      issues.push({
        code: 'CW_INV_CLUSTER_REQUEST',
        severity: 'error',
        message: `list ${resource.path}${resource.fieldSelector ? `?fieldSelector=${resource.fieldSelector}` : ''} failed: ${(error as Error).message}`,
        location: { file: source },
      });
    }
  }
  return { objects, issues };
}

/** A list item as a full object: kind and apiVersion restored, Secret values removed. */
function itemBody(
  item: Record<string, unknown>,
  resource: ListedResource,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...item,
    apiVersion: resource.apiVersion,
    kind: resource.kind,
  };
  if (!isSecret(body.apiVersion, body.kind)) return body;
  const redacted = redactSecret(body);
  if (resource.fieldSelector === `type=${SA_TOKEN_TYPE}`) redacted.type = SA_TOKEN_TYPE;
  return redacted;
}

async function* listAll(
  connection: ClusterConnection,
  resource: ListedResource,
  options: ClusterOptions,
): AsyncGenerator<Record<string, unknown>> {
  let continueToken: string | undefined;
  do {
    const url = new URL(connection.server + resource.path);
    url.searchParams.set('limit', String(options.pageSize ?? 500));
    if (resource.fieldSelector) url.searchParams.set('fieldSelector', resource.fieldSelector);
    if (continueToken) url.searchParams.set('continue', continueToken);
    const page = await getJson(
      connection,
      url,
      resource.metadataOnly === true,
      options.timeoutMs ?? 30_000,
    );
    const items = Array.isArray(page.items) ? page.items : [];
    for (const item of items) if (isRecord(item)) yield item;
    const metadata = isRecord(page.metadata) ? page.metadata : {};
    continueToken =
      typeof metadata.continue === 'string' && metadata.continue !== ''
        ? metadata.continue
        : undefined;
  } while (continueToken);
}

async function getJson(
  connection: ClusterConnection,
  url: URL,
  metadataOnly: boolean,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const authorization = await connection.authorization();
  const options: https.RequestOptions = {
    method: 'GET',
    headers: {
      Accept: metadataOnly ? PARTIAL_METADATA_ACCEPT : 'application/json',
      'User-Agent': 'cronwarden (read-only inventory)',
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
        const body = Buffer.concat(chunks).toString('utf8');
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(body);
        else reject(new Error(`HTTP ${status}${statusMessage(body)}`));
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  });
  const parsed: unknown = JSON.parse(text);
  if (!isRecord(parsed)) throw new Error('the response is not a JSON object');
  return parsed;
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
