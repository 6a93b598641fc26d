import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../../test/fixtures.js';
import { decodeText } from '../read-events.js';

const FILE = fixturePath('gke', 'gcloud-logging-read.json');
const out = decodeText(readFileSync(FILE, 'utf8'), { file: FILE });
const [cronjob, exec, denied, truncated, namespaceGet, compute] = out.events;

function ref(event: { data: Record<string, unknown> } | undefined): unknown {
  return event?.data.objectRef;
}

test('a gcloud JSON array is streamed element by element with indexes and lines', () => {
  assert.equal(out.format, 'gke-cloud-audit');
  assert.deepEqual(out.issues, []);
  assert.deepEqual(
    out.events.map((event) => event.origin.index),
    [0, 1, 2, 3, 4, 5],
  );
  assert.equal(cronjob?.origin.line, 2);
});

test('a GKE CronJob create maps onto the audit Event and keeps the LogEntry fields', () => {
  assert.deepEqual(cronjob?.logsource, { product: 'kubernetes', service: 'audit' });
  const data = cronjob?.data ?? {};
  assert.equal(data.verb, 'create');
  assert.equal(data.auditID, '5c3a1e2f-0001');
  assert.equal(data.stage, 'ResponseComplete');
  assert.equal(data.level, 'RequestResponse');
  assert.deepEqual(ref(cronjob), {
    apiGroup: 'batch',
    apiVersion: 'v1',
    namespace: 'default',
    resource: 'cronjobs',
    name: 'updater',
  });
  assert.equal(data.requestURI, '/apis/batch/v1/namespaces/default/cronjobs');
  assert.deepEqual(data.user, { username: 'alice@example.com' });
  assert.deepEqual(data.sourceIPs, ['198.51.100.30']);
  assert.match(String(data.userAgent), /^kubectl\//);
  assert.deepEqual(data.responseStatus, { code: 201 });
  assert.equal((data.requestObject as { kind: string }).kind, 'CronJob');
  assert.equal(
    (data.protoPayload as { methodName: string }).methodName,
    'io.k8s.batch.v1.cronjobs.create',
  );
  assert.equal(cronjob?.timeMs, Date.parse('2026-03-02T10:15:00.140Z'));
});

test('core group becomes "" and exec is a ResponseStarted 101 subresource', () => {
  assert.deepEqual(ref(exec), {
    apiGroup: '',
    apiVersion: 'v1',
    namespace: 'default',
    resource: 'pods',
    name: 'web-0',
    subresource: 'exec',
  });
  assert.equal(exec?.data.stage, 'ResponseStarted');
  assert.deepEqual(exec?.data.responseStatus, { code: 101 });
  assert.equal(exec?.data.requestURI, '/api/v1/namespaces/default/pods/web-0/exec');
});

test('a google.rpc PERMISSION_DENIED becomes 403 with the decision forbid', () => {
  assert.deepEqual(denied?.data.responseStatus, {
    code: 403,
    rpcCode: 7,
    message: 'clusterrolebindings.rbac.authorization.k8s.io is forbidden',
  });
  const annotations = denied?.data.annotations as Record<string, string>;
  assert.equal(annotations['authorization.k8s.io/decision'], 'forbid');
  assert.equal((ref(denied) as { apiGroup: string }).apiGroup, 'rbac.authorization.k8s.io');
});

test('the audit.k8s.io/truncated LogEntry label is a blind spot', () => {
  assert.equal(truncated?.blindSpot?.reason, 'audit.k8s.io/truncated');
  assert.equal(namespaceGet?.blindSpot, undefined);
  assert.deepEqual(ref(namespaceGet), {
    apiGroup: '',
    apiVersion: 'v1',
    resource: 'namespaces',
    name: 'kube-system',
  });
});

test('a non-Kubernetes Cloud Audit entry stays a gcp.audit event, unchanged', () => {
  assert.deepEqual(compute?.logsource, { product: 'gcp', service: 'gcp.audit' });
  assert.equal(compute?.data.verb, undefined);
  assert.equal(
    (compute?.data.protoPayload as { serviceName: string } | undefined)?.serviceName,
    'compute.googleapis.com',
  );
});

test('a protoPayload that is not an object is a bad field', () => {
  const bad = decodeText('{"protoPayload":"oops","resource":{"type":"k8s_cluster"}}', {
    file: 'g',
  });
  assert.equal(bad.issues[0]?.code, 'CW_INGEST_BAD_FIELD');
  assert.deepEqual(bad.issues[0]?.location, { file: 'g', line: 1 });
});

test('a Secret in a GKE request is redacted in the mapped Event and in protoPayload', () => {
  const entry = {
    insertId: 's1',
    protoPayload: {
      serviceName: 'k8s.io',
      methodName: 'io.k8s.core.v1.secrets.create',
      resourceName: 'core/v1/namespaces/default/secrets/db',
      request: { kind: 'Secret', data: { password: 'aHVudGVyMg==' } },
      response: { kind: 'Secret', data: { password: 'aHVudGVyMg==' } },
    },
  };
  const secret = decodeText(JSON.stringify(entry), { file: 'g' });
  assert.equal(secret.events.length, 1);
  assert.doesNotMatch(JSON.stringify(secret.events[0]?.data), /aHVudGVyMg/);
});
