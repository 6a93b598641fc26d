import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMethodName, parseResourceName, requestPath } from './resource-path.js';

test('methodName: group, version, resource, subresource and verb', () => {
  const cases: Array<[string, unknown]> = [
    [
      'io.k8s.batch.v1.cronjobs.create',
      { verb: 'create', group: 'batch', version: 'v1', resource: 'cronjobs' },
    ],
    [
      'io.k8s.core.v1.pods.exec.create',
      { verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'exec' },
    ],
    [
      'io.k8s.rbac.v1.roles.patch',
      { verb: 'patch', group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles' },
    ],
    [
      'io.k8s.batch.v1beta1.cronjobs.update',
      { verb: 'update', group: 'batch', version: 'v1beta1', resource: 'cronjobs' },
    ],
    ['io.k8s.get', { verb: 'get' }],
    ['io.k8s.readyz', { verb: 'readyz' }],
  ];
  for (const [method, expected] of cases)
    assert.deepEqual(parseMethodName(method), expected, method);
  assert.equal(parseMethodName('v1.compute.instances.insert'), undefined);
});

test('resourceName: namespaced, cluster-scoped, subresource and namespaces themselves', () => {
  assert.deepEqual(parseResourceName('batch/v1/namespaces/default/cronjobs/backup-job'), {
    apiGroup: 'batch',
    apiVersion: 'v1',
    namespace: 'default',
    resource: 'cronjobs',
    name: 'backup-job',
  });
  assert.deepEqual(parseResourceName('core/v1/namespaces/default/pods/nginx/exec'), {
    apiGroup: '',
    apiVersion: 'v1',
    namespace: 'default',
    resource: 'pods',
    name: 'nginx',
    subresource: 'exec',
  });
  assert.deepEqual(parseResourceName('rbac.authorization.k8s.io/v1/clusterroles/admin'), {
    apiGroup: 'rbac.authorization.k8s.io',
    apiVersion: 'v1',
    resource: 'clusterroles',
    name: 'admin',
  });
  assert.deepEqual(parseResourceName('core/v1/namespaces/foo'), {
    apiGroup: '',
    apiVersion: 'v1',
    resource: 'namespaces',
    name: 'foo',
  });
  assert.equal(parseResourceName('readyz'), undefined);
});

test('requestPath rebuilds the API path (creates go to the collection)', () => {
  const ref = parseResourceName('batch/v1/namespaces/default/cronjobs/x');
  assert.ok(ref);
  assert.equal(requestPath(ref, 'create'), '/apis/batch/v1/namespaces/default/cronjobs');
  assert.equal(requestPath(ref, 'patch'), '/apis/batch/v1/namespaces/default/cronjobs/x');
  const core = parseResourceName('core/v1/namespaces/default/pods/p/exec');
  assert.ok(core);
  assert.equal(requestPath(core, 'create'), '/api/v1/namespaces/default/pods/p/exec');
});
