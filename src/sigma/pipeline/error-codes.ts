import type { ErrorCodeInfo } from '../../errors.js';

/** Codes of processing pipelines (pySigma-compatible YAML). */
export const PIPELINE_ERROR_CODES = {
  CW_SIGMA_PIPELINE_INVALID: {
    meaning:
      'A processing pipeline is not valid: broken YAML, an unknown or mistyped attribute, or a missing parameter of a transformation or condition.',
    fix: 'Correct the attribute named in the message; the format is in docs/sigma-pipelines.md.',
  },
  CW_SIGMA_PIPELINE_UNKNOWN_TRANSFORMATION: {
    meaning: 'A processing item names a transformation type that does not exist.',
    fix: 'Use one of the transformation types listed in docs/sigma-pipelines.md.',
  },
  CW_SIGMA_PIPELINE_UNSUPPORTED_TRANSFORMATION: {
    meaning:
      'A processing item uses a pySigma transformation that has no meaning for a matcher (it produces backend query text or needs Python code).',
    fix: 'Remove the item from pipelines used with cronwarden; docs/sigma-pipelines.md says why each is rejected.',
  },
  CW_SIGMA_PIPELINE_UNKNOWN_CONDITION: {
    meaning: 'A rule, detection-item or field-name condition has an unknown type.',
    fix: 'Use one of the condition types listed in docs/sigma-pipelines.md.',
  },
  CW_SIGMA_PIPELINE_BAD_CONDITION_EXPRESSION: {
    meaning:
      'A `*_cond_expr` expression does not parse, names an undefined condition, or leaves a defined condition unused.',
    fix: 'Write the expression with and, or, not, parentheses and the ids of the conditions given as a mapping.',
  },
  CW_SIGMA_PIPELINE_UNKNOWN_PLACEHOLDER: {
    meaning:
      'A placeholder transformation found `%name%` but the pipeline defines no `vars` entry `name`.',
    fix: 'Add the placeholder to the pipeline `vars`, or exclude it from the transformation.',
  },
  CW_SIGMA_PIPELINE_RULE_FAILURE: {
    meaning:
      'A `rule_failure` or `strict_field_mapping_failure` processing item rejected the rule.',
    fix: 'The pipeline says the rule cannot run on this data; read the message it gives.',
  },
  CW_SIGMA_PIPELINE_DETECTION_ITEM_FAILURE: {
    meaning: 'A `detection_item_failure` processing item rejected a detection item of the rule.',
    fix: 'The pipeline says this field or value cannot be matched on this data; read the message it gives.',
  },
  CW_SIGMA_PIPELINE_LIMIT: {
    meaning:
      'Applying a pipeline would make a search too large (one-to-many field mappings multiply the maps of a search).',
    fix: 'Map fewer fields one-to-many in the same search, or split the rule.',
  },
  CW_SIGMA_PIPELINE_IGNORED: {
    meaning:
      'A part of the pipeline only affects backend query output (postprocessing, finalizers) and is ignored by the matcher, or a search became empty.',
    fix: 'Nothing to do for matching; remove the part if the pipeline is only used with cronwarden.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
