/**
 * Applies filters to rules, with the semantics pySigma and rsigma share (the spec leaves it
 * open, sigma-notes §1.5): the filter's condition is AND-ed onto each target rule's condition,
 * `(<rule condition>) and (<filter condition>)`, with the filter's search identifiers renamed
 * `_filt<N>_<name>` so they cannot clash with the rule's and `them` in the rule still skips
 * them. A filter that suppresses therefore writes `condition: not selection`.
 *
 * A filter applies to a rule when the rule is listed (by id or name) or `rules: any`, and the
 * rule's logsource is within the filter's (every field the filter sets is equal, ignoring
 * case). Correlation rules are never filtered (pySigma does not either).
 * @module
 */
import type { Issue } from '../../errors.js';
import type { Logsource } from '../../logsource.js';
import { assertNever } from '../assert-never.js';
import type { Condition, ConditionNode, Search, SigmaRule } from '../ast.js';
import { describeFilter, type SigmaFilter } from './types.js';

export interface FilterApplication {
  /** The rules, filtered where a filter applied (others are returned unchanged). */
  readonly rules: SigmaRule[];
  /** Which filters were applied to which rule (`rule key -> filter titles`). */
  readonly applied: ReadonlyMap<string, readonly string[]>;
  readonly issues: Issue[];
}

/** True when every logsource field the filter sets equals the rule's (case-insensitive). */
export function logsourceWithin(rule: Logsource, filter: Logsource): boolean {
  for (const key of ['product', 'category', 'service'] as const) {
    const wanted = filter[key];
    if (wanted === undefined) continue;
    const actual = rule[key];
    if (actual === undefined || actual.toLowerCase() !== wanted.toLowerCase()) return false;
  }
  return true;
}

/** Applies every filter to the rules it targets. */
export function applyFilters(
  rules: readonly SigmaRule[],
  filters: readonly SigmaFilter[],
): FilterApplication {
  const issues: Issue[] = [];
  const applied = new Map<string, string[]>();
  let out = [...rules];
  filters.forEach((filter, index) => {
    if (filter.rules !== 'any') {
      for (const reference of filter.rules) {
        const target = rules.find(
          (rule) => rule.id === reference.ref || rule.name === reference.ref,
        );
        if (!target) {
          issues.push({
            code: 'CW_SIGMA_FILTER_UNKNOWN_RULE',
            severity: 'warning',
            message: `${describeFilter(filter)}: rule "${reference.ref}" is not loaded; the filter does nothing for it`,
            location: reference.location,
          });
        } else if (!logsourceWithin(target.logsource, filter.logsource)) {
          issues.push({
            code: 'CW_SIGMA_FILTER_LOGSOURCE_MISMATCH',
            severity: 'warning',
            message: `${describeFilter(filter)}: rule "${reference.ref}" has logsource ${formatLogsource(target.logsource)}, not within the filter's ${formatLogsource(filter.logsource)}; the filter is not applied to it`,
            location: reference.location,
          });
        }
      }
    }
    out = out.map((rule) => {
      if (!targets(filter, rule)) return rule;
      const key = rule.id ?? rule.name ?? rule.title;
      applied.set(key, [...(applied.get(key) ?? []), filter.title]);
      return filterRule(rule, filter, `_filt${index}_`);
    });
  });
  return { rules: out, applied, issues };
}

function targets(filter: SigmaFilter, rule: SigmaRule): boolean {
  if (!logsourceWithin(rule.logsource, filter.logsource)) return false;
  if (filter.rules === 'any') return true;
  return filter.rules.some((r) => r.ref === rule.id || r.ref === rule.name);
}

/** Returns the rule with the filter's searches added and its condition AND-ed on. */
export function filterRule(rule: SigmaRule, filter: SigmaFilter, prefix: string): SigmaRule {
  const rename = (name: string) => `${prefix}${name}`;
  const filterNames = filter.detection.searches.map((search) => search.name);
  const searches: Search[] = filter.detection.searches.map((search) => ({
    ...search,
    name: rename(search.name),
  }));
  const filterConditions = filter.detection.conditions.map((condition) =>
    renameCondition(condition.ast, rename, prefix, filterNames),
  );
  const filterAst: ConditionNode =
    filterConditions.length === 1
      ? filterConditions[0]!
      : { kind: 'or', operands: filterConditions };
  const filterText = filter.detection.conditions.map((c) => `(${c.text})`).join(' or ');
  const conditions: Condition[] = rule.detection.conditions.map((condition) => ({
    text: `(${condition.text}) and (${filterText})`,
    ast: { kind: 'and', operands: [condition.ast, filterAst] },
    location: condition.location,
  }));
  return {
    ...rule,
    detection: {
      ...rule.detection,
      searches: [...rule.detection.searches, ...searches],
      conditions,
    },
  };
}

/** Renames identifiers in a filter condition; `them` becomes the filter's own searches. */
function renameCondition(
  node: ConditionNode,
  rename: (name: string) => string,
  prefix: string,
  names: readonly string[],
): ConditionNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return {
        ...node,
        operands: node.operands.map((o) => renameCondition(o, rename, prefix, names)),
      };
    case 'not':
      return { ...node, operand: renameCondition(node.operand, rename, prefix, names) };
    case 'ref':
      return { ...node, name: rename(node.name) };
    case 'of': {
      if (node.target.kind === 'them') {
        // `them` in a filter means the filter's searches (not starting with `_`).
        const visible = names.filter((name) => !name.startsWith('_'));
        const operands: ConditionNode[] = visible.map((name) => ({
          kind: 'ref',
          name: rename(name),
          location: node.location,
        }));
        if (operands.length === 1) return operands[0]!;
        return { kind: node.quantifier === 'all' ? 'and' : 'or', operands };
      }
      return { ...node, target: { kind: 'pattern', pattern: `${prefix}${node.target.pattern}` } };
    }
    default:
      return assertNever(node);
  }
}

function formatLogsource(logsource: Logsource): string {
  const parts = (['product', 'category', 'service'] as const)
    .filter((key) => logsource[key] !== undefined)
    .map((key) => `${key}: ${logsource[key]}`);
  return parts.length === 0 ? '{}' : `{${parts.join(', ')}}`;
}
