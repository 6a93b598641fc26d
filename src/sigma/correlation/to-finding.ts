/**
 * A correlation match as a finding: `rule.source: 'correlation'`, the group values as the
 * matched fields, and `related[]` pointing at every raw record behind the match.
 * @module
 */
import type { Location } from '../../errors.js';
import type { Finding, FindingOrigin } from '../../finding.js';
import type { CorrelationMatch } from './engine.js';

function toOrigin(location: Location): FindingOrigin | undefined {
  if (location.line !== undefined) return { file: location.file, line: location.line };
  if (location.index !== undefined) return { file: location.file, index: location.index };
  return undefined;
}

function describeValue(match: CorrelationMatch): string {
  const { type, condition } = match.rule;
  if (condition.expression) return `"${condition.expression.text}" held`;
  switch (type) {
    case 'event_count':
      return `${match.value} events`;
    case 'value_count':
      return `${match.value} distinct values of ${condition.fields.join(', ')}`;
    case 'temporal':
      return `${match.value} of ${match.rule.rules.length} rules`;
    case 'temporal_ordered':
      return `${match.value} of ${match.rule.rules.length} rules in order`;
    case 'value_sum':
      return `sum of ${condition.fields[0]} = ${match.value}`;
    case 'value_avg':
      return `average of ${condition.fields[0]} = ${match.value}`;
    case 'value_percentile':
      return `p${condition.percentile} of ${condition.fields[0]} = ${match.value}`;
    case 'value_median':
      return `median of ${condition.fields[0]} = ${match.value}`;
    default: {
      const never: never = type;
      return String(never);
    }
  }
}

/**
 * Turns a correlation match into a `Finding`. A correlation without a level is reported as
 * `medium`, like detection rules. The finding's origin is the last contributing record.
 */
export function correlationToFinding(match: CorrelationMatch): Finding {
  const origins = match.origins.map(toOrigin).filter((o): o is FindingOrigin => o !== undefined);
  const last = origins.at(-1);
  const group = Object.entries(match.group)
    .map(([field, value]) => `${field}=${JSON.stringify(value)}`)
    .join(', ');
  const seconds = (match.window.endMs - match.window.startMs) / 1000;
  return {
    rule: { id: match.key, title: match.rule.title, source: 'correlation' },
    level: match.rule.level ?? 'medium',
    tags: match.rule.tags,
    time: new Date(match.timeMs).toISOString(),
    message: `${match.rule.title}: ${describeValue(match)} within ${seconds}s (timespan ${match.rule.timespan})${group ? ` for ${group}` : ''}`,
    ...(last === undefined ? {} : { origin: last }),
    related: origins.slice(0, -1),
    matched: Object.entries(match.group).map(([field, value]) => ({ field, value })),
    evidence: [
      `${match.eventCount} contributing matches, ${match.originCount} raw records`,
      ...match.contributors.map((c) => `${new Date(c.timeMs).toISOString()} ${c.ruleKey}`),
    ],
  };
}
