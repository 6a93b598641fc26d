import assert from 'node:assert/strict';
import { test } from 'node:test';
import { objectsFromYaml } from '../../test/k8s-yaml.js';
import { Authorizer } from './authorizer.js';
import { buildClusterModel } from './cluster-model.js';
import { groupIdentity } from './identity.js';
import { resourceRequest } from './rule-match.js';

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
  const model = buildClusterModel(objectsFromYaml(BAD, 'bad.yaml'), { bootstrapRoles: false });
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

const EDIT_BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs-edit, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: devs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: widgets-edit
  labels: {rbac.authorization.k8s.io/aggregate-to-edit: "true"}
rules: [{apiGroups: [example.com], resources: [widgets], verbs: [create]}]
`;

test('manifests binding the built-in edit role get its rules, aggregation labels included', () => {
  const authorizer = new Authorizer(buildClusterModel(objectsFromYaml(EDIT_BINDING)));
  const devs = groupIdentity('devs');
  const allowed = (verb: string, group: string, resource: string) =>
    authorizer.authorize(devs, resourceRequest(verb, group, resource, 'team')).allowed;
  assert.equal(allowed('create', 'batch', 'cronjobs'), true);
  assert.equal(allowed('create', '', 'pods/exec'), true);
  assert.equal(allowed('impersonate', '', 'serviceaccounts'), true);
  assert.equal(allowed('get', 'batch', 'cronjobs'), true, 'view rules aggregate into edit');
  assert.equal(allowed('create', 'example.com', 'widgets'), true, 'user role aggregated into edit');
  assert.equal(allowed('create', 'rbac.authorization.k8s.io', 'rolebindings'), false, 'admin only');
  const decision = authorizer.authorize(
    devs,
    resourceRequest('create', 'batch', 'cronjobs', 'team'),
  );
  assert.equal(decision.grants[0]?.roleRule?.source.name, 'system:aggregate-to-edit');
});

test('a role of the input wins over the built-in one of the same name', () => {
  const own = `${EDIT_BINDING}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: edit}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
`;
  const authorizer = new Authorizer(buildClusterModel(objectsFromYaml(own)));
  const request = resourceRequest('create', 'batch', 'cronjobs', 'team');
  assert.equal(authorizer.authorize(groupIdentity('devs'), request).allowed, false);
});
