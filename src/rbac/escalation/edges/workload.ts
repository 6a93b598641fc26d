/**
 * Create a pod, or any controller that makes pods, in a namespace ⇒ run as any service account
 * of that namespace (`spec.serviceAccountName` is chosen by the creator and RBAC does not check
 * it) ⇒ hold its rights. Update/patch of an existing controller does the same by rewriting its
 * template (a Pod's service account is immutable, so only controllers count for updates).
 * @module
 */
import { POD_CONTROLLERS } from '../../../inventory/kinds.js';
import { accountsNode, type EdgeRule, type EscalationEdge } from '../edge.js';

const UPDATABLE = POD_CONTROLLERS.filter((controller) => controller.kind !== 'Pod');

export const CREATE_WORKLOAD: EdgeRule = {
  kind: 'create-workload',
  description:
    'create pods or pod controllers (CronJobs, Jobs, …) ⇒ run as any service account of the namespace',
  edges({ caps, namespaces, index }) {
    const edges: EscalationEdge[] = [];
    const possible = POD_CONTROLLERS.some(
      (c) =>
        caps.mayAllow('create', c.apiGroup, c.resource) ||
        (c.kind !== 'Pod' &&
          (caps.mayAllow('update', c.apiGroup, c.resource) ||
            caps.mayAllow('patch', c.apiGroup, c.resource))),
    );
    if (!possible) return edges;
    // Namespaces without scoped grants all get the cluster-wide answer: compute it once.
    let clusterAnswer: ReturnType<typeof decide> | null = null;
    const decide = (namespace: string) => {
      let via: { resource: string; grant: NonNullable<ReturnType<typeof caps.find>> } | undefined;
      for (const controller of POD_CONTROLLERS) {
        const grant = caps.can('create', controller.apiGroup, controller.resource, namespace);
        if (grant) {
          via = { resource: controller.resource, grant };
          break;
        }
      }
      let kind: 'create-workload' | 'update-workload' = 'create-workload';
      if (!via) {
        for (const controller of UPDATABLE) {
          const grant = caps.canAny(
            ['update', 'patch'],
            controller.apiGroup,
            controller.resource,
            namespace,
          );
          if (grant) {
            via = { resource: controller.resource, grant };
            kind = 'update-workload';
            break;
          }
        }
      }
      return via ? { ...via, kind } : undefined;
    };
    for (const namespace of namespaces) {
      let decided: ReturnType<typeof decide>;
      if (caps.hasNamespaceGrants(namespace)) decided = decide(namespace);
      else {
        clusterAnswer ??= decide(namespace);
        decided = clusterAnswer;
      }
      if (!decided) continue;
      const { kind } = decided;
      const via = decided;
      const verb = kind === 'create-workload' ? 'create' : 'update';
      if ((index.serviceAccounts.get(namespace) ?? []).length === 0) continue;
      edges.push({
        kind,
        to: accountsNode(namespace, false),
        summary: `${verb} ${via.resource} in ${namespace}`,
        evidence: [via.grant],
      });
    }
    return edges;
  },
};
