/**
 * What lineage keeps of an event: small facts, not the event. Facts are collected while a
 * hunt reads its inputs and resolved into a graph once every input has been read, so the
 * links do not depend on the order of the files (an endpoint log read before the audit log
 * still finds its pods).
 * @module
 */
import type { FindingOrigin } from '../finding.js';
import type { IncidentActor } from '../incident.js';

export type ObjectKind = 'CronJob' | 'Job' | 'Pod';

/** An owner named by `metadata.ownerReferences` (the controller owner first). */
export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
  readonly uid?: string;
}

/** A container the kubelet reported in a pod status (`containerStatuses[].containerID`). */
export interface ContainerFact {
  /** Runtime id without its scheme (`containerd://`). */
  readonly id: string;
  readonly name: string;
  readonly image?: string;
}

/** A write to a CronJob, Job or Pod seen in the audit log. */
export interface ObjectFact {
  readonly type: 'object';
  readonly kind: ObjectKind;
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
  readonly owner?: OwnerRef;
  /** `batch.kubernetes.io/controller-uid` or `controller-uid` label: the owning Job's uid. */
  readonly jobUid?: string;
  /** `batch.kubernetes.io/job-name` or `job-name` label. */
  readonly jobName?: string;
  readonly containers: readonly ContainerFact[];
  /** A short fact for the chain (`schedule: 0 * * * *`, `image: alpine:3.20`). */
  readonly detail?: string;
  /** True for a `create` (the record that proves the object's birth). */
  readonly isCreate: boolean;
  /** The principal, when the write was a person's or an unknown machine's decision. */
  readonly actor?: IncidentActor;
  readonly timeMs: number;
  readonly origin?: FindingOrigin;
  readonly recordKey: string;
}

/** An endpoint event (process, file, connection, container start) naming its pod or container. */
export interface EndpointFact {
  readonly type: 'endpoint';
  readonly podName?: string;
  readonly podNamespace?: string;
  readonly podUid?: string;
  readonly containerId?: string;
  readonly containerName?: string;
  readonly containerImage?: string;
  /** Process image (`/bin/bash`). */
  readonly image?: string;
  readonly commandLine?: string;
  readonly processId?: string;
  /** File written or opened. */
  readonly target?: string;
  /** `203.0.113.66:4444` for connections. */
  readonly destination?: string;
  readonly timeMs: number;
  readonly origin?: FindingOrigin;
  readonly recordKey: string;
}

/** A kubectl/oc process asking for a CronJob/Job write (`client-commands.ts`). */
export interface ClientFact {
  readonly type: 'client';
  readonly verb: 'create' | 'change' | 'delete';
  readonly kind: 'CronJob' | 'Job';
  readonly name: string;
  readonly namespace?: string;
  readonly timeMs: number;
  readonly origin?: FindingOrigin;
  readonly recordKey: string;
}

export type LineageFact = ObjectFact | EndpointFact | ClientFact;

/** The key of a raw record, the same for an event and the findings on it. */
export function recordKeyOf(origin: {
  readonly file: string;
  readonly line?: number | undefined;
  readonly index?: number | undefined;
}): string {
  if (origin.line !== undefined) return `${origin.file}\0L${origin.line}`;
  return `${origin.file}\0I${origin.index ?? -1}`;
}
