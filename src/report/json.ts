/**
 * The `json` format (one document: tool, findings, incidents, rules, summary) and the
 * `jsonl` format for `jq` and SIEM shippers: one finding per line (the finding object, as in
 * `json`), then one line per incident wrapped as `{"type":"incident","incident":{…}}` so the
 * chains can be rebuilt from the stream. Findings never have a `type` key:
 * `select(.type == "incident")` picks the incidents, `select(.rule)` the findings.
 * @module
 */
import type { Finding } from '../finding.js';
import type { Incident } from '../incident.js';
import type { Report } from './report.js';

/** The `json` document, pretty-printed, ending with a newline. */
export function formatJson(report: Report): string {
  const document = {
    tool: report.tool,
    findings: report.findings,
    incidents: report.incidents,
    rules: report.rules,
    summary: report.summary,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** One finding as a single JSONL line (no newline). */
export function formatJsonlLine(finding: Finding): string {
  // JSON.stringify escapes CR/LF inside strings, so a finding is always exactly one line.
  return JSON.stringify(finding);
}

/** One incident as a single JSONL line (no newline): `{"type":"incident","incident":{…}}`. */
export function formatJsonlIncidentLine(incident: Incident): string {
  return JSON.stringify({ type: 'incident', incident });
}

/** Every finding, one per line, then every incident; the empty string when there are none. */
export function formatJsonl(report: Report): string {
  let out = '';
  for (const finding of report.findings) out += `${formatJsonlLine(finding)}\n`;
  for (const incident of report.incidents) out += `${formatJsonlIncidentLine(incident)}\n`;
  return out;
}
