/**
 * Named historical stress windows and the full history since 2018, replayed from real data as
 * paths of spot and implied vol per underlying. Spot is the daily close (known bad Yahoo closes
 * corrected, see market/history.ts); implied vol is Deribit DVOL or, before 2021-03-24, the
 * realized-vol proxy (market/implied-vol-proxy.ts). Each crash window spans
 * WINDOW_DAYS_BEFORE days before the shock day and WINDOW_DAYS_AFTER days after it, so a
 * simulation sees the calm before, the shock and the aftermath (recoveries and second legs).
 */
import { lastCommonDate, loadDailyOhlc, loadDailySeries } from "../market/history.ts";
import { impliedVolHistory } from "../market/implied-vol-proxy.ts";
import { addDays, isoDayToEpochDay } from "../market/iso-day.ts";

export const WINDOW_DAYS_BEFORE = 14;
export const WINDOW_DAYS_AFTER = 21;

export const STRESS_WINDOW_IDS = [
  "2020-03-black-thursday",
  "2021-05-crash",
  "2022-05-luna",
  "2022-06-3ac-celsius",
  "2022-11-ftx",
  "2024-08-yen-carry",
  "rolling-2018",
] as const;

export type StressWindowId = (typeof STRESS_WINDOW_IDS)[number];

export type StressWindow = {
  id: StressWindowId;
  title: string;
  /** One line: what happened, with the moves visible in the data. */
  description: string;
  /** The day of the largest move, or null for the rolling history. */
  shockDate: string | null;
  /** Days with the crash's largest moves, which `intraday: "crash-days"` splits into sub-steps. */
  crashDays: readonly string[];
  start: string;
  /** Last day, or null for "the last day all requested symbols have". */
  end: string | null;
};

function around(shockDate: string): { start: string; end: string } {
  return { start: addDays(shockDate, -WINDOW_DAYS_BEFORE), end: addDays(shockDate, WINDOW_DAYS_AFTER) };
}

export const STRESS_WINDOWS: readonly StressWindow[] = [
  {
    id: "2020-03-black-thursday",
    title: "Black Thursday (COVID-19 crash)",
    description:
      "On 2020-03-12 BTC fell 37% (7,911 to 4,971) and ETH 42% as COVID-19 panic hit every market; crypto exchanges and DeFi liquidations jammed.",
    shockDate: "2020-03-12",
    crashDays: ["2020-03-12", "2020-03-13"],
    ...around("2020-03-12"),
  },
  {
    id: "2021-05-crash",
    title: "May 2021 crash",
    description:
      "China's mining and trading crackdown ended the spring 2021 rally: on 2021-05-19 BTC traded down to 30.7k intraday (close 37.0k) and ETH to about 1,950.",
    shockDate: "2021-05-19",
    crashDays: ["2021-05-19"],
    ...around("2021-05-19"),
  },
  {
    id: "2022-05-luna",
    title: "Terra/LUNA collapse",
    description:
      "UST lost its dollar peg and LUNA went to zero: BTC fell from 34k to 29k over 2022-05-09..12 while BTC DVOL rose from 69 to 115.",
    shockDate: "2022-05-09",
    crashDays: ["2022-05-09", "2022-05-11", "2022-05-12"],
    ...around("2022-05-09"),
  },
  {
    id: "2022-06-3ac-celsius",
    title: "Celsius freeze and Three Arrows Capital default",
    description:
      "Celsius froze withdrawals on 2022-06-12 and 3AC failed margin calls: BTC fell 16% on 2022-06-13 (to 22.5k) and traded at 17.7k on 2022-06-18, ETH below 900.",
    shockDate: "2022-06-13",
    crashDays: ["2022-06-13", "2022-06-18"],
    ...around("2022-06-13"),
  },
  {
    id: "2022-11-ftx",
    title: "FTX collapse",
    description:
      "A run on FTX after the Alameda balance-sheet leak: BTC fell from 20.6k to 15.9k on 2022-11-08..09, BTC DVOL from 59 to 115 and ETH DVOL from 89 to 154.",
    shockDate: "2022-11-09",
    crashDays: ["2022-11-08", "2022-11-09"],
    ...around("2022-11-09"),
  },
  {
    id: "2024-08-yen-carry",
    title: "Yen carry-trade unwind",
    description:
      "A Bank of Japan rate rise and weak US jobs data unwound yen-funded trades: on 2024-08-05 BTC traded down to 49.1k intraday and ETH to 2,123 (-21%).",
    shockDate: "2024-08-05",
    crashDays: ["2024-08-05"],
    ...around("2024-08-05"),
  },
  {
    id: "rolling-2018",
    title: "Full history since 2018",
    description:
      "Every day from 2018-01-01 to the last day of the data: the 2018 bear market, every crash above, the calm years and the rallies.",
    shockDate: null,
    crashDays: [],
    start: "2018-01-01",
    end: null,
  },
];

/** The window with this id; the error lists the valid ids. */
export function getStressWindow(id: string): StressWindow {
  const w = STRESS_WINDOWS.find((x) => x.id === id);
  if (!w) throw new Error(`unknown stress window "${id}"; valid ids: ${STRESS_WINDOW_IDS.join(", ")}`);
  return w;
}

/** "close" is the daily close; the intraday phases are the day's extremes (order assumed, see below). */
export type StepPhase = "close" | "intraday-high" | "intraday-low";

export type HistoricalPath = {
  windowId: StressWindowId;
  symbols: string[];
  /** UTC day of each step. Intraday sub-steps carry their day's date. */
  dates: string[];
  phase: StepPhase[];
  /** Days elapsed since the first step (fractional for intraday sub-steps), for time decay. */
  timeDays: Float64Array;
  /** Spot in USD per symbol per step. */
  spot: Record<string, Float64Array>;
  /** Implied vol (decimal) per symbol per step. */
  iv: Record<string, Float64Array>;
  /** 1 where iv is Deribit DVOL, 0 where it is the realized-vol proxy. */
  ivFromDvol: Record<string, Uint8Array>;
  /** Index of the shock day's close step, or -1 for the rolling history. */
  shockStep: number;
};

/** One step as a plain object, for reports and charts. */
export type PathRow = {
  date: string;
  phase: StepPhase;
  spot: Record<string, number>;
  iv: Record<string, number>;
};

/**
 * Replays a window as a path over `symbols` (default BTC and ETH).
 * - `stepDays` samples every k-th day (e.g. 7 for a weekly walk over the rolling history); the last
 *   day is always included.
 * - `intraday: "crash-days"` inserts two sub-steps before the close of each crash day at the day's
 *   high and low. Their order is not in daily data; we assume the adverse order for a falling day
 *   (high first, then low) and the reverse for a rising day, with all symbols at their extremes at the
 *   same sub-step (crashes are synchronised). Implied vol at the sub-steps is the larger of the
 *   previous and the day's close value, as DVOL closes understate intraday spikes.
 */
export function historicalWindowPath({
  id,
  symbols = ["BTC", "ETH"],
  stepDays = 1,
  intraday = "none",
}: {
  id: string;
  symbols?: string[];
  stepDays?: number;
  intraday?: "none" | "crash-days";
}): HistoricalPath {
  const w = getStressWindow(id);
  if (!Number.isInteger(stepDays) || stepDays < 1)
    throw new Error(`stepDays must be a positive integer, got ${stepDays}`);
  if (symbols.length === 0) throw new Error("historicalWindowPath: symbols must not be empty");
  const series = symbols.map((s) => loadDailySeries(s));
  const ivs = symbols.map((s) => impliedVolHistory(s));
  const ohlcs = symbols.map((s) => loadDailyOhlc(s));

  const end = w.end ?? lastCommonDate(symbols);
  for (const s of series) {
    if (s.dates[0]! > w.start || s.dates[s.dates.length - 1]! < end) {
      throw new Error(
        `window ${w.id} needs ${s.symbol} history from ${w.start} to ${end}; the data covers ${s.dates[0]} to ${s.dates[s.dates.length - 1]}`,
      );
    }
  }
  const startDay = isoDayToEpochDay(w.start);
  const days = isoDayToEpochDay(end) - startDay + 1;
  const offsets = series.map((s) => isoDayToEpochDay(w.start) - isoDayToEpochDay(s.dates[0]!));

  const dayIndexes: number[] = [];
  for (let d = 0; d < days; d += stepDays) dayIndexes.push(d);
  if (dayIndexes[dayIndexes.length - 1] !== days - 1) dayIndexes.push(days - 1);
  const crash = new Set(intraday === "crash-days" ? w.crashDays : []);

  type Step = { d: number; phase: StepPhase; t: number };
  const steps: Step[] = [];
  for (const d of dayIndexes) {
    const date = addDays(w.start, d);
    if (crash.has(date) && d > 0) {
      // Falling day (by the first symbol): high then low; rising day: low then high.
      const k = offsets[0]! + d;
      const falling = series[0]!.close[k]! < series[0]!.close[k - 1]!;
      const first: StepPhase = falling ? "intraday-high" : "intraday-low";
      const second: StepPhase = falling ? "intraday-low" : "intraday-high";
      steps.push({ d, phase: first, t: d - 2 / 3 }, { d, phase: second, t: d - 1 / 3 });
    }
    steps.push({ d, phase: "close", t: d });
  }

  const n = steps.length;
  const spot: Record<string, Float64Array> = {};
  const iv: Record<string, Float64Array> = {};
  const ivFromDvol: Record<string, Uint8Array> = {};
  symbols.forEach((sym, j) => {
    const s = series[j]!;
    const h = ivs[j]!;
    const o = ohlcs[j]!;
    const sp = new Float64Array(n);
    const v = new Float64Array(n);
    const src = new Uint8Array(n);
    steps.forEach((st, i) => {
      const k = offsets[j]! + st.d;
      if (st.phase === "close") {
        sp[i] = s.close[k]!;
        v[i] = h.iv[k]!;
        src[i] = h.fromDvol[k]!;
      } else {
        sp[i] = st.phase === "intraday-high" ? o.high[k]! : o.low[k]!;
        v[i] = Math.max(h.iv[k]!, h.iv[k - 1]!);
        src[i] = h.fromDvol[k]! & h.fromDvol[k - 1]!;
      }
    });
    spot[sym] = sp;
    iv[sym] = v;
    ivFromDvol[sym] = src;
  });
  const dates = steps.map((st) => addDays(w.start, st.d));
  const shockStep =
    w.shockDate === null ? -1 : steps.findIndex((st, i) => st.phase === "close" && dates[i] === w.shockDate);
  return {
    windowId: w.id,
    symbols: [...symbols],
    dates,
    phase: steps.map((st) => st.phase),
    timeDays: Float64Array.from(steps, (st) => st.t - steps[0]!.t),
    spot,
    iv,
    ivFromDvol,
    shockStep,
  };
}

/** The path as one plain object per step. */
export function pathRows(path: HistoricalPath): PathRow[] {
  return path.dates.map((date, i) => ({
    date,
    phase: path.phase[i]!,
    spot: Object.fromEntries(path.symbols.map((s) => [s, path.spot[s]![i]!])),
    iv: Object.fromEntries(path.symbols.map((s) => [s, path.iv[s]![i]!])),
  }));
}
