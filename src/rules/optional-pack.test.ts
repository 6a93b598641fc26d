import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ANALYTICS } from '../analytics/catalogue.js';
import { type Detector, loadDetector } from '../hunt/detector.js';
import type { NormalizedEvent } from '../ingest/event.js';
import { decodeText } from '../ingest/read-events.js';
import { PACK_DIRECTORY } from './load-rules.js';

const OPTIONAL = join(PACK_DIRECTORY, '..', 'rules-optional');

test('the optional SigmaHQ pack (originals and fixed copies) loads and compiles without issues', () => {
  const detector = loadDetector({ rules: [OPTIONAL] });
  assert.deepEqual(detector.issues, []);
  // The detector lists the compiled rules, then the pack's analytics.
  assert.equal(detector.rules.length - ANALYTICS.length, 30 + 9);
});

/** The ids of the rules that fire on the event. */
function ruleIds(detector: Detector, event: NormalizedEvent): string[] {
  const ids: string[] = [];
  detector.detect(event, (finding) => ids.push(finding.rule.id));
  return ids;
}

function idsOn(caseFile: string, detector: Detector): string[] {
  const file = join(PACK_DIRECTORY, caseFile);
  return decodeText(readFileSync(file, 'utf8'), { file }).events.flatMap((event) =>
    ruleIds(detector, event),
  );
}

test('the fixed copies fire where the originals cannot', () => {
  const originals = loadDetector({ rules: [join(OPTIONAL, 'sigmahq')] });
  const fixed = loadDetector({ rules: [join(OPTIONAL, 'sigmahq-fixed')] });
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
  const fixedIds = events.flatMap((event) => ruleIds(fixed, event));
  const originalIds = events.flatMap((event) => ruleIds(originals, event));
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
