/**
 * Record positions of findings, issues and events: shifting worker-relative line numbers to
 * file lines, and ordering one input's findings by record.
 * @module
 */
import type { Issue } from '../errors.js';
import type { Finding, FindingOrigin } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { BaseMatch } from '../sigma/correlation/engine.js';

function shiftOrigin(origin: FindingOrigin, offset: number): FindingOrigin {
  return 'line' in origin ? { file: origin.file, line: origin.line + offset } : origin;
}

export function shiftFinding(finding: Finding, offset: number): Finding {
  if (offset === 0) return finding;
  return {
    ...finding,
    ...(finding.origin ? { origin: shiftOrigin(finding.origin, offset) } : {}),
    ...(finding.related ? { related: finding.related.map((o) => shiftOrigin(o, offset)) } : {}),
  };
}

export function shiftIssue(issue: Issue, offset: number): Issue {
  const location = issue.location;
  if (offset === 0 || location?.line === undefined) return issue;
  return { ...issue, location: { ...location, line: location.line + offset } };
}

/** A correlation input's origin, like `shiftEvent`. */
export function shiftMatch(input: BaseMatch, offset: number): BaseMatch {
  const line = input.origin?.line;
  if (offset === 0 || line === undefined || input.origin === undefined) return input;
  return { ...input, origin: { ...input.origin, line: line + offset } };
}

export function shiftEvent(event: NormalizedEvent, offset: number): NormalizedEvent {
  const line = event.origin.line;
  if (offset === 0 || line === undefined) return event;
  return { ...event, origin: { ...event.origin, line: line + offset } };
}

function positionOf(finding: Finding): number {
  const origin = finding.origin;
  if (origin === undefined) return Number.POSITIVE_INFINITY;
  return 'line' in origin ? origin.line : origin.index;
}

/**
 * Orders one input's findings by record position; stable, so findings of one record keep
 * rule order with the stateful analytics (which run after the single-event rules) last.
 */
export function sortByPosition(findings: Finding[]): Finding[] {
  return findings
    .map((finding, i) => ({ finding, i, at: positionOf(finding) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((entry) => entry.finding);
}

function recordKey(file: string, line: number | undefined, index: number | undefined): string {
  return line !== undefined ? `${file}\0L${line}` : `${file}\0I${index ?? -1}`;
}

function findingKey(finding: Finding): string | undefined {
  const origin = finding.origin;
  if (origin === undefined) return undefined;
  return 'line' in origin
    ? recordKey(origin.file, origin.line, undefined)
    : recordKey(origin.file, undefined, origin.index);
}

/** Several records can share one line (an Event Hub batch): tell them apart by object. */
function isAboutObject(finding: Finding, event: NormalizedEvent): boolean {
  const ref = event.data.objectRef as { name?: unknown; namespace?: unknown } | undefined;
  const object = finding.object;
  if (object === undefined || ref === undefined) return true;
  return object.name === ref.name && (object.namespace ?? '') === (ref.namespace ?? '');
}

const NO_FINDINGS: readonly Finding[] = [];

/**
 * Runs the stateful analytics over one input's events in record order, handing each event the
 * rule findings on the same record; returns the analytics' findings.
 */
export function observeAll(
  events: readonly NormalizedEvent[],
  ruleFindings: readonly Finding[],
  observe: (event: NormalizedEvent, findings: readonly Finding[]) => readonly Finding[],
): Finding[] {
  const byRecord = new Map<string, Finding[]>();
  for (const finding of ruleFindings) {
    const key = findingKey(finding);
    if (key === undefined) continue;
    const list = byRecord.get(key);
    if (list) list.push(finding);
    else byRecord.set(key, [finding]);
  }
  const out: Finding[] = [];
  for (const event of events) {
    const { file, line, index } = event.origin;
    const onRecord = byRecord.get(recordKey(file, line, index));
    const findings = onRecord
      ? onRecord.filter((finding) => isAboutObject(finding, event))
      : NO_FINDINGS;
    out.push(...observe(event, findings));
  }
  return out;
}
