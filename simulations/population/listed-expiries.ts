/**
 * Deribit-style listed expiries, all at 08:00 UTC: dailies (the next 4 days), weeklies (the next 4
 * Fridays), monthlies (the last Friday of the next 3 months) and quarterlies (the last Friday of
 * March, June, September and December, the next 4). A simulated position asks for a tenor in days
 * and gets the listed expiry nearest to it, so accounts share instruments as real books do.
 */
import { EXPIRY_HOUR_UTC } from "../instruments/instrument-name.ts";
import { MS_PER_DAY } from "../pricing/year-fraction.ts";

const FRIDAY = 5;

function at8(year: number, month: number, day: number): number {
  return Date.UTC(year, month, day, EXPIRY_HOUR_UTC);
}

function lastFriday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  const back = (last.getUTCDay() - FRIDAY + 7) % 7;
  return at8(year, month, last.getUTCDate() - back);
}

/** Listed expiries strictly after `asOfMs` (at least one hour later), ascending, without duplicates. */
export function listedExpiries(asOfMs: number): number[] {
  const minMs = asOfMs + 3_600_000;
  const d = new Date(asOfMs);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const out = new Set<number>();
  let day = at8(y, m, d.getUTCDate());
  if (day < minMs) day += MS_PER_DAY;
  for (let k = 0; k < 4; k++) out.add(day + k * MS_PER_DAY);
  let friday = day;
  while (new Date(friday).getUTCDay() !== FRIDAY) friday += MS_PER_DAY;
  for (let k = 0; k < 4; k++) out.add(friday + 7 * k * MS_PER_DAY);
  let monthly = 0;
  for (let k = 0; monthly < 3; k++) {
    const t = lastFriday(y, m + k);
    if (t >= minMs) {
      out.add(t);
      monthly++;
    }
  }
  let quarterly = 0;
  for (let k = 0; quarterly < 4; k++) {
    const month = m + k;
    if ((((month % 12) + 12) % 12) % 3 !== 2) continue;
    const t = lastFriday(y, month);
    if (t >= minMs) {
      out.add(t);
      quarterly++;
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** The listed expiry nearest to `asOfMs + days` (ties go to the later expiry). */
export function nearestListedExpiry(asOfMs: number, days: number, listed = listedExpiries(asOfMs)): number {
  return listed[nearestListedExpiryIndex(asOfMs, days, listed)]!;
}

/** Index in `listed` of the expiry nearest to `days` from now (the later one on a tie). */
export function nearestListedExpiryIndex(asOfMs: number, days: number, listed: readonly number[]): number {
  const target = asOfMs + days * MS_PER_DAY;
  let best = 0;
  for (let k = 1; k < listed.length; k++) {
    if (Math.abs(listed[k]! - target) <= Math.abs(listed[best]! - target)) best = k;
  }
  return best;
}
