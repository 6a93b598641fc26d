/**
 * cronwarden's extra posture checks for T1053.007 (ids `CWP-…`): what Pod Security Standards
 * do not look at but an attacker with a CronJob uses — root by default, a mounted API token,
 * an account that can create more workloads, mutable images.
 * @module
 */
import type { Level, MatchedField } from '../../finding.js';
import type { K8sObject } from '../../inventory/object.js';
import type { PodTemplate } from '../pss/template.js';
import type { WorkloadCreateRights } from './workload-rights.js';

export interface PostureContext {
  /** The ServiceAccount object `namespace/name`, when the inventory has it. */
  readonly serviceAccount: (namespace: string, name: string) => K8sObject | undefined;
  /** RBAC answer to "can this account create workloads?"; absent when RBAC is not analysed. */
  readonly workloadRights?: WorkloadCreateRights;
}

export interface PostureWorkload {
  readonly object: K8sObject;
  readonly namespace: string;
  readonly template: PodTemplate;
}

/** One problem found by a check; the runner turns it into a finding. */
export interface PostureHit {
  readonly level: Level;
  readonly message: string;
  readonly matched: readonly MatchedField[];
  readonly evidence: readonly string[];
}

export interface PostureCheck {
  readonly id: string;
  readonly title: string;
  /** The usual level; a hit may raise or lower it (stated in `description`). */
  readonly severity: Level;
  readonly description: string;
  readonly remediation: string;
  /** Kinds the check looks at. */
  readonly kinds: ReadonlySet<string>;
  readonly evaluate: (workload: PostureWorkload, context: PostureContext) => readonly PostureHit[];
}

export const JOB_KINDS: ReadonlySet<string> = new Set(['CronJob', 'Job']);
