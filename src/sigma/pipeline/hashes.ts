/**
 * `hashes_fields`: splits Sysmon-style `Hashes` values (`SHA1=…`, `MD5|…`, or a bare hash
 * recognised by its length) into one field per algorithm (`<field_prefix><ALGO>`), OR-ed, as
 * pySigma's HashesFieldsDetectionItemTransformation does. Select the items with
 * `field_name_conditions` (usually `include_fields: [Hashes]`). An item with no value of a
 * valid algorithm rejects the rule.
 * @module
 */
import type { DetectionItem } from '../ast.js';
import { plainText, stringValue } from '../parse/sigma-string.js';
import { rewriteItems, type TransformationBuilder } from './transformation.js';

const BY_LENGTH: Readonly<Record<number, string>> = {
  32: 'MD5',
  40: 'SHA1',
  64: 'SHA256',
  128: 'SHA512',
};

export const hashesFields: TransformationBuilder = (params) => {
  const algorithms = params.strings('valid_hash_algos', true);
  const prefix = params.string('field_prefix') ?? '';
  const dropAlgo = params.boolean('drop_algo_prefix', false);
  if (!algorithms) return undefined;
  const valid = new Set(algorithms.map((a) => a.toUpperCase()));
  return {
    apply(rule, context) {
      let failed: DetectionItem | undefined;
      const result = rewriteItems(rule, context, (item) => {
        if (item.values.some((v) => v.kind !== 'string')) return [item];
        const byField = new Map<string, string[]>();
        for (const value of item.values) {
          const text = value.kind === 'string' ? plainText(value.parts) : undefined;
          if (text === undefined) continue;
          const parts = text.includes('|') ? text.split('|') : text.split('=');
          const [algo, hash] =
            parts.length === 2
              ? [parts[0]!.replace(/^\*+/, '').toUpperCase(), parts[1]!]
              : [BY_LENGTH[text.length] ?? '', text];
          if (!valid.has(algo)) continue;
          const field = `${prefix}${dropAlgo ? '' : algo}`;
          byField.set(field, [...(byField.get(field) ?? []), hash]);
        }
        if (byField.size === 0) {
          failed ??= item;
          return [item];
        }
        return [...byField].map(([field, hashes]) => ({
          ...item,
          field,
          modifiers: [],
          values: hashes.map(stringValue),
          isList: hashes.length > 1,
        }));
      });
      if (failed) {
        context.issues.push({
          code: 'CW_SIGMA_PIPELINE_DETECTION_ITEM_FAILURE',
          severity: 'error',
          message: `${context.ruleLabel}, field "${failed.field ?? '(keyword)'}": hashes_fields found no hash of ${[...valid].join(', ')}`,
          location: failed.location,
        });
        return undefined;
      }
      return result;
    },
  };
};
