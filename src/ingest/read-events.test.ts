import assert from 'node:assert/strict';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CronwardenError } from '../errors.js';
import type { NormalizedEvent } from './event.js';
import { type ReadOptions, readEvents } from './read-events.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-ingest-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function auditLine(id: string, verb = 'create'): string {
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    auditID: id,
    stage: 'ResponseComplete',
    verb,
    objectRef: { resource: 'cronjobs', namespace: 'default', name: id, apiGroup: 'batch' },
    stageTimestamp: '2026-03-02T10:15:00Z',
  });
}

async function collect(paths: string[], options: ReadOptions = {}) {
  const stream = readEvents(paths, options);
  const events: NormalizedEvent[] = [];
  for await (const event of stream) events.push(event);
  return { events, stats: stream.stats, issues: stream.issues };
}

test('gzip is recognised by its magic bytes, whatever the file name', async () => {
  const file = join(dir, 'audit-no-extension');
  writeFileSync(file, gzipSync(`${auditLine('g1')}\n${auditLine('g2')}\n`));
  const out = await collect([file]);
  assert.deepEqual(
    out.events.map((event) => [event.data.auditID, event.origin.line]),
    [
      ['g1', 1],
      ['g2', 2],
    ],
  );
  assert.ok(out.stats.bytesRead > 0);
  assert.deepEqual(out.issues, []);
});

test('a truncated gzip keeps the lines before the damage and then reports it', async () => {
  const lines = Array.from({ length: 2000 }, (_, i) => auditLine(`t${i}`)).join('\n');
  const whole = gzipSync(`${lines}\n`);
  const file = join(dir, 'cut.jsonl.gz');
  writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const out = await collect([file]);
  assert.ok(out.events.length > 100, `decoded ${out.events.length} good lines first`);
  assert.equal(out.events[0]?.data.auditID, 't0');
  const last = out.issues.at(-1);
  assert.equal(last?.code, 'CW_INGEST_TRUNCATED_GZIP');
  assert.deepEqual(last?.location, { file });
  assert.match(last?.message ?? '', /truncated or corrupt/);
});

test('a 100 MB line is reported with file:line and skipped; the lines around it decode', async () => {
  const file = join(dir, 'huge-line.jsonl');
  const out = createWriteStream(file);
  out.write(`${auditLine('before')}\n{"kind":"Event","apiVersion":"audit.k8s.io/v1","pad":"`);
  const block = Buffer.alloc(1024 * 1024, 'x');
  for (let i = 0; i < 100; i++) {
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end(`"}\r\n${auditLine('after')}\r\n`);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
  const result = await collect([file]);
  assert.deepEqual(
    result.events.map((event) => [event.data.auditID, event.origin.line]),
    [
      ['before', 1],
      ['after', 3],
    ],
  );
  assert.equal(result.issues.length, 1);
  assert.equal(result.issues[0]?.code, 'CW_INGEST_LINE_TOO_LONG');
  assert.deepEqual(result.issues[0]?.location, { file, line: 2 });
  assert.match(result.issues[0]?.message ?? '', /line of 10485\d{4} bytes/);
  rmSync(file);
});

test('directories are walked recursively in a stable order; globs and stdin work', async () => {
  const root = join(dir, 'tree');
  mkdirSync(join(root, 'b', 'deep'), { recursive: true });
  mkdirSync(join(root, 'a'), { recursive: true });
  writeFileSync(join(root, 'b', 'deep', 'z.jsonl'), `${auditLine('bz')}\n`);
  writeFileSync(join(root, 'a', '2.jsonl'), `${auditLine('a2')}\n`);
  writeFileSync(join(root, 'a', '10.jsonl'), `${auditLine('a10')}\n`);
  writeFileSync(join(root, 'c.log'), `${auditLine('c')}\n`);
  const walked = await collect([root]);
  assert.deepEqual(
    walked.events.map((event) => event.data.auditID),
    ['a10', 'a2', 'bz', 'c'],
  );
  const globbed = await collect([join(root, '**', '*.jsonl')]);
  assert.deepEqual(
    globbed.events.map((event) => event.data.auditID),
    ['a10', 'a2', 'bz'],
  );
  const stdin = Readable.from([Buffer.from(`${auditLine('s1')}\n`)]);
  const piped = await collect(['-'], { stdin });
  assert.deepEqual(piped.events[0]?.origin, { file: '<stdin>', line: 1 });
});

test('missing paths and empty globs are issues; the other inputs are still read', async () => {
  const file = join(dir, 'one.jsonl');
  writeFileSync(file, `${auditLine('one')}\n`);
  const missing = join(dir, 'nope.jsonl');
  const out = await collect([missing, file, join(dir, '*.nothing')]);
  assert.equal(out.events.length, 1);
  assert.deepEqual(
    out.issues.map((issue) => [issue.code, issue.location?.file]),
    [
      ['CW_INGEST_NO_INPUT', missing],
      ['CW_INGEST_NO_INPUT', join(dir, '*.nothing')],
    ],
  );
});

test('an undetectable input is one clear issue naming the file and what it starts with', async () => {
  const file = join(dir, 'binary.bin');
  writeFileSync(file, Buffer.from([0, 1, 2, 3, 255, 254, 10, 65, 66]));
  const out = await collect([file]);
  assert.equal(out.events.length, 0);
  assert.equal(out.issues.length, 1);
  assert.equal(out.issues[0]?.code, 'CW_INGEST_UNKNOWN_FORMAT');
  assert.deepEqual(out.issues[0]?.location, { file, line: 1 });
  assert.match(out.issues[0]?.message ?? '', /binary data/);
  assert.deepEqual(out.stats.filesByFormat, { unknown: 1 });
});

test('--format forces the decoder; an unknown id is a usage error listing the ids', async () => {
  const file = join(dir, 'forced.jsonl');
  const aks = JSON.stringify({ category: 'kube-audit', properties: { log: auditLine('f2') } });
  writeFileSync(file, `${auditLine('f1')}\n${aks}\n`);
  const out = await collect([file], { format: 'k8s-audit' });
  assert.equal(out.events.length, 1);
  assert.equal(out.issues[0]?.code, 'CW_INGEST_UNRECOGNISED_RECORD');
  assert.deepEqual(out.issues[0]?.location, { file, line: 2 });
  assert.throws(
    () => readEvents([file], { format: 'nope' }),
    (error: unknown) =>
      error instanceof CronwardenError &&
      error.code === 'CW_INGEST_NO_SUCH_FORMAT' &&
      /k8s-audit/.test(error.message),
  );
});

test('stats count events per format, files per format and progress bytes', async () => {
  const file = join(dir, 'stats.jsonl');
  const text = `${auditLine('s1')}\n${auditLine('s1')}\n`;
  writeFileSync(file, text);
  let progressCalls = 0;
  const out = await collect([file], { onProgress: () => progressCalls++ });
  assert.equal(out.stats.bytesRead, Buffer.byteLength(text));
  assert.deepEqual(out.stats.eventsByFormat, { 'k8s-audit': 1 });
  assert.equal(out.stats.duplicates, 1);
  assert.deepEqual(out.stats.filesByFormat, { 'k8s-audit': 1 });
  assert.ok(progressCalls >= 1);
  const noDedupe = await collect([file], { dedupe: false });
  assert.equal(noDedupe.events.length, 2);
});
