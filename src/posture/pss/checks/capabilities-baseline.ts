import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import { allContainers, nameOf, type PodMetadata, type PodSpec } from '../pod.js';
import { countedQuote, joinQuote, sortedUnique } from '../text.js';

// The container runtime's default capability set (Pod Security Standards, baseline).
const DEFAULT_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

function capabilitiesBaseline(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  const added: string[] = [];
  for (const container of allContainers(spec)) {
    const capabilities = container.securityContext?.capabilities;
    if (!capabilities) continue;
    let valid = true;
    for (const capability of stringsOf(capabilities.add)) {
      if (!DEFAULT_CAPABILITIES.has(capability)) {
        valid = false;
        added.push(capability);
      }
    }
    if (!valid) badContainers.push(nameOf(container));
  }
  if (badContainers.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'non-default capabilities',
    detail: `${countedQuote('container', 'containers', badContainers)} must not include ${joinQuote(sortedUnique(added))} in securityContext.capabilities.add`,
  };
}

/** The strings of a list (Go decodes each capability as a string). */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

export const capabilitiesBaselineCheck: PssCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  severity: 'high',
  description:
    'Adding capabilities beyond the default set (for example NET_RAW, SYS_ADMIN) is forbidden.',
  remediation: 'Remove non-default capabilities from securityContext.capabilities.add.',
  versions: [{ minVersion: 0, check: capabilitiesBaseline }],
};
