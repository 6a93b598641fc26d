/**
 * The detect use case: the Sigma rule pack and the stateful analytics over one ordered event
 * stream, producing findings. `hunt`, `rules test`, the samples benchmark and the server all
 * go through it.
 * @module
 */
import type { Analytic } from './analytics/analytic.js';
import { ANALYTICS } from './analytics/catalogue.js';
import type { Finding } from './finding.js';
import type { NormalizedEvent } from './ingest/event.js';
import { type Allowlist, loadAllowlist } from './rules/allowlist.js';
import { RulePack } from './rules/rule-pack.js';

export interface DetectorOptions {
  readonly paths?: readonly string[];
  readonly allowlist?: Allowlist;
  /** Run the stateful analytics (CW-005, CW-007, ...) too (default true). */
  readonly analytics?: boolean;
}

/** One run's detector: feed it every event in time order. */
export class Detector {
  readonly pack: RulePack;
  readonly analytics: readonly Analytic[];

  constructor(options: DetectorOptions = {}) {
    const allowlist = options.allowlist ?? loadAllowlist();
    this.pack = RulePack.load({ ...options, allowlist });
    this.analytics =
      options.analytics === false
        ? []
        : ANALYTICS.map((definition) => definition.create({ allowlist }));
  }

  /** Every finding the event produces, rule matches first. */
  observe(event: NormalizedEvent): Finding[] {
    const matches = this.pack.match(event);
    const findings = [...matches];
    for (const analytic of this.analytics) findings.push(...analytic.observe(event, matches));
    return findings;
  }
}
