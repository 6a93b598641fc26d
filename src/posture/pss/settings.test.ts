import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodSpec, SecurityContext } from './pod.js';
import { podAndContainerValues } from './settings.js';

const runAsUserOf = (context: SecurityContext | null | undefined) => context?.runAsUser;
const nonRoot = (uid: unknown) => uid !== 0;

test('invalid values name the pod first, then the containers in visiting order', () => {
  const spec: PodSpec = {
    securityContext: { runAsUser: 0 },
    initContainers: [{ name: 'init', securityContext: { runAsUser: 0 } }],
    containers: [
      { name: 'app', securityContext: { runAsUser: 1000 } },
      { name: 'side', securityContext: { runAsUser: 0 } },
    ],
    ephemeralContainers: [{ name: 'debug' }],
  };
  const values = podAndContainerValues(spec, runAsUserOf, nonRoot);
  assert.deepEqual(values.setters, ['pod', 'containers "init", "side"']);
  assert.deepEqual(values.invalid, [0, 0, 0]);
  // The pod sets an invalid value, so a container without its own is left without a valid one.
  assert.deepEqual(values.unset, ['debug']);
});

test('a valid pod value covers the containers that set nothing', () => {
  const spec: PodSpec = {
    securityContext: { runAsUser: 1000 },
    containers: [{ name: 'app' }, { name: 'root', securityContext: { runAsUser: 0 } }],
  };
  const values = podAndContainerValues(spec, runAsUserOf, nonRoot);
  assert.deepEqual(values.setters, ['container "root"']);
  assert.deepEqual(values.unset, []);
});

test('nothing set anywhere: no setters, every container unset', () => {
  const spec: PodSpec = { containers: [{ name: 'a' }, { securityContext: null }] };
  assert.deepEqual(podAndContainerValues(spec, runAsUserOf, nonRoot), {
    setters: [],
    invalid: [],
    unset: ['a', ''],
  });
});
