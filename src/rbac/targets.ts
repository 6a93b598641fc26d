/**
 * The `--target` of `rbac paths`: `cluster-admin` or `cronjobs:NAMESPACE`.
 * @module
 */
import { CronwardenError } from '../errors.js';
import type { EscalationTarget } from './escalation/graph.js';

/** @throws CronwardenError `CW_RBAC_BAD_TARGET` (location: `--target`). */
export function parseTarget(text: string): EscalationTarget {
  if (text === 'cluster-admin') return { kind: 'cluster-admin' };
  const match = /^cronjobs:([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/.exec(text);
  if (match?.[1]) return { kind: 'cronjobs', namespace: match[1] };
  throw new CronwardenError(
    'CW_RBAC_BAD_TARGET',
    `target "${text}" is not cluster-admin or cronjobs:NAMESPACE`,
    { location: { file: '--target' } },
  );
}
