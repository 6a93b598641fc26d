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
const ENVELOPE_KEYS = [
  'timestamp',
  'logStreamName',
  'ingestionTime',
  'eventId',
  '@timestamp',
  '@logStream',
];

function messageOf(value: Readonly<Record<string, unknown>>): unknown {
  return value.message ?? value['@message'];
}

function cloudWatchScore(value: Readonly<Record<string, unknown>>): number {
  const message = messageOf(value);
  if (typeof message !== 'string') return 0;
  if (!ENVELOPE_KEYS.some((key) => key in value)) return 0;
  const trimmed = message.trimStart();
  if (trimmed.startsWith('{"kind":"Event"') || trimmed.includes('"auditID"')) return 1;
  return trimmed.startsWith('{') || message.trimEnd().endsWith(EKS_TRUNCATED_SUFFIX) ? 0.7 : 0.4;
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
