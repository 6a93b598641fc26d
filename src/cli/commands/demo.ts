import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { runDemo } from '../../demo.js';
import { action } from '../action.js';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';
import { formatLintTable } from './rules-lint.js';

/** The package root (works from `src/cli/commands` under tsx and from `dist/cli/commands`). */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** `cronwarden demo`: lint the bundled example rules and hunt through the bundled sample. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('lint the bundled example rules and run a sample hunt over bundled audit events')
    .action(
      action(async () => {
        const result = await runDemo(PACKAGE_ROOT);
        const out = process.stdout;
        out.write('== cronwarden rules lint rules/examples\n');
        out.write(
          formatLintTable(result.lint, { warnings: false }).replaceAll(`${PACKAGE_ROOT}/`, ''),
        );
        out.write(
          `\n== sample hunt: ${result.rules} rules over ${result.events} hand-written audit events (samples/k8s-audit-sample.jsonl)\n`,
        );
        for (const finding of result.findings) {
          const origin =
            finding.origin && 'line' in finding.origin ? `line ${finding.origin.line}` : '';
          const fields = finding.matched
            .map((m) => `${m.field}=${JSON.stringify(m.value)}`)
            .join(' ');
          out.write(
            `${finding.level.padEnd(6)} ${origin.padEnd(7)} ${finding.rule.title}\n         ${fields}\n`,
          );
        }
        out.write(`${result.findings.length} finding(s)\n`);
        return result.lint.counts.error > 0 ? EXIT_FINDINGS : EXIT_OK;
      }),
    );
}
