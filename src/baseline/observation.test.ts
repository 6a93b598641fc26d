import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NormalizedEvent } from '../ingest/event.js';
import { imageRef, observeJobWrite } from './observation.js';
import { isTestController, jobWrite } from './testing.js';

test('image references split into registry and repository', () => {
  assert.deepEqual(imageRef('alpine:3.20'), {
    image: 'alpine:3.20',
    registry: 'docker.io',
    repository: 'docker.io/library/alpine',
  });
  assert.deepEqual(imageRef('bitnami/kubectl'), {
    image: 'bitnami/kubectl',
    registry: 'docker.io',
    repository: 'docker.io/bitnami/kubectl',
  });
  assert.deepEqual(imageRef('localhost:5000/tools/x@sha256:abc'), {
    image: 'localhost:5000/tools/x@sha256:abc',
    registry: 'localhost:5000',
    repository: 'localhost:5000/tools/x',
  });
  assert.equal(imageRef('ghcr.io/x0r/pg-backup:15.4').repository, 'ghcr.io/x0r/pg-backup');
});

test('a write observation holds creator, template, schedule, client, source and a stable key', () => {
  const event = jobWrite({
    time: '2026-11-05T10:20:00Z',
    user: 'system:serviceaccount:shop:web',
    serviceAccount: 'runner',
    schedule: '@hourly',
    auditID: 'a-1',
  });
  const observation = observeJobWrite(event, isTestController);
  assert.ok(observation);
  assert.equal(observation.creatorKind, 'serviceaccount');
  assert.deepEqual(observation.serviceAccounts, ['runner']);
  assert.deepEqual(observation.schedule, { normalized: '0 * * * *', intervalMinutes: 60 });
  assert.equal(observation.userAgent?.normalized, 'kubectl/v1.30');
  assert.deepEqual(observation.sources, [{ ip: '198.51.100.20', network: '198.51.100.0/24' }]);
  assert.equal(observation.key, observeJobWrite({ ...event }, isTestController)?.key);
  assert.match(observation.key, /^[0-9a-f]{32}$/);
});

test('a JSON patch and a Request-level merge patch still give their images, not a service account', () => {
  const base = jobWrite({ time: '2026-11-05T10:20:00Z', verb: 'patch' });
  const withBody = (requestObject: unknown): NormalizedEvent => ({
    ...base,
    data: { ...base.data, requestObject, responseObject: undefined },
  });
  const jsonPatch = observeJobWrite(
    withBody([
      {
        op: 'replace',
        path: '/spec/jobTemplate/spec/template/spec/containers/0/image',
        value: 'ghcr.io/x/y:1',
      },
    ]),
    isTestController,
  );
  assert.deepEqual(
    jsonPatch?.images.map((image) => image.registry),
    ['ghcr.io'],
  );
  const mergePatch = observeJobWrite(
    withBody({
      spec: {
        jobTemplate: {
          spec: { template: { spec: { containers: [{ name: 'c', image: 'quay.io/a/b:2' }] } } },
        },
      },
    }),
    isTestController,
  );
  assert.deepEqual(
    mergePatch?.images.map((image) => image.registry),
    ['quay.io'],
  );
  assert.deepEqual(mergePatch?.serviceAccounts, []);
});

test('reads, denied writes and other resources are not job writes', () => {
  const base = jobWrite({ time: '2026-11-05T10:20:00Z' });
  const variant = (data: Record<string, unknown>): NormalizedEvent => ({
    ...base,
    data: { ...base.data, ...data },
  });
  assert.equal(observeJobWrite(variant({ verb: 'get' }), isTestController), undefined);
  assert.equal(
    observeJobWrite(variant({ responseStatus: { code: 403 } }), isTestController),
    undefined,
  );
  assert.equal(
    observeJobWrite(
      variant({ objectRef: { resource: 'deployments', namespace: 'x', name: 'y' } }),
      isTestController,
    ),
    undefined,
  );
});
