// Reference implementation of a Gaussian mixture model: densities, the
// log-likelihood, responsibilities, the analytic gradients of the
// log-likelihood and the EM updates. The checker compares what a note claims
// against these numbers, so they are certified by tests (finite differences
// and the MML-book worked example), not trusted.
//
// Everything works in log space until the last moment: a point far from a
// component has a density like e^-800, which is 0 in doubles, and the naive
// Σ_k π_k N(x|k) would give log 0 = -∞ (and 0/0 responsibilities).
// Covariances go through a Cholesky factor once per call, never an explicit
// inverse in the inner loop. Only the lower triangle of each Σ_k is read
// (Σ_k is symmetric by definition).

/** A mixture of K Gaussians in D dimensions (D = 1 is the scalar case: Sigma[k] = [[σ_k²]]). */
export interface Gmm {
  K: number;
  D: number;
  /** Mixture weights π_k (the log-likelihood does not renormalise them). */
  pi: number[];
  /** Means, K×D. */
  mu: number[][];
  /** Covariances, K×D×D, symmetric positive definite. */
  Sigma: number[][][];
}

const LOG_2PI = Math.log(2 * Math.PI);

// ---------------------------------------------------------------------------
// Dense D×D linear algebra on row-major Float64Arrays (D is 1–3 in practice).

/** Lower Cholesky factor of the SPD matrix A (row-major D×D); throws if A is not SPD. */
function choleskyFlat(A: number[][], D: number): Float64Array {
  const L = new Float64Array(D * D);
  for (let j = 0; j < D; j++) {
    let diag = A[j][j];
    for (let p = 0; p < j; p++) diag -= L[j * D + p] * L[j * D + p];
    if (!(diag > 0)) throw new RangeError('covariance matrix is not symmetric positive definite');
    const ljj = Math.sqrt(diag);
    L[j * D + j] = ljj;
    for (let i = j + 1; i < D; i++) {
      let s = A[i][j];
      for (let p = 0; p < j; p++) s -= L[i * D + p] * L[j * D + p];
      L[i * D + j] = s / ljj;
    }
  }
  return L;
}

function logDetFromCholesky(L: Float64Array, D: number): number {
  let s = 0;
  for (let j = 0; j < D; j++) s += Math.log(L[j * D + j]);
  return 2 * s;
}

/** Solves L y = v in place (forward substitution) and returns ‖y‖² = vᵀ Σ⁻¹ v. */
function forwardSquaredNorm(L: Float64Array, D: number, v: Float64Array): number {
  let q = 0;
  for (let i = 0; i < D; i++) {
    let s = v[i];
    for (let p = 0; p < i; p++) s -= L[i * D + p] * v[p];
    s /= L[i * D + i];
    v[i] = s;
    q += s * s;
  }
  return q;
}

/** Solves (L Lᵀ) x = v in place. */
function choleskySolveInPlace(L: Float64Array, D: number, v: Float64Array): void {
  for (let i = 0; i < D; i++) {
    let s = v[i];
    for (let p = 0; p < i; p++) s -= L[i * D + p] * v[p];
    v[i] = s / L[i * D + i];
  }
  for (let i = D - 1; i >= 0; i--) {
    let s = v[i];
    for (let p = i + 1; p < D; p++) s -= L[p * D + i] * v[p];
    v[i] = s / L[i * D + i];
  }
}

/** (L Lᵀ)⁻¹ as a row-major Float64Array, column by column. */
function choleskyInverseFlat(L: Float64Array, D: number): Float64Array {
  const inv = new Float64Array(D * D);
  const col = new Float64Array(D);
  for (let j = 0; j < D; j++) {
    col.fill(0);
    col[j] = 1;
    choleskySolveInPlace(L, D, col);
    for (let i = 0; i < D; i++) inv[i * D + j] = col[i];
  }
  // Symmetrise: the two triangles agree up to rounding, and callers rely on symmetry.
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < i; j++) {
      const m = 0.5 * (inv[i * D + j] + inv[j * D + i]);
      inv[i * D + j] = m;
      inv[j * D + i] = m;
    }
  }
  return inv;
}

function toRows(flat: Float64Array, D: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < D; i++) rows.push(Array.from(flat.subarray(i * D, i * D + D)));
  return rows;
}

/** Lower-triangular L with A = L Lᵀ; throws RangeError if A is not SPD. */
export function cholesky(A: number[][]): number[][] {
  return toRows(choleskyFlat(A, A.length), A.length);
}

/** log det A for SPD A. */
export function logDet(A: number[][]): number {
  return logDetFromCholesky(choleskyFlat(A, A.length), A.length);
}

/** x with A x = b, for SPD A. */
export function solve(A: number[][], b: number[]): number[] {
  const v = Float64Array.from(b);
  choleskySolveInPlace(choleskyFlat(A, A.length), A.length, v);
  return Array.from(v);
}

/** A⁻¹ for SPD A (exactly symmetric). */
export function inverse(A: number[][]): number[][] {
  const D = A.length;
  return toRows(choleskyInverseFlat(choleskyFlat(A, D), D), D);
}

// ---------------------------------------------------------------------------
// Per-call preparation: one Cholesky per component, reused for every point.

interface Prepared {
  K: number;
  D: number;
  chol: Float64Array[];
  /** −(D/2) log 2π − ½ log det Σ_k. */
  logNorm: Float64Array;
  /** log π_k (kept apart from logNorm so π_k = 0 gives −∞ terms, not NaN densities). */
  logPi: Float64Array;
  /** Scratch for x − μ_k. */
  diff: Float64Array;
  /** Scratch for one point's K log terms. */
  terms: Float64Array;
  /** Set by pointTerms: the largest term and Σ_k exp(term_k − max). */
  max: number;
  sum: number;
}

function prepare(gmm: Gmm): Prepared {
  const { K, D } = gmm;
  const chol: Float64Array[] = [];
  const logNorm = new Float64Array(K);
  const logPi = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const L = choleskyFlat(gmm.Sigma[k], D);
    chol.push(L);
    logNorm[k] = -0.5 * D * LOG_2PI - 0.5 * logDetFromCholesky(L, D);
    logPi[k] = Math.log(gmm.pi[k]);
  }
  return { K, D, chol, logNorm, logPi, diff: new Float64Array(D), terms: new Float64Array(K), max: -Infinity, sum: 0 };
}

/** log N(x | μ_k, Σ_k) without the log π_k term. */
function logGaussPrepared(P: Prepared, gmm: Gmm, x: number[], k: number): number {
  const { D, diff } = P;
  const m = gmm.mu[k];
  for (let d = 0; d < D; d++) diff[d] = x[d] - m[d];
  return -0.5 * forwardSquaredNorm(P.chol[k], D, diff) + P.logNorm[k];
}

/**
 * Fills P.terms with log(π_k N(x|μ_k,Σ_k)), P.max and P.sum, and returns
 * their log-sum-exp, log p(x).
 */
function pointTerms(P: Prepared, gmm: Gmm, x: number[]): number {
  const { K, D, diff, terms } = P;
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    const m = gmm.mu[k];
    for (let d = 0; d < D; d++) diff[d] = x[d] - m[d];
    const t = -0.5 * forwardSquaredNorm(P.chol[k], D, diff) + P.logNorm[k] + P.logPi[k];
    terms[k] = t;
    // A NaN (from NaN data or parameters) must reach the caller, not vanish
    // behind a max that ignores it.
    if (t > max || Number.isNaN(t)) max = t;
  }
  P.max = max;
  if (max === -Infinity) {
    P.sum = 0;
    return -Infinity;
  }
  let s = 0;
  for (let k = 0; k < K; k++) s += Math.exp(terms[k] - max);
  P.sum = s;
  return max + Math.log(s);
}

/**
 * γ_k of the point last passed to pointTerms. Computed as exp(t_k − max)/sum
 * rather than exp(t_k − log p): when the terms are large (a point far out,
 * t ≈ −10⁴) the subtraction t_k − log p loses ~ε|t| and rows would miss
 * summing to one by 1e-12; dividing by the same sum keeps them exact to a
 * few ulps.
 */
function pointResponsibility(P: Prepared, k: number): number {
  return Math.exp(P.terms[k] - P.max) / P.sum;
}

/** γ_ik for one k and every i. */
function responsibilityColumn(P: Prepared, gmm: Gmm, X: number[][], k: number): Float64Array {
  const col = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) {
    pointTerms(P, gmm, X[i]);
    col[i] = pointResponsibility(P, k);
  }
  return col;
}

// ---------------------------------------------------------------------------
// Densities and likelihood.

/** log N(x | μ, Σ). */
export function logGauss(x: number[], mu: number[], Sigma: number[][]): number {
  const D = mu.length;
  const L = choleskyFlat(Sigma, D);
  const diff = new Float64Array(D);
  for (let d = 0; d < D; d++) diff[d] = x[d] - mu[d];
  return -0.5 * forwardSquaredNorm(L, D, diff) - 0.5 * D * LOG_2PI - 0.5 * logDetFromCholesky(L, D);
}

/** N(x | μ, Σ) (may underflow to 0 far from μ; use logGauss there). */
export function gauss(x: number[], mu: number[], Sigma: number[][]): number {
  return Math.exp(logGauss(x, mu, Sigma));
}

/** N×K matrix of log(π_k N(x_i | μ_k, Σ_k)). */
export function componentLogDensities(gmm: Gmm, X: number[][]): number[][] {
  const P = prepare(gmm);
  const out: number[][] = [];
  for (const x of X) {
    pointTerms(P, gmm, x);
    out.push(Array.from(P.terms));
  }
  return out;
}

/** log p(x) = log Σ_k π_k N(x | μ_k, Σ_k). */
export function mixtureLogDensity(gmm: Gmm, x: number[]): number {
  return pointTerms(prepare(gmm), gmm, x);
}

/** L = Σ_i log Σ_k π_k N(x_i | μ_k, Σ_k), by log-sum-exp per point. */
export function logLikelihood(gmm: Gmm, X: number[][]): number {
  const P = prepare(gmm);
  let s = 0;
  for (const x of X) s += pointTerms(P, gmm, x);
  return s;
}

/** N×K responsibilities γ_ik = π_k N(x_i|k) / p(x_i); each row sums to 1. */
export function responsibilities(gmm: Gmm, X: number[][]): number[][] {
  const P = prepare(gmm);
  const out: number[][] = [];
  for (const x of X) {
    pointTerms(P, gmm, x);
    const row = new Array<number>(P.K);
    for (let k = 0; k < P.K; k++) row[k] = pointResponsibility(P, k);
    out.push(row);
  }
  return out;
}

/** N_k = Σ_i γ_ik from precomputed responsibilities. */
function columnSums(resp: number[][], K: number): number[] {
  const Nk = new Array<number>(K).fill(0);
  for (const row of resp) for (let k = 0; k < K; k++) Nk[k] += row[k];
  return Nk;
}

/** Effective counts N_k = Σ_i γ_ik. */
export function effectiveCounts(gmm: Gmm, X: number[][]): number[] {
  return columnSums(responsibilities(gmm, X), gmm.K);
}

// ---------------------------------------------------------------------------
// Gradients of L. Each is the textbook closed form; tests compare them with
// central differences of logLikelihood.

/** ∂L/∂μ_k = Σ_i γ_ik Σ_k⁻¹ (x_i − μ_k), as a D-vector. */
export function gradMu(gmm: Gmm, X: number[][], k: number): number[] {
  const P = prepare(gmm);
  const gamma = responsibilityColumn(P, gmm, X, k);
  const { D } = gmm;
  const m = gmm.mu[k];
  // Σ⁻¹ is linear, so sum the weighted residuals first and solve once.
  const acc = new Float64Array(D);
  for (let i = 0; i < X.length; i++) {
    const x = X[i], g = gamma[i];
    for (let d = 0; d < D; d++) acc[d] += g * (x[d] - m[d]);
  }
  choleskySolveInPlace(P.chol[k], D, acc);
  return Array.from(acc);
}

/**
 * ∂L/∂Σ_k taken entry by entry (all D² entries independent):
 * ½ Σ_i γ_ik (Σ⁻¹ d_i d_iᵀ Σ⁻¹ − Σ⁻¹) with d_i = x_i − μ_k. For a general
 * matrix the derivative involves Σ⁻ᵀ; at a symmetric Σ the two agree and the
 * result is symmetric.
 */
export function gradSigma(gmm: Gmm, X: number[][], k: number): number[][] {
  const P = prepare(gmm);
  const gamma = responsibilityColumn(P, gmm, X, k);
  const { D } = gmm;
  const m = gmm.mu[k];
  // S = Σ_i γ_ik d_i d_iᵀ and N_k, then ½ (Σ⁻¹ S Σ⁻¹ − N_k Σ⁻¹).
  const S = new Float64Array(D * D);
  let Nk = 0;
  for (let i = 0; i < X.length; i++) {
    const x = X[i], g = gamma[i];
    Nk += g;
    for (let a = 0; a < D; a++) {
      const da = g * (x[a] - m[a]);
      for (let b = 0; b <= a; b++) S[a * D + b] += da * (x[b] - m[b]);
    }
  }
  for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) S[b * D + a] = S[a * D + b];
  const inv = choleskyInverseFlat(P.chol[k], D);
  const out: number[][] = [];
  for (let a = 0; a < D; a++) out.push(new Array<number>(D));
  // The result is symmetric: compute the lower triangle and mirror it, so
  // G_ab and G_ba are the same number rather than equal up to rounding.
  for (let a = 0; a < D; a++) {
    for (let b = 0; b <= a; b++) {
      let v = 0;
      for (let p = 0; p < D; p++) {
        let t = 0;
        for (let q = 0; q < D; q++) t += S[p * D + q] * inv[q * D + b];
        v += inv[a * D + p] * t;
      }
      out[a][b] = out[b][a] = 0.5 * (v - Nk * inv[a * D + b]);
    }
  }
  return out;
}

function requireScalar(gmm: Gmm, what: string): void {
  if (gmm.D !== 1) throw new RangeError(`${what} is defined for D = 1 only (got D = ${gmm.D})`);
}

/** D = 1: ∂L/∂σ_k² = Σ_i γ_ik ((x_i − μ_k)² / (2σ_k⁴) − 1 / (2σ_k²)). */
export function gradVar(gmm: Gmm, X: number[][], k: number): number {
  requireScalar(gmm, 'gradVar');
  const P = prepare(gmm);
  const gamma = responsibilityColumn(P, gmm, X, k);
  const v = gmm.Sigma[k][0][0];
  const m = gmm.mu[k][0];
  let s = 0;
  for (let i = 0; i < X.length; i++) {
    const d = X[i][0] - m;
    s += gamma[i] * (d * d / v - 1);
  }
  return s / (2 * v);
}

/** D = 1: ∂L/∂σ_k = 2σ_k ∂L/∂σ_k² = Σ_i γ_ik ((x_i − μ_k)² / σ_k³ − 1/σ_k). */
export function gradStd(gmm: Gmm, X: number[][], k: number): number {
  return 2 * Math.sqrt(gmm.Sigma[k][0][0]) * gradVar(gmm, X, k);
}

/**
 * Unconstrained ∂L/∂π_k = Σ_i N(x_i|μ_k,Σ_k) / p(x_i) (= Σ_i γ_ik / π_k),
 * computed from the log densities so it stays finite when π_k is tiny.
 */
export function gradPi(gmm: Gmm, X: number[][], k: number): number {
  const P = prepare(gmm);
  let s = 0;
  for (const x of X) {
    const lp = pointTerms(P, gmm, x);
    s += Math.exp(logGaussPrepared(P, gmm, x, k) - lp);
  }
  return s;
}

/** With π = softmax(α): ∂L/∂α_k = Σ_i γ_ik − N π_k = N_k − N π_k. */
export function gradLogits(gmm: Gmm, X: number[][], k: number): number {
  const gamma = responsibilityColumn(prepare(gmm), gmm, X, k);
  let Nk = 0;
  for (let i = 0; i < gamma.length; i++) Nk += gamma[i];
  return Nk - X.length * gmm.pi[k];
}

/** ∂/∂π_k of 𝔏 = L + λ(Σ_k π_k − 1): gradPi + λ. */
export function lagrangianGradPi(gmm: Gmm, X: number[][], k: number, lambda: number): number {
  return gradPi(gmm, X, k) + lambda;
}

// ---------------------------------------------------------------------------
// EM. The M-step pieces take responsibilities explicitly so a checker can
// compare one update at a time. A component whose N_k underflows to 0 keeps
// its old mean and covariance: the update is 0/0 there, and keeping the old
// value is what a practical EM does.

/** μ_k^new = Σ_i γ_ik x_i / N_k. */
export function mStepMeans(gmm: Gmm, X: number[][], resp: number[][]): number[][] {
  const { K, D } = gmm;
  const Nk = columnSums(resp, K);
  const out: number[][] = [];
  for (let k = 0; k < K; k++) {
    if (!(Nk[k] > 0)) {
      out.push(gmm.mu[k].slice());
      continue;
    }
    const m = new Array<number>(D).fill(0);
    for (let i = 0; i < X.length; i++) {
      const g = resp[i][k], x = X[i];
      for (let d = 0; d < D; d++) m[d] += g * x[d];
    }
    for (let d = 0; d < D; d++) m[d] /= Nk[k];
    out.push(m);
  }
  return out;
}

/**
 * Σ_k^new = Σ_i γ_ik (x_i − μ_k^new)(x_i − μ_k^new)ᵀ / N_k: the new means with
 * the responsibilities of the E-step (the old parameters), as the textbooks do.
 */
export function mStepCovariances(gmm: Gmm, X: number[][], resp: number[][], newMu: number[][]): number[][][] {
  const { K, D } = gmm;
  const Nk = columnSums(resp, K);
  const out: number[][][] = [];
  for (let k = 0; k < K; k++) {
    if (!(Nk[k] > 0)) {
      out.push(gmm.Sigma[k].map((row) => row.slice()));
      continue;
    }
    const m = newMu[k];
    const S: number[][] = [];
    for (let a = 0; a < D; a++) S.push(new Array<number>(D).fill(0));
    for (let i = 0; i < X.length; i++) {
      const g = resp[i][k], x = X[i];
      for (let a = 0; a < D; a++) {
        const da = g * (x[a] - m[a]);
        for (let b = 0; b <= a; b++) S[a][b] += da * (x[b] - m[b]);
      }
    }
    for (let a = 0; a < D; a++) {
      for (let b = 0; b <= a; b++) {
        S[a][b] /= Nk[k];
        S[b][a] = S[a][b];
      }
    }
    out.push(S);
  }
  return out;
}

/** π_k^new = N_k / N. */
export function mStepWeights(resp: number[][]): number[] {
  const K = resp.length > 0 ? resp[0].length : 0;
  return columnSums(resp, K).map((n) => n / resp.length);
}

/** One EM cycle: E-step at the current parameters, then means, covariances (with the new means) and weights. */
export function emStep(gmm: Gmm, X: number[][]): Gmm {
  const resp = responsibilities(gmm, X);
  const mu = mStepMeans(gmm, X, resp);
  const Sigma = mStepCovariances(gmm, X, resp, mu);
  return { K: gmm.K, D: gmm.D, pi: mStepWeights(resp), mu, Sigma };
}
