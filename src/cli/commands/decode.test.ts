import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fixturePath } from '../../../test/fixtures.js';

const MAIN = new URL('../main.ts', import.meta.url).pathname;

function cli(args: string[], input?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    encoding: 'utf8',
    ...(input === undefined ? {} : { input }),
  });
}

test('decode prints one normalized event per line and issues on stderr; exit 1 on malformed', () => {
  const file = fixturePath('eks', 'subscription.b64');
  const run = cli(['decode', file]);
  assert.equal(run.status, 1);
  const events = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    events.map((event) => [
      event.format,
      event.origin.line,
      event.origin.index,
      event.blindSpot?.reason,
    ]),
    [
      ['eks-subscription', 2, 0, undefined],
      ['eks-subscription', 2, 1, 'eks.truncated'],
      ['eks-subscription', 4, 0, undefined],
    ],
  );
  assert.match(run.stderr, /subscription\.b64:3: .*\(CW_INGEST_BAD_PAYLOAD\)/);
});

test('decode reads stdin with -, and a forced unknown input format is exit 2', () => {
  const line =
    '{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"a","stage":"ResponseComplete","verb":"get"}\n';
  const run = cli(['decode', '-'], line);
  assert.equal(run.status, 0);
  assert.equal(JSON.parse(run.stdout).origin.file, '<stdin>');
  const bad = cli(['decode', '-i', 'nope', '-'], line);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown format "nope".*\(CW_INGEST_NO_SUCH_FORMAT\)/);
});

test('a missing input is exit 2; --list-formats lists the catalogue', () => {
  const missing = cli(['decode', fixturePath('nope.jsonl')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /CW_INGEST_NO_INPUT/);
  const list = cli(['decode', '--list-formats']);
  assert.equal(list.status, 0);
  assert.match(list.stdout, /^k8s-event-list\t/m);
  assert.match(list.stdout, /^gke-cloud-audit\t/m);
});
