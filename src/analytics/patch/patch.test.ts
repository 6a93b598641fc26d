import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyPatch } from './apply.js';
import { applyJsonPatch, parsePointer } from './json-patch.js';
import { applyMergePatch, patchKind } from './merge-patch.js';

const cronJob = {
  spec: {
    schedule: '0 2 * * *',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'backup', image: 'registry.example.com/backup:1.4', args: ['--all'] },
              { name: 'sidecar', image: 'registry.example.com/log:2' },
            ],
          },
        },
      },
    },
  },
};
const containersOf = (object: unknown) =>
  (object as typeof cronJob).spec.jobTemplate.spec.template.spec.containers;

test('JSON pointers decode ~1 and ~0', () => {
  assert.deepEqual(parsePointer('/metadata/annotations/a~1b~0c'), [
    'metadata',
    'annotations',
    'a/b~c',
  ]);
});

test('a JSON patch replaces the image of the first container without touching the input', () => {
  const patched = applyJsonPatch(cronJob, [
    {
      op: 'replace',
      path: '/spec/jobTemplate/spec/template/spec/containers/0/image',
      value: 'evil:1',
    },
    { op: 'add', path: '/spec/jobTemplate/spec/template/spec/containers/-', value: { name: 'x' } },
  ]);
  assert.equal(containersOf(patched)[0]?.image, 'evil:1');
  assert.equal(containersOf(patched).length, 3);
  assert.equal(containersOf(cronJob)[0]?.image, 'registry.example.com/backup:1.4');
});

test('a JSON patch whose test fails or whose parent is missing does not apply', () => {
  assert.equal(
    applyJsonPatch(cronJob, [{ op: 'test', path: '/spec/schedule', value: 'x' }]),
    undefined,
  );
  assert.equal(
    applyJsonPatch(cronJob, [{ op: 'replace', path: '/spec/nope/x', value: 1 }]),
    undefined,
  );
  const moved = applyJsonPatch({ a: 1 }, [{ op: 'move', from: '/a', path: '/b' }]);
  assert.deepEqual(moved, { b: 1 });
});

test('a strategic merge patch merges containers by name; a merge patch replaces the list', () => {
  const body = {
    spec: {
      jobTemplate: {
        spec: { template: { spec: { containers: [{ name: 'backup', image: 'evil:2' }] } } },
      },
    },
  };
  const strategic = applyPatch(cronJob, body);
  assert.equal(strategic?.kind, 'strategic');
  assert.deepEqual(
    containersOf(strategic?.object).map((c) => [c.name, c.image]),
    [
      ['backup', 'evil:2'],
      ['sidecar', 'registry.example.com/log:2'],
    ],
  );
  assert.deepEqual(containersOf(strategic?.object)[0]?.args, ['--all']);
  const merge = applyPatch(cronJob, body, 'merge');
  assert.equal(containersOf(merge?.object).length, 1);
});

test('strategic directives delete a container and a null deletes a field', () => {
  const body = {
    spec: {
      schedule: null,
      jobTemplate: {
        spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } },
      },
    },
  };
  const patched = applyPatch(cronJob, body)?.object as typeof cronJob;
  assert.equal(patched.spec.schedule, undefined);
  assert.deepEqual(
    containersOf(patched).map((c) => c.name),
    ['backup'],
  );
});

test('the patch kind is inferred from the body', () => {
  assert.equal(patchKind([{ op: 'add', path: '/a', value: 1 }]), 'json');
  assert.equal(patchKind({ apiVersion: 'batch/v1', kind: 'CronJob', spec: {} }), 'apply');
  assert.equal(patchKind({ spec: { suspend: true } }), 'strategic');
  assert.equal(patchKind('text'), undefined);
  assert.deepEqual(applyMergePatch({ a: { b: 1, c: 2 } }, { a: { b: null } }), { a: { c: 2 } });
});
