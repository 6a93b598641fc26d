/**
 * RBAC-007 and RBAC-008: principals that are not administrators but can *become* one — reach
 * cluster-admin (RBAC-007) or reach "create CronJobs in N" (RBAC-008) through one or more
 * escalation steps. Direct rights are RBAC-001/003; these are the indirect ones RBAC listers
 * miss. Each finding carries the shortest path with its evidence.
 * @module
 */
import type { Finding } from '../../finding.js';
import { formatPathLines } from '../escalation/format-path.js';
import type { EscalationGraph, EscalationPath } from '../escalation/graph.js';
import type { EscalationNode } from '../escalation/node.js';
import { Reachability } from '../escalation/reachability.js';
import { identityOfSubject, serviceAccountIdentity } from '../identity.js';
import { formatSubject } from '../model.js';
import {
  isBroadSubject,
  makeFinding,
  type RbacCheck,
  type RbacCheckContext,
  rbacObject,
} from './context.js';
import { isAdministrator, type Principal, principalsOf } from './principals.js';

/** Namespaces listed in full in one RBAC-008 finding; the rest are counted. */
const MAX_LISTED = 10;

/** Paths per principal, computed once for both checks within one run. */
const cache = new WeakMap<RbacCheckContext, Map<Principal, EscalationPath[]>>();
const reachabilityCache = new WeakMap<EscalationGraph, Reachability>();

/**
 * Reachability from every principal and every service account, built once per graph (shared
 * by RBAC-007/008 and the CronJob ranking).
 */
export function reachabilityOf(context: RbacCheckContext): Reachability {
  let reachability = reachabilityCache.get(context.graph);
  if (!reachability) {
    const starts: EscalationNode[] = principalsOf(context.model.bindings).map((principal) => ({
      kind: 'identity' as const,
      identity: identityOfSubject(principal.subject),
    }));
    for (const account of context.model.serviceAccounts.values()) {
      starts.push({
        kind: 'identity',
        identity: serviceAccountIdentity(account.namespace, account.name),
      });
    }
    reachability = new Reachability(context.graph, starts);
    reachabilityCache.set(context.graph, reachability);
  }
  return reachability;
}

/**
 * For each non-administrator principal that is not cluster-admin by itself: the shortest path
 * to cluster-admin when one exists, else shortest paths to the first namespaces where it can
 * only reach CronJob creation through a step. Searches stop as soon as their targets are found.
 */
function indirectPaths(context: RbacCheckContext): Map<Principal, EscalationPath[]> {
  let result = cache.get(context);
  if (result) return result;
  result = new Map();
  const reachability = reachabilityOf(context);
  for (const principal of principalsOf(context.model.bindings)) {
    if (isAdministrator(principal, context)) continue;
    const start = { kind: 'identity' as const, identity: identityOfSubject(principal.subject) };
    const summary = context.graph.summary(start);
    if (summary.admin) continue; // already cluster-admin: RBAC-003
    if (reachability.reachesAdmin(start)) {
      const path = reachability.pathToAdmin(start);
      if (path) result.set(principal, [path]);
      continue;
    }
    if (summary.cronAll) continue; // creates CronJobs everywhere directly: RBAC-001
    const indirect = reachability
      .cronNamespaces(start)
      .filter((namespace) => !summary.cron.has(namespace));
    if (indirect.length === 0) continue;
    const targets = indirect
      .slice(0, MAX_LISTED)
      .map((namespace) => ({ kind: 'cronjobs' as const, namespace }));
    const paths = context.graph.shortestPaths(start, targets);
    result.set(principal, paths);
    counts.set(paths, indirect);
  }
  cache.set(context, result);
  return result;
}

/** Every namespace reachable only through steps, for the paths list of a principal. */
const counts = new WeakMap<EscalationPath[], string[]>();

export const ESCALATION_TO_ADMIN: RbacCheck = {
  id: 'RBAC-007',
  level: 'critical',
  title: 'Principal can escalate to cluster-admin',
  description:
    'A principal that is not cluster-admin reaches cluster-admin-equivalent rights through escalation steps (pod creation, exec, tokens, impersonation, bind/escalate, nodes/proxy, CSR approval, webhooks).',
  run(context) {
    const findings: Finding[] = [];
    for (const [principal, paths] of indirectPaths(context)) {
      const path = paths.find((p) => p.target.kind === 'cluster-admin');
      if (!path) continue;
      const binding = principal.bindings[0];
      findings.push(
        makeFinding(ESCALATION_TO_ADMIN, {
          level: 'critical',
          message: `${formatSubject(principal.subject)} can become cluster-admin in ${path.steps.length} step(s): ${path.steps.map((s) => s.edge.kind).join(' → ')}`,
          now: context.now,
          origin: binding?.origin,
          ...(binding ? { object: rbacObject(binding) } : {}),
          matched: [
            { field: 'subject', value: formatSubject(principal.subject) },
            { field: 'steps', value: path.steps.length },
          ],
          evidence: formatPathLines(path),
          remediation:
            'Break the first step: remove the right cited on the first line of the evidence, or move the powerful service account / token out of reach.',
        }),
      );
    }
    return findings;
  },
};

export const ESCALATION_TO_CRONJOBS: RbacCheck = {
  id: 'RBAC-008',
  level: 'critical',
  title: 'Principal can escalate to creating CronJobs',
  description:
    'A principal without direct create on cronjobs reaches it through escalation steps (for example create pods ⇒ run as a service account that may create CronJobs).',
  run(context) {
    const findings: Finding[] = [];
    for (const [principal, paths] of indirectPaths(context)) {
      // Reaching cluster-admin (RBAC-007) already implies every namespace.
      if (paths.some((p) => p.target.kind === 'cluster-admin')) continue;
      const cron = paths.filter((p) => p.target.kind === 'cronjobs');
      if (cron.length === 0) continue;
      const namespaces =
        counts.get(paths) ??
        cron.map((p) => (p.target.kind === 'cronjobs' ? p.target.namespace : ''));
      const shortest = cron.reduce((a, b) => (b.steps.length < a.steps.length ? b : a));
      const listed = namespaces.slice(0, MAX_LISTED).join(', ');
      const more =
        namespaces.length > MAX_LISTED ? ` and ${namespaces.length - MAX_LISTED} more` : '';
      findings.push(
        makeFinding(ESCALATION_TO_CRONJOBS, {
          level: isBroadSubject(principal.subject) ? 'critical' : 'high',
          message: `${formatSubject(principal.subject)} can reach create CronJobs in ${listed}${more} (shortest: ${shortest.steps.length} step(s))`,
          now: context.now,
          origin: principal.bindings[0]?.origin,
          ...(principal.bindings[0] ? { object: rbacObject(principal.bindings[0]) } : {}),
          matched: [
            { field: 'subject', value: formatSubject(principal.subject) },
            { field: 'namespaces', value: namespaces },
          ],
          evidence: cron.slice(0, MAX_LISTED).flatMap(formatPathLines),
          remediation:
            'Break the first step of each path (evidence), or remove create on cronjobs from the service account it leads to.',
        }),
      );
    }
    return findings;
  },
};
