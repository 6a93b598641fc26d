/**
 * bench/posture: a generated (seeded) cluster of 10,000 workloads and 5,000 RBAC objects,
 * scanned the way `cronwarden scan` does. Goal: the whole scan in < 2 s on one core.
 * Run: npm run bench -- posture
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadManifests } from '../src/inventory/load-manifests.js';
import { parseManifest } from '../src/inventory/manifest.js';
import type { Inventory, K8sObject } from '../src/inventory/object.js';
import { toK8sObject } from '../src/inventory/to-object.js';
import { runPostureChecks, serviceAccountIndex } from '../src/posture/checks/registry.js';
import { assessPodSecurity } from '../src/posture/pss/assess.js';
import { analyzeRbac } from '../src/rbac/analyze.js';
import { scanInventory, workloadRightsFrom } from '../src/scan.js';
import { generateCluster } from './posture-cluster.lib.js';

const WORKLOADS = 10_000;
const RBAC_OBJECTS = 5_000;
const RUNS = 5;

const cluster = generateCluster({
  workloads: WORKLOADS,
  rbacObjects: RBAC_OBJECTS,
  namespaces: 60,
  seed: 7053,
});
const objects: K8sObject[] = cluster.bodies.flatMap((body, index) => {
  const result = toK8sObject(body, { file: 'cluster:bench', index });
  return result.ok ? [result.object] : [];
});
const inventory: Inventory = { objects, issues: [] };
const inputs = [
  { path: 'cluster:bench', format: 'cluster', records: objects.length, malformed: 0 },
];

const yamlText = cluster.bodies.map((body) => stringify(body)).join('---\n');
const jsonText = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: cluster.bodies });
const directory = mkdtempSync(join(tmpdir(), 'cw-bench-posture-'));
const chunk = 1000;
for (let start = 0; start < cluster.bodies.length; start += chunk) {
  const text = cluster.bodies
    .slice(start, start + chunk)
    .map((body) => stringify(body))
    .join('---\n');
  writeFileSync(join(directory, `part-${String(start / chunk).padStart(3, '0')}.yaml`), text);
}

interface Row {
  readonly name: string;
  readonly medianMs: number;
  readonly cpuMs: number;
  readonly objects: number;
  readonly findings: number | string;
  readonly rssMb: number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Median wall and CPU time (user + system: what one core spends, GC threads included). */
async function measure(
  name: string,
  count: number,
  run: () => Promise<number | string> | number | string,
  runs = RUNS,
): Promise<Row> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let findings: number | string = '';
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    findings = await run();
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    name,
    medianMs: median(wall),
    cpuMs: median(cpu),
    objects: count,
    findings,
    rssMb: process.memoryUsage().rss / 1024 / 1024,
  };
}

const rows: Row[] = [];
const time = new Date().toISOString();
rows.push(
  await measure(
    'baseline: JSON.parse of the List',
    objects.length,
    () => (JSON.parse(jsonText) as { items: unknown[] }).items.length,
  ),
);
rows.push(
  await measure(
    'PSS only (assess, in memory)',
    objects.length,
    () =>
      assessPodSecurity(objects, { target: { level: 'restricted', version: 'latest' } }).workloads
        .length,
  ),
);
rows.push(
  await measure(
    'scan --no-rbac (PSS + gaps + CWP-001/2/4)',
    objects.length,
    () => scanInventory(inventory, inputs, { rbac: false }).report.findings.length,
  ),
);
rows.push(
  await measure('RBAC model + CWP-003 rights for every job', objects.length, () => {
    const analysis = analyzeRbac(objects);
    const context = {
      serviceAccount: serviceAccountIndex(objects),
      workloadRights: workloadRightsFrom(analysis),
    };
    return runPostureChecks(objects, context, time).length;
  }),
);
rows.push(
  await measure(
    'read JSON List + scan --no-rbac',
    objects.length,
    () =>
      scanInventory(parseManifest(jsonText, 'cluster.json'), inputs, { rbac: false }).report
        .findings.length,
    3,
  ),
);
rows.push(
  await measure(
    'read YAML files + scan --no-rbac (end to end)',
    objects.length,
    async () =>
      scanInventory(await loadManifests([directory]), inputs, { rbac: false }).report.findings
        .length,
    3,
  ),
);
rows.push(
  await measure(
    'scan (PSS + gaps + CWP + RBAC + hygiene)',
    objects.length,
    () => scanInventory(inventory, inputs).report.findings.length,
  ),
);
rmSync(directory, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`bench/posture — Node ${process.version}, ${cpu}, one thread`);
console.log(
  `input: ${WORKLOADS} workloads + ${RBAC_OBJECTS} RBAC objects + ${objects.length - WORKLOADS - RBAC_OBJECTS} namespaces/service accounts = ${objects.length} objects; YAML ${(Buffer.byteLength(yamlText) / 1048576).toFixed(1)} MiB, JSON ${(Buffer.byteLength(jsonText) / 1048576).toFixed(1)} MiB; median of ${RUNS} runs (3 for JSON, 1 for YAML reading); the machine is shared, so CPU time is the per-core cost`,
);
console.log('');
const header = ['case', 'wall ms', 'CPU ms', 'objects/s (CPU)', 'findings', 'RSS MiB'];
const body = rows.map((row) => [
  row.name,
  row.medianMs.toFixed(0),
  row.cpuMs.toFixed(0),
  Math.round((row.objects / Math.max(row.cpuMs, 1)) * 1000).toLocaleString('en-US'),
  String(row.findings),
  row.rssMb.toFixed(0),
]);
const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
const line = (cells: readonly string[]) =>
  cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    .join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of body) console.log(line(row));
const full = rows.find((row) => row.name.startsWith('scan (PSS'));
console.log('');
console.log(
  `goal: the full scan of ${WORKLOADS.toLocaleString('en-US')} workloads + ${RBAC_OBJECTS.toLocaleString('en-US')} RBAC objects < 2000 ms on one core — CPU ${full?.cpuMs.toFixed(0)} ms (${full && full.cpuMs < 2000 ? 'met' : 'NOT met'}), wall ${full?.medianMs.toFixed(0)} ms`,
);
