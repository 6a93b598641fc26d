/**
 * A loaded rule set: Sigma detection rules, correlation rules, filters and processing
 * pipelines assembled into one object that routes events by logsource and returns detection
 * matches and correlation matches. Every problem found while loading is an `Issue`; nothing
 * is dropped silently.
 *
 * Assembly order: filters -> pipelines -> compile -> correlation. Filters are applied first
 * (as pySigma does when it loads a collection) so that pipelines map the filter's field names
 * too; a filter's logsource is compared with the rule's logsource as written.
 * @module
 */
import type { Issue, Location } from '../errors.js';
import type { Finding } from '../finding.js';
import type { Logsource } from '../logsource.js';
import type { SigmaRule } from './ast.js';
import type { CompileOptions } from './compile/compile-rule.js';
import {
  type BaseMatch,
  CorrelationEngine,
  type CorrelationEngineOptions,
  type CorrelationMatch,
} from './correlation/engine.js';
import { correlationLintHandler } from './correlation/lint-handler.js';
import { parseCorrelation } from './correlation/parse.js';
import { referencedRulesOf } from './correlation/references.js';
import { type CorrelationResolution, resolveCorrelations, ruleKey } from './correlation/resolve.js';
import { correlationToFinding } from './correlation/to-finding.js';
import type { CorrelationRule } from './correlation/types.js';
import { SigmaEngine, type SigmaMatch } from './engine/sigma-engine.js';
import { matchToFinding } from './engine/to-finding.js';
import { applyFilters } from './filter/apply.js';
import { filterLintHandler } from './filter/lint-handler.js';
import { parseFilter } from './filter/parse.js';
import type { SigmaFilter } from './filter/types.js';
import { registerDocumentHandler } from './lint/lint.js';
import { loadRuleSources } from './lint/load-sources.js';
import { parseSigmaText } from './parse/parse-text.js';
import { applyPipelines, applyPipelinesToCorrelation, chainPipelines } from './pipeline/apply.js';
import { parsePipelineText } from './pipeline/parse.js';
import type { Pipeline } from './pipeline/types.js';

/** A rule or pipeline file's content. */
export interface TextSource {
  readonly file: string;
  readonly text: string;
}

export interface RuleSetOptions {
  /** Rule files (detection rules, correlations, filters), already read. */
  readonly sources?: readonly TextSource[];
  /** Processing pipelines: YAML texts or parsed pipelines. */
  readonly pipelines?: readonly (TextSource | Pipeline)[];
  readonly correlation?: CorrelationEngineOptions;
  readonly compile?: CompileOptions;
}

export interface LoadRuleSetOptions extends RuleSetOptions {
  /** Rule files or folders to read (every .yml/.yaml below a folder). */
  readonly paths?: readonly string[];
  /** Pipeline files to read. */
  readonly pipelinePaths?: readonly string[];
}

/** What `match` returns per event. */
export type RuleSetMatch =
  | { readonly kind: 'detection'; readonly match: SigmaMatch }
  | { readonly kind: 'correlation'; readonly match: CorrelationMatch };

/** Where and when an event happened (NormalizedEvent has both). */
export interface EventMeta {
  readonly timeMs: number;
  readonly origin?: Location;
}

/** An event as the stream API takes it (`NormalizedEvent` fits). */
export interface RuleSetEvent extends EventMeta {
  readonly data: Readonly<Record<string, unknown>>;
  readonly logsource: Logsource | readonly Logsource[];
}

/** Counts of what was loaded, for reports. */
export interface RuleSetSummary {
  readonly rules: number;
  readonly compiled: number;
  readonly correlations: number;
  readonly filters: number;
  readonly filteredRules: number;
  readonly pipelines: readonly string[];
}

/**
 * A compiled rule set. `match` is synchronous and never throws; call `flush` at the end of a
 * stream so correlation windows that are still open are decided.
 */
export class RuleSet {
  readonly engine: SigmaEngine;
  readonly correlations: CorrelationEngine;
  readonly issues: readonly Issue[];
  readonly summary: RuleSetSummary;
  readonly #quiet: ReadonlySet<string>;
  readonly #correlationRules: readonly CorrelationRule[];

  constructor(parts: {
    engine: SigmaEngine;
    resolution: CorrelationResolution;
    correlationOptions?: CorrelationEngineOptions;
    issues: readonly Issue[];
    summary: RuleSetSummary;
  }) {
    this.engine = parts.engine;
    this.correlations = new CorrelationEngine(
      parts.resolution.correlations,
      parts.correlationOptions,
    );
    this.#quiet = parts.resolution.quietKeys;
    this.#correlationRules = parts.resolution.correlations.map((c) => c.rule);
    this.issues = parts.issues;
    this.summary = parts.summary;
  }

  /** The correlation rules that run. */
  get correlationRules(): readonly CorrelationRule[] {
    return this.#correlationRules;
  }

  /**
   * Matches one event: detection matches (except rules that only feed correlations, spec
   * `generate: false`) and the correlation matches the event completes.
   */
  match(
    data: Readonly<Record<string, unknown>>,
    logsource: Logsource | readonly Logsource[],
    meta: EventMeta = { timeMs: Number.NaN },
  ): RuleSetMatch[] {
    const out: RuleSetMatch[] = [];
    for (const match of this.engine.match(data, logsource)) {
      const rule = match.rule.rule;
      const key = ruleKey(rule);
      if (key === undefined || !this.#quiet.has(key)) out.push({ kind: 'detection', match });
      if (!this.correlations.consumes(rule)) continue;
      const base: BaseMatch = {
        rule: {
          ...(rule.id === undefined ? {} : { id: rule.id }),
          ...(rule.name === undefined ? {} : { name: rule.name }),
        },
        timeMs: meta.timeMs,
        event: data,
        ...(meta.origin === undefined ? {} : { origin: meta.origin }),
      };
      for (const correlation of this.correlations.push(base)) {
        // An inner correlation of a chain is quiet too unless its outer one sets `generate`.
        if (!this.#quiet.has(correlation.key))
          out.push({ kind: 'correlation', match: correlation });
      }
    }
    return out;
  }

  /** Matches a `NormalizedEvent`-like event. */
  matchEvent(event: RuleSetEvent): RuleSetMatch[] {
    return this.match(event.data, event.logsource, event);
  }

  /** End of stream: decides the correlation windows still open. */
  flush(): RuleSetMatch[] {
    return this.correlations
      .flush()
      .filter((match) => !this.#quiet.has(match.key))
      .map((match) => ({ kind: 'correlation', match }));
  }

  /** Run-time issues (late events, state bounds) gathered since the last call. */
  takeIssues(): Issue[] {
    return this.correlations.takeIssues();
  }

  /**
   * Matches a stream; yields every event with its matches, then once `{ event: undefined }`
   * with the matches of the windows decided at the end of the stream.
   */
  async *matchStream<E extends RuleSetEvent>(
    events: AsyncIterable<E> | Iterable<E>,
  ): AsyncGenerator<{ readonly event: E | undefined; readonly matches: readonly RuleSetMatch[] }> {
    for await (const event of events) yield { event, matches: this.matchEvent(event) };
    yield { event: undefined, matches: this.flush() };
  }

  /** A match as a `Finding`; detection matches need the event's time and origin. */
  toFinding(match: RuleSetMatch, meta: EventMeta = { timeMs: Number.NaN }): Finding {
    if (match.kind === 'correlation') return correlationToFinding(match.match);
    const origin = meta.origin;
    const findingOrigin =
      origin?.line !== undefined
        ? { file: origin.file, line: origin.line }
        : origin?.index !== undefined
          ? { file: origin.file, index: origin.index }
          : undefined;
    return matchToFinding(match.match, {
      time: Number.isFinite(meta.timeMs) ? new Date(meta.timeMs).toISOString() : '',
      ...(findingOrigin === undefined ? {} : { origin: findingOrigin }),
    });
  }
}

function parsePipelines(inputs: readonly (TextSource | Pipeline)[], issues: Issue[]): Pipeline[] {
  const pipelines: Pipeline[] = [];
  for (const input of inputs) {
    if ('items' in input) {
      pipelines.push(input);
      continue;
    }
    const parsed = parsePipelineText(input.text, input.file);
    issues.push(...parsed.issues);
    if (parsed.pipeline) pipelines.push(parsed.pipeline);
  }
  return pipelines;
}

/** Applies the pipeline chain to correlations (field names they read from events). */
function processCorrelations(
  correlations: readonly CorrelationRule[],
  rules: readonly SigmaRule[],
  chain: ReturnType<typeof chainPipelines>,
  issues: Issue[],
): CorrelationRule[] {
  if (chain.items.length === 0) return [...correlations];
  const referenced = referencedRulesOf(rules, correlations);
  const out: CorrelationRule[] = [];
  for (const correlation of correlations) {
    const applied = applyPipelinesToCorrelation(correlation, chain, referenced);
    issues.push(...applied.issues);
    if (applied.rule) out.push(applied.rule);
  }
  return out;
}

/**
 * Builds a rule set from texts (pure: no I/O). A pipeline with errors is not used (its issues
 * say why), and the rules are still loaded without it.
 * @example
 * const { ruleSet, issues } = buildRuleSet({ sources: [{ file, text }], pipelines: [{ file: p, text: y }] });
 * for (const m of ruleSet.matchEvent(event)) console.log(ruleSet.toFinding(m, event));
 */
export function buildRuleSet(options: RuleSetOptions): { ruleSet: RuleSet; issues: Issue[] } {
  const issues: Issue[] = [];
  const pipelines = parsePipelines(options.pipelines ?? [], issues);
  const chain = chainPipelines(pipelines);

  const rules: SigmaRule[] = [];
  const correlations: CorrelationRule[] = [];
  const filters: SigmaFilter[] = [];
  for (const source of options.sources ?? []) {
    const parsed = parseSigmaText(source.text, source.file);
    issues.push(...parsed.issues);
    for (const document of parsed.documents) {
      if (document.kind === 'rule') rules.push(document.rule);
      else if (document.kind === 'correlation') {
        const result = parseCorrelation(document.tree);
        issues.push(...result.issues);
        if (result.rule) correlations.push(result.rule);
      } else {
        const result = parseFilter(document, source.text);
        issues.push(...result.issues);
        if (result.filter) filters.push(result.filter);
      }
    }
  }

  const mappedCorrelations = processCorrelations(correlations, rules, chain, issues);
  const filtered = applyFilters(rules, filters);
  issues.push(...filtered.issues);

  const processed: SigmaRule[] = [];
  for (const rule of filtered.rules) {
    if (chain.items.length === 0) {
      processed.push(rule);
      continue;
    }
    const applied = applyPipelines(rule, chain);
    issues.push(...applied.issues);
    if (applied.rule) processed.push(applied.rule);
  }

  const { engine, issues: compileIssues } = SigmaEngine.fromRules(processed, options.compile);
  issues.push(...compileIssues);

  const compiledRules = engine.rules.map((compiled) => compiled.rule);
  const resolution = resolveCorrelations(mappedCorrelations, compiledRules);
  const rejected = new Set(
    rules.flatMap((rule) => [rule.id, rule.name]).filter((key): key is string => key !== undefined),
  );
  for (const issue of resolution.issues) {
    // A reference to a rule that was loaded but could not run: say so, not "not loaded".
    const ref = /refers to rule "([^"]+)", which is not loaded/.exec(issue.message)?.[1];
    issues.push(
      ref !== undefined && rejected.has(ref)
        ? {
            ...issue,
            message: issue.message.replace(
              'which is not loaded (no rule has this id or name)',
              'which was rejected (see its issues)',
            ),
          }
        : issue,
    );
  }

  const ruleSet = new RuleSet({
    engine,
    resolution,
    ...(options.correlation === undefined ? {} : { correlationOptions: options.correlation }),
    issues,
    summary: {
      rules: rules.length,
      compiled: engine.rules.length,
      correlations: resolution.correlations.length,
      filters: filters.length,
      filteredRules: filtered.applied.size,
      pipelines: chain.names,
    },
  });
  return { ruleSet, issues };
}

/**
 * Reads rule and pipeline files, then builds the rule set. Unreadable paths throw
 * `CronwardenError` (`CW_IO`); everything else is an issue.
 */
export async function loadRuleSet(
  options: LoadRuleSetOptions,
): Promise<{ ruleSet: RuleSet; issues: Issue[] }> {
  const sources = [...(options.sources ?? []), ...(await loadRuleSources(options.paths ?? []))];
  const pipelineSources = await loadRuleSources(options.pipelinePaths ?? []);
  return buildRuleSet({
    ...options,
    sources,
    pipelines: [...(options.pipelines ?? []), ...pipelineSources],
  });
}

/**
 * Registers the correlation and filter document handlers with `rules lint` (idempotent), so
 * linting checks those documents against the rules of the same run.
 */
export function registerLintHandlers(): void {
  registerDocumentHandler(correlationLintHandler);
  registerDocumentHandler(filterLintHandler);
}
