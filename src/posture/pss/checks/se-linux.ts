import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import {
  type PodMetadata,
  type PodSpec,
  type SELinuxOptions,
  type SecurityContext,
  str,
} from '../pod.js';
import { podAndContainerValues } from '../settings.js';
import { countedQuote, sortedUnique } from '../text.js';

const TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
// v1.31 allows container_engine_t (used by nested container engines).
const TYPES_1_31 = new Set([...TYPES_1_0, 'container_engine_t']);

const seLinuxOptionsOf = (context: SecurityContext | null | undefined) =>
  context?.seLinuxOptions || undefined;

function seLinuxOptionsWith(allowedTypes: ReadonlySet<string>) {
  const isAllowed = (options: SELinuxOptions) =>
    allowedTypes.has(str(options.type)) && str(options.user) === '' && str(options.role) === '';
  return (_metadata: PodMetadata, spec: PodSpec): CheckResult => {
    const { setters, invalid } = podAndContainerValues(spec, seLinuxOptionsOf, isAllowed);
    if (setters.length === 0) return ALLOWED;
    const problems: string[] = [];
    const types = sortedUnique(
      invalid.map((options) => str(options.type)).filter((type) => !allowedTypes.has(type)),
    );
    if (types.length > 0) problems.push(countedQuote('type', 'types', types));
    if (invalid.some((options) => str(options.user) !== '')) problems.push('user may not be set');
    if (invalid.some((options) => str(options.role) !== '')) problems.push('role may not be set');
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
