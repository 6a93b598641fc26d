import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import {
  allContainers,
  nameOf,
  type PodMetadata,
  type PodSpec,
  type SELinuxOptions,
  str,
} from '../pod.js';
import { joinQuote, pluralize, sortedUnique } from '../text.js';

const TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
// v1.31 allows container_engine_t (used by nested container engines).
const TYPES_1_31 = new Set([...TYPES_1_0, 'container_engine_t']);

function seLinuxOptionsWith(allowedTypes: ReadonlySet<string>) {
  return (_metadata: PodMetadata, spec: PodSpec): CheckResult => {
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (options: SELinuxOptions): boolean => {
      let ok = true;
      const type = str(options.type);
      if (!allowedTypes.has(type)) {
        ok = false;
        badTypes.push(type);
      }
      if (str(options.user) !== '') {
        ok = false;
        setUser = true;
      }
      if (str(options.role) !== '') {
        ok = false;
        setRole = true;
      }
      return ok;
    };
    const setters: string[] = [];
    const podOptions = spec.securityContext?.seLinuxOptions;
    if (podOptions && !valid(podOptions)) setters.push('pod');
    const badContainers: string[] = [];
    for (const container of allContainers(spec)) {
      const options = container.securityContext?.seLinuxOptions;
      if (options && !valid(options)) badContainers.push(nameOf(container));
    }
    if (badContainers.length > 0) {
      setters.push(
        `${pluralize('container', 'containers', badContainers.length)} ${joinQuote(badContainers)}`,
      );
    }
    if (setters.length === 0) return ALLOWED;
    const problems: string[] = [];
    const types = sortedUnique(badTypes);
    if (types.length > 0)
      problems.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) problems.push('user may not be set');
    if (setRole) problems.push('role may not be set');
    return {
      allowed: false,
      reason: 'seLinuxOptions',
      detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${problems.join('; ')}`,
    };
  };
}

export const seLinuxOptionsCheck: PssCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  severity: 'medium',
  description:
    'Custom SELinux users and roles are forbidden, and the type may only be container_t, container_init_t, container_kvm_t (and container_engine_t from v1.31).',
  remediation: 'Remove seLinuxOptions.user and .role and use an allowed seLinuxOptions.type.',
  versions: [
    { minVersion: 0, check: seLinuxOptionsWith(TYPES_1_0) },
    { minVersion: 31, check: seLinuxOptionsWith(TYPES_1_31) },
  ],
};
