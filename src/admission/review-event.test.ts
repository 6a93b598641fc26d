import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admissionReviewToAuditEvent } from './review-event.js';

test('a CronJob CREATE review becomes a create audit event with the object as both bodies', () => {
  const object = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'art' },
    spec: { schedule: '*/1 * * * *' },
  };
  const event = admissionReviewToAuditEvent({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: 'batch', version: 'v1', kind: 'CronJob' },
      resource: { group: 'batch', version: 'v1', resource: 'cronjobs' },
      namespace: 'default',
      operation: 'CREATE',
      userInfo: { username: 'alice', groups: ['system:authenticated'] },
      object,
      dryRun: true,
    },
  });
  assert.equal(event?.verb, 'create');
  assert.deepEqual(event?.objectRef, {
    resource: 'cronjobs',
    namespace: 'default',
    name: 'art',
    apiGroup: 'batch',
    apiVersion: 'v1',
  });
  assert.equal(event?.requestObject, object);
  assert.equal(event?.responseObject, object);
  assert.equal(event?.requestURI, '/apis/batch/v1/namespaces/default/cronjobs?dryRun=All');
  assert.equal(event?.auditID, '705ab4f5-6393-11e8-b7cc-42010a800002');
});

test('an UPDATE of a core resource keeps the subresource and the old object', () => {
  const event = admissionReviewToAuditEvent({
    request: {
      resource: { group: '', version: 'v1', resource: 'pods' },
      subResource: 'ephemeralcontainers',
      name: 'web',
      namespace: 'shop',
      operation: 'UPDATE',
      oldObject: { metadata: { name: 'web' } },
    },
  });
  assert.equal(event?.verb, 'update');
  assert.equal(event?.requestURI, '/api/v1/namespaces/shop/pods');
  assert.deepEqual(event?.objectRef, {
    resource: 'pods',
    namespace: 'shop',
    name: 'web',
    apiGroup: '',
    apiVersion: 'v1',
    subresource: 'ephemeralcontainers',
  });
  assert.deepEqual(event?.oldObject, { metadata: { name: 'web' } });
});

test('anything without a request is not an admission review', () => {
  assert.equal(admissionReviewToAuditEvent({ response: {} }), undefined);
  assert.equal(admissionReviewToAuditEvent('x'), undefined);
});
