/**
 * Stable incident ids: `INC-` + the first 12 hex chars of SHA-256 over the root object's
 * `namespace/kind/name/uid`. The same logs give the same ids whatever the worker count or
 * input order; a re-created object (new uid) is a new incident.
 * @module
 */
import { createHash } from 'node:crypto';

export interface IncidentRoot {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string | undefined;
  readonly uid?: string | undefined;
}

/** `INC-3f9a…` (16 chars) for a root object. */
export function incidentId(root: IncidentRoot): string {
  const key = `${root.namespace ?? ''}/${root.kind}/${root.name}/${root.uid ?? ''}`;
  return `INC-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}
