/**
 * Nodes of the escalation graph: who (or what position) holds which rights.
 *
 * - `identity`: a user, service account or group, holding what RBAC grants it.
 * - `role`: holding one role in one scope (reached by binding it to oneself).
 * - `namespace-admin`: every verb on every resource of one namespace.
 * - `cluster-admin`: the superuser (`system:masters`) or `*` on everything cluster-wide.
 * @module
 */
import { formatIdentity, type Identity } from '../identity.js';
import { type RoleRefKey, roleKey } from '../model.js';

export type EscalationNode =
  | { readonly kind: 'identity'; readonly identity: Identity }
  | { readonly kind: 'role'; readonly role: RoleRefKey; readonly scope: string }
  | { readonly kind: 'namespace-admin'; readonly namespace: string }
  /**
   * A choice, not a principal: "any service account of N" (`running: false`) or "the
   * account of any running pod in N" (`running: true`). Steps that let the holder pick the
   * account lead here once instead of to every account, and the hop to the chosen account is
   * free (it is merged into the step before it), so path lengths count real steps only.
   */
  | { readonly kind: 'accounts'; readonly namespace: string; readonly running: boolean }
  | { readonly kind: 'cluster-admin' };

const KEYS = new WeakMap<EscalationNode, string>();

/** Stable text key of a node (cached per node object: keys are asked for on every edge). */
export function nodeKey(node: EscalationNode): string {
  let key = KEYS.get(node);
  if (key === undefined) {
    key = computeKey(node);
    KEYS.set(node, key);
  }
  return key;
}

function computeKey(node: EscalationNode): string {
  switch (node.kind) {
    case 'identity':
      return `id:${node.identity.user}|${node.identity.groups.join(',')}`;
    case 'role':
      return `role:${roleKey(node.role)}@${node.scope}`;
    case 'namespace-admin':
      return `nsadmin:${node.namespace}`;
    case 'accounts':
      return `accounts:${node.running ? 'running' : 'any'}:${node.namespace}`;
    case 'cluster-admin':
      return 'cluster-admin';
    default: {
      const unreachable: never = node;
      throw new Error(`unknown node ${JSON.stringify(unreachable)}`);
    }
  }
}

export function formatNode(node: EscalationNode): string {
  switch (node.kind) {
    case 'identity':
      return formatIdentity(node.identity);
    case 'role':
      return `holder of ${roleKey(node.role)} ${node.scope === '' ? 'cluster-wide' : `in ${node.scope}`}`;
    case 'namespace-admin':
      return `admin of namespace ${node.namespace}`;
    case 'accounts':
      return node.running
        ? `the service account of a running pod in ${node.namespace}`
        : `any service account of ${node.namespace}`;
    case 'cluster-admin':
      return 'cluster-admin';
    default: {
      const unreachable: never = node;
      throw new Error(`unknown node ${JSON.stringify(unreachable)}`);
    }
  }
}
