/**
 * `k8s-audit`: raw Kubernetes audit `Event`s (`audit.k8s.io/v1`, `v1beta1`, or no apiVersion
 * at all, as in Falco's traces) as JSON lines from the log backend, pretty-printed JSON, or a
 * JSON array. EKS events that Panther and others already unwrapped from CloudWatch also land
 * here.
 * @module
 */
import { openJsonRecordDecoder } from '../json/dispatch.js';
import type { JsonRecordFormat } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { auditEventScore, decodeAuditEvent } from './audit-record.js';

export const K8S_AUDIT_FORMAT: JsonRecordFormat = {
  id: 'k8s-audit',
  description:
    'Kubernetes audit Event (audit.k8s.io/v1, v1beta1 or no apiVersion), JSON lines or JSON',
  sniff: (head) =>
    sniffJsonRecord(head, auditEventScore, /"auditID"\s*:|"apiVersion"\s*:\s*"audit\.k8s\.io\//),
  matchRecord: auditEventScore,
  decodeRecord: (value, at, sink) => decodeAuditEvent(value, at, 'k8s-audit', sink),
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
