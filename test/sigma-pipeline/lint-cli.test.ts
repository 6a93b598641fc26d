/** `cronwarden rules lint --pipeline`: pipelines are applied to each rule before compiling. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { sharedPath, skipUnlessShared } from '../shared-data.js';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/pipelines/', import.meta.url).pathname;
const CVE = [
  'data',
  'real',
  'sigmahq-rules',
  'rules-emerging-threats',
  '2026',
  'Exploits',
  'CVE-2026-54121',
];

function lint(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'rules', 'lint', ...args], {
    encoding: 'utf8',
  });
}

test('the SigmaHQ placeholder rules (3 in the CVE folder, 2 with placeholders) fail without a pipeline and pass with one', {
  skip: skipUnlessShared(...CVE),
}, () => {
  const without = lint(sharedPath(...CVE));
  assert.equal(without.status, 1);
  assert.match(without.stdout, /CW_SIGMA_PLACEHOLDER +2/);
  const withPipeline = lint(sharedPath(...CVE), '--pipeline', `${FIXTURES}placeholders.yml`);
  assert.equal(withPipeline.status, 0, withPipeline.stdout + withPipeline.stderr);
  assert.match(withPipeline.stdout, /ok +3\n/);
});

test('a broken pipeline stops the lint with its located issues and exit code 2', () => {
  const run = lint(FIXTURES, '--pipeline', `${FIXTURES}README.md`);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /README\.md:\d+:\d+: .*CW_SIGMA_PIPELINE_INVALID/);
});
