/**
 * The extra posture checks and the runner that turns their hits into findings.
 * @module
 */
import type { Finding } from '../../finding.js';
import type { K8sObject } from '../../inventory/object.js';
import {
  attackTagsOf,
  controlledByInventory,
  describeObject,
  findingObjectOf,
  findingOriginOf,
} from '../object-ref.js';
import { podTemplateOf } from '../pss/template.js';
import type { PostureCheck, PostureContext } from './check.js';
import { jobAccountCreatesWorkloadsCheck } from './job-account-creates-workloads.js';
import { jobImageUnpinnedCheck } from './job-image-unpinned.js';
import { jobRunsAsRootCheck } from './job-runs-as-root.js';
import { jobTokenAutomountCheck } from './job-token-automount.js';

export const POSTURE_CHECKS: readonly PostureCheck[] = [
  jobRunsAsRootCheck,
  jobTokenAutomountCheck,
  jobAccountCreatesWorkloadsCheck,
  jobImageUnpinnedCheck,
];

/** Builds the context's ServiceAccount lookup from the inventory. */
export function serviceAccountIndex(
  objects: readonly K8sObject[],
): PostureContext['serviceAccount'] {
  const accounts = new Map<string, K8sObject>();
  for (const object of objects) {
    if (object.kind === 'ServiceAccount' && object.apiVersion === 'v1') {
      accounts.set(`${object.metadata.namespace ?? 'default'}/${object.metadata.name}`, object);
    }
  }
  return (namespace, name) => accounts.get(`${namespace}/${name}`);
}

/** Runs every extra check over the workloads of the inventory. */
export function runPostureChecks(
  objects: readonly K8sObject[],
  context: PostureContext,
  time: string,
  checks: readonly PostureCheck[] = POSTURE_CHECKS,
): Finding[] {
  const findings: Finding[] = [];
  const controlled = controlledByInventory(objects);
  for (const object of objects) {
    if (controlled.has(object)) continue; // judged through its controller
    const applicable = checks.filter((check) => check.kinds.has(object.kind));
    if (applicable.length === 0) continue;
    const template = podTemplateOf(object);
    if (!template) continue;
    const workload = { object, namespace: object.metadata.namespace ?? 'default', template };
    for (const check of applicable) {
      for (const hit of check.evaluate(workload, context)) {
        findings.push({
          rule: { id: check.id, title: check.title, source: 'posture' },
          level: hit.level,
          tags: attackTagsOf(object.kind),
          time,
          message: `${describeObject(object)}: ${hit.message}`,
          origin: findingOriginOf(object),
          matched: hit.matched,
          object: findingObjectOf(object),
          evidence: hit.evidence,
          remediation: check.remediation,
        });
      }
    }
  }
  return findings;
}
