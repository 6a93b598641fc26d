/**
 * One Windows event, whatever its container (XML, evtx-JSON, agent JSON), mapped onto the
 * field names SigmaHQ's Windows rules read: the `EventData` fields at the top level (`Image`,
 * `CommandLine`, `TargetFilename`, …) plus the System fields `EventID`, `Channel`,
 * `Provider_Name`, `Computer`, `Level`, `Version`, `EventRecordID` (the names of Sigma's
 * Windows pipelines and evtx2json-style tools). Security 4688 also gets the process_creation
 * names (see `SECURITY_4688_NAMES`), keeping its own names beside them.
 * @module
 */
import type { Logsource } from '../../logsource.js';
import { parseTimestamp } from '../time.js';
import { sysmonCategory, WINDOWS_CHANNEL_SERVICES } from './categories.js';
import { internLogsource } from './logsource-intern.js';

/** The System part of a Windows event, already flattened by the container's decoder. */
export interface WindowsSystem {
  readonly eventId: number;
  readonly channel?: string;
  readonly provider?: string;
  readonly computer?: string;
  readonly time?: unknown;
  /** Other System fields (Level, Version, EventRecordID, Task, Keywords, …). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface WindowsEventParts {
  readonly logsource: Logsource;
  readonly timeMs: number;
  readonly data: Record<string, unknown>;
}

/**
 * Security 4688 (A new process has been created) → Sigma process_creation names, following
 * the mapping of Sigma's Windows audit pipelines. `ProcessId` in 4688 is the *creator's* id,
 * so it is kept as is (rules on `service: security` read it that way) and copied to
 * `ParentProcessId`; the new process id is `NewProcessId`.
 */
export const SECURITY_4688_NAMES: Readonly<Record<string, string>> = Object.freeze({
  NewProcessName: 'Image',
  ParentProcessName: 'ParentImage',
  SubjectUserName: 'User',
  SubjectLogonId: 'LogonId',
  ProcessId: 'ParentProcessId',
  TargetUserName: 'TargetUser',
});

/** Mandatory label SIDs → Sysmon's IntegrityLevel words. */
const INTEGRITY_LEVELS: Readonly<Record<string, string>> = Object.freeze({
  'S-1-16-0': 'Untrusted',
  'S-1-16-4096': 'Low',
  'S-1-16-8192': 'Medium',
  'S-1-16-8448': 'Medium',
  'S-1-16-12288': 'High',
  'S-1-16-16384': 'System',
  'S-1-16-20480': 'Protected',
});

const SYSMON_PROVIDERS = new Set(['Microsoft-Windows-Sysmon', 'Linux-Sysmon']);

function isSysmon(system: WindowsSystem): boolean {
  if (system.provider !== undefined && SYSMON_PROVIDERS.has(system.provider)) return true;
  const channel = system.channel?.toLowerCase();
  return (
    channel === 'microsoft-windows-sysmon/operational' || channel === 'linux-sysmon/operational'
  );
}

function isLinux(system: WindowsSystem): boolean {
  return (
    system.provider === 'Linux-Sysmon' ||
    system.channel?.toLowerCase() === 'linux-sysmon/operational'
  );
}

/** The Sigma logsource of a Windows (or Sysmon for Linux) event. */
export function windowsLogsource(
  system: WindowsSystem,
  eventData: Readonly<Record<string, unknown>>,
): Logsource {
  if (isSysmon(system)) {
    const category = sysmonCategory(system.eventId, eventData.EventType);
    const product = isLinux(system) ? 'linux' : 'windows';
    return internLogsource(product, 'sysmon', category);
  }
  const service =
    system.channel === undefined
      ? undefined
      : WINDOWS_CHANNEL_SERVICES[system.channel.toLowerCase()];
  const isProcessCreation = system.eventId === 4688 && service === 'security';
  return internLogsource('windows', service, isProcessCreation ? 'process_creation' : undefined);
}

function add4688Names(data: Record<string, unknown>): void {
  for (const [original, sigma] of Object.entries(SECURITY_4688_NAMES)) {
    const value = data[original];
    if (value !== undefined && data[sigma] === undefined) data[sigma] = value;
  }
  const domain = data.SubjectDomainName;
  if (typeof domain === 'string' && typeof data.SubjectUserName === 'string' && domain !== '-') {
    data.User = `${domain}\\${data.SubjectUserName}`;
  }
  const label = data.MandatoryLabel;
  if (typeof label === 'string' && data.IntegrityLevel === undefined) {
    const level = INTEGRITY_LEVELS[label];
    if (level !== undefined) data.IntegrityLevel = level;
  }
}

/**
 * Builds the rule-facing record of one Windows event. `eventData` is copied (the container's
 * object is not changed).
 */
export function toWindowsEvent(
  system: WindowsSystem,
  eventData: Readonly<Record<string, unknown>>,
): WindowsEventParts {
  const data: Record<string, unknown> = { ...system.extra, ...eventData };
  data.EventID = system.eventId;
  if (system.channel !== undefined) data.Channel = system.channel;
  if (system.provider !== undefined) data.Provider_Name = system.provider;
  if (system.computer !== undefined) data.Computer = system.computer;
  const logsource = windowsLogsource(system, eventData);
  if (logsource.service === 'security' && system.eventId === 4688) add4688Names(data);
  // Sysmon's own UtcTime ("2025-11-27 07:40:10.132", UTC) is when the action happened;
  // System/TimeCreated is when the record was written.
  const timeMs = Number.isNaN(parseTimestamp(system.time))
    ? parseTimestamp(eventData.UtcTime)
    : parseTimestamp(system.time);
  return { logsource, timeMs, data };
}

/** Reads an EventID that may be a number, a numeric string or `{ "#text": 1 }`. */
export function readEventId(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (typeof value === 'object' && value !== null && '#text' in value) {
    return readEventId((value as { '#text': unknown })['#text']);
  }
  return undefined;
}
