/**
 * Grants through the Kubernetes API: create a grant RoleBinding, and list grant RoleBindings
 * (label `cronwarden.io/grant=true`) to delete the expired ones. API failures become
 * `CW_RBAC_API_FAILED` located at `cluster:<context>`.
 * @module
 */
import { CronwardenError } from '../../errors.js';
import { loadKubeconfig } from '../../inventory/kubeconfig.js';
import { apiRequest } from './api-request.js';
import { EXPIRES_AT, GRANT_LABEL, type RoleBindingManifest } from './grant-binding.js';

export interface KubeconfigChoice {
  /** Path of the kubeconfig; default loading rules (KUBECONFIG, ~/.kube/config) otherwise. */
  readonly kubeconfig?: string;
  readonly context?: string;
}

const RBAC_PATH = '/apis/rbac.authorization.k8s.io/v1';

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
    const created = record(
      await apiRequest(
        connection,
        'POST',
        `${RBAC_PATH}/namespaces/${encodeURIComponent(namespace)}/rolebindings`,
        binding,
      ),
    );
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
  let continueToken = '';
  try {
    do {
      const query = new URLSearchParams({ labelSelector: `${GRANT_LABEL}=true`, limit: '500' });
      if (continueToken) query.set('continue', continueToken);
      const page = record(
        await apiRequest(connection, 'GET', `${RBAC_PATH}/rolebindings?${query}`),
      );
      for (const item of Array.isArray(page.items) ? page.items : []) items.push(record(item));
      const token = record(page.metadata).continue;
      continueToken = typeof token === 'string' ? token : '';
    } while (continueToken);
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
      await apiRequest(
        connection,
        'DELETE',
        `${RBAC_PATH}/namespaces/${encodeURIComponent(namespace)}/rolebindings/${encodeURIComponent(name)}`,
      );
    } catch (error) {
      throw apiError(connection.context, `delete RoleBinding ${namespace}/${name}`, error);
    }
  }
  return { expired, unreadable };
}
