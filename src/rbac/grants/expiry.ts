/**
 * Reading the expiry of grant bindings. A binding with an unreadable `cronwarden.io/expires-at`
 * is reported (`CW_RBAC_BAD_EXPIRY`) rather than silently treated as permanent or expired.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { RbacBinding } from '../model.js';
import { EXPIRES_AT, GRANTED_AT } from './grant-binding.js';

export interface GrantWindow {
  readonly binding: RbacBinding;
  /** Start of the grant (annotation, else creationTimestamp, else NaN = unknown). */
  readonly startMs: number;
  readonly endMs: number;
}

/** The grant window of a binding; undefined for ordinary bindings; an issue when unreadable. */
export function grantWindow(binding: RbacBinding): GrantWindow | Issue | undefined {
  const expires = binding.annotations[EXPIRES_AT];
  if (expires === undefined) return undefined;
  const endMs = Date.parse(expires);
  if (Number.isNaN(endMs) || !/^\d{4}-\d{2}-\d{2}T/.test(expires)) {
    return {
      code: 'CW_RBAC_BAD_EXPIRY',
      severity: 'error',
      message: `${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name}: ${EXPIRES_AT} "${expires}" is not an ISO 8601 time; the grant cannot be expired`,
      location: binding.origin,
    };
  }
  const started = binding.annotations[GRANTED_AT] ?? binding.creationTimestamp;
  const startMs = started === undefined ? Number.NaN : Date.parse(started);
  return { binding, startMs, endMs };
}

export function isIssue(value: GrantWindow | Issue): value is Issue {
  return 'code' in value;
}

/** Every grant binding with its window, plus issues for unreadable expiries. */
export function grantWindows(bindings: readonly RbacBinding[]): {
  windows: GrantWindow[];
  issues: Issue[];
} {
  const windows: GrantWindow[] = [];
  const issues: Issue[] = [];
  for (const binding of bindings) {
    const window = grantWindow(binding);
    if (!window) continue;
    if (isIssue(window)) issues.push(window);
    else windows.push(window);
  }
  return { windows, issues };
}
