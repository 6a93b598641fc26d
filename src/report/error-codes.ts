import type { ErrorCodeInfo } from '../errors.js';

/** Codes of the report layer (output files). */
export const REPORT_ERROR_CODES = {
  CW_REPORT_WRITE: {
    meaning:
      'The report could not be written to the --out file (missing directory, no permission, disk full). Nothing was left half-written.',
    fix: 'Check that the directory of --out exists and is writable, then run again.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
