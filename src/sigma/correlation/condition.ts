/**
 * Correlation conditions: AND-ed numeric bounds (the spec's range form), compiled once into a
 * predicate, and the question the engine asks of them: can the condition be decided as soon
 * as it is true, or only when the window has closed?
 * @module
 */
import type { ConditionBound, ConditionOperator } from './types.js';

/** Compiles the bounds into one predicate over the aggregate value. */
export function compileBounds(bounds: readonly ConditionBound[]): (value: number) => boolean {
  const tests = bounds.map(compileBound);
  if (tests.length === 1) return tests[0]!; // length checked: one element
  return (value) => {
    for (const test of tests) if (!test(value)) return false;
    return true;
  };
}

function compileBound({ op, value: limit }: ConditionBound): (value: number) => boolean {
  switch (op) {
    case 'gt':
      return (value) => value > limit;
    case 'gte':
      return (value) => value >= limit;
    case 'lt':
      return (value) => value < limit;
    case 'lte':
      return (value) => value <= limit;
    case 'eq':
      return (value) => value === limit;
    case 'neq':
      return (value) => value !== limit;
    default:
      return assertNever(op);
  }
}

function assertNever(op: never): never {
  throw new Error(`unknown condition operator ${String(op)}`);
}

const LOWER_ONLY: ReadonlySet<ConditionOperator> = new Set(['gt', 'gte']);

/**
 * True when the condition only has lower bounds (`gt`/`gte`): for a count that only grows as
 * events enter the window, it can fire the moment it becomes true. Any upper bound (`lt`,
 * `lte`, `eq`, `neq`) can still turn false while events arrive, so it is decided at close.
 */
export function hasOnlyLowerBounds(bounds: readonly ConditionBound[]): boolean {
  return bounds.every((bound) => LOWER_ONLY.has(bound.op));
}

/**
 * True when no number satisfies every bound (e.g. `gt: 10` with `lt: 5`, or `eq: 3` with
 * `neq: 3`). An interval of positive length always has values outside finitely many `neq`.
 */
export function isUnsatisfiable(bounds: readonly ConditionBound[]): boolean {
  const predicate = compileBounds(bounds);
  const equals = bounds.filter((bound) => bound.op === 'eq');
  if (equals.length > 0) return !equals.some((bound) => predicate(bound.value));
  let low = Number.NEGATIVE_INFINITY;
  let lowOpen = false;
  let high = Number.POSITIVE_INFINITY;
  let highOpen = false;
  for (const { op, value } of bounds) {
    if ((op === 'gt' || op === 'gte') && (value > low || (value === low && op === 'gt'))) {
      low = value;
      lowOpen = op === 'gt';
    } else if ((op === 'lt' || op === 'lte') && (value < high || (value === high && op === 'lt'))) {
      high = value;
      highOpen = op === 'lt';
    }
  }
  if (low > high) return true;
  if (low === high) return lowOpen || highOpen || !predicate(low);
  return false;
}

/** Renders the bounds for messages: `>= 10 and < 20`. */
export function formatBounds(bounds: readonly ConditionBound[]): string {
  const symbol: Record<ConditionOperator, string> = {
    gt: '>',
    gte: '>=',
    lt: '<',
    lte: '<=',
    eq: '==',
    neq: '!=',
  };
  return bounds.map(({ op, value }) => `${symbol[op]} ${value}`).join(' and ');
}
