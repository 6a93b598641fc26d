import type { ErrorCodeInfo } from '../errors.js';

/** Codes of the Sigma engine: parsing, validation and compilation of rules. */
export const SIGMA_ERROR_CODES = {
  CW_SIGMA_YAML: {
    meaning: 'A rule file is not valid YAML (syntax error, duplicate key, bad indentation).',
    fix: 'Fix the YAML at the reported line and column.',
  },
  CW_SIGMA_LIMIT: {
    meaning:
      'A rule file exceeds a safety limit (file size, alias expansions, node count, nesting depth, value expansions, regex length).',
    fix: 'Split the file or simplify the rule; the limits protect the engine from YAML bombs and hostile input.',
  },
  CW_SIGMA_SCHEMA: {
    meaning:
      'A rule attribute is missing or has the wrong type (e.g. no title, detection not a map, level not one of the five levels).',
    fix: 'Correct the attribute to the type the Sigma specification expects (the message names it).',
  },
  CW_SIGMA_COLLECTION: {
    meaning:
      'A multi-document rule collection misuses `action` (unknown action, `repeat` with no previous rule).',
    fix: 'Use `action: global`, `reset` or `repeat` as the Sigma collection format defines them.',
  },
  CW_SIGMA_UNKNOWN_MODIFIER: {
    meaning: 'A detection item uses a modifier that the Sigma specification does not define.',
    fix: 'Correct the spelling (the message suggests the closest modifier) or remove it.',
  },
  CW_SIGMA_MODIFIER: {
    meaning:
      'Modifiers are combined in a way that has no meaning (e.g. `re` after `contains`, `all` on a single value, `exists` with other modifiers).',
    fix: 'Reorder or remove modifiers as the message explains.',
  },
  CW_SIGMA_VALUE: {
    meaning:
      'A value does not fit its modifier (a number for `lt`, a CIDR for `cidr`, a boolean for `exists`, no wildcards for `base64`).',
    fix: 'Write the value in the form the modifier expects.',
  },
  CW_SIGMA_REGEX: {
    meaning:
      'A `re` value cannot run on RE2 (look-around, back-references, invalid syntax) or is longer than the regex limit.',
    fix: 'Rewrite the regular expression without look-around or back-references (RE2 runs in linear time).',
  },
  CW_SIGMA_PLACEHOLDER: {
    meaning: 'A rule still contains an `|expand` placeholder (`%name%`) when it is compiled.',
    fix: 'Resolve the placeholder with a processing pipeline (value_placeholders) before compiling the rule.',
  },
  CW_SIGMA_CONDITION: {
    meaning:
      'A condition cannot be parsed (unbalanced parentheses, a missing operand, an obsolete `| count()` aggregation).',
    fix: 'Write the condition with `and`, `or`, `not`, parentheses and `1 of`/`all of` as the specification defines.',
  },
  CW_SIGMA_UNKNOWN_IDENTIFIER: {
    meaning:
      'A condition names a search identifier that the detection does not define, or a pattern matches none.',
    fix: 'Define the search identifier in `detection` or correct the name in the condition.',
  },
  CW_SIGMA_DOCUMENT_KIND: {
    meaning:
      'A document kind (correlation, filter) has no handler registered, so it could only be parsed, not checked.',
    fix: 'Register a handler for the kind (the correlation and filter parsers do so), or lint rules only.',
  },
  CW_SIGMA_DUPLICATE_ID: {
    meaning: 'Two rules in one rule set share the same `id`.',
    fix: 'Give each rule its own UUID.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
