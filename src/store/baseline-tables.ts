/**
 * The baseline tables of the store (schema in `migrations.ts`): learning merges observations
 * into counts with prepared upserts inside one transaction per batch; a record already learned
 * (same key) is skipped, so learning the same logs twice changes nothing. Loading rebuilds the
 * in-memory `BaselineModel`.
 * @module
 */
import type { Statement } from 'better-sqlite3';
import { DIMENSIONS, type Dimension } from '../baseline/items.js';
import {
  addItem,
  addObservation,
  addRecords,
  addSlot,
  type BaselineModel,
  clusterProfile,
  emptyProfile,
  type Profile,
} from '../baseline/model.js';
import type { JobWriteObservation } from '../baseline/observation.js';
import { asStoreError, type Store } from './store.js';

/** An item a batch saw for the first time in its namespace. */
export interface NewItem {
  readonly namespace: string;
  readonly dimension: Dimension;
  readonly value: string;
}

export interface LearnedBatch {
  /** Observations whose key was new: counted. */
  readonly learned: number;
  /** Observations already learned by an earlier run (same auditID): skipped. */
  readonly alreadyKnown: number;
  readonly newItems: readonly NewItem[];
  /** Namespace → records learned in this batch. */
  readonly byNamespace: ReadonlyMap<string, number>;
}

/** One `baseline learn` run, as `bl_learn_runs` records it. */
export interface LearnRunRecord {
  readonly at: string;
  readonly inputs: readonly string[];
  readonly recordsSeen: number;
  readonly recordsLearned: number;
  readonly recordsAlreadyKnown: number;
}

interface ItemRow {
  namespace: string;
  dimension: string;
  value: string;
  count: number;
  first_ms: number | null;
  last_ms: number | null;
  detail: string | null;
  measure: number | null;
}

const DIMENSION_SET = new Set<string>(DIMENSIONS);

function orUndefined<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

/** Prepared statements over the baseline tables of one open store. */
export class BaselineTables {
  readonly #store: Store;
  readonly #insertRecord: Statement;
  readonly #upsertNamespace: Statement;
  readonly #upsertItem: Statement;
  readonly #upsertSlot: Statement;
  readonly #insertRun: Statement;

  constructor(store: Store) {
    this.#store = store;
    const db = store.db;
    this.#insertRecord = db.prepare(
      'INSERT OR IGNORE INTO bl_records (key, namespace, time_ms) VALUES (?, ?, ?)',
    );
    // min()/max() of SQLite return NULL when an argument is NULL: coalesce keeps the known bound.
    this.#upsertNamespace = db.prepare(`
      INSERT INTO bl_namespaces (namespace, records, first_ms, last_ms) VALUES (?, ?, ?, ?)
      ON CONFLICT (namespace) DO UPDATE SET
        records = records + excluded.records,
        first_ms = min(coalesce(first_ms, excluded.first_ms), coalesce(excluded.first_ms, first_ms)),
        last_ms = max(coalesce(last_ms, excluded.last_ms), coalesce(excluded.last_ms, last_ms))`);
    this.#upsertItem = db.prepare(`
      INSERT INTO bl_items (namespace, dimension, value, count, first_ms, last_ms, detail, measure)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (namespace, dimension, value) DO UPDATE SET
        count = count + excluded.count,
        first_ms = min(coalesce(first_ms, excluded.first_ms), coalesce(excluded.first_ms, first_ms)),
        last_ms = max(coalesce(last_ms, excluded.last_ms), coalesce(excluded.last_ms, last_ms)),
        detail = coalesce(detail, excluded.detail),
        measure = coalesce(measure, excluded.measure)
      RETURNING count`);
    this.#upsertSlot = db.prepare(`
      INSERT INTO bl_creator_slots (namespace, creator, slot, count) VALUES (?, ?, ?, ?)
      ON CONFLICT (namespace, creator, slot) DO UPDATE SET count = count + excluded.count`);
    this.#insertRun = db.prepare(`
      INSERT INTO bl_learn_runs (at, inputs, records_seen, records_learned, records_already_known)
      VALUES (?, ?, ?, ?, ?)`);
  }

  /**
   * Counts a batch of observations in one transaction; already learned keys are skipped. The
   * new observations are first merged in memory (the model's own `addObservation`), so each
   * distinct item costs one upsert per batch, not one per record.
   */
  learn(observations: readonly JobWriteObservation[]): LearnedBatch {
    return this.#store.transaction(() => {
      let alreadyKnown = 0;
      const batch = new Map<string, Profile>();
      for (const observation of observations) {
        const time = Number.isFinite(observation.timeMs) ? observation.timeMs : null;
        const { namespace } = observation;
        if (this.#insertRecord.run(observation.key, namespace, time).changes === 0) {
          alreadyKnown += 1;
          continue;
        }
        let profile = batch.get(namespace);
        if (!profile) {
          profile = emptyProfile(namespace);
          batch.set(namespace, profile);
        }
        addObservation(profile, observation);
      }
      let learned = 0;
      const newItems: NewItem[] = [];
      const byNamespace = new Map<string, number>();
      for (const [namespace, profile] of batch) {
        learned += profile.records;
        byNamespace.set(namespace, profile.records);
        this.#upsertNamespace.run(
          namespace,
          profile.records,
          profile.firstMs ?? null,
          profile.lastMs ?? null,
        );
        for (const [dimension, values] of profile.items) {
          for (const [value, stats] of values) {
            const row = this.#upsertItem.get(
              namespace,
              dimension,
              value,
              stats.count,
              stats.firstMs ?? null,
              stats.lastMs ?? null,
              stats.detail ?? null,
              stats.measure ?? null,
            ) as { count: number };
            // The stored count is exactly what this batch added: the item is new.
            if (row.count === stats.count) newItems.push({ namespace, dimension, value });
          }
        }
        for (const [creator, slots] of profile.slots) {
          for (const [slot, count] of slots) this.#upsertSlot.run(namespace, creator, slot, count);
        }
      }
      return { learned, alreadyKnown, newItems, byNamespace };
    });
  }

  /** Records one learn run (inputs are paths as given; no record content). */
  recordRun(run: LearnRunRecord): void {
    try {
      this.#insertRun.run(
        run.at,
        JSON.stringify(run.inputs),
        run.recordsSeen,
        run.recordsLearned,
        run.recordsAlreadyKnown,
      );
    } catch (error) {
      throw asStoreError(error, this.#store.path, 'write');
    }
  }

  /** Every learn run, oldest first. */
  runs(): LearnRunRecord[] {
    try {
      const rows = this.#store.db
        .prepare(
          'SELECT at, inputs, records_seen, records_learned, records_already_known FROM bl_learn_runs ORDER BY id',
        )
        .all() as {
        at: string;
        inputs: string;
        records_seen: number;
        records_learned: number;
        records_already_known: number;
      }[];
      return rows.map((row) => ({
        at: row.at,
        inputs: JSON.parse(row.inputs) as string[],
        recordsSeen: row.records_seen,
        recordsLearned: row.records_learned,
        recordsAlreadyKnown: row.records_already_known,
      }));
    } catch (error) {
      throw asStoreError(error, this.#store.path, 'read');
    }
  }

  /** Loads every namespace profile and the cluster-wide profile. */
  load(): BaselineModel {
    try {
      const db = this.#store.db;
      const namespaces = new Map<string, Profile>();
      const profileOf = (namespace: string): Profile => {
        let profile = namespaces.get(namespace);
        if (!profile) {
          profile = emptyProfile(namespace);
          namespaces.set(namespace, profile);
        }
        return profile;
      };
      const windows = db
        .prepare(
          'SELECT namespace, records, first_ms, last_ms FROM bl_namespaces ORDER BY namespace',
        )
        .all() as {
        namespace: string;
        records: number;
        first_ms: number | null;
        last_ms: number | null;
      }[];
      for (const row of windows) {
        addRecords(
          profileOf(row.namespace),
          row.records,
          orUndefined(row.first_ms),
          orUndefined(row.last_ms),
        );
      }
      const items = db
        .prepare(
          'SELECT namespace, dimension, value, count, first_ms, last_ms, detail, measure FROM bl_items',
        )
        .iterate() as IterableIterator<ItemRow>;
      for (const row of items) {
        // Rows of a dimension a newer version added are kept in the file but not scored here.
        if (!DIMENSION_SET.has(row.dimension)) continue;
        addItem(profileOf(row.namespace), row.dimension as Dimension, row.value, {
          count: row.count,
          firstMs: orUndefined(row.first_ms),
          lastMs: orUndefined(row.last_ms),
          detail: orUndefined(row.detail),
          measure: orUndefined(row.measure),
        });
      }
      const slots = db
        .prepare('SELECT namespace, creator, slot, count FROM bl_creator_slots')
        .iterate() as IterableIterator<{
        namespace: string;
        creator: string;
        slot: string;
        count: number;
      }>;
      for (const row of slots) addSlot(profileOf(row.namespace), row.creator, row.slot, row.count);
      return { namespaces, cluster: clusterProfile(namespaces.values()) };
    } catch (error) {
      throw asStoreError(error, this.#store.path, 'read');
    }
  }
}
