#!/usr/bin/env node
/**
 * The `cronwarden` command line: a thin shell that parses argv, calls the library and prints.
 * Grammar and exit codes: docs/cli.md.
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { reportError } from './action.js';
import { COMMANDS } from './commands.js';
import { EXIT_ERROR } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('cronwarden')
    .description('Find, score and block abuse of Kubernetes scheduled work (ATT&CK T1053.007).')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  for (const register of COMMANDS) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; every other commander error is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_ERROR;
      return;
    }
    reportError(error);
    process.exitCode = EXIT_ERROR;
  }
}

await main(process.argv);
