/**
 * Blind spots: audit events whose bodies are missing or cut, so a template, command or image
 * rule cannot see what was created. They are kept (never dropped) and marked, because a
 * CronJob write nobody can inspect is itself a finding (pack rule CW-016).
 * @module
 */
import type { BlindSpot } from '../event.js';
import { isObject } from '../json/record-format.js';

export const TRUNCATED_ANNOTATION = 'audit.k8s.io/truncated';
/** The literal AKS writes instead of a body larger than its limit. */
export const AKS_SKIPPED_BODY = 'skipped-too-big-size-object';

const WRITE_VERBS = new Set(['create', 'update', 'patch']);
const SCHEDULED_RESOURCES = new Set(['cronjobs', 'jobs']);

/**
 * The blind spot of a decoded audit Event, if any:
 * - `audit.k8s.io/truncated`: the webhook backend dropped the bodies (annotation or GKE label);
 * - `aks.skipped-too-big-size-object`: AKS replaced a body by that literal;
 * - `metadata-level`: a create/update/patch of cronjobs/jobs logged at `Metadata`, so the
 *   policy never recorded the body (reads and deletes carry no body to inspect anyway).
 */
export function auditBlindSpot(event: Readonly<Record<string, unknown>>): BlindSpot | undefined {
  const annotations = event.annotations;
  if (isObject(annotations) && annotations[TRUNCATED_ANNOTATION] === 'true') {
    return {
      reason: TRUNCATED_ANNOTATION,
      detail: 'the API server dropped requestObject/responseObject because the event was too large',
    };
  }
  const request = event.requestObject;
  const response = event.responseObject;
  if (request === AKS_SKIPPED_BODY || response === AKS_SKIPPED_BODY) {
    const which = [
      request === AKS_SKIPPED_BODY ? 'requestObject' : '',
      response === AKS_SKIPPED_BODY ? 'responseObject' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return {
      reason: 'aks.skipped-too-big-size-object',
      detail: `AKS replaced ${which} by "${AKS_SKIPPED_BODY}"`,
    };
  }
  if (event.level === 'Metadata') {
    const objectRef = event.objectRef;
    if (
      isObject(objectRef) &&
      SCHEDULED_RESOURCES.has(objectRef.resource as string) &&
      objectRef.subresource === undefined &&
      WRITE_VERBS.has(event.verb as string)
    ) {
      return {
        reason: 'metadata-level',
        detail: `the audit policy logs ${objectRef.resource as string} at Metadata level: no request or response body`,
      };
    }
  }
  return undefined;
}
