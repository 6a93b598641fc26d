import type { ErrorCodeInfo } from './errors.js';

/** Codes shared by every command: usage and I/O. */
export const CORE_ERROR_CODES = {
  CW_USAGE: {
    meaning: 'The command line is wrong: an unknown option, a missing argument or a bad value.',
    fix: 'Run the command with --help and correct the arguments.',
  },
  CW_IO: {
    meaning: 'A file or directory could not be read or written.',
    fix: 'Check that the path exists and is readable (or writable for --out).',
  },
  CW_INTERNAL: {
    meaning: 'An invariant of cronwarden itself was broken.',
    fix: 'Report it with the command line and input that caused it.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
