/**
 * `windows-agent-json`: Windows events as JSON from log shippers.
 *
 * - Winlogbeat / Elastic Agent (ECS): `winlog.event_id` (string in 8.x, number in 7.x),
 *   `winlog.channel`, `winlog.provider_name`, `winlog.computer_name`, `winlog.record_id`,
 *   `winlog.event_data.*` (and `winlog.user_data.*`), `@timestamp`.
 * - NXLog `im_msvistalog` + `to_json()` (and similar flat shippers): `EventID`, `SourceName`
 *   (or `ProviderName`), `Channel`, `Hostname`/`Computer`, `EventTime`, with the EventData
 *   fields at the top level.
 *
 * Both become the same record as the XML and evtx-JSON forms (`windows-event.ts`); the
 * shipper's other fields are kept beside it (ECS `host`, `agent`, …).
 * @module
 */
import type { DecodeSink } from '../format.js';
import { openJsonRecordDecoder } from '../json/dispatch.js';
import { isObject, type JsonRecordFormat, type RecordAt } from '../json/record-format.js';
import { sniffJsonRecord } from '../json/sniff.js';
import { recordLocation } from '../k8s/audit-record.js';
import { readEventId, toWindowsEvent, type WindowsSystem } from './windows-event.js';

function agentScore(value: Readonly<Record<string, unknown>>): number {
  const winlog = value.winlog;
  if (isObject(winlog) && ('event_id' in winlog || 'event_data' in winlog)) return 1;
  if ('EventID' in value && ('SourceName' in value || 'ProviderName' in value)) {
    return 'Channel' in value ? 0.95 : 0.7;
  }
  return 0;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function badField(message: string, at: RecordAt, sink: DecodeSink): void {
  sink.issue({
    code: 'CW_INGEST_BAD_FIELD',
    severity: 'error',
    message: `Windows event not used: ${message}`,
    location: recordLocation(at),
  });
}

function system(
  eventId: number,
  fields: { channel: unknown; provider: unknown; computer: unknown; time: unknown },
  extra: Record<string, unknown>,
): WindowsSystem {
  const channel = text(fields.channel);
  const provider = text(fields.provider);
  const computer = text(fields.computer);
  return {
    eventId,
    ...(channel === undefined ? {} : { channel }),
    ...(provider === undefined ? {} : { provider }),
    ...(computer === undefined ? {} : { computer }),
    time: fields.time,
    extra,
  };
}

function decodeWinlogbeat(
  value: Record<string, unknown>,
  winlog: Record<string, unknown>,
  at: RecordAt,
  sink: DecodeSink,
): void {
  const eventId = readEventId(winlog.event_id);
  if (eventId === undefined) {
    badField('winlog.event_id must be an integer', at, sink);
    return;
  }
  const eventData = winlog.event_data ?? winlog.user_data ?? {};
  if (!isObject(eventData)) {
    badField('winlog.event_data must be an object', at, sink);
    return;
  }
  const { winlog: _, ...rest } = value;
  const extra: Record<string, unknown> = { ...rest };
  if (winlog.record_id !== undefined) extra.EventRecordID = winlog.record_id;
  const parts = toWindowsEvent(
    system(
      eventId,
      {
        channel: winlog.channel,
        provider: winlog.provider_name,
        computer: winlog.computer_name,
        time: value['@timestamp'],
      },
      extra,
    ),
    eventData,
  );
  sink.event({ format: 'windows-agent-json', ...parts, origin: recordLocation(at) });
}

const NXLOG_SYSTEM = new Set([
  'EventID',
  'SourceName',
  'ProviderName',
  'Channel',
  'Hostname',
  'Computer',
  'EventTime',
  'EventReceivedTime',
]);

function decodeFlat(value: Record<string, unknown>, at: RecordAt, sink: DecodeSink): void {
  const eventId = readEventId(value.EventID);
  if (eventId === undefined) {
    badField('EventID must be an integer', at, sink);
    return;
  }
  const eventData: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!NXLOG_SYSTEM.has(key)) eventData[key] = field;
  }
  const parts = toWindowsEvent(
    system(
      eventId,
      {
        channel: value.Channel,
        provider: value.SourceName ?? value.ProviderName,
        computer: value.Hostname ?? value.Computer,
        time: value.EventTime,
      },
      {},
    ),
    eventData,
  );
  sink.event({ format: 'windows-agent-json', ...parts, origin: recordLocation(at) });
}

function decodeAgent(value: Record<string, unknown>, at: RecordAt, sink: DecodeSink): void {
  const winlog = value.winlog;
  if (isObject(winlog)) decodeWinlogbeat(value, winlog, at, sink);
  else decodeFlat(value, at, sink);
}

export const WINDOWS_AGENT_JSON_FORMAT: JsonRecordFormat = {
  id: 'windows-agent-json',
  description:
    'Windows events as shipped by agents: Winlogbeat/Elastic Agent (winlog.*), NXLog JSON',
  sniff: (head) => sniffJsonRecord(head, agentScore, /"winlog"\s*:\s*\{|"SourceName"\s*:/),
  matchRecord: agentScore,
  decodeRecord: decodeAgent,
  open(file, sink, options) {
    return openJsonRecordDecoder(this as JsonRecordFormat, file, sink, options);
  },
};
