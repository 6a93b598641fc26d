/**
 * The rule-set engine: compiled rules behind a candidate index. Per event only the rules whose
 * logsource fits the event's logsource, and whose required exact value (if any) the event
 * holds, are run.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { Level, MatchedField } from '../../finding.js';
import type { Logsource } from '../../logsource.js';
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

interface IndexedField {
  readonly field: string;
  readonly read: FieldReader;
  readonly rules: Map<string, CompiledRule[]>;
}

/** The rules that can apply to one event logsource. */
interface Bucket {
  readonly always: readonly CompiledRule[];
  readonly indexed: readonly IndexedField[];
  readonly size: number;
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

  constructor(rules: readonly CompiledRule[]) {
    this.rules = rules;
  }

  /** Compiles rules into an engine; rules that fail to compile are left out and reported. */
  static fromRules(
    rules: readonly SigmaRule[],
    options: CompileOptions = {},
  ): { engine: SigmaEngine; issues: Issue[] } {
    const compiled: CompiledRule[] = [];
    const issues: Issue[] = [];
    for (const rule of rules) {
      const result = compileRule(rule, options);
      issues.push(...result.issues);
      if (result.ok) compiled.push(result.compiled);
    }
    return { engine: new SigmaEngine(compiled), issues };
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
    const byField = new Map<string, IndexedField>();
    let size = 0;
    for (const rule of this.rules) {
      if (!logsourceAccepts(rule.logsource, logsource)) continue;
      size += 1;
      if (rule.requirement === undefined) {
        always.push(rule);
        continue;
      }
      for (const alternative of rule.requirement) {
        let indexed = byField.get(alternative.field);
        if (indexed === undefined) {
          indexed = {
            field: alternative.field,
            read: compileFieldReader(alternative.field),
            rules: new Map(),
          };
          byField.set(alternative.field, indexed);
        }
        for (const key of alternative.keys) {
          const list = indexed.rules.get(key);
          if (list === undefined) indexed.rules.set(key, [rule]);
          else if (!list.includes(rule)) list.push(rule);
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
          for (const member of value.flat(16)) {
            const key = indexKey(member);
            const rules = key === undefined ? undefined : indexed.rules.get(key);
            if (rules) for (const rule of rules) take(rule);
          }
        } else {
          const key = indexKey(value);
          const rules = key === undefined ? undefined : indexed.rules.get(key);
          if (rules) for (const rule of rules) take(rule);
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
