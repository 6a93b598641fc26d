import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import { objectsOf, type PodMetadata, type PodSpec, str } from '../pod.js';

// The "safe" sysctls: namespaced and isolated from other pods; the set grew over versions.
const SAFE_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SAFE_1_27 = [...SAFE_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SAFE_1_29 = [
  ...SAFE_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SAFE_1_32 = [...SAFE_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SAFE_1_37 = [
  ...SAFE_1_32,
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
];

function sysctlsAllowing(safe: readonly string[]) {
  const allowed = new Set(safe);
  return (_metadata: PodMetadata, spec: PodSpec): CheckResult => {
    const forbidden = objectsOf<{ name?: unknown }>(spec.securityContext?.sysctls)
      .map((sysctl) => str(sysctl.name))
      .filter((name) => !allowed.has(name));
    if (forbidden.length === 0) return ALLOWED;
    return { allowed: false, reason: 'forbidden sysctls', detail: forbidden.join(', ') };
  };
}

export const sysctlsCheck: PssCheck = {
  id: 'sysctls',
  level: 'baseline',
  severity: 'medium',
  description:
    'Only the safe, namespaced sysctls may be set (the allowed set grows in v1.27, v1.29, v1.32 and v1.37).',
  remediation: 'Remove spec.securityContext.sysctls entries outside the safe set.',
  versions: [
    { minVersion: 0, check: sysctlsAllowing(SAFE_1_0) },
    { minVersion: 27, check: sysctlsAllowing(SAFE_1_27) },
    { minVersion: 29, check: sysctlsAllowing(SAFE_1_29) },
    { minVersion: 32, check: sysctlsAllowing(SAFE_1_32) },
    { minVersion: 37, check: sysctlsAllowing(SAFE_1_37) },
  ],
};
