/**
 * A seeded generator of RBAC-heavy clusters for `bench/rbac.ts`: namespaces, service
 * accounts, workloads of every pod controller kind, and a mix of Roles, ClusterRoles and
 * bindings whose rules include the escalation-relevant ones (pods, cronjobs, secrets,
 * pods/exec, impersonate, bind, wildcards). Same seed, same cluster.
 */
import type { K8sObject } from '../src/inventory/object.js';
import { mulberry32 } from '../test/seeded-random.js';

const RULES = [
  {
    apiGroups: [''],
    resources: ['pods', 'services', 'configmaps'],
    verbs: ['get', 'list', 'watch'],
  },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: ['create', 'update', 'patch'] },
  { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'update'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
  { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['create'] },
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['create'] },
  {
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['clusterroles'],
    verbs: ['bind'],
    resourceNames: ['view'],
  },
  { apiGroups: ['*'], resources: ['*/*'], verbs: ['*'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['*'] },
] as const;

const CLUSTER_RULES = [
  ...RULES,
  { apiGroups: [''], resources: ['users'], verbs: ['impersonate'], resourceNames: ['auditor'] },
  { apiGroups: [''], resources: ['nodes', 'nodes/proxy'], verbs: ['get'] },
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
] as const;

const CONTROLLERS = [
  ['CronJob', 'batch/v1'],
  ['Job', 'batch/v1'],
  ['Deployment', 'apps/v1'],
  ['StatefulSet', 'apps/v1'],
  ['DaemonSet', 'apps/v1'],
  ['Pod', 'v1'],
] as const;

function object(body: Record<string, unknown>, index: number): K8sObject {
  const metadata = body.metadata as {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  return {
    apiVersion: String(body.apiVersion),
    kind: String(body.kind),
    metadata: {
      name: metadata.name,
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
      labels: metadata.labels ?? {},
      annotations: {},
    },
    body,
    origin: { file: 'generated.yaml', index },
  };
}

export function generateRbacCluster(options: {
  namespaces: number;
  workloads: number;
  rbacObjects: number;
  seed: number;
}): K8sObject[] {
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const bodies: Record<string, unknown>[] = [];
  const namespaces = Array.from({ length: options.namespaces }, (_, i) => `team-${i}`);
  for (const name of namespaces) {
    bodies.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    for (let i = 0; i < 8; i++) {
      bodies.push({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: `sa-${i}`, namespace: name },
      });
    }
  }
  for (let i = 0; i < options.workloads; i++) {
    const [kind, apiVersion] = pick(CONTROLLERS);
    const namespace = pick(namespaces);
    const spec = {
      serviceAccountName: `sa-${Math.floor(random() * 8)}`,
      containers: [
        { name: 'c', image: random() < 0.3 ? 'busybox:latest' : 'registry.example.com/app:1.2' },
      ],
    };
    const template = { spec };
    const body =
      kind === 'Pod'
        ? { spec }
        : kind === 'CronJob'
          ? { spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } }
          : { spec: { template } };
    bodies.push({
      apiVersion,
      kind,
      metadata: { name: `${kind.toLowerCase()}-${i}`, namespace },
      ...body,
    });
  }
  // 30% roles, 50% rolebindings, 10% clusterroles, 10% clusterrolebindings.
  const roles = Math.floor(options.rbacObjects * 0.3);
  const roleBindings = Math.floor(options.rbacObjects * 0.5);
  const clusterRoles = Math.floor(options.rbacObjects * 0.1);
  const clusterRoleBindings = options.rbacObjects - roles - roleBindings - clusterRoles;
  const roleNames: Array<[string, string]> = [];
  for (let i = 0; i < roles; i++) {
    const namespace = pick(namespaces);
    roleNames.push([namespace, `role-${i}`]);
    bodies.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: `role-${i}`, namespace },
      rules: [pick(RULES), pick(RULES)],
    });
  }
  for (let i = 0; i < clusterRoles; i++) {
    // Rarely grant the full wildcard: most clusters have a handful of admins.
    const rule =
      random() < 0.02 ? CLUSTER_RULES[CLUSTER_RULES.length - 1] : pick(CLUSTER_RULES.slice(0, -1));
    bodies.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: `clusterrole-${i}`,
        labels: random() < 0.1 ? { 'bench/aggregate': 'true' } : {},
      },
      rules: [rule],
    });
  }
  bodies.push({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'aggregated' },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'bench/aggregate': 'true' } }] },
  });
  const subject = (namespace: string) => {
    const roll = random();
    if (roll < 0.5) return { kind: 'User', name: `user-${Math.floor(random() * 1000)}` };
    if (roll < 0.6) return { kind: 'Group', name: `group-${Math.floor(random() * 50)}` };
    return { kind: 'ServiceAccount', name: `sa-${Math.floor(random() * 8)}`, namespace };
  };
  for (let i = 0; i < roleBindings; i++) {
    const useRole = random() < 0.6 && roleNames.length > 0;
    const [namespace, roleName] = useRole
      ? pick(roleNames)
      : [pick(namespaces), `clusterrole-${Math.floor(random() * clusterRoles)}`];
    bodies.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `rb-${i}`, namespace },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: useRole ? 'Role' : 'ClusterRole',
        name: roleName,
      },
      subjects: [subject(namespace), subject(namespace)],
    });
  }
  for (let i = 0; i < clusterRoleBindings; i++) {
    bodies.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `crb-${i}` },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: random() < 0.05 ? 'aggregated' : `clusterrole-${Math.floor(random() * clusterRoles)}`,
      },
      subjects: [subject(pick(namespaces))],
    });
  }
  return bodies.map(object);
}
