/**
 * The catalogue of report formats and the one function that renders a report in any of them.
 * @module
 */
import { formatHtml } from './html.js';
import { formatJson, formatJsonl } from './json.js';
import type { Report } from './report.js';
import { formatSarif } from './sarif.js';
import { formatTable } from './table.js';

/** Output formats, in the order `--help` lists them. */
export const REPORT_FORMATS = ['table', 'json', 'jsonl', 'sarif', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FormatOptions {
  /** ANSI colour for `table` (decide with `shouldColor`). Ignored by other formats. */
  readonly color?: boolean;
  /** `file:` URL that relative SARIF artifact paths resolve against (`%SRCROOT%`). */
  readonly srcRoot?: string;
}

/** Parses a format name; undefined for anything else. */
export function parseReportFormat(text: string): ReportFormat | undefined {
  return REPORT_FORMATS.find((format) => format === text);
}

/**
 * Renders `report` as `format`. The result ends with a newline (empty for `jsonl` with no
 * findings).
 * @example
 * process.stdout.write(formatReport('sarif', report));
 */
export function formatReport(
  format: ReportFormat,
  report: Report,
  options: FormatOptions = {},
): string {
  switch (format) {
    case 'table':
      return formatTable(report, { color: options.color ?? false });
    case 'json':
      return formatJson(report);
    case 'jsonl':
      return formatJsonl(report);
    case 'sarif':
      return formatSarif(report, options.srcRoot === undefined ? {} : { srcRoot: options.srcRoot });
    case 'html':
      return formatHtml(report);
    default: {
      const unknown: never = format;
      throw new Error(`unknown report format ${String(unknown)}`);
    }
  }
}
