import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import type { PodMetadata, PodSpec } from '../pod.js';

function hostNamespaces(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const shared: string[] = [];
  if (spec.hostNetwork === true) shared.push('hostNetwork=true');
  if (spec.hostPID === true) shared.push('hostPID=true');
  if (spec.hostIPC === true) shared.push('hostIPC=true');
  if (shared.length === 0) return ALLOWED;
  return { allowed: false, reason: 'host namespaces', detail: shared.join(', ') };
}

export const hostNamespacesCheck: PssCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  severity: 'high',
  description:
    'Sharing the host network, PID or IPC namespace (hostNetwork, hostPID, hostIPC) is forbidden.',
  remediation: 'Remove spec.hostNetwork, spec.hostPID and spec.hostIPC (or set them to false).',
  versions: [{ minVersion: 0, check: hostNamespaces }],
};
