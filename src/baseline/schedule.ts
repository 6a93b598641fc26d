/**
 * CronJob schedules as a baseline compares them: the normalised 5-field form and the shortest
 * interval between two runs, in minutes. Kubernetes parses `spec.schedule` with the standard
 * cron grammar (minute hour day-of-month month day-of-week, `*`, `a-b`, `/step`, lists, month
 * and weekday names, `7` = Sunday) plus the `@yearly/@annually/@monthly/@weekly/@daily/
 * @midnight/@hourly` macros, and a `CRON_TZ=`/`TZ=` prefix that does not change frequency.
 * As in Vixie cron, when both day-of-month and day-of-week are restricted a day matches if
 * either does.
 * @module
 */

export interface Schedule {
  /** The five fields, single-spaced, macros expanded, time-zone prefix dropped. */
  readonly normalized: string;
  /** Shortest time between two runs in minutes; undefined when the text does not parse or never fires. */
  readonly intervalMinutes: number | undefined;
}

/** Frequency classes, most frequent first. */
export type FrequencyClass = 'every-minute' | 'sub-hourly' | 'hourly' | 'daily' | 'weekly-or-rarer';

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** First name's number (1 for months, 0 for weekdays). */
  readonly nameBase?: number;
}

const FIELDS: readonly FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { min: 0, max: 7, names: WEEKDAYS, nameBase: 0 },
];

function parseNumber(text: string, spec: FieldSpec): number | undefined {
  const named = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (spec.nameBase ?? 0);
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= spec.min && value <= spec.max ? value : undefined;
}

/** Expands one cron field into the set of values it allows; undefined when invalid. */
function parseField(text: string, spec: FieldSpec): Set<number> | undefined {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let low: number | undefined;
    let high: number | undefined;
    if (range === '*' || range === '?') {
      low = spec.min;
      high = spec.max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      low = parseNumber(a, spec);
      high = parseNumber(b, spec);
    } else {
      low = parseNumber(range, spec);
      high = stepText === undefined ? low : spec.max;
    }
    if (low === undefined || high === undefined || low > high) return undefined;
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return values;
}

const DAY_MS = 86_400_000;
/** Two years of days: every day-of-month × weekday × month combination occurs in it. */
const CALENDAR_START = Date.UTC(2026, 0, 1);
const CALENDAR_DAYS = 730;

function allowedDays(
  doms: Set<number>,
  months: Set<number>,
  dows: Set<number>,
  isDomStar: boolean,
  isDowStar: boolean,
): number[] {
  const days: number[] = [];
  for (let day = 0; day < CALENDAR_DAYS; day++) {
    const date = new Date(CALENDAR_START + day * DAY_MS);
    if (!months.has(date.getUTCMonth() + 1)) continue;
    const domOk = doms.has(date.getUTCDate());
    const dowOk = dows.has(date.getUTCDay());
    const ok = isDomStar || isDowStar ? domOk && dowOk : domOk || dowOk;
    if (ok) days.push(day);
  }
  return days;
}

function intervalOf(fields: readonly string[]): number | undefined {
  const sets = fields.map((field, index) => parseField(field, FIELDS[index] as FieldSpec));
  const [minutes, hours, doms, months, dows] = sets;
  if (!minutes || !hours || !doms || !months || !dows) return undefined;
  if (dows.has(7)) dows.add(0);
  const days = allowedDays(
    doms,
    months,
    dows,
    (fields[2] ?? '').startsWith('*'),
    (fields[4] ?? '').startsWith('*'),
  );
  if (days.length === 0) return undefined;
  let dayGap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < days.length; i++) {
    dayGap = Math.min(dayGap, (days[i] as number) - (days[i - 1] as number));
  }
  const times = [...hours]
    .flatMap((hour) => [...minutes].map((minute) => hour * 60 + minute))
    .sort((a, b) => a - b);
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < times.length; i++) {
    gap = Math.min(gap, (times[i] as number) - (times[i - 1] as number));
  }
  const first = times[0] as number;
  const last = times[times.length - 1] as number;
  // From the last run of one allowed day to the first run of the next allowed day.
  if (Number.isFinite(dayGap)) gap = Math.min(gap, dayGap * 1440 - last + first);
  return Number.isFinite(gap) ? gap : 365 * 1440;
}

const cache = new Map<string, Schedule>();

/** Normalises a CronJob schedule and computes its shortest interval (cached per text). */
export function parseSchedule(text: string): Schedule {
  const cached = cache.get(text);
  if (cached) return cached;
  let body = text.trim().replace(/\s+/g, ' ');
  body = body.replace(/^(?:CRON_TZ|TZ)=\S+ /, '');
  body = MACROS[body.toLowerCase()] ?? body;
  const fields = body.split(' ');
  const schedule: Schedule = {
    normalized: body,
    intervalMinutes: fields.length === 5 ? intervalOf(fields) : undefined,
  };
  if (cache.size < 10_000) cache.set(text, schedule);
  return schedule;
}

/** The frequency class of an interval in minutes. */
export function frequencyClass(intervalMinutes: number): FrequencyClass {
  if (intervalMinutes <= 1) return 'every-minute';
  if (intervalMinutes < 60) return 'sub-hourly';
  if (intervalMinutes < 1440) return 'hourly';
  if (intervalMinutes < 10_080) return 'daily';
  return 'weekly-or-rarer';
}

/** "every minute", "every 15 minutes", "every 2 hours", "every day", "every 7 days". */
export function describeInterval(minutes: number): string {
  if (minutes <= 1) return 'every minute';
  if (minutes < 60) return `every ${minutes} minutes`;
  if (minutes % 1440 === 0) return minutes === 1440 ? 'every day' : `every ${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'every hour' : `every ${minutes / 60} hours`;
  return `every ${Math.round(minutes / 6) / 10} hours`;
}
