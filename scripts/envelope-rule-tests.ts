/**
 * Builds the EKS, AKS and GKE variants of every raw Kubernetes audit test case
 * (`rules/k8s/<rule>.tests/{tp,fp}/<case>.json` → `<case>.eks.json`, `.aks.json`,
 * `.gke.json`), so `rules test` proves each rule through every envelope decoder:
 * - EKS: a CloudWatch Logs subscription payload after gunzip+base64 (`messageType`,
 *   `logGroup /aws/eks/<cluster>/cluster`, `logStream kube-apiserver-audit-…`, the event as
 *   the `message` string);
 * - AKS: an Event Hub batch `{"records":[…]}` of `kube-audit` diagnostic records, the event as
 *   the JSON string `properties.log`;
 * - GKE: a Cloud Audit Logs LogEntry (`protoPayload.methodName io.k8s.<group>.<version>.
 *   <resource>.<verb>`, `resourceName`, `authenticationInfo.principalEmail`, `request`,
 *   `response`, google.rpc `status`), the inverse of Falco's k8saudit-gke mapping.
 * GKE entries cannot carry `user.extra`, `user.groups`, the audit level or a RequestReceived
 * stage, and AKS-only markers make no sense there, so cases that depend on them get no GKE
 * variant (the list of skipped cases is printed).
 *
 * Run: `npx tsx scripts/envelope-rule-tests.ts`.
 */
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;

const ROOT = new URL('../rules/k8s/', import.meta.url).pathname;
const ENVELOPED = /\.(eks|aks|gke)\.json$/;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function toEks(event: Json): Json {
  const time = Date.parse(String(event.stageTimestamp ?? event.requestReceivedTimestamp));
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

export function toAks(event: Json): Json {
  return {
    records: [
      {
        category: 'kube-audit',
        operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read',
        properties: {
          log: `${JSON.stringify(event)}\n`,
          stream: 'stdout',
          pod: 'kube-apiserver-7b9c6d5f4-qx2lm',
          containerID: '3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a',
        },
        resourceId:
          '/SUBSCRIPTIONS/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/RESOURCEGROUPS/RG-PROD/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS-PROD',
        time: event.stageTimestamp,
        Cloud: 'AzureCloud',
        Environment: 'prod',
        UnderlayClass: 'hcp-underlay',
        UnderlayName: 'hcp-underlay-westeurope-cx-12',
      },
    ],
  };
}

const HTTP_TO_RPC: Readonly<Record<number, number>> = {
  400: 3,
  401: 16,
  403: 7,
  404: 5,
  409: 6,
  429: 8,
  500: 13,
};

/** Why a case cannot be expressed as a GKE LogEntry, or undefined when it can. */
export function gkeBlocker(event: Json): string | undefined {
  const user = isObject(event.user) ? event.user : {};
  if (isObject(user.extra)) return 'user.extra (pod-bound token) is not in GKE entries';
  if (event.stage === 'RequestReceived') return 'GKE logs no RequestReceived stage';
  if (event.level === 'Metadata') return 'GKE entries carry no audit level';
  if (typeof event.requestObject === 'string' || typeof event.responseObject === 'string') {
    return 'AKS-only body marker';
  }
  if (String(event.requestURI ?? '').includes('dryRun=')) return 'GKE entries carry no request URI';
  return undefined;
}

export function toGke(event: Json): Json {
  const ref = isObject(event.objectRef) ? event.objectRef : {};
  const user = isObject(event.user) ? event.user : {};
  const status = isObject(event.responseStatus) ? event.responseStatus : {};
  const group = typeof ref.apiGroup === 'string' && ref.apiGroup !== '' ? ref.apiGroup : 'core';
  const version = String(ref.apiVersion ?? 'v1');
  const resource = String(ref.resource);
  const sub = typeof ref.subresource === 'string' ? `.${ref.subresource}` : '';
  const method = `io.k8s.${group}.${version}.${resource}${sub}.${String(event.verb)}`;
  const scope = typeof ref.namespace === 'string' ? `/namespaces/${ref.namespace}` : '';
  const name = typeof ref.name === 'string' ? `/${ref.name}` : '';
  const resourceName = `${group}/${version}${scope}/${resource}${name}`;
  const code = typeof status.code === 'number' ? status.code : 200;
  const failed = code >= 400;
  const isRead = ['get', 'list', 'watch'].includes(String(event.verb));
  const annotations = isObject(event.annotations) ? event.annotations : {};
  return {
    insertId: event.auditID,
    logName: `projects/acme-prod/logs/cloudaudit.googleapis.com%2F${isRead ? 'data_access' : 'activity'}`,
    operation: { id: event.auditID, producer: 'k8s.io', first: true, last: true },
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      authenticationInfo: { principalEmail: user.username },
      authorizationInfo: [{ granted: !failed, permission: method, resource: resourceName }],
      methodName: method,
      requestMetadata: {
        callerIp: Array.isArray(event.sourceIPs) ? event.sourceIPs[0] : undefined,
        callerSuppliedUserAgent: event.userAgent,
      },
      resourceName,
      serviceName: 'k8s.io',
      ...(event.requestObject !== undefined ? { request: event.requestObject } : {}),
      ...(event.responseObject !== undefined ? { response: event.responseObject } : {}),
      status: failed ? { code: HTTP_TO_RPC[code] ?? 2, message: status.message } : {},
    },
    receiveTimestamp: event.stageTimestamp,
    timestamp: event.requestReceivedTimestamp,
    resource: {
      type: 'k8s_cluster',
      labels: { project_id: 'acme-prod', location: 'europe-west1', cluster_name: 'prod' },
    },
    labels: annotations,
    severity: failed ? 'WARNING' : 'NOTICE',
  };
}

function caseFiles(directory: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) found.push(...caseFiles(path));
    else if (/[\\/](tp|fp)$/.test(directory) && name.endsWith('.json')) found.push(path);
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = caseFiles(ROOT);
  for (const file of files.filter((f) => ENVELOPED.test(f))) unlinkSync(file);
  for (const file of files.filter((f) => !ENVELOPED.test(f))) {
    const event = JSON.parse(readFileSync(file, 'utf8')) as Json;
    const stem = file.slice(0, -'.json'.length);
    writeFileSync(`${stem}.eks.json`, `${JSON.stringify(toEks(event))}\n`);
    writeFileSync(`${stem}.aks.json`, `${JSON.stringify(toAks(event))}\n`);
    const blocker = gkeBlocker(event);
    if (blocker === undefined)
      writeFileSync(`${stem}.gke.json`, `${JSON.stringify(toGke(event))}\n`);
    else console.log(`no GKE variant for ${file.slice(ROOT.length)}: ${blocker}`);
  }
}
