/**
 * The baseline use cases: `learnBaseline` reads logs (every format `hunt` reads) and merges
 * their job writes into the store; `loadBaseline` reads the learned model back for scoring;
 * `describeBaseline` summarises it per namespace for `baseline show`. Learning is idempotent
 * per record (keyed by auditID) and never keeps the records themselves.
 * @module
 */

import { compileKnownPrincipal } from './analytics/principals.js';
import { DIMENSIONS, type Dimension } from './baseline/items.js';
import type { BaselineModel, ItemStats, Profile } from './baseline/model.js';
import { type JobWriteObservation, observeJobWrite } from './baseline/observation.js';
import { type BaselinePolicy, DEFAULT_POLICY, isMature, windowDays } from './baseline/policy.js';
import type { Issue } from './errors.js';
import { readEvents } from './ingest/read-events.js';
import type { IngestStats } from './ingest/stats.js';
import { loadAllowlist } from './rules/allowlist.js';
import { BaselineTables, type LearnRunRecord, type NewItem } from './store/baseline-tables.js';
import { openStore } from './store/store.js';

export interface LearnOptions {
  readonly paths: readonly string[];
  /** The store file (created when missing). */
  readonly store: string;
  /** Force the input format (`--input-format`). */
  readonly inputFormat?: string;
  /** An allow-list file (controllers are classified with it). */
  readonly allowlist?: string;
  readonly onIssue?: (issue: Issue) => void;
  /** Running totals for a progress display: bytes read, records decoded. */
  readonly onProgress?: (bytes: number, records: number) => void;
  readonly now?: () => number;
}

/** What one namespace's baseline looks like after a learn run. */
export interface NamespaceLearned {
  readonly namespace: string;
  /** Records of this run counted into the namespace. */
  readonly learned: number;
  /** All records the namespace holds now. */
  readonly records: number;
  readonly firstSeen: string | undefined;
  readonly lastSeen: string | undefined;
  readonly isMature: boolean;
  /** Items first seen in this run, per dimension. */
  readonly newItems: Readonly<Partial<Record<Dimension, readonly string[]>>>;
}

export interface LearnResult {
  readonly store: string;
  /** Decoded records read from the inputs. */
  readonly recordsRead: number;
  /** Accepted CronJob/Job writes among them. */
  readonly jobWrites: number;
  readonly learned: number;
  /** Job writes an earlier run had already learned (same auditID): not counted twice. */
  readonly alreadyKnown: number;
  readonly namespaces: readonly NamespaceLearned[];
  readonly issues: readonly Issue[];
  readonly stats: IngestStats;
}

/** Observations are written in batches of this many, one transaction each. */
const BATCH = 2000;

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function groupNewItems(items: readonly NewItem[]) {
  const byNamespace = new Map<string, Partial<Record<Dimension, string[]>>>();
  for (const item of items) {
    let dimensions = byNamespace.get(item.namespace);
    if (!dimensions) {
      dimensions = {};
      byNamespace.set(item.namespace, dimensions);
    }
    const values = dimensions[item.dimension] ?? [];
    values.push(item.value);
    dimensions[item.dimension] = values;
  }
  return byNamespace;
}

/**
 * Learns the job writes of `paths` into the store at `options.store`. Bad records become
 * issues (as in `hunt`); throws `CW_STORE_*` when the store cannot be opened or written,
 * `CW_INGEST_NO_SUCH_FORMAT` for an unknown `inputFormat`.
 *
 * @example
 * const result = await learnBaseline({ paths: ['audit/'], store: '.cronwarden/cronwarden.db' });
 * console.log(result.learned, result.namespaces.map((n) => n.namespace));
 */
export async function learnBaseline(options: LearnOptions): Promise<LearnResult> {
  const now = options.now ?? Date.now;
  const isKnownPrincipal = compileKnownPrincipal(loadAllowlist(options.allowlist));
  const stream = readEvents(options.paths, {
    ...(options.inputFormat === undefined ? {} : { format: options.inputFormat }),
    // Only job writes are learned: skip parsing lines that cannot be one.
    lineFilter: (text) => /jobs/i.test(text),
    ...(options.onIssue ? { onIssue: options.onIssue } : {}),
    ...(options.onProgress
      ? {
          onProgress: (stats: Readonly<IngestStats>) =>
            options.onProgress?.(stats.bytesRead, stats.events + stats.prefiltered),
        }
      : {}),
  });
  const store = openStore(options.store, { now });
  try {
    const tables = new BaselineTables(store);
    let jobWrites = 0;
    let learned = 0;
    let alreadyKnown = 0;
    const newItems: NewItem[] = [];
    const learnedBy = new Map<string, number>();
    let pending: JobWriteObservation[] = [];
    const flush = () => {
      const batch = tables.learn(pending);
      learned += batch.learned;
      alreadyKnown += batch.alreadyKnown;
      newItems.push(...batch.newItems);
      for (const [namespace, count] of batch.byNamespace) {
        learnedBy.set(namespace, (learnedBy.get(namespace) ?? 0) + count);
      }
      pending = [];
    };
    for await (const events of stream.batches()) {
      for (const event of events) {
        const observation = observeJobWrite(event, isKnownPrincipal);
        if (!observation) continue;
        jobWrites += 1;
        pending.push(observation);
      }
      if (pending.length >= BATCH) flush();
    }
    flush();
    const run: LearnRunRecord = {
      at: new Date(now()).toISOString(),
      inputs: options.paths,
      recordsSeen: jobWrites,
      recordsLearned: learned,
      recordsAlreadyKnown: alreadyKnown,
    };
    tables.recordRun(run);
    const model = tables.load();
    const fresh = groupNewItems(newItems);
    const namespaces = [...learnedBy.keys()].sort().map((namespace): NamespaceLearned => {
      const profile = model.namespaces.get(namespace) as Profile; // learned into just now
      return {
        namespace,
        learned: learnedBy.get(namespace) ?? 0,
        records: profile.records,
        firstSeen: iso(profile.firstMs),
        lastSeen: iso(profile.lastMs),
        isMature: isMature(profile, DEFAULT_POLICY),
        newItems: fresh.get(namespace) ?? {},
      };
    });
    return {
      store: options.store,
      recordsRead: stream.stats.events + stream.stats.prefiltered,
      jobWrites,
      learned,
      alreadyKnown,
      namespaces,
      issues: stream.issues,
      stats: stream.stats,
    };
  } finally {
    store.close();
  }
}

/**
 * Reads the learned model from an existing store (never creates one). Throws
 * `CW_STORE_MISSING` when the file does not exist, and the other `CW_STORE_*` codes.
 */
export function loadBaseline(path: string): BaselineModel {
  const store = openStore(path, { create: false });
  try {
    return new BaselineTables(store).load();
  } finally {
    store.close();
  }
}

/** One learned item, for display. */
export interface ShownItem {
  readonly value: string;
  readonly count: number;
  readonly firstSeen: string | undefined;
  readonly lastSeen: string | undefined;
  readonly detail?: string;
}

/** One namespace's baseline, for `baseline show`. */
export interface NamespaceBaseline {
  readonly namespace: string;
  readonly records: number;
  readonly firstSeen: string | undefined;
  readonly lastSeen: string | undefined;
  readonly windowDays: number;
  readonly isMature: boolean;
  readonly items: Readonly<Partial<Record<Dimension, readonly ShownItem[]>>>;
  /** creator → UTC hours (0–23) with their counts. */
  readonly hours: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** creator → UTC weekdays (`Sun`…`Sat`) with their counts. */
  readonly weekdays: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface BaselineDescription {
  readonly store: string;
  readonly schemaVersion: number;
  readonly runs: readonly LearnRunRecord[];
  readonly policy: BaselinePolicy;
  readonly cluster: Omit<NamespaceBaseline, 'items' | 'hours' | 'weekdays'> & {
    readonly namespaces: number;
  };
  readonly namespaces: readonly NamespaceBaseline[];
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function shownItems(values: ReadonlyMap<string, ItemStats>): ShownItem[] {
  return [...values]
    .map(([value, stats]) => ({
      value,
      count: stats.count,
      firstSeen: iso(stats.firstMs),
      lastSeen: iso(stats.lastMs),
      ...(stats.detail === undefined ? {} : { detail: stats.detail }),
    }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function describeProfile(profile: Profile, policy: BaselinePolicy): NamespaceBaseline {
  const items: Partial<Record<Dimension, readonly ShownItem[]>> = {};
  for (const dimension of DIMENSIONS) {
    const values = profile.items.get(dimension);
    if (values && values.size > 0) items[dimension] = shownItems(values);
  }
  const hours: Record<string, Record<string, number>> = {};
  const weekdays: Record<string, Record<string, number>> = {};
  for (const [creator, slots] of [...profile.slots].sort(([a], [b]) => a.localeCompare(b))) {
    const byHour: Record<string, number> = {};
    const byDay: Record<string, number> = {};
    for (const [slot, count] of [...slots].sort(([a], [b]) => a.localeCompare(b))) {
      if (slot.startsWith('h')) byHour[slot.slice(1)] = count;
      else byDay[WEEKDAYS[Number(slot.slice(1))] ?? slot] = count;
    }
    hours[creator] = byHour;
    weekdays[creator] = byDay;
  }
  return {
    namespace: profile.namespace,
    records: profile.records,
    firstSeen: iso(profile.firstMs),
    lastSeen: iso(profile.lastMs),
    windowDays: Math.round(windowDays(profile) * 10) / 10,
    isMature: isMature(profile, policy),
    items,
    hours,
    weekdays,
  };
}

/**
 * Describes the baseline of a store (optionally only some namespaces). Throws
 * `CW_STORE_MISSING` when the file does not exist, and the other `CW_STORE_*` codes.
 */
export function describeBaseline(
  path: string,
  options: { readonly namespaces?: readonly string[]; readonly policy?: BaselinePolicy } = {},
): BaselineDescription {
  const policy = options.policy ?? DEFAULT_POLICY;
  const store = openStore(path, { create: false });
  try {
    const tables = new BaselineTables(store);
    const model = tables.load();
    const wanted = options.namespaces ? new Set(options.namespaces) : undefined;
    const cluster = describeProfile(model.cluster, policy);
    return {
      store: path,
      schemaVersion: store.schemaVersion,
      runs: tables.runs(),
      policy,
      cluster: {
        namespace: cluster.namespace,
        records: cluster.records,
        firstSeen: cluster.firstSeen,
        lastSeen: cluster.lastSeen,
        windowDays: cluster.windowDays,
        isMature: cluster.isMature,
        namespaces: model.namespaces.size,
      },
      namespaces: [...model.namespaces.values()]
        .filter((profile) => wanted === undefined || wanted.has(profile.namespace))
        .sort((a, b) => a.namespace.localeCompare(b.namespace))
        .map((profile) => describeProfile(profile, policy)),
    };
  } finally {
    store.close();
  }
}
