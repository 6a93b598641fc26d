import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CRONJOB_TAMPERING, diffCronJobs } from './cronjob-tampering.js';
import { auditEvent, instantiate, run } from './testing.js';

const backup = (image: string, schedule = '0 2 * * *') => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'backup', namespace: 'prod' },
  spec: {
    schedule,
    jobTemplate: {
      spec: {
        template: {
          spec: {
            serviceAccountName: 'backup',
            containers: [{ name: 'backup', image, command: ['/backup.sh'] }],
          },
        },
      },
    },
  },
});
const ref = { resource: 'cronjobs', namespace: 'prod', name: 'backup', apiGroup: 'batch' };
const alice = { username: 'alice@example.com' };
const created = auditEvent(
  {
    verb: 'create',
    objectRef: ref,
    user: { username: 'ci' },
    requestObject: backup('registry.example.com/backup:1.4'),
    responseStatus: { code: 201 },
  },
  1,
);

test('a strategic patch that swaps the image is reported before → after, high', () => {
  const patch = auditEvent(
    {
      verb: 'patch',
      objectRef: ref,
      user: alice,
      responseStatus: { code: 200 },
      requestObject: {
        spec: {
          jobTemplate: {
            spec: {
              template: { spec: { containers: [{ name: 'backup', image: 'evil.io/x:1' }] } },
            },
          },
        },
      },
    },
    2,
  );
  const findings = run(instantiate(CRONJOB_TAMPERING), [created, patch]);
  assert.equal(findings.length, 1);
  const finding = findings[0]!; // length checked above
  assert.equal(finding.rule.id, 'CW-005');
  assert.equal(finding.level, 'high');
  assert.deepEqual(finding.origin, { file: 'audit.jsonl', line: 2 });
  assert.deepEqual(finding.related, [{ file: 'audit.jsonl', line: 1 }]);
  assert.ok(
    finding.evidence?.includes(
      'containers/backup image: registry.example.com/backup:1.4 → evil.io/x:1',
    ),
  );
  assert.match(finding.message, /alice@example.com patched CronJob prod\/backup and changed image/);
});

test('a JSON patch of the schedule is medium and the responseObject wins over replaying', () => {
  const patch = auditEvent(
    {
      verb: 'patch',
      objectRef: ref,
      user: alice,
      responseStatus: { code: 200 },
      requestObject: [{ op: 'replace', path: '/spec/schedule', value: '* * * * *' }],
      responseObject: backup('registry.example.com/backup:1.4', '* * * * *'),
    },
    3,
  );
  const [finding] = run(instantiate(CRONJOB_TAMPERING), [created, patch]);
  assert.equal(finding?.level, 'medium');
  assert.deepEqual(finding?.evidence?.slice(0, 1), ['schedule: 0 2 * * * → * * * * *']);
});

test('an update by the controller, a label-only patch and a denied patch are not reported', () => {
  const controllerUpdate = auditEvent(
    {
      verb: 'update',
      objectRef: ref,
      user: { username: 'system:serviceaccount:kube-system:cronjob-controller' },
      requestObject: backup('other:1'),
    },
    4,
  );
  const labelPatch = auditEvent(
    {
      verb: 'patch',
      objectRef: ref,
      user: alice,
      requestObject: { metadata: { labels: { team: 'a' } } },
    },
    5,
  );
  const denied = auditEvent(
    {
      verb: 'patch',
      objectRef: ref,
      user: alice,
      responseStatus: { code: 403, status: 'Failure' },
      requestObject: [{ op: 'replace', path: '/spec/schedule', value: '* * * * *' }],
    },
    6,
  );
  assert.deepEqual(
    run(instantiate(CRONJOB_TAMPERING), [created, controllerUpdate, labelPatch, denied]),
    [],
  );
});

test('a patch of a CronJob never seen is reported from its body alone', () => {
  const patch = auditEvent(
    {
      verb: 'patch',
      objectRef: ref,
      user: alice,
      requestObject: [
        {
          op: 'replace',
          path: '/spec/jobTemplate/spec/template/spec/containers/0/image',
          value: 'evil:2',
        },
      ],
    },
    7,
  );
  const [finding] = run(instantiate(CRONJOB_TAMPERING), [patch]);
  assert.equal(finding?.level, 'high');
  assert.ok(finding?.evidence?.includes('diffed from: patch body (previous state unknown)'));
});

test('the diff lists added containers and service-account changes', () => {
  const before = backup('a:1');
  const after = structuredClone(before);
  after.spec.jobTemplate.spec.template.spec.serviceAccountName = 'admin';
  after.spec.jobTemplate.spec.template.spec.containers.push({
    name: 'x',
    image: 'x:1',
    command: ['sh'],
  });
  const fields = diffCronJobs(before, after).map((change) => change.field);
  assert.deepEqual(fields.sort(), [
    'containers/x',
    'containers/x command',
    'containers/x image',
    'serviceAccountName',
  ]);
});
