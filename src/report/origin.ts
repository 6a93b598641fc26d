/**
 * Text forms of finding origins and objects, shared by the formatters.
 * @module
 */
import type { FindingObject, FindingOrigin } from '../finding.js';

/** `file:line` for line origins, `file#index` for record-index origins. */
export function formatOrigin(origin: FindingOrigin): string {
  return 'line' in origin ? `${origin.file}:${origin.line}` : `${origin.file}#${origin.index}`;
}

/** `Kind namespace/name` (or `Kind name` for cluster-scoped objects). */
export function formatObject(object: FindingObject): string {
  const path = object.namespace ? `${object.namespace}/${object.name}` : object.name;
  return `${object.kind} ${path}`;
}
