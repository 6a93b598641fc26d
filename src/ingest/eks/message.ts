/**
 * One EKS CloudWatch `message`: an audit Event as JSON text, or — for an Event larger than
 * CloudWatch's 256 KB entry limit (the API allows 1.5 MiB requests) — its first 256 KB
 * followed by `[Truncated...]`. A truncated message is not dropped: its complete leading
 * members (auditID, verb, user, objectRef, …) are recovered and the event is a blind spot.
 * @module
 */
import type { DecodeSink } from '../format.js';
import type { RecordAt } from '../json/record-format.js';
import { salvageObjectPrefix } from '../json/salvage.js';
import { decodeAuditEvent, parseEmbeddedEvent, recordLocation } from '../k8s/audit-record.js';

export const EKS_TRUNCATED_SUFFIX = '[Truncated...]';

/** Decodes one CloudWatch message holding an audit Event. */
export function decodeEksMessage(
  message: string,
  at: RecordAt,
  format: string,
  sink: DecodeSink,
  envelope: Record<string, unknown>,
  envelopeTime: unknown,
): void {
  const trimmed = message.trimEnd();
  if (trimmed.endsWith(EKS_TRUNCATED_SUFFIX)) {
    const prefix = trimmed.slice(0, -EKS_TRUNCATED_SUFFIX.length);
    const event = salvageObjectPrefix(prefix) ?? {};
    decodeAuditEvent(event, at, format, sink, {
      envelope,
      envelopeTime,
      blindSpot: {
        reason: 'eks.truncated',
        detail: `CloudWatch cut the audit event at ${prefix.length} chars ([Truncated...]); only the complete leading fields were kept`,
      },
    });
    return;
  }
  if (!trimmed.startsWith('{')) {
    // authenticator / kube-apiserver klog text from the same log group.
    sink.skipped?.('eks-non-audit-message', recordLocation(at));
    return;
  }
  const event = parseEmbeddedEvent(trimmed, 'message', at, sink);
  if (event === undefined) return;
  decodeAuditEvent(event, at, format, sink, { envelope, envelopeTime });
}
