/**
 * The RBAC objects as the authorizer reads them: rules, roles, bindings and subjects, each
 * keeping the place it was read from so every answer can cite it.
 * @module
 */
import type { ObjectOrigin } from '../inventory/object.js';

/** One `rbac.authorization.k8s.io/v1` PolicyRule. Absent lists are empty lists. */
export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

/** A label selector as used by `aggregationRule.clusterRoleSelectors`. */
export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: ReadonlyArray<{
    readonly key: string;
    readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    readonly values: readonly string[];
  }>;
}

export type RoleKind = 'Role' | 'ClusterRole';

export interface RoleRefKey {
  readonly kind: RoleKind;
  readonly name: string;
  /** Only for `Role`: the namespace of the binding that references it. */
  readonly namespace?: string;
}

export interface RbacRole {
  readonly kind: RoleKind;
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The rules written in the object (for an aggregated ClusterRole, what the controller last wrote). */
  readonly rules: readonly PolicyRule[];
  /** `aggregationRule.clusterRoleSelectors`, ClusterRoles only; undefined when not aggregated. */
  readonly aggregationSelectors?: readonly LabelSelector[];
  readonly origin: ObjectOrigin;
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

export interface Subject {
  readonly kind: SubjectKind;
  readonly name: string;
  /** ServiceAccount subjects only; may be empty in a RoleBinding (defaults to its namespace). */
  readonly namespace?: string;
}

export type BindingKind = 'RoleBinding' | 'ClusterRoleBinding';

export interface RbacBinding {
  readonly kind: BindingKind;
  readonly name: string;
  /** RoleBindings only. */
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly creationTimestamp?: string;
  readonly roleRef: RoleRefKey;
  readonly subjects: readonly Subject[];
  readonly origin: ObjectOrigin;
}

/** A rule as it reaches a request: which role holds it, and via which aggregated role. */
export interface RoleRule {
  readonly rule: PolicyRule;
  /** 0-based index of the rule inside `source`'s own `rules`. */
  readonly index: number;
  /** The role that wrote the rule (differs from the bound role for aggregated ClusterRoles). */
  readonly source: RbacRole;
}

/** Stable text key of a role: `ClusterRole/admin`, `Role/ns/name`. */
export function roleKey(ref: RoleRefKey): string {
  return ref.kind === 'Role'
    ? `Role/${ref.namespace ?? ''}/${ref.name}`
    : `ClusterRole/${ref.name}`;
}

/** Stable text key of a binding: `ClusterRoleBinding/x`, `RoleBinding/ns/x`. */
export function bindingKey(binding: Pick<RbacBinding, 'kind' | 'name' | 'namespace'>): string {
  return binding.kind === 'RoleBinding'
    ? `RoleBinding/${binding.namespace ?? ''}/${binding.name}`
    : `ClusterRoleBinding/${binding.name}`;
}

/** `User alice`, `Group system:masters`, `ServiceAccount ci/deployer`. */
export function formatSubject(subject: Subject): string {
  return subject.kind === 'ServiceAccount'
    ? `ServiceAccount ${subject.namespace ?? ''}/${subject.name}`
    : `${subject.kind} ${subject.name}`;
}

/** `{verbs:[create] apiGroups:[batch] resources:[cronjobs]}` — compact, for evidence lines. */
export function formatRule(rule: PolicyRule): string {
  const parts: string[] = [`verbs:[${rule.verbs.join(',')}]`];
  if (rule.nonResourceURLs.length > 0)
    parts.push(`nonResourceURLs:[${rule.nonResourceURLs.join(',')}]`);
  if (rule.resources.length > 0 || rule.nonResourceURLs.length === 0) {
    parts.push(`apiGroups:[${rule.apiGroups.map((g) => (g === '' ? '""' : g)).join(',')}]`);
    parts.push(`resources:[${rule.resources.join(',')}]`);
  }
  if (rule.resourceNames.length > 0) parts.push(`resourceNames:[${rule.resourceNames.join(',')}]`);
  return `{${parts.join(' ')}}`;
}
