/**
 * Event generator: for a rule, builds events that must match and events that must not,
 * driven from the rule's own detection (its item plans and condition). Used by the corpus
 * test (correctness) and by bench/sigma.ts (benchmark input).
 *
 * How: the condition is expanded into conjunctions of searches that must be true / false;
 * for each conjunction the true searches' items are turned into field values (a witness per
 * needle: the text of a pattern, a string sampled from a regex, an address inside a CIDR, …),
 * absent fields keep the false searches false. Every candidate is checked with the reference
 * evaluator; a positive that does not match is discarded and the next conjunction tried.
 * Negatives are positives with one field removed or changed, kept when the reference says
 * they no longer match.
 */
import type { ConditionNode, SigmaRule, StringPart } from '../../src/sigma/ast.js';
import { type ItemPlan, type Needle, planItem } from '../../src/sigma/compile/plan.js';
import { resolveOfTarget } from '../../src/sigma/condition/parse.js';
import { referenceMatches } from '../../src/sigma/reference/evaluate.js';

export type GeneratedEvent = Record<string, unknown>;

export interface GeneratedCase {
  readonly rule: SigmaRule;
  readonly positives: readonly GeneratedEvent[];
  readonly negatives: readonly GeneratedEvent[];
}

interface Conjunction {
  readonly pos: ReadonlySet<string>;
  readonly neg: ReadonlySet<string>;
}

const MAX_CONJUNCTIONS = 64;

function cross(left: Conjunction[], right: Conjunction[]): Conjunction[] {
  const out: Conjunction[] = [];
  for (const a of left) {
    for (const b of right) {
      out.push({ pos: new Set([...a.pos, ...b.pos]), neg: new Set([...a.neg, ...b.neg]) });
      if (out.length >= MAX_CONJUNCTIONS) return out;
    }
  }
  return out;
}

function dnf(node: ConditionNode, names: readonly string[], negated: boolean): Conjunction[] {
  const ref = (name: string): Conjunction[] =>
    negated
      ? [{ pos: new Set(), neg: new Set([name]) }]
      : [{ pos: new Set([name]), neg: new Set() }];
  const anyOf = (parts: Conjunction[][]) => parts.flat().slice(0, MAX_CONJUNCTIONS);
  const allOf = (parts: Conjunction[][]) =>
    parts.reduce(
      (acc, part) => cross(acc, part),
      [{ pos: new Set<string>(), neg: new Set<string>() }],
    );
  switch (node.kind) {
    case 'ref':
      return ref(node.name);
    case 'not':
      return dnf(node.operand, names, !negated);
    case 'or': {
      const parts = node.operands.map((operand) => dnf(operand, names, negated));
      return negated ? allOf(parts) : anyOf(parts);
    }
    case 'and': {
      const parts = node.operands.map((operand) => dnf(operand, names, negated));
      return negated ? anyOf(parts) : allOf(parts);
    }
    case 'of': {
      const parts = resolveOfTarget(node.target, names).map((name) => ref(name));
      const conjunctive = (node.quantifier === 'all') !== negated;
      return conjunctive ? allOf(parts) : anyOf(parts);
    }
    default:
      return [];
  }
}

/** A string matching a regex (common syntax subset), or undefined. */
export function sampleRegex(source: string): string | undefined {
  let i = 0;
  const fail = (): never => {
    throw new Error('unsupported');
  };
  const classChar = (body: string): string | undefined => {
    let klass: RegExp;
    try {
      klass = new RegExp(`[${body}]`);
    } catch {
      return undefined; // not a class JS can check: give up on this regex
    }
    for (const candidate of 'aeAx0_ -.:/\\q~Z9') if (klass.test(candidate)) return candidate;
    for (let code = 32; code < 127; code++)
      if (klass.test(String.fromCharCode(code))) return String.fromCharCode(code);
    return undefined;
  };
  const atom = (): string => {
    const char = source[i++];
    if (char === undefined) return fail();
    if (char === '(') {
      if (source[i] === '?') {
        i++;
        if (source[i] === ':') i++;
        else if (source[i] === 'P' || source[i] === '<') {
          while (i < source.length && source[i] !== '>') i++;
          i++;
        } else {
          // inline flags `(?i)` or `(?i:…)`
          while (i < source.length && /[imsU-]/.test(source[i]!)) i++;
          if (source[i] === ')') {
            i++;
            return '';
          }
          if (source[i] === ':') i++;
          else fail();
        }
      }
      const inner = alternation();
      if (source[i] !== ')') fail();
      i++;
      return inner;
    }
    if (char === '[') {
      let body = '';
      if (source[i] === '^') body += source[i++];
      if (source[i] === ']') body += `\\${source[i++]}`;
      while (i < source.length && source[i] !== ']') {
        if (source[i] === '\\') body += source[i++];
        body += source[i++];
      }
      i++;
      return classChar(body) ?? fail();
    }
    if (char === '\\') {
      const next = source[i++];
      if (next === undefined) return fail();
      const escapes: Record<string, string> = {
        d: '1',
        D: 'a',
        w: 'a',
        W: '-',
        s: ' ',
        S: 'a',
        n: '\n',
        t: '\t',
        r: '\r',
        b: '',
        B: '',
        A: '',
        z: '',
      };
      if (escapes[next] !== undefined) return escapes[next]!;
      if (next === 'x') {
        const hex = source.slice(i, i + 2);
        i += 2;
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
      if (next === 'u') {
        const hex = source.slice(i, i + 4);
        i += 4;
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
      if (/[0-9]/.test(next)) return fail();
      return next;
    }
    if (char === '.') return 'a';
    if (char === '^' || char === '$') return '';
    return char;
  };
  const sequence = (): string => {
    let out = '';
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const piece = atom();
      const quantifier = source[i];
      let repeat = 1;
      if (quantifier === '*' || quantifier === '?') {
        repeat = 0;
        i++;
      } else if (quantifier === '+') {
        i++;
      } else if (quantifier === '{') {
        const close = source.indexOf('}', i);
        const body = source.slice(i + 1, close);
        if (close < 0 || !/^\d+(,\d*)?$/.test(body)) {
          out += piece; // a literal brace
          continue;
        }
        repeat = Number(body.split(',')[0]);
        i = close + 1;
      }
      if (repeat !== 1 && (source[i] === '?' || source[i] === '+')) i++;
      out += piece.repeat(repeat);
    }
    return out;
  };
  const alternation = (): string => {
    const first = sequence();
    while (source[i] === '|') {
      i++;
      sequence();
    }
    return first;
  };
  try {
    const result = alternation();
    return i === source.length ? result : undefined;
  } catch {
    return undefined;
  }
}

function instantiate(parts: readonly StringPart[]): string {
  return parts
    .map((part) => (part.kind === 'text' ? part.text : part.wildcard === '?' ? 'x' : ''))
    .join('');
}

function formatIp(family: 4 | 6, words: readonly number[]): string {
  if (family === 4)
    return `${words[0]! >> 8}.${words[0]! & 0xff}.${words[1]! >> 8}.${words[1]! & 0xff}`;
  return words.map((word) => word.toString(16)).join(':');
}

function dateFor(needle: Extract<Needle, { kind: 'timepart' }>): string {
  const inner = needle.inner;
  const wanted =
    inner.kind === 'number'
      ? inner.value
      : inner.op === 'lt'
        ? inner.value - 1
        : inner.op === 'gt'
          ? inner.value + 1
          : inner.value;
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (needle.part) {
    case 'minute':
      return `2026-01-15T12:${pad(wanted)}:00Z`;
    case 'hour':
      return `2026-01-15T${pad(wanted)}:30:00Z`;
    case 'day':
      return `2026-01-${pad(wanted)}T12:30:00Z`;
    case 'month':
      return `2026-${pad(wanted)}-15T12:30:00Z`;
    case 'year':
      return `${wanted}-01-15T12:30:00Z`;
    case 'week':
      // 2026-01-05 is a Monday of ISO week 2; week 1 starts 2025-12-29.
      return new Date(
        Date.UTC(2025, 11, 29) + (wanted - 1) * 7 * 86_400_000 + 43_200_000,
      ).toISOString();
    default:
      return '';
  }
}

/** One value that satisfies a needle (not considering the others). */
function witness(needle: Needle): unknown {
  switch (needle.kind) {
    case 'pattern':
      return instantiate(needle.parts);
    case 'regex':
      return sampleRegex(needle.source);
    case 'number':
      return needle.value;
    case 'boolean':
      return needle.value;
    case 'null':
      return undefined;
    case 'compare':
      return needle.op === 'lt'
        ? needle.value - 1
        : needle.op === 'gt'
          ? needle.value + 1
          : needle.value;
    case 'cidr':
      return formatIp(needle.network.family, needle.network.words);
    case 'timepart':
      return dateFor(needle);
    default:
      return undefined;
  }
}

type Constraint =
  | { readonly kind: 'needles'; readonly needles: readonly Needle[] }
  | { readonly kind: 'absent' }
  | { readonly kind: 'present' }
  | { readonly kind: 'other' };

const ABSENT = Symbol('absent');

/** Composes one field's value from all its constraints (strings are concatenated). */
function compose(constraints: readonly Constraint[]): unknown {
  if (constraints.some((c) => c.kind === 'absent')) return ABSENT;
  const needles = constraints.flatMap((c) => (c.kind === 'needles' ? c.needles : []));
  if (needles.length === 0)
    return constraints.some((c) => c.kind === 'other') ? 'cw-other-value' : 'cw-present';
  const texts: string[] = [];
  let prefix = '';
  let suffix = '';
  let exact: string | undefined;
  for (const needle of needles) {
    if (needle.kind !== 'pattern') {
      if (needles.length === 1) return witness(needle);
      const value = witness(needle);
      if (value === undefined) return undefined;
      texts.push(String(value));
      continue;
    }
    const parts = needle.parts;
    const first = parts[0];
    const last = parts[parts.length - 1];
    const startsFree = first?.kind === 'wildcard' && first.wildcard === '*';
    const endsFree = last?.kind === 'wildcard' && last.wildcard === '*';
    const text = instantiate(parts);
    if (!startsFree && !endsFree) exact = text;
    else if (!startsFree) prefix = text.length > prefix.length ? text : prefix;
    else if (!endsFree) suffix = text.length > suffix.length ? text : suffix;
    else texts.push(text);
  }
  if (exact !== undefined) return exact;
  return [prefix, ...texts, suffix].filter((t) => t !== '').join(' ') || prefix + suffix;
}

function itemConstraints(plan: ItemPlan, keywordIndex: { next: number }): [string, Constraint][] {
  switch (plan.kind) {
    case 'exists':
      return [[plan.field, plan.expected ? { kind: 'present' } : { kind: 'absent' }]];
    case 'fieldref':
      if (plan.negate)
        return [
          [plan.field, { kind: 'other' }],
          ...plan.refs.map((ref): [string, Constraint] => [ref, { kind: 'present' }]),
        ];
      return [plan.field, ...plan.refs].map((field): [string, Constraint] => [
        field,
        {
          kind: 'needles',
          needles: [
            { kind: 'pattern', parts: [{ kind: 'text', text: 'cw-shared' }], cased: false },
          ],
        },
      ]);
    case 'values': {
      const field = plan.field ?? `cw_keyword_${keywordIndex.next++}`;
      if (plan.negate) return [[field, { kind: 'other' }]];
      const nonNull = plan.needles.filter((needle) => needle.kind !== 'null');
      if (nonNull.length < plan.needles.length && (nonNull.length === 0 || !plan.all))
        return [[field, { kind: 'absent' }]];
      return [[field, { kind: 'needles', needles: plan.all ? nonNull : nonNull.slice(0, 1) }]];
    }
    default:
      return [];
  }
}

function searchAlternatives(rule: SigmaRule): Map<string, ItemPlan[][]> {
  const out = new Map<string, ItemPlan[][]>();
  for (const search of rule.detection.searches) {
    const maps =
      search.body.kind === 'map'
        ? [search.body.map.items]
        : search.body.kind === 'maps'
          ? search.body.maps.map((map) => map.items)
          : [[search.body.item]];
    const alternatives: ItemPlan[][] = [];
    for (const items of maps) {
      const plans: ItemPlan[] = [];
      for (const item of items) {
        const planned = planItem(item, 'generator');
        if (planned.ok) plans.push(planned.plan);
      }
      alternatives.push(plans);
    }
    out.set(search.name, alternatives);
  }
  return out;
}

/**
 * Makes searches that must stay false false when they would match an absent field
 * (`field: null`, `|exists: false`): the field gets a value none of their needles takes.
 */
function falsify(event: GeneratedEvent, negPlans: readonly ItemPlan[]): void {
  for (const plan of negPlans) {
    if (plan.kind === 'exists' && !plan.expected && !(plan.field in event))
      event[plan.field] = 'cw-other-value';
    if (plan.kind === 'values' && plan.field !== null && !(plan.field in event)) {
      if (plan.needles.some((needle) => needle.kind === 'null'))
        event[plan.field] = 'cw-other-value';
    }
  }
}

function buildEvent(plans: readonly ItemPlan[]): GeneratedEvent | undefined {
  const byField = new Map<string, Constraint[]>();
  const keywordIndex = { next: 0 };
  for (const plan of plans) {
    for (const [field, constraint] of itemConstraints(plan, keywordIndex)) {
      const list = byField.get(field) ?? [];
      list.push(constraint);
      byField.set(field, list);
    }
  }
  const event: GeneratedEvent = {};
  for (const [field, constraints] of byField) {
    const value = compose(constraints);
    if (value === undefined) return undefined;
    if (value !== ABSENT) event[field] = value;
  }
  return event;
}

/** Builds positives (up to 2) and negatives (up to 2) for a compiled-able rule. */
export function generateEvents(rule: SigmaRule): GeneratedCase {
  const names = rule.detection.searches.map((search) => search.name);
  const alternatives = searchAlternatives(rule);
  const conjunctions = rule.detection.conditions.flatMap((condition) =>
    dnf(condition.ast, names, false),
  );
  const positives: GeneratedEvent[] = [];
  const seen = new Set<string>();
  for (const conjunction of conjunctions) {
    const pos = [...conjunction.pos];
    // Try the first alternative of every search, then each alternative of each search in turn.
    const choices: number[][] = [pos.map(() => 0)];
    pos.forEach((name, index) => {
      const count = alternatives.get(name)?.length ?? 1;
      for (let alt = 1; alt < Math.min(count, 4); alt++) {
        const choice = pos.map(() => 0);
        choice[index] = alt;
        choices.push(choice);
      }
    });
    for (const choice of choices) {
      const plans = pos.flatMap((name, index) => alternatives.get(name)?.[choice[index]!] ?? []);
      const event = buildEvent(plans);
      if (event === undefined) continue;
      falsify(
        event,
        [...conjunction.neg].flatMap((name) => (alternatives.get(name) ?? []).flat()),
      );
      const key = JSON.stringify(event);
      if (seen.has(key)) continue;
      seen.add(key);
      if (referenceMatches(rule, event)) {
        positives.push(event);
        break;
      }
    }
    if (positives.length >= 2) break;
  }
  const negatives: GeneratedEvent[] = [];
  const tryNegative = (event: GeneratedEvent) => {
    const key = JSON.stringify(event);
    if (negatives.length < 2 && !seen.has(key) && !referenceMatches(rule, event)) {
      seen.add(key);
      negatives.push(event);
    }
  };
  const base = positives[0];
  if (base) {
    for (const field of Object.keys(base)) {
      if (negatives.length >= 2) break;
      const changed = { ...base, [field]: 'cw-mismatch' };
      tryNegative(changed);
      const removed = { ...base };
      delete removed[field];
      tryNegative(removed);
    }
  }
  tryNegative({ cw_unrelated: 'x' });
  return { rule, positives, negatives };
}
