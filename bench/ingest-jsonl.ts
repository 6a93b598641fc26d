/**
 * How fast does ingest alone turn raw audit JSON lines into NormalizedEvents?
 * Writes a seeded, realistic audit log (leases updates, controller get/list/watch, node status
 * patches, events, token/access reviews; a few CronJob/Job/Pod creates) of SIZE_MB (default
 * 256) to bench/out/, then times in the same run: `readEvents` (detect + decode + redact +
 * dedupe), the same on a gzip copy, and the baseline `jq -c 'select(.objectRef.resource=="cronjobs")'`.
 * Prints MB/s, events/s and peak RSS of each. Run: `npm run bench -- ingest-jsonl`.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { LineSplitter, type ReadOptions, readEvents } from '../src/ingest/index.js';
import { rng as prng } from './audit-log.lib.js';

const SIZE_MB = Number(process.env.SIZE_MB ?? 256);
const OUT = join('bench', 'out');
const FILE = join(OUT, `audit-${SIZE_MB}mb.jsonl`);

function auditLine(random: () => number, n: number): string {
  const id = `${((n * 2654435761) >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const ts = new Date(Date.UTC(2026, 2, 2) + n * 7).toISOString();
  const pick = random();
  const base = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    auditID: id,
    stage: 'ResponseComplete',
    requestReceivedTimestamp: ts,
    stageTimestamp: ts,
    annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' },
  };
  if (pick < 0.35) {
    return JSON.stringify({
      ...base,
      level: 'Metadata',
      requestURI: `/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/lease-${n % 40}`,
      verb: 'update',
      user: { username: 'system:kube-controller-manager', groups: ['system:authenticated'] },
      sourceIPs: ['10.0.0.2'],
      userAgent:
        'kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/39683505/leader-election',
      objectRef: {
        resource: 'leases',
        namespace: 'kube-system',
        name: `lease-${n % 40}`,
        apiGroup: 'coordination.k8s.io',
        apiVersion: 'v1',
      },
      responseStatus: { metadata: {}, code: 200 },
    });
  }
  if (pick < 0.7) {
    const verb = ['get', 'list', 'watch'][n % 3];
    return JSON.stringify({
      ...base,
      level: 'Request',
      requestURI: `/api/v1/namespaces/ns-${n % 25}/pods?limit=500&resourceVersion=0`,
      verb,
      user: {
        username: `system:serviceaccount:kube-system:controller-${n % 12}`,
        groups: ['system:serviceaccounts', 'system:authenticated'],
      },
      sourceIPs: ['10.0.0.3'],
      userAgent:
        'kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/39683505/shared-informers',
      objectRef: { resource: 'pods', namespace: `ns-${n % 25}`, apiVersion: 'v1' },
      responseStatus: { metadata: {}, code: 200 },
    });
  }
  if (pick < 0.85) {
    return JSON.stringify({
      ...base,
      level: 'RequestResponse',
      requestURI: `/api/v1/nodes/node-${n % 50}/status?timeout=10s`,
      verb: 'patch',
      user: {
        username: `system:node:node-${n % 50}`,
        groups: ['system:nodes', 'system:authenticated'],
      },
      sourceIPs: [`10.0.1.${n % 50}`],
      userAgent: 'kubelet/v1.30.2 (linux/amd64) kubernetes/39683505',
      objectRef: {
        resource: 'nodes',
        name: `node-${n % 50}`,
        apiVersion: 'v1',
        subresource: 'status',
      },
      responseStatus: { metadata: {}, code: 200 },
      requestObject: {
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              lastHeartbeatTime: ts,
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
            },
          ],
        },
      },
    });
  }
  if (pick < 0.97) {
    return JSON.stringify({
      ...base,
      level: 'Metadata',
      requestURI: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      verb: 'create',
      user: { username: 'system:kube-apiserver', groups: ['system:masters'] },
      sourceIPs: ['127.0.0.1'],
      userAgent: 'kube-apiserver/v1.30.2',
      objectRef: {
        resource: 'subjectaccessreviews',
        apiGroup: 'authorization.k8s.io',
        apiVersion: 'v1',
      },
      responseStatus: { metadata: {}, code: 201 },
    });
  }
  return JSON.stringify({
    ...base,
    level: 'RequestResponse',
    requestURI: '/apis/batch/v1/namespaces/default/cronjobs?fieldManager=kubectl-create',
    verb: 'create',
    user: { username: 'alice@example.com', groups: ['dev', 'system:authenticated'] },
    sourceIPs: ['198.51.100.20'],
    userAgent: 'kubectl/v1.30.2 (linux/amd64) kubernetes/39683505',
    objectRef: {
      resource: 'cronjobs',
      namespace: 'default',
      name: `job-${n}`,
      apiGroup: 'batch',
      apiVersion: 'v1',
    },
    responseStatus: { metadata: {}, code: 201 },
    requestObject: {
      kind: 'CronJob',
      apiVersion: 'batch/v1',
      metadata: { name: `job-${n}` },
      spec: {
        schedule: '*/5 * * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: {
                containers: [{ name: 'c', image: 'alpine', command: ['/bin/sh', '-c', 'date'] }],
                restartPolicy: 'OnFailure',
              },
            },
          },
        },
      },
    },
  });
}

async function generate(): Promise<void> {
  if (existsSync(FILE) && statSync(FILE).size >= SIZE_MB * 1024 * 1024) return;
  mkdirSync(OUT, { recursive: true });
  const out = createWriteStream(FILE);
  const random = prng(42);
  let written = 0;
  let n = 0;
  const target = SIZE_MB * 1024 * 1024;
  while (written < target) {
    let chunk = '';
    for (let i = 0; i < 1000; i++) chunk += `${auditLine(random, n++)}\n`;
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

interface Row {
  readonly name: string;
  readonly seconds: number;
  readonly events: number;
  readonly rssMb: number;
}

async function timeIngest(
  name: string,
  file: string,
  options: ReadOptions = {},
  isBatched = true,
): Promise<Row> {
  const start = process.hrtime.bigint();
  let peak = 0;
  const stream = readEvents([file], {
    ...options,
    onProgress: () => {
      const rss = process.memoryUsage.rss();
      if (rss > peak) peak = rss;
    },
  });
  let events = 0;
  if (isBatched) for await (const batch of stream.batches()) events += batch.length;
  else for await (const _ of stream) events++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { name, seconds, events, rssMb: peak / 1024 / 1024 };
}

/** The floor: split lines and JSON.parse each, nothing else. */
async function timeParseFloor(file: string): Promise<Row> {
  const start = process.hrtime.bigint();
  let events = 0;
  let peak = 0;
  const splitter = new LineSplitter({
    line: (text) => {
      if (text !== '') {
        JSON.parse(text);
        events++;
      }
    },
    tooLong: () => {},
  });
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    splitter.push(chunk as Buffer);
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  }
  splitter.end();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { name: 'floor: split + JSON.parse', seconds, events, rssMb: peak / 1024 / 1024 };
}

function timeCommand(name: string, command: string): Row | undefined {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', 'sh', '-c', command], {
    encoding: 'utf8',
  });
  if (run.status !== 0) return undefined;
  const [seconds, kb] = run.stderr.trim().split('\n').at(-1)?.split(' ') ?? [];
  return { name, seconds: Number(seconds), events: Number.NaN, rssMb: Number(kb) / 1024 };
}

await generate();
const bytes = statSync(FILE).size;
const gz = `${FILE}.gz`;
if (!existsSync(gz)) spawnSync('sh', ['-c', `gzip -1 -c ${FILE} > ${gz}`]);
const rows: Row[] = [];
rows.push(await timeParseFloor(FILE));
rows.push(await timeIngest('readEvents().batches() (jsonl)', FILE));
rows.push(await timeIngest('for await (event of readEvents()) (jsonl)', FILE, {}, false));
rows.push(
  await timeIngest('readEvents + lineFilter(cronjobs)', FILE, {
    lineFilter: (text) => text.includes('cronjobs'),
  }),
);
rows.push(await timeIngest('readEvents().batches() (gzip)', gz));
const jq = timeCommand(
  'jq select cronjobs',
  `jq -c 'select(.objectRef.resource=="cronjobs")' ${FILE} > /dev/null`,
);
if (jq) rows.push(jq);
const rg = timeCommand('rg -c cronjobs', `rg -c cronjobs ${FILE} > /dev/null`);
if (rg) rows.push(rg);
console.log(
  `node ${process.version}, ${cpus()[0]?.model ?? 'cpu'}, input ${(bytes / 1e6).toFixed(0)} MB (uncompressed)`,
);
console.log('| case | MB/s | events/s | peak RSS MB |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) {
  const events = Number.isNaN(row.events)
    ? '–'
    : Math.round(row.events / row.seconds).toLocaleString('en');
  console.log(
    `| ${row.name} | ${(bytes / 1e6 / row.seconds).toFixed(0)} | ${events} | ${row.rssMb.toFixed(0)} |`,
  );
}
