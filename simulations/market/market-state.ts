/**
 * Spot and implied vol of several underlyings on one historical day (default: the last day all of
 * them have), e.g. the start state of a shock scenario or the "today" of a margin run.
 */
import { lastCommonDate, loadDailySeries } from "./history.ts";
import { impliedVolHistory } from "./implied-vol-proxy.ts";
import { isIsoDay } from "./iso-day.ts";
import { MarketDataError } from "./market-data-error.ts";

export type AssetState = { spot: number; iv: number; ivFromDvol: boolean };
export type MarketState = { date: string; assets: Record<string, AssetState> };

export function marketStateOn({ symbols, date }: { symbols: string[]; date?: string }): MarketState {
  if (symbols.length === 0)
    throw new MarketDataError("BAD_ARGUMENT", "marketStateOn: symbols must not be empty");
  if (date !== undefined && !isIsoDay(date)) {
    throw new MarketDataError("BAD_ARGUMENT", `marketStateOn: date must be YYYY-MM-DD, got ${date}`);
  }
  const series = symbols.map((s) => loadDailySeries(s));
  const day = date ?? lastCommonDate(symbols);
  const assets: Record<string, AssetState> = {};
  symbols.forEach((sym, j) => {
    const s = series[j]!;
    const i = s.dates.indexOf(day);
    if (i < 0) {
      throw new MarketDataError(
        "INSUFFICIENT_HISTORY",
        `no ${s.symbol} history on ${day} (data covers ${s.dates[0]} to ${s.dates[s.dates.length - 1]})`,
      );
    }
    const h = impliedVolHistory(sym);
    assets[sym] = { spot: s.close[i]!, iv: h.iv[i]!, ivFromDvol: h.fromDvol[i] === 1 };
  });
  return { date: day, assets };
}
