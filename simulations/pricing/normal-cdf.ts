// biome-ignore-all lint/correctness/noPrecisionLoss: Cody's coefficients are kept digit for digit as published (TOMS 715); the double nearest each is what runs.
/**
 * Standard normal distribution function to full double precision.
 *
 * W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969),
 * as implemented in his SPECFUN routine ANORM (netlib, TOMS 715) and in R's `pnorm_both`:
 * three rational approximations (|x| <= 0.67448975, |x| <= sqrt(32), beyond) with relative error
 * below 1e-15 in both tails. The tail factor exp(-x^2/2) is evaluated as exp(-xsq^2/2)*exp(-del/2)
 * with xsq = x rounded down to 1/16, so that x^2 is formed without rounding error (the SIXTEN trick);
 * this keeps the relative accuracy in the far tails where the common 7-digit formulas
 * (Abramowitz-Stegun 26.2.17) lose everything.
 */

const A0 = 2.2352520354606839287;
const A1 = 161.02823106855587881;
const A2 = 1067.6894854603709582;
const A3 = 18154.981253343561249;
const A4 = 0.065682337918207449113;
const B0 = 47.20258190468824187;
const B1 = 976.09855173777669322;
const B2 = 10260.932208618978205;
const B3 = 45507.789335026729956;

const C0 = 0.39894151208813466764;
const C1 = 8.8831497943883759412;
const C2 = 93.506656132177855979;
const C3 = 597.27027639480026226;
const C4 = 2494.5375852903726711;
const C5 = 6848.1904505362823326;
const C6 = 11602.651437647350124;
const C7 = 9842.7148383839780218;
const C8 = 1.0765576773720192317e-8;
const D0 = 22.266688044328115691;
const D1 = 235.38790178262499861;
const D2 = 1519.377599407554805;
const D3 = 6485.558298266760755;
const D4 = 18615.571640885098091;
const D5 = 34900.952721145977266;
const D6 = 38912.003286093271411;
const D7 = 19685.429676859990727;

const P0 = 0.21589853405795699;
const P1 = 0.1274011611602473639;
const P2 = 0.022235277870649807;
const P3 = 0.001421619193227893466;
const P4 = 2.9112874951168792e-5;
const P5 = 0.02307344176494017303;
const Q0 = 1.28426009614491121;
const Q1 = 0.468238212480865118;
const Q2 = 0.0659881378689285515;
const Q3 = 0.00378239633202758244;
const Q4 = 7.29751555083966205e-5;

/** 1 / sqrt(2 pi). */
export const INV_SQRT_2PI = 0.398942280401432677939946059934;
const SQRT_32 = 5.656854249492380195206754896838;
/** Below this the lower tail underflows to 0 (Cody's XLOW); above -XLOW the upper tail does. */
const TAIL_LIMIT = 37.5193;

/** exp(-x^2/2) with x^2 split so that the leading square is exact (Cody's SIXTEN trick). */
function gaussianTailFactor(y: number): number {
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq * 0.5) * Math.exp(-del * 0.5);
}

/** Upper tail Q(y) = P(Z > y) for y >= 0.67448975 (the caller guarantees it), to full relative precision. */
function normalUpperTail(y: number): number {
  if (y >= TAIL_LIMIT) return 0;
  let r: number;
  if (y <= SQRT_32) {
    const num = (((((((C8 * y + C0) * y + C1) * y + C2) * y + C3) * y + C4) * y + C5) * y + C6) * y + C7;
    const den = (((((((y + D0) * y + D1) * y + D2) * y + D3) * y + D4) * y + D5) * y + D6) * y + D7;
    r = num / den;
  } else {
    const z = 1 / (y * y);
    const num = (((((P5 * z + P0) * z + P1) * z + P2) * z + P3) * z + P4) * z;
    const den = ((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4;
    r = (INV_SQRT_2PI - num / den) / y;
  }
  return gaussianTailFactor(y) * r;
}

/** Phi(x) = P(Z <= x) for a standard normal Z; relative error < 1e-15 in both tails, exact 0/1 past +-37.5. */
export function normCdf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    const xsq = x * x;
    const num = (((A4 * xsq + A0) * xsq + A1) * xsq + A2) * xsq + A3;
    const den = (((xsq + B0) * xsq + B1) * xsq + B2) * xsq + B3;
    return 0.5 + (x * num) / den;
  }
  if (Number.isNaN(x)) return Number.NaN;
  const tail = normalUpperTail(y);
  return x > 0 ? 1 - tail : tail;
}

/** Standard normal density phi(x). */
export function normPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}
