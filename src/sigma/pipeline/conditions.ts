/**
 * Processing conditions, pySigma's three families (sigma/processing/conditions): rule
 * conditions decide whether an item applies to a rule; detection-item and field-name
 * conditions select the items and fields a transformation touches. Each kind is one entry
 * of a catalogue: its parameters are read once, the predicate runs per rule or item.
 * @module
 */
import RE2 from 're2';
import type { DetectionItem, SigmaRule, SigmaValue } from '../ast.js';
import type { CorrelationRule } from '../correlation/types.js';
import { formatSigmaString } from '../parse/sigma-string.js';
import type { Params } from './params.js';
import type { ProcessingState } from './state.js';

/** What a pipeline processes: a detection rule or a correlation rule. */
export type ProcessedRule = SigmaRule | CorrelationRule;

export function isCorrelation(rule: ProcessedRule): rule is CorrelationRule {
  return 'kind' in rule && rule.kind === 'correlation';
}

export type RuleCondition = (rule: ProcessedRule, state: ProcessingState) => boolean;
export type ItemCondition = (item: DetectionItem, state: ProcessingState) => boolean;
export type FieldCondition = (field: string | null, state: ProcessingState) => boolean;

type Builder<C> = (params: Params) => C | undefined;

const COMPARATORS = ['eq', 'ne', 'gte', 'gt', 'lte', 'lt', 'in', 'not_in'] as const;
type Comparator = (typeof COMPARATORS)[number];
const RELATIONS: readonly Comparator[] = ['eq', 'ne', 'gte', 'gt', 'lte', 'lt'];

function comparator(params: Params, allowed: readonly Comparator[]): Comparator | undefined {
  const op = params.string('op') ?? 'eq';
  if ((allowed as readonly string[]).includes(op)) return op as Comparator;
  params.fail(`"op" is "${op}"; expected one of ${allowed.join(', ')}`);
  return undefined;
}

/** Sigma levels and statuses compare by rank (pySigma's SigmaLevel / SigmaStatus). */
const RANKS: Readonly<Record<string, readonly string[]>> = {
  level: ['informational', 'low', 'medium', 'high', 'critical'],
  status: ['deprecated', 'unsupported', 'experimental', 'test', 'stable'],
};

/**
 * rule_attribute comparison, as pySigma: lists support in/not_in (eq is never true, ne
 * always); levels and statuses compare by rank; numbers as numbers; anything else (ids,
 * titles, YYYY-MM-DD dates) as text.
 */
function compareAttribute(
  attribute: string,
  actual: unknown,
  op: Comparator,
  expected: unknown,
): boolean {
  if (Array.isArray(actual)) {
    if (op === 'in') return actual.includes(expected);
    if (op === 'not_in') return !actual.includes(expected);
    return op === 'ne';
  }
  if (actual === undefined || actual === null || op === 'in' || op === 'not_in') return false;
  const ranks = RANKS[attribute];
  if (ranks && typeof actual === 'string' && typeof expected === 'string') {
    return compare(ranks.indexOf(actual), op, ranks.indexOf(expected.toLowerCase()));
  }
  if (typeof actual === 'number') return compare(actual, op, Number(expected));
  return compare(String(actual), op, String(expected));
}

function compare(actual: unknown, op: Comparator, expected: unknown): boolean {
  if (op === 'in' || op === 'not_in') return false;
  if (op === 'eq') return actual === expected;
  if (op === 'ne') return actual !== expected;
  const a = typeof actual === 'number' || typeof actual === 'string' ? actual : undefined;
  const b = typeof expected === 'number' || typeof expected === 'string' ? expected : undefined;
  if (a === undefined || b === undefined || typeof a !== typeof b) return false;
  if (op === 'gt') return a > b;
  if (op === 'gte') return a >= b;
  if (op === 'lt') return a < b;
  return a <= b;
}

/** The processing_state condition, shared by the three families. */
function stateCondition(params: Params): ((state: ProcessingState) => boolean) | undefined {
  const key = params.string('key', true);
  const tree = params.tree('val');
  const op = comparator(params, RELATIONS);
  if (tree === undefined) params.fail('missing parameter "val"');
  if (key === undefined || tree === undefined || op === undefined) return undefined;
  const expected = tree.kind === 'scalar' ? tree.value : undefined;
  return (state) => compare(state.state.get(key), op, expected);
}

function appliedId(params: Params): string | undefined {
  return params.string('processing_item_id', true);
}

/** Plain text of a value for string conditions (wildcards written as in the rule). */
export function valueText(value: SigmaValue): string | undefined {
  switch (value.kind) {
    case 'string':
      return formatSigmaString(value.parts);
    case 'number':
      return value.raw;
    case 'boolean':
      return String(value.value);
    case 'null':
      return undefined;
    default: {
      const never: never = value;
      return String(never);
    }
  }
}

function safeRegex(params: Params, key: string): RE2 | undefined {
  const pattern = params.string(key, true);
  if (pattern === undefined) return undefined;
  try {
    return new RE2(pattern, 'u');
  } catch (error) {
    params.fail(`"${key}" is not a regular expression RE2 can run: ${(error as Error).message}`);
    return undefined;
  }
}

function eachItem(rule: SigmaRule, visit: (item: DetectionItem) => boolean): boolean {
  for (const search of rule.detection.searches) {
    const body = search.body;
    const maps =
      body.kind === 'map'
        ? [body.map.items]
        : body.kind === 'maps'
          ? body.maps.map((m) => m.items)
          : [[body.item]];
    for (const items of maps) for (const item of items) if (visit(item)) return true;
  }
  return false;
}

/** Rule conditions by type. */
export const RULE_CONDITIONS: Readonly<Record<string, Builder<RuleCondition>>> = {
  logsource: (params) => {
    const wanted = {
      category: params.string('category'),
      product: params.string('product'),
      service: params.string('service'),
    };
    const test = (rule: SigmaRule) =>
      (['category', 'product', 'service'] as const).every((key) => {
        const value = wanted[key];
        return value === undefined || rule.logsource[key]?.toLowerCase() === value.toLowerCase();
      });
    // pySigma: a correlation matches when any rule it refers to (transitively) does.
    return (rule, state) =>
      isCorrelation(rule) ? state.referencedRules(rule).some(test) : test(rule);
  },
  contains_detection_item: (params) => {
    const field = params.string('field', true);
    const value = params.value('value', true);
    if (field === undefined || value === undefined) return undefined;
    const text = valueText(value);
    return (rule) =>
      !isCorrelation(rule) &&
      eachItem(
        rule,
        (item) => item.field === field && item.values.some((v) => valueText(v) === text),
      );
  },
  contains_field: (params) => {
    const field = params.string('field', true);
    if (field === undefined) return undefined;
    return (rule) =>
      isCorrelation(rule)
        ? rule.groupBy.includes(field) || rule.condition.fields.includes(field)
        : eachItem(rule, (item) => item.field === field);
  },
  processing_item_applied: (params) => {
    const id = appliedId(params);
    if (id === undefined) return undefined;
    return (_rule, state) => state.appliedToRule.has(id);
  },
  processing_state: (params) => {
    const test = stateCondition(params);
    return test && ((_rule, state) => test(state));
  },
  is_sigma_rule: () => (rule) => !isCorrelation(rule),
  is_sigma_correlation_rule: () => (rule) => isCorrelation(rule),
  rule_attribute: (params) => {
    const attribute = params.string('attribute', true);
    const tree = params.tree('value');
    const op = comparator(params, COMPARATORS);
    if (tree === undefined) params.fail('missing parameter "value"');
    if (attribute === undefined || tree === undefined || op === undefined) return undefined;
    const expected = tree.kind === 'scalar' ? tree.value : undefined;
    return (rule) => {
      const own = (rule as unknown as Record<string, unknown>)[attribute];
      const custom = isCorrelation(rule) ? undefined : rule.custom[attribute];
      return compareAttribute(attribute, own !== undefined ? own : custom, op, expected);
    };
  },
  tag: (params) => {
    const tag = params.string('tag', true)?.toLowerCase();
    if (tag === undefined) return undefined;
    return (rule) => rule.tags.some((t) => t.toLowerCase() === tag);
  },
};

function anyOrAll(params: Params): 'any' | 'all' | undefined {
  const cond = params.string('cond') ?? 'any';
  if (cond === 'any' || cond === 'all') return cond;
  params.fail(`"cond" is "${cond}"; expected any or all`);
  return undefined;
}

/** Detection-item conditions by type. */
export const ITEM_CONDITIONS: Readonly<Record<string, Builder<ItemCondition>>> = {
  match_string: (params) => {
    const mode = anyOrAll(params);
    const regex = safeRegex(params, 'pattern');
    const negate = params.boolean('negate', false);
    if (mode === undefined || regex === undefined) return undefined;
    const test = (value: SigmaValue) => {
      if (value.kind !== 'string') return false;
      return regex.test(valueText(value) ?? '');
    };
    return (item) => {
      const result = mode === 'any' ? item.values.some(test) : item.values.every(test);
      return negate ? !result : result;
    };
  },
  match_value: (params) => {
    const value = params.value('value', true);
    if (value === undefined) return undefined;
    const text = valueText(value);
    return (item) => item.values.some((v) => v.kind === value.kind && valueText(v) === text);
  },
  contains_wildcard: () => (item) =>
    item.values.some((v) => v.kind === 'string' && v.parts.some((p) => p.kind === 'wildcard')),
  is_null: (params) => {
    const mode = anyOrAll(params);
    if (mode === undefined) return undefined;
    return (item) =>
      mode === 'any'
        ? item.values.some((v) => v.kind === 'null')
        : item.values.every((v) => v.kind === 'null');
  },
  processing_item_applied: (params) => {
    const id = appliedId(params);
    if (id === undefined) return undefined;
    return (item, state) => state.itemApplied(item, id);
  },
  processing_state: (params) => {
    const test = stateCondition(params);
    return test && ((_item, state) => test(state));
  },
};

/** Field-name conditions by type. */
export const FIELD_CONDITIONS: Readonly<Record<string, Builder<FieldCondition>>> = {
  include_fields: (params) => fieldList(params, false),
  exclude_fields: (params) => fieldList(params, true),
  processing_item_applied: (params) => {
    const id = appliedId(params);
    if (id === undefined) return undefined;
    return (field, state) => field !== null && (state.appliedToField.get(field)?.has(id) ?? false);
  },
  processing_state: (params) => {
    const test = stateCondition(params);
    return test && ((_field, state) => test(state));
  },
};

function fieldList(params: Params, exclude: boolean): FieldCondition | undefined {
  // pySigma's `type: plain|re` parameter collides with the condition's own `type` key, so a
  // YAML pipeline can only give plain names; they are compared exactly.
  const fields = params.strings('fields', true);
  if (fields === undefined) return undefined;
  const set = new Set(fields);
  // Keywords have no field: include_fields never selects them, exclude_fields always does.
  return (field) => (field === null ? exclude : exclude !== set.has(field));
}
