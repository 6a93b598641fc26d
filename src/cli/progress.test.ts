import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgress, renderProgress } from './progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (t: string) => writes.push(t) > 0 } };
}

test('silent when stderr is not a TTY, and with --quiet', () => {
  for (const [isTTY, quiet] of [
    [false, false],
    [true, true],
  ] as const) {
    const { writes, stream } = fakeStream(isTTY);
    const progress = createProgress({ stream, quiet, totalBytes: 100, now: () => 0 });
    progress.update(50, 10);
    progress.done();
    assert.deepEqual(writes, []);
  }
});

test('on a TTY it redraws at most once per interval and clears the line when done', () => {
  const { writes, stream } = fakeStream(true);
  let clock = 0;
  const progress = createProgress({
    stream,
    totalBytes: 4_000_000,
    now: () => clock,
    intervalMs: 100,
  });
  clock = 1000;
  progress.update(1_000_000, 5000);
  clock = 1050;
  progress.update(1_500_000, 7000); // inside the interval: skipped
  clock = 2000;
  progress.update(2_000_000, 10_000);
  progress.done();
  assert.equal(writes.length, 3);
  assert.match(
    writes[0]!,
    /^\r\[#+\.+\] {2}25% {2}1\.0 MB\/4\.0 MB {2}1\.0 MB\/s {2}5\.0k ev\/s {2}ETA 0:03/,
  );
  assert.equal(writes[2], '\r\u001b[K');
});

test('renderProgress fits the width and handles unknown totals', () => {
  const line = renderProgress({ bytes: 3e9, events: 9e6, elapsedMs: 10_000, width: 40 });
  assert.ok(line.length <= 39);
  assert.match(line, /^3\.0 GB {2}300\.0 MB\/s {2}900\.0k ev\/s/);
});
