/**
 * The error base class and the code catalogue.
 *
 * Every stable error code lives in one domain catalogue (`<domain>/error-codes.ts`), a plain
 * object `{ CODE: { meaning, fix } }`. This file merges them; `docs/errors.md` is generated from
 * the merged catalogue (`npm run docs:errors`) and a test keeps the two in sync.
 *
 * Callers branch on `code`, never on message text.
 * @module
 */
import { BASELINE_ERROR_CODES } from './baseline/error-codes.js';
import { CORE_ERROR_CODES } from './core-error-codes.js';
import { HUNT_ERROR_CODES } from './hunt/error-codes.js';
import { ENDPOINT_ERROR_CODES } from './ingest/endpoint/error-codes.js';
import { INGEST_ERROR_CODES } from './ingest/error-codes.js';
import { INVENTORY_ERROR_CODES } from './inventory/error-codes.js';
import { POSTURE_ERROR_CODES } from './posture/error-codes.js';
import { RBAC_ERROR_CODES } from './rbac/error-codes.js';
import { REPORT_ERROR_CODES } from './report/error-codes.js';
import { RULES_ERROR_CODES } from './rules/error-codes.js';
import { CORRELATION_ERROR_CODES } from './sigma/correlation/error-codes.js';
import { SIGMA_ERROR_CODES } from './sigma/error-codes.js';
import { FILTER_ERROR_CODES } from './sigma/filter/error-codes.js';
import { PIPELINE_ERROR_CODES } from './sigma/pipeline/error-codes.js';
import { STORE_ERROR_CODES } from './store/error-codes.js';

/** One catalogue row: what the code means and how a user fixes it. */
export interface ErrorCodeInfo {
  readonly meaning: string;
  readonly fix: string;
}

/** Every catalogue, merged. Domains add their catalogue here. */
export const ERROR_CATALOGUE = {
  ...CORE_ERROR_CODES,
  ...INVENTORY_ERROR_CODES,
  ...POSTURE_ERROR_CODES,
  ...REPORT_ERROR_CODES,
  ...SIGMA_ERROR_CODES,
  ...INGEST_ERROR_CODES,
  ...HUNT_ERROR_CODES,
  ...RULES_ERROR_CODES,
  ...CORRELATION_ERROR_CODES,
  ...FILTER_ERROR_CODES,
  ...PIPELINE_ERROR_CODES,
  ...INVENTORY_ERROR_CODES,
  ...RBAC_ERROR_CODES,
  ...INGEST_ERROR_CODES,
  ...ENDPOINT_ERROR_CODES,
  ...STORE_ERROR_CODES,
  ...BASELINE_ERROR_CODES,
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Where a problem is: a file with an optional 1-based line and column, or a record index. */
export interface Location {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** 0-based index of a record inside a JSON array or XML document. */
  readonly index?: number;
  /** Byte offset in the (decompressed) stream, when lines are not meaningful. */
  readonly offset?: number;
}

/** Formats a location as `file:line:column` (omitting what is unknown). */
export function formatLocation(location: Location): string {
  let text = location.file;
  if (location.line !== undefined) {
    text += `:${location.line}`;
    if (location.column !== undefined) text += `:${location.column}`;
  } else if (location.index !== undefined) {
    text += `#${location.index}`;
  } else if (location.offset !== undefined) {
    text += `@${location.offset}`;
  }
  return text;
}

/**
 * An expected problem in data (a bad rule, a malformed log line): a result, not an exception.
 * Parsers return every issue they find.
 */
export interface Issue {
  readonly code: ErrorCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly location?: Location;
}

/** Renders an issue the way the CLI prints it: `file:line:col: message (CODE)`. */
export function formatIssue(issue: Issue): string {
  const where = issue.location ? `${formatLocation(issue.location)}: ` : '';
  return `${where}${issue.message} (${issue.code})`;
}

/** The one error class of the project: a stable code, an optional location and a cause. */
export class CronwardenError extends Error {
  readonly code: ErrorCode;
  readonly location: Location | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { location?: Location; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CronwardenError';
    this.code = code;
    this.location = options.location;
  }

  /** Converts the error into an issue (for reports that collect problems). */
  toIssue(severity: Issue['severity'] = 'error'): Issue {
    return this.location
      ? { code: this.code, severity, message: this.message, location: this.location }
      : { code: this.code, severity, message: this.message };
  }

  override toString(): string {
    return formatIssue(this.toIssue());
  }
}
