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
import { longestRun, patternShape } from './compile-needles.js';
import type { ItemPlan, Needle } from './plan.js';
import { requiredRegexLiteral } from './regex-literal.js';

export type KeyKind = 'exact' | 'prefix' | 'suffix' | 'contains';

export interface RequirementAlternative {
  /** `null`: any string value of the event (a keyword search); the kind is then `contains`. */
  readonly field: string | null;
  readonly kind: KeyKind;
  readonly keys: readonly string[];
}

/** Shortest regex literal worth indexing: one rare character (a backtick) still filters. */
const MIN_REGEX_KEY = 1;

export type Requirement = readonly RequirementAlternative[];

/** The index key of an event value, matching how exact needles compare. */
export function indexKey(value: unknown): string | undefined {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Whether lowercasing both sides keeps a case-sensitive match a match (ASCII text does). */
function lowerSafe(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7e) return false;
  return true;
}

function fieldNeedleKeys(needle: Needle): { kind: KeyKind; keys: string[] } | undefined {
  switch (needle.kind) {
    case 'pattern': {
      const shape = patternShape(needle.parts);
      if (shape.kind === 'exact') return { kind: 'exact', keys: [shape.text.toLowerCase()] };
      // A cased needle is compared as written; its lowercased key still filters correctly
      // when lowercasing maps characters one to one (ASCII).
      if (shape.kind === 'any') return undefined;
      const text = shape.kind === 'glob' ? longestRun(needle.parts) : shape.text;
      if (text === '' || (needle.cased && !lowerSafe(text))) return undefined;
      const kind = shape.kind === 'glob' ? 'contains' : shape.kind;
      return { kind, keys: [text.toLowerCase()] };
    }
    case 'regex': {
      const literal = requiredRegexLiteral(needle.source, needle.flags, MIN_REGEX_KEY);
      return literal === undefined ? undefined : { kind: 'contains', keys: [literal] };
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

/** How much a single key narrows the candidates: higher is better. */
function keySelectivity(found: { kind: KeyKind; keys: readonly string[] }): number {
  const length = Math.min(...found.keys.map((key) => key.length));
  return found.kind === 'exact' ? 1000 + length : found.kind === 'contains' ? length : 100 + length;
}

/** A keyword needle's key: its longest literal, which some string value must contain. */
function keywordKeys(needle: Needle): { kind: KeyKind; keys: string[] } | undefined {
  if (needle.kind !== 'pattern') return undefined;
  const text = longestRun(needle.parts);
  if (text === '' || (needle.cased && !lowerSafe(text))) return undefined;
  return { kind: 'contains', keys: [text.toLowerCase()] };
}

function itemRequirement(plan: ItemPlan): Requirement | undefined {
  if (plan.kind !== 'values' || plan.negate || plan.needles.length === 0) return undefined;
  const field = plan.field;
  const needleKeys = field === null ? keywordKeys : fieldNeedleKeys;
  if (plan.all) {
    // Every needle is required: the most selective one is enough.
    let chosen: { kind: KeyKind; keys: string[] } | undefined;
    for (const needle of plan.needles) {
      const found = needleKeys(needle);
      if (
        found !== undefined &&
        (chosen === undefined || keySelectivity(found) > keySelectivity(chosen))
      )
        chosen = found;
    }
    return chosen === undefined ? undefined : [{ field, ...chosen }];
  }
  const byKind = new Map<KeyKind, string[]>();
  for (const needle of plan.needles) {
    const found = needleKeys(needle);
    if (found === undefined) return undefined;
    const list = byKind.get(found.kind) ?? [];
    list.push(...found.keys);
    byKind.set(found.kind, list);
  }
  return [...byKind].map(([kind, keys]) => ({ field, kind, keys }));
}

/**
 * The expected cost of a requirement in candidates: each key adds its own, and a key filters
 * better the longer it is (`endswith: '.exe'` pulls in nearly every process event, `contains:
 * '\\edr-freeze'` almost none). Exact keys are the most selective, substrings the least.
 */
function keyCost(kind: KeyKind, key: string): number {
  if (kind === 'exact') return 1;
  const length = key.length;
  const scale = length <= 2 ? 8 : length <= 4 ? 4 : length <= 8 ? 1.5 : 1;
  return (kind === 'contains' ? 5 : 3) * scale;
}

function cost(requirement: Requirement): number {
  let total = 0;
  for (const alternative of requirement) {
    for (const key of alternative.keys) total += keyCost(alternative.kind, key);
  }
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

/**
 * A conjunction of requirements (each one necessary): a rule is a candidate only when the
 * event meets every one. Empty: nothing is known.
 */
export type RequirementSet = readonly Requirement[];

/** At most this many requirements are kept per rule, the most selective ones. */
export const MAX_REQUIREMENTS = 3;

/** An OR keeps one requirement per operand: the most selective one of each. */
function unionOfSets(sets: readonly RequirementSet[]): RequirementSet {
  const joined = union(sets.map((set) => best(set)));
  return joined === undefined ? [] : [joined];
}

/** Requirements of a search: with one map, each of its items' requirements is necessary. */
export function searchRequirements(alternatives: readonly (readonly ItemPlan[])[]): RequirementSet {
  if (alternatives.length === 1) {
    const out: Requirement[] = [];
    for (const plan of alternatives[0]!) {
      const requirement = itemRequirement(plan);
      if (requirement !== undefined) out.push(requirement);
    }
    return out;
  }
  return unionOfSets(alternatives.map((items) => searchRequirements([items])));
}

function nodeRequirements(
  node: ConditionNode,
  searches: ReadonlyMap<string, RequirementSet>,
  names: readonly string[],
): RequirementSet {
  switch (node.kind) {
    case 'or':
      return unionOfSets(
        node.operands.map((operand) => nodeRequirements(operand, searches, names)),
      );
    case 'and':
      return node.operands.flatMap((operand) => nodeRequirements(operand, searches, names));
    case 'not':
      return [];
    case 'ref':
      return searches.get(node.name) ?? [];
    case 'of': {
      const targets = resolveOfTarget(node.target, names).map((name) => searches.get(name) ?? []);
      return node.quantifier === 'all' ? targets.flat() : unionOfSets(targets);
    }
    default: {
      const never: never = node;
      return never;
    }
  }
}

/**
 * The necessary requirements of a rule, most selective first, at most `MAX_REQUIREMENTS`:
 * the candidate index runs a rule only on events that meet all of them. Its conditions are
 * OR-linked.
 */
export function conditionRequirements(
  conditions: readonly ConditionNode[],
  searches: ReadonlyMap<string, RequirementSet>,
  names: readonly string[],
): RequirementSet {
  const all =
    conditions.length === 1
      ? nodeRequirements(conditions[0]!, searches, names)
      : unionOfSets(conditions.map((condition) => nodeRequirements(condition, searches, names)));
  const ranked = [...all].sort((a, b) => cost(a) - cost(b));
  const kept: Requirement[] = [];
  const seen = new Set<string>();
  for (const requirement of ranked) {
    const key = JSON.stringify(requirement);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(requirement);
    if (kept.length === MAX_REQUIREMENTS) break;
  }
  return kept;
}
