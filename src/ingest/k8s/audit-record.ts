/**
 * Turns one parsed Kubernetes audit `Event` (from any envelope) into a NormalizedEvent:
 * checks the types of the fields rules read, redacts secrets, reads the time and marks
 * blind spots. Every Kubernetes envelope decoder ends here.
 * @module
 */
import type { Location } from '../../errors.js';
import type { BlindSpot, NormalizedEvent } from '../event.js';
import type { DecodeSink } from '../format.js';
import { isObject, type RecordAt } from '../json/record-format.js';
import { redactAuditSecrets } from '../redact.js';
import { firstTimestamp } from '../time.js';
import { auditBlindSpot } from './blind-spots.js';

/** Logsource of every Kubernetes audit event, whatever the envelope. */
export const K8S_AUDIT_LOGSOURCE = Object.freeze({ product: 'kubernetes', service: 'audit' });

const STRING_FIELDS = ['verb', 'stage', 'level', 'auditID', 'requestURI', 'userAgent'] as const;
const OBJECT_FIELDS = ['user', 'objectRef', 'responseStatus', 'annotations'] as const;

/** Location of a record: line and, inside a batch or array, its index. */
export function recordLocation(at: RecordAt): Location {
  return at.index === undefined
    ? { file: at.file, line: at.line }
    : { file: at.file, line: at.line, index: at.index };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** The first field with a wrong type, described, or undefined when the record is usable. */
export function auditFieldProblem(event: Readonly<Record<string, unknown>>): string | undefined {
  for (const field of STRING_FIELDS) {
    const value = event[field];
    if (value !== undefined && typeof value !== 'string') {
      return `field "${field}" must be a string, found ${typeName(value)}`;
    }
  }
  for (const field of OBJECT_FIELDS) {
    const value = event[field];
    if (value !== undefined && value !== null && !isObject(value)) {
      return `field "${field}" must be an object, found ${typeName(value)}`;
    }
  }
  const sourceIPs = event.sourceIPs;
  if (sourceIPs !== undefined && sourceIPs !== null && !Array.isArray(sourceIPs)) {
    return `field "sourceIPs" must be an array, found ${typeName(sourceIPs)}`;
  }
  if (isObject(event.user) && event.user.username !== undefined) {
    if (typeof event.user.username !== 'string') {
      return `field "user.username" must be a string, found ${typeName(event.user.username)}`;
    }
  }
  if (isObject(event.objectRef)) {
    for (const key of ['resource', 'namespace', 'name', 'apiGroup', 'subresource']) {
      const value = event.objectRef[key];
      if (value !== undefined && typeof value !== 'string') {
        return `field "objectRef.${key}" must be a string, found ${typeName(value)}`;
      }
    }
  }
  return undefined;
}

export interface AuditDecodeExtras {
  /** Envelope fields kept beside the Event (`data.envelope`), e.g. AKS category and resourceId. */
  readonly envelope?: Record<string, unknown>;
  /** Envelope time, used when the Event has no timestamp of its own. */
  readonly envelopeTime?: unknown;
  /** A blind spot the envelope already knows about (EKS `[Truncated...]`). */
  readonly blindSpot?: BlindSpot;
}

/**
 * Decodes one audit Event object. A record whose fields have the wrong types becomes a
 * `CW_INGEST_BAD_FIELD` issue (it is not used: rules would misread it).
 */
export function decodeAuditEvent(
  event: Record<string, unknown>,
  at: RecordAt,
  format: string,
  sink: DecodeSink,
  extras: AuditDecodeExtras = {},
): void {
  const location = recordLocation(at);
  const problem = auditFieldProblem(event);
  if (problem !== undefined) {
    sink.issue({
      code: 'CW_INGEST_BAD_FIELD',
      severity: 'error',
      message: `audit Event not used: ${problem}`,
      location,
    });
    return;
  }
  redactAuditSecrets(event);
  if (extras.envelope !== undefined) event.envelope = extras.envelope;
  const timeMs = firstTimestamp(
    event.stageTimestamp,
    event.requestReceivedTimestamp,
    event.timestamp,
    extras.envelopeTime,
  );
  const blindSpot = extras.blindSpot ?? auditBlindSpot(event);
  const normalized: NormalizedEvent =
    blindSpot === undefined
      ? { format, logsource: K8S_AUDIT_LOGSOURCE, timeMs, data: event, origin: location }
      : {
          format,
          logsource: K8S_AUDIT_LOGSOURCE,
          timeMs,
          data: event,
          origin: location,
          blindSpot,
        };
  sink.event(normalized);
}

/**
 * Parses an audit Event carried as a JSON string inside an envelope (AKS `properties.log`,
 * `log_s`, CloudWatch `message`). Returns undefined after reporting when it is not JSON.
 */
export function parseEmbeddedEvent(
  text: string,
  field: string,
  at: RecordAt,
  sink: DecodeSink,
): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    sink.issue({
      code: 'CW_INGEST_MALFORMED_JSON',
      severity: 'error',
      message: `${field} holds ${text.length} chars that are not valid JSON`,
      location: recordLocation(at),
    });
    return undefined;
  }
  if (!isObject(value)) {
    sink.issue({
      code: 'CW_INGEST_UNRECOGNISED_RECORD',
      severity: 'error',
      message: `${field} holds a JSON ${typeName(value)}, expected an audit Event object`,
      location: recordLocation(at),
    });
    return undefined;
  }
  return value;
}

/** How sure we are that a JSON object is a raw audit Event (0 = not one). */
export function auditEventScore(value: Readonly<Record<string, unknown>>): number {
  const apiVersion = value.apiVersion;
  const kind = value.kind;
  if (typeof apiVersion === 'string' && apiVersion.startsWith('audit.k8s.io/')) {
    return kind === 'EventList' || kind === 'Policy' ? 0 : 1;
  }
  const hasRequestShape = 'verb' in value || 'requestURI' in value || 'objectRef' in value;
  if (kind === 'Event' && (hasRequestShape || 'auditID' in value || 'stage' in value)) return 0.9;
  if (kind === 'Event' && !('involvedObject' in value)) return 0.5;
  if (typeof value.auditID === 'string' && ('stage' in value || hasRequestShape)) return 0.8;
  if ('verb' in value && 'requestURI' in value && 'user' in value) return 0.6;
  return 0;
}
