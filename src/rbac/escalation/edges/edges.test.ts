import assert from 'node:assert/strict';
import { test } from 'node:test';
import { objectsFromYaml } from '../../../../test/k8s-yaml.js';
import { Authorizer } from '../../authorizer.js';
import { buildClusterModel } from '../../cluster-model.js';
import { userIdentity } from '../../identity.js';
import { EscalationGraph } from '../graph.js';
import { formatNode } from '../node.js';

/** A small cluster: namespaces a and b, accounts, one running pod, one legacy token. */
const BASE = `
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Namespace, metadata: {name: a}}
- {apiVersion: v1, kind: Namespace, metadata: {name: b}}
- {apiVersion: v1, kind: ServiceAccount, metadata: {name: builder, namespace: a}}
- apiVersion: v1
  kind: Secret
  type: kubernetes.io/service-account-token
  metadata: {name: builder-token, namespace: a, annotations: {kubernetes.io/service-account.name: builder}}
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: a}
  spec: {template: {spec: {serviceAccountName: builder, containers: [{name: c, image: x}]}}}
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: agg, labels: {}}
  aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg: "true"}}]}
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: small}
  rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
`;

function rules(yaml: string, scope: 'a' | 'cluster' = 'a', extra = '') {
  const bind =
    scope === 'a'
      ? `- apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata: {name: u, namespace: a}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: u}
  subjects: [{kind: User, name: u}]`
      : `- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata: {name: u}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: u}
  subjects: [{kind: User, name: u}]`;
  return `${BASE}- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: u}
  rules: ${yaml}
${bind}
${extra}`;
}

function steps(yaml: string): string[] {
  const graph = new EscalationGraph(new Authorizer(buildClusterModel(objectsFromYaml(yaml))));
  const start = { kind: 'identity' as const, identity: userIdentity('u') };
  return graph
    .edges(start)
    .map((edge) => `${edge.kind} → ${formatNode(edge.to)}`)
    .sort();
}

const CASES: ReadonlyArray<{ name: string; yaml: string; expected: string[] }> = [
  {
    name: 'create cronjobs ⇒ any account of the namespace',
    yaml: rules('[{apiGroups: [batch], resources: [cronjobs], verbs: [create]}]'),
    expected: ['create-workload → any service account of a'],
  },
  {
    name: 'patch deployments ⇒ rewrite the template account',
    yaml: rules('[{apiGroups: [apps], resources: [deployments], verbs: [patch]}]'),
    expected: ['update-workload → any service account of a'],
  },
  {
    name: 'update pods is no step (a pod account is immutable)',
    yaml: rules('[{apiGroups: [""], resources: [pods], verbs: [update, patch]}]'),
    expected: [],
  },
  {
    name: 'get pods/exec (WebSocket exec) ⇒ running pods',
    yaml: rules('[{apiGroups: [""], resources: [pods/exec], verbs: [get]}]'),
    expected: ['exec-pod → the service account of a running pod in a'],
  },
  {
    name: 'patch pods/ephemeralcontainers ⇒ running pods',
    yaml: rules('[{apiGroups: [""], resources: [pods/ephemeralcontainers], verbs: [patch]}]'),
    expected: ['exec-pod → the service account of a running pod in a'],
  },
  {
    name: 'create serviceaccounts/token respects resourceNames',
    yaml: rules(
      '[{apiGroups: [""], resources: [serviceaccounts/token], verbs: [create], resourceNames: [builder]}]',
    ),
    expected: ['serviceaccount-token → ServiceAccount a/builder'],
  },
  {
    name: 'create serviceaccounts/token without names ⇒ any account of the namespace',
    yaml: rules('[{apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}]'),
    expected: ['serviceaccount-token → any service account of a'],
  },
  {
    name: 'impersonate serviceaccounts without names ⇒ any account of the namespace',
    yaml: rules('[{apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}]'),
    expected: ['impersonate → any service account of a'],
  },
  {
    name: 'get secrets by name reaches the legacy token of that name only',
    yaml: rules(
      '[{apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [builder-token]}]',
    ),
    expected: ['read-token-secret → ServiceAccount a/builder'],
  },
  {
    name: 'get a different secret reaches nothing',
    yaml: rules('[{apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [other]}]'),
    expected: [],
  },
  {
    name: 'create + list secrets ⇒ mint a token for any account (and read the legacy one)',
    yaml: rules('[{apiGroups: [""], resources: [secrets], verbs: [create, list]}]'),
    expected: [
      'mint-token-secret → any service account of a',
      'read-token-secret → ServiceAccount a/builder',
    ],
  },
  {
    name: 'impersonate serviceaccounts ⇒ that account',
    yaml: rules(
      '[{apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate], resourceNames: [builder]}]',
    ),
    expected: ['impersonate → ServiceAccount a/builder'],
  },
  {
    name: 'impersonate groups without any user impersonation is no step',
    yaml: rules('[{apiGroups: [""], resources: [groups], verbs: [impersonate]}]', 'cluster'),
    expected: [],
  },
  {
    name: 'impersonate users and system:masters ⇒ cluster-admin',
    yaml: rules('[{apiGroups: [""], resources: [users, groups], verbs: [impersonate]}]', 'cluster'),
    expected: ['impersonate → User u', 'impersonate → cluster-admin'].filter(
      (e) => e !== 'impersonate → User u',
    ),
  },
  {
    name: 'bind alone is no step',
    yaml: rules(
      '[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}]',
    ),
    expected: [],
  },
  {
    name: 'create rolebindings alone is no step',
    yaml: rules(
      '[{apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}]',
    ),
    expected: [],
  },
  {
    name: 'create rolebindings + bind a named ClusterRole ⇒ hold it in the namespace',
    yaml: rules(
      '[{apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}, {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [small]}]',
    ),
    expected: ['bind-role → holder of ClusterRole/small in a'],
  },
  {
    name: 'create clusterrolebindings + bind any ClusterRole ⇒ cluster-admin',
    yaml: rules(
      '[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}, {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}]',
      'cluster',
    ),
    expected: ['bind-role → cluster-admin'],
  },
  {
    name: 'escalate alone is no step',
    yaml: rules(
      '[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate]}]',
      'cluster',
    ),
    expected: [],
  },
  {
    name: 'escalate + update the ClusterRole bound cluster-wide ⇒ cluster-admin',
    yaml: rules(
      '[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate, update], resourceNames: [u]}]',
      'cluster',
    ),
    expected: ['escalate-role → cluster-admin'],
  },
  {
    name: 'escalate + create ClusterRoles while bound to an aggregated ClusterRole ⇒ inject rules',
    yaml: rules(
      '[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate, create]}]',
      'cluster',
      `- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata: {name: u-agg}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: agg}
  subjects: [{kind: User, name: u}]`,
    ),
    expected: ['escalate-role → cluster-admin'],
  },
  {
    name: 'nodes/proxy ⇒ running pods of every namespace',
    yaml: rules('[{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]', 'cluster'),
    expected: ['nodes-proxy → the service account of a running pod in a'],
  },
  {
    name: 'CSR create + approval without the signer is no step',
    yaml: rules(
      '[{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create]}, {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}]',
      'cluster',
    ),
    expected: [],
  },
  {
    name: 'CSR create + approval + signer kubernetes.io/* ⇒ cluster-admin',
    yaml: rules(
      '[{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create]}, {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}, {apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve], resourceNames: ["kubernetes.io/*"]}]',
      'cluster',
    ),
    expected: ['csr-approve → cluster-admin'],
  },
  {
    name: 'write mutating webhooks ⇒ cluster-admin; validating ones are no step',
    yaml: rules(
      '[{apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations, validatingwebhookconfigurations], verbs: [create]}]',
      'cluster',
    ),
    expected: ['mutating-webhook → cluster-admin'],
  },
  {
    name: 'apiGroups "*" with pods matches the core group ⇒ any account',
    yaml: rules('[{apiGroups: ["*"], resources: [pods], verbs: [create]}]'),
    expected: ['create-workload → any service account of a'],
  },
  {
    name: '"*/*" grants no step',
    yaml: rules('[{apiGroups: ["*"], resources: ["*/*"], verbs: ["*"]}]', 'cluster'),
    expected: [],
  },
];

for (const item of CASES) {
  test(`escalation edge: ${item.name}`, () => {
    assert.deepEqual(steps(item.yaml), [...item.expected].sort());
  });
}
