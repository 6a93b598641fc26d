/**
 * The embedded SQLite store: open/create with identity and schema checks, forward-only
 * migrations, and the baseline tables. docs/baseline.md ("The store") describes the file.
 * @module
 */
export {
  BaselineTables,
  type LearnedBatch,
  type LearnRunRecord,
  type NewItem,
} from './baseline-tables.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export {
  type AppliedMigration,
  DEFAULT_STORE_PATH,
  type OpenStoreOptions,
  openStore,
  STORE_APPLICATION_ID,
  Store,
} from './store.js';
