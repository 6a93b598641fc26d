/**
 * An `admission.k8s.io/v1` AdmissionReview request seen as an audit Event, so the same
 * detection rules that run over audit logs judge a request before it is persisted (the
 * admission face of the product evaluates with the rules of the detect face).
 *
 * Mapping: `operation` → `verb` (CREATE create, UPDATE update — a patch reaches admission as
 * UPDATE —, DELETE delete, CONNECT create); `resource`/`subResource`/`namespace`/`name` →
 * `objectRef`; `userInfo` → `user`; `object` → both `requestObject` and `responseObject`,
 * because the admission object is the full, defaulted object after earlier mutation, which is
 * what audit rules read from `responseObject`; `dryRun` → `?dryRun=All` in `requestURI`;
 * `uid` → `auditID`.
 * @module
 */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const VERBS: Readonly<Record<string, string>> = {
  CREATE: 'create',
  UPDATE: 'update',
  DELETE: 'delete',
  CONNECT: 'create',
};

/** The audit-shaped event of an AdmissionReview request; undefined when it has no request. */
export function admissionReviewToAuditEvent(review: unknown): JsonObject | undefined {
  if (!isObject(review) || !isObject(review.request)) return undefined;
  const request = review.request;
  const resource = isObject(request.resource) ? request.resource : {};
  const object = isObject(request.object) ? request.object : undefined;
  const metadata = object && isObject(object.metadata) ? object.metadata : {};
  const group = typeof resource.group === 'string' ? resource.group : '';
  const version = typeof resource.version === 'string' ? resource.version : 'v1';
  const resourceName = typeof resource.resource === 'string' ? resource.resource : undefined;
  const namespace =
    typeof request.namespace === 'string' && request.namespace !== ''
      ? request.namespace
      : typeof metadata.namespace === 'string'
        ? metadata.namespace
        : undefined;
  const name =
    typeof request.name === 'string' && request.name !== ''
      ? request.name
      : typeof metadata.name === 'string'
        ? metadata.name
        : undefined;
  const subresource =
    typeof request.subResource === 'string' && request.subResource !== ''
      ? request.subResource
      : undefined;
  const prefix = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  const scope = namespace === undefined ? '' : `/namespaces/${namespace}`;
  const uri = `${prefix}${scope}/${resourceName ?? ''}${request.dryRun === true ? '?dryRun=All' : ''}`;
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'RequestResponse',
    stage: 'ResponseComplete',
    ...(typeof request.uid === 'string' ? { auditID: request.uid } : {}),
    requestURI: uri,
    verb: VERBS[String(request.operation)] ?? String(request.operation ?? '').toLowerCase(),
    user: isObject(request.userInfo) ? request.userInfo : {},
    objectRef: {
      ...(resourceName === undefined ? {} : { resource: resourceName }),
      ...(namespace === undefined ? {} : { namespace }),
      ...(name === undefined ? {} : { name }),
      apiGroup: group,
      apiVersion: version,
      ...(subresource === undefined ? {} : { subresource }),
    },
    ...(object === undefined ? {} : { requestObject: object, responseObject: object }),
    ...(isObject(request.oldObject) ? { oldObject: request.oldObject } : {}),
  };
}
