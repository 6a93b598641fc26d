/**
 * The `detection` section: search identifiers (maps, lists of maps, keyword lists) with their
 * items, modifiers and typed values, and the condition(s).
 * @module
 */

import type { Issue, Location } from '../../errors.js';
import { assertNever } from '../assert-never.js';
import {
  type Condition,
  type ConditionNode,
  type Detection,
  type DetectionItem,
  type DetectionMap,
  MODIFIER_NAMES,
  type ModifierName,
  type Search,
  type SigmaValue,
} from '../ast.js';
import { parseCondition, resolveOfTarget } from '../condition/parse.js';
import { closest } from './closest.js';
import { stringValue } from './sigma-string.js';
import type { YamlMap, YamlScalar, YamlTree } from './yaml-tree.js';

const MODIFIERS: ReadonlySet<string> = new Set(MODIFIER_NAMES);

/** Context for issues: the rule's label (`id "…" / title "…"`). */
export interface RuleContext {
  readonly label: string;
  readonly text: string;
  readonly issues: Issue[];
}

function issue(
  context: RuleContext,
  code: Issue['code'],
  message: string,
  location: Location,
): void {
  context.issues.push({
    code,
    severity: 'error',
    message: `${context.label}: ${message}`,
    location,
  });
}

/** Converts a YAML scalar into a typed Sigma value. */
export function scalarToValue(scalar: YamlScalar): SigmaValue {
  const value = scalar.value;
  if (value === null) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'number') return { kind: 'number', value, raw: scalar.source };
  return stringValue(value);
}

function parseItem(
  key: string,
  keyLocation: Location,
  tree: YamlTree,
  context: RuleContext,
): DetectionItem | undefined {
  const [fieldText = '', ...modifierTexts] = key.split('|');
  const modifiers: ModifierName[] = [];
  let ok = true;
  for (const text of modifierTexts) {
    if (MODIFIERS.has(text)) {
      modifiers.push(text as ModifierName);
      continue;
    }
    const suggestion = closest(text, MODIFIER_NAMES);
    issue(
      context,
      'CW_SIGMA_UNKNOWN_MODIFIER',
      `unknown modifier "${text}" on field "${fieldText}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      keyLocation,
    );
    ok = false;
  }
  const values: SigmaValue[] = [];
  let isList = false;
  if (tree.kind === 'scalar') values.push(scalarToValue(tree));
  else if (tree.kind === 'seq') {
    isList = true;
    for (const element of tree.items) {
      if (element.kind !== 'scalar') {
        issue(
          context,
          'CW_SIGMA_SCHEMA',
          `field "${key}": a value list may only hold strings, numbers, booleans or null, found a ${element.kind === 'map' ? 'map' : 'list'}`,
          element.location,
        );
        ok = false;
        continue;
      }
      values.push(scalarToValue(element));
    }
    if (tree.items.length === 0) {
      issue(context, 'CW_SIGMA_SCHEMA', `field "${key}": the value list is empty`, tree.location);
      ok = false;
    }
  } else {
    issue(
      context,
      'CW_SIGMA_SCHEMA',
      `field "${key}": expected a value or a list of values, found a map`,
      tree.location,
    );
    ok = false;
  }
  if (!ok) return undefined;
  return {
    field: fieldText === '' ? null : fieldText,
    modifiers,
    values,
    isList,
    location: keyLocation,
  };
}

function parseMap(map: YamlMap, context: RuleContext): DetectionMap {
  const items: DetectionItem[] = [];
  for (const entry of map.entries) {
    const item = parseItem(entry.key, entry.keyLocation, entry.value, context);
    if (item) items.push(item);
  }
  if (map.entries.length === 0) {
    issue(context, 'CW_SIGMA_SCHEMA', 'a search map is empty', map.location);
  }
  return { items, location: map.location };
}

function parseSearch(
  name: string,
  location: Location,
  tree: YamlTree,
  context: RuleContext,
): Search | undefined {
  if (tree.kind === 'map')
    return { name, body: { kind: 'map', map: parseMap(tree, context) }, location };
  if (tree.kind === 'scalar') {
    if (tree.value === null) {
      issue(context, 'CW_SIGMA_SCHEMA', `search "${name}" is empty`, location);
      return undefined;
    }
    const item: DetectionItem = {
      field: null,
      modifiers: [],
      values: [scalarToValue(tree)],
      isList: false,
      location: tree.location,
    };
    return { name, body: { kind: 'keywords', item }, location };
  }
  if (tree.items.length === 0) {
    issue(context, 'CW_SIGMA_SCHEMA', `search "${name}" is an empty list`, location);
    return undefined;
  }
  const maps = tree.items.filter((element) => element.kind === 'map');
  const scalars = tree.items.filter((element) => element.kind === 'scalar');
  if (maps.length === tree.items.length) {
    return {
      name,
      body: { kind: 'maps', maps: maps.map((map) => parseMap(map, context)) },
      location,
    };
  }
  if (scalars.length === tree.items.length) {
    const item: DetectionItem = {
      field: null,
      modifiers: [],
      values: scalars.map(scalarToValue),
      isList: true,
      location: tree.location,
    };
    return { name, body: { kind: 'keywords', item }, location };
  }
  issue(
    context,
    'CW_SIGMA_SCHEMA',
    `search "${name}" mixes maps and plain values in one list; split it into two searches`,
    location,
  );
  return undefined;
}

function conditionLocator(scalar: YamlScalar, text: string) {
  // A plain or quoted single-line scalar: its characters sit at known columns.
  const start = scalar.location;
  const quoted = scalar.source !== text;
  const shift = quoted ? 1 : 0;
  const singleLine = !text.includes('\n');
  return (offset: number): Location =>
    singleLine && start.line !== undefined && start.column !== undefined
      ? { file: start.file, line: start.line, column: start.column + shift + offset }
      : start;
}

function checkReferences(
  node: ConditionNode,
  names: readonly string[],
  text: string,
  context: RuleContext,
): void {
  switch (node.kind) {
    case 'or':
    case 'and':
      for (const operand of node.operands) checkReferences(operand, names, text, context);
      return;
    case 'not':
      checkReferences(node.operand, names, text, context);
      return;
    case 'ref':
      if (!names.includes(node.name)) {
        const suggestion = closest(node.name, names);
        issue(
          context,
          'CW_SIGMA_UNKNOWN_IDENTIFIER',
          `condition "${text}" names "${node.name}", which the detection does not define${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          node.location,
        );
      }
      return;
    case 'of':
      if (resolveOfTarget(node.target, names).length === 0) {
        const what = node.target.kind === 'them' ? 'them' : `"${node.target.pattern}"`;
        issue(
          context,
          'CW_SIGMA_UNKNOWN_IDENTIFIER',
          `condition "${text}": ${what} matches no search identifier`,
          node.location,
        );
      }
      return;
    default:
      assertNever(node);
  }
}

/** Parses the `detection` map. Returns undefined when it is unusable (issues say why). */
export function parseDetection(tree: YamlTree, context: RuleContext): Detection | undefined {
  if (tree.kind !== 'map') {
    issue(
      context,
      'CW_SIGMA_SCHEMA',
      '`detection` must be a map of search identifiers and a condition',
      tree.location,
    );
    return undefined;
  }
  const before = context.issues.length;
  const searches: Search[] = [];
  let conditionTree: YamlTree | undefined;
  let conditionKeyLocation: Location = tree.location;
  for (const entry of tree.entries) {
    if (entry.key === 'condition') {
      conditionTree = entry.value;
      conditionKeyLocation = entry.keyLocation;
      continue;
    }
    if (entry.key === 'timeframe') {
      context.issues.push({
        code: 'CW_SIGMA_SCHEMA',
        severity: 'warning',
        message: `${context.label}: \`timeframe\` in detection is obsolete since Sigma 2.0 and ignored; use a correlation rule with \`timespan\``,
        location: entry.keyLocation,
      });
      continue;
    }
    const search = parseSearch(entry.key, entry.keyLocation, entry.value, context);
    if (search) searches.push(search);
  }
  if (conditionTree === undefined) {
    issue(context, 'CW_SIGMA_SCHEMA', '`detection` has no `condition`', tree.location);
    return undefined;
  }
  const scalars: YamlScalar[] = [];
  if (conditionTree.kind === 'scalar' && typeof conditionTree.value === 'string') {
    scalars.push(conditionTree);
  } else if (conditionTree.kind === 'seq') {
    for (const element of conditionTree.items) {
      if (element.kind === 'scalar' && typeof element.value === 'string') scalars.push(element);
      else issue(context, 'CW_SIGMA_SCHEMA', 'each condition must be a string', element.location);
    }
    if (conditionTree.items.length === 0) {
      issue(context, 'CW_SIGMA_SCHEMA', '`condition` is an empty list', conditionKeyLocation);
    }
  } else {
    issue(
      context,
      'CW_SIGMA_SCHEMA',
      '`condition` must be a string or a list of strings',
      conditionTree.location,
    );
  }
  const names = searches.map((search) => search.name);
  const conditions: Condition[] = [];
  for (const scalar of scalars) {
    const text = String(scalar.value);
    const parsed = parseCondition(text, conditionLocator(scalar, text));
    if (!parsed.ok) {
      context.issues.push({
        ...parsed.issue,
        message: `${context.label}: ${parsed.issue.message}`,
      });
      continue;
    }
    checkReferences(parsed.ast, names, text, context);
    conditions.push({ text, ast: parsed.ast, location: scalar.location });
  }
  if (context.issues.slice(before).some((found) => found.severity === 'error')) return undefined;
  return { searches, conditions, location: tree.location };
}
