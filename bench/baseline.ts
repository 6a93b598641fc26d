/**
 * bench/baseline: `baseline learn` over a realistic audit log (bench/audit-log.lib.ts), learning
 * the same log again (every record already known), and `hunt` with and without `--baseline` on
 * another day of the same cluster, in the same run. Wall and CPU time (process.cpuUsage) side
 * by side, since the machine is shared.
 *
 *   npm run bench -- baseline                       # 100 MB of history, 25 MB to hunt
 *   node --import tsx bench/baseline.ts --size 300MB
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobWrite } from '../src/baseline/testing.js';
import { learnBaseline } from '../src/baseline.js';
import { hunt } from '../src/hunt.js';
import { generateAuditLog, rng } from './audit-log.lib.js';

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?$/i.exec(text);
  if (!match) throw new Error(`--size: expected a size like 200MB, got "${text}"`);
  const scale = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9 }[(match[2] ?? 'B').toUpperCase()] ?? 1;
  return Math.round(Number(match[1]) * scale);
}

const sizeArg = process.argv.indexOf('--size');
const historyBytes = parseSize(sizeArg >= 0 ? (process.argv[sizeArg + 1] ?? '') : '100MB');
const dayBytes = Math.max(1e6, Math.round(historyBytes / 4));

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function timed<T>(run: () => Promise<T>): Promise<[T, Timing]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return [value, { wallMs, cpuMs: (used.user + used.system) / 1000 }];
}

/**
 * A file of nothing but job writes (the store's worst case): 200 creators, 40 namespaces,
 * 500 images, 300 source addresses, over 60 days.
 */
function writeJobWrites(path: string, count: number): number {
  const random = rng(6);
  const pick = (n: number) => Math.floor(random() * n);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const event = jobWrite({
      time: new Date(Date.UTC(2026, 8, 1) + pick(60 * 86_400_000)).toISOString(),
      user: `user-${pick(200)}@example.com`,
      namespace: `team-${pick(40)}`,
      image: `registry-${pick(5)}.example.com/app-${pick(100)}:${pick(20)}`,
      sourceIP: `10.${pick(3)}.${pick(10)}.${pick(10)}`,
      schedule: `*/${1 + pick(59)} * * * *`,
      auditID: `bench-${i}`,
    });
    lines.push(JSON.stringify(event.data));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return statSync(path).size;
}

const dir = mkdtempSync(join(tmpdir(), 'cw-bench-baseline-'));
try {
  const historyPath = join(dir, 'history.jsonl');
  const dayPath = join(dir, 'day.jsonl');
  const history = await generateAuditLog(historyPath, historyBytes, 1053007);
  const day = await generateAuditLog(dayPath, dayBytes, 20261124);
  const store = join(dir, 'cronwarden.db');
  const mb = (bytes: number) => bytes / 1e6;

  const writesPath = join(dir, 'job-writes.jsonl');
  const writeCount = 50_000;
  const writesBytes = writeJobWrites(writesPath, writeCount);
  const writesStore = join(dir, 'writes.db');
  const [writes, writesTime] = await timed(() =>
    learnBaseline({ paths: [writesPath], store: writesStore }),
  );
  const [learned, learnTime] = await timed(() => learnBaseline({ paths: [historyPath], store }));
  const [again, againTime] = await timed(() => learnBaseline({ paths: [historyPath], store }));
  await hunt({ paths: [dayPath] }); // warm-up: rule compilation and JIT, not reported
  const [plain, plainTime] = await timed(() => hunt({ paths: [dayPath] }));
  const [scored, scoredTime] = await timed(() => hunt({ paths: [dayPath], baseline: store }));
  const baselineFindings = scored.report.findings.filter((f) => f.rule.source === 'baseline');

  console.log(
    `node ${process.version}; ${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}; history ${mb(history.bytes).toFixed(0)} MB (${history.lines} records), day ${mb(day.bytes).toFixed(0)} MB (${day.lines} records)`,
  );
  console.log(
    `store after learning: ${(statSync(store).size / 1e6).toFixed(2)} MB; ${learned.namespaces.length} namespaces`,
  );
  console.log('');
  console.log('| case | wall s | CPU s | MB/s (wall) | records/s (wall) | result |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  const row = (name: string, timing: Timing, bytes: number, records: number, result: string) =>
    console.log(
      `| ${name} | ${(timing.wallMs / 1000).toFixed(2)} | ${(timing.cpuMs / 1000).toFixed(2)} | ${(mb(bytes) / (timing.wallMs / 1000)).toFixed(1)} | ${Math.round(records / (timing.wallMs / 1000)).toLocaleString('en-US')} | ${result} |`,
    );
  row(
    `baseline learn, ${writeCount.toLocaleString('en-US')} job writes only`,
    writesTime,
    writesBytes,
    writeCount,
    `${writes.learned} learned; store ${(statSync(writesStore).size / 1e6).toFixed(1)} MB`,
  );
  row(
    'baseline learn (new store)',
    learnTime,
    history.bytes,
    history.lines,
    `${learned.learned} job writes learned`,
  );
  row(
    'baseline learn again (idempotent)',
    againTime,
    history.bytes,
    history.lines,
    `${again.learned} learned, ${again.alreadyKnown} already known`,
  );
  row(
    'hunt (no baseline)',
    plainTime,
    day.bytes,
    day.lines,
    `${plain.report.findings.length} findings`,
  );
  row(
    'hunt --baseline',
    scoredTime,
    day.bytes,
    day.lines,
    `${scored.report.findings.length} findings, ${baselineFindings.length} CW-BL`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
