/**
 * The incident shape: a group of findings tied together by lineage, CronJob → Job → Pod →
 * container → process (and file events on the node), naming the human who created or last
 * changed the CronJob. Produced by `correlate/` (lineage), rendered by every report format.
 * Its JSON Schema is `$defs.incident` in `docs/finding.schema.json`.
 * @module
 */
import type { FindingObject, FindingOrigin, Level } from './finding.js';

/** One step of the chain, in the order CronJob → Job → Pod → container → process → file. */
export const CHAIN_KINDS = ['CronJob', 'Job', 'Pod', 'container', 'process', 'file'] as const;
export type ChainKind = (typeof CHAIN_KINDS)[number];

/**
 * One link of an incident chain. `name` is the object name for Kubernetes kinds, the container
 * name, the process image (or command line) or the file path for node-side links.
 */
export interface ChainLink {
  readonly kind: ChainKind;
  readonly name: string;
  readonly namespace?: string;
  /** Kubernetes uid, container id or process id, when known. */
  readonly uid?: string;
  /** ISO 8601 time the link was first seen (creation, container start, process start). */
  readonly time?: string;
  /** The raw record that proves the link. */
  readonly origin?: FindingOrigin;
  /** A short fact about the link (`image: evil.io/x:latest`, `cmd: sh -c …`). */
  readonly detail?: string;
}

/** A principal that acted on the CronJob (from the audit `user` block). */
export interface IncidentActor {
  readonly user: string;
  readonly groups?: readonly string[];
  /** Audit verb: `create`, `update`, `patch`, `delete`. */
  readonly verb: string;
  readonly time: string;
  readonly sourceIPs?: readonly string[];
  readonly userAgent?: string;
  /** Set when the actor is a service account or a node rather than a person. */
  readonly isMachine?: boolean;
  readonly origin?: FindingOrigin;
}

/** Most paths kept in `Incident.otherChains` (an every-minute CronJob makes 1440 runs a day). */
export const MAX_OTHER_CHAINS = 50;

export interface Incident {
  /** Stable id (`INC-` + a hash of the root object); findings point at it with `incident`. */
  readonly id: string;
  /** One line a human reads first (`CronJob payments/backup runs a reverse shell`). */
  readonly title: string;
  /** The highest level among its findings. */
  readonly level: Level;
  /** ISO 8601 times of the first and last record in the incident. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** The root object, usually the CronJob (or a bare Job / Pod). */
  readonly root: FindingObject;
  /** The lineage, root first: the path to the deepest node carrying a finding. */
  readonly chain: readonly ChainLink[];
  /**
   * The paths, root first, to the other nodes carrying findings (other runs of the CronJob,
   * other pods or processes), earliest first, at most `MAX_OTHER_CHAINS`; absent when none.
   */
  readonly otherChains?: readonly (readonly ChainLink[])[];
  /** Who created the root object, when the audit trail shows it. */
  readonly createdBy?: IncidentActor;
  /** Who last changed it (update/patch), when that is not the creator's create. */
  readonly lastChangedBy?: IncidentActor;
  /** Ids of the rules whose findings are grouped here (details: findings with `incident` = id). */
  readonly rules: readonly string[];
  readonly tags: readonly string[];
}
