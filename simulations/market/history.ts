/**
 * Real daily market history per underlying: closes (bad Yahoo closes corrected) and Deribit DVOL.
 * Files live in `simulations/data/` (provenance in SOURCES.md there) and are read synchronously once
 * per symbol, then cached for the life of the process (each worker thread keeps its own cache).
 */
import { existsSync } from "node:fs";
import { simulationsFile } from "../paths/project-file.ts";
import { KNOWN_BAD_CLOSES } from "./bad-closes.ts";
import { type DailyOhlc, readDailyOhlcCsv, readDailyValueCsv } from "./daily-csv.ts";
import { isIsoDay } from "./iso-day.ts";
import { MarketDataError } from "./market-data-error.ts";

/**
 * One underlying's daily history on consecutive UTC days.
 * `close` is in USD (23:59:59 UTC close); `dvol` is Deribit's 30-day implied-vol index as a decimal
 * (0.6003 = 60.03%), NaN on days without DVOL (before 2021-03-24, or for symbols without a DVOL file).
 * The arrays are shared by every caller through the cache: treat them as read-only.
 */
export type DailySeries = { symbol: string; dates: string[]; close: Float64Array; dvol: Float64Array };

export type HistoryFiles = { prices: string; dvol: string | null };

const SYMBOL = /^[A-Za-z0-9]{1,20}$/;
const cache = new Map<string, DailySeries>();
const ohlcCache = new Map<string, DailyOhlc>();

function normalizeSymbol(symbol: string): string {
  if (typeof symbol !== "string" || !SYMBOL.test(symbol)) {
    throw new MarketDataError("UNKNOWN_SYMBOL", `no market history for symbol ${JSON.stringify(symbol)}`);
  }
  return symbol.toUpperCase();
}

/** Absolute paths of the files behind a symbol (for data hashes in reports); throws if there is no price file. */
export function historyFiles(symbol: string): HistoryFiles {
  const sym = normalizeSymbol(symbol);
  const lower = sym.toLowerCase();
  const prices = simulationsFile(`data/${lower}-usd-daily.csv`);
  if (!existsSync(prices)) {
    throw new MarketDataError(
      "UNKNOWN_SYMBOL",
      `no market history for symbol ${sym} (expected simulations/data/${lower}-usd-daily.csv)`,
    );
  }
  const dvol = simulationsFile(`data/${lower}-dvol-daily.csv`);
  return { prices, dvol: existsSync(dvol) ? dvol : null };
}

/**
 * The raw daily OHLC as published (no close corrections), e.g. for intraday lows on crash days.
 * Same dates as `loadDailySeries(symbol)`. Cached; treat as read-only.
 */
export function loadDailyOhlc(symbol: string): DailyOhlc {
  const sym = normalizeSymbol(symbol);
  let ohlc = ohlcCache.get(sym);
  if (!ohlc) {
    ohlc = readDailyOhlcCsv(historyFiles(sym).prices);
    ohlcCache.set(sym, ohlc);
  }
  return ohlc;
}

export function loadDailySeries(symbol: "BTC" | "ETH" | string): DailySeries {
  const sym = normalizeSymbol(symbol);
  const hit = cache.get(sym);
  if (hit) return hit;

  const files = historyFiles(sym);
  const ohlc = loadDailyOhlc(sym);
  const n = ohlc.dates.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(ohlc.dates[i] as string, i);

  // Known bad Yahoo/CMC closes: use the next day's open instead (SOURCES.md, "Known quirk").
  const close = Float64Array.from(ohlc.close);
  for (const day of KNOWN_BAD_CLOSES[sym] ?? []) {
    const i = index.get(day);
    if (i !== undefined && i + 1 < n) close[i] = ohlc.open[i + 1] as number;
  }

  // DVOL is quoted in percent; align it on the price dates, NaN where it does not exist.
  const dvol = new Float64Array(n).fill(Number.NaN);
  if (files.dvol) {
    const raw = readDailyValueCsv(files.dvol, "dvol");
    for (let k = 0; k < raw.dates.length; k++) {
      const i = index.get(raw.dates[k] as string);
      if (i !== undefined) dvol[i] = (raw.values[k] as number) / 100;
    }
  }

  const series: DailySeries = { symbol: sym, dates: ohlc.dates, close, dvol };
  cache.set(sym, series);
  return series;
}

/** The last day on which every one of `symbols` has a close. */
export function lastCommonDate(symbols: string[]): string {
  if (symbols.length === 0)
    throw new MarketDataError("BAD_ARGUMENT", "lastCommonDate: symbols must not be empty");
  let last = "";
  for (const sym of symbols) {
    const s = loadDailySeries(sym);
    const d = s.dates[s.dates.length - 1]!;
    if (last === "" || d < last) last = d;
  }
  return last;
}

export type JointDailyReturns = { dates: string[]; returns: Record<string, Float64Array> };

/**
 * Daily log returns ln(close_t / close_{t-1}) of several underlyings on their common days.
 * Returns the last `days` returns dated at or before `endDate` (default: the last common day);
 * `dates[k]` is the day on which return k ends. Keys of `returns` are the symbols as given.
 */
export function jointDailyReturns(
  symbols: string[],
  opts: { days: number; endDate?: string },
): JointDailyReturns {
  if (!Array.isArray(symbols) || symbols.length === 0) {
    throw new MarketDataError("BAD_ARGUMENT", "jointDailyReturns: symbols must be a non-empty array");
  }
  const { days, endDate } = opts;
  if (!Number.isInteger(days) || days < 1) {
    throw new MarketDataError(
      "BAD_ARGUMENT",
      `jointDailyReturns: days must be a positive integer, got ${days}`,
    );
  }
  if (endDate !== undefined && !isIsoDay(endDate)) {
    throw new MarketDataError(
      "BAD_ARGUMENT",
      `jointDailyReturns: endDate must be YYYY-MM-DD, got ${endDate}`,
    );
  }
  const series = symbols.map((s) => loadDailySeries(s));
  const first = series[0] as DailySeries;
  const indexes = series.map((s) => new Map(s.dates.map((d, i) => [d, i] as const)));

  // Common days (each file has consecutive days, so the intersection is one contiguous run).
  const common: string[] = [];
  for (const d of first.dates) {
    if (endDate !== undefined && d > endDate) break;
    if (indexes.every((m) => m.has(d))) common.push(d);
  }
  const available = Math.max(0, common.length - 1);
  if (available < days) {
    const span = common.length > 0 ? ` (common history ${common[0]} to ${common[common.length - 1]})` : "";
    throw new MarketDataError(
      "INSUFFICIENT_HISTORY",
      `jointDailyReturns: only ${available} common daily returns for ${symbols.join(", ")} ending at or before ${
        endDate ?? "the last day"
      }${span}, need ${days}`,
    );
  }
  const start = common.length - days; // index in `common` of the first return's end day
  const dates = common.slice(start);
  const returns: Record<string, Float64Array> = {};
  series.forEach((s, k) => {
    const idx = indexes[k] as Map<string, number>;
    const out = new Float64Array(days);
    for (let j = 0; j < days; j++) {
      const t = idx.get(common[start + j] as string) as number;
      const p = idx.get(common[start + j - 1] as string) as number;
      out[j] = Math.log((s.close[t] as number) / (s.close[p] as number));
    }
    returns[symbols[k] as string] = out;
  });
  return { dates, returns };
}
