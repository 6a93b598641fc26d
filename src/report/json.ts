/**
 * The `json` format (one document: tool, findings, incidents, rules, summary) and the
 * `jsonl` format (one finding per line and nothing else, for `jq` and SIEM shippers).
 * @module
 */
import type { Finding } from '../finding.js';
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

/** Every finding, one per line; the empty string when there are none. */
export function formatJsonl(report: Report): string {
  let out = '';
  for (const finding of report.findings) out += `${formatJsonlLine(finding)}\n`;
  return out;
}
