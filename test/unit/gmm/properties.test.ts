// Property tests (fast-check) for invariants of the reference GMM that hold
// for every valid input, not just the instances the generator favours.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rng } from '../../../src/core/gmm/random';
import { randomInstance } from '../../../src/core/gmm/instance';
import { effectiveCounts, emStep, logDet, logLikelihood, mixtureLogDensity, responsibilities, type Gmm } from '../../../src/core/gmm/reference';

/**
 * Arbitrary valid GMMs far outside the generator's comfortable range: means
 * up to ±100, Σ = A Aᵀ + εI with ε from 1e-3 (sharp, condition up to ~1e5)
 * to 10, weights down to 1e-6 before normalisation, data up to ±1000.
 */
const wildGmm = fc
  .record({ K: fc.integer({ min: 1, max: 4 }), D: fc.integer({ min: 1, max: 3 }), N: fc.integer({ min: 1, max: 12 }) })
  .chain(({ K, D, N }) => {
    const num = (m: number) => fc.double({ min: -m, max: m, noNaN: true });
    return fc.record({
      raw: fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: K, maxLength: K }),
      mu: fc.array(fc.array(num(100), { minLength: D, maxLength: D }), { minLength: K, maxLength: K }),
      A: fc.array(fc.array(num(3), { minLength: D * D, maxLength: D * D }), { minLength: K, maxLength: K }),
      eps: fc.array(fc.double({ min: 1e-3, max: 10, noNaN: true }), { minLength: K, maxLength: K }),
      X: fc.array(fc.array(num(1000), { minLength: D, maxLength: D }), { minLength: N, maxLength: N }),
    }).map(({ raw, mu, A, eps, X }) => {
      const total = raw.reduce((s, v) => s + v, 0);
      const Sigma = A.map((a, k) => {
        const S: number[][] = [];
        for (let i = 0; i < D; i++) {
          S.push([]);
          for (let j = 0; j < D; j++) {
            let s = i === j ? eps[k] : 0;
            for (let p = 0; p < D; p++) s += a[i * D + p] * a[j * D + p];
            S[i].push(s);
          }
        }
        return S;
      });
      const gmm: Gmm = { K, D, pi: raw.map((v) => v / total), mu, Sigma };
      return { gmm, X };
    });
  });

const sizes = fc.record({
  seed: fc.integer(),
  K: fc.integer({ min: 1, max: 4 }),
  D: fc.integer({ min: 1, max: 3 }),
  N: fc.integer({ min: 10, max: 40 }),
});

describe('gmm/reference properties', () => {
  it('responsibilities lie in [0, 1] and each row sums to 1', () => {
    fc.assert(fc.property(wildGmm, ({ gmm, X }) => {
      for (const row of responsibilities(gmm, X)) {
        let s = 0;
        for (const g of row) {
          assert.ok(g >= 0 && g <= 1, `γ = ${g}`);
          s += g;
        }
        assert.ok(Math.abs(s - 1) < 1e-12, `row sum ${s}`);
      }
    }), { numRuns: 300 });
  });

  it('logLikelihood is finite even when every point is far from every mean', () => {
    // Means lie within ±100, so every coordinate of these points is at least
    // `shift` ≥ 10³ beyond every mean: the densities are e^−(10⁴…10⁹), all 0
    // in doubles, and a naive Σ_k π_k N would give log 0 = −∞.
    fc.assert(fc.property(wildGmm, fc.double({ min: 1e3, max: 1e4, noNaN: true }), ({ gmm, X }, shift) => {
      const far = X.map((x) => x.map((v) => 100 + shift + Math.abs(v)));
      const L = logLikelihood(gmm, far);
      assert.ok(Number.isFinite(L), `L = ${L}`);
      assert.ok(L < 0);
      for (const x of far) assert.ok(Number.isFinite(mixtureLogDensity(gmm, x)));
      for (const row of responsibilities(gmm, far)) assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    }), { numRuns: 200 });
  });

  it('an EM step never lowers the log-likelihood', () => {
    // EM's guarantee is exact in real arithmetic; allow only rounding, relative to |L|.
    // With few points a component can collapse onto at most D of them: its
    // new Σ tends to a singular matrix and L → +∞. Once Σ is that close to
    // singular (or rounding makes it indefinite), L is rounding noise and can
    // no longer show the guarantee, so the run ends there, but only after
    // confirming the collapse is genuine (N_k < D + 1 for some component).
    fc.assert(fc.property(sizes, ({ seed, K, D, N }) => {
      const { gmm, X } = randomInstance(new Rng(seed), { K, D, N });
      let g = gmm;
      let L = logLikelihood(g, X);
      for (let t = 0; t < 4; t++) {
        const Nk = effectiveCounts(g, X);
        g = emStep(g, X);
        if (g.Sigma.some(nearlySingular)) {
          assert.ok(Math.min(...Nk) < D + 1, `cycle ${t}: singular Σ with N_k = ${Nk}`);
          return;
        }
        const next = logLikelihood(g, X);
        assert.ok(next >= L - 1e-10 * (1 + Math.abs(L)), `cycle ${t}: ${L} → ${next}`);
        L = next;
      }
    }), { numRuns: 150 });
  });
});

/** det Σ / (tr Σ / D)^D < 1e-8 (the eigenvalues' product against their mean), or not positive definite at all. */
function nearlySingular(S: number[][]): boolean {
  const D = S.length;
  const trace = S.reduce((s, row, i) => s + row[i], 0);
  try {
    return logDet(S) - D * Math.log(trace / D) < Math.log(1e-8);
  } catch {
    return true;
  }
}
