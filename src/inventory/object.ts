/**
 * A Kubernetes object read from manifests or a live cluster, with where it came from.
 * @module
 */
import type { Issue } from '../errors.js';

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly creationTimestamp?: string;
  readonly ownerReferences?: ReadonlyArray<{
    readonly apiVersion: string;
    readonly kind: string;
    readonly name: string;
    readonly uid?: string;
    readonly controller?: boolean;
  }>;
}

/**
 * `file` is a path for manifests, `cluster:<context>` for a live cluster; `line` is the
 * 1-based line where the document (or `List` item) starts.
 */
export interface ObjectOrigin {
  readonly file: string;
  readonly line?: number;
  readonly index?: number;
}

export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  /** The whole object as parsed (Secret `data`/`stringData` removed before it gets here). */
  readonly body: Readonly<Record<string, unknown>>;
  readonly origin: ObjectOrigin;
}

/** Objects plus every problem met while reading them (bad documents never stop the rest). */
export interface Inventory {
  readonly objects: readonly K8sObject[];
  readonly issues: readonly Issue[];
}
