/**
 * Three ways to a service account's token without running a pod:
 * - `create serviceaccounts/token` (TokenRequest) for the account (resourceNames respected);
 * - `get`/`list` secrets where a legacy `kubernetes.io/service-account-token` Secret of the
 *   account exists;
 * - `create` secrets plus reading them back: a new Secret of that type annotated with
 *   `kubernetes.io/service-account.name` is filled with a token by the token controller.
 * @module
 */

import { accountsNode, type EdgeRule, type EscalationEdge, serviceAccountNode } from '../edge.js';
import { accountEdges } from './account-targets.js';

export const SERVICE_ACCOUNT_TOKEN: EdgeRule = {
  kind: 'serviceaccount-token',
  description: 'create serviceaccounts/token ⇒ mint a token for the account',
  edges({ caps, namespaces, index }) {
    if (!caps.mayAllow('create', '', 'serviceaccounts/token')) return [];
    return accountEdges(caps, index, namespaces, {
      kind: 'serviceaccount-token',
      verb: 'create',
      resource: 'serviceaccounts/token',
      anyAccount: (namespace) => `request a token (TokenRequest) for an account of ${namespace}`,
      oneAccount: (namespace, name) => `request a token for ${namespace}/${name} (TokenRequest)`,
    });
  },
};

export const READ_TOKEN_SECRET: EdgeRule = {
  kind: 'read-token-secret',
  description: 'get/list secrets holding legacy service-account tokens ⇒ act as the account',
  edges({ caps, model, namespaces }) {
    if (!caps.mayAllow('get', '', 'secrets') && !caps.mayAllow('list', '', 'secrets')) return [];
    const wanted = new Set(namespaces);
    const edges: EscalationEdge[] = [];
    for (const secret of model.tokenSecrets) {
      if (!wanted.has(secret.namespace) || secret.serviceAccount === '') continue;
      const grant =
        caps.can('get', '', 'secrets', secret.namespace, secret.name) ??
        caps.can('list', '', 'secrets', secret.namespace);
      if (!grant) continue;
      edges.push({
        kind: 'read-token-secret',
        to: serviceAccountNode(secret.namespace, secret.serviceAccount),
        summary: `read Secret ${secret.namespace}/${secret.name} (legacy token of ${secret.serviceAccount})`,
        evidence: [grant],
      });
    }
    return edges;
  },
};

export const MINT_TOKEN_SECRET: EdgeRule = {
  kind: 'mint-token-secret',
  description:
    'create + read secrets ⇒ have the token controller fill a token Secret for any account',
  edges({ caps, namespaces, index }) {
    const edges: EscalationEdge[] = [];
    if (!caps.mayAllow('create', '', 'secrets')) return edges;
    for (const namespace of namespaces) {
      const create = caps.can('create', '', 'secrets', namespace);
      if (!create) continue;
      const read =
        caps.can('list', '', 'secrets', namespace) ?? caps.can('get', '', 'secrets', namespace);
      if (!read) continue;
      if ((index.serviceAccounts.get(namespace) ?? []).length === 0) continue;
      edges.push({
        kind: 'mint-token-secret',
        to: accountsNode(namespace, false),
        summary: `create a kubernetes.io/service-account-token Secret in ${namespace} and read the token filled in`,
        evidence: [create, read],
      });
    }
    return edges;
  },
};
