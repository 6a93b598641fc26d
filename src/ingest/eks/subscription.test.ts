import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fixturePath } from '../../../test/fixtures.js';
import { decodeText } from '../read-events.js';

const FILE = fixturePath('eks', 'subscription.b64');

test('base64 gzip subscription payloads decode; CONTROL_MESSAGE is skipped', () => {
  const out = decodeText(readFileSync(FILE, 'utf8'), { file: FILE });
  assert.equal(out.format, 'eks-subscription');
  assert.equal(out.stats.skipped['eks-control-message'], 1);
  assert.deepEqual(
    out.events.map((event) => [event.origin.line, event.origin.index, event.blindSpot?.reason]),
    [
      [2, 0, undefined],
      [2, 1, 'eks.truncated'],
      [4, 0, undefined],
    ],
  );
  const envelope = out.events[0]?.data.envelope as Record<string, unknown>;
  assert.equal(envelope.logGroup, '/aws/eks/prod/cluster');
});

test('an undecodable payload is an issue at its line and the next payload still decodes', () => {
  const out = decodeText(readFileSync(FILE, 'utf8'), { file: FILE });
  assert.equal(out.issues.length, 1);
  assert.equal(out.issues[0]?.code, 'CW_INGEST_BAD_PAYLOAD');
  assert.deepEqual(out.issues[0]?.location, { file: FILE, line: 3 });
  assert.equal(out.events.at(-1)?.origin.line, 4);
});

test('a payload whose JSON lacks logEvents is reported', () => {
  const line = gzipSync(Buffer.from('{"hello":"world"}')).toString('base64');
  const out = decodeText(`${line}\n`, { file: 's.b64', format: 'eks-subscription' });
  assert.equal(out.issues[0]?.code, 'CW_INGEST_BAD_PAYLOAD');
  assert.match(out.issues[0]?.message ?? '', /no messageType\/logEvents/);
});

test('decoded payloads concatenated without newlines (Firehose) decode too', () => {
  const payload = (id: string) =>
    JSON.stringify({
      messageType: 'DATA_MESSAGE',
      logGroup: '/aws/eks/prod/cluster',
      logEvents: [
        {
          id,
          timestamp: 1,
          message: JSON.stringify({
            kind: 'Event',
            apiVersion: 'audit.k8s.io/v1',
            auditID: id,
            verb: 'list',
          }),
        },
      ],
    });
  const out = decodeText(`${payload('a')}${payload('b')}\n`, { file: 'firehose' });
  assert.deepEqual(out.issues, []);
  assert.deepEqual(
    out.events.map((event) => event.data.auditID),
    ['a', 'b'],
  );
  assert.equal(out.format, 'eks-subscription');
});
