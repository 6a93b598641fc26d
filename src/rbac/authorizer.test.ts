import assert from 'node:assert/strict';
import { test } from 'node:test';
import { objectsFromYaml } from '../../test/k8s-yaml.js';
import { Authorizer } from './authorizer.js';
import { buildClusterModel } from './cluster-model.js';
import { groupIdentity, type Identity, serviceAccountIdentity, userIdentity } from './identity.js';
import { type AccessRequest, resourceRequest } from './rule-match.js';

const YAML = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cron-editor}
rules:
- {verbs: [create, update], apiGroups: [batch], resources: [cronjobs]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring-pods
  labels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules:
- {verbs: [get, list], apiGroups: [""], resources: [pods]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring-endpoints
  labels: {rbac.example.com/aggregate-to-monitoring: "true", tier: extra}
rules:
- {verbs: [get], apiGroups: [""], resources: [endpoints]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: selective}
aggregationRule:
  clusterRoleSelectors:
  - matchExpressions:
    - {key: tier, operator: In, values: [extra]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: metrics-reader}
rules:
- {verbs: [get], nonResourceURLs: ["/metrics", "/debug/*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secret-a, namespace: team-a}
rules:
- {verbs: [get], apiGroups: [""], resources: [secrets], resourceNames: [db-password]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: alice-cron, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cron-editor}
subjects:
- {kind: User, name: alice}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: builder-secret, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-a}
subjects:
- {kind: ServiceAccount, name: builder}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: monitoring}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects:
- {kind: Group, name: sre}
- {kind: ServiceAccount, name: nowhere}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: selective}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: selective}
subjects:
- {kind: User, name: selective-user}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: metrics}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics-reader}
subjects:
- {kind: Group, name: system:serviceaccounts:observability}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: metrics-in-ns, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics-reader}
subjects:
- {kind: User, name: bob}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: by-username, namespace: team-b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cron-editor}
subjects:
- {kind: User, name: "system:serviceaccount:ci:deployer"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: all-sas, namespace: team-c}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cron-editor}
subjects:
- {kind: Group, name: system:serviceaccounts}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: everyone-reads}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring-pods}
subjects:
- {kind: Group, name: system:authenticated}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: anon-pods, namespace: public}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring-endpoints}
subjects:
- {kind: Group, name: system:unauthenticated}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dangling, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: does-not-exist}
subjects:
- {kind: User, name: carol}
`;

const authorizer = new Authorizer(buildClusterModel(objectsFromYaml(YAML, 'authz.yaml')));
const alice = userIdentity('alice');
const builder = serviceAccountIdentity('team-a', 'builder');

const CASES: ReadonlyArray<{
  name: string;
  who: Identity;
  request: AccessRequest;
  allowed: boolean;
}> = [
  {
    name: 'a RoleBinding to a ClusterRole grants its rules in the binding namespace',
    who: alice,
    request: resourceRequest('create', 'batch', 'cronjobs', 'team-a'),
    allowed: true,
  },
  {
    name: 'a RoleBinding to a ClusterRole grants nothing in another namespace',
    who: alice,
    request: resourceRequest('create', 'batch', 'cronjobs', 'team-b'),
    allowed: false,
  },
  {
    name: 'a RoleBinding to a ClusterRole grants nothing cluster-wide',
    who: alice,
    request: resourceRequest('create', 'batch', 'cronjobs', ''),
    allowed: false,
  },
  {
    name: 'a ServiceAccount subject without namespace takes the RoleBinding namespace',
    who: builder,
    request: resourceRequest('get', '', 'secrets', 'team-a', 'db-password'),
    allowed: true,
  },
  {
    name: 'resourceNames in a Role keep other secrets out',
    who: builder,
    request: resourceRequest('get', '', 'secrets', 'team-a', 'other'),
    allowed: false,
  },
  {
    name: 'resourceNames in a Role refuse list',
    who: builder,
    request: resourceRequest('list', '', 'secrets', 'team-a'),
    allowed: false,
  },
  {
    name: 'an aggregated ClusterRole holds the rules of the roles its selector matches',
    who: userIdentity('dana', ['sre']),
    request: resourceRequest('list', '', 'pods', 'anywhere'),
    allowed: true,
  },
  {
    name: 'an aggregated ClusterRole holds rules from every matching role',
    who: userIdentity('dana', ['sre']),
    request: resourceRequest('get', '', 'endpoints', 'anywhere'),
    allowed: true,
  },
  {
    name: 'an aggregated ClusterRole with matchExpressions takes only matching roles',
    who: userIdentity('selective-user'),
    request: resourceRequest('get', '', 'endpoints', 'x'),
    allowed: true,
  },
  {
    name: 'matchExpressions In leaves out roles without the label',
    who: userIdentity('selective-user'),
    request: resourceRequest('create', 'batch', 'cronjobs', 'x'),
    allowed: false,
  },
  {
    name: 'a ServiceAccount subject without namespace in a ClusterRoleBinding matches nobody',
    who: serviceAccountIdentity('default', 'nowhere'),
    request: resourceRequest('get', '', 'endpoints', 'x'),
    allowed: false,
  },
  {
    name: 'non-resource URLs are granted through a ClusterRoleBinding',
    who: serviceAccountIdentity('observability', 'prometheus'),
    request: { kind: 'non-resource', verb: 'get', path: '/debug/pprof' },
    allowed: true,
  },
  {
    name: 'system:serviceaccounts:<ns> does not reach service accounts of another namespace',
    who: serviceAccountIdentity('other', 'prometheus'),
    request: { kind: 'non-resource', verb: 'get', path: '/metrics' },
    allowed: false,
  },
  {
    name: 'non-resource URLs are never granted through a RoleBinding',
    who: userIdentity('bob'),
    request: { kind: 'non-resource', verb: 'get', path: '/metrics' },
    allowed: false,
  },
  {
    name: 'a User subject with a service-account username matches that service account',
    who: serviceAccountIdentity('ci', 'deployer'),
    request: resourceRequest('create', 'batch', 'cronjobs', 'team-b'),
    allowed: true,
  },
  {
    name: 'system:serviceaccounts reaches every service account',
    who: serviceAccountIdentity('anything', 'default'),
    request: resourceRequest('create', 'batch', 'cronjobs', 'team-c'),
    allowed: true,
  },
  {
    name: 'system:serviceaccounts does not reach users',
    who: userIdentity('eve'),
    request: resourceRequest('create', 'batch', 'cronjobs', 'team-c'),
    allowed: false,
  },
  {
    name: 'system:authenticated reaches every authenticated user',
    who: userIdentity('eve'),
    request: resourceRequest('get', '', 'pods', 'x'),
    allowed: true,
  },
  {
    name: 'system:authenticated does not reach the anonymous user',
    who: userIdentity('system:anonymous'),
    request: resourceRequest('get', '', 'pods', 'x'),
    allowed: false,
  },
  {
    name: 'system:unauthenticated reaches the anonymous user',
    who: userIdentity('system:anonymous'),
    request: resourceRequest('get', '', 'endpoints', 'public'),
    allowed: true,
  },
  {
    name: 'system:masters is allowed everything without any binding',
    who: userIdentity('root', ['system:masters']),
    request: resourceRequest('delete', '', 'nodes', ''),
    allowed: true,
  },
  {
    name: 'a binding to a missing role grants nothing',
    who: userIdentity('carol'),
    request: resourceRequest('get', '', 'endpoints', 'team-a'),
    allowed: false,
  },
  {
    name: 'a group analysed alone holds only the group rights',
    who: groupIdentity('sre'),
    request: resourceRequest('get', '', 'endpoints', 'x'),
    allowed: true,
  },
];

for (const item of CASES) {
  test(`authorizer: ${item.name}`, () => {
    assert.equal(authorizer.authorize(item.who, item.request).allowed, item.allowed);
  });
}

test('the decision cites the binding, the bound role and the aggregated source rule', () => {
  const decision = authorizer.authorize(
    userIdentity('dana', ['sre']),
    resourceRequest('list', '', 'pods', 'x'),
  );
  const grant = decision.grants.find((g) => g.binding?.name === 'monitoring');
  assert.ok(grant);
  assert.equal(grant.role?.name, 'monitoring');
  assert.equal(grant.roleRule?.source.name, 'monitoring-pods');
  assert.deepEqual(grant.binding?.origin, { file: 'authz.yaml', line: 66 });
});

test('who-can lists every subject with the grant that allows it', () => {
  const grants = authorizer.whoCan(resourceRequest('create', 'batch', 'cronjobs', ''), true);
  const subjects = grants.map((g) => `${g.subject?.kind}:${g.subject?.name}@${g.scope}`).sort();
  assert.deepEqual(subjects, [
    'Group:system:serviceaccounts@team-c',
    'User:alice@team-a',
    'User:system:serviceaccount:ci:deployer@team-b',
  ]);
});
