/** Time to expiry in years of 365 days (ACT/365F), the convention of Deribit and Derive option marks. */
export const MS_PER_DAY = 86_400_000;
export const DAYS_PER_YEAR = 365;
export const MS_PER_YEAR = MS_PER_DAY * DAYS_PER_YEAR;

/** Years from `fromMs` to `toMs`; negative when `toMs` is earlier. */
export function yearsBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / MS_PER_YEAR;
}
