/**
 * CW-005: tampering with an existing CronJob. Keeps the last known object of every CronJob
 * (from creates, updates, patches and any responseObject it sees, including `get`) and, when
 * someone other than a controller updates or patches one, reports what changed in the
 * fields that decide what runs and as whom: image, command, args, schedule, suspend,
 * serviceAccountName, containers added or removed. Patch bodies are applied to the last
 * known object (JSON patch, merge, strategic merge, server-side apply) when the audit policy
 * did not log the persisted object. A patch to a CronJob never seen before is still reported
 * from its body alone ("before: unknown").
 * @module
 */
import { findingObject, findingOrigin, findingTime } from '../event-finding.js';
import type { Finding, FindingOrigin, MatchedField } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import type { Analytic, AnalyticContext, AnalyticDefinition, AnalyticMeta } from './analytic.js';
import { type AuditRecord, isFinalStage, isObject, readAudit } from './audit-record.js';
import { applyPatch } from './patch/apply.js';
import { isJsonPatch, parsePointer } from './patch/json-patch.js';
import { containersOf, podSpecOf } from './pod-template.js';
import { compileKnownPrincipal } from './principals.js';

const META: AnalyticMeta = {
  id: 'CW-005',
  title: 'Existing CronJob Tampered With (Image, Command, Schedule or Service Account Changed)',
  level: 'high',
  tags: ['attack.persistence', 'attack.execution', 'attack.t1053.007', 'attack.t1525'],
  source: 'pack',
  description:
    'A principal that is not a controller updated or patched an existing CronJob and changed ' +
    'what it runs (image, command, args, containers) or as whom (serviceAccountName), or ' +
    'when (schedule, suspend). The finding shows each change before → after, diffed against ' +
    'the last known state of the CronJob.',
  falsepositives: [
    'Release pipelines that bump the image tag of a CronJob; expect them from the CI identity ' +
      'and the usual registry, and treat any other author as suspect.',
  ],
};

/** Fields whose change is reported; the first group raises the finding to high. */
const HIGH_FIELDS = new Set(['image', 'command', 'args', 'serviceAccountName', 'container']);

interface Known {
  readonly object: unknown;
  readonly origin: FindingOrigin | undefined;
}

interface Change {
  readonly field: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
  /** `image`, `command`, `args`, `schedule`, `suspend`, `serviceAccountName`, `container`. */
  readonly aspect: string;
}

/** Flat view of what matters in a CronJob: `schedule`, `containers/x image`, … */
function summarize(object: unknown): Map<string, { aspect: string; value: string }> {
  const summary = new Map<string, { aspect: string; value: string }>();
  if (!isObject(object) || !isObject(object.spec)) return summary;
  const spec = object.spec;
  if (spec.schedule !== undefined)
    summary.set('schedule', { aspect: 'schedule', value: String(spec.schedule) });
  if (spec.suspend !== undefined)
    summary.set('suspend', { aspect: 'suspend', value: String(spec.suspend) });
  const podSpec = podSpecOf(object);
  const serviceAccount = podSpec?.serviceAccountName ?? podSpec?.serviceAccount;
  if (typeof serviceAccount === 'string') {
    summary.set('serviceAccountName', { aspect: 'serviceAccountName', value: serviceAccount });
  }
  for (const container of containersOf(podSpec)) {
    summary.set(container.key, { aspect: 'container', value: 'present' });
    if (container.image !== undefined)
      summary.set(`${container.key} image`, { aspect: 'image', value: container.image });
    if (container.command !== undefined)
      summary.set(`${container.key} command`, { aspect: 'command', value: container.command });
    if (container.args !== undefined)
      summary.set(`${container.key} args`, { aspect: 'args', value: container.args });
  }
  return summary;
}

/** Differences between two summaries (fields added, removed or changed). */
export function diffCronJobs(before: unknown, after: unknown): Change[] {
  const old = summarize(before);
  const now = summarize(after);
  const changes: Change[] = [];
  for (const [field, entry] of now) {
    const previous = old.get(field);
    if (previous?.value !== entry.value) {
      changes.push({ field, before: previous?.value, after: entry.value, aspect: entry.aspect });
    }
  }
  for (const [field, entry] of old) {
    if (!now.has(field))
      changes.push({ field, before: entry.value, after: undefined, aspect: entry.aspect });
  }
  // A new container is listed once (its image/command lines carry the detail).
  return changes.filter(
    (change) =>
      change.aspect !== 'container' || change.after === undefined || change.before === undefined,
  );
}

/** Changes a patch body announces when the CronJob's previous state is unknown. */
function changesFromPatchBody(body: unknown): Change[] {
  if (isJsonPatch(body)) {
    const changes: Change[] = [];
    for (const operation of body) {
      const path = parsePointer(operation.path);
      const last = path[path.length - 1] ?? '';
      const aspect = ['image', 'command', 'args', 'schedule', 'suspend', 'serviceAccountName'].find(
        (name) => path.includes(name),
      );
      if (aspect === undefined && !['containers', 'initContainers'].includes(last)) continue;
      changes.push({
        field: operation.path,
        before: undefined,
        after: operation.op === 'remove' ? undefined : JSON.stringify(operation.value),
        aspect: aspect ?? 'container',
      });
    }
    return changes;
  }
  return diffCronJobs({ spec: {} }, applyPatch({}, body)?.object).filter(
    (c) => c.aspect !== 'container',
  );
}

function objectKey(record: AuditRecord, object: unknown): string | undefined {
  const metadata = isObject(object) && isObject(object.metadata) ? object.metadata : {};
  const name = record.name ?? (typeof metadata.name === 'string' ? metadata.name : undefined);
  const namespace =
    record.namespace ?? (typeof metadata.namespace === 'string' ? metadata.namespace : '');
  return name === undefined ? undefined : `${namespace}/${name}`;
}

class CronJobTampering implements Analytic {
  readonly meta = META;
  readonly #known = new Map<string, Known>();
  readonly #isKnownPrincipal: (username: string) => boolean;

  constructor(context: AnalyticContext) {
    this.#isKnownPrincipal = compileKnownPrincipal(context.allowlist);
  }

  observe(event: NormalizedEvent): readonly Finding[] {
    const record = readAudit(event);
    if (record?.resource !== 'cronjobs' || record.subresource !== undefined) return [];
    if (!isFinalStage(record) || !record.succeeded) return [];
    const origin = findingOrigin(event.origin);
    switch (record.verb) {
      case 'get':
      case 'list':
        this.#learnFromRead(record, origin);
        return [];
      case 'delete':
        this.#forget(record);
        return [];
      case 'create':
        this.#remember(record, this.#persisted(record) ?? record.requestObject, origin);
        return [];
      case 'update':
      case 'patch':
        return this.#write(event, record, origin);
      default:
        return [];
    }
  }

  #persisted(record: AuditRecord): unknown {
    const response = record.responseObject;
    return isObject(response) && isObject(response.spec) ? response : undefined;
  }

  #learnFromRead(record: AuditRecord, origin: FindingOrigin | undefined): void {
    const response = record.responseObject;
    if (!isObject(response)) return;
    const items = Array.isArray(response.items) ? response.items : [response];
    for (const item of items) {
      if (isObject(item) && isObject(item.spec)) this.#remember(record, item, origin);
    }
  }

  #forget(record: AuditRecord): void {
    const key = objectKey(record, undefined);
    if (key !== undefined) this.#known.delete(key);
  }

  #remember(record: AuditRecord, object: unknown, origin: FindingOrigin | undefined): void {
    const key = objectKey(record, object);
    if (key !== undefined && isObject(object)) this.#known.set(key, { object, origin });
  }

  #write(event: NormalizedEvent, record: AuditRecord, origin: FindingOrigin | undefined) {
    const key = objectKey(record, this.#persisted(record) ?? record.requestObject);
    if (key === undefined) return [];
    const before = this.#known.get(key);
    let after = this.#persisted(record);
    let how = 'persisted object';
    if (after === undefined && record.verb === 'update') after = record.requestObject;
    if (after === undefined && before !== undefined) {
      const patched = applyPatch(before.object, record.requestObject);
      after = patched?.object;
      how = `${patched?.kind ?? 'unknown'} patch applied to the last known state`;
    }
    if (after !== undefined) this.#known.set(key, { object: after, origin });
    if (this.#isKnownPrincipal(record.username)) return [];
    let changes: Change[];
    if (before !== undefined && after !== undefined) changes = diffCronJobs(before.object, after);
    else if (record.verb === 'patch') {
      changes = changesFromPatchBody(record.requestObject);
      how = 'patch body (previous state unknown)';
    } else return [];
    if (changes.length === 0) return [];
    return [this.#finding(event, record, origin, before, changes, how)];
  }

  #finding(
    event: NormalizedEvent,
    record: AuditRecord,
    origin: FindingOrigin | undefined,
    before: Known | undefined,
    changes: readonly Change[],
    how: string,
  ): Finding {
    const isHigh = changes.some((change) => HIGH_FIELDS.has(change.aspect));
    const object = findingObject(record);
    const target = object ? `${object.namespace ?? ''}/${object.name}` : 'a CronJob';
    const aspects = [...new Set(changes.map((change) => change.aspect))].join(', ');
    const evidence = changes.map(
      (change) =>
        `${change.field}: ${change.before ?? '(unknown)'} → ${change.after ?? '(removed)'}`,
    );
    evidence.push(`diffed from: ${how}`);
    const matched: MatchedField[] = changes.map((change) => ({
      field: change.field,
      value: change.after ?? null,
    }));
    return {
      rule: { id: META.id, title: META.title, source: META.source },
      level: isHigh ? 'high' : 'medium',
      tags: META.tags,
      time: findingTime(event),
      message: `${record.username || 'unknown principal'} ${record.verb === 'patch' ? 'patched' : 'updated'} CronJob ${target} and changed ${aspects}`,
      ...(origin ? { origin } : {}),
      ...(before?.origin ? { related: [before.origin] } : {}),
      matched,
      ...(object ? { object } : {}),
      evidence,
      remediation:
        'Confirm the change with its author; if it is not expected, restore the CronJob from source control and rotate the credentials of the principal.',
    };
  }
}

export const CRONJOB_TAMPERING: AnalyticDefinition = {
  meta: META,
  create: (context) => new CronJobTampering(context),
};
