import { type CheckResult, exemptIf, type PssCheck } from '../check.js';
import { isWindowsPod, type PodMetadata, type PodSpec } from '../pod.js';
import { requiredOnPodOrContainers } from '../settings.js';
import { forbiddenSeccompTypes, seccompProfiles } from './seccomp-baseline.js';

function seccompRequired(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  return requiredOnPodOrContainers(
    seccompProfiles(spec),
    'seccompProfile',
    forbiddenSeccompTypes,
    'securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
  );
}

// v1.25: Windows pods cannot set seccomp (API validation), so they are exempt.
const seccompRequired125 = exemptIf(isWindowsPod, seccompRequired);

export const seccompProfileRestrictedCheck: PssCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  severity: 'low',
  description:
    'Seccomp must be explicitly RuntimeDefault or Localhost for the pod or every container (v1.19+; Windows pods exempt from v1.25).',
  remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault.',
  versions: [
    { minVersion: 19, check: seccompRequired, overrides: ['seccompProfile_baseline'] },
    { minVersion: 25, check: seccompRequired125, overrides: ['seccompProfile_baseline'] },
  ],
};
