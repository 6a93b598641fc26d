/**
 * `gke-cloud-audit`: Google Cloud Audit Logs `LogEntry` records (JSON lines, or the JSON
 * array of `gcloud logging read --format=json`). Entries from `serviceName: k8s.io` (GKE) are
 * mapped onto the audit Event shape so Kubernetes rules run unchanged, the way Falco's
 * k8saudit-gke plugin maps them; the original LogEntry fields stay beside the mapped ones.
 * Entries of other Google services decode as `gcp/gcp.audit` events, unchanged.
 * @module
 */
import type { DecodeSink } from '../format.js';
import { openJsonRecordDecoder } from '../json/dispatch.js';
import { isObject, type JsonRecordFormat, type RecordAt } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { decodeAuditEvent, recordLocation } from '../k8s/audit-record.js';
import { TRUNCATED_ANNOTATION } from '../k8s/blind-spots.js';
import { firstTimestamp } from '../time.js';
import {
  type ParsedResourceName,
  parseMethodName,
  parseResourceName,
  requestPath,
} from './resource-path.js';

export const GCP_AUDIT_LOGSOURCE = Object.freeze({ product: 'gcp', service: 'gcp.audit' });

/** google.rpc.Code → the HTTP status the API server would have answered. */
const RPC_TO_HTTP: Readonly<Record<number, number>> = {
  1: 499,
  2: 500,
  3: 400,
  4: 504,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  10: 409,
  11: 400,
  12: 501,
  13: 500,
  14: 503,
  15: 500,
  16: 401,
};
const STREAMING_SUBRESOURCES = new Set(['exec', 'attach', 'portforward']);

function isKubernetesEntry(value: Readonly<Record<string, unknown>>): boolean {
  const payload = value.protoPayload;
  if (isObject(payload)) {
    if (payload.serviceName === 'k8s.io') return true;
    if (typeof payload.methodName === 'string' && payload.methodName.startsWith('io.k8s.')) {
      return true;
    }
  }
  const resource = value.resource;
  if (isObject(resource) && resource.type === 'k8s_cluster') return true;
  return isObject(value.operation) && value.operation.producer === 'k8s.io';
}

function cloudAuditScore(value: Readonly<Record<string, unknown>>): number {
  const payload = value.protoPayload;
  if (isObject(payload)) return isKubernetesEntry(value) ? 1 : 0.8;
  if (typeof value.logName === 'string' && value.logName.includes('cloudaudit.googleapis.com')) {
    return 0.8;
  }
  if (isKubernetesEntry(value)) return 0.7;
  // A bare LogEntry fragment: `operation{producer}` is LogEntry-only.
  return isObject(value.operation) && typeof value.operation.producer === 'string' ? 0.4 : 0;
}

function successCode(verb: string, subresource: string | undefined): number {
  if (subresource !== undefined && STREAMING_SUBRESOURCES.has(subresource)) return 101;
  return verb === 'create' ? 201 : 200;
}

function responseStatus(
  status: unknown,
  verb: string,
  subresource: string | undefined,
): Record<string, unknown> {
  if (!isObject(status) || status.code === undefined || status.code === 0) {
    return { code: successCode(verb, subresource) };
  }
  const rpc = Number(status.code);
  const mapped: Record<string, unknown> = { code: RPC_TO_HTTP[rpc] ?? 500, rpcCode: rpc };
  if (typeof status.message === 'string') mapped.message = status.message;
  return mapped;
}

function annotationsOf(
  value: Readonly<Record<string, unknown>>,
  payload: Record<string, unknown>,
): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const source of [
    value.labels,
    isObject(value.resource) ? value.resource.labels : undefined,
  ]) {
    if (!isObject(source)) continue;
    for (const [key, field] of Object.entries(source)) {
      if (typeof field === 'string') annotations[key] = field;
    }
  }
  const authz = payload.authorizationInfo;
  if (
    !('authorization.k8s.io/decision' in annotations) &&
    Array.isArray(authz) &&
    authz.length > 0
  ) {
    const granted = authz.every((entry) => isObject(entry) && entry.granted === true);
    annotations['authorization.k8s.io/decision'] = granted ? 'allow' : 'forbid';
  }
  return annotations;
}

/** Maps a GKE LogEntry onto an audit Event, keeping the LogEntry's own fields. */
export function toAuditEvent(value: Record<string, unknown>): Record<string, unknown> {
  const payload = isObject(value.protoPayload) ? value.protoPayload : {};
  const method =
    typeof payload.methodName === 'string' ? parseMethodName(payload.methodName) : undefined;
  const resourceName = typeof payload.resourceName === 'string' ? payload.resourceName : undefined;
  const parsedRef: ParsedResourceName | undefined =
    resourceName === undefined ? undefined : parseResourceName(resourceName);
  const verb = method?.verb ?? '';
  const objectRef: Record<string, string> = {};
  if (parsedRef !== undefined) {
    for (const [key, field] of Object.entries(parsedRef)) objectRef[key] = field as string;
  } else if (method?.resource !== undefined) {
    objectRef.resource = method.resource;
    objectRef.apiGroup = method.group ?? '';
    if (method.version !== undefined) objectRef.apiVersion = method.version;
  }
  if (
    method?.subresource !== undefined &&
    objectRef.subresource === undefined &&
    objectRef.resource !== undefined
  ) {
    objectRef.subresource = method.subresource;
  }
  const subresource = objectRef.subresource;
  const authn = isObject(payload.authenticationInfo) ? payload.authenticationInfo : {};
  const meta = isObject(payload.requestMetadata) ? payload.requestMetadata : {};
  const callerIp = meta.callerIp ?? meta.callerIP;
  const isStreaming = subresource !== undefined && STREAMING_SUBRESOURCES.has(subresource);
  const hasRequest = payload.request !== undefined;
  const hasResponse = payload.response !== undefined;
  const event: Record<string, unknown> = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: hasResponse ? 'RequestResponse' : hasRequest ? 'Request' : 'Metadata',
    stage: isStreaming ? 'ResponseStarted' : 'ResponseComplete',
    verb,
    user: typeof authn.principalEmail === 'string' ? { username: authn.principalEmail } : {},
    responseStatus: responseStatus(payload.status, verb, subresource),
    annotations: annotationsOf(value, payload),
  };
  if (typeof value.insertId === 'string') event.auditID = value.insertId;
  if (parsedRef !== undefined) event.requestURI = requestPath(parsedRef, verb);
  else if (resourceName !== undefined) event.requestURI = `/${resourceName.replace(/^\/+/, '')}`;
  if (Object.keys(objectRef).length > 0) event.objectRef = objectRef;
  if (typeof callerIp === 'string') event.sourceIPs = [callerIp];
  if (typeof meta.callerSuppliedUserAgent === 'string')
    event.userAgent = meta.callerSuppliedUserAgent;
  if (hasRequest) event.requestObject = payload.request;
  if (hasResponse) event.responseObject = payload.response;
  if (typeof value.timestamp === 'string') {
    event.requestReceivedTimestamp = value.timestamp;
    event.stageTimestamp = value.timestamp;
  }
  // The original LogEntry fields, under their own names (no clash with Event names).
  for (const [key, field] of Object.entries(value)) if (!(key in event)) event[key] = field;
  return event;
}

function decodeEntry(value: Record<string, unknown>, at: RecordAt, sink: DecodeSink): void {
  if (!isKubernetesEntry(value)) {
    sink.event({
      format: 'gke-cloud-audit',
      logsource: GCP_AUDIT_LOGSOURCE,
      timeMs: firstTimestamp(value.timestamp, value.receiveTimestamp),
      data: value,
      origin: recordLocation(at),
    });
    return;
  }
  const payload = value.protoPayload;
  if (payload !== undefined && !isObject(payload)) {
    sink.issue({
      code: 'CW_INGEST_BAD_FIELD',
      severity: 'error',
      message: 'field "protoPayload" must be an object',
      location: recordLocation(at),
    });
    return;
  }
  const event = toAuditEvent(value);
  const labels = value.labels;
  if (isObject(labels) && labels[TRUNCATED_ANNOTATION] === 'true' && isObject(event.annotations)) {
    event.annotations[TRUNCATED_ANNOTATION] = 'true';
  }
  decodeAuditEvent(event, at, 'gke-cloud-audit', sink, { envelopeTime: value.receiveTimestamp });
}

export const GKE_CLOUD_AUDIT_FORMAT: JsonRecordFormat = {
  id: 'gke-cloud-audit',
  description:
    'Google Cloud Audit Logs LogEntry (protoPayload); GKE k8s.io entries mapped onto the audit Event',
  sniff: (head) => sniffJsonRecord(head, cloudAuditScore, /"protoPayload"\s*:/),
  matchRecord: cloudAuditScore,
  decodeRecord: decodeEntry,
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
