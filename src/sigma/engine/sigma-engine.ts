/**
 * The rule-set engine: compiled rules behind a candidate index. Per event only the rules whose
 * logsource fits the event's logsource, and whose required exact value (if any) the event
 * holds, are run.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { Level, MatchedField } from '../../finding.js';
import { categoryCovers, type Logsource } from '../../logsource.js';
import { assertNever } from '../assert-never.js';
import type { SigmaRule } from '../ast.js';
import { type CompiledRule, type CompileOptions, compileRule } from '../compile/compile-rule.js';
import { EventView } from '../compile/event-view.js';
import { type FieldSlot, fieldSlot } from '../compile/field-slot.js';
import { indexKey } from '../compile/requirement.js';

/** One rule that matched one event. */
export interface SigmaMatch {
  readonly ruleId: string;
  readonly title: string;
  readonly level: Level | undefined;
  readonly tags: readonly string[];
  /** The fields and values of the detection items that made the event match. */
  readonly matched: readonly MatchedField[];
  readonly rule: CompiledRule;
}

/** An event with its logsource(s), as the stream API takes it (NormalizedEvent fits). */
export interface RoutedEvent {
  readonly data: Readonly<Record<string, unknown>>;
  readonly logsource: Logsource | readonly Logsource[];
}

/** A map from index key to rules, filled at bucket build. */
type RuleMap = Map<string, CompiledRule[]>;
/** The same by a 30-bit hash of the key: lookups allocate no substrings; a collision only adds a candidate. */
type HashMap = Map<number, CompiledRule[]>;

const HASH_MASK = 0x3fffffff;

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

function gramHash(text: string, at: number): number {
  return (
    ((text.charCodeAt(at) * 1031 + text.charCodeAt(at + 1)) * 1031 + text.charCodeAt(at + 2)) &
    HASH_MASK
  );
}

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

/** The candidate index of one field: exact values, 4-character affixes, and 3-grams. */
interface IndexedField {
  readonly field: string;
  readonly slot: FieldSlot;
  readonly exact: RuleMap;
  /** Prefix keys by their first N characters, one map per affix level. */
  readonly prefix: HashMap[];
  readonly suffix: HashMap[];
  /** Contains keys by their rarest 3-gram. */
  readonly contains: HashMap;
  /** Contains keys of one or two characters, by their first character (UTF-16 code unit). */
  readonly short: Map<number, CompiledRule[]>;
  /** `short`'s first characters, for a lookup-free test per character of a value. */
  readonly shortFirst: Uint8Array;
  hasPrefix: boolean;
  hasSuffix: boolean;
  hasContains: boolean;
  hasShort: boolean;
}

function addRule<K>(map: Map<K, CompiledRule[]>, key: K, rule: CompiledRule): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [rule]);
  else if (!list.includes(rule)) list.push(rule);
}

function newIndexedField(field: string): IndexedField {
  const maps = () => AFFIX_LEVELS.map(() => new Map<number, CompiledRule[]>());
  return {
    field,
    slot: fieldSlot(field),
    exact: new Map(),
    prefix: maps(),
    suffix: maps(),
    contains: new Map(),
    short: new Map(),
    shortFirst: new Uint8Array(0x10000),
    hasPrefix: false,
    hasSuffix: false,
    hasContains: false,
    hasShort: false,
  };
}

/** The rules that can apply to one event logsource. */
interface Bucket {
  readonly always: readonly CompiledRule[];
  readonly indexed: readonly IndexedField[];
  readonly size: number;
}

/** Options of the engine. */
export interface EngineOptions {
  readonly useValueIndex?: boolean;
}

/** Counters for benchmarks and diagnostics. */
export interface EngineStats {
  events: number;
  candidates: number;
  matches: number;
}

function norm(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.toLowerCase();
}

function visitAll(rules: CompiledRule[] | undefined, take: (rule: CompiledRule) => void): void {
  if (rules !== undefined) for (const rule of rules) take(rule);
}

/** Offers every rule whose index key fits one event value. */
function lookup(indexed: IndexedField, value: unknown, take: (rule: CompiledRule) => void): void {
  const key = indexKey(value);
  if (key !== undefined) lookupKey(indexed, key, take);
}

/** Offers every rule whose index key fits one (lowercased) key. */
function lookupKey(indexed: IndexedField, key: string, take: (rule: CompiledRule) => void): void {
  visitAll(indexed.exact.get(key), take);
  const length = key.length;
  if (indexed.hasPrefix) {
    let hash = 0;
    let level = 0;
    for (let i = 0; i < length && level < AFFIX_LEVELS.length; i++) {
      hash = (hash * 31 + key.charCodeAt(i)) & HASH_MASK;
      if (i + 1 === AFFIX_LEVELS[level]) {
        visitAll(indexed.prefix[level]!.get(hash), take);
        level++;
      }
    }
  }
  if (indexed.hasSuffix) {
    let hash = 0;
    let level = 0;
    for (let i = 1; i <= length && level < AFFIX_LEVELS.length; i++) {
      hash = (hash * 31 + key.charCodeAt(length - i)) & HASH_MASK;
      if (i === AFFIX_LEVELS[level]) {
        visitAll(indexed.suffix[level]!.get(hash), take);
        level++;
      }
    }
  }
  if (indexed.hasContains) {
    const contains = indexed.contains;
    for (let i = 0; i + 3 <= length; i++) visitAll(contains.get(gramHash(key, i)), take);
  }
  if (indexed.hasShort) {
    const first = indexed.shortFirst;
    for (let i = 0; i < length; i++) {
      const code = key.charCodeAt(i);
      if (first[code] === 1) visitAll(indexed.short.get(code), take);
    }
  }
}

/**
 * Whether a rule's logsource accepts an event's logsource: every field the rule sets must be
 * equal (case-insensitively), except that an umbrella category covers its members
 * (`registry_event` accepts registry_add / registry_set / registry_delete / registry_rename).
 */
export function logsourceAccepts(rule: Logsource, event: Logsource): boolean {
  for (const key of ['product', 'service'] as const) {
    const wanted = norm(rule[key]);
    if (wanted !== undefined && wanted !== norm(event[key])) return false;
  }
  const category = norm(rule.category);
  return category === undefined || categoryCovers(category, norm(event.category));
}

/**
 * A compiled rule set with logsource routing and a candidate index.
 *
 * @example
 * const { engine, issues } = SigmaEngine.fromRules(rules);
 * for (const match of engine.match(event, { product: 'kubernetes', service: 'audit' })) …
 */
export class SigmaEngine {
  readonly rules: readonly CompiledRule[];
  readonly stats: EngineStats = { events: 0, candidates: 0, matches: 0 };
  readonly #buckets = new Map<string, Bucket>();
  readonly #seen = new Map<CompiledRule, number>();
  #stamp = 0;

  readonly #useValueIndex: boolean;

  /**
   * @param options.useValueIndex index rules by required exact values (default true); off,
   * every rule of the event's logsource runs (the benchmark's baseline).
   */
  constructor(rules: readonly CompiledRule[], options: EngineOptions = {}) {
    this.rules = rules;
    this.#useValueIndex = options.useValueIndex ?? true;
  }

  /** Compiles rules into an engine; rules that fail to compile are left out and reported. */
  static fromRules(
    rules: readonly SigmaRule[],
    options: CompileOptions & EngineOptions = {},
  ): { engine: SigmaEngine; issues: Issue[] } {
    const compiled: CompiledRule[] = [];
    const issues: Issue[] = [];
    for (const rule of rules) {
      const result = compileRule(rule, options);
      issues.push(...result.issues);
      if (result.ok) compiled.push(result.compiled);
    }
    return { engine: new SigmaEngine(compiled, options), issues };
  }

  /** Buckets by logsource object: decoders reuse one logsource object per format. */
  readonly #bucketByObject = new WeakMap<Logsource, Bucket>();

  #bucket(logsource: Logsource): Bucket {
    const cached = this.#bucketByObject.get(logsource);
    if (cached !== undefined) return cached;
    const bucket = this.#bucketByKey(logsource);
    this.#bucketByObject.set(logsource, bucket);
    return bucket;
  }

  #bucketByKey(logsource: Logsource): Bucket {
    const key = `${norm(logsource.product) ?? ''}|${norm(logsource.category) ?? ''}|${norm(logsource.service) ?? ''}`;
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      bucket = this.#buildBucket(logsource);
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }

  #buildBucket(logsource: Logsource): Bucket {
    const always: CompiledRule[] = [];
    const indexedRules: CompiledRule[] = [];
    let size = 0;
    for (const rule of this.rules) {
      if (!logsourceAccepts(rule.logsource, logsource)) continue;
      size += 1;
      if (rule.requirement === undefined || !this.#useValueIndex) always.push(rule);
      else indexedRules.push(rule);
    }
    // 3-gram frequencies over every contains key, so each key is filed under its rarest 3-gram.
    const gramCount = new Map<string, number>();
    for (const rule of indexedRules) {
      for (const alternative of rule.requirement!) {
        if (alternative.kind !== 'contains') continue;
        for (const key of alternative.keys) {
          for (let i = 0; i + 3 <= key.length; i++) {
            const gram = key.slice(i, i + 3);
            gramCount.set(gram, (gramCount.get(gram) ?? 0) + 1);
          }
        }
      }
    }
    const byField = new Map<string, IndexedField>();
    for (const rule of indexedRules) {
      for (const alternative of rule.requirement!) {
        let indexed = byField.get(alternative.field);
        if (indexed === undefined) {
          indexed = newIndexedField(alternative.field);
          byField.set(alternative.field, indexed);
        }
        for (const key of alternative.keys) {
          switch (alternative.kind) {
            case 'exact':
              addRule(indexed.exact, key, rule);
              break;
            case 'prefix':
              indexed.hasPrefix = true;
              addRule(
                indexed.prefix[affixLevel(key.length)]!,
                prefixHash(key, AFFIX_LEVELS[affixLevel(key.length)]!),
                rule,
              );
              break;
            case 'suffix':
              indexed.hasSuffix = true;
              addRule(
                indexed.suffix[affixLevel(key.length)]!,
                suffixHash(key, AFFIX_LEVELS[affixLevel(key.length)]!),
                rule,
              );
              break;
            case 'contains': {
              if (key.length < 3) {
                indexed.hasShort = true;
                indexed.shortFirst[key.charCodeAt(0)] = 1;
                addRule(indexed.short, key.charCodeAt(0), rule);
                break;
              }
              indexed.hasContains = true;
              let best = 0;
              for (let i = 1; i + 3 <= key.length; i++) {
                const gram = key.slice(i, i + 3);
                if ((gramCount.get(gram) ?? 0) < (gramCount.get(key.slice(best, best + 3)) ?? 0))
                  best = i;
              }
              addRule(indexed.contains, gramHash(key, best), rule);
              break;
            }
            default:
              assertNever(alternative.kind);
          }
        }
      }
    }
    return { always, indexed: [...byField.values()], size };
  }

  /** Rules that can apply to events of this logsource (routing only, before the value index). */
  routedRules(logsource: Logsource): number {
    return this.#bucket(logsource).size;
  }

  /** The view of the current event, reset per event (the engine is not re-entrant). */
  readonly #view = new EventView({});
  /** Candidates of the current event, reused between events (the engine is not re-entrant). */
  readonly #found: CompiledRule[] = [];
  /** Adds a rule once per event (stamp-based dedupe; no per-event closure or set). */
  readonly #take = (rule: CompiledRule): void => {
    if (this.#seen.get(rule) === this.#stamp) return;
    this.#seen.set(rule, this.#stamp);
    this.#found.push(rule);
  };

  /** Fills `#found` with the candidate rules of an event, deduplicated. */
  #collectCandidates(view: EventView, logsources: readonly Logsource[]): CompiledRule[] {
    this.#stamp += 1;
    this.#found.length = 0;
    const take = this.#take;
    for (const logsource of logsources) {
      const bucket = this.#bucket(logsource);
      for (const rule of bucket.always) take(rule);
      for (const indexed of bucket.indexed) {
        const value = view.value(indexed.slot);
        if (value === undefined) continue;
        if (typeof value === 'string') {
          lookupKey(indexed, view.lower(indexed.slot, value), take);
        } else if (Array.isArray(value)) {
          for (const member of value.flat(16)) lookup(indexed, member, take);
        } else {
          lookup(indexed, value, take);
        }
      }
    }
    return this.#found;
  }

  #toLogsources(logsource: Logsource | readonly Logsource[]): readonly Logsource[] {
    return Array.isArray(logsource) ? logsource : [logsource as Logsource];
  }

  /**
   * Matches one event. `logsource` may be a list when an event belongs to several (a Sysmon
   * registry event is both `registry_set` and `registry_event`). Never throws.
   */
  match(
    data: Readonly<Record<string, unknown>>,
    logsource: Logsource | readonly Logsource[],
  ): SigmaMatch[] {
    const view = this.#view;
    view.reset(data);
    const candidates = this.#collectCandidates(view, this.#toLogsources(logsource));
    const matches: SigmaMatch[] = [];
    for (const rule of candidates) {
      if (!rule.matches(view)) continue;
      matches.push({
        ruleId: rule.id,
        title: rule.title,
        level: rule.level,
        tags: rule.tags,
        matched: rule.explain(view),
        rule,
      });
    }
    this.stats.events += 1;
    this.stats.candidates += candidates.length;
    this.stats.matches += matches.length;
    return matches;
  }

  /** Counts matching rules without building explanations (benchmarks, quick filters). */
  countMatches(
    data: Readonly<Record<string, unknown>>,
    logsource: Logsource | readonly Logsource[],
  ): number {
    const view = this.#view;
    view.reset(data);
    const candidates = this.#collectCandidates(view, this.#toLogsources(logsource));
    let count = 0;
    for (const rule of candidates) if (rule.matches(view)) count += 1;
    this.stats.events += 1;
    this.stats.candidates += candidates.length;
    this.stats.matches += count;
    return count;
  }

  /**
   * Matches a stream of events; yields each event with its matches (events without matches
   * too, so callers can count). Works with any (async) iterable, e.g. a decoder's output.
   */
  async *matchStream<E extends RoutedEvent>(
    events: AsyncIterable<E> | Iterable<E>,
  ): AsyncGenerator<{ readonly event: E; readonly matches: readonly SigmaMatch[] }> {
    for await (const event of events)
      yield { event, matches: this.match(event.data, event.logsource) };
  }
}
