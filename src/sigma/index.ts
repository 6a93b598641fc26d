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
export type { Requirement, RequirementSet } from './compile/requirement.js';
export { parseCondition, patternMatcher, resolveOfTarget } from './condition/parse.js';
// Correlations, filters, processing pipelines and the assembled rule set (sigma-ext).
export {
  type BaseMatch,
  type CorrelationContributor,
  CorrelationEngine,
  type CorrelationEngineOptions,
  type CorrelationEngineStats,
  type CorrelationMatch,
} from './correlation/engine.js';
export { CORRELATION_ERROR_CODES } from './correlation/error-codes.js';
export {
  type CorrelationParseResult,
  isCorrelationTree,
  parseCorrelation,
  parseCorrelationText,
} from './correlation/parse.js';
export {
  type CorrelationInput,
  type CorrelationResolution,
  type KnownRule,
  type ResolvedCorrelation,
  resolveCorrelations,
} from './correlation/resolve.js';
export { parseTimespan } from './correlation/timespan.js';
export { correlationToFinding } from './correlation/to-finding.js';
export {
  CORRELATION_TYPES,
  type CorrelationCondition,
  type CorrelationRule,
  type CorrelationType,
} from './correlation/types.js';
export {
  type EngineOptions,
  type EngineStats,
  logsourceAccepts,
  type RoutedEvent,
  SigmaEngine,
  type SigmaMatch,
} from './engine/sigma-engine.js';
export { type MatchContext, matchToFinding } from './engine/to-finding.js';
export { SIGMA_ERROR_CODES } from './error-codes.js';
export {
  applyFilters,
  type FilterApplication,
  filterRule,
  logsourceWithin,
} from './filter/apply.js';
export { FILTER_ERROR_CODES } from './filter/error-codes.js';
export { type FilterParseResult, parseFilter, parseFilterText } from './filter/parse.js';
export type { SigmaFilter } from './filter/types.js';
export {
  type DocumentKindHandler,
  documentHandler,
  LINT_OUTCOMES,
  type LintContext,
  type LintEntry,
  type LintOptions,
  type LintOutcome,
  type LintReport,
  lintSources,
  type RuleFileSource,
  registerDocumentHandler,
} from './lint/lint.js';
export { loadRuleSources } from './lint/load-sources.js';
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
export {
  applyPipelines,
  applyPipelinesToCorrelation,
  type CorrelationPipelineApplication,
  chainPipelines,
  type PipelineApplication,
  type PipelineChain,
} from './pipeline/apply.js';
export { PIPELINE_ERROR_CODES } from './pipeline/error-codes.js';
export { type PipelineParseResult, parsePipelineText } from './pipeline/parse.js';
export { TRANSFORMATIONS, UNSUPPORTED_TRANSFORMATIONS } from './pipeline/registry.js';
export type { Pipeline, ProcessingItem } from './pipeline/types.js';
export { referenceMatches } from './reference/evaluate.js';
export {
  buildRuleSet,
  type EventMeta,
  type LoadRuleSetOptions,
  loadRuleSet,
  RuleSet,
  type RuleSetEvent,
  type RuleSetMatch,
  type RuleSetOptions,
  type RuleSetSummary,
  registerLintHandlers,
  type TextSource,
} from './ruleset.js';
