import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../../test/fixtures.js';
import { decodeText } from '../read-events.js';
import { ADMISSION_SOURCE_ANNOTATION, requestUriOf } from './admission-review.js';

test('AdmissionReview requests become audit Events with a source marker', () => {
  const file = fixturePath('admission', 'reviews.jsonl');
  const out = decodeText(readFileSync(file, 'utf8'), { file });
  assert.equal(out.format, 'admission-review');
  assert.equal(out.events.length, 4);
  const [cron, exec, update, again] = out.events;
  assert.ok(cron && exec && update && again);
  assert.deepEqual(cron.logsource, { product: 'kubernetes', service: 'audit' });
  assert.equal(cron.format, 'admission-review');
  assert.equal(cron.data.verb, 'create');
  assert.equal(cron.data.auditID, '0b1d7f00-3c55-4a0e-9d7e-5f8f5a1c2e01');
  assert.deepEqual(cron.data.objectRef, {
    resource: 'cronjobs',
    apiGroup: 'batch',
    apiVersion: 'v1',
    namespace: 'kube-system',
    name: 'updater',
  });
  assert.equal(cron.data.requestURI, '/apis/batch/v1/namespaces/kube-system/cronjobs/updater');
  assert.deepEqual(
    (cron.data.user as { username: string }).username,
    'system:serviceaccount:default:ci',
  );
  assert.equal((cron.data.requestObject as { kind: string }).kind, 'CronJob');
  assert.deepEqual(cron.data.annotations, { [ADMISSION_SOURCE_ANNOTATION]: 'admission-review' });
  assert.equal((cron.data.envelope as { source: string }).source, 'admission-review');
  assert.ok(Number.isNaN(cron.timeMs), 'AdmissionReviews carry no time');
  assert.equal(exec.data.verb, 'create', 'CONNECT is logged as create, like the audit log');
  assert.equal((exec.data.objectRef as { subresource: string }).subresource, 'exec');
  assert.equal(
    exec.data.requestURI,
    '/api/v1/namespaces/kube-system/pods/updater-28500000-abcde/exec',
  );
  assert.equal(update.data.verb, 'update');
  assert.equal((update.data.oldObject as { kind: string }).kind, 'Endpoints');
  assert.equal(again.origin.line, 7);
  assert.deepEqual(
    out.issues.map((issue) => [issue.code, issue.location?.line]),
    [
      ['CW_INGEST_BAD_FIELD', 4],
      ['CW_INGEST_BAD_FIELD', 5],
      ['CW_INGEST_UNTERMINATED_DOCUMENT', 6],
    ],
  );
  assert.match(
    out.issues[0]?.message ?? '',
    /operation must be CREATE, UPDATE, DELETE or CONNECT, found 7/,
  );
});

test('requestURI is rebuilt for core and named groups, cluster-scoped and collections', () => {
  assert.equal(
    requestUriOf({ version: 'v1', resource: 'namespaces', name: 'x' }),
    '/api/v1/namespaces/x',
  );
  assert.equal(
    requestUriOf({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' }),
    '/apis/rbac.authorization.k8s.io/v1/clusterroles',
  );
});
