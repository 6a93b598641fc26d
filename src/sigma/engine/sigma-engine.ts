/**
 * The rule-set engine: compiled rules behind a candidate index. Per event only the rules whose
 * logsource fits the event's logsource, and one of whose required literals (if any) the event
 * holds, are run (`candidate-index.ts`). One `EventView` is reused for every event, so each
 * field is read and lowercased once per event however many rules look at it.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { Level, MatchedField } from '../../finding.js';
import { categoryCovers, type Logsource } from '../../logsource.js';
import type { SigmaRule } from '../ast.js';
import { type CompiledRule, type CompileOptions, compileRule } from '../compile/compile-rule.js';
import { EventView } from '../compile/event-view.js';
import { type Bucket, buildBucket, fullMask, visitCandidates } from './candidate-index.js';

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
    return buildBucket(
      this.rules,
      (rule) => logsourceAccepts(rule.logsource, logsource),
      this.#useValueIndex,
    );
  }

  /** Rules that can apply to events of this logsource (routing only, before the value index). */
  routedRules(logsource: Logsource): number {
    return this.#bucket(logsource).size;
  }

  /** The view of the current event, reset per event (the engine is not re-entrant). */
  readonly #view = new EventView({});
  /** Candidates of the current event, reused between events (the engine is not re-entrant). */
  readonly #found: CompiledRule[] = [];
  /** `#seen[ordinal] === #stamp`: `#met[ordinal]` is this event's mask of met requirements. */
  #seen = new Uint32Array(0);
  #met = new Uint8Array(0);
  /** The mask of a rule whose requirements are all met. */
  #full = new Uint8Array(0);
  #stamp = 0;
  /** Marks one met requirement; a rule becomes a candidate when its last one is met. */
  readonly #take = (tag: number): void => {
    const ordinal = tag >> 2;
    const bit = 1 << (tag & 3);
    let met = this.#seen[ordinal] === this.#stamp ? this.#met[ordinal]! : 0;
    if ((met & bit) !== 0) return;
    this.#seen[ordinal] = this.#stamp;
    met |= bit;
    this.#met[ordinal] = met;
    if (met === this.#full[ordinal]) this.#found.push(this.rules[ordinal]!);
  };
  /** Adds an always-run rule once per event. */
  readonly #takeAlways = (ordinal: number): void => {
    if (this.#seen[ordinal] === this.#stamp && this.#met[ordinal] === 0xff) return;
    this.#seen[ordinal] = this.#stamp;
    this.#met[ordinal] = 0xff;
    this.#found.push(this.rules[ordinal]!);
  };

  #prepareTables(): void {
    const count = this.rules.length;
    this.#seen = new Uint32Array(count);
    this.#met = new Uint8Array(count);
    this.#full = new Uint8Array(count);
    this.rules.forEach((rule, ordinal) => {
      this.#full[ordinal] = fullMask(rule.requirements.length);
    });
  }

  /** Fills `#found` with the candidate rules of an event, deduplicated. */
  #collectCandidates(view: EventView, logsources: readonly Logsource[]): CompiledRule[] {
    if (this.#seen.length !== this.rules.length) this.#prepareTables();
    this.#stamp += 1;
    if (this.#stamp === 0xffffffff) {
      this.#seen.fill(0);
      this.#stamp = 1;
    }
    this.#found.length = 0;
    for (const logsource of logsources)
      visitCandidates(this.#bucket(logsource), view, this.#take, this.#takeAlways);
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
