import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../../test/fixtures.js';
import { decodeText } from '../read-events.js';

function decodeFixture(name: string) {
  const file = fixturePath('aks', name);
  return decodeText(readFileSync(file, 'utf8'), { file });
}

test('AzureDiagnostics rows: log_s holds the Event; other categories are skipped', () => {
  const out = decodeFixture('azure-diagnostics.json');
  assert.equal(out.format, 'aks-log-analytics');
  assert.equal(out.events.length, 1);
  const event = out.events[0];
  assert.equal((event?.data.objectRef as { name: string } | undefined)?.name, 'la-cron');
  assert.deepEqual(event?.origin, {
    file: fixturePath('aks', 'azure-diagnostics.json'),
    line: 2,
    index: 0,
  });
  assert.equal((event?.data.envelope as Record<string, unknown> | undefined)?.log_s, undefined);
  assert.equal(out.stats.skipped['aks-category:kube-apiserver'], 1);
});

test('AKSAudit columns map back to Event names, JSON-text columns are parsed', () => {
  const out = decodeFixture('aksaudit.jsonl');
  assert.equal(out.format, 'aks-log-analytics');
  assert.deepEqual(out.issues, []);
  for (const event of out.events) {
    assert.equal(event.data.verb, 'create');
    assert.equal(event.data.stage, 'ResponseComplete');
    assert.deepEqual(event.data.sourceIPs, ['198.51.100.20']);
    assert.equal((event.data.user as { username: string }).username, 'alice@example.com');
    assert.equal((event.data.objectRef as { resource: string }).resource, 'cronjobs');
    const spec = (event.data.requestObject as { spec: { schedule: string } }).spec;
    assert.equal(spec.schedule, '*/1 * * * *');
    assert.equal(event.timeMs, Date.parse('2026-03-02T10:15:00.140Z'));
  }
  assert.equal(out.events[0]?.blindSpot?.reason, 'aks.skipped-too-big-size-object');
  assert.equal(out.events[1]?.blindSpot, undefined, 'an empty ResponseObject is just absent');
  const envelope = out.events[0]?.data.envelope as Record<string, unknown> | undefined;
  assert.equal(envelope?.Type, 'AKSAuditAdmin');
});

test('a log_s that is not JSON is reported at its row', () => {
  const out = decodeText(
    '{"Category":"kube-audit","log_s":"{\\"kind\\":\\"Ev","TimeGenerated":"x"}',
    {
      file: 'la.json',
    },
  );
  assert.equal(out.issues[0]?.code, 'CW_INGEST_MALFORMED_JSON');
  assert.deepEqual(out.issues[0]?.location, { file: 'la.json', line: 1 });
});

test('a portal CSV export (BOM, CRLF, quoted log_s spanning lines) decodes per row', () => {
  const file = fixturePath('aks', 'azure-diagnostics-export.csv');
  const out = decodeText(readFileSync(file, 'utf8'), { file });
  assert.equal(out.format, 'aks-log-analytics-csv');
  assert.deepEqual(out.issues, []);
  assert.deepEqual(
    out.events.map((event) => [
      event.origin.line,
      event.origin.index,
      (event.data.objectRef as { name?: string } | undefined)?.name,
    ]),
    [
      [2, 0, 'csv-cron'],
      [5, 2, 'csv-cron-2'],
    ],
  );
  const envelope = out.events[0]?.data.envelope as Record<string, unknown> | undefined;
  assert.equal(envelope?.TimeGenerated, '3/2/2026, 10:15:00.200 AM', 'the [UTC] suffix is dropped');
  assert.equal(out.stats.skipped['aks-category:kube-apiserver'], 1);
});

test('a CSV row with the wrong field count and an unclosed quote are reported at their lines', () => {
  const csv = 'Category,log_s\nkube-audit,"{}",extra\nkube-audit,"{""kind"":""Event""\n';
  const out = decodeText(csv, { file: 'x.csv' });
  assert.equal(out.format, 'aks-log-analytics-csv');
  assert.deepEqual(
    out.issues.map((issue) => [issue.code, issue.location?.line]),
    [
      ['CW_INGEST_BAD_FIELD', 2],
      ['CW_INGEST_UNTERMINATED_DOCUMENT', 3],
    ],
  );
});
