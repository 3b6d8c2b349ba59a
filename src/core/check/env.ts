// The evaluation environment of one sample point: a random GMM instance (from
// the reference generator), the values of index variables, and the active
// perturbations of forward-mode differentiation.
//
// Known quantities (responsibilities, N_k, the log-likelihood, gradients) are
// read from the certified reference implementation when nothing is being
// differentiated. Inside a derivative the same quantities are recomputed
// from the perturbed parameters with dual-number arithmetic, because the
// reference works on plain numbers only.
import * as R from '../gmm/reference';
import { randomInstance } from '../gmm/instance';
import { Rng } from '../gmm/random';
import {
  add, columnVector, det, div, Dual, EvalError, exp, inverse, isMatrix, log, matrix, mul, neg, newTag, plainInSomeDirection, pow, primal,
  seed as dualSeed, seedDirection, sin, sqrt, sub, tangentEntry, tangentValue, toScalar, vadd, vmul, vsub, transpose, withTangents,
  Tangents, type Matrix, type Scalar, type Value,
} from '../eval/values';
import { Budget, BudgetExceeded, MAX_DERIVATIVE_DEPTH, unlimitedBudget } from './budget';

/** What a letter the note never defines stands for (compile.ts, freeLetter). */
export type FreeShape = 'matrix' | 'vector' | 'scalar' | 'spd';

/** A differentiable parameter of the model. */
// 'piPair': the weight π_index with another weight moving opposite to it (Target.partner): the other weight of a
// two-component mixture written with one weight (π_1 = π, π_2 = 1 − π: bareWeight.ts), or the last weight a note
// eliminated (π_K = 1 − Σ_{j<K} π_j: LAST_WEIGHT_ELIMINATED).
export type ParamKind = 'mu' | 'Sigma' | 'var' | 'std' | 'pi' | 'lambda' | 'x' | 'gx' | 'gmu' | 'gSigma' | 'gvar' | 'gstd' | 'theta' | 'free' | 'prec' | 'logit' | 'piPair';

/** Target.index of a tied model's shared spread: every component's moves with it (one seed per component, one tag). */
export const TIED_COMPONENTS = -2;

export interface Target {
  kind: ParamKind;
  /** Component (0-based) for mu/Sigma/var/std/pi, data point for x; the letter's id for free; -1 otherwise; TIED_COMPONENTS. */
  index: number;
  /** For a free letter (Env.freeValue): a D×D matrix, a D-vector or a number. */
  shape?: FreeShape;
  /** For piPair: the one weight that moves against π_index (0-based); every other weight when absent (two components). */
  partner?: number;
}

export interface Seed {
  target: Target;
  /** Entry of a vector/matrix parameter (row-major), 0 for scalars; −1: every entry, one direction each (`directions`). */
  entry: number;
  tag: number;
  /** Number of entries of the parameter when `entry` is −1 (a vector-valued tangent). */
  directions?: number;
}

/** The perturbation of a seed on entry `entry` of its parameter (−1: on all of them at once, as σ moves with every entry of Σ). */
function perturbation(s: Seed, entry: number): Scalar {
  return s.entry < 0 ? seedDirection(s.tag, entry, s.directions ?? 1) : dualSeed(0, s.tag);
}

/** One random instance plus the free symbols the checker samples with it. */
/** An event built from events a note names by letters (compile.ts, compileAbstractEventProbability). */
export type EventExpr =
  | { op: 'atom'; name: string }
  | { op: 'not'; a: EventExpr }
  | { op: 'and' | 'or'; a: EventExpr; b: EventExpr };

/** Outcomes of the random finite probability space events are evaluated on. */
const OUTCOMES = 12;
/** Env.abstractVariant under which the named events are independent; coordinates of that product space. */
export const INDEPENDENT_EVENTS = 2;
/**
 * Env.abstractVariant under which IW(Σ | S, ν) takes S as the scale matrix (Wikipedia's
 * tr(S Σ⁻¹)); the other variants take Murphy's convention, tr(S⁻¹ Σ⁻¹) (compile.ts).
 */
export const IW_SCALE_CONVENTION = 6;
/** Env.abstractVariant under which the named events are mutually exclusive. */
export const DISJOINT_EVENTS = 3;
const INDEPENDENT_COORDS = 6;
/**
 * Env.abstractVariant under which the letters read as arbitrary matrices (freeValue) are
 * symmetric: an identity such as ∂ ln|A| / ∂A = A⁻¹ holds for those only, and notes often mean them.
 */
export const SYMMETRIC_FREE = 4;
/**
 * Env.abstractVariant under which σ_k in a Gaussian's second slot, 𝒩(x | μ_k, σ_k), is a variance
 * (the note writes σ for it), not the standard deviation NoteContext.stdInSpreadSlot reads it as;
 * in a 1-D note σ_k is then the variance wherever it is written (its update, ∂/∂σ_k).
 */
export const SPREAD_AS_VARIANCE = 10;
/**
 * Env.abstractVariant under which a responsibility written with the update's mark (γ^{new}, r^{(t+1)})
 * is the responsibility at the updated parameters; the other variants take it as the E-step's new
 * numbers, computed from the current parameters (as most notes mean γ^{new}).
 */
export const RESP_AT_UPDATE = 11;
/** Env.abstractVariant under which a derivative in θ_k (a parameter of component k) is taken along Σ_k, not μ_k. */
export const THETA_AS_SPREAD = 12;
/**
 * Env.abstractVariant under which a derivative in a numbered weight of a two-component mixture moves the other
 * weight with it (π_2 = 1 − π_1, which the note has written): the total derivative, not the partial one.
 */
export const WEIGHTS_PAIRED = 13;
/**
 * Env.abstractVariant under which a derivative in a weight π_k moves the last weight π_K against it: the note
 * has eliminated it (π_K = 1 − Σ_{j<K} π_j), so π_1 … π_{K−1} are its free parameters. No derivative in π_K then.
 * Not 14, the next number: claims.ts's abstractDependence evaluates a claim again under the variant one above the
 * one it passed under (WEIGHTS_PAIRED + 1 = 14), where only the functions the note leaves open may change.
 */
export const LAST_WEIGHT_ELIMINATED = 20;
/** Variant: a number added to a square matrix is that number times the identity (values.ts scalarsAsIdentity). */
export const SCALAR_AS_IDENTITY = 21;
/**
 * Env.abstractVariant under which a derivative in a bare θ (all the parameters at once, along a random direction) leaves the
 * weights still: θ a parameter of the components, their means and spreads (a step that differentiates a component's density in θ).
 */
export const THETA_COMPONENTS = 30;

/** A finite probability space of one instance and variant: outcome weights, and each named event's outcomes. */
interface EventSpace { p: number[]; size: number; members: Map<string, boolean[]> }

export interface Trial {
  K: number;
  D: number;
  N: number;
  gmm: R.Gmm;
  X: number[][];
  lambda: number;
  /** A generic point x, mean μ and covariance Σ for unindexed symbols. */
  gx: number[];
  gmu: number[];
  gSigma: number[][];
  /** Random direction in parameter space for ∂/∂θ. */
  thetaDir: { pi: number[]; mu: number[][]; Sigma: number[][][] };
  /** The component each point is assigned to, for claims about the latent assignments (drawn on first use). */
  assign?: number[];
  /** The complete-data estimates under that assignment (Env.hardEstimates). */
  hard?: { mu: number[][]; Sigma: number[][][]; pi: number[] };
  /** Reference values, computed once per trial. */
  ref: RefCache;
  /** Σ_k = σ_k² I (TrialOptions.isotropic): perturbing σ_k or σ_k² moves the whole Σ_k. */
  isotropic?: boolean;
  /** One covariance for every component (TrialOptions.tied): the M-step pools it over the components. */
  tied?: boolean;
  /**
   * The common shift of the weights' logits: η_k = log π_k + shift. Softmax ignores it, and a note that
   * writes π = softmax(η) has unconstrained logits, so Σ_j e^{η_j} is not 1 (log Σ e^η = 0 would hide
   * every slip about the normaliser). Every instance trialFrom makes has one (worked examples' too).
   */
  logitShift?: number;
  /** Plain inverse and normalising constant of each Σ_k, filled on first use. */
  covCache?: { inv: Matrix; norm: number; det: number }[];
  gradCache?: Map<string, Value | null>;
  /** Event spaces by Env.abstractVariant (Env.eventProbability), drawn on first use. */
  eventSpaces?: Map<number, EventSpace>;
  /**
   * x_i, μ_k and Σ_k as values where no perturbation moves them, built on first use (Env.plain)
   * from the parameters and data named here: a copy of the trial with other parameters
   * (withParameters) builds its own.
   */
  plain?: { gmm: R.Gmm; X: number[][]; x: Value[]; mu: Value[]; Sigma: Value[] };
}

export interface RefCache {
  resp: number[][];
  Nk: number[];
  logLik: number;
  mixture: number[];
  comp: number[][];
  mStepMu?: number[][];
  mStepSigma?: number[][][];
  /** Env.mStepTiedSigma's. */
  mStepTiedSigma?: number[][][];
  mStepPi?: number[];
  /** The responsibilities at the M-step's parameters. */
  mStepResp?: number[][];
}

export interface TrialOptions {
  K: number;
  D: number;
  N: number;
  /** π off the simplex (independent positive weights), for Lagrangian notes. */
  relaxed: boolean;
  /** Covariances σ_k² I (model.ts ModelInfo.isotropic). */
  isotropic?: boolean;
  /**
   * One covariance shared by every component (a tied model, NoteContext.tied): each Σ_k is the first
   * component's, drawn as usual (so every other number of the instance is the untied one's).
   */
  tied?: boolean;
}

export function makeTrial(seedValue: number, trial: number, o: TrialOptions): Trial {
  const rng = new Rng(`${seedValue}/${trial}/${o.K}/${o.D}/${o.N}`);
  const inst = randomInstance(rng.fork('instance'), { K: o.K, D: o.D, N: o.N, isotropic: o.isotropic });
  return trialFrom(inst.gmm, inst.X, rng, o);
}

/**
 * The instance of a tied model made from any instance (a claim about the spread its components share: ClaimBuilder.evaluate):
 * every covariance the first component's, and what follows from them computed again. An instance already tied is itself
 * (the fixed points of the tied model's EM, stationaryTrials). One per instance.
 */
export function tiedTrial(t: Trial): Trial {
  if (t.tied) return t;
  let out = tiedOf.get(t);
  if (!out) {
    const gmm = tiedGmm(t.gmm);
    out = { ...atParameters(t, gmm), thetaDir: { ...t.thetaDir, Sigma: t.thetaDir.Sigma.map(() => t.thetaDir.Sigma[0]!) }, tied: true, assign: t.assign };
    tiedOf.set(t, out);
  }
  return out;
}
const tiedOf = new WeakMap<Trial, Trial>();

/** The mixture with every covariance the first component's (a tied model's instance). */
function tiedGmm(gmm: R.Gmm): R.Gmm {
  return { ...gmm, Sigma: gmm.Sigma.map(() => gmm.Sigma[0]!.map((row) => row.slice())) };
}

/**
 * The tied model's M-step covariance from the components' own (each with its new mean): one matrix,
 * Σ = (1/N) Σ_k Σ_i γ_ik (x_i − μ_k)(x_i − μ_k)ᵀ = Σ_k (N_k/N) S_k, for every component.
 */
function pooledCovariance(S: number[][][], Nk: number[]): number[][][] {
  const N = Nk.reduce((a, b) => a + b, 0);
  const D = S[0]!.length;
  const out: number[][] = Array.from({ length: D }, () => new Array<number>(D).fill(0));
  for (let k = 0; k < S.length; k++) for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) out[a]![b]! += (Nk[k]! / N) * S[k]![a]![b]!;
  return S.map(() => out.map((row) => row.slice()));
}

const stationaryCache = new Map<string, Trial[]>();

/**
 * Instances at a stationary point of the likelihood: random data and start,
 * then EM until its fixed point, where ∂𝓛/∂μ_k = 0, ∂𝓛/∂Σ_k = 0 and
 * ∂𝓛/∂π_k + λ = 0 with λ = −N. Conditions ("setting the derivative to zero
 * gives …") are checked here. More points than the ordinary trials, so that
 * no component collapses onto D points. Cached per (seed, K, D): EM to
 * convergence costs milliseconds, and the result depends on nothing else.
 */
export function stationaryTrials(seedValue: number, count: number, K: number, D: number, isotropic = false, points?: number, tied = false): Trial[] {
  const key = `${seedValue}/${count}/${K}/${D}${isotropic ? '/iso' : ''}${points ? `/N${points}` : ''}${tied ? '/tied' : ''}`;
  const hit = stationaryCache.get(key);
  if (hit) return hit;
  const out: Trial[] = [];
  // (`points`: the note's own number of points, which its sums run to (`\sum_{n=1}^{4}`); few, so a component may own
  // fewer than D + 2 of them at a fixed point, and more starts are tried.)
  const N = points ?? Math.max(24, 4 * K * (D + 1));
  // (At least D + 1 points each, or a component's covariance is singular at the fixed point: with 4 points in 2-D, none.)
  const fewest = points ? Math.max(D + 1, Math.min(D + 2, points / (2 * K))) : D + 2;
  for (let t = 0; out.length < count && t < count * (points ? 12 : 4); t++) {
    const rng = new Rng(`stationary/${seedValue}/${t}/${K}/${D}${points ? `/N${points}` : ''}`);
    const inst = randomInstance(rng.fork('instance'), { K, D, N, isotropic });
    let gmm = tied ? tiedGmm(inst.gmm) : inst.gmm;
    let converged = false;
    for (let it = 0; it < 5000; it++) {
      let next: R.Gmm;
      try {
        next = R.emStep(gmm, inst.X);
        if (isotropic) next = { ...next, Sigma: next.Sigma.map(isotropicPart) };
        // (The tied model's EM pools the covariances: its fixed points have one Σ.)
        if (tied) next = { ...next, Sigma: pooledCovariance(next.Sigma, R.effectiveCounts(gmm, inst.X)) };
      } catch {
        break; // a component collapsed (Σ_k no longer positive definite): try another start
      }
      let change = 0;
      for (let k = 0; k < K; k++) {
        change = Math.max(change, Math.abs(next.pi[k] - gmm.pi[k]));
        for (let d = 0; d < D; d++) change = Math.max(change, Math.abs(next.mu[k][d] - gmm.mu[k][d]));
        for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) change = Math.max(change, Math.abs(next.Sigma[k][a][b] - gmm.Sigma[k][a][b]));
      }
      gmm = next;
      if (change < 1e-13) { converged = true; break; }
    }
    if (!converged) continue;
    let Nk: number[];
    try {
      Nk = R.effectiveCounts(gmm, inst.X);
    } catch {
      continue; // a covariance collapsed numerically at convergence (few points): try another start
    }
    if (Nk.some((n) => n < fewest)) continue;
    // (A fixed point of a few points whose every point belongs to one component almost surely decides nothing: there
    // Σ_n γ_nk² = Σ_n γ_nk and many wrong conditions hold. One point shared between components, at least.)
    if (points && R.responsibilities(gmm, inst.X).every((row) => Math.max(...row) > 0.9)) continue;
    let trial: Trial;
    try {
      for (const S of gmm.Sigma) {
        R.cholesky(S);
        for (let d = 0; d < D; d++) if (!(S[d]![d]! > 1e-8)) throw new EvalError('a variance collapsed');
      }
      trial = trialFrom(gmm, inst.X, rng, { K, D, N, relaxed: false, isotropic, tied });
    } catch {
      continue; // a fixed point whose covariance has collapsed numerically (few points): try another start
    }
    trial.lambda = -N;
    out.push(trial);
  }
  stationaryCache.set(key, out);
  return out;
}

/**
 * The isotropic M-step from the full one: σ_k² = (1/(D N_k)) Σ_i γ_ik ‖x_i − μ_k‖² is the trace of
 * the full update over D, so σ_k² I is tr(S)/D · I.
 */
function isotropicPart(S: number[][]): number[][] {
  const D = S.length;
  let tr = 0;
  for (let a = 0; a < D; a++) tr += S[a][a];
  return S.map((row, a) => row.map((_, b) => (a === b ? tr / D : 0)));
}

/** A trial at the parameters and data a note's worked example states (numeric.ts); its extras from a fixed stream. */
/** The instance a worked example states; `point`: where a bare x stands (its generic point), else one drawn near μ_1. */
export function trialAt(gmm: R.Gmm, X: number[][], point?: number[]): Trial {
  const t = trialFrom(gmm, X, new Rng('worked-example'), { K: gmm.K, D: gmm.D, N: X.length, relaxed: false });
  return point && point.length === gmm.D ? { ...t, gx: point.slice() } : t;
}

function trialFrom(gmm: R.Gmm, X: number[][], rng: Rng, o: TrialOptions): Trial {
  const inst = { gmm, X };
  const extra = rng.fork('extra');
  if (o.relaxed) {
    gmm.pi = gmm.pi.map((p) => p * extra.uniform(0.6, 1.6));
  }
  const sign = extra.next() < 0.5 ? -1 : 1;
  const lambda = sign * extra.uniform(0.7, 3);
  const D = o.D;
  // The generic point sits near component 1 so its density is not tiny.
  const gx = gmm.mu[0].map((m) => m + extra.uniform(-0.8, 0.8));
  const gmu = gmm.mu[0].map((m) => m + extra.uniform(-0.6, 0.6));
  const gSigma = randomSpd(extra, D);
  const dir = (n: number) => Array.from({ length: n }, () => extra.uniform(-1, 1));
  const thetaDir = {
    pi: dir(o.K),
    mu: Array.from({ length: o.K }, () => dir(D)),
    Sigma: Array.from({ length: o.K }, (): number[][] => {
      const a = dir(D * D);
      // Symmetric direction keeps Σ symmetric along the path.
      const m: number[][] = [];
      for (let i = 0; i < D; i++) { m.push([]); for (let j = 0; j < D; j++) m[i].push((a[i * D + j] + a[j * D + i]) / 2); }
      return m;
    }),
  };
  // (A tied model's θ moves its one covariance in one direction.)
  if (o.tied) thetaDir.Sigma = thetaDir.Sigma.map(() => thetaDir.Sigma[0]!);
  // Drawn last, so that the draws above are those of the instances before logits had a shift.
  const logitShift = (extra.next() < 0.5 ? -1 : 1) * extra.uniform(0.4, 1.2);
  return { K: o.K, D, N: X.length, gmm, X: inst.X, lambda, gx, gmu, gSigma, thetaDir, ref: referenceAt(gmm, inst.X), isotropic: o.isotropic && D > 1, logitShift, ...(o.tied ? { tied: true } : {}) };
}

/**
 * The trial with other parameter values (a stationary point a note solved for), its E-step
 * numbers (responsibilities, N_k) kept: an M-step solves with them fixed. Densities and the
 * likelihood are those of the new parameters.
 */
export function withParameters(t: Trial, gmm: R.Gmm): Trial {
  const comp = t.X.map((x) => gmm.mu.map((_, k) => R.gauss(x, gmm.mu[k], gmm.Sigma[k])));
  const ref: RefCache = {
    resp: t.ref.resp, Nk: t.ref.Nk, comp,
    logLik: R.logLikelihood(gmm, t.X),
    mixture: t.X.map((x) => Math.exp(R.mixtureLogDensity(gmm, x))),
  };
  return { ...t, gmm, ref, covCache: undefined, gradCache: undefined, hard: undefined };
}

/**
 * The trial at other parameter values (those a note gives every component, claims.ts statedValuesHold), with
 * everything computed from them again: densities, responsibilities, N_k, the likelihood. Data, the generic
 * point and the directions are the trial's own.
 */
export function atParameters(t: Trial, gmm: R.Gmm): Trial {
  return { ...t, gmm, ref: referenceAt(gmm, t.X), covCache: undefined, gradCache: undefined, hard: undefined, plain: undefined, eventSpaces: undefined };
}

/** The reference's numbers at these parameters and data: densities, responsibilities, N_k, the likelihood. */
function referenceAt(gmm: R.Gmm, X: number[][]): RefCache {
  return {
    resp: R.responsibilities(gmm, X),
    Nk: R.effectiveCounts(gmm, X),
    logLik: R.logLikelihood(gmm, X),
    mixture: X.map((x) => Math.exp(R.mixtureLogDensity(gmm, x))),
    comp: X.map((x) => gmm.mu.map((_, k) => R.gauss(x, gmm.mu[k], gmm.Sigma[k]))),
  };
}

function randomSpd(rng: Rng, D: number): number[][] {
  // A Aᵀ + D·I/2 with entries O(1): well conditioned.
  const A: number[][] = [];
  for (let i = 0; i < D; i++) { A.push([]); for (let j = 0; j < D; j++) A[i].push(rng.uniform(-0.8, 0.8)); }
  const S: number[][] = [];
  for (let i = 0; i < D; i++) {
    S.push([]);
    for (let j = 0; j < D; j++) {
      let s = i === j ? 0.6 : 0;
      for (let p = 0; p < D; p++) s += A[i][p] * A[j][p];
      S[i].push(s);
    }
  }
  return S;
}

/** Index values and perturbations at one sample point. Index maps are mutated in place by sums (save/restore). */
export class Env {
  readonly idx: Record<string, number> = Object.create(null) as Record<string, number>;
  /** Values of the arguments of a function the note defines, while its body is evaluated. */
  readonly vals: Record<string, Value> = Object.create(null) as Record<string, Value>;
  seeds: Seed[] = [];
  /** In covariance updates, a plain μ_k means the updated mean. */
  meanIsNew = false;
  /**
   * Inside a posterior expectation E_{Z|X,θ^{(t)}}[…] of an expression affine in the indicators:
   * each indicator is its posterior mean, the responsibility at the current parameters (latent.ts).
   */
  latentExpected = false;
  /** The M-step's values are the complete-data estimates under the assignment (a claim written with indicators). */
  hardMStep = false;
  /**
   * Largest term added or subtracted so far: the size of the numbers whose
   * rounding a result carries. Two sides that should both be 0 are compared
   * against it, not against their own (tiny) values.
   */
  scale = 0;

  /** A result fell into the subnormal range: its relative precision is gone. */
  precisionLost = false;

  /**
   * Relative size of the error added to every sum and difference of plain
   * numbers, or 0 (exact IEEE rounding only). The checker evaluates a point
   * again with noise to see how many digits survived (claims.ts, lostDigits):
   * noise of δ per operation moves the result by about δ/2⁻⁵³ times what
   * rounding does, so cancellation shows up as a large move.
   */
  noise = 0;
  private noiseState = 0x9e3779b9;

  /** Restart the noise stream (the same stream for the same point: results are reproducible). */
  reseedNoise(seed: number): void {
    this.noiseState = (seed * 0x9e3779b1 + 0x7f4a7c15) >>> 0 || 1;
  }

  /** `v = a ± b`, with noise of the operands' size when noise is on (see `noise`). */
  rounded(v: Value, a: Value, b: Value): Value {
    if (this.noise === 0) return v;
    if (this.probing && noisedInSomeDirection(v)) throw DIRECTION_DEPENDENT_NOISE;
    const size = Math.max(maxAbs(a), maxAbs(b));
    if (typeof v === 'number') return v + this.jitter() * this.noise * size;
    if (!isMatrix(v)) return v;
    // Every entry a plain number, or no noise at all; drawn in entry order. Loops, not every/map
    // with a closure: this runs for every sum of every noisy re-evaluation.
    const data = v.data;
    for (let i = 0; i < data.length; i++) if (typeof data[i] !== 'number') return v;
    const out = new Array<Scalar>(data.length);
    for (let i = 0; i < data.length; i++) out[i] = (data[i] as number) + this.jitter() * this.noise * size;
    return matrix(v.rows, v.cols, out);
  }

  /**
   * Evaluate what sets a result's relative error only (an exponent, the argument of exp): the
   * terms it sums do not raise the scale that the result is compared against (`scale`).
   */
  inExponent<T>(f: () => T): T {
    const scale = this.scale;
    try {
      return f();
    } finally {
      this.scale = scale;
    }
  }

  /** The next number of the noise stream, in [−1, 1] (xorshift32: cheap and deterministic). */
  private jitter(): number {
    let x = this.noiseState;
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    this.noiseState = x >>> 0;
    return (this.noiseState / 0xffffffff) * 2 - 1;
  }

  noteTerms(a: Value, b: Value): void {
    this.scale = Math.max(this.scale, maxAbs(a), maxAbs(b));
  }

  /**
   * Flag scalar results below the normal range (|x| < 2.2e-308, not 0): plain
   * numbers, and values that would be plain numbers in some direction's own pass.
   */
  noteResult(v: Value): Value {
    if (typeof v === 'number') {
      if (v !== 0 && Math.abs(v) < 2.2250738585072014e-308) this.precisionLost = true;
    } else if (v instanceof Dual && plainInSomeDirection(v)) {
      const p = primal(v);
      if (p !== 0 && Math.abs(p) < 2.2250738585072014e-308) this.precisionLost = true;
    }
    return v;
  }

  /**
   * Responsibilities written as symbols held at their values (the M-step's convention: in
   * Q(θ, θ^{(t)}) they are the E-step's numbers) instead of differentiated with the parameters.
   */
  freezeResp = false;

  /**
   * Which instance of the note's abstract functions (E(W), P(Σ_k)) this evaluation uses: a claim
   * about a function the note leaves unspecified is evaluated with two random instances of it,
   * to tell a step that holds for every such function from one that depends on which it is.
   */
  abstractVariant = 0;

  /** A pass for several directions runs under noise (see differentiate). */
  private probing = false;

  /** Work this sample point may still spend (see budget.ts). */
  constructor(readonly t: Trial, readonly budget: Budget = unlimitedBudget()) {}

  get differentiating(): boolean {
    return this.seeds.length > 0;
  }

  private perturb(kind: ParamKind, index: number, entry: number, base: number, theta: number): Scalar {
    let v: Scalar = base;
    for (const s of this.seeds) {
      if (s.target.kind === 'theta') {
        if (theta !== 0) v = add(v, mul(theta, dualSeed(0, s.tag)));
      } else if (s.target.kind === kind && s.target.index === index && (s.entry === entry || s.entry < 0)) {
        v = add(v, perturbation(s, entry));
      } else if (s.target.kind === 'piPair' && kind === 'pi' && (index === s.target.index || s.target.partner === undefined || s.target.partner === index)) {
        v = add(v, mul(index === s.target.index ? 1 : -1, dualSeed(0, s.tag)));
      }
    }
    return v;
  }

  pi(k: number): Scalar {
    if (!this.hasSeedOf('logit')) return this.perturb('pi', k, 0, this.t.gmm.pi[k], this.abstractVariant === THETA_COMPONENTS ? 0 : this.t.thetaDir.pi[k]);
    // ∂/∂η_j of a note that writes π = softmax(η): the weights move as the softmax of the moved
    // logits, exactly (nested derivatives too). Not mixed with derivatives in π itself or along θ.
    if (this.seeds.some((s) => s.target.kind === 'pi' || s.target.kind === 'theta')) throw new EvalError('a derivative in both the weights and their logits is not evaluated');
    const e = this.t.gmm.pi.map((_, j) => exp(this.logit(j)));
    return div(e[k]!, e.reduce((a: Scalar, b) => add(a, b) as Scalar, 0)) as Scalar;
  }

  /** η_k = log π_k + c: a logit of the weight π_k (π = softmax(η), which ignores the common shift c, Trial.logitShift). */
  logit(k: number): Scalar {
    return this.perturb('logit', k, 0, Math.log(this.t.gmm.pi[k]) + (this.t.logitShift ?? 0), 0);
  }

  lambda(): Scalar {
    return this.perturb('lambda', -1, 0, this.t.lambda, 0);
  }

  /** A hyperparameter λ (a prior's precision, a penalty's weight): positive, the multiplier's draw without its sign. */
  hyper(): Scalar {
    return this.perturb('lambda', -1, 0, Math.abs(this.t.lambda), 0);
  }

  /** μ_k: a number in 1-D, a D×1 column otherwise. */
  mu(k: number): Value {
    if (this.meanIsNew && !this.differentiating) {
      const m = this.mStepMu()[k];
      return this.t.D === 1 ? m[0] : columnVector(m);
    }
    return this.currentMu(k);
  }

  /** μ_k at the instance (never the M-step's new mean). */
  currentMu(k: number): Value {
    const m = this.t.gmm.mu[k];
    if (!this.touches('mu', k)) return this.plain('mu', k);
    const entries = m.map((v, e) => this.perturb('mu', k, e, v, this.t.thetaDir.mu[k][e]));
    return this.t.D === 1 ? entries[0] : columnVector(entries);
  }

  /**
   * The instance's own x_i, μ_k or Σ_k where no perturbation moves it: one value per trial, built
   * on first use instead of at every read (values are never changed in place once built).
   */
  private plain(kind: 'x' | 'mu' | 'Sigma', index: number): Value {
    const t = this.t;
    let p = t.plain;
    if (p?.gmm !== t.gmm || p.X !== t.X) p = t.plain = { gmm: t.gmm, X: t.X, x: [], mu: [], Sigma: [] };
    const cache = p[kind];
    let v = cache[index];
    if (v === undefined) {
      const D = t.D;
      if (kind === 'Sigma') v = matrix(D, D, t.gmm.Sigma[index].flat());
      else {
        const entries = kind === 'x' ? t.X[index] : t.gmm.mu[index];
        v = D === 1 ? entries[0] : columnVector(entries.slice());
      }
      cache[index] = v;
    }
    return v;
  }

  /** Σ_k (a number, the variance, in 1-D). */
  Sigma(k: number): Value {
    const D = this.t.D;
    if (D === 1) {
      const s = this.std(k);
      return mul(s, s);
    }
    // Perturbed through its precision Λ_k = Σ_k⁻¹ (∂/∂Λ_k): Σ_k is the inverse of the moved Λ_k.
    if (this.movesPrecision(k)) return inverse(this.precision(k));
    if (this.t.isotropic) {
      // σ_k² I: the variance carries the perturbations of σ_k, σ_k² and θ; an entry of Σ_k its own.
      const s = this.std(k);
      const v = mul(s, s);
      const iso: Scalar[] = [];
      for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) iso.push(add(i === j ? v : 0, this.perturb('Sigma', k, i * D + j, 0, 0)));
      return matrix(D, D, iso);
    }
    const S = this.t.gmm.Sigma[k];
    if (!this.touches('Sigma', k)) return this.plain('Sigma', k);
    const data: Scalar[] = [];
    for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) {
      data.push(this.perturb('Sigma', k, i * D + j, S[i][j], this.t.thetaDir.Sigma[k][i][j]));
    }
    return matrix(D, D, data);
  }

  /** Λ_k = Σ_k⁻¹ with the perturbations of the precision itself (Target kind 'prec', D > 1). */
  private precision(k: number): Matrix {
    const D = this.t.D;
    const inv = this.plainCov(k).inv.data as number[];
    return matrix(D, D, inv.map((v, e) => this.perturb('prec', k, e, v, 0)));
  }

  private movesPrecision(k: number): boolean {
    return this.t.D > 1 && this.touchesOnly('prec', k);
  }

  /** σ_k in 1-D, consistent with perturbations of σ_k² (or Σ_k, θ) and of σ_k. */
  std(k: number): Scalar {
    let v: Scalar = this.t.gmm.Sigma[k][0][0];
    for (const s of this.seeds) {
      // With Σ_k = σ_k² I (D > 1) an entry of Σ_k is not the variance: Sigma() adds it.
      if ((s.target.kind === 'var' || (s.target.kind === 'Sigma' && !this.t.isotropic)) && s.target.index === k) v = add(v, perturbation(s, -1));
      else if (s.target.kind === 'theta') v = add(v, mul(this.t.thetaDir.Sigma[k][0][0], dualSeed(0, s.tag)));
    }
    // ∂/∂β_k with β_k = 1/σ_k² (1-D): the variance is the inverse of the moved precision.
    for (const s of this.seeds) if (s.target.kind === 'prec' && s.target.index === k && this.t.D === 1) v = div(1, add(div(1, v), dualSeed(0, s.tag)));
    let out: Scalar = typeof v === 'number' ? Math.sqrt(v) : sqrt(v);
    for (const s of this.seeds) if (s.target.kind === 'std' && s.target.index === k) out = add(out, dualSeed(0, s.tag));
    return out;
  }

  x(i: number): Value {
    const xi = this.t.X[i];
    if (!this.touches('x', i)) return this.plain('x', i);
    const entries = xi.map((v, e) => this.perturb('x', i, e, v, 0));
    return this.t.D === 1 ? entries[0] : columnVector(entries);
  }

  gx(): Value {
    // Unperturbed (no derivative taken) it is the point itself: perturb would return each entry as it is.
    const entries = this.seeds.length ? this.t.gx.map((v, e) => this.perturb('gx', -1, e, v, 0)) : this.t.gx.slice();
    return this.t.D === 1 ? entries[0] : columnVector(entries);
  }

  gmu(): Value {
    const entries = this.t.gmu.map((v, e) => this.perturb('gmu', -1, e, v, 0));
    return this.t.D === 1 ? entries[0] : columnVector(entries);
  }

  gSigma(): Value {
    const D = this.t.D;
    if (D === 1) {
      const s = this.gstd();
      return mul(s, s);
    }
    const data: Scalar[] = [];
    for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) data.push(this.perturb('gSigma', -1, i * D + j, this.t.gSigma[i][j], 0));
    return matrix(D, D, data);
  }

  gstd(): Scalar {
    let v: Scalar = this.t.gSigma[0][0];
    for (const s of this.seeds) if (s.target.kind === 'gvar' || s.target.kind === 'gSigma') v = add(v, perturbation(s, -1));
    let out: Scalar = typeof v === 'number' ? Math.sqrt(v) : sqrt(v);
    for (const s of this.seeds) if (s.target.kind === 'gstd') out = add(out, dualSeed(0, s.tag));
    return out;
  }

  /**
   * A smooth, positive function the note names but never specifies (`E(W)`, `P(\Sigma_k)`),
   * of all the entries of its arguments: exp(Σ_j c_j sin(w_j · u + b_j)), with coefficients
   * drawn from the function's name and the variant. Positive, so that its log is defined too.
   */
  abstractFunction(name: string, args: Value[]): Scalar {
    const u: Scalar[] = [];
    for (const a of args) {
      if (isMatrix(a)) u.push(...a.data);
      else u.push(a);
    }
    const rng = new Rng(`abstract/${name}/${args.length}/${this.abstractVariant}`);
    const scale = 1 / Math.sqrt(Math.max(1, u.length));
    let s: Scalar = 0;
    for (let j = 0; j < 3; j++) {
      let arg: Scalar = rng.uniform(-Math.PI, Math.PI);
      for (const x of u) arg = add(arg, mul(rng.uniform(-1, 1) * scale, x));
      s = add(s, mul(rng.uniform(0.2, 0.8), sin(arg)));
    }
    return exp(s);
  }

  /**
   * A distribution the note leaves unspecified over `n` values of argument `at` (q_n(k) with Σ_k q_n(k) = 1):
   * abstractFunction divided by its sum over those values (0 … n − 1, the index's values).
   */
  abstractDistribution(name: string, args: Value[], at: number, n: number): Scalar {
    const here = this.abstractFunction(name, args);
    let total: Scalar = 0;
    const moved = [...args];
    for (let v = 0; v < n; v++) {
      moved[at] = v;
      total = add(total, this.abstractFunction(name, moved));
    }
    return div(here, total) as Scalar;
  }

  /**
   * P(event | condition) on a random finite probability space of this instance: outcome
   * probabilities and each named event's outcomes drawn from the instance and the event's name.
   */
  eventProbability(e: EventExpr, given: EventExpr | null): Scalar {
    // Drawn once per instance and variant (the same space for every P(…) of a check).
    const cache = (this.t.eventSpaces ??= new Map());
    let cached = cache.get(this.abstractVariant);
    if (!cached) {
      cached = this.drawEventSpace();
      cache.set(this.abstractVariant, cached);
    }
    const { p, size, members } = cached;
    const independent = this.abstractVariant === INDEPENDENT_EVENTS;
    const disjoint = this.abstractVariant === DISJOINT_EVENTS;
    const has = (x: EventExpr, w: number): boolean => {
      switch (x.op) {
        case 'atom': {
          let m = members.get(x.name);
          if (!m && (independent || disjoint)) {
            const c = x.name.charCodeAt(0) % INDEPENDENT_COORDS;
            // Disjoint: the letter's own outcome; independent: the outcomes whose coordinate c is 1.
            m = Array.from({ length: size }, (_, o) => (disjoint ? o === c : ((o >> c) & 1) === 1));
            members.set(x.name, m);
          }
          if (!m) {
            const r = new Rng(`event/${x.name}/${this.abstractVariant}/${this.t.gmm.pi.join(',')}`);
            m = Array.from({ length: OUTCOMES }, () => r.uniform(0, 1) < 0.5);
            // Never empty, never certain: conditioning on it is defined and it says something.
            m[r.int(0, OUTCOMES / 2 - 1)] = true;
            m[r.int(OUTCOMES / 2, OUTCOMES - 1)] = false;
            members.set(x.name, m);
          }
          return m[w]!;
        }
        case 'not': return !has(x.a, w);
        case 'and': return has(x.a, w) && has(x.b, w);
        case 'or': return has(x.a, w) || has(x.b, w);
      }
    };
    const prob = (x: EventExpr | null): number => {
      let s = 0, total = 0;
      for (let w = 0; w < size; w++) { total += p[w]!; if (!x || has(x, w)) s += p[w]!; }
      return s / total;
    };
    if (!given) return prob(e);
    const pg = prob(given);
    if (pg === 0) throw new EvalError('the condition has probability 0 here');
    return prob({ op: 'and', a: e, b: given }) / pg;
  }

  /** The outcomes' probabilities of this instance's event space for the current variant. */
  private drawEventSpace(): EventSpace {
    const space = new Rng(`events/${this.abstractVariant}/${this.t.gmm.pi.join(',')}`);
    // Variant INDEPENDENT_EVENTS: each letter is one coordinate of a product space, so that the
    // named events are independent; DISJOINT_EVENTS: each letter is one outcome of its own
    // (claims.ts tells a statement of independence or exclusivity from a law).
    const independent = this.abstractVariant === INDEPENDENT_EVENTS;
    const disjoint = this.abstractVariant === DISJOINT_EVENTS;
    const q = Array.from({ length: INDEPENDENT_COORDS }, () => space.uniform(0.15, 0.85));
    const size = independent ? 2 ** INDEPENDENT_COORDS : disjoint ? INDEPENDENT_COORDS + 2 : OUTCOMES;
    const p = independent
      ? Array.from({ length: size }, (_, w) => q.reduce((acc, qc, c) => acc * ((w >> c) & 1 ? qc : 1 - qc), 1))
      : Array.from({ length: size }, () => space.uniform(0.05, 1));
    return { p, size, members: new Map() };
  }

  /**
   * A letter the note uses without saying what it is (A in d(xᵀAx)/dx = Ax + Aᵀx, y in xᵀAy): a
   * random D×D matrix (well conditioned; symmetric when the note's letter is, or under the variant
   * SYMMETRIC_FREE) or D-vector drawn from its name, the instance and the variant, and
   * differentiable like a parameter in each entry (Target kind 'free').
   */
  freeValue(id: number, name: string, shape: FreeShape, symmetric = false): Value {
    const D = this.t.D;
    const rng = new Rng(`free/${name}/${this.abstractVariant}/${this.t.gmm.pi.join(',')}`);
    // A number such as a prior's ν₀ or κ₀: positive, as hyperparameters (counts, degrees of freedom) are.
    if (shape === 'scalar') return this.perturb('free', id, 0, rng.uniform(D + 1, D + 4), 0);
    const square = shape === 'matrix' || shape === 'spd';
    const n = square ? D * D : D;
    const base = Array.from({ length: n }, (_, e) => rng.uniform(-1, 1) + (square && e % (D + 1) === 0 ? 2.5 : 0));
    // A prior's scale matrix (S₀, Σ₀, shape 'spd') is symmetric positive definite.
    if (square && (symmetric || shape === 'spd' || this.abstractVariant === SYMMETRIC_FREE)) {
      // Off the diagonal halved and mirrored: symmetric, and positive definite (diagonally dominant).
      for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) { base[i * D + j] /= 2; base[j * D + i] = base[i * D + j]!; }
    }
    // Each entry is its own coordinate for derivatives (∂/∂A in the unconstrained entries).
    const entries = base.map((b, e) => this.perturb('free', id, e, b, 0));
    if (shape === 'vector') return D === 1 ? entries[0]! : columnVector(entries);
    return D === 1 ? entries[0]! : matrix(D, D, entries);
  }

  /** The whole data set as one column of all the points' entries (the argument of E(W)). */
  dataSet(): Value {
    const entries: Scalar[] = [];
    for (let i = 0; i < this.t.N; i++) {
      const xi = this.x(i);
      if (isMatrix(xi)) entries.push(...xi.data);
      else entries.push(xi);
    }
    return matrix(entries.length, 1, entries);
  }

  /** μ_ML of a single Gaussian fitted to the data: the sample mean (through the data's perturbations). */
  sampleMean(): Value {
    const N = this.t.N;
    this.budget.spend(N);
    let s: Value = this.x(0);
    for (let i = 1; i < N; i++) s = vadd(s, this.x(i));
    return vmul(1 / N, s);
  }

  /** Σ_ML of a single Gaussian fitted to the data: (1/N) Σ_i (x_i − x̄)(x_i − x̄)ᵀ, the biased sample covariance. */
  sampleCovariance(): Value {
    const N = this.t.N;
    this.budget.spend(N);
    const m = this.sampleMean();
    const term = (i: number): Value => { const d = vsub(this.x(i), m); return vmul(d, transpose(d)); };
    let s = term(0);
    for (let i = 1; i < N; i++) s = vadd(s, term(i));
    return vmul(1 / N, s);
  }

  // ------------------------------------------------------------------ known quantities
  /** Gaussian density N(x | m, S) for values (dual-aware). */
  gauss(x: Value, m: Value, S: Value): Scalar {
    if (!isMatrix(x) && !isMatrix(m) && !isMatrix(S)) {
      const d = sub(x, m);
      return mul(pow(mul(2 * Math.PI, S), -0.5), exp(div(neg(mul(d, d)), mul(2, S))));
    }
    const d = vsub(x, m);
    // (𝒩(𝟎 | 𝟎, S): the bold zeros are read as the number 0, a point at the mean; the dimension is S's.)
    const Dm = isMatrix(d) ? d.rows * d.cols : isMatrix(S) ? S.rows : 1;
    const q = d === 0 ? 0 : toScalar(vmul(vmul(transpose(d), inverse(S)), d));
    return mul(mul(Math.pow(2 * Math.PI, -Dm / 2), pow(det(S), -0.5)), exp(mul(-0.5, q)));
  }

  /** The indicator [z_i = k] at this instance's assignment, or its posterior mean inside an expectation. */
  indicator(i: number, k: number): number {
    if (this.latentExpected) return this.t.ref.resp[i][k];
    return this.assignment(i) === k ? 1 : 0;
  }

  /**
   * The component point i is assigned to: drawn once per instance from its data (a fixed hash,
   * so the instances' other random values and every verdict stay as they were), every
   * component used when there are enough points.
   */
  assignment(i: number): number {
    if (!this.t.assign) {
      const K = this.t.K;
      const frac = (n: number) => { const h = Math.sin((n + 1) * 12.9898 + this.t.X[n][0] * 78.233) * 43758.5453; return h - Math.floor(h); };
      // The first K points cover every component (none is empty), the others fall anywhere.
      const offset = Math.floor(frac(0) * K);
      this.t.assign = this.t.X.map((_, n) => (n < K ? (n + offset) % K : Math.floor(frac(n) * K)));
    }
    return this.t.assign[i];
  }

  comp(i: number, k: number): Scalar {
    if (!this.differentiating || (!this.touches('x', i) && !this.touchesComponent(k))) return this.t.ref.comp[i][k];
    return this.componentDensity(this.x(i), k);
  }

  /** Does an active perturbation move this parameter? */
  private touches(kind: ParamKind, index: number): boolean {
    for (const s of this.seeds) if (s.target.kind === 'theta' || (s.target.kind === kind && s.target.index === index)) return true;
    return false;
  }

  /** Does an active perturbation move this parameter itself (not along θ)? A loop, not `some` with a closure: it runs at every read. */
  private touchesOnly(kind: ParamKind, index: number): boolean {
    for (const s of this.seeds) if (s.target.kind === kind && s.target.index === index) return true;
    return false;
  }

  /** Is a perturbation of this kind active? */
  private hasSeedOf(kind: ParamKind): boolean {
    for (const s of this.seeds) if (s.target.kind === kind) return true;
    return false;
  }

  private touchesComponent(k: number): boolean {
    return this.touches('mu', k) || this.touches('Sigma', k) || this.touches('var', k) || this.touches('std', k) || this.touches('prec', k) || this.meanIsNew;
  }

  /**
   * 𝒩(x | μ_k, Σ_k), dual-aware. Inverting a 3×3 matrix of duals for every
   * point of every pass is what made multivariate checks slow, so: when no
   * perturbation moves Σ_k its inverse and determinant come from a per-trial
   * cache; when the only perturbation is one entry of Σ_k, the exact
   * derivative is written out (∂𝒩/∂Σ_ab = 𝒩·(½ (Σ⁻¹d)_a (Σ⁻¹d)_b − ½ (Σ⁻¹)_ba)).
   */
  componentDensity(x: Value, k: number): Scalar {
    const D = this.t.D;
    if (D === 1) return this.gauss(x, this.mu(k), this.Sigma(k));
    const only = this.seeds.length === 1 ? this.seeds[0] : null;
    const sigmaMoves = this.touchesSpread(k);
    if (sigmaMoves && !(only && only.target.kind === 'Sigma' && only.target.index === k)) {
      return this.gauss(x, this.mu(k), this.Sigma(k));
    }
    const c = this.plainCov(k);
    // ∂/∂μ_k in all its directions at once (the usual pass of ∂/∂μ_k): written out, same numbers.
    if (only && only.target.kind === 'mu' && only.target.index === k && only.entry < 0 && only.directions === D && isMatrix(x) && x.rows === D && x.cols === 1 &&
        x.data.every((v) => typeof v === 'number')) {
      return meanDirectionsDensity(x.data as number[], this.t.gmm.mu[k], c.inv.data as number[], c.norm, only.tag);
    }
    const d = vsub(x, this.mu(k));
    if (sigmaMoves && only) {
      const dv = (d as Matrix).data as number[];
      const inv = c.inv.data as number[];
      const w: number[] = [];
      for (let a = 0; a < D; a++) { let t = 0; for (let b = 0; b < D; b++) t += inv[a * D + b] * dv[b]; w.push(t); }
      let q = 0;
      for (let a = 0; a < D; a++) q += dv[a] * w[a];
      const rho = c.norm * Math.exp(-0.5 * q);
      return sigmaEntries(only, D, rho, (a, b) => rho * (0.5 * w[a] * w[b] - 0.5 * inv[b * D + a]));
    }
    const q = toScalar(vmul(vmul(transpose(d), c.inv), d));
    return mul(c.norm, exp(mul(-0.5, q)));
  }

  /** SigmaInv's last Σ_k⁻¹ under a seed on one entry (or all entries) of Σ_k. */
  private seededInv: { seed: Seed; k: number; value: Value } | null = null;
  /** SigmaDet's, the same way. */
  private seededDet: { seed: Seed; k: number; value: Scalar } | null = null;

  /** Σ_k⁻¹: the per-trial cached inverse unless a perturbation moves Σ_k. */
  SigmaInv(k: number): Value {
    const seed = this.onlySigmaSeed(k);
    if (seed) {
      // The same in every term of a sum over the points: built once per seed (a pass's own
      // object) and component. Values are never changed in place, so the matrix is shared.
      const memo = this.seededInv;
      if (memo && memo.seed === seed && memo.k === k) return memo.value;
      // (Σ + εE_ab)⁻¹ = Σ⁻¹ − ε Σ⁻¹E_abΣ⁻¹, whose (i, j) entry is Σ⁻¹_ia Σ⁻¹_bj.
      const D = this.t.D;
      const inv = this.plainCov(k).inv.data as number[];
      const data: Scalar[] = [];
      for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) data.push(sigmaEntries(seed, D, inv[i * D + j], (a, b) => -inv[i * D + a] * inv[b * D + j]));
      const value = matrix(D, D, data);
      this.seededInv = { seed, k, value };
      return value;
    }
    if (this.movesPrecision(k)) return this.precision(k);
    if (this.t.D === 1 || this.touchesSpread(k)) return inverse(this.Sigma(k));
    return this.plainCov(k).inv;
  }

  /** det Σ_k: cached, and with Jacobi's formula when one entry of Σ_k is perturbed. */
  SigmaDet(k: number): Scalar {
    const D = this.t.D;
    if (D === 1) return this.Sigma(k) as Scalar;
    const c = this.plainCov(k);
    const seed = this.onlySigmaSeed(k);
    if (seed) {
      const memo = this.seededDet;
      if (memo && memo.seed === seed && memo.k === k) return memo.value;
      const value = sigmaEntries(seed, D, c.det, (a, b) => c.det * (c.inv.data[b * D + a] as number));
      this.seededDet = { seed, k, value };
      return value;
    }
    if (this.touchesSpread(k)) return det(this.Sigma(k));
    return c.det;
  }

  /** Some perturbation moves Σ_k: an entry, its precision, or (σ_k² I) its σ_k or σ_k². */
  private touchesSpread(k: number): boolean {
    return this.touches('Sigma', k) || this.movesPrecision(k) || (!!this.t.isotropic && (this.touches('var', k) || this.touches('std', k)));
  }

  /** The one active perturbation, when it is a single entry of Σ_k (the common case of ∂/∂Σ_k). */
  private onlySigmaSeed(k: number): Seed | null {
    if (this.t.D === 1 || this.seeds.length !== 1) return null;
    const s = this.seeds[0];
    return s.target.kind === 'Sigma' && s.target.index === k ? s : null;
  }

  private plainCov(k: number): { inv: Matrix; norm: number; det: number } {
    const cache = (this.t.covCache ??= []);
    let c = cache[k];
    if (!c) {
      const S = this.t.gmm.Sigma[k];
      const D = this.t.D;
      const inv = R.inverse(S);
      const logDet = R.logDet(S);
      c = { inv: matrix(D, D, inv.flat()), norm: Math.exp(-0.5 * (D * Math.log(2 * Math.PI) + logDet)), det: Math.exp(logDet) };
      cache[k] = c;
    }
    return c;
  }

  mixtureAt(x: Value): Scalar {
    let s: Scalar = 0;
    for (let k = 0; k < this.t.K; k++) s = add(s, mul(this.pi(k), this.componentDensity(x, k)));
    return s;
  }

  mixture(i: number): Scalar {
    if (!this.differentiating) return this.t.ref.mixture[i];
    let s: Scalar = 0;
    for (let k = 0; k < this.t.K; k++) s = add(s, mul(this.pi(k), this.comp(i, k)));
    return s;
  }

  resp(i: number, k: number): Scalar {
    // Under the M-step's convention (freezeResp) the responsibilities are the E-step's numbers.
    if (!this.differentiating || this.freezeResp) return this.t.ref.resp[i][k];
    return div(mul(this.pi(k), this.comp(i, k)), this.mixture(i));
  }

  respAt(x: Value, k: number): Scalar {
    return div(mul(this.pi(k), this.componentDensity(x, k)), this.mixtureAt(x));
  }

  Nk(k: number): Scalar {
    if (!this.differentiating || this.freezeResp) return this.t.ref.Nk[k];
    this.budget.spend(this.t.N);
    let s: Scalar = 0;
    for (let i = 0; i < this.t.N; i++) s = add(s, this.resp(i, k));
    return s;
  }

  logLik(): Scalar {
    if (!this.differentiating) return this.t.ref.logLik;
    this.budget.spend(this.t.N);
    let s: Scalar = 0;
    for (let i = 0; i < this.t.N; i++) s = add(s, log(this.mixture(i)));
    return s;
  }

  /** ℓ(θ^{(t+1)}): the log-likelihood at the M-step's parameters (a number: no derivative runs through it). */
  logLikAtUpdate(): number {
    if (this.differentiating) throw new EvalError('a derivative of the likelihood at the updated parameters is not evaluated');
    const { K, D, X } = this.t;
    return R.logLikelihood({ ...this.t.gmm, K, D, pi: this.mStepPi(), mu: this.mStepMu(), Sigma: this.mStepSigma() }, X);
  }

  /** γ_ik at θ^{(t+1)} (a responsibility written with the update's mark): at the M-step's parameters, a number. */
  respAtUpdate(i: number, k: number): number {
    if (this.differentiating) throw new EvalError('a derivative of the responsibilities at the updated parameters is not evaluated');
    const { K, D, X } = this.t;
    const at = (): number[][] => R.responsibilities({ ...this.t.gmm, K, D, pi: this.mStepPi(), mu: this.mStepMu(), Sigma: this.mStepSigma() }, X);
    if (this.hardMStep) return at()[i]![k]!;
    const r = this.t.ref;
    r.mStepResp ??= at();
    return r.mStepResp[i]![k]!;
  }

  mStepMu(): number[][] {
    if (this.hardMStep) return this.hardEstimates().mu;
    const r = this.t.ref;
    r.mStepMu ??= R.mStepMeans(this.t.gmm, this.t.X, r.resp);
    return r.mStepMu;
  }

  mStepSigma(): number[][][] {
    if (this.hardMStep) return this.hardEstimates().Sigma;
    const r = this.t.ref;
    r.mStepSigma ??= R.mStepCovariances(this.t.gmm, this.t.X, r.resp, this.mStepMu()).map((S) => (this.t.isotropic ? isotropicPart(S) : S));
    return r.mStepSigma;
  }

  /**
   * The tied model's M-step covariance, one for every component: Σ = (1/N) Σ_k Σ_i γ_ik (x_i − μ_k^new)(x_i − μ_k^new)ᵀ,
   * the components' own updates weighted by N_k/N (as an array of K equal matrices, like mStepSigma). Each component's
   * own update (mStepSigma) stays its own: Σ_k^{new} is not the pooled one.
   */
  mStepTiedSigma(): number[][][] {
    if (this.hardMStep) {
      const oneHot = this.t.X.map((_, i) => Array.from({ length: this.t.K }, (_, k) => (this.assignment(i) === k ? 1 : 0)));
      return pooledCovariance(this.hardEstimates().Sigma, oneHot[0]!.map((_, k) => oneHot.reduce((n, row) => n + row[k]!, 0)));
    }
    const r = this.t.ref;
    r.mStepTiedSigma ??= pooledCovariance(this.mStepSigma(), r.Nk);
    return r.mStepTiedSigma;
  }

  mStepPi(): number[] {
    if (this.hardMStep) return this.hardEstimates().pi;
    const r = this.t.ref;
    r.mStepPi ??= R.mStepWeights(r.resp);
    return r.mStepPi;
  }

  /** The M-step with the assignment's 0/1 indicators for responsibilities: the complete-data estimates. */
  private hardEstimates(): { mu: number[][]; Sigma: number[][][]; pi: number[] } {
    if (!this.t.hard) {
      const oneHot = this.t.X.map((_, i) => Array.from({ length: this.t.K }, (_, k) => (this.assignment(i) === k ? 1 : 0)));
      const mu = R.mStepMeans(this.t.gmm, this.t.X, oneHot);
      this.t.hard = { mu, Sigma: R.mStepCovariances(this.t.gmm, this.t.X, oneHot, mu), pi: R.mStepWeights(oneHot) };
    }
    return this.t.hard;
  }

  /** Analytic gradient of the log-likelihood from the reference, or null when it has none for the target. */
  refGradient(target: Target): Value | null {
    // (The shared spread of a tied model has no closed form kept: the log-likelihood is differentiated.)
    if (target.index === TIED_COMPONENTS) return null;
    const cache = (this.t.gradCache ??= new Map());
    const key = `${target.kind}/${target.index}`;
    if (cache.has(key)) return cache.get(key) ?? null;
    const g = this.computeRefGradient(target);
    cache.set(key, g);
    return g;
  }

  private computeRefGradient(target: Target): Value | null {
    const { gmm, X, D } = this.t;
    const k = target.index;
    switch (target.kind) {
      case 'mu': {
        const g = R.gradMu(gmm, X, k);
        return D === 1 ? g[0] : columnVector(g);
      }
      case 'Sigma': {
        if (D === 1) return R.gradVar(gmm, X, k);
        const g = R.gradSigma(gmm, X, k);
        return matrix(D, D, g.flat());
      }
      case 'var': return D === 1 ? R.gradVar(gmm, X, k) : null;
      case 'std': return D === 1 ? R.gradStd(gmm, X, k) : null;
      case 'pi': return R.gradPi(gmm, X, k);
      case 'lambda': case 'gx': case 'gmu': case 'gSigma': case 'gvar': case 'gstd': return 0;
      // ∂𝓛/∂x_i (the score in a point): no closed form kept; the log-likelihood is differentiated.
      case 'x': return null;
      case 'theta': case 'free': case 'prec': case 'logit': case 'piPair': return null;
    }
  }

  /** Number of scalar entries of a parameter (1, D or D²). */
  entries(target: Target): { count: number; rows: number; cols: number } {
    const D = this.t.D;
    switch (target.kind) {
      case 'mu': case 'x': case 'gx': case 'gmu': return { count: D, rows: D, cols: 1 };
      case 'Sigma': case 'gSigma': return D === 1 ? { count: 1, rows: 1, cols: 1 } : { count: D * D, rows: D, cols: D };
      case 'prec': return { count: D * D, rows: D, cols: D };
      case 'free': return target.shape === 'matrix' || target.shape === 'spd' ? { count: D * D, rows: D, cols: D } : target.shape === 'scalar' ? { count: 1, rows: 1, cols: 1 } : { count: D, rows: D, cols: 1 };
      default: return { count: 1, rows: 1, cols: 1 };
    }
  }

  /** Derivatives in progress (their seeds: one each, or one per component for a tied model's spread). */
  private depth = 0;

  /**
   * The seeds of one derivative: on the target, or for TIED_COMPONENTS on every component's parameter
   * with one tag (moving the shared spread moves each component's the same way). How many were pushed.
   */
  private pushSeeds(target: Target, entry: number, tag: number, directions?: number): number {
    const targets = target.index === TIED_COMPONENTS ? Array.from({ length: this.t.K }, (_, k) => ({ ...target, index: k })) : [target];
    for (const t of targets) this.seeds.push(directions === undefined ? { target: t, entry, tag } : { target: t, entry, tag, directions });
    this.depth++;
    return targets.length;
  }

  /**
   * `f` at the current parameters whatever derivative is in progress: ESL's φ_{θ̂_j}(y), the density at the estimates θ̂_j
   * the E-step was taken at, is a number for ∂/∂μ_j as μ_j^{(t)} is (compile.ts compileMeaning). (The seeds are put back.)
   */
  atCurrent<T>(f: () => T): T {
    if (this.seeds.length === 0) return f();
    const seeds = this.seeds;
    this.seeds = [];
    try {
      return f();
    } finally {
      this.seeds = seeds;
    }
  }

  private popSeeds(count: number): void {
    this.seeds.length -= count;
    this.depth--;
  }

  /** ∂F/∂target by forward mode, entry by entry; F is evaluated with the seed active. */
  differentiate(target: Target, f: (env: Env) => Value): Value {
    const { count, rows, cols } = this.entries(target);
    // Every nested derivative doubles the size of each number (and multiplies the
    // passes by the parameter's entries): refuse before the cost explodes.
    if (this.depth >= MAX_DERIVATIVE_DEPTH) {
      throw new BudgetExceeded(`derivatives nested more than ${MAX_DERIVATIVE_DEPTH} deep`);
    }
    const out: Value[] = [];
    // One pass for all entries, a direction per entry. The noisy re-evaluations of
    // claims.ts add noise to the plain numbers of each sum, and which numbers are
    // plain depends on the entry: there the pass is tried only outside other
    // derivatives, and given up for a pass per entry at the first sum whose noise
    // would differ between entries (before any noise is drawn).
    if (count > 1 && (this.noise === 0 || this.seeds.length === 0)) {
      const work = this.budget.spent;
      this.budget.spend(count);
      const tag = newTag();
      const pushed = this.pushSeeds(target, -1, tag, count);
      this.probing = this.noise !== 0;
      let v: Value | undefined;
      try {
        v = this.budget.scaled(count, () => f(this));
      } catch (e) {
        if (!(e instanceof DirectionDependentNoise)) throw e;
        this.budget.rewind(work);
      } finally {
        this.popSeeds(pushed);
        this.probing = false;
      }
      for (let e = 0; v !== undefined && e < count; e++) {
        const d = isMatrix(v) ? { rows: v.rows, cols: v.cols, data: v.data.map((x) => tangentEntry(x, tag, e)) } : tangentEntry(v, tag, e);
        out.push(isMatrix(d) && d.rows === 1 && d.cols === 1 ? d.data[0] : d);
      }
    }
    for (let e = 0; e < count && out.length < count; e++) {
      this.budget.spend();
      const tag = newTag();
      const pushed = this.pushSeeds(target, e, tag);
      let v: Value;
      try {
        v = f(this);
      } finally {
        this.popSeeds(pushed);
      }
      const d = tangentValue(v, tag);
      // A 1×1 result (a quadratic form) is a number.
      out.push(isMatrix(d) && d.rows === 1 && d.cols === 1 ? d.data[0] : d);
    }
    if (count === 1) return out[0];
    // A scalar function of a vector/matrix parameter gives a vector/matrix of partials.
    if (out.every((v) => !isMatrix(v))) return matrix(rows, cols, out as Scalar[]);
    throw new TypeError('derivative of a vector-valued expression with respect to a vector is not supported');
  }
}

/** Thrown by Env.rounded when the noise of a sum would depend on the direction of a vector pass. */
class DirectionDependentNoise extends Error {}
/** One instance, thrown again and again: it is caught at once, and a stack trace per throw was a hot spot. */
const DIRECTION_DEPENDENT_NOISE = new DirectionDependentNoise('the noise of a sum depends on the direction');

/**
 * Would Env.rounded draw noise for `v` in the pass of some single direction
 * (a plain number, or a matrix of them, there)? Used outside other derivatives
 * only, where the one tag is the vector pass's.
 */
function noisedInSomeDirection(v: Value): boolean {
  if (!isMatrix(v)) return plainInSomeDirection(v);
  let common: boolean[] | null = null;
  for (const x of v.data) {
    if (typeof x === 'number') continue;
    if (!(x.du instanceof Tangents) || typeof x.re !== 'number') return false;
    const plain = x.du.d.map((d) => d === 0);
    common = common ? common.map((c, i) => c && plain[i]!) : plain;
    if (!common.some(Boolean)) return false;
  }
  return true;
}

/**
 * 𝒩(x | μ, Σ) = norm · exp(−½ (x − μ)ᵀ Σ⁻¹ (x − μ)) with μ moved in each of its D directions
 * (a vector-valued tangent of `tag`, entry d the direction of μ_d) and x plain: what
 * Env.componentDensity's general path computes in dual arithmetic (vsub, the two matmuls, exp,
 * the products), operation for operation in the same order on plain numbers, so that every
 * bit of the value and of its tangents is the same, with one Dual allocated instead of dozens.
 * `sumTangent` is values.ts's rule for adding two tangent entries (0 where both are 0).
 */
function meanDirectionsDensity(x: number[], mu: number[], inv: number[], norm: number, tag: number): Scalar {
  const D = mu.length;
  // d = x − μ: d_l = δ_l − ε·u_l (μ_l is the seeded m_l + ε·u_l).
  const delta = new Array<number>(D);
  for (let l = 0; l < D; l++) delta[l] = x[l]! - (mu[l]! + 0);
  // s = dᵀ Σ⁻¹, s_j = Σ_l d_l Σ⁻¹_lj from 0: values R_j, tangents S_j (the term l moves direction l by −Σ⁻¹_lj).
  const R = new Array<number>(D);
  const S: number[][] = [];
  for (let j = 0; j < D; j++) {
    let re = 0;
    const t = new Array<number>(D).fill(0);
    for (let l = 0; l < D; l++) {
      const v = inv[l * D + j]!;
      re = re + delta[l]! * v;
      const c = -1 * v;
      for (let p = 0; p < D; p++) t[p] = sumTangent(t[p]!, p === l ? c : 0);
    }
    R[j] = re;
    S.push(t);
  }
  // q = s · d from 0: each product (R_l + ε S_l)(δ_l − ε u_l) by values.ts's mulTerm.
  let q = 0;
  const Q = new Array<number>(D).fill(0);
  for (let l = 0; l < D; l++) {
    const ar = R[l]!, br = delta[l]!;
    q = q + ar * br;
    for (let p = 0; p < D; p++) {
      const xp = S[l]![p]!, yp = p === l ? -1 : 0;
      const e = xp === 0 && yp === 0 ? 0 : xp === 0 ? ar * yp : yp === 0 ? xp * br : ar * yp + xp * br;
      Q[p] = sumTangent(Q[p]!, e);
    }
  }
  // norm · exp(−½ q).
  const ex = Math.exp(-0.5 * q);
  const du = new Array<Scalar>(D);
  let moved = false;
  for (let p = 0; p < D; p++) {
    const z = Q[p] === 0 ? 0 : -0.5 * Q[p]!;
    const ez = z === 0 ? 0 : ex * z;
    du[p] = ez === 0 ? 0 : norm * ez;
    if (du[p] !== 0) moved = true;
  }
  return moved ? new Dual(tag, norm * ex, new Tangents(du)) : norm * ex;
}

/** The sum of two entries of tangents of one tag, as values.ts's add over Tangents does it. */
function sumTangent(x: number, y: number): number {
  return x === 0 && y === 0 ? 0 : x + y;
}

/** re + du·ε_tag for plain numbers. */
function dualSeedScaled(re: number, tag: number, du: number): Scalar {
  return du === 0 ? re : add(re, mul(du, dualSeed(0, tag)));
}

/**
 * `re` moved by a seed on Σ_k, whose derivative along entry (a, b) is written out
 * as `du(a, b)`: the seed's one entry, or all D² of them as directions.
 */
function sigmaEntries(seed: Seed, D: number, re: number, du: (a: number, b: number) => number): Scalar {
  if (seed.entry >= 0) return dualSeedScaled(re, seed.tag, du(Math.floor(seed.entry / D), seed.entry % D));
  const dus: number[] = [];
  for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) dus.push(du(a, b));
  return withTangents(re, seed.tag, dus);
}

function maxAbs(v: Value): number {
  if (!isMatrix(v)) return Math.abs(typeof v === 'number' ? v : primalOf(v));
  // An indexed loop: the hottest helper of the evaluator (every sum term); `for … of` left an
  // iterator per call in the allocation profile.
  const data = v.data;
  let m = 0;
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    m = Math.max(m, Math.abs(typeof x === 'number' ? x : primalOf(x)));
  }
  return m;
}

function primalOf(x: Scalar): number {
  while (typeof x !== 'number') x = x.re;
  return x;
}

export type { Matrix };
