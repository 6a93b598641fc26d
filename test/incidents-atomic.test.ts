/**
 * The Atomic Red Team T1053.007 test (`kubectl create -f cronjob.yaml`) as a cluster with a
 * Metadata-level policy for controller writes records it: the operator's create carries the
 * manifest, the cronjob-controller's Job and the job-controller's Pod carry no body. The
 * incident still gathers the whole run through the `<cronjob>-<minutes>` and `<job>-<5 chars>`
 * names, and names the operator, not the controllers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { hunt } from '../src/hunt.js';
import { sharedPath, skipUnlessShared } from './shared-data.js';

const ART = 'data/real/atomic-red-team-T1053.007/cronjob.yaml';
const dir = mkdtempSync(join(tmpdir(), 'cw-art-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function record(fields: Record<string, unknown>, time: string, id: string) {
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    auditID: id,
    stage: 'ResponseComplete',
    sourceIPs: ['10.224.0.4'],
    responseStatus: { metadata: {}, code: 201 },
    requestReceivedTimestamp: time,
    stageTimestamp: time,
    ...fields,
  });
}

test('the Atomic Red Team CronJob, its Job and Pod form one incident naming the operator', {
  skip: skipUnlessShared(ART),
}, async () => {
  const manifest = parse(readFileSync(sharedPath(ART), 'utf8')) as Record<string, unknown>;
  const minutes = Math.floor(Date.parse('2026-11-24T10:01:00Z') / 60_000);
  const lines = [
    record(
      {
        level: 'Request',
        requestURI: '/apis/batch/v1beta1/namespaces/default/cronjobs?fieldManager=kubectl-create',
        verb: 'create',
        user: { username: 'atomic-operator', groups: ['system:authenticated'] },
        sourceIPs: ['198.51.100.7'],
        userAgent: 'kubectl/v1.24.17 (linux/amd64) kubernetes/22a9682',
        objectRef: { resource: 'cronjobs', namespace: 'default', name: 'art', apiGroup: 'batch' },
        requestObject: manifest,
      },
      '2026-11-24T10:00:12.000000Z',
      'a1',
    ),
    record(
      {
        level: 'Metadata',
        requestURI: '/apis/batch/v1/namespaces/default/jobs',
        verb: 'create',
        user: { username: 'system:serviceaccount:kube-system:cronjob-controller' },
        objectRef: {
          resource: 'jobs',
          namespace: 'default',
          name: `art-${minutes}`,
          apiGroup: 'batch',
        },
      },
      '2026-11-24T10:01:00.100000Z',
      'a2',
    ),
    record(
      {
        level: 'Metadata',
        requestURI: '/api/v1/namespaces/default/pods',
        verb: 'create',
        user: { username: 'system:serviceaccount:kube-system:job-controller' },
        objectRef: {
          resource: 'pods',
          namespace: 'default',
          name: `art-${minutes}-q7x2m`,
          apiVersion: 'v1',
        },
      },
      '2026-11-24T10:01:00.300000Z',
      'a3',
    ),
  ];
  const file = join(dir, 'art-audit.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const { report } = await hunt({ paths: [file] });
  assert.equal(report.incidents.length, 1, JSON.stringify(report.findings.map((f) => f.rule.id)));
  const [incident] = report.incidents;
  assert.deepEqual(incident?.root, { kind: 'CronJob', namespace: 'default', name: 'art' });
  assert.equal(incident?.createdBy?.user, 'atomic-operator');
  assert.deepEqual(incident?.createdBy?.sourceIPs, ['198.51.100.7']);
  assert.match(incident?.title ?? '', /\(1 Job, 1 Pod\)$/);
  assert.ok(
    report.findings
      .filter((f) => f.object?.name === 'art')
      .every((f) => f.incident === incident?.id),
  );
});
