/**
 * `aks-log-analytics`: AKS audit rows exported from a Log Analytics workspace (query results
 * as JSON lines or a JSON array): the legacy `AzureDiagnostics` table, where the Event is the
 * JSON string column `log_s`, and the resource-specific `AKSAudit` / `AKSAuditAdmin` tables,
 * whose PascalCase columns are mapped back onto the audit Event names. Dynamic columns may
 * arrive as JSON text and are parsed. `RequestObject`/`ResponseObject` may be the literal
 * `skipped-too-big-size-object` (a blind spot).
 * @module
 */

import type { DecodeSink } from '../format.js';
import { openJsonRecordDecoder } from '../json/dispatch.js';
import type { JsonRecordFormat, RecordAt } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { decodeAuditEvent, parseEmbeddedEvent, recordLocation } from '../k8s/audit-record.js';
import { AKS_SKIPPED_BODY } from '../k8s/blind-spots.js';

/** AKSAudit column → audit Event field. */
const COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['Level', 'level'],
  ['AuditId', 'auditID'],
  ['Stage', 'stage'],
  ['RequestUri', 'requestURI'],
  ['Verb', 'verb'],
  ['User', 'user'],
  ['ImpersonatedUser', 'impersonatedUser'],
  ['SourceIps', 'sourceIPs'],
  ['UserAgent', 'userAgent'],
  ['ObjectRef', 'objectRef'],
  ['ResponseStatus', 'responseStatus'],
  ['RequestObject', 'requestObject'],
  ['ResponseObject', 'responseObject'],
  ['RequestReceivedTime', 'requestReceivedTimestamp'],
  ['StageReceivedTime', 'stageTimestamp'],
  ['Annotations', 'annotations'],
];
const MAPPED = new Set(COLUMNS.map(([column]) => column));
const DYNAMIC = new Set([
  'User',
  'ImpersonatedUser',
  'SourceIps',
  'ObjectRef',
  'ResponseStatus',
  'RequestObject',
  'ResponseObject',
  'Annotations',
]);

function category(value: Readonly<Record<string, unknown>>): unknown {
  return value.Category ?? value.category;
}

/** How sure we are that a row is an AKS Log Analytics audit row (0 = not one). */
export function logAnalyticsScore(value: Readonly<Record<string, unknown>>): number {
  if (typeof value.log_s === 'string') {
    const c = category(value);
    return typeof c === 'string' && c.startsWith('kube-') ? 1 : 0.6;
  }
  if ('AuditId' in value && ('Verb' in value || 'RequestUri' in value)) return 1;
  return 0;
}

/** A dynamic column exported as text: parse JSON-looking text, keep anything else as is. */
function dynamicValue(text: unknown): unknown {
  if (typeof text !== 'string' || text === AKS_SKIPPED_BODY) return text;
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return text === '' ? undefined : text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function decodeColumns(
  row: Record<string, unknown>,
  at: RecordAt,
  sink: DecodeSink,
  format: string,
): void {
  const event: Record<string, unknown> = { kind: 'Event', apiVersion: 'audit.k8s.io/v1' };
  for (const [column, field] of COLUMNS) {
    if (!(column in row)) continue;
    const value = DYNAMIC.has(column) ? dynamicValue(row[column]) : row[column];
    if (value !== undefined && value !== null && value !== '') event[field] = value;
  }
  const envelope: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (!MAPPED.has(key)) envelope[key] = value;
  decodeAuditEvent(event, at, format, sink, {
    envelope,
    envelopeTime: row.TimeGenerated,
  });
}

/** Decodes one Log Analytics row (`log_s` or AKSAudit columns) as format `format`. */
export function decodeLogAnalyticsRow(
  value: Record<string, unknown>,
  at: RecordAt,
  sink: DecodeSink,
  format: string,
): void {
  if (typeof value.log_s !== 'string') {
    decodeColumns(value, at, sink, format);
    return;
  }
  const c = category(value);
  if (typeof c === 'string' && !c.startsWith('kube-audit')) {
    sink.skipped?.(`aks-category:${c}`, recordLocation(at));
    return;
  }
  const event = parseEmbeddedEvent(value.log_s, 'log_s', at, sink);
  if (event === undefined) return;
  const { log_s: _log, ...envelope } = value;
  decodeAuditEvent(event, at, format, sink, { envelope, envelopeTime: value.TimeGenerated });
}

export const AKS_LOG_ANALYTICS_FORMAT: JsonRecordFormat = {
  id: 'aks-log-analytics',
  description:
    'AKS audit rows exported from Log Analytics: AzureDiagnostics (log_s) and AKSAudit/AKSAuditAdmin columns',
  sniff: (head) => sniffJsonRecord(head, logAnalyticsScore, /"log_s"\s*:|"AuditId"\s*:/),
  matchRecord: logAnalyticsScore,
  decodeRecord: (value, at, sink) => decodeLogAnalyticsRow(value, at, sink, 'aks-log-analytics'),
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
