/**
 * `k8s-event-list`: `EventList` documents, the body the API server POSTs to an audit webhook
 * (up to 400 events per batch by default) and what `kubectl get --raw` style captures hold.
 * Each item keeps its 0-based index in `items`.
 * @module
 */
import { openJsonRecordDecoder } from '../json/dispatch.js';
import { isObject, type JsonRecordFormat } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { decodeAuditEvent, recordLocation } from './audit-record.js';

function eventListScore(value: Readonly<Record<string, unknown>>): number {
  if (value.kind !== 'EventList' || !Array.isArray(value.items)) return 0;
  const apiVersion = value.apiVersion;
  return apiVersion === undefined ||
    (typeof apiVersion === 'string' && apiVersion.startsWith('audit.k8s.io/'))
    ? 1
    : 0;
}

export const K8S_EVENT_LIST_FORMAT: JsonRecordFormat = {
  id: 'k8s-event-list',
  description: 'Kubernetes audit EventList documents (audit webhook batches)',
  sniff: (head) => sniffJsonRecord(head, eventListScore, /"kind"\s*:\s*"EventList"/, 0.6),
  matchRecord: eventListScore,
  decodeRecord(value, at, sink) {
    const items = value.items as unknown[];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const index = at.batchIndex ?? i;
      const itemAt = { file: at.file, line: at.line, index };
      if (!isObject(item)) {
        sink.issue({
          code: 'CW_INGEST_BAD_FIELD',
          severity: 'error',
          message: `EventList item ${index} is not an object`,
          location: recordLocation(itemAt),
        });
        continue;
      }
      decodeAuditEvent(item, itemAt, 'k8s-event-list', sink);
    }
  },
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
