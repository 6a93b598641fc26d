/**
 * Does one PolicyRule allow one request? The same answer as the Kubernetes RBAC authorizer
 * (`plugin/pkg/auth/authorizer/rbac/rbac.go` `RuleAllows` and `pkg/apis/rbac/v1/evaluation_helpers.go`):
 *
 * - `verbs: ["*"]` matches every verb.
 * - `apiGroups: ["*"]` matches every group, **including the core group `""`** (the helper
 *   compares `ruleGroup == "*"` before anything else). Tools that say otherwise under-report.
 * - `resources: ["*"]` matches every resource and every subresource (`pods/exec` too).
 * - `resources: ["*\/scale"]` matches the `scale` subresource of every resource.
 * - `resources: ["*\/*"]` is **not** a wildcard: it only matches the literal subresource `*`,
 *   which no API serves. Tools that treat it as "everything" over-report.
 * - `resourceNames` restricts by name; a request without a name (create, list, watch,
 *   deletecollection) never matches a rule that has `resourceNames`.
 * - `nonResourceURLs: ["/logs*"]` matches by prefix; `"*"` matches every path.
 * @module
 */
import type { PolicyRule } from './model.js';

/** A request as the authorizer sees it (the `authorizer.Attributes` that RBAC reads). */
export type AccessRequest = ResourceRequest | NonResourceRequest;

export interface ResourceRequest {
  readonly kind: 'resource';
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  /** Empty for cluster-scoped requests. */
  readonly namespace: string;
  /** Empty when the request names no object (create, list, watch). */
  readonly name: string;
}

export interface NonResourceRequest {
  readonly kind: 'non-resource';
  readonly verb: string;
  readonly path: string;
}

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const ruleVerb of rule.verbs) if (ruleVerb === '*' || ruleVerb === verb) return true;
  return false;
}

export function apiGroupMatches(rule: PolicyRule, apiGroup: string): boolean {
  for (const group of rule.apiGroups) if (group === '*' || group === apiGroup) return true;
  return false;
}

/** `combined` is `resource` or `resource/subresource`. */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const ruleResource of rule.resources) {
    if (ruleResource === '*' || ruleResource === combined) return true;
    if (subresource === '') continue;
    // `*/subresource`: exactly "*/" followed by the requested subresource.
    if (ruleResource.length === subresource.length + 2 && ruleResource === `*/${subresource}`) {
      return true;
    }
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  for (const ruleName of rule.resourceNames) if (ruleName === name) return true;
  return false;
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const url of rule.nonResourceURLs) {
    if (url === '*' || url === path) return true;
    if (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))) return true;
  }
  return false;
}

/** `RuleAllows`: resource rules for resource requests, non-resource rules for the rest. */
export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (request.kind === 'non-resource') {
    return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
  }
  const combined =
    request.subresource === '' ? request.resource : `${request.resource}/${request.subresource}`;
  return (
    verbMatches(rule, request.verb) &&
    apiGroupMatches(rule, request.apiGroup) &&
    resourceMatches(rule, combined, request.subresource) &&
    resourceNameMatches(rule, request.name)
  );
}

/** Builds a resource request; `resource` may be `pods/exec` (split at the first `/`). */
export function resourceRequest(
  verb: string,
  apiGroup: string,
  resource: string,
  namespace = '',
  name = '',
): ResourceRequest {
  const slash = resource.indexOf('/');
  const base = slash < 0 ? resource : resource.slice(0, slash);
  // The API server's RequestInfo sets the namespace of `/api/v1/namespaces/<name>` to <name>,
  // so a RoleBinding in a namespace can grant access to that Namespace object itself.
  if (apiGroup === '' && base === 'namespaces' && namespace === '' && name !== '') namespace = name;
  return {
    kind: 'resource',
    verb,
    apiGroup,
    resource: base,
    subresource: slash < 0 ? '' : resource.slice(slash + 1),
    namespace,
    name,
  };
}

/** `create batch/cronjobs/x in ns` — compact, for messages. */
export function formatRequest(request: AccessRequest): string {
  if (request.kind === 'non-resource') return `${request.verb} ${request.path}`;
  const group = request.apiGroup === '' ? '' : `${request.apiGroup}/`;
  const sub = request.subresource === '' ? '' : `/${request.subresource}`;
  const name = request.name === '' ? '' : ` "${request.name}"`;
  const where = request.namespace === '' ? ' (cluster-wide)' : ` in ${request.namespace}`;
  return `${request.verb} ${group}${request.resource}${sub}${name}${where}`;
}
