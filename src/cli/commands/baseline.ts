/**
 * `cronwarden baseline learn LOGS…` and `cronwarden baseline show`: argv → the baseline use
 * cases (src/baseline.ts) → text or JSON. Grammar: docs/cli.md, model: docs/baseline.md.
 * @module
 */
import { type Command, Option } from 'commander';
import { describeBaseline, learnBaseline } from '../../baseline.js';
import { formatIssue } from '../../errors.js';
import { DEFAULT_STORE_PATH } from '../../store/store.js';
import { action, formatOption } from '../action.js';
import { formatBaselineText, formatLearnText } from '../baseline-text.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { createProgress } from '../progress.js';

const FORMATS = ['table', 'json'] as const;
type BaselineFormat = (typeof FORMATS)[number];

/** The store used when `--store` is absent: `$CRONWARDEN_STORE`, else the documented default. */
export function defaultStorePath(env: Readonly<Record<string, string | undefined>> = process.env) {
  return env.CRONWARDEN_STORE || DEFAULT_STORE_PATH;
}

/** The shared `--store FILE` option (learn, show, hunt --baseline). */
export function storeOption(): Option {
  return new Option(
    '--store <file>',
    `the cronwarden store (default: $CRONWARDEN_STORE or ${DEFAULT_STORE_PATH})`,
  );
}

interface LearnCliOptions {
  readonly store?: string;
  readonly inputFormat?: string;
  readonly allowlist?: string;
  readonly format: BaselineFormat;
  readonly quiet?: boolean;
}

interface ShowCliOptions {
  readonly store?: string;
  readonly namespace?: string[];
  readonly format: BaselineFormat;
}

/** Registers `baseline learn` and `baseline show`. */
export function registerBaseline(program: Command): void {
  const baseline = program
    .command('baseline')
    .description('learn per-namespace baselines of who writes jobs, and how (SQLite store)');

  baseline
    .command('learn')
    .description('learn the CronJob/Job writes of audit logs into the store (re-learning merges)')
    .argument('<paths...>', 'log files, folders, globs, or - for stdin (every format hunt reads)')
    .addOption(storeOption())
    .addOption(new Option('--input-format <id>', 'force the input format instead of detecting it'))
    .addOption(
      new Option('--allowlist <file>', 'allow-list of controllers and platform identities'),
    )
    .addOption(formatOption(FORMATS, 'table'))
    .addOption(new Option('-q, --quiet', 'no progress bar on stderr'))
    .action(
      action(async (paths: string[], options: LearnCliOptions) => {
        let unreadable = 0;
        const progress = createProgress({ stream: process.stderr, quiet: options.quiet === true });
        const result = await learnBaseline({
          paths,
          store: options.store ?? defaultStorePath(),
          ...(options.inputFormat ? { inputFormat: options.inputFormat } : {}),
          ...(options.allowlist ? { allowlist: options.allowlist } : {}),
          onIssue: (issue) => {
            if (issue.code === 'CW_IO' || issue.code === 'CW_INGEST_NO_INPUT') unreadable += 1;
            progress.done();
            process.stderr.write(`cronwarden: ${formatIssue(issue)}\n`);
          },
          onProgress: (bytes, records) => progress.update(bytes, records),
        });
        progress.done();
        process.stdout.write(
          options.format === 'json'
            ? `${JSON.stringify(result, null, 2)}\n`
            : formatLearnText(result),
        );
        return unreadable > 0 ? EXIT_ERROR : EXIT_OK;
      }),
    );

  baseline
    .command('show')
    .description('print the learned baseline per namespace')
    .addOption(storeOption())
    .addOption(new Option('--namespace <ns...>', 'only these namespaces'))
    .addOption(formatOption(FORMATS, 'table'))
    .action(
      action((options: ShowCliOptions) => {
        const description = describeBaseline(options.store ?? defaultStorePath(), {
          ...(options.namespace ? { namespaces: options.namespace } : {}),
        });
        process.stdout.write(
          options.format === 'json'
            ? `${JSON.stringify(description, null, 2)}\n`
            : formatBaselineText(description),
        );
        return EXIT_OK;
      }),
    );
}
