/**
 * Field readers. A dotted name walks nested objects (`objectRef.resource`); an array on the
 * way, or at the end, stands for all its members (any member may match). A literal key that
 * contains the dots wins over the walk, at every level: `{"a.b": 1}` answers `a.b` with 1.
 * @module
 */

/** Reads a field: `undefined` when absent; an array when several values were found. */
export type FieldReader = (data: unknown) => unknown;

function ownValue(object: Record<string, unknown>, key: string): unknown {
  const value = object[key];
  // Only own properties: an event field named `constructor` must not read the prototype.
  return value !== undefined && Object.hasOwn(object, key) ? value : undefined;
}

/** Resolves a path (split at every dot) with literal-key precedence; arrays fan out. */
export function resolvePath(data: unknown, path: string): unknown {
  if (data === null || typeof data !== 'object') return undefined;
  if (Array.isArray(data)) {
    const found: unknown[] = [];
    let present = false;
    for (const member of data) {
      const value = resolvePath(member, path);
      if (value === undefined) continue;
      present = true;
      if (Array.isArray(value)) found.push(...value);
      else found.push(value);
    }
    return present ? found : undefined;
  }
  const object = data as Record<string, unknown>;
  const literal = ownValue(object, path);
  if (literal !== undefined) return literal;
  // Longest literal prefix first: `a.b.c` tries `a.b` then `a`.
  for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
    const head = ownValue(object, path.slice(0, dot));
    if (head !== undefined) {
      const value = resolvePath(head, path.slice(dot + 1));
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** Compiles a reader; a name without dots becomes a single property read. */
export function compileFieldReader(field: string): FieldReader {
  if (!field.includes('.')) {
    return (data) =>
      data !== null && typeof data === 'object' && !Array.isArray(data)
        ? ownValue(data as Record<string, unknown>, field)
        : undefined;
  }
  return (data) => resolvePath(data, field);
}

/** Calls `visit` for every scalar leaf under a value (arrays and objects walked). */
export function collectStringLeaves(value: unknown, out: string[], depth = 0): void {
  if (depth > 64) return;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value))
    for (const member of value) collectStringLeaves(member, out, depth + 1);
  else if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (Object.hasOwn(value, key))
        collectStringLeaves((value as Record<string, unknown>)[key], out, depth + 1);
    }
  }
}
