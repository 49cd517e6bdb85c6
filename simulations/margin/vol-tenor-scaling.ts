/**
 * Tenor scaling of vol shocks: short-dated implied vol moves more than long-dated. Deribit's portfolio
 * margin and Derive's PMRM scale a 30-day vol shock by (30 / days to expiry)^power; the floor keeps
 * the factor finite as expiry approaches. power = 0 gives a flat shock.
 */
export type VolTenorScaling = { power: number; refDays: number; floorDays: number };

export const NO_TENOR_SCALING: VolTenorScaling = { power: 0, refDays: 30, floorDays: 1 };

export function volShockScale(scaling: VolTenorScaling, daysToExpiry: number): number {
  if (scaling.power === 0) return 1;
  return (scaling.refDays / Math.max(daysToExpiry, scaling.floorDays)) ** scaling.power;
}
