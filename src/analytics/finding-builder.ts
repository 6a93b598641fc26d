/**
 * The common part of analytic findings about one audit record.
 * @module
 */
import { findingObject, findingOrigin, findingTime } from '../event-finding.js';
import type { Finding, FindingObject, FindingOrigin, Level, MatchedField } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { AnalyticMeta } from './analytic.js';
import type { AuditRecord } from './audit-record.js';

export interface FindingParts {
  readonly level?: Level;
  readonly message: string;
  readonly matched?: readonly MatchedField[];
  readonly evidence?: readonly string[];
  readonly related?: readonly FindingOrigin[];
  readonly remediation?: string;
  /** The object, when the audit record does not name it (a generated pod name, an endpoint event). */
  readonly object?: FindingObject;
}

/** A finding of `meta` for an event (and its audit record when it has one). */
export function buildFinding(
  meta: AnalyticMeta,
  event: NormalizedEvent,
  record: AuditRecord | undefined,
  parts: FindingParts,
): Finding {
  const origin = findingOrigin(event.origin);
  const object = parts.object ?? (record ? findingObject(record) : undefined);
  return {
    rule: { id: meta.id, title: meta.title, source: meta.source },
    level: parts.level ?? meta.level,
    tags: meta.tags,
    time: findingTime(event),
    message: parts.message,
    ...(origin ? { origin } : {}),
    ...(parts.related && parts.related.length > 0 ? { related: parts.related } : {}),
    matched: parts.matched ?? [],
    ...(object ? { object } : {}),
    ...(parts.evidence ? { evidence: parts.evidence } : {}),
    ...(parts.remediation ? { remediation: parts.remediation } : {}),
  };
}

/** `create`/`update`/`patch` of CronJobs or Jobs that the API server accepted. */
export function isAcceptedJobWrite(record: AuditRecord): boolean {
  return (
    (record.resource === 'cronjobs' || record.resource === 'jobs') &&
    record.subresource === undefined &&
    (record.verb === 'create' || record.verb === 'update' || record.verb === 'patch') &&
    record.succeeded &&
    record.stage !== 'RequestReceived'
  );
}
