/**
 * A least-privilege Role suggested from what a principal actually did (in the manner of
 * audit2rbac): successful requests only, one Role per namespace and one ClusterRole for
 * cluster-scoped and non-resource requests. Verbs are merged per (group, resource); object
 * names are kept as `resourceNames` when every request of that rule named an object (no
 * create/list/watch) and there are at most `maxNames` of them.
 * @module
 */
import { stringify } from 'yaml';
import type { Identity } from '../identity.js';
import type { AuditFact } from './audit-fact.js';
import { actingUser, succeeded } from './audit-fact.js';

const NAMELESS_VERBS = new Set(['create', 'list', 'watch', 'deletecollection']);

interface RuleDraft {
  readonly apiGroup: string;
  readonly resource: string;
  readonly verbs: Set<string>;
  readonly names: Set<string>;
  anyNameless: boolean;
}

export interface SuggestOptions {
  /** Base name of the suggested roles (default `suggested-<user>`). */
  readonly name?: string;
  readonly maxNames?: number;
}

export interface SuggestedRole {
  readonly apiVersion: 'rbac.authorization.k8s.io/v1';
  readonly kind: 'Role' | 'ClusterRole';
  readonly metadata: { name: string; namespace?: string; annotations: Record<string, string> };
  readonly rules: Array<Record<string, string[]>>;
}

function matches(fact: AuditFact, identity: Identity): boolean {
  const user = actingUser(fact);
  if (identity.user !== '') return user === identity.user;
  return identity.groups.some((group) => fact.groups.includes(group));
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
}

/** Suggests the roles that would have allowed exactly the observed successful requests. */
export function suggestRoles(
  facts: Iterable<AuditFact>,
  identity: Identity,
  options: SuggestOptions = {},
): SuggestedRole[] {
  const maxNames = options.maxNames ?? 10;
  const scopes = new Map<string, Map<string, RuleDraft>>();
  const urls = new Map<string, Set<string>>();
  let count = 0;
  for (const fact of facts) {
    if (!matches(fact, identity) || !succeeded(fact)) continue;
    count++;
    if (fact.resource === '') {
      if (!fact.path) continue;
      const verbs = urls.get(fact.path) ?? new Set<string>();
      verbs.add(fact.verb);
      urls.set(fact.path, verbs);
      continue;
    }
    const combined = fact.subresource ? `${fact.resource}/${fact.subresource}` : fact.resource;
    const key = `${fact.apiGroup}|${combined}`;
    const scope = scopes.get(fact.namespace) ?? new Map<string, RuleDraft>();
    scopes.set(fact.namespace, scope);
    let draft = scope.get(key);
    if (!draft) {
      draft = {
        apiGroup: fact.apiGroup,
        resource: combined,
        verbs: new Set(),
        names: new Set(),
        anyNameless: false,
      };
      scope.set(key, draft);
    }
    draft.verbs.add(fact.verb);
    if (fact.name === '' || NAMELESS_VERBS.has(fact.verb)) draft.anyNameless = true;
    else draft.names.add(fact.name);
  }
  const base =
    options.name ?? `suggested-${slug(identity.user || identity.groups[0] || 'principal')}`;
  const annotations = {
    'cronwarden.io/suggested-from': `${count} successful audited request(s) of ${identity.user || identity.groups.join(',')}`,
  };
  const roles: SuggestedRole[] = [];
  for (const [namespace, drafts] of [...scopes].sort(([a], [b]) => a.localeCompare(b))) {
    const rules = mergeRules([...drafts.values()], maxNames);
    if (namespace === '') {
      roles.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: base, annotations },
        rules,
      });
    } else {
      roles.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: base, namespace, annotations },
        rules,
      });
    }
  }
  if (urls.size > 0) {
    const urlRules = [...urls]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, verbs]) => ({ nonResourceURLs: [path], verbs: [...verbs].sort() }));
    const cluster = roles.find((role) => role.kind === 'ClusterRole');
    if (cluster) cluster.rules.push(...urlRules);
    else
      roles.unshift({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: base, annotations },
        rules: urlRules,
      });
  }
  return roles;
}

/** Merges drafts of one scope: same group and same verbs (and no names) share a rule. */
function mergeRules(drafts: RuleDraft[], maxNames: number): Array<Record<string, string[]>> {
  const rules: Array<Record<string, string[]>> = [];
  const shared = new Map<string, { apiGroup: string; verbs: string[]; resources: string[] }>();
  for (const draft of drafts.sort((a, b) => a.resource.localeCompare(b.resource))) {
    const verbs = [...draft.verbs].sort();
    if (!draft.anyNameless && draft.names.size > 0 && draft.names.size <= maxNames) {
      rules.push({
        apiGroups: [draft.apiGroup],
        resources: [draft.resource],
        resourceNames: [...draft.names].sort(),
        verbs,
      });
      continue;
    }
    const key = `${draft.apiGroup}|${verbs.join(',')}`;
    const entry = shared.get(key);
    if (entry) entry.resources.push(draft.resource);
    else shared.set(key, { apiGroup: draft.apiGroup, verbs, resources: [draft.resource] });
  }
  for (const entry of shared.values()) {
    rules.push({ apiGroups: [entry.apiGroup], resources: entry.resources, verbs: entry.verbs });
  }
  return rules.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The roles as multi-document YAML, ready for `kubectl apply -f`. */
export function formatSuggestedRoles(roles: readonly SuggestedRole[]): string {
  if (roles.length === 0) return '# no successful requests observed: nothing to suggest\n';
  return roles.map((role) => stringify(role, { lineWidth: 0 })).join('---\n');
}
