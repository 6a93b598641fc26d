/**
 * Writes the three template-inspection rules of the pack (CW-002, CW-003, CW-015) from one
 * table of checks, because each check has to be spelled out for every place a pod template
 * lives (CronJob `spec.jobTemplate.spec.template.spec`, Job and the apps controllers
 * `spec.template.spec`), for every container list (`containers`, `initContainers`,
 * `ephemeralContainers`) and for both bodies (`responseObject` first, else `requestObject`).
 * Writing ~100 paths by hand is how rules end up missing `initContainers`.
 *
 * Run: `npx tsx scripts/gen-template-rules.ts` (a test fails when the committed rules differ).
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

type Value = string | number | boolean | readonly (string | number | boolean)[];

/** A check on the pod spec (`…spec.hostPID`) or on every container (`…containers.x`). */
interface Check {
  readonly scope: 'pod' | 'container';
  /** Path below the pod spec or below one container, plus Sigma modifiers. */
  readonly field: string;
  readonly value: Value;
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** Host paths whose mount gives a job the node: config, runtimes, kubelet, devices, logs. */
const SENSITIVE_HOST_PATHS = [
  '/',
  '/etc',
  '/etc/*',
  '/root',
  '/root/*',
  '/home',
  '/home/*',
  '/proc',
  '/proc/*',
  '/sys',
  '/sys/*',
  '/dev',
  '/dev/*',
  '/boot',
  '/boot/*',
  '/bin',
  '/sbin',
  '/usr',
  '/usr/*',
  '/lib',
  '/lib/*',
  '/var/log',
  '/var/log/*',
  '/var/run',
  '/var/run/docker.sock',
  '/run',
  '/run/docker.sock',
  '/var/run/containerd*',
  '/run/containerd*',
  '/var/run/crio*',
  '/run/crio*',
  '/var/lib/kubelet*',
  '/var/lib/docker*',
  '/var/lib/containerd*',
  '/var/lib/etcd*',
];

/** Capabilities that break container isolation (without and with the CAP_ prefix). */
const DANGEROUS_CAPABILITIES = [
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'NET_RAW',
  'SYS_PTRACE',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'DAC_READ_SEARCH',
  'DAC_OVERRIDE',
  'BPF',
  'PERFMON',
].flatMap((cap) => (cap === 'ALL' ? [cap] : [cap, `CAP_${cap}`]));

const PRIVILEGE_CHECKS: readonly Check[] = [
  { scope: 'pod', field: 'hostPID', value: true },
  { scope: 'pod', field: 'hostNetwork', value: true },
  { scope: 'pod', field: 'hostIPC', value: true },
  { scope: 'pod', field: 'volumes.hostPath.path', value: SENSITIVE_HOST_PATHS },
  { scope: 'pod', field: 'securityContext.runAsUser', value: 0 },
  { scope: 'pod', field: 'securityContext.runAsNonRoot', value: false },
  { scope: 'container', field: 'securityContext.privileged', value: true },
  { scope: 'container', field: 'securityContext.allowPrivilegeEscalation', value: true },
  { scope: 'container', field: 'securityContext.capabilities.add', value: DANGEROUS_CAPABILITIES },
  { scope: 'container', field: 'securityContext.runAsUser', value: 0 },
  { scope: 'container', field: 'securityContext.runAsNonRoot', value: false },
];

/** Substrings of a command or argument that a scheduled job has no business running. */
const COMMAND_NEEDLES = [
  '/dev/tcp/',
  '/dev/udp/',
  'bash -i',
  'sh -i',
  'nc -e',
  'nc -c',
  'ncat -e',
  'ncat --exec',
  'ncat --sh-exec',
  'netcat -e',
  'mkfifo',
  'socat ',
  'pty.spawn',
  'socket.socket(',
  'fsockopen(',
  'use Socket;',
  'xmrig',
  'xmr-stak',
  'minerd',
  'cpuminer',
  'cryptonight',
  'stratum+tcp://',
  'stratum+ssl://',
  'stratum2+tcp://',
  '--donate-level',
  '/var/run/secrets/kubernetes.io/serviceaccount',
  '/run/secrets/kubernetes.io/serviceaccount',
  '/var/run/secrets/eks.amazonaws.com/serviceaccount',
  'kubectl',
  'nsenter',
  'chroot /host',
  '--unix-socket',
  'docker.sock',
  '169.254.169.254',
  'metadata.google.internal',
];

/** RE2 patterns (case-insensitive): download-and-run and decode-and-run pipelines. */
const COMMAND_PATTERNS = [
  String.raw`(curl|wget|fetch)\b[^;&]*\|\s*(sudo\s+)?(\S*/)?(ba|da|z|k)?sh\b`,
  String.raw`base64\s+(-d|--decode|-D)\b[^;&]*\|\s*(\S*/)?(ba|da|z|k)?sh\b`,
  String.raw`(ba|da|z)?sh\s+-c\s+["']?\$\((curl|wget)`,
  String.raw`(python[0-9.]*|perl|ruby|php)\s+-(c|e|r)\s.*(socket|exec|system)`,
];

/** Argv elements that are on their own a network tool, whatever their flags. */
const NETWORK_TOOLS = [
  'nc',
  'ncat',
  'netcat',
  'socat',
  '*/nc',
  '*/ncat',
  '*/netcat',
  '*/socat',
  '*/nc.traditional',
  '*/nc.openbsd',
];

const COMMAND_CHECKS: readonly Check[] = ['command', 'args'].flatMap((argv): Check[] => [
  { scope: 'container', field: `${argv}|contains`, value: COMMAND_NEEDLES },
  { scope: 'container', field: `${argv}|re|i`, value: COMMAND_PATTERNS },
  { scope: 'container', field: argv, value: NETWORK_TOOLS },
]);

/** Expands checks to concrete `body.template.field` items for every template place. */
function expand(body: string, templates: readonly string[], checks: readonly Check[]) {
  const items: Record<string, Value>[] = [];
  for (const template of templates) {
    for (const check of checks) {
      if (check.scope === 'pod') {
        items.push({ [`${body}.${template}.${check.field}`]: check.value });
        continue;
      }
      for (const list of CONTAINER_LISTS) {
        items.push({ [`${body}.${template}.${list}.${check.field}`]: check.value });
      }
    }
  }
  return items;
}

const CRONJOB_TEMPLATE = 'spec.jobTemplate.spec.template.spec';
const JOB_TEMPLATE = 'spec.template.spec';

/** Detection shared by the three rules: response body first, request body otherwise. */
function templateDetection(
  resources: readonly string[],
  templates: readonly string[],
  checks: readonly Check[],
) {
  return {
    write: {
      verb: ['create', 'update', 'patch'],
      'objectRef.resource': [...resources],
    },
    response_risk: expand('responseObject', templates, checks),
    request_risk: expand('requestObject', templates, checks),
    response_present: { 'responseObject.spec|exists': true },
    filter_failed: [{ 'responseStatus.status': 'Failure' }, { 'responseStatus.code|gte': 400 }],
    filter_dry_run: { 'requestURI|contains': 'dryRun=All' },
    filter_stage: { stage: 'RequestReceived' },
    filter_controllers: { 'user.username|expand': '%cw_controllers%' },
    filter_platform: { 'user.username|expand': '%cw_platform_identities%' },
    condition:
      'write and (response_risk or (request_risk and not response_present)) and not 1 of filter_*',
  };
}

const HEADER = [
  '# Generated by scripts/gen-template-rules.ts from one table of checks; edit the script,',
  '# not this file, then run `npx tsx scripts/gen-template-rules.ts`.',
  '',
].join('\n');

const COMMON = {
  status: 'experimental',
  author: 'cronwarden',
  date: '2026-11-25',
  references: [
    'https://attack.mitre.org/techniques/T1053/007/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  ],
  logsource: { product: 'kubernetes', service: 'audit' },
};

interface GeneratedRule {
  readonly file: string;
  readonly document: Record<string, unknown>;
}

export function generateTemplateRules(): GeneratedRule[] {
  return [
    {
      file: 'rules/k8s/cw-002-privileged-job-template.yml',
      document: {
        title: 'CronJob or Job Template Grants Node-Level Privileges',
        id: '510dea62-f105-46ed-a423-560912cfefba',
        ...pick(COMMON, 'status'),
        description:
          'A CronJob or Job was created, replaced or patched with a pod template that breaks out ' +
          'of container isolation: privileged containers, host PID/network/IPC namespaces, a ' +
          'sensitive hostPath (/, /etc, runtime sockets, kubelet state), dangerous added ' +
          'capabilities, running as UID 0 or with runAsNonRoot false, or allowPrivilegeEscalation. ' +
          'The persisted, defaulted object (responseObject) is read when the audit policy records ' +
          'it, so privileges added by a mutating webhook are seen; otherwise the request body is ' +
          'read. Pod Security Admission does not evaluate CronJob templates, only the pods they ' +
          'create later.',
        references: COMMON.references,
        author: COMMON.author,
        date: COMMON.date,
        tags: [
          'attack.execution',
          'attack.persistence',
          'attack.privilege-escalation',
          'attack.t1053.007',
          'attack.t1611',
        ],
        logsource: COMMON.logsource,
        detection: templateDetection(
          ['cronjobs', 'jobs'],
          [CRONJOB_TEMPLATE, JOB_TEMPLATE],
          PRIVILEGE_CHECKS,
        ),
        falsepositives: [
          'Node maintenance jobs (log rotation, disk cleanup, kernel tuning) that need the host; ' +
            'run them from a dedicated namespace and review them once.',
          'Backup jobs that mount /var/lib/etcd on control-plane nodes.',
        ],
        level: 'high',
        cw_id: 'CW-002',
        cw_message:
          '{user.username} {verb} {objectRef.resource} {objectRef.namespace}/{objectRef.name} whose pod template escapes container isolation',
      },
    },
    {
      file: 'rules/k8s/cw-003-suspicious-job-command.yml',
      document: {
        title: 'CronJob or Job Template Runs a Reverse Shell, Downloader, Miner or Token Grab',
        id: '3e9deb8b-5bd2-4984-bc39-92e752e81233',
        ...pick(COMMON, 'status'),
        description:
          'The command or arguments of a container in a CronJob or Job template (containers, ' +
          'initContainers, ephemeralContainers) contain a reverse shell (/dev/tcp, nc -e, bash ' +
          '-i, mkfifo, socat), a download-and-run or decode-and-run pipeline (curl|sh, base64 ' +
          '-d|sh), a cryptocurrency miner (xmrig, stratum+tcp), a read of the service-account ' +
          'token or cloud metadata endpoint, or node escape tools (nsenter, chroot /host, the ' +
          'container runtime socket, kubectl). Nobody else inspects job templates at creation.',
        references: [
          'https://attack.mitre.org/techniques/T1053/007/',
          'https://microsoft.github.io/Threat-Matrix-for-Kubernetes/techniques/Kubernetes%20CronJob/',
        ],
        author: COMMON.author,
        date: COMMON.date,
        tags: [
          'attack.execution',
          'attack.persistence',
          'attack.t1053.007',
          'attack.t1059.004',
          'attack.t1496',
          'attack.t1528',
        ],
        logsource: COMMON.logsource,
        detection: templateDetection(
          ['cronjobs', 'jobs'],
          [CRONJOB_TEMPLATE, JOB_TEMPLATE],
          COMMAND_CHECKS,
        ),
        falsepositives: [
          'Operations CronJobs that run kubectl (cleanup, certificate rotation); give them a ' +
            'dedicated service account and suppress by namespace and name after review.',
          'Install jobs that pipe a vendor script into sh; pin and verify the script instead.',
        ],
        level: 'high',
        cw_id: 'CW-003',
        cw_message:
          '{user.username} {verb} {objectRef.resource} {objectRef.namespace}/{objectRef.name} whose containers run a suspicious command',
      },
    },
    {
      file: 'rules/k8s/cw-015-risky-controller-template.yml',
      document: {
        title: 'Deployment, DaemonSet or StatefulSet Template With Privileges or Shell Payloads',
        id: '6a25089f-39d5-42f5-9864-f553c63c61cf',
        ...pick(COMMON, 'status'),
        description:
          'Persistence through the other pod controllers ("Deployments ... maintain a quantity of ' +
          'containers over time", ATT&CK T1053.007): a Deployment, DaemonSet, StatefulSet, ' +
          'ReplicaSet or ReplicationController written with the template risks of CW-002 ' +
          '(privileges, host namespaces, sensitive hostPath, capabilities, root) or of CW-003 ' +
          '(reverse shells, downloaders, miners, token reads). A DaemonSet runs the payload on ' +
          'every node.',
        references: COMMON.references,
        author: COMMON.author,
        date: COMMON.date,
        tags: [
          'attack.execution',
          'attack.persistence',
          'attack.privilege-escalation',
          'attack.t1053.007',
          'attack.t1610',
        ],
        logsource: COMMON.logsource,
        detection: templateDetection(
          ['deployments', 'daemonsets', 'statefulsets', 'replicasets', 'replicationcontrollers'],
          [JOB_TEMPLATE],
          [...PRIVILEGE_CHECKS, ...COMMAND_CHECKS],
        ),
        falsepositives: [
          'Node agents (CNI, CSI drivers, log shippers, security agents) are DaemonSets with ' +
            'host access by design; their updates fire this rule. Review and suppress them by ' +
            'namespace and name.',
        ],
        level: 'medium',
        cw_id: 'CW-015',
        cw_message:
          '{user.username} {verb} {objectRef.resource} {objectRef.namespace}/{objectRef.name} with a privileged or shell-running pod template',
      },
    },
  ];
}

function pick<T extends object, K extends keyof T>(object: T, key: K): Pick<T, K> {
  return { [key]: object[key] } as Pick<T, K>;
}

export function renderRule(rule: GeneratedRule): string {
  return HEADER + stringify(rule.document, { lineWidth: 0, aliasDuplicateObjects: false });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const rule of generateTemplateRules()) {
    writeFileSync(new URL(`../${rule.file}`, import.meta.url), renderRule(rule));
  }
}
