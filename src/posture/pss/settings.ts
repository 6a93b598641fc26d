/**
 * A securityContext setting that the pod sets for every container and each container may set
 * for itself (runAsNonRoot, runAsUser, seccompProfile, seLinuxOptions, appArmorProfile,
 * windowsOptions.hostProcess): where an invalid value is set, the invalid values, and the
 * containers left with no valid value — what PSA's checks name in their details.
 * @module
 */
import { ALLOWED, type CheckResult } from './check.js';
import { allContainers, nameOf, type PodSpec, type SecurityContext } from './pod.js';
import { countedQuote } from './text.js';

export interface PodAndContainerValues<T> {
  /** Where an invalid value is set: `pod`, then `container "a"` or `containers "a", "b"`. */
  readonly setters: readonly string[];
  /** The invalid values: the pod's, then the containers' in container order. */
  readonly invalid: readonly T[];
  /** Containers that set no value while the pod sets no valid one either. */
  readonly unset: readonly string[];
}

/**
 * Reads the setting on the pod and on every container (init, regular, ephemeral).
 * @param read the value in one securityContext, or undefined when it counts as not set
 * @param isValid whether a set value is allowed
 * @example
 * const { setters } = podAndContainerValues(spec, (c) => c?.runAsUser, (uid) => uid !== 0);
 * // setters: ['pod', 'container "app"'] → 'pod and container "app" must not set runAsUser=0'
 */
export function podAndContainerValues<T>(
  spec: PodSpec,
  read: (context: SecurityContext | null | undefined) => T | undefined,
  isValid: (value: T) => boolean,
): PodAndContainerValues<T> {
  const setters: string[] = [];
  const invalid: T[] = [];
  const podValue = read(spec.securityContext);
  const podValid = podValue !== undefined && isValid(podValue);
  if (podValue !== undefined && !podValid) {
    setters.push('pod');
    invalid.push(podValue);
  }
  const badContainers: string[] = [];
  const unset: string[] = [];
  for (const container of allContainers(spec)) {
    const value = read(container.securityContext);
    if (value === undefined) {
      if (!podValid) unset.push(nameOf(container));
    } else if (!isValid(value)) {
      badContainers.push(nameOf(container));
      invalid.push(value);
    }
  }
  if (badContainers.length > 0)
    setters.push(countedQuote('container', 'containers', badContainers));
  return { setters, invalid, unset };
}

/**
 * The verdict on a setting the pod or every container must set validly (runAsNonRoot,
 * restricted seccomp): first any invalid value (`forbidden` words it), then any container
 * left without one: `pod or container "a" must set <required>`.
 */
export function requiredOnPodOrContainers<T>(
  values: PodAndContainerValues<T>,
  reason: string,
  forbidden: (values: PodAndContainerValues<T>) => string,
  required: string,
): CheckResult {
  if (values.setters.length > 0) return { allowed: false, reason, detail: forbidden(values) };
  if (values.unset.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason,
    detail: `pod or ${countedQuote('container', 'containers', values.unset)} must set ${required}`,
  };
}
