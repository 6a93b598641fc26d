import type { ErrorCodeInfo } from '../errors.js';

/** Codes of the `hunt` use case. */
export const HUNT_ERROR_CODES = {
  CW_HUNT_STOPPED: {
    meaning:
      'The hunt stopped early because malformed records reached --max-errors (or one was found with --strict). The report covers the records read before the stop.',
    fix: 'Look at the malformed records reported above (file:line and reason), fix or exclude them, or raise --max-errors.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
