/**
 * The rights one escalation node holds, indexed by scope so that "may it do X in namespace N"
 * is answered from the cluster-wide grants plus that namespace's grants only.
 * @module
 */
import type { Authorizer } from '../authorizer.js';
import { type Grant, grantAllows } from '../grant.js';
import { isSuperuser } from '../identity.js';
import { roleKey } from '../model.js';
import { type AccessRequest, resourceRequest } from '../rule-match.js';
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

  constructor(grants: readonly Grant[], superuser: boolean) {
    this.superuser = superuser;
    this.grants = grants;
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

  /** Namespaces with namespace-scoped grants. */
  get namespaces(): Iterable<string> {
    return this.#byNamespace.keys();
  }

  /** The first grant allowing the request; undefined if none (superusers: see `superuser`). */
  find(request: AccessRequest): Grant | undefined {
    for (const grant of this.#cluster) if (grantAllows(grant, request)) return grant;
    if (request.kind === 'resource' && request.namespace !== '') {
      for (const grant of this.#byNamespace.get(request.namespace) ?? []) {
        if (grantAllows(grant, request)) return grant;
      }
    }
    return undefined;
  }

  /** Shorthand: `find(resourceRequest(verb, group, resource, namespace, name))`. */
  can(verb: string, apiGroup: string, resource: string, namespace = '', name = '') {
    return this.find(resourceRequest(verb, apiGroup, resource, namespace, name));
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
      return new Capabilities(authorizer.grantsFor(node.identity), isSuperuser(node.identity));
    case 'role': {
      const rules = authorizer.model.roleRules.get(roleKey(node.role)) ?? [];
      const note = `bound ${roleKey(node.role)} to itself`;
      return new Capabilities(
        rules.map((roleRule) => ({ scope: node.scope, rule: roleRule.rule, roleRule, note })),
        false,
      );
    }
    case 'namespace-admin':
      return new Capabilities(
        [{ scope: node.namespace, rule: WILDCARD, note: `admin of namespace ${node.namespace}` }],
        false,
      );
    case 'cluster-admin':
      return new Capabilities([{ scope: '', rule: WILDCARD, note: 'cluster-admin' }], true);
    default: {
      const unreachable: never = node;
      throw new Error(`unknown node ${JSON.stringify(unreachable)}`);
    }
  }
}
