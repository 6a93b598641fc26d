import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../../test/fixtures.js';
import { decodeText } from '../read-events.js';

function decodeFixture(...parts: string[]) {
  const file = fixturePath(...parts);
  return { file, ...decodeText(readFileSync(file, 'utf8'), { file }) };
}

test('an Event Viewer XML export decodes every event with Sigma names and logsources', () => {
  const { file, format, events, issues } = decodeFixture('windows', 'events.xml');
  assert.equal(format, 'windows-xml');
  assert.deepEqual(issues, []);
  assert.equal(events.length, 4);
  const [proc, created, security, registry] = events;
  assert.deepEqual(proc?.logsource, {
    product: 'windows',
    service: 'sysmon',
    category: 'process_creation',
  });
  assert.equal(proc?.data.Image, 'C:\\Windows\\System32\\schtasks.exe');
  assert.equal(proc?.data.ParentCommandLine, 'cmd.exe /c "echo <x> && run.bat"');
  assert.equal(proc?.data.EventID, 1);
  assert.equal(proc?.data.Channel, 'Microsoft-Windows-Sysmon/Operational');
  assert.equal(proc?.data.Provider_Name, 'Microsoft-Windows-Sysmon');
  assert.equal(proc?.data.Computer, 'ws01.corp.example');
  assert.equal(proc?.data.EventRecordID, 4711);
  assert.equal(proc?.timeMs, Date.parse('2026-03-02T10:15:00.123Z'));
  assert.deepEqual(proc?.origin, { file, line: 3, index: 0 });
  assert.equal(created?.logsource.category, 'file_event');
  assert.equal(created?.data.TargetFilename, 'C:\\Windows\\System32\\Tasks\\Updater');
  assert.deepEqual(created?.origin, { file, line: 34, index: 1 });
  assert.deepEqual(security?.logsource, {
    product: 'windows',
    service: 'security',
    category: 'process_creation',
  });
  assert.equal(security?.origin.line, 34);
  assert.equal(registry?.logsource.category, 'registry_set');
  assert.deepEqual(registry?.origin, { file, line: 35, index: 3 });
});

test('Security 4688 gets the process_creation names and keeps its own', () => {
  const { events } = decodeFixture('windows', 'events.xml');
  const data = events[2]?.data ?? {};
  assert.equal(data.Image, 'C:\\Windows\\System32\\at.exe');
  assert.equal(data.NewProcessName, 'C:\\Windows\\System32\\at.exe');
  assert.equal(data.ParentImage, 'C:\\Windows\\System32\\cmd.exe');
  assert.equal(data.ParentProcessName, 'C:\\Windows\\System32\\cmd.exe');
  assert.equal(data.CommandLine, 'at 23:00 /every:M,T,W C:\\Users\\Public\\u.exe');
  assert.equal(data.User, 'CORP\\alice');
  assert.equal(data.SubjectUserName, 'alice');
  assert.equal(data.LogonId, '0x3e7a1');
  assert.equal(data.ParentProcessId, '0x190c');
  assert.equal(data.ProcessId, '0x190c', '4688 ProcessId (the creator) is kept');
  assert.equal(data.IntegrityLevel, 'High');
});

test('broken XML events are issues at their line; the good events around them decode', () => {
  const { file, events, issues } = decodeFixture('windows', 'broken.xml');
  assert.deepEqual(
    events.map((event) => [event.origin.line, event.data.Image ?? event.data.TargetFilename]),
    [
      [2, 'C:\\a.exe'],
      [7, 'C:\\c.txt'],
    ],
  );
  assert.deepEqual(
    issues.map((issue) => [issue.code, issue.location?.line, issue.location?.column]),
    [
      ['CW_INGEST_MALFORMED_XML', 3, 152],
      ['CW_INGEST_BAD_FIELD', 4, undefined],
      ['CW_INGEST_MALFORMED_XML', 5, undefined],
      ['CW_INGEST_MALFORMED_XML', 6, undefined],
      ['CW_INGEST_MALFORMED_XML', 8, undefined],
    ],
  );
  assert.match(issues[0]?.message ?? '', /closing tag <\/Event> does not match <EventData>/);
  assert.match(issues[1]?.message ?? '', /<EventID> must be an integer, found "one"/);
  assert.match(issues[3]?.message ?? '', /not closed/);
  assert.equal(issues[0]?.location?.file, file);
});

test('binary garbage is not taken for event XML', () => {
  const garbage = '\u0000\u0001\u00ff<Ev\u0007ent>\u0000';
  const out = decodeText(garbage, { file: 'bin', format: 'windows-xml' });
  assert.equal(out.events.length, 0);
  assert.equal(out.issues[0]?.code, 'CW_INGEST_MALFORMED_XML');
  assert.deepEqual(out.issues[0]?.location, { file: 'bin', line: 1 });
});

test('Sysmon for Linux syslog lines decode to product linux with the category of their EID', () => {
  const { file, format, events, issues } = decodeFixture('sysmon-linux', 'syslog.log');
  assert.equal(format, 'sysmon-linux');
  assert.deepEqual(
    events.map((event) => [event.origin.line, event.logsource]),
    [
      [1, { product: 'linux', service: 'sysmon', category: 'process_creation' }],
      [2, { product: 'linux', service: 'sysmon', category: 'file_event' }],
      [4, { product: 'linux', service: 'sysmon', category: 'file_delete' }],
    ],
  );
  assert.equal(events[0]?.data.Image, '/usr/bin/crontab');
  assert.equal(events[0]?.data.CommandLine, 'crontab /tmp/cron.txt');
  assert.equal(events[0]?.data.ParentImage, '/usr/bin/bash');
  assert.equal(events[1]?.data.TargetFilename, '/var/spool/cron/crontabs/tmp.XyZ12');
  assert.deepEqual(
    issues.map((issue) => [issue.code, issue.location]),
    [['CW_INGEST_MALFORMED_XML', { file, line: 3 }]],
  );
});
