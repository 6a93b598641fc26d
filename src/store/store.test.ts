import assert from 'node:assert/strict';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { CronwardenError } from '../errors.js';
import { BaselineTables } from './baseline-tables.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { openStore, STORE_APPLICATION_ID } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fresh = () => join(dir, `store-${++files}.db`);
const NOW = () => Date.parse('2026-11-25T10:00:00Z');

function rejects(run: () => unknown, code: string, file: string): CronwardenError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CronwardenError, String(error));
    assert.equal(error.code, code, error.message);
    assert.deepEqual(error.location, { file });
    return error;
  }
  assert.fail(`expected ${code}`);
}

const NOTES_V2: Migration = {
  version: 2,
  description: 'notes',
  up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT'),
};

test('a new store is created with its folder, WAL, our application id and schema version 1', () => {
  const path = join(dir, 'nested', 'deeper', 'cronwarden.db');
  const store = openStore(path, { now: NOW });
  assert.equal(store.schemaVersion, MIGRATIONS.length);
  assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(store.db.pragma('application_id', { simple: true }), STORE_APPLICATION_ID);
  assert.deepEqual(store.history(), [
    { version: 1, description: MIGRATIONS[0]?.description, appliedAt: '2026-11-25T10:00:00.000Z' },
  ]);
  store.close();
  const again = openStore(path);
  assert.equal(again.history().length, 1, 'reopening applies nothing');
  again.close();
});

test('migrations move forward only and keep the data', () => {
  const path = fresh();
  const v1 = openStore(path, { migrations: MIGRATIONS });
  v1.db.prepare('INSERT INTO bl_namespaces (namespace, records) VALUES (?, ?)').run('shop', 3);
  v1.close();
  const v2 = openStore(path, { migrations: [...MIGRATIONS, NOTES_V2] });
  assert.equal(v2.schemaVersion, 2);
  assert.deepEqual(
    v2.history().map((m) => m.version),
    [1, 2],
  );
  assert.equal(
    (v2.db.prepare('SELECT records FROM bl_namespaces').get() as { records: number }).records,
    3,
  );
  v2.close();
});

test('a store of a newer schema is refused with CW_STORE_NEWER_SCHEMA', () => {
  const path = fresh();
  openStore(path, { migrations: [...MIGRATIONS, NOTES_V2] }).close();
  const error = rejects(() => openStore(path), 'CW_STORE_NEWER_SCHEMA', path);
  assert.match(error.message, /schema version 2, newer than this cronwarden knows \(1\)/);
});

test('a failing migration is rolled back and the store stays at its version', () => {
  const path = fresh();
  openStore(path).close();
  const broken: Migration = {
    version: 2,
    description: 'broken',
    up: (db) => {
      db.exec('CREATE TABLE half_done (x INTEGER)');
      db.exec('THIS IS NOT SQL');
    },
  };
  const error = rejects(
    () => openStore(path, { migrations: [...MIGRATIONS, broken] }),
    'CW_STORE_MIGRATION_FAILED',
    path,
  );
  assert.match(error.message, /migration 2 \(broken\) failed and was rolled back/);
  const store = openStore(path);
  assert.equal(store.schemaVersion, 1);
  assert.equal(
    store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get(),
    undefined,
  );
  store.close();
});

test('a file that is not SQLite is refused with CW_STORE_NOT_A_STORE and left unchanged', () => {
  const path = fresh();
  writeFileSync(path, 'kind: CronJob\nthis is a manifest, not a database\n'.repeat(200));
  const before = readFileSync(path);
  const error = rejects(() => openStore(path), 'CW_STORE_NOT_A_STORE', path);
  assert.match(error.message, /not an SQLite database/);
  assert.deepEqual(readFileSync(path), before);
});

test("another application's SQLite database is refused and not modified", () => {
  const path = fresh();
  const foreign = new Database(path);
  foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)');
  foreign.close();
  const before = readFileSync(path);
  const error = rejects(() => openStore(path), 'CW_STORE_NOT_A_STORE', path);
  assert.match(error.message, /another application \(application_id 0x0, 1 table\(s\)\)/);
  assert.deepEqual(readFileSync(path), before);
});

test('a missing store is CW_STORE_MISSING for readers, and a folder is CW_STORE_OPEN', () => {
  const path = join(dir, 'absent.db');
  rejects(() => openStore(path, { create: false }), 'CW_STORE_MISSING', path);
  const folder = join(dir, 'a-folder');
  mkdirSync(folder);
  rejects(() => openStore(folder), 'CW_STORE_OPEN', folder);
});

test('a failing write inside a transaction is CW_STORE_QUERY and nothing of it is kept', () => {
  const path = fresh();
  const store = openStore(path);
  rejects(
    () =>
      store.transaction(() => {
        store.db
          .prepare('INSERT INTO bl_namespaces (namespace, records) VALUES (?, ?)')
          .run('a', 1);
        store.db
          .prepare('INSERT INTO bl_namespaces (namespace, records) VALUES (?, ?)')
          .run('a', 2);
      }),
    'CW_STORE_QUERY',
    path,
  );
  assert.equal(store.db.prepare('SELECT * FROM bl_namespaces').all().length, 0);
  store.close();
});

test('a damaged store (truncated, or garbled pages) is CW_STORE_CORRUPT naming the file', () => {
  const path = fresh();
  const store = openStore(path);
  const insert = store.db.prepare(
    'INSERT INTO bl_items (namespace, dimension, value, count) VALUES (?, ?, ?, 1)',
  );
  store.transaction(() => {
    for (let i = 0; i < 3000; i++)
      insert.run(`ns-${i % 7}`, 'image', `registry.example.com/app-${i}:1`);
  });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();

  const truncated = fresh();
  copyFileSync(path, truncated);
  truncateSync(truncated, 4096 * 3);
  rejects(() => openStore(truncated), 'CW_STORE_CORRUPT', truncated);

  const garbled = fresh();
  const bytes = readFileSync(path);
  for (let i = 4096; i < bytes.length; i += 97) bytes[i] = ((bytes[i] ?? 0) + 13) & 255;
  writeFileSync(garbled, bytes);
  rejects(
    () => {
      const damaged = openStore(garbled);
      try {
        new BaselineTables(damaged).load();
      } finally {
        damaged.close();
      }
    },
    'CW_STORE_CORRUPT',
    garbled,
  );
});
