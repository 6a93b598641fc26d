/**
 * The facts account hygiene reads from one audit event: when, who (and with which credential),
 * what, and how it ended. Built from the audit `Event` shape that every Kubernetes envelope
 * decodes to (`NormalizedEvent.data`), so hygiene is testable with plain objects and works on
 * raw, EventList, AKS, EKS and GKE logs alike.
 * @module
 */
import type { Issue, Location } from '../../errors.js';

export interface AuditFact {
  readonly timeMs: number;
  readonly user: string;
  readonly groups: readonly string[];
  /** `impersonatedUser.username` when the request used impersonation. */
  readonly impersonatedUser?: string;
  readonly verb: string;
  /** Empty for non-resource requests. */
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  readonly namespace: string;
  /** Object name (for creates, taken from the request or response body when the path has none). */
  readonly name: string;
  /** The request path for non-resource requests (`/metrics`). */
  readonly path?: string;
  /** `user.extra["authentication.kubernetes.io/credential-id"]` (JTI of a bound token, X509 serial…). */
  readonly credentialId?: string;
  readonly annotations: Readonly<Record<string, string>>;
  /** HTTP status (`responseStatus.code`); undefined when the stage carries none. */
  readonly code?: number;
  readonly origin: Location;
}

const CREDENTIAL_ID = 'authentication.kubernetes.io/credential-id';

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function timeOf(event: Record<string, unknown>): number {
  for (const key of ['stageTimestamp', 'requestReceivedTimestamp', 'timestamp']) {
    const value = event[key];
    if (typeof value === 'string') {
      const ms = Date.parse(value);
      if (!Number.isNaN(ms)) return ms;
    }
  }
  return Number.NaN;
}

/**
 * Reads one audit event. Returns a `CW_HYGIENE_BAD_AUDIT` issue (with the event's location)
 * when it has no username, verb or time.
 */
export function auditFactFromEvent(
  event: Readonly<Record<string, unknown>>,
  origin: Location,
): AuditFact | Issue {
  const user = record(event.user);
  const username = text(user.username);
  const verb = text(event.verb);
  const timeMs = timeOf(event);
  if (username === '' || verb === '' || Number.isNaN(timeMs)) {
    const missing = [
      username === '' ? 'user.username' : '',
      verb === '' ? 'verb' : '',
      Number.isNaN(timeMs) ? 'a timestamp' : '',
    ]
      .filter(Boolean)
      .join(', ');
    return {
      code: 'CW_HYGIENE_BAD_AUDIT',
      severity: 'warning',
      message: `audit event without ${missing}; skipped by the hygiene analysis`,
      location: origin,
    };
  }
  const ref = record(event.objectRef);
  const body = record(event.responseObject).metadata ?? record(event.requestObject).metadata;
  const credential = strings(record(user.extra)[CREDENTIAL_ID])[0];
  const impersonated = text(record(event.impersonatedUser).username);
  const status = record(event.responseStatus).code;
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(record(event.annotations))) {
    if (typeof value === 'string') annotations[key] = value;
  }
  const resource = text(ref.resource);
  return {
    timeMs,
    user: username,
    groups: strings(user.groups),
    ...(impersonated ? { impersonatedUser: impersonated } : {}),
    verb,
    apiGroup: text(ref.apiGroup),
    resource,
    subresource: text(ref.subresource),
    namespace: text(ref.namespace),
    name: text(ref.name) || text(record(body).name),
    ...(resource === '' && typeof event.requestURI === 'string'
      ? { path: event.requestURI.split('?')[0] ?? event.requestURI }
      : {}),
    ...(credential ? { credentialId: credential } : {}),
    annotations,
    ...(typeof status === 'number' ? { code: status } : {}),
    origin,
  };
}

/** Tells the two results of `auditFactFromEvent` apart (a fact also has a `code`: its status). */
export function isAuditIssue(value: AuditFact | Issue): value is Issue {
  return 'severity' in value;
}

/** The principal the request acted as (the impersonated user when there is one). */
export function actingUser(fact: AuditFact): string {
  return fact.impersonatedUser ?? fact.user;
}

/** Did the request succeed (2xx/3xx, or no status recorded at this stage)? */
export function succeeded(fact: AuditFact): boolean {
  return fact.code === undefined || fact.code < 400;
}
