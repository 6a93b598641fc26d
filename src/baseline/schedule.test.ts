import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeInterval, frequencyClass, parseSchedule } from './schedule.js';

const CASES: { schedule: string; normalized: string; interval: number | undefined }[] = [
  { schedule: '*/1 * * * *', normalized: '*/1 * * * *', interval: 1 },
  { schedule: '* * * * *', normalized: '* * * * *', interval: 1 },
  { schedule: '*/15  *  * * *', normalized: '*/15 * * * *', interval: 15 },
  { schedule: '0,10,45 * * * *', normalized: '0,10,45 * * * *', interval: 10 },
  { schedule: '5/20 * * * *', normalized: '5/20 * * * *', interval: 20 },
  { schedule: '@hourly', normalized: '0 * * * *', interval: 60 },
  { schedule: '30 1 * * *', normalized: '30 1 * * *', interval: 1440 },
  { schedule: '0 6 * * 1-5', normalized: '0 6 * * 1-5', interval: 1440 },
  { schedule: '0 6 * * MON-FRI', normalized: '0 6 * * MON-FRI', interval: 1440 },
  { schedule: '0 0 * * 0', normalized: '0 0 * * 0', interval: 10_080 },
  { schedule: '@weekly', normalized: '0 0 * * 0', interval: 10_080 },
  { schedule: '0 0 * * 7', normalized: '0 0 * * 7', interval: 10_080 },
  { schedule: 'CRON_TZ=Europe/Paris 0 2 * * *', normalized: '0 2 * * *', interval: 1440 },
  // Day-of-month and weekday both restricted: either matches (the 1st, or any Monday).
  { schedule: '0 0 1 * 1', normalized: '0 0 1 * 1', interval: 1440 },
  { schedule: '0 0 30 2 *', normalized: '0 0 30 2 *', interval: undefined },
  { schedule: '0 25 * * *', normalized: '0 25 * * *', interval: undefined },
  { schedule: 'every minute', normalized: 'every minute', interval: undefined },
];

for (const { schedule, normalized, interval } of CASES) {
  test(`schedule "${schedule}" runs at most every ${interval ?? '?'} minutes`, () => {
    assert.deepEqual(parseSchedule(schedule), { normalized, intervalMinutes: interval });
  });
}

test('frequency classes and words', () => {
  assert.equal(frequencyClass(1), 'every-minute');
  assert.equal(frequencyClass(15), 'sub-hourly');
  assert.equal(frequencyClass(60), 'hourly');
  assert.equal(frequencyClass(1440), 'daily');
  assert.equal(frequencyClass(10_080), 'weekly-or-rarer');
  assert.equal(describeInterval(1), 'every minute');
  assert.equal(describeInterval(15), 'every 15 minutes');
  assert.equal(describeInterval(120), 'every 2 hours');
  assert.equal(describeInterval(1440), 'every day');
});
