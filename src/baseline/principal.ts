/**
 * Who wrote a job, as a baseline sees it: a human, a service account, a node, a controller or
 * platform identity (the allow-list's `cw_controllers` and `cw_platform_identities`), another
 * `system:` identity, or anonymous.
 * @module
 */

export type PrincipalKind =
  | 'human'
  | 'serviceaccount'
  | 'controller'
  | 'node'
  | 'system'
  | 'anonymous';

/** Humans are the only principals whose working hours mean something. */
export function isMachine(kind: PrincipalKind): boolean {
  return kind !== 'human';
}

/**
 * Classifies a username. `isKnownPrincipal` is the allow-list matcher of controllers and
 * platform identities (they are machines whatever their name looks like).
 */
export function classifyPrincipal(
  username: string,
  isKnownPrincipal: (username: string) => boolean,
): PrincipalKind {
  if (username === 'system:anonymous' || username === '') return 'anonymous';
  if (isKnownPrincipal(username)) return 'controller';
  if (username.startsWith('system:serviceaccount:')) return 'serviceaccount';
  if (username.startsWith('system:node:')) return 'node';
  if (username.startsWith('system:')) return 'system';
  return 'human';
}
