/**
 * Cluster-wide rights that reach beyond RBAC:
 * - `nodes/proxy` (get or create): the kubelet API runs commands in any pod on the node
 *   (`/exec`, `/run`), so every running pod's service account is within reach;
 * - CSR approval: create a CertificateSigningRequest, approve it
 *   (`update certificatesigningrequests/approval` + `approve` on the
 *   `kubernetes.io/kube-apiserver-client` signer) and receive a client certificate with
 *   `O=system:masters` ⇒ cluster-admin;
 * - writing a MutatingWebhookConfiguration: every pod create in every namespace is sent to a
 *   server of the writer's choice, which can add containers and swap service accounts
 *   ⇒ cluster-admin.
 * @module
 */
import type { Grant } from '../../grant.js';
import { accountsNode, type EdgeRule, type EscalationEdge } from '../edge.js';

export const NODES_PROXY: EdgeRule = {
  kind: 'nodes-proxy',
  description: 'nodes/proxy ⇒ run commands in any pod through the kubelet API',
  edges({ caps, index }) {
    const grant = caps.canAny(['create', 'get'], '', 'nodes/proxy');
    if (!grant) return [];
    const edges: EscalationEdge[] = [];
    for (const [namespace, accounts] of index.workloadAccounts) {
      if (accounts.size === 0) continue;
      edges.push({
        kind: 'nodes-proxy',
        to: accountsNode(namespace, true),
        summary: `exec through the kubelet API (nodes/proxy) into a running pod in ${namespace}`,
        evidence: [grant],
      });
    }
    return edges;
  },
};

const CERT_GROUP = 'certificates.k8s.io';
const CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';

export const CSR_APPROVE: EdgeRule = {
  kind: 'csr-approve',
  description: 'create + approve a client CSR for O=system:masters ⇒ cluster-admin',
  edges({ caps }) {
    const create = caps.can('create', CERT_GROUP, 'certificatesigningrequests');
    const approve = caps.canAny(
      ['update', 'patch'],
      CERT_GROUP,
      'certificatesigningrequests/approval',
    );
    const signer: Grant | undefined =
      caps.can('approve', CERT_GROUP, 'signers', '', CLIENT_SIGNER) ??
      caps.can('approve', CERT_GROUP, 'signers', '', 'kubernetes.io/*');
    if (!create || !approve || !signer) return [];
    return [
      {
        kind: 'csr-approve',
        to: { kind: 'cluster-admin' },
        summary: `create and approve a ${CLIENT_SIGNER} CSR with O=system:masters`,
        evidence: [create, approve, signer],
      },
    ];
  },
};

export const MUTATING_WEBHOOK: EdgeRule = {
  kind: 'mutating-webhook',
  description: 'write a MutatingWebhookConfiguration ⇒ rewrite every pod ⇒ cluster-admin',
  edges({ caps }) {
    const grant = caps.canAny(
      ['create', 'update', 'patch'],
      'admissionregistration.k8s.io',
      'mutatingwebhookconfigurations',
    );
    if (!grant) return [];
    return [
      {
        kind: 'mutating-webhook',
        to: { kind: 'cluster-admin' },
        summary: 'register a mutating webhook that injects a container into kube-system pods',
        evidence: [grant],
      },
    ];
  },
};
