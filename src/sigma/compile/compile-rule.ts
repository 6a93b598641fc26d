/**
 * `compileRule`: a rule AST to a compiled rule (closures, no generated source). The compile
 * phase is strict and reports every problem with its location; the resulting matcher is fast
 * and never throws.
 * @module
 */

import type { Issue } from '../../errors.js';
import type { MatchedField } from '../../finding.js';
import type { Logsource } from '../../logsource.js';
import { assertNever } from '../assert-never.js';
import type { ConditionNode, RuleLevel, Search, SigmaRule } from '../ast.js';
import { resolveOfTarget } from '../condition/parse.js';
import { type CompiledItem, compileItem, type Matcher } from './compile-item.js';
import { EventView } from './event-view.js';
import { DEFAULT_PLAN_LIMITS, type PlanLimits, planItem } from './plan.js';
import {
  conditionRequirements,
  type Requirement,
  type RequirementSet,
  searchRequirements,
} from './requirement.js';

/** Options of `compileRule`. */
export interface CompileOptions {
  readonly limits?: Partial<PlanLimits>;
}

/** A compiled search: its items per alternative map (OR of ANDs). */
interface CompiledSearch {
  readonly name: string;
  readonly alternatives: readonly (readonly CompiledItem[])[];
  readonly matches: Matcher;
}

/** A rule ready to run. */
export interface CompiledRule {
  readonly rule: SigmaRule;
  /** The rule's `id`, else its `name`, else its title. */
  readonly id: string;
  readonly title: string;
  readonly level: RuleLevel | undefined;
  readonly tags: readonly string[];
  /** The routing key (product, category, service as written). */
  readonly logsource: Logsource;
  /** Whether the event matches (routing is the engine's job). Never throws. */
  readonly matches: Matcher;
  /** The fields and values of the items that made a matching event match. */
  readonly explain: (view: EventView) => MatchedField[];
  /** A necessary condition for the candidate index, when one exists. */
  readonly requirement: Requirement | undefined;
  /**
   * Necessary conditions that must all hold (the candidate index checks each), most
   * selective first; `requirement` is the first. Empty when nothing is required.
   */
  readonly requirements: RequirementSet;
}

export type CompileResult =
  | { readonly ok: true; readonly compiled: CompiledRule; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export function ruleLabelOf(rule: SigmaRule): string {
  return rule.id ? `rule "${rule.title}" (${rule.id})` : `rule "${rule.title}"`;
}

function compileSearch(
  search: Search,
  label: string,
  limits: PlanLimits,
  issues: Issue[],
): CompiledSearch | undefined {
  const maps =
    search.body.kind === 'map'
      ? [search.body.map.items]
      : search.body.kind === 'maps'
        ? search.body.maps.map((map) => map.items)
        : [[search.body.item]];
  const alternatives: CompiledItem[][] = [];
  let ok = true;
  for (const items of maps) {
    const compiled: CompiledItem[] = [];
    for (const item of items) {
      const planned = planItem(item, `${label}, search "${search.name}"`, limits);
      if (!planned.ok) {
        issues.push(...planned.issues);
        ok = false;
        continue;
      }
      const result = compileItem(planned.plan);
      if (!result.ok) {
        issues.push({
          code: 'CW_SIGMA_REGEX',
          severity: 'error',
          message: `${label}, search "${search.name}", field "${item.field ?? '(keyword)'}": RE2 cannot run the regex /${result.source}/: ${result.reason}`,
          location: item.location,
        });
        ok = false;
        continue;
      }
      compiled.push(result.item);
    }
    alternatives.push(compiled);
  }
  if (!ok) return undefined;
  const matchers = alternatives.map((items) => andItems(items.map((item) => item.matches)));
  return { name: search.name, alternatives, matches: orMatchers(matchers) };
}

function andItems(matchers: readonly Matcher[]): Matcher {
  if (matchers.length === 1) return matchers[0]!;
  if (matchers.length === 2) {
    const [a, b] = matchers as [Matcher, Matcher];
    return (view) => a(view) && b(view);
  }
  return (view) => {
    for (const matcher of matchers) if (!matcher(view)) return false;
    return true;
  };
}

function orMatchers(matchers: readonly Matcher[]): Matcher {
  if (matchers.length === 1) return matchers[0]!;
  if (matchers.length === 2) {
    const [a, b] = matchers as [Matcher, Matcher];
    return (view) => a(view) || b(view);
  }
  return (view) => {
    for (const matcher of matchers) if (matcher(view)) return true;
    return false;
  };
}

function compileCondition(
  node: ConditionNode,
  searches: ReadonlyMap<string, CompiledSearch>,
  names: readonly string[],
): Matcher {
  switch (node.kind) {
    case 'or':
      return orMatchers(node.operands.map((operand) => compileCondition(operand, searches, names)));
    case 'and':
      return andItems(node.operands.map((operand) => compileCondition(operand, searches, names)));
    case 'not': {
      const inner = compileCondition(node.operand, searches, names);
      return (view) => !inner(view);
    }
    case 'ref':
      // The parser checked every reference, so the search exists.
      return searches.get(node.name)!.matches;
    case 'of': {
      const targets = resolveOfTarget(node.target, names).map(
        (name) => searches.get(name)!.matches,
      );
      return node.quantifier === 'all' ? andItems(targets) : orMatchers(targets);
    }
    default:
      assertNever(node);
  }
}

/**
 * The searches a condition uses outside `not`, in order, each once: the ones whose matched
 * fields explain a match (a negated search contributes no matched field). Resolved at
 * compile time, so explaining a match evaluates each of them once.
 */
function positiveSearches(node: ConditionNode, names: readonly string[], out: string[]): void {
  switch (node.kind) {
    case 'or':
    case 'and':
      for (const operand of node.operands) positiveSearches(operand, names, out);
      return;
    case 'not':
      return;
    case 'ref':
      if (!out.includes(node.name)) out.push(node.name);
      return;
    case 'of':
      for (const name of resolveOfTarget(node.target, names))
        if (!out.includes(name)) out.push(name);
      return;
    default:
      assertNever(node);
  }
}

/**
 * Compiles a rule into a `CompiledRule`. Every problem is an issue with the item's location:
 * unresolved `|expand` placeholders (`CW_SIGMA_PLACEHOLDER`), invalid modifier chains, values
 * that do not fit their modifier, regexes RE2 rejects.
 *
 * @example
 * const result = compileRule(rule);
 * if (result.ok) result.compiled.matches(new EventView(event));
 */
export function compileRule(rule: SigmaRule, options: CompileOptions = {}): CompileResult {
  const limits = { ...DEFAULT_PLAN_LIMITS, ...options.limits };
  const label = ruleLabelOf(rule);
  const issues: Issue[] = [];
  const searches = new Map<string, CompiledSearch>();
  for (const search of rule.detection.searches) {
    const compiled = compileSearch(search, label, limits, issues);
    if (compiled) searches.set(search.name, compiled);
  }
  if (issues.length > 0) return { ok: false, issues };
  const names = rule.detection.searches.map((search) => search.name);
  const conditions = rule.detection.conditions.map((condition) =>
    compileCondition(condition.ast, searches, names),
  );
  const matches = orMatchers(conditions);
  const searchSets = new Map<string, RequirementSet>();
  for (const search of rule.detection.searches) {
    searchSets.set(
      search.name,
      searchRequirements(
        searches.get(search.name)!.alternatives.map((items) => items.map((item) => item.plan)),
      ),
    );
  }
  const requirements = conditionRequirements(
    rule.detection.conditions.map((condition) => condition.ast),
    searchSets,
    names,
  );
  const logsource: Logsource = {
    ...(rule.logsource.product === undefined ? {} : { product: rule.logsource.product }),
    ...(rule.logsource.category === undefined ? {} : { category: rule.logsource.category }),
    ...(rule.logsource.service === undefined ? {} : { service: rule.logsource.service }),
  };
  const explained: CompiledSearch[] = [];
  const positive: string[] = [];
  for (const condition of rule.detection.conditions)
    positiveSearches(condition.ast, names, positive);
  for (const name of positive) explained.push(searches.get(name)!);
  const explain = (view: EventView) => {
    const fields: { field: string; value: unknown }[] = [];
    for (const search of explained) {
      // The first alternative whose items all match: the search matched through it.
      const alternative = search.alternatives.find((items) =>
        items.every((item) => item.matches(view)),
      );
      for (const item of alternative ?? []) {
        const plan = item.plan;
        const field =
          plan.kind === 'values' && plan.field === null
            ? '(keywords)'
            : (plan.field ?? '(keywords)');
        fields.push({ field, value: item.read(view) ?? null });
      }
    }
    return fields;
  };
  return {
    ok: true,
    issues,
    compiled: {
      rule,
      id: rule.id ?? rule.name ?? rule.title,
      title: rule.title,
      level: rule.level,
      tags: rule.tags,
      logsource,
      matches,
      explain,
      requirement: requirements[0],
      requirements,
    },
  };
}

/** Convenience: whether a compiled rule matches a plain event. */
export function ruleMatches(
  compiled: CompiledRule,
  event: Readonly<Record<string, unknown>>,
): boolean {
  return compiled.matches(new EventView(event));
}
