/**
 * The transformation contract and the detection-item rewriter every item-level
 * transformation uses. Rules are immutable: a transformation returns a new rule.
 * @module
 */
import type { Issue, Location } from '../../errors.js';
import type { DetectionItem, DetectionMap, Search, SearchBody, SigmaRule } from '../ast.js';
import type { CorrelationRule } from '../correlation/types.js';
import type { Params } from './params.js';
import type { ProcessingState } from './state.js';

/** What a transformation sees besides the rule. */
export interface TransformContext {
  /** The processing item's id (for processing_item_applied conditions). */
  readonly id: string;
  readonly state: ProcessingState;
  readonly issues: Issue[];
  /** `rule "title" (id)` for messages. */
  readonly ruleLabel: string;
  /** Where the processing item is written (issues raised by the pipeline point here). */
  readonly location: Location;
  /** Whether the item's detection-item and field-name conditions select this item. */
  selects(item: DetectionItem): boolean;
  /** Whether the item's field-name conditions select this field name. */
  selectsField(field: string): boolean;
}

export interface TransformResult {
  readonly rule: SigmaRule;
  /** Whether the transformation changed anything (recorded for processing_item_applied). */
  readonly applied: boolean;
}

export interface Transformation {
  /** Returns the new rule, or undefined when the rule is rejected (an issue says why). */
  apply(rule: SigmaRule, context: TransformContext): TransformResult | undefined;
  /**
   * The same for a correlation rule (field names in group-by, aliases and condition.field);
   * absent when the transformation has no meaning for correlations.
   */
  applyCorrelation?(
    rule: CorrelationRule,
    context: TransformContext,
  ): { readonly rule: CorrelationRule; readonly applied: boolean } | undefined;
}

/** Builds a transformation from its parameters; undefined when they are invalid (issues say why). */
export type TransformationBuilder = (params: Params) => Transformation | undefined;

/** Upper bound on the maps of one search after one-to-many rewrites. */
export const MAX_MAPS_PER_SEARCH = 1024;

/**
 * What an item rewrite returns: the item itself (unchanged), a list of alternatives (OR-ed:
 * one-to-many mappings), or null to drop the item.
 */
export type ItemRewrite = (item: DetectionItem) => readonly DetectionItem[] | null;

/**
 * Rewrites every selected detection item of a rule. Alternatives multiply the maps of a
 * search (an OR of ANDs), bounded by MAX_MAPS_PER_SEARCH.
 */
export function rewriteItems(
  rule: SigmaRule,
  context: TransformContext,
  rewrite: ItemRewrite,
): TransformResult | undefined {
  let applied = false;
  let overflow = false;
  const emptied: string[] = [];
  const rewriteMap = (map: DetectionMap): DetectionMap[] => {
    let products: DetectionItem[][] = [[]];
    for (const item of map.items) {
      const result = context.selects(item) ? rewrite(item) : [item];
      if (result === null) {
        applied = true;
        continue;
      }
      for (const next of result) {
        if (next !== item) {
          applied = true;
          context.state.inherit(item, next, context.id);
        }
      }
      if (result.length === 1) {
        for (const product of products) product.push(result[0]!);
        continue;
      }
      const grown: DetectionItem[][] = [];
      for (const product of products) for (const next of result) grown.push([...product, next]);
      products = grown;
      if (products.length > MAX_MAPS_PER_SEARCH) {
        overflow = true;
        return [map];
      }
    }
    return products.map((items) => ({ items, location: map.location }));
  };
  const searches: Search[] = rule.detection.searches.map((search) => {
    const body = search.body;
    let next: SearchBody;
    if (body.kind === 'keywords') {
      const result = context.selects(body.item) ? rewrite(body.item) : [body.item];
      if (result === null || result.length === 0) {
        applied = true;
        emptied.push(search.name);
        next = { kind: 'map', map: { items: [], location: search.location } };
      } else if (result.length === 1) {
        if (result[0] !== body.item) {
          applied = true;
          context.state.inherit(body.item, result[0]!, context.id);
        }
        next = { kind: 'keywords', item: result[0]! };
      } else {
        applied = true;
        next = {
          kind: 'maps',
          maps: result.map((item) => ({ items: [item], location: search.location })),
        };
      }
    } else {
      const maps = body.kind === 'map' ? [body.map] : body.maps;
      const rewritten = maps.flatMap(rewriteMap);
      if (rewritten.some((map) => map.items.length === 0)) emptied.push(search.name);
      next =
        rewritten.length === 1 && body.kind === 'map'
          ? { kind: 'map', map: rewritten[0]! }
          : { kind: 'maps', maps: rewritten };
    }
    return { ...search, body: next };
  });
  if (overflow) {
    context.issues.push({
      code: 'CW_SIGMA_PIPELINE_LIMIT',
      severity: 'error',
      message: `${context.ruleLabel}: one-to-many rewrites would expand a search to more than ${MAX_MAPS_PER_SEARCH} alternatives`,
      location: context.location,
    });
    return undefined;
  }
  for (const name of emptied) {
    context.issues.push({
      code: 'CW_SIGMA_PIPELINE_IGNORED',
      severity: 'warning',
      message: `${context.ruleLabel}: search "${name}" has no detection item left after the pipeline; an empty search matches every event`,
      location: context.location,
    });
  }
  if (!applied) return { rule, applied };
  return { rule: { ...rule, detection: { ...rule.detection, searches } }, applied };
}
