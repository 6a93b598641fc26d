/**
 * The parts of a finding that come from the event it is about — its origin, its time and,
 * for a Kubernetes audit event, the object its `objectRef` names — the same for rule matches
 * (`rules/to-finding.ts`) and analytics (`analytics/finding-builder.ts`).
 * @module
 */
import type { FindingObject, FindingOrigin } from './finding.js';
import type { EventOrigin, NormalizedEvent } from './ingest/event.js';

/** Where a finding points: the event's line (line formats) or record index (others). */
export function findingOrigin(origin: EventOrigin): FindingOrigin | undefined {
  if (origin.line !== undefined) return { file: origin.file, line: origin.line };
  if (origin.index !== undefined) return { file: origin.file, index: origin.index };
  return undefined;
}

/** ISO time of an event, or the empty string when it has none. */
export function findingTime(event: NormalizedEvent): string {
  return Number.isFinite(event.timeMs) ? new Date(event.timeMs).toISOString() : '';
}

/** The kinds of the resources findings are about; other resources keep their plural name. */
const KINDS: Readonly<Record<string, string>> = {
  cronjobs: 'CronJob',
  jobs: 'Job',
  pods: 'Pod',
  deployments: 'Deployment',
  daemonsets: 'DaemonSet',
  statefulsets: 'StatefulSet',
  replicasets: 'ReplicaSet',
  replicationcontrollers: 'ReplicationController',
  rolebindings: 'RoleBinding',
  clusterrolebindings: 'ClusterRoleBinding',
  roles: 'Role',
  clusterroles: 'ClusterRole',
};

/** An audit event's `objectRef`, each field a non-empty string or absent. */
export interface ObjectReference {
  readonly resource?: string | undefined;
  readonly namespace?: string | undefined;
  readonly name?: string | undefined;
  readonly apiGroup?: string | undefined;
  readonly apiVersion?: string | undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads an audit event's `objectRef` (anything of the wrong type reads as absent). */
export function objectReferenceOf(objectRef: unknown): ObjectReference {
  if (objectRef === null || typeof objectRef !== 'object' || Array.isArray(objectRef)) return {};
  const ref = objectRef as Readonly<Record<string, unknown>>;
  return {
    resource: text(ref.resource),
    namespace: text(ref.namespace),
    name: text(ref.name),
    apiGroup: text(ref.apiGroup),
    apiVersion: text(ref.apiVersion),
  };
}

/**
 * The object a reference names, as a finding names it (`cronjobs` → `CronJob`, the group
 * and version joined into `apiVersion` when the version is known); undefined without a
 * resource and a name.
 */
export function findingObject(ref: ObjectReference): FindingObject | undefined {
  const { resource, namespace, name, apiGroup, apiVersion } = ref;
  if (resource === undefined || name === undefined) return undefined;
  const version =
    apiVersion === undefined ? undefined : apiGroup ? `${apiGroup}/${apiVersion}` : apiVersion;
  return {
    kind: KINDS[resource] ?? resource,
    ...(namespace === undefined ? {} : { namespace }),
    name,
    ...(version === undefined ? {} : { apiVersion: version }),
  };
}
