// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations,
// for real powers of a covariance (Σ^{1/2}, Σ^{-1/2}). Hand-written rather than
// a library: the matrices are D×D with D ≤ 10, only plain numbers are needed
// (a fractional power inside a derivative is refused, see values.ts), and a
// linear-algebra package would be the largest file of the extension for
// twenty lines of a textbook algorithm (Golub & Van Loan, §8.5).

/** A = V·diag(values)·Vᵀ for a symmetric A given row-major; V's columns are the eigenvectors. */
export function symmetricEigen(a: readonly number[], n: number): { values: number[]; vectors: number[] } {
  const A = a.slice();
  const V: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) V.push(i === j ? 1 : 0);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, scale = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      if (i !== j) off += A[i * n + j] ** 2;
      scale += A[i * n + j] ** 2;
    }
    if (off <= 1e-30 * scale) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        // The rotation that zeroes A[p][q] (the smaller angle, for stability).
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p], akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k], aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p], vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Array.from({ length: n }, (_, i) => A[i * n + i]), vectors: V };
}
