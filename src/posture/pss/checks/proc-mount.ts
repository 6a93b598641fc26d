import { ALLOWED, type CheckPod, type CheckResult, exemptIf, type PssCheck } from '../check.js';
import {
  allContainers,
  nameOf,
  type PodMetadata,
  type PodSpec,
  usesUserNamespace,
} from '../pod.js';
import { countedQuote, joinQuote, sortedUnique } from '../text.js';

/** Any procMount other than Default (for example Unmasked) is forbidden. */
export const procMountDefaultOnly: CheckPod = (
  _metadata: PodMetadata,
  spec: PodSpec,
): CheckResult => {
  const badContainers: string[] = [];
  const types: string[] = [];
  for (const container of allContainers(spec)) {
    const procMount = container.securityContext?.procMount;
    if (procMount === undefined || procMount === null) continue;
    if (procMount !== 'Default') {
      badContainers.push(nameOf(container));
      types.push(String(procMount));
    }
  }
  if (badContainers.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'procMount',
    detail: `${countedQuote('container', 'containers', badContainers)} must not set securityContext.procMount to ${joinQuote(sortedUnique(types))}`,
  };
};

// v1.35: user-namespaced pods (hostUsers: false) may unmask /proc at baseline.
const procMountBaseline135 = exemptIf(usesUserNamespace, procMountDefaultOnly);

export const procMountCheck: PssCheck = {
  id: 'procMount',
  level: 'baseline',
  severity: 'medium',
  description:
    'The default /proc masks are required (procMount Default); from v1.35 baseline allows other types in user-namespaced pods (hostUsers: false).',
  remediation: 'Remove securityContext.procMount or set it to Default.',
  versions: [
    { minVersion: 0, check: procMountDefaultOnly },
    { minVersion: 35, check: procMountBaseline135 },
  ],
};
