/**
 * The Sigma engine: parse YAML rules into an AST (`parseSigmaText`), compile them into
 * matchers (`compileRule`), and run a rule set over events with logsource routing and a
 * candidate index (`SigmaEngine`). Correlation, filter and pipeline documents are parsed into
 * `SigmaDocument`s here and interpreted by their own modules.
 * @module
 */
export * from './ast.js';
export type { CompiledItem, Matcher } from './compile/compile-item.js';
export {
  type CompiledRule,
  type CompileOptions,
  type CompileResult,
  compileRule,
  ruleMatches,
} from './compile/compile-rule.js';
export { EventView } from './compile/event-view.js';
export { compileFieldReader, resolvePath } from './compile/field-path.js';
export { type ItemPlan, type Needle, planItem } from './compile/plan.js';
export { compileRegex } from './compile/regex.js';
export type { Requirement } from './compile/requirement.js';
export { parseCondition, patternMatcher, resolveOfTarget } from './condition/parse.js';
export {
  type EngineStats,
  logsourceAccepts,
  type RoutedEvent,
  SigmaEngine,
  type SigmaMatch,
} from './engine/sigma-engine.js';
export { SIGMA_ERROR_CODES } from './error-codes.js';
export { type ParseOptions, parseSigmaText } from './parse/parse-text.js';
export { formatSigmaString, parseSigmaString } from './parse/sigma-string.js';
export {
  DEFAULT_YAML_LIMITS,
  getEntry,
  loadYaml,
  toPlain,
  type YamlLimits,
  type YamlMap,
  type YamlScalar,
  type YamlSeq,
  type YamlTree,
} from './parse/yaml-tree.js';
