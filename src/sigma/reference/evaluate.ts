/**
 * The reference evaluator: a slow, obviously correct interpreter of the rule AST, written
 * straight from the semantics in docs/sigma-semantics.md with no index, no caching and no
 * specialisation. The differential tests run it beside the compiled engine; when they
 * disagree, this one wins until the specification says otherwise.
 * @module
 */
import RE2 from 're2';
import type { ConditionNode, DetectionItem, Search, SigmaRule, StringPart } from '../ast.js';
import { type ItemPlan, type Needle, planItem } from '../compile/plan.js';
import { resolveOfTarget } from '../condition/parse.js';
import { cidrContains, parseIp } from '../modifiers/cidr.js';
import { timePart, toEpochMs } from '../modifiers/time-part.js';

/** What a field path finds: whether it is present, and every value (arrays flattened). */
interface Lookup {
  readonly present: boolean;
  readonly values: readonly unknown[];
}

const ABSENT: Lookup = { present: false, values: [] };

function flatten(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

function hasOwn(value: object, key: string): boolean {
  return Object.hasOwn(value, key);
}

/** Looks a dotted path up: literal key first, then the longest literal prefix, arrays fan out. */
export function referenceLookup(value: unknown, path: string): Lookup {
  if (Array.isArray(value)) {
    const found = value
      .map((member) => referenceLookup(member, path))
      .filter((lookup) => lookup.present);
    return found.length === 0
      ? ABSENT
      : { present: true, values: found.flatMap((lookup) => lookup.values) };
  }
  if (value === null || typeof value !== 'object') return ABSENT;
  if (hasOwn(value, path))
    return { present: true, values: flatten((value as Record<string, unknown>)[path]) };
  const dots: number[] = [];
  for (let i = 0; i < path.length; i++) if (path[i] === '.') dots.push(i);
  for (const dot of dots.reverse()) {
    const head = path.slice(0, dot);
    if (!hasOwn(value, head)) continue;
    const found = referenceLookup((value as Record<string, unknown>)[head], path.slice(dot + 1));
    if (found.present) return found;
  }
  return ABSENT;
}

function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function patternRegex(parts: readonly StringPart[], lower: boolean): RegExp {
  let source = '^';
  for (const part of parts) {
    if (part.kind === 'wildcard') source += part.wildcard === '*' ? '[\\s\\S]*' : '[\\s\\S]';
    else
      source += (lower ? part.text.toLowerCase() : part.text).replace(
        /[.*+?^${}()|[\]\\/]/g,
        '\\$&',
      );
  }
  return new RegExp(`${source}$`);
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

function compare(op: 'lt' | 'lte' | 'gt' | 'gte', left: number, right: number): boolean {
  if (op === 'lt') return left < right;
  if (op === 'lte') return left <= right;
  if (op === 'gt') return left > right;
  return left >= right;
}

/** Whether one (non-array) event value satisfies one needle. */
export function referenceNeedle(needle: Needle, value: unknown): boolean {
  switch (needle.kind) {
    case 'pattern': {
      const text = asText(value);
      if (text === undefined) return false;
      return needle.cased
        ? patternRegex(needle.parts, false).test(text)
        : patternRegex(needle.parts, true).test(text.toLowerCase());
    }
    case 'regex': {
      const text = asText(value);
      return text !== undefined && new RE2(needle.source, `${needle.flags}u`).test(text);
    }
    case 'number':
      if (typeof value === 'number') return value === needle.value;
      return (
        typeof value === 'string' &&
        (value === String(needle.value) || value.toLowerCase() === needle.raw.toLowerCase())
      );
    case 'boolean':
      return (
        value === needle.value ||
        (typeof value === 'string' && value.toLowerCase() === String(needle.value))
      );
    case 'null':
      return value === null;
    case 'compare': {
      const number = toNumber(value);
      return !Number.isNaN(number) && compare(needle.op, number, needle.value);
    }
    case 'cidr': {
      const address = typeof value === 'string' ? parseIp(value.trim()) : undefined;
      return address !== undefined && cidrContains(needle.network, address);
    }
    case 'timepart': {
      const ms = toEpochMs(value);
      if (ms === undefined) return false;
      const part = timePart(needle.part, ms);
      return needle.inner.kind === 'number'
        ? part === needle.inner.value
        : compare(needle.inner.op, part, needle.inner.value);
    }
    default:
      return false;
  }
}

function needleOnLookup(needle: Needle, lookup: Lookup): boolean {
  if (needle.kind === 'null') return lookup.values.length === 0 || lookup.values.includes(null);
  return lookup.values.some((value) => referenceNeedle(needle, value));
}

/** Evaluates one item plan against an event. */
export function referencePlan(plan: ItemPlan, event: Readonly<Record<string, unknown>>): boolean {
  if (plan.kind === 'exists') return referenceLookup(event, plan.field).present === plan.expected;
  if (plan.kind === 'fieldref') {
    const left = referenceLookup(event, plan.field).values.filter((v) => v !== null);
    if (left.length === 0) return false;
    const norm = (text: string) => (plan.cased ? text : text.toLowerCase());
    const related = (ref: string) =>
      left.some((l) =>
        referenceLookup(event, ref).values.some((r) => {
          const a = asText(l);
          const b = asText(r);
          if (a === undefined || b === undefined) return false;
          if (plan.mode === 'equals') return norm(a) === norm(b);
          if (plan.mode === 'startswith') return norm(a).startsWith(norm(b));
          if (plan.mode === 'endswith') return norm(a).endsWith(norm(b));
          return norm(a).includes(norm(b));
        }),
      );
    if (plan.negate) return plan.refs.every((ref) => !related(ref));
    return plan.all ? plan.refs.every(related) : plan.refs.some(related);
  }
  const lookup: Lookup =
    plan.field === null
      ? { present: true, values: allStrings(event) }
      : referenceLookup(event, plan.field);
  if (plan.negate) {
    const values = lookup.values.filter((value) => value !== null);
    return (
      values.length > 0 &&
      !plan.needles.some((needle) => values.some((value) => referenceNeedle(needle, value)))
    );
  }
  return plan.all
    ? plan.needles.every((needle) => needleOnLookup(needle, lookup))
    : plan.needles.some((needle) => needleOnLookup(needle, lookup));
}

function itemsOf(search: Search): (readonly DetectionItem[])[] {
  if (search.body.kind === 'map') return [search.body.map.items];
  if (search.body.kind === 'maps') return search.body.maps.map((map) => map.items);
  return [[search.body.item]];
}

function searchMatches(search: Search, event: Readonly<Record<string, unknown>>): boolean {
  return itemsOf(search).some((items) =>
    items.every((item) => {
      const planned = planItem(item, 'reference');
      if (!planned.ok) throw new Error(planned.issues[0]?.message ?? 'invalid item');
      return referencePlan(planned.plan, event);
    }),
  );
}

function conditionMatches(
  node: ConditionNode,
  rule: SigmaRule,
  event: Readonly<Record<string, unknown>>,
): boolean {
  const names = rule.detection.searches.map((search) => search.name);
  const byName = (name: string) => rule.detection.searches.find((search) => search.name === name)!;
  switch (node.kind) {
    case 'or':
      return node.operands.some((operand) => conditionMatches(operand, rule, event));
    case 'and':
      return node.operands.every((operand) => conditionMatches(operand, rule, event));
    case 'not':
      return !conditionMatches(node.operand, rule, event);
    case 'ref':
      return searchMatches(byName(node.name), event);
    case 'of': {
      const targets = resolveOfTarget(node.target, names).map(byName);
      return node.quantifier === 'all'
        ? targets.every((search) => searchMatches(search, event))
        : targets.some((search) => searchMatches(search, event));
    }
    default:
      return false;
  }
}

/**
 * Whether a rule matches an event, by direct interpretation. Throws on rules that do not
 * compile (the reference is only run on rules the compiler accepted).
 */
export function referenceMatches(
  rule: SigmaRule,
  event: Readonly<Record<string, unknown>>,
): boolean {
  return rule.detection.conditions.some((condition) =>
    conditionMatches(condition.ast, rule, event),
  );
}
