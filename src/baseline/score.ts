/**
 * Scoring a job write against a learned baseline. Each check is a catalogue entry (id,
 * weight, what it compares) that returns a deviation explained in words, or nothing. The
 * reference is the namespace's profile when it is mature; a namespace without a mature
 * profile is judged against the cluster-wide profile (and that is itself a deviation); when
 * the cluster profile is immature too, nothing is scored.
 * @module
 */
import { type BaselineModel, creatorRecords, itemOf, type Profile } from './model.js';
import type { JobWriteObservation } from './observation.js';
import { type BaselinePolicy, isMature, windowDays } from './policy.js';
import type { PrincipalKind } from './principal.js';
import { describeInterval } from './schedule.js';

/** One way a write differs from the baseline. */
export interface Deviation {
  /** Stable check id (`BL-CREATOR`), documented in docs/baseline.md. */
  readonly id: string;
  readonly weight: number;
  /** The audit field the deviation is about, and its value. */
  readonly field: string;
  readonly value: string;
  /** A few words for the one-line message (`new creator`). */
  readonly summary: string;
  /** A full sentence with the numbers. */
  readonly explanation: string;
}

/** The profile a write is judged against. */
export type ReferenceScope = 'namespace' | 'cluster';

export interface Assessment {
  readonly scope: ReferenceScope;
  readonly reference: Profile;
  readonly score: number;
  readonly deviations: readonly Deviation[];
  /** One sentence describing the reference profile. */
  readonly context: string;
}

interface CheckContext {
  readonly observation: JobWriteObservation;
  readonly scope: ReferenceScope;
  /** The namespace's profile, mature or not (undefined: never seen). */
  readonly namespace: Profile | undefined;
  readonly reference: Profile;
  readonly cluster: Profile;
  readonly policy: BaselinePolicy;
  /** How many namespaces the baseline knows. */
  readonly namespaceCount: number;
}

interface Check {
  readonly id: string;
  readonly title: string;
  run(context: CheckContext): Deviation | Deviation[] | undefined;
}

const NUMBER = new Intl.NumberFormat('en-US');

function day(ms: number | undefined): string {
  return ms === undefined ? '?' : new Date(ms).toISOString().slice(0, 10);
}

function where(context: Pick<CheckContext, 'scope' | 'observation'>): string {
  return context.scope === 'namespace'
    ? `namespace ${context.observation.namespace}`
    : 'the cluster';
}

function kindWord(kind: PrincipalKind): string {
  return kind === 'serviceaccount' ? 'service account' : kind;
}

function values(profile: Profile, dimension: Parameters<typeof itemOf>[1]): string[] {
  return [...(profile.items.get(dimension)?.keys() ?? [])];
}

function sample(list: readonly string[], max = 3): string {
  const shown = list.slice(0, max).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

const NAMESPACE_CHECK: Check = {
  id: 'BL-NAMESPACE',
  title: 'job write in a namespace without a mature baseline',
  run({ scope, namespace, observation, cluster, policy, namespaceCount }) {
    if (scope !== 'cluster') return undefined;
    const ns = observation.namespace || '(cluster scope)';
    const records = namespace?.records ?? 0;
    const explanation =
      records === 0
        ? `no job write was ever learned in namespace ${ns}, while the cluster baseline holds ${NUMBER.format(cluster.records)} writes in ${NUMBER.format(namespaceCount)} other namespace(s)`
        : `namespace ${ns} has only ${records} learned job write(s) over ${windowDays(namespace as Profile).toFixed(1)} day(s) (a mature baseline needs ${policy.minRecords} over ${policy.minDays} days)`;
    return {
      id: 'BL-NAMESPACE',
      weight: records === 0 ? 2 : 1,
      field: 'objectRef.namespace',
      value: ns,
      summary: records === 0 ? `first job write ever seen in ${ns}` : `rare namespace ${ns}`,
      explanation,
    };
  },
};

const CREATOR_CHECK: Check = {
  id: 'BL-CREATOR',
  title: 'creator never seen writing jobs here',
  run({ observation, reference, cluster, scope }) {
    const { creator, creatorKind } = observation;
    if (creatorRecords(reference, creator) > 0) return undefined;
    const elsewhere = scope === 'namespace' ? creatorRecords(cluster, creator) : 0;
    const known = values(reference, 'creator');
    const kinds = new Set(known.map((name) => itemOf(reference, 'creator', name)?.detail));
    const onlyMachines = creatorKind === 'human' && !kinds.has('human');
    let explanation =
      elsewhere > 0
        ? `${creator} (${kindWord(creatorKind)}) has written ${NUMBER.format(elsewhere)} job(s) in other namespaces but never in ${where({ observation, scope })}`
        : `${creator} (${kindWord(creatorKind)}) has never written a CronJob or Job anywhere in the cluster`;
    explanation += `; known writers in ${where({ observation, scope })}: ${sample(known) || 'none'}`;
    if (onlyMachines) explanation += ' (until now only machines wrote jobs there)';
    return {
      id: 'BL-CREATOR',
      weight: elsewhere > 0 ? 3 : 4,
      field: 'user.username',
      value: creator,
      summary:
        elsewhere > 0 ? 'creator new to this namespace' : 'creator never seen in the cluster',
      explanation,
    };
  },
};

const SERVICE_ACCOUNT_CHECK: Check = {
  id: 'BL-SERVICE-ACCOUNT',
  title: 'pod template runs as a service account never seen here',
  run(context) {
    const known = values(context.reference, 'service_account');
    if (known.length === 0) return undefined;
    const fresh = context.observation.serviceAccounts.filter(
      (account) => itemOf(context.reference, 'service_account', account) === undefined,
    );
    if (fresh.length === 0) return undefined;
    return {
      id: 'BL-SERVICE-ACCOUNT',
      weight: 2,
      field: 'spec.template.spec.serviceAccountName',
      value: fresh.join(', '),
      summary: `new service account ${fresh.join(', ')}`,
      explanation: `the pod template runs as service account ${fresh.join(', ')}, never used by jobs in ${where(context)} (seen: ${sample(known)})`,
    };
  },
};

const REGISTRY_CHECK: Check = {
  id: 'BL-REGISTRY',
  title: 'image from a registry never seen here',
  run(context) {
    const { observation, reference, cluster, scope } = context;
    const deviations: Deviation[] = [];
    const seen = new Set<string>();
    for (const image of observation.images) {
      if (seen.has(image.registry)) continue;
      seen.add(image.registry);
      if (itemOf(reference, 'registry', image.registry)) continue;
      const inCluster = scope === 'namespace' && itemOf(cluster, 'registry', image.registry);
      deviations.push({
        id: 'BL-REGISTRY',
        weight: inCluster ? 3 : 4,
        field: 'image',
        value: image.image,
        summary: inCluster
          ? `registry ${image.registry} new here`
          : `registry ${image.registry} never seen`,
        explanation: `image ${image.image} comes from ${image.registry}, a registry ${inCluster ? `used elsewhere in the cluster but never in ${where(context)}` : 'never seen in the cluster'} (known: ${sample(values(reference, 'registry')) || 'none'})`,
      });
    }
    return deviations;
  },
};

const REPOSITORY_CHECK: Check = {
  id: 'BL-REPOSITORY',
  title: 'new image repository from a known registry',
  run(context) {
    const { observation, reference } = context;
    const deviations: Deviation[] = [];
    for (const image of observation.images) {
      if (!itemOf(reference, 'registry', image.registry)) continue; // BL-REGISTRY covers it
      if (itemOf(reference, 'repository', image.repository)) continue;
      deviations.push({
        id: 'BL-REPOSITORY',
        weight: 1,
        field: 'image',
        value: image.image,
        summary: `new image ${image.repository}`,
        explanation: `image repository ${image.repository} was never used by jobs in ${where(context)} (its registry ${image.registry} was)`,
      });
    }
    return deviations;
  },
};

function shortestInterval(profile: Profile): number | undefined {
  let shortest: number | undefined;
  for (const stats of profile.items.get('schedule')?.values() ?? []) {
    if (stats.measure === undefined) continue;
    shortest = shortest === undefined ? stats.measure : Math.min(shortest, stats.measure);
  }
  return shortest;
}

const SCHEDULE_CHECK: Check = {
  id: 'BL-SCHEDULE',
  title: 'schedule much more frequent than any seen',
  run(context) {
    const schedule = context.observation.schedule;
    const interval = schedule?.intervalMinutes;
    if (schedule === undefined || interval === undefined) return undefined;
    const local = shortestInterval(context.reference);
    const shortest = local ?? shortestInterval(context.cluster);
    const everyMinute = interval <= 1;
    if (shortest !== undefined && interval * 2 > shortest) return undefined;
    if (shortest === undefined && !everyMinute) return undefined;
    const against =
      shortest === undefined
        ? 'no schedule was ever learned'
        : `the most frequent schedule seen ${local === undefined ? 'in the cluster' : `in ${where(context)}`} runs ${describeInterval(shortest)}`;
    return {
      id: 'BL-SCHEDULE',
      weight: everyMinute ? 3 : 2,
      field: 'spec.schedule',
      value: schedule.normalized,
      summary: `runs ${describeInterval(interval)}`,
      explanation: `schedule "${schedule.normalized}" runs ${describeInterval(interval)}; ${against}`,
    };
  },
};

function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** The run of hours with no activity around `hour` (circular), as `[from, to)` hours. */
function quietStretch(slots: ReadonlyMap<string, number>, hour: number): [number, number] {
  const active = (h: number) => (slots.get(`h${String((h + 24) % 24).padStart(2, '0')}`) ?? 0) > 0;
  let from = hour;
  let to = hour + 1;
  while (!active(from - 1) && to - from < 24) from -= 1;
  while (!active(to) && to - from < 24) to += 1;
  return [(from + 24) % 24, to % 24];
}

const HOUR_CHECK: Check = {
  id: 'BL-HOUR',
  title: 'write at an hour this creator never acts',
  run({ observation, cluster, policy }) {
    if (!Number.isFinite(observation.timeMs)) return undefined;
    const total = creatorRecords(cluster, observation.creator);
    if (total < policy.minCreatorRecordsForHours) return undefined;
    const slots = cluster.slots.get(observation.creator);
    if (!slots) return undefined;
    const date = new Date(observation.timeMs);
    const hour = date.getUTCHours();
    const near = [hour - 1, hour, hour + 1].some(
      (h) => (slots.get(`h${String((h + 24) % 24).padStart(2, '0')}`) ?? 0) > 0,
    );
    if (near) return undefined;
    const [from, to] = quietStretch(slots, hour);
    const quietHours = (to - from + 24) % 24 || 24;
    // Most of the day quiet: say when the creator does act, which is the shorter sentence.
    const habit =
      quietHours >= 12
        ? `only ever between ${hourLabel(to)} and ${hourLabel(from)} UTC`
        : `never between ${hourLabel(from)} and ${hourLabel(to)} UTC`;
    const since = day(itemOf(cluster, 'creator', observation.creator)?.firstMs);
    const time = date.toISOString().slice(11, 16);
    return {
      id: 'BL-HOUR',
      weight: 2,
      field: 'stageTimestamp',
      value: date.toISOString(),
      summary: `unusual hour ${time} UTC`,
      explanation: `${observation.creator} has written ${NUMBER.format(total)} jobs since ${since}, ${habit}; this one was written at ${time} UTC`,
    };
  },
};

const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

const WEEKDAY_CHECK: Check = {
  id: 'BL-WEEKDAY',
  title: 'write on a weekday this creator never acts',
  run({ observation, cluster, policy }) {
    if (!Number.isFinite(observation.timeMs)) return undefined;
    const total = creatorRecords(cluster, observation.creator);
    if (total < policy.minCreatorRecordsForWeekdays) return undefined;
    const weekday = new Date(observation.timeMs).getUTCDay();
    if ((cluster.slots.get(observation.creator)?.get(`d${weekday}`) ?? 0) > 0) return undefined;
    const name = WEEKDAY_NAMES[weekday] ?? '?';
    return {
      id: 'BL-WEEKDAY',
      weight: 1,
      field: 'stageTimestamp',
      value: new Date(observation.timeMs).toISOString(),
      summary: `on a ${name}`,
      explanation: `${observation.creator} has written ${NUMBER.format(total)} jobs, never on a ${name} (UTC)`,
    };
  },
};

const USER_AGENT_CHECK: Check = {
  id: 'BL-USER-AGENT',
  title: 'client never used here',
  run(context) {
    const { observation, reference, cluster, scope } = context;
    const agent = observation.userAgent;
    if (!agent || itemOf(reference, 'user_agent_product', agent.product)) return undefined;
    const inCluster = scope === 'namespace' && itemOf(cluster, 'user_agent_product', agent.product);
    return {
      id: 'BL-USER-AGENT',
      weight: inCluster ? 2 : 3,
      field: 'userAgent',
      value: agent.normalized,
      summary: `new client ${agent.normalized}`,
      explanation: `the request came from ${agent.normalized}, a client ${inCluster ? `used elsewhere in the cluster but never to write jobs in ${where(context)}` : 'never seen writing jobs in the cluster'} (known: ${sample(values(reference, 'user_agent'))})`,
    };
  },
};

const NETWORK_CHECK: Check = {
  id: 'BL-NETWORK',
  title: 'source network never seen here',
  run(context) {
    const { observation, reference, cluster, scope } = context;
    const fresh = observation.sources.filter(
      (source) => itemOf(reference, 'source_network', source.network) === undefined,
    );
    if (fresh.length === 0 || observation.sources.length === 0) return undefined;
    // Several sourceIPs (proxies): deviant only when none of them is known.
    if (fresh.length < observation.sources.length) return undefined;
    const first = fresh[0] as (typeof fresh)[number];
    const inCluster =
      scope === 'namespace' && itemOf(cluster, 'source_network', first.network) !== undefined;
    return {
      id: 'BL-NETWORK',
      weight: inCluster ? 2 : 3,
      field: 'sourceIPs',
      value: first.ip,
      summary: `from ${first.ip}, a network not seen before`,
      explanation: `the request came from ${first.ip} (${first.network}), a network ${inCluster ? `seen elsewhere in the cluster but never writing jobs in ${where(context)}` : 'never seen writing jobs in the cluster'} (known: ${sample(values(reference, 'source_network'))})`,
    };
  },
};

/** Every check, in the order deviations are listed. */
export const CHECKS: readonly Check[] = [
  NAMESPACE_CHECK,
  CREATOR_CHECK,
  HOUR_CHECK,
  WEEKDAY_CHECK,
  SERVICE_ACCOUNT_CHECK,
  REGISTRY_CHECK,
  REPOSITORY_CHECK,
  SCHEDULE_CHECK,
  USER_AGENT_CHECK,
  NETWORK_CHECK,
];

function describeProfile(profile: Profile, label: string): string {
  const creators = profile.items.get('creator')?.size ?? 0;
  return `${label}: ${NUMBER.format(profile.records)} job writes by ${creators} principal(s) from ${day(profile.firstMs)} to ${day(profile.lastMs)}`;
}

/**
 * Scores one job write. Returns undefined when no mature profile can judge it (the namespace
 * and the cluster both immature).
 */
export function scoreJobWrite(
  model: BaselineModel,
  observation: JobWriteObservation,
  policy: BaselinePolicy,
): Assessment | undefined {
  const namespace = model.namespaces.get(observation.namespace);
  let scope: ReferenceScope;
  let reference: Profile;
  if (isMature(namespace, policy)) {
    scope = 'namespace';
    reference = namespace as Profile;
  } else if (isMature(model.cluster, policy)) {
    scope = 'cluster';
    reference = model.cluster;
  } else {
    return undefined;
  }
  const context: CheckContext = {
    observation,
    scope,
    namespace,
    reference,
    cluster: model.cluster,
    policy,
    namespaceCount: model.namespaces.size,
  };
  const deviations = CHECKS.flatMap((check) => check.run(context) ?? []);
  const score = deviations.reduce((sum, deviation) => sum + deviation.weight, 0);
  const label =
    scope === 'namespace'
      ? `baseline of namespace ${observation.namespace}`
      : `namespace ${observation.namespace || '(cluster scope)'} has no mature baseline; judged against the cluster baseline (${model.namespaces.size} namespace(s))`;
  return { scope, reference, score, deviations, context: describeProfile(reference, label) };
}
