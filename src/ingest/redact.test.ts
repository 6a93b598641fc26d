import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REDACTED, redactAuditSecrets } from './redact.js';

test('a JSON patch on a Secret loses its data values', () => {
  const event = {
    objectRef: { resource: 'secrets', name: 's' },
    requestObject: [
      { op: 'replace', path: '/data/password', value: 'c2VjcmV0' },
      { op: 'add', path: '/metadata/labels/x', value: 'kept' },
    ],
  };
  redactAuditSecrets(event);
  assert.deepEqual(event.requestObject, [
    { op: 'replace', path: '/data/password', value: REDACTED },
    { op: 'add', path: '/metadata/labels/x', value: 'kept' },
  ]);
});

test('a merge patch and a SecretList response are redacted', () => {
  const event = {
    objectRef: { resource: 'secrets' },
    requestObject: { data: { k: 'v' } },
    responseObject: { kind: 'SecretList', items: [{ metadata: { name: 'a' }, data: { t: 'x' } }] },
  };
  redactAuditSecrets(event);
  assert.deepEqual(event.requestObject, { data: { k: REDACTED } });
  assert.deepEqual(event.responseObject.items[0]?.data, { t: REDACTED });
  assert.deepEqual(event.responseObject.items[0]?.metadata, { name: 'a' });
});

test('TokenReview tokens, TokenRequest tokens and Authorization headers are redacted', () => {
  const review = {
    objectRef: { resource: 'tokenreviews' },
    requestObject: { spec: { token: 'eyJhbGciOi' } },
    responseObject: {
      kind: 'TokenReview',
      spec: { token: 'eyJhbGciOi' },
      status: { authenticated: true },
    },
  };
  redactAuditSecrets(review);
  assert.doesNotMatch(JSON.stringify(review), /eyJ/);
  const request = {
    objectRef: { resource: 'serviceaccounts', subresource: 'token' },
    responseObject: {
      kind: 'TokenRequest',
      status: { token: 'eyJtoken', expirationTimestamp: 'x' },
    },
  };
  redactAuditSecrets(request);
  assert.equal(request.responseObject.status.token, REDACTED);
  const header = {
    requestObject: { kind: 'Secret', metadata: {}, headers: { Authorization: 'Bearer abc' } },
  };
  redactAuditSecrets(header);
  assert.equal(header.requestObject.headers.Authorization, REDACTED);
});

test('events that cannot carry secrets are left untouched', () => {
  const event = { objectRef: { resource: 'configmaps' }, requestObject: { data: { k: 'v' } } };
  redactAuditSecrets(event);
  assert.deepEqual(event.requestObject, { data: { k: 'v' } });
});
