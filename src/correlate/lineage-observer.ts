/**
 * The lineage observer a hunt (or any caller with events and findings) drives: feed it the
 * events in any order, then hand it the run's findings to get incidents. It keeps only small
 * facts (`facts.ts`), never the events.
 * @module
 */
import { compileKnownPrincipal } from '../analytics/principals.js';
import type { Finding } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { Allowlist } from '../rules/allowlist.js';
import { buildIncidents, type CorrelateOptions, type Correlation } from './build-incidents.js';
import { isKubectlImage, readClientFact } from './client-commands.js';
import { readEndpointFact } from './endpoint-facts.js';
import { LineageGraph, type ResolvedLineage } from './lineage-graph.js';
import { readObjectFact } from './object-facts.js';

/** Lowercased literals every audit record lineage reads contains (`objectRef.resource`). */
export const LINEAGE_LITERALS: readonly string[] = ['jobs', 'pods'];

/** The audit verbs lineage reads (a delete ends a link; reads prove none). */
export const LINEAGE_VERBS: readonly string[] = ['create', 'update', 'patch', 'delete'];

const LINEAGE_RESOURCES = new Set(['cronjobs', 'jobs', 'pods']);
const WRITE_VERBS = new Set(LINEAGE_VERBS);

/**
 * True for every event lineage may read: Kubernetes audit writes of CronJobs, Jobs and Pods,
 * events carrying a workload identity (`PodName`, `PodUid`, `ContainerId`), and kubectl/oc
 * process events. Used as the
 * hunt's analytic scope, so it must never be narrower than `observe` (reads, the bulk of an
 * audit log, are left out: they prove no link).
 */
export function isLineageEvent(event: NormalizedEvent): boolean {
  const data = event.data;
  if (data.PodName !== undefined || data.PodUid !== undefined || data.ContainerId !== undefined)
    return true;
  if (typeof data.Image === 'string' && isKubectlImage(data.Image)) return true;
  const ref = data.objectRef;
  if (typeof ref !== 'object' || ref === null || !WRITE_VERBS.has(data.verb as string))
    return false;
  return LINEAGE_RESOURCES.has((ref as Record<string, unknown>).resource as string);
}

/**
 * Collects lineage facts from events (any order, any mix of audit and endpoint sources) and
 * groups findings into incidents over them.
 *
 * @example
 * const lineage = new LineageObserver(loadAllowlist());
 * for await (const event of readEvents(['audit.log', 'falco.jsonl'])) lineage.observe(event);
 * const { findings, incidents } = lineage.correlate(myFindings);
 */
export class LineageObserver {
  readonly #graph = new LineageGraph();
  readonly #isKnownPrincipal: (username: string) => boolean;

  /** `allowlist`: the controllers and platform identities that are never an incident's actor. */
  constructor(allowlist: Allowlist) {
    this.#isKnownPrincipal = compileKnownPrincipal(allowlist);
  }

  /** Records the lineage facts of one event (events lineage cannot use are ignored). */
  observe(event: NormalizedEvent): void {
    if (!isLineageEvent(event)) return;
    const fact =
      readObjectFact(event, this.#isKnownPrincipal) ??
      readEndpointFact(event) ??
      readClientFact(event);
    if (fact !== undefined) this.#graph.add(fact);
  }

  observeAll(events: Iterable<NormalizedEvent>): void {
    for (const event of events) this.observe(event);
  }

  /** Facts kept so far. */
  get facts(): number {
    return this.#graph.size;
  }

  /** The graph of everything observed so far. */
  resolve(): ResolvedLineage {
    return this.#graph.resolve();
  }

  /** Groups `findings` into incidents over everything observed so far. */
  correlate(findings: readonly Finding[], options: CorrelateOptions = {}): Correlation {
    return buildIncidents(this.resolve(), findings, options);
  }
}
