/**
 * The items a job write adds to its namespace's baseline, one per dimension value, and the
 * time slots (hour of day, weekday, UTC) it adds to its creator's histogram. The store and
 * the in-memory model both count exactly these, so they cannot drift apart.
 * @module
 */
import type { JobWriteObservation } from './observation.js';
import { frequencyClass } from './schedule.js';

/** Every dimension a baseline counts, in display order. */
export const DIMENSIONS = [
  'creator',
  'creator_group',
  'verb',
  'service_account',
  'registry',
  'repository',
  'image',
  'schedule',
  'user_agent_product',
  'user_agent',
  'source_network',
  'source_ip',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface LearnedItem {
  readonly dimension: Dimension;
  readonly value: string;
  /** Creator kind, schedule frequency class, user-agent product, network of an IP. */
  readonly detail?: string;
  /** Shortest interval in minutes, for schedules. */
  readonly measure?: number;
}

/** The items of one observation (each value once). */
export function itemsOf(observation: JobWriteObservation): LearnedItem[] {
  const items: LearnedItem[] = [
    { dimension: 'creator', value: observation.creator, detail: observation.creatorKind },
    { dimension: 'verb', value: `${observation.verb} ${observation.resource}` },
  ];
  for (const group of observation.groups) items.push({ dimension: 'creator_group', value: group });
  for (const account of observation.serviceAccounts) {
    items.push({ dimension: 'service_account', value: account });
  }
  const registries = new Set<string>();
  const repositories = new Set<string>();
  for (const image of observation.images) {
    registries.add(image.registry);
    repositories.add(image.repository);
    items.push({ dimension: 'image', value: image.image });
  }
  for (const registry of registries) items.push({ dimension: 'registry', value: registry });
  for (const repository of repositories) items.push({ dimension: 'repository', value: repository });
  const { schedule, userAgent } = observation;
  if (schedule) {
    const interval = schedule.intervalMinutes;
    items.push(
      interval === undefined
        ? { dimension: 'schedule', value: schedule.normalized, detail: 'unparsed' }
        : {
            dimension: 'schedule',
            value: schedule.normalized,
            detail: frequencyClass(interval),
            measure: interval,
          },
    );
  }
  if (userAgent) {
    items.push({ dimension: 'user_agent_product', value: userAgent.product });
    items.push({ dimension: 'user_agent', value: userAgent.normalized, detail: userAgent.product });
  }
  const networks = new Set<string>();
  for (const source of observation.sources) {
    networks.add(source.network);
    items.push({ dimension: 'source_ip', value: source.ip, detail: source.network });
  }
  for (const network of networks) items.push({ dimension: 'source_network', value: network });
  return items;
}

/** `h00`…`h23` and `d0` (Sunday)…`d6` of the observation's UTC time; none without a time. */
export function slotsOf(observation: JobWriteObservation): string[] {
  if (!Number.isFinite(observation.timeMs)) return [];
  const date = new Date(observation.timeMs);
  return [`h${String(date.getUTCHours()).padStart(2, '0')}`, `d${date.getUTCDay()}`];
}
