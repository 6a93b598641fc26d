import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import { allContainers, nameOf, type PodMetadata, type PodSpec } from '../pod.js';
import { joinQuote, pluralize } from '../text.js';

function windowsHostProcess(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const badContainers = allContainers(spec)
    .filter((c) => c.securityContext?.windowsOptions?.hostProcess === true)
    .map(nameOf);
  const setters: string[] = [];
  if (spec.securityContext?.windowsOptions?.hostProcess === true) setters.push('pod');
  if (badContainers.length > 0) {
    setters.push(
      `${pluralize('container', 'containers', badContainers.length)} ${joinQuote(badContainers)}`,
    );
  }
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
