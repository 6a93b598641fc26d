import type { ErrorCodeInfo } from '../../errors.js';

/** Codes of Sigma filter (meta-filter) documents. */
export const FILTER_ERROR_CODES = {
  CW_SIGMA_FILTER_INVALID: {
    meaning:
      'A filter document does not follow the Sigma filters specification: missing `logsource` or `filter`, a bad `rules` list, or a detection problem in the filter.',
    fix: 'Correct the attribute named in the message; the format is in docs/sigma-correlations.md (Filters).',
  },
  CW_SIGMA_FILTER_UNKNOWN_RULE: {
    meaning: 'A filter lists a rule id or name that is not loaded, so it filters nothing for it.',
    fix: 'Correct the id or name, or load the rule with the filter.',
  },
  CW_SIGMA_FILTER_LOGSOURCE_MISMATCH: {
    meaning:
      "A filter lists a rule whose logsource is not within the filter's logsource, so the filter is not applied to it.",
    fix: "Give the filter the rule's logsource (or a broader one), or remove the rule from `rules`.",
  },
} as const satisfies Record<string, ErrorCodeInfo>;
