/**
 * Value transformations: `replace_string`, `map_string`, `set_value`, `convert_type`, `case`
 * and `regex`. They rewrite the values of selected detection items; wildcards stay wildcards.
 * @module
 */
import RE2 from 're2';
import type { DetectionItem, SigmaValue, StringPart } from '../ast.js';
import { formatSigmaString, parseSigmaString, stringValue } from '../parse/sigma-string.js';
import { rewriteItems, type TransformationBuilder } from './transformation.js';

/** A string value from parts, keeping `raw` in step. */
function fromParts(parts: readonly StringPart[]): SigmaValue {
  return { kind: 'string', raw: formatSigmaString(parts), parts };
}

function mapValues(
  item: DetectionItem,
  map: (value: SigmaValue) => SigmaValue | readonly SigmaValue[],
): readonly DetectionItem[] {
  let changed = false;
  const values: SigmaValue[] = [];
  for (const value of item.values) {
    const next = map(value);
    const list = Array.isArray(next) ? (next as readonly SigmaValue[]) : [next as SigmaValue];
    if (list.length !== 1 || list[0] !== value) changed = true;
    values.push(...list);
  }
  return changed ? [{ ...item, values, isList: item.isList || values.length > 1 }] : [item];
}

/** Items whose values the value transformations must not touch (they are not plain text). */
function isSpecial(item: DetectionItem): boolean {
  return item.modifiers.some(
    (m) => m === 're' || m === 'cidr' || m === 'fieldref' || m === 'exists',
  );
}

/**
 * `replace_string`: regex replacement in string values (RE2, `$1` group references). The
 * regex runs on each text part, so a match never spans a wildcard; with
 * `interpret_special: true`, `*` and `?` in the result become wildcards.
 */
export const replaceString: TransformationBuilder = (params) => {
  const pattern = params.string('regex', true);
  const replacement = params.string('replacement', true);
  params.boolean('skip_special', false);
  const interpret = params.boolean('interpret_special', false);
  if (pattern === undefined || replacement === undefined) return undefined;
  let regex: RE2;
  try {
    regex = new RE2(pattern, 'gu');
  } catch (error) {
    params.fail(`"regex" is not a regular expression RE2 can run: ${(error as Error).message}`);
    return undefined;
  }
  const replaceParts = (parts: readonly StringPart[]): readonly StringPart[] =>
    parts.flatMap((part): StringPart[] => {
      if (part.kind === 'wildcard') return [part];
      const text = part.text.replace(regex, replacement);
      if (text === part.text) return [part];
      if (interpret) return [...parseSigmaString(text)];
      return text === '' ? [] : [{ kind: 'text', text }];
    });
  return {
    apply: (rule, context) =>
      rewriteItems(rule, context, (item) =>
        isSpecial(item)
          ? [item]
          : mapValues(item, (value) => {
              if (value.kind !== 'string') return value;
              const parts = replaceParts(value.parts);
              return parts.every((p, i) => p === value.parts[i]) &&
                parts.length === value.parts.length
                ? value
                : fromParts(parts);
            }),
      ),
  };
};

/** `map_string`: a plain string value is replaced by one or more values (OR-ed). */
export const mapString: TransformationBuilder = (params) => {
  const mapping = params.stringMapping('mapping', true);
  if (!mapping) return undefined;
  return {
    apply: (rule, context) =>
      rewriteItems(rule, context, (item) =>
        isSpecial(item)
          ? [item]
          : mapValues(item, (value) => {
              if (value.kind !== 'string') return value;
              const targets = mapping.get(value.raw);
              return targets ? targets.map(stringValue) : value;
            }),
      ),
  };
};

/** `set_value`: every selected item gets this one value. */
export const setValue: TransformationBuilder = (params) => {
  const value = params.value('value', true);
  const forceType = params.string('force_type');
  if (value === undefined) return undefined;
  let forced = value;
  if (forceType === 'str')
    forced = stringValue(
      value.kind === 'string' ? value.raw : String(value.kind === 'null' ? '' : value.value),
    );
  else if (forceType === 'num') {
    const number =
      value.kind === 'number'
        ? value.value
        : Number(value.kind === 'string' ? value.raw : Number.NaN);
    if (!Number.isFinite(number)) {
      params.fail('"value" cannot be forced to a number');
      return undefined;
    }
    forced = { kind: 'number', value: number, raw: String(number) };
  } else if (forceType !== undefined) {
    params.fail(`"force_type" is "${forceType}"; expected str or num`);
    return undefined;
  }
  return {
    apply: (rule, context) =>
      rewriteItems(rule, context, (item) => [{ ...item, values: [forced], isList: false }]),
  };
};

/** `convert_type`: values become strings (`str`) or numbers (`num`). */
export const convertType: TransformationBuilder = (params) => {
  const target = params.string('target_type', true);
  if (target === undefined) return undefined;
  if (target !== 'str' && target !== 'num') {
    params.fail(`"target_type" is "${target}"; expected str or num`);
    return undefined;
  }
  return {
    apply(rule, context) {
      let failed: string | undefined;
      const result = rewriteItems(rule, context, (item) =>
        mapValues(item, (value) => {
          if (target === 'str' && value.kind === 'number') return stringValue(value.raw);
          if (target === 'num' && value.kind === 'string') {
            const number = Number(value.raw);
            if (value.raw.trim() === '' || !Number.isFinite(number)) {
              failed = `value "${value.raw}" of field "${item.field ?? '(keyword)'}" is not a number`;
              return value;
            }
            return { kind: 'number', value: number, raw: value.raw };
          }
          return value;
        }),
      );
      if (failed !== undefined) {
        context.issues.push({
          code: 'CW_SIGMA_PIPELINE_DETECTION_ITEM_FAILURE',
          severity: 'error',
          message: `${context.ruleLabel}: convert_type to num: ${failed}`,
          location: context.location,
        });
        return undefined;
      }
      return result;
    },
  };
};

function snakeCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
}

/** `case`: lower, upper or snake_case string values (matters with `cased` and `re`). */
export const caseTransformation: TransformationBuilder = (params) => {
  const method = params.string('method') ?? 'lower';
  const convert =
    method === 'lower'
      ? (t: string) => t.toLowerCase()
      : method === 'upper'
        ? (t: string) => t.toUpperCase()
        : method === 'snake_case'
          ? snakeCase
          : undefined;
  if (!convert) {
    params.fail(`"method" is "${method}"; expected lower, upper or snake_case`);
    return undefined;
  }
  return {
    apply: (rule, context) =>
      rewriteItems(rule, context, (item) =>
        item.modifiers.some((m) => m === 'cidr' || m === 'fieldref' || m === 'exists')
          ? [item]
          : mapValues(item, (value) => {
              if (value.kind !== 'string') return value;
              const parts = value.parts.map(
                (p): StringPart =>
                  p.kind === 'text' ? { kind: 'text', text: convert(p.text) } : p,
              );
              const next = fromParts(parts);
              return next.kind === 'string' && next.raw === value.raw ? value : next;
            }),
      ),
  };
};

/**
 * `regex`: pySigma turns plain strings into regular expressions for backends. For a matcher the
 * match is the same, except that method `plain` makes it case-sensitive: that is applied as the
 * `cased` modifier; `ignore_case_flag` and `ignore_case_brackets` keep Sigma's default.
 */
export const regexTransformation: TransformationBuilder = (params) => {
  const method = params.string('method') ?? 'ignore_case_flag';
  if (method !== 'plain' && method !== 'ignore_case_flag' && method !== 'ignore_case_brackets') {
    params.fail(
      `"method" is "${method}"; expected plain, ignore_case_flag or ignore_case_brackets`,
    );
    return undefined;
  }
  return {
    apply: (rule, context) =>
      rewriteItems(rule, context, (item) => {
        if (method !== 'plain' || isSpecial(item) || item.modifiers.includes('cased'))
          return [item];
        if (!item.values.some((v) => v.kind === 'string')) return [item];
        return [{ ...item, modifiers: [...item.modifiers, 'cased'] }];
      }),
  };
};
