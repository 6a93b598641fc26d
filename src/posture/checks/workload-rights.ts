/**
 * The one question posture asks RBAC: can this service account create workloads (pods, pod
 * controllers, Jobs, CronJobs) in its namespace? Kept as a function type so the checks are
 * testable without an RBAC model, and the RBAC analysis plugs in through `src/scan.ts`.
 * @module
 */

export interface WorkloadRightsAnswer {
  readonly canCreate: boolean;
  /** Resources it may create (`pods`, `cronjobs.batch`, …). */
  readonly resources: readonly string[];
  /** The binding → role → rule chains that grant them. */
  readonly evidence: readonly string[];
}

export type WorkloadCreateRights = (
  namespace: string,
  serviceAccount: string,
) => WorkloadRightsAnswer;

/** Resources whose `create` lets a principal run a pod as any service account of the namespace. */
export const WORKLOAD_RESOURCES: ReadonlyArray<{
  readonly group: string;
  readonly resource: string;
}> = [
  { group: '', resource: 'pods' },
  { group: '', resource: 'replicationcontrollers' },
  { group: 'apps', resource: 'deployments' },
  { group: 'apps', resource: 'replicasets' },
  { group: 'apps', resource: 'statefulsets' },
  { group: 'apps', resource: 'daemonsets' },
  { group: 'batch', resource: 'jobs' },
  { group: 'batch', resource: 'cronjobs' },
];

/** Service account a pod runs as (`serviceAccountName`, the deprecated `serviceAccount`, or default). */
export function serviceAccountOf(spec: {
  readonly serviceAccountName?: unknown;
  readonly serviceAccount?: unknown;
}): string {
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '')
    return spec.serviceAccountName;
  if (typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '')
    return spec.serviceAccount;
  return 'default';
}
