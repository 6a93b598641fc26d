/**
 * The rule-set engine: compiled rules behind a candidate index. Per event only the rules whose
 * logsource fits the event's logsource, and whose required exact value (if any) the event
 * holds, are run.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { Level, MatchedField } from '../../finding.js';
import type { Logsource } from '../../logsource.js';
import { assertNever } from '../assert-never.js';
import type { SigmaRule } from '../ast.js';
import { type CompiledRule, type CompileOptions, compileRule } from '../compile/compile-rule.js';
import { EventView } from '../compile/event-view.js';
import { compileFieldReader, type FieldReader } from '../compile/field-path.js';
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

const AFFIX = 4;

/** The candidate index of one field: exact values, 4-character affixes, and 3-grams. */
interface IndexedField {
  readonly field: string;
  readonly read: FieldReader;
  readonly exact: RuleMap;
  /** Prefix keys by their first 4 characters; shorter keys by length (index 1–3). */
  readonly prefix: RuleMap[];
  readonly suffix: RuleMap[];
  /** Contains keys by their rarest 3-gram. */
  readonly contains: RuleMap;
  hasPrefix: boolean;
  hasSuffix: boolean;
  hasContains: boolean;
}

function addRule(map: RuleMap, key: string, rule: CompiledRule): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [rule]);
  else if (!list.includes(rule)) list.push(rule);
}

function newIndexedField(field: string): IndexedField {
  const maps = () => Array.from({ length: AFFIX + 1 }, () => new Map<string, CompiledRule[]>());
  return {
    field,
    read: compileFieldReader(field),
    exact: new Map(),
    prefix: maps(),
    suffix: maps(),
    contains: new Map(),
    hasPrefix: false,
    hasSuffix: false,
    hasContains: false,
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
  if (key === undefined) return;
  visitAll(indexed.exact.get(key), take);
  if (indexed.hasPrefix) {
    for (let length = 1; length <= AFFIX && length <= key.length; length++) {
      visitAll(indexed.prefix[length]!.get(key.slice(0, length)), take);
    }
  }
  if (indexed.hasSuffix) {
    for (let length = 1; length <= AFFIX && length <= key.length; length++) {
      visitAll(indexed.suffix[length]!.get(key.slice(key.length - length)), take);
    }
  }
  if (indexed.hasContains) {
    const contains = indexed.contains;
    for (let i = 0; i + 3 <= key.length; i++) visitAll(contains.get(key.slice(i, i + 3)), take);
  }
}

/** Whether a rule's logsource accepts an event's logsource: every field the rule sets must be equal. */
export function logsourceAccepts(rule: Logsource, event: Logsource): boolean {
  for (const key of ['product', 'category', 'service'] as const) {
    const wanted = norm(rule[key]);
    if (wanted !== undefined && wanted !== norm(event[key])) return false;
  }
  return true;
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

  #bucket(logsource: Logsource): Bucket {
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
              addRule(indexed.prefix[Math.min(key.length, AFFIX)]!, key.slice(0, AFFIX), rule);
              break;
            case 'suffix':
              indexed.hasSuffix = true;
              addRule(indexed.suffix[Math.min(key.length, AFFIX)]!, key.slice(-AFFIX), rule);
              break;
            case 'contains': {
              indexed.hasContains = true;
              let best = key.slice(0, 3);
              for (let i = 1; i + 3 <= key.length; i++) {
                const gram = key.slice(i, i + 3);
                if ((gramCount.get(gram) ?? 0) < (gramCount.get(best) ?? 0)) best = gram;
              }
              addRule(indexed.contains, best, rule);
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

  /** Calls `visit` for each candidate rule of an event (deduplicated). */
  #forEachCandidate(
    view: EventView,
    logsources: readonly Logsource[],
    visit: (rule: CompiledRule) => void,
  ): void {
    const stamp = ++this.#stamp;
    const seen = this.#seen;
    const take = (rule: CompiledRule) => {
      if (seen.get(rule) === stamp) return;
      seen.set(rule, stamp);
      visit(rule);
    };
    for (const logsource of logsources) {
      const bucket = this.#bucket(logsource);
      for (const rule of bucket.always) take(rule);
      for (const indexed of bucket.indexed) {
        const value = indexed.read(view.data);
        if (value === undefined) continue;
        if (Array.isArray(value)) {
          for (const member of value.flat(16)) lookup(indexed, member, take);
        } else {
          lookup(indexed, value, take);
        }
      }
    }
  }

  /**
   * Matches one event. `logsource` may be a list when an event belongs to several (a Sysmon
   * registry event is both `registry_set` and `registry_event`). Never throws.
   */
  match(
    data: Readonly<Record<string, unknown>>,
    logsource: Logsource | readonly Logsource[],
  ): SigmaMatch[] {
    const view = new EventView(data);
    const logsources: readonly Logsource[] = Array.isArray(logsource)
      ? logsource
      : [logsource as Logsource];
    const matches: SigmaMatch[] = [];
    let candidates = 0;
    this.#forEachCandidate(view, logsources, (rule) => {
      candidates += 1;
      if (!rule.matches(view)) return;
      matches.push({
        ruleId: rule.id,
        title: rule.title,
        level: rule.level,
        tags: rule.tags,
        matched: rule.explain(view),
        rule,
      });
    });
    this.stats.events += 1;
    this.stats.candidates += candidates;
    this.stats.matches += matches.length;
    return matches;
  }

  /** Counts matching rules without building explanations (benchmarks, quick filters). */
  countMatches(
    data: Readonly<Record<string, unknown>>,
    logsource: Logsource | readonly Logsource[],
  ): number {
    const view = new EventView(data);
    const logsources: readonly Logsource[] = Array.isArray(logsource)
      ? logsource
      : [logsource as Logsource];
    let count = 0;
    let candidates = 0;
    this.#forEachCandidate(view, logsources, (rule) => {
      candidates += 1;
      if (rule.matches(view)) count += 1;
    });
    this.stats.events += 1;
    this.stats.candidates += candidates;
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
