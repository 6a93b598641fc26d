/**
 * Stateful detections of the pack that a single-event Sigma rule cannot express: they keep
 * state across events (the last known CronJob, what was seen before, pending RBAC grants)
 * and emit the common finding shape (`src/finding.ts`). Events must arrive in time order.
 * @module
 */
import type { Finding, Level, RuleSource } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { Allowlist } from '../rules/allowlist.js';

/** What a finding of an analytic says about its rule. */
export interface AnalyticMeta {
  /** The pack id (`CW-005`). */
  readonly id: string;
  readonly title: string;
  readonly level: Level;
  readonly tags: readonly string[];
  readonly source: Extract<RuleSource, 'pack' | 'correlation'>;
  readonly description: string;
  readonly falsepositives: readonly string[];
}

/** One run's instance: fed every event in order, never throws on odd events. */
export interface Analytic {
  readonly meta: AnalyticMeta;
  /**
   * @param findings what the Sigma rules found on this same event (lineage marks CronJobs
   * and Jobs as flagged from them); analytics that do not need it ignore it.
   */
  observe(event: NormalizedEvent, findings?: readonly Finding[]): readonly Finding[];
}

/** Shared configuration of every analytic. */
export interface AnalyticContext {
  readonly allowlist: Allowlist;
}

/** A catalogue entry: metadata plus a factory for a fresh (empty-state) instance. */
export interface AnalyticDefinition {
  readonly meta: AnalyticMeta;
  create(context: AnalyticContext): Analytic;
}

export const T1053_007_TAGS = ['attack.execution', 'attack.persistence', 'attack.t1053.007'];
