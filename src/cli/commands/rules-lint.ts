import type { Command } from 'commander';
import { formatIssue } from '../../errors.js';
import { LINT_OUTCOMES, type LintReport, lintSources } from '../../sigma/lint/lint.js';
import { loadRuleSources } from '../../sigma/lint/load-sources.js';
import { action, formatOption } from '../action.js';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';

/** Renders a lint report as the table the CLI prints. */
export function formatLintTable(report: LintReport, options: { warnings: boolean }): string {
  const lines: string[] = [];
  lines.push(`files: ${report.files}`);
  lines.push('');
  lines.push('outcome     documents');
  for (const outcome of LINT_OUTCOMES)
    lines.push(`${outcome.padEnd(11)} ${String(report.counts[outcome]).padStart(9)}`);
  const reasons = Object.entries(report.reasons).sort(([a], [b]) => a.localeCompare(b));
  if (reasons.length > 0) {
    lines.push('');
    lines.push('reason                          issues');
    for (const [code, count] of reasons)
      lines.push(`${code.padEnd(30)} ${String(count).padStart(7)}`);
  }
  const failures = report.entries.filter((entry) => entry.outcome === 'error');
  if (failures.length > 0) {
    lines.push('');
    lines.push('failures:');
    for (const entry of failures) {
      for (const issue of entry.issues)
        if (issue.severity === 'error') lines.push(`  ${formatIssue(issue)}`);
    }
  }
  const warnings = [
    ...report.warnings,
    ...report.entries.flatMap((entry) =>
      entry.issues.filter((issue) => issue.severity === 'warning'),
    ),
  ];
  if (warnings.length > 0) {
    lines.push('');
    if (options.warnings) {
      lines.push('warnings:');
      for (const issue of warnings) lines.push(`  ${formatIssue(issue)}`);
    } else {
      lines.push(`${warnings.length} warning(s); show them with --warnings`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `cronwarden rules lint PATH…` */
export function registerRulesLint(rules: Command): void {
  rules
    .command('lint')
    .description('parse and compile every Sigma rule under PATH…; exit 1 when any fails')
    .argument('<paths...>', 'rule files or folders (searched for .yml/.yaml)')
    .addOption(formatOption(['table', 'json'] as const, 'table'))
    .option('--warnings', 'list warnings too (table format)', false)
    .action(
      action(async (paths: string[], options: { format: 'table' | 'json'; warnings: boolean }) => {
        const report = lintSources(await loadRuleSources(paths));
        if (options.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(formatLintTable(report, options));
        return report.counts.error > 0 ? EXIT_FINDINGS : EXIT_OK;
      }),
    );
}
