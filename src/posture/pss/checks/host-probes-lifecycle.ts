import { ALLOWED, type CheckResult, type PssCheck } from '../check.js';
import { allContainers, type Handler, nameOf, type PodMetadata, type PodSpec } from '../pod.js';
import { countedQuote, pluralize, sortedUnique } from '../text.js';

/** Hosts named by a probe or lifecycle handler (httpGet.host, tcpSocket.host). */
function hostsOf(handler: Handler | null | undefined): string[] {
  if (!handler) return [];
  const hosts: string[] = [];
  const httpHost = handler.httpGet?.host;
  if (typeof httpHost === 'string' && httpHost !== '') hosts.push(httpHost);
  const tcpHost = handler.tcpSocket?.host;
  if (typeof tcpHost === 'string' && tcpHost !== '') hosts.push(tcpHost);
  return hosts;
}

function hostProbesAndHostLifecycle(_metadata: PodMetadata, spec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  const hosts: string[] = [];
  for (const container of allContainers(spec)) {
    const found = [
      ...hostsOf(container.livenessProbe),
      ...hostsOf(container.readinessProbe),
      ...hostsOf(container.startupProbe),
      ...hostsOf(container.lifecycle?.postStart),
      ...hostsOf(container.lifecycle?.preStop),
    ];
    if (found.length === 0) continue;
    badContainers.push(nameOf(container));
    hosts.push(...found);
  }
  if (badContainers.length === 0) return ALLOWED;
  // Upstream keeps both as sets here, so container names are sorted and distinct too.
  const containers = sortedUnique(badContainers);
  const distinctHosts = sortedUnique(hosts);
  return {
    allowed: false,
    reason: 'probe or lifecycle host',
    detail: `${countedQuote('container', 'containers', containers)} ${pluralize('uses', 'use', containers.length)} ${countedQuote('probe or lifecycle host', 'probe or lifecycle hosts', distinctHosts)}`,
  };
}

export const hostProbesAndHostLifecycleCheck: PssCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  severity: 'medium',
  description:
    'Probes and lifecycle handlers must not set a host (httpGet.host, tcpSocket.host): the kubelet would connect to any address for the pod (policy v1.34+).',
  remediation:
    'Remove host from httpGet/tcpSocket probes and lifecycle handlers (the pod IP is used).',
  versions: [{ minVersion: 34, check: hostProbesAndHostLifecycle }],
};
