import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventView } from './event-view.js';
import { resolvePath } from './field-path.js';
import { fieldSlot } from './field-slot.js';

const FIELDS = ['Image', 'CommandLine', 'a.b', 'a.c', 'constructor', 'missing', 'n'];

function expectSameAsResolve(view: EventView, data: Record<string, unknown>): void {
  for (const field of FIELDS)
    assert.deepEqual(view.value(fieldSlot(field)), resolvePath(data, field), field);
}

test('a view answers every field as resolvePath does, event after event', () => {
  const view = new EventView({});
  const events: Record<string, unknown>[] = [
    { Image: 'C:\\x.exe', CommandLine: 'x', n: 1 },
    { 'a.b': 'literal', a: { b: 'nested', c: 'only nested' } },
    { a: { b: ['x', 'y'] }, 'a.c': undefined },
    { Image: undefined, missing: null },
    {},
  ];
  for (const data of events) {
    view.reset(data);
    expectSameAsResolve(view, data);
  }
});

test('a view reads only own properties, also for objects that are not plain', () => {
  const polluted = Object.create({ Image: 'inherited' }) as Record<string, unknown>;
  polluted.CommandLine = 'own';
  const view = new EventView(polluted);
  assert.equal(view.value(fieldSlot('Image')), undefined);
  assert.equal(view.value(fieldSlot('CommandLine')), 'own');
  view.reset({ n: 2 });
  assert.equal(view.value(fieldSlot('constructor')), undefined);
  assert.equal(view.value(fieldSlot('n')), 2);
});

test('a view lowercases a field once per event', () => {
  const slot = fieldSlot('CommandLine');
  const view = new EventView({ CommandLine: 'WHOAMI' });
  assert.equal(view.lower(slot, view.value(slot) as string), 'whoami');
  view.reset({ CommandLine: 'NET USER' });
  assert.equal(view.lower(slot, view.value(slot) as string), 'net user');
});
