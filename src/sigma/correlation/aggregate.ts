/**
 * Aggregates of a window of entries, one function per correlation type. The window is a
 * slice [start, end] of a group's entries, which are sorted by (time, arrival).
 * @module
 */
import type { Location } from '../../errors.js';
import { evaluateCondExpr } from '../pipeline/cond-expr.js';
import type { CorrelationRule } from './types.js';

/** What the engine keeps per contributing event. */
export interface WindowEntry {
  readonly timeMs: number;
  /** Arrival sequence number: orders events with equal times. */
  readonly seq: number;
  /** Index of the referenced rule (in `correlation.rules`) the event matched. */
  readonly input: number;
  /** Aggregated value: a distinct-value key (value_count) or a number (value_*), else undefined. */
  readonly value: string | number | undefined;
  readonly ruleKey: string;
  readonly origins: readonly Location[];
}

export type Aggregator = (
  entries: readonly WindowEntry[],
  start: number,
  end: number,
) => number | undefined;

/** Builds the aggregate function of a correlation rule (by type). */
export function makeAggregator(rule: CorrelationRule): Aggregator {
  const { type } = rule;
  const percentile = rule.condition.percentile ?? 50;
  const expression = rule.condition.expression;
  if (expression) {
    // 1 when the boolean expression over the referenced rules holds in the window, else 0.
    const inputOf = new Map(rule.rules.map((reference, index) => [reference.ref, index]));
    return (entries, start, end) => {
      const present = new Set<number>();
      for (let i = start; i <= end; i++) present.add(entries[i]!.input);
      return evaluateCondExpr(expression.expr, (id) => present.has(inputOf.get(id) ?? -1)) ? 1 : 0;
    };
  }
  switch (type) {
    case 'event_count':
      return (_entries, start, end) => end - start + 1;
    case 'value_count':
      return countDistinctValues;
    case 'temporal':
      return countDistinctRules;
    case 'temporal_ordered':
      return orderedPrefixLength;
    case 'value_sum':
      return (entries, start, end) => sumOf(entries, start, end)?.sum;
    case 'value_avg':
      return (entries, start, end) => {
        const total = sumOf(entries, start, end);
        return total === undefined ? undefined : total.sum / total.count;
      };
    case 'value_percentile':
    case 'value_median':
      return (entries, start, end) => percentileOf(entries, start, end, percentile);
    default:
      return assertNever(type);
  }
}

function assertNever(type: never): never {
  throw new Error(`unknown correlation type ${String(type)}`);
}

function countDistinctValues(entries: readonly WindowEntry[], start: number, end: number): number {
  const seen = new Set<string | number>();
  for (let i = start; i <= end; i++) {
    const value = entries[i]!.value; // i within [start, end] of the array
    if (value !== undefined) seen.add(value);
  }
  return seen.size;
}

function countDistinctRules(entries: readonly WindowEntry[], start: number, end: number): number {
  const seen = new Set<number>();
  for (let i = start; i <= end; i++) seen.add(entries[i]!.input);
  return seen.size;
}

/**
 * temporal_ordered: the length of the longest prefix of `rules` that occurs in order in the
 * window. Taking each rule's earliest possible occurrence is optimal for a prefix.
 */
function orderedPrefixLength(entries: readonly WindowEntry[], start: number, end: number): number {
  let next = 0;
  for (let i = start; i <= end; i++) if (entries[i]!.input === next) next++;
  return next;
}

function sumOf(
  entries: readonly WindowEntry[],
  start: number,
  end: number,
): { sum: number; count: number } | undefined {
  let sum = 0;
  let count = 0;
  for (let i = start; i <= end; i++) {
    const value = entries[i]!.value;
    if (typeof value !== 'number') continue;
    sum += value;
    count++;
  }
  return count === 0 ? undefined : { sum, count };
}

/** Linear interpolation between closest ranks (numpy's default method). */
export function percentileOf(
  entries: readonly WindowEntry[],
  start: number,
  end: number,
  percentile: number,
): number | undefined {
  const values: number[] = [];
  for (let i = start; i <= end; i++) {
    const value = entries[i]!.value;
    if (typeof value === 'number') values.push(value);
  }
  if (values.length === 0) return undefined;
  values.sort((a, b) => a - b);
  const rank = (percentile / 100) * (values.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = values[low]!; // low in [0, length-1]
  const highValue = values[high]!;
  return lowValue + (highValue - lowValue) * (rank - low);
}
