// Certifies the reference GMM: linear algebra helpers, densities against
// closed forms and an independent general-matrix evaluator, every analytic
// gradient against central finite differences of logLikelihood, and the EM
// pieces against emStep.
import assert from 'node:assert/strict';
import { Rng } from '../../../src/core/gmm/random';
import { randomInstance } from '../../../src/core/gmm/instance';
import {
  cholesky, componentLogDensities, effectiveCounts, emStep, gauss, gradLogits, gradMu, gradPi, gradSigma,
  gradStd, gradVar, inverse, lagrangianGradPi, logDet, logGauss, logLikelihood, mixtureLogDensity,
  mStepCovariances, mStepMeans, mStepWeights, responsibilities, solve, type Gmm,
} from '../../../src/core/gmm/reference';

function clone(g: Gmm): Gmm {
  return { K: g.K, D: g.D, pi: g.pi.slice(), mu: g.mu.map((m) => m.slice()), Sigma: g.Sigma.map((S) => S.map((r) => r.slice())) };
}

/** Central difference of f at t = 0. */
function central(f: (t: number) => number, h: number): number {
  return (f(h) - f(-h)) / (2 * h);
}

// Finite-difference step and tolerance. The central difference has
// truncation error ≈ h²/6·|L'''| and rounding error ≈ ε|L|/h. On generator
// instances (σ² ≥ 0.3, data within a few standard deviations, N ≤ 30) each
// point's third derivative is O(10) and |L| ≲ 200, so with h = 1e-5 both
// errors are below ~1e-8. The tolerance 1e-6·(1 + |g|) leaves a margin of
// 100×, yet any real slip (a factor 2, a missing term, σ for σ², the wrong
// index) changes the gradient by O(|g|) or O(N_k) and fails by orders of
// magnitude.
const H = 1e-5;
function assertClose(analytic: number, fd: number, what: string): void {
  const tol = 1e-6 * (1 + Math.abs(analytic));
  assert.ok(Math.abs(analytic - fd) <= tol, `${what}: analytic ${analytic} vs finite difference ${fd}`);
}

const CASES: { K: number; D: number; seed: number }[] = [];
for (const D of [1, 2, 3]) for (const K of [1, 2, 3, 4]) for (const seed of [0, 1, 2]) CASES.push({ K, D, seed });

function instanceFor(c: { K: number; D: number; seed: number }): { gmm: Gmm; X: number[][] } {
  return randomInstance(new Rng(`grad-${c.seed}`), { K: c.K, D: c.D, N: 10 + 5 * c.K });
}

describe('gmm/reference linear algebra', () => {
  const A = [[4, 2, 0.6], [2, 5, 1], [0.6, 1, 3]];
  it('cholesky reproduces A = L Lᵀ with L lower triangular', () => {
    const L = cholesky(A);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        if (j > i) assert.equal(L[i][j], 0);
        let s = 0;
        for (let p = 0; p < 3; p++) s += L[i][p] * L[j][p];
        assert.ok(Math.abs(s - A[i][j]) < 1e-12);
      }
    }
  });
  it('inverse, solve and logDet agree with A', () => {
    const inv = inverse(A);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let p = 0; p < 3; p++) s += A[i][p] * inv[p][j];
        assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-12);
        assert.equal(inv[i][j], inv[j][i]);
      }
    }
    const x = solve(A, [1, -2, 0.5]);
    const b = A.map((row) => row.reduce((s, a, j) => s + a * x[j], 0));
    b.forEach((v, i) => assert.ok(Math.abs(v - [1, -2, 0.5][i]) < 1e-12));
    // det by cofactor expansion
    const det = 4 * (5 * 3 - 1 * 1) - 2 * (2 * 3 - 1 * 0.6) + 0.6 * (2 * 1 - 5 * 0.6);
    assert.ok(Math.abs(logDet(A) - Math.log(det)) < 1e-12);
  });
  it('rejects matrices that are not positive definite', () => {
    assert.throws(() => cholesky([[1, 2], [2, 1]]), RangeError);
    assert.throws(() => logGauss([0], [0], [[0]]), RangeError);
    assert.throws(() => logGauss([0], [0], [[NaN]]), RangeError);
  });
});

describe('gmm/reference densities', () => {
  it('logGauss and gauss match the 1-D formula', () => {
    const v = 0.7, m = 1.3, x = -0.4;
    const expected = -0.5 * Math.log(2 * Math.PI * v) - ((x - m) ** 2) / (2 * v);
    assert.ok(Math.abs(logGauss([x], [m], [[v]]) - expected) < 1e-14);
    assert.ok(Math.abs(gauss([x], [m], [[v]]) - Math.exp(expected)) < 1e-15);
  });

  it('logGauss matches an independent evaluator (Gaussian elimination) in 2-D and 3-D', () => {
    for (const D of [2, 3]) {
      const { gmm, X } = randomInstance(new Rng(`dens-${D}`), { K: 2, D, N: 8 });
      for (const x of X) {
        for (let k = 0; k < 2; k++) {
          const want = naiveLogGauss(x, gmm.mu[k], gmm.Sigma[k]);
          assert.ok(Math.abs(logGauss(x, gmm.mu[k], gmm.Sigma[k]) - want) < 1e-11);
        }
      }
    }
  });

  it('componentLogDensities, mixtureLogDensity, logLikelihood and responsibilities agree', () => {
    const { gmm, X } = randomInstance(new Rng('consistency'), { K: 3, D: 2, N: 12 });
    const C = componentLogDensities(gmm, X);
    const R = responsibilities(gmm, X);
    let L = 0;
    X.forEach((x, i) => {
      let p = 0;
      for (let k = 0; k < 3; k++) {
        const t = Math.log(gmm.pi[k]) + logGauss(x, gmm.mu[k], gmm.Sigma[k]);
        assert.ok(Math.abs(C[i][k] - t) < 1e-12);
        p += Math.exp(t);
      }
      assert.ok(Math.abs(mixtureLogDensity(gmm, x) - Math.log(p)) < 1e-12);
      for (let k = 0; k < 3; k++) assert.ok(Math.abs(R[i][k] - Math.exp(C[i][k]) / p) < 1e-12);
      L += Math.log(p);
    });
    assert.ok(Math.abs(logLikelihood(gmm, X) - L) < 1e-10);
    const Nk = effectiveCounts(gmm, X);
    for (let k = 0; k < 3; k++) assert.ok(Math.abs(Nk[k] - R.reduce((s, r) => s + r[k], 0)) < 1e-12);
  });

  it('NaN data propagates as NaN instead of a plausible number', () => {
    const gmm: Gmm = { K: 2, D: 1, pi: [0.5, 0.5], mu: [[0], [1]], Sigma: [[[1]], [[1]]] };
    assert.ok(Number.isNaN(logLikelihood(gmm, [[0], [NaN]])));
    assert.ok(responsibilities(gmm, [[NaN]])[0].every(Number.isNaN));
  });

  it('a zero weight gives a −∞ term, not NaN, and zero responsibility', () => {
    const gmm: Gmm = { K: 2, D: 1, pi: [1, 0], mu: [[0], [1]], Sigma: [[[1]], [[1]]] };
    const X = [[0.3], [2]];
    assert.equal(componentLogDensities(gmm, X)[0][1], -Infinity);
    assert.deepEqual(responsibilities(gmm, X).map((r) => r[1]), [0, 0]);
    assert.ok(Number.isFinite(logLikelihood(gmm, X)));
    // ∂L/∂π_k is still finite: Σ_i N(x_i|k)/p(x_i).
    const want = X.reduce((s, [x]) => s + Math.exp(logGauss([x], [1], [[1]]) - logGauss([x], [0], [[1]])), 0);
    assert.ok(Math.abs(gradPi(gmm, X, 1) - want) < 1e-12);
  });
});

describe('gmm/reference gradients vs central finite differences', () => {
  for (const c of CASES) {
    it(`K=${c.K} D=${c.D} seed=${c.seed}`, () => {
      const { gmm, X } = instanceFor(c);
      const L = (g: Gmm) => logLikelihood(g, X);
      for (let k = 0; k < c.K; k++) {
        // μ_k, coordinate by coordinate.
        const gm = gradMu(gmm, X, k);
        assert.equal(gm.length, c.D);
        for (let d = 0; d < c.D; d++) {
          const fd = central((t) => { const g = clone(gmm); g.mu[k][d] += t; return L(g); }, H);
          assertClose(gm[d], fd, `∂L/∂μ_${k}[${d}]`);
        }
        // Σ_k: the evaluator reads the symmetric matrix, so moving entry (a,b)
        // moves (b,a) too and the difference quotient is G_ab + G_ba (G_aa on
        // the diagonal). The general-matrix test below checks single entries.
        const gs = gradSigma(gmm, X, k);
        for (let a = 0; a < c.D; a++) {
          for (let b = 0; b <= a; b++) {
            assert.equal(gs[a][b], gs[b][a]);
            const fd = central((t) => {
              const g = clone(gmm);
              g.Sigma[k][a][b] += t;
              if (a !== b) g.Sigma[k][b][a] += t;
              return L(g);
            }, H);
            assertClose(a === b ? gs[a][a] : gs[a][b] + gs[b][a], fd, `∂L/∂Σ_${k}[${a}][${b}]`);
          }
        }
        // π_k unconstrained (no renormalisation), the Lagrangian, and logits.
        const gp = gradPi(gmm, X, k);
        assertClose(gp, central((t) => { const g = clone(gmm); g.pi[k] += t; return L(g); }, H), `∂L/∂π_${k}`);
        const lambda = -X.length * 0.75;
        const lag = (g: Gmm) => L(g) + lambda * (g.pi.reduce((s, p) => s + p, 0) - 1);
        assertClose(lagrangianGradPi(gmm, X, k, lambda),
          central((t) => { const g = clone(gmm); g.pi[k] += t; return lag(g); }, H), `∂𝔏/∂π_${k}`);
        const alpha = gmm.pi.map(Math.log);
        const viaLogits = (t: number) => {
          const a = alpha.slice();
          a[k] += t;
          const m = Math.max(...a);
          const e = a.map((v) => Math.exp(v - m));
          const z = e.reduce((s, v) => s + v, 0);
          const g = clone(gmm);
          g.pi = e.map((v) => v / z);
          return L(g);
        };
        assertClose(gradLogits(gmm, X, k), central(viaLogits, H), `∂L/∂α_${k}`);
        if (c.D === 1) {
          const gv = gradVar(gmm, X, k);
          assert.ok(Math.abs(gv - gs[0][0]) <= 1e-12 * (1 + Math.abs(gv)));
          assertClose(gv, central((t) => { const g = clone(gmm); g.Sigma[k][0][0] += t; return L(g); }, H), `∂L/∂σ²_${k}`);
          const s = Math.sqrt(gmm.Sigma[k][0][0]);
          assertClose(gradStd(gmm, X, k),
            central((t) => { const g = clone(gmm); g.Sigma[k][0][0] = (s + t) ** 2; return L(g); }, H), `∂L/∂σ_${k}`);
        }
      }
    });
  }

  it('gradSigma is the entry-wise derivative with all D² entries independent', () => {
    // An independent evaluator that accepts non-symmetric Σ (LU determinant,
    // Gaussian-elimination solve) lets us move one entry at a time: the
    // derivative is then the Σ⁻ᵀ form, which equals gradSigma at symmetric Σ.
    for (const D of [2, 3]) {
      const { gmm, X } = randomInstance(new Rng(`entrywise-${D}`), { K: 3, D, N: 20 });
      const naiveL = (g: Gmm) => X.reduce((s, x) => {
        const terms = g.mu.map((m, k) => Math.log(g.pi[k]) + naiveLogGauss(x, m, g.Sigma[k]));
        const mx = Math.max(...terms);
        return s + mx + Math.log(terms.reduce((a, t) => a + Math.exp(t - mx), 0));
      }, 0);
      for (let k = 0; k < 3; k++) {
        const gs = gradSigma(gmm, X, k);
        for (let a = 0; a < D; a++) {
          for (let b = 0; b < D; b++) {
            const fd = central((t) => { const g = clone(gmm); g.Sigma[k][a][b] += t; return naiveL(g); }, H);
            assertClose(gs[a][b], fd, `entry (${a},${b}) of ∂L/∂Σ_${k}`);
          }
        }
      }
    }
  });

  it('scalar gradients refuse D > 1', () => {
    const { gmm, X } = randomInstance(new Rng('d2'), { K: 2, D: 2, N: 10 });
    assert.throws(() => gradVar(gmm, X, 0), RangeError);
    assert.throws(() => gradStd(gmm, X, 0), RangeError);
  });
});

describe('gmm/reference EM', () => {
  it('emStep is the composition of the M-step pieces from the E-step responsibilities', () => {
    const { gmm, X } = randomInstance(new Rng('em'), { K: 3, D: 2, N: 25 });
    const R = responsibilities(gmm, X);
    const mu = mStepMeans(gmm, X, R);
    const next = emStep(gmm, X);
    assert.deepEqual(next.mu, mu);
    assert.deepEqual(next.Sigma, mStepCovariances(gmm, X, R, mu));
    assert.deepEqual(next.pi, mStepWeights(R));
    assert.ok(Math.abs(next.pi.reduce((s, p) => s + p, 0) - 1) < 1e-12);
  });

  it('each M-step piece solves its stationarity condition', () => {
    // μ^new zeroes Σ_i γ_ik (x_i − μ), Σ^new zeroes ∂Q/∂Σ at μ^new, π^new = N_k/N.
    const { gmm, X } = randomInstance(new Rng('stationary'), { K: 2, D: 3, N: 30 });
    const R = responsibilities(gmm, X);
    const mu = mStepMeans(gmm, X, R);
    const Sigma = mStepCovariances(gmm, X, R, mu);
    const Nk = effectiveCounts(gmm, X);
    for (let k = 0; k < 2; k++) {
      for (let d = 0; d < 3; d++) {
        const r = X.reduce((s, x, i) => s + R[i][k] * (x[d] - mu[k][d]), 0);
        assert.ok(Math.abs(r) < 1e-10);
      }
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) {
          const s = X.reduce((acc, x, i) => acc + R[i][k] * (x[a] - mu[k][a]) * (x[b] - mu[k][b]), 0);
          assert.ok(Math.abs(s / Nk[k] - Sigma[k][a][b]) < 1e-12);
        }
      }
      assert.ok(Math.abs(mStepWeights(R)[k] - Nk[k] / X.length) < 1e-14);
    }
  });

  it('a component with N_k = 0 keeps its mean and covariance', () => {
    const gmm: Gmm = { K: 2, D: 1, pi: [1, 0], mu: [[0], [5]], Sigma: [[[1]], [[2]]] };
    const X = [[-1], [0.5], [1]];
    const next = emStep(gmm, X);
    assert.deepEqual(next.mu[1], [5]);
    assert.deepEqual(next.Sigma[1], [[2]]);
    assert.deepEqual(next.pi, [1, 0]);
  });
});

/** log N(x|μ,Σ) for any invertible Σ, by Gaussian elimination with partial pivoting (independent of the Cholesky path). */
function naiveLogGauss(x: number[], mu: number[], Sigma: number[][]): number {
  const D = x.length;
  const M = Sigma.map((row, i) => [...row, x[i] - mu[i]]);
  // Eliminate on [Σ | d], then back-substitute y = Σ⁻¹d; the quadratic form is dᵀy.
  let logAbsDet = 0, sign = 1;
  for (let c = 0; c < D; c++) {
    let p = c;
    for (let r = c + 1; r < D; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (p !== c) { [M[p], M[c]] = [M[c], M[p]]; sign = -sign; }
    const piv = M[c][c];
    if (piv < 0) sign = -sign;
    logAbsDet += Math.log(Math.abs(piv));
    for (let r = c + 1; r < D; r++) {
      const f = M[r][c] / piv;
      for (let j = c; j <= D; j++) M[r][j] -= f * M[c][j];
    }
  }
  assert.equal(sign, 1, 'test matrices stay near SPD, so det > 0');
  const y = new Array<number>(D).fill(0);
  for (let r = D - 1; r >= 0; r--) {
    let s = M[r][D];
    for (let j = r + 1; j < D; j++) s -= M[r][j] * y[j];
    y[r] = s / M[r][r];
  }
  const quad = y.reduce((s, v, i) => s + v * (x[i] - mu[i]), 0);
  return -0.5 * quad - 0.5 * D * Math.log(2 * Math.PI) - 0.5 * logAbsDet;
}
