import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../../test/fixtures.js';
import { decodeText } from '../read-events.js';
import { parseAuditRecord } from './auditd-record.js';

const FILE = fixturePath('auditd', 'audit.log');

function decodeFixture() {
  return decodeText(readFileSync(FILE, 'utf8'), { file: FILE });
}

test('interleaved auditd events group by serial into raw records and taxonomy views', () => {
  const out = decodeFixture();
  assert.equal(out.format, 'linux-auditd');
  const views = out.events.filter((event) => event.logsource.service === undefined);
  assert.deepEqual(
    views.map((event) => [event.logsource.category, event.origin.line, event.data.Image]),
    [
      ['process_creation', 1, '/usr/bin/crontab'],
      ['file_event', 3, '/usr/bin/dash'],
      ['process_creation', 17, '/usr/bin/python3.11'],
      ['process_creation', 20, '/usr/bin/dash'],
    ],
  );
  const [crontab, created, python] = views;
  assert.equal(crontab?.data.CommandLine, 'crontab /tmp/my cron.txt');
  assert.equal(crontab?.data.proctitle, 'crontab /tmp/my cron.txt');
  assert.equal(crontab?.data.CurrentDirectory, '/tmp');
  assert.equal(crontab?.data.ParentProcessId, '5510');
  assert.equal(crontab?.data.User, '0');
  assert.equal(crontab?.data.auid, '1000');
  assert.equal(crontab?.data.key, 'cron');
  assert.equal(crontab?.timeMs, 1772446800123);
  assert.equal(created?.data.TargetFilename, '/var/spool/cron/crontabs/tmp XyZ12');
  assert.equal(created?.data.syscall, 'openat');
  assert.equal(python?.data.CommandLine, 'python3 -c import os x');
  assert.equal(python?.data.User, 'root', 'the ENRICHED UID name wins over the number');
  assert.equal(python?.data.node, 'node-a');
});

test('raw records keep their type and decoded fields for service: auditd rules', () => {
  const raw = decodeFixture().events.filter((event) => event.logsource.service === 'auditd');
  const execve = raw.find(
    (event) => event.data.type === 'EXECVE' && event.data.auditSerial === '100',
  );
  assert.deepEqual(execve?.logsource, { product: 'linux', service: 'auditd' });
  assert.equal(execve?.data.a0, 'crontab');
  assert.equal(execve?.data.a1, '/tmp/my cron.txt');
  assert.equal(execve?.origin.line, 2);
  const userCmd = raw.find((event) => event.data.type === 'USER_CMD');
  assert.equal(userCmd?.data.cmd, 'crontab -e');
  assert.equal(userCmd?.data.exe, '/usr/bin/sudo');
  const syscall = raw.find(
    (event) => event.data.type === 'SYSCALL' && event.data.auditSerial === '100',
  );
  assert.equal(syscall?.data.a0, '55d5e0a1b2c0', 'SYSCALL register arguments are not hex-decoded');
  assert.ok(!raw.some((event) => event.data.type === 'EOE'));
});

test('a non-audit line, a lost SYSCALL and a cut-off event are reported at their lines', () => {
  const out = decodeFixture();
  assert.deepEqual(
    out.issues.map((issue) => [issue.code, issue.severity, issue.location]),
    [
      ['CW_INGEST_MALFORMED_AUDITD', 'error', { file: FILE, line: 14 }],
      ['CW_INGEST_INCOMPLETE_AUDITD', 'warning', { file: FILE, line: 15 }],
      ['CW_INGEST_INCOMPLETE_AUDITD', 'warning', { file: FILE, line: 20 }],
    ],
  );
  assert.match(out.issues[1]?.message ?? '', /no SYSCALL record/);
  assert.match(out.issues[2]?.message ?? '', /no EOE record/);
});

test('an unclosed quote and binary garbage are not audit records', () => {
  assert.equal(parseAuditRecord('type=SYSCALL msg=audit(1.2:3): comm="sh').ok, false);
  assert.equal(parseAuditRecord('\u0000\u0001type=\u00ff').ok, false);
  const out = decodeText('type=SYSCALL msg=audit(1.2:3): comm="sh\n\u0000\u0001\u00ff', {
    file: 'x',
    format: 'linux-auditd',
  });
  assert.deepEqual(
    out.issues.map((issue) => [issue.code, issue.location?.line]),
    [
      ['CW_INGEST_MALFORMED_AUDITD', 1],
      ['CW_INGEST_MALFORMED_AUDITD', 2],
    ],
  );
});
