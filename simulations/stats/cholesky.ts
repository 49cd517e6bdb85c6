/**
 * Cholesky factor L (lower triangular, A = L L^T) of a symmetric positive-definite matrix, used to
 * turn independent normals into correlated ones: x = L z has covariance A.
 * Throws with the failing pivot when A is not positive definite (e.g. an inconsistent correlation
 * matrix typed by a user).
 */
export function cholesky(a: ArrayLike<ArrayLike<number>>): Float64Array[] {
  const n = a.length;
  const L = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const row = a[i]!;
    if (row.length !== n)
      throw new Error(`cholesky: matrix must be square, row ${i} has ${row.length} entries`);
    for (let j = 0; j <= i; j++) {
      if (Math.abs(row[j]! - a[j]![i]!) > 1e-12)
        throw new Error(`cholesky: matrix is not symmetric at (${i}, ${j})`);
      let s = row[j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error(`cholesky: matrix is not positive definite (pivot ${i} = ${s})`);
        L[i]![i] = Math.sqrt(s);
      } else {
        L[i]![j] = s / L[j]![j]!;
      }
    }
  }
  return L;
}
