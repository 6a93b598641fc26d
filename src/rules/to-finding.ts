/**
 * Turns a Sigma match on an event into the common finding shape.
 * @module
 */
import type { Finding, FindingObject, Level } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import { resolvePath } from '../sigma/compile/field-path.js';
import type { SigmaMatch } from '../sigma/engine/sigma-engine.js';
import type { LoadedRule } from './load-rules.js';

const KINDS: Readonly<Record<string, string>> = {
  cronjobs: 'CronJob',
  jobs: 'Job',
  pods: 'Pod',
  deployments: 'Deployment',
  daemonsets: 'DaemonSet',
  statefulsets: 'StatefulSet',
  replicasets: 'ReplicaSet',
  replicationcontrollers: 'ReplicationController',
};

/** Renders `{field.path}` references of a message template against the event. */
export function renderMessage(template: string, data: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([^{}]+)\}/g, (_whole, path: string) => {
    const value = resolvePath(data, path);
    if (value === undefined || value === null) return '';
    if (Array.isArray(value)) return value.map(String).join(',');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

function objectOf(data: Readonly<Record<string, unknown>>): FindingObject | undefined {
  const ref = data.objectRef;
  if (ref === null || typeof ref !== 'object') return undefined;
  const { resource, namespace, name, apiGroup, apiVersion } = ref as Record<string, unknown>;
  if (typeof name !== 'string' || typeof resource !== 'string') return undefined;
  const version =
    typeof apiVersion === 'string'
      ? typeof apiGroup === 'string' && apiGroup !== ''
        ? `${apiGroup}/${apiVersion}`
        : apiVersion
      : undefined;
  return {
    kind: KINDS[resource] ?? resource,
    name,
    ...(typeof namespace === 'string' ? { namespace } : {}),
    ...(version ? { apiVersion: version } : {}),
  };
}

/** The finding for one rule match. */
export function matchToFinding(
  match: SigmaMatch,
  loaded: LoadedRule,
  event: NormalizedEvent,
): Finding {
  const rule = loaded.rule;
  const level: Level = match.level ?? 'medium';
  const message = loaded.message
    ? renderMessage(loaded.message, event.data).replace(/\s+/g, ' ').trim()
    : rule.title;
  const origin =
    event.origin.line !== undefined
      ? { file: event.origin.file, line: event.origin.line }
      : event.origin.index !== undefined
        ? { file: event.origin.file, index: event.origin.index }
        : undefined;
  const object = objectOf(event.data);
  const remediation = rule.custom.cw_remediation;
  return {
    rule: {
      id: loaded.packId ?? rule.id ?? rule.title,
      title: rule.title,
      source: loaded.packId ? 'pack' : 'sigma',
    },
    level,
    tags: rule.tags,
    time: Number.isFinite(event.timeMs) ? new Date(event.timeMs).toISOString() : '',
    message,
    ...(origin ? { origin } : {}),
    matched: match.matched,
    ...(object ? { object } : {}),
    ...(typeof remediation === 'string' ? { remediation } : {}),
  };
}
