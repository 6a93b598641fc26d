/**
 * The user-facing ClusterRoles every cluster has (`cluster-admin`, `admin`, `edit`, `view`),
 * as the API server's bootstrap policy defines them (`plugin/pkg/auth/authorizer/rbac/
 * bootstrappolicy/policy.go`): `admin`, `edit` and `view` are aggregated ClusterRoles fed by
 * `system:aggregate-to-{admin,edit,view}` (and by any user ClusterRole carrying the same
 * `rbac.authorization.k8s.io/aggregate-to-*` label). Manifests bind them far more often than
 * they define them, so they are added when the input lacks them; a live cluster's own copies
 * always win. Rules are the policy's, for the API groups RBAC decisions here depend on.
 * @module
 */
import type { LabelSelector, PolicyRule, RbacRole } from './model.js';

export const BOOTSTRAP_ORIGIN = { file: '<built-in: Kubernetes bootstrap policy>' };
const BOOTSTRAP = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

function rule(apiGroups: string[], resources: string[], verbs: string[]): PolicyRule {
  return { apiGroups, resources, verbs, resourceNames: [], nonResourceURLs: [] };
}

function selector(label: string): LabelSelector {
  return { matchLabels: { [label]: 'true' }, matchExpressions: [] };
}

function role(
  name: string,
  rules: PolicyRule[],
  labels: Record<string, string> = {},
  aggregate?: string[],
): RbacRole {
  return {
    kind: 'ClusterRole',
    name,
    labels: { ...BOOTSTRAP, ...labels },
    annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
    rules,
    ...(aggregate ? { aggregationSelectors: aggregate.map(selector) } : {}),
    origin: BOOTSTRAP_ORIGIN,
  };
}

const TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
const TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
const TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

/** The bootstrap ClusterRoles, keyed by name. */
export const BOOTSTRAP_CLUSTER_ROLES: readonly RbacRole[] = [
  role('cluster-admin', [
    rule(['*'], ['*'], ['*']),
    { apiGroups: [], resources: [], resourceNames: [], verbs: ['*'], nonResourceURLs: ['*'] },
  ]),
  role('admin', [], {}, [TO_ADMIN]),
  role('edit', [], { [TO_ADMIN]: 'true' }, [TO_EDIT]),
  role('view', [], { [TO_ADMIN]: 'true', [TO_EDIT]: 'true' }, [TO_VIEW]),
  role(
    'system:aggregate-to-admin',
    [
      rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
      rule(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], [...READ, ...WRITE]),
    ],
    { [TO_ADMIN]: 'true' },
  ),
  role(
    'system:aggregate-to-edit',
    [
      rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], WRITE),
      rule([''], ['pods/eviction'], ['create']),
      rule(
        [''],
        [
          'configmaps',
          'events',
          'persistentvolumeclaims',
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'secrets',
          'serviceaccounts',
          'services',
          'services/proxy',
        ],
        WRITE,
      ),
      rule([''], ['serviceaccounts/token'], ['create']),
      rule(
        ['apps'],
        [
          'daemonsets',
          'deployments',
          'deployments/rollback',
          'deployments/scale',
          'replicasets',
          'replicasets/scale',
          'statefulsets',
          'statefulsets/scale',
        ],
        WRITE,
      ),
      rule(['autoscaling'], ['horizontalpodautoscalers'], WRITE),
      rule(['batch'], ['cronjobs', 'jobs'], WRITE),
      rule(
        ['extensions'],
        [
          'daemonsets',
          'deployments',
          'deployments/rollback',
          'deployments/scale',
          'ingresses',
          'networkpolicies',
          'replicasets',
          'replicasets/scale',
          'replicationcontrollers/scale',
        ],
        WRITE,
      ),
      rule(['policy'], ['poddisruptionbudgets'], WRITE),
      rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE),
      rule(['coordination.k8s.io'], ['leases'], [...READ, ...WRITE]),
      rule(
        [''],
        ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'],
        READ,
      ),
      rule([''], ['serviceaccounts'], ['impersonate']),
    ],
    { [TO_EDIT]: 'true' },
  ),
  role(
    'system:aggregate-to-view',
    [
      rule(
        [''],
        [
          'configmaps',
          'endpoints',
          'persistentvolumeclaims',
          'persistentvolumeclaims/status',
          'pods',
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'serviceaccounts',
          'services',
          'services/status',
        ],
        READ,
      ),
      rule(
        [''],
        [
          'bindings',
          'events',
          'limitranges',
          'namespaces/status',
          'pods/log',
          'pods/status',
          'replicationcontrollers/status',
          'resourcequotas',
          'resourcequotas/status',
        ],
        READ,
      ),
      rule([''], ['namespaces'], READ),
      rule(['discovery.k8s.io'], ['endpointslices'], READ),
      rule(
        ['apps'],
        [
          'controllerrevisions',
          'daemonsets',
          'daemonsets/status',
          'deployments',
          'deployments/scale',
          'deployments/status',
          'replicasets',
          'replicasets/scale',
          'replicasets/status',
          'statefulsets',
          'statefulsets/scale',
          'statefulsets/status',
        ],
        READ,
      ),
      rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ),
      rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ),
      rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
      rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
    ],
    { [TO_VIEW]: 'true' },
  ),
];
