/**
 * `aks-diagnostic`: AKS control-plane diagnostic records as a diagnostic setting writes them
 * to Event Hub or a storage account: `{category: "kube-audit" | "kube-audit-admin",
 * properties: {log, pod, stream, containerID}, resourceId, time, …}`, alone or in Event Hub
 * `{"records": […]}` batches. AKS puts the audit Event in `properties.log` as a JSON *string*
 * (often with a trailing newline), so it is parsed twice; some shippers store it as an object.
 * Other categories on the same hub (kube-apiserver klog text, guard, autoscaler) are skipped.
 * @module
 */

import { openJsonRecordDecoder } from '../json/dispatch.js';
import { isObject, type JsonRecordFormat } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { decodeAuditEvent, parseEmbeddedEvent, recordLocation } from '../k8s/audit-record.js';

const AUDIT_CATEGORIES = new Set(['kube-audit', 'kube-audit-admin']);

function diagnosticScore(value: Readonly<Record<string, unknown>>): number {
  const category = value.category;
  if (typeof category !== 'string' || !isObject(value.properties)) return 0;
  if (AUDIT_CATEGORIES.has(category)) return 1;
  // Another AKS control-plane category: still this envelope (skipped at decode).
  return category.startsWith('kube-') || category === 'guard' || category === 'cluster-autoscaler'
    ? 0.7
    : 0;
}

/** The envelope fields kept beside the Event. */
function envelopeOf(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const envelope: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'properties' && isObject(field)) {
      const { log: _log, ...rest } = field;
      envelope.properties = rest;
    } else {
      envelope[key] = field;
    }
  }
  return envelope;
}

export const AKS_DIAGNOSTIC_FORMAT: JsonRecordFormat = {
  id: 'aks-diagnostic',
  description:
    'AKS diagnostic records (kube-audit, kube-audit-admin; properties.log), alone or in Event Hub {"records":[…]} batches',
  sniff: (head) => sniffJsonRecord(head, diagnosticScore, /"category"\s*:\s*"kube-audit/),
  matchRecord: diagnosticScore,
  decodeRecord(value, at, sink) {
    const category = value.category as string;
    const properties = value.properties as Record<string, unknown>;
    const log = properties.log;
    if (!AUDIT_CATEGORIES.has(category)) {
      sink.skipped?.(`aks-category:${category}`, recordLocation(at));
      return;
    }
    let event: Record<string, unknown> | undefined;
    if (isObject(log)) event = log;
    else if (typeof log === 'string') {
      event = parseEmbeddedEvent(log, 'properties.log', at, sink);
      if (event === undefined) return;
    } else {
      sink.issue({
        code: 'CW_INGEST_BAD_FIELD',
        severity: 'error',
        message: `AKS ${category} record has no properties.log string`,
        location: recordLocation(at),
      });
      return;
    }
    decodeAuditEvent(event, at, 'aks-diagnostic', sink, {
      envelope: envelopeOf(value),
      envelopeTime: value.time,
    });
  },
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
