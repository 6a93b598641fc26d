/**
 * Necessary conditions for the candidate index. A requirement is a list of alternatives
 * `{field, kind, keys}`: a rule can only match an event when, for at least one alternative,
 * the field holds a value whose lowercased text equals a key (`exact`), starts or ends with
 * one (`prefix`, `suffix`) or contains one (`contains`). Derived only from positive,
 * un-negated patterns and numbers, so it never excludes a rule that would match (the
 * differential test checks this over the whole corpus).
 * @module
 */
import type { ConditionNode } from '../ast.js';
import { resolveOfTarget } from '../condition/parse.js';
import { patternShape } from './compile-needles.js';
import type { ItemPlan, Needle } from './plan.js';

export type KeyKind = 'exact' | 'prefix' | 'suffix' | 'contains';

export interface RequirementAlternative {
  readonly field: string;
  readonly kind: KeyKind;
  readonly keys: readonly string[];
}

/** Shortest substring worth indexing (the contains index works on 3-grams). */
export const MIN_CONTAINS_KEY = 3;

export type Requirement = readonly RequirementAlternative[];

/** The index key of an event value, matching how exact needles compare. */
export function indexKey(value: unknown): string | undefined {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function needleKeys(needle: Needle): { kind: KeyKind; keys: string[] } | undefined {
  switch (needle.kind) {
    case 'pattern': {
      const shape = patternShape(needle.parts);
      if (shape.kind === 'exact') return { kind: 'exact', keys: [shape.text.toLowerCase()] };
      if ((shape.kind === 'prefix' || shape.kind === 'suffix') && shape.text !== '') {
        return { kind: shape.kind, keys: [shape.text.toLowerCase()] };
      }
      if (shape.kind === 'contains' && shape.text.toLowerCase().length >= MIN_CONTAINS_KEY) {
        return { kind: 'contains', keys: [shape.text.toLowerCase()] };
      }
      return undefined;
    }
    case 'number':
      return {
        kind: 'exact',
        keys: [...new Set([String(needle.value), needle.raw.toLowerCase()])],
      };
    case 'boolean':
      return { kind: 'exact', keys: [String(needle.value)] };
    default:
      return undefined;
  }
}

function itemRequirement(plan: ItemPlan): Requirement | undefined {
  if (plan.kind !== 'values' || plan.field === null || plan.negate || plan.needles.length === 0) {
    return undefined;
  }
  const byKind = new Map<KeyKind, string[]>();
  const needles = plan.all ? plan.needles.slice(0, 1) : plan.needles;
  for (const needle of needles) {
    const found = needleKeys(needle);
    if (found === undefined) return undefined;
    const list = byKind.get(found.kind) ?? [];
    list.push(...found.keys);
    byKind.set(found.kind, list);
  }
  const field = plan.field;
  return [...byKind].map(([kind, keys]) => ({ field, kind, keys }));
}

/** Exact keys are the most selective; substrings the least. */
const WEIGHT: Readonly<Record<KeyKind, number>> = { exact: 1, prefix: 3, suffix: 3, contains: 6 };

function cost(requirement: Requirement): number {
  let total = 0;
  for (const alternative of requirement)
    total += alternative.keys.length * WEIGHT[alternative.kind];
  return total;
}

function best(candidates: readonly (Requirement | undefined)[]): Requirement | undefined {
  let chosen: Requirement | undefined;
  for (const candidate of candidates) {
    if (candidate !== undefined && (chosen === undefined || cost(candidate) < cost(chosen)))
      chosen = candidate;
  }
  return chosen;
}

function union(candidates: readonly (Requirement | undefined)[]): Requirement | undefined {
  const out: RequirementAlternative[] = [];
  for (const candidate of candidates) {
    if (candidate === undefined) return undefined;
    out.push(...candidate);
  }
  return out.length === 0 ? undefined : out;
}

/** Requirement of a search given its alternatives (OR) of item plans (AND). */
export function searchRequirement(
  alternatives: readonly (readonly ItemPlan[])[],
): Requirement | undefined {
  return union(alternatives.map((items) => best(items.map(itemRequirement))));
}

function nodeRequirement(
  node: ConditionNode,
  searches: ReadonlyMap<string, Requirement | undefined>,
  names: readonly string[],
): Requirement | undefined {
  switch (node.kind) {
    case 'or':
      return union(node.operands.map((operand) => nodeRequirement(operand, searches, names)));
    case 'and':
      return best(node.operands.map((operand) => nodeRequirement(operand, searches, names)));
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

/** Requirement of a rule: its conditions are OR-linked. */
export function conditionRequirement(
  conditions: readonly ConditionNode[],
  searches: ReadonlyMap<string, Requirement | undefined>,
  names: readonly string[],
): Requirement | undefined {
  return union(conditions.map((condition) => nodeRequirement(condition, searches, names)));
}
