/**
 * Secret values never enter cronwarden: `data` and `stringData` are dropped when an object is
 * read, and so is `kubectl.kubernetes.io/last-applied-configuration`, which holds a copy of them.
 * @module
 */

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** True for the core `Secret` kind. */
export function isSecret(apiVersion: unknown, kind: unknown): boolean {
  return kind === 'Secret' && apiVersion === 'v1';
}

/** A copy of a Secret's body without any secret value (metadata and `type` are kept). */
export function redactSecret(body: Record<string, unknown>): Record<string, unknown> {
  const { data: _data, stringData: _stringData, ...rest } = body;
  const metadata = rest.metadata;
  if (
    isRecord(metadata) &&
    isRecord(metadata.annotations) &&
    LAST_APPLIED in metadata.annotations
  ) {
    const { [LAST_APPLIED]: _applied, ...annotations } = metadata.annotations;
    rest.metadata = { ...metadata, annotations };
  }
  return rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
