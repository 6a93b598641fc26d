/**
 * Built-in Kubernetes kinds by API group, and where each pod controller keeps its pod template.
 * @module
 */

/** Kinds defined by the built-in API groups (`''` is the core group). */
const BUILT_IN_KINDS: Readonly<Record<string, readonly string[]>> = {
  '': [
    'Binding',
    'ComponentStatus',
    'ConfigMap',
    'Endpoints',
    'Event',
    'LimitRange',
    'Namespace',
    'Node',
    'PersistentVolume',
    'PersistentVolumeClaim',
    'Pod',
    'PodTemplate',
    'ReplicationController',
    'ResourceQuota',
    'Secret',
    'Service',
    'ServiceAccount',
  ],
  apps: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  batch: ['CronJob', 'Job'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  policy: ['PodDisruptionBudget', 'Eviction', 'PodSecurityPolicy'],
  'networking.k8s.io': ['Ingress', 'IngressClass', 'NetworkPolicy', 'IPAddress', 'ServiceCIDR'],
  'node.k8s.io': ['RuntimeClass'],
  'storage.k8s.io': [
    'CSIDriver',
    'CSINode',
    'CSIStorageCapacity',
    'StorageClass',
    'VolumeAttachment',
    'VolumeAttributesClass',
  ],
  'scheduling.k8s.io': ['PriorityClass'],
  'coordination.k8s.io': ['Lease'],
  autoscaling: ['HorizontalPodAutoscaler'],
  'admissionregistration.k8s.io': [
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
    'MutatingAdmissionPolicy',
    'MutatingAdmissionPolicyBinding',
  ],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'certificates.k8s.io': ['CertificateSigningRequest', 'ClusterTrustBundle'],
  'discovery.k8s.io': ['EndpointSlice'],
  'events.k8s.io': ['Event'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'authentication.k8s.io': ['TokenReview', 'TokenRequest', 'SelfSubjectReview'],
  'authorization.k8s.io': [
    'LocalSubjectAccessReview',
    'SelfSubjectAccessReview',
    'SelfSubjectRulesReview',
    'SubjectAccessReview',
  ],
  'resource.k8s.io': ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'],
};

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → `''`). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** True when the group is built into Kubernetes (so an unknown kind there is likely a typo). */
export function isBuiltInGroup(group: string): boolean {
  return Object.hasOwn(BUILT_IN_KINDS, group);
}

/** True when `kind` is defined by the built-in `group`. */
export function isKnownKind(group: string, kind: string): boolean {
  return BUILT_IN_KINDS[group]?.includes(kind) ?? false;
}

/** The known kind of `group` nearest to `kind` (edit distance ≤ 3), for "did you mean". */
export function nearestKind(group: string, kind: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of BUILT_IN_KINDS[group] ?? []) {
    const distance = editDistance(kind.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The built-in kinds that run pods, with the API group and resource an API request (and the
 * audit log) names them by; all are served at version `v1`.
 */
export const POD_CONTROLLERS = [
  { kind: 'Pod', apiGroup: '', resource: 'pods' },
  { kind: 'Deployment', apiGroup: 'apps', resource: 'deployments' },
  { kind: 'ReplicaSet', apiGroup: 'apps', resource: 'replicasets' },
  { kind: 'StatefulSet', apiGroup: 'apps', resource: 'statefulsets' },
  { kind: 'DaemonSet', apiGroup: 'apps', resource: 'daemonsets' },
  { kind: 'ReplicationController', apiGroup: '', resource: 'replicationcontrollers' },
  { kind: 'Job', apiGroup: 'batch', resource: 'jobs' },
  { kind: 'CronJob', apiGroup: 'batch', resource: 'cronjobs' },
] as const;

/** Pod controllers and the path from the object root to their `PodSpec`. */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Path to the pod's metadata (annotations matter to AppArmor and seccomp checks). */
export function podMetadataPath(kind: string): readonly string[] | undefined {
  const specPath = POD_SPEC_PATHS[kind];
  return specPath ? [...specPath.slice(0, -1), 'metadata'] : undefined;
}

/** API groups that define each pod controller (`extensions` for old manifests). */
const WORKLOAD_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Pod: [''],
  PodTemplate: [''],
  ReplicationController: [''],
  Deployment: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  DaemonSet: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  Job: ['batch'],
  CronJob: ['batch'],
};

/** True for built-in pod controllers whose pod template cronwarden evaluates. */
export function isWorkload(apiVersion: string, kind: string): boolean {
  return WORKLOAD_GROUPS[kind]?.includes(apiGroupOf(apiVersion)) ?? false;
}
