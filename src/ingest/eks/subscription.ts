/**
 * `eks-subscription`: CloudWatch Logs subscription payloads (Kinesis, Firehose, Lambda):
 * gzip, then base64, one payload per line; decoded, `{"messageType": "DATA_MESSAGE" |
 * "CONTROL_MESSAGE", "logGroup", "logStream", "logEvents": [{id, timestamp, message}]}`.
 * Already-decoded payloads (JSON lines, or Firehose's concatenated `}{` objects after the
 * reader gunzips them) are accepted too. CONTROL_MESSAGE payloads (destination health
 * checks) are skipped and counted.
 * @module
 */
import { gunzipSync } from 'node:zlib';
import type { DecodeSink } from '../format.js';
import { openJsonRecordDecoder } from '../json/dispatch.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../json/framer.js';
import { isObject, type JsonRecordFormat, type RecordAt } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { recordLocation } from '../k8s/audit-record.js';
import { decodeEksMessage } from './message.js';

/** base64 of the gzip magic `1f 8b 08`. */
const GZIP_BASE64 = /^H4sI[A-Za-z0-9+/]+={0,2}$/;

function subscriptionScore(value: Readonly<Record<string, unknown>>): number {
  return Array.isArray(value.logEvents) && typeof value.messageType === 'string' ? 1 : 0;
}

function payloadIssue(at: RecordAt, sink: DecodeSink, why: string): void {
  sink.issue({
    code: 'CW_INGEST_BAD_PAYLOAD',
    severity: 'error',
    message: `CloudWatch subscription payload not decoded: ${why}`,
    location: recordLocation(at),
  });
}

function decodePayload(value: Record<string, unknown>, at: RecordAt, sink: DecodeSink): void {
  if (value.messageType === 'CONTROL_MESSAGE') {
    sink.skipped?.('eks-control-message', recordLocation(at));
    return;
  }
  const { logEvents, ...envelope } = value;
  const events = logEvents as unknown[];
  for (let i = 0; i < events.length; i++) {
    const logEvent = events[i];
    const index = at.batchIndex ?? i;
    const eventAt = { file: at.file, line: at.line, index };
    if (!isObject(logEvent) || typeof logEvent.message !== 'string') {
      sink.issue({
        code: 'CW_INGEST_BAD_FIELD',
        severity: 'error',
        message: `logEvents[${index}] has no message string`,
        location: recordLocation(eventAt),
      });
      continue;
    }
    decodeEksMessage(
      logEvent.message,
      eventAt,
      'eks-subscription',
      sink,
      { ...envelope, id: logEvent.id, timestamp: logEvent.timestamp },
      logEvent.timestamp,
    );
  }
}

export const EKS_SUBSCRIPTION_FORMAT: JsonRecordFormat = {
  id: 'eks-subscription',
  description:
    'CloudWatch Logs subscription payloads of EKS audit logs (base64 + gzip per line, or decoded JSON)',
  sniff(head) {
    const firstLine = head.slice(0, head.indexOf('\n') >>> 0).trim();
    if (GZIP_BASE64.test(firstLine)) return 0.9;
    return sniffJsonRecord(head, subscriptionScore, /"logEvents"\s*:/);
  },
  matchRecord: subscriptionScore,
  decodeRecord: decodePayload,
  decodeTextLine(text, at, sink) {
    const line = text.trim();
    if (!GZIP_BASE64.test(line)) return false;
    let json: string;
    try {
      json = gunzipSync(Buffer.from(line, 'base64'), {
        maxOutputLength: DEFAULT_MAX_DOCUMENT_BYTES,
      }).toString('utf8');
    } catch (error) {
      payloadIssue(at, sink, `gzip failed (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return true;
    }
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      payloadIssue(at, sink, `the decompressed ${json.length} chars are not JSON`);
      return true;
    }
    if (!isObject(value) || subscriptionScore(value) === 0) {
      payloadIssue(at, sink, 'the decoded JSON has no messageType/logEvents');
      return true;
    }
    decodePayload(value, at, sink);
    return true;
  },
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
