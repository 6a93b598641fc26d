/**
 * Counters of one ingest run, for the hunt summary and progress display. Plain data: safe to
 * serialise and to merge across worker threads.
 * @module
 */

export interface IngestStats {
  /** Inputs opened. */
  files: number;
  /** Raw bytes read from disk or stdin (compressed size for .gz): the progress measure. */
  bytesRead: number;
  /** Lines seen after decompression. */
  lines: number;
  /** Events handed to the caller (after dedupe). */
  events: number;
  eventsByFormat: Record<string, number>;
  /** Inputs per detected (or forced) format; `unknown` for undetectable ones. */
  filesByFormat: Record<string, number>;
  /** Records that could not be used (issues of severity error from decoding). */
  malformed: number;
  /** Events marked as blind spots, in total and per reason. */
  blindSpots: number;
  blindSpotsByReason: Record<string, number>;
  /** Well-formed records deliberately not decoded, per reason (control messages, …). */
  skipped: Record<string, number>;
  /** Audit events dropped as repeats of an `auditID` + `stage` already seen. */
  duplicates: number;
  /** Audit events of a stage that is not the one a request is evaluated at. */
  otherStages: number;
  /** Lines a caller's `lineFilter` (the hunt prefilter) ruled out before decoding. */
  prefiltered: number;
}

export function emptyStats(): IngestStats {
  return {
    files: 0,
    bytesRead: 0,
    lines: 0,
    events: 0,
    eventsByFormat: {},
    filesByFormat: {},
    malformed: 0,
    blindSpots: 0,
    blindSpotsByReason: {},
    skipped: {},
    duplicates: 0,
    otherStages: 0,
    prefiltered: 0,
  };
}

/** Adds one to a counter of a record. */
export function bump(counter: Record<string, number>, key: string, by = 1): void {
  counter[key] = (counter[key] ?? 0) + by;
}

/** Adds `other` into `into` (worker results). */
export function mergeStats(into: IngestStats, other: Readonly<IngestStats>): void {
  for (const key of [
    'files',
    'bytesRead',
    'lines',
    'events',
    'malformed',
    'blindSpots',
    'duplicates',
    'otherStages',
    'prefiltered',
  ] as const) {
    into[key] += other[key];
  }
  for (const key of ['eventsByFormat', 'filesByFormat', 'blindSpotsByReason', 'skipped'] as const) {
    for (const [name, count] of Object.entries(other[key])) bump(into[key], name, count);
  }
}
