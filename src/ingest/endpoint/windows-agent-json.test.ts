import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../../test/fixtures.js';
import { decodeText } from '../read-events.js';

test('Winlogbeat and NXLog JSON decode to the same Sigma names as the XML form', () => {
  const file = fixturePath('windows', 'agent.jsonl');
  const out = decodeText(readFileSync(file, 'utf8'), { file });
  assert.equal(out.format, 'windows-agent-json');
  const [sysmon, security, nxlog] = out.events;
  assert.deepEqual(sysmon?.logsource, {
    product: 'windows',
    service: 'sysmon',
    category: 'process_creation',
  });
  assert.equal(sysmon?.data.Image, 'C:\\Windows\\System32\\schtasks.exe');
  assert.equal(sysmon?.data.EventID, 1);
  assert.equal(sysmon?.data.Computer, 'ws01.corp.example');
  assert.equal(sysmon?.timeMs, Date.parse('2026-03-02T10:15:00.123Z'));
  assert.deepEqual(security?.logsource, {
    product: 'windows',
    service: 'security',
    category: 'process_creation',
  });
  assert.equal(security?.data.Image, 'C:\\Windows\\System32\\at.exe');
  assert.equal(security?.data.User, 'CORP\\alice');
  assert.equal(nxlog?.logsource.category, 'file_event');
  assert.equal(nxlog?.data.TargetFilename, 'C:\\Windows\\System32\\Tasks\\Updater');
  assert.equal(nxlog?.data.Provider_Name, 'Microsoft-Windows-Sysmon');
  assert.equal(nxlog?.timeMs, Date.UTC(2026, 2, 2, 10, 15, 1));
  assert.deepEqual(
    out.issues.map((issue) => [issue.code, issue.location]),
    [['CW_INGEST_BAD_FIELD', { file, line: 4 }]],
  );
});
