/**
 * Text renderings of `baseline learn` and `baseline show` results (JSON is the result as is).
 * @module
 */

import { DIMENSIONS } from '../baseline/items.js';
import type {
  BaselineDescription,
  LearnResult,
  NamespaceBaseline,
  ShownItem,
} from '../baseline.js';

const NUMBER = new Intl.NumberFormat('en-US');
const MAX_VALUES = 6;

function day(iso: string | undefined): string {
  return iso === undefined ? '?' : iso.slice(0, 10);
}

function list(values: readonly string[], max = MAX_VALUES): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown}, … (+${values.length - max})` : shown;
}

/** What `baseline learn` prints. */
export function formatLearnText(result: LearnResult): string {
  const lines = [
    `cronwarden baseline learn: ${NUMBER.format(result.recordsRead)} records read, ${NUMBER.format(result.jobWrites)} CronJob/Job writes; learned ${NUMBER.format(result.learned)}, already known ${NUMBER.format(result.alreadyKnown)} (not counted again) → ${result.store}`,
  ];
  if (result.namespaces.length === 0) {
    lines.push('no new job writes: the baseline is unchanged');
    return `${lines.join('\n')}\n`;
  }
  for (const ns of result.namespaces) {
    lines.push(
      `namespace ${ns.namespace || '(cluster scope)'}: +${NUMBER.format(ns.learned)} → ${NUMBER.format(ns.records)} writes, ${day(ns.firstSeen)} … ${day(ns.lastSeen)}, ${ns.isMature ? 'mature' : 'immature (no findings yet)'}`,
    );
    for (const dimension of DIMENSIONS) {
      const fresh = ns.newItems[dimension];
      if (fresh && fresh.length > 0) {
        lines.push(`  new ${dimension.replaceAll('_', ' ')}: ${list(fresh)}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const BARS = ' ▁▂▃▄▅▆▇█';

/** A 24-character strip of a creator's UTC hours: `·` for none, bars scaled to the busiest hour. */
export function hourStrip(hours: Readonly<Record<string, number>>): string {
  const counts = Array.from({ length: 24 }, (_, h) => hours[String(h).padStart(2, '0')] ?? 0);
  const max = Math.max(...counts);
  return counts
    .map((count) =>
      count === 0 ? '·' : (BARS[Math.max(1, Math.round((count / max) * 8))] as string),
    )
    .join('');
}

function itemText(item: ShownItem): string {
  const detail = item.detail === undefined ? '' : ` [${item.detail}]`;
  return `${item.value}${detail} ×${NUMBER.format(item.count)}`;
}

function namespaceText(ns: NamespaceBaseline): string[] {
  const lines = [
    `namespace ${ns.namespace || '(cluster scope)'}: ${NUMBER.format(ns.records)} job writes, ${day(ns.firstSeen)} … ${day(ns.lastSeen)} (${ns.windowDays} days), ${ns.isMature ? 'mature' : 'immature (raises no findings; judged against the cluster)'}`,
  ];
  for (const dimension of DIMENSIONS) {
    const items = ns.items[dimension];
    if (!items) continue;
    const shown = items.slice(0, MAX_VALUES).map(itemText).join(', ');
    const more = items.length > MAX_VALUES ? `, … (+${items.length - MAX_VALUES})` : '';
    lines.push(`  ${dimension.replaceAll('_', ' ').padEnd(19)}${shown}${more}`);
  }
  const creators = Object.keys(ns.hours);
  if (creators.length > 0) {
    const width = Math.min(48, Math.max(11, ...creators.map((creator) => creator.length)));
    lines.push(`  ${'hours (UTC)'.padEnd(width)}  000000000011111111112222  weekdays`);
    lines.push(`  ${''.padEnd(width)}  012345678901234567890123`);
    for (const creator of creators) {
      const weekdays = Object.keys(ns.weekdays[creator] ?? {}).join(' ');
      const strip = hourStrip(ns.hours[creator] ?? {});
      lines.push(`  ${creator.slice(0, width).padEnd(width)}  ${strip}  ${weekdays}`);
    }
  }
  return lines;
}

/** What `baseline show` prints. */
export function formatBaselineText(description: BaselineDescription): string {
  const { cluster, policy } = description;
  const lines = [
    `store ${description.store} (schema v${description.schemaVersion}), ${description.runs.length} learn run(s), last ${day(description.runs.at(-1)?.at)}`,
    `cluster: ${NUMBER.format(cluster.records)} job writes in ${cluster.namespaces} namespace(s), ${day(cluster.firstSeen)} … ${day(cluster.lastSeen)} (${cluster.windowDays} days), ${cluster.isMature ? 'mature' : 'immature'}; maturity needs ${policy.minRecords} writes over ${policy.minDays} days`,
  ];
  for (const ns of description.namespaces) lines.push('', ...namespaceText(ns));
  return `${lines.join('\n')}\n`;
}
