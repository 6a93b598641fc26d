import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../shared-data.js';

const MAIN = join(REPO_ROOT, 'src', 'cli', 'main.ts');

test('demo hunts the labelled sample day, detects every story and writes the HTML report', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'cw-demo-')), 'report.html');
  const run = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'demo', '--out', out], {
    encoding: 'utf8',
    cwd: REPO_ROOT,
  });
  assert.equal(run.status, 0, run.stderr);
  const labels = JSON.parse(readFileSync(join(REPO_ROOT, 'samples', 'labels.json'), 'utf8')) as {
    labels: { story: string }[];
  };
  for (const story of new Set(labels.labels.map((l) => l.story))) {
    assert.match(run.stdout, new RegExp(`detected\\s+${story}`), `story ${story} detected`);
  }
  assert.doesNotMatch(run.stdout, /MISSED/);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /<html/i);
  assert.match(html, /CW-005/);
  assert.match(html, /db-backup/);
  // The incidents and their chains, in the terminal table and the HTML report.
  assert.match(run.stdout, /INCIDENTS \(4\)/);
  assert.match(
    run.stdout,
    /chain: CronJob default\/kube-metrics-sync → Job default\/kube-metrics-sync-\d+ → Pod default\/kube-metrics-sync-\d+-\w{5} → container sync → process \/bin\/bash \(cmd: bash -i \[linked by endpoint pod name\]\)/,
  );
  assert.match(run.stdout, /created by mallory@contractor\.example \(create at /);
  assert.match(run.stdout, /last changed by mallory@contractor\.example \(patch at /);
  assert.match(html, /<h2>Incidents \(4\)<\/h2>/);
  // One drawing per incident, plus S1's second run under "other paths".
  assert.equal(html.match(/aria-label="lineage"/g)?.length, 5);
  assert.match(html, /1 other path with findings/);
  assert.match(html, /Created by <b>mallory@contractor\.example<\/b>/);
});
