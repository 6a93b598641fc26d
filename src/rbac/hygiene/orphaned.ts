/**
 * HYG-002: orphaned bindings — RoleBindings in namespaces that no longer exist, and
 * ServiceAccount subjects whose account (or namespace) no longer exists. They grant nothing
 * now, but re-creating that name (anyone with create serviceaccounts in the namespace can)
 * silently inherits the rights. Checked only when the input lists Namespaces /
 * ServiceAccounts (a live cluster always does), so partial manifests give no false alarms.
 * User and Group subjects cannot be checked: Kubernetes has no user objects.
 * @module
 */
import type { Finding } from '../../finding.js';
import { makeFinding, rbacObject } from '../findings/context.js';
import { formatSubject, roleKey } from '../model.js';
import type { HygieneCheck } from './context.js';

export const ORPHANED_BINDINGS: HygieneCheck = {
  id: 'HYG-002',
  level: 'medium',
  title: 'Orphaned binding',
  description:
    'A binding lives in, or names a service account of, a namespace that does not exist, or names a service account that does not exist.',
  run(context) {
    const { model } = context.analysis;
    const findings: Finding[] = [];
    const namespaceExists = (name: string) => model.namespaces.get(name)?.declared === true;
    for (const binding of model.bindings) {
      const reasons: string[] = [];
      if (model.hasNamespaceObjects && binding.namespace && !namespaceExists(binding.namespace)) {
        reasons.push(`namespace ${binding.namespace} does not exist`);
      }
      for (const subject of binding.subjects) {
        if (subject.kind !== 'ServiceAccount' || !subject.namespace) continue;
        if (model.hasNamespaceObjects && !namespaceExists(subject.namespace)) {
          reasons.push(`${formatSubject(subject)}: namespace ${subject.namespace} does not exist`);
          continue;
        }
        const exists = model.serviceAccounts.has(`${subject.namespace}/${subject.name}`);
        if (model.hasServiceAccountObjects && !exists) {
          reasons.push(`${formatSubject(subject)} does not exist`);
        }
      }
      if (reasons.length === 0) continue;
      findings.push(
        makeFinding(ORPHANED_BINDINGS, {
          source: 'hygiene',
          level: 'medium',
          message: `${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name} (${roleKey(binding.roleRef)}) is orphaned: ${reasons.join('; ')}`,
          now: context.now,
          origin: binding.origin,
          object: rbacObject(binding),
          matched: [{ field: 'reasons', value: reasons }],
          evidence: reasons,
          remediation:
            'Delete the binding; re-creating the missing namespace or service account would silently inherit its rights.',
        }),
      );
    }
    return { findings };
  },
};
