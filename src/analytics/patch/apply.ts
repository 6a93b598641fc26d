/**
 * Applies an audit `patch` body to the last known object, whatever its kind.
 * @module
 */
import { applyJsonPatch } from './json-patch.js';
import {
  applyMergePatch,
  applyStrategicMergePatch,
  type PatchKind,
  patchKind,
} from './merge-patch.js';

/** The patched object and the kind that was applied; `undefined` when it cannot apply. */
export function applyPatch(
  previous: unknown,
  body: unknown,
  kind: PatchKind | undefined = patchKind(body),
): { readonly object: unknown; readonly kind: PatchKind } | undefined {
  switch (kind) {
    case 'json': {
      const object = Array.isArray(body) ? applyJsonPatch(previous, body) : undefined;
      return object === undefined ? undefined : { object, kind };
    }
    case 'merge':
      return { object: applyMergePatch(previous, body), kind };
    case 'strategic':
    case 'apply':
      return { object: applyStrategicMergePatch(previous, body), kind };
    case undefined:
      return undefined;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}
