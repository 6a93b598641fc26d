/**
 * `cronwarden decode PATH…`: shows what cronwarden reads from logs — one normalized event per
 * line (JSON), issues on stderr — so a user can check detection, origins, blind spots and
 * redaction before hunting. Thin: all the work is `readEvents`.
 */
import type { Command } from 'commander';
import { formatIssue } from '../../errors.js';
import type { NormalizedEvent } from '../../ingest/event.js';
import { FORMATS } from '../../ingest/formats.js';
import { readEvents } from '../../ingest/read-events.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';

interface DecodeFlags {
  readonly inputFormat?: string;
  readonly maxLineBytes?: string;
  readonly dedupe: boolean;
  readonly summary?: boolean;
  readonly listFormats?: boolean;
}

function toLine(event: NormalizedEvent): string {
  const time = Number.isNaN(event.timeMs) ? null : new Date(event.timeMs).toISOString();
  return JSON.stringify({
    format: event.format,
    logsource: event.logsource,
    time,
    origin: event.origin,
    ...(event.blindSpot === undefined ? {} : { blindSpot: event.blindSpot }),
    data: event.data,
  });
}

async function write(text: string): Promise<void> {
  if (process.stdout.write(text)) return;
  await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
}

async function runDecode(paths: string[], flags: DecodeFlags): Promise<number> {
  if (flags.listFormats === true) {
    await write(FORMATS.map((format) => `${format.id}\t${format.description}\n`).join(''));
    return EXIT_OK;
  }
  if (paths.length === 0) {
    process.stderr.write('cronwarden: decode needs at least one path, or - for stdin (CW_USAGE)\n');
    return EXIT_ERROR;
  }
  const maxLineBytes = flags.maxLineBytes === undefined ? undefined : Number(flags.maxLineBytes);
  if (maxLineBytes !== undefined && !(Number.isInteger(maxLineBytes) && maxLineBytes > 0)) {
    process.stderr.write('cronwarden: --max-line-bytes must be a positive integer (CW_USAGE)\n');
    return EXIT_ERROR;
  }
  let hasIoError = false;
  const stream = readEvents(paths, {
    ...(flags.inputFormat === undefined ? {} : { format: flags.inputFormat }),
    ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
    dedupe: flags.dedupe,
    maxIssuesKept: 0,
    onIssue: (issue) => {
      if (issue.code === 'CW_INGEST_NO_INPUT' || issue.code === 'CW_IO') hasIoError = true;
      process.stderr.write(`${formatIssue(issue)}\n`);
    },
  });
  for await (const batch of stream.batches()) {
    if (batch.length > 0) await write(`${batch.map(toLine).join('\n')}\n`);
  }
  if (flags.summary === true) process.stderr.write(`${JSON.stringify(stream.stats, null, 2)}\n`);
  // 2: an input could not be read; 1: some records were malformed; 0: everything decoded.
  if (hasIoError) return EXIT_ERROR;
  return stream.stats.malformed > 0 ? EXIT_FINDINGS : EXIT_OK;
}

export function registerDecode(program: Command): void {
  program
    .command('decode')
    .description(
      'decode logs (files, directories, globs, - for stdin; .gz by magic bytes) into normalized events, one JSON per line',
    )
    .argument('[paths...]', 'inputs')
    .option('-i, --input-format <id>', 'force the input format instead of detecting it per input')
    .option(
      '--max-line-bytes <n>',
      'longest line read (default 16 MiB); longer lines are skipped and reported',
    )
    .option('--no-dedupe', 'keep every audit stage and repeated auditID+stage')
    .option('--summary', 'print the ingest stats (events per format, blind spots, …) on stderr')
    .option('--list-formats', 'list the input format ids and exit')
    .action(action((paths: string[], flags: DecodeFlags) => runDecode(paths, flags)));
}
