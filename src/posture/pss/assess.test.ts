import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseManifest } from '../../inventory/manifest.js';
import { assessPodSecurity } from './assess.js';
import { parsePssConfig } from './config.js';
import { pssFindings } from './findings.js';
import { policyFromLabels, uniformPolicy } from './policy.js';

const TIME = '2026-11-25T00:00:00.000Z';
const RESTRICTED = { level: 'restricted', version: 'latest' } as const;

const HARDENED = `securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
containers:
- name: c
  image: app
  securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}`;

function job(name: string, namespace: string, spec: string): string {
  return `---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${spec
    .split('\n')
    .map((l) => `          ${l}`)
    .join('\n')}\n`;
}

function namespace(name: string, labels: Record<string, string>): string {
  const entries = Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`);
  return `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${entries.length ? `  labels:\n${entries.join('\n')}\n` : ''}`;
}

function assess(text: string, config?: ReturnType<typeof parsePssConfig>) {
  const { objects, issues } = parseManifest(text, 'cluster.yaml');
  assert.deepEqual(issues, []);
  return assessPodSecurity(objects, { target: RESTRICTED, ...(config ? { config } : {}) });
}

test('without labels the target standard decides; findings carry upstream text and origin', () => {
  const result = assess(
    job(
      'backup',
      'ops',
      'containers:\n- {name: c, image: app, securityContext: {privileged: true}}',
    ),
  );
  const findings = pssFindings(result, TIME).filter((f) => f.rule.id.startsWith('PSS.'));
  assert.deepEqual(
    findings.map((f) => f.rule.id),
    [
      'PSS.privileged',
      'PSS.allowPrivilegeEscalation',
      'PSS.capabilities_restricted',
      'PSS.runAsNonRoot',
      'PSS.seccompProfile_restricted',
    ],
  );
  const [privileged] = findings;
  assert.equal(
    privileged?.message,
    'CronJob ops/backup would violate PodSecurity "restricted:latest": privileged (container "c" must not set securityContext.privileged=true)',
  );
  assert.equal(privileged?.level, 'high');
  assert.deepEqual(privileged?.origin, { file: 'cluster.yaml', line: 2 });
  assert.ok(privileged?.tags.includes('attack.t1053.007'));
  assert.equal(privileged?.matched[0]?.field, 'spec.jobTemplate.spec.template.spec');
});

test('namespace labels decide the level: the strictest declared mode is evaluated', () => {
  const text =
    namespace('ops', {
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'v1.30',
    }) + job('backup', 'ops', 'containers:\n- {name: c, image: app}');
  const result = assess(text);
  assert.deepEqual(result.workloads[0]?.evaluatedAt, { level: 'baseline', version: { minor: 30 } });
  assert.equal(result.workloads[0]?.decidedBy, 'namespace labels');
  assert.deepEqual(
    pssFindings(result, TIME).filter((f) => f.rule.id.startsWith('PSS.')),
    [],
  );
});

test('a namespace enforcing less than its workloads meet gets PSS-NS-001, medium when it runs jobs unguarded', () => {
  const text =
    namespace('ops', { 'pod-security.kubernetes.io/enforce': 'privileged' }) +
    job('backup', 'ops', HARDENED);
  const result = assess(text);
  assert.equal(result.namespaces[0]?.meets, 'restricted');
  const gap = pssFindings(result, TIME).find((f) => f.rule.id === 'PSS-NS-001');
  assert.equal(gap?.level, 'medium');
  assert.match(
    gap?.message ?? '',
    /enforces privileged:latest but all its workloads meet restricted/,
  );
  assert.deepEqual(gap?.origin, { file: 'cluster.yaml', line: 2 });
  assert.match(
    gap?.remediation ?? '',
    /enforce=restricted pod-security.kubernetes.io\/enforce-version=v1.37/,
  );
});

test('workloads the enforced level rejects get PSS-NS-002 with each one as related origin', () => {
  const text =
    namespace('ops', { 'pod-security.kubernetes.io/enforce': 'baseline' }) +
    job('miner', 'ops', 'hostPID: true\ncontainers:\n- {name: c, image: app}') +
    job('fine', 'ops', 'containers:\n- {name: c, image: app}');
  const result = assess(text);
  const blocked = pssFindings(result, TIME).find((f) => f.rule.id === 'PSS-NS-002');
  assert.match(
    blocked?.message ?? '',
    /pods of 1 workload\(s\) would be rejected: CronJob ops\/miner/,
  );
  assert.deepEqual(blocked?.related, [{ file: 'cluster.yaml', line: 9 }]);
});

test('exempt namespaces and runtime classes are not evaluated', () => {
  const config = parsePssConfig(
    `apiVersion: pod-security.admission.config.k8s.io/v1
kind: PodSecurityConfiguration
defaults: {enforce: baseline}
exemptions: {namespaces: [kube-system], runtimeClasses: [kata]}
`,
    'psa.yaml',
  );
  const text =
    job('a', 'kube-system', 'hostPID: true\ncontainers:\n- {name: c, image: app}') +
    job('b', 'ops', 'runtimeClassName: kata\nhostPID: true\ncontainers:\n- {name: c, image: app}');
  const result = assess(text, config);
  assert.deepEqual(
    result.workloads.map((w) => w.exempt),
    ['namespace', 'runtimeClass'],
  );
  assert.deepEqual(pssFindings(result, TIME), []);
});

test('invalid labels are read like the plugin reads them and reported as CW_PSS_LABEL', () => {
  const text =
    namespace('ops', {
      'pod-security.kubernetes.io/enforce': 'strict',
      'pod-security.kubernetes.io/warn-version': 'v2',
    }) + job('a', 'ops', HARDENED);
  const result = assess(text);
  assert.equal(result.namespaces[0]?.policy.enforce.level, 'restricted');
  assert.deepEqual(
    result.issues.map((i) => [i.code, i.location]),
    [
      ['CW_PSS_LABEL', { file: 'cluster.yaml', line: 2 }],
      ['CW_PSS_LABEL', { file: 'cluster.yaml', line: 2 }],
    ],
  );
});

test('warn follows a stricter enforce label unless warn is labelled (PolicyToEvaluate)', () => {
  const defaults = uniformPolicy({ level: 'privileged', version: 'latest' });
  const onlyEnforce = policyFromLabels(
    {
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'v1.29',
    },
    defaults,
  );
  assert.deepEqual(onlyEnforce.policy.warn, { level: 'baseline', version: { minor: 29 } });
  assert.deepEqual(onlyEnforce.policy.audit, { level: 'privileged', version: 'latest' });
  const warnSet = policyFromLabels(
    {
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'privileged',
    },
    defaults,
  );
  assert.equal(warnSet.policy.warn.level, 'privileged');
});

test('a bad --pss-config is CW_PSS_CONFIG at the offending line, also inside AdmissionConfiguration', () => {
  assert.throws(
    () =>
      parsePssConfig(
        'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce: strict\n',
        'psa.yaml',
      ),
    (error: Error & { code?: string; location?: { line?: number } }) =>
      error.code === 'CW_PSS_CONFIG' && error.location?.line === 4,
  );
  const wrapped = parsePssConfig(
    `apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
plugins:
- name: PodSecurity
  configuration:
    apiVersion: pod-security.admission.config.k8s.io/v1
    kind: PodSecurityConfiguration
    defaults: {enforce: baseline, enforce-version: v1.31}
    exemptions: {usernames: [system:serviceaccount:kube-system:replicaset-controller]}
`,
    'admission.yaml',
  );
  assert.deepEqual(wrapped.defaults.enforce, { level: 'baseline', version: { minor: 31 } });
  assert.ok(
    wrapped.exemptions.usernames.has('system:serviceaccount:kube-system:replicaset-controller'),
  );
});

test('children whose controller is in the inventory are judged through the controller only', () => {
  const text = `${job('nightly', 'ops', 'hostPID: true\ncontainers:\n- {name: c, image: app}')}---
apiVersion: batch/v1
kind: Job
metadata:
  name: nightly-29001
  namespace: ops
  ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: nightly, controller: true}]
spec:
  template:
    spec:
      hostPID: true
      containers: [{name: c, image: app}]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: orphan
  namespace: ops
  ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: deleted, controller: true}]
spec:
  template:
    spec:
      containers: [{name: c, image: app}]
`;
  const result = assess(text);
  assert.deepEqual(
    result.workloads.map((w) => w.object.metadata.name),
    ['nightly', 'orphan'],
  );
});
