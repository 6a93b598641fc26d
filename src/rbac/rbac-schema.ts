/**
 * zod schemas for the RBAC kinds, applied to the `body` of inventory objects. Only the fields
 * the authorizer reads are declared; unknown fields pass (the API server owns full validation).
 * @module
 */
import { z } from 'zod';

const stringList = z
  .array(z.string())
  .nullish()
  .transform((list) => list ?? []);

export const POLICY_RULE_SCHEMA = z.object({
  verbs: stringList,
  apiGroups: stringList,
  resources: stringList,
  resourceNames: stringList,
  nonResourceURLs: stringList,
});

const LABEL_SELECTOR_SCHEMA = z.object({
  matchLabels: z
    .record(z.string(), z.string())
    .nullish()
    .transform((labels) => labels ?? {}),
  matchExpressions: z
    .array(
      z.object({
        key: z.string(),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: stringList,
      }),
    )
    .nullish()
    .transform((list) => list ?? []),
});

export const ROLE_BODY_SCHEMA = z.object({
  rules: z
    .array(POLICY_RULE_SCHEMA)
    .nullish()
    .transform((rules) => rules ?? []),
  aggregationRule: z
    .object({
      clusterRoleSelectors: z
        .array(LABEL_SELECTOR_SCHEMA)
        .nullish()
        .transform((list) => list ?? []),
    })
    .nullish(),
});

export const SUBJECT_SCHEMA = z.object({
  kind: z.enum(['User', 'Group', 'ServiceAccount']),
  name: z.string().min(1),
  namespace: z.string().optional(),
});

export const BINDING_BODY_SCHEMA = z.object({
  roleRef: z.object({
    kind: z.enum(['Role', 'ClusterRole']),
    name: z.string().min(1),
  }),
  subjects: z
    .array(SUBJECT_SCHEMA)
    .nullish()
    .transform((list) => list ?? []),
});
