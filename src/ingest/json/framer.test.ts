import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Issue } from '../../errors.js';
import { JsonFramer } from './framer.js';
import type { RecordAt } from './record-format.js';

function frame(text: string, maxDocumentBytes?: number) {
  const values: Array<{ value: unknown; at: RecordAt }> = [];
  const issues: Issue[] = [];
  const texts: number[] = [];
  const framer = new JsonFramer(
    'f',
    {
      value: (value, at) => values.push({ value, at }),
      text: (_text, at) => {
        texts.push(at.line);
        return false;
      },
      issue: (issue) => issues.push(issue),
    },
    maxDocumentBytes,
  );
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) framer.line(lines[i] ?? '', i + 1);
  framer.end();
  return { values, issues, texts };
}

test('JSON lines: one value per line, blank lines ignored', () => {
  const out = frame('{"a":1}\n\n{"a":2}\n');
  assert.deepEqual(
    out.values.map((v) => [v.value, v.at.line]),
    [
      [{ a: 1 }, 1],
      [{ a: 2 }, 3],
    ],
  );
});

test('a pretty-printed object spanning lines is one value at its first line', () => {
  const out = frame('{\n  "a": {\n    "b": "x}{"\n  }\n}\n{"c":3}');
  assert.deepEqual(out.issues, []);
  assert.deepEqual(
    out.values.map((v) => [v.value, v.at.line]),
    [
      [{ a: { b: 'x}{' } }, 1],
      [{ c: 3 }, 6],
    ],
  );
});

test('a pretty top-level array streams its elements with index and start line', () => {
  const out = frame('[\n  {\n    "a": 1\n  },\n  {"a": "2,]"},\n  7,\n  "s"\n]');
  assert.deepEqual(out.issues, []);
  assert.deepEqual(
    out.values.map((v) => [v.value, v.at.line, v.at.index]),
    [
      [{ a: 1 }, 2, 0],
      [{ a: '2,]' }, 5, 1],
      [7, 6, 2],
      ['s', 7, 3],
    ],
  );
});

test('a one-line array gives its elements indexes', () => {
  const out = frame('[{"a":1},{"a":2}]');
  assert.deepEqual(
    out.values.map((v) => v.at.index),
    [0, 1],
  );
});

test('concatenated values on one line are split', () => {
  const out = frame('{"a":1}{"a":2} {"a":3}');
  assert.deepEqual(
    out.values.map((v) => v.value),
    [{ a: 1 }, { a: 2 }, { a: 3 }],
  );
});

test('a JSON line cut inside a string is reported and the next line is not swallowed', () => {
  const out = frame('{"a":"cut\n{"b":2}');
  assert.equal(out.issues[0]?.code, 'CW_INGEST_UNTERMINATED_DOCUMENT');
  assert.deepEqual(out.issues[0]?.location, { file: 'f', line: 1 });
  assert.deepEqual(
    out.values.map((v) => v.value),
    [{ b: 2 }],
  );
});

test('a JSON line cut after a comma gives way to the next complete record', () => {
  const out = frame('{"a":{"x":1},\n{"b":2}\n{"c":3}');
  assert.equal(out.issues[0]?.code, 'CW_INGEST_UNTERMINATED_DOCUMENT');
  assert.deepEqual(
    out.values.map((v) => v.value),
    [{ b: 2 }, { c: 3 }],
  );
});

test('a stream ending inside a document is reported at the document start', () => {
  const out = frame('{"ok":1}\n{\n  "a": 1,');
  assert.equal(out.values.length, 1);
  assert.equal(out.issues[0]?.code, 'CW_INGEST_UNTERMINATED_DOCUMENT');
  assert.equal(out.issues[0]?.location?.line, 2);
});

test('a document over the size limit is skipped with an issue; the next one is kept', () => {
  const big = `{\n  "a": "${'x'.repeat(200)}"\n}`;
  const out = frame(`${big}\n{"b":1}`, 100);
  assert.equal(out.issues[0]?.code, 'CW_INGEST_DOCUMENT_TOO_LARGE');
  assert.equal(out.issues[0]?.location?.line, 1);
  assert.deepEqual(
    out.values.map((v) => v.value),
    [{ b: 1 }],
  );
});

test('malformed JSON messages never echo the record text', () => {
  const out = frame('{\n "password": "hunter2" x\n}');
  assert.equal(out.issues[0]?.code, 'CW_INGEST_MALFORMED_JSON');
  assert.doesNotMatch(out.issues[0]?.message ?? '', /hunter2/);
});

test('text after a complete value and non-JSON lines are issues, offered to formats first', () => {
  const out = frame('{"a":1} trailing\nplain text');
  assert.deepEqual(
    out.issues.map((issue) => [issue.code, issue.location?.line, issue.location?.column]),
    [
      ['CW_INGEST_MALFORMED_JSON', 1, 9],
      ['CW_INGEST_MALFORMED_JSON', 2, 1],
    ],
  );
  assert.deepEqual(out.texts, [2]);
});

test('a pretty wrapper streams its batch array with the header copied into each element', () => {
  const text = [
    '{',
    '  "kind": "EventList",',
    '  "apiVersion": "audit.k8s.io/v1",',
    '  "items": [',
    '    {',
    '      "auditID": "a"',
    '    },',
    '    {"auditID": "b"}',
    '  ],',
    '  "metadata": {}',
    '}',
  ].join('\n');
  const out = frame(text);
  assert.deepEqual(out.issues, []);
  assert.deepEqual(
    out.values.map((v) => [v.value, v.at.line, v.at.index, v.at.batchIndex]),
    [
      [{ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [{ auditID: 'a' }] }, 5, 0, 0],
      [{ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [{ auditID: 'b' }] }, 8, 1, 1],
      [
        { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [], metadata: {} },
        1,
        undefined,
        undefined,
      ],
    ],
  );
});

test('records/events arrays stream; a List that is not an EventList is kept whole', () => {
  const records = frame('{\n  "records": [\n    {"a": 1},\n    {"a": 2}\n  ]\n}');
  assert.deepEqual(
    records.values.map((v) => v.value),
    [{ records: [{ a: 1 }] }, { records: [{ a: 2 }] }, { records: [] }],
  );
  const list = frame('{\n  "kind": "List",\n  "items": [\n    {"a": 1}\n  ]\n}');
  assert.deepEqual(
    list.values.map((v) => v.value),
    [{ kind: 'List', items: [{ a: 1 }] }],
  );
});

test('a streamed element over the limit is skipped; its neighbours are kept', () => {
  const big = `{"a": "${'x'.repeat(200)}"}`;
  const out = frame(`{\n "events": [\n  {"a": 1},\n  ${big},\n  {"a": 3}\n ]\n}`, 100);
  assert.equal(out.issues[0]?.code, 'CW_INGEST_DOCUMENT_TOO_LARGE');
  assert.deepEqual(out.issues[0]?.location, { file: 'f', line: 4, index: 1 });
  assert.deepEqual(
    out.values.map((v) => v.value),
    [{ events: [{ a: 1 }] }, { events: [{ a: 3 }] }, { events: [] }],
  );
});
