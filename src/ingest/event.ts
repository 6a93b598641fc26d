/**
 * The normalized event: what every decoder produces and what rules read.
 * @module
 */
import type { Location } from '../errors.js';
import type { Logsource } from '../logsource.js';

/**
 * Where the raw record is. `line` is the 1-based line of the record's first line (line
 * formats); `index` the 0-based position in a JSON array or XML document; `offset` a byte
 * offset in the decompressed stream when neither applies.
 */
export type EventOrigin = Location;

/** Why an event cannot be fully inspected (truncated or missing request/response body). */
export interface BlindSpot {
  /** `audit.k8s.io/truncated`, `aks.skipped-too-big-size-object`, `eks.truncated`, `metadata-level`. */
  readonly reason: string;
  readonly detail: string;
}

export interface NormalizedEvent {
  /** Id of the format that decoded it (`k8s-audit`, `eks-cloudwatch`, `sysmon-xml`, …). */
  readonly format: string;
  /** The Sigma logsource used for rule routing. */
  readonly logsource: Logsource;
  /** Event time as epoch milliseconds (NaN when the record has none). */
  readonly timeMs: number;
  /**
   * The record as rules read it: the audit `Event` shape (`verb`, `objectRef.resource`,
   * `requestObject`, …) for every Kubernetes envelope; Sigma taxonomy names (`Image`,
   * `CommandLine`, `ParentImage`, `User`, `TargetFilename`, …) for endpoint events; the
   * Activity Log fields (`operationName`, `caller`, …) for Azure.
   */
  readonly data: Record<string, unknown>;
  readonly origin: EventOrigin;
  readonly blindSpot?: BlindSpot;
}
