/**
 * Typed reads of the Kubernetes audit `Event` fields the analytics need. Events are trusted
 * only as far as these readers check: anything of the wrong type reads as absent.
 * @module
 */
import type { NormalizedEvent } from '../ingest/event.js';

/** A JSON object (plain record). */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The audit fields of one event, read once. */
export interface AuditRecord {
  readonly verb: string;
  readonly resource: string;
  readonly subresource: string | undefined;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly apiGroup: string | undefined;
  readonly username: string;
  readonly groups: readonly string[];
  readonly extra: JsonObject;
  readonly userAgent: string | undefined;
  readonly sourceIPs: readonly string[];
  readonly requestURI: string;
  readonly stage: string | undefined;
  readonly code: number | undefined;
  readonly requestObject: unknown;
  readonly responseObject: unknown;
  /** Accepted by the API server (no 4xx/5xx, no Failure status), not a dry run. */
  readonly succeeded: boolean;
}

/** Reads an event as an audit record; `undefined` when it is not a Kubernetes audit event. */
export function readAudit(event: NormalizedEvent): AuditRecord | undefined {
  if (event.logsource.product !== 'kubernetes') return undefined;
  const data = event.data;
  const verb = text(data.verb);
  const objectRef = isObject(data.objectRef) ? data.objectRef : {};
  const resource = text(objectRef.resource);
  if (verb === undefined || resource === undefined) return undefined;
  const user = isObject(data.user) ? data.user : {};
  const status = isObject(data.responseStatus) ? data.responseStatus : {};
  const code = typeof status.code === 'number' ? status.code : undefined;
  const requestURI = text(data.requestURI) ?? '';
  const failed = status.status === 'Failure' || (code !== undefined && code >= 400);
  return {
    verb,
    resource,
    subresource: text(objectRef.subresource),
    namespace: text(objectRef.namespace),
    name: text(objectRef.name),
    apiGroup: text(objectRef.apiGroup),
    username: text(user.username) ?? '',
    groups: Array.isArray(user.groups) ? user.groups.filter((g) => typeof g === 'string') : [],
    extra: isObject(user.extra) ? user.extra : {},
    userAgent: text(data.userAgent),
    sourceIPs: Array.isArray(data.sourceIPs)
      ? data.sourceIPs.filter((ip): ip is string => typeof ip === 'string')
      : [],
    requestURI,
    stage: text(data.stage),
    code,
    requestObject: data.requestObject,
    responseObject: data.responseObject,
    succeeded: !failed && !requestURI.includes('dryRun=All'),
  };
}

/** True for the copy of a request that analytics should act on (not RequestReceived). */
export function isFinalStage(record: AuditRecord): boolean {
  return record.stage !== 'RequestReceived';
}

/** First value of a `user.extra` key (values are string lists in the audit schema). */
export function extraValue(record: AuditRecord, key: string): string | undefined {
  const value = record.extra[key];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The persisted object when the response body carries it, else the request body if whole. */
export function effectiveObject(record: AuditRecord): JsonObject | undefined {
  if (isObject(record.responseObject) && isObject(record.responseObject.spec)) {
    return record.responseObject;
  }
  if (record.verb !== 'patch' && isObject(record.requestObject)) return record.requestObject;
  return undefined;
}

/** `create` → `created`, `patch` → `patched`, for messages. */
export function pastTense(verb: string): string {
  return verb.endsWith('e') ? `${verb}d` : `${verb}ed`;
}
