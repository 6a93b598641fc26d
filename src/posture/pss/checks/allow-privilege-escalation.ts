import { ALLOWED, type CheckResult, exemptIf, type PssCheck } from '../check.js';
import { allContainers, isWindowsPod, nameOf, type PodMetadata, type PodSpec } from '../pod.js';
import { countedQuote } from '../text.js';

function allowPrivilegeEscalation(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false)
    .map(nameOf);
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'allowPrivilegeEscalation != false',
    detail: `${countedQuote('container', 'containers', bad)} must set securityContext.allowPrivilegeEscalation=false`,
  };
}

// v1.25: Windows pods cannot set allowPrivilegeEscalation, so they are exempt.
const allowPrivilegeEscalation125 = exemptIf(isWindowsPod, allowPrivilegeEscalation);

export const allowPrivilegeEscalationCheck: PssCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  severity: 'medium',
  description:
    'Every container must set allowPrivilegeEscalation=false (v1.8+; Windows pods exempt from v1.25).',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  versions: [
    { minVersion: 8, check: allowPrivilegeEscalation },
    { minVersion: 25, check: allowPrivilegeEscalation125 },
  ],
};
