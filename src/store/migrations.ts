/**
 * The store's schema history. Migrations only move forward: each one is applied once, in its
 * own transaction, and recorded in `schema_version` (and SQLite's `user_version`). Never edit
 * a released migration; add the next one.
 * @module
 */
import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3… in order. */
  readonly version: number;
  readonly description: string;
  up(db: Database.Database): void;
}

/**
 * Version 1: the learned baselines (docs/baseline.md). Nothing here holds a raw record, a
 * token or a Secret: learned records are kept only as a hash key (for idempotent re-learning);
 * items are names, images, schedules, normalised user agents and source addresses.
 */
const BASELINE_V1: Migration = {
  version: 1,
  description: 'baseline tables: learned record keys, per-namespace items and creator time slots',
  up(db) {
    db.exec(`
      CREATE TABLE bl_records (
        key TEXT PRIMARY KEY,
        namespace TEXT NOT NULL,
        time_ms INTEGER
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE bl_namespaces (
        namespace TEXT PRIMARY KEY,
        records INTEGER NOT NULL,
        first_ms INTEGER,
        last_ms INTEGER
      ) STRICT;
      CREATE TABLE bl_items (
        namespace TEXT NOT NULL,
        dimension TEXT NOT NULL,
        value TEXT NOT NULL,
        count INTEGER NOT NULL,
        first_ms INTEGER,
        last_ms INTEGER,
        detail TEXT,
        measure REAL,
        PRIMARY KEY (namespace, dimension, value)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE bl_creator_slots (
        namespace TEXT NOT NULL,
        creator TEXT NOT NULL,
        slot TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (namespace, creator, slot)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE bl_learn_runs (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        inputs TEXT NOT NULL,
        records_seen INTEGER NOT NULL,
        records_learned INTEGER NOT NULL,
        records_already_known INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

export const MIGRATIONS: readonly Migration[] = [BASELINE_V1];
