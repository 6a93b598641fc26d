/**
 * Writes `samples-history/`: the 30 days before the labelled sample day (2026-10-25 …
 * 2026-11-23 UTC) of the same cluster's normal job writes, one gzipped audit JSONL file per
 * week, for `cronwarden baseline learn samples-history`. Seeded: the same files every run.
 *
 * What is in it (all benign):
 * - the cronjob-controller creating the Jobs of the three legitimate CronJobs of `samples/`
 *   (shop/queue-drain every 15 minutes, payments/db-backup nightly at 01:30, analytics/
 *   daily-report on weekdays at 06:00), with the images of the time;
 * - CI (`system:serviceaccount:ci:deployer`, Helm, 198.51.100.20) updating those CronJobs on
 *   weekdays during working hours (image tag bumps in the same repositories);
 * - alice (platform team, kubectl, office network 198.51.100.0/24) triggering the backup and
 *   the report by hand (`kubectl create job --from=cronjob/…`) on weekdays during working hours.
 *
 * Run: `npx tsx scripts/gen-baseline-samples.ts`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { mulberry32 } from '../test/seeded-random.js';
import {
  AGENTS,
  audit,
  BACKUP,
  type CronJobOptions,
  createJob,
  cronJob,
  jobOfCronJob,
  PEOPLE,
  REPORT,
  setClock,
} from './gen-rule-tests.js';

type Json = Record<string, unknown>;

const FIRST_DAY = Date.parse('2026-10-25T00:00:00Z');
const DAYS = 30;
const OUT = new URL('../samples-history/', import.meta.url).pathname;

const random = mulberry32(20261025);

interface Timed {
  readonly timeMs: number;
  readonly event: Json;
}

const events: Timed[] = [];

function at(day: number, hour: number, minute: number, second: number): number {
  // audit() advances its clock by 37 s before stamping an event.
  return FIRST_DAY + day * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 - 37_000;
}

function push(timeMs: number, build: () => Json): void {
  setClock(timeMs);
  const event = build();
  events.push({ timeMs: Date.parse(String(event.stageTimestamp)), event });
}

function withImage(cron: CronJobOptions, image: string): CronJobOptions {
  return {
    ...cron,
    containers: cron.containers.map((container) => ({ ...container, image })),
  };
}

const QUEUE_DRAIN: CronJobOptions = {
  name: 'queue-drain',
  namespace: 'shop',
  schedule: '*/15 * * * *',
  containers: [
    { name: 'drain', image: 'registry.example.com/shop/queue-drain:1.8.2', args: ['--max=500'] },
  ],
};

/** The CronJobs as they were on a given day (CI bumps image tags during the month). */
function queueDrainOn(day: number) {
  return day < 15
    ? withImage(QUEUE_DRAIN, 'registry.example.com/shop/queue-drain:1.8.1')
    : QUEUE_DRAIN;
}
function reportOn(day: number) {
  return day < 10 ? withImage(REPORT, 'registry.example.com/analytics/report:2.3.0') : REPORT;
}

function minutesOf(day: number, hour: number, minute: number): number {
  return Math.floor((FIRST_DAY + day * 86_400_000 + (hour * 60 + minute) * 60_000) / 60_000);
}

function isWeekday(day: number): boolean {
  const weekday = new Date(FIRST_DAY + day * 86_400_000).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

function workingHour(): number {
  const hours = [9, 10, 11, 13, 14, 15, 16];
  return hours[Math.floor(random() * hours.length)] as number;
}

function ciUpdate(day: number, cron: CronJobOptions): void {
  push(at(day, workingHour(), Math.floor(random() * 60), Math.floor(random() * 60)), () =>
    audit({
      verb: 'update',
      resource: 'cronjobs',
      namespace: cron.namespace,
      name: cron.name,
      user: PEOPLE.ci,
      userAgent: AGENTS.helm,
      request: cronJob(cron, true),
      response: cronJob(cron, true),
    }),
  );
}

function manualRun(day: number, cron: CronJobOptions): void {
  const suffix = Math.floor(random() * 36 ** 3)
    .toString(36)
    .padStart(3, '0');
  push(at(day, workingHour(), Math.floor(random() * 60), Math.floor(random() * 60)), () =>
    createJob(PEOPLE.alice, {
      name: `${cron.name}-manual-${suffix}`,
      namespace: cron.namespace,
      containers: cron.containers,
      metadata: {
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
        ownerReferences: [
          { apiVersion: 'batch/v1', kind: 'CronJob', name: cron.name, controller: true },
        ],
      },
    }),
  );
}

for (let day = 0; day < DAYS; day++) {
  const drain = queueDrainOn(day);
  const report = reportOn(day);
  for (let hour = 0; hour < 24; hour++) {
    for (const minute of [0, 15, 30, 45]) {
      push(at(day, hour, minute, Math.floor(random() * 30)), () =>
        jobOfCronJob(drain, minutesOf(day, hour, minute)),
      );
    }
  }
  push(at(day, 1, 30, Math.floor(random() * 30)), () =>
    jobOfCronJob(BACKUP, minutesOf(day, 1, 30)),
  );
  if (!isWeekday(day)) continue;
  push(at(day, 6, 0, Math.floor(random() * 30)), () => jobOfCronJob(report, minutesOf(day, 6, 0)));
  // CI redeploys: the report most weekdays, the drain and the backup now and then.
  if (random() < 0.7) ciUpdate(day, report);
  if (day === 15 || random() < 0.15) ciUpdate(day, drain);
  if (random() < 0.1) ciUpdate(day, BACKUP);
  if (random() < 0.35) manualRun(day, BACKUP);
  if (random() < 0.2) manualRun(day, report);
}

events.sort((a, b) => a.timeMs - b.timeMs);
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const files: string[] = [];
for (let week = 0; week * 7 < DAYS; week++) {
  const from = FIRST_DAY + week * 7 * 86_400_000;
  const to = Math.min(from + 7 * 86_400_000, FIRST_DAY + DAYS * 86_400_000);
  const lines = events
    .filter((timed) => timed.timeMs >= from && timed.timeMs < to)
    .map((timed) => JSON.stringify(timed.event));
  const name = `audit-${new Date(from).toISOString().slice(0, 10)}.jsonl.gz`;
  // mtime 0 in the gzip header: the same bytes every run.
  writeFileSync(`${OUT}${name}`, gzipSync(`${lines.join('\n')}\n`, { level: 9 }));
  files.push(`${name}: ${lines.length} records`);
}
process.stdout.write(`${files.join('\n')}\n`);
