/**
 * Required literals of a Sigma rule, for the raw-line prefilter, as an AND of ORs: a list of
 * clauses, each a set of lowercased strings, such that every event the rule matches contains,
 * for EACH clause, at least one of its strings case-insensitively inside one of its string
 * values (or the text of a boolean). `write and resource` gives two clauses —
 * `[create|update|patch]` and `[cronjobs|jobs]` — so a line that only mentions `jobs` in a
 * `get` is skipped, where one clause alone would let it through.
 *
 * Derived from the rule's planned detection items (`sigma/compile/plan.ts`), the same
 * model the engine compiles: `contains`/`startswith`/`endswith`/wildcard patterns
 * contribute their longest literal piece. Soundness: AND concatenates its operands' clauses;
 * OR distributes (every pair of clauses joined; dropping a clause only weakens the filter, so
 * the product is capped by keeping the most selective clauses); NOT, regexes, numbers (JSON
 * can write them several ways), CIDR, comparisons, null, exists and field references give no
 * clause. A rule with no clause at all disables the prefilter.
 * @module
 */
import type { SigmaRule, StringPart } from '../sigma/ast.js';
import {
  DEFAULT_PLAN_LIMITS,
  type ItemPlan,
  type Needle,
  planItem,
} from '../sigma/compile/plan.js';
import { foldCondition } from './condition-fold.js';

/** One clause: at least one of these lowercased strings must occur. */
export type Clause = readonly string[];
/** AND of clauses; `[]` requires nothing (every line may match). */
export type LineRequirement = readonly Clause[];

/** Clauses kept per requirement: enough for resource + verb + a value, bounded for OR. */
export const MAX_CLAUSES = 6;
/** Literals per clause: a bigger OR is a poor filter and costs the scan more. */
export const MAX_CLAUSE_LITERALS = 64;

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

/** Estimated share of audit lines a clause lets through (lower is more selective). */
export function clauseCost(clause: Clause): number {
  let cost = 0;
  for (const literal of clause) {
    if (COMMON.has(literal)) cost += 1;
    else if (literal.length <= 3) cost += 0.5;
    else cost += 1 / literal.length ** 2;
  }
  return cost;
}

/** A clause without literals that contain another of its literals (they add nothing). */
export function minimalClause(literals: Iterable<string>): string[] {
  const unique = [...new Set(literals)];
  return unique
    .filter((literal) => !unique.some((other) => other !== literal && literal.includes(other)))
    .sort();
}

/** Whether clause `a` implies clause `b` (each literal of `a` contains one of `b`). */
function implies(a: Clause, b: Clause): boolean {
  return a.every((literal) => b.some((other) => literal.includes(other)));
}

/**
 * Normalizes a requirement: minimal clauses, no clause implied by another kept one (it
 * adds nothing), at most `MAX_CLAUSES`, the most selective first.
 */
export function simplify(clauses: readonly Clause[]): LineRequirement {
  const ordered = clauses
    .map((clause) => minimalClause(clause))
    .filter((clause) => clause.length > 0 && clause.length <= MAX_CLAUSE_LITERALS)
    .sort((a, b) => clauseCost(a) - clauseCost(b) || a.join('\0').localeCompare(b.join('\0')));
  const kept: Clause[] = [];
  for (const clause of ordered) {
    // A stronger clause already kept makes this weaker one redundant.
    if (kept.some((other) => implies(other, clause))) continue;
    kept.push(clause);
    if (kept.length === MAX_CLAUSES) break;
  }
  return kept;
}

export function and(parts: readonly LineRequirement[]): LineRequirement {
  return simplify(parts.flat());
}

export function or(parts: readonly LineRequirement[]): LineRequirement {
  let product: LineRequirement | undefined;
  for (const part of parts) {
    if (part.length === 0) return []; // one operand requires nothing
    if (product === undefined) {
      product = part;
      continue;
    }
    const joined: Clause[] = [];
    for (const a of product) for (const b of part) joined.push([...a, ...b]);
    product = simplify(joined);
  }
  return product ?? [];
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

/** The requirement of one planned item: `all` gives one clause per needle, else one clause. */
export function itemRequirement(plan: ItemPlan): LineRequirement {
  if (plan.kind !== 'values' || plan.negate || plan.needles.length === 0) return [];
  const literals = plan.needles.map(needleLiteral);
  if (plan.all) {
    return simplify(literals.flatMap((literal) => (literal === undefined ? [] : [[literal]])));
  }
  if (literals.some((literal) => literal === undefined)) return [];
  return simplify([literals as string[]]);
}

/** The requirement of a whole rule (its conditions are OR-linked); `[]` when none. */
export function ruleRequirement(rule: SigmaRule): LineRequirement {
  const searches = new Map<string, LineRequirement>();
  for (const search of rule.detection.searches) {
    const body = search.body;
    const maps =
      body.kind === 'map'
        ? [body.map.items]
        : body.kind === 'maps'
          ? body.maps.map((m) => m.items)
          : [[body.item]];
    const alternatives = maps.map((items) =>
      and(
        items.map((item) => {
          const planned = planItem(item, rule.title, DEFAULT_PLAN_LIMITS);
          return planned.ok ? itemRequirement(planned.plan) : [];
        }),
      ),
    );
    searches.set(search.name, or(alternatives));
  }
  const names = rule.detection.searches.map((search) => search.name);
  return or(
    rule.detection.conditions.map((condition) =>
      foldCondition<LineRequirement>(condition.ast, names, {
        and,
        or,
        not: () => [],
        ref: (name) => searches.get(name) ?? [],
      }),
    ),
  );
}
