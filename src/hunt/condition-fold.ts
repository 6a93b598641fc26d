/**
 * A fold over a Sigma condition tree: the one walk every "what must an event hold for this
 * rule" analysis needs (the hunt prefilter's literals here; the engine's candidate-index
 * requirement in `sigma/compile/requirement.ts` has the same shape with `best`/`union` as
 * its algebra). `x of pattern` resolves its targets like the condition parser does, `all of`
 * folds them with `and`, `1 of`/`any of` with `or`.
 * @module
 */
import type { ConditionNode } from '../sigma/ast.js';
import { resolveOfTarget } from '../sigma/condition/parse.js';

/** How each node kind combines its operands' values. */
export interface ConditionAlgebra<T> {
  and(operands: readonly T[]): T;
  or(operands: readonly T[]): T;
  not(operand: T): T;
  ref(name: string): T;
}

/** Folds `node`; `names` are the rule's search names in source order (for `x of`). */
export function foldCondition<T>(
  node: ConditionNode,
  names: readonly string[],
  algebra: ConditionAlgebra<T>,
): T {
  switch (node.kind) {
    case 'or':
      return algebra.or(node.operands.map((operand) => foldCondition(operand, names, algebra)));
    case 'and':
      return algebra.and(node.operands.map((operand) => foldCondition(operand, names, algebra)));
    case 'not':
      return algebra.not(foldCondition(node.operand, names, algebra));
    case 'ref':
      return algebra.ref(node.name);
    case 'of': {
      const targets = resolveOfTarget(node.target, names).map((name) => algebra.ref(name));
      return node.quantifier === 'all' ? algebra.and(targets) : algebra.or(targets);
    }
    default: {
      const never: never = node;
      return never;
    }
  }
}
