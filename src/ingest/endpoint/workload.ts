/**
 * The pod/container identity an endpoint event carries, in the same top-level fields for
 * every source, so lineage can join CronJob → Job → Pod (audit `objectRef`) → container →
 * process without knowing the source: `ContainerId` (runtime id, 64 hex or its 12-char
 * prefix as the source gives it, without `containerd://`), `ContainerName`, `ContainerImage`,
 * `PodName`, `PodNamespace`, `PodUid`, `NodeName`.
 * @module
 */

export interface WorkloadIdentity {
  readonly containerId?: unknown;
  readonly containerName?: unknown;
  readonly containerImage?: unknown;
  readonly podName?: unknown;
  readonly podNamespace?: unknown;
  readonly podUid?: unknown;
  readonly nodeName?: unknown;
}

const FIELDS = [
  ['containerId', 'ContainerId'],
  ['containerName', 'ContainerName'],
  ['containerImage', 'ContainerImage'],
  ['podName', 'PodName'],
  ['podNamespace', 'PodNamespace'],
  ['podUid', 'PodUid'],
  ['nodeName', 'NodeName'],
] as const;

/** `containerd://abc…`, `docker://abc…`, `cri-o://…` → `abc…`. */
export function bareContainerId(id: string): string {
  const scheme = id.indexOf('://');
  return scheme === -1 ? id : id.slice(scheme + 3);
}

/**
 * Copies the non-empty identity values into `data` under the stable names. Placeholders
 * sources use for "not in a container" (`host`, `<NA>`, `N/A`, empty) are left out.
 */
export function setWorkloadIdentity(
  data: Record<string, unknown>,
  identity: WorkloadIdentity,
): void {
  for (const [key, field] of FIELDS) {
    const value = identity[key];
    if (typeof value !== 'string' || value === '' || value === '<NA>' || value === 'N/A') continue;
    if (key === 'containerId') {
      if (value === 'host') continue;
      data[field] = bareContainerId(value);
    } else {
      data[field] = value;
    }
  }
}
