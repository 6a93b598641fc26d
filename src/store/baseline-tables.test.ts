import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { BaselineModel } from '../baseline/model.js';
import { jobWrite, modelOf, observe, paymentsHistory } from '../baseline/testing.js';
import { BaselineTables } from './baseline-tables.js';
import { openStore } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-baseline-tables-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fresh = () => join(dir, `store-${++files}.db`);

/** A model as plain data, for deep comparison. */
function plain(model: BaselineModel) {
  const profile = (p: BaselineModel['cluster']) => ({
    namespace: p.namespace,
    records: p.records,
    firstMs: p.firstMs,
    lastMs: p.lastMs,
    items: [...p.items]
      .map(([dimension, values]) => [dimension, [...values].sort(([a], [b]) => a.localeCompare(b))])
      .sort(),
    slots: [...p.slots].map(([creator, slots]) => [creator, [...slots].sort()]).sort(),
  });
  return {
    cluster: profile(model.cluster),
    namespaces: [...model.namespaces.values()]
      .map(profile)
      .sort((a, b) => a.namespace.localeCompare(b.namespace)),
  };
}

const history = [
  ...paymentsHistory(),
  jobWrite({ time: '2026-10-12T08:00:00Z', namespace: 'shop', resource: 'jobs', auditID: 's-1' }),
  jobWrite({
    time: '2026-10-13T09:00:00Z',
    namespace: 'shop',
    user: 'system:serviceaccount:ci:deployer',
    image: 'ghcr.io/acme/tool:1',
    sourceIP: '2001:db8::5',
    schedule: '*/10 * * * *',
    auditID: 's-2',
  }),
];

test('the store learns exactly what the in-memory model counts (differential)', () => {
  const store = openStore(fresh());
  const tables = new BaselineTables(store);
  tables.learn(history.map(observe));
  assert.deepEqual(plain(tables.load()), plain(modelOf(history)));
  store.close();
});

test('learning the same records twice counts them once', () => {
  const path = fresh();
  const store = openStore(path);
  const tables = new BaselineTables(store);
  const first = tables.learn(history.map(observe));
  assert.equal(first.learned, history.length);
  assert.equal(first.alreadyKnown, 0);
  const before = plain(tables.load());
  const second = tables.learn(history.map(observe));
  assert.equal(second.learned, 0);
  assert.equal(second.alreadyKnown, history.length);
  assert.deepEqual(second.newItems, []);
  assert.deepEqual(plain(tables.load()), before);
  store.close();
});

test('learning more logs later merges counts, widens the window and reports new items', () => {
  const path = fresh();
  const older = paymentsHistory(20);
  const newer = [
    ...paymentsHistory(30).slice(20),
    jobWrite({
      time: '2026-11-02T14:00:00Z',
      user: 'bob@example.com',
      image: 'quay.io/acme/batch:3',
      auditID: 'bob-1',
    }),
  ];
  const first = openStore(path);
  new BaselineTables(first).learn(older.map(observe));
  first.close();
  // A later run, after the store was closed: the raw logs of the first run are not needed.
  const second = openStore(path);
  const tables = new BaselineTables(second);
  const batch = tables.learn([...older.slice(15), ...newer].map(observe));
  assert.equal(batch.learned, newer.length);
  assert.equal(batch.alreadyKnown, 5);
  assert.deepEqual(
    batch.newItems
      .filter((item) => item.dimension === 'creator' || item.dimension === 'registry')
      .map((item) => `${item.dimension}=${item.value}`),
    ['creator=bob@example.com', 'registry=quay.io'],
  );
  const model = tables.load();
  assert.deepEqual(plain(model), plain(modelOf([...older, ...newer])));
  const payments = model.namespaces.get('payments');
  assert.equal(payments?.records, 31);
  assert.equal(new Date(payments?.firstMs ?? 0).toISOString().slice(0, 10), '2026-10-01');
  assert.equal(new Date(payments?.lastMs ?? 0).toISOString().slice(0, 10), '2026-11-02');
  second.close();
});

test('learn runs are recorded without record contents', () => {
  const store = openStore(fresh());
  const tables = new BaselineTables(store);
  tables.recordRun({
    at: '2026-11-25T10:00:00.000Z',
    inputs: ['audit/'],
    recordsSeen: 3,
    recordsLearned: 2,
    recordsAlreadyKnown: 1,
  });
  assert.deepEqual(tables.runs(), [
    {
      at: '2026-11-25T10:00:00.000Z',
      inputs: ['audit/'],
      recordsSeen: 3,
      recordsLearned: 2,
      recordsAlreadyKnown: 1,
    },
  ]);
  store.close();
});
