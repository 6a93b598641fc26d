/**
 * End to end through the CLI: learn the 30 days of `samples-history/`, then hunt the
 * labelled day `samples/audit.jsonl` with `--baseline`. Every job write of an attack story
 * made by a non-controller must be scored; no benign record may be.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Finding } from '../src/finding.js';
import { hunt } from '../src/hunt.js';
import { addFormats } from './json-schema.js';
import { REPO_ROOT } from './shared-data.js';

const MAIN = join(REPO_ROOT, 'src', 'cli', 'main.ts');
const SAMPLES = join(REPO_ROOT, 'samples');
const DAY = join(SAMPLES, 'audit.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'cw-baseline-e2e-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const STORE = join(dir, 'state', 'cronwarden.db');

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

interface Label {
  file: string;
  fromLine: number;
  toLine: number;
  story: string;
}

/** Line → story for `audit.jsonl`. */
function storyLines(): Map<number, string> {
  const labels = JSON.parse(readFileSync(join(SAMPLES, 'labels.json'), 'utf8')) as {
    labels: Label[];
  };
  const lines = new Map<number, string>();
  for (const label of labels.labels) {
    if (label.file !== 'audit.jsonl') continue;
    for (let line = label.fromLine; line <= label.toLine; line++) lines.set(line, label.story);
  }
  return lines;
}

/** Lines of accepted CronJob/Job writes by principals other than the job controllers. */
function humanJobWrites(): number[] {
  const found: number[] = [];
  readFileSync(DAY, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text === '') return;
      const record = JSON.parse(text) as {
        verb: string;
        objectRef: { resource: string };
        user: { username: string };
        responseStatus?: { code?: number };
      };
      const isWrite = ['create', 'update', 'patch'].includes(record.verb);
      const isJob = ['cronjobs', 'jobs'].includes(record.objectRef.resource);
      const isController = /:(cronjob|job)-controller$/.test(record.user.username);
      if (isWrite && isJob && !isController && (record.responseStatus?.code ?? 200) < 400) {
        found.push(index + 1);
      }
    });
  return found;
}

test('baseline learn over 30 days, learning again adds nothing, show lists the namespaces', () => {
  const learn = cli(
    'baseline',
    'learn',
    join(SAMPLES, '..', 'samples-history'),
    '--store',
    STORE,
    '-f',
    'json',
  );
  assert.equal(learn.status, 0, learn.stderr);
  assert.equal(learn.stderr.replace(/^npm warn .*\n/gm, ''), '', 'the history reads cleanly');
  const result = JSON.parse(learn.stdout);
  assert.equal(result.learned, result.jobWrites);
  assert.ok(result.learned > 2900, `learned ${result.learned}`);
  assert.deepEqual(
    result.namespaces.map((ns: { namespace: string; isMature: boolean }) => [
      ns.namespace,
      ns.isMature,
    ]),
    [
      ['analytics', true],
      ['payments', true],
      ['shop', true],
    ],
  );

  const again = cli('baseline', 'learn', join(SAMPLES, '..', 'samples-history'), '--store', STORE);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /learned 0, already known 2,9\d\d/);
  assert.match(again.stdout, /no new job writes: the baseline is unchanged/);

  const show = cli('baseline', 'show', '--store', STORE, '--namespace', 'payments');
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /^store .+ \(schema v1\), 2 learn run\(s\)/);
  assert.match(show.stdout, /namespace payments: \d+ job writes, 2026-10-25 … 2026-11-23/);
  assert.match(show.stdout, /alice@example\.com \[human\]/);
  assert.doesNotMatch(show.stdout, /namespace shop/);
});

test('hunt --baseline scores every story job write of the sample day and no benign record', (t) => {
  const run = cli('hunt', DAY, '--baseline', '--store', STORE, '-f', 'json', '--fail-on', 'none');
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { findings: Finding[] };
  const scored = report.findings.filter((finding) => finding.rule.source === 'baseline');
  const stories = storyLines();
  const lineOf = (finding: Finding) =>
    finding.origin && 'line' in finding.origin ? finding.origin.line : -1;

  const rows = scored.map(
    (finding) =>
      `${String(lineOf(finding)).padStart(4)}  ${finding.rule.id}  ${finding.level.padEnd(6)}  ${(stories.get(lineOf(finding)) ?? 'BENIGN').padEnd(36)}  ${finding.message}`,
  );
  t.diagnostic(`baseline findings on samples/audit.jsonl:\n${rows.join('\n')}`);

  for (const finding of scored) {
    assert.ok(
      stories.has(lineOf(finding)),
      `benign line ${lineOf(finding)} scored: ${finding.message}`,
    );
  }
  const expected = humanJobWrites().filter((line) => stories.has(line));
  const benign = humanJobWrites().filter((line) => !stories.has(line));
  assert.ok(benign.length > 0, 'the day has benign human/CI job writes to stay silent on');
  assert.deepEqual(scored.map(lineOf), expected);
  // The findings have the one finding shape (docs/finding.schema.json).
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'finding.schema.json'), 'utf8'));
  const validate = addFormats(new Ajv2020({ strict: true, allErrors: true })).compile(schema);
  for (const finding of scored) assert.ok(validate(finding), JSON.stringify(validate.errors));
  // The explanation is in words, with the numbers of the baseline.
  const s1 = scored.find((finding) => lineOf(finding) === expected[0]);
  assert.ok(s1?.evidence?.some((line) => /a network never seen writing jobs/.test(line)));
});

test('--baseline-min-score raises the bar: only scores at or above it are reported', () => {
  const run = cli(
    'hunt',
    DAY,
    '--baseline',
    '--store',
    STORE,
    '--baseline-min-score',
    '12',
    '-f',
    'json',
    '--fail-on',
    'none',
  );
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { findings: Finding[] };
  const scores = report.findings
    .filter((f) => f.rule.source === 'baseline')
    .map((f) => f.matched[0]?.value);
  assert.deepEqual(scores, [16, 14, 12]);
});

test('hunt --baseline on a store with one day of history warns that it is immature and scores nothing', () => {
  const young = join(dir, 'young.db');
  const learn = cli('baseline', 'learn', DAY, '--store', young);
  assert.equal(learn.status, 0, learn.stderr);
  const run = cli('hunt', DAY, '--baseline', '--store', young, '-f', 'json', '--fail-on', 'none');
  assert.equal(run.status, 0, run.stderr);
  assert.match(
    run.stderr,
    new RegExp(
      `^cronwarden: ${young}: the baseline is immature \\(106 job write\\(s\\) over 1\\.0 day\\(s\\).+\\(CW_BASELINE_IMMATURE\\)$`,
      'm',
    ),
  );
  const report = JSON.parse(run.stdout) as { findings: Finding[] };
  assert.equal(report.findings.filter((f) => f.rule.source === 'baseline').length, 0);
});

test('hunt --baseline without a store exits 2 with CW_STORE_MISSING naming the file', () => {
  const missing = join(dir, 'nope.db');
  const run = cli('hunt', DAY, '--baseline', '--store', missing, '-f', 'json');
  assert.equal(run.status, 2);
  assert.equal(
    run.stderr.trim(),
    `cronwarden: ${missing}: no cronwarden store here; run \`cronwarden baseline learn LOGS…\` first or pass --store FILE (CW_STORE_MISSING)`,
  );
  const storeOnly = cli('hunt', DAY, '--store', missing, '-f', 'json');
  assert.equal(storeOnly.status, 2);
  assert.match(
    storeOnly.stderr,
    /--store is read only with --baseline; add --baseline \(CW_USAGE\)/,
  );
});

test('hunt --baseline finds the same with 2 worker threads and without the prefilter', async () => {
  const one = await hunt({ paths: [DAY], baseline: STORE });
  const two = await hunt({ paths: [DAY], baseline: STORE, workers: 2 });
  const exhaustive = await hunt({ paths: [DAY], baseline: STORE, prefilter: false });
  const baselineIds = one.report.findings.filter((f) => f.rule.source === 'baseline');
  assert.equal(baselineIds.length, 5);
  assert.deepEqual(two.report.findings, one.report.findings);
  assert.deepEqual(exhaustive.report.findings, one.report.findings);
  assert.ok(one.report.rules.some((rule) => rule.id === 'CW-BL-001'));
});

test('with --baseline, CW-007 knows the service accounts that wrote jobs before', async () => {
  const cw007Lines = (findings: readonly Finding[]) =>
    findings
      .filter((f) => f.rule.id === 'CW-007')
      .map((f) => (f.origin && 'line' in f.origin ? f.origin.line : -1));
  const without = await hunt({ paths: [DAY] });
  const withBaseline = await hunt({ paths: [DAY], baseline: STORE });
  // Line 151: CI (system:serviceaccount:ci:deployer) updates analytics/daily-report, as it did
  // all month; line 234: the web pod's token creates a Job (S2), a real first time.
  assert.ok(cw007Lines(without.report.findings).includes(151));
  assert.ok(!cw007Lines(withBaseline.report.findings).includes(151));
  assert.ok(cw007Lines(withBaseline.report.findings).includes(234));
});
