/**
 * The parsed form of a Sigma correlation rule (Sigma Correlation Rules Specification v2.1.0,
 * plus pySigma's `value_median` and `percentile`).
 * @module
 */
import type { Location } from '../../errors.js';
import type { Level } from '../../finding.js';
import type { CondExpr } from '../pipeline/cond-expr.js';

/** Every correlation type the engine runs. */
export const CORRELATION_TYPES = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
  'value_median',
] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

/** Types whose condition reads a `field` of the events. */
export const FIELD_TYPES: ReadonlySet<CorrelationType> = new Set([
  'value_count',
  'value_sum',
  'value_avg',
  'value_percentile',
  'value_median',
]);

/** Comparison operators of a correlation condition. */
export const CONDITION_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export interface ConditionBound {
  readonly op: ConditionOperator;
  readonly value: number;
}

/**
 * The condition: one or more bounds AND-ed (the spec's range form `gt: 100` + `lte: 200`),
 * the field(s) for `value_*` types and the percentile rank for `value_percentile`.
 */
export interface CorrelationCondition {
  readonly bounds: readonly ConditionBound[];
  /** `value_count` may name several fields (their value tuples are counted). */
  readonly fields: readonly string[];
  /** 0–100, `value_percentile` only (50 for `value_median`). */
  readonly percentile?: number;
  /** True when the condition was not written and the engine's default applies. */
  readonly isDefault: boolean;
  /**
   * `temporal` only: a boolean expression over the referenced rules (`a and b and not c`,
   * SEP #198, draft v2.2, as pySigma implements it). The bounds are then `>= 1` (true), or
   * `== 1` when the expression has `not`, so that absence is decided when the window closes.
   */
  readonly expression?: { readonly text: string; readonly expr: CondExpr };
}

/** A reference to another rule by `id` or `name`, with where it was written. */
export interface RuleReference {
  readonly ref: string;
  readonly location: Location;
}

export interface CorrelationRule {
  readonly kind: 'correlation';
  readonly title: string;
  readonly id?: string;
  readonly name?: string;
  readonly level?: Level;
  readonly status?: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly type: CorrelationType;
  readonly rules: readonly RuleReference[];
  /** Group-by entries as written (field names or alias names). */
  readonly groupBy: readonly string[];
  /** alias -> (rule id or name -> field name in that rule's events). */
  readonly aliases: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly timespanMs: number;
  /** The timespan as written (`5m`). */
  readonly timespan: string;
  readonly condition: CorrelationCondition;
  /** Also report the referenced rules' own matches (default false). */
  readonly generate: boolean;
  /** Start of the document. */
  readonly location: Location;
}

/** Short label for messages: `correlation "title" (id)`. */
export function describeCorrelation(rule: Pick<CorrelationRule, 'title' | 'id' | 'name'>): string {
  const key = rule.id ?? rule.name;
  return key ? `correlation "${rule.title}" (${key})` : `correlation "${rule.title}"`;
}
