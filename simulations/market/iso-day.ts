/** UTC calendar-day helpers for ISO `YYYY-MM-DD` strings (no time zones involved anywhere). */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `s` is a real calendar day written as `YYYY-MM-DD` (rejects 2021-02-30). */
export function isIsoDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === s;
}

/** Days since 1970-01-01 for an ISO day; throws on a malformed day. */
export function isoDayToEpochDay(s: string): number {
  if (!isIsoDay(s)) throw new Error(`not an ISO day (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return Date.parse(`${s}T00:00:00Z`) / MS_PER_DAY;
}

export function epochDayToIsoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The ISO day `n` calendar days after `s` (n may be negative). */
export function addDays(s: string, n: number): string {
  return epochDayToIsoDay(isoDayToEpochDay(s) + n);
}
