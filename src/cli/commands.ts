import type { Command } from 'commander';
import { registerBaseline } from './commands/baseline.js';
import { registerDecode } from './commands/decode.js';
import { registerDemo } from './commands/demo.js';
import { registerExpire } from './commands/expire.js';
import { registerGrant } from './commands/grant.js';
import { registerHunt } from './commands/hunt.js';
import { registerRbac } from './commands/rbac.js';
import { registerRules } from './commands/rules.js';
import { registerRulesTest } from './commands/rules-test.js';
import { registerScan } from './commands/scan.js';

/**
 * Every subcommand registers itself through one function `(program) => void`.
 * Adding a command means adding its file under `cli/commands/` and one line here.
 * `registerRules` comes first: `rules test` joins the `rules` group it creates.
 */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerRules,
  registerDemo,
  registerDecode,
  registerRulesTest,
  registerHunt,
  registerBaseline,
  registerScan,
  registerRbac,
  registerGrant,
  registerExpire,
];
