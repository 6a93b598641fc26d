/**
 * The per-event view handed to compiled matchers: the event data plus lazily computed,
 * shared work — each field's value and its lowercased text (one slot per field name, see
 * `field-slot.ts`), all string leaves for keyword searches and their lowercased copies. The
 * engine reuses one view for every event (`reset`), so the run phase allocates no tables.
 * @module
 */
import { lowerCached } from './compile-needles.js';
import { collectStringLeaves, WalkCache } from './field-path.js';
import { existingFieldSlot, type FieldSlot, fieldSlotCount } from './field-slot.js';

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
  readonly #walk = new WalkCache();
  #lowerLeaves: string[] | undefined;
  /** Top-level properties in the slots (see `#scanTopLevel`): not yet, done, or not possible. */
  #scan: 'pending' | 'done' | 'impossible' = 'pending';
  /** How many slots existed at the scan. */
  #scannedSlots = 0;

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
    this.#walk.clear();
    this.#scan = 'pending';
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
    if (slot.isTopLevel) {
      if (this.#scan === 'pending') this.#scanTopLevel();
      // A slot created after the scan (a rule compiled since) was not looked for: read it.
      if (this.#scan === 'done' && id < this.#scannedSlots) {
        if (this.#stamps[id] === this.#generation) return this.#values[id];
        return this.#store(id, undefined); // not among the event's own properties
      }
    }
    return this.#load(slot);
  }

  /**
   * Fills the slots of every top-level property in one pass over the event's keys, so a
   * top-level field no rule-visible key names is known absent without a lookup. A property
   * read by a computed name on events of many shapes is a megamorphic load in V8; iterating
   * the keys is not. Only for plain objects (JSON data); the fields of anything else are read
   * one by one.
   */
  #scanTopLevel(): void {
    const data = this.#data;
    const prototype = Object.getPrototypeOf(data);
    if ((prototype !== Object.prototype && prototype !== null) || Array.isArray(data)) {
      this.#scan = 'impossible';
      return;
    }
    this.#scan = 'done';
    this.#scannedSlots = fieldSlotCount();
    this.#ensureCapacity(this.#scannedSlots);
    for (const key in data) {
      const slot = existingFieldSlot(key);
      // Own properties only (an enumerable key on Object.prototype is not event data); a
      // dotted name with an undefined literal value still walks the nested path.
      if (slot === undefined || !Object.hasOwn(data, key)) continue;
      const value = data[key];
      if (slot.isTopLevel || value !== undefined) this.#store(slot.id, value);
    }
  }

  #store(id: number, value: unknown): unknown {
    this.#ensureCapacity(id + 1);
    this.#stamps[id] = this.#generation;
    this.#values[id] = value;
    this.#lowers[id] = undefined;
    return value;
  }

  #ensureCapacity(size: number): void {
    if (size <= this.#stamps.length) return;
    const grown = new Int32Array(Math.max(fieldSlotCount(), size));
    grown.set(this.#stamps);
    this.#stamps = grown;
    // Filled, not assigned past the end: keeps V8's fast (packed) elements.
    while (this.#values.length < grown.length) {
      this.#values.push(undefined);
      this.#lowers.push(undefined);
    }
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
    return this.#store(slot.id, slot.read(this.#data, this.#walk));
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
    if (this.#lowerLeaves === undefined) this.#lowerLeaves = this.leaves().map(lowerCached);
    return this.#lowerLeaves;
  }
}
