/**
 * Finds the pod template of a workload: the pod itself, `spec.template` of the controllers and
 * `spec.jobTemplate.spec.template` of a CronJob.
 * @module
 */
import { isWorkload, POD_SPEC_PATHS, podMetadataPath, valueAt } from '../../inventory/index.js';
import type { K8sObject } from '../../inventory/object.js';
import type { PodMetadata, PodSpec } from './pod.js';

export interface PodTemplate {
  readonly metadata: PodMetadata;
  readonly spec: PodSpec;
  /** Dotted path of the pod spec in the object (`spec.jobTemplate.spec.template.spec`). */
  readonly specPath: string;
}

/** The pod template of a built-in pod controller, or undefined for other objects. */
export function podTemplateOf(
  object: Pick<K8sObject, 'apiVersion' | 'kind' | 'body'>,
): PodTemplate | undefined {
  if (!isWorkload(object.apiVersion, object.kind)) return undefined;
  const specPath = POD_SPEC_PATHS[object.kind] ?? [];
  const spec = valueAt(object.body, specPath);
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return undefined;
  const metadata = valueAt(object.body, podMetadataPath(object.kind) ?? []);
  return {
    metadata: typeof metadata === 'object' && metadata !== null ? (metadata as PodMetadata) : {},
    spec: spec as PodSpec,
    specPath: specPath.join('.'),
  };
}
