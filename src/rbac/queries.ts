/**
 * The three questions of `cronwarden rbac`: who can do X, what can S do, and how can S get
 * further. Each answer keeps its evidence (binding → role → rule).
 * @module
 */
import type { RbacAnalysis } from './analyze.js';
import type { EscalationPath, EscalationTarget } from './escalation/graph.js';
import type { Grant } from './grant.js';
import { identityOfSubject, isSuperuser, SUPERUSER_GROUP } from './identity.js';
import { formatSubject, type Subject } from './model.js';
import type { ParsedRequest } from './resources.js';

export interface WhoCanRow {
  /** `Group system:masters` for the implicit superuser row. */
  readonly subject: string;
  readonly scope: string;
  /** Undefined for the superuser row (no RBAC rule involved). */
  readonly grant?: Grant;
}

/**
 * Every subject allowed the request, one row per (subject, granting rule). A namespaced
 * request without namespace is answered for every namespace.
 */
export function whoCan(analysis: RbacAnalysis, parsed: ParsedRequest): WhoCanRow[] {
  const { request } = parsed;
  const anyNamespace = parsed.namespaced && request.kind === 'resource' && request.namespace === '';
  const rows: WhoCanRow[] = [{ subject: `Group ${SUPERUSER_GROUP}`, scope: '*' }];
  for (const grant of analysis.authorizer.whoCan(request, anyNamespace)) {
    if (!grant.subject) continue;
    // Members of system:masters are already the first row, whatever binds the group.
    if (grant.subject.kind === 'Group' && grant.subject.name === SUPERUSER_GROUP) continue;
    rows.push({
      subject: formatSubject(grant.subject),
      scope: grant.scope === '' ? '*' : grant.scope,
      grant,
    });
  }
  return rows.sort(
    (a, b) =>
      Number(b.grant === undefined) - Number(a.grant === undefined) ||
      a.subject.localeCompare(b.subject) ||
      a.scope.localeCompare(b.scope),
  );
}

export interface SubjectRights {
  readonly subject: Subject;
  readonly superuser: boolean;
  /** Cluster-wide grants (ClusterRoleBindings). */
  readonly cluster: readonly Grant[];
  /** Namespace-scoped grants (RoleBindings), by namespace, sorted. */
  readonly namespaces: ReadonlyMap<string, readonly Grant[]>;
}

/** What a subject may do, through its own bindings and those of its groups. */
export function rightsOf(
  analysis: RbacAnalysis,
  subject: Subject,
  groups: readonly string[] = [],
): SubjectRights {
  const base = identityOfSubject(subject);
  const identity =
    groups.length === 0
      ? base
      : { user: base.user, groups: [...new Set([...base.groups, ...groups])] };
  const grants = analysis.authorizer.grantsFor(identity);
  const namespaces = new Map<string, Grant[]>();
  const cluster: Grant[] = [];
  for (const grant of grants) {
    if (grant.scope === '') {
      cluster.push(grant);
      continue;
    }
    const list = namespaces.get(grant.scope);
    if (list) list.push(grant);
    else namespaces.set(grant.scope, [grant]);
  }
  const sorted = new Map([...namespaces].sort(([a], [b]) => a.localeCompare(b)));
  return { subject, superuser: isSuperuser(identity), cluster, namespaces: sorted };
}

/** Every target `rbac paths` looks for by default: cluster-admin and CronJobs in each namespace. */
export function defaultTargets(analysis: RbacAnalysis): EscalationTarget[] {
  return [
    { kind: 'cluster-admin' },
    ...analysis.graph.index.allNamespaces.map((namespace) => ({
      kind: 'cronjobs' as const,
      namespace,
    })),
  ];
}

/** Shortest escalation paths from a subject to the targets. */
export function pathsFrom(
  analysis: RbacAnalysis,
  subject: Subject,
  targets: readonly EscalationTarget[],
): EscalationPath[] {
  return analysis.graph.shortestPaths(
    { kind: 'identity', identity: identityOfSubject(subject) },
    targets,
  );
}
