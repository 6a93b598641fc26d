/**
 * From a choice node to each account it stands for: every service account of the namespace,
 * or the account of each running pod. These hops cost nothing: path searches merge them
 * into the step that reached the choice.
 * @module
 */
import { type EdgeRule, type EscalationEdge, serviceAccountNode } from '../edge.js';

export const CHOOSE_ACCOUNT: EdgeRule = {
  kind: 'choose-account',
  description: 'pick the service account (free hop after a step that lets the holder choose it)',
  edges({ node, index }) {
    if (node.kind !== 'accounts') return [];
    const edges: EscalationEdge[] = [];
    if (node.running) {
      for (const [account, workload] of index.workloadAccounts.get(node.namespace) ?? []) {
        edges.push({
          kind: 'choose-account',
          to: serviceAccountNode(node.namespace, account),
          summary: `${workload.kind}/${workload.name} runs as ${node.namespace}/${account}`,
          evidence: [],
        });
      }
      return edges;
    }
    for (const account of index.serviceAccounts.get(node.namespace) ?? []) {
      edges.push({
        kind: 'choose-account',
        to: serviceAccountNode(node.namespace, account.name),
        summary: `serviceAccountName: ${account.name}`,
        evidence: [],
      });
    }
    return edges;
  },
};
