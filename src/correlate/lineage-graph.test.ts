import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NormalizedEvent } from '../ingest/event.js';
import { loadAllowlist } from '../rules/allowlist.js';
import type { LineageNode } from './lineage-graph.js';
import { LineageObserver } from './lineage-observer.js';
import {
  CONTAINER_ID,
  CRONJOB_UID,
  cronJobCreate,
  JOB_UID,
  jobCreate,
  POD_UID,
  podCreate,
  podStatus,
  process,
  write,
} from './testing.js';

const allowlist = loadAllowlist();

function resolve(events: readonly NormalizedEvent[]) {
  const observer = new LineageObserver(allowlist);
  observer.observeAll(events);
  return observer.resolve();
}

function path(node: LineageNode | undefined): string[] {
  const out: string[] = [];
  for (let n = node; n !== undefined; n = n.parent) out.unshift(`${n.kind} ${n.name}`);
  return out;
}

const pod = (graph: ReturnType<typeof resolve>) =>
  graph.objectNode('Pod', 'default', 'sync-29925483-k2x9q');
const job = (graph: ReturnType<typeof resolve>) =>
  graph.objectNode('Job', 'default', 'sync-29925483');

test('Job → CronJob by ownerReferences uid', () => {
  const graph = resolve([
    cronJobCreate(),
    jobCreate(2, {
      ownerReferences: [
        { kind: 'CronJob', name: 'other-name', uid: CRONJOB_UID, controller: true },
      ],
    }),
  ]);
  assert.equal(job(graph)?.parent?.name, 'sync');
  assert.equal(job(graph)?.linkedBy, 'ownerReferences uid');
});

test('Job → CronJob by ownerReferences name creates the CronJob even when its create is not logged', () => {
  const graph = resolve([jobCreate(2, { ownerReferences: [{ kind: 'CronJob', name: 'sync' }] })]);
  assert.deepEqual(path(job(graph)), ['CronJob sync', 'Job sync-29925483']);
  assert.equal(job(graph)?.linkedBy, 'ownerReferences name');
});

test('Job → CronJob by the <cronjob>-<minutes> name only when that CronJob was seen', () => {
  const seen = resolve([cronJobCreate(), jobCreate(2, {})]);
  assert.equal(job(seen)?.linkedBy, 'job name <cronjob>-<minutes>');
  assert.equal(job(seen)?.parent?.name, 'sync');
  const unseen = resolve([jobCreate(2, {})]);
  assert.equal(job(unseen)?.parent, undefined);
});

test('Pod → Job by ownerReferences', () => {
  const graph = resolve([
    podCreate(3, {
      ownerReferences: [{ kind: 'Job', name: 'sync-29925483', uid: JOB_UID, controller: true }],
    }),
  ]);
  assert.equal(pod(graph)?.parent?.kind, 'Job');
  assert.equal(pod(graph)?.linkedBy, 'ownerReferences uid');
});

test('Pod → Job by the controller-uid label', () => {
  const graph = resolve([
    jobCreate(2, {}),
    podCreate(3, { labels: { 'batch.kubernetes.io/controller-uid': JOB_UID } }),
  ]);
  assert.equal(pod(graph)?.parent, job(graph));
  assert.equal(pod(graph)?.linkedBy, 'controller-uid label');
});

test('Pod → Job by the job-name label', () => {
  const graph = resolve([podCreate(3, { labels: { 'job-name': 'sync-29925483' } })]);
  assert.equal(pod(graph)?.parent?.name, 'sync-29925483');
  assert.equal(pod(graph)?.linkedBy, 'job-name label');
});

test('Pod → Job by the <job>-<5 chars> name only when that Job was seen', () => {
  const graph = resolve([jobCreate(2, {}), podCreate(3, {})]);
  assert.equal(pod(graph)?.linkedBy, 'pod name <job>-<suffix>');
  assert.equal(
    resolve([podCreate(3, {})]).objectNode('Pod', 'default', 'sync-29925483-k2x9q')?.parent,
    undefined,
  );
});

test('a pod owned by a ReplicaSet is not put under a Job of a similar name', () => {
  const graph = resolve([
    jobCreate(2, {}),
    podCreate(3, {
      ownerReferences: [{ kind: 'ReplicaSet', name: 'sync-29925483', controller: true }],
    }),
  ]);
  assert.equal(pod(graph)?.parent, undefined);
});

test('container → Pod by the kubelet status containerID; a process joins on the 12-char id', () => {
  const graph = resolve([
    cronJobCreate(),
    jobCreate(2, { ownerReferences: [{ kind: 'CronJob', name: 'sync', uid: CRONJOB_UID }] }),
    podCreate(3, { labels: { 'job-name': 'sync-29925483' } }),
    podStatus(4),
    process(1, 4, { ContainerId: CONTAINER_ID.slice(0, 12) }),
  ]);
  const leaf = graph.byRecord.get('falco.jsonl\0L1')?.[0];
  assert.deepEqual(path(leaf), [
    'CronJob sync',
    'Job sync-29925483',
    'Pod sync-29925483-k2x9q',
    'container sync',
    'process /bin/bash',
  ]);
  assert.equal(leaf?.parent?.uid, CONTAINER_ID);
  assert.equal(leaf?.parent?.detail, 'image: alpine:3.20');
});

test('endpoint events join pods by PodUid and by PodName + PodNamespace', () => {
  const byUid = resolve([podCreate(3, {}), process(1, 4, { PodUid: POD_UID })]);
  assert.equal(byUid.byRecord.get('falco.jsonl\0L1')?.[0]?.parent?.name, 'sync-29925483-k2x9q');
  const byName = resolve([
    podCreate(3, {}),
    process(1, 4, {
      PodName: 'sync-29925483-k2x9q',
      PodNamespace: 'default',
      ContainerName: 'sync',
    }),
  ]);
  assert.deepEqual(path(byName.byRecord.get('falco.jsonl\0L1')?.[0]), [
    'Pod sync-29925483-k2x9q',
    'container sync',
    'process /bin/bash',
  ]);
  const wrongNamespace = resolve([
    podCreate(3, {}),
    process(1, 4, { PodName: 'sync-29925483-k2x9q', PodNamespace: 'other' }),
  ]);
  assert.equal(wrongNamespace.byRecord.get('falco.jsonl\0L1'), undefined);
});

test('a pod name alone is a link only when one namespace has that pod', () => {
  const other = write(9, 2, {
    resource: 'pods',
    namespace: 'other',
    response: {
      kind: 'Pod',
      metadata: { name: 'sync-29925483-k2x9q', namespace: 'other' },
      spec: {},
    },
  });
  const ambiguous = resolve([
    podCreate(3, {}),
    other,
    process(1, 4, { PodName: 'sync-29925483-k2x9q' }),
  ]);
  assert.equal(ambiguous.byRecord.get('falco.jsonl\0L1'), undefined);
  const unique = resolve([podCreate(3, {}), process(1, 4, { PodName: 'sync-29925483-k2x9q' })]);
  assert.equal(unique.byRecord.get('falco.jsonl\0L1')?.[0]?.kind, 'process');
});

test('the graph does not depend on the order the inputs were read in', () => {
  const events = [
    cronJobCreate(),
    jobCreate(2, {}),
    podCreate(3, {}),
    podStatus(4),
    process(1, 4, { ContainerId: CONTAINER_ID }),
  ];
  const forward = resolve(events);
  const backward = resolve([...events].reverse());
  const shape = (graph: ReturnType<typeof resolve>) =>
    [...graph.nodes.values()].map((n) => `${path(n).join(' → ')} ${n.linkedBy ?? ''}`).sort();
  assert.deepEqual(shape(backward), shape(forward));
  assert.equal(shape(forward).length, 5);
});

test('the person who creates and who last patches the CronJob are kept; controllers are not', () => {
  const patch = write(5, 30, {
    verb: 'patch',
    resource: 'cronjobs',
    name: 'sync',
    user: 'system:serviceaccount:ci:deployer',
    code: 200,
    request: { spec: { suspend: false } },
  });
  const controllerStatus = write(6, 31, {
    verb: 'update',
    resource: 'cronjobs',
    subresource: 'status',
    name: 'sync',
    user: 'system:serviceaccount:kube-system:cronjob-controller',
    code: 200,
  });
  const graph = resolve([cronJobCreate(), patch, controllerStatus]);
  const cron = graph.objectNode('CronJob', 'default', 'sync');
  assert.equal(cron?.createdBy?.user, 'mallory@contractor.example');
  assert.equal(cron?.createdBy?.verb, 'create');
  assert.deepEqual(cron?.createdBy?.sourceIPs, ['10.0.0.4']);
  assert.deepEqual(cron?.createdBy?.origin, { file: 'audit.jsonl', line: 1 });
  assert.equal(cron?.createdBy?.isMachine, undefined);
  assert.equal(cron?.lastChangedBy?.user, 'system:serviceaccount:ci:deployer');
  assert.equal(cron?.lastChangedBy?.isMachine, true);
  assert.equal(cron?.uid, CRONJOB_UID);
  assert.equal(cron?.detail, 'schedule: */1 * * * *');
});

test('refused and dry-run writes are not lineage', () => {
  const denied = write(1, 0, {
    resource: 'cronjobs',
    name: 'sync',
    user: 'mallory@contractor.example',
    code: 403,
  });
  assert.equal(resolve([denied]).nodes.size, 0);
});

test('an owner reference from any record of a Pod wins over its generated name', () => {
  // The status patch (no labels) comes first in time; the create with the owner is later.
  const status = write(1, 0, {
    verb: 'patch',
    resource: 'pods',
    subresource: 'status',
    name: 'sync-29925483-k2x9q',
    user: 'system:node:aks-nodepool1-1',
    code: 200,
    request: { status: {} },
  });
  const graph = resolve([
    jobCreate(2, {}),
    write(3, 1, {
      resource: 'jobs',
      name: 'other-job',
      response: { kind: 'Job', metadata: { name: 'other-job' }, spec: {} },
    }),
    status,
    podCreate(5, { ownerReferences: [{ kind: 'Job', name: 'other-job', controller: true }] }),
  ]);
  assert.equal(pod(graph)?.parent?.name, 'other-job');
  assert.equal(pod(graph)?.linkedBy, 'ownerReferences name');
});

test('a kubelet Event naming the container and a restart with a new id reuse the container', () => {
  const restarted = write(6, 9, {
    verb: 'patch',
    resource: 'pods',
    subresource: 'status',
    name: 'sync-29925483-k2x9q',
    user: 'system:node:aks-nodepool1-1',
    code: 200,
    request: {
      status: {
        containerStatuses: [{ name: 'sync', containerID: `containerd://${'c'.repeat(64)}` }],
      },
    },
  });
  const graph = resolve([
    podCreate(3, {}),
    podStatus(4),
    restarted,
    process(
      1,
      4,
      { PodName: 'sync-29925483-k2x9q', PodNamespace: 'default', ContainerName: 'sync' },
      '',
    ),
    process(2, 10, { ContainerId: 'c'.repeat(12) }),
  ]);
  const containers = [...graph.nodes.values()].filter((n) => n.kind === 'container');
  assert.equal(containers.length, 1);
  assert.equal(containers[0]?.uid, CONTAINER_ID);
  assert.equal(graph.byRecord.get('falco.jsonl\0L2')?.[0]?.parent, containers[0]);
});

test('a pod owned by a ReplicaSet remembers its owner and is never an incident root', () => {
  const graph = resolve([
    podCreate(3, {
      ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d9f8b6c5d', controller: true }],
    }),
  ]);
  assert.equal(pod(graph)?.foreignOwner, 'ReplicaSet/web-7d9f8b6c5d');
});

const kubectl = (line: number, minute: number, commandLine: string): NormalizedEvent => ({
  format: 'sysmon-xml',
  logsource: { product: 'windows', category: 'process_creation' },
  timeMs: Date.parse('2026-11-24T14:00:00Z') + minute * 60_000,
  data: { Image: 'C:\\Program Files\\Kubernetes\\kubectl.exe', CommandLine: commandLine },
  origin: { file: 'sysmon.xml', line },
});

test('a kubectl command joins the object its audit create shows, within the window', () => {
  const command = 'kubectl.exe create cronjob sync --image=alpine:3.20 --schedule="*/1 * * * *"';
  const joined = resolve([cronJobCreate(), kubectl(1, -4, command)]);
  assert.equal(joined.byRecord.get('sysmon.xml\0L1')?.[0]?.name, 'sync');
  // 20 minutes apart: a different request.
  const late = resolve([cronJobCreate(), kubectl(1, 20, command)]);
  assert.equal(late.byRecord.get('sysmon.xml\0L1'), undefined);
  // Another namespace, or a read, never joins.
  const elsewhere = resolve([cronJobCreate(), kubectl(1, 0, `${command} -n other`)]);
  assert.equal(elsewhere.byRecord.get('sysmon.xml\0L1'), undefined);
  const read = resolve([cronJobCreate(), kubectl(1, 0, 'kubectl.exe get cronjob sync')]);
  assert.equal(read.byRecord.get('sysmon.xml\0L1'), undefined);
});

test('a kubectl command does not join a write made by another client or another verb', () => {
  const helm = write(1, 0, {
    resource: 'cronjobs',
    name: 'sync',
    user: 'system:serviceaccount:ci:deployer',
    response: { kind: 'CronJob', metadata: { name: 'sync', namespace: 'default' }, spec: {} },
  });
  (helm.data as { userAgent: string }).userAgent = 'Helm/3.15.2';
  const graph = resolve([helm, kubectl(2, 1, 'kubectl create cronjob sync --image=a')]);
  assert.equal(graph.byRecord.get('sysmon.xml\0L2'), undefined);
  const patch = resolve([cronJobCreate(), kubectl(2, 1, 'kubectl patch cronjob sync -p {}')]);
  assert.equal(patch.byRecord.get('sysmon.xml\0L2'), undefined);
});
