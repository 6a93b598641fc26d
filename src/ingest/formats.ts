/**
 * The format catalogue: every input format cronwarden reads, auto-detection by sniffing the
 * head of a stream, and opening a decoder (forced or detected). Adding a format means adding
 * its file, one line here, its test and its row in `docs/ingest-formats.md`.
 * @module
 */

import { CronwardenError } from '../errors.js';
import { ADMISSION_REVIEW_FORMAT } from './admission/admission-review.js';
import { AKS_DIAGNOSTIC_FORMAT } from './aks/diagnostic.js';
import { AKS_LOG_ANALYTICS_FORMAT } from './aks/log-analytics.js';
import { AKS_LOG_ANALYTICS_CSV_FORMAT } from './aks/log-analytics-csv.js';
import { AZURE_ACTIVITY_LOG_FORMAT } from './azure/activity-log.js';
import { EKS_CLOUDWATCH_FORMAT } from './eks/cloudwatch.js';
import { EKS_SUBSCRIPTION_FORMAT } from './eks/subscription.js';
import { LINUX_AUDITD_FORMAT } from './endpoint/auditd.js';
import { ELASTIC_ECS_FORMAT } from './endpoint/ecs.js';
import { WINDOWS_EVTX_JSON_FORMAT } from './endpoint/evtx-json.js';
import { FALCO_JSON_FORMAT } from './endpoint/falco.js';
import { K8S_OBJECT_EVENTS_FORMAT } from './endpoint/kubelet-events.js';
import { WINDOWS_AGENT_JSON_FORMAT } from './endpoint/windows-agent-json.js';
import { SYSMON_LINUX_FORMAT, WINDOWS_XML_FORMAT } from './endpoint/windows-xml.js';
import type { DecodeOptions, DecodeSink, Format, LineDecoder } from './format.js';
import { GKE_CLOUD_AUDIT_FORMAT } from './gke/cloud-audit.js';
import { openJsonRecordDecoder } from './json/dispatch.js';
import { describeLine } from './json/framer.js';
import { isJsonRecordFormat, type JsonRecordFormat } from './json/record-format.js';
import { firstJsonRecord } from './json/sniff.js';
import { K8S_AUDIT_FORMAT } from './k8s/audit-event.js';
import { K8S_EVENT_LIST_FORMAT } from './k8s/event-list.js';

/**
 * Every format, in tie-break order: on equal sniff confidence the earlier entry wins, so
 * wrappers (EventList, subscription payloads) and envelopes come before the raw Event they
 * carry. Endpoint formats (`endpoint/`) are appended by their own line.
 */
export const FORMATS: readonly Format[] = [
  K8S_EVENT_LIST_FORMAT,
  EKS_SUBSCRIPTION_FORMAT,
  AKS_DIAGNOSTIC_FORMAT,
  AKS_LOG_ANALYTICS_FORMAT,
  AKS_LOG_ANALYTICS_CSV_FORMAT,
  EKS_CLOUDWATCH_FORMAT,
  GKE_CLOUD_AUDIT_FORMAT,
  AZURE_ACTIVITY_LOG_FORMAT,
  K8S_AUDIT_FORMAT,
  ADMISSION_REVIEW_FORMAT,
  WINDOWS_EVTX_JSON_FORMAT,
  WINDOWS_AGENT_JSON_FORMAT,
  WINDOWS_XML_FORMAT,
  SYSMON_LINUX_FORMAT,
  LINUX_AUDITD_FORMAT,
  ELASTIC_ECS_FORMAT,
  FALCO_JSON_FORMAT,
  K8S_OBJECT_EVENTS_FORMAT,
];

/** Confidence below which a sniff result does not count as detection. */
export const MIN_CONFIDENCE = 0.25;

/** The format with this id, or undefined. */
export function findFormat(id: string, formats: readonly Format[] = FORMATS): Format | undefined {
  return formats.find((format) => format.id === id);
}

/** The format with this id; throws `CW_INGEST_NO_SUCH_FORMAT` listing the valid ids. */
export function getFormat(id: string, formats: readonly Format[] = FORMATS): Format {
  const format = findFormat(id, formats);
  if (format !== undefined) return format;
  throw new CronwardenError(
    'CW_INGEST_NO_SUCH_FORMAT',
    `unknown format "${id}"; known formats: ${formats.map((f) => f.id).join(', ')}`,
  );
}

export interface FormatDetection {
  readonly format: Format;
  readonly confidence: number;
}

/**
 * Sniffs `head` (the first lines of a decompressed stream, up to 64 KiB) against every format;
 * returns the most confident one, or undefined when none reaches `MIN_CONFIDENCE`.
 */
export function detectFormat(
  head: string,
  formats: readonly Format[] = FORMATS,
): FormatDetection | undefined {
  let best: FormatDetection | undefined;
  for (const format of formats) {
    const confidence = format.sniff(head);
    if (confidence >= MIN_CONFIDENCE && (best === undefined || confidence > best.confidence)) {
      best = { format, confidence };
    }
  }
  return best;
}

/** Says what an undetectable head looks like, without printing its content. */
export function describeHead(head: string): string {
  const record = firstJsonRecord(head);
  if (record !== undefined) {
    const keys = Object.keys(record);
    return keys.length === 0
      ? 'an empty JSON object'
      : `a JSON object with keys ${keys.slice(0, 10).join(', ')}${keys.length > 10 ? ', …' : ''}`;
  }
  const firstLine = head.slice(0, head.indexOf('\n') >>> 0);
  return describeLine(firstLine);
}

export interface OpenOptions extends DecodeOptions {
  /**
   * When true (a forced --format), only this format decodes; records of another shape are
   * issues. When false (detected), JSON records of other catalogue formats are routed to
   * their own decoder, so files mixing envelopes decode fully.
   */
  readonly isStrict?: boolean;
}

/** Opens the line decoder of `format` for one stream. */
export function openDecoder(
  format: Format,
  file: string,
  sink: DecodeSink,
  options: OpenOptions = {},
  formats: readonly Format[] = FORMATS,
): LineDecoder {
  if (!isJsonRecordFormat(format) || options.isStrict === true) {
    return format.open(file, sink, options);
  }
  const fallbacks = formats.filter((entry): entry is JsonRecordFormat => isJsonRecordFormat(entry));
  return openJsonRecordDecoder(format, file, sink, {
    fallbacks,
    ...(options.maxDocumentBytes === undefined
      ? {}
      : { maxDocumentBytes: options.maxDocumentBytes }),
  });
}
