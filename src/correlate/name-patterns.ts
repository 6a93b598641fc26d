/**
 * The names Kubernetes controllers give the objects they create, as a last-resort link when
 * an audit record carries no ownerReferences or labels (Metadata-level policies, truncated
 * bodies):
 * - the cronjob-controller names a Job `<cronjob>-<scheduled time in minutes since the Unix
 *   epoch>` (`pkg/controller/cronjob/utils.go` `getJobName`), e.g. `backup-29925483`;
 * - the job-controller's pods get `generateName: <job>-` and the API server appends five
 *   random characters (`k8s.io/apiserver` `names.SimpleNameGenerator`, alphabet
 *   `bcdfghjklmnpqrstvwxz2456789`), e.g. `backup-29925483-k2x9q`. Generated test data often
 *   uses hex, so any five lowercase letters or digits are accepted; the parent must also have
 *   been seen for the link to be made (see `lineage-graph.ts`).
 * @module
 */

/** `backup-29925483` → `{ cronJob: 'backup', scheduledMs }`; undefined for other names. */
export function parseScheduledJobName(
  name: string,
): { readonly cronJob: string; readonly scheduledMs: number } | undefined {
  const match = /^(.+)-(\d{8,10})$/.exec(name);
  if (!match) return undefined;
  const minutes = Number(match[2]);
  // 8–10 digits of minutes: 1970-07 … year 21000; anything shorter is a version or a counter.
  return { cronJob: match[1] as string, scheduledMs: minutes * 60_000 };
}

/** `backup-29925483-k2x9q` → `backup-29925483`; undefined when the suffix is not 5 chars. */
export function jobNameOfPod(name: string): string | undefined {
  const match = /^(.+)-[a-z0-9]{5}$/.exec(name);
  return match ? match[1] : undefined;
}
