/**
 * A loaded, compiled rule set (the pack plus any user Sigma rules) that turns events into
 * findings.
 * @module
 */
import type { Issue } from '../errors.js';
import type { Finding } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { SigmaRule } from '../sigma/ast.js';
import { SigmaEngine } from '../sigma/engine/sigma-engine.js';
import { type Allowlist, loadAllowlist } from './allowlist.js';
import { type LoadedRule, loadRules, PACK_DIRECTORY } from './load-rules.js';
import { matchToFinding } from './to-finding.js';

export interface RulePackOptions {
  /** Rule files or folders (default: the built-in pack folder). */
  readonly paths?: readonly string[];
  /** Default: the packaged `rules/allowlist.yml`. */
  readonly allowlist?: Allowlist;
}

export class RulePack {
  readonly engine: SigmaEngine;
  readonly rules: readonly LoadedRule[];
  /** Problems met while loading and compiling (rules with errors are left out). */
  readonly issues: readonly Issue[];
  readonly #byRule: Map<SigmaRule, LoadedRule>;

  private constructor(rules: readonly LoadedRule[], engine: SigmaEngine, issues: readonly Issue[]) {
    this.rules = rules;
    this.engine = engine;
    this.issues = issues;
    this.#byRule = new Map(rules.map((loaded) => [loaded.rule, loaded]));
  }

  /**
   * Loads and compiles rules.
   * @example
   * const pack = RulePack.load();
   * for (const finding of pack.match(event)) console.log(finding.rule.id, finding.message);
   */
  static load(options: RulePackOptions = {}): RulePack {
    const allowlist = options.allowlist ?? loadAllowlist();
    const set = loadRules(options.paths ?? [PACK_DIRECTORY], allowlist);
    const { engine, issues } = SigmaEngine.fromRules(set.rules.map((loaded) => loaded.rule));
    return new RulePack(set.rules, engine, [...set.issues, ...issues]);
  }

  /** Findings of every rule that matches the event (never throws). */
  match(event: NormalizedEvent): Finding[] {
    const findings: Finding[] = [];
    for (const match of this.engine.match(event.data, event.logsource)) {
      const loaded = this.#byRule.get(match.rule.rule);
      if (loaded) findings.push(matchToFinding(match, loaded, event));
    }
    return findings;
  }
}
