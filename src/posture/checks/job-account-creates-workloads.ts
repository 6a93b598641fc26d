import type { PostureCheck } from './check.js';
import { JOB_KINDS } from './check.js';
import { tokenMount } from './job-token-automount.js';
import { serviceAccountOf } from './workload-rights.js';

/** CWP-003: a job runs as an account that may create workloads (self-propagating persistence). */
export const jobAccountCreatesWorkloadsCheck: PostureCheck = {
  id: 'CWP-003',
  title: 'Job runs as a service account that can create workloads',
  severity: 'high',
  description:
    "The CronJob's or Job's service account may create pods, pod controllers, Jobs or CronJobs in the namespace: whoever controls the job's code can start more workloads, as any service account of the namespace, and re-create the CronJob if removed. Critical when the pods also mount the account's token.",
  remediation:
    'Run the job as a dedicated service account without create rights on workloads; move workload creation to a controller whose code you own.',
  kinds: JOB_KINDS,
  evaluate(workload, context) {
    if (!context.workloadRights) return [];
    const account = serviceAccountOf(
      workload.template.spec as { serviceAccountName?: unknown; serviceAccount?: unknown },
    );
    const answer = context.workloadRights(workload.namespace, account);
    if (!answer.canCreate) return [];
    const mounted = tokenMount(workload, context);
    return [
      {
        level: mounted ? 'critical' : 'high',
        message: `service account ${workload.namespace}/${account} can create ${answer.resources.join(', ')}${mounted ? ' and its token is mounted in the job' : ''}`,
        matched: [{ field: `${workload.template.specPath}.serviceAccountName`, value: account }],
        evidence: [
          ...answer.evidence,
          ...(mounted
            ? [`token: ${mounted}`]
            : ['token not mounted (rights usable only if a token is obtained)']),
        ],
      },
    ];
  },
};
