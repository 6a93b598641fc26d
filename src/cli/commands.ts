import type { Command } from 'commander';
import { registerDecode } from './commands/decode.js';
import { registerRulesTest } from './commands/rules-test.js';

/**
 * Every subcommand registers itself through one function `(program) => void`.
 * Adding a command means adding its file under `cli/commands/` and one line here.
 */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerDecode,
  registerRulesTest,
];
