/**
 * Field readers. A dotted name walks nested objects (`objectRef.resource`); an array on the
 * way, or at the end, stands for all its members (any member may match). A literal key that
 * contains the dots wins over the walk, at every level: `{"a.b": 1}` answers `a.b` with 1.
 * @module
 */

/**
 * Reads a field: `undefined` when absent; an array when several values were found. `cache`
 * (optional) shares the objects' key scans between the fields of one event.
 */
export type FieldReader = (data: unknown, cache?: WalkCache) => unknown;

function ownValue(object: Record<string, unknown>, key: string): unknown {
  const value = object[key];
  // Only own properties: an event field named `constructor` must not read the prototype.
  return value !== undefined && Object.hasOwn(object, key) ? value : undefined;
}

/**
 * An array stands for all its members: the values found in them, arrays flattened one level;
 * undefined when no member has one.
 */
function fanOut(members: readonly unknown[], read: (member: unknown) => unknown): unknown {
  const found: unknown[] = [];
  let present = false;
  for (const member of members) {
    const value = read(member);
    if (value === undefined) continue;
    present = true;
    if (Array.isArray(value)) found.push(...value);
    else found.push(value);
  }
  return present ? found : undefined;
}

/** Resolves a path (split at every dot) with literal-key precedence; arrays fan out. */
export function resolvePath(data: unknown, path: string): unknown {
  if (data === null || typeof data !== 'object') return undefined;
  if (Array.isArray(data)) return fanOut(data, (member) => resolvePath(member, path));
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

/**
 * What a reader learned about the objects of one event: whether each has an own key
 * containing a dot (where a literal key could win over the plain walk). The fields of one
 * event walk the same objects (the root, `requestObject`, `requestObject.spec`, …) one after
 * the other, so the last answer at each depth is kept: an object is scanned about once per
 * event, not once per field. `clear()` it before the next event (`EventView.reset` does).
 */
export class WalkCache {
  static readonly DEPTHS = 16;
  readonly #objects: Array<object | undefined> = new Array(WalkCache.DEPTHS).fill(undefined);
  readonly #answers: boolean[] = new Array(WalkCache.DEPTHS).fill(false);

  clear(): void {
    this.#objects.fill(undefined);
  }

  hasDottedKey(object: Record<string, unknown>, depth: number): boolean {
    const slot = Math.min(depth, WalkCache.DEPTHS - 1);
    if (this.#objects[slot] === object) return this.#answers[slot] as boolean;
    const dotted = hasDottedKey(object);
    this.#objects[slot] = object;
    this.#answers[slot] = dotted;
    return dotted;
  }
}

function hasDottedKey(object: Record<string, unknown>): boolean {
  // Own enumerable keys only: Object.keys is V8's fast path (its enum cache).
  for (const key of Object.keys(object)) if (key.includes('.')) return true;
  return false;
}

/**
 * Compiles a reader; a name without dots becomes a single property read. A dotted name walks
 * one segment per level with precomputed keys, exactly as `resolvePath` does: where an object
 * holds a dotted key (rare in event data), that level and below go through `resolvePath`.
 */
export function compileFieldReader(field: string): FieldReader {
  if (!field.includes('.')) {
    return (data) =>
      data !== null && typeof data === 'object' && !Array.isArray(data)
        ? ownValue(data as Record<string, unknown>, field)
        : undefined;
  }
  const segments = field.split('.');
  // Empty segments (`a..b`, `.a`) follow resolvePath's literal rules only.
  if (segments.some((segment) => segment === '')) return (data) => resolvePath(data, field);
  const suffixes = segments.map((_, i) => segments.slice(i).join('.'));
  const last = segments.length - 1;
  const read = (data: unknown, i: number, cache: WalkCache | undefined): unknown => {
    if (data === null || typeof data !== 'object') return undefined;
    if (Array.isArray(data)) return fanOut(data, (member) => read(member, i, cache));
    const object = data as Record<string, unknown>;
    const dotted = cache ? cache.hasDottedKey(object, i) : hasDottedKey(object);
    if (dotted) return resolvePath(object, suffixes[i] as string);
    const value = ownValue(object, segments[i] as string);
    if (value === undefined || i === last) return value;
    return read(value, i + 1, cache);
  };
  return (data, cache) => read(data, 0, cache);
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
