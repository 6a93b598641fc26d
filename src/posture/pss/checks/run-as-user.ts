import { ALLOWED, type CheckResult, exemptIf, type PssCheck } from '../check.js';
import { type PodMetadata, type PodSpec, type SecurityContext, usesUserNamespace } from '../pod.js';
import { podAndContainerValues } from '../settings.js';

const runAsUserOf = (context: SecurityContext | null | undefined) => context?.runAsUser;

function runAsUser(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const { setters } = podAndContainerValues(spec, runAsUserOf, (uid) => uid !== 0);
  if (setters.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'runAsUser=0',
    detail: `${setters.join(' and ')} must not set runAsUser=0`,
  };
}

// v1.35: user-namespaced pods (hostUsers: false) may run as UID 0 inside the namespace.
const runAsUser135 = exemptIf(usesUserNamespace, runAsUser);

export const runAsUserCheck: PssCheck = {
  id: 'runAsUser',
  level: 'restricted',
  severity: 'medium',
  description:
    'runAsUser must not be 0 (root) on the pod or any container (v1.23+; user-namespaced pods exempt from v1.35).',
  remediation: 'Set runAsUser to a non-zero UID, or remove runAsUser: 0.',
  versions: [
    { minVersion: 23, check: runAsUser },
    { minVersion: 35, check: runAsUser135 },
  ],
};
