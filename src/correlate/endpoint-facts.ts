/**
 * Reads the lineage facts of one endpoint event (Falco, ECS, Kubernetes `Event` objects, or
 * any source whose decoder fills the workload identity of `ingest/endpoint/workload.ts`):
 * the pod (`PodName`, `PodNamespace`, `PodUid`), the container (`ContainerId`,
 * `ContainerName`, `ContainerImage`) and what happened in it (process `Image`,
 * `CommandLine`, `ProcessId`; file `TargetFilename`; connection `DestinationIp`/`Port`).
 * Events that name neither a pod nor a container cannot be placed in a chain and give no fact.
 * @module
 */
import { findingOrigin } from '../event-finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { EndpointFact } from './facts.js';
import { recordKeyOf } from './facts.js';

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The fact of one endpoint event, or undefined when it names no pod and no container. */
export function readEndpointFact(event: NormalizedEvent): EndpointFact | undefined {
  const data = event.data;
  const podName = text(data.PodName);
  const podUid = text(data.PodUid);
  const containerId = text(data.ContainerId);
  if (podName === undefined && podUid === undefined && containerId === undefined) return undefined;
  const podNamespace = text(data.PodNamespace);
  const containerName = text(data.ContainerName);
  const containerImage = text(data.ContainerImage);
  const image = text(data.Image);
  const commandLine = text(data.CommandLine);
  const processId = text(data.ProcessId);
  const target = text(data.TargetFilename);
  const ip = text(data.DestinationIp);
  const port = text(data.DestinationPort);
  const origin = findingOrigin(event.origin);
  return {
    type: 'endpoint',
    ...(podName ? { podName } : {}),
    ...(podNamespace ? { podNamespace } : {}),
    ...(podUid ? { podUid } : {}),
    ...(containerId ? { containerId } : {}),
    ...(containerName ? { containerName } : {}),
    ...(containerImage ? { containerImage } : {}),
    ...(image ? { image } : {}),
    ...(commandLine ? { commandLine } : {}),
    ...(processId ? { processId } : {}),
    ...(target ? { target } : {}),
    ...(ip ? { destination: port ? `${ip}:${port}` : ip } : {}),
    timeMs: event.timeMs,
    ...(origin ? { origin } : {}),
    recordKey: recordKeyOf(event.origin),
  };
}
