/**
 * Needles to value tests. A test answers for one scalar event value (arrays are fanned out by
 * the caller). Work is done at compile time: lowercased needles, exact values in a `Set`,
 * prefixes / suffixes / substrings in plain arrays, RE2 objects built once.
 * @module
 */

import type RE2 from 're2';
import { assertNever } from '../assert-never.js';
import type { StringPart } from '../ast.js';
import { cidrContains, parseIp } from '../modifiers/cidr.js';
import { timePart, toEpochMs } from '../modifiers/time-part.js';
import { compileGlob, type GlobProgram, globMatch } from './glob.js';
import type { CompareOp, Needle } from './plan.js';
import { compileRegex } from './regex.js';
import { regexMinLength, requiredRegexLiteral } from './regex-literal.js';
import { regexRunTest } from './regex-run.js';

/** A test of one scalar value. Never throws. */
export type ValueTest = (value: unknown) => boolean;

/**
 * The same test for a string value whose lowercased copy the caller already has (the
 * `EventView` lowercases each field once per event): `testText(v, lower(v))` === `test(v)`.
 */
export type TextTest = (text: string, lower: string) => boolean;

export type NeedleCompile =
  | { readonly ok: true; readonly test: ValueTest; readonly testText: TextTest }
  | { readonly ok: false; readonly source: string; readonly reason: string };

const LOWER_CACHE = new Map<string, string>();
const LOWER_CACHE_LIMIT = 4096;

/**
 * Lowercases with a small shared cache: the candidate rules of one event test the same few
 * field values (Image, CommandLine) many times, and V8 keeps a string's hash, so a hit costs
 * one lookup instead of a copy. Measured with bench/sigma.ts.
 */
export function lowerCached(text: string): string {
  let lower = LOWER_CACHE.get(text);
  if (lower === undefined) {
    if (LOWER_CACHE.size >= LOWER_CACHE_LIMIT) LOWER_CACHE.clear();
    lower = text.toLowerCase();
    LOWER_CACHE.set(text, lower);
  }
  return lower;
}

/** Text of a scalar for string matching: strings as is, numbers and booleans rendered. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A number from a number or a numeric string (`" 42 "`, `1e3`), else NaN. */
export function scalarNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

export function compareNumbers(op: CompareOp, left: number, right: number): boolean {
  switch (op) {
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
    default:
      assertNever(op);
  }
}

type Shape =
  | { kind: 'exact'; text: string }
  | { kind: 'prefix'; text: string }
  | { kind: 'suffix'; text: string }
  | { kind: 'contains'; text: string }
  | { kind: 'any' }
  | { kind: 'glob' };

/** Recognises the common shapes `x`, `x*`, `*x`, `*x*`, `*` of a pattern. */
export function patternShape(parts: readonly StringPart[]): Shape {
  const star = (part: StringPart | undefined) => part?.kind === 'wildcard' && part.wildcard === '*';
  const texts = parts.filter((part) => part.kind === 'text');
  const wild = parts.filter((part) => part.kind === 'wildcard');
  if (wild.length === 0) return { kind: 'exact', text: texts.map((part) => part.text).join('') };
  if (wild.every((part) => part.wildcard === '*') && texts.length === 0) return { kind: 'any' };
  if (parts.length === 2 && texts.length === 1) {
    const text = (texts[0] as { text: string }).text;
    if (star(parts[1])) return { kind: 'prefix', text };
    if (star(parts[0])) return { kind: 'suffix', text };
  }
  if (parts.length === 3 && star(parts[0]) && star(parts[2]) && parts[1]?.kind === 'text') {
    return { kind: 'contains', text: parts[1].text };
  }
  return { kind: 'glob' };
}

function lowerParts(parts: readonly StringPart[]): StringPart[] {
  return parts.map((part) =>
    part.kind === 'text' ? { kind: 'text', text: part.text.toLowerCase() } : part,
  );
}

/** The longest text run of a pattern: every value the pattern matches contains it. */
export function longestRun(parts: readonly StringPart[]): string {
  let best = '';
  let run = '';
  for (const part of parts) {
    if (part.kind === 'text') run += part.text;
    else {
      if (run.length > best.length) best = run;
      run = '';
    }
  }
  return run.length > best.length ? run : best;
}

/** A wildcard pattern with a literal every match contains (a cheap `includes` pre-test). */
interface Glob {
  readonly program: GlobProgram;
  readonly literal: string;
}

/** Hash-table size of `SubstringSet` (a power of two; collisions only cost a `startsWith`). */
const SUBSTRING_TABLE = 4096;
const SUBSTRING_MASK = SUBSTRING_TABLE - 1;
/** From this many substrings on, one pass over the text beats one `includes` per needle. */
export const SUBSTRING_SET_MIN = 8;

function hash3(text: string, at: number): number {
  return (
    ((text.charCodeAt(at) * 31 + text.charCodeAt(at + 1)) * 31 + text.charCodeAt(at + 2)) &
    SUBSTRING_MASK
  );
}

/**
 * Many substrings found in one pass over the text: each needle is filed under a hash of its
 * first three characters (one- and two-character needles under their first character), and
 * each text position looks up its own hash in a byte table before any comparison.
 */
export class SubstringSet {
  readonly #long = new Map<number, string[]>();
  readonly #longFlags = new Uint8Array(SUBSTRING_TABLE);
  readonly #short = new Map<number, string[]>();
  readonly #shortFlags = new Uint8Array(SUBSTRING_TABLE);
  #hasShort = false;

  constructor(needles: readonly string[]) {
    for (const needle of needles) {
      if (needle.length >= 3) this.#file(this.#long, this.#longFlags, hash3(needle, 0), needle);
      else {
        // An empty needle is found in every text; the caller has already ruled it out.
        this.#hasShort = true;
        this.#file(this.#short, this.#shortFlags, needle.charCodeAt(0) & SUBSTRING_MASK, needle);
      }
    }
  }

  #file(map: Map<number, string[]>, flags: Uint8Array, key: number, needle: string): void {
    flags[key] = 1;
    const list = map.get(key);
    if (list === undefined) map.set(key, [needle]);
    else list.push(needle);
  }

  /** Whether the text contains any of the needles. */
  test(text: string): boolean {
    const length = text.length;
    const longFlags = this.#longFlags;
    // hash3, rolled: one character read per position.
    let a = text.charCodeAt(0);
    let b = text.charCodeAt(1);
    for (let i = 0; i + 3 <= length; i++) {
      const c = text.charCodeAt(i + 2);
      const key = ((a * 31 + b) * 31 + c) & SUBSTRING_MASK;
      if (longFlags[key] === 1 && startsAny(text, i, this.#long.get(key)!)) return true;
      a = b;
      b = c;
    }
    if (this.#hasShort) {
      const shortFlags = this.#shortFlags;
      for (let i = 0; i < length; i++) {
        const key = text.charCodeAt(i) & SUBSTRING_MASK;
        if (shortFlags[key] === 1 && startsAny(text, i, this.#short.get(key)!)) return true;
      }
    }
    return false;
  }
}

function startsAny(text: string, at: number, needles: readonly string[]): boolean {
  for (const needle of needles) if (text.startsWith(needle, at)) return true;
  return false;
}

/** Largest hash table of an `AffixSet`; each is sized to about 16 slots per affix. */
const AFFIX_TABLE_MAX = 1 << 16;

/**
 * Many prefixes (or suffixes) tested in one pass: each affix is filed under the hash of its
 * characters read from the anchored end, and the text's hash is rolled over its first (last)
 * characters, looked up at each affix length, so no substring is cut out of the text.
 */
class AffixSet {
  readonly #lengths: number[];
  readonly #entries = new Map<number, string[]>();
  readonly #flags: Uint8Array;
  readonly #mask: number;
  readonly #suffix: boolean;

  constructor(affixes: readonly string[], suffix: boolean) {
    this.#suffix = suffix;
    let size = 256;
    while (size < affixes.length * 16 && size < AFFIX_TABLE_MAX) size *= 2;
    this.#flags = new Uint8Array(size);
    this.#mask = size - 1;
    const lengths = new Set<number>();
    for (const affix of affixes) {
      lengths.add(affix.length);
      const hash = this.#hash(affix, affix.length);
      this.#flags[hash] = 1;
      const list = this.#entries.get(hash);
      if (list === undefined) this.#entries.set(hash, [affix]);
      else if (!list.includes(affix)) list.push(affix);
    }
    this.#lengths = [...lengths].sort((a, b) => a - b);
  }

  #hash(text: string, count: number): number {
    let hash = 0;
    const last = text.length - 1;
    for (let i = 0; i < count; i++)
      hash = (hash * 31 + text.charCodeAt(this.#suffix ? last - i : i)) & this.#mask;
    return hash;
  }

  test(text: string): boolean {
    const lengths = this.#lengths;
    const flags = this.#flags;
    const suffix = this.#suffix;
    const mask = this.#mask;
    const last = text.length - 1;
    let hash = 0;
    let read = 0;
    for (let l = 0; l < lengths.length; l++) {
      const length = lengths[l]!;
      if (length > text.length) return false;
      for (; read < length; read++)
        hash = (hash * 31 + text.charCodeAt(suffix ? last - read : read)) & mask;
      if (flags[hash] === 1) {
        for (const affix of this.#entries.get(hash)!) {
          if (affix.length === length && (suffix ? text.endsWith(affix) : text.startsWith(affix)))
            return true;
        }
      }
    }
    return false;
  }
}

/** String patterns of one case mode, grouped by shape. */
class PatternGroup {
  readonly exact = new Set<string>();
  readonly prefixes: string[] = [];
  readonly suffixes: string[] = [];
  readonly contains: string[] = [];
  readonly globs: Glob[] = [];
  #substrings: SubstringSet | undefined;
  matchAny = false;
  size = 0;

  add(parts: readonly StringPart[]): void {
    this.size += 1;
    const shape = patternShape(parts);
    switch (shape.kind) {
      case 'exact':
        this.exact.add(shape.text);
        return;
      case 'prefix':
        this.prefixes.push(shape.text);
        return;
      case 'suffix':
        this.suffixes.push(shape.text);
        return;
      case 'contains':
        this.contains.push(shape.text);
        return;
      case 'any':
        this.matchAny = true;
        return;
      case 'glob':
        this.globs.push({ program: compileGlob(parts), literal: longestRun(parts) });
        return;
      default:
        assertNever(shape);
    }
  }

  /** Long affix lists are checked in one pass (see `AffixSet`). */
  #prefixSet: AffixSet | undefined;
  #suffixSet: AffixSet | undefined;

  /** Call once after the last `add`. */
  seal(): void {
    if (this.prefixes.length > 16) this.#prefixSet = new AffixSet(this.prefixes, false);
    if (this.suffixes.length > 16) this.#suffixSet = new AffixSet(this.suffixes, true);
    if (this.contains.includes(''))
      this.matchAny = true; // `*` + '' + `*`: any string
    else if (this.contains.length >= SUBSTRING_SET_MIN)
      this.#substrings = new SubstringSet(this.contains);
  }

  test(text: string): boolean {
    if (this.matchAny) return true;
    if (this.exact.size > 0 && this.exact.has(text)) return true;
    const prefixSet = this.#prefixSet;
    if (prefixSet !== undefined) {
      if (prefixSet.test(text)) return true;
    } else {
      for (const prefix of this.prefixes) if (text.startsWith(prefix)) return true;
    }
    const suffixSet = this.#suffixSet;
    if (suffixSet !== undefined) {
      if (suffixSet.test(text)) return true;
    } else {
      for (const suffix of this.suffixes) if (text.endsWith(suffix)) return true;
    }
    const substrings = this.#substrings;
    if (substrings !== undefined) {
      if (substrings.test(text)) return true;
    } else {
      for (const needle of this.contains) if (text.includes(needle)) return true;
    }
    for (const glob of this.globs)
      if (text.includes(glob.literal) && globMatch(glob.program, text)) return true;
    return false;
  }
}

function compileOther(needle: Needle, regexes: Map<string, RE2>): ValueTest {
  switch (needle.kind) {
    case 'number': {
      const raw = needle.raw.toLowerCase();
      const canonical = String(needle.value);
      const value = needle.value;
      return (v) =>
        typeof v === 'number'
          ? v === value
          : typeof v === 'string' && (v === canonical || v.toLowerCase() === raw);
    }
    case 'boolean': {
      const value = needle.value;
      const text = String(value);
      return (v) => v === value || (typeof v === 'string' && v.toLowerCase() === text);
    }
    case 'null':
      return (v) => v === null;
    case 'compare': {
      const { op, value } = needle;
      return (v) => {
        const number = scalarNumber(v);
        return !Number.isNaN(number) && compareNumbers(op, number, value);
      };
    }
    case 'cidr': {
      const network = needle.network;
      return (v) => {
        if (typeof v !== 'string') return false;
        const address = parseIp(v.trim());
        return address !== undefined && cidrContains(network, address);
      };
    }
    case 'regex': {
      const regex = regexes.get(`${needle.flags}/${needle.source}`)!;
      // A pure length pattern is answered in one pass, without RE2 (`regex-run.ts`).
      const run = regexRunTest(needle.source, needle.flags);
      if (run !== undefined) {
        return (v) => {
          const text = scalarText(v);
          return text !== undefined && run(text);
        };
      }
      // A literal every match contains, or a minimum length, spares most RE2 calls (each
      // crosses into C++ and copies the text).
      const literal = requiredRegexLiteral(needle.source, needle.flags, 1);
      const minLength = regexMinLength(needle.source);
      if (literal !== undefined) {
        return (v) => {
          const text = scalarText(v);
          return (
            text !== undefined &&
            text.length >= minLength &&
            lowerCached(text).includes(literal) &&
            regex.test(text)
          );
        };
      }
      return (v) => {
        const text = scalarText(v);
        return text !== undefined && text.length >= minLength && regex.test(text);
      };
    }
    case 'timepart': {
      const { part, inner } = needle;
      const innerTest =
        inner.kind === 'number'
          ? (n: number) => n === inner.value
          : (n: number) => compareNumbers(inner.op, n, inner.value);
      return (v) => {
        const ms = toEpochMs(v);
        return ms !== undefined && innerTest(timePart(part, ms));
      };
    }
    case 'pattern':
      throw new Error('patterns are grouped, not compiled one by one');
    default:
      assertNever(needle);
  }
}

/**
 * Compiles needles into one OR test. Returns the first regex RE2 rejects instead.
 */
export function compileNeedles(needles: readonly Needle[]): NeedleCompile {
  const regexes = new Map<string, RE2>();
  for (const needle of needles) {
    if (needle.kind !== 'regex') continue;
    const compiled = compileRegex(needle.source, needle.flags);
    if (!compiled.ok) return { ok: false, source: needle.source, reason: compiled.reason };
    regexes.set(`${needle.flags}/${needle.source}`, compiled.regex);
  }
  const insensitive = new PatternGroup();
  const sensitive = new PatternGroup();
  const others: ValueTest[] = [];
  for (const needle of needles) {
    if (needle.kind === 'pattern') {
      if (needle.cased) sensitive.add(needle.parts);
      else insensitive.add(lowerParts(needle.parts));
    } else if (needle.kind !== 'null') {
      others.push(compileOther(needle, regexes));
    }
  }
  insensitive.seal();
  sensitive.seal();
  const hasInsensitive = insensitive.size > 0;
  const hasSensitive = sensitive.size > 0;
  // Specialise the common single-group case: one closure, no loop over groups.
  if (hasInsensitive && !hasSensitive && others.length === 0) {
    return {
      ok: true,
      test: (v) => {
        const text = typeof v === 'string' ? v : scalarText(v);
        return text !== undefined && insensitive.test(lowerCached(text));
      },
      testText: (_text, lower) => insensitive.test(lower),
    };
  }
  return {
    ok: true,
    testText: (text, lower) => {
      if (hasSensitive && sensitive.test(text)) return true;
      if (hasInsensitive && insensitive.test(lower)) return true;
      for (const other of others) if (other(text)) return true;
      return false;
    },
    test: (v) => {
      if (hasInsensitive || hasSensitive) {
        const text = scalarText(v);
        if (text !== undefined) {
          if (hasSensitive && sensitive.test(text)) return true;
          if (hasInsensitive && insensitive.test(lowerCached(text))) return true;
        }
      }
      for (const other of others) if (other(v)) return true;
      return false;
    },
  };
}
