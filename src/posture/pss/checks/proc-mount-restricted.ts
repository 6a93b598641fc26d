import type { PssCheck } from '../check.js';
import { procMountDefaultOnly } from './proc-mount.js';

export const procMountRestrictedCheck: PssCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  severity: 'medium',
  description:
    'At restricted, procMount must be Default even in user-namespaced pods (v1.35+; replaces the baseline procMount check).',
  remediation: 'Remove securityContext.procMount or set it to Default.',
  versions: [{ minVersion: 35, check: procMountDefaultOnly, overrides: ['procMount'] }],
};
