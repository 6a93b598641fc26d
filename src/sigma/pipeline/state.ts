/**
 * What a pipeline run remembers while it transforms one rule: pipeline variables, `set_state`
 * values, and which processing items were applied to the rule, to each detection item and to
 * each field name (read by the `processing_item_applied` conditions).
 * @module
 */
import type { DetectionItem, SigmaRule } from '../ast.js';
import type { CorrelationRule } from '../correlation/types.js';

export type VarValue = string | number | boolean | null;

export class ProcessingState {
  readonly state = new Map<string, unknown>();
  readonly appliedToRule = new Set<string>();
  readonly appliedToItem = new WeakMap<DetectionItem, Set<string>>();
  readonly appliedToField = new Map<string, Set<string>>();
  /** Original field names mapped by field_name_mapping items (for strict_field_mapping_failure). */
  readonly mappedFields = new Set<string>();

  constructor(
    readonly vars: ReadonlyMap<string, readonly VarValue[]>,
    /** The detection rules a correlation refers to, transitively (for logsource conditions). */
    readonly referencedRules: (rule: CorrelationRule) => readonly SigmaRule[] = () => [],
  ) {}

  itemApplied(item: DetectionItem, id: string): boolean {
    return this.appliedToItem.get(item)?.has(id) ?? false;
  }

  /** Carries the applied ids of `from` over to `to`, plus `id` when given. */
  inherit(from: DetectionItem, to: DetectionItem, id?: string): void {
    const ids = new Set(this.appliedToItem.get(from) ?? []);
    if (id !== undefined) ids.add(id);
    if (ids.size > 0) this.appliedToItem.set(to, ids);
  }

  markField(field: string, id: string): void {
    const ids = this.appliedToField.get(field) ?? new Set<string>();
    ids.add(id);
    this.appliedToField.set(field, ids);
  }
}
