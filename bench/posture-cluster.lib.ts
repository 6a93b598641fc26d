/**
 * A seeded generator of a realistic cluster for benchmarks: namespaces with and without Pod
 * Security labels, workloads of every pod controller kind with varied templates, service
 * accounts and RBAC objects. Same seed, same cluster.
 */
import { mulberry32 } from '../test/seeded-random.js';

export interface GeneratedCluster {
  /** Object bodies, as `kubectl get -o yaml` would print them. */
  readonly bodies: Record<string, unknown>[];
  readonly workloads: number;
  readonly rbacObjects: number;
}

const KINDS = [
  ['CronJob', 'batch/v1', 0.3],
  ['Job', 'batch/v1', 0.15],
  ['Deployment', 'apps/v1', 0.25],
  ['StatefulSet', 'apps/v1', 0.1],
  ['DaemonSet', 'apps/v1', 0.1],
  ['Pod', 'v1', 0.1],
] as const;

export function generateCluster(options: {
  workloads: number;
  rbacObjects: number;
  namespaces: number;
  seed: number;
}): GeneratedCluster {
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  const bodies: Record<string, unknown>[] = [];
  const namespaces = Array.from({ length: options.namespaces }, (_, i) => `team-${i}`);
  for (const name of namespaces) {
    const labels: Record<string, string> = { 'kubernetes.io/metadata.name': name };
    const mode = random();
    if (mode < 0.3) labels['pod-security.kubernetes.io/enforce'] = 'baseline';
    else if (mode < 0.45) labels['pod-security.kubernetes.io/enforce'] = 'restricted';
    else if (mode < 0.55) labels['pod-security.kubernetes.io/enforce'] = 'privileged';
    if (chance(0.3)) labels['pod-security.kubernetes.io/warn'] = 'restricted';
    if (chance(0.2))
      labels['pod-security.kubernetes.io/enforce-version'] = `v1.${25 + Math.floor(random() * 12)}`;
    bodies.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  }
  const accounts: Array<[string, string]> = [];
  for (const namespace of namespaces) {
    for (let i = 0; i < 8; i++) {
      const name = `sa-${i}`;
      accounts.push([namespace, name]);
      bodies.push({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name, namespace },
        ...(chance(0.4) ? { automountServiceAccountToken: false } : {}),
      });
    }
  }
  for (let i = 0; i < options.workloads; i++) {
    let roll = random();
    let chosen: (typeof KINDS)[number] = KINDS[0];
    for (const kind of KINDS) {
      if (roll < kind[2]) {
        chosen = kind;
        break;
      }
      roll -= kind[2];
    }
    const [kind, apiVersion] = chosen;
    const namespace = pick(namespaces);
    const spec = podSpec(random, chance, pick, namespace);
    const template = { metadata: { labels: { app: `app-${i}` } }, spec };
    const metadata = { name: `${kind.toLowerCase()}-${i}`, namespace, labels: { app: `app-${i}` } };
    let body: Record<string, unknown>;
    switch (kind) {
      case 'Pod':
        body = { apiVersion, kind, metadata, spec };
        break;
      case 'CronJob':
        body = {
          apiVersion,
          kind,
          metadata,
          spec: { schedule: `${i % 60} * * * *`, jobTemplate: { spec: { template } } },
        };
        break;
      default:
        body = {
          apiVersion,
          kind,
          metadata,
          spec: { selector: { matchLabels: { app: `app-${i}` } }, template },
        };
    }
    bodies.push(body);
  }
  const verbsPool = [
    ['get', 'list', 'watch'],
    ['create'],
    ['create', 'update', 'patch'],
    ['*'],
    ['get'],
  ];
  const resourcesPool = [
    { apiGroups: [''], resources: ['pods', 'pods/log'] },
    { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'] },
    { apiGroups: ['apps'], resources: ['deployments'] },
    { apiGroups: [''], resources: ['secrets'] },
    { apiGroups: [''], resources: ['configmaps'] },
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'] },
  ];
  const rule = () => ({ ...pick(resourcesPool), verbs: pick(verbsPool) });
  const roles: Array<[string, string]> = [];
  const clusterRoles: string[] = [];
  const counts = { role: 0.3, clusterRole: 0.08, roleBinding: 0.5 };
  for (let i = 0; i < options.rbacObjects; i++) {
    const roll = random();
    if (roll < counts.role || roles.length === 0) {
      const namespace = pick(namespaces);
      const name = `role-${i}`;
      roles.push([namespace, name]);
      bodies.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name, namespace },
        rules: [rule(), rule()],
      });
    } else if (roll < counts.role + counts.clusterRole || clusterRoles.length === 0) {
      const name = `clusterrole-${i}`;
      clusterRoles.push(name);
      bodies.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name },
        rules: [rule(), rule(), rule()],
      });
    } else if (roll < counts.role + counts.clusterRole + counts.roleBinding) {
      const [namespace, roleName] = pick(roles);
      const [saNamespace, sa] = pick(accounts);
      const useClusterRole = chance(0.3);
      bodies.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: `rb-${i}`, namespace },
        subjects: chance(0.7)
          ? [{ kind: 'ServiceAccount', name: sa, namespace: saNamespace }]
          : [
              {
                kind: 'User',
                apiGroup: 'rbac.authorization.k8s.io',
                name: `user-${Math.floor(random() * 300)}@example.com`,
              },
            ],
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: useClusterRole ? 'ClusterRole' : 'Role',
          name: useClusterRole ? pick(clusterRoles) : roleName,
        },
      });
    } else {
      const [saNamespace, sa] = pick(accounts);
      bodies.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: `crb-${i}` },
        subjects: chance(0.5)
          ? [{ kind: 'ServiceAccount', name: sa, namespace: saNamespace }]
          : [
              {
                kind: 'Group',
                apiGroup: 'rbac.authorization.k8s.io',
                name: `group-${Math.floor(random() * 40)}`,
              },
            ],
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: pick(clusterRoles),
        },
      });
    }
  }
  return { bodies, workloads: options.workloads, rbacObjects: options.rbacObjects };
}

function podSpec(
  random: () => number,
  chance: (p: number) => boolean,
  pick: <T>(items: readonly T[]) => T,
  namespace: string,
): Record<string, unknown> {
  const hardened = chance(0.5);
  const containers = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, c) => ({
    name: `c${c}`,
    image: pick([
      'nginx:latest',
      'busybox',
      `registry.example.com/${namespace}/app:1.${c}`,
      `registry.example.com/app@sha256:${'ab'.repeat(32)}`,
    ]),
    ...(chance(0.3)
      ? { ports: [{ containerPort: 8080, ...(chance(0.1) ? { hostPort: 8080 } : {}) }] }
      : {}),
    securityContext: hardened
      ? { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true }
      : {
          ...(chance(0.1) ? { privileged: true } : {}),
          ...(chance(0.1) ? { capabilities: { add: ['SYS_ADMIN'] } } : {}),
          ...(chance(0.1) ? { runAsUser: 0 } : {}),
        },
    ...(chance(0.2) ? { livenessProbe: { httpGet: { path: '/healthz', port: 8080 } } } : {}),
  }));
  return {
    serviceAccountName: `sa-${Math.floor(random() * 8)}`,
    ...(chance(0.05) ? { hostPID: true } : {}),
    ...(chance(0.05) ? { hostNetwork: true } : {}),
    ...(hardened
      ? { securityContext: { seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true } }
      : {}),
    ...(chance(0.1)
      ? { volumes: [{ name: 'host', hostPath: { path: '/var/run' } }] }
      : { volumes: [{ name: 'tmp', emptyDir: {} }] }),
    ...(chance(0.3) ? { automountServiceAccountToken: false } : {}),
    containers,
  };
}
