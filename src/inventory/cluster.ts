/**
 * Reads a live cluster through a kubeconfig: read-only, paginated `list` calls for workloads,
 * namespaces, RBAC objects, service accounts and Secret *metadata* (never Secret data).
 * @module
 */
import type { Issue } from '../errors.js';
import { listItems } from './api-request.js';
import { POD_CONTROLLERS } from './kinds.js';
import { loadKubeconfig } from './kubeconfig.js';
import type { Inventory, K8sObject } from './object.js';
import { isSecret, redactSecret } from './secret.js';
import { toK8sObject } from './to-object.js';

/** One resource cronwarden lists, with the kind its items carry. */
export interface ListedResource {
  readonly path: string;
  readonly apiVersion: string;
  readonly kind: string;
  /** Ask for `PartialObjectMetadataList`: names, labels, annotations only. */
  readonly metadataOnly?: boolean;
  readonly fieldSelector?: string;
}

/** A resource served at `v1` of its group (`''`: the core group under `/api`). */
function v1Resource(apiGroup: string, resource: string, kind: string): ListedResource {
  return apiGroup === ''
    ? { path: `/api/v1/${resource}`, apiVersion: 'v1', kind }
    : { path: `/apis/${apiGroup}/v1/${resource}`, apiVersion: `${apiGroup}/v1`, kind };
}

const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';

/** What a scan reads. Secrets twice, metadata only: the type is only known through a selector. */
export const LISTED_RESOURCES: readonly ListedResource[] = [
  v1Resource('', 'namespaces', 'Namespace'),
  v1Resource('', 'serviceaccounts', 'ServiceAccount'),
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
  ...POD_CONTROLLERS.map(({ apiGroup, resource, kind }) => v1Resource(apiGroup, resource, kind)),
  v1Resource('rbac.authorization.k8s.io', 'roles', 'Role'),
  v1Resource('rbac.authorization.k8s.io', 'rolebindings', 'RoleBinding'),
  v1Resource('rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole'),
  v1Resource('rbac.authorization.k8s.io', 'clusterrolebindings', 'ClusterRoleBinding'),
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
      const items = listItems(
        connection,
        {
          path: resource.path,
          ...(resource.fieldSelector ? { query: { fieldSelector: resource.fieldSelector } } : {}),
          accept: resource.metadataOnly ? PARTIAL_METADATA_ACCEPT : 'application/json',
          userAgent: 'cronwarden (read-only inventory)',
          timeoutMs: options.timeoutMs ?? 30_000,
        },
        options.pageSize ?? 500,
      );
      for await (const item of items) {
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
