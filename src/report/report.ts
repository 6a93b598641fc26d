/**
 * The report document every output format renders: findings, incidents, the rules that ran
 * and a run summary. `hunt` and `scan` build one; `formatReport` turns it into text.
 * @module
 */
import type { Issue } from '../errors.js';
import type { Finding, FindingRule, Level } from '../finding.js';
import type { Incident } from '../incident.js';

/** What a report knows about a rule beyond a finding's `{id, title, source}` (SARIF rules). */
export interface RuleInfo extends FindingRule {
  /** The rule's own level (a finding may carry another, e.g. raised by a correlation). */
  readonly level: Level;
  readonly description?: string;
  readonly tags?: readonly string[];
  /** How to respond; shown as SARIF `help` and in the HTML report. */
  readonly help?: string;
  readonly helpUri?: string;
  readonly falsepositives?: readonly string[];
}

/** One input the run read (a file, `-` for stdin, `cluster:<context>`). */
export interface InputSummary {
  readonly path: string;
  /** Format id that decoded it (`k8s-audit`, `eks-cloudwatch`, `manifests`, …). */
  readonly format: string;
  /** Bytes read (compressed size for `.gz`), when known. */
  readonly bytes?: number;
  /** Records decoded (events, manifest objects). */
  readonly records: number;
  readonly malformed: number;
}

/** Counts of one blind-spot reason (`audit.k8s.io/truncated`, `eks.truncated`, …). */
export interface BlindSpotSummary {
  readonly reason: string;
  readonly count: number;
}

/** Counts of one rule's findings. */
export interface RuleCount {
  readonly id: string;
  readonly title: string;
  readonly level: Level;
  readonly count: number;
}

export interface RunSummary {
  /** The command that produced the report (`hunt`, `scan`). */
  readonly command: string;
  /** ISO 8601 start of the run. */
  readonly startedAt: string;
  readonly durationMs: number;
  readonly inputs: readonly InputSummary[];
  readonly bytes: number;
  readonly records: number;
  /** Records decoded per format id, sorted by id. */
  readonly recordsByFormat: Readonly<Record<string, number>>;
  /** Total malformed records (every one counted, even past the reported sample). */
  readonly malformed: number;
  /** The malformed-record issues, each reported once (`--max-errors` bounds the list). */
  readonly issues: readonly Issue[];
  readonly blindSpots: readonly BlindSpotSummary[];
  readonly rulesLoaded: number;
  readonly findings: number;
  readonly findingsByLevel: Readonly<Record<Level, number>>;
  /** Per rule, most severe first then by count. */
  readonly findingsByRule: readonly RuleCount[];
  readonly incidents: number;
  /**
   * Records proven irrelevant by the literal prefilter and never parsed (counted in
   * `records`, not checked for well-formedness beyond their shape). Absent without one.
   */
  readonly skippedByPrefilter?: number;
  /** True when the run stopped early (`--strict`, `--max-errors`). */
  readonly stoppedEarly: boolean;
}

export interface Report {
  readonly tool: { readonly name: 'cronwarden'; readonly version: string };
  readonly findings: readonly Finding[];
  readonly incidents: readonly Incident[];
  /** Every rule that ran (SARIF lists them all, with or without results). */
  readonly rules: readonly RuleInfo[];
  readonly summary: RunSummary;
}
