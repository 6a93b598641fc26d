import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeText } from '../ingest/read-events.js';
import { loadAllowlist } from './allowlist.js';
import { PACK_DIRECTORY } from './load-rules.js';
import { RulePack } from './rule-pack.js';

const OPTIONAL = join(PACK_DIRECTORY, '..', 'rules-optional');
const allowlist = loadAllowlist();

test('the optional SigmaHQ pack (originals and fixed copies) loads and compiles without issues', () => {
  const pack = RulePack.load({ paths: [OPTIONAL], allowlist });
  assert.deepEqual(pack.issues, []);
  assert.equal(pack.rules.length, 30 + 9);
});

function idsOn(caseFile: string, pack: RulePack): string[] {
  const file = join(PACK_DIRECTORY, caseFile);
  return decodeText(readFileSync(file, 'utf8'), { file }).events.flatMap((event) =>
    pack.match(event).map((finding) => finding.rule.id),
  );
}

test('the fixed copies fire where the originals cannot', () => {
  const originals = RulePack.load({ paths: [join(OPTIONAL, 'sigmahq')], allowlist });
  const fixed = RulePack.load({ paths: [join(OPTIONAL, 'sigmahq-fixed')], allowlist });
  // A Job template with hostPath / is not a pod create; a pod create with hostPath is.
  const pod = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    verb: 'create',
    objectRef: { resource: 'pods', namespace: 'default' },
    responseStatus: { code: 201 },
    requestObject: {
      spec: {
        volumes: [{ name: 'h', hostPath: { path: '/' } }],
        containers: [{ name: 'c', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }],
      },
    },
  };
  const events = decodeText(JSON.stringify(pod), { file: 'pod.json' }).events;
  const fixedIds = events.flatMap((event) => fixed.match(event).map((f) => f.rule.id));
  const originalIds = events.flatMap((event) => originals.match(event).map((f) => f.rule.id));
  assert.ok(fixedIds.includes('0adf3a14-a919-47fa-bd8e-8526f931a3aa'), 'hostPath fixed');
  assert.ok(fixedIds.includes('468d79bd-91e1-429f-8d96-bfd13dc79401'), 'capabilities fixed');
  assert.ok(
    !originalIds.includes('402b955c-8fe0-4a8c-b635-622b4ac5f902'),
    'original hostPath rule is blind',
  );
  // The fixed CronJob modification rule fires on a CronJob create of the pack's tests.
  const create = 'k8s/cw-001-cronjob-job-written.tests/tp/human-creates-cronjob.json';
  assert.ok(idsOn(create, fixed).includes('aeb3e4f0-d967-44ff-9173-58393ca62097'));
});
