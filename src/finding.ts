/**
 * The one finding shape shared by every output (table, JSON, JSONL, SARIF, HTML), the store
 * and the API. Its JSON Schema is `docs/finding.schema.json`; keep the two in step (a test
 * validates real output against the schema).
 * @module
 */

/** Severity, lowest first. */
export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

/** Numeric rank of a level (informational = 0 … critical = 4), for `--min-level`/`--fail-on`. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** Parses a level name; returns undefined for anything else. */
export function parseLevel(text: string): Level | undefined {
  return (LEVELS as readonly string[]).includes(text) ? (text as Level) : undefined;
}

/**
 * Where the rule came from:
 * - `pack`: cronwarden's built-in T1053.007 pack (ids `CW-001` …)
 * - `sigma`: a Sigma rule given by the user or imported (SigmaHQ UUIDs)
 * - `correlation`: a Sigma correlation rule or a stateful analytic
 * - `baseline`: a deviation from a learned baseline
 * - `posture`: Pod Security Standards and extra template checks (`PSS.<checkId>`, `CWP-…`)
 * - `rbac`: RBAC analysis (`RBAC-…`)
 * - `hygiene`: account hygiene (`HYG-…`)
 */
export type RuleSource =
  | 'pack'
  | 'sigma'
  | 'correlation'
  | 'baseline'
  | 'posture'
  | 'rbac'
  | 'hygiene';

export interface FindingRule {
  readonly id: string;
  readonly title: string;
  readonly source: RuleSource;
}

/**
 * Where the raw record is: `{file, line}` (1-based line of the record's first line, for line
 * formats) or `{file, index}` (0-based position in a JSON array or XML document). Objects
 * read from a live cluster use `file: "cluster:<context>"` and the object path in `object`.
 */
export type FindingOrigin =
  | { readonly file: string; readonly line: number }
  | { readonly file: string; readonly index: number };

/** The Kubernetes object a finding is about, when there is one. */
export interface FindingObject {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** One matched field and the value(s) that made it match. */
export interface MatchedField {
  readonly field: string;
  readonly value: unknown;
}

export interface Finding {
  readonly rule: FindingRule;
  readonly level: Level;
  /** ATT&CK and other tags as written in the rule (`attack.t1053.007`). */
  readonly tags: readonly string[];
  /** ISO 8601 time of the event (or of the scan for posture findings). */
  readonly time: string;
  /** One sentence a human reads first. */
  readonly message: string;
  readonly origin?: FindingOrigin;
  /** Origins of the other records behind a correlated finding. */
  readonly related?: readonly FindingOrigin[];
  readonly matched: readonly MatchedField[];
  readonly object?: FindingObject;
  /** Evidence lines (an RBAC chain, a before → after diff, a baseline explanation). */
  readonly evidence?: readonly string[];
  readonly remediation?: string;
  /** The incident this finding was grouped into (lineage), when any. */
  readonly incident?: string;
}
