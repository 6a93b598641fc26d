/**
 * "May this principal create workloads?" — create on pods or any pod controller, in any
 * namespace (cluster-wide grants count for all). Used by the posture checks, the hygiene
 * ranking (dormant principals that can still create workloads rank first) and RBAC-009.
 * @module
 */

import { POD_CONTROLLERS } from '../inventory/kinds.js';
import type { EscalationGraph } from './escalation/graph.js';
import type { Grant } from './grant.js';
import type { Identity } from './identity.js';

export interface WorkloadCreateRight {
  readonly namespace: string;
  readonly resource: string;
  /** Undefined for superusers (`system:masters`). */
  readonly grant?: Grant;
}

/** The first workload-create right of the identity (preferring `preferNamespace`). */
export function workloadCreateRight(
  graph: EscalationGraph,
  identity: Identity,
  preferNamespace?: string,
): WorkloadCreateRight | undefined {
  const caps = graph.capabilities({ kind: 'identity', identity });
  if (caps.superuser) return { namespace: '*', resource: '*' };
  const namespaces = caps.hasClusterGrants ? graph.index.allNamespaces : [...caps.namespaces];
  const ordered = preferNamespace ? [preferNamespace, ...namespaces] : [...namespaces];
  // A cluster-wide grant also covers namespaces the input does not list.
  if (caps.hasClusterGrants && ordered.length === 0) ordered.push('default');
  for (const namespace of new Set(ordered)) {
    for (const controller of POD_CONTROLLERS) {
      const grant = caps.can('create', controller.apiGroup, controller.resource, namespace);
      if (grant) return { namespace, resource: controller.resource, grant };
    }
  }
  return undefined;
}
