import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import { allContainers, nameOf, type PodMetadata, type PodSpec } from '../pod.js';
import { countedQuote } from '../text.js';

function privileged(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.privileged === true)
    .map(nameOf);
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'privileged',
    detail: `${countedQuote('container', 'containers', bad)} must not set securityContext.privileged=true`,
  };
}

export const privilegedCheck: PssCheck = {
  id: 'privileged',
  level: 'baseline',
  severity: 'high',
  description: 'Privileged containers (securityContext.privileged=true) are forbidden.',
  remediation: 'Remove securityContext.privileged (or set it to false) on every container.',
  versions: [{ minVersion: 0, check: privileged }],
};
