import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../../test/fixtures.js';
import { decodeText } from '../read-events.js';

function decodeFixture(name: string) {
  const file = fixturePath('eks', name);
  return decodeText(readFileSync(file, 'utf8'), { file });
}

test('filter-log-events output: message strings decode, authenticator lines are skipped', () => {
  const out = decodeFixture('filter-log-events.json');
  assert.equal(out.format, 'eks-cloudwatch');
  assert.deepEqual(out.issues, []);
  assert.equal(out.events.length, 2);
  assert.equal(out.stats.skipped['eks-non-audit-message'], 1);
  const envelope = out.events[0]?.data.envelope as Record<string, unknown>;
  assert.match(String(envelope.logStreamName), /^kube-apiserver-audit-/);
});

test('a [Truncated...] message is a blind spot that keeps who and what', () => {
  const out = decodeFixture('filter-log-events.json');
  const truncated = out.events[1];
  assert.equal(truncated?.blindSpot?.reason, 'eks.truncated');
  assert.equal(truncated?.data.verb, 'create');
  assert.equal(
    (truncated?.data.user as { username: string } | undefined)?.username,
    'arn:aws:sts::111122223333:assumed-role/Admin/alice',
  );
  assert.deepEqual(truncated?.data.objectRef, {
    resource: 'cronjobs',
    namespace: 'default',
    name: 'eks-huge',
    apiGroup: 'batch',
    apiVersion: 'v1',
  });
  assert.equal(truncated?.data.requestObject, undefined, 'the cut body is not half-kept');
  assert.deepEqual(truncated?.origin.index, 1);
});

test('the export-to-S3 "<timestamp> <message>" lines decode with their line numbers', () => {
  const out = decodeFixture('s3-export.log');
  assert.equal(out.format, 'eks-cloudwatch');
  assert.deepEqual(
    out.events.map((event) => [event.origin.line, event.blindSpot?.reason]),
    [
      [1, undefined],
      [2, 'eks.truncated'],
      [3, undefined],
    ],
  );
});

test('a message that is cut JSON without the marker is a malformed record', () => {
  const line = JSON.stringify({
    timestamp: 1,
    logStreamName: 'kube-apiserver-audit-x',
    message: '{"kind":"Event","verb":"cre',
  });
  const out = decodeText(`${line}\n`, { file: 'cw.json' });
  assert.equal(out.issues[0]?.code, 'CW_INGEST_MALFORMED_JSON');
  assert.deepEqual(out.issues[0]?.location, { file: 'cw.json', line: 1 });
});

test('an ECS-style {"@timestamp", "message"} record is not taken for CloudWatch', () => {
  const ecs = JSON.stringify({
    '@timestamp': '2026-03-02T10:15:00Z',
    message: 'user logged in',
    process: { name: 'sshd' },
  });
  const out = decodeText(ecs, { file: 'ecs.json' });
  assert.equal(out.format, undefined);
  assert.equal(out.issues[0]?.code, 'CW_INGEST_UNKNOWN_FORMAT');
});
