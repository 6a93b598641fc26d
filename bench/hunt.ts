/**
 * bench/hunt: `cronwarden hunt` on a realistic Kubernetes audit log, side by side with
 * `jq -c 'select(.objectRef.resource=="cronjobs")'` and `rg -c cronjobs`, in the same run.
 *
 *   npm run bench -- hunt                      # 1 GB log, 3 runs each, median
 *   node --import tsx bench/hunt.ts --size 200MB --runs 1
 *
 * Options: `--size N[KB|MB|GB]` (default 1GB), `--runs N` (default 3), `--keep` (keep the
 * temp dir), `--no-build` (reuse dist/). Prints a Markdown table: median wall time, MB/s,
 * events/s, peak RSS (from /usr/bin/time), plus hunt at a quarter of the size to show RSS is
 * flat in input size. cronwarden runs from the compiled `dist/` (what users run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateAuditLog } from './audit-log.lib.js';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');

interface Args {
  readonly bytes: number;
  readonly runs: number;
  readonly keep: boolean;
  readonly build: boolean;
}

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?$/i.exec(text);
  if (!match) throw new Error(`--size: expected a size like 200MB or 1GB, got "${text}"`);
  const unit = (match[2] ?? 'B').toUpperCase();
  const scale = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9 }[unit] ?? 1;
  return Math.round(Number(match[1]) * scale);
}

function parseArgs(argv: readonly string[]): Args {
  let bytes = 1e9;
  let runs = 3;
  let keep = false;
  let build = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--size') bytes = parseSize(argv[++i] ?? '');
    else if (arg === '--runs') runs = Math.max(1, Number(argv[++i]));
    else if (arg === '--keep') keep = true;
    else if (arg === '--no-build') build = false;
    else throw new Error(`unknown option ${arg}`);
  }
  return { bytes, runs, keep, build };
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

interface Measure {
  readonly seconds: number;
  /** User + system CPU seconds of the command and its children (from /usr/bin/time). */
  readonly cpuSeconds: number | undefined;
  readonly rssKb: number | undefined;
  readonly output: string;
}

/** Runs a shell command under /usr/bin/time; stdout goes to a file, the last stderr line is time's. */
function measure(command: string, cwd: string): Measure {
  const timed = has('/usr/bin/time');
  const shell = timed
    ? `/usr/bin/time -f '__TIME__ %e %M %U %S' sh -c '${command.replaceAll("'", "'\\''")}'`
    : command;
  const started = process.hrtime.bigint();
  const run = spawnSync('sh', ['-c', shell], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const stamp = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(run.stderr ?? '');
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`"${command}" failed (${run.status}): ${(run.stderr ?? '').slice(0, 2000)}`);
  }
  return {
    seconds: wall,
    cpuSeconds: stamp ? Number(stamp[3]) + Number(stamp[4]) : undefined,
    rssKb: stamp ? Number(stamp[2]) : undefined,
    output: run.stdout ?? '',
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Row {
  readonly name: string;
  readonly bytes: number;
  readonly lines: number;
  readonly seconds: number | undefined;
  readonly cpuSeconds: number | undefined;
  readonly rssKb: number | undefined;
  readonly note: string;
}

function runCase(
  name: string,
  command: string | undefined,
  bytes: number,
  lines: number,
  runs: number,
  note = '',
): Row {
  if (command === undefined)
    return {
      name,
      bytes,
      lines,
      seconds: undefined,
      cpuSeconds: undefined,
      rssKb: undefined,
      note,
    };
  const results: Measure[] = [];
  for (let i = 0; i < runs; i++) results.push(measure(command, ROOT));
  const rss = results.map((r) => r.rssKb).filter((r): r is number => r !== undefined);
  return {
    name,
    bytes,
    lines,
    seconds: median(results.map((r) => r.seconds)),
    cpuSeconds: results.every((r) => r.cpuSeconds !== undefined)
      ? median(results.map((r) => r.cpuSeconds ?? 0))
      : undefined,
    rssKb: rss.length > 0 ? Math.max(...rss) : undefined,
    note: note || results[0]!.output.trim().split('\n').slice(-1)[0]!.slice(0, 40),
  };
}

function formatRow(row: Row, baseline: Row | undefined): string {
  if (row.seconds === undefined) {
    return `| ${row.name} | n/a | n/a | n/a | n/a | n/a | n/a | n/a | ${row.note} |`;
  }
  const mbps = row.bytes / 1e6 / row.seconds;
  const eps = row.lines / row.seconds;
  const cpu = row.cpuSeconds;
  const cpuText = cpu === undefined ? 'n/a' : `${cpu.toFixed(2)} s`;
  const cpuMbps = cpu === undefined || cpu === 0 ? 'n/a' : (row.bytes / 1e6 / cpu).toFixed(0);
  const vs =
    baseline?.seconds === undefined ? '' : `${(baseline.seconds / row.seconds).toFixed(1)}×`;
  const rss = row.rssKb === undefined ? 'n/a' : `${(row.rssKb / 1024).toFixed(0)} MB`;
  const events = Math.round(eps).toLocaleString('en-US');
  return `| ${row.name} | ${row.seconds.toFixed(2)} s | ${cpuText} | ${mbps.toFixed(0)} | ${cpuMbps} | ${events} | ${rss} | ${vs} | ${row.note} |`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.build) {
    const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('build failed');
  }
  const cli = join(ROOT, 'dist', 'cli', 'main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing; run without --no-build`);
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-hunt-'));
  try {
    const big = join(dir, 'audit.log');
    const small = join(dir, 'audit-quarter.log');
    const t0 = performance.now();
    const log = await generateAuditLog(big, args.bytes, 1053007);
    const quarter = await generateAuditLog(small, Math.round(args.bytes / 4), 1053007);
    const generated = ((performance.now() - t0) / 1000).toFixed(1);

    const hunt = (file: string, workers: number) =>
      `node ${cli} hunt ${file} --format jsonl --quiet --fail-on none --workers ${workers} | wc -l`;
    const jq = has('jq')
      ? `jq -c 'select(.objectRef.resource=="cronjobs")' ${big} | wc -l`
      : undefined;
    const rg = has('rg') ? `rg -c cronjobs ${big}` : undefined;
    const rows = [
      runCase('cronwarden hunt, 1 worker', hunt(big, 1), log.bytes, log.lines, args.runs),
      runCase('cronwarden hunt, 2 workers', hunt(big, 2), log.bytes, log.lines, args.runs),
      runCase(
        'cronwarden hunt --no-prefilter, 1 worker',
        `${hunt(big, 1).replace('--workers', '--no-prefilter --workers')}`,
        log.bytes,
        log.lines,
        1,
      ),
      runCase(
        'jq resource filter (baseline)',
        jq,
        log.bytes,
        log.lines,
        args.runs,
        jq ? '' : 'jq not installed',
      ),
      runCase(
        'rg -c cronjobs (baseline)',
        rg,
        log.bytes,
        log.lines,
        args.runs,
        rg ? '' : 'ripgrep not installed',
      ),
      runCase(
        'cronwarden hunt, 1 worker, ¼ size (RSS check)',
        hunt(small, 1),
        quarter.bytes,
        quarter.lines,
        1,
      ),
    ];
    const [one, two, , jqRow] = rows;
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(`\n## bench/hunt — ${new Date().toISOString()}\n`);
    console.log(
      `Node ${process.version}, ${cpu} × ${cpus().length}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `Input: generated audit log, ${(log.bytes / 1e6).toFixed(0)} MB, ${log.lines.toLocaleString('en-US')} events (${log.jobWrites} CronJob/Job/Pod creates), generated in ${generated} s; median of ${args.runs} run(s)\n`,
    );
    console.log(
      '| case | wall | CPU (user+sys) | MB/s (wall) | MB per CPU-s | events/s (wall) | peak RSS | vs jq (wall) | output |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(formatRow(row, jqRow));
    if (one?.seconds && two?.seconds) {
      console.log(`\n2 workers vs 1: ${(one.seconds / two.seconds).toFixed(2)}× (goal ≥ 1.8×)`);
    }
    if (one?.seconds && jqRow?.seconds) {
      const cpuRatio =
        one.cpuSeconds && jqRow.cpuSeconds
          ? `, ${(jqRow.cpuSeconds / one.cpuSeconds).toFixed(1)}× in CPU time`
          : '';
      console.log(
        `hunt vs jq: ${(jqRow.seconds / one.seconds).toFixed(1)}× wall${cpuRatio} (goal ≥ 10×); one core goal ≥ 300 MB/s`,
      );
    }
    console.log(
      'Wall rates mean something only on an idle machine; MB per CPU-s is the per-core rate when other processes share the cores.',
    );
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

await main();
