/**
 * The types of the pod fields that posture checks read, as the Kubernetes API defines them.
 * Used at the edge (manifest reading) to report wrong types with their line; other fields pass
 * through untouched.
 * @module
 */
import { z } from 'zod';

const int = z.number().int();
const stringList = z.array(z.string());

const seccompProfile = z.looseObject({ type: z.string().optional() });
const appArmorProfile = z.looseObject({ type: z.string().optional() });
const seLinuxOptions = z.looseObject({
  type: z.string().optional(),
  user: z.string().optional(),
  role: z.string().optional(),
  level: z.string().optional(),
});
const windowsOptions = z.looseObject({ hostProcess: z.boolean().optional() });

const containerSecurityContext = z.looseObject({
  privileged: z.boolean().optional(),
  allowPrivilegeEscalation: z.boolean().optional(),
  runAsNonRoot: z.boolean().optional(),
  runAsUser: int.optional(),
  procMount: z.string().optional(),
  capabilities: z
    .looseObject({ add: stringList.optional(), drop: stringList.optional() })
    .optional(),
  seccompProfile: seccompProfile.optional(),
  appArmorProfile: appArmorProfile.optional(),
  seLinuxOptions: seLinuxOptions.optional(),
  windowsOptions: windowsOptions.optional(),
});

const hostHandler = z.looseObject({
  httpGet: z.looseObject({ host: z.string().optional() }).optional(),
  tcpSocket: z.looseObject({ host: z.string().optional() }).optional(),
});

const container = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  securityContext: containerSecurityContext.optional(),
  ports: z.array(z.looseObject({ hostPort: int.optional() })).optional(),
  livenessProbe: hostHandler.optional(),
  readinessProbe: hostHandler.optional(),
  startupProbe: hostHandler.optional(),
  lifecycle: z
    .looseObject({ postStart: hostHandler.optional(), preStop: hostHandler.optional() })
    .optional(),
});

/** The pod spec fields posture reads (`z.looseObject`: everything else passes). */
export const POD_SPEC_SCHEMA = z.looseObject({
  hostNetwork: z.boolean().optional(),
  hostPID: z.boolean().optional(),
  hostIPC: z.boolean().optional(),
  hostUsers: z.boolean().optional(),
  automountServiceAccountToken: z.boolean().optional(),
  serviceAccountName: z.string().optional(),
  runtimeClassName: z.string().optional(),
  os: z.looseObject({ name: z.string().optional() }).optional(),
  securityContext: z
    .looseObject({
      runAsNonRoot: z.boolean().optional(),
      runAsUser: int.optional(),
      seccompProfile: seccompProfile.optional(),
      appArmorProfile: appArmorProfile.optional(),
      seLinuxOptions: seLinuxOptions.optional(),
      sysctls: z.array(z.looseObject({ name: z.string() })).optional(),
      windowsOptions: windowsOptions.optional(),
    })
    .optional(),
  volumes: z.array(z.looseObject({ name: z.string() })).optional(),
  containers: z.array(container).optional(),
  initContainers: z.array(container).optional(),
  ephemeralContainers: z.array(container).optional(),
});

/** Pod (template) metadata: label and annotation values are strings. */
export const POD_METADATA_SCHEMA = z.looseObject({
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

/** One wrong-typed field: its path below the checked value and what was expected. */
export interface TypeProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Returns every wrong-typed field of a pod spec (empty when all are well typed). */
export function findTypeProblems(schema: z.ZodType, value: unknown): TypeProblem[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
    message: issue.message,
  }));
}
