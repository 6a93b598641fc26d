/**
 * The options every reporting command shares (`--format`, `--out`, `--quiet`, `--fail-on`,
 * `--min-level`) and the one way a report leaves the process. Grammar: docs/cli.md.
 * @module
 */
import { type Command, Option } from 'commander';
import { LEVELS, type Level } from '../finding.js';
import {
  formatReport,
  formatSummaryText,
  hasFindingAtOrAbove,
  REPORT_FORMATS,
  type Report,
  type ReportFormat,
  shouldColor,
  withMinLevel,
  writeFileAtomic,
} from '../report/index.js';
import { formatOption } from './action.js';
import { EXIT_FINDINGS, EXIT_OK } from './exit-codes.js';

/** Parsed values of the shared options (commander camel-cases the flags). */
export interface ReportCliOptions {
  readonly format: ReportFormat;
  readonly out?: string;
  readonly quiet?: boolean;
  readonly failOn: Level | 'none';
  readonly minLevel?: Level;
}

/** Adds the shared reporting options to `command`. */
export function addReportOptions(command: Command, defaultFormat: ReportFormat = 'table'): Command {
  return command
    .addOption(formatOption(REPORT_FORMATS, defaultFormat))
    .addOption(
      new Option('-o, --out <file>', 'write the report to FILE (atomically) instead of stdout'),
    )
    .addOption(new Option('-q, --quiet', 'no progress bar and no summary on stderr'))
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level')
        .choices([...LEVELS, 'none'])
        .default('low'),
    )
    .addOption(
      new Option('--min-level <level>', 'report only findings at or above this level').choices(
        LEVELS,
      ),
    );
}

/** Where emitted text goes; process streams by default, injectable for tests. */
export interface ReportStreams {
  readonly stdout: { readonly isTTY?: boolean; write(text: string): boolean };
  readonly stderr: { readonly isTTY?: boolean; write(text: string): boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

const PROCESS_STREAMS: ReportStreams = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
};

/**
 * Applies `--min-level`, renders the report, writes it to `--out` (atomically) or stdout,
 * prints the summary on stderr for `table` (unless `--quiet`) and returns the exit code that
 * `--fail-on` asks for.
 */
export async function emitReport(
  report: Report,
  options: ReportCliOptions,
  streams: ReportStreams = PROCESS_STREAMS,
): Promise<number> {
  const shown = withMinLevel(report, options.minLevel);
  const target = options.out === undefined ? streams.stdout : undefined;
  const color = target !== undefined && shouldColor(target, streams.env);
  const text = formatReport(options.format, shown, { color });
  if (options.out === undefined) streams.stdout.write(text);
  else await writeFileAtomic(options.out, text);
  if (options.format === 'table' && !options.quiet) {
    streams.stderr.write(
      formatSummaryText(shown.summary, { color: shouldColor(streams.stderr, streams.env) }),
    );
  }
  if (options.failOn === 'none') return EXIT_OK;
  return hasFindingAtOrAbove(shown.findings, options.failOn) ? EXIT_FINDINGS : EXIT_OK;
}
