/**
 * Timestamp parsing for every envelope: RFC 3339 with up to nanosecond fractions
 * (`2024-11-13T18:34:10.595141000Z`), the space-separated form Panther and Log Analytics
 * exports use (`2022-11-29 00:09:04.38`, read as UTC), and epoch milliseconds (CloudWatch).
 * @module
 */

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|z|[+-]\d{2}:?\d{2}|UTC)?$/;

/** Epoch milliseconds of a timestamp value, or NaN when there is none or it cannot be read. */
export function parseTimestamp(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== 'string') return Number.NaN;
  // Fast path for the common `…T…Z` form: V8's Date.parse reads any number of fraction
  // digits (truncating to ms) and is zone-safe when the string says Z. Measured: the regex
  // cost a fifth of JSON.parse per audit line.
  if (value.charCodeAt(10) === 84 && value.charCodeAt(value.length - 1) === 90) {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return time;
  }
  const m = TIMESTAMP.exec(value);
  if (m === null) return Number.NaN;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const ms = fraction === undefined ? 0 : Number(`${fraction}00`.slice(0, 3));
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone !== undefined && zone !== 'Z' && zone !== 'z' && zone !== 'UTC') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    time -= sign * offset * 60_000;
  }
  return time;
}

/** The first of several candidate timestamps that parses. */
export function firstTimestamp(...values: unknown[]): number {
  for (const value of values) {
    const time = parseTimestamp(value);
    if (!Number.isNaN(time)) return time;
  }
  return Number.NaN;
}
