/**
 * The streaming correlation engine: consumes base-rule matches one at a time and emits
 * correlation matches. Semantics (docs/sigma-correlations.md):
 *
 * - Per correlation and group (the group-by values, aliases applied), a sliding window of
 *   `timespan` (inclusive: events at most `timespan` apart share a window).
 * - Conditions with only lower bounds (`gt`/`gte`) fire as soon as the window ending at an
 *   event satisfies them. Conditions with an upper bound (`lt`, `lte`, `eq`, `neq`) are
 *   decided when a window closes: a window opens at a group's first pending event t and
 *   covers [t, t + timespan]; once no event can still enter it, it is decided as a whole and
 *   the next window opens at the next event.
 * - Events that fired a match are consumed: each event contributes to at most one match of a
 *   given correlation.
 * - Out-of-order input: events up to `allowedLatenessMs` behind the newest time seen are
 *   placed in time order; later ones are counted as late and reported, never silently lost.
 * - Memory: entries older than the newest time minus lateness minus timespan are evicted,
 *   empty groups are removed, and hard bounds cap groups per rule and entries per group.
 * @module
 */
import type { Issue, Location } from '../../errors.js';
import { type Aggregator, makeAggregator, type WindowEntry } from './aggregate.js';
import { compileBounds, hasOnlyLowerBounds } from './condition.js';
import { DueHeap } from './due-heap.js';
import { readField, toNumber, valueKey } from './field.js';
import type { ResolvedCorrelation } from './resolve.js';
import { type CorrelationRule, describeCorrelation } from './types.js';

/** A match of a base (detection) rule, as the correlation engine consumes it. */
export interface BaseMatch {
  readonly rule: { readonly id?: string; readonly name?: string };
  /** Event time, epoch milliseconds. */
  readonly timeMs: number;
  /** The event's fields (group-by and value fields are read here). */
  readonly event: unknown;
  /** Where the raw record is, so a finding's `related[]` can point at it. */
  readonly origin?: Location;
}

/** One event (or inner correlation match) behind a correlation match. */
export interface CorrelationContributor {
  readonly ruleKey: string;
  readonly timeMs: number;
  readonly origins: readonly Location[];
}

export interface CorrelationMatch {
  readonly rule: CorrelationRule;
  /** The correlation's key (id, else name). */
  readonly key: string;
  /** Group-by entry -> value (absent fields are null). */
  readonly group: Readonly<Record<string, unknown>>;
  readonly window: { readonly startMs: number; readonly endMs: number };
  /** Time of the match: the end of the window. */
  readonly timeMs: number;
  /** The aggregate that satisfied the condition (count, distinct values, sum, …). */
  readonly value: number;
  /** Number of contributing events (or inner matches). */
  readonly eventCount: number;
  /** The contributors, oldest first (at most `maxRefsPerMatch`). */
  readonly contributors: readonly CorrelationContributor[];
  /** Distinct origins of the raw records behind the match (at most `maxRefsPerMatch`). */
  readonly origins: readonly Location[];
  /** Number of distinct origins before the cap. */
  readonly originCount: number;
}

export interface CorrelationEngineOptions {
  /** How far behind the newest event time an event may arrive and still count (default 10 s). */
  readonly allowedLatenessMs?: number;
  /** Groups kept per correlation before the least recently updated is dropped (default 100,000). */
  readonly maxGroups?: number;
  /** Entries kept per group before the oldest is dropped (default 10,000). */
  readonly maxEventsPerGroup?: number;
  /** Contributors and origins listed per match (default 100). */
  readonly maxRefsPerMatch?: number;
  /** Late / no-time events reported one by one before only being counted (default 100). */
  readonly maxReportedLate?: number;
}

export interface CorrelationEngineStats {
  readonly groups: number;
  readonly entries: number;
  readonly late: number;
  readonly noTime: number;
  readonly droppedEntries: number;
  readonly droppedGroups: number;
  readonly matches: number;
}

interface Group {
  readonly values: readonly unknown[];
  readonly entries: WindowEntry[];
  newest: number;
}

interface Consumer {
  readonly state: RuleState;
  readonly input: number;
}

interface RuleState {
  readonly correlation: ResolvedCorrelation;
  readonly timespanMs: number;
  readonly decideAtClose: boolean;
  readonly isTrue: (value: number) => boolean;
  readonly aggregate: Aggregator;
  /** Lateness tolerated by this correlation: base lateness plus inner correlations' delays. */
  readonly latenessMs: number;
  readonly groups: Map<string, Group>;
  /** Upper-bounded mode: when each group's open window closes (may hold stale entries). */
  readonly due: DueHeap;
  reportedLimit: boolean;
}

const DEFAULTS = {
  allowedLatenessMs: 10_000,
  maxGroups: 100_000,
  maxEventsPerGroup: 10_000,
  maxRefsPerMatch: 100,
  maxReportedLate: 100,
} as const;

/**
 * Runs resolved correlations over a stream of base matches.
 *
 * @example
 * const { correlations } = resolveCorrelations(rules, baseRules);
 * const engine = new CorrelationEngine(correlations);
 * for (const m of baseMatches) for (const c of engine.push(m)) report(c);
 * for (const c of engine.flush()) report(c);
 */
export class CorrelationEngine {
  private readonly options: Required<CorrelationEngineOptions>;
  private readonly states: RuleState[] = [];
  private readonly consumers = new Map<string, Consumer[]>();
  private readonly issues: Issue[] = [];
  private watermark = Number.NEGATIVE_INFINITY;
  private seq = 0;
  private late = 0;
  private noTime = 0;
  private droppedEntries = 0;
  private droppedGroups = 0;
  private matchCount = 0;

  constructor(
    correlations: readonly ResolvedCorrelation[],
    options: CorrelationEngineOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    const byKey = new Map<string, RuleState>();
    // `correlations` is in dependency order (inner first), so inner delays are known.
    for (const correlation of correlations) {
      const { rule } = correlation;
      const decideAtClose = !hasOnlyLowerBounds(rule.condition.bounds);
      let latenessMs = this.options.allowedLatenessMs;
      for (const input of correlation.inputs) {
        const inner = byKey.get(input.targetKey);
        if (!inner) continue;
        const delay = inner.latenessMs + (inner.decideAtClose ? inner.timespanMs : 0);
        latenessMs = Math.max(latenessMs, delay);
      }
      const state: RuleState = {
        correlation,
        timespanMs: rule.timespanMs,
        decideAtClose,
        isTrue: compileBounds(rule.condition.bounds),
        aggregate: makeAggregator(rule),
        latenessMs,
        groups: new Map(),
        due: new DueHeap(),
        reportedLimit: false,
      };
      this.states.push(state);
      byKey.set(correlation.key, state);
      correlation.inputs.forEach((input, index) => {
        const list = this.consumers.get(input.targetKey) ?? [];
        list.push({ state, input: index });
        this.consumers.set(input.targetKey, list);
      });
    }
  }

  /** True when some correlation consumes matches of this rule (by id or name). */
  consumes(rule: { readonly id?: string; readonly name?: string }): boolean {
    return this.consumersOf(rule).length > 0;
  }

  /** Feeds one base-rule match; returns the correlation matches it completes (chains included). */
  push(match: BaseMatch): CorrelationMatch[] {
    const consumers = this.consumersOf(match.rule);
    if (consumers.length === 0) return [];
    const out: CorrelationMatch[] = [];
    const time = match.timeMs;
    if (!Number.isFinite(time)) {
      this.noTime++;
      this.report(
        this.noTime,
        'CW_SIGMA_CORRELATION_NO_TIME',
        `match of rule "${match.rule.id ?? match.rule.name}" has no event time; it cannot enter a correlation window`,
        match.origin,
      );
      return out;
    }
    if (time > this.watermark) this.advance(time, out);
    const origins = match.origin ? [match.origin] : [];
    const ruleKey = match.rule.id ?? match.rule.name ?? '';
    for (const consumer of consumers) {
      this.insert(consumer, time, match.event, ruleKey, origins, out);
    }
    return out;
  }

  /** End of stream: decides every open window and returns the last matches. State is cleared. */
  flush(): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    for (const state of this.states) this.closeDue(state, Number.POSITIVE_INFINITY, out);
    for (const state of this.states) {
      state.groups.clear();
      state.due.clear();
    }
    if (this.late > this.options.maxReportedLate) {
      this.issues.push({
        code: 'CW_SIGMA_CORRELATION_LATE_EVENT',
        severity: 'warning',
        message: `${this.late} matches in total arrived too late to be correlated (allowed lateness ${this.options.allowedLatenessMs} ms)`,
      });
    }
    if (this.noTime > this.options.maxReportedLate) {
      this.issues.push({
        code: 'CW_SIGMA_CORRELATION_NO_TIME',
        severity: 'warning',
        message: `${this.noTime} matches in total had no event time and were not correlated`,
      });
    }
    return out;
  }

  /** Issues gathered since the last call (late events, state bounds), then forgotten. */
  takeIssues(): Issue[] {
    return this.issues.splice(0, this.issues.length);
  }

  /** Current state size and counters. */
  stats(): CorrelationEngineStats {
    let groups = 0;
    let entries = 0;
    for (const state of this.states) {
      groups += state.groups.size;
      for (const group of state.groups.values()) entries += group.entries.length;
    }
    return {
      groups,
      entries,
      late: this.late,
      noTime: this.noTime,
      droppedEntries: this.droppedEntries,
      droppedGroups: this.droppedGroups,
      matches: this.matchCount,
    };
  }

  private consumersOf(rule: { readonly id?: string; readonly name?: string }): Consumer[] {
    const byId = rule.id === undefined ? undefined : this.consumers.get(rule.id);
    const byName = rule.name === undefined ? undefined : this.consumers.get(rule.name);
    if (!byName || byName === byId) return byId ?? [];
    if (!byId) return byName;
    return [...byId, ...byName.filter((c) => !byId.includes(c))];
  }

  /**
   * Moves the newest time forward: first decides the windows that close before `time`
   * (inner correlations first, so their matches reach outer ones in time), then evicts.
   */
  private advance(time: number, out: CorrelationMatch[]): void {
    for (const state of this.states) this.closeDue(state, time - state.latenessMs, out);
    this.watermark = time;
    for (const state of this.states) {
      if (!state.decideAtClose) this.evictStale(state);
    }
  }

  private insert(
    consumer: Consumer,
    time: number,
    event: unknown,
    ruleKey: string,
    origins: readonly Location[],
    out: CorrelationMatch[],
  ): void {
    const { state, input } = consumer;
    if (time < this.watermark - state.latenessMs) {
      this.late++;
      this.report(
        this.late,
        'CW_SIGMA_CORRELATION_LATE_EVENT',
        `${describeCorrelation(state.correlation.rule)}: match of "${ruleKey}" at ${new Date(time).toISOString()} is more than ${state.latenessMs} ms behind the newest event (${new Date(this.watermark).toISOString()}); counted as late, not correlated`,
        origins[0],
      );
      return;
    }
    const fields = state.correlation.inputs[input]!.groupFields; // input indexes inputs
    const values = fields.map((field) => {
      const value = readField(event, field);
      return value === undefined ? null : value;
    });
    const key = valueKey(values);
    let group = state.groups.get(key);
    if (group) {
      state.groups.delete(key); // re-inserted below: the map stays ordered by last update
    } else {
      group = { values, entries: [], newest: time };
    }
    state.groups.set(key, group);
    const entry: WindowEntry = {
      timeMs: time,
      seq: this.seq++,
      input,
      value: entryValue(state.correlation.rule, event),
      ruleKey,
      origins,
    };
    const position = insertSorted(group.entries, entry);
    group.newest = Math.max(group.newest, time);
    this.enforceBounds(state, key, group);
    if (state.decideAtClose) {
      // A new first entry opens (or moves) the group's window: schedule its close.
      if (position === 0) state.due.push({ dueMs: time + state.timespanMs, key });
      return;
    }
    this.evaluateEarly(state, key, group, position, out);
  }

  /** Lower-bound conditions: check every window that ends at or after the new entry. */
  private evaluateEarly(
    state: RuleState,
    key: string,
    group: Group,
    position: number,
    out: CorrelationMatch[],
  ): void {
    const { entries } = group;
    const inserted = entries[position]!; // position returned by insertSorted
    for (let end = position; end < entries.length; end++) {
      const endTime = entries[end]!.timeMs;
      if (endTime > inserted.timeMs + state.timespanMs) break;
      const start = firstAtOrAfter(entries, endTime - state.timespanMs);
      const value = state.aggregate(entries, start, end);
      if (value === undefined || !state.isTrue(value)) continue;
      this.fire(state, group, start, end, value, out);
      if (entries.length === 0) state.groups.delete(key);
      return;
    }
  }

  /** Upper-bound conditions: decide every window [t, t + timespan] that closed before `horizon`. */
  private closeDue(state: RuleState, horizon: number, out: CorrelationMatch[]): void {
    if (!state.decideAtClose) return;
    for (
      let next = state.due.peek();
      next !== undefined && next.dueMs < horizon;
      next = state.due.peek()
    ) {
      state.due.pop();
      const group = state.groups.get(next.key);
      const first = group?.entries[0];
      // Stale entry: the group is gone or its window already moved on.
      if (!group || !first || first.timeMs + state.timespanMs !== next.dueMs) continue;
      const { entries } = group;
      const end = lastAtOrBefore(entries, next.dueMs);
      const value = state.aggregate(entries, 0, end);
      // The window that opened at the group's first pending event is decided as a whole:
      // sliding an upper-bounded window over a burst would pass through every count.
      if (value !== undefined && state.isTrue(value)) this.fire(state, group, 0, end, value, out);
      else entries.splice(0, end + 1);
      const following = entries[0];
      if (following) state.due.push({ dueMs: following.timeMs + state.timespanMs, key: next.key });
      else state.groups.delete(next.key);
    }
  }

  /** Lower-bound mode: drop entries no future window can reach, and groups left empty. */
  private evictStale(state: RuleState): void {
    const cutoff = this.watermark - state.latenessMs - state.timespanMs;
    for (const [key, group] of state.groups) {
      if (group.newest >= cutoff) break; // map is ordered by last update: the rest is newer
      state.groups.delete(key);
    }
  }

  private enforceBounds(state: RuleState, key: string, group: Group): void {
    if (!state.decideAtClose) {
      const cutoff = this.watermark - state.latenessMs - state.timespanMs;
      let stale = 0;
      while (stale < group.entries.length && group.entries[stale]!.timeMs < cutoff) stale++;
      if (stale > 0) group.entries.splice(0, stale);
    }
    if (group.entries.length > this.options.maxEventsPerGroup) {
      const excess = group.entries.length - this.options.maxEventsPerGroup;
      group.entries.splice(0, excess);
      this.droppedEntries += excess;
      const first = group.entries[0];
      if (state.decideAtClose && first) {
        state.due.push({ dueMs: first.timeMs + state.timespanMs, key }); // the window moved
      }
      this.reportLimit(
        state,
        `a group exceeded ${this.options.maxEventsPerGroup} events in one window; the oldest were dropped`,
      );
    }
    while (state.groups.size > this.options.maxGroups) {
      const oldest = state.groups.keys().next();
      if (oldest.done) break;
      state.groups.delete(oldest.value);
      this.droppedGroups++;
      this.reportLimit(
        state,
        `more than ${this.options.maxGroups} groups were open; the least recently updated was dropped`,
      );
    }
  }

  private fire(
    state: RuleState,
    group: Group,
    start: number,
    end: number,
    value: number,
    out: CorrelationMatch[],
  ): void {
    const { rule, key } = state.correlation;
    const used = group.entries.splice(start, end - start + 1);
    const first = used[0]!; // a window holds at least one entry
    const last = used[used.length - 1]!;
    const cap = this.options.maxRefsPerMatch;
    const origins = new Map<string, Location>();
    for (const entry of used) {
      for (const origin of entry.origins) {
        const id = `${origin.file}\0${origin.line ?? ''}\0${origin.index ?? ''}\0${origin.offset ?? ''}`;
        if (!origins.has(id)) origins.set(id, origin);
      }
    }
    const groupRecord: Record<string, unknown> = {};
    rule.groupBy.forEach((name, i) => {
      groupRecord[name] = group.values[i];
    });
    const match: CorrelationMatch = {
      rule,
      key,
      group: groupRecord,
      window: { startMs: first.timeMs, endMs: last.timeMs },
      timeMs: last.timeMs,
      value,
      eventCount: used.length,
      contributors: used.slice(0, cap).map((entry) => ({
        ruleKey: entry.ruleKey,
        timeMs: entry.timeMs,
        origins: entry.origins,
      })),
      origins: [...origins.values()].slice(0, cap),
      originCount: origins.size,
    };
    this.matchCount++;
    out.push(match);
    this.chain(match, out);
  }

  /** Feeds a correlation match to the correlations that refer to it. */
  private chain(match: CorrelationMatch, out: CorrelationMatch[]): void {
    const consumers = this.consumersOf({ id: match.key });
    for (const consumer of consumers) {
      this.insert(consumer, match.timeMs, match.group, match.key, match.origins, out);
    }
  }

  private reportLimit(state: RuleState, what: string): void {
    if (state.reportedLimit) return;
    state.reportedLimit = true;
    this.issues.push({
      code: 'CW_SIGMA_CORRELATION_STATE_LIMIT',
      severity: 'warning',
      message: `${describeCorrelation(state.correlation.rule)}: ${what} (further drops are only counted)`,
      location: state.correlation.rule.location,
    });
  }

  private report(
    count: number,
    code: 'CW_SIGMA_CORRELATION_LATE_EVENT' | 'CW_SIGMA_CORRELATION_NO_TIME',
    message: string,
    origin: Location | undefined,
  ): void {
    if (count > this.options.maxReportedLate) return;
    this.issues.push(
      origin
        ? { code, severity: 'warning', message, location: origin }
        : { code, severity: 'warning', message },
    );
  }
}

/** The value an entry contributes to `value_*` aggregates. */
function entryValue(rule: CorrelationRule, event: unknown): string | number | undefined {
  const { fields } = rule.condition;
  if (fields.length === 0) return undefined;
  if (rule.type === 'value_count') {
    const values = fields.map((field) => readField(event, field));
    // Several fields are AND-ed: the tuple counts only when every field is present.
    if (values.some((value) => value === undefined || value === null)) return undefined;
    return valueKey(values.length === 1 ? values[0] : values);
  }
  return toNumber(readField(event, fields[0]!)); // fields is non-empty here
}

/** Inserts keeping (time, seq) order; returns the index. Appends in O(1) for ordered input. */
function insertSorted(entries: WindowEntry[], entry: WindowEntry): number {
  let index = entries.length;
  while (index > 0 && entries[index - 1]!.timeMs > entry.timeMs) index--;
  entries.splice(index, 0, entry);
  return index;
}

function firstAtOrAfter(entries: readonly WindowEntry[], time: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (entries[mid]!.timeMs < time) low = mid + 1;
    else high = mid;
  }
  return low;
}

function lastAtOrBefore(entries: readonly WindowEntry[], time: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (entries[mid]!.timeMs <= time) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
