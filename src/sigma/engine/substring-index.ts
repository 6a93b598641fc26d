/**
 * A multi-substring index for the candidate lookup: keys (lowercased substrings) map to rule
 * ordinals, and one pass over a text offers the ordinals of every key the text contains.
 * Keys are filed under a hash of their first three characters (one- and two-character keys
 * under their first character); each text position first reads a byte table, so positions
 * no key starts at cost one array read, and a hash collision costs one `startsWith`.
 * @module
 */

/** Table size (a power of two). */
const TABLE = 8192;
const MASK = TABLE - 1;

function hash3(text: string, at: number): number {
  return (
    ((text.charCodeAt(at) * 31 + text.charCodeAt(at + 1)) * 31 + text.charCodeAt(at + 2)) & MASK
  );
}

interface Entry {
  readonly key: string;
  readonly ordinals: number[];
}

function file(
  table: Map<number, Entry[]>,
  flags: Uint8Array,
  hash: number,
  key: string,
  ordinal: number,
): void {
  flags[hash] = 1;
  let entries = table.get(hash);
  if (entries === undefined) {
    entries = [];
    table.set(hash, entries);
  }
  let entry = entries.find((candidate) => candidate.key === key);
  if (entry === undefined) {
    entry = { key, ordinals: [] };
    entries.push(entry);
  }
  if (!entry.ordinals.includes(ordinal)) entry.ordinals.push(ordinal);
}

function offer(
  text: string,
  at: number,
  entries: readonly Entry[],
  take: (ordinal: number) => void,
): void {
  for (const entry of entries) {
    if (text.startsWith(entry.key, at)) for (const ordinal of entry.ordinals) take(ordinal);
  }
}

export class SubstringIndex {
  readonly #long = new Map<number, Entry[]>();
  readonly #longFlags = new Uint8Array(TABLE);
  readonly #short = new Map<number, Entry[]>();
  readonly #shortFlags = new Uint8Array(TABLE);
  #hasLong = false;
  #hasShort = false;

  /** Files a non-empty key for a rule ordinal. */
  add(key: string, ordinal: number): void {
    if (key.length >= 3) {
      this.#hasLong = true;
      file(this.#long, this.#longFlags, hash3(key, 0), key, ordinal);
    } else {
      this.#hasShort = true;
      file(this.#short, this.#shortFlags, key.charCodeAt(0) & MASK, key, ordinal);
    }
  }

  /** Offers the ordinals of every key `text` contains (an ordinal may come several times). */
  visit(text: string, take: (ordinal: number) => void): void {
    const length = text.length;
    if (this.#hasLong) {
      const flags = this.#longFlags;
      // hash3, rolled: one character read per position.
      let a = text.charCodeAt(0);
      let b = text.charCodeAt(1);
      for (let i = 0; i + 3 <= length; i++) {
        const c = text.charCodeAt(i + 2);
        const hash = ((a * 31 + b) * 31 + c) & MASK;
        if (flags[hash] === 1) offer(text, i, this.#long.get(hash)!, take);
        a = b;
        b = c;
      }
    }
    if (this.#hasShort) {
      const flags = this.#shortFlags;
      for (let i = 0; i < length; i++) {
        const hash = text.charCodeAt(i) & MASK;
        if (flags[hash] === 1) offer(text, i, this.#short.get(hash)!, take);
      }
    }
  }
}
