import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../shared-data.js';

const MAIN = join(REPO_ROOT, 'src', 'cli', 'main.ts');

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    encoding: 'utf8',
    cwd: REPO_ROOT,
  });
}

test('rules lint passes on the bundled example rules and prints the outcome table', () => {
  const run = cli('rules', 'lint', 'examples/rules');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /ok\s+5\n/);
  assert.match(run.stdout, /error\s+0\n/);
});

test('rules lint exits 1 and names file:line:col, rule and reason for a broken rule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-lint-'));
  writeFileSync(
    join(dir, 'bad.yml'),
    'title: Bad\nlogsource: {product: kubernetes}\ndetection:\n  sel:\n    verb|contians: create\n  condition: sel\n',
  );
  const run = cli('rules', 'lint', dir);
  assert.equal(run.status, 1);
  assert.match(
    run.stdout,
    /bad\.yml:5:5: rule "Bad": unknown modifier "contians" on field "verb"; did you mean "contains"\? \(CW_SIGMA_UNKNOWN_MODIFIER\)/,
  );
  const json = cli('rules', 'lint', '--format', 'json', dir);
  assert.equal(json.status, 1);
  const report = JSON.parse(json.stdout) as {
    counts: { error: number };
    reasons: Record<string, number>;
  };
  assert.equal(report.counts.error, 1);
  assert.deepEqual(report.reasons, { CW_SIGMA_UNKNOWN_MODIFIER: 1 });
});

test('rules lint on a missing path is an I/O error with exit code 2', () => {
  const run = cli('rules', 'lint', 'no/such/folder');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /CW_IO/);
});
