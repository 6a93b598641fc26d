/**
 * The RBAC check catalogue (`RBAC-001` …), in report order.
 * @module
 */
import { ADMIN_BINDINGS } from './admin-bindings.js';
import { ANONYMOUS_BINDINGS } from './anonymous-bindings.js';
import type { RbacCheck } from './context.js';
import { CREATE_WORKLOADS } from './create-workloads.js';
import { CRONJOB_RANKING } from './cronjob-ranking.js';
import { DEFAULT_SERVICE_ACCOUNTS } from './default-service-accounts.js';
import { ESCALATION_TO_ADMIN, ESCALATION_TO_CRONJOBS } from './escalation-paths.js';
import { MISSING_ROLES } from './missing-roles.js';
import { WILDCARD_ROLES } from './wildcard-roles.js';

export const RBAC_CHECKS: readonly RbacCheck[] = [
  CREATE_WORKLOADS,
  WILDCARD_ROLES,
  ADMIN_BINDINGS,
  ANONYMOUS_BINDINGS,
  DEFAULT_SERVICE_ACCOUNTS,
  MISSING_ROLES,
  ESCALATION_TO_ADMIN,
  ESCALATION_TO_CRONJOBS,
  CRONJOB_RANKING,
];
