/**
 * Secret redaction at decode time: nothing downstream (rules, store, output, logs) ever sees a
 * Secret's `data`/`stringData`, a TokenReview's bearer token, a TokenRequest's issued token or
 * an Authorization header. Keys are kept (a rule may ask which keys a Secret has), values are
 * replaced by `REDACTED`. The walk only runs for events that can carry such values, so the
 * hot path pays one property read.
 * @module
 */
import { isObject } from './json/record-format.js';

/** The replacement value. */
export const REDACTED = '[redacted]';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const SECRET_KINDS = new Set(['Secret', 'SecretList', 'List', 'TokenReview', 'TokenRequest']);
const SECRET_RESOURCES = new Set(['secrets', 'tokenreviews', 'serviceaccounts']);
const MAX_DEPTH = 32;

function kindOf(value: unknown): unknown {
  return isObject(value) ? value.kind : undefined;
}

/** True when an audit Event may carry secret values in its bodies. */
export function mayCarrySecrets(event: Record<string, unknown>): boolean {
  const objectRef = event.objectRef;
  if (isObject(objectRef) && SECRET_RESOURCES.has(objectRef.resource as string)) return true;
  const requestKind = kindOf(event.requestObject);
  const responseKind = kindOf(event.responseObject);
  return (
    (typeof requestKind === 'string' && SECRET_KINDS.has(requestKind)) ||
    (typeof responseKind === 'string' && SECRET_KINDS.has(responseKind))
  );
}

function redactValues(map: unknown): void {
  if (!isObject(map)) return;
  for (const key of Object.keys(map)) map[key] = REDACTED;
}

function redactAnnotations(metadata: unknown): void {
  if (!isObject(metadata) || !isObject(metadata.annotations)) return;
  if (LAST_APPLIED in metadata.annotations) metadata.annotations[LAST_APPLIED] = REDACTED;
}

/** Redacts every secret value inside one body (object, list or JSON patch). */
export function redactSecretsDeep(value: unknown, isSecretResource: boolean, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isSecretResource && isObject(item) && typeof item.path === 'string') {
        // JSON patch on a Secret: an op touching data, stringData or annotations carries a value.
        if (/^\/(data|stringData|metadata\/annotations)/.test(item.path) && 'value' in item) {
          item.value = REDACTED;
        }
      }
      redactSecretsDeep(item, isSecretResource, depth + 1);
    }
    return;
  }
  if (!isObject(value)) return;
  const kind = value.kind;
  if (kind === 'Secret' || (isSecretResource && kind === undefined)) {
    // A Secret, or a merge/strategic patch body sent to the secrets resource.
    redactValues(value.data);
    redactValues(value.stringData);
    redactAnnotations(value.metadata);
  }
  if (kind === 'TokenReview' && isObject(value.spec) && 'token' in value.spec) {
    value.spec.token = REDACTED;
  }
  if (kind === 'TokenRequest' && isObject(value.status) && 'token' in value.status) {
    value.status.token = REDACTED;
  }
  for (const key of Object.keys(value)) {
    if (/^authorization$/i.test(key) && typeof value[key] === 'string') {
      value[key] = REDACTED;
      continue;
    }
    const child = value[key];
    if (typeof child === 'object' && child !== null) {
      redactSecretsDeep(child, isSecretResource && key !== 'metadata', depth + 1);
    }
  }
}

/** Redacts an audit Event in place (it is a freshly parsed value the decoder owns). */
export function redactAuditSecrets(event: Record<string, unknown>): void {
  if (!mayCarrySecrets(event)) return;
  const objectRef = event.objectRef;
  const isSecretResource = isObject(objectRef) && objectRef.resource === 'secrets';
  for (const body of [event.requestObject, event.responseObject]) {
    redactSecretsDeep(body, isSecretResource);
    if (!isObject(body)) continue;
    // TokenReview / TokenRequest bodies often omit `kind` in audit records.
    if (isObject(body.spec) && typeof body.spec.token === 'string') body.spec.token = REDACTED;
    if (isObject(body.status) && typeof body.status.token === 'string') {
      body.status.token = REDACTED;
    }
  }
}
