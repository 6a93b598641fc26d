import { type CheckResult, exemptIf, type PssCheck } from '../check.js';
import { type PodMetadata, type PodSpec, type SecurityContext, usesUserNamespace } from '../pod.js';
import {
  type PodAndContainerValues,
  podAndContainerValues,
  requiredOnPodOrContainers,
} from '../settings.js';

const runAsNonRootOf = (context: SecurityContext | null | undefined) =>
  typeof context?.runAsNonRoot === 'boolean' ? context.runAsNonRoot : undefined;

const isTrue = (value: boolean) => value;
const forbidden = ({ setters }: PodAndContainerValues<boolean>) =>
  `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`;

function runAsNonRoot(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  return requiredOnPodOrContainers(
    podAndContainerValues(spec, runAsNonRootOf, isTrue),
    'runAsNonRoot != true',
    forbidden,
    'securityContext.runAsNonRoot=true',
  );
}

// v1.35: user-namespaced pods (hostUsers: false) map root to an unprivileged host user.
const runAsNonRoot135 = exemptIf(usesUserNamespace, runAsNonRoot);

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
