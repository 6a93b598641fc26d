import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, Level } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import { loadAllowlist } from '../rules/allowlist.js';
import { incidentId } from './incident-id.js';
import { LineageObserver } from './lineage-observer.js';
import {
  CONTAINER_ID,
  CRONJOB_UID,
  cronJobCreate,
  jobCreate,
  podCreate,
  podStatus,
  process,
  write,
} from './testing.js';

function finding(
  rule: string,
  level: Level,
  origin: { file: string; line: number },
  object?: { kind: string; namespace: string; name: string },
): Finding {
  return {
    rule: { id: rule, title: `${rule} title`, source: 'pack' },
    level,
    tags: ['attack.t1053.007'],
    time: '2026-11-24T14:00:00.000Z',
    message: rule,
    origin,
    matched: [],
    ...(object ? { object } : {}),
  };
}

const chainEvents: NormalizedEvent[] = [
  cronJobCreate(1),
  jobCreate(2, { ownerReferences: [{ kind: 'CronJob', name: 'sync', uid: CRONJOB_UID }] }),
  podCreate(3, { labels: { 'job-name': 'sync-29925483' } }),
  podStatus(4),
  process(1, 4, { ContainerId: CONTAINER_ID.slice(0, 12) }),
];

function correlate(events: readonly NormalizedEvent[], findings: readonly Finding[]) {
  const observer = new LineageObserver(loadAllowlist());
  observer.observeAll(events);
  return observer.correlate(findings);
}

const CRON = { kind: 'CronJob', namespace: 'default', name: 'sync' };
const audit = (line: number) => ({ file: 'audit.jsonl', line });

test('findings along one chain make one incident rooted at the CronJob, naming its creator', () => {
  const findings = [
    finding('CW-003', 'high', audit(1), CRON),
    finding('CW-014', 'high', audit(3)),
    finding('CW-014', 'medium', { file: 'falco.jsonl', line: 1 }),
    finding('CW-012', 'medium', { file: 'sysmon.xml', line: 3 }),
  ];
  const { findings: out, incidents } = correlate(chainEvents, findings);
  assert.equal(incidents.length, 1);
  const [incident] = incidents;
  assert.equal(
    incident?.id,
    incidentId({ namespace: 'default', kind: 'CronJob', name: 'sync', uid: CRONJOB_UID }),
  );
  assert.deepEqual(incident?.root, CRON);
  assert.equal(incident?.level, 'high');
  assert.equal(incident?.createdBy?.user, 'mallory@contractor.example');
  assert.deepEqual(incident?.rules, ['CW-003', 'CW-014']);
  assert.deepEqual(
    incident?.chain.map((link) => link.kind),
    ['CronJob', 'Job', 'Pod', 'container', 'process'],
  );
  assert.equal(incident?.chain[4]?.detail, 'cmd: bash -i [linked by endpoint container id]');
  assert.equal(incident?.chain[1]?.detail, '[linked by ownerReferences uid]');
  assert.deepEqual(incident?.chain[0]?.origin, audit(1));
  assert.match(
    incident?.title ?? '',
    /^CronJob default\/sync: CW-003 title \(1 Job, 1 Pod, 1 container, 1 process\)$/,
  );
  assert.deepEqual(
    out.map((f) => f.incident),
    [incident?.id, incident?.id, incident?.id, undefined],
  );
});

test('a root with only low findings opens no incident and its findings stay unattached', () => {
  const { findings, incidents } = correlate(chainEvents, [
    finding('CW-001', 'low', audit(1), CRON),
  ]);
  assert.deepEqual(incidents, []);
  assert.equal(findings[0]?.incident, undefined);
  const withLow = new LineageObserver(loadAllowlist());
  withLow.observeAll(chainEvents);
  assert.equal(
    withLow.correlate([finding('CW-001', 'low', audit(1), CRON)], { minLevel: 'low' }).incidents
      .length,
    1,
  );
});

test('a finding on a record lineage did not keep still joins by the object it names', () => {
  const read = finding('CW-010', 'medium', audit(99), CRON);
  const { incidents, findings } = correlate(chainEvents, [read]);
  assert.equal(incidents.length, 1);
  assert.equal(findings[0]?.incident, incidents[0]?.id);
});

test('a bare Job is its own root; separate roots are separate incidents, highest level first', () => {
  const bare = write(7, 20, {
    resource: 'jobs',
    namespace: 'shop',
    name: 'cache-warm',
    user: 'system:serviceaccount:shop:web',
    response: {
      kind: 'Job',
      metadata: { name: 'cache-warm', namespace: 'shop', uid: 'u-1' },
      spec: {},
    },
  });
  const { incidents } = correlate(
    [...chainEvents, bare],
    [
      finding('CW-009', 'medium', audit(1), CRON),
      finding('CW-003', 'high', audit(7), { kind: 'Job', namespace: 'shop', name: 'cache-warm' }),
    ],
  );
  assert.deepEqual(
    incidents.map((i) => `${i.level} ${i.root.kind} ${i.root.name}`),
    ['high Job cache-warm', 'medium CronJob sync'],
  );
  assert.equal(incidents[0]?.createdBy?.isMachine, true);
  assert.deepEqual(
    incidents[0]?.chain.map((l) => l.kind),
    ['Job'],
  );
});

test('incident ids depend only on the root object', () => {
  const a = incidentId({ namespace: 'default', kind: 'CronJob', name: 'sync', uid: CRONJOB_UID });
  assert.match(a, /^INC-[0-9a-f]{12}$/);
  assert.equal(
    a,
    incidentId({ namespace: 'default', kind: 'CronJob', name: 'sync', uid: CRONJOB_UID }),
  );
  assert.notEqual(
    a,
    incidentId({ namespace: 'default', kind: 'CronJob', name: 'sync', uid: 'other' }),
  );
  assert.notEqual(
    a,
    incidentId({ namespace: 'default', kind: 'Job', name: 'sync', uid: CRONJOB_UID }),
  );
});

test('a shell in a Deployment pod makes no incident (not scheduled work)', () => {
  const deploymentPod = podCreate(3, {
    ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d9f8b6c5d', controller: true }],
  });
  const { incidents, findings } = correlate(
    [deploymentPod, podStatus(4), process(1, 4, { ContainerId: CONTAINER_ID })],
    [finding('SIGMA-shell', 'high', { file: 'falco.jsonl', line: 1 })],
  );
  assert.deepEqual(incidents, []);
  assert.equal(findings[0]?.incident, undefined);
});
