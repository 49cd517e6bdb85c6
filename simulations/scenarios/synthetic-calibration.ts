/**
 * Calibration of the synthetic (Monte Carlo) stress models to history, per underlying:
 * GARCH(1,1) by maximum likelihood, Merton jump-diffusion (jump count plus profile likelihood), the
 * implied-vol proxy's elasticity, the cross-asset correlation, and the market state on the
 * calibration's last day, from which simulated paths start. Results are cached per argument set.
 */
import { jointDailyReturns, loadDailySeries } from "../market/history.ts";
import { type ImpliedVolProxyCalibration, impliedVolHistory } from "../market/implied-vol-proxy.ts";
import { isIsoDay, isoDayToEpochDay } from "../market/iso-day.ts";
import { correlationMatrix } from "./correlation.ts";
import { fitGarch, type GarchFit, type Innovations } from "./garch.ts";
import { fitMertonJumpDiffusion, type MertonFit } from "./jump-diffusion.ts";

export type AssetStartState = {
  date: string;
  spot: number;
  /** Implied vol (decimal) on the start day: DVOL, or the proxy before 2021-03-24. */
  iv: number;
  ivFromDvol: boolean;
  /** GARCH one-day-ahead variance h_{T+1} (daily log-return units). */
  garchVariance: number;
  /** EWMA daily variance (the implied-vol proxy's lambda) on the start day. */
  ewmaVariance: number;
};

export type AssetCalibration = {
  symbol: string;
  garch: GarchFit;
  merton: MertonFit;
  ivProxy: ImpliedVolProxyCalibration;
  start: AssetStartState;
};

export type SyntheticCalibration = {
  symbols: string[];
  /** Date of the first and last daily return used. */
  from: string;
  asOf: string;
  observations: number;
  garchInnovations: Innovations;
  varianceTargeting: boolean;
  jumpThreshold: number;
  assets: Record<string, AssetCalibration>;
  /** Pearson correlation of daily log returns (used by the jump-diffusion model). */
  returnCorrelation: number[][];
  /** Correlation of GARCH standardized residuals (used by the GARCH model). */
  residualCorrelation: number[][];
};

export type CalibrationOptions = {
  symbols?: string[];
  /** First day of returns used (default 2018-01-01). */
  from?: string;
  /** Last day used and the day simulated paths start from (default: last common day). */
  asOf?: string;
  garchInnovations?: Innovations;
  /** Tie GARCH omega to the sample variance (default true; see garch.ts). */
  varianceTargeting?: boolean;
  /** Jump threshold in local standard deviations (default 4). */
  jumpThreshold?: number;
};

const cache = new Map<string, SyntheticCalibration>();

export function calibrateSyntheticModels(opts: CalibrationOptions = {}): SyntheticCalibration {
  const symbols = (opts.symbols ?? ["BTC", "ETH"]).map((s) => s.toUpperCase());
  const from = opts.from ?? "2018-01-01";
  const garchInnovations = opts.garchInnovations ?? "student-t";
  const varianceTargeting = opts.varianceTargeting ?? true;
  const jumpThreshold = opts.jumpThreshold ?? 4;
  if (!isIsoDay(from)) throw new Error(`calibration: from must be YYYY-MM-DD, got ${from}`);
  if (opts.asOf !== undefined && !isIsoDay(opts.asOf))
    throw new Error(`calibration: asOf must be YYYY-MM-DD, got ${opts.asOf}`);
  const asOf = opts.asOf ?? jointDailyReturns(symbols, { days: 1 }).dates[0]!;
  const key = JSON.stringify([symbols, from, asOf, garchInnovations, varianceTargeting, jumpThreshold]);
  const hit = cache.get(key);
  if (hit) return hit;

  const days = isoDayToEpochDay(asOf) - isoDayToEpochDay(from) + 1;
  if (days < 250)
    throw new Error(`calibration: need at least 250 days between from (${from}) and asOf (${asOf})`);
  const joint = jointDailyReturns(symbols, { days, endDate: asOf });
  const assets: Record<string, AssetCalibration> = {};
  const residuals: Float64Array[] = [];
  for (const sym of symbols) {
    const r = joint.returns[sym]!;
    const garch = fitGarch({ returns: r, innovations: garchInnovations, varianceTargeting });
    const merton = fitMertonJumpDiffusion({ returns: r, threshold: jumpThreshold });
    const ivh = impliedVolHistory(sym);
    const series = loadDailySeries(sym);
    const i = series.dates.indexOf(asOf);
    const rv = ivh.realizedVol[i]!;
    assets[sym] = {
      symbol: sym,
      garch,
      merton,
      ivProxy: ivh.calibration,
      start: {
        date: asOf,
        spot: series.close[i]!,
        iv: ivh.iv[i]!,
        ivFromDvol: ivh.fromDvol[i] === 1,
        garchVariance: garch.nextVariance,
        ewmaVariance: (rv * rv) / 365,
      },
    };
    residuals.push(garch.standardizedResiduals);
  }
  const out: SyntheticCalibration = {
    symbols,
    from: joint.dates[0]!,
    asOf,
    observations: joint.dates.length,
    garchInnovations,
    varianceTargeting,
    jumpThreshold,
    assets,
    returnCorrelation: correlationMatrix(symbols.map((s) => joint.returns[s]!)),
    residualCorrelation: correlationMatrix(residuals),
  };
  cache.set(key, out);
  return out;
}

/** The calibration as plain numbers (no per-day arrays), for reports and the methodology page. */
export function summarizeCalibration(c: SyntheticCalibration) {
  return {
    symbols: c.symbols,
    from: c.from,
    asOf: c.asOf,
    observations: c.observations,
    returnCorrelation: c.returnCorrelation,
    residualCorrelation: c.residualCorrelation,
    assets: Object.fromEntries(
      c.symbols.map((s) => {
        const a = c.assets[s]!;
        const g = a.garch;
        return [
          s,
          {
            garch: {
              ...g.params,
              innovations: g.params.innovations,
              varianceTargeting: c.varianceTargeting,
              logLikelihood: g.logLikelihood,
              standardErrors: g.standardErrors,
              persistence: g.persistence,
              halfLifeDays: g.halfLifeDays,
              longRunVolAnnual: g.longRunVolAnnual,
              nextVolAnnual: Math.sqrt(g.nextVariance * 365),
              aic: g.aic,
              bic: g.bic,
            },
            merton: {
              ...a.merton.params,
              logLikelihood: a.merton.logLikelihood,
              standardErrors: a.merton.standardErrors,
              jumpsDetected: a.merton.jumps,
              detectionProbability: a.merton.detectionProbability,
              jumpThresholdLocalSd: c.jumpThreshold,
              jumpsPerYear: a.merton.jumpsPerYear,
              diffusionVolAnnual: a.merton.diffusionVolAnnual,
              totalVolAnnual: a.merton.totalVolAnnual,
            },
            ivProxy: a.ivProxy,
            start: a.start,
          },
        ];
      }),
    ),
  };
}
