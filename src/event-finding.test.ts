import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingObject, findingOrigin, findingTime, objectReferenceOf } from './event-finding.js';
import type { NormalizedEvent } from './ingest/event.js';

test('a finding points at the line, else the record index, else nowhere', () => {
  assert.deepEqual(findingOrigin({ file: 'a.log', line: 3, index: 2 }), { file: 'a.log', line: 3 });
  assert.deepEqual(findingOrigin({ file: 'b.json', index: 0 }), { file: 'b.json', index: 0 });
  assert.equal(findingOrigin({ file: 'c' }), undefined);
});

test('the finding time is the event time in ISO form, empty when unknown', () => {
  const event = (timeMs: number) =>
    ({ timeMs, data: {}, origin: { file: 'x' } }) as unknown as NormalizedEvent;
  assert.equal(findingTime(event(Date.UTC(2026, 10, 25, 9, 0, 0))), '2026-11-25T09:00:00.000Z');
  assert.equal(findingTime(event(Number.NaN)), '');
});

test('an objectRef becomes the object a finding names, with its kind and apiVersion', () => {
  const ref = objectReferenceOf({
    resource: 'cronjobs',
    namespace: 'payments',
    name: 'backup',
    apiGroup: 'batch',
    apiVersion: 'v1',
  });
  assert.deepEqual(findingObject(ref), {
    kind: 'CronJob',
    namespace: 'payments',
    name: 'backup',
    apiVersion: 'batch/v1',
  });
  // The core group has no prefix; RBAC resources get their kinds too.
  assert.deepEqual(
    findingObject(
      objectReferenceOf({ resource: 'pods', name: 'p', apiGroup: '', apiVersion: 'v1' }),
    ),
    { kind: 'Pod', name: 'p', apiVersion: 'v1' },
  );
  assert.deepEqual(findingObject({ resource: 'clusterrolebindings', name: 'admin' }), {
    kind: 'ClusterRoleBinding',
    name: 'admin',
  });
  // Other resources keep their plural; no version without apiVersion.
  assert.deepEqual(findingObject({ resource: 'secrets', name: 's', apiGroup: 'x' }), {
    kind: 'secrets',
    name: 's',
  });
});

test('wrong-typed or empty objectRef fields read as absent; no name, no object', () => {
  assert.deepEqual(objectReferenceOf(['cronjobs']), {});
  assert.deepEqual(objectReferenceOf(null), {});
  const ref = objectReferenceOf({ resource: 'jobs', name: '', namespace: 7 });
  assert.equal(ref.name, undefined);
  assert.equal(ref.namespace, undefined);
  assert.equal(findingObject(ref), undefined);
  assert.equal(findingObject({ name: 'x' }), undefined);
});
