import type { Command } from 'commander';
import { formatIssue } from '../../errors.js';
import { LINT_OUTCOMES, type LintReport, lintSources } from '../../sigma/lint/lint.js';
import { loadRuleSources } from '../../sigma/lint/load-sources.js';
import { loadPipelines, pipelinePreparer } from '../../sigma/pipeline/load.js';
import { registerLintHandlers } from '../../sigma/ruleset.js';
import { action, formatOption } from '../action.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';

interface LintCommandOptions {
  readonly format: 'table' | 'json';
  readonly warnings: boolean;
  readonly pipeline?: string[];
}

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
    .option('-p, --pipeline <files...>', 'processing pipeline(s) applied to each rule first')
    .action(
      action(async (paths: string[], options: LintCommandOptions) => {
        registerLintHandlers(); // correlation and filter documents (sigma-ext)
        const pipelines = await loadPipelines(options.pipeline ?? []);
        if (pipelines.issues.some((issue) => issue.severity === 'error')) {
          for (const issue of pipelines.issues) process.stderr.write(`${formatIssue(issue)}\n`);
          return EXIT_ERROR; // a broken pipeline would make every rule's outcome meaningless
        }
        const prepareRule = options.pipeline ? pipelinePreparer(pipelines.chain) : undefined;
        const report = lintSources(
          await loadRuleSources(paths),
          prepareRule ? { prepareRule } : {},
        );
        if (options.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(formatLintTable(report, options));
        return report.counts.error > 0 ? EXIT_FINDINGS : EXIT_OK;
      }),
    );
}
