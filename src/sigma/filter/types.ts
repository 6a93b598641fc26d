/**
 * The parsed form of a Sigma filter (meta-filter) document (Sigma Filters Specification v2.1.0,
 * with the v2.2 draft's `rules: any`).
 * @module
 */
import type { Location } from '../../errors.js';
import type { Logsource } from '../../logsource.js';
import type { Detection } from '../ast.js';

export interface FilterRuleReference {
  readonly ref: string;
  readonly location: Location;
}

export interface SigmaFilter {
  readonly kind: 'filter';
  readonly title: string;
  readonly id?: string;
  readonly name?: string;
  readonly description?: string;
  readonly logsource: Logsource;
  /** `any`: every rule whose logsource is within the filter's (v2.2 draft; also `[]`). */
  readonly rules: 'any' | readonly FilterRuleReference[];
  /** The filter's searches and condition(s), parsed as a rule's `detection`. */
  readonly detection: Detection;
  readonly location: Location;
}

/** Short label for messages: `filter "title" (id)`. */
export function describeFilter(filter: Pick<SigmaFilter, 'title' | 'id'>): string {
  return filter.id ? `filter "${filter.title}" (${filter.id})` : `filter "${filter.title}"`;
}
