/**
 * How posture findings point at the Kubernetes object they are about.
 * @module
 */
import { findingOrigin } from '../event-finding.js';
import type { FindingObject, FindingOrigin } from '../finding.js';
import type { K8sObject } from '../inventory/object.js';

/** `{file, line}` for manifests, `{file: cluster:<ctx>, index}` for live objects. */
export function findingOriginOf(object: K8sObject): FindingOrigin {
  return findingOrigin(object.origin) ?? { file: object.origin.file, index: 0 };
}

export function findingObjectOf(object: K8sObject): FindingObject {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(object.metadata.namespace !== undefined ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata.name,
  };
}

/** `CronJob batch/nightly` (namespace omitted for cluster-scoped objects). */
export function describeObject(object: K8sObject): string {
  const { namespace, name } = object.metadata;
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** True for the kinds that run scheduled or one-off work (T1053.007). */
export function isJobKind(kind: string): boolean {
  return kind === 'CronJob' || kind === 'Job';
}

const JOB_TAGS: readonly string[] = Object.freeze([
  'attack.execution',
  'attack.persistence',
  'attack.privilege_escalation',
  'attack.t1053.007',
]);
const WORKLOAD_TAGS: readonly string[] = Object.freeze([
  'attack.execution',
  'attack.privilege_escalation',
  'attack.t1610',
]);

/** ATT&CK tags of a posture finding about this kind of workload (shared, frozen arrays). */
export function attackTagsOf(kind: string): readonly string[] {
  return isJobKind(kind) ? JOB_TAGS : WORKLOAD_TAGS;
}

/**
 * Objects whose controller (ownerReference with `controller: true`) is also in the inventory:
 * a CronJob's Jobs, a Job's Pods, a Deployment's ReplicaSets and Pods. Their template is the
 * controller's, so posture evaluates the controller once instead of repeating its findings on
 * every child a live cluster lists.
 */
export function controlledByInventory(objects: readonly K8sObject[]): ReadonlySet<K8sObject> {
  const present = new Set<string>();
  for (const object of objects) {
    if (object.metadata.uid) present.add(`uid:${object.metadata.uid}`);
    present.add(`${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`);
  }
  const controlled = new Set<K8sObject>();
  for (const object of objects) {
    const owner = object.metadata.ownerReferences?.find((ref) => ref.controller === true);
    if (!owner) continue;
    const byUid = owner.uid !== undefined && present.has(`uid:${owner.uid}`);
    const byName = present.has(`${owner.kind}/${object.metadata.namespace ?? ''}/${owner.name}`);
    if (byUid || byName) controlled.add(object);
  }
  return controlled;
}
