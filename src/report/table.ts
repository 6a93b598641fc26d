/**
 * The `table` format: aligned columns for people at a terminal, then incidents with their
 * chain. Colour only when the caller says so (see `shouldColor`); data is stripped of control
 * characters either way.
 * @module
 */
import { LEVELS } from '../finding.js';
import type { ChainLink, Incident, IncidentActor } from '../incident.js';
import { type Paint, painter, stripControl } from './color.js';
import { formatObject, formatOrigin } from './origin.js';
import type { Report, RunSummary } from './report.js';

export interface TableOptions {
  readonly color: boolean;
}

/** Widest a non-final column may grow before its cells are cut with `…`. */
const MAX_COLUMN = 48;
const HEADERS = ['LEVEL', 'RULE', 'TIME', 'OBJECT', 'ORIGIN', 'MESSAGE'] as const;

/** Renders findings as an aligned table and incidents below it. Ends with a newline. */
export function formatTable(report: Report, options: TableOptions): string {
  const paint = painter(options.color);
  if (report.findings.length === 0) return 'No findings.\n';
  const rows = report.findings.map((finding) => [
    finding.level,
    finding.rule.id,
    finding.time,
    finding.object ? formatObject(finding.object) : '-',
    finding.origin ? formatOrigin(finding.origin) : '-',
    finding.message,
  ]);
  const lines = renderRows(rows, paint);
  if (report.incidents.length > 0) {
    lines.push('', paint.bold(`INCIDENTS (${report.incidents.length})`));
    for (const incident of report.incidents) lines.push(...renderIncident(incident, paint));
  }
  return `${lines.join('\n')}\n`;
}

function clip(text: string, width: number): string {
  const clean = stripControl(text);
  return clean.length <= width ? clean : `${clean.slice(0, width - 1)}…`;
}

function renderRows(rows: readonly string[][], paint: Paint): string[] {
  const cells = rows.map((row) =>
    row.map((cell, column) =>
      column === HEADERS.length - 1 ? stripControl(cell) : clip(cell, MAX_COLUMN),
    ),
  );
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => row[column]?.length ?? 0)),
  );
  const line = (row: readonly string[], paintCell: (text: string, column: number) => string) =>
    row
      .map((cell, column) => {
        const last = column === row.length - 1;
        const padded = last ? cell : cell.padEnd(widths[column] ?? 0);
        return paintCell(padded, column);
      })
      .join('  ')
      .trimEnd();
  const out = [line([...HEADERS], (text) => paint.bold(text))];
  cells.forEach((row, index) => {
    const level = rows[index]?.[0];
    const known = LEVELS.find((l) => l === level);
    out.push(
      line(row, (text, column) => (column === 0 && known ? paint.level(known, text) : text)),
    );
  });
  return out;
}

function describeActor(label: string, actor: IncidentActor): string {
  const via = actor.userAgent ? ` via ${stripControl(actor.userAgent)}` : '';
  const from = actor.sourceIPs?.length ? ` from ${actor.sourceIPs.join(', ')}` : '';
  return `  ${label} ${stripControl(actor.user)} (${actor.verb} at ${actor.time}${from}${via})`;
}

/** Other paths of an incident printed in full before a count. */
const MAX_OTHER_LINES = 3;

function describeChain(chain: readonly ChainLink[]): string {
  return chain
    .map((link) => {
      const name =
        link.namespace && link.kind !== 'process' && link.kind !== 'file'
          ? `${link.namespace}/${link.name}`
          : link.name;
      // What ran is the point of a process link: show its command line beside the image.
      const detail = link.kind === 'process' && link.detail ? ` (${clip(link.detail, 60)})` : '';
      return stripControl(`${link.kind} ${name}${detail}`);
    })
    .join(' → ');
}

function renderIncident(incident: Incident, paint: Paint): string[] {
  const head = `${paint.bold(incident.id)}  ${paint.level(incident.level, incident.level)}  ${stripControl(incident.title)}`;
  const lines = ['', head];
  if (incident.createdBy) lines.push(describeActor('created by', incident.createdBy));
  if (incident.lastChangedBy) lines.push(describeActor('last changed by', incident.lastChangedBy));
  lines.push(`  chain: ${describeChain(incident.chain)}`);
  // The other branches, without the shared root; a few, then a count.
  const others = incident.otherChains ?? [];
  for (const other of others.slice(0, MAX_OTHER_LINES))
    lines.push(`  also:  … → ${describeChain(other.slice(1))}`);
  if (others.length > MAX_OTHER_LINES)
    lines.push(`  also:  ${others.length - MAX_OTHER_LINES} more paths (json, html)`);
  lines.push(
    `  rules: ${incident.rules.join(', ')}  (${incident.firstSeen} … ${incident.lastSeen})`,
  );
  return lines;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Human summary of a run, several lines, ending with a newline (stderr for `table`). */
export function formatSummaryText(summary: RunSummary, options: TableOptions): string {
  const paint = painter(options.color);
  const seconds = (summary.durationMs / 1000).toFixed(2);
  const lines = [
    paint.bold(
      `cronwarden ${summary.command}: ${summary.records} records from ${summary.inputs.length} input(s) (${formatBytes(summary.bytes)}) in ${seconds} s`,
    ),
  ];
  const formats = Object.entries(summary.recordsByFormat);
  if (formats.length > 0) {
    lines.push(`  by format: ${formats.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  }
  lines.push(`  malformed records: ${summary.malformed}`);
  if (summary.skippedByPrefilter !== undefined) {
    lines.push(
      `  records skipped by the literal prefilter (not parsed): ${summary.skippedByPrefilter}`,
    );
  }
  if (summary.blindSpots.length > 0) {
    const total = summary.blindSpots.reduce((sum, b) => sum + b.count, 0);
    const parts = summary.blindSpots.map((b) => `${b.reason} ${b.count}`).join(', ');
    lines.push(`  blind spots: ${total} (${parts})`);
  } else {
    lines.push('  blind spots: 0');
  }
  const levels = [...LEVELS]
    .reverse()
    .filter((level) => summary.findingsByLevel[level] > 0)
    .map((level) => paint.level(level, `${level} ${summary.findingsByLevel[level]}`));
  const byLevel = levels.length > 0 ? ` (${levels.join(', ')})` : '';
  lines.push(
    `  findings: ${summary.findings}${byLevel}; incidents: ${summary.incidents}; rules loaded: ${summary.rulesLoaded}`,
  );
  for (const rule of summary.findingsByRule) {
    lines.push(`    ${rule.id}  ${rule.level}  ${rule.count}  ${stripControl(rule.title)}`);
  }
  if (summary.stoppedEarly) lines.push('  stopped early (--strict or --max-errors)');
  return `${lines.join('\n')}\n`;
}
