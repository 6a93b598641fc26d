import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Issue } from '../errors.js';
import type { NormalizedEvent } from './event.js';
import { getFormat } from './formats.js';
import { SourceDecoder } from './source-decoder.js';
import { emptyStats } from './stats.js';

function run(
  text: string,
  options: { lineFilter?: (text: string) => boolean; format?: string } = {},
) {
  const events: NormalizedEvent[] = [];
  const issues: Issue[] = [];
  const stats = emptyStats();
  const decoder = new SourceDecoder('s', {
    stats,
    onEvent: (event) => events.push(event),
    onIssue: (issue) => issues.push(issue),
    ...(options.lineFilter === undefined ? {} : { lineFilter: options.lineFilter }),
    ...(options.format === undefined ? {} : { format: getFormat(options.format) }),
  });
  const bytes = Buffer.from(text);
  // Feed in small chunks: results must not depend on chunking.
  for (let i = 0; i < bytes.length; i += 7) decoder.push(bytes.subarray(i, i + 7));
  decoder.end();
  return { events, issues, stats };
}

const line = (id: string, resource: string) =>
  JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    auditID: id,
    verb: 'create',
    objectRef: { resource },
  });

test('a line filter skips whole JSON lines before parsing and counts them', () => {
  const text = `${line('1', 'leases')}\n${line('2', 'cronjobs')}\n${line('3', 'pods')}\n`;
  const out = run(text, { lineFilter: (raw) => raw.includes('cronjobs') });
  assert.deepEqual(
    out.events.map((event) => event.data.auditID),
    ['2'],
  );
  assert.equal(out.stats.prefiltered, 2);
  assert.equal(out.stats.lines, 3);
});

test('the line filter never cuts a multi-line document', () => {
  const pretty = JSON.stringify(
    {
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      items: [{ auditID: 'p', verb: 'get', stage: 'ResponseComplete' }],
    },
    null,
    2,
  );
  const text = `${line('1', 'leases')}\n${pretty}\n${line('2', 'cronjobs')}\n`;
  const out = run(text, { lineFilter: (raw) => raw.includes('cronjobs') });
  assert.deepEqual(out.issues, []);
  assert.deepEqual(
    out.events.map((event) => event.data.auditID),
    ['p', '2'],
  );
});

test('detection waits for the head; a forced format skips sniffing', () => {
  const out = run(`${line('1', 'pods')}\n`);
  assert.deepEqual(out.stats.filesByFormat, { 'k8s-audit': 1 });
  const forced = run(`${line('1', 'pods')}\n`, { format: 'k8s-event-list' });
  assert.equal(forced.events.length, 0);
  assert.equal(forced.issues[0]?.code, 'CW_INGEST_UNRECOGNISED_RECORD');
  assert.deepEqual(forced.issues[0]?.location, { file: 's', line: 1 });
});

test('an empty or blank input is neither an event nor an issue', () => {
  const out = run('\n  \n');
  assert.deepEqual([out.events.length, out.issues.length], [0, 0]);
});

test('a chunk decoded mid-file keeps the file line numbers; non-strict formats still route', () => {
  const events: NormalizedEvent[] = [];
  const stats = emptyStats();
  const aks = JSON.stringify({ category: 'kube-audit', properties: { log: line('a', 'pods') } });
  const decoder = new SourceDecoder('big.jsonl', {
    stats,
    format: getFormat('k8s-audit'),
    isStrict: false,
    firstLine: 1001,
    onEvent: (event) => events.push(event),
    onIssue: (issue) => assert.fail(issue.message),
  });
  decoder.push(Buffer.from(`${line('k', 'cronjobs')}\n${aks}\n`));
  decoder.end();
  assert.deepEqual(
    events.map((event) => [event.origin.line, event.format]),
    [
      [1001, 'k8s-audit'],
      [1002, 'aks-diagnostic'],
    ],
  );
  assert.equal(stats.lines, 2);
});

test('a confident first line starts decoding at once (live stdin does not wait for 64 KiB)', () => {
  const events: NormalizedEvent[] = [];
  const decoder = new SourceDecoder('<stdin>', {
    stats: emptyStats(),
    onEvent: (event) => events.push(event),
    onIssue: (issue) => assert.fail(issue.message),
  });
  decoder.push(Buffer.from(`${line('live', 'cronjobs')}\n`));
  assert.equal(events.length, 1, 'decoded before end()');
  decoder.end();
});
