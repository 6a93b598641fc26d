/**
 * The T1053.007 rule pack: allow-list, loader, rule tests and the samples score. Analytics
 * (stateful rules) are in `src/analytics/`; the one detector that compiles and runs both is
 * `loadDetector` (`src/hunt/detector.ts`).
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
