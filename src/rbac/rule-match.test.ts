import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PolicyRule } from './model.js';
import { type AccessRequest, resourceRequest, ruleAllows } from './rule-match.js';

function rule(partial: Partial<PolicyRule>): PolicyRule {
  return {
    verbs: [],
    apiGroups: [],
    resources: [],
    resourceNames: [],
    nonResourceURLs: [],
    ...partial,
  };
}

const nonResource = (verb: string, path: string): AccessRequest => ({
  kind: 'non-resource',
  verb,
  path,
});

const CASES: ReadonlyArray<{
  name: string;
  rule: PolicyRule;
  request: AccessRequest;
  allowed: boolean;
}> = [
  {
    name: 'an exact verb, group and resource match',
    rule: rule({ verbs: ['create'], apiGroups: ['batch'], resources: ['cronjobs'] }),
    request: resourceRequest('create', 'batch', 'cronjobs', 'ns'),
    allowed: true,
  },
  {
    name: 'another verb does not match',
    rule: rule({ verbs: ['get'], apiGroups: ['batch'], resources: ['cronjobs'] }),
    request: resourceRequest('create', 'batch', 'cronjobs', 'ns'),
    allowed: false,
  },
  {
    name: 'verbs * matches every verb',
    rule: rule({ verbs: ['*'], apiGroups: ['batch'], resources: ['cronjobs'] }),
    request: resourceRequest('deletecollection', 'batch', 'cronjobs', 'ns'),
    allowed: true,
  },
  {
    name: 'apiGroups * matches the core group "" (as the upstream APIGroupMatches does)',
    rule: rule({ verbs: ['create'], apiGroups: ['*'], resources: ['pods'] }),
    request: resourceRequest('create', '', 'pods', 'ns'),
    allowed: true,
  },
  {
    name: 'apiGroups * matches a named group',
    rule: rule({ verbs: ['create'], apiGroups: ['*'], resources: ['cronjobs'] }),
    request: resourceRequest('create', 'batch', 'cronjobs', 'ns'),
    allowed: true,
  },
  {
    name: 'the core group does not match batch resources',
    rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['cronjobs'] }),
    request: resourceRequest('create', 'batch', 'cronjobs', 'ns'),
    allowed: false,
  },
  {
    name: 'resources * matches every resource',
    rule: rule({ verbs: ['create'], apiGroups: ['batch'], resources: ['*'] }),
    request: resourceRequest('create', 'batch', 'jobs', 'ns'),
    allowed: true,
  },
  {
    name: 'resources * matches subresources too',
    rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['*'] }),
    request: resourceRequest('create', '', 'pods/exec', 'ns'),
    allowed: true,
  },
  {
    name: 'the parent resource does not grant its subresource',
    rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['pods'] }),
    request: resourceRequest('create', '', 'pods/exec', 'ns'),
    allowed: false,
  },
  {
    name: 'a subresource rule does not grant its parent',
    rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }),
    request: resourceRequest('create', '', 'pods', 'ns'),
    allowed: false,
  },
  {
    name: 'an exact subresource matches',
    rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }),
    request: resourceRequest('create', '', 'pods/exec', 'ns'),
    allowed: true,
  },
  {
    name: '*/scale matches the scale subresource of any resource',
    rule: rule({ verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] }),
    request: resourceRequest('update', 'apps', 'deployments/scale', 'ns'),
    allowed: true,
  },
  {
    name: '*/scale does not match another subresource',
    rule: rule({ verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] }),
    request: resourceRequest('update', 'apps', 'deployments/status', 'ns'),
    allowed: false,
  },
  {
    name: '*/scale does not match the parent resource',
    rule: rule({ verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] }),
    request: resourceRequest('update', 'apps', 'deployments', 'ns'),
    allowed: false,
  },
  {
    name: '*/* is not a wildcard: it does not match a resource',
    rule: rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*/*'] }),
    request: resourceRequest('create', 'batch', 'cronjobs', 'ns'),
    allowed: false,
  },
  {
    name: '*/* is not a wildcard: it does not match a subresource',
    rule: rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*/*'] }),
    request: resourceRequest('create', '', 'pods/exec', 'ns'),
    allowed: false,
  },
  {
    name: 'resourceNames allow the named object',
    rule: rule({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] }),
    request: resourceRequest('get', '', 'secrets', 'ns', 'a'),
    allowed: true,
  },
  {
    name: 'resourceNames refuse another object',
    rule: rule({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] }),
    request: resourceRequest('get', '', 'secrets', 'ns', 'b'),
    allowed: false,
  },
  {
    name: 'resourceNames refuse requests without a name (create, list)',
    rule: rule({
      verbs: ['*'],
      apiGroups: ['batch'],
      resources: ['cronjobs'],
      resourceNames: ['a'],
    }),
    request: resourceRequest('create', 'batch', 'cronjobs', 'ns'),
    allowed: false,
  },
  {
    name: 'a rule without resourceNames allows any name',
    rule: rule({ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }),
    request: resourceRequest('get', '', 'secrets', 'ns', 'anything'),
    allowed: true,
  },
  {
    name: 'a non-resource URL matches exactly',
    rule: rule({ verbs: ['get'], nonResourceURLs: ['/healthz'] }),
    request: nonResource('get', '/healthz'),
    allowed: true,
  },
  {
    name: 'a non-resource URL with * suffix matches by prefix',
    rule: rule({ verbs: ['get'], nonResourceURLs: ['/logs/*'] }),
    request: nonResource('get', '/logs/kube-apiserver.log'),
    allowed: true,
  },
  {
    name: 'a non-resource URL without * does not match a longer path',
    rule: rule({ verbs: ['get'], nonResourceURLs: ['/healthz'] }),
    request: nonResource('get', '/healthz/etcd'),
    allowed: false,
  },
  {
    name: 'nonResourceURLs * matches every path',
    rule: rule({ verbs: ['*'], nonResourceURLs: ['*'] }),
    request: nonResource('get', '/metrics'),
    allowed: true,
  },
  {
    name: 'a resource rule never matches a non-resource request',
    rule: rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }),
    request: nonResource('get', '/metrics'),
    allowed: false,
  },
  {
    name: 'a non-resource rule never matches a resource request',
    rule: rule({ verbs: ['*'], nonResourceURLs: ['*'] }),
    request: resourceRequest('get', '', 'pods', 'ns'),
    allowed: false,
  },
  {
    name: 'an empty rule allows nothing',
    rule: rule({}),
    request: resourceRequest('get', '', 'pods', 'ns'),
    allowed: false,
  },
];

for (const item of CASES) {
  test(`rule match: ${item.name}`, () => {
    assert.equal(ruleAllows(item.rule, item.request), item.allowed);
  });
}

test('a request for a Namespace object is scoped to that namespace (RequestInfo behaviour)', () => {
  const request = resourceRequest('get', '', 'namespaces', '', 'team-a');
  assert.equal(request.kind === 'resource' && request.namespace, 'team-a');
});
