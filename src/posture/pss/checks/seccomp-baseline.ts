import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import {
  allContainers,
  annotationsOf,
  nameOf,
  type PodMetadata,
  type PodSpec,
  type SeccompProfile,
  type SecurityContext,
  str,
} from '../pod.js';
import { type PodAndContainerValues, podAndContainerValues } from '../settings.js';
import { goQuote, joinQuote, pluralize, sortedUnique } from '../text.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

export function validSeccompType(type: unknown): boolean {
  return type === 'Localhost' || type === 'RuntimeDefault';
}

function validAnnotationValue(value: string): boolean {
  return (
    value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/')
  );
}

/** v1.0–v1.18: the alpha seccomp annotations may not ask for unconfined or other profiles. */
function seccompAnnotations(metadata: PodMetadata, spec: PodSpec): CheckResult {
  const annotations = annotationsOf(metadata);
  const forbidden: string[] = [];
  const podValue = annotations.get(POD_ANNOTATION);
  if (podValue !== undefined && !validAnnotationValue(podValue)) {
    forbidden.push(`${POD_ANNOTATION}=${goQuote(podValue)}`);
  }
  for (const container of allContainers(spec)) {
    const key = CONTAINER_ANNOTATION_PREFIX + nameOf(container);
    const value = annotations.get(key);
    if (value !== undefined && !validAnnotationValue(value))
      forbidden.push(`${key}=${goQuote(value)}`);
  }
  const distinct = sortedUnique(forbidden);
  if (distinct.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', distinct.length)} ${distinct.join(', ')}`,
  };
}

const seccompProfileOf = (context: SecurityContext | null | undefined) =>
  context?.seccompProfile || undefined;

/** The pod's and the containers' `seccompProfile`s, valid when RuntimeDefault or Localhost. */
export function seccompProfiles(spec: PodSpec): PodAndContainerValues<SeccompProfile> {
  return podAndContainerValues(spec, seccompProfileOf, (profile) => validSeccompType(profile.type));
}

/** `pod and container "a" must not set securityContext.seccompProfile.type to "Unconfined"` */
export function forbiddenSeccompTypes(profiles: PodAndContainerValues<SeccompProfile>): string {
  const types = sortedUnique(profiles.invalid.map((profile) => str(profile.type)));
  return `${profiles.setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(types)}`;
}

/** v1.19+: seccompProfile.type, when set, must be RuntimeDefault or Localhost. */
function seccompFields(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const profiles = seccompProfiles(spec);
  if (profiles.setters.length === 0) return ALLOWED;
  return { allowed: false, reason: 'seccompProfile', detail: forbiddenSeccompTypes(profiles) };
}

export const seccompProfileBaselineCheck: PssCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  severity: 'medium',
  description:
    'Seccomp may not be set to Unconfined: only RuntimeDefault and Localhost profiles (annotations before v1.19, securityContext.seccompProfile from v1.19).',
  remediation: 'Set seccompProfile.type to RuntimeDefault (or Localhost), or leave it unset.',
  versions: [
    { minVersion: 0, check: seccompAnnotations },
    { minVersion: 19, check: seccompFields },
  ],
};
