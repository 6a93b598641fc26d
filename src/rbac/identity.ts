/**
 * Who is asking: a username and its groups, as the authenticator hands them to RBAC, and the
 * command-line spelling of subjects.
 *
 * - A service account authenticates as `system:serviceaccount:<ns>:<name>` with the groups
 *   `system:serviceaccounts`, `system:serviceaccounts:<ns>` and `system:authenticated`.
 * - Every authenticated user is in `system:authenticated`; the anonymous user is
 *   `system:anonymous` in `system:unauthenticated`.
 * - `system:masters` is the superuser group: the API server allows it everything before RBAC
 *   is consulted.
 * @module
 */
import { CronwardenError } from '../errors.js';
import type { Subject } from './model.js';

export interface Identity {
  /** Empty for "any member of these groups" (a Group subject analysed on its own). */
  readonly user: string;
  readonly groups: readonly string[];
}

export const SUPERUSER_GROUP = 'system:masters';
export const AUTHENTICATED_GROUP = 'system:authenticated';
export const UNAUTHENTICATED_GROUP = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';
export const SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';
const SA_PREFIX = 'system:serviceaccount:';

export function serviceAccountUser(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** Splits `system:serviceaccount:<ns>:<name>`; undefined for other usernames. */
export function parseServiceAccountUser(
  user: string,
): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const rest = user.slice(SA_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) return undefined;
  return { namespace: rest.slice(0, colon), name: rest.slice(colon + 1) };
}

export function serviceAccountIdentity(namespace: string, name: string): Identity {
  return {
    user: serviceAccountUser(namespace, name),
    groups: [SERVICE_ACCOUNTS_GROUP, `${SERVICE_ACCOUNTS_GROUP}:${namespace}`, AUTHENTICATED_GROUP],
  };
}

/** A user with the groups the authenticator always adds. */
export function userIdentity(user: string, groups: readonly string[] = []): Identity {
  const sa = parseServiceAccountUser(user);
  if (sa) return serviceAccountIdentity(sa.namespace, sa.name);
  const implicit = user === ANONYMOUS_USER ? UNAUTHENTICATED_GROUP : AUTHENTICATED_GROUP;
  return { user, groups: groups.includes(implicit) ? [...groups] : [...groups, implicit] };
}

/** "Any member of this group" — only the group's own rights. */
export function groupIdentity(group: string): Identity {
  return { user: '', groups: [group] };
}

export function identityOfSubject(subject: Subject): Identity {
  switch (subject.kind) {
    case 'User':
      return userIdentity(subject.name);
    case 'Group':
      return groupIdentity(subject.name);
    case 'ServiceAccount':
      return serviceAccountIdentity(subject.namespace ?? 'default', subject.name);
    default: {
      const unreachable: never = subject.kind;
      throw new Error(`unknown subject kind ${String(unreachable)}`);
    }
  }
}

export function isSuperuser(identity: Identity): boolean {
  return identity.groups.includes(SUPERUSER_GROUP);
}

/** `alice`, `User alice`, `Group devs`, `ServiceAccount ci/deployer`. */
export function formatIdentity(identity: Identity): string {
  const sa = parseServiceAccountUser(identity.user);
  if (sa) return `ServiceAccount ${sa.namespace}/${sa.name}`;
  if (identity.user === '') return `Group ${identity.groups.join(',')}`;
  return `User ${identity.user}`;
}

/**
 * Parses a subject as written on the command line:
 * `alice`, `user:alice`, `group:devs`, `sa:ns:name`, `sa:ns/name`, `serviceaccount:ns/name`,
 * `ns/name` (a service account) or `system:serviceaccount:ns:name`.
 * @throws CronwardenError `CW_RBAC_BAD_SUBJECT` for anything else.
 */
export function parseSubject(text: string, where = 'SUBJECT'): Subject {
  const bad = (why: string) =>
    new CronwardenError('CW_RBAC_BAD_SUBJECT', `subject "${text}" ${why}`, {
      location: { file: where },
    });
  const trimmed = text.trim();
  if (trimmed === '') throw bad('is empty');
  const sa = parseServiceAccountUser(trimmed);
  if (sa) return { kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace };
  const colon = trimmed.indexOf(':');
  const prefix = colon < 0 ? '' : trimmed.slice(0, colon).toLowerCase();
  const rest = colon < 0 ? trimmed : trimmed.slice(colon + 1);
  const serviceAccount = (spec: string): Subject => {
    const parts = spec.split(/[/:]/);
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      throw bad('is not a service account; write sa:NAMESPACE:NAME');
    }
    return { kind: 'ServiceAccount', namespace: parts[0], name: parts[1] };
  };
  switch (prefix) {
    case 'user':
    case 'u':
      if (rest === '') throw bad('names no user');
      return { kind: 'User', name: rest };
    case 'group':
    case 'g':
      if (rest === '') throw bad('names no group');
      return { kind: 'Group', name: rest };
    case 'sa':
    case 'serviceaccount':
      return serviceAccount(rest);
    default:
      if (colon < 0 && trimmed.includes('/')) return serviceAccount(trimmed);
      // Usernames such as `system:kube-scheduler` or `oidc:alice` contain colons themselves.
      return { kind: 'User', name: trimmed };
  }
}
