/**
 * CW-014: container creation (ATT&CK DS0032) and process activity inside the pods of
 * scheduled work, linked back along CronJob → Job → Pod → process.
 *
 * The chain is rebuilt from audit events: Jobs point to their CronJob by ownerReferences
 * (the cronjob-controller names them `<cronjob>-<scheduled minutes>`), Pods to their Job by
 * ownerReferences or the `batch.kubernetes.io/job-name` / `job-name` labels (the
 * job-controller names them `<job>-<5 chars>`). A CronJob or Job is *flagged* when a pack
 * rule of level medium or above fired on its create/update/patch. Reported:
 * - a Pod created for a flagged Job (high): the payload is now scheduled on a node;
 * - a process in a job pod (endpoint events that name the pod: the decoders' `PodName` /
 *   `PodNamespace`, Falco `k8s.pod.name`, ECS `kubernetes.pod.name`; or only its container:
 *   `ContainerId`, joined to the pod through the kubelet's `pods/status` container ids) that
 *   is a shell or a network tool (medium, high when the chain is flagged). The finding names
 *   the person who created or last changed the CronJob.
 * @module
 */
import { containersOf } from '../correlate/object-facts.js';
import { findingOrigin } from '../event-finding.js';
import type { Finding, FindingOrigin } from '../finding.js';
import { levelRank } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { AnalyticDefinition, AnalyticMeta } from './analytic.js';
import { type AuditRecord, effectiveObject, isObject, readAudit } from './audit-record.js';
import { resolveEventField } from './event-fields.js';
import { buildFinding } from './finding-builder.js';

const META: AnalyticMeta = {
  id: 'CW-014',
  title:
    'Container or Process Started From a Flagged CronJob/Job, or Job Pod Runs a Shell or Network Tool',
  level: 'high',
  tags: [
    'attack.execution',
    'attack.persistence',
    'attack.t1053.007',
    'attack.t1059.004',
    'attack.t1610',
  ],
  source: 'correlation',
  description:
    'Links CronJob → Job → Pod → process: a pod created for a CronJob/Job that a pack rule ' +
    'flagged, or a shell/network tool started inside a job pod, with the chain and the author ' +
    'of the CronJob as evidence.',
  falsepositives: [
    'Job pods that legitimately run shell scripts; the level stays medium unless the chain is flagged.',
  ],
};

const SHELLS_AND_TOOLS =
  /(^|\/)(sh|bash|dash|ash|zsh|ksh|nc|ncat|netcat|socat|curl|wget|python[0-9.]*|perl|nsenter|kubectl)$/;
const POD_NAME_FIELDS = [
  'PodName',
  'k8s.pod.name',
  'kubernetes.pod.name',
  'container.labels.io.kubernetes.pod.name',
  'PodName',
  'pod_name',
];
const POD_NAMESPACE_FIELDS = [
  'PodNamespace',
  'k8s.ns.name',
  'kubernetes.namespace',
  'container.labels.io.kubernetes.pod.namespace',
  'PodNamespace',
  'namespace',
];
const IMAGE_FIELDS = ['Image', 'proc.exepath', 'process.executable'];
/** What sources write when they do not know the pod (Falco before its metadata arrives). */
const PLACEHOLDERS = new Set(['', '<NA>', 'N/A']);
/** Docker and Falco print the first 12 hex chars of a container id. */
const SHORT_ID = 12;

function firstText(data: Record<string, unknown>, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const value = resolveEventField(data, field);
    if (typeof value === 'string' && !PLACEHOLDERS.has(value)) return value;
  }
  return undefined;
}

interface Node {
  readonly kind: 'CronJob' | 'Job' | 'Pod';
  readonly namespace: string;
  readonly name: string;
  parent: string | undefined;
  author: string | undefined;
  origin: FindingOrigin | undefined;
  flags: string[];
}

const keyOf = (kind: string, namespace: string, name: string) => `${kind} ${namespace}/${name}`;

function metadataOf(record: AuditRecord): Record<string, unknown> {
  const object = effectiveObject(record) ?? record.requestObject;
  return isObject(object) && isObject(object.metadata) ? object.metadata : {};
}

function ownerOf(metadata: Record<string, unknown>, kind: string): string | undefined {
  const owners = metadata.ownerReferences;
  if (!Array.isArray(owners)) return undefined;
  const owner = owners.find((o) => isObject(o) && o.kind === kind);
  return isObject(owner) && typeof owner.name === 'string' ? owner.name : undefined;
}

class JobLineage {
  readonly meta = META;
  readonly #nodes = new Map<string, Node>();
  /** Container id (full and 12-char prefix) → pod node key, from `pods/status`. */
  readonly #podOfContainer = new Map<string, string>();

  observe(event: NormalizedEvent, findings: readonly Finding[] = []): readonly Finding[] {
    const record = readAudit(event);
    if (record) return this.#audit(event, record, findings);
    return this.#endpoint(event);
  }

  #node(kind: Node['kind'], namespace: string, name: string): Node {
    const key = keyOf(kind, namespace, name);
    let node = this.#nodes.get(key);
    if (!node) {
      node = {
        kind,
        namespace,
        name,
        parent: undefined,
        author: undefined,
        origin: undefined,
        flags: [],
      };
      this.#nodes.set(key, node);
    }
    return node;
  }

  #audit(event: NormalizedEvent, record: AuditRecord, findings: readonly Finding[]): Finding[] {
    if (!record.succeeded || record.stage === 'RequestReceived') return [];
    if (record.resource === 'pods' && record.subresource === 'status') {
      this.#containersOf(record);
      return [];
    }
    if (record.subresource !== undefined) return [];
    if (!['create', 'update', 'patch'].includes(record.verb)) return [];
    const metadata = metadataOf(record);
    const name = record.name ?? (typeof metadata.name === 'string' ? metadata.name : undefined);
    const namespace =
      record.namespace ?? (typeof metadata.namespace === 'string' ? metadata.namespace : '');
    if (name === undefined) return [];
    const flags = findings
      .filter((f) => f.rule.id !== META.id && levelRank(f.level) >= levelRank('medium'))
      .map((f) => `${f.rule.id} (${f.level}): ${f.message}`);
    if (record.resource === 'cronjobs') {
      const node = this.#node('CronJob', namespace, name);
      if (!record.username.startsWith('system:serviceaccount:kube-system:'))
        node.author = record.username;
      node.origin = findingOrigin(event.origin);
      node.flags.push(...flags);
      return [];
    }
    if (record.resource === 'jobs') {
      const node = this.#node('Job', namespace, name);
      const cronJob = ownerOf(metadata, 'CronJob') ?? /^(.*)-\d{8,}$/.exec(name)?.[1];
      if (cronJob !== undefined && this.#nodes.has(keyOf('CronJob', namespace, cronJob))) {
        node.parent = keyOf('CronJob', namespace, cronJob);
      }
      if (
        node.author === undefined &&
        !record.username.startsWith('system:serviceaccount:kube-system:')
      ) {
        node.author = record.username;
      }
      node.origin ??= findingOrigin(event.origin);
      node.flags.push(...flags);
      return [];
    }
    if (record.resource === 'pods' && record.verb === 'create')
      return this.#podCreated(event, record, metadata, namespace, name);
    return [];
  }

  #containersOf(record: AuditRecord): void {
    if (record.name === undefined) return;
    const key = keyOf('Pod', record.namespace ?? '', record.name);
    for (const body of [record.requestObject, record.responseObject]) {
      if (!isObject(body)) continue;
      for (const container of containersOf(body)) {
        this.#podOfContainer.set(container.id, key);
        this.#podOfContainer.set(container.id.slice(0, SHORT_ID), key);
      }
    }
  }

  #podOf(
    podName: string | undefined,
    namespace: string | undefined,
    containerId: string | undefined,
  ) {
    if (podName !== undefined) {
      const pod = this.#nodes.get(keyOf('Pod', namespace ?? '', podName));
      if (pod !== undefined) return pod;
      if (namespace === undefined) {
        const byName = [...this.#nodes.values()].filter(
          (n) => n.kind === 'Pod' && n.name === podName,
        );
        if (byName.length === 1) return byName[0];
      }
    }
    if (containerId === undefined) return undefined;
    const key =
      this.#podOfContainer.get(containerId) ??
      this.#podOfContainer.get(containerId.slice(0, SHORT_ID));
    return key === undefined ? undefined : this.#nodes.get(key);
  }

  #podCreated(
    event: NormalizedEvent,
    record: AuditRecord,
    metadata: Record<string, unknown>,
    namespace: string,
    name: string,
  ) {
    const labels = isObject(metadata.labels) ? metadata.labels : {};
    const label = labels['batch.kubernetes.io/job-name'] ?? labels['job-name'];
    const job = ownerOf(metadata, 'Job') ?? (typeof label === 'string' ? label : undefined);
    if (job === undefined) return [];
    const pod = this.#node('Pod', namespace, name);
    pod.parent = keyOf('Job', namespace, job);
    pod.origin = findingOrigin(event.origin);
    const chain = this.#chain(pod);
    const flags = chain.flatMap((node) => node.flags);
    if (flags.length === 0) return [];
    return [
      buildFinding(META, event, record, {
        message: `pod ${namespace}/${name} started for flagged ${this.#describe(chain)}`,
        object: { kind: 'Pod', namespace, name },
        matched: [{ field: 'objectRef.name', value: name }],
        evidence: [this.#chainLine(chain), ...this.#authorLine(chain), ...flags],
        related: chain.slice(1).flatMap((node) => (node.origin ? [node.origin] : [])),
      }),
    ];
  }

  #endpoint(event: NormalizedEvent): Finding[] {
    const podName = firstText(event.data, POD_NAME_FIELDS);
    const containerId = firstText(event.data, ['ContainerId']);
    if (podName === undefined && containerId === undefined) return [];
    const image = firstText(event.data, IMAGE_FIELDS);
    if (image === undefined || !SHELLS_AND_TOOLS.test(image)) return [];
    const namespace = firstText(event.data, POD_NAMESPACE_FIELDS);
    const pod = this.#podOf(podName, namespace, containerId);
    if (pod === undefined) return [];
    const chain = this.#chain(pod);
    const flags = chain.flatMap((node) => node.flags);
    const commandLine =
      resolveEventField(event.data, 'CommandLine') ?? resolveEventField(event.data, 'proc.cmdline');
    return [
      buildFinding(META, event, undefined, {
        level: flags.length > 0 ? 'high' : 'medium',
        message: `${image} started in job pod ${pod.namespace}/${pod.name} of ${this.#describe(chain)}`,
        object: { kind: 'Pod', namespace: pod.namespace, name: pod.name },
        matched: [
          { field: 'Image', value: image },
          ...(typeof commandLine === 'string'
            ? [{ field: 'CommandLine', value: commandLine }]
            : []),
        ],
        evidence: [
          `${this.#chainLine(chain)} → process ${image}`,
          ...this.#authorLine(chain),
          ...flags,
        ],
        related: chain.flatMap((node) => (node.origin ? [node.origin] : [])),
      }),
    ];
  }

  /** The node and its ancestors, pod first. */
  #chain(node: Node): Node[] {
    const chain: Node[] = [node];
    let parent = node.parent;
    while (parent !== undefined && chain.length < 4) {
      const next = this.#nodes.get(parent);
      if (!next) break;
      chain.push(next);
      parent = next.parent;
    }
    return chain;
  }

  #describe(chain: readonly Node[]): string {
    const top = chain[chain.length - 1];
    return top ? `${top.kind} ${top.namespace}/${top.name}` : 'a job';
  }

  #chainLine(chain: readonly Node[]): string {
    return [...chain]
      .reverse()
      .map((node) => `${node.kind} ${node.namespace}/${node.name}`)
      .join(' → ');
  }

  #authorLine(chain: readonly Node[]): string[] {
    const author = [...chain].reverse().find((node) => node.author !== undefined)?.author;
    return author ? [`created or last changed by ${author}`] : [];
  }
}

export const JOB_LINEAGE: AnalyticDefinition = { meta: META, create: () => new JobLineage() };
