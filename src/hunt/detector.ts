/**
 * The detector `hunt` runs on every event: the built-in pack and the user's Sigma rules,
 * compiled once into a `SigmaEngine`, turning matches into findings. It also answers the
 * prefilter's question — which literals must a raw line hold for any rule to match — from
 * the compiled rules (`literals.ts`).
 *
 * Loading is two steps: `prepareRules` does the I/O and parsing (rule files, allow-list
 * placeholders, Sigma filters, pipelines, correlation documents) and returns plain data that
 * a worker thread receives by structured clone; `buildDetector` compiles it. Sigma filter
 * documents are applied to the rules they target before compiling (as `sigma/ruleset.ts`
 * assembles a rule set: filters, then pipelines, then compile, then correlations).
 * Correlation rules are resolved against the compiled rules; the detector reports each
 * detection match a correlation consumes as a `BaseMatch`, and `startCorrelations` runs
 * the correlation engine over them on one thread, in record order.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYTICS } from '../analytics/catalogue.js';
import { firstSeenJobCreator } from '../analytics/first-seen-job-creator.js';
import { compileKnownPrincipal } from '../analytics/principals.js';
import { type BaselineModel, knownJobWriters } from '../baseline/model.js';
import type { BaselinePolicy } from '../baseline/policy.js';
import { BASELINE_RULES } from '../baseline/rules.js';
import { createBaselineScorer } from '../baseline/scorer.js';
import { CronwardenError, type Issue } from '../errors.js';
import type { Finding } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { Logsource } from '../logsource.js';
import type { RuleInfo } from '../report/report.js';
import { type Allowlist, loadAllowlist } from '../rules/allowlist.js';
import { type LoadedRule, loadRules, PACK_DIRECTORY } from '../rules/load-rules.js';
import { matchToFinding } from '../rules/to-finding.js';
import type { SigmaRule } from '../sigma/ast.js';
import { type BaseMatch, CorrelationEngine } from '../sigma/correlation/engine.js';
import { parseCorrelation } from '../sigma/correlation/parse.js';
import { referencedRulesOf } from '../sigma/correlation/references.js';
import { resolveCorrelations, ruleKey } from '../sigma/correlation/resolve.js';
import { correlationToFinding } from '../sigma/correlation/to-finding.js';
import type { CorrelationRule } from '../sigma/correlation/types.js';
import { logsourceAccepts, SigmaEngine } from '../sigma/engine/sigma-engine.js';
import { applyFilters } from '../sigma/filter/apply.js';
import { parseFilter } from '../sigma/filter/parse.js';
import type { SigmaFilter } from '../sigma/filter/types.js';
import {
  applyPipelines,
  applyPipelinesToCorrelation,
  chainPipelines,
} from '../sigma/pipeline/apply.js';
import { parsePipelineText } from '../sigma/pipeline/parse.js';
import type { Pipeline } from '../sigma/pipeline/types.js';
import { ANALYTIC_SCOPES, BASELINE_SCOPE, LINEAGE_SCOPE } from './analytic-scopes.js';
import { type LineRequirement, ruleRequirement } from './literals.js';

/** The built-in rule folders: every folder of the package's `rules/`. */
export function builtinRuleDirs(): string[] {
  return readdirSync(PACK_DIRECTORY, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(PACK_DIRECTORY, entry.name))
    .sort();
}

/** Runs the stateful analytics on one event, given the rule findings on the same record. */
export type ObserveEvent = (
  event: NormalizedEvent,
  findings: readonly Finding[],
) => readonly Finding[];

/** What a worker needs to rebuild the same detector (plain data, structured-cloneable). */
export interface DetectorOptions {
  /** Rule folders replacing the built-in pack (default: `builtinRuleDirs()`). */
  readonly rules?: readonly string[];
  /** Extra Sigma rule files or folders. */
  readonly sigma?: readonly string[];
  /** An allow-list file replacing (or with `extend: true`, extending) the packaged one. */
  readonly allowlist?: string;
  /** Sigma processing pipelines applied, in order, to the `sigma` rules (not to the pack). */
  readonly pipelines?: readonly string[];
  /**
   * The store of a learned baseline (`hunt --baseline`): adds the CW-BL rules and their scope.
   * The model itself is loaded once by the caller and handed to `startAnalytics`.
   */
  readonly baseline?: string;
}

/** What one run's analytics start from, beyond the rules. */
export interface AnalyticsStart {
  /** The learned baseline: scores job writes (CW-BL-*) and seeds CW-007's known writers. */
  readonly baseline?: BaselineModel;
  /** Maturity and score thresholds of the baseline scorer (default `DEFAULT_POLICY`). */
  readonly baselinePolicy?: BaselinePolicy;
}

/**
 * Reads the pipeline files; a file that cannot be read or holds an error throws, since a
 * broken pipeline would silently change what every rule means.
 */
function loadPipelineChain(paths: readonly string[]) {
  const pipelines: Pipeline[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new CronwardenError(
        'CW_IO',
        `cannot read pipeline ${path}: ${(error as Error).message}`,
        {
          location: { file: path },
          cause: error,
        },
      );
    }
    const parsed = parsePipelineText(text, path);
    const error = parsed.issues.find((issue) => issue.severity === 'error');
    if (error) {
      throw new CronwardenError(
        error.code,
        error.message,
        error.location ? { location: error.location } : {},
      );
    }
    if (parsed.pipeline) pipelines.push(parsed.pipeline);
  }
  return chainPipelines(pipelines);
}

export interface Detector {
  /** The allow-list the rules and analytics were built with (incident actors use it too). */
  readonly allowlist: Allowlist;
  /** Every rule that compiled, as reports list them. */
  readonly rules: readonly RuleInfo[];
  /** Problems met while loading rules (bad YAML, rules that cannot run). */
  readonly issues: readonly Issue[];
  /**
   * Per routed rule and scoped analytic, the literals a raw record of this logsource must
   * hold for it to act, as an AND of ORs (`literals.ts`); undefined when one of them has
   * no requirement (then nothing may be skipped).
   */
  requirementsFor(logsource: Logsource): LineRequirement[] | undefined;
  /**
   * Runs every routed rule on `event`; calls `emit` per finding, in rule order (rules that
   * only feed correlations, `generate: false`, emit none), and `feed` with each match a
   * correlation consumes.
   */
  detect(
    event: NormalizedEvent,
    emit: (finding: Finding) => void,
    feed?: (input: BaseMatch) => void,
  ): void;
  /** The Sigma correlation rules that run (resolved against the compiled rules). */
  readonly correlationRules: readonly CorrelationRule[];
  /**
   * Fresh correlation state for one run, or undefined without correlation rules. Feed it the
   * `detect` inputs of every input in record order.
   */
  startCorrelations(): CorrelationRun | undefined;
  /** Whether a stateful analytic may act on `event` (such events are kept, in order). */
  needsForAnalytics(event: NormalizedEvent): boolean;
  /**
   * Fresh analytic state for one run; feed it the kept events in time order. The returned
   * function takes an event and the rule findings on that same record (CW-014 marks a CronJob
   * flagged from them).
   */
  startAnalytics(start?: AnalyticsStart): ObserveEvent;
}

/** Correlation state for one run: findings as windows complete, the rest at `flush`. */
export interface CorrelationRun {
  push(input: BaseMatch): Finding[];
  flush(): Finding[];
  /** Late or untimed events and state bounds met since the last call. */
  takeIssues(): Issue[];
}

/**
 * Rules ready to compile: plain data (a worker thread receives it by structured clone, so it
 * compiles without reading or parsing a file).
 */
export interface PreparedRules {
  readonly allowlist: Allowlist;
  /** Pack rules then user rules, filters and pipelines applied. */
  readonly rules: readonly LoadedRule[];
  readonly correlations: readonly CorrelationRule[];
  readonly issues: readonly Issue[];
  /** `hunt --baseline`: add the CW-BL rules and the baseline scope. */
  readonly baseline?: boolean;
}

function ruleInfo(loaded: LoadedRule): RuleInfo {
  const { rule } = loaded;
  return {
    id: loaded.packId ?? rule.id ?? rule.title,
    title: rule.title,
    source: loaded.packId ? 'pack' : 'sigma',
    level: rule.level ?? 'medium',
    ...(rule.description ? { description: rule.description.trim() } : {}),
    tags: rule.tags,
    ...(typeof rule.custom.cw_remediation === 'string' ? { help: rule.custom.cw_remediation } : {}),
    ...(rule.references[0] ? { helpUri: rule.references[0] } : {}),
    falsepositives: rule.falsepositives,
  };
}

/** Reads and parses the filter documents (a filter keeps the text it was written in). */
function parseFilters(
  documents: ReturnType<typeof loadRules>['filters'],
  issues: Issue[],
): SigmaFilter[] {
  const texts = new Map<string, string>();
  const filters: SigmaFilter[] = [];
  for (const document of documents) {
    let text = texts.get(document.file);
    if (text === undefined) {
      text = readFileSync(document.file, 'utf8');
      texts.set(document.file, text);
    }
    const parsed = parseFilter(document, text);
    issues.push(...parsed.issues);
    if (parsed.filter) filters.push(parsed.filter);
  }
  return filters;
}

/**
 * Loads the allow-list and the rules, resolves placeholders, parses correlation and filter
 * documents, applies filters (to any rule they target, pack rules included) and pipelines
 * (to the `sigma` rules and correlations only). A missing rule path throws `CW_IO`; every
 * other problem is an issue.
 */
export function prepareRules(options: DetectorOptions = {}): PreparedRules {
  const allowlist = loadAllowlist(options.allowlist);
  const pack = loadRules(options.rules ?? builtinRuleDirs(), allowlist);
  const user = loadRules(options.sigma ?? [], allowlist);
  const issues: Issue[] = [...pack.issues, ...user.issues];
  const correlations: CorrelationRule[] = [];
  const userCorrelations = new Set<CorrelationRule>();
  for (const [isUser, documents] of [
    [false, pack.correlations],
    [true, user.correlations],
  ] as const) {
    for (const document of documents) {
      const parsed = parseCorrelation(document.tree);
      issues.push(...parsed.issues);
      if (!parsed.rule) continue;
      correlations.push(parsed.rule);
      if (isUser) userCorrelations.add(parsed.rule);
    }
  }
  const filters = parseFilters([...pack.filters, ...user.filters], issues);
  const loaded = [...pack.rules, ...user.rules];
  const filtered = applyFilters(
    loaded.map((entry) => entry.rule),
    filters,
  );
  issues.push(...filtered.issues);
  let rules = loaded.map((entry, i) => ({ ...entry, rule: filtered.rules[i] ?? entry.rule }));
  let mapped = correlations;
  if (options.pipelines?.length) {
    const chain = loadPipelineChain(options.pipelines);
    const referenced = referencedRulesOf(
      rules.map((entry) => entry.rule),
      correlations,
    );
    mapped = correlations.flatMap((correlation) => {
      if (!userCorrelations.has(correlation)) return [correlation];
      const applied = applyPipelinesToCorrelation(correlation, chain, referenced);
      issues.push(...applied.issues);
      return applied.rule ? [applied.rule] : [];
    });
    rules = rules.flatMap((entry, i) => {
      if (i < pack.rules.length) return [entry]; // pipelines map the sigma rules only
      const applied = applyPipelines(entry.rule, chain);
      issues.push(...applied.issues);
      return applied.rule ? [{ ...entry, rule: applied.rule }] : [];
    });
  }
  return {
    allowlist,
    rules,
    correlations: mapped,
    issues,
    ...(options.baseline === undefined ? {} : { baseline: true }),
  };
}

/** Loads and compiles in one step (`buildDetector(prepareRules(options))`). */
export function loadDetector(options: DetectorOptions = {}): Detector {
  return buildDetector(prepareRules(options));
}

/**
 * The detector over rules already loaded (`loadRules`), without correlations: `rules test`
 * calls it to compile each rule on its own.
 */
export function detectorFromRules(
  loaded: readonly LoadedRule[],
  allowlist: Allowlist,
  loadIssues: readonly Issue[] = [],
): Detector {
  return buildDetector({ allowlist, rules: loaded, correlations: [], issues: loadIssues });
}

/**
 * Compiles prepared rules into a detector: one engine, the correlations resolved against it,
 * the pack's stateful analytics and, with `baseline`, the CW-BL rules and their scope (the
 * model itself comes to `startAnalytics`).
 */
export function buildDetector(prepared: PreparedRules): Detector {
  const { allowlist } = prepared;
  const issues: Issue[] = [...prepared.issues];
  const loaded = prepared.rules;
  const { engine, issues: compileIssues } = SigmaEngine.fromRules(loaded.map((l) => l.rule));
  issues.push(...compileIssues);
  const byRule = new Map<SigmaRule, LoadedRule>(loaded.map((entry) => [entry.rule, entry]));
  const requirementCache = new Map<SigmaRule, LineRequirement>();
  const rules = engine.rules.flatMap((compiled) => {
    const entry = byRule.get(compiled.rule);
    return entry ? [ruleInfo(entry)] : [];
  });
  const resolution = resolveCorrelations(
    prepared.correlations,
    engine.rules.map((compiled) => compiled.rule),
  );
  issues.push(...resolution.issues);
  const quiet = resolution.quietKeys;
  const correlationRules = resolution.correlations.map((c) => c.rule);
  // Which compiled rules feed a correlation (an engine without state answers `consumes`).
  const consumer = new CorrelationEngine(resolution.correlations);
  const feeds = new Set<SigmaRule>(
    engine.rules.map((c) => c.rule).filter((rule) => consumer.consumes(rule)),
  );
  const isQuiet = new Set<SigmaRule>(
    engine.rules
      .map((c) => c.rule)
      .filter((rule) => {
        const key = ruleKey(rule);
        return key !== undefined && quiet.has(key);
      }),
  );
  for (const rule of correlationRules) {
    rules.push({
      id: ruleKey(rule) ?? rule.title,
      title: rule.title,
      source: 'correlation',
      level: rule.level ?? 'medium',
      ...(rule.description ? { description: rule.description.trim() } : {}),
      tags: rule.tags,
    });
  }

  const analytics = ANALYTICS;
  // Lineage (incidents) reads its own events beside the analytics'.
  const scopes = [...analytics.map((analytic) => ANALYTIC_SCOPES[analytic.meta.id]), LINEAGE_SCOPE];
  if (prepared.baseline) scopes.push(BASELINE_SCOPE);
  const isScoped = scopes.every((scope) => scope !== undefined);
  for (const analytic of analytics) {
    rules.push({
      id: analytic.meta.id,
      title: analytic.meta.title,
      source: analytic.meta.source,
      level: analytic.meta.level,
      description: analytic.meta.description,
      tags: analytic.meta.tags,
      falsepositives: analytic.meta.falsepositives,
    });
  }
  if (prepared.baseline) {
    rules.push(...BASELINE_RULES);
  }

  const requirementsFor = (logsource: Logsource): LineRequirement[] | undefined => {
    const requirements: LineRequirement[] = [];
    if (logsource.product === 'kubernetes') {
      if (!isScoped) return undefined;
      for (const scope of scopes) if (scope) requirements.push(scope.clauses);
    }
    for (const compiled of engine.rules) {
      if (!logsourceAccepts(compiled.logsource, logsource)) continue;
      const requirement = requirementCache.get(compiled.rule) ?? ruleRequirement(compiled.rule);
      requirementCache.set(compiled.rule, requirement);
      if (requirement.length === 0) return undefined;
      requirements.push(requirement);
    }
    return requirements;
  };

  return {
    allowlist,
    rules,
    issues,
    needsForAnalytics(event) {
      if (!isScoped) return true;
      for (const scope of scopes) if (scope?.accepts(event)) return true;
      return false;
    },
    startAnalytics(start = {}) {
      const { baseline, baselinePolicy } = start;
      // With a learned baseline, CW-007 starts from the service accounts known to write jobs.
      const definitions = baseline
        ? analytics.map((analytic) =>
            analytic.meta.id === 'CW-007'
              ? firstSeenJobCreator(knownJobWriters(baseline))
              : analytic,
          )
        : analytics;
      const running = definitions.map((analytic) => analytic.create({ allowlist }));
      const score = baseline
        ? createBaselineScorer(baseline, {
            isKnownPrincipal: compileKnownPrincipal(allowlist),
            ...(baselinePolicy ? { policy: baselinePolicy } : {}),
          })
        : undefined;
      return (event, findings) => {
        const found = running.flatMap((analytic) => analytic.observe(event, findings));
        return score ? [...found, ...score(event)] : found;
      };
    },
    requirementsFor,
    correlationRules,
    startCorrelations() {
      if (correlationRules.length === 0) return undefined;
      const run = new CorrelationEngine(resolution.correlations);
      const visible = (matches: ReturnType<CorrelationEngine['flush']>) =>
        matches.filter((match) => !quiet.has(match.key)).map(correlationToFinding);
      return {
        push: (input) => visible(run.push(input)),
        flush: () => visible(run.flush()),
        takeIssues: () => run.takeIssues(),
      };
    },
    detect(event, emit, feed) {
      const matches = engine.match(event.data, event.logsource);
      for (const match of matches) {
        const rule = match.rule.rule;
        const entry = byRule.get(rule);
        if (entry && !isQuiet.has(rule)) emit(matchToFinding(match, entry, event));
        if (feed !== undefined && feeds.has(rule)) {
          feed({
            rule: {
              ...(rule.id === undefined ? {} : { id: rule.id }),
              ...(rule.name === undefined ? {} : { name: rule.name }),
            },
            timeMs: event.timeMs,
            event: event.data,
            origin: event.origin,
          });
        }
      }
    },
  };
}

/**
 * Fresh run state for callers that hold their events in memory (the samples score, rule
 * tests): feed it every event in time order; it returns what hunt finds on that event — the
 * rules' findings, then those of the stateful analytics on the events they may act on.
 * @example
 * const observe = startObserver(loadDetector());
 * for (const event of events) for (const finding of observe(event)) console.log(finding.rule.id);
 */
export function startObserver(detector: Detector): (event: NormalizedEvent) => Finding[] {
  const analytics = detector.startAnalytics();
  return (event) => {
    const findings: Finding[] = [];
    detector.detect(event, (finding) => findings.push(finding));
    if (!detector.needsForAnalytics(event)) return findings;
    return [...findings, ...analytics(event, findings)];
  };
}
