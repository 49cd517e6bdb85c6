/**
 * Scenarios as flat arrays. A scenario moves every underlying's spot by a factor and its implied
 * vols by a relative shock; shocks are per (underlying, scenario) so that the same kernel serves
 * SPAN-style grids (one shock for all underlyings) and historical scenarios (each underlying its
 * own joint daily move). `weight` scales a scenario's loss (SPAN extreme moves count partially).
 */
export type ScenarioSet = {
  /** Number of scenarios S. */
  count: number;
  /** Underlying symbols; row u of the matrices below belongs to underlyings[u]. */
  underlyings: readonly string[];
  /** Spot multiplier, underlyings x scenarios, row-major: S_u,s = spot_u * spotFactor[u*S + s]; >= 0. */
  spotFactor: Float64Array;
  /** Relative implied-vol shock, underlyings x scenarios: vol -> vol * (1 + volShock * tenorScale). */
  volShock: Float64Array;
  /** Loss multiplier per scenario (1 for regular scenarios). */
  weight: Float64Array;
  /** Display labels: the relative price and vol shock of each scenario (first underlying's for history). */
  priceShock: Float64Array;
  volShockLabel: Float64Array;
};

/** One shock applied to every underlying alike (SPAN grids, explicit lists). */
export function uniformScenarioSet(args: {
  underlyings: readonly string[];
  priceShocks: ArrayLike<number>;
  volShocks: ArrayLike<number>;
  weights: ArrayLike<number>;
}): ScenarioSet {
  const { underlyings, priceShocks, volShocks, weights } = args;
  const count = priceShocks.length;
  const u = underlyings.length;
  const spotFactor = new Float64Array(u * count);
  const volShock = new Float64Array(u * count);
  for (let k = 0; k < u; k++) {
    for (let s = 0; s < count; s++) {
      // A move of -100% or worse takes spot to zero, never below.
      spotFactor[k * count + s] = Math.max(0, 1 + priceShocks[s]!);
      volShock[k * count + s] = volShocks[s]!;
    }
  }
  return {
    count,
    underlyings,
    spotFactor,
    volShock,
    weight: Float64Array.from(weights),
    priceShock: Float64Array.from(priceShocks),
    volShockLabel: Float64Array.from(volShocks),
  };
}
