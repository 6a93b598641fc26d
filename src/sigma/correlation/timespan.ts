/**
 * Correlation `timespan`: "number + letter (in lowercase)" with units s, m, h, d
 * (Sigma Correlation Rules Specification v2.1.0, §Time Selection), plus `w` (weeks) as
 * pySigma accepts. Months and years are rejected: their length is not fixed.
 * @module
 */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export type TimespanResult = { ok: true; ms: number } | { ok: false; reason: string };

/** Parses `90m` into milliseconds, or says what is wrong with it. */
export function parseTimespan(text: string): TimespanResult {
  const match = /^(\d+)([a-zA-Z]+)$/.exec(text.trim());
  if (!match) {
    return {
      ok: false,
      reason: `timespan "${text}" is not a number followed by a unit (s, m, h, d, w), e.g. "5m"`,
    };
  }
  const amount = Number(match[1]);
  const unit = match[2] ?? '';
  if (!(unit in UNIT_MS)) {
    const hint =
      unit === 'M' || unit === 'y'
        ? ' (months and years have no fixed length; use days)'
        : unit.toLowerCase() in UNIT_MS
          ? ` (units are lowercase: "${unit.toLowerCase()}")`
          : '';
    return {
      ok: false,
      reason: `timespan "${text}" has unit "${unit}"; expected one of s, m, h, d, w${hint}`,
    };
  }
  if (amount <= 0 || !Number.isSafeInteger(amount)) {
    return { ok: false, reason: `timespan "${text}" must be a positive whole number of ${unit}` };
  }
  const ms = amount * UNIT_MS[unit as keyof typeof UNIT_MS];
  if (!Number.isSafeInteger(ms)) {
    return { ok: false, reason: `timespan "${text}" is too large` };
  }
  return { ok: true, ms };
}
