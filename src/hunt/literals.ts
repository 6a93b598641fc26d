/**
 * Required literals of a Sigma rule, for the raw-line prefilter: a set of strings of which
 * every event the rule matches must contain at least one, case-insensitively, inside one of
 * its string values (or the text of a number or boolean). Derived from the rule's planned
 * detection items the way the engine's candidate index derives its requirement
 * (`sigma/compile/requirement.ts`), with two differences that matter for a byte scan:
 * `contains`/`startswith`/`endswith`/wildcard patterns contribute their longest literal piece,
 * and among AND-ed items the most *selective* set is kept (long, rare strings), not the one
 * with the fewest keys — `verb: update` is a poor filter for an audit log.
 *
 * Soundness: OR takes the union of its operands' sets (each must have one), AND takes any one
 * operand's set, NOT has none. Values that JSON can write in several ways (numbers) and
 * needles without a literal (regex, CIDR, comparisons, null, exists, field references)
 * give no set; a rule without a set disables the prefilter.
 * @module
 */
import type { ConditionNode, SigmaRule, StringPart } from '../sigma/ast.js';
import {
  DEFAULT_PLAN_LIMITS,
  type ItemPlan,
  type Needle,
  planItem,
} from '../sigma/compile/plan.js';
import { resolveOfTarget } from '../sigma/condition/parse.js';

/** A set of lowercased literals; undefined: no literal is required. */
export type LiteralSet = readonly string[] | undefined;

/** Characters a number's text can hold (`-4.03e+2`): a literal of only these may miss. */
const NUMBER_TEXT = /^[0-9eE.+-]+$/;

/** Words on nearly every audit line: poor filters, chosen only when nothing better exists. */
const COMMON = new Set([
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'true',
  'false',
  'responsecomplete',
  'requestreceived',
  'metadata',
  'request',
  'requestresponse',
  'event',
  'default',
  'kube-system',
  'system:',
  'allow',
  'v1',
]);

/** Estimated share of audit lines a set lets through (lower is better). */
export function literalSetCost(set: readonly string[]): number {
  let cost = 0;
  for (const literal of set) {
    if (COMMON.has(literal)) cost += 1;
    else if (literal.length <= 3) cost += 0.5;
    else cost += 1 / literal.length ** 2;
  }
  return cost;
}

function longestText(parts: readonly StringPart[]): string {
  let best = '';
  let current = '';
  for (const part of parts) {
    if (part.kind === 'text') current += part.text;
    else {
      if (current.length > best.length) best = current;
      current = '';
    }
  }
  return current.length > best.length ? current : best;
}

function needleLiteral(needle: Needle): string | undefined {
  switch (needle.kind) {
    case 'pattern': {
      const text = longestText(needle.parts).toLowerCase();
      return text === '' || NUMBER_TEXT.test(text) ? undefined : text;
    }
    case 'boolean':
      return String(needle.value);
    default:
      return undefined;
  }
}

function best(sets: readonly LiteralSet[]): LiteralSet {
  let chosen: LiteralSet;
  for (const set of sets) {
    if (
      set !== undefined &&
      (chosen === undefined || literalSetCost(set) < literalSetCost(chosen))
    ) {
      chosen = set;
    }
  }
  return chosen;
}

function union(sets: readonly LiteralSet[]): LiteralSet {
  const out = new Set<string>();
  for (const set of sets) {
    if (set === undefined) return undefined;
    for (const literal of set) out.add(literal);
  }
  return out.size === 0 ? undefined : [...out];
}

/** Literal set of one planned item. */
export function itemLiterals(plan: ItemPlan): LiteralSet {
  if (plan.kind !== 'values' || plan.negate || plan.needles.length === 0) return undefined;
  const sets = plan.needles.map((needle) => {
    const literal = needleLiteral(needle);
    return literal === undefined ? undefined : [literal];
  });
  return plan.all ? best(sets) : union(sets);
}

function conditionLiterals(
  node: ConditionNode,
  searches: ReadonlyMap<string, LiteralSet>,
  names: readonly string[],
): LiteralSet {
  switch (node.kind) {
    case 'or':
      return union(node.operands.map((operand) => conditionLiterals(operand, searches, names)));
    case 'and':
      return best(node.operands.map((operand) => conditionLiterals(operand, searches, names)));
    case 'not':
      return undefined;
    case 'ref':
      return searches.get(node.name);
    case 'of': {
      const targets = resolveOfTarget(node.target, names).map((name) => searches.get(name));
      return node.quantifier === 'all' ? best(targets) : union(targets);
    }
    default: {
      const never: never = node;
      return never;
    }
  }
}

/** The literal set of a whole rule (its conditions are OR-linked), or undefined. */
export function ruleLiterals(rule: SigmaRule): LiteralSet {
  const searches = new Map<string, LiteralSet>();
  for (const search of rule.detection.searches) {
    const body = search.body;
    const maps =
      body.kind === 'map'
        ? [body.map.items]
        : body.kind === 'maps'
          ? body.maps.map((m) => m.items)
          : [[body.item]];
    const alternatives = maps.map((items) =>
      best(
        items.map((item) => {
          const planned = planItem(item, rule.title, DEFAULT_PLAN_LIMITS);
          return planned.ok ? itemLiterals(planned.plan) : undefined;
        }),
      ),
    );
    searches.set(search.name, union(alternatives));
  }
  const names = rule.detection.searches.map((search) => search.name);
  return union(
    rule.detection.conditions.map((condition) => conditionLiterals(condition.ast, searches, names)),
  );
}
