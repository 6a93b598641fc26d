/**
 * The rights one escalation node holds, indexed by scope so that "may it do X in namespace N"
 * is answered from the cluster-wide grants plus that namespace's grants only.
 * @module
 */
import type { Authorizer } from '../authorizer.js';
import { type Grant, grantAllows } from '../grant.js';
import { isSuperuser } from '../identity.js';
import { type RoleRefKey, roleKey } from '../model.js';
import {
  type AccessRequest,
  apiGroupMatches,
  resourceMatches,
  resourceRequest,
  verbMatches,
} from '../rule-match.js';
import type { EscalationNode } from './node.js';

const WILDCARD = {
  verbs: ['*'],
  apiGroups: ['*'],
  resources: ['*'],
  resourceNames: [],
  nonResourceURLs: [],
};

export class Capabilities {
  readonly superuser: boolean;
  readonly grants: readonly Grant[];
  readonly #cluster: Grant[] = [];
  readonly #byNamespace = new Map<string, Grant[]>();
  /**
   * Cluster-wide grants answer the same in every namespace, so their answer is kept per
   * request shape: edge rules ask the same question for every namespace of the cluster.
   */
  readonly #clusterAnswers = new Map<string, Grant | null>();
  readonly #mayAllow = new Map<string, boolean>();
  readonly #clusterMemo = new Map<string, Map<string, Map<string, Map<string, Grant | null>>>>();

  /** Roles bound to the holder and where (for `escalate`, which needs a role one is bound to). */
  readonly boundRoles: ReadonlyArray<{ readonly role: RoleRefKey; readonly scope: string }>;

  constructor(
    grants: readonly Grant[],
    superuser: boolean,
    boundRoles: ReadonlyArray<{ readonly role: RoleRefKey; readonly scope: string }> = [],
  ) {
    this.superuser = superuser;
    this.grants = grants;
    this.boundRoles = boundRoles;
    for (const grant of grants) {
      if (grant.scope === '') {
        this.#cluster.push(grant);
        continue;
      }
      const list = this.#byNamespace.get(grant.scope);
      if (list) list.push(grant);
      else this.#byNamespace.set(grant.scope, [grant]);
    }
  }

  /** True when some grant applies cluster-wide (so every namespace must be considered). */
  get hasClusterGrants(): boolean {
    return this.#cluster.length > 0;
  }

  /** Does the holder have grants scoped to this namespace (beyond cluster-wide ones)? */
  hasNamespaceGrants(namespace: string): boolean {
    return this.#byNamespace.has(namespace);
  }

  /** Namespaces with namespace-scoped grants. */
  get namespaces(): Iterable<string> {
    return this.#byNamespace.keys();
  }

  /** The first grant allowing the request; undefined if none (superusers: see `superuser`). */
  find(request: AccessRequest): Grant | undefined {
    const cluster = this.#findCluster(request);
    if (cluster) return cluster;
    if (request.kind === 'resource' && request.namespace !== '') {
      for (const grant of this.#byNamespace.get(request.namespace) ?? []) {
        if (grantAllows(grant, request)) return grant;
      }
    }
    return undefined;
  }

  /**
   * Could any grant, in any scope and for any object name, allow this verb on this resource?
   * A cheap filter edge rules apply before asking namespace by namespace.
   */
  mayAllow(verb: string, apiGroup: string, resource: string): boolean {
    const key = `${verb}|${apiGroup}|${resource}`;
    let answer = this.#mayAllow.get(key);
    if (answer === undefined) {
      const slash = resource.indexOf('/');
      const combined = resource;
      const subresource = slash < 0 ? '' : resource.slice(slash + 1);
      answer = this.grants.some(
        ({ rule }) =>
          verbMatches(rule, verb) &&
          apiGroupMatches(rule, apiGroup) &&
          resourceMatches(rule, combined, subresource),
      );
      this.#mayAllow.set(key, answer);
    }
    return answer;
  }

  /** The first cluster-wide grant allowing the request (the same answer in every namespace). */
  findClusterWide(request: AccessRequest): Grant | undefined {
    return this.#findCluster(request);
  }

  #findCluster(request: AccessRequest): Grant | undefined {
    if (this.#cluster.length === 0) return undefined;
    const key =
      request.kind === 'resource'
        ? `${request.verb}|${request.apiGroup}|${request.resource}|${request.subresource}|${request.name}`
        : `${request.verb}|${request.path}`;
    const known = this.#clusterAnswers.get(key);
    if (known !== undefined) return known ?? undefined;
    let found: Grant | undefined;
    for (const grant of this.#cluster) {
      if (grantAllows(grant, request)) {
        found = grant;
        break;
      }
    }
    this.#clusterAnswers.set(key, found ?? null);
    return found;
  }

  /**
   * `find(resourceRequest(verb, group, resource, namespace, name))`, without allocating on the
   * hot path: edge rules ask this for every namespace of the cluster, and the cluster-wide part
   * of the answer is the same each time (kept in nested maps, no string keys).
   */
  can(
    verb: string,
    apiGroup: string,
    resource: string,
    namespace = '',
    name = '',
  ): Grant | undefined {
    const cluster = this.#clusterCan(verb, apiGroup, resource, name);
    if (cluster) return cluster;
    if (namespace === '') {
      // `namespaces/<name>` requests are scoped to that namespace (see resourceRequest).
      if (!(apiGroup === '' && resource === 'namespaces' && name !== '')) return undefined;
    }
    const list = this.#byNamespace.get(namespace === '' ? name : namespace);
    if (!list) return undefined;
    const request = resourceRequest(verb, apiGroup, resource, namespace, name);
    for (const grant of list) if (grantAllows(grant, request)) return grant;
    return undefined;
  }

  #clusterCan(verb: string, apiGroup: string, resource: string, name: string): Grant | undefined {
    if (this.#cluster.length === 0) return undefined;
    let byGroup = this.#clusterMemo.get(verb);
    if (!byGroup) {
      byGroup = new Map();
      this.#clusterMemo.set(verb, byGroup);
    }
    let byResource = byGroup.get(apiGroup);
    if (!byResource) {
      byResource = new Map();
      byGroup.set(apiGroup, byResource);
    }
    let byName = byResource.get(resource);
    if (!byName) {
      byName = new Map();
      byResource.set(resource, byName);
    }
    const known = byName.get(name);
    if (known !== undefined) return known ?? undefined;
    const found = this.#findCluster(resourceRequest(verb, apiGroup, resource, '', name));
    byName.set(name, found ?? null);
    return found;
  }

  /** First grant for any of the verbs. */
  canAny(verbs: readonly string[], apiGroup: string, resource: string, namespace = '', name = '') {
    for (const verb of verbs) {
      const grant = this.can(verb, apiGroup, resource, namespace, name);
      if (grant) return grant;
    }
    return undefined;
  }

  /** A cluster-wide rule with `*` verbs, groups and resources (the cluster-admin role's shape). */
  clusterWildcard(): Grant | undefined {
    return this.#cluster.find(
      (grant) =>
        grant.rule.verbs.includes('*') &&
        grant.rule.apiGroups.includes('*') &&
        grant.rule.resources.includes('*') &&
        grant.rule.resourceNames.length === 0,
    );
  }
}

/** The rights of a node. */
export function capabilitiesOf(node: EscalationNode, authorizer: Authorizer): Capabilities {
  switch (node.kind) {
    case 'identity':
      return new Capabilities(
        authorizer.grantsFor(node.identity),
        isSuperuser(node.identity),
        authorizer.boundRoles(node.identity),
      );
    case 'role': {
      const rules = authorizer.model.roleRules.get(roleKey(node.role)) ?? [];
      const note = `bound ${roleKey(node.role)} to itself`;
      return new Capabilities(
        rules.map((roleRule) => ({ scope: node.scope, rule: roleRule.rule, roleRule, note })),
        false,
        [{ role: node.role, scope: node.scope }],
      );
    }
    case 'namespace-admin':
      return new Capabilities(
        [{ scope: node.namespace, rule: WILDCARD, note: `admin of namespace ${node.namespace}` }],
        false,
      );
    case 'cluster-admin':
      return new Capabilities([{ scope: '', rule: WILDCARD, note: 'cluster-admin' }], true);
    case 'accounts':
      return new Capabilities([], false);
    default: {
      const unreachable: never = node;
      throw new Error(`unknown node ${JSON.stringify(unreachable)}`);
    }
  }
}
