/**
 * The field table: every field name a compiled rule reads gets a slot number once, at compile
 * time, so an `EventView` can resolve each path (and lowercase its text) once per event however
 * many rules read it.
 * @module
 */
import { compileFieldReader, type FieldReader } from './field-path.js';

/** A field name with its table slot and its compiled reader. */
export interface FieldSlot {
  readonly id: number;
  readonly field: string;
  readonly read: FieldReader;
  /** A name without dots: its value is the event's own property of that name, if any. */
  readonly isTopLevel: boolean;
}

const SLOTS = new Map<string, FieldSlot>();

/** The slot of a field name, created on first use (names are case-sensitive). */
export function fieldSlot(field: string): FieldSlot {
  let slot = SLOTS.get(field);
  if (slot === undefined) {
    slot = {
      id: SLOTS.size,
      field,
      read: compileFieldReader(field),
      isTopLevel: !field.includes('.'),
    };
    SLOTS.set(field, slot);
  }
  return slot;
}

/** How many slots exist (views size their tables with it). */
export function fieldSlotCount(): number {
  return SLOTS.size;
}

/** The slot of a field name if some rule reads it (no slot is created). */
export function existingFieldSlot(field: string): FieldSlot | undefined {
  return SLOTS.get(field);
}
