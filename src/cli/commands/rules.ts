import type { Command } from 'commander';
import { registerRulesLint } from './rules-lint.js';

/**
 * Subcommands of `cronwarden rules`. Each lives in its own file `rules-<name>.ts` exporting
 * `registerRules<Name>(rules: Command)`; adding one (`test`, `convert`, `list`) means one line here.
 */
export const RULES_SUBCOMMANDS: ReadonlyArray<(rules: Command) => void> = [registerRulesLint];

/** `cronwarden rules …`: work on Sigma rule files. */
export function registerRules(program: Command): void {
  const rules = program.command('rules').description('work with Sigma rule files (lint, …)');
  for (const register of RULES_SUBCOMMANDS) register(rules);
}
