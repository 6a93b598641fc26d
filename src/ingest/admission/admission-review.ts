/**
 * `admission-review`: logs of `admission.k8s.io/v1` (or `v1beta1`) AdmissionReview requests,
 * as written by audit-by-webhook tools such as kube-audit-rest (one review per JSON line).
 *
 * Each request is mapped onto the audit `Event` shape so the Kubernetes rules run on it
 * unchanged (logsource `{product: kubernetes, service: audit}`):
 *
 * | AdmissionReview `request` | audit Event |
 * | --- | --- |
 * | `uid` | `auditID` |
 * | `operation` CREATE / UPDATE / DELETE / CONNECT | `verb` create / update / delete / create (CONNECT is exec/attach/portforward, which audit logs as create) |
 * | `userInfo` | `user` |
 * | `resource.resource`, `.group`, `.version`, `subResource`, `namespace`, `name` | `objectRef.resource`, `.apiGroup`, `.apiVersion`, `.subresource`, `.namespace`, `.name` |
 * | `object` | `requestObject` |
 * | `oldObject` | `oldObject` (not in the audit shape; kept for update rules) |
 * | — | `requestURI` rebuilt from the resource path; `stage: ResponseComplete`; `level: RequestResponse` |
 *
 * The source is marked in `annotations["cronwarden.io/source"] = "admission-review"` and in
 * `envelope` (`kind`, `requestKind`, `dryRun`, `options`), so a finding can say it came from
 * an admission log and not from the API server's audit trail. AdmissionReviews carry no time,
 * so `timeMs` is NaN unless the line has a `time`/`timestamp` wrapper field.
 * @module
 */
import type { DecodeSink } from '../format.js';
import { openJsonRecordDecoder } from '../json/dispatch.js';
import { isObject, type JsonRecordFormat, type RecordAt } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { decodeAuditEvent, recordLocation } from '../k8s/audit-record.js';

export const ADMISSION_SOURCE_ANNOTATION = 'cronwarden.io/source';

const VERBS: Readonly<Record<string, string>> = Object.freeze({
  CREATE: 'create',
  UPDATE: 'update',
  DELETE: 'delete',
  CONNECT: 'create',
});

function admissionScore(value: Readonly<Record<string, unknown>>): number {
  if (value.kind !== 'AdmissionReview') return 0;
  if (!isObject(value.request)) return 0.5;
  return typeof value.apiVersion === 'string' && value.apiVersion.startsWith('admission.k8s.io/')
    ? 1
    : 0.9;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `/api/v1/namespaces/ns/pods/name/exec` or `/apis/batch/v1/namespaces/ns/cronjobs/name`. */
export function requestUriOf(ref: {
  group?: string | undefined;
  version?: string | undefined;
  resource?: string | undefined;
  namespace?: string | undefined;
  name?: string | undefined;
  subresource?: string | undefined;
}): string {
  const root = ref.group
    ? `/apis/${ref.group}/${ref.version ?? ''}`
    : `/api/${ref.version ?? 'v1'}`;
  const ns = ref.namespace ? `/namespaces/${ref.namespace}` : '';
  const name = ref.name ? `/${ref.name}` : '';
  const sub = ref.name && ref.subresource ? `/${ref.subresource}` : '';
  return `${root}${ns}/${ref.resource ?? ''}${name}${sub}`;
}

function problem(message: string, at: RecordAt, sink: DecodeSink): void {
  sink.issue({
    code: 'CW_INGEST_BAD_FIELD',
    severity: 'error',
    message: `AdmissionReview not used: ${message}`,
    location: recordLocation(at),
  });
}

function decodeReview(value: Record<string, unknown>, at: RecordAt, sink: DecodeSink): void {
  const request = value.request;
  if (!isObject(request)) {
    problem('it has no request object (a response-only review?)', at, sink);
    return;
  }
  const operation = request.operation;
  const verb = typeof operation === 'string' ? VERBS[operation] : undefined;
  if (verb === undefined) {
    problem(
      `request.operation must be CREATE, UPDATE, DELETE or CONNECT, found ${JSON.stringify(operation)}`,
      at,
      sink,
    );
    return;
  }
  const resource = request.resource;
  if (!isObject(resource) || typeof resource.resource !== 'string') {
    problem('request.resource.resource must be a string', at, sink);
    return;
  }
  if (request.userInfo !== undefined && !isObject(request.userInfo)) {
    problem('request.userInfo must be an object', at, sink);
    return;
  }
  const objectRef: Record<string, unknown> = { resource: resource.resource };
  const group = typeof resource.group === 'string' ? resource.group : '';
  objectRef.apiGroup = group;
  if (typeof resource.version === 'string') objectRef.apiVersion = resource.version;
  const namespace = text(request.namespace);
  const name = text(request.name);
  const subresource = text(request.subResource);
  if (namespace !== undefined) objectRef.namespace = namespace;
  if (name !== undefined) objectRef.name = name;
  if (subresource !== undefined) objectRef.subresource = subresource;
  const event: Record<string, unknown> = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'RequestResponse',
    stage: 'ResponseComplete',
    verb,
    requestURI: requestUriOf({
      group,
      version: typeof resource.version === 'string' ? resource.version : undefined,
      resource: resource.resource,
      namespace,
      name,
      subresource,
    }),
    user: isObject(request.userInfo) ? request.userInfo : {},
    objectRef,
    annotations: { [ADMISSION_SOURCE_ANNOTATION]: 'admission-review' },
  };
  if (typeof request.uid === 'string') event.auditID = request.uid;
  if (request.object !== undefined && request.object !== null) event.requestObject = request.object;
  if (request.oldObject !== undefined && request.oldObject !== null)
    event.oldObject = request.oldObject;
  const envelope: Record<string, unknown> = { source: 'admission-review' };
  for (const key of ['apiVersion', 'kind'] as const) envelope[key] = value[key];
  for (const key of [
    'kind',
    'requestKind',
    'requestResource',
    'requestSubResource',
    'dryRun',
    'options',
  ] as const) {
    if (request[key] !== undefined) envelope[key === 'kind' ? 'objectKind' : key] = request[key];
  }
  decodeAuditEvent(event, at, 'admission-review', sink, {
    envelope,
    envelopeTime: value.time ?? value.timestamp,
  });
}

export const ADMISSION_REVIEW_FORMAT: JsonRecordFormat = {
  id: 'admission-review',
  description:
    'AdmissionReview requests (admission.k8s.io/v1) logged as JSON, e.g. kube-audit-rest',
  sniff: (head) => sniffJsonRecord(head, admissionScore, /"kind"\s*:\s*"AdmissionReview"/),
  matchRecord: admissionScore,
  decodeRecord: decodeReview,
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
