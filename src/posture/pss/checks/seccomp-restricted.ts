import { ALLOWED, type CheckPod, type CheckResult, type PssCheck } from '../check.js';
import {
  allContainers,
  isWindowsPod,
  nameOf,
  type PodMetadata,
  type PodSpec,
  str,
} from '../pod.js';
import { joinQuote, pluralize, sortedUnique } from '../text.js';
import { validSeccompType } from './seccomp-baseline.js';

function seccompRequired(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const setters: string[] = [];
  const badValues: string[] = [];
  let podSet = false;
  const podProfile = spec.securityContext?.seccompProfile;
  if (podProfile) {
    if (validSeccompType(podProfile.type)) podSet = true;
    else {
      setters.push('pod');
      badValues.push(str(podProfile.type));
    }
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const container of allContainers(spec)) {
    const profile = container.securityContext?.seccompProfile;
    if (profile) {
      if (!validSeccompType(profile.type)) {
        explicitlyBad.push(nameOf(container));
        badValues.push(str(profile.type));
      }
    } else if (!podSet) {
      implicitlyBad.push(nameOf(container));
    }
  }
  if (explicitlyBad.length > 0) {
    setters.push(
      `${pluralize('container', 'containers', explicitlyBad.length)} ${joinQuote(explicitlyBad)}`,
    );
  }
  if (setters.length > 0) {
    return {
      allowed: false,
      reason: 'seccompProfile',
      detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(badValues))}`,
    };
  }
  if (implicitlyBad.length > 0) {
    return {
      allowed: false,
      reason: 'seccompProfile',
      detail: `pod or ${pluralize('container', 'containers', implicitlyBad.length)} ${joinQuote(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    };
  }
  return ALLOWED;
}

// v1.25: Windows pods cannot set seccomp (API validation), so they are exempt.
const seccompRequired125: CheckPod = (metadata, spec) =>
  isWindowsPod(spec) ? ALLOWED : seccompRequired(metadata, spec);

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
