/**
 * Grants through the Kubernetes API: create a grant RoleBinding, and list grant RoleBindings
 * (label `cronwarden.io/grant=true`) to delete the expired ones. API failures become
 * `CW_RBAC_API_FAILED` located at `cluster:<context>`.
 * @module
 */
import { CronwardenError } from '../../errors.js';
import { apiRequest, listItems } from '../../inventory/api-request.js';
import { loadKubeconfig } from '../../inventory/kubeconfig.js';
import { EXPIRES_AT, GRANT_LABEL, type RoleBindingManifest } from './grant-binding.js';

export interface KubeconfigChoice {
  /** Path of the kubeconfig; default loading rules (KUBECONFIG, ~/.kube/config) otherwise. */
  readonly kubeconfig?: string;
  readonly context?: string;
}

const RBAC_PATH = '/apis/rbac.authorization.k8s.io/v1';
const USER_AGENT = 'cronwarden (grants)';

function connect(choice: KubeconfigChoice) {
  return loadKubeconfig({
    ...(choice.kubeconfig ? { kubeconfig: choice.kubeconfig } : {}),
    ...(choice.context ? { context: choice.context } : {}),
  });
}

function apiError(context: string, what: string, error: unknown): CronwardenError {
  return new CronwardenError('CW_RBAC_API_FAILED', `${what} failed: ${(error as Error).message}`, {
    location: { file: `cluster:${context}` },
    cause: error,
  });
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Creates the grant RoleBinding; returns `namespace/name` of the created object. */
export async function applyGrant(
  binding: RoleBindingManifest,
  choice: KubeconfigChoice,
): Promise<string> {
  const connection = connect(choice);
  const { namespace, name } = binding.metadata;
  try {
    const created = await apiRequest(connection, {
      method: 'POST',
      path: `${RBAC_PATH}/namespaces/${encodeURIComponent(namespace)}/rolebindings`,
      body: binding,
      userAgent: USER_AGENT,
    });
    const metadata = record(created.metadata);
    return `${String(metadata.namespace ?? namespace)}/${String(metadata.name ?? name)}`;
  } catch (error) {
    throw apiError(connection.context, `create RoleBinding ${namespace}/${name}`, error);
  }
}

export interface GrantInCluster {
  readonly namespace: string;
  readonly name: string;
  readonly expiresAt: string;
}

/** Lists grant RoleBindings (every page) and deletes, unless `dryRun`, those past expiry. */
export async function expireClusterGrants(
  choice: KubeconfigChoice,
  now: Date,
  dryRun: boolean,
): Promise<{ expired: GrantInCluster[]; unreadable: GrantInCluster[] }> {
  const connection = connect(choice);
  const items: Record<string, unknown>[] = [];
  try {
    const grants = listItems(connection, {
      path: `${RBAC_PATH}/rolebindings`,
      query: { labelSelector: `${GRANT_LABEL}=true` },
      userAgent: USER_AGENT,
    });
    for await (const item of grants) items.push(item);
  } catch (error) {
    throw apiError(connection.context, 'list grant RoleBindings', error);
  }
  const expired: GrantInCluster[] = [];
  const unreadable: GrantInCluster[] = [];
  for (const item of items) {
    const metadata = record(item.metadata);
    const namespace = String(metadata.namespace ?? '');
    const name = String(metadata.name ?? '');
    const expiresAt = record(metadata.annotations)[EXPIRES_AT];
    if (typeof expiresAt !== 'string') continue;
    const endMs = Date.parse(expiresAt);
    if (Number.isNaN(endMs)) {
      unreadable.push({ namespace, name, expiresAt });
      continue;
    }
    if (endMs > now.getTime()) continue;
    expired.push({ namespace, name, expiresAt });
    if (dryRun) continue;
    try {
      await apiRequest(connection, {
        method: 'DELETE',
        path: `${RBAC_PATH}/namespaces/${encodeURIComponent(namespace)}/rolebindings/${encodeURIComponent(name)}`,
        userAgent: USER_AGENT,
      });
    } catch (error) {
      throw apiError(connection.context, `delete RoleBinding ${namespace}/${name}`, error);
    }
  }
  return { expired, unreadable };
}
