import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Finding } from '../src/finding.js';
import type { Incident } from '../src/incident.js';
import { formatJson, formatJsonl } from '../src/report/json.js';
import { addFormats } from './json-schema.js';
import { SAMPLE_FINDINGS, SAMPLE_INCIDENT, sampleReport } from './report-fixture.js';
import { REPO_ROOT } from './shared-data.js';

const schema = JSON.parse(readFileSync(`${REPO_ROOT}/docs/finding.schema.json`, 'utf8'));
const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
const validateFinding = ajv.compile<Finding>(schema);
const validateIncident = ajv.getSchema<Incident>(`${schema.$id}#/$defs/incident`);
const validateIncidentLine = ajv.getSchema(`${schema.$id}#/$defs/incidentLine`);

/** Every key of the TypeScript types, so a field added there without the schema fails here. */
const FINDING_KEYS: Record<keyof Finding, true> = {
  rule: true,
  level: true,
  tags: true,
  time: true,
  message: true,
  origin: true,
  related: true,
  matched: true,
  object: true,
  evidence: true,
  remediation: true,
  incident: true,
};
const INCIDENT_KEYS: Record<keyof Incident, true> = {
  id: true,
  title: true,
  level: true,
  firstSeen: true,
  lastSeen: true,
  root: true,
  chain: true,
  otherChains: true,
  createdBy: true,
  lastChangedBy: true,
  rules: true,
  tags: true,
};

function errorsOf(validate: { errors?: unknown }): string {
  return JSON.stringify(validate.errors, null, 2);
}

test('the schema lists exactly the fields of Finding and Incident', () => {
  assert.deepEqual(Object.keys(schema.properties).sort(), Object.keys(FINDING_KEYS).sort());
  assert.deepEqual(
    Object.keys(schema.$defs.incident.properties).sort(),
    Object.keys(INCIDENT_KEYS).sort(),
  );
});

test('every finding in json output validates against docs/finding.schema.json', () => {
  const document = JSON.parse(formatJson(sampleReport()));
  assert.equal(document.findings.length, SAMPLE_FINDINGS.length);
  for (const finding of document.findings) {
    assert.ok(validateFinding(finding), errorsOf(validateFinding));
  }
  assert.ok(validateIncident, 'incident definition is reachable');
  for (const incident of document.incidents) {
    assert.ok(validateIncident(incident), errorsOf(validateIncident));
  }
});

test('every jsonl line validates against the schema: findings, then incident lines', () => {
  const report = sampleReport();
  const lines = formatJsonl(report).trimEnd().split('\n');
  assert.equal(lines.length, SAMPLE_FINDINGS.length + report.incidents.length);
  assert.ok(report.incidents.length > 0, 'the fixture has an incident');
  const findings = lines.slice(0, SAMPLE_FINDINGS.length).map((line) => JSON.parse(line));
  for (const finding of findings) assert.ok(validateFinding(finding), errorsOf(validateFinding));
  assert.ok(validateIncidentLine, 'incidentLine definition is reachable');
  for (const line of lines.slice(SAMPLE_FINDINGS.length)) {
    const value = JSON.parse(line);
    assert.equal(value.type, 'incident');
    assert.ok(validateIncidentLine(value), errorsOf(validateIncidentLine));
  }
});

test('the schema rejects what the type forbids', () => {
  const base = SAMPLE_FINDINGS[0]!; // the fixture has five findings
  const invalid: Array<{ name: string; value: unknown }> = [
    { name: 'unknown level', value: { ...base, level: 'severe' } },
    { name: 'unknown top-level key', value: { ...base, score: 3 } },
    { name: 'line 0 (lines are 1-based)', value: { ...base, origin: { file: 'a', line: 0 } } },
    { name: 'negative index', value: { ...base, origin: { file: 'a', index: -1 } } },
    {
      name: 'line and index together',
      value: { ...base, origin: { file: 'a', line: 1, index: 0 } },
    },
    { name: 'missing matched', value: { ...base, matched: undefined } },
    { name: 'bad rule source', value: { ...base, rule: { ...base.rule, source: 'guess' } } },
    { name: 'time not ISO 8601', value: { ...base, time: 'yesterday' } },
    { name: 'object without name', value: { ...base, object: { kind: 'CronJob' } } },
  ];
  for (const { name, value } of invalid) {
    const json = JSON.parse(JSON.stringify(value));
    assert.equal(validateFinding(json), false, `${name} must be rejected`);
  }
  const badIncident = { ...SAMPLE_INCIDENT, chain: [{ kind: 'Deployment', name: 'x' }] };
  assert.equal(validateIncident?.(badIncident), false, 'unknown chain kind must be rejected');
});

test('findings of a real hunt over the bundled sample validate against the schema', async () => {
  const { hunt } = await import('../src/hunt.js');
  const { report } = await hunt({ paths: [`${REPO_ROOT}/examples/k8s-audit-sample.jsonl`] });
  assert.ok(report.findings.length > 0);
  const document = JSON.parse(formatJson(report));
  for (const finding of document.findings) {
    assert.ok(validateFinding(finding), errorsOf(validateFinding));
  }
});

test('incidents of a real hunt over samples/ validate against the schema, in json and jsonl', async () => {
  const { hunt } = await import('../src/hunt.js');
  const { report } = await hunt({
    paths: ['audit.jsonl', 'falco-node.jsonl'].map((file) => `${REPO_ROOT}/samples/${file}`),
  });
  assert.ok(report.incidents.length >= 3);
  const document = JSON.parse(formatJson(report));
  for (const incident of document.incidents) {
    assert.ok(validateIncident?.(incident), errorsOf(validateIncident ?? {}));
  }
  const lines = formatJsonl(report).trimEnd().split('\n');
  const incidentLines = lines.map((line) => JSON.parse(line)).filter((v) => v.type === 'incident');
  assert.equal(incidentLines.length, report.incidents.length);
  for (const line of incidentLines)
    assert.ok(validateIncidentLine?.(line), errorsOf(validateIncidentLine ?? {}));
});
