import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import type { PodMetadata, PodSpec, SecurityContext } from '../pod.js';
import { podAndContainerValues } from '../settings.js';

const hostProcessOf = (context: SecurityContext | null | undefined) =>
  context?.windowsOptions?.hostProcess;

function windowsHostProcess(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const { setters } = podAndContainerValues(spec, hostProcessOf, (value) => value !== true);
  if (setters.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'hostProcess',
    detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
  };
}

export const windowsHostProcessCheck: PssCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  severity: 'high',
  description:
    'Windows pods must not run as HostProcess containers (securityContext.windowsOptions.hostProcess).',
  remediation:
    'Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and every container.',
  versions: [{ minVersion: 0, check: windowsHostProcess }],
};
