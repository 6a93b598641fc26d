import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const MAIN = new URL('./main.ts', import.meta.url).pathname;

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8' });
}

test('--version prints the version and exits 0', () => {
  const run = cli('--version');
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^\d+\.\d+\.\d+/);
});

test('an unknown command is a usage error with exit code 2', () => {
  const run = cli('no-such-command');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /unknown command|too many arguments/);
});
