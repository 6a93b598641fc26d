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
import { analyzeRbac, rbacFindings } from '../src/rbac/analyze.js';
import { scanInventory, workloadRightsFrom } from '../src/scan.js';
import { generateCluster } from './posture-cluster.lib.js';

const WORKLOADS = 10_000;
const RBAC_OBJECTS = 5_000;
const RUNS = 5;
// RBAC-007/008 (escalation paths, src/rbac) grow much faster than linearly; the full-size
// scan with them runs only when asked: BENCH_FULL_RBAC=1 npm run bench -- posture
const FULL_RBAC = process.env.BENCH_FULL_RBAC === '1';

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
  readonly objects: number;
  readonly findings: number | string;
  readonly rssMb: number;
}

async function measure(
  name: string,
  count: number,
  run: () => Promise<number | string> | number | string,
  runs = RUNS,
): Promise<Row> {
  const times: number[] = [];
  let findings: number | string = '';
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    findings = await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return {
    name,
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
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
if (FULL_RBAC) {
  rows.push(
    await measure(
      'scan with all RBAC checks',
      objects.length,
      () => scanInventory(inventory, inputs).report.findings.length,
      1,
    ),
  );
} else {
  // Scaling of the RBAC checks (RBAC-001…009) alone, on smaller RBAC inventories.
  for (const size of [250, 500, 1000]) {
    const small = generateCluster({
      workloads: 1000,
      rbacObjects: size,
      namespaces: 60,
      seed: 7053,
    }).bodies.flatMap((body, index) => {
      const result = toK8sObject(body, { file: 'cluster:bench', index });
      return result.ok ? [result.object] : [];
    });
    rows.push(
      await measure(
        `RBAC checks only, 1,000 workloads + ${size} RBAC objects`,
        small.length,
        () => rbacFindings(analyzeRbac(small)).findings.length,
        1,
      ),
    );
  }
}
rmSync(directory, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`bench/posture — Node ${process.version}, ${cpu}, one thread`);
console.log(
  `input: ${WORKLOADS} workloads + ${RBAC_OBJECTS} RBAC objects + ${objects.length - WORKLOADS - RBAC_OBJECTS} namespaces/service accounts = ${objects.length} objects; YAML ${(Buffer.byteLength(yamlText) / 1048576).toFixed(1)} MiB, JSON ${(Buffer.byteLength(jsonText) / 1048576).toFixed(1)} MiB; median of ${RUNS} runs (3 for the reading cases)`,
);
console.log('');
const header = ['case', 'median ms', 'objects/s', 'findings', 'RSS MiB'];
const body = rows.map((row) => [
  row.name,
  row.medianMs.toFixed(0),
  Math.round((row.objects / row.medianMs) * 1000).toLocaleString('en-US'),
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
const postureRow = rows.find((row) => row.name.startsWith('scan --no-rbac'));
console.log('');
console.log(
  `goal: < 2000 ms for the 10,000-workload posture scan — ${postureRow && postureRow.medianMs < 2000 ? 'met' : 'NOT met'} (${postureRow?.medianMs.toFixed(0)} ms)`,
);
if (!FULL_RBAC)
  console.log(
    'full scan with RBAC-007/008 at 5,000 RBAC objects: run with BENCH_FULL_RBAC=1 (minutes; see the scaling rows)',
  );
