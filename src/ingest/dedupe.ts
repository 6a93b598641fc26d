/**
 * Audit event deduplication. The same request appears once per stage (`RequestReceived`,
 * `ResponseStarted`, `ResponseComplete`, `Panic`) with one `auditID`, and webhook backends
 * retry whole batches, so the same (auditID, stage) can arrive twice. A request is evaluated
 * once: at `ResponseComplete` (the outcome is known), or at `ResponseStarted` for the
 * streaming subresources exec/attach/portforward, whose completion may come hours later;
 * `Panic` is kept because no completion follows it. Memory is bounded: an LRU of keys capped
 * by count and, optionally, by a time window on the event clock.
 * @module
 */
import type { NormalizedEvent } from './event.js';
import { isObject } from './json/record-format.js';

export type DedupeVerdict = 'keep' | 'duplicate' | 'other-stage';

export interface DedupeOptions {
  /** Keys remembered (default 200,000, about 20 MB). */
  readonly maxEntries?: number;
  /** Forget keys older than this many ms of event time behind the newest event (default: off). */
  readonly windowMs?: number;
  /** Keep only the evaluation stage of each request (default true). */
  readonly isEvaluateOnce?: boolean;
}

const STREAMING = new Set(['exec', 'attach', 'portforward']);

/** The stage at which a request with this subresource is evaluated. */
export function evaluationStage(subresource: unknown): 'ResponseStarted' | 'ResponseComplete' {
  return typeof subresource === 'string' && STREAMING.has(subresource)
    ? 'ResponseStarted'
    : 'ResponseComplete';
}

export class AuditDedupe {
  private readonly seen = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly windowMs: number;
  private readonly isEvaluateOnce: boolean;
  private newestMs = Number.NEGATIVE_INFINITY;

  constructor(options: DedupeOptions = {}) {
    this.maxEntries = options.maxEntries ?? 200_000;
    this.windowMs = options.windowMs ?? Number.POSITIVE_INFINITY;
    this.isEvaluateOnce = options.isEvaluateOnce ?? true;
  }

  /** Number of keys held. */
  get size(): number {
    return this.seen.size;
  }

  /** Decides for one event; only Kubernetes audit events are ever dropped. */
  check(event: NormalizedEvent): DedupeVerdict {
    if (event.logsource.product !== 'kubernetes' || event.logsource.service !== 'audit') {
      return 'keep';
    }
    const data = event.data;
    const stage = data.stage;
    if (this.isEvaluateOnce && typeof stage === 'string' && stage !== 'Panic') {
      const objectRef = data.objectRef;
      const wanted = evaluationStage(isObject(objectRef) ? objectRef.subresource : undefined);
      if (stage !== wanted) return 'other-stage';
    }
    const auditId = data.auditID;
    if (typeof auditId !== 'string' || auditId === '') return 'keep';
    const key = typeof stage === 'string' ? `${auditId}\u0000${stage}` : auditId;
    if (this.seen.has(key)) return 'duplicate';
    const time = event.timeMs;
    this.seen.set(key, time);
    if (time > this.newestMs) this.newestMs = time;
    this.evict();
    return 'keep';
  }

  private evict(): void {
    while (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) return;
      this.seen.delete(oldest);
    }
    if (this.windowMs === Number.POSITIVE_INFINITY) return;
    const horizon = this.newestMs - this.windowMs;
    for (const [key, time] of this.seen) {
      if (!(time < horizon)) return;
      this.seen.delete(key);
    }
  }
}
