/**
 * The embedded store: one SQLite file (better-sqlite3, WAL) with a schema version table and
 * forward-only migrations. Opening checks that the file is ours (SQLite `application_id`)
 * before anything is written, so a foreign database is never touched.
 * @module
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CronwardenError } from '../errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/** A connection to an SQLite database, as better-sqlite3 types it. */
export type SqliteDatabase = Database.Database;

/** `CWDB` in ASCII: written into the SQLite header of every cronwarden store. */
export const STORE_APPLICATION_ID = 0x43574442;

/** Where the store lives when `--store` is not given (relative to the working folder). */
export const DEFAULT_STORE_PATH = '.cronwarden/cronwarden.db';

export interface OpenStoreOptions {
  /** Create the file (and its folder) when it does not exist (default true). */
  readonly create?: boolean;
  /** The schema history (default: cronwarden's); tests pass their own. */
  readonly migrations?: readonly Migration[];
  /** Clock for `applied_at` (default `Date.now`). */
  readonly now?: () => number;
}

/** One applied migration, as the `schema_version` table records it. */
export interface AppliedMigration {
  readonly version: number;
  readonly description: string;
  readonly appliedAt: string;
}

/** An open store. Close it when done (WAL files are folded back on close). */
export class Store {
  readonly path: string;
  readonly db: SqliteDatabase;
  #closed = false;

  constructor(path: string, db: SqliteDatabase) {
    this.path = path;
    this.db = db;
  }

  /** The schema version the file is at. */
  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Every migration applied to this file, oldest first. */
  history(): AppliedMigration[] {
    const rows = this.db
      .prepare('SELECT version, description, applied_at FROM schema_version ORDER BY version')
      .all() as { version: number; description: string; applied_at: string }[];
    return rows.map((row) => ({
      version: row.version,
      description: row.description,
      appliedAt: row.applied_at,
    }));
  }

  /**
   * Runs `work` in one transaction (all or nothing); errors other than ours become
   * `CW_STORE_QUERY` naming the file.
   */
  transaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work)();
    } catch (error) {
      throw asStoreError(error, this.path, 'write');
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.db.close();
  }
}

/**
 * Wraps a driver error as `CW_STORE_CORRUPT` (a damaged file) or `CW_STORE_QUERY`; our own
 * errors pass through.
 */
export function asStoreError(error: unknown, path: string, what: string): CronwardenError {
  if (error instanceof CronwardenError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (driverCode(error) === 'SQLITE_CORRUPT') return corrupt(error, path);
  return new CronwardenError('CW_STORE_QUERY', `store ${what} failed: ${message}`, {
    location: { file: path },
    cause: error,
  });
}

function corrupt(error: unknown, path: string): CronwardenError {
  return new CronwardenError(
    'CW_STORE_CORRUPT',
    `the store is damaged (${(error as Error).message}); restore it from a backup or learn again into a new file`,
    { location: { file: path }, cause: error },
  );
}

function driverCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function openDatabase(path: string, create: boolean): SqliteDatabase {
  if (!existsSync(path)) {
    if (!create) {
      throw new CronwardenError(
        'CW_STORE_MISSING',
        'no cronwarden store here; run `cronwarden baseline learn LOGS…` first or pass --store FILE',
        { location: { file: path } },
      );
    }
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new CronwardenError(
        'CW_STORE_OPEN',
        `cannot create the store's folder: ${(error as Error).message}`,
        { location: { file: path }, cause: error },
      );
    }
  } else if (statSync(path).isDirectory()) {
    throw new CronwardenError('CW_STORE_OPEN', 'is a folder; --store must name a file', {
      location: { file: path },
    });
  }
  try {
    return new Database(path, { fileMustExist: !create, timeout: 5000 });
  } catch (error) {
    throw new CronwardenError(
      'CW_STORE_OPEN',
      `cannot open the store: ${(error as Error).message}`,
      {
        location: { file: path },
        cause: error,
      },
    );
  }
}

/**
 * Says whether `db` is a cronwarden store (`true`), an empty database we may initialise
 * (`false`), or throws `CW_STORE_NOT_A_STORE`.
 */
function checkIdentity(db: SqliteDatabase, path: string): boolean {
  let applicationId: number;
  let tables: number;
  try {
    applicationId = db.pragma('application_id', { simple: true }) as number;
    tables = (
      db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {
        n: number;
      }
    ).n;
  } catch (error) {
    const code = driverCode(error);
    if (code === 'SQLITE_CORRUPT') throw corrupt(error, path);
    const why = code === 'SQLITE_NOTADB' ? 'not an SQLite database' : (error as Error).message;
    throw new CronwardenError(
      'CW_STORE_NOT_A_STORE',
      `not a cronwarden store (${why}); expected an SQLite file with application_id 0x${STORE_APPLICATION_ID.toString(16)}`,
      { location: { file: path }, cause: error },
    );
  }
  if (applicationId === STORE_APPLICATION_ID) return true;
  if (applicationId === 0 && tables === 0) return false;
  throw new CronwardenError(
    'CW_STORE_NOT_A_STORE',
    `an SQLite database of another application (application_id 0x${applicationId.toString(16)}, ${tables} table(s)); expected a cronwarden store (application_id 0x${STORE_APPLICATION_ID.toString(16)}); it was not modified`,
    { location: { file: path } },
  );
}

function migrate(
  db: SqliteDatabase,
  path: string,
  migrations: readonly Migration[],
  now: () => number,
): void {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new CronwardenError(
      'CW_STORE_NEWER_SCHEMA',
      `the store is at schema version ${current}, newer than this cronwarden knows (${latest}); upgrade cronwarden`,
      { location: { file: path } },
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    const apply = db.transaction(() => {
      if (migration.version === 1) {
        db.pragma(`application_id = ${STORE_APPLICATION_ID}`);
        db.exec(`CREATE TABLE schema_version (
          version INTEGER PRIMARY KEY,
          description TEXT NOT NULL,
          applied_at TEXT NOT NULL
        ) STRICT`);
      }
      migration.up(db);
      db.prepare(
        'INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)',
      ).run(migration.version, migration.description, new Date(now()).toISOString());
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply();
    } catch (error) {
      throw new CronwardenError(
        'CW_STORE_MIGRATION_FAILED',
        `migration ${migration.version} (${migration.description}) failed and was rolled back; the store stays at version ${current}: ${(error as Error).message}`,
        { location: { file: path }, cause: error },
      );
    }
  }
}

function checkMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new CronwardenError(
        'CW_INTERNAL',
        `store migrations must be numbered 1, 2, 3…; found ${migration.version} at position ${index + 1}`,
      );
    }
  });
}

/**
 * Opens (or creates) a store file and brings its schema up to date. Throws `CW_STORE_MISSING`
 * (file absent and `create: false`), `CW_STORE_OPEN`, `CW_STORE_NOT_A_STORE` (not SQLite, or
 * someone else's database: never modified), `CW_STORE_NEWER_SCHEMA`,
 * `CW_STORE_MIGRATION_FAILED` (rolled back).
 *
 * @example
 * const store = openStore('.cronwarden/cronwarden.db');
 * try { learnInto(store, observations); } finally { store.close(); }
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const migrations = options.migrations ?? MIGRATIONS;
  checkMigrations(migrations);
  const db = openDatabase(path, options.create ?? true);
  try {
    checkIdentity(db, path);
    // WAL: readers (hunt --baseline) never block a learning writer, and commits are cheap.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path, migrations, options.now ?? Date.now);
  } catch (error) {
    db.close();
    throw asStoreError(error, path, 'open');
  }
  return new Store(path, db);
}
