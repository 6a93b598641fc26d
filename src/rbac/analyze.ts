/**
 * The RBAC use case: inventory objects in, RBAC findings out. Builds the cluster model, the
 * authorizer and the escalation graph once and runs every check of the catalogue.
 * @module
 */
import type { Issue } from '../errors.js';
import type { Finding } from '../finding.js';
import type { K8sObject } from '../inventory/object.js';
import { Authorizer } from './authorizer.js';
import { buildClusterModel, type ClusterModel } from './cluster-model.js';
import { EscalationGraph } from './escalation/graph.js';
import type { RbacCheckContext, RbacCheckOptions } from './findings/context.js';
import { RBAC_CHECKS } from './findings/index.js';
import { formatGrant } from './grant.js';
import { serviceAccountIdentity } from './identity.js';
import { workloadCreateRight } from './workload-rights.js';

/** Everything built from one inventory, reusable across queries. */
export interface RbacAnalysis {
  readonly model: ClusterModel;
  readonly authorizer: Authorizer;
  readonly graph: EscalationGraph;
}

/** Indexes the objects once for who-can, can, paths and the checks. */
export function analyzeRbac(objects: readonly K8sObject[]): RbacAnalysis {
  const model = buildClusterModel(objects);
  const authorizer = new Authorizer(model);
  return { model, authorizer, graph: new EscalationGraph(authorizer) };
}

export interface RbacFindingsResult {
  readonly findings: readonly Finding[];
  readonly issues: readonly Issue[];
}

/**
 * Runs every RBAC check (`RBAC-001` … `RBAC-009`).
 * @example
 * const { findings } = rbacFindings(analyzeRbac(inventory.objects), { now: new Date() });
 */
export function rbacFindings(
  analysis: RbacAnalysis,
  options: RbacCheckOptions & { readonly now?: Date } = {},
): RbacFindingsResult {
  const context: RbacCheckContext = { ...analysis, now: options.now ?? new Date(), options };
  const findings = RBAC_CHECKS.flatMap((check) => check.run(context));
  return { findings, issues: analysis.model.issues };
}

/**
 * May pods running as `namespace/serviceAccount` create workloads (pods or any pod
 * controller, in any namespace)? For posture checks on job templates.
 */
export function serviceAccountCanCreateWorkloads(
  analysis: RbacAnalysis,
  namespace: string,
  serviceAccount: string,
): { readonly allowed: boolean; readonly evidence: readonly string[] } {
  const right = workloadCreateRight(
    analysis.graph,
    serviceAccountIdentity(namespace, serviceAccount),
    namespace,
  );
  if (!right) return { allowed: false, evidence: [] };
  const via = right.grant ? formatGrant(right.grant) : 'member of system:masters';
  return { allowed: true, evidence: [`create ${right.resource} in ${right.namespace} via ${via}`] };
}
