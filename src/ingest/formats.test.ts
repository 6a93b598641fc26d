import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../test/fixtures.js';
import { REPO_ROOT } from '../../test/shared-data.js';
import { CronwardenError } from '../errors.js';
import { describeHead, detectFormat, FORMATS, getFormat } from './formats.js';
import { decodeText } from './read-events.js';
import { HEAD_CHARS } from './source-decoder.js';

test('format ids are unique and every one has a row in docs/ingest-formats.md', () => {
  const ids = FORMATS.map((format) => format.id);
  assert.equal(new Set(ids).size, ids.length);
  const doc = readFileSync(`${REPO_ROOT}/docs/ingest-formats.md`, 'utf8');
  for (const id of ids) assert.match(doc, new RegExp(`^\\| \`${id}\` \\|`, 'm'), id);
});

test('each envelope fixture is detected as its format from its head alone', () => {
  const cases: Array<[string[], string]> = [
    [['k8s-audit', 'audit.jsonl'], 'k8s-audit'],
    [['k8s-audit', 'eventlist-pretty.json'], 'k8s-event-list'],
    [['aks', 'diagnostic.jsonl'], 'aks-diagnostic'],
    [['aks', 'eventhub-records.json'], 'aks-diagnostic'],
    [['aks', 'azure-diagnostics.json'], 'aks-log-analytics'],
    [['aks', 'aksaudit.jsonl'], 'aks-log-analytics'],
    [['eks', 'filter-log-events.json'], 'eks-cloudwatch'],
    [['eks', 's3-export.log'], 'eks-cloudwatch'],
    [['eks', 'subscription.b64'], 'eks-subscription'],
    [['gke', 'gcloud-logging-read.json'], 'gke-cloud-audit'],
    [['azure', 'activity-log-export.json'], 'azure-activity-log'],
    [['azure', 'eventhub-records.json'], 'azure-activity-log'],
  ];
  for (const [parts, expected] of cases) {
    const head = readFileSync(fixturePath(...parts), 'utf8')
      .replace(/^\ufeff/, '')
      .slice(0, HEAD_CHARS);
    assert.equal(detectFormat(head)?.format.id, expected, parts.join('/'));
  }
});

test('a head holding only the start of a huge first record still detects by its keys', () => {
  const head = `{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"x","requestObject":{"a":"${'y'.repeat(70000)}`;
  assert.equal(detectFormat(head)?.format.id, 'k8s-audit');
});

test('unknown heads are described without their content', () => {
  assert.equal(detectFormat('{"kind": 0}'), undefined);
  assert.equal(describeHead('{"kind": 0}'), 'a JSON object with keys kind');
  assert.equal(describeHead('password=hunter2'), 'a text line of 16 chars that is not JSON');
});

test('getFormat rejects an unknown id with CW_INGEST_NO_SUCH_FORMAT', () => {
  assert.equal(getFormat('gke-cloud-audit').id, 'gke-cloud-audit');
  assert.throws(
    () => getFormat('gke'),
    (error: unknown) =>
      error instanceof CronwardenError && error.code === 'CW_INGEST_NO_SUCH_FORMAT',
  );
});

test('a detected stream mixing envelopes routes each record to its own format', () => {
  const raw = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    auditID: 'r',
    stage: 'ResponseComplete',
    verb: 'get',
  };
  const lines = [
    raw,
    { category: 'kube-audit', properties: { log: JSON.stringify({ ...raw, auditID: 'a' }) } },
    {
      insertId: 'g',
      protoPayload: { serviceName: 'k8s.io', methodName: 'io.k8s.batch.v1.jobs.create' },
    },
    {
      operationName: 'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/JOBS/WRITE',
      resourceId: '/s',
    },
    { kind: 'EventList', items: [{ ...raw, auditID: 'l' }] },
  ].map((line) => JSON.stringify(line));
  const out = decodeText(lines.join('\n'), { file: 'mixed' });
  assert.equal(out.format, 'k8s-audit');
  assert.deepEqual(out.issues, []);
  assert.deepEqual(
    out.events.map((event) => [event.format, event.origin.line]),
    [
      ['k8s-audit', 1],
      ['aks-diagnostic', 2],
      ['gke-cloud-audit', 3],
      ['azure-activity-log', 4],
      ['k8s-event-list', 5],
    ],
  );
});
