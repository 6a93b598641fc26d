import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Authorizer } from '../src/rbac/authorizer.js';
import { buildClusterModel } from '../src/rbac/cluster-model.js';
import { EscalationGraph, type EscalationTarget } from '../src/rbac/escalation/graph.js';
import type { EscalationNode } from '../src/rbac/escalation/node.js';
import { identityOfSubject, parseSubject } from '../src/rbac/identity.js';
import { loadRbacFixture } from './rbac-fixture.js';

const model = buildClusterModel(loadRbacFixture());
const graph = new EscalationGraph(new Authorizer(model));

function start(subject: string): EscalationNode {
  return { kind: 'identity', identity: identityOfSubject(parseSubject(subject)) };
}

const ADMIN: EscalationTarget = { kind: 'cluster-admin' };
const cron = (namespace: string): EscalationTarget => ({ kind: 'cronjobs', namespace });

const FOUND: ReadonlyArray<{
  who: string;
  target: EscalationTarget;
  steps: number;
  first?: string;
}> = [
  { who: 'alice', target: cron('batch-jobs'), steps: 1, first: 'create-workload' },
  { who: 'bob', target: ADMIN, steps: 2, first: 'exec-pod' },
  { who: 'carol', target: ADMIN, steps: 1, first: 'impersonate' },
  { who: 'dave', target: cron('team-b'), steps: 1, first: 'bind-role' },
  { who: 'grace', target: cron('batch-jobs'), steps: 1, first: 'create-workload' },
  { who: 'heidi', target: ADMIN, steps: 1, first: 'serviceaccount-token' },
  { who: 'ivan', target: ADMIN, steps: 2, first: 'nodes-proxy' },
  { who: 'judy', target: ADMIN, steps: 1, first: 'csr-approve' },
  { who: 'mallory', target: cron('team-c'), steps: 1, first: 'escalate-role' },
  { who: 'kate', target: cron('team-d'), steps: 0 },
  { who: 'group:ops', target: ADMIN, steps: 0 },
  { who: 'root-user', target: ADMIN, steps: 0 },
  { who: 'sa:team-b:default', target: cron('team-b'), steps: 0 },
  { who: 'sa:batch-jobs:nightly', target: cron('batch-jobs'), steps: 0 },
];

for (const item of FOUND) {
  const label =
    item.target.kind === 'cluster-admin' ? 'cluster-admin' : `cronjobs in ${item.target.namespace}`;
  test(`fixture: ${item.who} reaches ${label} in ${item.steps} step(s)`, () => {
    const [path] = graph.shortestPaths(start(item.who), [item.target]);
    assert.ok(path, 'path not found');
    assert.equal(path.steps.length, item.steps);
    if (item.first) assert.equal(path.steps[0]?.edge.kind, item.first);
    for (const step of path.steps)
      assert.ok(step.edge.evidence.length > 0, 'step without evidence');
  });
}

const EVERY_TARGET: EscalationTarget[] = [
  ADMIN,
  ...[...model.namespaces.keys()].map((namespace) => cron(namespace)),
];

const NOTHING = [
  { who: 'erin', why: 'bind + escalate without create/update on bindings or roles' },
  { who: 'frank', why: '"*/*" is not a wildcard' },
  { who: 'leo', why: 'the bound role does not exist' },
  { who: 'group:system:authenticated', why: 'viewing pods is no escalation' },
];

for (const item of NOTHING) {
  test(`fixture: ${item.who} reaches nothing (${item.why})`, () => {
    assert.deepEqual(graph.shortestPaths(start(item.who), EVERY_TARGET), []);
    assert.deepEqual(graph.edges(start(item.who)), []);
  });
}

test('fixture: alice does not reach cluster-admin', () => {
  assert.deepEqual(graph.shortestPaths(start('alice'), [ADMIN]), []);
});

test('fixture: bob path goes through prometheus and the admin-sa legacy token', () => {
  const [path] = graph.shortestPaths(start('bob'), [ADMIN]);
  assert.ok(path);
  const names = path.steps.map((step) =>
    step.edge.to.kind === 'identity' ? step.edge.to.identity.user : step.edge.to.kind,
  );
  assert.deepEqual(names, [
    'system:serviceaccount:monitoring:prometheus',
    'system:serviceaccount:kube-system:admin-sa',
  ]);
  assert.equal(path.steps[1]?.edge.kind, 'read-token-secret');
});
