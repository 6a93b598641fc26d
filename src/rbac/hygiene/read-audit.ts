/**
 * Audit facts from the ingest layer: every format it reads (raw JSON lines, EventList, AKS,
 * EKS, GKE; `.gz` too) is decoded by `readEvents`, and each Kubernetes audit event becomes an
 * `AuditFact`. Non-audit events are skipped; unreadable ones are issues.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { NormalizedEvent } from '../../ingest/event.js';
import { type ReadOptions, readEvents } from '../../ingest/read-events.js';
import { type AuditFact, auditFactFromEvent, isAuditIssue } from './audit-fact.js';

/** Converts decoded events; non-Kubernetes-audit events are ignored. */
export function auditFactsFromEvents(events: Iterable<NormalizedEvent>): {
  facts: AuditFact[];
  issues: Issue[];
} {
  const facts: AuditFact[] = [];
  const issues: Issue[] = [];
  for (const event of events) {
    if (event.logsource.product !== 'kubernetes' || event.logsource.service !== 'audit') continue;
    const fact = auditFactFromEvent(event.data, event.origin);
    if (isAuditIssue(fact)) issues.push(fact);
    else facts.push(fact);
  }
  return { facts, issues };
}

/** Reads audit logs from paths (files, folders, globs, `-`) into facts. */
export async function readAuditFacts(
  paths: readonly string[],
  options: ReadOptions = {},
): Promise<{ facts: AuditFact[]; issues: Issue[] }> {
  const stream = readEvents(paths, options);
  const facts: AuditFact[] = [];
  const issues: Issue[] = [];
  for await (const event of stream) {
    const converted = auditFactsFromEvents([event]);
    facts.push(...converted.facts);
    issues.push(...converted.issues);
  }
  return { facts, issues: [...stream.issues, ...issues] };
}
