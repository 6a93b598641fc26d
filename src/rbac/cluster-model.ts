/**
 * Everything the RBAC analysis reads from an inventory, indexed once: roles (with aggregation
 * resolved), bindings, namespaces, service accounts, legacy token Secrets and workloads.
 * Malformed RBAC objects become `CW_RBAC_BAD_OBJECT` issues and are left out; the rest is read.
 * @module
 */
import type { Issue } from '../errors.js';
import type { K8sObject, ObjectOrigin } from '../inventory/object.js';
import { resolveAggregation } from './aggregation.js';
import { BOOTSTRAP_CLUSTER_ROLES } from './bootstrap-roles.js';
import {
  type BindingKind,
  type RbacBinding,
  type RbacRole,
  type RoleRule,
  roleKey,
} from './model.js';
import { BINDING_BODY_SCHEMA, ROLE_BODY_SCHEMA } from './rbac-schema.js';
import { toWorkload, type Workload } from './workload.js';

export interface ServiceAccountInfo {
  readonly namespace: string;
  readonly name: string;
  readonly automountToken: boolean | undefined;
  /** Undefined for the implicit `default` account of a namespace. */
  readonly origin?: ObjectOrigin;
}

/** A `kubernetes.io/service-account-token` Secret (metadata only; data is never read). */
export interface TokenSecret {
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccount: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly creationTimestamp?: string;
  readonly origin: ObjectOrigin;
}

export interface NamespaceInfo {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** True when a Namespace object was read, false when only referenced by other objects. */
  readonly declared: boolean;
  readonly origin?: ObjectOrigin;
}

export interface ClusterModel {
  /** Keyed by `roleKey`. */
  readonly roles: ReadonlyMap<string, RbacRole>;
  /** Effective rules of each role (aggregation resolved), keyed by `roleKey`. */
  readonly roleRules: ReadonlyMap<string, readonly RoleRule[]>;
  readonly bindings: readonly RbacBinding[];
  readonly namespaces: ReadonlyMap<string, NamespaceInfo>;
  /** Keyed by `namespace/name`; includes the implicit `default` account of every namespace. */
  readonly serviceAccounts: ReadonlyMap<string, ServiceAccountInfo>;
  readonly tokenSecrets: readonly TokenSecret[];
  readonly workloads: readonly Workload[];
  /** True when the input had Namespace objects (so a missing namespace really is missing). */
  readonly hasNamespaceObjects: boolean;
  /** True when the input had ServiceAccount objects (so a missing account really is missing). */
  readonly hasServiceAccountObjects: boolean;
  readonly issues: readonly Issue[];
}

function badObject(object: K8sObject, detail: string): Issue {
  const where = object.metadata.namespace
    ? `${object.metadata.namespace}/${object.metadata.name}`
    : object.metadata.name;
  return {
    code: 'CW_RBAC_BAD_OBJECT',
    severity: 'error',
    message: `${object.kind} "${where}" left out of the RBAC analysis: ${detail}`,
    location: object.origin,
  };
}

function zodDetail(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }) {
  return error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function readRole(object: K8sObject, issues: Issue[]): RbacRole | undefined {
  const parsed = ROLE_BODY_SCHEMA.safeParse(object.body);
  if (!parsed.success) {
    issues.push(badObject(object, zodDetail(parsed.error)));
    return undefined;
  }
  const kind = object.kind === 'Role' ? 'Role' : 'ClusterRole';
  if (kind === 'Role' && !object.metadata.namespace) {
    issues.push(badObject(object, 'a Role needs metadata.namespace'));
    return undefined;
  }
  const selectors = parsed.data.aggregationRule?.clusterRoleSelectors;
  return {
    kind,
    name: object.metadata.name,
    ...(kind === 'Role' ? { namespace: object.metadata.namespace as string } : {}),
    labels: object.metadata.labels,
    annotations: object.metadata.annotations,
    rules: parsed.data.rules,
    ...(kind === 'ClusterRole' && selectors ? { aggregationSelectors: selectors } : {}),
    origin: object.origin,
  };
}

function readBinding(object: K8sObject, issues: Issue[]): RbacBinding | undefined {
  const parsed = BINDING_BODY_SCHEMA.safeParse(object.body);
  if (!parsed.success) {
    issues.push(badObject(object, zodDetail(parsed.error)));
    return undefined;
  }
  const kind: BindingKind = object.kind === 'RoleBinding' ? 'RoleBinding' : 'ClusterRoleBinding';
  const namespace = object.metadata.namespace;
  if (kind === 'RoleBinding' && !namespace) {
    issues.push(badObject(object, 'a RoleBinding needs metadata.namespace'));
    return undefined;
  }
  if (kind === 'ClusterRoleBinding' && parsed.data.roleRef.kind === 'Role') {
    issues.push(badObject(object, 'a ClusterRoleBinding can only reference a ClusterRole'));
    return undefined;
  }
  const { roleRef } = parsed.data;
  return {
    kind,
    name: object.metadata.name,
    ...(kind === 'RoleBinding' ? { namespace: namespace as string } : {}),
    labels: object.metadata.labels,
    annotations: object.metadata.annotations,
    ...(object.metadata.creationTimestamp
      ? { creationTimestamp: object.metadata.creationTimestamp }
      : {}),
    roleRef:
      roleRef.kind === 'Role'
        ? { kind: 'Role', name: roleRef.name, namespace: namespace as string }
        : { kind: 'ClusterRole', name: roleRef.name },
    subjects: parsed.data.subjects.map((subject) =>
      subject.kind === 'ServiceAccount'
        ? {
            kind: subject.kind,
            name: subject.name,
            // A RoleBinding's ServiceAccount subject without namespace means the binding's own.
            ...(subject.namespace || namespace
              ? { namespace: subject.namespace || (namespace as string) }
              : {}),
          }
        : { kind: subject.kind, name: subject.name },
    ),
    origin: object.origin,
  };
}

function readTokenSecret(object: K8sObject): TokenSecret | undefined {
  if (object.body.type !== 'kubernetes.io/service-account-token') return undefined;
  return {
    namespace: object.metadata.namespace ?? 'default',
    name: object.metadata.name,
    serviceAccount: object.metadata.annotations['kubernetes.io/service-account.name'] ?? '',
    labels: object.metadata.labels,
    ...(object.metadata.creationTimestamp
      ? { creationTimestamp: object.metadata.creationTimestamp }
      : {}),
    origin: object.origin,
  };
}

export interface ClusterModelOptions {
  /**
   * Add the bootstrap ClusterRoles (`cluster-admin`, `admin`, `edit`, `view` and their
   * aggregation sources) that the input lacks (default true): manifests bind them without
   * defining them. Roles present in the input always win.
   */
  readonly bootstrapRoles?: boolean;
}

/** Indexes an inventory's objects for the RBAC analysis. */
export function buildClusterModel(
  objects: readonly K8sObject[],
  options: ClusterModelOptions = {},
): ClusterModel {
  const issues: Issue[] = [];
  const roles = new Map<string, RbacRole>();
  const bindings: RbacBinding[] = [];
  const namespaces = new Map<string, NamespaceInfo>();
  const serviceAccounts = new Map<string, ServiceAccountInfo>();
  const tokenSecrets: TokenSecret[] = [];
  const workloads: Workload[] = [];
  let hasNamespaceObjects = false;
  let hasServiceAccountObjects = false;

  const noteNamespace = (name: string | undefined) => {
    if (name && !namespaces.has(name)) namespaces.set(name, { name, labels: {}, declared: false });
  };

  for (const object of objects) {
    if (!object.apiVersion.startsWith('rbac.authorization.k8s.io/') && isRbacKind(object.kind)) {
      // Only the rbac group defines these kinds; something else with the same kind is not RBAC.
      noteNamespace(object.metadata.namespace);
      continue;
    }
    switch (object.kind) {
      case 'Role':
      case 'ClusterRole': {
        const role = readRole(object, issues);
        if (role) roles.set(roleKey(role), role);
        break;
      }
      case 'RoleBinding':
      case 'ClusterRoleBinding': {
        const binding = readBinding(object, issues);
        if (binding) bindings.push(binding);
        break;
      }
      case 'Namespace':
        hasNamespaceObjects = true;
        namespaces.set(object.metadata.name, {
          name: object.metadata.name,
          labels: object.metadata.labels,
          declared: true,
          origin: object.origin,
        });
        continue;
      case 'ServiceAccount': {
        hasServiceAccountObjects = true;
        const namespace = object.metadata.namespace ?? 'default';
        const automount = object.body.automountServiceAccountToken;
        serviceAccounts.set(`${namespace}/${object.metadata.name}`, {
          namespace,
          name: object.metadata.name,
          automountToken: typeof automount === 'boolean' ? automount : undefined,
          origin: object.origin,
        });
        break;
      }
      case 'Secret': {
        const secret = readTokenSecret(object);
        if (secret) tokenSecrets.push(secret);
        break;
      }
      default: {
        const workload = toWorkload(object);
        if (workload) workloads.push(workload);
      }
    }
    noteNamespace(object.metadata.namespace);
  }

  if (options.bootstrapRoles !== false) {
    for (const role of BOOTSTRAP_CLUSTER_ROLES) {
      const key = roleKey(role);
      if (!roles.has(key)) roles.set(key, role);
    }
  }

  // Every namespace has a `default` service account, created by the controller manager.
  for (const name of namespaces.keys()) {
    const key = `${name}/default`;
    if (!serviceAccounts.has(key)) {
      serviceAccounts.set(key, { namespace: name, name: 'default', automountToken: undefined });
    }
  }

  return {
    roles,
    roleRules: resolveAggregation(roles),
    bindings,
    namespaces,
    serviceAccounts,
    tokenSecrets,
    workloads,
    hasNamespaceObjects,
    hasServiceAccountObjects,
    issues,
  };
}

function isRbacKind(kind: string): boolean {
  return (
    kind === 'Role' ||
    kind === 'ClusterRole' ||
    kind === 'RoleBinding' ||
    kind === 'ClusterRoleBinding'
  );
}
