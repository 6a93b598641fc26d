/**
 * What one job-writing audit record says about a namespace's habits: who wrote a CronJob or
 * Job (create, update, patch accepted by the API server), with which service account, images,
 * schedule, client and source address, and when. Learning and scoring read the same
 * observation, so they cannot disagree about what a record means.
 * @module
 */
import { createHash } from 'node:crypto';
import {
  type AuditRecord,
  effectiveObject,
  extraValue,
  isObject,
  readAudit,
} from '../analytics/audit-record.js';
import { isAcceptedJobWrite } from '../analytics/finding-builder.js';
import { containersOf, podSpecOf, registryOf } from '../analytics/pod-template.js';
import type { NormalizedEvent } from '../ingest/event.js';
import { type SourceAddress, sourceAddress } from './network.js';
import { classifyPrincipal, type PrincipalKind } from './principal.js';
import { parseSchedule, type Schedule } from './schedule.js';
import { normalizeUserAgent, type UserAgent } from './user-agent.js';

export interface ImageRef {
  /** As written: `registry.example.com/shop/web:4.2.1`. */
  readonly image: string;
  /** `registry.example.com`, `docker.io`, `ghcr.io`. */
  readonly registry: string;
  /** Registry and path without tag or digest: `registry.example.com/shop/web`. */
  readonly repository: string;
}

export interface JobWriteObservation {
  /** Idempotency key: a hash of the auditID (or of the record when it has none). */
  readonly key: string;
  readonly namespace: string;
  readonly timeMs: number;
  readonly verb: string;
  /** `cronjobs` or `jobs`. */
  readonly resource: string;
  readonly name: string | undefined;
  readonly creator: string;
  readonly creatorKind: PrincipalKind;
  readonly groups: readonly string[];
  /** The pod a pod-bound service-account token was issued to (`user.extra`), if any. */
  readonly viaPod: string | undefined;
  readonly serviceAccounts: readonly string[];
  readonly images: readonly ImageRef[];
  readonly schedule: Schedule | undefined;
  readonly userAgent: UserAgent | undefined;
  readonly sources: readonly SourceAddress[];
}

/** Splits an image reference into registry and repository (tag and digest dropped). */
export function imageRef(image: string): ImageRef {
  const registry = registryOf(image);
  let path = image;
  const at = path.indexOf('@');
  if (at >= 0) path = path.slice(0, at);
  const lastSlash = path.lastIndexOf('/');
  const colon = path.lastIndexOf(':');
  if (colon > lastSlash) path = path.slice(0, colon);
  // Docker Hub names: `alpine` is `docker.io/library/alpine`.
  const hasHost = path.startsWith(`${registry}/`);
  let repository = hasHost ? path : `${registry}/${path}`;
  if (!hasHost && registry === 'docker.io' && !path.includes('/')) {
    repository = `docker.io/library/${path}`;
  }
  return { image, registry, repository };
}

/**
 * The object body the record carries: the persisted one, else a patch request body (merge and
 * strategic-merge patches have the object's shape, with only the changed parts: `isPartial`).
 */
function bodyOf(record: AuditRecord): { body?: Record<string, unknown>; isPartial: boolean } {
  const effective = effectiveObject(record);
  if (effective) return { body: effective, isPartial: false };
  return isObject(record.requestObject)
    ? { body: record.requestObject, isPartial: true }
    : { isPartial: true };
}

/** Images a JSON patch (RFC 6902 array) sets: `replace`/`add` ops on a `…/image` path. */
function jsonPatchImages(body: unknown): string[] {
  if (!Array.isArray(body)) return [];
  const images: string[] = [];
  for (const op of body) {
    if (!isObject(op) || typeof op.path !== 'string') continue;
    if (op.path.endsWith('/image') && typeof op.value === 'string') images.push(op.value);
    if (isObject(op.value) && typeof op.value.image === 'string') images.push(op.value.image);
  }
  return images;
}

function scheduleOf(body: Record<string, unknown> | undefined): Schedule | undefined {
  const spec = body && isObject(body.spec) ? body.spec : undefined;
  return typeof spec?.schedule === 'string' ? parseSchedule(spec.schedule) : undefined;
}

function serviceAccountsOf(
  body: Record<string, unknown> | undefined,
  isPartial: boolean,
): string[] {
  const podSpec = podSpecOf(body);
  if (!podSpec) return [];
  const name = podSpec.serviceAccountName ?? podSpec.serviceAccount;
  if (typeof name === 'string' && name !== '') return [name];
  // A whole pod template without a name runs as `default`; a patch just does not change it.
  return isPartial ? [] : ['default'];
}

function keyOf(event: NormalizedEvent): string {
  const auditId = event.data.auditID;
  const hash = createHash('sha256');
  if (typeof auditId === 'string' && auditId !== '') hash.update(`audit:${auditId}`);
  else hash.update(`record:${JSON.stringify(event.data)}`);
  return hash.digest('hex').slice(0, 32);
}

/**
 * Reads a job write out of an event; `undefined` for anything else (other resources, reads,
 * denied or dry-run requests, the RequestReceived copy).
 */
export function observeJobWrite(
  event: NormalizedEvent,
  isKnownPrincipal: (username: string) => boolean,
): JobWriteObservation | undefined {
  const record = readAudit(event);
  if (!record || !isAcceptedJobWrite(record)) return undefined;
  const { body, isPartial } = bodyOf(record);
  const images = [
    ...containersOf(podSpecOf(body)).flatMap((container) =>
      container.image ? [container.image] : [],
    ),
    ...jsonPatchImages(record.requestObject),
  ];
  const sources: SourceAddress[] = [];
  for (const ip of record.sourceIPs) {
    const address = sourceAddress(ip);
    if (address && !sources.some((s) => s.ip === address.ip)) sources.push(address);
  }
  return {
    key: keyOf(event),
    namespace: record.namespace ?? '',
    timeMs: event.timeMs,
    verb: record.verb,
    resource: record.resource,
    name: record.name,
    creator: record.username,
    creatorKind: classifyPrincipal(record.username, isKnownPrincipal),
    groups: record.groups,
    viaPod: extraValue(record, 'authentication.kubernetes.io/pod-name'),
    serviceAccounts: serviceAccountsOf(body, isPartial),
    images: [...new Set(images)].map(imageRef),
    schedule: record.resource === 'cronjobs' ? scheduleOf(body) : undefined,
    userAgent: normalizeUserAgent(record.userAgent),
    sources,
  };
}
