/**
 * `eks-cloudwatch`: EKS audit logs exported from CloudWatch Logs (group
 * `/aws/eks/<cluster>/cluster`, streams `kube-apiserver-audit-*`):
 * - event objects with a `message` string (`aws logs filter-log-events` / `get-log-events`
 *   output, whose `{"events": […]}` wrapper is unwrapped, or one object per line);
 * - Logs Insights results (`@timestamp`, `@message`);
 * - the export-to-S3 text form, `<RFC 3339 timestamp> <message>` per line.
 * @module
 */
import { openJsonRecordDecoder } from '../json/dispatch.js';
import type { JsonRecordFormat } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { decodeEksMessage, EKS_TRUNCATED_SUFFIX } from './message.js';

const TEXT_LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})) (\{.*)$/;
const TIME_KEYS = ['timestamp', '@timestamp'];
/** Keys only CloudWatch exports carry (`@timestamp`/`message` alone are ECS too). */
const CLOUDWATCH_KEYS = ['logStreamName', 'ingestionTime', 'eventId', '@logStream', '@log', '@ptr'];

function messageOf(value: Readonly<Record<string, unknown>>): unknown {
  return value.message ?? value['@message'];
}

function cloudWatchScore(value: Readonly<Record<string, unknown>>): number {
  const message = messageOf(value);
  if (typeof message !== 'string') return 0;
  const isCloudWatch = CLOUDWATCH_KEYS.some((key) => key in value);
  if (!isCloudWatch && !TIME_KEYS.some((key) => key in value)) return 0;
  const trimmed = message.trimStart();
  const isAudit =
    trimmed.startsWith('{') &&
    (trimmed.includes('"auditID"') || trimmed.includes('"kind":"Event"'));
  if (isAudit) return isCloudWatch ? 1 : 0.9;
  if (trimmed.startsWith('{') && message.trimEnd().endsWith(EKS_TRUNCATED_SUFFIX)) return 0.8;
  // Other messages of the EKS log group (authenticator, klog): this envelope, skipped later.
  return isCloudWatch ? 0.6 : 0;
}

export const EKS_CLOUDWATCH_FORMAT: JsonRecordFormat = {
  id: 'eks-cloudwatch',
  description:
    'EKS audit events exported from CloudWatch Logs (message / @message objects, or "<timestamp> <message>" lines)',
  sniff(head) {
    const firstLine = head.slice(0, head.indexOf('\n') >>> 0);
    if (TEXT_LINE.test(firstLine) && firstLine.includes('"auditID"')) return 0.9;
    if (TEXT_LINE.test(firstLine)) return 0.5;
    return sniffJsonRecord(head, cloudWatchScore, /"(@?message)"\s*:\s*"\{\\"kind\\":\\"Event/);
  },
  matchRecord: cloudWatchScore,
  decodeRecord(value, at, sink) {
    const { message: _m, '@message': _a, ...envelope } = value;
    decodeEksMessage(
      messageOf(value) as string,
      at,
      'eks-cloudwatch',
      sink,
      envelope,
      value.timestamp ?? value['@timestamp'],
    );
  },
  decodeTextLine(text, at, sink) {
    const m = TEXT_LINE.exec(text);
    if (m === null) return false;
    decodeEksMessage(m[2] ?? '', at, 'eks-cloudwatch', sink, { timestamp: m[1] }, m[1]);
    return true;
  },
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
