/**
 * Pod controllers and the pod template each of them runs, read only as far as RBAC needs:
 * the service account a pod runs as and whether its token is mounted.
 * @module
 */
import type { K8sObject } from '../inventory/object.js';

/** Kinds whose objects run pods, and the group/resource an API request names them by. */
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

/** A workload as the escalation graph sees it. */
export interface Workload {
  readonly object: K8sObject;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccount: string;
  /** `automountServiceAccountToken` of the pod spec; undefined when not set. */
  readonly automountToken: boolean | undefined;
  /** The pod spec (`spec`, `spec.template.spec` or `spec.jobTemplate.spec.template.spec`). */
  readonly podSpec: Readonly<Record<string, unknown>>;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The pod spec of a pod controller, or undefined for other kinds and malformed objects. */
export function podSpecOf(object: K8sObject): Record<string, unknown> | undefined {
  const spec = asRecord(object.body.spec);
  switch (object.kind) {
    case 'Pod':
      return spec;
    case 'CronJob':
      return asRecord(asRecord(asRecord(asRecord(spec?.jobTemplate)?.spec)?.template)?.spec);
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicationController':
    case 'Job':
      return asRecord(asRecord(spec?.template)?.spec);
    default:
      return undefined;
  }
}

/** Reads a workload; undefined for objects that run no pods. */
export function toWorkload(object: K8sObject): Workload | undefined {
  const podSpec = podSpecOf(object);
  if (!podSpec) return undefined;
  const named = podSpec.serviceAccountName ?? podSpec.serviceAccount;
  const automount = podSpec.automountServiceAccountToken;
  return {
    object,
    kind: object.kind,
    namespace: object.metadata.namespace ?? 'default',
    name: object.metadata.name,
    serviceAccount: typeof named === 'string' && named !== '' ? named : 'default',
    automountToken: typeof automount === 'boolean' ? automount : undefined,
    podSpec,
  };
}
