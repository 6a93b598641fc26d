/**
 * `azure-activity-log`: Azure Activity Log records — the portal/CLI export (`az monitor
 * activity-log list`: a JSON array, `operationName` and `status` as `{value, localizedValue}`),
 * diagnostic-setting records on Event Hub or storage (`{"records": […]}`, `operationName` a
 * string) and Log Analytics `AzureActivity` rows (`OperationNameValue`, `Caller`,
 * `CallerIpAddress`, `ActivityStatusValue`). Every record is normalised to the camelCase names
 * SigmaHQ's `azure/activitylogs` rules read (`operationName`, `caller`, `callerIpAddress`,
 * `resourceId`, `status`, `category`, `properties`), keeping the original fields too.
 * @module
 */
import type { DecodeSink } from '../format.js';
import { openJsonRecordDecoder } from '../json/dispatch.js';
import { isObject, type JsonRecordFormat, type RecordAt } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { recordLocation } from '../k8s/audit-record.js';
import { firstTimestamp } from '../time.js';

export const AZURE_ACTIVITY_LOGSOURCE = Object.freeze({
  product: 'azure',
  service: 'activitylogs',
});

const ACTIVITY_KEYS = [
  'resourceId',
  'ResourceId',
  'callerIpAddress',
  'CallerIpAddress',
  'caller',
  'Caller',
  'eventTimestamp',
  'correlationId',
  'CorrelationId',
  'resultType',
  'eventDataId',
];

/** `"X"` or `{value: "X", localizedValue: …}` → `"X"`. */
function plainValue(field: unknown): string | undefined {
  if (typeof field === 'string') return field;
  if (isObject(field) && typeof field.value === 'string') return field.value;
  return undefined;
}

function operationOf(value: Readonly<Record<string, unknown>>): string | undefined {
  return (
    plainValue(value.operationName) ??
    plainValue(value.OperationNameValue) ??
    plainValue(value.OperationName)
  );
}

/** Activity Log categories (Azure Monitor activity log event schema). */
const ACTIVITY_CATEGORIES = new Set([
  'Administrative',
  'Security',
  'ServiceHealth',
  'Alert',
  'Recommendation',
  'Policy',
  'Autoscale',
  'ResourceHealth',
]);

function activityScore(value: Readonly<Record<string, unknown>>): number {
  if (typeof value.OperationNameValue === 'string') return 1;
  if (operationOf(value) === undefined) return 0;
  const category = plainValue(value.category);
  // AKS diagnostic records also have operationName/resourceId: they are not Activity Log.
  if (category?.startsWith('kube-')) return 0;
  if (isObject(value.properties) && 'log' in value.properties) return 0;
  if (category !== undefined && ACTIVITY_CATEGORIES.has(category)) return 0.8;
  return ACTIVITY_KEYS.some((key) => key in value) ? 0.8 : 0;
}

function parsedProperties(field: unknown): unknown {
  if (typeof field !== 'string' || !field.trimStart().startsWith('{')) return field;
  try {
    return JSON.parse(field);
  } catch {
    return field;
  }
}

function decodeActivity(value: Record<string, unknown>, at: RecordAt, sink: DecodeSink): void {
  const operationName = operationOf(value);
  if (operationName === undefined) {
    sink.issue({
      code: 'CW_INGEST_BAD_FIELD',
      severity: 'error',
      message: 'Activity Log record has no operationName string',
      location: recordLocation(at),
    });
    return;
  }
  const data: Record<string, unknown> = { ...value, operationName };
  const caller = plainValue(value.caller) ?? plainValue(value.Caller);
  const callerIp = plainValue(value.callerIpAddress) ?? plainValue(value.CallerIpAddress);
  const resourceId =
    plainValue(value.resourceId) ?? plainValue(value.ResourceId) ?? plainValue(value._ResourceId);
  const status =
    plainValue(value.status) ??
    plainValue(value.ActivityStatusValue) ??
    plainValue(value.resultType);
  const category = plainValue(value.category) ?? plainValue(value.CategoryValue);
  const properties = parsedProperties(value.properties ?? value.Properties);
  if (caller !== undefined) data.caller = caller;
  if (callerIp !== undefined) data.callerIpAddress = callerIp;
  if (resourceId !== undefined) data.resourceId = resourceId;
  if (status !== undefined) data.status = status;
  if (category !== undefined) data.category = category;
  if (properties !== undefined) data.properties = properties;
  if (typeof value.OperationNameValue !== 'string') data.OperationNameValue = operationName;
  sink.event({
    format: 'azure-activity-log',
    logsource: AZURE_ACTIVITY_LOGSOURCE,
    timeMs: firstTimestamp(
      value.eventTimestamp,
      value.time,
      value.TimeGenerated,
      value.submissionTimestamp,
    ),
    data,
    origin: recordLocation(at),
  });
}

export const AZURE_ACTIVITY_LOG_FORMAT: JsonRecordFormat = {
  id: 'azure-activity-log',
  description:
    'Azure Activity Log records: portal/CLI export, Event Hub {"records":[…]}, Log Analytics AzureActivity',
  sniff: (head) =>
    sniffJsonRecord(head, activityScore, /"OperationNameValue"\s*:|"callerIpAddress"\s*:/),
  matchRecord: activityScore,
  decodeRecord: decodeActivity,
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
