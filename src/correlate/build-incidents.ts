/**
 * Groups findings into incidents along the lineage graph. A finding is placed on the node of
 * its record (the audit write, the endpoint event) or, failing that, on the node of the
 * object it names; its incident is the node's root — a CronJob, or a Job or Pod that nothing
 * owns (a Deployment's or DaemonSet's pod is never a root). Rules:
 * - an incident is opened for a root only when at least one of its findings is at or above
 *   `minLevel` (default `medium`): inventory-level findings alone (a CI image bump, `low`)
 *   do not make an incident, and their findings stay unattached;
 * - one finding can make an incident, because its root is a real object (a privileged
 *   CronJob created by hand is an incident even before it runs);
 * - findings that reach no CronJob/Job/Pod (Activity Log writes, kubectl on a workstation,
 *   a manifest written on a node by a host process) stay unattached.
 * The chain shown is the path from the root to the deepest node carrying a finding (ties:
 * the higher level, then the earlier time); the other runs are counted in the title.
 * @module
 */
import { type Finding, type FindingObject, type Level, levelRank } from '../finding.js';
import { type ChainLink, type Incident, MAX_OTHER_CHAINS } from '../incident.js';
import { recordKeyOf } from './facts.js';
import { incidentId } from './incident-id.js';
import type { LineageNode, ResolvedLineage } from './lineage-graph.js';

export interface CorrelateOptions {
  /** Lowest finding level that opens an incident (default `medium`). */
  readonly minLevel?: Level;
}

/** The findings (those in an incident carry its id in `incident`) and the incidents. */
export interface Correlation {
  readonly findings: Finding[];
  readonly incidents: Incident[];
}

const ROOT_KINDS = new Set(['CronJob', 'Job', 'Pod']);
const OBJECT_KINDS = new Set(['CronJob', 'Job', 'Pod']);

function matchesObject(node: LineageNode, object: FindingObject | undefined): boolean {
  return (
    object !== undefined &&
    node.kind === object.kind &&
    node.name === object.name &&
    (node.namespace ?? '') === (object.namespace ?? '')
  );
}

/** The node a finding is about, or undefined when it is not in the graph. */
export function nodeOfFinding(lineage: ResolvedLineage, finding: Finding): LineageNode | undefined {
  const candidates = finding.origin ? lineage.byRecord.get(recordKeyOf(finding.origin)) : undefined;
  if (candidates && candidates.length > 0) {
    return (
      candidates.find((node) => matchesObject(node, finding.object)) ??
      (finding.object === undefined ? candidates[0] : undefined) ??
      candidates.find((node) => !OBJECT_KINDS.has(node.kind))
    );
  }
  const object = finding.object;
  if (object === undefined || !OBJECT_KINDS.has(object.kind)) return undefined;
  return lineage.objectNode(object.kind, object.namespace ?? '', object.name);
}

/** The node's topmost ancestor (guarded against cycles in hostile data). */
export function rootOf(node: LineageNode): LineageNode {
  let current = node;
  const seen = new Set<LineageNode>([node]);
  while (current.parent !== undefined && !seen.has(current.parent)) {
    current = current.parent;
    seen.add(current);
  }
  return current;
}

function depthOf(node: LineageNode): number {
  let depth = 0;
  for (let n = node.parent; n !== undefined && depth < 16; n = n.parent) depth += 1;
  return depth;
}

function pathOf(node: LineageNode): LineageNode[] {
  const path: LineageNode[] = [];
  const seen = new Set<LineageNode>();
  for (let n: LineageNode | undefined = node; n !== undefined && !seen.has(n); n = n.parent) {
    seen.add(n);
    path.push(n);
  }
  return path.reverse();
}

/** The link's fact, and for every link below the root the evidence that joined it. */
function toLink(node: LineageNode): ChainLink {
  const isObject = OBJECT_KINDS.has(node.kind);
  const evidence = node.linkedBy ? `[linked by ${node.linkedBy}]` : undefined;
  const detail = [node.detail, evidence].filter((part) => part !== undefined).join(' ');
  return {
    kind: node.kind,
    name: node.name,
    ...(isObject && node.namespace !== undefined ? { namespace: node.namespace } : {}),
    ...(node.uid ? { uid: node.uid } : {}),
    ...(Number.isFinite(node.timeMs) ? { time: new Date(node.timeMs).toISOString() } : {}),
    ...(node.origin ? { origin: node.origin } : {}),
    ...(detail ? { detail } : {}),
  };
}

interface Group {
  readonly root: LineageNode;
  readonly findings: Array<{ finding: Finding; node: LineageNode }>;
}

function highest(findings: readonly Finding[]): Level {
  let best: Level = 'informational';
  for (const f of findings) if (levelRank(f.level) > levelRank(best)) best = f.level;
  return best;
}

function timeRange(group: Group): { firstSeen: string; lastSeen: string } {
  const times = [
    ...group.findings.map((entry) => Date.parse(entry.finding.time)),
    ...[group.root.createdBy, group.root.lastChangedBy].map((a) => (a ? Date.parse(a.time) : NaN)),
  ].filter(Number.isFinite);
  if (times.length === 0) return { firstSeen: '', lastSeen: '' };
  return {
    firstSeen: new Date(Math.min(...times)).toISOString(),
    lastSeen: new Date(Math.max(...times)).toISOString(),
  };
}

/** Descendants of every root, counted by kind, in one pass over the graph. */
function countDescendants(lineage: ResolvedLineage): Map<LineageNode, Map<string, number>> {
  const byRoot = new Map<LineageNode, Map<string, number>>();
  const rootCache = new Map<LineageNode, LineageNode>();
  const cachedRoot = (node: LineageNode): LineageNode => {
    const known = rootCache.get(node);
    if (known !== undefined) return known;
    const parent = node.parent;
    // Parent chains are at most six links (CronJob → … → file); cycles end at rootOf.
    const root = parent === undefined ? node : (rootCache.get(parent) ?? rootOf(node));
    rootCache.set(node, root);
    return root;
  };
  for (const node of lineage.nodes.values()) {
    const root = cachedRoot(node);
    if (root === node) continue;
    const counts = byRoot.get(root) ?? new Map<string, number>();
    byRoot.set(root, counts);
    counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
  }
  return byRoot;
}

/** `2 Jobs, 2 Pods, 1 container` for the title. */
function describeCounts(counts: ReadonlyMap<string, number> | undefined): string {
  if (counts === undefined) return '';
  const plural = (kind: string, n: number) =>
    `${n} ${kind === 'process' && n > 1 ? 'processes' : n > 1 ? `${kind}s` : kind}`;
  return ['Job', 'Pod', 'container', 'process', 'file']
    .filter((kind) => counts.has(kind))
    .map((kind) => plural(kind, counts.get(kind) ?? 0))
    .join(', ');
}

function pickLeaf(group: Group): LineageNode {
  let best = group.findings[0] as Group['findings'][number]; // groups are never empty
  for (const entry of group.findings) {
    const byDepth = depthOf(entry.node) - depthOf(best.node);
    const byLevel = levelRank(entry.finding.level) - levelRank(best.finding.level);
    const byTime = Date.parse(best.finding.time) - Date.parse(entry.finding.time);
    if (byDepth > 0 || (byDepth === 0 && (byLevel > 0 || (byLevel === 0 && byTime > 0))))
      best = entry;
  }
  return best.node;
}

/**
 * The other finding nodes that no finding node lies below (the ends of the other branches),
 * earliest first, without the primary leaf and its ancestors.
 */
function otherLeaves(group: Group, primary: LineageNode): LineageNode[] {
  const nodes = [...new Set(group.findings.map((entry) => entry.node))];
  const covered = new Set<LineageNode>(pathOf(primary));
  for (const node of nodes) for (const n of pathOf(node).slice(0, -1)) covered.add(n);
  return nodes
    .filter((node) => !covered.has(node))
    .sort((a, b) => (a.timeMs || 0) - (b.timeMs || 0) || (a.key < b.key ? -1 : 1));
}

function toIncident(group: Group, counted: ReadonlyMap<string, number> | undefined): Incident {
  const { root } = group;
  const findings = group.findings.map((entry) => entry.finding);
  const level = highest(findings);
  const top = findings.find((f) => f.level === level) ?? findings[0];
  const rootObject: FindingObject = {
    kind: root.kind,
    ...(root.namespace ? { namespace: root.namespace } : {}),
    name: root.name,
  };
  const label = `${root.kind} ${root.namespace ? `${root.namespace}/` : ''}${root.name}`;
  const counts = describeCounts(counted);
  const rules = [...new Set(findings.map((f) => f.rule.id))].sort();
  const tags = [...new Set(findings.flatMap((f) => f.tags))].sort();
  const lastChangedBy = root.lastChangedBy;
  const leaf = pickLeaf(group);
  const others = otherLeaves(group, leaf);
  return {
    id: incidentId(root),
    title: `${label}: ${top?.rule.title ?? 'findings'}${counts ? ` (${counts})` : ''}`,
    level,
    ...timeRange(group),
    root: rootObject,
    chain: pathOf(leaf).map(toLink),
    ...(others.length > 0
      ? { otherChains: others.slice(0, MAX_OTHER_CHAINS).map((n) => pathOf(n).map(toLink)) }
      : {}),
    ...(root.createdBy ? { createdBy: root.createdBy } : {}),
    ...(lastChangedBy ? { lastChangedBy } : {}),
    rules,
    tags,
  };
}

/**
 * Attaches findings to incidents. Returns the findings in the same order (those in an
 * incident copied with `incident` set) and the incidents, highest level first, then by first
 * record time and id.
 */
export function buildIncidents(
  lineage: ResolvedLineage,
  findings: readonly Finding[],
  options: CorrelateOptions = {},
): Correlation {
  const minRank = levelRank(options.minLevel ?? 'medium');
  const groups = new Map<string, Group>();
  const rootByFinding = new Map<Finding, LineageNode>();
  for (const finding of findings) {
    const node = nodeOfFinding(lineage, finding);
    if (node === undefined) continue;
    const root = rootOf(node);
    // Roots are scheduled work, or an object nobody else owns (a bare `kubectl run` pod).
    if (!ROOT_KINDS.has(root.kind) || root.foreignOwner !== undefined) continue;
    const group = groups.get(root.key) ?? { root, findings: [] };
    groups.set(root.key, group);
    group.findings.push({ finding, node });
    rootByFinding.set(finding, root);
  }
  const incidents: Incident[] = [];
  const idByRoot = new Map<LineageNode, string>();
  const open = [...groups.values()].filter((group) =>
    group.findings.some((entry) => levelRank(entry.finding.level) >= minRank),
  );
  const counts = open.length > 0 ? countDescendants(lineage) : new Map();
  for (const group of open) {
    const incident = toIncident(group, counts.get(group.root));
    incidents.push(incident);
    idByRoot.set(group.root, incident.id);
  }
  incidents.sort(
    (a, b) =>
      levelRank(b.level) - levelRank(a.level) ||
      a.firstSeen.localeCompare(b.firstSeen) ||
      a.id.localeCompare(b.id),
  );
  const attached = findings.map((finding) => {
    const root = rootByFinding.get(finding);
    const id = root === undefined ? undefined : idByRoot.get(root);
    return id === undefined ? finding : { ...finding, incident: id };
  });
  return { findings: attached, incidents };
}
