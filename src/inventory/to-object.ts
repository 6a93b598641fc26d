/**
 * Turns one parsed value (a manifest document, a `List` item or an API list item) into a
 * `K8sObject`, or says why it is not one.
 * @module
 */
import type { K8sObject, ObjectMeta, ObjectOrigin } from './object.js';
import { isSecret, redactSecret } from './secret.js';

export type ToObjectResult =
  | { readonly ok: true; readonly object: K8sObject }
  | { readonly ok: false; readonly reason: string };

/** Builds a K8sObject; Secret values are removed here, before anything else sees them. */
export function toK8sObject(value: unknown, origin: ObjectOrigin): ToObjectResult {
  if (!isRecord(value))
    return { ok: false, reason: `expected a mapping, found ${describe(value)}` };
  const { apiVersion, kind, metadata } = value;
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    return { ok: false, reason: 'missing string "apiVersion"' };
  }
  if (typeof kind !== 'string' || kind === '')
    return { ok: false, reason: 'missing string "kind"' };
  if (!isRecord(metadata)) return { ok: false, reason: `${kind} without "metadata"` };
  const name = typeof metadata.name === 'string' ? metadata.name : metadata.generateName;
  if (typeof name !== 'string' || name === '') {
    return { ok: false, reason: `${kind} without a string "metadata.name"` };
  }
  const body = isSecret(apiVersion, kind) ? redactSecret(value) : value;
  return {
    ok: true,
    object: {
      apiVersion,
      kind,
      metadata: toMeta(body.metadata as Record<string, unknown>, name),
      body,
      origin,
    },
  };
}

function toMeta(metadata: Record<string, unknown>, name: string): ObjectMeta {
  const meta: {
    -readonly [K in keyof ObjectMeta]: ObjectMeta[K];
  } = {
    name,
    labels: stringRecord(metadata.labels),
    annotations: stringRecord(metadata.annotations),
  };
  if (typeof metadata.namespace === 'string' && metadata.namespace !== '') {
    meta.namespace = metadata.namespace;
  }
  if (typeof metadata.uid === 'string') meta.uid = metadata.uid;
  if (typeof metadata.creationTimestamp === 'string') {
    meta.creationTimestamp = metadata.creationTimestamp;
  }
  if (Array.isArray(metadata.ownerReferences)) {
    meta.ownerReferences = metadata.ownerReferences.filter(isRecord).flatMap((ref) =>
      typeof ref.apiVersion === 'string' &&
      typeof ref.kind === 'string' &&
      typeof ref.name === 'string'
        ? [
            {
              apiVersion: ref.apiVersion,
              kind: ref.kind,
              name: ref.name,
              ...(typeof ref.uid === 'string' ? { uid: ref.uid } : {}),
              ...(typeof ref.controller === 'boolean' ? { controller: ref.controller } : {}),
            },
          ]
        : [],
    );
  }
  return meta;
}

/** Keeps string values only (wrong types are reported by the pod metadata schema). */
function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') out[key] = entry;
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a sequence';
  return `a ${typeof value}`;
}
