import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import { allContainers, nameOf, objectsOf, type PodMetadata, type PodSpec } from '../pod.js';
import { countedQuote, pluralize, sortedUnique } from '../text.js';

function hostPorts(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  const ports: string[] = [];
  for (const container of allContainers(spec)) {
    let valid = true;
    for (const port of objectsOf<{ hostPort?: unknown }>(container.ports)) {
      if (typeof port.hostPort === 'number' && port.hostPort !== 0) {
        valid = false;
        ports.push(String(port.hostPort));
      }
    }
    if (!valid) badContainers.push(nameOf(container));
  }
  if (badContainers.length === 0) return ALLOWED;
  const distinct = sortedUnique(ports);
  return {
    allowed: false,
    reason: 'hostPort',
    detail: `${countedQuote('container', 'containers', badContainers)} ${pluralize('uses', 'use', badContainers.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
  };
}

export const hostPortsCheck: PssCheck = {
  id: 'hostPorts',
  level: 'baseline',
  severity: 'medium',
  description: 'Host ports (containers[*].ports[*].hostPort other than 0) are forbidden.',
  remediation: 'Remove hostPort from container ports; expose the workload through a Service.',
  versions: [{ minVersion: 0, check: hostPorts }],
};
