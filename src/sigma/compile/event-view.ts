/**
 * The per-event view handed to compiled matchers: the event data plus lazily computed,
 * shared work (all string leaves for keyword searches, lowercased copies).
 * @module
 */
import { collectStringLeaves } from './field-path.js';

export class EventView {
  #leaves: string[] | undefined;
  #lowerLeaves: string[] | undefined;

  constructor(readonly data: Readonly<Record<string, unknown>>) {}

  /** Every string value in the event (keywords search them all). */
  leaves(): readonly string[] {
    if (this.#leaves === undefined) {
      this.#leaves = [];
      collectStringLeaves(this.data, this.#leaves);
    }
    return this.#leaves;
  }

  /** The string leaves, lowercased once per event. */
  lowerLeaves(): readonly string[] {
    if (this.#lowerLeaves === undefined)
      this.#lowerLeaves = this.leaves().map((leaf) => leaf.toLowerCase());
    return this.#lowerLeaves;
  }
}
