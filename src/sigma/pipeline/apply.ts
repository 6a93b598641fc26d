/**
 * Applies processing pipelines to a rule's AST before it is compiled. Pipelines run in
 * ascending `priority` (stable for equal priorities), their items in order, their `vars`
 * merged (a later pipeline wins), as pySigma's resolver does.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { DetectionItem, SigmaRule } from '../ast.js';
import type { CorrelationRule } from '../correlation/types.js';
import { evaluateCondExpr } from './cond-expr.js';
import { ProcessingState, type VarValue } from './state.js';
import type { TransformContext } from './transformation.js';
import type { ConditionSet, Pipeline, ProcessingItem } from './types.js';

/** Pipelines merged into one ordered list of items with their variables. */
export interface PipelineChain {
  readonly names: readonly string[];
  readonly vars: ReadonlyMap<string, readonly VarValue[]>;
  readonly items: readonly ProcessingItem[];
}

/** Orders pipelines by priority and merges them. */
export function chainPipelines(pipelines: readonly Pipeline[]): PipelineChain {
  const ordered = [...pipelines].sort((a, b) => a.priority - b.priority);
  const vars = new Map<string, readonly VarValue[]>();
  for (const pipeline of ordered) for (const [key, value] of pipeline.vars) vars.set(key, value);
  return { names: ordered.map((p) => p.name), vars, items: ordered.flatMap((p) => p.items) };
}

export interface PipelineApplication {
  /** The transformed rule; absent when the pipeline rejected it (issues say why). */
  readonly rule?: SigmaRule;
  /** Ids of the processing items that applied. */
  readonly applied: readonly string[];
  readonly issues: readonly Issue[];
}

function holds<C>(set: ConditionSet<C>, test: (condition: C) => boolean): boolean {
  if (set.conditions.size === 0) return true;
  let result: boolean;
  if (set.expr) {
    const expr = set.expr;
    result = evaluateCondExpr(expr, (id) => {
      const condition = set.conditions.get(id);
      return condition !== undefined && test(condition);
    });
  } else {
    const values = [...set.conditions.values()];
    result = set.op === 'and' ? values.every(test) : values.some(test);
  }
  return set.negate ? !result : result;
}

function ruleLabel(rule: SigmaRule): string {
  return rule.id ? `rule "${rule.title}" (${rule.id})` : `rule "${rule.title}"`;
}

/** Applies a pipeline chain to one rule. */
export function applyPipelines(rule: SigmaRule, chain: PipelineChain): PipelineApplication {
  const state = new ProcessingState(chain.vars);
  const issues: Issue[] = [];
  const current = runItems(rule, chain.items, state, issues);
  return current
    ? { rule: current, applied: [...state.appliedToRule], issues }
    : { applied: [...state.appliedToRule], issues };
}

function runItems(
  rule: SigmaRule,
  items: readonly ProcessingItem[],
  state: ProcessingState,
  issues: Issue[],
): SigmaRule | undefined {
  let current = rule;
  for (const item of items) {
    if (!holds(item.ruleConditions, (condition) => condition(current, state))) continue;
    if (item.action.kind === 'nest') {
      const nested = runItems(current, item.action.items, state, issues);
      if (!nested) return undefined;
      if (nested !== current) state.appliedToRule.add(item.id);
      current = nested;
      continue;
    }
    const context: TransformContext = {
      id: item.id,
      state,
      issues,
      ruleLabel: ruleLabel(current),
      location: item.location,
      selects: (detectionItem: DetectionItem) =>
        holds(item.itemConditions, (condition) => condition(detectionItem, state)) &&
        holds(item.fieldConditions, (condition) => condition(detectionItem.field, state)),
      selectsField: (field: string) =>
        holds(item.fieldConditions, (condition) => condition(field, state)),
    };
    const result = item.action.transformation.apply(current, context);
    if (!result) return undefined;
    if (result.applied) state.appliedToRule.add(item.id);
    current = result.rule;
  }
  return current;
}

export interface CorrelationPipelineApplication {
  readonly rule?: CorrelationRule;
  readonly applied: readonly string[];
  readonly issues: readonly Issue[];
}

/**
 * Applies a pipeline chain to a correlation rule, as pySigma does: field-name transformations
 * rename the fields it reads from events (group-by, alias targets, condition.field);
 * `rule_failure` and `set_state` apply; other transformations have no meaning for it.
 * `logsource` rule conditions hold when any referenced detection rule matches them.
 *
 * @param referencedRules the detection rules the correlation refers to, transitively
 */
export function applyPipelinesToCorrelation(
  rule: CorrelationRule,
  chain: PipelineChain,
  referencedRules: (rule: CorrelationRule) => readonly SigmaRule[],
): CorrelationPipelineApplication {
  const state = new ProcessingState(chain.vars, referencedRules);
  const issues: Issue[] = [];
  const run = (
    current: CorrelationRule,
    items: readonly ProcessingItem[],
  ): CorrelationRule | undefined => {
    for (const item of items) {
      if (!holds(item.ruleConditions, (condition) => condition(current, state))) continue;
      if (item.action.kind === 'nest') {
        const nested = run(current, item.action.items);
        if (!nested) return undefined;
        current = nested;
        continue;
      }
      const transform = item.action.transformation.applyCorrelation;
      if (!transform) continue;
      const result = transform(current, {
        id: item.id,
        state,
        issues,
        ruleLabel: `correlation "${current.title}"${current.id ? ` (${current.id})` : ''}`,
        location: item.location,
        selects: () => false,
        selectsField: (field) =>
          holds(item.fieldConditions, (condition) => condition(field, state)),
      });
      if (!result) return undefined;
      if (result.applied) state.appliedToRule.add(item.id);
      current = result.rule;
    }
    return current;
  };
  const result = run(rule, chain.items);
  return result
    ? { rule: result, applied: [...state.appliedToRule], issues }
    : { applied: [...state.appliedToRule], issues };
}
