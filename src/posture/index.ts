/**
 * Posture: Pod Security Standards (every check of the Pod Security Admission library, every
 * policy version), namespace gaps, and cronwarden's extra T1053.007 job checks.
 * @module
 */

export type { PostureCheck, PostureContext, PostureHit } from './checks/check.js';
export { POSTURE_CHECKS, runPostureChecks, serviceAccountIndex } from './checks/registry.js';
export type { WorkloadCreateRights, WorkloadRightsAnswer } from './checks/workload-rights.js';
export {
  assessPodSecurity,
  type NamespaceAssessment,
  type PssAssessment,
  type PssOptions,
  type WorkloadAssessment,
} from './pss/assess.js';
export type { CheckPod, CheckResult, PssCheck, VersionedCheck } from './pss/check.js';
export {
  DEFAULT_PSS_CONFIG,
  loadPssConfig,
  type PssConfig,
  type PssExemptions,
  parsePssConfig,
} from './pss/config.js';
export {
  denialMessage,
  evaluatePod,
  forbiddenDetail,
  type PssVerdict,
  type PssViolation,
} from './pss/evaluate.js';
export { NAMESPACE_RULES, PSS_RULES, pssFindings } from './pss/findings.js';
export {
  formatLevelVersion,
  type LevelVersion,
  type PolicyVersion,
  type PssLevel,
  parseLevelVersion,
  parsePolicyVersion,
  parsePssLevel,
} from './pss/level.js';
export { type NamespacePolicy, policyFromLabels } from './pss/policy.js';
export { buildRegistry, type CheckRegistry, PSS_CHECKS, PSS_REGISTRY } from './pss/registry.js';
export { type PodTemplate, podTemplateOf } from './pss/template.js';
