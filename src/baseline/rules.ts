/**
 * The rules baseline findings are reported under (docs/baseline.md). The level of each finding
 * comes from its score; `level` here is the lowest it can be.
 * @module
 */
import type { Level } from '../finding.js';

export interface BaselineRule {
  readonly id: string;
  readonly title: string;
  readonly source: 'baseline';
  readonly level: Level;
  readonly tags: readonly string[];
  readonly description: string;
  readonly falsepositives: readonly string[];
}

const TAGS = ['attack.persistence', 'attack.execution', 'attack.t1053.007'];

/** A job write judged against its namespace's mature baseline. */
export const NAMESPACE_DEVIATION: BaselineRule = {
  id: 'CW-BL-001',
  title: 'CronJob/Job Write Deviates from the Namespace Baseline',
  source: 'baseline',
  level: 'low',
  tags: TAGS,
  description:
    'A CronJob or Job was created, replaced or patched in a way its namespace never saw in the ' +
    'learned history: a new creator, an hour or weekday the creator never acts, a new service ' +
    'account, registry or image, a much more frequent schedule, a new client or source network. ' +
    'Each deviation adds its weight; the sum decides the level.',
  falsepositives: [
    'A new team member, a new CI pipeline or a registry migration: learn the logs that include ' +
      'the change (`cronwarden baseline learn`) and the baseline accepts it.',
  ],
};

/** A job write in a namespace without a mature baseline, judged against the cluster's. */
export const CLUSTER_DEVIATION: BaselineRule = {
  id: 'CW-BL-002',
  title: 'CronJob/Job Write in a Namespace Without Job History Deviates from the Cluster Baseline',
  source: 'baseline',
  level: 'low',
  tags: TAGS,
  description:
    'A CronJob or Job was written in a namespace whose own history is too short to judge ' +
    '(kube-system, default, a new namespace), so it was compared with the whole cluster: a ' +
    'creator, registry, client or network never seen writing jobs anywhere adds to the score.',
  falsepositives: [
    'The first workload of a new namespace deployed by the usual pipeline is not reported (only ' +
      'the namespace is new: score 2, below the minimum of 3); anything more deserves a look.',
  ],
};

export const BASELINE_RULES: readonly BaselineRule[] = [NAMESPACE_DEVIATION, CLUSTER_DEVIATION];
