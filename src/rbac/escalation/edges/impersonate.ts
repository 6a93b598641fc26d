/**
 * `impersonate` on `users`, `groups` or `serviceaccounts` ⇒ send requests as that principal.
 * Impersonating a group needs an impersonated user as well (the API server refuses
 * `Impersonate-Group` without `Impersonate-User`), so group steps require some user or
 * service-account impersonation right. Impersonating `system:masters` is cluster-admin.
 * @module
 */
import type { Grant } from '../../grant.js';
import { groupIdentity, SUPERUSER_GROUP, userIdentity } from '../../identity.js';
import type { EdgeRule, EscalationEdge } from '../edge.js';
import { accountEdges } from './account-targets.js';

export const IMPERSONATE: EdgeRule = {
  kind: 'impersonate',
  description:
    'impersonate users, groups or service accounts ⇒ act as them (system:masters ⇒ cluster-admin)',
  edges({ caps, namespaces, index }) {
    const edges: EscalationEdge[] = [];
    const possible =
      caps.mayAllow('impersonate', '', 'users') ||
      caps.mayAllow('impersonate', '', 'groups') ||
      caps.mayAllow('impersonate', '', 'serviceaccounts');
    if (!possible) return edges;
    const anyUser = caps.can('impersonate', '', 'users');
    let someUser: Grant | undefined = anyUser;
    const users = caps.mayAllow('impersonate', '', 'users') ? index.users : [];
    for (const user of users) {
      const grant = anyUser ?? caps.can('impersonate', '', 'users', '', user);
      if (!grant) continue;
      someUser ??= grant;
      edges.push({
        kind: 'impersonate',
        to: { kind: 'identity', identity: userIdentity(user) },
        summary: `impersonate user ${user} (--as=${user})`,
        evidence: [grant],
      });
    }
    if (caps.mayAllow('impersonate', '', 'serviceaccounts')) {
      edges.push(
        ...accountEdges(caps, index, namespaces, {
          kind: 'impersonate',
          verb: 'impersonate',
          resource: 'serviceaccounts',
          anyAccount: (namespace) =>
            `impersonate a service account of ${namespace} (--as=system:serviceaccount:${namespace}:NAME)`,
          oneAccount: (namespace, name) =>
            `impersonate service account ${namespace}/${name} (--as=system:serviceaccount:${namespace}:${name})`,
        }),
      );
    }
    if (!caps.mayAllow('impersonate', '', 'groups')) return edges;
    const userGrant =
      someUser ??
      caps.grants.find(
        (grant) =>
          grant.rule.verbs.some((verb) => verb === 'impersonate' || verb === '*') &&
          grant.rule.resources.some((r) => r === 'serviceaccounts' || r === '*'),
      );
    if (!userGrant) return edges;
    for (const group of [SUPERUSER_GROUP, ...index.groups]) {
      const grant = caps.can('impersonate', '', 'groups', '', group);
      if (!grant) continue;
      edges.push({
        kind: 'impersonate',
        to:
          group === SUPERUSER_GROUP
            ? { kind: 'cluster-admin' }
            : { kind: 'identity', identity: groupIdentity(group) },
        summary: `impersonate group ${group} (--as-group=${group})`,
        evidence: userGrant === grant ? [grant] : [userGrant, grant],
      });
    }
    return edges;
  },
};
