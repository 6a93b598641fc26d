/**
 * Field-name transformations: `field_name_mapping` (one-to-one and one-to-many),
 * `field_name_prefix_mapping`, `field_name_prefix`, `field_name_suffix`. Like pySigma they
 * rename detection item fields, `fieldref` values (which name fields) and the rule's `fields`.
 * @module
 */
import type { DetectionItem, SigmaRule } from '../ast.js';
import type { CorrelationRule } from '../correlation/types.js';
import { stringValue } from '../parse/sigma-string.js';
import type { Params } from './params.js';
import {
  rewriteItems,
  type Transformation,
  type TransformationBuilder,
  type TransformContext,
} from './transformation.js';

/** Maps one field name to its new name(s), or undefined when the rule leaves it alone. */
type FieldMapper = (field: string) => readonly string[] | undefined;

function fieldTransformation(map: FieldMapper, isMapping: boolean): Transformation {
  const mapperFor =
    (context: TransformContext) =>
    (field: string): readonly string[] | undefined => {
      if (!context.selectsField(field)) return undefined;
      const mapped = map(field);
      if (mapped === undefined) return undefined;
      if (isMapping) context.state.mappedFields.add(field);
      for (const name of mapped) context.state.markField(name, context.id);
      return mapped;
    };
  return {
    applyCorrelation(rule, context) {
      return mapCorrelationFields(rule, mapperFor(context));
    },
    apply(rule, context) {
      const mapField = mapperFor(context);
      const result = rewriteItems(rule, context, (item) => rewriteItem(item, mapField));
      if (!result) return undefined;
      const fields = rule.fields.flatMap((field) => mapField(field) ?? [field]);
      const fieldsChanged = fields.join('\0') !== rule.fields.join('\0');
      return {
        rule: fieldsChanged ? { ...result.rule, fields } : result.rule,
        applied: result.applied || fieldsChanged,
      };
    },
  };
}

/**
 * Renames the event fields a correlation reads: group-by entries that are not aliases, the
 * alias targets and `condition.field`. A one-to-many mapping keeps the first target: a
 * correlation groups by one field.
 */
function mapCorrelationFields(
  rule: CorrelationRule,
  mapField: (field: string) => readonly string[] | undefined,
): { rule: CorrelationRule; applied: boolean } {
  let applied = false;
  const one = (field: string) => {
    const mapped = mapField(field)?.[0];
    if (mapped === undefined || mapped === field) return field;
    applied = true;
    return mapped;
  };
  const groupBy = rule.groupBy.map((entry) => (rule.aliases.has(entry) ? entry : one(entry)));
  const aliases = new Map(
    [...rule.aliases].map(([alias, fields]) => [
      alias,
      new Map([...fields].map(([ref, field]) => [ref, one(field)])),
    ]),
  );
  const fields = rule.condition.fields.map(one);
  if (!applied) return { rule, applied };
  return { rule: { ...rule, groupBy, aliases, condition: { ...rule.condition, fields } }, applied };
}

function rewriteItem(
  item: DetectionItem,
  mapField: (field: string) => readonly string[] | undefined,
): readonly DetectionItem[] {
  let current = item;
  if (item.modifiers.includes('fieldref')) {
    // fieldref values name fields: map them too (one-to-many keeps the first, as pySigma does).
    const values = item.values.map((value) => {
      if (value.kind !== 'string') return value;
      const mapped = mapField(value.raw);
      return mapped?.[0] === undefined ? value : stringValue(mapped[0]);
    });
    if (values.some((value, i) => value !== item.values[i])) current = { ...item, values };
  }
  if (current.field === null) return [current];
  const names = mapField(current.field);
  if (names === undefined) return [current];
  return names.map((field) => ({ ...current, field }));
}

export const fieldNameMapping: TransformationBuilder = (params) => {
  const mapping = params.stringMapping('mapping', true);
  if (!mapping) return undefined;
  return fieldTransformation((field) => mapping.get(field), true);
};

export const fieldNamePrefixMapping: TransformationBuilder = (params) => {
  const mapping = params.stringMapping('mapping', true);
  if (!mapping) return undefined;
  const prefixes: [string, string][] = [];
  for (const [from, to] of mapping) {
    if (to.length !== 1) {
      params.fail(`prefix "${from}" must map to exactly one prefix`);
      return undefined;
    }
    prefixes.push([from, to[0]!]);
  }
  return fieldTransformation((field) => {
    for (const [from, to] of prefixes) {
      if (field.startsWith(from)) return [to + field.slice(from.length)];
    }
    return undefined;
  }, true);
};

function affix(params: Params, key: 'prefix' | 'suffix'): Transformation | undefined {
  const text = params.string(key, true);
  if (text === undefined) return undefined;
  return fieldTransformation((field) => [key === 'prefix' ? text + field : field + text], false);
}

export const fieldNamePrefix: TransformationBuilder = (params) => affix(params, 'prefix');
export const fieldNameSuffix: TransformationBuilder = (params) => affix(params, 'suffix');

/** `add_field` / `remove_field` / `set_field`: the rule's output `fields` list (no matching effect). */
export function fieldsList(kind: 'add' | 'remove' | 'set'): TransformationBuilder {
  return (params) => {
    const fields = params.strings(kind === 'set' ? 'fields' : 'field', true);
    if (!fields) return undefined;
    return {
      apply(rule: SigmaRule, _context: TransformContext) {
        const next =
          kind === 'set'
            ? fields
            : kind === 'add'
              ? [...rule.fields, ...fields.filter((f) => !rule.fields.includes(f))]
              : rule.fields.filter((f) => !fields.includes(f));
        return { rule: { ...rule, fields: next }, applied: true };
      },
    };
  };
}
