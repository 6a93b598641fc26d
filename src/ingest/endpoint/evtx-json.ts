/**
 * `windows-evtx-json`: Windows event logs converted from .evtx to JSON the way SigmaHQ's
 * `regression_data` is (evtx_dump / python-evtx style): `{"Event": {"#attributes": …,
 * "System": {"EventID": 1, "Channel": …, "Provider": {"#attributes": {"Name": …}},
 * "TimeCreated": {"#attributes": {"SystemTime": …}}, …}, "EventData": {"Image": …} }}`, one
 * per line or pretty-printed and concatenated. `UserData` (events without EventData) is
 * flattened one level the same way.
 * @module
 */
import type { DecodeSink } from '../format.js';
import { openJsonRecordDecoder } from '../json/dispatch.js';
import { isObject, type JsonRecordFormat, type RecordAt } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { recordLocation } from '../k8s/audit-record.js';
import { readEventId, toWindowsEvent } from './windows-event.js';

function attributesOf(value: unknown): Record<string, unknown> {
  if (!isObject(value)) return {};
  const attributes = value['#attributes'];
  return isObject(attributes) ? attributes : {};
}

function evtxScore(value: Readonly<Record<string, unknown>>): number {
  const event = value.Event;
  if (!isObject(event) || !isObject(event.System)) return 0;
  return 'EventData' in event || 'UserData' in event ? 1 : 0.9;
}

/** EventData as an object, `UserData.<Name>` children, or `{Data: [...]}` lists. */
function eventDataOf(event: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const eventData = event.EventData;
  if (isObject(eventData)) {
    const { '#attributes': _, ...fields } = eventData;
    return fields;
  }
  const userData = event.UserData;
  if (isObject(userData)) {
    const out: Record<string, unknown> = {};
    for (const inner of Object.values(userData)) {
      if (!isObject(inner)) continue;
      for (const [key, field] of Object.entries(inner)) if (key !== '#attributes') out[key] = field;
    }
    return out;
  }
  return {};
}

const SYSTEM_EXTRA = ['Version', 'Level', 'Task', 'Opcode', 'Keywords', 'EventRecordID'] as const;

function decodeEvtx(value: Record<string, unknown>, at: RecordAt, sink: DecodeSink): void {
  const event = value.Event as Record<string, unknown>;
  const system = event.System as Record<string, unknown>;
  const eventId = readEventId(system.EventID);
  if (eventId === undefined) {
    sink.issue({
      code: 'CW_INGEST_BAD_FIELD',
      severity: 'error',
      message: 'Windows event not used: Event.System.EventID must be an integer',
      location: recordLocation(at),
    });
    return;
  }
  if (event.EventData !== undefined && event.EventData !== null && !isObject(event.EventData)) {
    sink.issue({
      code: 'CW_INGEST_BAD_FIELD',
      severity: 'error',
      message: 'Windows event not used: Event.EventData must be an object',
      location: recordLocation(at),
    });
    return;
  }
  const extra: Record<string, unknown> = {};
  for (const key of SYSTEM_EXTRA) if (system[key] !== undefined) extra[key] = system[key];
  const execution = attributesOf(system.Execution);
  if (execution.ProcessID !== undefined) extra.ExecutionProcessID = execution.ProcessID;
  const security = attributesOf(system.Security);
  if (typeof security.UserID === 'string') extra.SecurityUserID = security.UserID;
  const channel = system.Channel;
  const computer = system.Computer;
  const provider = attributesOf(system.Provider).Name;
  const parts = toWindowsEvent(
    {
      eventId,
      ...(typeof channel === 'string' ? { channel } : {}),
      ...(typeof provider === 'string' ? { provider } : {}),
      ...(typeof computer === 'string' ? { computer } : {}),
      time: attributesOf(system.TimeCreated).SystemTime,
      extra,
    },
    eventDataOf(event),
  );
  sink.event({ format: 'windows-evtx-json', ...parts, origin: recordLocation(at) });
}

export const WINDOWS_EVTX_JSON_FORMAT: JsonRecordFormat = {
  id: 'windows-evtx-json',
  description:
    'Windows/Sysmon events as evtx-to-JSON ({"Event":{"System":…,"EventData":…}}, SigmaHQ regression_data)',
  sniff: (head) => sniffJsonRecord(head, evtxScore, /"Event"\s*:\s*\{[\s\S]*"System"\s*:/),
  matchRecord: evtxScore,
  decodeRecord: decodeEvtx,
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
