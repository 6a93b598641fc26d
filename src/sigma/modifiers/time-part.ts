/**
 * Time modifiers (modifiers appendix §Time): `minute hour day week month year` extract a number
 * from a date. Decided (docs/sigma-semantics.md): parts are taken in UTC; event strings are
 * parsed as ISO 8601 (`Date.parse`), numbers are epoch milliseconds; `week` is the ISO 8601
 * week (1–53).
 * @module
 */
export const TIME_PARTS = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;
export type TimePart = (typeof TIME_PARTS)[number];

/** The epoch milliseconds of an event value, or undefined when it is not a date. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.length < 4) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** ISO 8601 week number (1–53) of a UTC date. */
export function isoWeek(date: Date): number {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/** Extracts a time part (UTC) from epoch milliseconds. */
export function timePart(part: TimePart, ms: number): number {
  const date = new Date(ms);
  switch (part) {
    case 'minute':
      return date.getUTCMinutes();
    case 'hour':
      return date.getUTCHours();
    case 'day':
      return date.getUTCDate();
    case 'week':
      return isoWeek(date);
    case 'month':
      return date.getUTCMonth() + 1;
    case 'year':
      return date.getUTCFullYear();
    default: {
      const never: never = part;
      return never;
    }
  }
}
