import { ALLOWED, type CheckPod, type CheckResult, type PssCheck } from '../check.js';
import {
  allContainers,
  nameOf,
  type PodMetadata,
  type PodSpec,
  usesUserNamespace,
} from '../pod.js';
import { joinQuote, pluralize } from '../text.js';

function runAsNonRoot(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const setters: string[] = [];
  let podNonRoot = false;
  const podValue = spec.securityContext?.runAsNonRoot;
  if (typeof podValue === 'boolean') {
    if (podValue) podNonRoot = true;
    else setters.push('pod');
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const container of allContainers(spec)) {
    const value = container.securityContext?.runAsNonRoot;
    if (typeof value === 'boolean') {
      if (!value) explicitlyBad.push(nameOf(container));
    } else if (!podNonRoot) {
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
      reason: 'runAsNonRoot != true',
      detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
    };
  }
  if (implicitlyBad.length > 0) {
    return {
      allowed: false,
      reason: 'runAsNonRoot != true',
      detail: `pod or ${pluralize('container', 'containers', implicitlyBad.length)} ${joinQuote(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
    };
  }
  return ALLOWED;
}

// v1.35: user-namespaced pods (hostUsers: false) map root to an unprivileged host user.
const runAsNonRoot135: CheckPod = (metadata, spec) =>
  usesUserNamespace(spec) ? ALLOWED : runAsNonRoot(metadata, spec);

export const runAsNonRootCheck: PssCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  severity: 'medium',
  description:
    'Containers must run as non-root: runAsNonRoot=true on the pod or every container (user-namespaced pods exempt from v1.35).',
  remediation:
    'Set spec.securityContext.runAsNonRoot: true (and a non-zero runAsUser in the image or spec).',
  versions: [
    { minVersion: 0, check: runAsNonRoot },
    { minVersion: 35, check: runAsNonRoot135 },
  ],
};
