/**
 * The candidate index of one event logsource (a bucket): the rules routed to it, filed by the
 * literals their requirement names (`compile/requirement.ts`), so that per event only rules
 * that meet every one of their requirements (up to three, each a set of literals of which the
 * event must hold one) are run. An index entry is a *tag*: the rule's ordinal (its position in
 * the engine's rule list) times 4 plus the requirement's number, so the per-event bookkeeping
 * is a stamp and a bit mask per rule in typed arrays.
 * @module
 */
import { assertNever } from '../assert-never.js';
import type { CompiledRule } from '../compile/compile-rule.js';
import type { EventView } from '../compile/event-view.js';
import { type FieldSlot, fieldSlot } from '../compile/field-slot.js';
import { indexKey } from '../compile/requirement.js';
import { SubstringIndex } from './substring-index.js';

/** A 30-bit hash of an affix: lookups allocate no substrings; a collision only adds a candidate. */
const HASH_MASK = 0x3fffffff;

/**
 * Affix keys are filed under their first / last N characters, N the largest level not longer
 * than the key; an event value is looked up at every level. Long levels keep common endings
 * (`.exe`) from pulling every `endswith '\\x.exe'` rule into every event's candidates.
 */
const AFFIX_LEVELS = [1, 2, 3, 4, 6, 8, 12, 16] as const;

function affixLevel(length: number): number {
  let level = 0;
  for (let i = 0; i < AFFIX_LEVELS.length; i++) if (AFFIX_LEVELS[i]! <= length) level = i;
  return level;
}

function prefixHash(text: string, length: number): number {
  let hash = 0;
  for (let i = 0; i < length; i++) hash = (hash * 31 + text.charCodeAt(i)) & HASH_MASK;
  return hash;
}

function suffixHash(text: string, length: number): number {
  let hash = 0;
  for (let i = 1; i <= length; i++)
    hash = (hash * 31 + text.charCodeAt(text.length - i)) & HASH_MASK;
  return hash;
}

/** Per affix level, a byte table of the filed hashes: most lookups end there, not in a Map. */
const FLAG_BITS = 10;
const FLAG_MASK = (1 << FLAG_BITS) - 1;

function flagAt(level: number, hash: number): number {
  return (level << FLAG_BITS) | (hash & FLAG_MASK);
}

/** The index of one field: exact values, affixes by hashed level, substrings. */
interface FieldIndex {
  readonly slot: FieldSlot;
  readonly exact: Map<string, number[]>;
  /** Prefix keys by the hash of their first N characters, one map per affix level. */
  readonly prefix: Map<number, number[]>[];
  readonly suffix: Map<number, number[]>[];
  /** `flagAt(level, hash)` is 1 when some prefix (suffix) key of that level may have the hash. */
  readonly prefixFlags: Uint8Array;
  readonly suffixFlags: Uint8Array;
  readonly contains: SubstringIndex;
  hasPrefix: boolean;
  hasSuffix: boolean;
  hasContains: boolean;
}

/** An index entry: which requirement of which rule a key belongs to. */
export function requirementTag(ordinal: number, requirement: number): number {
  return ordinal * 4 + requirement;
}

/** The bit mask a rule reaches when all of its `count` requirements are met. */
export function fullMask(count: number): number {
  return (1 << count) - 1;
}

/** The rules that can apply to one event logsource. */
export interface Bucket {
  /** Ordinals of routed rules without a requirement: they run on every event. */
  readonly always: readonly number[];
  readonly fields: readonly FieldIndex[];
  /** Keyword requirements: substrings of any string value of the event. */
  readonly keywords: SubstringIndex | undefined;
  /** Routed rules (before the value index). */
  readonly size: number;
}

function addOrdinal<K>(map: Map<K, number[]>, key: K, ordinal: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [ordinal]);
  else if (!list.includes(ordinal)) list.push(ordinal);
}

function newFieldIndex(field: string): FieldIndex {
  const maps = () => AFFIX_LEVELS.map(() => new Map<number, number[]>());
  return {
    slot: fieldSlot(field),
    exact: new Map(),
    prefix: maps(),
    suffix: maps(),
    prefixFlags: new Uint8Array(AFFIX_LEVELS.length << FLAG_BITS),
    suffixFlags: new Uint8Array(AFFIX_LEVELS.length << FLAG_BITS),
    contains: new SubstringIndex(),
    hasPrefix: false,
    hasSuffix: false,
    hasContains: false,
  };
}

/**
 * Builds the bucket of the rules `routed` selects. With `useValueIndex` false every routed
 * rule runs on every event (the benchmark's baseline).
 */
export function buildBucket(
  rules: readonly CompiledRule[],
  routed: (rule: CompiledRule) => boolean,
  useValueIndex: boolean,
): Bucket {
  const always: number[] = [];
  const byField = new Map<string, FieldIndex>();
  let keywords: SubstringIndex | undefined;
  let size = 0;
  rules.forEach((rule, ordinal) => {
    if (!routed(rule)) return;
    size += 1;
    if (rule.requirements.length === 0 || !useValueIndex) {
      always.push(ordinal);
      return;
    }
    rule.requirements.forEach((requirement, number) => {
      const tag = requirementTag(ordinal, number);
      for (const alternative of requirement) {
        if (alternative.field === null) {
          keywords ??= new SubstringIndex();
          for (const key of alternative.keys) keywords.add(key, tag);
          continue;
        }
        let index = byField.get(alternative.field);
        if (index === undefined) {
          index = newFieldIndex(alternative.field);
          byField.set(alternative.field, index);
        }
        for (const key of alternative.keys) fileKey(index, alternative.kind, key, tag);
      }
    });
  });
  return { always, fields: [...byField.values()], keywords, size };
}

function fileKey(
  index: FieldIndex,
  kind: 'exact' | 'prefix' | 'suffix' | 'contains',
  key: string,
  ordinal: number,
): void {
  switch (kind) {
    case 'exact':
      addOrdinal(index.exact, key, ordinal);
      return;
    case 'prefix': {
      index.hasPrefix = true;
      const level = affixLevel(key.length);
      const hash = prefixHash(key, AFFIX_LEVELS[level]!);
      index.prefixFlags[flagAt(level, hash)] = 1;
      addOrdinal(index.prefix[level]!, hash, ordinal);
      return;
    }
    case 'suffix': {
      index.hasSuffix = true;
      const level = affixLevel(key.length);
      const hash = suffixHash(key, AFFIX_LEVELS[level]!);
      index.suffixFlags[flagAt(level, hash)] = 1;
      addOrdinal(index.suffix[level]!, hash, ordinal);
      return;
    }
    case 'contains':
      index.hasContains = true;
      index.contains.add(key, ordinal);
      return;
    default:
      assertNever(kind);
  }
}

function visitAll(ordinals: readonly number[] | undefined, take: (ordinal: number) => void): void {
  if (ordinals !== undefined) for (const ordinal of ordinals) take(ordinal);
}

/** Offers every rule whose key fits one lowercased event value. */
function visitKey(index: FieldIndex, key: string, take: (ordinal: number) => void): void {
  visitAll(index.exact.get(key), take);
  const length = key.length;
  if (index.hasPrefix) {
    let hash = 0;
    let level = 0;
    for (let i = 0; i < length && level < AFFIX_LEVELS.length; i++) {
      hash = (hash * 31 + key.charCodeAt(i)) & HASH_MASK;
      if (i + 1 === AFFIX_LEVELS[level]) {
        if (index.prefixFlags[flagAt(level, hash)] === 1)
          visitAll(index.prefix[level]!.get(hash), take);
        level++;
      }
    }
  }
  if (index.hasSuffix) {
    let hash = 0;
    let level = 0;
    for (let i = 1; i <= length && level < AFFIX_LEVELS.length; i++) {
      hash = (hash * 31 + key.charCodeAt(length - i)) & HASH_MASK;
      if (i === AFFIX_LEVELS[level]) {
        if (index.suffixFlags[flagAt(level, hash)] === 1)
          visitAll(index.suffix[level]!.get(hash), take);
        level++;
      }
    }
  }
  if (index.hasContains) index.contains.visit(key, take);
}

/** Nesting depth followed into arrays of arrays (as deep as keyword leaves are collected). */
const MAX_DEPTH = 64;

function visitMembers(
  index: FieldIndex,
  value: unknown,
  take: (ordinal: number) => void,
  depth = 0,
): void {
  if (Array.isArray(value)) {
    if (depth < MAX_DEPTH) for (const member of value) visitMembers(index, member, take, depth + 1);
    return;
  }
  const key = indexKey(value);
  if (key !== undefined) visitKey(index, key, take);
}

/**
 * Offers the tag of every requirement an event meets (a tag may come several times), and
 * each always-run rule to `takeAlways`.
 */
export function visitCandidates(
  bucket: Bucket,
  view: EventView,
  take: (tag: number) => void,
  takeAlways: (ordinal: number) => void,
): void {
  for (const ordinal of bucket.always) takeAlways(ordinal);
  for (const index of bucket.fields) {
    const value = view.value(index.slot);
    if (value === undefined) continue;
    if (typeof value === 'string') visitKey(index, view.lower(index.slot, value), take);
    else visitMembers(index, value, take);
  }
  const keywords = bucket.keywords;
  if (keywords !== undefined) for (const leaf of view.lowerLeaves()) keywords.visit(leaf, take);
}
