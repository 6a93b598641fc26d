import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jobNameOfPod, parseScheduledJobName } from './name-patterns.js';

test('a cronjob-controller Job name gives the CronJob and the scheduled minute', () => {
  assert.deepEqual(parseScheduledJobName('db-backup-29925483'), {
    cronJob: 'db-backup',
    scheduledMs: 29925483 * 60_000,
  });
  assert.equal(new Date(29925483 * 60_000).toISOString(), '2026-11-24T14:03:00.000Z');
});

test('names without an 8–10 digit minute suffix are not scheduled Jobs', () => {
  for (const name of ['db-backup', 'db-backup-manual-q9z', 'web-1234567', 'x-12345678901'])
    assert.equal(parseScheduledJobName(name), undefined, name);
});

test('a job pod name drops its 5-character suffix', () => {
  assert.equal(jobNameOfPod('sync-29925483-k2x9q'), 'sync-29925483');
  assert.equal(jobNameOfPod('sync-29925483'), undefined);
  assert.equal(jobNameOfPod('sync-29925483-k2x9'), undefined);
});
