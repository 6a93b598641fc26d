import { allContainers, isWindowsPod, nameOf, usesUserNamespace } from '../pss/pod.js';
import type { PostureCheck, PostureHit } from './check.js';
import { JOB_KINDS } from './check.js';

/** CWP-001: a CronJob/Job whose containers run as root unless the image says otherwise. */
export const jobRunsAsRootCheck: PostureCheck = {
  id: 'CWP-001',
  title: 'Job runs as root by default',
  severity: 'medium',
  description:
    'A CronJob or Job container without runAsNonRoot=true and without a non-zero runAsUser (container or pod) runs as whatever user the image declares, root for most images; high when runAsUser is 0. Windows and user-namespaced (hostUsers: false) pods are skipped.',
  remediation:
    'Set spec.securityContext.runAsNonRoot: true and runAsUser to a non-zero UID in the job template.',
  kinds: JOB_KINDS,
  evaluate({ template }) {
    const { spec } = template;
    if (isWindowsPod(spec) || usesUserNamespace(spec)) return [];
    const pod = spec.securityContext ?? {};
    const hits: PostureHit[] = [];
    allContainers(spec).forEach((container) => {
      const own = container.securityContext ?? {};
      const nonRoot =
        typeof own.runAsNonRoot === 'boolean' ? own.runAsNonRoot : pod.runAsNonRoot === true;
      const user = typeof own.runAsUser === 'number' ? own.runAsUser : pod.runAsUser;
      if (typeof user === 'number' && user !== 0) return;
      if (user === 0) {
        hits.push({
          level: 'high',
          message: `container "${nameOf(container)}" runs as root (runAsUser: 0)`,
          matched: [{ field: `${template.specPath}.securityContext.runAsUser`, value: 0 }],
          evidence: [
            'runAsUser 0 is root inside the container and on the node unless user namespaces are used',
          ],
        });
        return;
      }
      if (nonRoot) return;
      hits.push({
        level: 'medium',
        message: `container "${nameOf(container)}" runs as the image's user (root for most images): no runAsNonRoot=true and no non-zero runAsUser`,
        matched: [
          {
            field: `${template.specPath}.securityContext.runAsNonRoot`,
            value: own.runAsNonRoot ?? pod.runAsNonRoot ?? null,
          },
        ],
        evidence: [
          'neither the container nor the pod sets runAsNonRoot=true or a non-zero runAsUser',
        ],
      });
    });
    return hits;
  },
};
