import { objectsOf } from '../pss/pod.js';
import type { PostureCheck, PostureContext, PostureWorkload } from './check.js';
import { JOB_KINDS } from './check.js';
import { serviceAccountOf } from './workload-rights.js';

/** How the job's pods get an API token, or undefined when they get none. */
export function tokenMount(
  { template, namespace }: PostureWorkload,
  context: PostureContext,
): string | undefined {
  const { spec } = template;
  const account = serviceAccountOf(
    spec as { serviceAccountName?: unknown; serviceAccount?: unknown },
  );
  // An explicit projected serviceAccountToken volume mounts a token whatever automount says.
  const projected = objectsOf<{ name?: unknown; projected?: { sources?: unknown } }>(
    spec.volumes,
  ).find((volume) =>
    objectsOf<{ serviceAccountToken?: unknown }>(volume.projected?.sources).some(
      (s) => s.serviceAccountToken,
    ),
  );
  if (projected)
    return `projected volume "${String(projected.name)}" requests a serviceAccountToken`;
  if (spec.automountServiceAccountToken === false) return undefined;
  if (spec.automountServiceAccountToken === true)
    return `pod template sets automountServiceAccountToken: true (service account "${account}")`;
  const serviceAccount = context.serviceAccount(namespace, account);
  if (serviceAccount?.body.automountServiceAccountToken === false) return undefined;
  return serviceAccount
    ? `ServiceAccount ${namespace}/${account} does not set automountServiceAccountToken: false and the pod template does not either`
    : `service account "${account}" (not in the inventory) mounts a token by default and the pod template does not opt out`;
}

/** CWP-002: a CronJob/Job whose pods carry a Kubernetes API token. */
export const jobTokenAutomountCheck: PostureCheck = {
  id: 'CWP-002',
  title: 'Service-account token mounted in a job',
  severity: 'low',
  description:
    "A CronJob or Job pod gets its service account's API token (automount by default, or a projected token volume); code in the job — or an attacker who changed its image or command — can call the API with the account's rights.",
  remediation:
    'Set automountServiceAccountToken: false on the job template (or on its ServiceAccount) unless the job calls the Kubernetes API.',
  kinds: JOB_KINDS,
  evaluate(workload, context) {
    const how = tokenMount(workload, context);
    if (!how) return [];
    return [
      {
        level: 'low',
        message: `pods of this job mount a Kubernetes API token: ${how}`,
        matched: [
          {
            field: `${workload.template.specPath}.automountServiceAccountToken`,
            value: workload.template.spec.automountServiceAccountToken ?? null,
          },
        ],
        evidence: [how],
      },
    ];
  },
};
