// Random GMM instances (parameters plus data) at which the checker evaluates
// both sides of a claim. A claim is only tested where the instance exercises
// it, so the scales are chosen to keep every term O(1) and informative:
//
// - Covariances Σ_k = Q diag(λ) Qᵀ with Q a random rotation and λ drawn
//   log-uniformly from [0.3, 3]: standard deviations 0.55–1.73, condition
//   number ≤ 10, entries O(1). A near-singular Σ would make Σ⁻¹ huge and
//   turn rounding into false failures.
// - Means are placed one at a time, each 2–3 units (about 2–3 standard
//   deviations) from an earlier one and at least 2 from all of them, then
//   shifted by a random offset so no mean sits at exactly 0 (where a sign
//   slip or a missing μ_k term would be invisible). Components overlap
//   enough that responsibilities are not all 0 or 1, yet stay distinct.
// - Weights π_k ≥ min(0.1, 0.5/K) (so ≥ 0.1 for K ≤ 5): floor plus a flat
//   Dirichlet share. A weight near 0 hides its component; near 1 hides the
//   others. (K = 1 forces π = [1].)
// - Data: the first min(K, N) points come one from each component, the rest
//   from the mixture, so every component owns some data.
//
// An instance is accepted only if checkInstance() finds nothing wrong
// (thresholds in INSTANCE_CHECKS); otherwise the generator keeps drawing from
// the same stream, so the result is still a function of the seed.

import type { Rng } from './random';
import { cholesky, componentLogDensities, type Gmm } from './reference';

export interface InstanceSize {
  K: number;
  D: number;
  N: number;
  /** Covariances σ_k² I (one variance per component, drawn like an eigenvalue) instead of full ones. */
  isotropic?: boolean;
}

export interface Instance {
  gmm: Gmm;
  /** N×D data. */
  X: number[][];
}

/** Scale constants of the generator (see the file comment for why). */
export const INSTANCE_SCALES = {
  minEigenvalue: 0.3,
  maxEigenvalue: 3,
  minMeanDistance: 2,
  maxMeanDistance: 3,
  maxWeightFloor: 0.1,
} as const;

/** Thresholds of checkInstance. */
export const INSTANCE_CHECKS = {
  /** log p(x_i) of every point; e^-40 ≈ 4e-18 is far above double underflow. */
  minLogDensity: -40,
  /**
   * log(π_k N(x_i|k)) of every pair; e^-300 ≈ 5e-131, so even a product of
   * two such densities evaluated in plain numbers (not log space) stays
   * well above the smallest double (≈ 1e-308).
   */
  minComponentLogDensity: -300,
  /** A responsibility counts as "shared" strictly inside this interval. */
  sharedLow: 0.05,
  sharedHigh: 0.95,
  /** Shared entries required: 2 (one point split between two components) for N < 10, else 4. */
  minSharedSmall: 2,
  minSharedLarge: 4,
  /** Rows whose largest responsibility is ≥ this count as "decided". */
  decided: 0.8,
  /** At least this fraction of rows must be decided (responsibilities are not near uniform). */
  minDecidedFraction: 0.5,
  /** Every component's effective count N_k. */
  minEffectiveCount: 0.5,
} as const;

const MAX_ATTEMPTS = 1000;

/** Rejects instances the checker cannot learn much from; returns why, or null if fine. */
export function checkInstance(inst: Instance): string | null {
  const { gmm, X } = inst;
  const { K } = gmm;
  const C = INSTANCE_CHECKS;
  const logTerms = componentLogDensities(gmm, X);
  const Nk = new Array<number>(K).fill(0);
  let shared = 0;
  let decided = 0;
  for (let i = 0; i < X.length; i++) {
    const row = logTerms[i];
    let max = -Infinity;
    for (const t of row) {
      if (!(t >= C.minComponentLogDensity)) return `component density of point ${i} underflows (log ${t})`;
      if (t > max) max = t;
    }
    let s = 0;
    for (const t of row) s += Math.exp(t - max);
    const lp = max + Math.log(s);
    if (!(lp >= C.minLogDensity)) return `point ${i} has log-density ${lp}`;
    let top = 0;
    for (let k = 0; k < K; k++) {
      const g = Math.exp(row[k] - lp);
      Nk[k] += g;
      if (g > C.sharedLow && g < C.sharedHigh) shared++;
      if (g > top) top = g;
    }
    if (top >= C.decided) decided++;
  }
  for (let k = 0; k < K; k++) {
    if (!(Nk[k] >= C.minEffectiveCount)) return `component ${k} has N_k = ${Nk[k]}`;
  }
  if (K === 1) return null;
  const minShared = X.length < 10 ? C.minSharedSmall : C.minSharedLarge;
  if (shared < minShared) return `only ${shared} responsibilities in (${C.sharedLow}, ${C.sharedHigh})`;
  if (decided < C.minDecidedFraction * X.length) return `responsibilities near uniform (${decided} decided rows)`;
  return null;
}

/** A random rotation: Gram–Schmidt on Gaussian vectors (Haar-distributed up to sign). */
function randomRotation(rng: Rng, D: number): number[][] {
  const Q: number[][] = [];
  while (Q.length < D) {
    const v = Array.from({ length: D }, () => rng.normal());
    for (const q of Q) {
      let dot = 0;
      for (let d = 0; d < D; d++) dot += v[d] * q[d];
      for (let d = 0; d < D; d++) v[d] -= dot * q[d];
    }
    const norm = Math.hypot(...v);
    // A nearly dependent draw would lose precision in the normalisation; draw again.
    if (norm < 1e-3) continue;
    Q.push(v.map((c) => c / norm));
  }
  return Q;
}

function randomCovariance(rng: Rng, D: number): number[][] {
  const { minEigenvalue: lo, maxEigenvalue: hi } = INSTANCE_SCALES;
  const Q = randomRotation(rng, D);
  const lambda = Array.from({ length: D }, () => lo * Math.exp(rng.next() * Math.log(hi / lo)));
  const S: number[][] = [];
  for (let a = 0; a < D; a++) {
    const row = new Array<number>(D);
    for (let b = 0; b < D; b++) {
      let s = 0;
      for (let p = 0; p < D; p++) s += Q[p][a] * lambda[p] * Q[p][b];
      row[b] = s;
    }
    S.push(row);
  }
  // Exact symmetry, so Σ and Σᵀ are the same numbers for the checker.
  for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) S[b][a] = S[a][b];
  return S;
}

function randomUnitVector(rng: Rng, D: number): number[] {
  for (;;) {
    const v = Array.from({ length: D }, () => rng.normal());
    const norm = Math.hypot(...v);
    if (norm > 1e-6) return v.map((c) => c / norm);
  }
}

/** Means per the file comment, or null if placement kept colliding (caller redraws). */
function randomMeans(rng: Rng, K: number, D: number): number[][] | null {
  const { minMeanDistance: dMin, maxMeanDistance: dMax } = INSTANCE_SCALES;
  const mu: number[][] = [new Array<number>(D).fill(0)];
  let tries = 0;
  while (mu.length < K) {
    if (++tries > 100 * K) return null;
    const from = mu[rng.int(0, mu.length - 1)];
    const dir = randomUnitVector(rng, D);
    const dist = rng.uniform(dMin, dMax);
    const cand = from.map((c, d) => c + dist * dir[d]);
    const clash = mu.some((m) => Math.hypot(...m.map((c, d) => c - cand[d])) < dMin);
    if (!clash) mu.push(cand);
  }
  const centroid = new Array<number>(D).fill(0);
  for (const m of mu) for (let d = 0; d < D; d++) centroid[d] += m[d] / K;
  const offset = Array.from({ length: D }, () => rng.uniform(-1, 1));
  return mu.map((m) => m.map((c, d) => c - centroid[d] + offset[d]));
}

function randomWeights(rng: Rng, K: number): number[] {
  const floor = Math.min(INSTANCE_SCALES.maxWeightFloor, 0.5 / K);
  // Flat Dirichlet: normalised standard exponentials.
  const e = Array.from({ length: K }, () => -Math.log(1 - rng.next()));
  const total = e.reduce((a, b) => a + b, 0);
  const pi = e.map((v) => floor + (1 - K * floor) * (v / total));
  const sum = pi.reduce((a, b) => a + b, 0);
  return pi.map((p) => p / sum);
}

function sampleComponent(rng: Rng, pi: number[]): number {
  let u = rng.next();
  for (let k = 0; k < pi.length - 1; k++) {
    u -= pi[k];
    if (u < 0) return k;
  }
  return pi.length - 1;
}

/** σ² I with σ² drawn like one eigenvalue of randomCovariance. */
function randomIsotropicCovariance(rng: Rng, D: number): number[][] {
  const { minEigenvalue: lo, maxEigenvalue: hi } = INSTANCE_SCALES;
  const v = lo * Math.exp(rng.next() * Math.log(hi / lo));
  return Array.from({ length: D }, (_, a) => Array.from({ length: D }, (_, b) => (a === b ? v : 0)));
}

function drawInstance(rng: Rng, K: number, D: number, N: number, isotropic = false): Instance | null {
  const mu = randomMeans(rng, K, D);
  if (mu === null) return null;
  const Sigma = Array.from({ length: K }, () => (isotropic ? randomIsotropicCovariance(rng, D) : randomCovariance(rng, D)));
  const pi = randomWeights(rng, K);
  // x = μ + A z with Σ = A Aᵀ (A the Cholesky factor) and z standard normal.
  const chol = Sigma.map(cholesky);
  const X: number[][] = [];
  const z = new Array<number>(D);
  for (let i = 0; i < N; i++) {
    const k = i < K ? i : sampleComponent(rng, pi);
    for (let d = 0; d < D; d++) z[d] = rng.normal();
    const x = new Array<number>(D);
    for (let a = 0; a < D; a++) {
      let s = mu[k][a];
      for (let b = 0; b <= a; b++) s += chol[k][a][b] * z[b];
      x[a] = s;
    }
    X.push(x);
  }
  return { gmm: { K, D, pi, mu, Sigma }, X };
}

/**
 * A random instance of the given size that passes checkInstance. Draws from
 * `rng` (advancing it), so consecutive calls give different instances and the
 * same seed gives the same sequence. Throws RangeError for sizes it cannot
 * serve (K, D, N must be positive integers, N ≥ K).
 */
export function randomInstance(rng: Rng, size: InstanceSize): Instance {
  const { K, D, N } = size;
  for (const [name, v] of [['K', K], ['D', D], ['N', N]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer (got ${v})`);
  }
  if (N < K) throw new RangeError(`need at least one point per component (N = ${N} < K = ${K})`);
  let lastReason = '';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const inst = drawInstance(rng, K, D, N, size.isotropic);
    if (inst === null) {
      lastReason = 'means could not be placed';
      continue;
    }
    const reason = checkInstance(inst);
    if (reason === null) return inst;
    lastReason = reason;
  }
  throw new Error(`no acceptable GMM instance for K=${K}, D=${D}, N=${N} in ${MAX_ATTEMPTS} draws (last: ${lastReason})`);
}
