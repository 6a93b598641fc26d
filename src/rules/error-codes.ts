import type { ErrorCodeInfo } from '../errors.js';

/** Codes of the rule packs: allow-list, placeholders, rule metadata and rule tests. */
export const RULES_ERROR_CODES = {
  CW_RULES_ALLOWLIST: {
    meaning:
      'An allow-list file is not a map of non-empty lists of strings (or `extend: true`), or a list name is misspelled.',
    fix: 'Write `name: [value, ...]` for each list; names must start with `cw_`; keep every list non-empty.',
  },
  CW_RULES_PLACEHOLDER: {
    meaning: 'A rule uses `|expand` with a placeholder that no allow-list defines.',
    fix: 'Define the list in the allow-list file (see rules/allowlist.yml) or correct the placeholder name.',
  },
  CW_RULES_METADATA: {
    meaning:
      'A pack rule lacks what the pack promises: a `cw_id` of the form CW-0NN, a UUID `id`, an attack.t1053.007 tag, a level or false positives.',
    fix: 'Add the missing attribute to the rule (docs/rules.md lists what every pack rule carries).',
  },
  CW_RULES_TEST_EVENT: {
    meaning: 'A rule test event file is not valid JSON or is in a folder other than tp/ or fp/.',
    fix: 'Store one event per .json file (or JSON lines in .jsonl) under <rule>.tests/tp/ or <rule>.tests/fp/.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
