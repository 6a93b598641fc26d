import { CommanderError, Option } from 'commander';
import { CronwardenError, formatIssue, type Issue } from '../errors.js';
import { EXIT_ERROR } from './exit-codes.js';

/** What a command action returns: the exit code it wants. */
export type ActionResult = number | undefined;

/**
 * Wraps a command action: sets `process.exitCode` from its result and turns every error into
 * one line on stderr, `cronwarden: <where>: <what> (<CODE>)`, with exit code 2.
 */
export function action<A extends unknown[]>(
  run: (...args: A) => Promise<ActionResult> | ActionResult,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await run(...args);
      process.exitCode = code ?? 0;
    } catch (error) {
      reportError(error);
      process.exitCode = EXIT_ERROR;
    }
  };
}

/** Prints an error the CLI way. Unknown errors keep their stack for bug reports. */
export function reportError(error: unknown): void {
  if (error instanceof CronwardenError) {
    process.stderr.write(`cronwarden: ${formatIssue(error.toIssue())}\n`);
  } else if (error instanceof CommanderError) {
    // commander already printed its message
  } else if (error instanceof Error) {
    process.stderr.write(`cronwarden: ${error.stack ?? error.message} (CW_INTERNAL)\n`);
  } else {
    process.stderr.write(`cronwarden: ${String(error)} (CW_INTERNAL)\n`);
  }
}

/** Prints issues the CLI way, one `cronwarden: <where>: <what> (<CODE>)` line each on stderr. */
export function printIssues(
  issues: readonly Issue[],
  stderr: { write(text: string): boolean } = process.stderr,
): void {
  for (const issue of issues) stderr.write(`cronwarden: ${formatIssue(issue)}\n`);
}

/** The shared `--format` option: every command offers the same spelling. */
export function formatOption<const F extends readonly string[]>(formats: F, fallback: F[number]) {
  return new Option('-f, --format <format>', 'output format').choices(formats).default(fallback);
}
