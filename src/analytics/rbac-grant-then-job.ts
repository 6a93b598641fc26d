/**
 * CW-017: an RBAC grant that lets a principal write CronJobs/Jobs, followed by that principal
 * writing one within 30 minutes — the "grant yourself, then persist" sequence (Elastic
 * correlates RBAC changes with workload creation within 5 minutes; 30 minutes leaves room
 * for a human operator). The Sigma `temporal_ordered` form of this correlation cannot be
 * written against raw audit events: the grant names its subjects in an array
 * (`requestObject.subjects[]`), service accounts as `{kind, namespace, name}` while the later
 * request says `system:serviceaccount:<ns>:<name>`, and whether the granted role allows
 * `create cronjobs` depends on the role's rules seen earlier. So it is a small analytic.
 *
 * A role is considered to grant job writes when its rules (from a Role/ClusterRole write seen
 * earlier) allow create/update/patch (or `*`) on cronjobs/jobs (or `*`) in group batch (or
 * `*`), or when it is one of the built-in aggregated roles cluster-admin, admin, edit. A role
 * never seen is assumed to grant them (the finding says so).
 * @module
 */
import { findingOrigin } from '../event-finding.js';
import type { Finding, FindingOrigin } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { AnalyticDefinition, AnalyticMeta } from './analytic.js';
import {
  type AuditRecord,
  effectiveObject,
  isObject,
  pastTense,
  readAudit,
} from './audit-record.js';
import { buildFinding, isAcceptedJobWrite } from './finding-builder.js';

const META: AnalyticMeta = {
  id: 'CW-017',
  title: 'RBAC Grant Followed by CronJob/Job Creation by the Grantee Within 30 Minutes',
  level: 'high',
  tags: ['attack.persistence', 'attack.privilege-escalation', 'attack.t1053.007', 'attack.t1098'],
  source: 'correlation',
  description:
    'A RoleBinding or ClusterRoleBinding gave a user, group or service account a role that can ' +
    'write CronJobs/Jobs, and the same principal wrote a CronJob or Job within 30 minutes.',
  falsepositives: [
    'Onboarding of a new team or pipeline, where the grant and the first deploy follow each other.',
  ],
};

const WINDOW_MS = 30 * 60 * 1000;
const BUILTIN_JOB_ROLES = new Set(['cluster-admin', 'admin', 'edit']);
const WRITE_VERBS = new Set(['create', 'update', 'patch', '*']);

interface Grant {
  readonly timeMs: number;
  readonly origin: FindingOrigin | undefined;
  readonly binding: string;
  readonly role: string;
  readonly roleKnown: boolean;
  readonly by: string;
  /** Binding namespace (undefined: cluster-wide). */
  readonly namespace: string | undefined;
}

function grantsJobWrites(rules: unknown): boolean {
  if (!Array.isArray(rules)) return false;
  return rules.some((rule) => {
    if (!isObject(rule)) return false;
    const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
    const groups = list(rule.apiGroups);
    const resources = list(rule.resources);
    const verbs = list(rule.verbs);
    return (
      (groups.includes('batch') || groups.includes('*')) &&
      resources.some((r) => r === 'cronjobs' || r === 'jobs' || r === '*') &&
      verbs.some((v) => WRITE_VERBS.has(v))
    );
  });
}

/** `User alice` → `alice`; `ServiceAccount ns/x` → `system:serviceaccount:ns:x`; groups as `group:<name>`. */
function subjectKeys(subjects: unknown, bindingNamespace: string | undefined): string[] {
  if (!Array.isArray(subjects)) return [];
  const keys: string[] = [];
  for (const subject of subjects) {
    if (!isObject(subject) || typeof subject.name !== 'string') continue;
    if (subject.kind === 'User') keys.push(subject.name);
    else if (subject.kind === 'Group') keys.push(`group:${subject.name}`);
    else if (subject.kind === 'ServiceAccount') {
      const namespace =
        typeof subject.namespace === 'string' ? subject.namespace : bindingNamespace;
      keys.push(`system:serviceaccount:${namespace ?? 'default'}:${subject.name}`);
    }
  }
  return keys;
}

class RbacGrantThenJob {
  readonly meta = META;
  /** `Role ns/name` or `ClusterRole name` → grants job writes. */
  readonly #roles = new Map<string, boolean>();
  readonly #grants = new Map<string, Grant[]>();

  observe(event: NormalizedEvent): readonly Finding[] {
    const record = readAudit(event);
    if (!record?.succeeded || record.stage === 'RequestReceived') return [];
    if (record.resource === 'roles' || record.resource === 'clusterroles') this.#learnRole(record);
    else if (record.resource === 'rolebindings' || record.resource === 'clusterrolebindings') {
      this.#learnGrant(event, record);
    } else if (isAcceptedJobWrite(record) && record.verb === 'create')
      return this.#judge(event, record);
    return [];
  }

  #learnRole(record: AuditRecord): void {
    if (!['create', 'update', 'patch'].includes(record.verb)) return;
    const object = effectiveObject(record) ?? record.requestObject;
    if (!isObject(object) || record.name === undefined) return;
    const key =
      record.resource === 'roles'
        ? `Role ${record.namespace ?? ''}/${record.name}`
        : `ClusterRole ${record.name}`;
    this.#roles.set(key, grantsJobWrites(object.rules));
  }

  #learnGrant(event: NormalizedEvent, record: AuditRecord): void {
    if (!['create', 'update', 'patch'].includes(record.verb)) return;
    const binding = effectiveObject(record) ?? record.requestObject;
    if (!isObject(binding) || !isObject(binding.roleRef)) return;
    const roleKind = String(binding.roleRef.kind);
    const roleName = String(binding.roleRef.name);
    const roleKey =
      roleKind === 'Role'
        ? `Role ${record.namespace ?? ''}/${roleName}`
        : `ClusterRole ${roleName}`;
    const known = this.#roles.get(roleKey);
    const grants =
      known ?? (roleKind === 'ClusterRole' && BUILTIN_JOB_ROLES.has(roleName) ? true : undefined);
    if (grants === false) return;
    const grant: Grant = {
      timeMs: event.timeMs,
      origin: findingOrigin(event.origin),
      binding: `${record.resource === 'rolebindings' ? 'RoleBinding' : 'ClusterRoleBinding'} ${record.namespace ? `${record.namespace}/` : ''}${record.name ?? ''}`,
      role: roleKey,
      roleKnown: grants !== undefined,
      by: record.username,
      namespace: record.resource === 'rolebindings' ? record.namespace : undefined,
    };
    for (const key of subjectKeys(binding.subjects, record.namespace)) {
      const list = this.#grants.get(key) ?? [];
      list.push(grant);
      this.#grants.set(key, list);
    }
  }

  #judge(event: NormalizedEvent, record: AuditRecord): Finding[] {
    const keys = [record.username, ...record.groups.map((group) => `group:${group}`)];
    for (const key of keys) {
      const grants = this.#grants.get(key);
      if (!grants) continue;
      const grant = grants.find(
        (g) =>
          event.timeMs >= g.timeMs &&
          event.timeMs - g.timeMs <= WINDOW_MS &&
          (g.namespace === undefined || g.namespace === record.namespace),
      );
      if (!grant) continue;
      const minutes = Math.round((event.timeMs - grant.timeMs) / 60_000);
      return [
        buildFinding(META, event, record, {
          message: `${record.username} ${pastTense(record.verb)} ${record.resource} ${record.namespace ?? ''}/${record.name ?? ''} ${minutes} min after ${grant.by} granted ${grant.role}`,
          matched: [{ field: 'user.username', value: record.username }],
          evidence: [
            `${grant.binding} by ${grant.by} bound ${key.replace(/^group:/, 'group ')} to ${grant.role}${grant.roleKnown ? '' : ' (role rules not seen; assumed to allow job writes)'}`,
            `${record.verb} ${record.resource} ${record.namespace ?? ''}/${record.name ?? ''} ${minutes} min later`,
          ],
          ...(grant.origin ? { related: [grant.origin] } : {}),
        }),
      ];
    }
    return [];
  }
}

export const RBAC_GRANT_THEN_JOB: AnalyticDefinition = {
  meta: META,
  create: () => new RbacGrantThenJob(),
};
