import type { ErrorCodeInfo } from '../errors.js';

/** Codes of the posture domain (Pod Security Standards and extra checks). */
export const POSTURE_ERROR_CODES = {
  CW_PSS_LABEL: {
    meaning:
      'A namespace has an invalid pod-security.kubernetes.io label value; it is read the way the admission plugin reads it (enforce fails closed to restricted, audit/warn open to privileged, a bad version means latest).',
    fix: 'Use privileged, baseline or restricted for levels and latest or v1.<minor> for versions.',
  },
  CW_PSS_CONFIG: {
    meaning:
      'The Pod Security admission configuration (--pss-config) is not a valid PodSecurityConfiguration or AdmissionConfiguration.',
    fix: 'Give the file the admission plugin reads: kind PodSecurityConfiguration (pod-security.admission.config.k8s.io/v1) or an AdmissionConfiguration with a PodSecurity plugin.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
