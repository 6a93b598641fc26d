import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../../test/fixtures.js';
import { decodeText } from '../read-events.js';

function decodeFixture(name: string) {
  const file = fixturePath('azure', name);
  return decodeText(readFileSync(file, 'utf8'), { file });
}

test('the CLI export ({value} fields) normalises to the names Sigma rules read', () => {
  const out = decodeFixture('activity-log-export.json');
  assert.equal(out.format, 'azure-activity-log');
  assert.deepEqual(out.issues, []);
  const [cronjob, vm] = out.events;
  assert.deepEqual(cronjob?.logsource, { product: 'azure', service: 'activitylogs' });
  assert.equal(
    cronjob?.data.operationName,
    'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/WRITE',
  );
  assert.equal(cronjob?.data.OperationNameValue, cronjob?.data.operationName);
  assert.equal(cronjob?.data.status, 'Succeeded');
  assert.equal(cronjob?.data.caller, 'alice@example.com');
  assert.equal(cronjob?.data.category, 'Administrative');
  assert.match(String(cronjob?.data.resourceId), /\/batch\/cronjobs\/updater$/);
  assert.equal(cronjob?.timeMs, Date.parse('2026-03-02T10:15:00.123Z'));
  assert.deepEqual(cronjob?.origin, {
    file: fixturePath('azure', 'activity-log-export.json'),
    line: 2,
    index: 0,
  });
  assert.equal(vm?.data.operationName, 'Microsoft.Compute/virtualMachines/write');
});

test('Event Hub records and AzureActivity rows decode in one batch', () => {
  const out = decodeFixture('eventhub-records.json');
  assert.equal(out.format, 'azure-activity-log');
  const [hub, row] = out.events;
  assert.equal(
    hub?.data.operationName,
    'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/JOBS/WRITE',
  );
  assert.equal(hub?.data.callerIpAddress, '198.51.100.20');
  assert.equal(hub?.data.status, 'Success');
  assert.equal(
    row?.data.operationName,
    'MICROSOFT.KUBERNETES/CONNECTEDCLUSTERS/BATCH/CRONJOBS/WRITE',
  );
  assert.equal(row?.data.caller, 'dave@example.com');
  assert.equal(row?.data.callerIpAddress, '198.51.100.40');
  assert.equal(row?.data.status, 'Success');
  assert.deepEqual(row?.data.properties, { entity: 'arc-1' }, 'string Properties are parsed');
  assert.equal(row?.origin.index, 1);
});

test('an AKS diagnostic record is not taken for an Activity Log record', () => {
  const aks = JSON.stringify({
    category: 'kube-audit',
    operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read',
    resourceId: '/SUBSCRIPTIONS/X',
    properties: { log: '{"kind":"Event","verb":"get"}' },
  });
  const out = decodeText(aks, { file: 'a' });
  assert.equal(out.format, 'aks-diagnostic');
  assert.equal(out.events[0]?.format, 'aks-diagnostic');
});

test('forced, a record without operationName is an issue', () => {
  const out = decodeText('{"caller":"x","resourceId":"/s"}', {
    file: 'a',
    format: 'azure-activity-log',
  });
  assert.equal(out.issues[0]?.code, 'CW_INGEST_UNRECOGNISED_RECORD');
  assert.deepEqual(out.issues[0]?.location, { file: 'a', line: 1 });
});
