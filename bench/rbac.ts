/**
 * How long the RBAC analysis takes on a generated cluster of 10,000 workloads and 5,000 RBAC
 * objects (issue 7 asks the whole posture scan for < 2 s on one core): model + authorizer,
 * every RBAC check (escalation paths from every principal included), the inventory-side
 * hygiene checks, and one who-can query. Baseline in the same run: building the model only.
 * Run: `npm run bench -- rbac`.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { analyzeRbac, rbacFindings } from '../src/rbac/analyze.js';
import { buildClusterModel } from '../src/rbac/cluster-model.js';
import { hygieneFindings } from '../src/rbac/hygiene/analyze.js';
import { whoCan } from '../src/rbac/queries.js';
import { parseAccessRequest } from '../src/rbac/resources.js';
import { generateRbacCluster } from './rbac-cluster.lib.js';

const SIZES = [
  { namespaces: 50, workloads: 2_000, rbacObjects: 1_000 },
  { namespaces: 200, workloads: 10_000, rbacObjects: 5_000 },
];

/** Wall time, and CPU time of this process (user + system): on a shared, loaded machine the
 * CPU time is the number that says what one core needs. */
function time<T>(run: () => T): [T, number, number] {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(cpu);
  return [value, performance.now() - start, (used.user + used.system) / 1000];
}

console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, 1 thread`);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; times are wall (CPU)`,
);
console.log(
  '| namespaces | workloads | RBAC objects | model only (baseline) | analyze | RBAC checks | hygiene | who-can | total | findings | RSS |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const size of SIZES) {
  const objects = generateRbacCluster({ ...size, seed: 7 });
  const [, baseline, baselineCpu] = time(() => buildClusterModel(objects));
  const [analysis, analyzeMs, analyzeCpu] = time(() => analyzeRbac(objects));
  const now = new Date('2026-11-25T00:00:00Z');
  const [rbac, checksMs, checksCpu] = time(() => rbacFindings(analysis, { now }));
  const [hygiene, hygieneMs, hygieneCpu] = time(() => hygieneFindings(analysis, { now }));
  const [, whoMs, whoCpu] = time(() => whoCan(analysis, parseAccessRequest('create', 'cronjobs')));
  const total = analyzeMs + checksMs + hygieneMs;
  const totalCpu = analyzeCpu + checksCpu + hygieneCpu;
  const ms = (wall: number, cpu: number) => `${wall.toFixed(0)} (${cpu.toFixed(0)}) ms`;
  const rss = (process.memoryUsage().rss / 1024 / 1024).toFixed(0);
  console.log(
    `| ${size.namespaces} | ${size.workloads} | ${size.rbacObjects} | ${ms(baseline, baselineCpu)} | ${ms(analyzeMs, analyzeCpu)} | ${ms(checksMs, checksCpu)} | ${ms(hygieneMs, hygieneCpu)} | ${ms(whoMs, whoCpu)} | ${ms(total, totalCpu)} | ${rbac.findings.length + hygiene.findings.length} | ${rss} MB |`,
  );
}
