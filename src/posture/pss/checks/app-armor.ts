import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import {
  annotationsOf,
  type PodMetadata,
  type PodSpec,
  type SecurityContext,
  str,
} from '../pod.js';
import { podAndContainerValues } from '../settings.js';
import { goQuote, joinQuote, pluralize, sortedUnique } from '../text.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);

function allowedAnnotationValue(profile: string): boolean {
  return profile === '' || profile === 'runtime/default' || profile.startsWith('localhost/');
}

const appArmorProfileOf = (context: SecurityContext | null | undefined) =>
  context?.appArmorProfile || undefined;

function appArmorProfile(metadata: PodMetadata, spec: PodSpec): CheckResult {
  const profiles = podAndContainerValues(spec, appArmorProfileOf, (profile) =>
    ALLOWED_TYPES.has(str(profile.type)),
  );
  const setters = [...profiles.setters];
  const badValues = profiles.invalid.map((profile) => str(profile.type));
  const forbiddenAnnotations: string[] = [];
  for (const [key, value] of annotationsOf(metadata)) {
    if (key.startsWith(ANNOTATION_PREFIX) && !allowedAnnotationValue(value)) {
      forbiddenAnnotations.push(`${key}=${goQuote(value)}`);
    }
  }
  const valueList = sortedUnique(badValues);
  if (forbiddenAnnotations.length > 0) {
    valueList.push(...forbiddenAnnotations.sort());
    setters.push(pluralize('annotation', 'annotations', forbiddenAnnotations.length));
  }
  if (setters.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: pluralize(
      'forbidden AppArmor profile',
      'forbidden AppArmor profiles',
      valueList.length,
    ),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}`,
  };
}

export const appArmorProfileCheck: PssCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  severity: 'medium',
  description:
    'AppArmor may not be disabled or overridden: profile types other than RuntimeDefault/Localhost, and beta annotations other than runtime/default or localhost/*, are forbidden.',
  remediation: 'Use appArmorProfile.type RuntimeDefault or Localhost (or remove the override).',
  versions: [{ minVersion: 0, check: appArmorProfile }],
};
