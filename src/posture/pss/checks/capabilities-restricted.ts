import { ALLOWED, type CheckResult, exemptIf, type PssCheck } from '../check.js';
import { allContainers, isWindowsPod, nameOf, type PodMetadata, type PodSpec } from '../pod.js';
import { countedQuote, joinQuote, sortedUnique } from '../text.js';
import { stringsOf } from './capabilities-baseline.js';

function capabilitiesRestricted(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbidden: string[] = [];
  for (const container of allContainers(spec)) {
    const capabilities = container.securityContext?.capabilities;
    if (!capabilities) {
      missingDropAll.push(nameOf(container));
      continue;
    }
    if (!stringsOf(capabilities.drop).includes('ALL')) missingDropAll.push(nameOf(container));
    const added = stringsOf(capabilities.add).filter((c) => c !== 'NET_BIND_SERVICE');
    if (added.length > 0) {
      addingForbidden.push(nameOf(container));
      forbidden.push(...added);
    }
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) {
    details.push(
      `${countedQuote('container', 'containers', missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`,
    );
  }
  if (addingForbidden.length > 0) {
    details.push(
      `${countedQuote('container', 'containers', addingForbidden)} must not include ${joinQuote(sortedUnique(forbidden))} in securityContext.capabilities.add`,
    );
  }
  if (details.length === 0) return ALLOWED;
  return { allowed: false, reason: 'unrestricted capabilities', detail: details.join('; ') };
}

// v1.25: Windows pods cannot set capabilities, so they are exempt.
const capabilitiesRestricted125 = exemptIf(isWindowsPod, capabilitiesRestricted);

export const capabilitiesRestrictedCheck: PssCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  severity: 'low',
  description:
    'Containers must drop ALL capabilities and may add back only NET_BIND_SERVICE (v1.22+, replaces capabilities_baseline; Windows pods exempt from v1.25).',
  remediation:
    'Set securityContext.capabilities.drop: ["ALL"] and add only NET_BIND_SERVICE if needed.',
  versions: [
    { minVersion: 22, check: capabilitiesRestricted, overrides: ['capabilities_baseline'] },
    { minVersion: 25, check: capabilitiesRestricted125, overrides: ['capabilities_baseline'] },
  ],
};
