/**
 * Margin backtest as clearinghouses run it: for each observation (an account-day), compare the loss
 * actually suffered over the liquidation horizon with the margin held at its start. A breach is a
 * loss strictly greater than the margin. Coverage is the share of observations without a breach,
 * to be compared with the confidence the margin claims (e.g. 99%), with Kupiec's test and the Basel
 * traffic light on the breach count (coverage-tests.ts).
 */
import { baselTrafficLight, type KupiecResult, kupiecTest, type TrafficLight } from "./coverage-tests.ts";

export type BacktestCoverage = {
  observations: number;
  breaches: number;
  /** 1 - breaches / observations. */
  coverage: number;
  /** Largest loss in excess of margin (0 when there is no breach), in the losses' units (USD). */
  worstShortfall: number;
  kupiec: KupiecResult;
  trafficLight: TrafficLight;
};

export function backtestCoverage({
  losses,
  margins,
  confidence,
  significance = 0.05,
}: {
  /** Loss over the horizon per observation (positive = loss). */
  losses: ArrayLike<number>;
  /** Margin held at the start of each observation. */
  margins: ArrayLike<number>;
  confidence: number;
  significance?: number;
}): BacktestCoverage {
  const n = losses.length;
  if (n !== margins.length) throw new Error(`backtestCoverage: ${n} losses but ${margins.length} margins`);
  if (n === 0) throw new Error("backtestCoverage: no observations");
  let breaches = 0;
  let worstShortfall = 0;
  for (let i = 0; i < n; i++) {
    const l = losses[i]!;
    const m = margins[i]!;
    if (!Number.isFinite(l) || !Number.isFinite(m)) {
      throw new Error(`backtestCoverage: observation ${i} is not finite (loss ${l}, margin ${m})`);
    }
    if (l > m) {
      breaches++;
      if (l - m > worstShortfall) worstShortfall = l - m;
    }
  }
  return {
    observations: n,
    breaches,
    coverage: 1 - breaches / n,
    worstShortfall,
    kupiec: kupiecTest({ observations: n, breaches, confidence, significance }),
    trafficLight: baselTrafficLight({ observations: n, breaches, confidence }),
  };
}
