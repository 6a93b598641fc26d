/**
 * Where the pod template of a workload object lives, and a flat summary of it that diffs
 * and first-seen checks can compare.
 * @module
 */
import { isObject, type JsonObject } from './audit-record.js';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** The pod spec of a CronJob, Job, pod controller or Pod object. */
export function podSpecOf(object: unknown): JsonObject | undefined {
  if (!isObject(object) || !isObject(object.spec)) return undefined;
  const spec = object.spec;
  const jobTemplate = isObject(spec.jobTemplate) ? spec.jobTemplate : undefined;
  const templateHolder = jobTemplate && isObject(jobTemplate.spec) ? jobTemplate.spec : spec;
  const template = isObject(templateHolder.template) ? templateHolder.template : undefined;
  if (template && isObject(template.spec)) return template.spec;
  return Array.isArray(spec.containers) ? spec : undefined;
}

export interface ContainerSummary {
  /** `containers/backup`, `initContainers/setup`. */
  readonly key: string;
  readonly image: string | undefined;
  readonly command: string | undefined;
  readonly args: string | undefined;
}

/** Every container of a pod spec, with argv rendered as one shell-like string. */
export function containersOf(podSpec: JsonObject | undefined): ContainerSummary[] {
  if (!podSpec) return [];
  const found: ContainerSummary[] = [];
  for (const list of CONTAINER_LISTS) {
    const containers = podSpec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container, position) => {
      if (!isObject(container)) return;
      const name = typeof container.name === 'string' ? container.name : `#${position}`;
      found.push({
        key: `${list}/${name}`,
        image: typeof container.image === 'string' ? container.image : undefined,
        command: renderArgv(container.command),
        args: renderArgv(container.args),
      });
    });
  }
  return found;
}

function renderArgv(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
}

/** Registry host of an image reference (Docker Hub when the first part is not a host). */
export function registryOf(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}
