/**
 * The catalogue of pySigma transformation types (sigma/processing/transformations/__init__.py):
 * every type is either implemented here or rejected with the reason it has no meaning for a
 * matcher. Unknown types are errors.
 * @module
 */
import {
  fieldNameMapping,
  fieldNamePrefix,
  fieldNamePrefixMapping,
  fieldNameSuffix,
  fieldsList,
} from './fields.js';
import { hashesFields } from './hashes.js';
import { valuePlaceholders, wildcardPlaceholders } from './placeholders.js';
import {
  addCondition,
  changeLogsource,
  detectionItemFailure,
  dropDetectionItem,
  ruleFailure,
  setCustomAttribute,
  setState,
  strictFieldMappingFailure,
} from './rule-transformations.js';
import type { TransformationBuilder } from './transformation.js';
import {
  caseTransformation,
  convertType,
  mapString,
  regexTransformation,
  replaceString,
  setValue,
} from './values.js';

/** Implemented transformation types. `nest` is handled by the parser (it holds items). */
export const TRANSFORMATIONS: Readonly<Record<string, TransformationBuilder>> = {
  field_name_mapping: fieldNameMapping,
  field_name_prefix_mapping: fieldNamePrefixMapping,
  field_name_prefix: fieldNamePrefix,
  field_name_suffix: fieldNameSuffix,
  drop_detection_item: dropDetectionItem,
  add_condition: addCondition,
  change_logsource: changeLogsource,
  value_placeholders: valuePlaceholders,
  wildcard_placeholders: wildcardPlaceholders,
  replace_string: replaceString,
  map_string: mapString,
  set_value: setValue,
  convert_type: convertType,
  case: caseTransformation,
  regex: regexTransformation,
  set_state: setState,
  rule_failure: ruleFailure,
  detection_item_failure: detectionItemFailure,
  strict_field_mapping_failure: strictFieldMappingFailure,
  add_field: fieldsList('add'),
  remove_field: fieldsList('remove'),
  set_field: fieldsList('set'),
  set_custom_attribute: setCustomAttribute,
  hashes_fields: hashesFields,
};

/** pySigma types cronwarden rejects, and why. */
export const UNSUPPORTED_TRANSFORMATIONS: Readonly<Record<string, string>> = {
  field_name_transform:
    'it calls a Python function (transform_func), which a YAML pipeline cannot provide; use field_name_mapping',
  query_expression_placeholders:
    'it replaces placeholders with backend query text (expression); a matcher has no query language, use value_placeholders with vars',
};

/** Every type name, for suggestions. */
export const TRANSFORMATION_TYPES: readonly string[] = [
  ...Object.keys(TRANSFORMATIONS),
  'nest',
  ...Object.keys(UNSUPPORTED_TRANSFORMATIONS),
];
