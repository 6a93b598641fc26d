/**
 * Reads the lineage facts of one Kubernetes audit record: a write (create, update, patch,
 * delete, or the kubelet's `pods/status` patch) to a CronJob, Job or Pod. The links it
 * carries: `metadata.ownerReferences` (Job → CronJob, Pod → Job), the Job's uid in the pod
 * labels `batch.kubernetes.io/controller-uid` / `controller-uid` and its name in
 * `batch.kubernetes.io/job-name` / `job-name`, and the container ids the kubelet reports in
 * `status.containerStatuses` (also `initContainerStatuses`, `ephemeralContainerStatuses`).
 * The persisted object (`responseObject`) is preferred; a patch body is read only for the
 * fields it sets.
 * @module
 */
import {
  type AuditRecord,
  isObject,
  type JsonObject,
  readAudit,
} from '../analytics/audit-record.js';
import { findingOrigin } from '../event-finding.js';
import { bareContainerId } from '../ingest/endpoint/workload.js';
import type { NormalizedEvent } from '../ingest/event.js';
import { actorOf } from './actor.js';
import type { ContainerFact, ObjectFact, ObjectKind, OwnerRef } from './facts.js';
import { recordKeyOf } from './facts.js';

const KIND_OF: Readonly<Record<string, ObjectKind>> = {
  cronjobs: 'CronJob',
  jobs: 'Job',
  pods: 'Pod',
};
const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete']);
const STATUS_LISTS = ['initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses'];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The bodies to read, persisted object first. */
function bodiesOf(record: AuditRecord): JsonObject[] {
  const bodies: JsonObject[] = [];
  if (isObject(record.responseObject) && record.responseObject.kind !== 'Status')
    bodies.push(record.responseObject);
  if (isObject(record.requestObject)) bodies.push(record.requestObject);
  return bodies;
}

function first<T>(bodies: readonly JsonObject[], read: (body: JsonObject) => T | undefined) {
  for (const body of bodies) {
    const value = read(body);
    if (value !== undefined) return value;
  }
  return undefined;
}

function metadataOf(body: JsonObject): JsonObject {
  return isObject(body.metadata) ? body.metadata : {};
}

function labelOf(body: JsonObject, names: readonly string[]): string | undefined {
  const labels = metadataOf(body).labels;
  if (!isObject(labels)) return undefined;
  for (const name of names) {
    const value = text(labels[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The controller owner (`controller: true`), else the first owner of a lineage kind. */
export function ownerOf(body: JsonObject): OwnerRef | undefined {
  const owners = metadataOf(body).ownerReferences;
  if (!Array.isArray(owners)) return undefined;
  const candidates = owners.filter(
    (owner): owner is JsonObject =>
      isObject(owner) && text(owner.kind) !== undefined && text(owner.name) !== undefined,
  );
  const owner =
    candidates.find((o) => o.controller === true) ??
    candidates.find((o) => o.kind === 'CronJob' || o.kind === 'Job');
  if (owner === undefined) return undefined;
  const uid = text(owner.uid);
  return { kind: owner.kind as string, name: owner.name as string, ...(uid ? { uid } : {}) };
}

/** Containers with a runtime id in a pod status. */
export function containersOf(body: JsonObject): ContainerFact[] {
  const status = body.status;
  if (!isObject(status)) return [];
  const out: ContainerFact[] = [];
  for (const list of STATUS_LISTS) {
    const entries = status[list];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (!isObject(entry)) continue;
      const id = text(entry.containerID);
      const name = text(entry.name);
      if (id === undefined || name === undefined) continue;
      const image = text(entry.image);
      out.push({ id: bareContainerId(id), name, ...(image ? { image } : {}) });
    }
  }
  return out;
}

function podSpecOf(kind: ObjectKind, body: JsonObject): JsonObject | undefined {
  const spec = isObject(body.spec) ? body.spec : undefined;
  if (spec === undefined) return undefined;
  if (kind === 'Pod') return spec;
  const template =
    kind === 'CronJob' ? readPath(spec, ['jobTemplate', 'spec', 'template']) : spec.template;
  return isObject(template) && isObject(template.spec) ? template.spec : undefined;
}

function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** `schedule: 0 * * * *, image: alpine:3.20` for the chain. */
function detailOf(kind: ObjectKind, bodies: readonly JsonObject[]): string | undefined {
  const parts: string[] = [];
  if (kind === 'CronJob') {
    const schedule = first(bodies, (body) => text(readPath(body, ['spec', 'schedule'])));
    if (schedule) parts.push(`schedule: ${schedule}`);
  }
  if (kind === 'Pod') {
    const node = first(bodies, (body) => text(readPath(body, ['spec', 'nodeName'])));
    if (node) parts.push(`node: ${node}`);
  }
  const images = first(bodies, (body) => {
    const containers = podSpecOf(kind, body)?.containers;
    if (!Array.isArray(containers)) return undefined;
    const list = containers.flatMap((c) =>
      isObject(c) && text(c.image) ? [c.image as string] : [],
    );
    return list.length > 0 ? list : undefined;
  });
  if (images) parts.push(`image: ${images.join(', ')}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * The fact of one audit event, or undefined when it is not an accepted write to a CronJob,
 * Job or Pod (reads, failures, `RequestReceived` copies, other resources).
 */
export function readObjectFact(
  event: NormalizedEvent,
  isKnownPrincipal: (username: string) => boolean,
): ObjectFact | undefined {
  const record = readAudit(event);
  if (record === undefined) return undefined;
  const kind = KIND_OF[record.resource];
  if (kind === undefined || !WRITE_VERBS.has(record.verb)) return undefined;
  if (!record.succeeded || record.stage === 'RequestReceived') return undefined;
  if (record.subresource !== undefined && record.subresource !== 'status') return undefined;
  const bodies = bodiesOf(record);
  const name = record.name ?? first(bodies, (body) => text(metadataOf(body).name));
  if (name === undefined) return undefined;
  const namespace =
    record.namespace ?? first(bodies, (body) => text(metadataOf(body).namespace)) ?? '';
  // A patch body is partial: its metadata may not be the object's (strategic `$patch` keys).
  const whole = record.verb === 'patch' ? bodies.slice(0, bodies.length - 1) : bodies;
  const uid = first(bodies, (body) => text(metadataOf(body).uid));
  const owner = first(whole, ownerOf);
  const jobUid =
    kind === 'Pod'
      ? first(whole, (b) => labelOf(b, ['batch.kubernetes.io/controller-uid', 'controller-uid']))
      : undefined;
  const jobName =
    kind === 'Pod'
      ? first(whole, (b) => labelOf(b, ['batch.kubernetes.io/job-name', 'job-name']))
      : undefined;
  const containers =
    kind === 'Pod'
      ? (first(bodies, (b) => {
          const found = containersOf(b);
          return found.length > 0 ? found : undefined;
        }) ?? [])
      : [];
  const detail = record.subresource === undefined ? detailOf(kind, bodies) : undefined;
  const origin = findingOrigin(event.origin);
  const actor = actorOf(record, event.timeMs, origin, isKnownPrincipal);
  return {
    type: 'object',
    kind,
    namespace,
    name,
    ...(uid ? { uid } : {}),
    ...(owner ? { owner } : {}),
    ...(jobUid ? { jobUid } : {}),
    ...(jobName ? { jobName } : {}),
    containers,
    ...(detail ? { detail } : {}),
    isCreate: record.verb === 'create',
    ...(actor ? { actor } : {}),
    timeMs: event.timeMs,
    ...(origin ? { origin } : {}),
    recordKey: recordKeyOf(event.origin),
  };
}
