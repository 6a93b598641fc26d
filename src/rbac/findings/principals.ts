/**
 * The principals an RBAC review is about: every distinct binding subject, with the bindings
 * that name it. Principals bound only by the bootstrap policy, Kubernetes components and
 * listed administrators are "administrators" and are not reported for holding power.
 * @module
 */
import type { RbacBinding, Subject } from '../model.js';
import {
  isBootstrap,
  isListedAdmin,
  isSystemComponent,
  type RbacCheckContext,
  subjectKeyOf,
} from './context.js';

export interface Principal {
  readonly subject: Subject;
  readonly bindings: readonly RbacBinding[];
}

export function principalsOf(bindings: readonly RbacBinding[]): Principal[] {
  const byKey = new Map<string, { subject: Subject; bindings: RbacBinding[] }>();
  for (const binding of bindings) {
    for (const subject of binding.subjects) {
      if (subject.kind === 'ServiceAccount' && !subject.namespace) continue; // matches nobody
      const key = subjectKeyOf(subject);
      const entry = byKey.get(key);
      if (entry) entry.bindings.push(binding);
      else byKey.set(key, { subject, bindings: [binding] });
    }
  }
  return [...byKey.values()].sort((a, b) =>
    subjectKeyOf(a.subject).localeCompare(subjectKeyOf(b.subject)),
  );
}

/** Administrators by position: components, bootstrap-only principals, the `--admin` list. */
export function isAdministrator(principal: Principal, context: RbacCheckContext): boolean {
  return (
    isSystemComponent(principal.subject) ||
    principal.bindings.every(isBootstrap) ||
    isListedAdmin(principal.subject, context.options)
  );
}
