import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../../test/fixtures.js';
import { decodeText } from '../read-events.js';
import { REDACTED } from '../redact.js';

const AUDIT = fixturePath('k8s-audit', 'audit.jsonl');
const decoded = decodeText(readFileSync(AUDIT, 'utf8'), { file: AUDIT });

test('raw audit JSON lines are detected as k8s-audit', () => {
  assert.equal(decoded.format, 'k8s-audit');
});

test('v1, v1beta1 and apiVersion-less events all decode with their line numbers', () => {
  const lines = decoded.events.map((event) => event.origin.line);
  assert.deepEqual(lines, [1, 2, 3, 4, 5, 6, 11, 12, 13, 14]);
  for (const event of decoded.events) {
    assert.deepEqual(event.logsource, { product: 'kubernetes', service: 'audit' });
    assert.equal(event.format, 'k8s-audit');
  }
  const legacy = decoded.events.find((event) => event.origin.line === 3);
  assert.equal(legacy?.data.apiVersion, 'audit.k8s.io/v1beta1');
  assert.equal(legacy?.timeMs, Date.parse('2026-03-02T10:16:00Z'), 'v1beta1 top-level timestamp');
  const bare = decoded.events.find((event) => event.origin.line === 4);
  assert.equal(bare?.data.apiVersion, undefined);
  assert.equal(bare?.data.verb, 'create');
});

test('the event time is the stage timestamp in epoch milliseconds', () => {
  assert.equal(decoded.events[1]?.timeMs, Date.parse('2026-03-02T10:15:00.140Z'));
});

test('a truncated annotation and a Metadata-level Job create are blind spots, not dropped', () => {
  const byLine = new Map(decoded.events.map((event) => [event.origin.line, event]));
  assert.equal(byLine.get(5)?.blindSpot?.reason, 'audit.k8s.io/truncated');
  assert.equal(byLine.get(6)?.blindSpot?.reason, 'metadata-level');
  assert.equal(byLine.get(2)?.blindSpot, undefined);
  assert.equal(decoded.stats.blindSpots, 2);
});

test('wrong types, a cut line and binary garbage are issues at their lines; neighbours survive', () => {
  const found = decoded.issues.map((issue) => [issue.code, issue.location?.line]);
  assert.deepEqual(found, [
    ['CW_INGEST_BAD_FIELD', 7],
    ['CW_INGEST_BAD_FIELD', 8],
    ['CW_INGEST_UNTERMINATED_DOCUMENT', 9],
    ['CW_INGEST_MALFORMED_JSON', 10],
  ]);
  assert.match(decoded.issues[0]?.message ?? '', /"verb" must be a string, found number/);
  assert.match(decoded.issues[1]?.message ?? '', /"objectRef" must be an object, found string/);
  assert.match(decoded.issues[3]?.message ?? '', /binary data/);
  assert.equal(decoded.stats.malformed, 4);
});

test('Secret data, stringData and the last-applied annotation are redacted at decode time', () => {
  const secret = decoded.events.find((event) => event.origin.line === 14);
  const text = JSON.stringify(secret?.data);
  assert.doesNotMatch(text, /aHVudGVyMg|s3cr3t|czNjcjN0/);
  const request = secret?.data.requestObject as Record<string, Record<string, unknown>>;
  assert.deepEqual(request.data, { password: REDACTED });
  assert.deepEqual(request.stringData, { token: REDACTED });
});

test('with dedupe, a request is evaluated once and a retried delivery is dropped', () => {
  const deduped = decodeText(readFileSync(AUDIT, 'utf8'), { file: AUDIT, dedupe: true });
  const lines = deduped.events.map((event) => event.origin.line);
  // line 1 RequestReceived and line 12 exec ResponseComplete: other stage; line 13 repeats line 2
  assert.deepEqual(lines, [2, 3, 4, 5, 6, 11, 14]);
  assert.equal(deduped.stats.otherStages, 2);
  assert.equal(deduped.stats.duplicates, 1);
});

test('a pretty-printed EventList with BOM and CRLF decodes every item with its index', () => {
  const file = fixturePath('k8s-audit', 'eventlist-pretty.json');
  const list = decodeText(readFileSync(file, 'utf8'), { file });
  assert.equal(list.format, 'k8s-event-list');
  assert.deepEqual(list.issues, []);
  assert.deepEqual(
    list.events.map((event) => [event.origin.index, event.data.verb, event.format]),
    [
      [0, 'create', 'k8s-event-list'],
      [1, 'patch', 'k8s-event-list'],
      [2, 'create', 'k8s-event-list'],
    ],
  );
  // Items are streamed out of the pretty document: each keeps the line where it starts.
  assert.deepEqual(
    list.events.map((event) => event.origin.line),
    [6, 84, 162],
  );
});

test('forcing k8s-audit on an EventList reports it instead of guessing', () => {
  const body = '{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[]}';
  const forced = decodeText(body, { format: 'k8s-audit', file: 'batch.json' });
  assert.equal(forced.events.length, 0);
  assert.equal(forced.issues[0]?.code, 'CW_INGEST_UNRECOGNISED_RECORD');
  assert.deepEqual(forced.issues[0]?.location, { file: 'batch.json', line: 1 });
  assert.match(forced.issues[0]?.message ?? '', /expected a k8s-audit record/);
});

test('an EventList item that is not an object is an issue with its index', () => {
  const body =
    '{"kind":"EventList","items":[{"auditID":"a","stage":"ResponseComplete","verb":"get"},7]}';
  const out = decodeText(body, { file: 'b.json' });
  assert.equal(out.events.length, 1);
  assert.deepEqual(out.issues[0]?.location, { file: 'b.json', line: 1, index: 1 });
  assert.equal(out.issues[0]?.code, 'CW_INGEST_BAD_FIELD');
});
