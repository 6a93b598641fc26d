import type { ErrorCodeInfo } from '../errors.js';

/** Codes of the RBAC analysis, account hygiene and time-bound grants. */
export const RBAC_ERROR_CODES = {
  CW_RBAC_BAD_OBJECT: {
    meaning:
      'A Role, ClusterRole, RoleBinding or ClusterRoleBinding has a field of the wrong shape (for example `rules` not a list, a subject without `kind`, a ClusterRoleBinding referencing a Role); the object is left out of the analysis.',
    fix: 'Fix the object at the reported file:line; `kubectl apply --dry-run=server -f FILE` shows what the API server would reject.',
  },
  CW_RBAC_BAD_SUBJECT: {
    meaning:
      'A subject on the command line is not understood. Accepted: `alice` or `user:alice`, `group:NAME`, `sa:NAMESPACE:NAME` (or `NAMESPACE/NAME`), `system:serviceaccount:NAMESPACE:NAME`.',
    fix: 'Spell the subject in one of the accepted forms.',
  },
  CW_RBAC_BAD_REQUEST: {
    meaning:
      'The VERB or RESOURCE of `rbac who-can` is not understood (empty, or a resource with more than one subresource).',
    fix: 'Use `VERB RESOURCE[.GROUP][/SUBRESOURCE]` (`create cronjobs.batch`, `create pods/exec`) or a non-resource URL starting with `/`.',
  },
  CW_RBAC_BAD_TARGET: {
    meaning: 'The `--target` of `rbac paths` is not `cluster-admin` or `cronjobs:NAMESPACE`.',
    fix: 'Use `--target cluster-admin` or `--target cronjobs:NAMESPACE` (or leave it out for both).',
  },
  CW_RBAC_BAD_DURATION: {
    meaning: 'The `--for` duration of `grant` (or `--dormant-days`) is not a positive duration.',
    fix: 'Write a duration like `90m`, `2h`, `1h30m` or `7d` (at most 30 days).',
  },
  CW_RBAC_BAD_EXPIRY: {
    meaning:
      'A RoleBinding carries a `cronwarden.io/expires-at` annotation that is not an ISO 8601 time, so its expiry cannot be enforced.',
    fix: 'Set the annotation to a UTC time such as `2026-01-31T12:00:00Z`, or re-create the grant with `cronwarden grant`.',
  },
  CW_RBAC_API_FAILED: {
    meaning: 'A call to the Kubernetes API (create or delete a RoleBinding, list grants) failed.',
    fix: 'Check the kubeconfig context, the network and that your user may create/delete RoleBindings (`kubectl auth can-i create rolebindings -n NS`).',
  },
  CW_HYGIENE_BAD_AUDIT: {
    meaning:
      'An audit record given to the hygiene analysis is not a Kubernetes audit event (not JSON, or no `user.username`/`verb`); it is counted and skipped, the rest is read.',
    fix: 'Pass audit logs in `audit.k8s.io/v1` JSON lines or `EventList` form; see docs/rbac.md.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
