/**
 * What every RBAC check reads, and helpers to build findings in the common shape.
 * @module
 */

import { findingOrigin } from '../../event-finding.js';
import type { Finding, FindingObject, FindingOrigin, Level, MatchedField } from '../../finding.js';
import type { ObjectOrigin } from '../../inventory/object.js';
import type { Authorizer } from '../authorizer.js';
import type { ClusterModel } from '../cluster-model.js';
import type { EscalationGraph } from '../escalation/graph.js';
import {
  formatRule,
  formatSubject,
  type RbacBinding,
  type RbacRole,
  type RoleRule,
  roleKey,
  type Subject,
} from '../model.js';

export interface RbacCheckOptions {
  /** Principals treated as administrators (`user:x`, `group:y`, `sa:ns:name`), beyond the defaults. */
  readonly admins?: readonly Subject[];
  /** Who created each workload, from audit (`Kind/namespace/name` → username), for RBAC-009. */
  readonly creators?: ReadonlyMap<string, string>;
}

export interface RbacCheckContext {
  readonly model: ClusterModel;
  readonly authorizer: Authorizer;
  readonly graph: EscalationGraph;
  /** Time stamped on findings (scan time). */
  readonly now: Date;
  readonly options: RbacCheckOptions;
}

/** One RBAC check of the catalogue. */
export interface RbacCheck {
  readonly id: string;
  readonly title: string;
  /** The most severe level its findings take (SARIF rule level). */
  readonly level: Level;
  readonly description: string;
  run(context: RbacCheckContext): Finding[];
}

export const ATTACK_TAGS = [
  'attack.t1053.007',
  'attack.privilege_escalation',
  'attack.persistence',
];

/** Objects labelled by the API server's bootstrap policy (defaults every cluster has). */
export function isBootstrap(object: {
  readonly labels: Readonly<Record<string, string>>;
}): boolean {
  return object.labels['kubernetes.io/bootstrapping'] === 'rbac-defaults';
}

/** Where a finding about an object points: its line or index, else the top of its file. */
export function originOf(origin: ObjectOrigin): FindingOrigin {
  return findingOrigin(origin) ?? { file: origin.file, line: 1 };
}

/** A Role, ClusterRole, RoleBinding or ClusterRoleBinding as a finding names it. */
export function rbacObject(object: RbacBinding | RbacRole): FindingObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: object.kind,
    ...(object.namespace ? { namespace: object.namespace } : {}),
    name: object.name,
  };
}

/** A binding, the subjects of it a check is about, and the rules of its role. */
export interface NamedSubjects {
  readonly binding: RbacBinding;
  readonly subjects: readonly Subject[];
  readonly rules: readonly RoleRule[];
}

/** The non-bootstrap bindings naming subjects that `isWanted` picks, with their role's rules. */
export function* bindingsNaming(
  model: ClusterModel,
  isWanted: (subject: Subject) => boolean,
): Generator<NamedSubjects> {
  for (const binding of model.bindings) {
    if (isBootstrap(binding)) continue;
    const subjects = binding.subjects.filter(isWanted);
    if (subjects.length === 0) continue;
    yield { binding, subjects, rules: model.roleRules.get(roleKey(binding.roleRef)) ?? [] };
  }
}

/**
 * A finding about subjects a binding names (RBAC-004, RBAC-005): at the binding, the subjects
 * as the matched field, each rule of the role as evidence.
 */
export function namedSubjectsFinding(
  check: Pick<RbacCheck, 'id' | 'title'>,
  context: RbacCheckContext,
  { binding, subjects, rules }: NamedSubjects,
  parts: { level: Level; message: string; remediation: string },
): Finding {
  return makeFinding(check, {
    ...parts,
    now: context.now,
    origin: binding.origin,
    object: rbacObject(binding),
    matched: [{ field: 'subjects', value: subjects.map(formatSubject) }],
    evidence: ruleEvidence(rules),
  });
}

/** One evidence line per role rule: `ClusterRole/edit rule #3 create pods`. */
export function ruleEvidence(rules: readonly RoleRule[]): string[] {
  return rules.map(
    ({ rule, index, source }) => `${roleKey(source)} rule #${index} ${formatRule(rule)}`,
  );
}

export function makeFinding(
  check: Pick<RbacCheck, 'id' | 'title'>,
  parts: {
    level: Level;
    message: string;
    now: Date;
    origin?: ObjectOrigin | undefined;
    object?: FindingObject;
    matched?: MatchedField[];
    evidence?: string[];
    remediation?: string;
    source?: 'rbac' | 'hygiene';
  },
): Finding {
  const origin = parts.origin ? originOf(parts.origin) : undefined;
  return {
    rule: { id: check.id, title: check.title, source: parts.source ?? 'rbac' },
    level: parts.level,
    tags: ATTACK_TAGS,
    time: parts.now.toISOString(),
    message: parts.message,
    ...(origin ? { origin } : {}),
    matched: parts.matched ?? [],
    ...(parts.object ? { object: parts.object } : {}),
    ...(parts.evidence ? { evidence: parts.evidence } : {}),
    ...(parts.remediation ? { remediation: parts.remediation } : {}),
  };
}

/** Broad groups: a binding to one of them reaches every user of a kind. */
export const BROAD_GROUPS = new Set([
  'system:authenticated',
  'system:unauthenticated',
  'system:serviceaccounts',
]);

export function isBroadSubject(subject: Subject): boolean {
  return (
    (subject.kind === 'Group' &&
      (BROAD_GROUPS.has(subject.name) || subject.name.startsWith('system:serviceaccounts:'))) ||
    (subject.kind === 'User' && subject.name === 'system:anonymous')
  );
}

/**
 * Kubernetes' own components: `system:` users and groups other than service accounts and the
 * broad groups (`system:kube-controller-manager`, `system:nodes`, `system:masters` …).
 */
export function isSystemComponent(subject: Subject): boolean {
  if (subject.kind === 'ServiceAccount') return false;
  if (!subject.name.startsWith('system:')) return false;
  if (subject.name.startsWith('system:serviceaccount')) return false;
  return !isBroadSubject(subject);
}

export function subjectKeyOf(subject: Subject): string {
  return subject.kind === 'ServiceAccount'
    ? `ServiceAccount:${subject.namespace ?? ''}:${subject.name}`
    : `${subject.kind}:${subject.name}`;
}

/** Is the subject in the user-supplied administrator list? */
export function isListedAdmin(subject: Subject, options: RbacCheckOptions): boolean {
  const key = subjectKeyOf(subject);
  return (options.admins ?? []).some((admin) => subjectKeyOf(admin) === key);
}
