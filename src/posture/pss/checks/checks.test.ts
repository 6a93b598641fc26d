/**
 * Exact reason and detail texts, singular and plural, for every check (the PSA fixtures only
 * assert substrings). Expected strings follow the upstream format strings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodMetadata, PodSpec } from '../pod.js';
import { PSS_REGISTRY } from '../registry.js';

interface Case {
  readonly check: string;
  readonly minor?: number;
  readonly metadata?: PodMetadata;
  readonly spec: PodSpec;
  readonly reason?: string;
  readonly detail?: string;
}

const c = (name: string, securityContext?: object, extra: object = {}) => ({
  name,
  ...(securityContext ? { securityContext } : {}),
  ...extra,
});

const CASES: Case[] = [
  {
    check: 'privileged',
    spec: { containers: [c('a', { privileged: true }), c('b', { privileged: false })] },
    reason: 'privileged',
    detail: 'container "a" must not set securityContext.privileged=true',
  },
  {
    check: 'privileged',
    spec: {
      initContainers: [c('i', { privileged: true })],
      containers: [c('a', { privileged: true })],
    },
    reason: 'privileged',
    detail: 'containers "i", "a" must not set securityContext.privileged=true',
  },
  {
    check: 'hostNamespaces',
    spec: { hostIPC: true, hostNetwork: true, containers: [] },
    reason: 'host namespaces',
    detail: 'hostNetwork=true, hostIPC=true',
  },
  {
    check: 'windowsHostProcess',
    spec: {
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [c('a', { windowsOptions: { hostProcess: true } })],
    },
    reason: 'hostProcess',
    detail: 'pod and container "a" must not set securityContext.windowsOptions.hostProcess=true',
  },
  {
    check: 'capabilities_baseline',
    spec: {
      containers: [
        c('a', { capabilities: { add: ['SYS_ADMIN', 'CHOWN', 'NET_RAW'] } }),
        c('b', { capabilities: { add: ['NET_RAW'] } }),
      ],
    },
    reason: 'non-default capabilities',
    detail:
      'containers "a", "b" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add',
  },
  {
    check: 'hostPathVolumes',
    spec: {
      volumes: [
        { name: 'h', hostPath: { path: '/' } },
        { name: 'e', emptyDir: {} },
      ],
    },
    reason: 'hostPath volumes',
    detail: 'volume "h"',
  },
  {
    check: 'hostPorts',
    spec: {
      containers: [
        c('a', undefined, { ports: [{ hostPort: 9 }, { hostPort: 10 }, { containerPort: 80 }] }),
      ],
    },
    reason: 'hostPort',
    detail: 'container "a" uses hostPorts 10, 9',
  },
  {
    check: 'hostProbesAndHostLifecycle',
    minor: 34,
    spec: {
      containers: [
        c('b', undefined, { livenessProbe: { httpGet: { host: 'evil.example', port: 80 } } }),
        c('a', undefined, { lifecycle: { preStop: { tcpSocket: { host: '10.0.0.1' } } } }),
      ],
    },
    reason: 'probe or lifecycle host',
    detail: 'containers "a", "b" use probe or lifecycle hosts "10.0.0.1", "evil.example"',
  },
  {
    check: 'appArmorProfile',
    metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined' } },
    spec: { securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [c('a')] },
    reason: 'forbidden AppArmor profiles',
    detail:
      'pod and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/a="unconfined""',
  },
  {
    check: 'seLinuxOptions',
    spec: { containers: [c('a', { seLinuxOptions: { type: 'spc_t', user: 'root' } })] },
    reason: 'seLinuxOptions',
    detail:
      'container "a" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set',
  },
  {
    check: 'procMount',
    spec: { containers: [c('a', { procMount: 'Unmasked' })] },
    reason: 'procMount',
    detail: 'container "a" must not set securityContext.procMount to "Unmasked"',
  },
  {
    check: 'procMount',
    minor: 35,
    spec: { hostUsers: false, containers: [c('a', { procMount: 'Unmasked' })] },
  },
  {
    check: 'seccompProfile_baseline',
    minor: 18,
    metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } },
    spec: { containers: [c('a')] },
    reason: 'seccompProfile',
    detail: 'forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"',
  },
  {
    check: 'seccompProfile_baseline',
    spec: { containers: [c('a', { seccompProfile: { type: 'Unconfined' } })] },
    reason: 'seccompProfile',
    detail: 'container "a" must not set securityContext.seccompProfile.type to "Unconfined"',
  },
  {
    check: 'sysctls',
    spec: {
      securityContext: {
        sysctls: [
          { name: 'kernel.msgmax' },
          { name: 'net.ipv4.tcp_syncookies' },
          { name: 'vm.swappiness' },
        ],
      },
    },
    reason: 'forbidden sysctls',
    detail: 'kernel.msgmax, vm.swappiness',
  },
  {
    check: 'restrictedVolumes',
    spec: {
      volumes: [
        { name: 'a', hostPath: {} },
        { name: 'b', nfs: {} },
        { name: 'c', secret: {} },
      ],
    },
    reason: 'restricted volume types',
    detail: 'volumes "a", "b" use restricted volume types "hostPath", "nfs"',
  },
  {
    check: 'allowPrivilegeEscalation',
    spec: { containers: [c('a'), c('b', { allowPrivilegeEscalation: false })] },
    reason: 'allowPrivilegeEscalation != false',
    detail: 'container "a" must set securityContext.allowPrivilegeEscalation=false',
  },
  {
    check: 'allowPrivilegeEscalation',
    minor: 25,
    spec: { os: { name: 'windows' }, containers: [c('a')] },
  },
  {
    check: 'runAsNonRoot',
    spec: { containers: [c('a'), c('b')] },
    reason: 'runAsNonRoot != true',
    detail: 'pod or containers "a", "b" must set securityContext.runAsNonRoot=true',
  },
  {
    check: 'runAsNonRoot',
    spec: {
      securityContext: { runAsNonRoot: false },
      containers: [c('a', { runAsNonRoot: false })],
    },
    reason: 'runAsNonRoot != true',
    detail: 'pod and container "a" must not set securityContext.runAsNonRoot=false',
  },
  {
    check: 'runAsUser',
    spec: { securityContext: { runAsUser: 0 }, containers: [c('a', { runAsUser: 1000 })] },
    reason: 'runAsUser=0',
    detail: 'pod must not set runAsUser=0',
  },
  {
    check: 'runAsUser',
    minor: 35,
    spec: { hostUsers: false, securityContext: { runAsUser: 0 }, containers: [] },
  },
  {
    check: 'seccompProfile_restricted',
    spec: { containers: [c('a'), c('b', { seccompProfile: { type: 'RuntimeDefault' } })] },
    reason: 'seccompProfile',
    detail:
      'pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
  },
  {
    check: 'capabilities_restricted',
    spec: {
      containers: [
        c('a'),
        c('b', { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'SYS_TIME'] } }),
      ],
    },
    reason: 'unrestricted capabilities',
    detail:
      'container "a" must set securityContext.capabilities.drop=["ALL"]; container "b" must not include "SYS_TIME" in securityContext.capabilities.add',
  },
];

test('every check renders the upstream reason and detail text', () => {
  const covered = new Set<string>();
  for (const testCase of CASES) {
    const version = testCase.minor === undefined ? ('latest' as const) : { minor: testCase.minor };
    const active = [
      ...PSS_REGISTRY.checksFor({ level: 'baseline', version }),
      ...PSS_REGISTRY.checksFor({ level: 'restricted', version }),
    ].find((a) => a.id === testCase.check);
    assert.ok(active, `${testCase.check} active at ${JSON.stringify(version)}`);
    const result = active.check(testCase.metadata ?? {}, testCase.spec);
    covered.add(testCase.check);
    if (testCase.reason === undefined) {
      assert.deepEqual(result, { allowed: true }, testCase.check);
    } else {
      assert.deepEqual(
        result,
        { allowed: false, reason: testCase.reason, detail: testCase.detail },
        testCase.check,
      );
    }
  }
  assert.equal(covered.size, 18, 'all but procMount_restricted (same text as procMount)');
});

test('wrong-typed fields count as unset and never throw', () => {
  const spec = {
    containers: 'oops',
    volumes: 42,
    securityContext: { sysctls: 'x' },
    hostPID: 'true',
  } as unknown as PodSpec;
  for (const { check } of PSS_REGISTRY.checksFor({ level: 'restricted', version: 'latest' })) {
    assert.doesNotThrow(() => check({ annotations: 'nope' }, spec));
  }
});
