import assert from 'node:assert/strict';
import { test } from 'node:test';
import { salvageObjectPrefix } from './salvage.js';

test('keeps every top-level member that closed before the cut', () => {
  const cut =
    '{"auditID":"a","user":{"username":"u","groups":["x"]},"objectRef":{"resource":"cronjobs"},"requestObject":{"spec":{"sch';
  assert.deepEqual(salvageObjectPrefix(cut), {
    auditID: 'a',
    user: { username: 'u', groups: ['x'] },
    objectRef: { resource: 'cronjobs' },
  });
});

test('commas inside strings and nested objects do not end a member', () => {
  assert.deepEqual(salvageObjectPrefix('{"a":"x,y","b":{"c":1,"d":2},"e":"tr'), {
    a: 'x,y',
    b: { c: 1, d: 2 },
  });
});

test('a cut inside the first member gives an empty object; non-objects give undefined', () => {
  assert.deepEqual(salvageObjectPrefix('{"kind":"Ev'), {});
  assert.equal(salvageObjectPrefix('[1,2'), undefined);
  assert.equal(salvageObjectPrefix('text'), undefined);
});

test('a complete object is returned whole', () => {
  assert.deepEqual(salvageObjectPrefix('{"a":1,"b":2}'), { a: 1, b: 2 });
});
