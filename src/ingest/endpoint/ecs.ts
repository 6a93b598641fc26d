/**
 * `elastic-ecs`: Elastic Common Schema documents (Elastic Defend / Endpoint, Auditbeat,
 * Filebeat, Elastic Agent integrations), JSON lines or an export. The ECS `event.category` /
 * `event.type` pair selects the Sigma category and ECS fields are copied to the Sigma names
 * (the original document is kept beside them):
 *
 * | ECS | Sigma |
 * | --- | --- |
 * | `process` + `start` | category process_creation |
 * | `file` + `creation` (or `change` with `event.action` creation) | file_event |
 * | `file` + `deletion` | file_delete |
 * | `network` (+ `connection`/`start`) | network_connection |
 * | `library` | image_load |
 * | `registry` + `change`/`creation` | registry_set / registry_add |
 * | a container `start`/`creation` (Docker, containerd, CRI-O, Kubernetes modules, or `event.category: container`) | container_creation |
 *
 * `process.executable` → `Image`, `process.command_line` (else `process.args` joined) →
 * `CommandLine`, `process.parent.executable` → `ParentImage`, `process.parent.command_line` →
 * `ParentCommandLine`, `process.pid`/`process.parent.pid` → `ProcessId`/`ParentProcessId`,
 * `process.working_directory` → `CurrentDirectory`, `user.domain`\\`user.name` → `User`,
 * `process.pe.original_file_name` → `OriginalFileName`, `process.hash.*` → `Hashes`,
 * `file.path` → `TargetFilename`, `destination.ip`/`.port`/`.domain` → `DestinationIp`/
 * `DestinationPort`/`DestinationHostname`, `source.ip`/`.port` → `SourceIp`/`SourcePort`,
 * `registry.path` → `TargetObject`, `dll.path` → `ImageLoaded`. Product: `host.os.type`
 * (`windows`, `linux`, `macos`), else `linux`.
 * @module
 */
import type { Logsource } from '../../logsource.js';
import type { DecodeSink } from '../format.js';
import { openJsonRecordDecoder } from '../json/dispatch.js';
import { isObject, type JsonRecordFormat, type RecordAt } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { recordLocation } from '../k8s/audit-record.js';
import { parseTimestamp } from '../time.js';
import { readPath, setPresent, stringList } from './fields.js';
import { internLogsource } from './logsource-intern.js';
import { setWorkloadIdentity } from './workload.js';

function ecsScore(value: Readonly<Record<string, unknown>>): number {
  if (isObject(value.winlog)) return 0; // Winlogbeat: windows-agent-json reads it
  const hasEcs = readPath(value, 'ecs.version') !== undefined;
  const hasCategory = readPath(value, 'event.category') !== undefined;
  if (hasEcs && hasCategory) return 0.9;
  if (hasCategory && '@timestamp' in value) return 0.8;
  if (hasEcs) return 0.6;
  return 0;
}

const CONTAINER_MODULES = new Set(['docker', 'containerd', 'cri-o', 'kubernetes', 'cloud_defend']);

function isContainerStart(
  value: Readonly<Record<string, unknown>>,
  categories: string[],
  types: string[],
): boolean {
  if (readPath(value, 'container.id') === undefined) return false;
  if (!types.some((type) => type === 'start' || type === 'creation')) return false;
  if (categories.includes('container')) return true;
  const module = readPath(value, 'event.module');
  const action = String(readPath(value, 'event.action') ?? '');
  return (
    typeof module === 'string' &&
    CONTAINER_MODULES.has(module) &&
    readPath(value, 'process.executable') === undefined &&
    /create|start/i.test(action)
  );
}

/** The Sigma category of an ECS event, or undefined. */
export function ecsCategory(value: Readonly<Record<string, unknown>>): string | undefined {
  const categories = stringList(readPath(value, 'event.category'));
  const types = stringList(readPath(value, 'event.type'));
  const action = String(readPath(value, 'event.action') ?? '');
  if (isContainerStart(value, categories, types)) return 'container_creation';
  if (categories.includes('process') && types.includes('start')) return 'process_creation';
  if (categories.includes('file')) {
    if (types.includes('deletion')) return 'file_delete';
    if (types.includes('creation') || /creat/i.test(action)) return 'file_event';
    return 'file_change';
  }
  if (categories.includes('library')) return 'image_load';
  if (categories.includes('registry'))
    return types.includes('creation') ? 'registry_add' : 'registry_set';
  if (categories.includes('network')) return 'network_connection';
  return undefined;
}

function productOf(value: Readonly<Record<string, unknown>>): string {
  const os = readPath(value, 'host.os.type') ?? readPath(value, 'host.os.platform');
  if (os === 'windows' || os === 'macos' || os === 'linux') return os;
  if (os === 'darwin') return 'macos';
  return 'linux';
}

function hashesOf(hash: unknown): string | undefined {
  if (!isObject(hash)) return undefined;
  const parts: string[] = [];
  for (const name of ['md5', 'sha1', 'sha256', 'imphash'] as const) {
    if (typeof hash[name] === 'string')
      parts.push(`${name.toUpperCase()}=${String(hash[name]).toUpperCase()}`);
  }
  return parts.length === 0 ? undefined : parts.join(',');
}

/** The Sigma names of an ECS document (process, file, network, registry, user, container). */
export function ecsSigmaFields(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const args = readPath(value, 'process.args');
  setPresent(data, 'Image', readPath(value, 'process.executable'));
  setPresent(
    data,
    'CommandLine',
    readPath(value, 'process.command_line') ?? (Array.isArray(args) ? args.join(' ') : undefined),
  );
  setPresent(data, 'ParentImage', readPath(value, 'process.parent.executable'));
  setPresent(data, 'ParentCommandLine', readPath(value, 'process.parent.command_line'));
  setPresent(data, 'ProcessId', readPath(value, 'process.pid'));
  setPresent(data, 'ParentProcessId', readPath(value, 'process.parent.pid'));
  setPresent(data, 'CurrentDirectory', readPath(value, 'process.working_directory'));
  setPresent(data, 'OriginalFileName', readPath(value, 'process.pe.original_file_name'));
  setPresent(data, 'Hashes', hashesOf(readPath(value, 'process.hash')));
  const userName = readPath(value, 'user.name');
  const domain = readPath(value, 'user.domain');
  setPresent(
    data,
    'User',
    typeof domain === 'string' && typeof userName === 'string'
      ? `${domain}\\${userName}`
      : userName,
  );
  setPresent(data, 'TargetFilename', readPath(value, 'file.path'));
  setPresent(data, 'ImageLoaded', readPath(value, 'dll.path'));
  setPresent(data, 'TargetObject', readPath(value, 'registry.path'));
  setPresent(data, 'Details', readPath(value, 'registry.data.strings'));
  setPresent(data, 'DestinationIp', readPath(value, 'destination.ip'));
  setPresent(data, 'DestinationPort', readPath(value, 'destination.port'));
  setPresent(data, 'DestinationHostname', readPath(value, 'destination.domain'));
  setPresent(data, 'SourceIp', readPath(value, 'source.ip'));
  setPresent(data, 'SourcePort', readPath(value, 'source.port'));
  const imageName = readPath(value, 'container.image.name');
  const imageTag = stringList(readPath(value, 'container.image.tag'))[0];
  setWorkloadIdentity(data, {
    containerId: readPath(value, 'container.id'),
    containerName: readPath(value, 'container.name'),
    containerImage:
      typeof imageName === 'string' && imageTag !== undefined && !imageName.includes(':')
        ? `${imageName}:${imageTag}`
        : imageName,
    podName:
      readPath(value, 'kubernetes.pod.name') ?? readPath(value, 'orchestrator.resource.name'),
    podNamespace:
      readPath(value, 'kubernetes.namespace') ?? readPath(value, 'orchestrator.namespace'),
    podUid: readPath(value, 'kubernetes.pod.uid'),
    nodeName: readPath(value, 'kubernetes.node.name'),
  });
  return data;
}

function decodeEcs(value: Record<string, unknown>, at: RecordAt, sink: DecodeSink): void {
  const category = readPath(value, 'event.category');
  if (category !== undefined && stringList(category).length === 0) {
    sink.issue({
      code: 'CW_INGEST_BAD_FIELD',
      severity: 'error',
      message: 'ECS event not used: event.category must be a string or a list of strings',
      location: recordLocation(at),
    });
    return;
  }
  const sigmaCategory = ecsCategory(value);
  const product = productOf(value);
  const logsource: Logsource = internLogsource(product, undefined, sigmaCategory);
  sink.event({
    format: 'elastic-ecs',
    logsource,
    timeMs: parseTimestamp(value['@timestamp']),
    data: { ...value, ...ecsSigmaFields(value) },
    origin: recordLocation(at),
  });
}

export const ELASTIC_ECS_FORMAT: JsonRecordFormat = {
  id: 'elastic-ecs',
  description:
    'Elastic Common Schema events (Elastic Defend, Auditbeat, Agent): process.*, file.*, container.*',
  sniff: (head) => sniffJsonRecord(head, ecsScore, /"ecs"\s*:\s*\{\s*"version"|"ecs\.version"\s*:/),
  matchRecord: ecsScore,
  decodeRecord: decodeEcs,
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
