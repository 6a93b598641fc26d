/**
 * Reads group-by and value fields from matched events. Follows the engine's field semantics
 * (docs/sigma-semantics.md): a literal key containing dots wins over the nested walk, and a
 * walk through an array collects the members' values.
 * @module
 */

/** Reads a dotted field path; undefined when absent. */
export function readField(data: unknown, path: string): unknown {
  if (data === null || typeof data !== 'object') return undefined;
  if (Array.isArray(data)) {
    const values: unknown[] = [];
    for (const member of data) {
      const value = readField(member, path);
      if (value === undefined) continue;
      if (Array.isArray(value)) values.push(...value);
      else values.push(value);
    }
    if (values.length === 0) return undefined;
    return values.length === 1 ? values[0] : values;
  }
  const record = data as Record<string, unknown>;
  if (Object.hasOwn(record, path)) return record[path];
  let dot = path.indexOf('.');
  while (dot !== -1) {
    const head = path.slice(0, dot);
    if (Object.hasOwn(record, head)) {
      const found = readField(record[head], path.slice(dot + 1));
      if (found !== undefined) return found;
    }
    dot = path.indexOf('.', dot + 1);
  }
  return undefined;
}

/** A number from a field value: numbers as such, numeric strings parsed, anything else undefined. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** A stable text key for a value (used for group keys and distinct-value counting). */
export function valueKey(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value) ?? 'null';
}
