/**
 * Rule-level transformations: `add_condition`, `change_logsource`, `drop_detection_item`,
 * `set_state`, `set_custom_attribute`, and the failures `rule_failure`,
 * `detection_item_failure`, `strict_field_mapping_failure`.
 * @module
 */
import type { ConditionNode, Search, SigmaRule } from '../ast.js';
import { parseDetection } from '../parse/detection.js';
import type { YamlMap, YamlTree } from '../parse/yaml-tree.js';
import {
  rewriteItems,
  type TransformationBuilder,
  type TransformContext,
} from './transformation.js';

/** Replaces `$name` / `${name}` in strings of a YAML tree from the pipeline vars. */
function substitute(tree: YamlTree, vars: ReadonlyMap<string, readonly unknown[]>): YamlTree {
  if (tree.kind === 'scalar') {
    if (typeof tree.value !== 'string') return tree;
    const value = tree.value.replace(/\$(?:\{(\w+)\}|(\w+))/g, (whole, braced, bare) => {
      const found = vars.get(braced ?? bare);
      return found?.[0] === undefined ? whole : String(found[0]);
    });
    return { ...tree, value, source: value };
  }
  if (tree.kind === 'seq') return { ...tree, items: tree.items.map((i) => substitute(i, vars)) };
  return {
    ...tree,
    entries: tree.entries.map((e) => ({ ...e, value: substitute(e.value, vars) })),
  };
}

/**
 * `add_condition`: a new search from `conditions` (field|modifiers: value(s), parsed like a
 * detection map) AND-ed onto every condition (`negated: true` AND-s its negation).
 * `template: true` fills `$var` from the pipeline vars.
 */
export const addCondition: TransformationBuilder = (params) => {
  const conditions = params.tree('conditions');
  const negated = params.boolean('negated', false);
  const template = params.boolean('template', false);
  if (conditions === undefined || conditions.kind !== 'map' || conditions.entries.length === 0) {
    params.fail('"conditions" must be a non-empty mapping of field: value', conditions?.location);
    return undefined;
  }
  return {
    apply(rule, context) {
      const source = template
        ? (substitute(conditions, context.state.vars) as YamlMap)
        : conditions;
      const name = `_cond_${context.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
      const tree: YamlMap = {
        kind: 'map',
        location: source.location,
        entries: [
          { key: name, keyLocation: source.location, value: source },
          {
            key: 'condition',
            keyLocation: source.location,
            value: { kind: 'scalar', value: name, source: name, location: source.location },
          },
        ],
      };
      const before = context.issues.length;
      const parsed = parseDetection(tree, {
        label: `${context.ruleLabel}, add_condition`,
        text: '',
        issues: context.issues,
      });
      const search: Search | undefined = parsed?.searches[0];
      if (!search || context.issues.slice(before).some((i) => i.severity === 'error'))
        return undefined;
      let unique = search.name;
      for (let n = 2; rule.detection.searches.some((s) => s.name === unique); n++)
        unique = `${search.name}_${n}`;
      const ref: ConditionNode = { kind: 'ref', name: unique, location: search.location };
      const added: ConditionNode = negated ? { kind: 'not', operand: ref } : ref;
      return {
        rule: {
          ...rule,
          detection: {
            ...rule.detection,
            searches: [...rule.detection.searches, { ...search, name: unique }],
            conditions: rule.detection.conditions.map((condition) => ({
              ...condition,
              text: `${negated ? 'not ' : ''}${unique} and (${condition.text})`,
              ast: { kind: 'and', operands: [added, condition.ast] },
            })),
          },
        },
        applied: true,
      };
    },
  };
};

/** `change_logsource`: sets category, product and service (unset ones become absent, as pySigma). */
export const changeLogsource: TransformationBuilder = (params) => {
  const category = params.string('category');
  const product = params.string('product');
  const service = params.string('service');
  if (category === undefined && product === undefined && service === undefined) {
    params.fail('needs at least one of category, product, service');
    return undefined;
  }
  return {
    apply: (rule) => ({
      rule: {
        ...rule,
        logsource: {
          custom: rule.logsource.custom,
          ...(rule.logsource.definition === undefined
            ? {}
            : { definition: rule.logsource.definition }),
          ...(category === undefined ? {} : { category }),
          ...(product === undefined ? {} : { product }),
          ...(service === undefined ? {} : { service }),
        },
      },
      applied: true,
    }),
  };
};

/** `drop_detection_item`: removes the selected items. */
export const dropDetectionItem: TransformationBuilder = () => ({
  apply: (rule, context) => rewriteItems(rule, context, () => null),
});

/** `set_state`: a key/value read by processing_state conditions of later items. */
export const setState: TransformationBuilder = (params) => {
  const key = params.string('key', true);
  const tree = params.tree('val');
  if (tree === undefined) params.fail('missing parameter "val"');
  if (key === undefined || tree === undefined) return undefined;
  const value = tree.kind === 'scalar' ? tree.value : undefined;
  return {
    apply(rule, context) {
      context.state.state.set(key, value);
      return { rule, applied: true };
    },
    applyCorrelation(rule, context) {
      context.state.state.set(key, value);
      return { rule, applied: true };
    },
  };
};

/** `set_custom_attribute`: stores an attribute on the rule (no matching effect). */
export const setCustomAttribute: TransformationBuilder = (params) => {
  const attribute = params.string('attribute', true);
  const tree = params.tree('value');
  if (tree === undefined) params.fail('missing parameter "value"');
  if (attribute === undefined || tree === undefined) return undefined;
  const value = tree.kind === 'scalar' ? tree.value : undefined;
  return {
    apply: (rule: SigmaRule) => ({
      rule: { ...rule, custom: { ...rule.custom, [attribute]: value } },
      applied: true,
    }),
  };
};

/** `rule_failure`: the rule is rejected with the pipeline's message. */
export const ruleFailure: TransformationBuilder = (params) => {
  const message = params.string('message', true);
  if (message === undefined) return undefined;
  const fail = (context: TransformContext) => {
    context.issues.push({
      code: 'CW_SIGMA_PIPELINE_RULE_FAILURE',
      severity: 'error',
      message: `${context.ruleLabel}: rejected by the pipeline: ${message}`,
      location: context.location,
    });
    return undefined;
  };
  return {
    apply: (_rule, context) => fail(context),
    applyCorrelation: (_rule, context) => fail(context),
  };
};

/** `detection_item_failure`: the rule is rejected if any selected detection item exists. */
export const detectionItemFailure: TransformationBuilder = (params) => {
  const message = params.string('message', true);
  if (message === undefined) return undefined;
  return {
    apply(rule, context) {
      const hit: { field: string | null; location: SigmaRule['location'] }[] = [];
      rewriteItems(rule, context, (item) => {
        hit.push({ field: item.field, location: item.location });
        return [item];
      });
      if (hit.length === 0) return { rule, applied: false };
      for (const item of hit) {
        context.issues.push({
          code: 'CW_SIGMA_PIPELINE_DETECTION_ITEM_FAILURE',
          severity: 'error',
          message: `${context.ruleLabel}, field "${item.field ?? '(keyword)'}": rejected by the pipeline: ${message}`,
          location: item.location,
        });
      }
      return undefined;
    },
  };
};

/** `strict_field_mapping_failure`: the rule is rejected if a field was not mapped by the pipeline. */
export const strictFieldMappingFailure: TransformationBuilder = () => ({
  apply(rule, context) {
    const unmapped = new Set<string>();
    rewriteItems(rule, context, (item) => {
      if (
        item.field !== null &&
        !context.state.mappedFields.has(item.field) &&
        !context.state.appliedToField.has(item.field)
      ) {
        unmapped.add(item.field);
      }
      return [item];
    });
    if (unmapped.size === 0) return { rule, applied: false };
    context.issues.push({
      code: 'CW_SIGMA_PIPELINE_RULE_FAILURE',
      severity: 'error',
      message: `${context.ruleLabel}: rejected by strict field mapping: no mapping for field${unmapped.size === 1 ? '' : 's'} ${[...unmapped].map((f) => `"${f}"`).join(', ')}`,
      location: context.location,
    });
    return undefined;
  },
});
