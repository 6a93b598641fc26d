import assert from 'node:assert/strict';
import { test } from 'node:test';
import { objectsFromYaml } from '../../test/k8s-yaml.js';
import { buildClusterModel } from './cluster-model.js';

const BAD = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ok, namespace: a}
rules:
- {verbs: [get], apiGroups: [""], resources: [pods]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: broken, namespace: a}
rules: "not a list"
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb-to-role}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ok}
subjects: [{kind: User, name: x}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: no-kind, namespace: a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ok}
subjects: [{name: x}]
---
apiVersion: example.com/v1
kind: Role
metadata: {name: not-rbac, namespace: a}
`;

test('malformed RBAC objects become CW_RBAC_BAD_OBJECT issues at their file:line; the rest is read', () => {
  const model = buildClusterModel(objectsFromYaml(BAD, 'bad.yaml'));
  assert.deepEqual(
    model.issues.map((issue) => [issue.code, issue.location?.file, issue.location?.line]),
    [
      ['CW_RBAC_BAD_OBJECT', 'bad.yaml', 7],
      ['CW_RBAC_BAD_OBJECT', 'bad.yaml', 12],
      ['CW_RBAC_BAD_OBJECT', 'bad.yaml', 18],
    ],
  );
  assert.match(model.issues[0]?.message ?? '', /Role "a\/broken" left out .*rules/);
  assert.match(model.issues[1]?.message ?? '', /can only reference a ClusterRole/);
  assert.deepEqual([...model.roles.keys()], ['Role/a/ok']);
  assert.equal(model.bindings.length, 0);
});

test('every namespace gets its implicit default service account', () => {
  const model = buildClusterModel(
    objectsFromYaml('apiVersion: v1\nkind: Namespace\nmetadata: {name: n1}\n'),
  );
  assert.ok(model.serviceAccounts.has('n1/default'));
  assert.equal(model.hasNamespaceObjects, true);
});
