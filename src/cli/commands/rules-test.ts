import type { Command } from 'commander';
import { formatIssue } from '../../errors.js';
import { loadAllowlist } from '../../rules/allowlist.js';
import { PACK_DIRECTORY } from '../../rules/load-rules.js';
import { formatRuleTestTable, runRuleTests } from '../../rules/rule-tests.js';
import { action, formatOption } from '../action.js';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';

/** The `rules` command group, shared with the other `rules …` subcommands. */
export function rulesGroup(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'rules') ??
    program.command('rules').description('test, lint, convert and list detection rules')
  );
}

/**
 * `cronwarden rules test [paths...]`: runs every rule against its own true-positive and
 * false-positive events (through the ingest decoders and the Sigma engine), prints a table,
 * exits 1 on any failure.
 */
export function registerRulesTest(program: Command): void {
  rulesGroup(program)
    .command('test')
    .description('run every rule against its tp/ and fp/ test events; exit 1 on any failure')
    .argument('[paths...]', 'rule files or folders (default: the built-in pack)')
    .option(
      '--allowlist <file>',
      'allow-list that replaces (or with extend: true, extends) the defaults',
    )
    .option('--min-cases <n>', 'minimum raw tp and fp cases per pack rule', '2')
    .addOption(formatOption(['table', 'json'] as const, 'table'))
    .action(
      action(
        (paths: string[], options: { allowlist?: string; minCases: string; format: string }) => {
          const report = runRuleTests(paths.length > 0 ? paths : [PACK_DIRECTORY], {
            allowlist: loadAllowlist(options.allowlist),
            minimumCases: Number.parseInt(options.minCases, 10),
          });
          for (const issue of report.issues) process.stderr.write(`${formatIssue(issue)}\n`);
          process.stdout.write(
            options.format === 'json'
              ? `${JSON.stringify(report, null, 2)}\n`
              : formatRuleTestTable(report),
          );
          return report.passed ? EXIT_OK : EXIT_FINDINGS;
        },
      ),
    );
}
