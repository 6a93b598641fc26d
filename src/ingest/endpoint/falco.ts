/**
 * `falco-json`: Falco alerts as written with `json_output: true` (stdout, file output,
 * Falcosidekick): `{time, rule, priority, output, source, tags, hostname, output_fields}`.
 *
 * An alert is Falco's verdict on one kernel (or plugin) event; it is decoded as that event so
 * rules can run on it: logsource `{product: linux, service: falco}` (`kubernetes` for the
 * `k8s_audit` source) plus a category from `evt.type` when the rule's output has it
 * (`execve`/`execveat` → process_creation, `open*`/`creat` with `fd.name` → file_event,
 * `connect` → network_connection, `container` → container_creation). Output fields map to
 * the Sigma names: `proc.exepath` (else `proc.exe`) → `Image`, `proc.cmdline` →
 * `CommandLine`, `proc.pexepath`/`proc.pcmdline` → `ParentImage`/`ParentCommandLine`,
 * `proc.pid`/`proc.ppid`, `proc.cwd` → `CurrentDirectory`, `user.name` → `User`, `fd.name` →
 * `TargetFilename` (files) or `fd.sip`/`fd.sport` → `DestinationIp`/`DestinationPort`
 * (connections), and the container and pod fields to the workload identity (`container.id`,
 * `container.name`, `container.image.repository:tag`, `k8s.pod.name`, `k8s.ns.name`,
 * `k8s.pod.uid`, `hostname` → `NodeName`). The alert itself stays in `rule`, `priority`,
 * `output`, `tags` and `output_fields`.
 * @module
 */
import type { Logsource } from '../../logsource.js';
import type { DecodeSink } from '../format.js';
import { openJsonRecordDecoder } from '../json/dispatch.js';
import { isObject, type JsonRecordFormat, type RecordAt } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { recordLocation } from '../k8s/audit-record.js';
import { firstTimestamp } from '../time.js';
import { setPresent } from './fields.js';
import { internLogsource } from './logsource-intern.js';
import { setWorkloadIdentity } from './workload.js';

function falcoScore(value: Readonly<Record<string, unknown>>): number {
  if (!('output_fields' in value) || typeof value.rule !== 'string') return 0;
  return 'priority' in value || 'output' in value ? 1 : 0.7;
}

const FILE_OPENS = new Set(['open', 'openat', 'openat2', 'creat']);

/** Sigma category for a Falco syscall event type. */
export function falcoCategory(
  evtType: unknown,
  fields: Readonly<Record<string, unknown>>,
): string | undefined {
  if (evtType === 'execve' || evtType === 'execveat') return 'process_creation';
  if (evtType === 'container') return 'container_creation';
  if (evtType === 'connect') return 'network_connection';
  if (
    typeof evtType === 'string' &&
    FILE_OPENS.has(evtType) &&
    typeof fields['fd.name'] === 'string'
  ) {
    return 'file_event';
  }
  return undefined;
}

function decodeFalco(value: Record<string, unknown>, at: RecordAt, sink: DecodeSink): void {
  const fields = value.output_fields;
  if (!isObject(fields)) {
    sink.issue({
      code: 'CW_INGEST_BAD_FIELD',
      severity: 'error',
      message: 'Falco alert not used: output_fields must be an object',
      location: recordLocation(at),
    });
    return;
  }
  const source = typeof value.source === 'string' ? value.source : 'syscall';
  const product = source === 'k8s_audit' ? 'kubernetes' : 'linux';
  const category = source === 'syscall' ? falcoCategory(fields['evt.type'], fields) : undefined;
  const logsource: Logsource = internLogsource(product, 'falco', category);
  const data: Record<string, unknown> = { ...value };
  setPresent(data, 'Image', fields['proc.exepath'] ?? fields['proc.exe']);
  setPresent(data, 'CommandLine', fields['proc.cmdline']);
  setPresent(data, 'ParentImage', fields['proc.pexepath'] ?? fields['proc.pexe']);
  setPresent(data, 'ParentCommandLine', fields['proc.pcmdline']);
  setPresent(data, 'ProcessId', fields['proc.pid']);
  setPresent(data, 'ParentProcessId', fields['proc.ppid']);
  setPresent(data, 'CurrentDirectory', fields['proc.cwd']);
  setPresent(data, 'User', fields['user.name']);
  if (fields['fd.sip'] !== undefined || fields['fd.sport'] !== undefined) {
    setPresent(data, 'DestinationIp', fields['fd.sip']);
    setPresent(data, 'DestinationPort', fields['fd.sport']);
  } else {
    setPresent(data, 'TargetFilename', fields['fd.name']);
  }
  const repository = fields['container.image.repository'];
  const tag = fields['container.image.tag'];
  setWorkloadIdentity(data, {
    containerId: fields['container.id'],
    containerName: fields['container.name'],
    containerImage:
      typeof repository === 'string' && typeof tag === 'string' && tag !== ''
        ? `${repository}:${tag}`
        : (repository ?? fields['container.image']),
    podName: fields['k8s.pod.name'],
    podNamespace: fields['k8s.ns.name'],
    podUid: fields['k8s.pod.uid'],
    nodeName: value.hostname,
  });
  const evtTime = fields['evt.time'];
  sink.event({
    format: 'falco-json',
    logsource,
    // evt.time is epoch nanoseconds in JSON output.
    timeMs: firstTimestamp(
      value.time,
      typeof evtTime === 'number' ? Math.floor(evtTime / 1e6) : undefined,
    ),
    data,
    origin: recordLocation(at),
  });
}

export const FALCO_JSON_FORMAT: JsonRecordFormat = {
  id: 'falco-json',
  description: 'Falco alerts as JSON (json_output, Falcosidekick): rule, priority, output_fields',
  sniff: (head) => sniffJsonRecord(head, falcoScore, /"output_fields"\s*:\s*\{/),
  matchRecord: falcoScore,
  decodeRecord: decodeFalco,
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
