/**
 * The `html` format: one self-contained page (no network: inline CSS, inline script and
 * inline SVG, locked down by a Content-Security-Policy that allows only their hashes).
 * Summary chart, a findings table with level/rule/text filters, incidents with their chain
 * drawn, input problems. Every piece of data goes through `escapeHtml`; nothing from the
 * data ever lands in a script, a style or an event-handler attribute.
 * @module
 */
import { createHash } from 'node:crypto';
import { formatIssue } from '../errors.js';
import { type Finding, LEVELS, type Level } from '../finding.js';
import type { ChainLink, Incident, IncidentActor } from '../incident.js';
import { formatObject, formatOrigin } from './origin.js';
import type { Report, RuleCount, RunSummary } from './report.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const LEVEL_COLOR: Readonly<Record<Level, string>> = {
  informational: '#8a94a6',
  low: '#3b82f6',
  medium: '#f59e0b',
  high: '#ef4444',
  critical: '#7f1d1d',
};

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2937;--bg:#fff;--mute:#6b7280;--line:#e5e7eb;--box:#f3f4f6}
@media (prefers-color-scheme:dark){:root{--fg:#e5e7eb;--bg:#111827;--mute:#9ca3af;--line:#374151;--box:#1f2937}}
body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1400px;padding:1rem 2rem}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid var(--line)}
.meta{color:var(--mute)}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{background:var(--box);border-radius:6px;padding:.6rem 1rem;min-width:8rem}.card b{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
td.msg{word-break:break-word}code,.mono{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
.lvl{font-weight:600;text-transform:uppercase;font-size:11px;padding:1px 6px;border-radius:3px;color:#fff}
.lvl-informational{background:#8a94a6}.lvl-low{background:#3b82f6}.lvl-medium{background:#b45309}.lvl-high{background:#dc2626}.lvl-critical{background:#7f1d1d}
.filters{display:flex;gap:1rem;align-items:center;margin:.5rem 0;flex-wrap:wrap}
.incident{background:var(--box);border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
svg text{fill:var(--fg);font:12px system-ui,sans-serif}svg .box{fill:var(--bg);stroke:var(--mute)}svg .arrow{stroke:var(--mute)}
details summary{cursor:pointer;color:var(--mute)}
`;

const SCRIPT = `(() => {
  const rank = { informational: 0, low: 1, medium: 2, high: 3, critical: 4 };
  const level = document.getElementById('f-level');
  const rule = document.getElementById('f-rule');
  const text = document.getElementById('f-text');
  const count = document.getElementById('f-count');
  const rows = Array.from(document.querySelectorAll('#findings tbody tr'));
  function apply() {
    const min = rank[level.value] ?? 0;
    const id = rule.value;
    const query = text.value.toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const ok = (rank[row.dataset.level] ?? 0) >= min && (id === '' || row.dataset.rule === id) &&
        (query === '' || row.textContent.toLowerCase().includes(query));
      row.hidden = !ok;
      if (ok) shown += 1;
    }
    count.textContent = shown + ' of ' + rows.length + ' shown';
  }
  for (const input of [level, rule, text]) input.addEventListener('input', apply);
  apply();
})();`;

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** Computed once: the page allows exactly our inline style and script, nothing else. */
const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${sha256Base64(STYLE)}'`,
  `script-src 'sha256-${sha256Base64(SCRIPT)}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function levelBadge(level: Level): string {
  return `<span class="lvl lvl-${level}">${level}</span>`;
}

function barChart(
  title: string,
  bars: readonly { label: string; value: number; color: string }[],
): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 22;
  const labelWidth = 190;
  const barWidth = 320;
  const height = bars.length * rowHeight + 8;
  const rows = bars
    .map((bar, i) => {
      const y = 4 + i * rowHeight;
      const width = Math.round((bar.value / max) * barWidth);
      return (
        `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${escapeHtml(clip(bar.label, 30))}</text>` +
        `<rect x="${labelWidth}" y="${y + 2}" width="${width}" height="${rowHeight - 6}" fill="${bar.color}" rx="2"><title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title></rect>` +
        `<text x="${labelWidth + width + 6}" y="${y + 14}">${bar.value}</text>`
      );
    })
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(title)}" width="${labelWidth + barWidth + 60}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}"><title>${escapeHtml(title)}</title>${rows}</svg>`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Keeps both ends: generated names differ at the end (`backup-29925483-k2x9q`). */
function clipMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.floor((max - 1) / 3);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

function summarySection(summary: RunSummary): string {
  const total = summary.blindSpots.reduce((sum, b) => sum + b.count, 0);
  const cards = [
    ['records', summary.records],
    ['inputs', summary.inputs.length],
    ['malformed', summary.malformed],
    ['blind spots', total],
    ['findings', summary.findings],
    ['incidents', summary.incidents],
    ['rules loaded', summary.rulesLoaded],
  ]
    .map(([label, value]) => `<div class="card"><b>${value}</b>${label}</div>`)
    .join('');
  const levelBars = [...LEVELS].reverse().map((level) => ({
    label: level,
    value: summary.findingsByLevel[level],
    color: LEVEL_COLOR[level],
  }));
  const ruleBars = summary.findingsByRule.slice(0, 15).map((rule: RuleCount) => ({
    label: `${rule.id} ${rule.title}`,
    value: rule.count,
    color: LEVEL_COLOR[rule.level],
  }));
  const formats = Object.entries(summary.recordsByFormat)
    .map(([id, n]) => `<li><code>${escapeHtml(id)}</code>: ${n}</li>`)
    .join('');
  return [
    '<section id="summary"><h2>Summary</h2>',
    `<div class="cards">${cards}</div>`,
    barChart('Findings by level', levelBars),
    ruleBars.length > 0 ? barChart('Findings by rule', ruleBars) : '',
    formats ? `<h3>Records by format</h3><ul>${formats}</ul>` : '',
    '</section>',
  ].join('\n');
}

function findingDetails(finding: Finding): string {
  const parts: string[] = [];
  for (const m of finding.matched) {
    parts.push(
      `<div><code>${escapeHtml(m.field)}</code> = <code>${escapeHtml(JSON.stringify(m.value) ?? 'undefined')}</code></div>`,
    );
  }
  for (const line of finding.evidence ?? []) parts.push(`<div>${escapeHtml(line)}</div>`);
  for (const origin of finding.related ?? []) {
    parts.push(`<div>related: <code>${escapeHtml(formatOrigin(origin))}</code></div>`);
  }
  if (finding.remediation) parts.push(`<div><b>Fix:</b> ${escapeHtml(finding.remediation)}</div>`);
  if (finding.tags.length > 0)
    parts.push(`<div>tags: ${escapeHtml(finding.tags.join(', '))}</div>`);
  if (finding.incident)
    parts.push(
      `<div>incident: <a href="#${escapeHtml(anchor(finding.incident))}">${escapeHtml(finding.incident)}</a></div>`,
    );
  return parts.length > 0 ? `<details><summary>details</summary>${parts.join('')}</details>` : '';
}

/** An id attribute value that cannot break out of its quotes or collide with ours. */
function anchor(id: string): string {
  return `inc-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function findingsSection(report: Report): string {
  const ruleIds = [...new Map(report.findings.map((f) => [f.rule.id, f.rule.title])).entries()];
  const ruleOptions = ruleIds
    .map(
      ([id, title]) =>
        `<option value="${escapeHtml(id)}">${escapeHtml(`${id} ${clip(title, 60)}`)}</option>`,
    )
    .join('');
  const levelOptions = LEVELS.map(
    (level) => `<option value="${level}">${level} and above</option>`,
  ).join('');
  const rows = report.findings
    .map(
      (f) =>
        `<tr data-level="${f.level}" data-rule="${escapeHtml(f.rule.id)}">` +
        `<td>${levelBadge(f.level)}</td>` +
        `<td><code>${escapeHtml(f.rule.id)}</code><br>${escapeHtml(f.rule.title)}</td>` +
        `<td class="mono">${escapeHtml(f.time)}</td>` +
        `<td>${f.object ? escapeHtml(formatObject(f.object)) : ''}</td>` +
        `<td class="mono">${f.origin ? escapeHtml(formatOrigin(f.origin)) : ''}</td>` +
        `<td class="msg">${escapeHtml(f.message)}${findingDetails(f)}</td></tr>`,
    )
    .join('\n');
  return [
    `<section><h2>Findings (${report.findings.length})</h2>`,
    '<div class="filters">',
    `<label>Level <select id="f-level">${levelOptions}</select></label>`,
    `<label>Rule <select id="f-rule"><option value="">all rules</option>${ruleOptions}</select></label>`,
    '<label>Search <input id="f-text" type="search" placeholder="text in any column"></label>',
    '<span id="f-count" class="meta"></span></div>',
    '<table id="findings"><thead><tr><th>Level</th><th>Rule</th><th>Time</th><th>Object</th><th>Origin</th><th>Message</th></tr></thead>',
    `<tbody>\n${rows}\n</tbody></table></section>`,
  ].join('\n');
}

function linkLabel(link: ChainLink): string {
  const scoped = link.namespace && link.kind !== 'process' && link.kind !== 'file';
  return scoped ? `${link.namespace}/${link.name}` : link.name;
}

/** The chain as boxes joined by arrows, left to right, full text in each box's tooltip. */
function chainSvg(chain: readonly ChainLink[]): string {
  const boxWidth = 190;
  const gap = 34;
  const height = 64;
  const width = Math.max(1, chain.length) * (boxWidth + gap);
  const parts = chain.map((link, i) => {
    const x = i * (boxWidth + gap);
    const tooltip = [
      link.kind,
      linkLabel(link),
      link.uid,
      link.time,
      link.detail,
      link.origin ? formatOrigin(link.origin) : undefined,
    ]
      .filter((p): p is string => p !== undefined && p !== '')
      .join('\n');
    const arrow =
      i < chain.length - 1
        ? `<line class="arrow" x1="${x + boxWidth}" y1="32" x2="${x + boxWidth + gap - 4}" y2="32" marker-end="url(#arrowhead)"/>`
        : '';
    return (
      `<g><title>${escapeHtml(tooltip)}</title><rect class="box" x="${x + 1}" y="4" width="${boxWidth - 2}" height="56" rx="5"/>` +
      `<text x="${x + 10}" y="24" font-weight="600">${escapeHtml(link.kind)}</text>` +
      (link.namespace
        ? `<text x="${x + boxWidth - 10}" y="24" font-size="10" text-anchor="end">${escapeHtml(clip(link.namespace, 18))}</text>`
        : '') +
      `<text x="${x + 10}" y="42">${escapeHtml(clipMiddle(link.name, 26))}</text>` +
      `<text x="${x + 10}" y="55" font-size="10">${escapeHtml(clip(link.detail ?? '', 30))}</text></g>${arrow}`
    );
  });
  return (
    `<svg role="img" aria-label="lineage" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    '<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#888"/></marker></defs>' +
    `${parts.join('')}</svg>`
  );
}

/** The other branches of an incident, folded: each path as its own chain drawing. */
function otherChainsBlock(others: readonly (readonly ChainLink[])[]): string {
  if (others.length === 0) return '';
  const label = `${others.length} other path${others.length === 1 ? '' : 's'} with findings`;
  return `<details><summary>${escapeHtml(label)}</summary>${others.map((chain) => chainSvg(chain)).join('\n')}</details>`;
}

function actorLine(label: string, actor: IncidentActor): string {
  const from = actor.sourceIPs?.length ? ` from ${actor.sourceIPs.join(', ')}` : '';
  const via = actor.userAgent ? ` via ${actor.userAgent}` : '';
  const machine = actor.isMachine ? ' (machine identity)' : '';
  return `<div>${label} <b>${escapeHtml(actor.user)}</b>${escapeHtml(machine)}: ${escapeHtml(`${actor.verb} at ${actor.time}${from}${via}`)}</div>`;
}

function incidentsSection(incidents: readonly Incident[]): string {
  if (incidents.length === 0) return '';
  const blocks = incidents.map((incident) =>
    [
      `<div class="incident" id="${escapeHtml(anchor(incident.id))}">`,
      `<div>${levelBadge(incident.level)} <b>${escapeHtml(incident.id)}</b> ${escapeHtml(incident.title)}</div>`,
      `<div class="meta">${escapeHtml(`${formatObject(incident.root)} · ${incident.firstSeen} … ${incident.lastSeen} · rules ${incident.rules.join(', ')}`)}</div>`,
      incident.createdBy ? actorLine('Created by', incident.createdBy) : '',
      incident.lastChangedBy ? actorLine('Last changed by', incident.lastChangedBy) : '',
      chainSvg(incident.chain),
      otherChainsBlock(incident.otherChains ?? []),
      '</div>',
    ].join('\n'),
  );
  return `<section><h2>Incidents (${incidents.length})</h2>\n${blocks.join('\n')}</section>`;
}

function problemsSection(summary: RunSummary): string {
  const blind = summary.blindSpots
    .map((b) => `<li><code>${escapeHtml(b.reason)}</code>: ${b.count}</li>`)
    .join('');
  const issues = summary.issues
    .map((issue) => `<li class="mono">${escapeHtml(formatIssue(issue))}</li>`)
    .join('');
  const inputs = summary.inputs
    .map(
      (input) =>
        `<tr><td class="mono">${escapeHtml(input.path)}</td><td><code>${escapeHtml(input.format)}</code></td><td>${input.bytes ?? ''}</td><td>${input.records}</td><td>${input.malformed}</td></tr>`,
    )
    .join('');
  return [
    '<section><h2>Inputs</h2>',
    `<table><thead><tr><th>Path</th><th>Format</th><th>Bytes</th><th>Records</th><th>Malformed</th></tr></thead><tbody>${inputs}</tbody></table>`,
    blind ? `<h3>Blind spots</h3><ul>${blind}</ul>` : '',
    issues ? `<h3>Malformed records (${summary.malformed})</h3><ul>${issues}</ul>` : '',
    '</section>',
  ].join('\n');
}

/** The whole HTML page. */
export function formatHtml(report: Report): string {
  const s = report.summary;
  const title = `cronwarden ${s.command} report`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<div class="meta">${escapeHtml(`cronwarden ${report.tool.version} · started ${s.startedAt} · ${(s.durationMs / 1000).toFixed(2)} s${s.stoppedEarly ? ' · stopped early' : ''}`)}</div>`,
    summarySection(s),
    incidentsSection(report.incidents),
    findingsSection(report),
    problemsSection(s),
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
