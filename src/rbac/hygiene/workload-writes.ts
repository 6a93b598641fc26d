/**
 * Which audit facts are workload writes: create/update/patch of pods or any pod controller
 * (CronJobs and Jobs above all) that succeeded.
 * @module
 */
import { POD_CONTROLLERS } from '../../inventory/kinds.js';
import { type AuditFact, succeeded } from './audit-fact.js';

const WRITE_VERBS = new Set(['create', 'update', 'patch']);
const WORKLOAD_RESOURCES = new Map<string, string>(
  POD_CONTROLLERS.map((controller) => [
    `${controller.apiGroup}/${controller.resource}`,
    controller.kind,
  ]),
);

/** The kind written, or undefined when the fact is no successful workload write. */
export function workloadWriteKind(fact: AuditFact): string | undefined {
  if (!WRITE_VERBS.has(fact.verb) || fact.subresource !== '' || !succeeded(fact)) return undefined;
  return WORKLOAD_RESOURCES.get(`${fact.apiGroup}/${fact.resource}`);
}

/** `CronJob/ns/name`: the key RBAC-009 uses for creators. */
export function workloadKey(fact: AuditFact): string | undefined {
  const kind = workloadWriteKind(fact);
  return kind ? `${kind}/${fact.namespace}/${fact.name}` : undefined;
}

/** Who created each workload (first successful create seen), for the CronJob ranking. */
export function creatorsFromAudit(facts: Iterable<AuditFact>): Map<string, string> {
  const creators = new Map<string, string>();
  for (const fact of facts) {
    if (fact.verb !== 'create') continue;
    const key = workloadKey(fact);
    if (key && !creators.has(key)) creators.set(key, fact.impersonatedUser ?? fact.user);
  }
  return creators;
}
