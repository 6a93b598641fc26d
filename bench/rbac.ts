/**
 * How long the RBAC analysis takes on a generated cluster of 10,000 workloads and 5,000 RBAC
 * objects (issue 7 asks the whole posture scan for < 2 s on one core): model + authorizer,
 * every RBAC check (escalation paths from every principal included), the inventory-side
 * hygiene checks, and one who-can query. Baseline in the same run: building the model only.
 * Run: `npm run bench -- rbac`.
 */
import { cpus } from 'node:os';
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

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, 1 thread`);
console.log(
  '| namespaces | workloads | RBAC objects | model only (baseline) | analyze | RBAC checks | hygiene | who-can | total | findings | RSS |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const size of SIZES) {
  const objects = generateRbacCluster({ ...size, seed: 7 });
  const [, baseline] = time(() => buildClusterModel(objects));
  const [analysis, analyzeMs] = time(() => analyzeRbac(objects));
  const now = new Date('2026-11-25T00:00:00Z');
  const [rbac, checksMs] = time(() => rbacFindings(analysis, { now }));
  const [hygiene, hygieneMs] = time(() => hygieneFindings(analysis, { now }));
  const [, whoMs] = time(() => whoCan(analysis, parseAccessRequest('create', 'cronjobs')));
  const total = analyzeMs + checksMs + hygieneMs;
  const rss = (process.memoryUsage().rss / 1024 / 1024).toFixed(0);
  console.log(
    `| ${size.namespaces} | ${size.workloads} | ${size.rbacObjects} | ${baseline.toFixed(0)} ms | ${analyzeMs.toFixed(0)} ms | ${checksMs.toFixed(0)} ms | ${hygieneMs.toFixed(0)} ms | ${whoMs.toFixed(1)} ms | ${total.toFixed(0)} ms | ${rbac.findings.length + hygiene.findings.length} | ${rss} MB |`,
  );
}
