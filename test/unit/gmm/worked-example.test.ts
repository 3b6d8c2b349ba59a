// The worked example of MML book ch. 11 as printed in seed note 003: seven
// 1-D points, three components N(−4, 1), N(0, 0.2), N(8, 3) (second argument
// the variance) with equal weights. Each published figure is checked to the
// number of decimals printed: |ours − printed| ≤ ½·10^−decimals.
//
// One printed figure does not reproduce: row 4 (x = 0) of the responsibility
// matrix is printed as [0.001, 0.999, 0.0], but the exact values are
// [0.000150, 0.999844, 0.000006], which round to [0.000, 1.000, 0.000]. No
// other convention explains it (reading the second argument as a standard
// deviation breaks rows 3 and 5, and the log base does not enter
// responsibilities); every other entry and every later figure (means,
// variances, weights, log-likelihoods, the five-cycle fit) reproduces, and
// those are computed from these responsibilities. So we take it as a
// rounding slip in the book and pin the exact values instead.
import assert from 'node:assert/strict';
import {
  emStep, logLikelihood, mStepCovariances, mStepMeans, mStepWeights, responsibilities, type Gmm,
} from '../../../src/core/gmm/reference';

const X = [-3, -2.5, -1, 0, 2, 4, 5].map((x) => [x]);
const INITIAL: Gmm = {
  K: 3, D: 1, pi: [1 / 3, 1 / 3, 1 / 3], mu: [[-4], [0], [8]], Sigma: [[[1]], [[0.2]], [[3]]],
};

/** Asserts `value` rounds to the printed string (its decimals set the precision). */
function assertPrinted(value: number, printed: string, what: string): void {
  const decimals = printed.includes('.') ? printed.split('.')[1].length : 0;
  const tol = 0.5 * 10 ** -decimals + 1e-12;
  assert.ok(Math.abs(value - Number(printed)) <= tol, `${what}: computed ${value}, printed ${printed}`);
}

describe('gmm/reference: MML book worked example (seed 003)', () => {
  // Seed line 236, row by row.
  const PRINTED_RESP = [
    ['1.0', '0.0', '0.0'],
    ['1.0', '0.0', '0.0'],
    ['0.057', '0.943', '0.0'],
    ['0.001', '0.999', '0.0'],
    ['0.0', '0.066', '0.934'],
    ['0.0', '0.0', '1.0'],
    ['0.0', '0.0', '1.0'],
  ];

  it('responsibilities match line 236 except row 4 (x = 0)', () => {
    const R = responsibilities(INITIAL, X);
    R.forEach((row, i) => {
      if (i === 3) return;
      row.forEach((g, k) => assertPrinted(g, PRINTED_RESP[i][k], `r[${i + 1}][${k + 1}]`));
    });
  });

  it('row 4 (x = 0): printed 0.001 / 0.999 do not reproduce; exact values pinned', () => {
    // By hand: π cancels; N(0|−4,1) = e^−8/√(2π), N(0|0,0.2) = 1/√(0.4π),
    // N(0|8,3) = e^(−64/6)/√(6π).
    const n = [Math.exp(-8) / Math.sqrt(2 * Math.PI), 1 / Math.sqrt(0.4 * Math.PI), Math.exp(-64 / 6) / Math.sqrt(6 * Math.PI)];
    const p = n[0] + n[1] + n[2];
    const row = responsibilities(INITIAL, X)[3];
    row.forEach((g, k) => assert.ok(Math.abs(g - n[k] / p) < 1e-15));
    assertPrinted(row[0], '0.00015', 'r[4][1]');
    assertPrinted(row[1], '0.99984', 'r[4][2]');
    assertPrinted(row[2], '0.0', 'r[4][3]');
    assert.ok(Math.abs(row[0] - 0.001) > 0.0005, 'if this fails, the book figure reproduces after all');
  });

  it('log-likelihood before the first cycle is −28.33', () => {
    assertPrinted(logLikelihood(INITIAL, X), '-28.33', 'L(θ₀)');
  });

  it('M-step: means −2.7, −0.4, 3.7; variances 0.14, 0.44, 1.53; weights 0.29, 0.29, 0.42', () => {
    const R = responsibilities(INITIAL, X);
    const mu = mStepMeans(INITIAL, X, R);
    ['-2.7', '-0.4', '3.7'].forEach((s, k) => assertPrinted(mu[k][0], s, `μ_${k + 1}`));
    // Variances use the new means and the old responsibilities.
    const Sigma = mStepCovariances(INITIAL, X, R, mu);
    ['0.14', '0.44', '1.53'].forEach((s, k) => assertPrinted(Sigma[k][0][0], s, `σ²_${k + 1}`));
    ['0.29', '0.29', '0.42'].forEach((s, k) => assertPrinted(mStepWeights(R)[k], s, `π_${k + 1}`));
  });

  it('log-likelihood after one full EM cycle is −14.41', () => {
    assertPrinted(logLikelihood(emStep(INITIAL, X), X), '-14.41', 'L(θ₁)');
  });

  it('after five cycles: 0.29·N(−2.75, 0.06) + 0.28·N(−0.50, 0.25) + 0.43·N(3.64, 1.63)', () => {
    let g = INITIAL;
    for (let t = 0; t < 5; t++) g = emStep(g, X);
    const printed = [['0.29', '-2.75', '0.06'], ['0.28', '-0.50', '0.25'], ['0.43', '3.64', '1.63']];
    printed.forEach(([pi, mu, v], k) => {
      assertPrinted(g.pi[k], pi, `π_${k + 1}`);
      assertPrinted(g.mu[k][0], mu, `μ_${k + 1}`);
      assertPrinted(g.Sigma[k][0][0], v, `σ²_${k + 1}`);
    });
  });
});
