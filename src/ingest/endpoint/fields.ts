/**
 * Small readers shared by the JSON endpoint decoders: a field read by dotted path that
 * accepts both nested objects (`{"process":{"pid":1}}`) and flattened keys
 * (`{"process.pid":1}`), as ECS documents and agent outputs use either.
 * @module
 */
import { isObject } from '../json/record-format.js';

/** The value at `path` (`a.b.c`), nested or flattened at any level; undefined when absent. */
export function readPath(value: unknown, path: string): unknown {
  if (!isObject(value)) return undefined;
  if (path in value) return value[path];
  let dot = path.indexOf('.');
  while (dot !== -1) {
    const head = path.slice(0, dot);
    if (head in value) {
      const found = readPath(value[head], path.slice(dot + 1));
      if (found !== undefined) return found;
    }
    dot = path.indexOf('.', dot + 1);
  }
  return undefined;
}

/** A string or a list of strings as a list (ECS `event.category` may be either). */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** Sets `data[key] = value` when value is present (not undefined, null or ''). */
export function setPresent(data: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined || value === null || value === '') return;
  data[key] = value;
}
