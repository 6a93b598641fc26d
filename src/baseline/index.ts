/**
 * Learned baselines of CronJob/Job writes (DS0003): what one write says (`observeJobWrite`),
 * the per-namespace model, the scoring checks and the hunt observer that turns deviations
 * into explained `CW-BL-*` findings. docs/baseline.md describes the model and the weights.
 * @module
 */
export { DIMENSIONS, type Dimension, itemsOf, type LearnedItem, slotsOf } from './items.js';
export {
  type BaselineModel,
  clusterProfile,
  type ItemStats,
  knownJobWriters,
  modelFromObservations,
  type Profile,
} from './model.js';
export { type SourceAddress, sourceAddress } from './network.js';
export {
  type ImageRef,
  imageRef,
  type JobWriteObservation,
  observeJobWrite,
} from './observation.js';
export {
  type BaselinePolicy,
  DEFAULT_POLICY,
  isMature,
  levelOfScore,
  windowDays,
} from './policy.js';
export { classifyPrincipal, type PrincipalKind } from './principal.js';
export {
  BASELINE_RULES,
  type BaselineRule,
  CLUSTER_DEVIATION,
  NAMESPACE_DEVIATION,
} from './rules.js';
export { type FrequencyClass, frequencyClass, parseSchedule, type Schedule } from './schedule.js';
export { type Assessment, CHECKS, type Deviation, scoreJobWrite } from './score.js';
export {
  type BaselineScorer,
  type BaselineScorerOptions,
  createBaselineScorer,
  maturityIssues,
} from './scorer.js';
export { normalizeUserAgent, type UserAgent } from './user-agent.js';
