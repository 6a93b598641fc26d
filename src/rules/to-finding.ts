/**
 * Turns a Sigma match on an event into the common finding shape.
 * @module
 */
import { findingObject, findingOrigin, findingTime, objectReferenceOf } from '../event-finding.js';
import type { Finding, Level } from '../finding.js';
import type { NormalizedEvent } from '../ingest/event.js';
import { resolvePath } from '../sigma/compile/field-path.js';
import type { SigmaMatch } from '../sigma/engine/sigma-engine.js';
import type { LoadedRule } from './load-rules.js';

/** Renders `{field.path}` references of a message template against the event. */
export function renderMessage(template: string, data: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([^{}]+)\}/g, (_whole, path: string) => {
    const value = resolvePath(data, path);
    if (value === undefined || value === null) return '';
    if (Array.isArray(value)) return value.map(String).join(',');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
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
  const origin = findingOrigin(event.origin);
  const object = findingObject(objectReferenceOf(event.data.objectRef));
  const remediation = rule.custom.cw_remediation;
  return {
    rule: {
      id: loaded.packId ?? rule.id ?? rule.title,
      title: rule.title,
      source: loaded.packId ? 'pack' : 'sigma',
    },
    level,
    tags: rule.tags,
    time: findingTime(event),
    message,
    ...(origin ? { origin } : {}),
    matched: match.matched,
    ...(object ? { object } : {}),
    ...(typeof remediation === 'string' ? { remediation } : {}),
  };
}
