/**
 * The detector `hunt` runs on every event: the built-in pack and the user's Sigma rules,
 * compiled once into a `SigmaEngine`, turning matches into findings. It also answers the
 * prefilter's question — which literals must a raw line hold for any rule to match — from
 * the compiled rules' candidate-index requirements. Loading is synchronous so a worker
 * thread builds its own copy from the same options.
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
import { logsourceAccepts, SigmaEngine } from '../sigma/engine/sigma-engine.js';
import { applyPipelines, chainPipelines } from '../sigma/pipeline/apply.js';
import { parsePipelineText } from '../sigma/pipeline/parse.js';
import type { Pipeline } from '../sigma/pipeline/types.js';
import { ANALYTIC_SCOPES, BASELINE_SCOPE, LINEAGE_SCOPE } from './analytic-scopes.js';
import { ruleLiterals } from './literals.js';

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
  /** Every rule that compiled, as reports list them. */
  readonly rules: readonly RuleInfo[];
  /** Problems met while loading rules (bad YAML, rules that cannot run). */
  readonly issues: readonly Issue[];
  /**
   * Lowercased literals of which a raw record of this logsource must contain one for any
   * rule to match, or undefined when some routed rule has no such requirement.
   */
  literalsFor(logsource: Logsource): string[] | undefined;
  /** Runs every routed rule on `event`; calls `emit` per finding, in rule order. */
  detect(event: NormalizedEvent, emit: (finding: Finding) => void): void;
  /** Whether a stateful analytic may act on `event` (such events are kept, in order). */
  needsForAnalytics(event: NormalizedEvent): boolean;
  /**
   * Fresh analytic state for one run; feed it the kept events in time order. The returned
   * function takes an event and the rule findings on that same record (CW-014 marks a CronJob
   * flagged from them).
   */
  startAnalytics(start?: AnalyticsStart): ObserveEvent;
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

/**
 * Loads the allow-list and the rules, resolves placeholders and compiles the rules. Rule
 * files that fail to parse or compile become issues; a missing rule path throws `CW_IO`.
 */
export function loadDetector(options: DetectorOptions = {}): Detector {
  const allowlist = loadAllowlist(options.allowlist);
  const pack = loadRules(options.rules ?? builtinRuleDirs(), allowlist);
  const user = loadRules(options.sigma ?? [], allowlist);
  const issues: Issue[] = [...pack.issues, ...user.issues];
  // Correlation and filter documents need the rule-set engine (sigma/ruleset.ts), which hunt
  // does not drive yet: say so for each one rather than skip it silently.
  const skippedKinds = [
    ...[...pack.correlations, ...user.correlations].map((document) => ({
      kind: 'correlation',
      document,
    })),
    ...[...pack.filters, ...user.filters].map((document) => ({ kind: 'filter', document })),
  ];
  for (const { kind, document } of skippedKinds) {
    issues.push({
      code: 'CW_SIGMA_DOCUMENT_KIND',
      severity: 'warning',
      message: `${kind} document "${document.title ?? document.id ?? '?'}" is not run by hunt yet; only detection rules are`,
      location: document.location,
    });
  }
  let userRules = user.rules;
  if (options.pipelines?.length) {
    const chain = loadPipelineChain(options.pipelines);
    userRules = userRules.flatMap((entry) => {
      const applied = applyPipelines(entry.rule, chain);
      issues.push(...applied.issues);
      return applied.rule ? [{ ...entry, rule: applied.rule }] : [];
    });
  }
  return detectorFromRules([...pack.rules, ...userRules], allowlist, issues, {
    baseline: options.baseline !== undefined,
  });
}

/**
 * The detector over rules already loaded (`loadRules`): compiles them into one engine and adds
 * the pack's stateful analytics; its issues are `loadIssues`, then the compile problems.
 * `loadDetector` ends here; `rules test` calls it to compile each rule on its own. With
 * `baseline`, the CW-BL rules and their scope are added (the model comes to `startAnalytics`).
 */
export function detectorFromRules(
  loaded: readonly LoadedRule[],
  allowlist: Allowlist,
  loadIssues: readonly Issue[] = [],
  options: { readonly baseline?: boolean } = {},
): Detector {
  const issues: Issue[] = [...loadIssues];
  const { engine, issues: compileIssues } = SigmaEngine.fromRules(loaded.map((l) => l.rule));
  issues.push(...compileIssues);
  const byRule = new Map<SigmaRule, LoadedRule>(loaded.map((entry) => [entry.rule, entry]));
  const literalCache = new Map<SigmaRule, readonly string[] | undefined>();
  const rules = engine.rules.flatMap((compiled) => {
    const entry = byRule.get(compiled.rule);
    return entry ? [ruleInfo(entry)] : [];
  });

  const analytics = ANALYTICS;
  // Lineage (incidents) reads its own events beside the analytics'.
  const scopes = [...analytics.map((analytic) => ANALYTIC_SCOPES[analytic.meta.id]), LINEAGE_SCOPE];
  if (options.baseline) scopes.push(BASELINE_SCOPE);
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
  if (options.baseline) {
    rules.push(...BASELINE_RULES);
  }

  return {
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
    literalsFor(logsource) {
      const literals = new Set<string>();
      if (logsource.product === 'kubernetes') {
        if (!isScoped) return undefined;
        for (const scope of scopes)
          for (const literal of scope?.literals ?? []) literals.add(literal);
      }
      for (const compiled of engine.rules) {
        if (!logsourceAccepts(compiled.logsource, logsource)) continue;
        const set = literalCache.get(compiled.rule) ?? ruleLiterals(compiled.rule);
        literalCache.set(compiled.rule, set);
        if (set === undefined) return undefined;
        for (const literal of set) literals.add(literal);
      }
      return [...literals];
    },
    detect(event, emit) {
      const matches = engine.match(event.data, event.logsource);
      for (const match of matches) {
        const entry = byRule.get(match.rule.rule);
        if (entry) emit(matchToFinding(match, entry, event));
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
