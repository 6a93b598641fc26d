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

/**
 * Umbrella categories: `registry_event` covers the Sysmon registry events 12–14 (the Sigma
 * taxonomy appendix's Windows table maps it to all three; SigmaHQ now files them as
 * registry_add / registry_set / registry_rename, and registry_delete for EventType
 * DeleteKey/DeleteValue on EID 12). Lowercase names.
 */
export const UMBRELLA_CATEGORIES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  registry_event: ['registry_add', 'registry_delete', 'registry_set', 'registry_rename'],
});

/**
 * True when a rule's `category` routes to an event of `eventCategory`: equal, or the event's
 * is listed under the rule's umbrella. Both lowercase; an event without a category is not
 * covered.
 */
export function categoryCovers(ruleCategory: string, eventCategory: string | undefined): boolean {
  if (eventCategory === undefined) return false;
  if (ruleCategory === eventCategory) return true;
  return UMBRELLA_CATEGORIES[ruleCategory]?.includes(eventCategory) === true;
}
