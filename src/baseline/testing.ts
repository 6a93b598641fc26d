/**
 * Builders for baseline tests: CronJob/Job write events and a mature history to score against.
 * @module
 */
import type { NormalizedEvent } from '../ingest/event.js';
import { type BaselineModel, modelFromObservations } from './model.js';
import { type JobWriteObservation, observeJobWrite } from './observation.js';

export interface WriteOptions {
  readonly user?: string;
  readonly groups?: readonly string[];
  readonly namespace?: string;
  readonly verb?: 'create' | 'update' | 'patch';
  readonly resource?: 'cronjobs' | 'jobs';
  readonly name?: string;
  readonly image?: string;
  readonly serviceAccount?: string;
  readonly schedule?: string;
  readonly userAgent?: string;
  readonly sourceIP?: string;
  /** ISO time. */
  readonly time: string;
  readonly auditID?: string;
  readonly code?: number;
  readonly line?: number;
}

let counter = 0;

/** One accepted CronJob (default) or Job write with a whole response body. */
export function jobWrite(options: WriteOptions): NormalizedEvent {
  counter += 1;
  const resource = options.resource ?? 'cronjobs';
  const podSpec = {
    ...(options.serviceAccount ? { serviceAccountName: options.serviceAccount } : {}),
    containers: [{ name: 'main', image: options.image ?? 'registry.example.com/app/job:1.0' }],
  };
  const body =
    resource === 'cronjobs'
      ? {
          kind: 'CronJob',
          metadata: { name: options.name ?? 'nightly' },
          spec: {
            schedule: options.schedule ?? '0 3 * * *',
            jobTemplate: { spec: { template: { spec: podSpec } } },
          },
        }
      : {
          kind: 'Job',
          metadata: { name: options.name ?? 'once' },
          spec: { template: { spec: podSpec } },
        };
  return {
    format: 'k8s-audit',
    logsource: { product: 'kubernetes', service: 'audit' },
    timeMs: Date.parse(options.time),
    data: {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      auditID: options.auditID ?? `id-${counter}`,
      stage: 'ResponseComplete',
      verb: options.verb ?? 'create',
      requestURI: `/apis/batch/v1/namespaces/${options.namespace ?? 'payments'}/${resource}`,
      user: {
        username: options.user ?? 'alice@example.com',
        groups: options.groups ?? ['system:authenticated'],
      },
      sourceIPs: [options.sourceIP ?? '198.51.100.20'],
      userAgent: options.userAgent ?? 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350',
      objectRef: {
        resource,
        namespace: options.namespace ?? 'payments',
        name: options.name ?? 'nightly',
        apiGroup: 'batch',
      },
      responseStatus: { code: options.code ?? 201 },
      requestObject: body,
      responseObject: body,
      stageTimestamp: options.time,
    },
    origin: { file: 'audit.jsonl', line: options.line ?? counter },
  };
}

/** Nobody is a controller in these tests unless its name says so. */
export const isTestController = (username: string) => username.includes('controller');

export function observe(event: NormalizedEvent): JobWriteObservation {
  const observation = observeJobWrite(event, isTestController);
  if (!observation) throw new Error('not a job write');
  return observation;
}

/**
 * A mature `payments` history: 30 weekdays-and-weekends of alice writing the nightly CronJob
 * at 10:xx UTC with kubectl from 198.51.100.20, image registry.example.com/app/job, service
 * account batch-runner, schedule `0 3 * * *` (every day).
 */
export function paymentsHistory(days = 30): NormalizedEvent[] {
  const events: NormalizedEvent[] = [];
  for (let day = 0; day < days; day++) {
    const date = new Date(Date.UTC(2026, 9, 1 + day, 10, day % 50));
    events.push(
      jobWrite({
        time: date.toISOString(),
        verb: day === 0 ? 'create' : 'update',
        serviceAccount: 'batch-runner',
        auditID: `history-${day}`,
      }),
    );
  }
  return events;
}

export function modelOf(events: readonly NormalizedEvent[]): BaselineModel {
  return modelFromObservations(events.map(observe));
}
