/**
 * The escalation graph: nodes are principals (and positions such as "holder of role R in N"),
 * edges are the steps in `edges/`. Capabilities and edges of a node are computed once and
 * cached, so many searches over one cluster share the work. Searches are breadth-first, so
 * every path found is a shortest one (fewest steps).
 * @module
 */
import type { Authorizer } from '../authorizer.js';
import type { Grant } from '../grant.js';
import { resourceRequest } from '../rule-match.js';
import { type Capabilities, capabilitiesOf } from './capabilities.js';
import { buildModelIndex, type EscalationEdge, type ModelIndex } from './edge.js';
import { EDGE_RULES } from './edges/index.js';
import { type EscalationNode, nodeKey } from './node.js';

/** What a search looks for. */
export type EscalationTarget =
  | { readonly kind: 'cluster-admin' }
  | { readonly kind: 'cronjobs'; readonly namespace: string };

export function targetKey(target: EscalationTarget): string {
  return target.kind === 'cluster-admin' ? 'cluster-admin' : `cronjobs:${target.namespace}`;
}

export function formatTarget(target: EscalationTarget): string {
  return target.kind === 'cluster-admin'
    ? 'cluster-admin equivalent'
    : `create CronJobs in ${target.namespace}`;
}

export interface PathStep {
  readonly from: EscalationNode;
  readonly edge: EscalationEdge;
}

export interface EscalationPath {
  readonly target: EscalationTarget;
  readonly start: EscalationNode;
  /** Empty when the start already satisfies the target. */
  readonly steps: readonly PathStep[];
  /** The node that satisfies the target. */
  readonly end: EscalationNode;
  /** Why `end` satisfies it: the grant (or `superuser`). */
  readonly proof: Proof;
}

/** Why a node satisfies a target: a grant, or membership of `system:masters`. */
export type Proof = Grant | 'superuser';

/** What one node satisfies without any step. */
export interface NodeSummary {
  readonly admin: Proof | undefined;
  /** Set when a cluster-wide grant allows creating CronJobs in every namespace. */
  readonly cronAll: Proof | undefined;
  readonly cron: ReadonlyMap<string, Proof>;
}

/** A namespace name no cluster has (names are DNS labels), to ask namespace-free questions. */
const CRON_PROBE = '<any namespace>';

/** Upper bound on nodes a single search visits (a safety net for pathological inputs). */
const MAX_VISITED = 200_000;

/** One step that reaches a choice node, followed by the free hop to the chosen account. */
export function mergeChoice(step: EscalationEdge, choice: EscalationEdge): EscalationEdge {
  return {
    kind: step.kind,
    to: choice.to,
    summary: `${step.summary}, ${choice.summary}`,
    evidence: step.evidence,
  };
}

export class EscalationGraph {
  readonly authorizer: Authorizer;
  readonly index: ModelIndex;
  readonly #caps = new Map<string, Capabilities>();
  readonly #edges = new Map<string, readonly EscalationEdge[]>();
  readonly #summaries = new Map<string, NodeSummary>();

  constructor(authorizer: Authorizer) {
    this.authorizer = authorizer;
    this.index = buildModelIndex(authorizer.model);
  }

  capabilities(node: EscalationNode): Capabilities {
    const key = nodeKey(node);
    let caps = this.#caps.get(key);
    if (!caps) {
      caps = capabilitiesOf(node, this.authorizer);
      this.#caps.set(key, caps);
    }
    return caps;
  }

  edges(node: EscalationNode): readonly EscalationEdge[] {
    const key = nodeKey(node);
    const cached = this.#edges.get(key);
    if (cached) return cached;
    const caps = this.capabilities(node);
    const namespaces = caps.hasClusterGrants
      ? this.index.allNamespaces
      : [...caps.namespaces].sort();
    const context = { node, caps, model: this.authorizer.model, namespaces, index: this.index };
    const edges: EscalationEdge[] = [];
    const seen = new Set<string>();
    for (const rule of EDGE_RULES) {
      for (const edge of rule.edges(context)) {
        const to = nodeKey(edge.to);
        if (to === key || seen.has(to)) continue; // keep the first (catalogue order) per target
        seen.add(to);
        edges.push(edge);
      }
    }
    this.#edges.set(key, edges);
    return edges;
  }

  /** What the node satisfies by itself (no step): cluster-admin, CronJob creation per namespace. */
  summary(node: EscalationNode): NodeSummary {
    const key = nodeKey(node);
    let summary = this.#summaries.get(key);
    if (summary) return summary;
    const caps = this.capabilities(node);
    if (caps.superuser) {
      summary = { admin: 'superuser', cronAll: 'superuser', cron: new Map() };
    } else {
      const cron = new Map<string, Proof>();
      for (const namespace of caps.namespaces) {
        const grant = caps.can('create', 'batch', 'cronjobs', namespace);
        if (grant) cron.set(namespace, grant);
      }
      summary = {
        admin: caps.clusterWildcard(),
        cronAll: caps.findClusterWide(resourceRequest('create', 'batch', 'cronjobs', CRON_PROBE)),
        cron,
      };
    }
    this.#summaries.set(key, summary);
    return summary;
  }

  /** Does the node satisfy the target, and by which grant? */
  satisfies(node: EscalationNode, target: EscalationTarget): Proof | undefined {
    const summary = this.summary(node);
    if (target.kind === 'cluster-admin') return summary.admin;
    return summary.cronAll ?? summary.cron.get(target.namespace);
  }

  /** Breadth-first search from `start`; one shortest path per reachable target. */
  shortestPaths(start: EscalationNode, targets: readonly EscalationTarget[]): EscalationPath[] {
    const found = new Map<string, EscalationPath>();
    const parents = new Map<string, PathStep | null>([[nodeKey(start), null]]);
    const queue: EscalationNode[] = [start];
    for (let head = 0; head < queue.length && found.size < targets.length; head++) {
      const node = queue[head] as EscalationNode; // head < queue.length
      for (const target of targets) {
        const key = targetKey(target);
        if (found.has(key)) continue;
        const proof = this.satisfies(node, target);
        if (proof)
          found.set(key, { target, start, steps: this.#trace(parents, node), end: node, proof });
      }
      if (parents.size > MAX_VISITED) break;
      for (const edge of this.edges(node)) {
        const key = nodeKey(edge.to);
        if (parents.has(key)) continue;
        parents.set(key, { from: node, edge });
        if (edge.to.kind !== 'accounts') {
          queue.push(edge.to);
          continue;
        }
        // A choice node: its accounts are reached by this same step (the hop is free).
        for (const choice of this.edges(edge.to)) {
          const account = nodeKey(choice.to);
          if (parents.has(account)) continue;
          parents.set(account, { from: node, edge: mergeChoice(edge, choice) });
          queue.push(choice.to);
        }
      }
    }
    return targets.flatMap((target) => found.get(targetKey(target)) ?? []);
  }

  #trace(parents: ReadonlyMap<string, PathStep | null>, end: EscalationNode): PathStep[] {
    const steps: PathStep[] = [];
    let step = parents.get(nodeKey(end));
    while (step) {
      steps.push(step);
      step = parents.get(nodeKey(step.from));
    }
    return steps.reverse();
  }
}
