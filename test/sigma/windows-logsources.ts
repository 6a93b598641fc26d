/**
 * Which Sigma logsources a Windows event belongs to, as data: channel → service, and for
 * Sysmon, EventID → category (the SigmaHQ taxonomy, sigma-appendix-taxonomy.md and the
 * Sysmon event list). A registry event is both its specific category and `registry_event`.
 * Used to route the SigmaHQ regression events; the production Sysmon decoders live in
 * src/ingest/.
 */
import type { Logsource } from '../../src/logsource.js';

/** Event log channel → Sigma `service`. */
export const CHANNEL_SERVICES: Readonly<Record<string, string>> = {
  'Microsoft-Windows-Sysmon/Operational': 'sysmon',
  Security: 'security',
  System: 'system',
  Application: 'application',
  'Microsoft-Windows-TaskScheduler/Operational': 'taskscheduler',
  'Microsoft-Windows-WMI-Activity/Operational': 'wmi',
  'Microsoft-Windows-Windows Defender/Operational': 'windefend',
  'Microsoft-Windows-PowerShell/Operational': 'powershell',
  'Windows PowerShell': 'powershell-classic',
  'Microsoft-Windows-Bits-Client/Operational': 'bits-client',
  'Microsoft-Windows-CodeIntegrity/Operational': 'codeintegrity-operational',
};

/** Sysmon EventID → Sigma categories. */
export const SYSMON_CATEGORIES: Readonly<Record<number, readonly string[]>> = {
  1: ['process_creation'],
  2: ['file_change'],
  3: ['network_connection'],
  5: ['process_termination'],
  6: ['driver_load'],
  7: ['image_load'],
  8: ['create_remote_thread'],
  9: ['raw_access_thread'],
  10: ['process_access'],
  11: ['file_event'],
  12: ['registry_add', 'registry_delete', 'registry_event'],
  13: ['registry_set', 'registry_event'],
  14: ['registry_rename', 'registry_event'],
  15: ['create_stream_hash'],
  17: ['pipe_created'],
  18: ['pipe_created'],
  19: ['wmi_event'],
  20: ['wmi_event'],
  21: ['wmi_event'],
  22: ['dns_query'],
  23: ['file_delete'],
  24: ['clipboard_capture'],
  25: ['process_tampering'],
  26: ['file_delete_detected'],
  27: ['file_block_executable'],
  28: ['file_block_shredding'],
  29: ['file_executable_detected'],
};

/** Security EventID → Sigma categories (Windows auditing of the same activities). */
export const SECURITY_CATEGORIES: Readonly<Record<number, readonly string[]>> = {
  4688: ['process_creation'],
};

/**
 * The logsources of a flattened Windows event. Sysmon EventID 12 is `registry_add` for
 * CreateKey and `registry_delete` for DeleteKey/DeleteValue (its EventType tells them apart).
 */
export function windowsLogsources(event: Readonly<Record<string, unknown>>): Logsource[] {
  const channel = String(event.Channel ?? '');
  const eventId = Number(event.EventID);
  const service = CHANNEL_SERVICES[channel];
  const out: Logsource[] = [service ? { product: 'windows', service } : { product: 'windows' }];
  let categories: readonly string[] = [];
  if (service === 'sysmon') categories = SYSMON_CATEGORIES[eventId] ?? [];
  if (service === 'security') categories = SECURITY_CATEGORIES[eventId] ?? [];
  if (service === 'sysmon' && eventId === 12) {
    const type = String(event.EventType ?? '');
    categories =
      type === 'CreateKey'
        ? ['registry_add', 'registry_event']
        : ['registry_delete', 'registry_event'];
  }
  for (const category of categories) out.push({ product: 'windows', category });
  return out;
}
