/**
 * `k8s-object-events`: Kubernetes `Event` objects (core `v1` and `events.k8s.io/v1`) as
 * `kubectl get events -o json` / `-o jsonl`, event exporters or `kubectl get events -w -o
 * json` write them. The kubelet reports a container's creation and start as events with
 * `reason: Created` / `Started` on the Pod (`fieldPath: spec.containers{NAME}`); those become
 * `category: container_creation` (DS0032), with the workload identity (`ContainerName`,
 * `PodName`, `PodNamespace`, `PodUid`, `NodeName`). Other events keep logsource
 * `{product: kubernetes, service: events}` without a category. The Event is kept as is
 * beside the mapped fields.
 * @module
 */
import type { Logsource } from '../../logsource.js';
import type { DecodeSink } from '../format.js';
import { openJsonRecordDecoder } from '../json/dispatch.js';
import { isObject, type JsonRecordFormat, type RecordAt } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { recordLocation } from '../k8s/audit-record.js';
import { firstTimestamp } from '../time.js';
import { readPath } from './fields.js';
import { internLogsource } from './logsource-intern.js';
import { setWorkloadIdentity } from './workload.js';

const CONTAINER_FIELD_PATH = /^spec\.(?:initContainers|containers|ephemeralContainers)\{([^}]+)\}$/;
const CONTAINER_REASONS = new Set(['Created', 'Started']);

function involvedOf(value: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  if (isObject(value.involvedObject)) return value.involvedObject;
  if (isObject(value.regarding)) return value.regarding;
  return undefined;
}

function isEventObject(value: Readonly<Record<string, unknown>>): boolean {
  return value.kind === 'Event' && involvedOf(value) !== undefined && 'reason' in value;
}

function eventsScore(value: Readonly<Record<string, unknown>>): number {
  if (isEventObject(value)) return 0.9;
  const items = value.items;
  if ((value.kind === 'EventList' || value.kind === 'List') && Array.isArray(items)) {
    const first: unknown = items[0];
    return isObject(first) && isEventObject(first) ? 0.9 : 0;
  }
  return 0;
}

function decodeObjectEvent(value: Record<string, unknown>, at: RecordAt, sink: DecodeSink): void {
  const items = value.items;
  if (Array.isArray(items)) {
    items.forEach((item, index) => {
      if (isObject(item)) decodeObjectEvent(item, { file: at.file, line: at.line, index }, sink);
    });
    return;
  }
  const involved = involvedOf(value) as Record<string, unknown>;
  if (typeof value.reason !== 'string') {
    sink.issue({
      code: 'CW_INGEST_BAD_FIELD',
      severity: 'error',
      message: 'Kubernetes Event not used: reason must be a string',
      location: recordLocation(at),
    });
    return;
  }
  const fieldPath = typeof involved.fieldPath === 'string' ? involved.fieldPath : '';
  const container = CONTAINER_FIELD_PATH.exec(fieldPath)?.[1];
  const isContainerStart =
    involved.kind === 'Pod' && container !== undefined && CONTAINER_REASONS.has(value.reason);
  const logsource: Logsource = internLogsource(
    'kubernetes',
    'events',
    isContainerStart ? 'container_creation' : undefined,
  );
  const data: Record<string, unknown> = { ...value };
  if (involved.kind === 'Pod') {
    setWorkloadIdentity(data, {
      containerName: container,
      podName: involved.name,
      podNamespace: involved.namespace,
      podUid: involved.uid,
      nodeName: readPath(value, 'source.host') ?? value.reportingInstance,
    });
  }
  sink.event({
    format: 'k8s-object-events',
    logsource,
    timeMs: firstTimestamp(
      value.eventTime,
      value.lastTimestamp,
      value.firstTimestamp,
      readPath(value, 'metadata.creationTimestamp'),
    ),
    data,
    origin: recordLocation(at),
  });
}

export const K8S_OBJECT_EVENTS_FORMAT: JsonRecordFormat = {
  id: 'k8s-object-events',
  description:
    'Kubernetes Event objects (kubectl get events -o json); kubelet Created/Started → container_creation',
  sniff: (head) =>
    sniffJsonRecord(head, eventsScore, /"involvedObject"\s*:\s*\{|"regarding"\s*:\s*\{/),
  matchRecord: eventsScore,
  decodeRecord: decodeObjectEvent,
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
