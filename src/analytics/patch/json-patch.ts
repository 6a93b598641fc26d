/**
 * RFC 6902 JSON Patch, applied to a copy: what `kubectl patch --type json` sends and what the
 * audit log records as `requestObject` (an array of operations).
 * @module
 */
import { isObject } from '../audit-record.js';

export interface JsonPatchOperation {
  readonly op: string;
  readonly path: string;
  readonly value?: unknown;
  readonly from?: string;
}

/** A patch document is a JSON Patch when it is an array of `{op, path}` objects. */
export function isJsonPatch(body: unknown): body is JsonPatchOperation[] {
  return (
    Array.isArray(body) &&
    body.length > 0 &&
    body.every((op) => isObject(op) && typeof op.op === 'string' && typeof op.path === 'string')
  );
}

/** RFC 6901: `/a/b~1c` → `['a', 'b/c']`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Applies the operations in order. An operation that cannot apply (missing parent, failed
 * `test`) stops the patch, as the API server would reject it; the result is then
 * `undefined`.
 */
export function applyJsonPatch(target: unknown, operations: readonly JsonPatchOperation[]) {
  let document: unknown = structuredClone(target);
  for (const operation of operations) {
    const next = applyOperation(document, operation);
    if (next === FAILED) return undefined;
    document = next;
  }
  return document;
}

const FAILED = Symbol('failed');

function applyOperation(document: unknown, operation: JsonPatchOperation): unknown {
  const path = parsePointer(operation.path);
  switch (operation.op) {
    case 'add':
      return put(document, path, structuredClone(operation.value), 'add');
    case 'replace':
      return put(document, path, structuredClone(operation.value), 'replace');
    case 'remove':
      return remove(document, path);
    case 'copy':
    case 'move': {
      if (operation.from === undefined) return FAILED;
      const from = parsePointer(operation.from);
      const value = get(document, from);
      if (value === undefined) return FAILED;
      const source = operation.op === 'move' ? remove(document, from) : document;
      if (source === FAILED) return FAILED;
      return put(source, path, structuredClone(value), 'add');
    }
    case 'test':
      return JSON.stringify(get(document, path)) === JSON.stringify(operation.value)
        ? document
        : FAILED;
    default:
      return FAILED;
  }
}

function get(document: unknown, path: readonly string[]): unknown {
  let node = document;
  for (const token of path) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = Object.hasOwn(node, token) ? node[token] : undefined;
    else return undefined;
  }
  return node;
}

function put(document: unknown, path: readonly string[], value: unknown, mode: 'add' | 'replace') {
  if (path.length === 0) return value;
  const parent = get(document, path.slice(0, -1));
  const last = path[path.length - 1] as string;
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) return FAILED;
    if (mode === 'add') parent.splice(index, 0, value);
    else if (index < parent.length) parent[index] = value;
    else return FAILED;
    return document;
  }
  if (!isObject(parent)) return FAILED;
  if (mode === 'replace' && !Object.hasOwn(parent, last)) return FAILED;
  parent[last] = value;
  return document;
}

function remove(document: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return FAILED;
  const parent = get(document, path.slice(0, -1));
  const last = path[path.length - 1] as string;
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) return FAILED;
    parent.splice(index, 1);
    return document;
  }
  if (!isObject(parent) || !Object.hasOwn(parent, last)) return FAILED;
  delete parent[last];
  return document;
}
