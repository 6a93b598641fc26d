import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT } from '../../../test/shared-data.js';
import type { Finding } from '../../finding.js';

const MAIN = join(REPO_ROOT, 'src', 'cli', 'main.ts');
const SAMPLE = join(REPO_ROOT, 'examples', 'k8s-audit-sample.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'cw-hunt-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

const sample = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
const withBadLine = join(dir, 'with-bad-line.jsonl');
writeFileSync(
  withBadLine,
  `${sample[0]}\n{"kind":"Event","auditID":\n${sample.slice(1).join('\n')}\n`,
);

test('jsonl: one finding (then one incident) per line on stdout, exit 1 for findings at or above --fail-on', () => {
  const run = cli('hunt', SAMPLE, '--format', 'jsonl');
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  assert.ok(lines.length >= 3);
  for (const line of lines) {
    const value = JSON.parse(line);
    assert.ok(value.type === 'incident' ? value.incident.id : value.rule.id);
  }
  assert.equal(run.stderr, '', 'nothing but findings and incidents, and no summary for jsonl');
});

test('--fail-on none exits 0; table prints the summary on stderr', () => {
  const run = cli('hunt', SAMPLE, '--fail-on', 'none');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^LEVEL +RULE/);
  assert.match(run.stderr, /cronwarden hunt: \d+ records from 1 input/);
});

test('a malformed record is reported once with file:line, and the records around it still count', () => {
  const run = cli('hunt', withBadLine, '--format', 'json', '--fail-on', 'none');
  assert.equal(run.status, 0, run.stderr);
  const problems = run.stderr.trimEnd().split('\n');
  assert.equal(problems.length, 1, run.stderr);
  assert.match(
    problems[0]!,
    new RegExp(`^cronwarden: ${withBadLine}:2(:\\d+)?: .+ \\(CW_INGEST_[A-Z_]+\\)$`),
  );
  const document = JSON.parse(run.stdout);
  const good = cli('hunt', SAMPLE, '--format', 'json', '--fail-on', 'none');
  assert.equal(document.findings.length, JSON.parse(good.stdout).findings.length);
  assert.equal(document.summary.malformed, 1);
});

test('--strict stops at the first malformed record with exit 2 and CW_HUNT_STOPPED', () => {
  const run = cli('hunt', withBadLine, '--format', 'jsonl', '--strict');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /\(CW_HUNT_STOPPED\)/);
});

test('--out writes the report atomically; a missing input is exit 2 after the report', () => {
  const out = join(dir, 'report.sarif');
  const run = cli('hunt', SAMPLE, join(dir, 'missing.log'), '--format', 'sarif', '--out', out);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /missing\.log: .*\(CW_INGEST_NO_INPUT\)/);
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, '2.1.0');
});

test('usage errors exit 2: unknown format, bad --workers, bad --since, missing pipeline', () => {
  const missing = cli(
    'hunt',
    SAMPLE,
    '--sigma',
    join(REPO_ROOT, 'examples', 'rules'),
    '--pipeline',
    join(dir, 'nope.yml'),
  );
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.yml: cannot read pipeline .*\(CW_IO\)/);
  assert.equal(cli('hunt', SAMPLE, '--input-format', 'nope').status, 2);
  assert.equal(cli('hunt', SAMPLE, '--workers', '0').status, 2);
  assert.equal(cli('hunt', SAMPLE, '--since', 'yesterday').status, 2);
});

test('a correlation document given with --sigma runs and points at its records', () => {
  const rule = join(dir, 'correlation.yml');
  writeFileSync(
    rule,
    [
      'title: CronJob created\nname: cronjob_created\nlogsource:\n  product: kubernetes\n  service: audit\ndetection:\n  selection:\n    verb: create\n    objectRef.resource: cronjobs\n  condition: selection\nlevel: low\n',
      'title: Many CronJob creates\nname: many_creates\ncorrelation:\n  type: event_count\n  rules:\n    - cronjob_created\n  group-by:\n    - user.username\n  timespan: 10m\n  condition:\n    gte: 2\nlevel: high\n',
    ].join('---\n'),
  );
  const run = cli('hunt', SAMPLE, '--sigma', rule, '--format', 'jsonl', '--fail-on', 'none');
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /CW_SIGMA_DOCUMENT_KIND/);
  const findings = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Finding);
  const burst = findings.find((f) => f.rule.source === 'correlation');
  assert.ok(burst, 'the correlation fires on the two CronJob creates by mallory');
  assert.equal(burst.related?.length, 1);
  assert.ok(burst.message.includes('mallory'), burst.message);
});

test('--allowlist: an identity added with extend: true is treated as a controller, and a bad file exits 2', () => {
  const day = join(REPO_ROOT, 'samples', 'audit.jsonl');
  const byMallory = (stdout: string) =>
    stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Finding & { type?: string })
      .filter((f) => f.type === undefined && f.rule.id === 'CW-001')
      .filter((f) => f.message.includes('mallory')).length;
  const plain = cli('hunt', day, '--format', 'jsonl', '--fail-on', 'none');
  assert.equal(plain.status, 0, plain.stderr);
  assert.ok(byMallory(plain.stdout) > 0, 'mallory writes CronJobs and Jobs in the sample day');
  const file = join(dir, 'allowlist.yml');
  writeFileSync(file, 'extend: true\ncw_controllers:\n  - mallory@contractor.example\n');
  const allowed = cli('hunt', day, '--format', 'jsonl', '--fail-on', 'none', '--allowlist', file);
  assert.equal(allowed.status, 0, allowed.stderr);
  assert.equal(byMallory(allowed.stdout), 0);
  const missing = cli('hunt', day, '--allowlist', join(dir, 'nope.yml'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.yml/);
});
