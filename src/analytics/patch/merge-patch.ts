/**
 * Object patches as the API server applies them to built-in types:
 * - RFC 7386 JSON merge patch (`--type merge`): objects merge, `null` deletes, lists replace;
 * - strategic merge patch (kubectl's default for built-in types, and client-side `apply`):
 *   like a merge patch, but lists of named elements (`containers`, `initContainers`,
 *   `ephemeralContainers`, `volumes`, `env`, `volumeMounts`, `ports`, ...) merge by their key,
 *   and the `$patch: delete|replace` and `$setElementOrder/...` directives apply;
 * - server-side apply (`patch` with an apply body, `fieldManager=` in the URI): for the
 *   fields an apply body names, the result equals a strategic merge by the same list keys.
 *   Fields it omits that its manager owned are removed by the server; the audit log does not
 *   say which, so they are kept (the responseObject, when logged, is the truth).
 * The audit log does not record the patch content type. `patchKind` infers it from the body.
 * @module
 */
import { isObject, type JsonObject } from '../audit-record.js';
import { isJsonPatch } from './json-patch.js';

export type PatchKind = 'json' | 'merge' | 'strategic' | 'apply';

/** Merge keys of the pod-spec lists (Kubernetes API `patchMergeKey` tags). */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  tolerations: 'key',
  hostAliases: 'ip',
};

/**
 * Infers the patch kind from the body: an array of operations is JSON Patch; `$patch` or
 * `$setElementOrder` directives mean strategic; an apply body names `apiVersion` and `kind`
 * (server-side apply requires them); any other object is treated as strategic, kubectl's
 * default for built-in kinds.
 */
export function patchKind(body: unknown): PatchKind | undefined {
  if (isJsonPatch(body)) return 'json';
  if (!isObject(body)) return undefined;
  if (typeof body.apiVersion === 'string' && typeof body.kind === 'string') return 'apply';
  return 'strategic';
}

/** RFC 7386. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** Strategic merge (and server-side apply) for the pod-template lists. */
export function applyStrategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _directive, ...rest } = patch;
    return structuredClone(rest);
  }
  const result: JsonObject = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/') || key === '$retainKeys' || key === '$patch') continue;
    if (value === null) {
      delete result[key];
      continue;
    }
    const mergeKey = MERGE_KEYS[key];
    if (mergeKey !== undefined && Array.isArray(value)) {
      result[key] = mergeList(result[key], value, mergeKey);
    } else {
      result[key] = applyStrategicMergePatch(result[key], value);
    }
  }
  return result;
}

function mergeList(current: unknown, patch: readonly unknown[], mergeKey: string): unknown[] {
  const merged: unknown[] = Array.isArray(current) ? structuredClone(current) : [];
  for (const element of patch) {
    if (!isObject(element) || !(mergeKey in element)) {
      merged.push(structuredClone(element));
      continue;
    }
    const key = element[mergeKey];
    const index = merged.findIndex((item) => isObject(item) && item[mergeKey] === key);
    if (element.$patch === 'delete') {
      if (index >= 0) merged.splice(index, 1);
    } else if (index >= 0) {
      merged[index] = applyStrategicMergePatch(merged[index], element);
    } else {
      merged.push(applyStrategicMergePatch(undefined, element));
    }
  }
  return merged;
}
