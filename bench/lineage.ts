/**
 * bench/lineage: what incidents cost a hunt. A generated audit log (`bench/audit-log.lib.ts`,
 * 0.5 % CronJob/Job/Pod writes, most of them flagged, so thousands of incidents) is hunted
 * once; then the events lineage reads are decoded again and the lineage alone (facts, graph,
 * incidents over the hunt's findings) is timed on them, wall and CPU time side by side.
 *
 *   npm run bench -- lineage                       # 200 MB
 *   node --import tsx bench/lineage.ts --size 50MB
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLineageEvent, LineageObserver } from '../src/correlate/lineage-observer.js';
import type { Finding } from '../src/finding.js';
import { hunt } from '../src/hunt.js';
import type { NormalizedEvent } from '../src/ingest/event.js';
import { readEvents } from '../src/ingest/read-events.js';
import { loadAllowlist } from '../src/rules/allowlist.js';
import { generateAuditLog } from './audit-log.lib.js';

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB)?$/i.exec(text);
  if (!match) throw new Error(`--size: expected a size like 50MB, got "${text}"`);
  const unit = { KB: 1e3, MB: 1e6, GB: 1e9 }[(match[2] ?? 'MB').toUpperCase() as 'KB'] ?? 1e6;
  return Number(match[1]) * unit;
}

const sizeArg = process.argv.indexOf('--size');
const bytes = parseSize(sizeArg > 0 ? (process.argv[sizeArg + 1] ?? '200MB') : '200MB');
const dir = mkdtempSync(join(tmpdir(), 'cw-bench-lineage-'));

function timed<T>(run: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

try {
  const file = join(dir, 'audit.log');
  const generated = await generateAuditLog(file, bytes, 7);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { report } = await hunt({ paths: [file] });
  const huntWall = performance.now() - start;
  const huntCpu = process.cpuUsage(cpu);

  const events: NormalizedEvent[] = [];
  for await (const event of readEvents([file], {})) if (isLineageEvent(event)) events.push(event);
  const findings: Finding[] = report.findings.map(({ incident: _incident, ...rest }) => rest);
  const observed = timed(() => {
    const lineage = new LineageObserver(loadAllowlist());
    lineage.observeAll(events);
    return lineage;
  });
  const correlated = timed(() => observed.value.correlate(findings));
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(
    `input: ${(generated.bytes / 1e6).toFixed(0)} MB, ${generated.lines} records, ${generated.jobWrites} CronJob/Job/Pod writes; node ${process.version}; ${cpus()[0]?.model ?? 'cpu'}`,
  );
  console.log('| step | wall | CPU | output |');
  console.log('| --- | --- | --- | --- |');
  console.log(
    `| hunt (whole run, incidents included) | ${ms(huntWall)} | ${ms((huntCpu.user + huntCpu.system) / 1000)} | ${report.findings.length} findings, ${report.incidents.length} incidents |`,
  );
  console.log(
    `| lineage facts (${events.length} events) | ${ms(observed.wallMs)} | ${ms(observed.cpuMs)} | ${observed.value.facts} facts |`,
  );
  console.log(
    `| graph + incidents | ${ms(correlated.wallMs)} | ${ms(correlated.cpuMs)} | ${correlated.value.incidents.length} incidents |`,
  );
  const share = (observed.cpuMs + correlated.cpuMs) / ((huntCpu.user + huntCpu.system) / 1000);
  console.log(`\nlineage share of the hunt's CPU time: ${(share * 100).toFixed(1)} %`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
