/**
 * The catalogue of escalation edge rules. Adding a way to escalate means adding one rule
 * file, its test cases and its line in docs/rbac.md.
 * @module
 */
import type { EdgeRule } from '../edge.js';
import { BIND_ROLE } from './bind-role.js';
import { CHOOSE_ACCOUNT } from './choose-account.js';
import { CSR_APPROVE, MUTATING_WEBHOOK, NODES_PROXY } from './cluster-wide.js';
import { ESCALATE_ROLE } from './escalate-role.js';
import { EXEC_POD } from './exec-pod.js';
import { IMPERSONATE } from './impersonate.js';
import { MINT_TOKEN_SECRET, READ_TOKEN_SECRET, SERVICE_ACCOUNT_TOKEN } from './token.js';
import { CREATE_WORKLOAD } from './workload.js';

export const EDGE_RULES: readonly EdgeRule[] = [
  CREATE_WORKLOAD,
  EXEC_POD,
  SERVICE_ACCOUNT_TOKEN,
  READ_TOKEN_SECRET,
  MINT_TOKEN_SECRET,
  IMPERSONATE,
  BIND_ROLE,
  ESCALATE_ROLE,
  NODES_PROXY,
  CSR_APPROVE,
  MUTATING_WEBHOOK,
  CHOOSE_ACCOUNT,
];
