import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAMPLE_FINDINGS, sampleReport } from '../../test/report-fixture.js';
import { formatSummaryText, formatTable } from './table.js';

const ESC = '\u001b';

test('columns are aligned: every field starts at the same offset on every row', () => {
  const lines = formatTable(sampleReport(), { color: false }).split('\n');
  const header = lines[0]!;
  const columnStarts = ['RULE', 'TIME', 'OBJECT', 'ORIGIN', 'MESSAGE'].map((h) =>
    header.indexOf(h),
  );
  const rows = lines.slice(1, 1 + SAMPLE_FINDINGS.length);
  SAMPLE_FINDINGS.forEach((finding, i) => {
    const row = rows[i]!;
    assert.equal(row.indexOf(finding.rule.id), columnStarts[0], row);
    assert.equal(row.indexOf(finding.time), columnStarts[1], row);
    assert.equal(row.slice(columnStarts[4]!), finding.message);
  });
});

test('no colour codes unless asked; level colours when asked', () => {
  const plain = formatTable(sampleReport(), { color: false });
  assert.ok(!plain.includes(ESC));
  const coloured = formatTable(sampleReport(), { color: true });
  assert.ok(coloured.includes(`${ESC}[31mhigh`));
  assert.ok(coloured.includes(`${ESC}[1;37;41mcritical`));
});

test('control characters from data are neutralised so a log line cannot drive the terminal', () => {
  const base = SAMPLE_FINDINGS[0]!;
  const report = sampleReport(
    [{ ...base, message: `evil${ESC}[2J${ESC}]0;pwned\u0007\r\nnext` }],
    [],
  );
  const text = formatTable(report, { color: false });
  assert.ok(!text.includes(ESC));
  assert.ok(!text.includes('\r'));
  assert.equal(text.trimEnd().split('\n').length, 2, 'header plus one row');
});

test('incidents follow the table with their actor and chain', () => {
  const text = formatTable(sampleReport(), { color: false });
  assert.match(text, /INCIDENTS \(1\)/);
  assert.match(
    text,
    /created by alice@example\.com \(create at 2024-05-01T10:00:00\.000Z from 203\.0\.113\.7 via kubectl\/v1\.29\.0\)/,
  );
  assert.match(
    text,
    /chain: CronJob payments\/backup → Job payments\/backup-28573200 → Pod payments\/backup-28573200-x7k2p → container backup → process \/bin\/sh/,
  );
  assert.match(
    text,
    /\n {2}also: {2}… → Job payments\/backup-28573201 → Pod payments\/backup-28573201-q2w9z\n/,
  );
});

test('an incident with many other paths prints three and counts the rest', () => {
  const base = sampleReport();
  const incident = base.incidents[0];
  assert.ok(incident);
  const paths = Array.from({ length: 5 }, (_, i) => [
    { kind: 'CronJob' as const, name: 'backup', namespace: 'payments' },
    { kind: 'Job' as const, name: `backup-${i}`, namespace: 'payments' },
  ]);
  const text = formatTable(
    { ...base, incidents: [{ ...incident, otherChains: paths }] },
    { color: false },
  );
  assert.equal(text.match(/ {2}also: {2}… → Job/g)?.length, 3);
  assert.match(text, /also: {2}2 more paths \(json, html\)/);
});

test('an empty report says so', () => {
  assert.equal(formatTable(sampleReport([], []), { color: false }), 'No findings.\n');
});

test('the summary names records per format, malformed, blind spots and findings by level and rule', () => {
  const text = formatSummaryText(sampleReport().summary, { color: false });
  assert.match(text, /^cronwarden hunt: 42 records from 2 input\(s\) \(60\.0 KB\) in 1\.23 s$/m);
  assert.match(text, /by format: eks-cloudwatch 2, k8s-audit 40/);
  assert.match(text, /malformed records: 1/);
  assert.match(text, /blind spots: 2 \(audit\.k8s\.io\/truncated 2\)/);
  assert.match(
    text,
    /findings: 5 \(critical 1, high 2, medium 1, low 1\); incidents: 1; rules loaded: 4/,
  );
  assert.match(text, /CW-017 {2}critical {2}1/);
});
