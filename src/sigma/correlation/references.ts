/**
 * Which detection rules a correlation refers to (by id or name), following chained
 * correlations: what `rules test`, hunt and the rule-set engine need to know which rules feed
 * which correlation.
 * @module
 */
import type { SigmaRule } from '../ast.js';
import type { CorrelationRule } from './types.js';

/** The detection rules a correlation refers to, following chained correlations. */
export function referencedRulesOf(
  rules: readonly SigmaRule[],
  correlations: readonly CorrelationRule[],
): (rule: CorrelationRule) => SigmaRule[] {
  const byKey = new Map<string, SigmaRule | CorrelationRule>();
  for (const rule of [...rules, ...correlations]) {
    if (rule.id !== undefined) byKey.set(rule.id, rule);
    if (rule.name !== undefined) byKey.set(rule.name, rule);
  }
  return (start) => {
    const found: SigmaRule[] = [];
    const seen = new Set<unknown>([start]);
    const visit = (rule: CorrelationRule) => {
      for (const reference of rule.rules) {
        const target = byKey.get(reference.ref);
        if (target === undefined || seen.has(target)) continue;
        seen.add(target);
        if ('detection' in target) found.push(target);
        else visit(target);
      }
    };
    visit(start);
    return found;
  };
}
