/** Durations and the vote's next steps in words, for the proposal page's Snapshot panel. */

const UNITS: [seconds: number, one: string][] = [
  [86_400, "day"],
  [3_600, "hour"],
  [60, "minute"],
  [1, "second"],
];

/** "3 days", "1 hour 30 minutes", "45 seconds": the largest unit and the next one when not zero, rounded down. */
export function formatPeriod(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 1) return "less than a second";
  const whole = Math.floor(seconds);
  const words = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  const i = UNITS.findIndex(([size]) => whole >= size);
  const [size, one] = UNITS[i] as [number, string];
  const first = words(Math.floor(whole / size), one);
  const next = UNITS[i + 1];
  if (!next) return first;
  const n = Math.floor((whole % size) / next[0]);
  return n > 0 ? `${first} ${words(n, next[1])}` : first;
}

/** When an instant (unix seconds) is, relative to now: "in 4 minutes 10 seconds" or "2 hours ago". */
export function relativeTo(atSeconds: number, nowMs: number): string {
  const delta = atSeconds - nowMs / 1000;
  return delta >= 0 ? `in ${formatPeriod(delta)}` : `${formatPeriod(-delta)} ago`;
}
