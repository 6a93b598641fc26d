/**
 * Sysmon event ID → Sigma logsource category, as data. The categories are the names of the
 * Sigma taxonomy appendix (and SigmaHQ's `rules/windows/<category>/` folders); Sysmon for
 * Linux uses the same IDs for the events it implements.
 * @module
 */

export const SYSMON_CATEGORIES: Readonly<Record<number, string>> = Object.freeze({
  1: 'process_creation',
  2: 'file_change',
  3: 'network_connection',
  4: 'sysmon_status',
  5: 'process_termination',
  6: 'driver_load',
  7: 'image_load',
  8: 'create_remote_thread',
  9: 'raw_access_thread',
  10: 'process_access',
  11: 'file_event',
  12: 'registry_add',
  13: 'registry_set',
  14: 'registry_rename',
  15: 'create_stream_hash',
  16: 'sysmon_status',
  17: 'pipe_created',
  18: 'pipe_created',
  19: 'wmi_event',
  20: 'wmi_event',
  21: 'wmi_event',
  22: 'dns_query',
  23: 'file_delete',
  24: 'clipboard_capture',
  25: 'process_tampering',
  26: 'file_delete_detected',
  27: 'file_block_executable',
  28: 'file_block_shredding',
  29: 'file_executable_detected',
  255: 'sysmon_error',
});

/**
 * Event channel → Sigma `service` for product windows (Sigma taxonomy appendix, "Windows"
 * services table). Channels not listed have no service.
 */
export const WINDOWS_CHANNEL_SERVICES: Readonly<Record<string, string>> = Object.freeze({
  security: 'security',
  system: 'system',
  application: 'application',
  'microsoft-windows-sysmon/operational': 'sysmon',
  'microsoft-windows-powershell/operational': 'powershell',
  'windows powershell': 'powershell-classic',
  'microsoft-windows-taskscheduler/operational': 'taskscheduler',
  'microsoft-windows-windows defender/operational': 'windefend',
  'microsoft-windows-wmi-activity/operational': 'wmi',
  'microsoft-windows-bits-client/operational': 'bits-client',
  'microsoft-windows-dns-client/operational': 'dns-client',
  'microsoft-windows-windows firewall with advanced security/firewall': 'firewall-as',
  'microsoft-windows-codeintegrity/operational': 'codeintegrity-operational',
  'microsoft-windows-appxdeployment-server/operational': 'appxdeployment-server',
  'microsoft-windows-smbclient/security': 'smbclient-security',
  'microsoft-windows-terminalservices-localsessionmanager/operational':
    'terminalservices-localsessionmanager',
  'microsoft-windows-ntlm/operational': 'ntlm',
  'microsoft-windows-printservice/admin': 'printservice-admin',
  'microsoft-windows-printservice/operational': 'printservice-operational',
  'microsoft-windows-shell-core/operational': 'shell-core',
  'microsoft-windows-openssh/operational': 'openssh',
  'microsoft-windows-ldap-client/debug': 'ldap',
  'microsoft-windows-diagnosis-scripted/operational': 'diagnosis-scripted',
  'microsoft-windows-capi2/operational': 'capi2',
  'microsoft-windows-crypto-dpapi/operational': 'dpapi',
  'microsoft-windows-applocker/exe and dll': 'applocker',
  'microsoft-windows-applocker/msi and script': 'applocker',
  'microsoft-windows-applocker/packaged app-deployment': 'applocker',
  'microsoft-windows-applocker/packaged app-execution': 'applocker',
});

/**
 * The category a Sigma rule expects for a Sysmon event. Registry events 12/13/14 share the
 * `registry_event` umbrella in older rules; SigmaHQ now files them as registry_add/set/rename
 * (with registry_delete for EventType DeleteKey/DeleteValue on EID 12).
 */
export function sysmonCategory(eventId: number, eventType?: unknown): string | undefined {
  if (eventId === 12 && typeof eventType === 'string' && eventType.startsWith('Delete')) {
    return 'registry_delete';
  }
  return SYSMON_CATEGORIES[eventId];
}

// The category relation lives in the neutral logsource module, which the Sigma engine's
// routing uses too; re-exported here for ingest's existing importers.
export { categoryCovers, UMBRELLA_CATEGORIES } from '../../logsource.js';
