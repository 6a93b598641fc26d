/**
 * Parses correlation documents (Sigma Correlation Rules Specification v2.1.0) from located
 * YAML trees, reporting every problem with its file:line:column, the rule and the attribute.
 * @module
 */
import type { ErrorCode, Issue, Location } from '../../errors.js';
import { parseLevel } from '../../finding.js';
import { parseSigmaText } from '../parse/parse-text.js';
import { type CondExpr, parseCondExpr } from '../pipeline/cond-expr.js';
import { formatBounds, isUnsatisfiable } from './condition.js';
import { describeTree, entryOf, type Tree, type TreeEntry, type TreeMap } from './located.js';
import { parseTimespan } from './timespan.js';
import {
  CONDITION_OPERATORS,
  CORRELATION_TYPES,
  type ConditionBound,
  type ConditionOperator,
  type CorrelationCondition,
  type CorrelationRule,
  type CorrelationType,
  FIELD_TYPES,
  type RuleReference,
} from './types.js';

/** Top-level keys a correlation document may carry (spec components plus common metadata). */
const TOP_LEVEL_KEYS = new Set([
  'title',
  'id',
  'name',
  'status',
  'description',
  'author',
  'references',
  'date',
  'modified',
  'taxonomy',
  'correlation',
  'falsepositives',
  'level',
  'generate',
  'tags',
  'related',
  'license',
  'fields',
  'scope',
]);

const CORRELATION_KEYS = [
  'type',
  'rules',
  'aliases',
  'group-by',
  'timespan',
  'condition',
  'generate',
] as const;

/** True when a document is a correlation rule (it has a top-level `correlation`). */
export function isCorrelationTree(tree: Tree): tree is TreeMap {
  return tree.kind === 'map' && entryOf(tree, 'correlation') !== undefined;
}

export interface CorrelationParseResult {
  /** Present when the document is usable (it may still carry warnings). */
  readonly rule?: CorrelationRule;
  readonly issues: readonly Issue[];
}

/**
 * Parses a rule file (one or more YAML documents, loaded by the core parser with its YAML
 * limits) and returns its correlation documents. The issues are those of the whole file
 * (YAML errors, other documents) plus those of each correlation.
 */
export function parseCorrelationText(
  text: string,
  file: string,
): { rules: CorrelationRule[]; issues: Issue[] } {
  const parsed = parseSigmaText(text, file);
  const issues = [...parsed.issues];
  const rules: CorrelationRule[] = [];
  for (const document of parsed.documents) {
    if (document.kind !== 'correlation') continue;
    const result = parseCorrelation(document.tree);
    issues.push(...result.issues);
    if (result.rule) rules.push(result.rule);
  }
  return { rules, issues };
}

/** Parses one correlation document. Errors leave `rule` absent; warnings keep it. */
export function parseCorrelation(tree: Tree): CorrelationParseResult {
  return new CorrelationParser(tree).parse();
}

class CorrelationParser {
  private readonly issues: Issue[] = [];
  private label = 'correlation';
  private hasError = false;

  constructor(private readonly root: Tree) {}

  parse(): CorrelationParseResult {
    const root = this.root;
    if (root.kind !== 'map') {
      this.error(
        'CW_SIGMA_CORRELATION_INVALID',
        `document is ${describeTree(root)}; expected a mapping`,
        root.location,
      );
      return { issues: this.issues };
    }
    const title = this.optionalString(entryOf(root, 'title'), 'title');
    const id = this.optionalString(entryOf(root, 'id'), 'id');
    const name = this.optionalString(entryOf(root, 'name'), 'name');
    this.label = `correlation "${title ?? '(untitled)'}"${id ? ` (${id})` : ''}`;
    if (title === undefined && !entryOf(root, 'title')) {
      this.error(
        'CW_SIGMA_CORRELATION_INVALID',
        `${this.label}: missing "title"; expected a string`,
        root.location,
      );
    }
    for (const entry of root.entries) {
      if (!TOP_LEVEL_KEYS.has(entry.key)) {
        this.warn(
          'CW_SIGMA_CORRELATION_INVALID',
          `${this.label}: unknown top-level attribute "${entry.key}" is kept as a custom attribute and ignored`,
          entry.keyLocation,
        );
      }
    }
    const levelEntry = entryOf(root, 'level');
    const levelText = this.optionalString(levelEntry, 'level');
    const level = levelText === undefined ? undefined : parseLevel(levelText);
    if (levelText !== undefined && level === undefined && levelEntry) {
      this.error(
        'CW_SIGMA_CORRELATION_INVALID',
        `${this.label}: "level" is "${levelText}"; expected informational, low, medium, high or critical`,
        levelEntry.value.location,
      );
    }
    const status = this.optionalString(entryOf(root, 'status'), 'status');
    const description = this.optionalString(entryOf(root, 'description'), 'description');
    const tags = this.stringList(entryOf(root, 'tags'), 'tags') ?? [];
    const topGenerate = this.optionalBoolean(entryOf(root, 'generate'), 'generate');

    const section = entryOf(root, 'correlation');
    if (section === undefined || section.value.kind !== 'map') {
      this.error(
        'CW_SIGMA_CORRELATION_INVALID',
        `${this.label}: "correlation" is ${describeTree(section?.value)}; expected a mapping with type, rules, timespan`,
        section?.value.location ?? root.location,
      );
      return { issues: this.issues };
    }
    const body = section.value;
    for (const entry of body.entries) {
      if (
        !(CORRELATION_KEYS as readonly string[]).includes(entry.key) &&
        entry.key !== 'timeframe'
      ) {
        this.error(
          'CW_SIGMA_CORRELATION_INVALID',
          `${this.label}: unknown attribute "correlation.${entry.key}"; expected one of ${CORRELATION_KEYS.join(', ')}`,
          entry.keyLocation,
        );
      }
    }
    const type = this.parseType(entryOf(body, 'type'), section.keyLocation);
    const rules = this.parseRules(entryOf(body, 'rules'), section.keyLocation);
    const groupByEntry = entryOf(body, 'group-by');
    const groupBy = this.stringList(groupByEntry, 'correlation.group-by') ?? [];
    this.checkUnique(groupBy, groupByEntry, 'correlation.group-by');
    const timespan = this.parseTimespanEntry(
      entryOf(body, 'timespan') ?? entryOf(body, 'timeframe'),
      section.keyLocation,
    );
    const aliases = this.parseAliases(entryOf(body, 'aliases'), rules);
    const condition = type
      ? this.parseCondition(entryOf(body, 'condition'), type, rules, section.keyLocation)
      : undefined;
    const innerGenerate = this.optionalBoolean(entryOf(body, 'generate'), 'correlation.generate');

    if (this.hasError || !type || !timespan || !condition || title === undefined) {
      return { issues: this.issues };
    }
    const rule: CorrelationRule = {
      kind: 'correlation',
      title,
      ...(id === undefined ? {} : { id }),
      ...(name === undefined ? {} : { name }),
      ...(level === undefined ? {} : { level }),
      ...(status === undefined ? {} : { status }),
      ...(description === undefined ? {} : { description }),
      tags,
      type,
      rules,
      groupBy,
      aliases,
      timespanMs: timespan.ms,
      timespan: timespan.text,
      condition,
      generate: innerGenerate ?? topGenerate ?? false,
      location: root.location,
    };
    return { rule, issues: this.issues };
  }

  private parseType(entry: TreeEntry | undefined, parent: Location): CorrelationType | undefined {
    if (!entry) {
      this.error(
        'CW_SIGMA_CORRELATION_INVALID',
        `${this.label}: missing "correlation.type"; expected one of ${CORRELATION_TYPES.join(', ')}`,
        parent,
      );
      return undefined;
    }
    const value = entry.value.kind === 'scalar' ? entry.value.value : undefined;
    if (typeof value === 'string' && (CORRELATION_TYPES as readonly string[]).includes(value)) {
      return value as CorrelationType;
    }
    const hint = value === 'ordered_temporal' ? ' (did you mean "temporal_ordered"?)' : '';
    this.error(
      'CW_SIGMA_CORRELATION_UNKNOWN_TYPE',
      `${this.label}: "correlation.type" is ${describeTree(entry.value)}${hint}; expected one of ${CORRELATION_TYPES.join(', ')}`,
      entry.value.location,
    );
    return undefined;
  }

  private parseRules(entry: TreeEntry | undefined, parent: Location): RuleReference[] {
    if (!entry) {
      this.error(
        'CW_SIGMA_CORRELATION_INVALID',
        `${this.label}: missing "correlation.rules"; expected a list of rule ids or names`,
        parent,
      );
      return [];
    }
    const node = entry.value;
    if (node.kind === 'scalar' && typeof node.value === 'string' && node.value !== '') {
      return [{ ref: node.value, location: node.location }];
    }
    if (node.kind !== 'seq' || node.items.length === 0) {
      this.error(
        'CW_SIGMA_CORRELATION_INVALID',
        `${this.label}: "correlation.rules" is ${describeTree(node)}; expected a non-empty list of rule ids or names`,
        node.location,
      );
      return [];
    }
    const refs: RuleReference[] = [];
    const seen = new Set<string>();
    for (const item of node.items) {
      if (item.kind !== 'scalar' || typeof item.value !== 'string' || item.value === '') {
        this.error(
          'CW_SIGMA_CORRELATION_INVALID',
          `${this.label}: an item of "correlation.rules" is ${describeTree(item)}; expected a rule id or name`,
          item.location,
        );
        continue;
      }
      if (seen.has(item.value)) {
        this.error(
          'CW_SIGMA_CORRELATION_INVALID',
          `${this.label}: rule "${item.value}" is listed twice in "correlation.rules"`,
          item.location,
        );
        continue;
      }
      seen.add(item.value);
      refs.push({ ref: item.value, location: item.location });
    }
    return refs;
  }

  private parseTimespanEntry(
    entry: TreeEntry | undefined,
    parent: Location,
  ): { ms: number; text: string } | undefined {
    if (!entry) {
      this.error(
        'CW_SIGMA_CORRELATION_BAD_TIMESPAN',
        `${this.label}: missing "correlation.timespan"; expected e.g. "5m" (s, m, h, d, w)`,
        parent,
      );
      return undefined;
    }
    if (entry.key === 'timeframe') {
      this.warn(
        'CW_SIGMA_CORRELATION_INVALID',
        `${this.label}: "correlation.timeframe" is the pre-v2 name; use "timespan"`,
        entry.keyLocation,
      );
    }
    const node = entry.value;
    if (node.kind !== 'scalar' || typeof node.value !== 'string') {
      this.error(
        'CW_SIGMA_CORRELATION_BAD_TIMESPAN',
        `${this.label}: "correlation.${entry.key}" is ${describeTree(node)}; expected a number and a unit, e.g. "5m"`,
        node.location,
      );
      return undefined;
    }
    const parsed = parseTimespan(node.value);
    if (!parsed.ok) {
      this.error(
        'CW_SIGMA_CORRELATION_BAD_TIMESPAN',
        `${this.label}: ${parsed.reason}`,
        node.location,
      );
      return undefined;
    }
    return { ms: parsed.ms, text: node.value };
  }

  private parseAliases(
    entry: TreeEntry | undefined,
    rules: readonly RuleReference[],
  ): Map<string, Map<string, string>> {
    const aliases = new Map<string, Map<string, string>>();
    if (!entry) return aliases;
    if (entry.value.kind !== 'map') {
      this.error(
        'CW_SIGMA_CORRELATION_BAD_ALIAS',
        `${this.label}: "correlation.aliases" is ${describeTree(entry.value)}; expected a mapping alias -> {rule name: field}`,
        entry.value.location,
      );
      return aliases;
    }
    const known = new Set(rules.map((r) => r.ref));
    for (const alias of entry.value.entries) {
      if (alias.value.kind !== 'map') {
        this.error(
          'CW_SIGMA_CORRELATION_BAD_ALIAS',
          `${this.label}: alias "${alias.key}" is ${describeTree(alias.value)}; expected a mapping {rule name: field}`,
          alias.value.location,
        );
        continue;
      }
      const fields = new Map<string, string>();
      for (const item of alias.value.entries) {
        const field = item.value.kind === 'scalar' ? item.value.value : undefined;
        if (typeof field !== 'string' || field === '') {
          this.error(
            'CW_SIGMA_CORRELATION_BAD_ALIAS',
            `${this.label}: alias "${alias.key}" maps rule "${item.key}" to ${describeTree(item.value)}; expected a field name`,
            item.value.location,
          );
          continue;
        }
        if (!known.has(item.key)) {
          this.error(
            'CW_SIGMA_CORRELATION_BAD_ALIAS',
            `${this.label}: alias "${alias.key}" names rule "${item.key}", which is not in "correlation.rules"`,
            item.keyLocation,
          );
          continue;
        }
        fields.set(item.key, field);
      }
      aliases.set(alias.key, fields);
    }
    return aliases;
  }

  private parseCondition(
    entry: TreeEntry | undefined,
    type: CorrelationType,
    rules: readonly RuleReference[],
    parent: Location,
  ): CorrelationCondition | undefined {
    const ruleCount = rules.length;
    const isTemporal = type === 'temporal' || type === 'temporal_ordered';
    if (!entry) {
      if (isTemporal) {
        // pySigma's default (sigma/correlations.py): every referenced rule must have matched.
        return { bounds: [{ op: 'gte', value: ruleCount }], fields: [], isDefault: true };
      }
      this.error(
        'CW_SIGMA_CORRELATION_BAD_CONDITION',
        `${this.label}: missing "correlation.condition"; ${type} needs e.g. {gte: 10}${FIELD_TYPES.has(type) ? ' and a "field"' : ''}`,
        parent,
      );
      return undefined;
    }
    const node = entry.value;
    if (node.kind === 'scalar' && typeof node.value === 'string') {
      return this.parseExpression(node.value, type, rules, node.location);
    }
    if (node.kind !== 'map') {
      this.error(
        'CW_SIGMA_CORRELATION_BAD_CONDITION',
        `${this.label}: "correlation.condition" is ${describeTree(node)}; expected a mapping such as {gte: 10}`,
        node.location,
      );
      return undefined;
    }
    const bounds: ConditionBound[] = [];
    let fields: string[] = [];
    let percentile: number | undefined;
    let fieldEntry: TreeEntry | undefined;
    let percentileEntry: TreeEntry | undefined;
    for (const item of node.entries) {
      const value = item.value.kind === 'scalar' ? item.value.value : undefined;
      if ((CONDITION_OPERATORS as readonly string[]).includes(item.key)) {
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          this.error(
            'CW_SIGMA_CORRELATION_BAD_CONDITION',
            `${this.label}: "correlation.condition.${item.key}" is ${describeTree(item.value)}; expected a number`,
            item.value.location,
          );
          continue;
        }
        bounds.push({ op: item.key as ConditionOperator, value });
      } else if (item.key === 'field') {
        fieldEntry = item;
        const list =
          typeof value === 'string'
            ? [value]
            : this.stringList(item, 'correlation.condition.field');
        if (!list || list.length === 0 || list.some((f) => f === '')) {
          if (list)
            this.error(
              'CW_SIGMA_CORRELATION_BAD_CONDITION',
              `${this.label}: "correlation.condition.field" is ${describeTree(item.value)}; expected a field name`,
              item.value.location,
            );
          continue;
        }
        fields = list;
      } else if (item.key === 'percentile') {
        percentileEntry = item;
        if (typeof value !== 'number' || value < 0 || value > 100) {
          this.error(
            'CW_SIGMA_CORRELATION_BAD_CONDITION',
            `${this.label}: "correlation.condition.percentile" is ${describeTree(item.value)}; expected a number from 0 to 100`,
            item.value.location,
          );
          continue;
        }
        percentile = value;
      } else {
        this.error(
          'CW_SIGMA_CORRELATION_BAD_CONDITION',
          `${this.label}: unknown condition key "${item.key}"; expected gt, gte, lt, lte, eq, neq${FIELD_TYPES.has(type) ? ', field' : ''}${type === 'value_percentile' ? ', percentile' : ''}`,
          item.keyLocation,
        );
      }
    }
    const where = node.location;
    if (bounds.length === 0) {
      this.error(
        'CW_SIGMA_CORRELATION_BAD_CONDITION',
        `${this.label}: "correlation.condition" has no comparison; expected at least one of gt, gte, lt, lte, eq, neq`,
        where,
      );
      return undefined;
    }
    if (FIELD_TYPES.has(type)) {
      if (!fieldEntry) {
        this.error(
          'CW_SIGMA_CORRELATION_BAD_CONDITION',
          `${this.label}: ${type} needs "correlation.condition.field" naming the field to aggregate`,
          where,
        );
      } else if (fields.length > 1 && type !== 'value_count') {
        this.error(
          'CW_SIGMA_CORRELATION_BAD_CONDITION',
          `${this.label}: ${type} aggregates one numeric field; "field" lists ${fields.length}`,
          fieldEntry.value.location,
        );
      }
    } else if (fieldEntry) {
      this.error(
        'CW_SIGMA_CORRELATION_BAD_CONDITION',
        `${this.label}: "correlation.condition.field" has no meaning for ${type}`,
        fieldEntry.keyLocation,
      );
    }
    if (percentileEntry && type !== 'value_percentile') {
      this.error(
        'CW_SIGMA_CORRELATION_BAD_CONDITION',
        `${this.label}: "percentile" only applies to value_percentile`,
        percentileEntry.keyLocation,
      );
    }
    if (type === 'value_percentile' && !percentileEntry) {
      // The spec's example gives no rank; pySigma reads `percentile` from the condition.
      this.warn(
        'CW_SIGMA_CORRELATION_BAD_CONDITION',
        `${this.label}: value_percentile without "percentile"; using the 50th percentile (median)`,
        where,
      );
      percentile = 50;
    }
    if (type === 'value_median') percentile = 50;
    if (isUnsatisfiable(bounds)) {
      this.error(
        'CW_SIGMA_CORRELATION_BAD_CONDITION',
        `${this.label}: condition ${formatBounds(bounds)} can never be true`,
        where,
      );
    }
    return {
      bounds,
      fields,
      ...(percentile === undefined ? {} : { percentile }),
      isDefault: false,
    };
  }

  /** `condition: "a and not b"` (SEP #198): temporal correlations only. */
  private parseExpression(
    text: string,
    type: CorrelationType,
    rules: readonly RuleReference[],
    location: Location,
  ): CorrelationCondition | undefined {
    if (type !== 'temporal') {
      this.error(
        'CW_SIGMA_CORRELATION_UNSUPPORTED',
        `${this.label}: a boolean "correlation.condition" (SEP #198) applies to temporal correlations; ${type} needs a numeric condition such as {gte: 2}`,
        location,
      );
      return undefined;
    }
    const parsed = parseCondExpr(text);
    if (!parsed.ok) {
      this.error(
        'CW_SIGMA_CORRELATION_BAD_CONDITION',
        `${this.label}: condition: ${parsed.reason}`,
        location,
      );
      return undefined;
    }
    const known = new Set(rules.map((rule) => rule.ref));
    const unknown = [...parsed.ids].filter((id) => !known.has(id));
    if (unknown.length > 0) {
      this.error(
        'CW_SIGMA_CORRELATION_BAD_CONDITION',
        `${this.label}: condition "${text}" names ${unknown.map((id) => `"${id}"`).join(', ')}, not listed in "correlation.rules"`,
        location,
      );
      return undefined;
    }
    const hasNot = containsNot(parsed.expr);
    return {
      bounds: [hasNot ? { op: 'eq', value: 1 } : { op: 'gte', value: 1 }],
      fields: [],
      isDefault: false,
      expression: { text, expr: parsed.expr },
    };
  }

  private optionalString(entry: TreeEntry | undefined, what: string): string | undefined {
    if (!entry) return undefined;
    const node = entry.value;
    if (node.kind === 'scalar' && typeof node.value === 'string') return node.value;
    if (node.kind === 'scalar' && typeof node.value === 'number' && what !== 'title') {
      return String(node.value);
    }
    this.error(
      'CW_SIGMA_CORRELATION_INVALID',
      `${this.label}: "${what}" is ${describeTree(node)}; expected a string`,
      node.location,
    );
    return undefined;
  }

  private optionalBoolean(entry: TreeEntry | undefined, what: string): boolean | undefined {
    if (!entry) return undefined;
    const node = entry.value;
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    this.error(
      'CW_SIGMA_CORRELATION_INVALID',
      `${this.label}: "${what}" is ${describeTree(node)}; expected true or false`,
      node.location,
    );
    return undefined;
  }

  private stringList(entry: TreeEntry | undefined, what: string): string[] | undefined {
    if (!entry) return undefined;
    const node = entry.value;
    if (node.kind !== 'seq') {
      this.error(
        'CW_SIGMA_CORRELATION_INVALID',
        `${this.label}: "${what}" is ${describeTree(node)}; expected a list of strings`,
        node.location,
      );
      return undefined;
    }
    const out: string[] = [];
    for (const item of node.items) {
      if (item.kind !== 'scalar' || typeof item.value !== 'string') {
        this.error(
          'CW_SIGMA_CORRELATION_INVALID',
          `${this.label}: an item of "${what}" is ${describeTree(item)}; expected a string`,
          item.location,
        );
        continue;
      }
      out.push(item.value);
    }
    return out;
  }

  private checkUnique(values: readonly string[], entry: TreeEntry | undefined, what: string): void {
    const seen = new Set<string>();
    for (const value of values) {
      if (seen.has(value)) {
        this.error(
          'CW_SIGMA_CORRELATION_INVALID',
          `${this.label}: "${value}" is listed twice in "${what}"`,
          entry?.value.location ?? this.root.location,
        );
      }
      seen.add(value);
    }
  }

  private error(code: ErrorCode, message: string, location: Location): void {
    this.hasError = true;
    this.issues.push({ code, severity: 'error', message, location });
  }

  private warn(code: ErrorCode, message: string, location: Location): void {
    this.issues.push({ code, severity: 'warning', message, location });
  }
}

/** Whether an expression asks for an absence (then it can only be decided at window close). */
function containsNot(expr: CondExpr): boolean {
  switch (expr.kind) {
    case 'id':
      return false;
    case 'not':
      return true;
    case 'and':
    case 'or':
      return containsNot(expr.left) || containsNot(expr.right);
    default: {
      const never: never = expr;
      throw new Error(`unknown expression ${JSON.stringify(never)}`);
    }
  }
}
