/**
 * RBAC-002: roles with wildcard rules. `*` in verbs, resources or apiGroups grants every
 * present and future verb, resource or API group (CRDs included). `*\/*` is not reported: it
 * is not a wildcard (see rule-match.ts). Bootstrap roles (cluster-admin) are left to RBAC-003.
 * @module
 */
import type { Finding, Level } from '../../finding.js';
import { formatRule, type PolicyRule, roleKey } from '../model.js';
import { isBootstrap, makeFinding, type RbacCheck, rbacObject } from './context.js';

/** Resource entries that name something real (`*\/*` matches only the subresource "*"). */
function effectiveResources(rule: PolicyRule): string[] {
  return rule.resources.filter((resource) => resource !== '*/*');
}

function wildcardLevel(rule: PolicyRule): Level | undefined {
  const resourcesLeft = effectiveResources(rule);
  const urls = rule.nonResourceURLs.includes('*');
  // A wildcard verb or group over nothing real grants nothing: not reported.
  if (resourcesLeft.length === 0 && rule.nonResourceURLs.length === 0) return undefined;
  const verbs = rule.verbs.includes('*');
  const resources = resourcesLeft.includes('*');
  const groups = resourcesLeft.length > 0 && rule.apiGroups.includes('*');
  if (verbs && resources && groups) return 'high';
  if ((verbs && (resources || groups)) || (resources && groups)) return 'medium';
  if (verbs || resources || groups || urls) return 'low';
  return undefined;
}

const LOWER: Record<Level, Level> = {
  critical: 'high',
  high: 'medium',
  medium: 'low',
  low: 'informational',
  informational: 'informational',
};

export const WILDCARD_ROLES: RbacCheck = {
  id: 'RBAC-002',
  level: 'high',
  title: 'Role grants wildcard permissions',
  description:
    'A Role or ClusterRole has a rule with "*" in verbs, resources, apiGroups or nonResourceURLs; unbound roles are one level lower.',
  run(context) {
    const bound = new Set(context.model.bindings.map((binding) => roleKey(binding.roleRef)));
    const findings: Finding[] = [];
    for (const role of context.model.roles.values()) {
      if (isBootstrap(role) || role.name.startsWith('system:')) continue;
      let worst: Level | undefined;
      const rules: string[] = [];
      role.rules.forEach((rule, index) => {
        const level = wildcardLevel(rule);
        if (!level) return;
        rules.push(`rule #${index} ${formatRule(rule)}`);
        if (
          !worst ||
          ['low', 'medium', 'high'].indexOf(level) > ['low', 'medium', 'high'].indexOf(worst)
        ) {
          worst = level;
        }
      });
      if (!worst) continue;
      const isBound = bound.has(roleKey(role));
      findings.push(
        makeFinding(WILDCARD_ROLES, {
          level: isBound ? worst : LOWER[worst],
          message: `${role.kind} ${role.namespace ? `${role.namespace}/` : ''}${role.name} grants wildcard permissions${isBound ? '' : ' (not bound)'}`,
          now: context.now,
          origin: role.origin,
          object: rbacObject(role),
          matched: [{ field: 'rules', value: rules }],
          evidence: rules,
          remediation:
            'List the verbs, API groups and resources the role needs; wildcards also grant resources added later (CRDs) and subresources such as pods/exec.',
        }),
      );
    }
    return findings;
  },
};
