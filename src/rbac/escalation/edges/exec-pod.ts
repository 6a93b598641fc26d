/**
 * `pods/exec`, `pods/attach` or `pods/ephemeralcontainers` in a namespace ⇒ run commands in
 * its running pods ⇒ read their mounted service-account token ⇒ act as those accounts.
 * Running pods are taken from the workloads in the inventory whose token is mounted.
 *
 * exec/attach are authorized as `create` (SPDY POST, and WebSocket upgrades when the
 * `AuthorizePodWebsocketUpgradeCreatePermission` gate is on) or `get` (WebSocket GET upgrades
 * before that gate), so either verb counts.
 * @module
 */
import type { Grant } from '../../grant.js';
import { accountsNode, type EdgeRule, type EscalationEdge } from '../edge.js';

export const EXEC_POD: EdgeRule = {
  kind: 'exec-pod',
  description:
    'exec/attach into running pods, or add an ephemeral container ⇒ act as their service account',
  edges({ caps, namespaces, index }) {
    const edges: EscalationEdge[] = [];
    const possible =
      caps.mayAllow('create', '', 'pods/exec') ||
      caps.mayAllow('get', '', 'pods/exec') ||
      caps.mayAllow('create', '', 'pods/attach') ||
      caps.mayAllow('get', '', 'pods/attach') ||
      caps.mayAllow('update', '', 'pods/ephemeralcontainers') ||
      caps.mayAllow('patch', '', 'pods/ephemeralcontainers');
    if (!possible) return edges;
    for (const namespace of namespaces) {
      const running = index.workloadAccounts.get(namespace);
      if (!running || running.size === 0) continue;
      let grant: Grant | undefined;
      let how = '';
      for (const [sub, verbs] of [
        ['exec', ['create', 'get']],
        ['attach', ['create', 'get']],
        ['ephemeralcontainers', ['update', 'patch']],
      ] as const) {
        grant = caps.canAny(verbs, '', `pods/${sub}`, namespace);
        if (grant) {
          how = sub;
          break;
        }
      }
      if (!grant) continue;
      edges.push({
        kind: 'exec-pod',
        to: accountsNode(namespace, true),
        summary: `${how === 'ephemeralcontainers' ? 'add an ephemeral container to' : `${how} into`} a running pod in ${namespace} and use its token`,
        evidence: [grant],
      });
    }
    return edges;
  },
};
