/**
 * The parsed form of a processing pipeline (pySigma YAML): name, priority, vars and processing
 * items, each a transformation with rule, detection-item and field-name conditions.
 * @module
 */
import type { Location } from '../../errors.js';
import type { CondExpr } from './cond-expr.js';
import type { FieldCondition, ItemCondition, RuleCondition } from './conditions.js';
import type { VarValue } from './state.js';
import type { Transformation } from './transformation.js';

/**
 * Conditions of one family: linked by `and`/`or` (`*_cond_op`, default and) or by an
 * expression over their ids (`*_cond_expr`), optionally negated (`*_cond_not`).
 */
export interface ConditionSet<C> {
  readonly conditions: ReadonlyMap<string, C>;
  readonly expr: CondExpr | undefined;
  readonly op: 'and' | 'or';
  readonly negate: boolean;
}

export interface ProcessingItem {
  readonly id: string;
  readonly type: string;
  readonly action:
    | { readonly kind: 'transform'; readonly transformation: Transformation }
    | { readonly kind: 'nest'; readonly items: readonly ProcessingItem[] };
  readonly ruleConditions: ConditionSet<RuleCondition>;
  readonly itemConditions: ConditionSet<ItemCondition>;
  readonly fieldConditions: ConditionSet<FieldCondition>;
  readonly location: Location;
}

export interface Pipeline {
  readonly name: string;
  readonly priority: number;
  readonly vars: ReadonlyMap<string, readonly VarValue[]>;
  readonly items: readonly ProcessingItem[];
  readonly location: Location;
}
