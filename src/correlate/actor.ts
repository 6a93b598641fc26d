/**
 * The principal behind a write, as an incident names it. Controllers and platform identities
 * of the allow-list (`cw_controllers`, `cw_platform_identities`) act on someone else's
 * decision and are never named; service accounts and nodes are named but marked as machines
 * (a stolen pod token is still the "who" of the story).
 * @module
 */
import type { AuditRecord } from '../analytics/audit-record.js';
import type { FindingOrigin } from '../finding.js';
import type { IncidentActor } from '../incident.js';

const CHANGE_VERBS = new Set(['create', 'update', 'patch', 'delete']);

/** True for service accounts and kubelets (`system:serviceaccount:…`, `system:node:…`). */
export function isMachineIdentity(username: string): boolean {
  return username.startsWith('system:serviceaccount:') || username.startsWith('system:node:');
}

/**
 * The actor of an accepted write to the object itself (not a subresource such as `status`),
 * or undefined when the write is not a decision (controller, platform, read, failure).
 */
export function actorOf(
  record: AuditRecord,
  timeMs: number,
  origin: FindingOrigin | undefined,
  isKnownPrincipal: (username: string) => boolean,
): IncidentActor | undefined {
  if (!CHANGE_VERBS.has(record.verb) || record.subresource !== undefined) return undefined;
  if (!record.succeeded || record.username === '' || isKnownPrincipal(record.username))
    return undefined;
  return {
    user: record.username,
    ...(record.groups.length > 0 ? { groups: record.groups } : {}),
    verb: record.verb,
    time: Number.isFinite(timeMs) ? new Date(timeMs).toISOString() : '',
    ...(record.sourceIPs.length > 0 ? { sourceIPs: record.sourceIPs } : {}),
    ...(record.userAgent ? { userAgent: record.userAgent } : {}),
    ...(isMachineIdentity(record.username) ? { isMachine: true } : {}),
    ...(origin ? { origin } : {}),
  };
}
