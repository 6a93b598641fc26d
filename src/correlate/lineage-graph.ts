/**
 * The lineage graph: CronJob → Job → Pod → container → process → file, resolved from the
 * facts of a whole run. Links, strongest first:
 * - Job → CronJob: `ownerReferences` (by uid, else by name), else the `<cronjob>-<minutes>`
 *   name when that CronJob was seen;
 * - Pod → Job: `ownerReferences`, else the `controller-uid` label (the Job's uid), else the
 *   `job-name` label, else the `<job>-<5 chars>` name when that Job was seen;
 * - container → Pod: the kubelet's `pods/status` container ids, or an endpoint event naming
 *   both (Falco `container.id` + `k8s.pod.name`);
 * - process / file / connection → container or Pod: the endpoint event's `ContainerId` (full
 *   id or the 12-char prefix Falco and Docker print), `PodUid`, or `PodName` + `PodNamespace`.
 * Facts are sorted by time and record before resolving, so the graph is the same whatever
 * order the inputs were read in.
 * @module
 */
import type { FindingOrigin } from '../finding.js';
import type { ChainKind, IncidentActor } from '../incident.js';
import type { ClientFact, EndpointFact, LineageFact, ObjectFact, OwnerRef } from './facts.js';
import { jobNameOfPod, parseScheduledJobName } from './name-patterns.js';

/** One object or node-side thing in the graph. */
export interface LineageNode {
  readonly key: string;
  readonly kind: ChainKind;
  readonly name: string;
  readonly namespace?: string;
  uid: string | undefined;
  parent: LineageNode | undefined;
  /** How the link to the parent was made (`ownerReferences uid`, `job-name label`, …). */
  linkedBy: string | undefined;
  /** `ReplicaSet/web-7d9f8b6c5d` when a controller other than a CronJob/Job owns it. */
  foreignOwner: string | undefined;
  /** First time seen (creation, container or process start), epoch ms. */
  timeMs: number;
  origin: FindingOrigin | undefined;
  detail: string | undefined;
  createdBy: IncidentActor | undefined;
  lastChangedBy: IncidentActor | undefined;
  /** Every write by a non-controller principal, in time order (for client joins). */
  readonly writes: IncidentActor[];
}

/** The resolved graph and where each record landed in it. */
export interface ResolvedLineage {
  readonly nodes: ReadonlyMap<string, LineageNode>;
  /** Record key (`recordKeyOf`) → the nodes that record created or proved. */
  readonly byRecord: ReadonlyMap<string, readonly LineageNode[]>;
  /** The node of a Kubernetes object, when seen. */
  objectNode(kind: string, namespace: string, name: string): LineageNode | undefined;
}

const objectKey = (kind: string, namespace: string, name: string) =>
  `${kind}\0${namespace}\0${name}`;

/** How far apart a kubectl process and the audit record of its request may be. */
export const CLIENT_WINDOW_MS = 15 * 60_000;

const CLIENT_AGENT = /^(kubectl|oc)\//i;

function isClientWrite(write: IncidentActor, fact: ClientFact): boolean {
  const verb = write.verb === 'create' ? 'create' : write.verb === 'delete' ? 'delete' : 'change';
  if (verb !== fact.verb || !CLIENT_AGENT.test(write.userAgent ?? '')) return false;
  return Math.abs(Date.parse(write.time) - fact.timeMs) <= CLIENT_WINDOW_MS;
}

/** Short container ids (Docker, Falco) are the first 12 hex chars of the full id. */
const SHORT_ID = 12;

function byTimeThenRecord(a: LineageFact, b: LineageFact): number {
  const at = Number.isFinite(a.timeMs) ? a.timeMs : Number.POSITIVE_INFINITY;
  const bt = Number.isFinite(b.timeMs) ? b.timeMs : Number.POSITIVE_INFINITY;
  if (at !== bt) return at - bt;
  return a.recordKey < b.recordKey ? -1 : a.recordKey > b.recordKey ? 1 : 0;
}

/** Collects facts; `resolve()` builds the graph from all of them. */
export class LineageGraph {
  readonly #facts: LineageFact[] = [];

  add(fact: LineageFact): void {
    this.#facts.push(fact);
  }

  get size(): number {
    return this.#facts.length;
  }

  resolve(): ResolvedLineage {
    return new Resolver([...this.#facts].sort(byTimeThenRecord)).run();
  }
}

class Resolver {
  readonly nodes = new Map<string, LineageNode>();
  readonly byRecord = new Map<string, LineageNode[]>();
  readonly #byUid = new Map<string, LineageNode>();
  readonly #containers = new Map<string, LineageNode>();
  readonly #containersByName = new Map<string, LineageNode>();
  /** `kind\0name` → the objects of that kind and name, any namespace. */
  readonly #objectsByName = new Map<string, LineageNode[]>();
  readonly #born = new Set<LineageNode>();

  constructor(private readonly facts: readonly LineageFact[]) {}

  run(): ResolvedLineage {
    const objects = this.facts.filter((f): f is ObjectFact => f.type === 'object');
    for (const fact of objects) this.#mergeObject(fact);
    // Parents only once every object is known, so a later record can still be a parent.
    // Explicit evidence (owner references, labels) first, then controller-made names, so a
    // name never wins over an owner reference from a later record of the same object.
    const explicit = objects.filter((f) => f.owner || f.jobUid || f.jobName);
    const byName = objects.filter((f) => !(f.owner || f.jobUid || f.jobName));
    for (const kind of ['Job', 'Pod'] as const)
      for (const facts of [explicit, byName])
        for (const fact of facts) if (fact.kind === kind) this.#linkObject(fact);
    for (const fact of objects) for (const c of fact.containers) this.#container(fact, c);
    for (const fact of this.facts) {
      if (fact.type === 'endpoint') this.#placeEndpoint(fact);
      else if (fact.type === 'client') this.#placeClient(fact);
    }
    const nodes = this.nodes;
    return {
      nodes,
      byRecord: this.byRecord,
      objectNode: (kind, namespace, name) => nodes.get(objectKey(kind, namespace, name)),
    };
  }

  #node(key: string, kind: ChainKind, name: string, namespace: string | undefined): LineageNode {
    let node = this.nodes.get(key);
    if (node === undefined) {
      node = {
        key,
        kind,
        name,
        ...(namespace === undefined ? {} : { namespace }),
        uid: undefined,
        parent: undefined,
        linkedBy: undefined,
        foreignOwner: undefined,
        timeMs: Number.NaN,
        origin: undefined,
        detail: undefined,
        createdBy: undefined,
        lastChangedBy: undefined,
        writes: [],
      };
      this.nodes.set(key, node);
      if (kind === 'Pod' || kind === 'CronJob' || kind === 'Job') {
        const list = this.#objectsByName.get(`${kind}\0${name}`) ?? [];
        list.push(node);
        this.#objectsByName.set(`${kind}\0${name}`, list);
      }
    }
    return node;
  }

  #record(recordKey: string, node: LineageNode): void {
    const list = this.byRecord.get(recordKey);
    if (list === undefined) this.byRecord.set(recordKey, [node]);
    else if (!list.includes(node)) list.push(node);
  }

  /** The create record proves an object; otherwise the earliest record that names it. */
  #seen(node: LineageNode, timeMs: number, origin: FindingOrigin | undefined, isBirth: boolean) {
    if (isBirth && !this.#born.has(node)) {
      this.#born.add(node);
      node.timeMs = timeMs;
      node.origin = origin ?? node.origin;
      return;
    }
    if (this.#born.has(node)) return;
    if (Number.isNaN(node.timeMs) || timeMs < node.timeMs) {
      node.timeMs = timeMs;
      node.origin = origin ?? node.origin;
    } else node.origin ??= origin;
  }

  #mergeObject(fact: ObjectFact): void {
    const node = this.#node(
      objectKey(fact.kind, fact.namespace, fact.name),
      fact.kind,
      fact.name,
      fact.namespace,
    );
    if (fact.uid !== undefined && node.uid === undefined) {
      node.uid = fact.uid;
      this.#byUid.set(fact.uid, node);
    }
    this.#seen(node, fact.timeMs, fact.origin, fact.isCreate);
    if (fact.detail !== undefined) node.detail = fact.detail; // facts are in time order: latest wins
    if (fact.actor !== undefined) {
      if (fact.isCreate) node.createdBy ??= fact.actor;
      else node.lastChangedBy = fact.actor;
      node.writes.push(fact.actor);
    }
    this.#record(fact.recordKey, node);
  }

  #ownerNode(fact: ObjectFact, owner: OwnerRef, kind: 'CronJob' | 'Job'): LineageNode {
    const byUid = owner.uid === undefined ? undefined : this.#byUid.get(owner.uid);
    if (byUid !== undefined && byUid.kind === kind) return byUid;
    // An owner reference is authoritative: the owner exists even if its create is not logged.
    const node = this.#node(
      objectKey(kind, fact.namespace, owner.name),
      kind,
      owner.name,
      fact.namespace,
    );
    if (owner.uid !== undefined && node.uid === undefined) {
      node.uid = owner.uid;
      this.#byUid.set(owner.uid, node);
    }
    return node;
  }

  #linkObject(fact: ObjectFact): void {
    const node = this.nodes.get(objectKey(fact.kind, fact.namespace, fact.name));
    if (node === undefined || node.parent !== undefined) return;
    if (fact.owner !== undefined && fact.owner.kind !== 'CronJob' && fact.owner.kind !== 'Job') {
      // A Deployment's or DaemonSet's pod, a Job of some operator: not scheduled work.
      node.foreignOwner ??= `${fact.owner.kind}/${fact.owner.name}`;
      return;
    }
    const parentKind = fact.kind === 'Job' ? 'CronJob' : 'Job';
    const link = this.#parentOf(fact, parentKind);
    if (link === undefined || link.node === node) return;
    node.parent = link.node;
    node.linkedBy = link.by;
  }

  #parentOf(
    fact: ObjectFact,
    parentKind: 'CronJob' | 'Job',
  ): { node: LineageNode; by: string } | undefined {
    if (fact.owner?.kind === parentKind) {
      const by = fact.owner.uid === undefined ? 'ownerReferences name' : 'ownerReferences uid';
      return { node: this.#ownerNode(fact, fact.owner, parentKind), by };
    }
    if (fact.owner !== undefined) return undefined; // owned by something else (ReplicaSet, …)
    if (fact.kind === 'Pod') {
      const byUid = fact.jobUid === undefined ? undefined : this.#byUid.get(fact.jobUid);
      if (byUid?.kind === 'Job') return { node: byUid, by: 'controller-uid label' };
      if (fact.jobName !== undefined) {
        const owner = {
          kind: 'Job',
          name: fact.jobName,
          ...(fact.jobUid ? { uid: fact.jobUid } : {}),
        };
        return { node: this.#ownerNode(fact, owner, 'Job'), by: 'job-name label' };
      }
      const job = jobNameOfPod(fact.name);
      const known =
        job === undefined ? undefined : this.nodes.get(objectKey('Job', fact.namespace, job));
      return known ? { node: known, by: 'pod name <job>-<suffix>' } : undefined;
    }
    const scheduled = parseScheduledJobName(fact.name);
    const cron =
      scheduled && this.nodes.get(objectKey('CronJob', fact.namespace, scheduled.cronJob));
    return cron ? { node: cron, by: 'job name <cronjob>-<minutes>' } : undefined;
  }

  #container(fact: ObjectFact, container: { id: string; name: string; image?: string }): void {
    const pod = this.nodes.get(objectKey('Pod', fact.namespace, fact.name));
    if (pod === undefined) return;
    const node = this.#containerNode(pod, container.id, container.name);
    node.detail ??= container.image ? `image: ${container.image}` : undefined;
    this.#seen(node, fact.timeMs, fact.origin, false);
    node.linkedBy ??= 'pod status containerID';
    this.#record(fact.recordKey, node);
  }

  /**
   * The container of `pod` with this runtime id or name. A name is unique in a pod, so a
   * restarted container (new id) and a kubelet Event that gives only the name land on the
   * node the status patch made; every id seen is indexed.
   */
  #containerNode(pod: LineageNode, id: string | undefined, name: string | undefined): LineageNode {
    const known = id === undefined ? undefined : this.#containerById(id);
    if (known !== undefined) return known;
    const byName =
      name === undefined ? undefined : this.#containersByName.get(`${pod.key}\0${name}`);
    const node =
      byName ??
      this.#node(
        `container\0${pod.key}\0${name ?? id ?? '?'}`,
        'container',
        name ?? id?.slice(0, SHORT_ID) ?? '?',
        pod.namespace,
      );
    node.parent ??= pod;
    if (name !== undefined) this.#containersByName.set(`${pod.key}\0${name}`, node);
    if (id !== undefined) {
      node.uid ??= id;
      this.#containers.set(id, node);
      this.#containers.set(id.slice(0, SHORT_ID), node);
    }
    return node;
  }

  #containerById(id: string): LineageNode | undefined {
    return this.#containers.get(id) ?? this.#containers.get(id.slice(0, SHORT_ID));
  }

  /** The pod an endpoint event names, and which key joined it. */
  #podOf(fact: EndpointFact): { pod: LineageNode; by: string } | undefined {
    const byUid = fact.podUid === undefined ? undefined : this.#byUid.get(fact.podUid);
    if (byUid?.kind === 'Pod') return { pod: byUid, by: 'pod uid' };
    if (fact.podName !== undefined) {
      const pods = this.#objectsByName.get(`Pod\0${fact.podName}`) ?? [];
      const inNamespace =
        fact.podNamespace === undefined
          ? pods
          : pods.filter((p) => p.namespace === fact.podNamespace);
      // Without a namespace, a pod name is only a link when it is unambiguous.
      const [only] = inNamespace;
      if (inNamespace.length === 1 && only) return { pod: only, by: 'pod name' };
    }
    const container =
      fact.containerId === undefined ? undefined : this.#containerById(fact.containerId);
    return container?.parent ? { pod: container.parent, by: 'container id' } : undefined;
  }

  /**
   * A kubectl/oc command joins the one object of its kind and name (in its `-n` namespace when
   * given) that the audit log shows written the same way by kubectl/oc within
   * `CLIENT_WINDOW_MS` (host clocks drift; the API server logs when the request arrives).
   */
  #placeClient(fact: ClientFact): void {
    const candidates = (this.#objectsByName.get(`${fact.kind}\0${fact.name}`) ?? []).filter(
      (node) =>
        (fact.namespace === undefined || node.namespace === fact.namespace) &&
        node.writes.some((write) => isClientWrite(write, fact)),
    );
    const [only] = candidates;
    if (candidates.length === 1 && only) this.#record(fact.recordKey, only);
  }

  #placeEndpoint(fact: EndpointFact): void {
    const joined = this.#podOf(fact);
    if (joined === undefined) return;
    const { pod, by } = joined;
    const hasContainer = fact.containerId !== undefined || fact.containerName !== undefined;
    const container = hasContainer
      ? this.#containerNode(pod, fact.containerId, fact.containerName)
      : undefined;
    if (container !== undefined) {
      if (container.detail === undefined && fact.containerImage)
        container.detail = `image: ${fact.containerImage}`;
      container.linkedBy ??= `endpoint ${by}`;
      this.#seen(container, fact.timeMs, fact.origin, false);
    }
    let leaf = container ?? pod;
    if (fact.image !== undefined) {
      const key = `process\0${leaf.key}\0${fact.processId ?? ''}\0${fact.image}`;
      const process = this.#node(key, 'process', fact.image, pod.namespace);
      process.parent ??= leaf;
      process.linkedBy ??= `endpoint ${by}`;
      process.uid ??= fact.processId;
      if (fact.commandLine !== undefined) process.detail ??= `cmd: ${fact.commandLine}`;
      if (fact.destination !== undefined && process.detail === undefined)
        process.detail = `connect: ${fact.destination}`;
      this.#seen(process, fact.timeMs, fact.origin, false);
      leaf = process;
    }
    if (fact.target !== undefined) {
      const file = this.#node(
        `file\0${leaf.key}\0${fact.target}`,
        'file',
        fact.target,
        pod.namespace,
      );
      file.parent ??= leaf;
      file.linkedBy ??= `endpoint ${by}`;
      this.#seen(file, fact.timeMs, fact.origin, false);
      leaf = file;
    }
    this.#record(fact.recordKey, leaf);
  }
}
