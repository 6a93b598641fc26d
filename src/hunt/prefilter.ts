/**
 * The literal prefilter of `hunt`: decides from the raw bytes of a JSON line, before any
 * UTF-8 decoding or `JSON.parse`, whether any candidate rule could match the record on it.
 *
 * It is exact, never a heuristic. Every compiled rule (and scoped analytic) that can run on
 * the stream must state a requirement: an AND of clauses, each a set of strings of which one
 * must occur, case-insensitively, in some value of the record (`literals.ts`). Each
 * requirement's most selective clause is its anchor; one multi-literal pass over the whole
 * block finds the lines holding an anchor, and only those lines are lowered to text and
 * checked against every clause of every requirement. A field value is
 * written in the line as JSON text, so the decoded value appears in the raw bytes unless
 * (a) a JSON escape stands for one of its characters, or (b) a non-ASCII character case-folds
 * to an ASCII one (Kelvin sign K → k, long s ſ → s, dotted/dotless i). A line is skipped only
 * when, over its raw bytes lowered in ASCII, no literal occurs, no escape sequence could stand
 * for a character of a literal, and no such folding character occurs. `\\` is always
 * treated as relevant because it may begin an escape of a JSON document nested in a string
 * (AKS `properties.log`, EKS `message`).
 * @module
 */

import { type Clause, type LineRequirement, minimalClause, simplify } from './literals.js';

/**
 * What a chunk scan reports for each line that must be decoded: its byte range and its
 * 0-based index among the chunk's lines.
 */
export type LineVisitor = (start: number, end: number, index: number) => void;

export interface Prefilter {
  /** The anchor literals searched in every block, lowercased, minimal. */
  readonly literals: readonly string[];
  /** The requirements checked on lines holding an anchor (normalized). */
  readonly requirements: readonly LineRequirement[];
  /**
   * Visits, in order, every line of `chunk[0, length)` that must be decoded (`end` excludes
   * the `\n` and a `\r` before it); returns how many lines the chunk holds (a last line
   * without `\n` counts). `length` must end on a line boundary or at the end of input.
   */
  scan(chunk: Buffer, length: number, visit: LineVisitor): number;
}

/** A requirement of one literal set (any one of them): handy for tests and simple callers. */
export function anyOf(literals: readonly string[]): LineRequirement[] {
  return [[literals]];
}

const LF = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** UTF-8 of characters whose case mapping or simple case folding reaches ASCII letters. */
const FOLDING_SEQUENCES: readonly Buffer[] = [
  Buffer.from('\u0130', 'utf8'), // İ → i̇ (toLowerCase)
  Buffer.from('\u0131', 'utf8'), // ı → I (toUpperCase)
  Buffer.from('\u017f', 'utf8'), // ſ → S (toUpperCase; folds to s)
  Buffer.from('\u212a', 'utf8'), // K (Kelvin) → k
];

/** Only records of this shape are ever skipped: a raw audit Event (or EventList) line. */
const AUDIT_MARKER = Buffer.from('"auditID"', 'latin1');

/**
 * One clause per requirement whose literals the block scan searches: requirements with a
 * single clause first (no choice), then each other requirement reuses a clause already
 * covered by the anchors (every literal holds one) or adds its most selective clause
 * (`simplify` orders clauses so). Fewer anchors mean longer shifts and fewer verifications.
 */
function chooseAnchors(requirements: readonly LineRequirement[]): string[] {
  const anchors: string[] = [];
  const isCovered = (clause: Clause) =>
    clause.every((literal) => anchors.some((anchor) => literal.includes(anchor)));
  const ordered = [...requirements].sort((a, b) => a.length - b.length);
  for (const requirement of ordered) {
    if (requirement.some(isCovered)) continue;
    anchors.push(...requirement[0]!); // simplify never leaves a requirement empty here
  }
  return minimalClause(anchors);
}

/** A literal can be searched in ASCII-lowered bytes when it is non-empty printable ASCII. */
function isSearchable(literal: string): boolean {
  return literal.length > 0 && /^[\x20-\x7e]+$/.test(literal);
}

/**
 * Compiles requirements into a scanner. A clause holding a literal that is not printable
 * ASCII is dropped (dropping a clause only lets more lines through); a requirement left
 * without a clause, or no requirement at all, disables the prefilter (undefined): exactness
 * first.
 */
export function compilePrefilter(
  requirements: readonly LineRequirement[] | undefined,
): Prefilter | undefined {
  if (requirements === undefined || requirements.length === 0) return undefined;
  const normalized: LineRequirement[] = [];
  for (const requirement of requirements) {
    const usable = simplify(
      requirement
        .map((clause) => clause.map((literal) => literal.toLowerCase()))
        .filter((clause) => clause.every(isSearchable)),
    );
    if (usable.length === 0) return undefined;
    normalized.push(usable);
  }
  const anchors = chooseAnchors(normalized);
  const needles = anchors.map((literal) => Buffer.from(literal, 'latin1'));
  const charset = new Uint8Array(128);
  for (const requirement of normalized)
    for (const clause of requirement)
      for (const literal of clause)
        for (let i = 0; i < literal.length; i++) charset[literal.charCodeAt(i)] = 1;
  // A line holding an anchor meets a requirement made of that anchor's clause alone; when
  // every anchor is so, a hit needs no further check.
  const isEnough = anchors.every((anchor) =>
    normalized.some((r) => r.length === 1 && r[0]!.includes(anchor)),
  );
  const check = isEnough ? undefined : compileCheck(normalized);
  let search: MultiSearch | undefined | null = null; // built from the first chunk seen
  return {
    literals: anchors,
    requirements: normalized,
    scan: (chunk, length, visit) => {
      if (search === null) search = compileMultiSearch(needles, chunk, length);
      return scanChunk(chunk, length, needles, search, charset, check, visit);
    },
  };
}

/**
 * Whether the line `chunk[start, end)` meets some requirement: every clause has a literal
 * in it. The line is lowered once as latin1 text (lowering a latin1 character never yields
 * ASCII, so this equals ASCII lowering for ASCII literals) and each distinct literal is
 * looked up at most once per line.
 */
type LineCheck = (chunk: Buffer, start: number, end: number) => boolean;

function compileCheck(requirements: readonly LineRequirement[]): LineCheck {
  const ids = new Map<string, number>();
  const idOf = (literal: string) => {
    let id = ids.get(literal);
    if (id === undefined) {
      id = ids.size;
      ids.set(literal, id);
    }
    return id;
  };
  const compiled = requirements.map((requirement) => requirement.map((clause) => clause.map(idOf)));
  const literals = [...ids.keys()];
  const seen = new Int8Array(literals.length); // 0 unknown, 1 present, 2 absent
  return (chunk, start, end) => {
    const lowered = chunk.toString('latin1', start, end).toLowerCase();
    seen.fill(0);
    const has = (id: number) => {
      let state = seen[id]!; // ids index `seen`
      if (state === 0) {
        state = lowered.includes(literals[id]!) ? 1 : 2;
        seen[id] = state;
      }
      return state === 1;
    };
    for (const requirement of compiled) {
      let meets = true;
      for (const clause of requirement) {
        if (!clause.some(has)) {
          meets = false;
          break;
        }
      }
      if (meets) return true;
    }
    return false;
  };
}

/** ASCII lower-casing table for single bytes. */
const LOWER = new Uint8Array(256).map((_, b) => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b));

/**
 * A Wu–Manber multi-literal search over raw bytes, case-insensitive in ASCII: one pass that
 * shifts by up to `m - 1` bytes on bigrams no literal's first `m` bytes end with (`m` the
 * shortest literal). Measured ~4× faster than one `Buffer.indexOf` pass per literal over
 * a lowered copy once there are more than two literals.
 */
interface MultiSearch {
  readonly m: number;
  readonly shift: Uint8Array;
  /** Per bigram ending a literal's window: the literals to verify there, with window offsets. */
  readonly verify: ReadonlyMap<number, ReadonlyArray<{ needle: Buffer; offset: number }>>;
}

function foldedBigram(bytes: Buffer, at: number): number {
  return ((bytes[at]! | 0x20) << 8) | (bytes[at + 1]! | 0x20); // callers keep at + 1 in range
}

/** Folded bigram counts of a sample, to place each literal's window on rare bigrams. */
function bigramCounts(sample: Buffer, length: number): Uint32Array {
  const counts = new Uint32Array(65536);
  const end = Math.min(length, 1 << 20) - 1;
  for (let i = 0; i < end; i++) counts[foldedBigram(sample, i)]! += 1;
  return counts;
}

/**
 * Builds the shift table. Any `m`-byte window of a literal works (the verification knows the
 * window's offset); the one whose bigrams are rarest in `sample` is chosen, so common text
 * (`on`, `at`, `st`) rarely stops the scan.
 */
function compileMultiSearch(
  needles: readonly Buffer[],
  sample: Buffer,
  sampleLength: number,
): MultiSearch | undefined {
  const m = Math.min(...needles.map((n) => n.length));
  if (m < 3 || m > 255) return undefined;
  const counts = bigramCounts(sample, sampleLength);
  const shift = new Uint8Array(65536).fill(m - 1);
  const verify = new Map<number, Array<{ needle: Buffer; offset: number }>>();
  for (const needle of needles) {
    let offset = 0;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let w = 0; w + m <= needle.length; w++) {
      // The final bigram stops the scan (shift 0); the others only shorten shifts.
      let cost = counts[foldedBigram(needle, w + m - 2)]! * 8;
      for (let q = w; q < w + m - 2; q++) cost += counts[foldedBigram(needle, q)]!;
      if (cost < bestCost) {
        bestCost = cost;
        offset = w;
      }
    }
    for (let q = 1; q < m; q++) {
      const h = foldedBigram(needle, offset + q - 1);
      const s = m - 1 - q;
      if (s < shift[h]!) shift[h] = s;
    }
    const last = foldedBigram(needle, offset + m - 2);
    const list = verify.get(last);
    if (list) list.push({ needle, offset });
    else verify.set(last, [{ needle, offset }]);
  }
  return { m, shift, verify };
}

/** Whether `needle` (lowercase) occurs at `at` in `chunk`, ignoring ASCII case. */
function matchesAt(chunk: Buffer, at: number, needle: Buffer, length: number): boolean {
  if (at < 0 || at + needle.length > length) return false;
  for (let i = 0; i < needle.length; i++) if (LOWER[chunk[at + i]!] !== needle[i]) return false;
  return true;
}

/** Sets `bit` for every line holding a literal, in one Wu–Manber pass. */
function markLiteralLines(
  chunk: Buffer,
  length: number,
  search: MultiSearch,
  lineEnds: Int32Array,
  lineCount: number,
  marks: Uint8Array,
  bit: number,
): void {
  const { m, shift, verify } = search;
  // A plain Uint8Array view: V8 keeps this loop monomorphic (measured ~2x over Buffer access).
  const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, length);
  let line = 0;
  let pos = m - 1;
  while (pos < length) {
    // `| 0x20` folds ASCII case (and merges a few punctuation pairs: more verifications, no miss).
    let h = ((bytes[pos - 1]! | 0x20) << 8) | (bytes[pos]! | 0x20); // pos >= 1, pos < length
    let s = shift[h]!;
    while (s > 0) {
      pos += s;
      if (pos >= length) return;
      h = ((bytes[pos - 1]! | 0x20) << 8) | (bytes[pos]! | 0x20);
      s = shift[h]!;
    }
    const windowStart = pos - m + 1;
    let start = -1;
    const entries = verify.get(h);
    if (entries !== undefined) {
      for (const { needle, offset } of entries) {
        if (matchesAt(chunk, windowStart - offset, needle, length)) {
          start = windowStart - offset;
          break;
        }
      }
    }
    if (start < 0) {
      pos += 1;
      continue;
    }
    while (line < lineCount && lineEnds[line]! < start) line += 1;
    if (line >= lineCount) return;
    marks[line] = (marks[line] ?? 0) | bit;
    pos = Math.max(lineEnds[line]! + m, pos + 1); // one hit per line is enough
    line += 1;
  }
}

/**
 * Copies `source[0, length)` into `target` with ASCII A–Z lowered, four bytes at a time
 * (SWAR): a byte is upper case when its top bit is clear and it lies in 0x41–0x5a.
 */
export function asciiLower(source: Buffer, target: Buffer, length: number): void {
  const words = length >>> 2;
  const aligned = source.byteOffset % 4 === 0 && target.byteOffset % 4 === 0;
  if (aligned && words > 0) {
    const from = new Uint32Array(source.buffer, source.byteOffset, words);
    const to = new Uint32Array(target.buffer, target.byteOffset, words);
    for (let i = 0; i < words; i++) {
      const w = from[i]!; // i < words, the view's length
      const low7 = w & 0x7f7f7f7f;
      const geA = (low7 + 0x3f3f3f3f) & 0x80808080; // byte >= 0x41
      const gtZ = (low7 + 0x25252525) & 0x80808080; // byte > 0x5a
      const upper = geA & ~gtZ & ~w & 0x80808080;
      to[i] = w | (upper >>> 2);
    }
  }
  for (let i = aligned ? words << 2 : 0; i < length; i++) {
    const b = source[i]!; // i < length <= source.length
    target[i] = b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
  }
}

/** Scratch buffer for the lowered copy, grown on demand (one per thread). */
let scratch = Buffer.allocUnsafe(0);

function loweredCopy(chunk: Buffer, length: number): Buffer {
  if (scratch.length < length) scratch = Buffer.allocUnsafe(Math.max(length, 1 << 20));
  asciiLower(chunk, scratch, length);
  return scratch;
}

/** The value of one hex digit byte, or -1. */
function hexDigit(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** The code unit of four hex digits at `at` (callers keep `at + 4` in range), or -1. */
function hex4(chunk: Buffer, at: number): number {
  let code = 0;
  for (let i = 0; i < 4; i++) {
    const digit = hexDigit(chunk[at + i]!);
    if (digit < 0) return -1;
    code = (code << 4) | digit;
  }
  return code;
}

/**
 * Whether the escape starting at `at` (a backslash) could stand for a character of a literal.
 * Returns the number of bytes it spans in `span[0]`.
 */
function escapeIsRelevant(
  chunk: Buffer,
  at: number,
  end: number,
  charset: Uint8Array,
  span: number[],
): boolean {
  const next = at + 1 < end ? chunk[at + 1]! : -1; // bounds checked
  span[0] = 2;
  switch (next) {
    case BACKSLASH:
      return true; // may start an escape of a nested JSON document
    case 0x22: // \"
      return charset[0x22] === 1;
    case 0x2f: // \/
      return charset[0x2f] === 1;
    case 0x62:
    case 0x66:
    case 0x6e:
    case 0x72:
    case 0x74:
      return false; // \b \f \n \r \t: control characters, never in a printable literal
    case 0x75: {
      if (at + 6 > end) return true;
      const code = hex4(chunk, at + 2);
      if (code < 0) return true;
      span[0] = 6;
      if (code >= 0x80) return isFoldingCodePoint(code);
      const lower = code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
      return charset[lower] === 1;
    }
    default:
      return true; // not a valid escape: let the parser decide
  }
}

function isFoldingCodePoint(code: number): boolean {
  return code === 0x130 || code === 0x131 || code === 0x17f || code === 0x212a;
}

/** Whether the line `[start, end)` holds `"auditID"` (it sits near the start of a record). */
function hasMarker(chunk: Buffer, start: number, end: number): boolean {
  // A plain loop: the marker sits ~70 bytes in, where a native search's set-up costs more.
  const marker = AUDIT_MARKER;
  const last = end - marker.length;
  for (let i = start; i <= last; i++) {
    if (chunk[i] !== 0x22 || chunk[i + 1] !== 0x61 || chunk[i + 8] !== 0x22) continue;
    let j = 2;
    while (j < 8 && chunk[i + j] === marker[j]) j += 1;
    if (j === 8) return true;
  }
  return false;
}

/** Sets `bit` in `marks` (one byte per line) for every line of the chunk holding `needle`. */
function markHits(
  haystack: Buffer,
  needle: Buffer,
  length: number,
  lineEnds: Int32Array,
  lineCount: number,
  marks: Uint8Array,
  bit = 1,
): void {
  let from = 0;
  let line = 0;
  while (from < length) {
    const hit = haystack.indexOf(needle, from);
    if (hit < 0 || hit + needle.length > length) return;
    while (line < lineCount && lineEnds[line]! < hit) line += 1; // line < lineCount
    if (line >= lineCount) return;
    marks[line] = (marks[line] ?? 0) | bit;
    from = lineEnds[line]! + 1; // continue after this line: one hit is enough
    line += 1;
  }
}

let lineEndsScratch = new Int32Array(1024);
let marksScratch = new Uint8Array(1024);

/** Line marks: decode the line outright / it holds an anchor (check its requirements). */
const PASS = 1;
const ANCHOR = 2;

function scanChunk(
  chunk: Buffer,
  length: number,
  needles: readonly Buffer[],
  search: MultiSearch | undefined,
  charset: Uint8Array,
  check: LineCheck | undefined,
  visit: LineVisitor,
): number {
  // 1. Line boundaries (memchr through Buffer.indexOf).
  let lineCount = 0;
  for (let pos = 0; pos < length; ) {
    let nl = chunk.indexOf(LF, pos);
    if (nl < 0 || nl >= length) nl = length;
    if (lineCount === lineEndsScratch.length) {
      const grown = new Int32Array(lineCount * 2);
      grown.set(lineEndsScratch);
      lineEndsScratch = grown;
    }
    lineEndsScratch[lineCount++] = nl;
    pos = nl + 1;
  }
  if (marksScratch.length < lineCount) marksScratch = new Uint8Array(lineEndsScratch.length);
  const lineEnds = lineEndsScratch;
  const marks = marksScratch;
  marks.fill(0, 0, lineCount);

  // 2. Anchor hits over the whole block: one multi-literal pass, or one pass per literal
  //    over a lowered copy when a literal is too short for the shift table.
  if (search !== undefined) {
    markLiteralLines(chunk, length, search, lineEnds, lineCount, marks, ANCHOR);
  } else {
    const lowered = loweredCopy(chunk, length);
    for (const needle of needles)
      markHits(lowered, needle, length, lineEnds, lineCount, marks, ANCHOR);
  }

  // 3. Escapes that could hide a literal character: such a line is decoded.
  const span = [2];
  let line = 0;
  for (let from = 0; from < length; ) {
    const at = chunk.indexOf(BACKSLASH, from);
    if (at < 0 || at >= length) break;
    while (line < lineCount && lineEnds[line]! < at) line += 1;
    if (escapeIsRelevant(chunk, at, lineEnds[line] ?? length, charset, span)) {
      marks[line] = (marks[line] ?? 0) | PASS;
      from = (lineEnds[line] ?? length) + 1;
    } else {
      from = at + span[0]!;
    }
  }

  // 4. Characters that case-fold to ASCII (their UTF-8 starts with 0xC4, 0xC5 or 0xE2;
  //    memchr for those lead bytes first, as audit logs are nearly all ASCII).
  for (const sequence of FOLDING_SEQUENCES) {
    const lead = chunk.indexOf(sequence[0]!, 0); // sequences are 2–3 bytes long
    if (lead >= 0 && lead < length)
      markHits(chunk, sequence, length, lineEnds, lineCount, marks, PASS);
  }

  // 5. Visit the lines to decode: marked to pass, not shaped like one raw audit record, or
  //    holding an anchor and meeting some requirement. Other lines are only counted.
  let start = 0;
  for (let i = 0; i < lineCount; i++) {
    const nl = lineEnds[i]!; // i < lineCount
    let end = nl;
    if (end > start && chunk[end - 1] === CR) end -= 1;
    if (end > start) {
      const mark = marks[i]!; // i < lineCount <= marks.length
      if (
        (mark & PASS) !== 0 ||
        chunk[start] !== OPEN_BRACE ||
        chunk[end - 1] !== CLOSE_BRACE ||
        !hasMarker(chunk, start, end) ||
        ((mark & ANCHOR) !== 0 && (check === undefined || check(chunk, start, end)))
      ) {
        visit(start, end, i);
      }
    }
    start = nl + 1;
  }
  return lineCount;
}

/** The scanner used without a prefilter: every non-empty line is a candidate. */
export const PASS_ALL: Prefilter = {
  literals: [],
  requirements: [],
  scan(chunk, length, visit) {
    let start = 0;
    let index = 0;
    while (start < length) {
      let nl = chunk.indexOf(LF, start);
      if (nl < 0 || nl >= length) nl = length;
      let end = nl;
      if (end > start && chunk[end - 1] === CR) end -= 1;
      if (end > start) visit(start, end, index);
      index += 1;
      start = nl + 1;
    }
    return index;
  },
};
