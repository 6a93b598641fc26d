/**
 * `cronwarden hunt PATH…`: argv → `hunt()` → report on stdout or `--out`, malformed records on
 * stderr (each once), progress bar on a TTY. Grammar: docs/cli.md.
 * @module
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_POLICY } from '../../baseline/policy.js';
import { CronwardenError } from '../../errors.js';
import { parseTimeBound } from '../../hunt/event-filter.js';
import { hunt } from '../../hunt.js';
import { action, printIssues } from '../action.js';
import { createProgress } from '../progress.js';
import { addReportOptions, emitReport, type ReportCliOptions } from '../report-options.js';
import { defaultStorePath, storeOption } from './baseline.js';

interface HuntCliOptions extends ReportCliOptions {
  readonly rules?: string[];
  readonly sigma?: string[];
  readonly pipeline?: string[];
  readonly allowlist?: string;
  readonly since?: string;
  readonly until?: string;
  readonly namespace?: string[];
  readonly inputFormat?: string;
  readonly maxErrors?: number;
  readonly strict?: boolean;
  readonly workers: number;
  readonly prefilter: boolean;
  readonly baseline?: boolean;
  readonly store?: string;
  readonly baselineMinScore?: number;
  readonly baselineMinRecords?: number;
  readonly baselineMinDays?: number;
}

function positiveInteger(name: string) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) {
      throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    }
    return value;
  };
}

/** Registers `hunt`. */
export function registerHunt(program: Command): void {
  const command = program
    .command('hunt')
    .description('run the T1053.007 pack and Sigma rules over audit and endpoint logs')
    .argument('<paths...>', 'log files, folders, globs, or - for stdin (.gz is read as is)')
    .addOption(new Option('--rules <dir...>', 'rule folders replacing the built-in pack'))
    .addOption(new Option('--sigma <path...>', 'extra Sigma rule files or folders'))
    .addOption(
      new Option('--pipeline <file...>', 'Sigma processing pipelines for the --sigma rules'),
    )
    .addOption(
      new Option(
        '--allowlist <file>',
        'allow-list of controllers, platform identities and registries (replaces the packaged one; extend: true appends)',
      ),
    )
    .addOption(new Option('--since <time>', 'only events at or after TIME (ISO 8601 or 24h, 7d)'))
    .addOption(new Option('--until <time>', 'only events before TIME (ISO 8601 or 24h, 7d)'))
    .addOption(new Option('--namespace <ns...>', 'only events about objects in these namespaces'))
    .addOption(new Option('--input-format <id>', 'force the input format instead of detecting it'))
    .addOption(
      new Option('--max-errors <n>', 'stop after N malformed records (exit 2)').argParser(
        positiveInteger('--max-errors'),
      ),
    )
    .addOption(new Option('--strict', 'stop at the first malformed record (exit 2)'))
    .addOption(
      new Option('--workers <n>', 'worker threads over large JSON-lines files')
        .argParser(positiveInteger('--workers'))
        .default(1),
    )
    .addOption(new Option('--no-prefilter', 'parse every record (checks the fast path)'))
    .addOption(
      new Option('--baseline', 'score job writes against the learned baseline (baseline learn)'),
    )
    .addOption(storeOption())
    .addOption(
      new Option(
        '--baseline-min-score <n>',
        'lowest baseline score reported (default 3)',
      ).argParser(positiveInteger('--baseline-min-score')),
    )
    .addOption(
      new Option(
        '--baseline-min-records <n>',
        'job writes a namespace needs before it is judged (default 20)',
      ).argParser(positiveInteger('--baseline-min-records')),
    )
    .addOption(
      new Option(
        '--baseline-min-days <n>',
        'days of history a namespace needs before it is judged (default 7)',
      ).argParser(positiveInteger('--baseline-min-days')),
    );
  addReportOptions(command).action(
    action(async (paths: string[], options: HuntCliOptions) => {
      const now = Date.now;
      const progress = createProgress({ stream: process.stderr, quiet: options.quiet === true });
      const maxErrors = options.strict ? 1 : options.maxErrors;
      if (options.store !== undefined && !options.baseline) {
        throw new CronwardenError(
          'CW_USAGE',
          '--store is read only with --baseline; add --baseline',
        );
      }
      const result = await hunt({
        paths,
        ...(options.rules ? { rules: options.rules } : {}),
        ...(options.sigma ? { sigma: options.sigma } : {}),
        ...(options.pipeline ? { pipelines: options.pipeline } : {}),
        ...(options.allowlist ? { allowlist: options.allowlist } : {}),
        ...(options.since ? { sinceMs: parseTimeBound(options.since, '--since', now) } : {}),
        ...(options.until ? { untilMs: parseTimeBound(options.until, '--until', now) } : {}),
        ...(options.namespace ? { namespaces: options.namespace } : {}),
        ...(options.inputFormat ? { inputFormat: options.inputFormat } : {}),
        ...(maxErrors === undefined ? {} : { maxErrors }),
        workers: options.workers,
        prefilter: options.prefilter,
        ...(options.baseline ? { baseline: options.store ?? defaultStorePath() } : {}),
        baselinePolicy: {
          ...DEFAULT_POLICY,
          ...(options.baselineMinScore === undefined ? {} : { minScore: options.baselineMinScore }),
          ...(options.baselineMinRecords === undefined
            ? {}
            : { minRecords: options.baselineMinRecords }),
          ...(options.baselineMinDays === undefined ? {} : { minDays: options.baselineMinDays }),
        },
        onIssue: (issue) => {
          progress.done();
          printIssues([issue]);
        },
        onProgress: (p) => progress.update(p.bytes, p.records, p.totalBytes),
      });
      progress.done();
      const code = await emitReport(result.report, options);
      if (result.report.summary.stoppedEarly) {
        throw new CronwardenError(
          'CW_HUNT_STOPPED',
          `stopped after ${result.report.summary.malformed} malformed record(s) (${options.strict ? '--strict' : `--max-errors ${maxErrors}`}); the report covers the records read before`,
        );
      }
      if (result.unreadableInputs > 0) {
        throw new CronwardenError(
          'CW_IO',
          `${result.unreadableInputs} input(s) could not be read (see above); the report covers the others`,
        );
      }
      return code;
    }),
  );
}
