import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sampleReport } from '../../test/report-fixture.js';
import { emitReport, type ReportStreams } from './report-options.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-emit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function streams(isTTY = false, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const s: ReportStreams = {
    stdout: { isTTY, write: (t) => out.push(t) > 0 },
    stderr: { isTTY, write: (t) => err.push(t) > 0 },
    env,
  };
  return { s, out, err };
}

test('table goes to stdout and the summary to stderr; exit 1 at or above --fail-on', async () => {
  const { s, out, err } = streams();
  const code = await emitReport(sampleReport(), { format: 'table', failOn: 'critical' }, s);
  assert.equal(code, 1);
  assert.match(out.join(''), /^LEVEL/);
  assert.match(err.join(''), /^cronwarden hunt: 42 records/);
});

test('--quiet drops the summary; --fail-on none always exits 0', async () => {
  const { s, err } = streams();
  assert.equal(
    await emitReport(sampleReport(), { format: 'table', failOn: 'none', quiet: true }, s),
    0,
  );
  assert.deepEqual(err, []);
});

test('--min-level hides lower findings, and --fail-on looks only at what is shown', async () => {
  const { s, out } = streams();
  const code = await emitReport(
    sampleReport(),
    { format: 'jsonl', failOn: 'low', minLevel: 'critical' },
    s,
  );
  assert.equal(code, 1);
  const lines = out.join('').trimEnd().split('\n');
  assert.equal(lines.length, 1);
  assert.equal(JSON.parse(lines[0]!).rule.id, 'CW-017');
  const { s: s2 } = streams();
  const none = sampleReport().findings.filter((f) => f.level === 'low');
  assert.equal(
    await emitReport(sampleReport(none, []), { format: 'json', failOn: 'medium' }, s2),
    0,
  );
});

test('--out writes the file and nothing to stdout; colour never goes into a file', async () => {
  const { s, out } = streams(true);
  const file = join(dir, 'r.txt');
  await emitReport(sampleReport(), { format: 'table', failOn: 'none', out: file }, s);
  assert.deepEqual(out, []);
  assert.ok(!readFileSync(file, 'utf8').includes('\u001b'));
});

test('colour on a TTY unless NO_COLOR', async () => {
  const tty = streams(true);
  await emitReport(sampleReport(), { format: 'table', failOn: 'none' }, tty.s);
  assert.ok(tty.out.join('').includes('\u001b['));
  const noColor = streams(true, { NO_COLOR: '1' });
  await emitReport(sampleReport(), { format: 'table', failOn: 'none' }, noColor.s);
  assert.ok(!noColor.out.join('').includes('\u001b[') && !noColor.err.join('').includes('\u001b['));
});
