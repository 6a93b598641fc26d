/**
 * The per-event view handed to compiled matchers: the event data plus lazily computed,
 * shared work — each field's value and its lowercased text (one slot per field name, see
 * `field-slot.ts`), all string leaves for keyword searches and their lowercased copies. The
 * engine reuses one view for every event (`reset`), so the run phase allocates no tables.
 * @module
 */
import { collectStringLeaves } from './field-path.js';
import { type FieldSlot, fieldSlotCount } from './field-slot.js';

/** Generations wrap before Int32 overflow; the stamps are cleared then. */
const MAX_GENERATION = 0x7fffffff;

export class EventView {
  #data: Readonly<Record<string, unknown>>;
  #generation = 1;
  /** `#stamps[id] === #generation`: slot `id` holds this event's value. */
  #stamps = new Int32Array(0);
  #values: unknown[] = [];
  /** Lowercased text of a string value; undefined until asked for. */
  #lowers: (string | undefined)[] = [];
  #leaves: string[] | undefined;
  #lowerLeaves: string[] | undefined;

  constructor(data: Readonly<Record<string, unknown>>) {
    this.#data = data;
  }

  get data(): Readonly<Record<string, unknown>> {
    return this.#data;
  }

  /** Points the view at another event, forgetting everything computed for the previous one. */
  reset(data: Readonly<Record<string, unknown>>): void {
    this.#data = data;
    this.#leaves = undefined;
    this.#lowerLeaves = undefined;
    this.#generation += 1;
    if (this.#generation === MAX_GENERATION) {
      this.#stamps.fill(0);
      this.#generation = 1;
    }
  }

  /** A field's value (see `resolvePath`): read once per event. */
  value(slot: FieldSlot): unknown {
    const id = slot.id;
    if (id < this.#stamps.length && this.#stamps[id] === this.#generation) return this.#values[id];
    return this.#load(slot);
  }

  /** The lowercased `text`, which must be the string `value(slot)` returned for this event. */
  lower(slot: FieldSlot, text: string): string {
    const id = slot.id;
    let lower = this.#lowers[id];
    if (lower === undefined) {
      lower = text.toLowerCase();
      this.#lowers[id] = lower;
    }
    return lower;
  }

  #load(slot: FieldSlot): unknown {
    const id = slot.id;
    if (id >= this.#stamps.length) {
      const grown = new Int32Array(Math.max(fieldSlotCount(), id + 1));
      grown.set(this.#stamps);
      this.#stamps = grown;
      // Filled, not assigned past the end: keeps V8's fast (packed) elements.
      while (this.#values.length < grown.length) {
        this.#values.push(undefined);
        this.#lowers.push(undefined);
      }
    }
    const value = slot.read(this.#data);
    this.#stamps[id] = this.#generation;
    this.#values[id] = value;
    this.#lowers[id] = undefined;
    return value;
  }

  /** Every string value in the event (keywords search them all). */
  leaves(): readonly string[] {
    if (this.#leaves === undefined) {
      this.#leaves = [];
      collectStringLeaves(this.#data, this.#leaves);
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
