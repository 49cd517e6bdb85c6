/**
 * Formatting shared by the server render and the browser. Everything is locale- and time-zone-fixed (en-US, UTC):
 * a server in one zone and a reader in another must render the same text, or React reports a hydration mismatch.
 */

const usdCompact = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});
const usdWhole = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 0,
});
const plain = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 6 });
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

const MINUS = "\u2212";

function isNum(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/** "$1.4M" for large amounts, "$12,345" below $100k; "n/a" for a missing or non-finite value. */
export function formatUsd(x: number | null | undefined, opts: { compact?: boolean } = {}): string {
  if (!isNum(x)) return "n/a";
  const compact = opts.compact ?? Math.abs(x) >= 100_000;
  const s = (compact ? usdCompact : usdWhole).format(Math.abs(x));
  return x < 0 ? `${MINUS}${s}` : s;
}

const SCALES = [
  { min: 1e9, div: 1e9, suffix: "B" },
  { min: 1e6, div: 1e6, suffix: "M" },
  { min: 1e3, div: 1e3, suffix: "k" },
] as const;

/**
 * Two amounts in the same unit, with as many decimals as it takes for different amounts to read
 * differently (up to 4): "$714.9M" and "$1,002.3M", never "$714.9M -> $1B"; "$1.20M" and "$1.21M"
 * rather than "$1.2M" twice. The unit is the smaller amount's (unless they are more than 1000x apart:
 * then the larger's, with decimals enough to give the smaller two significant digits). Amounts below
 * $100k are whole dollars.
 */
export function formatUsdPair(a: number | null | undefined, b: number | null | undefined): [string, string] {
  if (!isNum(a) || !isNum(b)) return [formatUsd(a), formatUsd(b)];
  const big = Math.max(Math.abs(a), Math.abs(b));
  const small = Math.min(Math.abs(a), Math.abs(b));
  const unitOf = small > 0 && big / small <= 1000 ? small : big;
  const scale = big >= 100_000 ? (SCALES.find((s) => unitOf >= s.min) ?? SCALES[2]) : undefined;
  const at = (x: number, digits: number) => {
    if (!scale) return formatUsd(x, { compact: false });
    const v = (Math.abs(x) / scale.div).toLocaleString("en-US", {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    return `${x < 0 ? MINUS : ""}$${v}${scale.suffix}`;
  };
  const shown = (x: number, digits: number) => Math.abs(x) / (scale?.div ?? 1) >= 10 ** (1 - digits);
  let digits = 1;
  while (digits < 4 && ((a !== b && at(a, digits) === at(b, digits)) || (small > 0 && !shown(small, digits))))
    digits++;
  return [at(a, digits), at(b, digits)];
}

/** A signed USD change: "+$1.4M", "−$250". */
export function formatUsdChange(x: number | null | undefined): string {
  if (!isNum(x)) return "n/a";
  if (x === 0) return "$0";
  return `${x > 0 ? "+" : MINUS}${formatUsd(Math.abs(x))}`;
}

/** A fraction as a percentage: 0.1234 -> "12.3%". */
export function formatPct(x: number | null | undefined, digits = 1): string {
  if (!isNum(x)) return "n/a";
  const s = `${(Math.abs(x) * 100).toFixed(digits)}%`;
  return x < 0 ? `${MINUS}${s}` : s;
}

/** A relative change as a signed percentage: -0.12 -> "−12%"; small changes keep one decimal. */
export function formatRelChange(x: number | null | undefined): string {
  if (!isNum(x)) return "n/a";
  if (x === 0) return "0%";
  const pct = Math.abs(x) * 100;
  const digits = pct < 10 ? 1 : 0;
  return `${x > 0 ? "+" : MINUS}${pct.toFixed(digits)}%`;
}

/** (b - a) / |a|, or null when a is zero or either is missing. */
export function relChange(a: number | null | undefined, b: number | null | undefined): number | null {
  if (!isNum(a) || !isNum(b) || a === 0) return null;
  return (b - a) / Math.abs(a);
}

export function formatNumber(x: number | null | undefined): string {
  if (!isNum(x)) return "n/a";
  const s = plain.format(Math.abs(x));
  return x < 0 ? `${MINUS}${s}` : s;
}

export function formatInteger(x: number | null | undefined): string {
  if (!isNum(x)) return "n/a";
  return integer.format(x);
}

/** 0x1234…abcd */
export function shortAddress(address: string | null | undefined): string {
  if (!address) return "";
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

function toDate(d: Date | string | number): Date {
  return d instanceof Date ? d : new Date(d);
}

/** "2026-11-26 01:33 UTC" */
export function formatDateTime(d: Date | string | number | null | undefined): string {
  if (d === null || d === undefined) return "";
  const date = toDate(d);
  if (Number.isNaN(date.getTime())) return "";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "2026-11-26" */
export function formatDay(d: Date | string | number | null | undefined): string {
  if (d === null || d === undefined) return "";
  const date = toDate(d);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 10);
}

/** "1 m 05 s", "42 s" */
export function formatDuration(ms: number | null | undefined): string {
  if (!isNum(ms) || ms < 0) return "";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} m ${String(s % 60).padStart(2, "0")} s`;
}

/**
 * A parameter value as a reader sees it. Fractions of something are also shown as percentages
 * ("0.15 (15%)"), USD amounts compactly; records and scenario lists as "BTC 0.05, ETH 0.05".
 */
export function formatParamValue(value: unknown, unit = ""): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "number") {
    if (/USD/.test(unit)) return formatUsd(value);
    if (/fraction|probability/.test(unit) && Math.abs(value) <= 1) {
      return `${formatNumber(value)} (${formatPct(value, value * 100 < 1 ? 2 : 1).replace(/\.0%$/, "%")})`;
    }
    return formatNumber(value);
  }
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map((v) => formatParamValue(v, unit)).join(", ");
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "none";
    return entries.map(([k, v]) => `${k} ${formatParamValue(v, unit)}`).join("; ");
  }
  return String(value);
}
