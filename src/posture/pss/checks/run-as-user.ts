import { ALLOWED, type CheckPod, type CheckResult, type PssCheck } from '../check.js';
import {
  allContainers,
  nameOf,
  type PodMetadata,
  type PodSpec,
  usesUserNamespace,
} from '../pod.js';
import { joinQuote, pluralize } from '../text.js';

function runAsUser(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const setters: string[] = [];
  if (spec.securityContext?.runAsUser === 0) setters.push('pod');
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.runAsUser === 0)
    .map(nameOf);
  if (bad.length > 0)
    setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);
  if (setters.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'runAsUser=0',
    detail: `${setters.join(' and ')} must not set runAsUser=0`,
  };
}

// v1.35: user-namespaced pods (hostUsers: false) may run as UID 0 inside the namespace.
const runAsUser135: CheckPod = (metadata, spec) =>
  usesUserNamespace(spec) ? ALLOWED : runAsUser(metadata, spec);

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
