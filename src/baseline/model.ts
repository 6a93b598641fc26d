/**
 * A learned baseline in memory: one profile per namespace (counts, first and last seen per
 * item, the learning window, each creator's hour and weekday histogram) and the cluster-wide
 * profile that merges them. Built from the store (`store/baseline-tables.ts`) or, for tests
 * and one-shot use, straight from observations.
 * @module
 */
import { DIMENSIONS, type Dimension, itemsOf, slotsOf } from './items.js';
import type { JobWriteObservation } from './observation.js';

export interface ItemStats {
  count: number;
  firstMs: number | undefined;
  lastMs: number | undefined;
  detail: string | undefined;
  measure: number | undefined;
}

export interface Profile {
  /** The namespace, or `*` for the cluster-wide profile. */
  readonly namespace: string;
  records: number;
  firstMs: number | undefined;
  lastMs: number | undefined;
  readonly items: Map<Dimension, Map<string, ItemStats>>;
  /** creator → slot (`h03`, `d6`) → count. */
  readonly slots: Map<string, Map<string, number>>;
}

export interface BaselineModel {
  readonly namespaces: ReadonlyMap<string, Profile>;
  readonly cluster: Profile;
}

/** A profile with nothing learned yet (every dimension present, empty). */
export function emptyProfile(namespace: string): Profile {
  return {
    namespace,
    records: 0,
    firstMs: undefined,
    lastMs: undefined,
    items: new Map(DIMENSIONS.map((dimension) => [dimension, new Map()])),
    slots: new Map(),
  };
}

function earlier(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}

/** Adds counted stats to a profile item (creating it). */
export function addItem(
  profile: Profile,
  dimension: Dimension,
  value: string,
  stats: ItemStats,
): void {
  const byValue = profile.items.get(dimension) as Map<string, ItemStats>; // every dimension is created
  const known = byValue.get(value);
  if (!known) {
    byValue.set(value, { ...stats });
    return;
  }
  known.count += stats.count;
  known.firstMs = earlier(known.firstMs, stats.firstMs);
  known.lastMs = later(known.lastMs, stats.lastMs);
  known.detail ??= stats.detail;
  known.measure ??= stats.measure;
}

/** Adds `count` to a creator's time slot (`h03`, `d6`). */
export function addSlot(profile: Profile, creator: string, slot: string, count: number): void {
  let slots = profile.slots.get(creator);
  if (!slots) {
    slots = new Map();
    profile.slots.set(creator, slots);
  }
  slots.set(slot, (slots.get(slot) ?? 0) + count);
}

/** Widens a profile's window and record count. */
export function addRecords(
  profile: Profile,
  records: number,
  firstMs: number | undefined,
  lastMs: number | undefined,
): void {
  profile.records += records;
  profile.firstMs = earlier(profile.firstMs, firstMs);
  profile.lastMs = later(profile.lastMs, lastMs);
}

/** Counts one observation into a profile (the in-memory twin of the store's learn). */
export function addObservation(profile: Profile, observation: JobWriteObservation): void {
  const time = Number.isFinite(observation.timeMs) ? observation.timeMs : undefined;
  addRecords(profile, 1, time, time);
  for (const item of itemsOf(observation)) {
    addItem(profile, item.dimension, item.value, {
      count: 1,
      firstMs: time,
      lastMs: time,
      detail: item.detail,
      measure: item.measure,
    });
  }
  for (const slot of slotsOf(observation)) addSlot(profile, observation.creator, slot, 1);
}

/** Merges namespace profiles into the cluster-wide one (`*`). */
export function clusterProfile(namespaces: Iterable<Profile>): Profile {
  const cluster = emptyProfile('*');
  for (const profile of namespaces) {
    addRecords(cluster, profile.records, profile.firstMs, profile.lastMs);
    for (const [dimension, values] of profile.items) {
      for (const [value, stats] of values) addItem(cluster, dimension, value, stats);
    }
    for (const [creator, slots] of profile.slots) {
      for (const [slot, count] of slots) addSlot(cluster, creator, slot, count);
    }
  }
  return cluster;
}

/** A model from observations (deduplicated by key, as the store does). */
export function modelFromObservations(observations: Iterable<JobWriteObservation>): BaselineModel {
  const namespaces = new Map<string, Profile>();
  const seen = new Set<string>();
  for (const observation of observations) {
    if (seen.has(observation.key)) continue;
    seen.add(observation.key);
    let profile = namespaces.get(observation.namespace);
    if (!profile) {
      profile = emptyProfile(observation.namespace);
      namespaces.set(observation.namespace, profile);
    }
    addObservation(profile, observation);
  }
  return { namespaces, cluster: clusterProfile(namespaces.values()) };
}

/** The stats of one item, if the profile has seen it. */
export function itemOf(
  profile: Profile,
  dimension: Dimension,
  value: string,
): ItemStats | undefined {
  return profile.items.get(dimension)?.get(value);
}

/** How many records of `creator` a profile holds. */
export function creatorRecords(profile: Profile, creator: string): number {
  return itemOf(profile, 'creator', creator)?.count ?? 0;
}

/**
 * Namespace → service accounts that wrote jobs there in the learned history (the seed of
 * CW-007, so that only real first times are reported).
 */
export function knownJobWriters(model: BaselineModel): Map<string, Set<string>> {
  const writers = new Map<string, Set<string>>();
  for (const [namespace, profile] of model.namespaces) {
    const accounts = new Set<string>();
    for (const [creator, stats] of profile.items.get('creator') ?? []) {
      if (stats.detail === 'serviceaccount') accounts.add(creator);
    }
    writers.set(namespace, accounts);
  }
  return writers;
}
