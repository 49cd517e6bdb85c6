/**
 * Strict reader for the daily CSV files in `simulations/data/` (see SOURCES.md there):
 * price files `date,open,high,low,close` and DVOL files `date,dvol`.
 * Every problem is reported as `<file>:<line>: <reason>` so a bad data update is found in seconds.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { isIsoDay, isoDayToEpochDay } from "./iso-day.ts";
import { MarketDataError } from "./market-data-error.ts";

export type DailyOhlc = {
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
};

export type DailyValues = { dates: string[]; values: Float64Array };

const PRICE_HEADER = "date,open,high,low,close";
const NUMBER = /^-?\d+(\.\d+)?$/;

function fail(file: string, line: number, reason: string): never {
  throw new MarketDataError("BAD_CSV", `${basename(file)}:${line}: ${reason}`);
}

/** Splits into non-empty lines (tolerating CRLF and a trailing newline) and checks the header. */
function rows(file: string, text: string, header: string): string[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines[0]?.replace(/^\uFEFF/, "") !== header) {
    fail(file, 1, `expected header "${header}", got ${JSON.stringify(lines[0] ?? "")}`);
  }
  if (lines.length < 2) fail(file, 1, "no data rows");
  return lines;
}

function parseNumber(file: string, line: number, column: string, raw: string | undefined): number {
  if (raw === undefined || !NUMBER.test(raw))
    fail(file, line, `${column} is not a plain decimal: ${JSON.stringify(raw ?? "")}`);
  const v = Number(raw);
  if (!(v > 0) || !Number.isFinite(v))
    fail(file, line, `${column} must be a positive finite number, got ${raw}`);
  return v;
}

/** Dates must be valid, strictly ascending and consecutive: returns are computed day over day. */
function checkDate(
  file: string,
  line: number,
  date: string | undefined,
  previous: string | undefined,
): string {
  if (date === undefined || !isIsoDay(date))
    fail(file, line, `date is not a valid YYYY-MM-DD day: ${JSON.stringify(date ?? "")}`);
  if (previous !== undefined) {
    const gap = isoDayToEpochDay(date) - isoDayToEpochDay(previous);
    if (gap <= 0)
      fail(file, line, `date ${date} is not after the previous row's ${previous} (duplicate or unsorted)`);
    if (gap > 1) fail(file, line, `missing day(s) between ${previous} and ${date}`);
  }
  return date;
}

export function readDailyOhlcCsv(file: string): DailyOhlc {
  const lines = rows(file, readFileSync(file, "utf8"), PRICE_HEADER);
  const n = lines.length - 1;
  const out: DailyOhlc = {
    dates: new Array<string>(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
  };
  let previous: string | undefined;
  for (let i = 0; i < n; i++) {
    const line = i + 2;
    const cells = (lines[i + 1] as string).split(",");
    if (cells.length !== 5) fail(file, line, `expected 5 columns, got ${cells.length}`);
    const date = checkDate(file, line, cells[0], previous);
    const o = parseNumber(file, line, "open", cells[1]);
    const h = parseNumber(file, line, "high", cells[2]);
    const l = parseNumber(file, line, "low", cells[3]);
    const c = parseNumber(file, line, "close", cells[4]);
    if (l > Math.min(o, c) || h < Math.max(o, c)) {
      fail(file, line, `inconsistent OHLC (need low <= min(open, close) and high >= max(open, close))`);
    }
    out.dates[i] = date;
    out.open[i] = o;
    out.high[i] = h;
    out.low[i] = l;
    out.close[i] = c;
    previous = date;
  }
  return out;
}

/** A `date,<column>` file such as the DVOL index (`date,dvol`), values as written (DVOL in percent). */
export function readDailyValueCsv(file: string, column: string): DailyValues {
  const lines = rows(file, readFileSync(file, "utf8"), `date,${column}`);
  const n = lines.length - 1;
  const out: DailyValues = { dates: new Array<string>(n), values: new Float64Array(n) };
  let previous: string | undefined;
  for (let i = 0; i < n; i++) {
    const line = i + 2;
    const cells = (lines[i + 1] as string).split(",");
    if (cells.length !== 2) fail(file, line, `expected 2 columns, got ${cells.length}`);
    const date = checkDate(file, line, cells[0], previous);
    out.dates[i] = date;
    out.values[i] = parseNumber(file, line, column, cells[1]);
    previous = date;
  }
  return out;
}
