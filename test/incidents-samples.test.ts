/**
 * End to end: hunting `samples/` groups the attack stories' findings into incidents along
 * CronJob → Job → Pod → container → process, names who created or changed the root, leaves
 * the stories outside any pod unattached, and gives the same ids whatever the worker count.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { hunt } from '../src/hunt.js';
import { REPO_ROOT } from './shared-data.js';

const SAMPLES = join(REPO_ROOT, 'samples');
const FILES = [
  'audit.jsonl',
  'activity-log.jsonl',
  'sysmon-admin-ws.xml',
  'auditd-bastion.log',
  'sysmon-node.xml',
  'falco-node.jsonl',
].map((file) => join(SAMPLES, file));

const run = (workers: number, paths = FILES) => hunt({ paths, workers });

test('samples/: one incident per attacked root, with its chain and its human', async () => {
  const { report } = await run(1);
  const byRoot = new Map(
    report.incidents.map((i) => [`${i.root.kind} ${i.root.namespace}/${i.root.name}`, i]),
  );
  assert.deepEqual([...byRoot.keys()].sort(), [
    'CronJob default/kube-metrics-sync',
    'CronJob kube-system/kube-proxy-healthz',
    'CronJob payments/db-backup',
    'Job shop/cache-warm',
  ]);
  assert.equal(report.summary.incidents, 4);

  const s1 = byRoot.get('CronJob default/kube-metrics-sync');
  assert.deepEqual(
    s1?.chain.map((link) => link.kind),
    ['CronJob', 'Job', 'Pod', 'container', 'process'],
  );
  assert.equal(s1?.chain.at(-1)?.name, '/bin/bash');
  assert.match(s1?.chain[3]?.uid ?? '', /^[0-9a-f]{64}$/);
  // The second run is the other path; its process joined only by the container id.
  assert.equal(s1?.otherChains?.length, 1);
  const second = s1?.otherChains?.[0] ?? [];
  assert.deepEqual(
    second.map((link) => link.kind),
    ['CronJob', 'Job', 'Pod', 'container', 'process'],
  );
  assert.notEqual(second[2]?.name, s1?.chain[2]?.name);
  assert.equal(second[4]?.origin && 'line' in second[4].origin ? second[4].origin.line : 0, 7);
  assert.equal(s1?.createdBy?.user, 'mallory@contractor.example');
  assert.deepEqual(s1?.createdBy?.sourceIPs, ['203.0.113.66']);
  assert.equal(s1?.level, 'high');
  assert.ok(s1?.rules.includes('CW-014'));

  const s3 = byRoot.get('CronJob payments/db-backup');
  assert.equal(s3?.createdBy, undefined, 'its create is before the day');
  assert.equal(s3?.lastChangedBy?.user, 'mallory@contractor.example');
  assert.equal(s3?.lastChangedBy?.verb, 'patch');
  assert.deepEqual(
    s3?.chain.map((l) => `${l.kind} ${l.name}`),
    ['CronJob db-backup', 'Job db-backup-manual-q9z'],
  );
  // The bastion's `kubectl create job … --from=cronjob/db-backup` (auditd) is the client side
  // of the manual Job's create: it joins the incident too.
  assert.deepEqual(s3?.rules, ['CW-001', 'CW-005', 'CW-006', 'CW-009', 'CW-012']);

  const s2 = byRoot.get('Job shop/cache-warm');
  assert.equal(s2?.createdBy?.user, 'system:serviceaccount:shop:web');
  assert.equal(s2?.createdBy?.isMachine, true);

  const s5 = byRoot.get('CronJob kube-system/kube-proxy-healthz');
  assert.equal(s5?.createdBy?.user, 'mallory@contractor.example');
});

test('samples/: which findings attach, and which stay unattached', async () => {
  const { report } = await run(1);
  const s1 = report.incidents.find((i) => i.root.name === 'kube-metrics-sync');
  // Every CW-014 finding (pods and both pods' processes, the second one joined only by its
  // container id) is in the S1 incident.
  const lineage = report.findings.filter((f) => f.rule.id === 'CW-014');
  assert.equal(lineage.length, 6);
  assert.ok(lineage.every((f) => f.incident === s1?.id));
  const falco = lineage.filter((f) => f.origin?.file.endsWith('falco-node.jsonl'));
  assert.equal(falco.length, 4);
  // kubectl on the admin workstation (Sysmon) and on the bastion (auditd) join the objects
  // they created; Azure and a host process writing a manifest on a node stay unattached.
  const kubectl = report.findings.filter((f) => f.rule.id === 'CW-012');
  assert.deepEqual(
    kubectl.map((f) => f.incident),
    [s1?.id, report.incidents.find((i) => i.root.name === 'db-backup')?.id],
  );
  const unattached = report.findings.filter((f) => f.incident === undefined);
  assert.deepEqual([...new Set(unattached.map((f) => f.rule.id))].sort(), [
    '1c71e254-6655-42c1-b2d6-5e4718d7fc0a',
    'CW-001',
    'CW-007',
    'CW-011',
    'CW-013',
  ]);
  // The benign CI image bump (low only) is not an incident.
  assert.ok(unattached.filter((f) => f.rule.id === 'CW-001').every((f) => f.level === 'low'));
  assert.ok(unattached.some((f) => f.object?.name === 'daily-report'));
  for (const incident of report.incidents)
    assert.ok(
      report.findings.some((f) => f.incident === incident.id),
      incident.id,
    );
});

test('samples/: incidents are the same across runs and worker counts; ids also across input order', async () => {
  const one = await run(1);
  const two = await run(2);
  const reversed = await run(1, [...FILES].reverse());
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
  assert.deepEqual(plain(two.report.incidents), plain(one.report.incidents));
  assert.deepEqual(
    plain(two.report.findings.map((f) => f.incident)),
    plain(one.report.findings.map((f) => f.incident)),
  );
  // Reading the Falco file before the audit log: CW-014 (a streaming analytic) then cannot
  // judge the processes, but lineage resolves after every input, so roots and ids stay.
  assert.deepEqual(
    reversed.report.incidents.map((i) => i.id).sort(),
    one.report.incidents.map((i) => i.id).sort(),
  );
  const again = await run(1);
  assert.deepEqual(
    again.report.incidents.map((i) => i.id),
    one.report.incidents.map((i) => i.id),
  );
});

test('samples/: gzip inputs (the streaming path) give the same incidents as plain files', async () => {
  const { gzipSync } = await import('node:zlib');
  const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'cw-inc-gz-'));
  try {
    const plain = ['audit.jsonl', 'falco-node.jsonl'].map((f) => join(SAMPLES, f));
    const zipped = plain.map((file, i) => {
      const target = join(dir, `${i}-${file.split('/').pop()}.gz`);
      writeFileSync(target, gzipSync(readFileSync(file)));
      return target;
    });
    const a = await hunt({ paths: plain });
    const b = await hunt({ paths: zipped });
    const shape = (r: typeof a) =>
      r.report.incidents.map((i) => [i.id, i.chain.map((l) => `${l.kind} ${l.name}`), i.rules]);
    assert.deepEqual(shape(b), shape(a));
    assert.equal(a.report.incidents.length, 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
