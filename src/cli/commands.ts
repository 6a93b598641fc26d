import type { Command } from 'commander';
import { registerExpire } from './commands/expire.js';
import { registerGrant } from './commands/grant.js';
import { registerRbac } from './commands/rbac.js';
import { registerScan } from './commands/scan.js';

/**
 * Every subcommand registers itself through one function `(program) => void`.
 * Adding a command means adding its file under `cli/commands/` and one line here.
 */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerScan,
  registerRbac,
  registerGrant,
  registerExpire,
];
