/**
 * Exit codes, the same for every command:
 * - 0: ran, nothing at or above `--fail-on`
 * - 1: ran, findings at or above `--fail-on` (or rule/lint/test failures)
 * - 2: usage error, unreadable input, or any other error that stopped the run
 */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
