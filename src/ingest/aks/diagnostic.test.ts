import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../../test/fixtures.js';
import { decodeText } from '../read-events.js';

function decodeFixture(name: string) {
  const file = fixturePath('aks', name);
  return decodeText(readFileSync(file, 'utf8'), { file });
}

test('AKS diagnostic records: properties.log is parsed as the audit Event', () => {
  const out = decodeFixture('diagnostic.jsonl');
  assert.equal(out.format, 'aks-diagnostic');
  const [first, second] = out.events;
  assert.equal(first?.data.verb, 'create');
  assert.deepEqual(first?.logsource, { product: 'kubernetes', service: 'audit' });
  assert.equal((first?.data.objectRef as Record<string, unknown> | undefined)?.name, 'aks-cron');
  const envelope = first?.data.envelope as Record<string, unknown>;
  assert.equal(envelope.category, 'kube-audit-admin');
  assert.match(String(envelope.resourceId), /MANAGEDCLUSTERS\/AKS-PROD$/);
  assert.equal((envelope.properties as Record<string, unknown>).log, undefined, 'log not copied');
  assert.equal(second?.blindSpot?.reason, 'aks.skipped-too-big-size-object');
  assert.match(second?.blindSpot?.detail ?? '', /requestObject and responseObject/);
});

test('non-audit AKS categories are skipped and counted; broken properties.log is an issue', () => {
  const out = decodeFixture('diagnostic.jsonl');
  assert.equal(out.events.length, 2);
  assert.deepEqual(out.stats.skipped, { 'aks-category:kube-apiserver': 1 });
  assert.equal(out.issues.length, 1);
  assert.equal(out.issues[0]?.code, 'CW_INGEST_MALFORMED_JSON');
  assert.deepEqual(out.issues[0]?.location, {
    file: fixturePath('aks', 'diagnostic.jsonl'),
    line: 4,
  });
  assert.match(out.issues[0]?.message ?? '', /properties\.log/);
});

test('Event Hub {"records":[…]} batches decode per record with their index', () => {
  const out = decodeFixture('eventhub-records.json');
  assert.equal(out.format, 'aks-diagnostic');
  assert.deepEqual(
    out.events.map((event) => [
      event.origin.index,
      (event.data.objectRef as { name: string }).name,
    ]),
    [
      [0, 'hub-a'],
      [2, 'hub-b'],
    ],
  );
  assert.equal(out.stats.skipped['aks-category:kube-apiserver'], 1);
});

test('an AKS record without properties.log is a bad-field issue', () => {
  const out = decodeText('{"category":"kube-audit","properties":{"stream":"stdout"}}', {
    file: 'x',
  });
  assert.equal(out.issues[0]?.code, 'CW_INGEST_BAD_FIELD');
  assert.deepEqual(out.issues[0]?.location, { file: 'x', line: 1 });
});
