import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAMPLE_FINDINGS, sampleReport } from '../../test/report-fixture.js';
import { formatJson, formatJsonl } from './json.js';

test('json is one document with tool, findings, incidents, rules and summary', () => {
  const document = JSON.parse(formatJson(sampleReport()));
  assert.deepEqual(Object.keys(document), ['tool', 'findings', 'incidents', 'rules', 'summary']);
  assert.deepEqual(document.findings, JSON.parse(JSON.stringify(SAMPLE_FINDINGS)));
  assert.equal(document.summary.findingsByLevel.critical, 1);
});

test('jsonl is exactly one finding per line, even with newlines inside values', () => {
  const base = SAMPLE_FINDINGS[0]!;
  const findings = [{ ...base, message: 'line one\nline two\r\n' }, SAMPLE_FINDINGS[1]!];
  const text = formatJsonl(sampleReport(findings, []));
  assert.ok(text.endsWith('\n'));
  const lines = text.slice(0, -1).split('\n');
  assert.equal(lines.length, 2);
  assert.equal(JSON.parse(lines[0]!).message, 'line one\nline two\r\n');
});

test('jsonl with no findings prints nothing at all', () => {
  assert.equal(formatJsonl(sampleReport([], [])), '');
});
