/**
 * Pod controllers and the pod template each of them runs, read only as far as RBAC needs:
 * the service account a pod runs as and whether its token is mounted.
 * @module
 */
import { POD_CONTROLLERS, POD_SPEC_PATHS } from '../inventory/kinds.js';
import { valueAt } from '../inventory/manifest.js';
import type { K8sObject } from '../inventory/object.js';
import { isRecord } from '../inventory/to-object.js';

const CONTROLLER_KINDS: ReadonlySet<string> = new Set(POD_CONTROLLERS.map((c) => c.kind));

/** A workload as the escalation graph sees it. */
export interface Workload {
  readonly object: K8sObject;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccount: string;
  /** `automountServiceAccountToken` of the pod spec; undefined when not set. */
  readonly automountToken: boolean | undefined;
  /** The pod spec (`spec`, `spec.template.spec` or `spec.jobTemplate.spec.template.spec`). */
  readonly podSpec: Readonly<Record<string, unknown>>;
}

/** The pod spec of a pod controller, or undefined for other kinds and malformed objects. */
export function podSpecOf(object: K8sObject): Record<string, unknown> | undefined {
  if (!CONTROLLER_KINDS.has(object.kind)) return undefined;
  const spec = valueAt(object.body, POD_SPEC_PATHS[object.kind] ?? []);
  return isRecord(spec) ? spec : undefined;
}

/** Reads a workload; undefined for objects that run no pods. */
export function toWorkload(object: K8sObject): Workload | undefined {
  const podSpec = podSpecOf(object);
  if (!podSpec) return undefined;
  const named = podSpec.serviceAccountName ?? podSpec.serviceAccount;
  const automount = podSpec.automountServiceAccountToken;
  return {
    object,
    kind: object.kind,
    namespace: object.metadata.namespace ?? 'default',
    name: object.metadata.name,
    serviceAccount: typeof named === 'string' && named !== '' ? named : 'default',
    automountToken: typeof automount === 'boolean' ? automount : undefined,
    podSpec,
  };
}
