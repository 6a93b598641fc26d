/**
 * Who counts as "known" for the analytics: the allow-list's controllers and platform
 * identities, the same lists the Sigma rules expand from `%cw_controllers%` and
 * `%cw_platform_identities%`.
 * @module
 */
import { type Allowlist, compileValueMatcher } from '../rules/allowlist.js';

/** Compiles `username → is a controller or platform identity`. */
export function compileKnownPrincipal(allowlist: Allowlist): (username: string) => boolean {
  return compileValueMatcher([
    ...(allowlist.get('cw_controllers') ?? []),
    ...(allowlist.get('cw_platform_identities') ?? []),
  ]);
}

/** Compiles a matcher over one named list (absent list: matches nothing). */
export function compileList(allowlist: Allowlist, name: string): (value: string) => boolean {
  return compileValueMatcher(allowlist.get(name) ?? []);
}

/** `system:serviceaccount:ns:name` → `{namespace, name}`. */
export function parseServiceAccount(username: string) {
  const match = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(username);
  return match ? { namespace: match[1] as string, name: match[2] as string } : undefined;
}
