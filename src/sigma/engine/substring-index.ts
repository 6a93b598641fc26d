/**
 * A multi-substring index for the candidate lookup: keys (lowercased substrings) map to tags
 * (numbers: which requirement of which rule), and one pass over a text offers the tags of
 * every key the text contains. Each key of four or more characters is filed under the hash
 * of its rarest 4-gram (rarest among all keys, so that common pieces such as `c:\\w` or ` -`
 * do not make every position a hit), keys of three under a hash of all three, shorter ones
 * under their first character. Each text position reads a byte table first; a hit checks
 * the whole key with `startsWith` at the gram's offset, so the answer is exact.
 * @module
 */

/** Table size (a power of two): large enough that thousands of keys leave it sparse. */
const TABLE = 1 << 16;
const MASK = TABLE - 1;

const EMPTY = new Uint8Array(0);
const NO_TAGS: readonly number[] = [];

/**
 * Memo bounds: characters held (entries count a fixed cost too), longest text remembered.
 * The SigmaHQ corpus builds about 270 indexes: at most ~130 KB each, ~35 MB in all.
 */
const MEMO_CHARS = 1 << 16;
const MEMO_ENTRY_COST = 32;
const MEMO_MAX_TEXT = 4096;
/** Lookups over which the memo's hit rate is judged, and visits it stays off when too low. */
const MEMO_WINDOW = 4096;
const MEMO_RETRY = 1 << 16;

/** Hash of the n characters at `at` (n = 3 or 4), as the rolling loop computes it. */
function gramHash(text: string, at: number, n: number): number {
  let hash = 0;
  for (let i = 0; i < n; i++) hash = (hash * 31 + text.charCodeAt(at + i)) & MASK;
  return hash;
}

interface Entry {
  readonly key: string;
  /** Where the filed gram starts in the key. */
  readonly offset: number;
  readonly tags: number[];
}

/** Keys filed under one kind of hash, with the byte table of used hashes. */
class Table {
  readonly entries = new Map<number, Entry[]>();
  /** Allocated with the first key: most tables of most indexes stay empty. */
  flags = EMPTY;
  used = false;

  file(hash: number, key: string, offset: number, tags: readonly number[]): void {
    if (!this.used) this.flags = new Uint8Array(TABLE);
    this.used = true;
    this.flags[hash] = 1;
    let list = this.entries.get(hash);
    if (list === undefined) {
      list = [];
      this.entries.set(hash, list);
    }
    list.push({ key, offset, tags: [...tags] });
  }
}

function offer(
  text: string,
  at: number,
  entries: readonly Entry[],
  take: (tag: number) => void,
): void {
  for (const entry of entries) {
    const start = at - entry.offset;
    if (start >= 0 && text.startsWith(entry.key, start)) for (const tag of entry.tags) take(tag);
  }
}

export class SubstringIndex {
  /** Keys and their tags until the tables are built (on the first visit). */
  readonly #pending = new Map<string, number[]>();
  #built = false;
  readonly #long = new Table();
  readonly #three = new Table();
  readonly #short = new Table();

  /** Files a non-empty key for a tag. Keys added after the first visit are not seen. */
  add(key: string, tag: number): void {
    if (this.#built) throw new Error('SubstringIndex: add after the first visit');
    const tags = this.#pending.get(key);
    if (tags === undefined) this.#pending.set(key, [tag]);
    else if (!tags.includes(tag)) tags.push(tag);
  }

  #build(): void {
    this.#built = true;
    const gramCount = new Map<string, number>();
    for (const key of this.#pending.keys()) {
      for (let i = 0; i + 4 <= key.length; i++) {
        const gram = key.slice(i, i + 4);
        gramCount.set(gram, (gramCount.get(gram) ?? 0) + 1);
      }
    }
    for (const [key, tags] of this.#pending) {
      if (key.length >= 4) {
        let best = 0;
        let bestCount = Number.POSITIVE_INFINITY;
        for (let i = 0; i + 4 <= key.length; i++) {
          const count = gramCount.get(key.slice(i, i + 4))!;
          if (count < bestCount) {
            best = i;
            bestCount = count;
          }
        }
        this.#long.file(gramHash(key, best, 4), key, best, tags);
      } else if (key.length === 3) this.#three.file(gramHash(key, 0, 3), key, 0, tags);
      else this.#short.file(key.charCodeAt(0) & MASK, key, 0, tags);
    }
    this.#pending.clear();
  }

  /**
   * The tags found in recently visited texts: log values repeat (image paths, parent command
   * lines, host and user names), so a text seen before costs one lookup instead of a scan.
   * Bounded by the characters it holds; cleared when full. The index is immutable once
   * built, so a remembered answer is exact. When texts do not repeat (fewer than one hit in
   * eight lookups over a window) the memo turns itself off, and tries again later.
   */
  readonly #memo = new Map<string, readonly number[]>();
  #memoChars = 0;
  #memoOn = true;
  #lookups = 0;
  #hits = 0;
  #memoOffVisits = 0;
  /** Tags of the text being scanned (reused). */
  readonly #found: number[] = [];
  readonly #collect = (tag: number): void => {
    this.#found.push(tag);
  };

  /** Offers the tags of every key `text` contains (a tag may come several times). */
  visit(text: string, take: (tag: number) => void): void {
    if (!this.#memoOn) {
      if (++this.#memoOffVisits === MEMO_RETRY) {
        this.#memoOffVisits = 0;
        this.#memoOn = true;
      }
      this.#scan(text, take);
      return;
    }
    let tags = this.#memo.get(text);
    if (tags === undefined) {
      const found = this.#found;
      found.length = 0;
      this.#scan(text, this.#collect);
      tags = found.length === 0 ? NO_TAGS : found.slice();
      if (text.length <= MEMO_MAX_TEXT) {
        if (this.#memoChars + text.length > MEMO_CHARS) {
          this.#memo.clear();
          this.#memoChars = 0;
        }
        this.#memo.set(text, tags);
        this.#memoChars += text.length + MEMO_ENTRY_COST;
      }
    } else this.#hits += 1;
    if (++this.#lookups === MEMO_WINDOW) {
      if (this.#hits * 8 < this.#lookups) {
        this.#memoOn = false;
        this.#memo.clear();
        this.#memoChars = 0;
      }
      this.#lookups = 0;
      this.#hits = 0;
    }
    for (let i = 0; i < tags.length; i++) take(tags[i]!);
  }

  #scan(text: string, take: (tag: number) => void): void {
    if (!this.#built) this.#build();
    const length = text.length;
    if (this.#long.used && length >= 4) {
      const { flags, entries } = this.#long;
      // The 4-gram hash, rolled: one character read per position (masking in between keeps
      // the numbers small and, the mask being a power of two, gives the same result).
      let a = text.charCodeAt(0);
      let b = text.charCodeAt(1);
      let c = text.charCodeAt(2);
      for (let i = 0; i + 4 <= length; i++) {
        const d = text.charCodeAt(i + 3);
        const hash = ((((((a * 31) & MASK) + b) * 31 + c) & MASK) * 31 + d) & MASK;
        if (flags[hash] === 1) offer(text, i, entries.get(hash)!, take);
        a = b;
        b = c;
        c = d;
      }
    }
    if (this.#three.used) {
      const { flags, entries } = this.#three;
      for (let i = 0; i + 3 <= length; i++) {
        const hash = gramHash(text, i, 3);
        if (flags[hash] === 1) offer(text, i, entries.get(hash)!, take);
      }
    }
    if (this.#short.used) {
      const { flags, entries } = this.#short;
      for (let i = 0; i < length; i++) {
        const hash = text.charCodeAt(i) & MASK;
        if (flags[hash] === 1) offer(text, i, entries.get(hash)!, take);
      }
    }
  }
}
