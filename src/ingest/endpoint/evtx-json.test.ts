import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeText } from '../read-events.js';

const system = (eventId: unknown) => ({
  Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
  EventID: eventId,
  Channel: 'Microsoft-Windows-Sysmon/Operational',
  TimeCreated: { '#attributes': { SystemTime: '2026-03-02T10:15:00.000000Z' } },
});

test('evtx-JSON records with wrong types are issues at their line; good records around decode', () => {
  const lines = [
    JSON.stringify({ Event: { System: system(1), EventData: { Image: 'C:\\a.exe' } } }),
    JSON.stringify({ Event: { System: system('one'), EventData: {} } }),
    JSON.stringify({ Event: { System: system(11), EventData: ['not', 'an', 'object'] } }),
    '\u0000\u0001\u0002binary\u00ff',
    JSON.stringify({ Event: { System: system('11'), EventData: { TargetFilename: 'C:\\t' } } }),
    JSON.stringify({
      Event: {
        System: {
          ...system(4701),
          Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing' } },
          Channel: 'Security',
        },
        UserData: { TaskInfo: { '#attributes': { xmlns: 'x' }, TaskName: '\\Updater' } },
      },
    }),
  ];
  const out = decodeText(lines.join('\n'), { file: 'e.json', format: 'windows-evtx-json' });
  assert.deepEqual(
    out.events.map((event) => [event.origin.line, event.data.EventID, event.logsource.category]),
    [
      [1, 1, 'process_creation'],
      [5, 11, 'file_event'],
      [6, 4701, undefined],
    ],
  );
  assert.equal(out.events[2]?.data.TaskName, '\\Updater', 'UserData is flattened');
  assert.deepEqual(out.events[2]?.logsource, { product: 'windows', service: 'security' });
  assert.deepEqual(
    out.issues.map((issue) => [issue.code, issue.location?.line]),
    [
      ['CW_INGEST_BAD_FIELD', 2],
      ['CW_INGEST_BAD_FIELD', 3],
      ['CW_INGEST_MALFORMED_JSON', 4],
    ],
  );
});

test('a detected stream mixing endpoint and audit JSON decodes each record with its own format', () => {
  const lines = [
    JSON.stringify({ Event: { System: system(1), EventData: { Image: 'C:\\a.exe' } } }),
    JSON.stringify({
      rule: 'Terminal shell in container',
      priority: 'Notice',
      output: 'x',
      output_fields: { 'evt.type': 'execve', 'proc.exepath': '/bin/sh' },
    }),
    JSON.stringify({
      kind: 'AdmissionReview',
      apiVersion: 'admission.k8s.io/v1',
      request: {
        uid: 'u',
        operation: 'CREATE',
        resource: { group: 'batch', version: 'v1', resource: 'cronjobs' },
        namespace: 'd',
        name: 'c',
      },
    }),
    JSON.stringify({
      '@timestamp': '2026-03-02T10:00:00Z',
      ecs: { version: '8.11.0' },
      event: { category: 'process', type: 'start' },
      process: { executable: '/bin/x' },
    }),
    JSON.stringify({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      auditID: 'a',
      stage: 'ResponseComplete',
      verb: 'get',
      requestURI: '/api',
    }),
  ];
  const out = decodeText(lines.join('\n'), { file: 'mixed.jsonl' });
  assert.deepEqual(out.issues, []);
  assert.deepEqual(
    out.events.map((event) => event.format),
    ['windows-evtx-json', 'falco-json', 'admission-review', 'elastic-ecs', 'k8s-audit'],
  );
});
