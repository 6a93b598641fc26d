/**
 * The RBAC authorizer over a cluster model: which grants reach an identity, whether a request
 * is allowed (and by what), and who can make a request. Semantics follow the Kubernetes RBAC
 * authorizer (`plugin/pkg/auth/authorizer/rbac`):
 *
 * - ClusterRoleBindings apply in every namespace and to cluster-scoped and non-resource
 *   requests; RoleBindings apply only to namespaced requests in their own namespace — also
 *   when they reference a ClusterRole (its rules are then scoped to the binding's namespace).
 * - Non-resource URLs are only ever granted through ClusterRoleBindings.
 * - A ServiceAccount subject matches the username `system:serviceaccount:<ns>:<name>`; without
 *   a namespace it takes the RoleBinding's namespace, and in a ClusterRoleBinding it matches
 *   nobody. A `User` subject with that username matches the same account.
 * - `system:masters` is allowed everything without consulting RBAC.
 * - A binding whose role does not exist grants nothing (it is reported, see RBAC-006).
 * @module
 */
import type { ClusterModel } from './cluster-model.js';
import { type Grant, grantAllows } from './grant.js';
import { type Identity, isSuperuser, serviceAccountUser } from './identity.js';
import {
  type RbacBinding,
  type RoleRefKey,
  type RoleRule,
  roleKey,
  type Subject,
} from './model.js';
import type { AccessRequest } from './rule-match.js';

export interface Decision {
  readonly allowed: boolean;
  /** True when allowed through `system:masters` (no RBAC rule involved). */
  readonly superuser: boolean;
  /** Every grant that allows the request (empty for superusers allowed only by their group). */
  readonly grants: readonly Grant[];
}

interface IndexedBinding {
  readonly binding: RbacBinding;
  readonly subject: Subject;
  readonly rules: readonly RoleRule[];
  /** The entry's grants, built on first use and shared by every query. */
  grants?: readonly Grant[];
}

/** The subject's match key: `u:<username>` or `g:<group>`; undefined if it can match nobody. */
function subjectKey(subject: Subject, bindingNamespace: string | undefined): string | undefined {
  switch (subject.kind) {
    case 'User':
      return `u:${subject.name}`;
    case 'Group':
      return `g:${subject.name}`;
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return namespace ? `u:${serviceAccountUser(namespace, subject.name)}` : undefined;
    }
    default: {
      const unreachable: never = subject.kind;
      throw new Error(`unknown subject kind ${String(unreachable)}`);
    }
  }
}

export class Authorizer {
  readonly model: ClusterModel;
  /** Bindings by subject key; each entry is one (binding, subject) pair. */
  readonly #bySubject = new Map<string, IndexedBinding[]>();
  readonly #all: IndexedBinding[] = [];

  constructor(model: ClusterModel) {
    this.model = model;
    for (const binding of model.bindings) {
      const rules = model.roleRules.get(roleKey(binding.roleRef));
      if (!rules) continue;
      for (const subject of binding.subjects) {
        const key = subjectKey(subject, binding.namespace);
        if (!key) continue;
        const entry: IndexedBinding = { binding, subject, rules };
        this.#all.push(entry);
        const list = this.#bySubject.get(key);
        if (list) list.push(entry);
        else this.#bySubject.set(key, [entry]);
      }
    }
  }

  /** Every grant reaching the identity (through its username and each of its groups). */
  grantsFor(identity: Identity): Grant[] {
    const grants: Grant[] = [];
    const keys = identity.user === '' ? [] : [`u:${identity.user}`];
    for (const group of identity.groups) keys.push(`g:${group}`);
    for (const key of keys) {
      for (const entry of this.#bySubject.get(key) ?? []) grants.push(...toGrants(entry));
    }
    return grants;
  }

  /**
   * The roles bound to the identity, with the scope of each binding — also roles whose rules
   * are empty today (an aggregated ClusterRole nothing feeds yet still matters for escalate).
   */
  boundRoles(identity: Identity): Array<{ readonly role: RoleRefKey; readonly scope: string }> {
    const keys = identity.user === '' ? [] : [`u:${identity.user}`];
    for (const group of identity.groups) keys.push(`g:${group}`);
    const roles: Array<{ role: RoleRefKey; scope: string }> = [];
    for (const key of keys) {
      for (const entry of this.#bySubject.get(key) ?? []) {
        const scope = entry.binding.kind === 'RoleBinding' ? (entry.binding.namespace ?? '') : '';
        roles.push({ role: entry.binding.roleRef, scope });
      }
    }
    return roles;
  }

  /** Is the identity allowed the request, and by which grants? */
  authorize(identity: Identity, request: AccessRequest): Decision {
    const grants = this.grantsFor(identity).filter((grant) => grantAllows(grant, request));
    const superuser = isSuperuser(identity);
    return { allowed: superuser || grants.length > 0, superuser, grants };
  }

  /**
   * Every (binding subject, grant) that allows the request. With `anyNamespace`, a namespaced
   * request is checked in every namespace (its `namespace` is ignored and each grant's own
   * scope is reported).
   */
  whoCan(request: AccessRequest, anyNamespace = false): Grant[] {
    const result: Grant[] = [];
    for (const entry of this.#all) {
      for (const grant of toGrants(entry)) {
        const probe =
          anyNamespace && request.kind === 'resource' && grant.scope !== ''
            ? { ...request, namespace: grant.scope }
            : request;
        if (grantAllows(grant, probe)) result.push(grant);
      }
    }
    return result;
  }
}

function toGrants(entry: IndexedBinding): readonly Grant[] {
  entry.grants ??= buildGrants(entry);
  return entry.grants;
}

function buildGrants(entry: IndexedBinding): Grant[] {
  const scope = entry.binding.kind === 'RoleBinding' ? (entry.binding.namespace ?? '') : '';
  return entry.rules.map((roleRule) => ({
    scope,
    rule: roleRule.rule,
    roleRule,
    role: entry.binding.roleRef,
    binding: entry.binding,
    subject: entry.subject,
  }));
}
