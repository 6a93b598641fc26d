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
import { CronwardenError, type Issue } from '../errors.js';
import type { Finding } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { Logsource } from '../logsource.js';
import type { RuleInfo } from '../report/report.js';
import { loadAllowlist } from '../rules/allowlist.js';
import { type LoadedRule, loadRules, PACK_DIRECTORY } from '../rules/load-rules.js';
import { matchToFinding } from '../rules/to-finding.js';
import type { SigmaRule } from '../sigma/ast.js';
import { logsourceAccepts, SigmaEngine } from '../sigma/engine/sigma-engine.js';
import { applyPipelines, chainPipelines } from '../sigma/pipeline/apply.js';
import { parsePipelineText } from '../sigma/pipeline/parse.js';
import type { Pipeline } from '../sigma/pipeline/types.js';
import { ANALYTIC_SCOPES } from './analytic-scopes.js';
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
  /**
   * Per routed rule and scoped analytic, the literals a raw record of this logsource must
   * hold for it to act, as an AND of ORs (`literals.ts`); undefined when one of them has
   * no requirement (then nothing may be skipped).
   */
  requirementsFor(logsource: Logsource): LineRequirement[] | undefined;
  /** Runs every routed rule on `event`; calls `emit` per finding, in rule order. */
  detect(event: NormalizedEvent, emit: (finding: Finding) => void): void;
  /** Whether a stateful analytic may act on `event` (such events are kept, in order). */
  needsForAnalytics(event: NormalizedEvent): boolean;
  /** A fresh set of the pack's stateful analytics; feed it the kept events in time order. */
  /**
   * Fresh analytic state for one run. The returned function takes an event and the rule
   * findings on that same record (CW-014 marks a CronJob flagged from them).
   */
  startAnalytics(): ObserveEvent;
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
  const loaded = [...pack.rules, ...userRules];
  const { engine, issues: compileIssues } = SigmaEngine.fromRules(loaded.map((l) => l.rule));
  issues.push(...compileIssues);
  const byRule = new Map<SigmaRule, LoadedRule>(loaded.map((entry) => [entry.rule, entry]));
  const requirementCache = new Map<SigmaRule, LineRequirement>();
  const rules = engine.rules.flatMap((compiled) => {
    const entry = byRule.get(compiled.rule);
    return entry ? [ruleInfo(entry)] : [];
  });

  const analytics = ANALYTICS;
  const scopes = analytics.map((analytic) => ANALYTIC_SCOPES[analytic.meta.id]);
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

  const requirementsFor = (logsource: Logsource): LineRequirement[] | undefined => {
    const requirements: LineRequirement[] = [];
    if (analytics.length > 0 && logsource.product === 'kubernetes') {
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
    rules,
    issues,
    needsForAnalytics(event) {
      if (!isScoped) return analytics.length > 0;
      for (const scope of scopes) if (scope?.accepts(event)) return true;
      return false;
    },
    startAnalytics() {
      const running = analytics.map((analytic) => analytic.create({ allowlist }));
      return (event, findings) => running.flatMap((analytic) => analytic.observe(event, findings));
    },
    literalsFor(logsource) {
      const requirements = requirementsFor(logsource);
      if (requirements === undefined) return undefined;
      // The most selective clause of each (simplify orders them so).
      return [...new Set(requirements.flatMap((requirement) => requirement[0] ?? []))];
    },
    requirementsFor,
    detect(event, emit) {
      const matches = engine.match(event.data, event.logsource);
      for (const match of matches) {
        const entry = byRule.get(match.rule.rule);
        if (entry) emit(matchToFinding(match, entry, event));
      }
    },
  };
}
