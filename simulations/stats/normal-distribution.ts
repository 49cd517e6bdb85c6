/**
 * Standard normal CDF and quantile at full double precision.
 * - `normalCdf` uses W. J. Cody's rational Chebyshev approximations of erf/erfc ("Rational Chebyshev
 *   approximations for the error function", Math. Comp. 23, 1969; the coefficients of his CALERF
 *   routine, relative error below 1e-15). Tails are computed from erfc directly, so
 *   normalCdf(-30) keeps its ~16 significant digits instead of underflowing to 1 - 1.
 * - `normalQuantile` is Wichura's AS241 PPND16 (Applied Statistics 37, 1988), relative error ~1e-16.
 * Coefficients are written as the doubles nearest to the published ones (the linter refuses literals
 * with more digits than a double holds); the values at runtime are identical.
 */

const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const Q = [
  2.568520192289822, 1.8729528499234673, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
];
const SQRPI = 0.5641895835477563; // 1/sqrt(pi)
const THRESH = 0.46875;

/** Cody's erfc for x >= 0 (the only case the CDF needs after symmetry). */
function erfcNonNegative(x: number): number {
  if (x < THRESH) {
    const ysq = x > 1.11e-16 ? x * x : 0;
    let xnum = A[4]! * ysq;
    let xden = ysq;
    for (let i = 0; i < 3; i++) {
      xnum = (xnum + A[i]!) * ysq;
      xden = (xden + B[i]!) * ysq;
    }
    return 1 - (x * (xnum + A[3]!)) / (xden + B[3]!);
  }
  let result: number;
  if (x <= 4) {
    let xnum = C[8]! * x;
    let xden = x;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + C[i]!) * x;
      xden = (xden + D[i]!) * x;
    }
    result = (xnum + C[7]!) / (xden + D[7]!);
  } else {
    if (x >= 26.6) return 0; // erfc underflows below the smallest double
    const zsq = 1 / (x * x);
    let xnum = P[5]! * zsq;
    let xden = zsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + P[i]!) * zsq;
      xden = (xden + Q[i]!) * zsq;
    }
    result = (zsq * (xnum + P[4]!)) / (xden + Q[4]!);
    result = (SQRPI - result) / x;
  }
  // exp(-x^2) split as exp(-ysq^2) * exp(-del) to keep the relative accuracy for large x (Cody).
  const ysq = Math.trunc(x * 16) / 16;
  const del = (x - ysq) * (x + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del) * result;
}

/** Complementary error function erfc(x) = 1 - erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x);
}

/** P(Z <= x) for a standard normal Z. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x < 0 ? 0.5 * erfcNonNegative(-x / Math.SQRT2) : 1 - 0.5 * erfcNonNegative(x / Math.SQRT2);
}

/** The x with normalCdf(x) = p, for p in (0, 1); -Infinity at 0 and +Infinity at 1. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    x =
      (((((((r * 2.0103343992922881e-7 + 2.7115555687434876e-5) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 1.8463183175100548e-5) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -x : x;
}

/** Standard normal density. */
export function normalPdf(x: number): number {
  return 0.3989422804014327 * Math.exp(-0.5 * x * x);
}
