/**
 * Pure helpers over findings: level filters and the counts of a run summary.
 * @module
 */
import { type Finding, LEVELS, type Level, levelRank } from '../finding.js';
import type { Report, RuleCount } from './report.js';

/** Findings whose level is at or above `min` (all of them when `min` is undefined). */
export function filterByMinLevel(findings: readonly Finding[], min: Level | undefined): Finding[] {
  if (min === undefined) return [...findings];
  const rank = levelRank(min);
  return findings.filter((finding) => levelRank(finding.level) >= rank);
}

/** True when any finding is at or above `level` (what `--fail-on` asks). */
export function hasFindingAtOrAbove(findings: readonly Finding[], level: Level): boolean {
  const rank = levelRank(level);
  return findings.some((finding) => levelRank(finding.level) >= rank);
}

/** A zero count for every level, in level order. */
export function emptyLevelCounts(): Record<Level, number> {
  const counts = {} as Record<Level, number>;
  for (const level of LEVELS) counts[level] = 0;
  return counts;
}

/** Findings per level (every level present, zero when none). */
export function countByLevel(findings: readonly Finding[]): Record<Level, number> {
  const counts = emptyLevelCounts();
  for (const finding of findings) counts[finding.level] += 1;
  return counts;
}

/**
 * Findings per rule, most severe first, then most frequent, then by id. A rule's level is
 * the highest level among its findings.
 */
export function countByRule(findings: readonly Finding[]): RuleCount[] {
  const byId = new Map<string, { id: string; title: string; level: Level; count: number }>();
  for (const finding of findings) {
    const entry = byId.get(finding.rule.id);
    if (entry === undefined) {
      byId.set(finding.rule.id, {
        id: finding.rule.id,
        title: finding.rule.title,
        level: finding.level,
        count: 1,
      });
      continue;
    }
    entry.count += 1;
    if (levelRank(finding.level) > levelRank(entry.level)) entry.level = finding.level;
  }
  return [...byId.values()].sort(
    (a, b) =>
      levelRank(b.level) - levelRank(a.level) || b.count - a.count || a.id.localeCompare(b.id),
  );
}

/** The highest level among `findings`, or undefined for none. */
export function highestLevel(findings: readonly Finding[]): Level | undefined {
  let best: Level | undefined;
  for (const finding of findings) {
    if (best === undefined || levelRank(finding.level) > levelRank(best)) best = finding.level;
  }
  return best;
}

/**
 * The report restricted to findings at or above `min` (`--min-level`): counts in the summary
 * are recomputed and incidents below `min` dropped, so every output agrees with itself.
 */
export function withMinLevel(report: Report, min: Level | undefined): Report {
  if (min === undefined) return report;
  const findings = filterByMinLevel(report.findings, min);
  const rank = levelRank(min);
  const incidents = report.incidents.filter((incident) => levelRank(incident.level) >= rank);
  return {
    ...report,
    findings,
    incidents,
    summary: {
      ...report.summary,
      findings: findings.length,
      findingsByLevel: countByLevel(findings),
      findingsByRule: countByRule(findings),
      incidents: incidents.length,
    },
  };
}
