// Calendar arithmetic for the seed data, done on the strings themselves (through UTC), so the result
// does not depend on the time zone of the machine that generates or loads the data.

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})(T.+)$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Zhongshan keeps China Standard Time all year, with no daylight saving. */
export const ZHONGSHAN_OFFSET = '+08:00';

function utcMs(date: string): number {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** True for a real calendar day written YYYY-MM-DD (so 2026-02-30 is not one). */
export function isLocalDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  const ms = utcMs(value);
  return new Date(ms).toISOString().slice(0, 10) === value;
}

export function addDaysToDate(date: string, days: number): string {
  return new Date(utcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysFromTo(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/**
 * Moves an ISO instant by whole days, keeping its time of day and its offset as written. With a
 * literal offset (or Z) that is exactly `days` × 24 hours later.
 */
export function shiftInstant(instant: string, days: number): string {
  const match = INSTANT.exec(instant);
  if (!match?.[1] || match[2] === undefined)
    throw new RangeError(`not an ISO instant: ${JSON.stringify(instant)}`);
  return addDaysToDate(match[1], days) + match[2];
}

/** An instant on a Zhongshan calendar day, `minuteOfDay` minutes after local midnight (less than a day). */
export function zhongshanInstant(date: string, minuteOfDay: number): string {
  if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay >= 24 * 60) {
    throw new RangeError(`minute of day out of range: ${minuteOfDay}`);
  }
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return `${date}T${hh}:${mm}:00${ZHONGSHAN_OFFSET}`;
}

/** Age in whole years on `today` of someone born on `birthDate`. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
