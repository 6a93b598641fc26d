/**
 * Parses processing pipelines written in pySigma's YAML format, with every problem as a
 * located issue: unknown keys, unknown or unsupported transformation and condition types,
 * bad condition expressions, bad parameters.
 * @module
 */
import type { Issue, Location } from '../../errors.js';
import { closest } from '../parse/closest.js';
import { getEntry, loadYaml, type YamlMap, type YamlTree } from '../parse/yaml-tree.js';
import { type CondExpr, parseCondExpr } from './cond-expr.js';
import { FIELD_CONDITIONS, ITEM_CONDITIONS, RULE_CONDITIONS } from './conditions.js';
import { Params } from './params.js';
import { TRANSFORMATION_TYPES, TRANSFORMATIONS, UNSUPPORTED_TRANSFORMATIONS } from './registry.js';
import type { VarValue } from './state.js';
import type { ConditionSet, Pipeline, ProcessingItem } from './types.js';

const TOP_LEVEL = new Set([
  'name',
  'priority',
  'vars',
  'transformations',
  'postprocessing',
  'finalizers',
  'allowed_backends',
]);

const FAMILIES = {
  rule: { conditions: 'rule_conditions', registry: RULE_CONDITIONS },
  detection_item: { conditions: 'detection_item_conditions', registry: ITEM_CONDITIONS },
  field_name: { conditions: 'field_name_conditions', registry: FIELD_CONDITIONS },
} as const;

const ITEM_KEYS = new Set([
  'id',
  'type',
  ...Object.keys(FAMILIES).flatMap((f) => [
    `${f}_conditions`,
    `${f}_cond_expr`,
    `${f}_cond_op`,
    `${f}_cond_not`,
  ]),
]);

export interface PipelineParseResult {
  readonly pipeline?: Pipeline;
  readonly issues: readonly Issue[];
}

/**
 * Parses a pipeline file. Any error leaves `pipeline` absent: a half-understood pipeline would
 * silently change what rules match.
 * @example
 * const { pipeline, issues } = parsePipelineText(readFileSync(path, 'utf8'), path);
 */
export function parsePipelineText(text: string, file: string): PipelineParseResult {
  const loaded = loadYaml(text, file);
  const issues: Issue[] = loaded.issues.map((issue) => ({
    ...issue,
    code: 'CW_SIGMA_PIPELINE_INVALID',
  }));
  const documents = loaded.documents.filter((d) => d.tree !== undefined);
  if (issues.length > 0) return { issues };
  const first = documents[0]?.tree;
  if (first === undefined) {
    issues.push(invalid('the pipeline file holds no YAML document', { file, line: 1, column: 1 }));
    return { issues };
  }
  if (documents.length > 1) {
    issues.push(
      invalid(
        'a pipeline file holds one YAML document; split the others into their own files',
        documents[1]!.location,
      ),
    );
    return { issues };
  }
  if (first.kind !== 'map') {
    issues.push(
      invalid(
        'a pipeline must be a mapping with name, priority, vars and transformations',
        first.location,
      ),
    );
    return { issues };
  }
  const pipeline = parsePipeline(first, issues);
  return issues.some((i) => i.severity === 'error') || !pipeline
    ? { issues }
    : { pipeline, issues };
}

function invalid(message: string, location: Location): Issue {
  return { code: 'CW_SIGMA_PIPELINE_INVALID', severity: 'error', message, location };
}

function parsePipeline(map: YamlMap, issues: Issue[]): Pipeline | undefined {
  for (const entry of map.entries) {
    if (!TOP_LEVEL.has(entry.key)) {
      const hint = closest(entry.key, [...TOP_LEVEL]);
      issues.push(
        invalid(
          `unknown pipeline attribute "${entry.key}"${hint ? `; did you mean "${hint}"?` : ''}`,
          entry.keyLocation,
        ),
      );
    }
  }
  const nameEntry = getEntry(map, 'name');
  let name = 'unnamed pipeline';
  if (nameEntry?.value.kind === 'scalar' && typeof nameEntry.value.value === 'string')
    name = nameEntry.value.value;
  else if (nameEntry) issues.push(invalid('"name" must be a string', nameEntry.value.location));
  const label = `pipeline "${name}"`;
  let priority = 0;
  const priorityEntry = getEntry(map, 'priority');
  if (priorityEntry) {
    if (priorityEntry.value.kind === 'scalar' && typeof priorityEntry.value.value === 'number')
      priority = priorityEntry.value.value;
    else
      issues.push(invalid(`${label}: "priority" must be a number`, priorityEntry.value.location));
  }
  const vars = parseVars(getEntry(map, 'vars')?.value, label, issues);
  for (const key of ['postprocessing', 'finalizers'] as const) {
    const entry = getEntry(map, key);
    if (entry) {
      issues.push({
        code: 'CW_SIGMA_PIPELINE_IGNORED',
        severity: 'warning',
        message: `${label}: "${key}" shapes backend query output and is ignored by the matcher`,
        location: entry.keyLocation,
      });
    }
  }
  const list = getEntry(map, 'transformations');
  const items = list ? parseItems(list.value, label, name, issues) : [];
  if (!list) {
    issues.push({
      code: 'CW_SIGMA_PIPELINE_IGNORED',
      severity: 'warning',
      message: `${label}: no "transformations"; the pipeline does nothing`,
      location: map.location,
    });
  }
  return { name, priority, vars, items, location: map.location };
}

function parseVars(
  tree: YamlTree | undefined,
  label: string,
  issues: Issue[],
): Map<string, VarValue[]> {
  const vars = new Map<string, VarValue[]>();
  if (tree === undefined) return vars;
  if (tree.kind !== 'map') {
    issues.push(
      invalid(
        `${label}: "vars" must be a mapping of name to value or list of values`,
        tree.location,
      ),
    );
    return vars;
  }
  for (const entry of tree.entries) {
    const value = entry.value;
    if (value.kind === 'scalar') vars.set(entry.key, [value.value]);
    else if (value.kind === 'seq' && value.items.every((i) => i.kind === 'scalar')) {
      vars.set(
        entry.key,
        value.items.map((i) => (i.kind === 'scalar' ? i.value : null)),
      );
    } else
      issues.push(
        invalid(
          `${label}: "vars.${entry.key}" must be a value or a list of values`,
          value.location,
        ),
      );
  }
  return vars;
}

function parseItems(
  tree: YamlTree,
  label: string,
  prefix: string,
  issues: Issue[],
): ProcessingItem[] {
  if (tree.kind !== 'seq') {
    issues.push(
      invalid(`${label}: "transformations" must be a list of processing items`, tree.location),
    );
    return [];
  }
  const items: ProcessingItem[] = [];
  tree.items.forEach((node, index) => {
    const item = parseItem(node, label, `${prefix}#${index + 1}`, issues);
    if (item) items.push(item);
  });
  return items;
}

function parseItem(
  node: YamlTree,
  label: string,
  fallbackId: string,
  issues: Issue[],
): ProcessingItem | undefined {
  if (node.kind !== 'map') {
    issues.push(
      invalid(`${label}: a processing item must be a mapping with a "type"`, node.location),
    );
    return undefined;
  }
  const idEntry = getEntry(node, 'id');
  const id =
    idEntry?.value.kind === 'scalar' && idEntry.value.value !== null
      ? String(idEntry.value.value)
      : fallbackId;
  const typeEntry = getEntry(node, 'type');
  const type =
    typeEntry?.value.kind === 'scalar' && typeof typeEntry.value.value === 'string'
      ? typeEntry.value.value
      : undefined;
  const itemLabel = `${label}, item "${id}"`;
  if (type === undefined) {
    issues.push(
      invalid(
        `${itemLabel}: missing "type"; expected a transformation type`,
        typeEntry?.value.location ?? node.location,
      ),
    );
    return undefined;
  }
  const where = typeEntry?.value.location ?? node.location;
  const before = issues.length;
  const ruleConditions = parseConditions(node, 'rule', itemLabel, issues);
  const itemConditions = parseConditions(node, 'detection_item', itemLabel, issues);
  const fieldConditions = parseConditions(node, 'field_name', itemLabel, issues);
  const params = new Params(node, `${itemLabel} (${type})`, issues);
  let action: ProcessingItem['action'] | undefined;
  if (type === 'nest') {
    const nested = params.tree('items');
    if (nested === undefined) params.fail('missing parameter "items" (a list of processing items)');
    else action = { kind: 'nest', items: parseItems(nested, itemLabel, id, issues) };
  } else if (type in UNSUPPORTED_TRANSFORMATIONS) {
    issues.push({
      code: 'CW_SIGMA_PIPELINE_UNSUPPORTED_TRANSFORMATION',
      severity: 'error',
      message: `${itemLabel}: transformation "${type}" is not supported: ${UNSUPPORTED_TRANSFORMATIONS[type]}`,
      location: where,
    });
    return undefined;
  } else {
    const builder = TRANSFORMATIONS[type];
    if (!builder) {
      const hint = closest(type, TRANSFORMATION_TYPES);
      issues.push({
        code: 'CW_SIGMA_PIPELINE_UNKNOWN_TRANSFORMATION',
        severity: 'error',
        message: `${itemLabel}: unknown transformation type "${type}"${hint ? `; did you mean "${hint}"?` : ''}`,
        location: where,
      });
      return undefined;
    }
    const transformation = builder(params);
    if (transformation) action = { kind: 'transform', transformation };
  }
  params.rejectUnknown(ITEM_KEYS);
  if (!action || !ruleConditions || !itemConditions || !fieldConditions) return undefined;
  if (issues.slice(before).some((i) => i.severity === 'error')) return undefined;
  return {
    id,
    type,
    action,
    ruleConditions,
    itemConditions,
    fieldConditions,
    location: node.location,
  };
}

function parseConditions<F extends keyof typeof FAMILIES>(
  node: YamlMap,
  family: F,
  label: string,
  issues: Issue[],
): ConditionSet<NonNullable<ReturnType<(typeof FAMILIES)[F]['registry'][string]>>> | undefined {
  type C = NonNullable<ReturnType<(typeof FAMILIES)[F]['registry'][string]>>;
  const { conditions: key, registry } = FAMILIES[family];
  const conditions = new Map<string, C>();
  const tree = getEntry(node, key)?.value;
  let ok = true;
  const add = (id: string, cond: YamlTree) => {
    if (cond.kind !== 'map') {
      issues.push(
        invalid(
          `${label}: condition "${id}" of ${key} must be a mapping with a "type"`,
          cond.location,
        ),
      );
      ok = false;
      return;
    }
    const typeTree = getEntry(cond, 'type')?.value;
    const type =
      typeTree?.kind === 'scalar' && typeof typeTree.value === 'string'
        ? typeTree.value
        : undefined;
    const builder =
      type === undefined
        ? undefined
        : (registry as Record<string, (p: Params) => C | undefined>)[type];
    if (!builder) {
      const hint = type ? closest(type, Object.keys(registry)) : undefined;
      issues.push({
        code: 'CW_SIGMA_PIPELINE_UNKNOWN_CONDITION',
        severity: 'error',
        message: `${label}: ${type === undefined ? 'a condition has no "type"' : `unknown ${family.replace('_', '-')} condition type "${type}"`} in ${key}; expected one of ${Object.keys(registry).join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`,
        location: typeTree?.location ?? cond.location,
      });
      ok = false;
      return;
    }
    const params = new Params(cond, `${label}, ${key} "${id}" (${type})`, issues);
    const before = issues.length;
    const built = builder(params);
    params.rejectUnknown(new Set(['type']));
    if (built === undefined || issues.length > before) ok = false;
    else conditions.set(id, built);
  };
  const isMapping = tree?.kind === 'map';
  if (tree?.kind === 'seq') {
    tree.items.forEach((cond, i) => {
      add(String(i + 1), cond);
    });
  } else if (tree?.kind === 'map') for (const entry of tree.entries) add(entry.key, entry.value);
  else if (tree !== undefined) {
    issues.push(
      invalid(`${label}: ${key} must be a list or a mapping of conditions`, tree.location),
    );
    return undefined;
  }
  const opTree = getEntry(node, `${family}_cond_op`)?.value;
  let op: 'and' | 'or' = 'and';
  if (opTree) {
    if (opTree.kind === 'scalar' && (opTree.value === 'and' || opTree.value === 'or'))
      op = opTree.value;
    else {
      issues.push(invalid(`${label}: ${family}_cond_op must be "and" or "or"`, opTree.location));
      ok = false;
    }
  }
  const notTree = getEntry(node, `${family}_cond_not`)?.value;
  let negate = false;
  if (notTree) {
    if (notTree.kind === 'scalar' && typeof notTree.value === 'boolean') negate = notTree.value;
    else {
      issues.push(invalid(`${label}: ${family}_cond_not must be true or false`, notTree.location));
      ok = false;
    }
  }
  const exprTree = getEntry(node, `${family}_cond_expr`)?.value;
  let expr: CondExpr | undefined;
  if (exprTree) {
    const bad = (message: string) => {
      issues.push({
        code: 'CW_SIGMA_PIPELINE_BAD_CONDITION_EXPRESSION',
        severity: 'error',
        message: `${label}: ${family}_cond_expr: ${message}`,
        location: exprTree.location,
      });
      ok = false;
    };
    if (exprTree.kind !== 'scalar' || typeof exprTree.value !== 'string') bad('must be a string');
    else if (opTree) bad(`is mutually exclusive with ${family}_cond_op`);
    else if (!isMapping) bad(`needs ${key} as a mapping from ids to conditions`);
    else {
      const parsed = parseCondExpr(exprTree.value);
      if (!parsed.ok) bad(parsed.reason);
      else {
        const undefinedIds = [...parsed.ids].filter((id) => !conditions.has(id) && ok);
        const unused = [...conditions.keys()].filter((id) => !parsed.ids.has(id));
        if (undefinedIds.length > 0)
          bad(
            `names undefined condition${undefinedIds.length === 1 ? '' : 's'} ${undefinedIds.join(', ')}`,
          );
        else if (unused.length > 0)
          bad(`leaves condition${unused.length === 1 ? '' : 's'} ${unused.join(', ')} unused`);
        else expr = parsed.expr;
      }
    }
  }
  return ok ? { conditions, expr, op, negate } : undefined;
}
