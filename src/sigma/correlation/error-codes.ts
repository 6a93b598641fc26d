import type { ErrorCodeInfo } from '../../errors.js';

/** Codes of Sigma correlation rules: parsing, reference resolution and the streaming engine. */
export const CORRELATION_ERROR_CODES = {
  CW_SIGMA_CORRELATION_INVALID: {
    meaning:
      'A correlation document does not follow the Sigma correlation specification: a missing or mistyped attribute or an unknown key (YAML syntax errors are CW_SIGMA_YAML).',
    fix: 'Correct the attribute named in the message; the specification is docs/sigma-correlations.md.',
  },
  CW_SIGMA_CORRELATION_UNKNOWN_TYPE: {
    meaning: 'The correlation `type` is not one the engine knows.',
    fix: 'Use event_count, value_count, temporal, temporal_ordered, value_sum, value_avg, value_percentile or value_median.',
  },
  CW_SIGMA_CORRELATION_BAD_TIMESPAN: {
    meaning: 'The `timespan` is missing or is not a positive number followed by s, m, h, d or w.',
    fix: 'Write the timespan as a number and a lowercase unit, e.g. `90m` or `1h`.',
  },
  CW_SIGMA_CORRELATION_BAD_CONDITION: {
    meaning:
      'The correlation `condition` is missing, has an unknown operator, a non-numeric bound, a missing `field`, or can never be true.',
    fix: 'Use one or more of gt, gte, lt, lte, eq, neq with numbers, and `field` for value_* types.',
  },
  CW_SIGMA_CORRELATION_BAD_ALIAS: {
    meaning:
      'An alias maps a rule that the correlation does not refer to, or is not a mapping of rule to field.',
    fix: 'Make every alias a mapping from a rule name listed in `rules` to a field name.',
  },
  CW_SIGMA_CORRELATION_UNKNOWN_RULE: {
    meaning: 'A correlation refers to a rule id or name that is not loaded.',
    fix: 'Load the referenced rule with the correlation, or correct the id or name.',
  },
  CW_SIGMA_CORRELATION_DUPLICATE_REFERENCE: {
    meaning:
      'A rule id or name is defined by more than one loaded rule, so a reference to it is ambiguous.',
    fix: 'Give every rule a unique id and name.',
  },
  CW_SIGMA_CORRELATION_CYCLE: {
    meaning:
      'Chained correlations refer to each other in a cycle, so none of them can ever complete.',
    fix: 'Break the cycle: a correlation may only refer to base rules or to correlations that do not refer back to it.',
  },
  CW_SIGMA_CORRELATION_UNSUPPORTED: {
    meaning:
      'The correlation uses a construct cronwarden does not run: a boolean (SEP #198) condition on a type other than temporal.',
    fix: 'Use a numeric condition such as {gte: 2}, or a temporal correlation for a boolean condition.',
  },
  CW_SIGMA_CORRELATION_LATE_EVENT: {
    meaning:
      'A match arrived later than the allowed lateness behind the newest event time seen, so its windows were already closed; it was counted as late and not correlated.',
    fix: 'Sort the input by time, or raise the allowed lateness (allowedLatenessMs).',
  },
  CW_SIGMA_CORRELATION_NO_TIME: {
    meaning: 'A match has no usable event time, so it cannot be placed in a time window.',
    fix: 'Make sure the input format provides an event timestamp.',
  },
  CW_SIGMA_CORRELATION_STATE_LIMIT: {
    meaning:
      'A correlation reached its state bound (groups per rule or events per group); the oldest state was dropped to keep memory flat.',
    fix: 'Narrow the group-by or the timespan, or raise maxGroups / maxEventsPerGroup.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
