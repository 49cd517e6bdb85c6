/**
 * Listed strike grid: strikes are multiples of a "nice" step near 1% of spot (1, 2, 2.5 or 5 times a
 * power of ten), e.g. 1,000 for BTC at 80,000 and 25 for ETH at 2,000, as on Deribit near the money.
 */
const NICE_MULTIPLES = [1, 2, 2.5, 5, 10];

export function strikeStep(spot: number): number {
  const raw = spot * 0.01;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of NICE_MULTIPLES) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** The listed strike nearest to moneyness x spot as a number of strike steps (at least one). */
export function strikeSteps(spot: number, moneyness: number, step: number): number {
  return Math.max(1, Math.round((spot * moneyness) / step));
}

/** The listed strike nearest to moneyness x spot (never below one step). */
export function listedStrike(spot: number, moneyness: number): number {
  const step = strikeStep(spot);
  return strikeSteps(spot, moneyness, step) * step;
}
