/**
 * RBAC-009: every CronJob ranked by how much an attacker gains from it. The score is a product
 * of four factors, each shown in the finding so the ranking can be argued with:
 *
 * | factor | 1 | 2 | 3 | 4 | 5 |
 * |---|---|---|---|---|---|
 * | service-account power | no token mounted / no rights | some rights | creates workloads in its namespace | creates workloads elsewhere or cluster-wide | reaches cluster-admin |
 * | template privilege | restricted | root by default | root, added capabilities or privilege escalation | privileged or host namespaces/paths | |
 * | image provenance | digest-pinned | fixed tag | `latest` or no tag | | |
 * | creator | controller/GitOps | unknown | human (kubectl or audit) | service account (audit) | |
 *
 * score = power × privilege × image × creator (1 … 240); level: ≥ 60 high, ≥ 20 medium,
 * ≥ 6 low, else informational.
 * @module
 */
import type { Finding, Level } from '../../finding.js';
import { parseServiceAccountUser, serviceAccountIdentity } from '../identity.js';
import type { Workload } from '../workload.js';
import { makeFinding, type RbacCheck, type RbacCheckContext } from './context.js';
import { reachabilityOf } from './escalation-paths.js';

export interface Factor {
  readonly name: 'power' | 'privilege' | 'image' | 'creator';
  readonly value: number;
  readonly max: number;
  readonly why: string;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function containersOf(podSpec: Readonly<Record<string, unknown>>): Record<string, unknown>[] {
  return [
    ...list(podSpec.initContainers),
    ...list(podSpec.containers),
    ...list(podSpec.ephemeralContainers),
  ].map(record);
}

export function powerFactor(context: RbacCheckContext, workload: Workload): Factor {
  const account = context.model.serviceAccounts.get(
    `${workload.namespace}/${workload.serviceAccount}`,
  );
  const mounted = workload.automountToken ?? account?.automountToken ?? true;
  const name = `${workload.namespace}/${workload.serviceAccount}`;
  if (!mounted) return { name: 'power', value: 1, max: 5, why: `token of ${name} not mounted` };
  const start = {
    kind: 'identity' as const,
    identity: serviceAccountIdentity(workload.namespace, workload.serviceAccount),
  };
  const reachability = reachabilityOf(context);
  if (reachability.reachesAdmin(start)) {
    const admin = reachability.pathToAdmin(start);
    const steps = admin ? `${admin.steps.length} step(s)` : 'some steps';
    return { name: 'power', value: 5, max: 5, why: `${name} reaches cluster-admin in ${steps}` };
  }
  const elsewhere = reachability
    .cronNamespaces(start)
    .filter((namespace) => namespace !== workload.namespace);
  if (elsewhere.length > 0) {
    return {
      name: 'power',
      value: 4,
      max: 5,
      why: `${name} can create CronJobs in ${elsewhere.length} other namespace(s)`,
    };
  }
  const caps = context.graph.capabilities(start);
  const own =
    caps.can('create', 'batch', 'cronjobs', workload.namespace) ??
    caps.can('create', '', 'pods', workload.namespace);
  if (own)
    return {
      name: 'power',
      value: 3,
      max: 5,
      why: `${name} can create workloads in ${workload.namespace}`,
    };
  const rights = caps.grants.filter(
    (grant) =>
      grant.binding && grant.binding.labels['kubernetes.io/bootstrapping'] !== 'rbac-defaults',
  );
  if (rights.length > 0)
    return { name: 'power', value: 2, max: 5, why: `${name} holds ${rights.length} rule(s)` };
  return { name: 'power', value: 1, max: 5, why: `${name} holds no rights beyond defaults` };
}

export function privilegeFactor(podSpec: Readonly<Record<string, unknown>>): Factor {
  const containers = containersOf(podSpec);
  const hostPath = list(podSpec.volumes).some((volume) => record(volume).hostPath !== undefined);
  const host = ['hostPID', 'hostNetwork', 'hostIPC'].filter((field) => podSpec[field] === true);
  const privileged = containers.some((c) => record(c.securityContext).privileged === true);
  if (privileged || host.length > 0 || hostPath) {
    const why = [
      privileged ? 'privileged container' : '',
      ...host,
      hostPath ? 'hostPath volume' : '',
    ].filter(Boolean);
    return { name: 'privilege', value: 4, max: 4, why: why.join(', ') };
  }
  const podContext = record(podSpec.securityContext);
  const addsCaps = containers.some(
    (c) => list(record(record(c.securityContext).capabilities).add).length > 0,
  );
  const rootUser =
    podContext.runAsUser === 0 || containers.some((c) => record(c.securityContext).runAsUser === 0);
  const escalation = containers.some(
    (c) => record(c.securityContext).allowPrivilegeEscalation === true,
  );
  if (addsCaps || rootUser || escalation) {
    const why = [
      addsCaps ? 'added capabilities' : '',
      rootUser ? 'runAsUser 0' : '',
      escalation ? 'allowPrivilegeEscalation' : '',
    ].filter(Boolean);
    return { name: 'privilege', value: 3, max: 4, why: why.join(', ') };
  }
  const nonRoot =
    podContext.runAsNonRoot === true ||
    (containers.length > 0 &&
      containers.every((c) => record(c.securityContext).runAsNonRoot === true));
  if (!nonRoot)
    return { name: 'privilege', value: 2, max: 4, why: 'may run as root (no runAsNonRoot)' };
  return { name: 'privilege', value: 1, max: 4, why: 'runs as non-root without added privileges' };
}

export function imageFactor(podSpec: Readonly<Record<string, unknown>>): Factor {
  let worst = 1;
  const why: string[] = [];
  for (const container of containersOf(podSpec)) {
    const image = typeof container.image === 'string' ? container.image : '';
    if (image.includes('@sha256:')) continue;
    const lastSegment = image.slice(image.lastIndexOf('/') + 1);
    const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : '';
    if (tag === '' || tag === 'latest') {
      worst = 3;
      why.push(`${image || '(no image)'} is ${tag === '' ? 'untagged' : ':latest'}`);
    } else {
      worst = Math.max(worst, 2);
      why.push(`${image} is tagged, not digest-pinned`);
    }
  }
  return {
    name: 'image',
    value: worst,
    max: 3,
    why: why.length > 0 ? why.join('; ') : 'every image pinned by digest',
  };
}

const CONTROLLER_MANAGERS =
  /^(argocd|argo|flux|helm|kustomize-controller|helm-controller|kube-controller-manager|Go-http-client|terraform|pulumi|spinnaker)/i;

export function creatorFactor(context: RbacCheckContext, workload: Workload): Factor {
  const key = `${workload.kind}/${workload.namespace}/${workload.name}`;
  const creator = context.options.creators?.get(key);
  if (creator !== undefined) {
    if (parseServiceAccountUser(creator)) {
      return {
        name: 'creator',
        value: 4,
        max: 4,
        why: `created by service account ${creator} (audit)`,
      };
    }
    if (creator.startsWith('system:'))
      return { name: 'creator', value: 1, max: 4, why: `created by ${creator} (audit)` };
    return { name: 'creator', value: 3, max: 4, why: `created by user ${creator} (audit)` };
  }
  const metadata = record(workload.object.body.metadata);
  const managers = list(metadata.managedFields).map((entry) => String(record(entry).manager ?? ''));
  const first = managers[0];
  if (first === undefined || first === '')
    return {
      name: 'creator',
      value: 2,
      max: 4,
      why: 'creator unknown (no audit, no managedFields)',
    };
  if (CONTROLLER_MANAGERS.test(first))
    return { name: 'creator', value: 1, max: 4, why: `managed by ${first}` };
  if (first.startsWith('kubectl'))
    return { name: 'creator', value: 3, max: 4, why: `written by ${first} (a human with kubectl)` };
  return { name: 'creator', value: 2, max: 4, why: `managed by ${first}` };
}

function levelOf(score: number): Level {
  if (score >= 60) return 'high';
  if (score >= 20) return 'medium';
  if (score >= 6) return 'low';
  return 'informational';
}

/** Scores one workload; exported for the scan's own ranking and for tests. */
export function scoreWorkload(context: RbacCheckContext, workload: Workload) {
  const factors = [
    powerFactor(context, workload),
    privilegeFactor(workload.podSpec),
    imageFactor(workload.podSpec),
    creatorFactor(context, workload),
  ];
  const score = factors.reduce((product, factor) => product * factor.value, 1);
  return { score, factors };
}

export const CRONJOB_RANKING: RbacCheck = {
  id: 'RBAC-009',
  level: 'high',
  title: 'CronJob risk ranking',
  description:
    'Every CronJob scored by service-account power × template privilege × image provenance × creator; findings are sorted by score.',
  run(context) {
    const scored = context.model.workloads
      .filter((workload) => workload.kind === 'CronJob')
      .map((workload) => ({ workload, ...scoreWorkload(context, workload) }))
      .sort((a, b) => b.score - a.score);
    return scored.map(
      ({ workload, score, factors }, rank): Finding =>
        makeFinding(CRONJOB_RANKING, {
          level: levelOf(score),
          message: `CronJob ${workload.namespace}/${workload.name} ranks #${rank + 1} with score ${score} (${factors.map((f) => `${f.name} ${f.value}/${f.max}`).join(' × ')})`,
          now: context.now,
          origin: workload.object.origin,
          object: {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            namespace: workload.namespace,
            name: workload.name,
          },
          matched: [
            { field: 'score', value: score },
            ...factors.map((f) => ({ field: f.name, value: f.value })),
          ],
          evidence: factors.map((f) => `${f.name} ${f.value}/${f.max}: ${f.why}`),
          remediation:
            'Lower the largest factor first: a dedicated service account without workload rights (or automountServiceAccountToken: false), a restricted pod template, a digest-pinned image, creation through a reviewed pipeline.',
        }),
    );
  },
};
