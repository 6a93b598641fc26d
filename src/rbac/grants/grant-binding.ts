/**
 * Time-bound access (JIT): a RoleBinding that carries its own expiry. cronwarden writes it
 * (`cronwarden grant`), removes it once expired (`cronwarden expire`), and the hygiene
 * analysis reports grants past expiry and what their holders wrote while they were live.
 *
 * - label `cronwarden.io/grant: "true"` — selects grants (`kubectl get rolebindings -A -l …`);
 * - annotation `cronwarden.io/expires-at` — ISO 8601 UTC end of the grant;
 * - annotation `cronwarden.io/granted-at` — ISO 8601 UTC start (creationTimestamp otherwise).
 * @module
 */
import { CronwardenError } from '../../errors.js';
import type { RoleRefKey, Subject } from '../model.js';

export const GRANT_LABEL = 'cronwarden.io/grant';
export const EXPIRES_AT = 'cronwarden.io/expires-at';
export const GRANTED_AT = 'cronwarden.io/granted-at';
export const GRANT_REASON = 'cronwarden.io/reason';

/** Longest grant `--for` accepts: a JIT grant that lasts longer is a standing grant. */
export const MAX_GRANT_MS = 30 * 86_400_000;

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses `90m`, `2h`, `1h30m`, `7d`.
 * @throws CronwardenError `CW_RBAC_BAD_DURATION` (location: the option name).
 */
export function parseDuration(text: string, option = '--for', maxMs = MAX_GRANT_MS): number {
  const bad = (why: string) =>
    new CronwardenError('CW_RBAC_BAD_DURATION', `duration "${text}" ${why}`, {
      location: { file: option },
    });
  const trimmed = text.trim();
  if (!/^(\d+[smhd])+$/.test(trimmed)) throw bad('is not like 90m, 2h, 1h30m or 7d');
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+)([smhd])/g)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] ?? 0);
  }
  if (total <= 0) throw bad('must be positive');
  if (total > maxMs) throw bad(`is longer than ${maxMs / 86_400_000} days`);
  return total;
}

/**
 * Parses the ROLE argument: `edit` or `clusterrole/edit` (a ClusterRole), `role/deployer`
 * (a Role of the grant's namespace).
 */
export function parseGrantRole(text: string, namespace: string): RoleRefKey {
  const slash = text.indexOf('/');
  const kind = slash < 0 ? 'clusterrole' : text.slice(0, slash).toLowerCase();
  const name = slash < 0 ? text : text.slice(slash + 1);
  if (name === '' || (kind !== 'clusterrole' && kind !== 'role')) {
    throw new CronwardenError(
      'CW_USAGE',
      `role "${text}" is not NAME, clusterrole/NAME or role/NAME`,
      { location: { file: 'ROLE' } },
    );
  }
  return kind === 'role' ? { kind: 'Role', name, namespace } : { kind: 'ClusterRole', name };
}

export interface GrantRequest {
  readonly subject: Subject;
  readonly role: RoleRefKey;
  readonly namespace: string;
  readonly durationMs: number;
  readonly now: Date;
  readonly reason?: string;
}

/** A `rbac.authorization.k8s.io/v1` RoleBinding as a plain object (for YAML or the API). */
export interface RoleBindingManifest {
  readonly apiVersion: 'rbac.authorization.k8s.io/v1';
  readonly kind: 'RoleBinding';
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Record<string, string>;
    readonly annotations: Record<string, string>;
  };
  readonly roleRef: { readonly apiGroup: string; readonly kind: string; readonly name: string };
  readonly subjects: ReadonlyArray<Record<string, string>>;
}

function dns1123(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
}

/** Builds the grant RoleBinding; its name says who, what and until when (UTC minute). */
export function buildGrantBinding(request: GrantRequest): RoleBindingManifest {
  const expires = new Date(request.now.getTime() + request.durationMs);
  const stamp = expires.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const who =
    request.subject.kind === 'ServiceAccount' ? `sa-${request.subject.name}` : request.subject.name;
  const name = dns1123(`jit-${who}-${request.role.name}-${stamp}`).slice(0, 253);
  const subject: Record<string, string> =
    request.subject.kind === 'ServiceAccount'
      ? {
          kind: 'ServiceAccount',
          name: request.subject.name,
          namespace: request.subject.namespace ?? request.namespace,
        }
      : {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: request.subject.kind,
          name: request.subject.name,
        };
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: {
      name,
      namespace: request.namespace,
      labels: { [GRANT_LABEL]: 'true' },
      annotations: {
        [GRANTED_AT]: request.now.toISOString(),
        [EXPIRES_AT]: expires.toISOString(),
        ...(request.reason ? { [GRANT_REASON]: request.reason } : {}),
      },
    },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: request.role.kind,
      name: request.role.name,
    },
    subjects: [subject],
  };
}
