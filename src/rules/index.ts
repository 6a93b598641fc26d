/**
 * The T1053.007 rule pack: allow-list, loader, compiled pack, rule tests and the samples
 * score. Analytics (stateful rules) are in `src/analytics/`; `Detector` (`src/detect.ts`)
 * runs both.
 * @module
 */
export {
  type Allowlist,
  compileValueMatcher,
  DEFAULT_ALLOWLIST_URL,
  loadAllowlist,
  mergeAllowlists,
  type ParsedAllowlist,
  parseAllowlist,
} from './allowlist.js';
export { RULES_ERROR_CODES } from './error-codes.js';
export {
  type LoadedRule,
  listRuleFiles,
  loadRules,
  PACK_DIRECTORY,
  type RuleSet as PackRuleSet,
} from './load-rules.js';
export { expandPlaceholders } from './placeholders.js';
export { RulePack, type RulePackOptions } from './rule-pack.js';
export {
  type CaseDecoder,
  type CaseResult,
  decodeCase,
  formatRuleTestTable,
  type RuleTestOptions,
  type RuleTestReport,
  type RuleTestResult,
  runRuleTests,
} from './rule-tests.js';
export { type SampleQuality, scoreSamples } from './sample-quality.js';
export { matchToFinding as packMatchToFinding, renderMessage } from './to-finding.js';
