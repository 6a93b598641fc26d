import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { addFormats } from '../../test/json-schema.js';
import { SAMPLE_FINDINGS, sampleReport } from '../../test/report-fixture.js';
import { REPO_ROOT } from '../../test/shared-data.js';
import { FINGERPRINT_KEY, findingFingerprint } from './fingerprint.js';
import { artifactUri, formatSarif } from './sarif.js';

/** The official OASIS schema (draft-04), adapted in memory for Ajv 8; see the fixture README. */
function loadSarifSchema() {
  const text = readFileSync(`${REPO_ROOT}/test/fixtures/sarif/sarif-schema-2.1.0.json`, 'utf8');
  const schema = JSON.parse(text);
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  return schema;
}

const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const validateSarif = ajv.compile(loadSarifSchema());

function sarifOf(report = sampleReport()) {
  return JSON.parse(formatSarif(report));
}

test('sarif output validates against the official SARIF 2.1.0 schema', () => {
  const log = sarifOf();
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
  const empty = sarifOf(sampleReport([], []));
  assert.ok(validateSarif(empty), JSON.stringify(validateSarif.errors, null, 2));
});

test('the schema check is not vacuous: a broken log is rejected', () => {
  const log = sarifOf();
  log.runs[0].results[0].level = 'severe';
  assert.equal(validateSarif(log), false);
  const noVersion = sarifOf();
  delete noVersion.version;
  assert.equal(validateSarif(noVersion), false);
});

test('tool.driver.rules lists every rule that ran plus rules only seen in findings', () => {
  const run = sarifOf().runs[0];
  const rules = run.tool.driver.rules;
  const ids = rules.map((r: { id: string }) => r.id);
  assert.deepEqual(ids, [
    'CW-003',
    'CW-001',
    '1c71e254-6655-42c1-b2d6-5e4718d7fc0a',
    'CW-010',
    'CW-017',
    'PSS.privileged',
  ]);
  const cw003 = rules[0];
  assert.equal(cw003.defaultConfiguration.level, 'error');
  assert.equal(cw003.name, 'SuspiciousCommandInACronJobOrJobTemplate');
  assert.match(cw003.help.text, /Delete the CronJob/);
  assert.match(cw003.help.text, /False positives: Debug jobs/);
  assert.equal(cw003.properties['security-severity'], '8.0');
  assert.equal(rules[3].defaultConfiguration.level, 'note');
});

test('results carry level, ruleIndex, file:line, related locations and fingerprints', () => {
  const run = sarifOf().runs[0];
  const [first, , azure, correlated] = run.results;
  assert.equal(first.ruleId, 'CW-003');
  assert.equal(run.tool.driver.rules[first.ruleIndex].id, 'CW-003');
  assert.equal(first.level, 'error');
  assert.deepEqual(first.locations[0].physicalLocation, {
    artifactLocation: { uri: 'logs/audit.log', uriBaseId: '%SRCROOT%' },
    region: { startLine: 12 },
  });
  assert.equal(
    first.locations[0].logicalLocations[0].fullyQualifiedName,
    'CronJob payments/backup',
  );
  assert.equal(first.partialFingerprints[FINGERPRINT_KEY], findingFingerprint(SAMPLE_FINDINGS[0]!));
  assert.equal(azure.level, 'warning');
  assert.deepEqual(azure.locations[0].physicalLocation, {
    artifactLocation: { uri: 'file:///var/log/azure%20activity/records.json' },
  });
  assert.equal(azure.locations[0].properties.recordIndex, 4);
  assert.deepEqual(
    correlated.relatedLocations.map(
      (l: {
        id: number;
        physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
      }) => [l.id, l.physicalLocation.artifactLocation.uri, l.physicalLocation.region?.startLine],
    ),
    [
      [1, 'logs/audit.log', 3],
      [2, 'logs/eks.json', undefined],
    ],
  );
});

test('malformed records become tool execution notifications with their line', () => {
  const invocation = sarifOf().runs[0].invocations[0];
  assert.equal(invocation.executionSuccessful, true);
  const [note] = invocation.toolExecutionNotifications;
  assert.equal(note.descriptor.id, 'CW_IO');
  assert.equal(note.locations[0].physicalLocation.region.startLine, 7);
});

test('fingerprints are stable and tell different findings apart', () => {
  const fingerprints = SAMPLE_FINDINGS.map(findingFingerprint);
  assert.equal(new Set(fingerprints).size, fingerprints.length);
  const posture = SAMPLE_FINDINGS[4]!;
  const moved = {
    ...posture,
    origin: { file: 'manifests/cron.yaml', line: 40 },
    time: '2030-01-01T00:00:00Z',
  };
  assert.equal(
    findingFingerprint(moved),
    findingFingerprint(posture),
    'posture ignores line and scan time',
  );
  const event = SAMPLE_FINDINGS[0]!;
  const later = { ...event, origin: { file: 'logs/audit.log', line: 13 } };
  assert.notEqual(findingFingerprint(later), findingFingerprint(event), 'events keep their record');
});

test('artifact URIs: relative stay relative and escaped, absolute become file URLs', () => {
  assert.equal(artifactUri('logs/a b.log'), 'logs/a%20b.log');
  assert.equal(artifactUri('/tmp/x#1.log'), 'file:///tmp/x%231.log');
  assert.equal(artifactUri('cluster:prod'), 'cluster:prod');
  assert.equal(artifactUri('-'), 'stdin');
});
