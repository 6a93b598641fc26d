/**
 * A Sigma logsource: which product/service/category a rule reads or an event comes from.
 * Shared by the Sigma engine (routing) and ingest (each event carries one).
 * @module
 */
export interface Logsource {
  readonly product?: string;
  readonly service?: string;
  readonly category?: string;
}
