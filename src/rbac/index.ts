/**
 * RBAC analysis: a faithful Kubernetes RBAC authorizer over inventory objects (aggregation,
 * RoleBindings to ClusterRoles, wildcards, subresources, resourceNames, non-resource URLs,
 * groups, service-account usernames), who-can / can / escalation paths with evidence, the
 * `RBAC-…` checks, the `HYG-…` account-hygiene checks, and time-bound grants.
 * @module
 */
export {
  analyzeRbac,
  type RbacAnalysis,
  rbacFindings,
  serviceAccountCanCreateWorkloads,
} from './analyze.js';
export { Authorizer, type Decision } from './authorizer.js';
export { buildClusterModel, type ClusterModel } from './cluster-model.js';
export { formatPathLines, pathToJson } from './escalation/format-path.js';
export {
  EscalationGraph,
  type EscalationPath,
  type EscalationTarget,
  formatTarget,
} from './escalation/graph.js';
export { RBAC_CHECKS } from './findings/index.js';
export { formatGrant, type Grant, grantToJson } from './grant.js';
export { applyGrant, expireClusterGrants } from './grants/cluster-grants.js';
export { expireGrantFiles } from './grants/expire-files.js';
export {
  buildGrantBinding,
  EXPIRES_AT,
  GRANT_LABEL,
  GRANTED_AT,
  parseDuration,
  parseGrantRole,
} from './grants/grant-binding.js';
export { HYGIENE_CHECKS, hygieneFindings } from './hygiene/analyze.js';
export { type AuditFact, auditFactFromEvent, isAuditIssue } from './hygiene/audit-fact.js';
export { formatSuggestedRoles, suggestRoles } from './hygiene/least-privilege.js';
export { auditFactsFromEvents, readAuditFacts } from './hygiene/read-audit.js';
export { creatorsFromAudit } from './hygiene/workload-writes.js';
export {
  type Identity,
  identityOfSubject,
  parseSubject,
  serviceAccountIdentity,
  userIdentity,
} from './identity.js';
export type { PolicyRule, RbacBinding, RbacRole, Subject } from './model.js';
export { defaultTargets, pathsFrom, rightsOf, whoCan } from './queries.js';
export { parseAccessRequest } from './resources.js';
export { type AccessRequest, resourceRequest, ruleAllows } from './rule-match.js';
export { parseTarget } from './targets.js';
export { workloadCreateRight } from './workload-rights.js';
