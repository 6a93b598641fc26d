/**
 * Builders for correlate tests: audit writes and endpoint events in the normalized shape.
 * @module
 */
import type { NormalizedEvent } from '../ingest/event.js';

const BASE = Date.parse('2026-11-24T14:00:00Z');

/** An accepted audit write at `line` of `audit.jsonl`, `minute` minutes after 14:00. */
export function write(
  line: number,
  minute: number,
  fields: {
    verb?: string;
    resource: string;
    subresource?: string;
    namespace?: string;
    name?: string;
    user?: string;
    request?: unknown;
    response?: unknown;
    code?: number;
  },
): NormalizedEvent {
  return {
    format: 'k8s-audit',
    logsource: { product: 'kubernetes', service: 'audit' },
    timeMs: BASE + minute * 60_000,
    data: {
      kind: 'Event',
      stage: 'ResponseComplete',
      verb: fields.verb ?? 'create',
      user: { username: fields.user ?? 'system:serviceaccount:kube-system:job-controller' },
      sourceIPs: ['10.0.0.4'],
      userAgent: 'kubectl/v1.30.2',
      objectRef: {
        resource: fields.resource,
        namespace: fields.namespace ?? 'default',
        ...(fields.name ? { name: fields.name } : {}),
        ...(fields.subresource ? { subresource: fields.subresource } : {}),
      },
      responseStatus: { code: fields.code ?? 201 },
      ...(fields.request === undefined ? {} : { requestObject: fields.request }),
      ...(fields.response === undefined ? {} : { responseObject: fields.response }),
    },
    origin: { file: 'audit.jsonl', line },
  };
}

/** An endpoint process event at `line` of `falco.jsonl` with the given workload identity. */
export function process(
  line: number,
  minute: number,
  identity: Record<string, string>,
  image = '/bin/bash',
): NormalizedEvent {
  return {
    format: 'falco-json',
    logsource: { product: 'linux', service: 'falco', category: 'process_creation' },
    timeMs: BASE + minute * 60_000,
    data: { Image: image, CommandLine: 'bash -i', ProcessId: '9', ...identity },
    origin: { file: 'falco.jsonl', line },
  };
}

export const CRONJOB_UID = '11111111-1111-4111-a111-111111111111';
export const JOB_UID = '22222222-2222-4222-a222-222222222222';
export const POD_UID = '33333333-3333-4333-a333-333333333333';
export const CONTAINER_ID = 'a'.repeat(8) + 'b'.repeat(56);

/** `mallory` creates CronJob default/sync (uid CRONJOB_UID). */
export const cronJobCreate = (line = 1) =>
  write(line, 0, {
    resource: 'cronjobs',
    name: 'sync',
    user: 'mallory@contractor.example',
    request: { kind: 'CronJob', metadata: { name: 'sync' }, spec: { schedule: '*/1 * * * *' } },
    response: {
      kind: 'CronJob',
      metadata: { name: 'sync', namespace: 'default', uid: CRONJOB_UID },
      spec: { schedule: '*/1 * * * *' },
    },
  });

/** The cronjob-controller creates Job default/sync-29925483 with the given metadata. */
export const jobCreate = (line: number, metadata: Record<string, unknown>) =>
  write(line, 1, {
    resource: 'jobs',
    name: 'sync-29925483',
    user: 'system:serviceaccount:kube-system:cronjob-controller',
    response: {
      kind: 'Job',
      metadata: { name: 'sync-29925483', uid: JOB_UID, ...metadata },
      spec: {},
    },
  });

/** The job-controller creates Pod default/sync-29925483-k2x9q with the given metadata. */
export const podCreate = (line: number, metadata: Record<string, unknown>) =>
  write(line, 2, {
    resource: 'pods',
    request: { kind: 'Pod', metadata: { generateName: 'sync-29925483-' }, spec: {} },
    response: {
      kind: 'Pod',
      metadata: { name: 'sync-29925483-k2x9q', namespace: 'default', uid: POD_UID, ...metadata },
      spec: { containers: [{ name: 'sync', image: 'alpine:3.20' }] },
    },
  });

/** The kubelet's status patch reporting the pod's container id. */
export const podStatus = (line: number) =>
  write(line, 3, {
    verb: 'patch',
    resource: 'pods',
    subresource: 'status',
    name: 'sync-29925483-k2x9q',
    user: 'system:node:aks-nodepool1-1',
    code: 200,
    request: {
      metadata: { uid: POD_UID },
      status: {
        containerStatuses: [
          { name: 'sync', image: 'alpine:3.20', containerID: `containerd://${CONTAINER_ID}` },
        ],
      },
    },
  });
