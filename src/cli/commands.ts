import type { Command } from 'commander';
import { registerDemo } from './commands/demo.js';
import { registerHunt } from './commands/hunt.js';
import { registerRules } from './commands/rules.js';

/**
 * Every subcommand registers itself through one function `(program) => void`.
 * Adding a command means adding its file under `cli/commands/` and one line here.
 */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerRules,
  registerDemo,
  registerHunt,
];
