// The instance generator: its documented scales and checks hold for every
// instance it returns, and it is a function of the seed.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rng } from '../../../src/core/gmm/random';
import { checkInstance, INSTANCE_SCALES, randomInstance, type Instance } from '../../../src/core/gmm/instance';
import { cholesky } from '../../../src/core/gmm/reference';

const sizes = fc.record({
  seed: fc.oneof(fc.integer(), fc.string()),
  K: fc.integer({ min: 1, max: 5 }),
  D: fc.integer({ min: 1, max: 3 }),
  N: fc.integer({ min: 1, max: 40 }),
}).filter(({ K, N }) => N >= K);

function isPositiveDefinite(S: number[][]): boolean {
  try {
    cholesky(S);
    return true;
  } catch {
    return false;
  }
}

/** Every documented property of a generated instance. */
function assertDocumented(inst: Instance, K: number, D: number, N: number): void {
  const { gmm, X } = inst;
  assert.equal(gmm.K, K);
  assert.equal(gmm.D, D);
  assert.equal(X.length, N);
  for (const x of X) {
    assert.equal(x.length, D);
    x.forEach((v) => assert.ok(Number.isFinite(v)));
  }
  // Weights: each ≥ min(0.1, 0.5/K), summing to 1.
  const floor = Math.min(INSTANCE_SCALES.maxWeightFloor, 0.5 / K);
  gmm.pi.forEach((p) => assert.ok(p >= floor - 1e-12, `π = ${p}`));
  assert.ok(Math.abs(gmm.pi.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  // Covariances: exactly symmetric, eigenvalues in [0.3, 3] (so condition ≤ 10):
  // Σ − 0.3·(1−δ)I and 3·(1+δ)I − Σ are both positive definite.
  const { minEigenvalue: lo, maxEigenvalue: hi, minMeanDistance } = INSTANCE_SCALES;
  for (const S of gmm.Sigma) {
    for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) assert.equal(S[a][b], S[b][a]);
    assert.ok(isPositiveDefinite(S.map((r, a) => r.map((v, b) => v - (a === b ? lo * (1 - 1e-9) : 0)))));
    assert.ok(isPositiveDefinite(S.map((r, a) => r.map((v, b) => (a === b ? hi * (1 + 1e-9) : 0) - v))));
  }
  // Means at least 2 apart.
  for (let j = 0; j < K; j++) {
    for (let k = 0; k < j; k++) {
      const dist = Math.hypot(...gmm.mu[j].map((c, d) => c - gmm.mu[k][d]));
      assert.ok(dist >= minMeanDistance - 1e-9, `|μ_${j} − μ_${k}| = ${dist}`);
    }
  }
  assert.equal(checkInstance(inst), null);
}

describe('gmm/instance randomInstance', () => {
  it('every instance satisfies the documented scales and checks', () => {
    fc.assert(fc.property(sizes, ({ seed, K, D, N }) => {
      assertDocumented(randomInstance(new Rng(seed), { K, D, N }), K, D, N);
    }), { numRuns: 300 });
  });

  it('the same seed gives the same instance', () => {
    fc.assert(fc.property(sizes, ({ seed, K, D, N }) => {
      assert.deepEqual(randomInstance(new Rng(seed), { K, D, N }), randomInstance(new Rng(seed), { K, D, N }));
    }), { numRuns: 100 });
  });

  it('consecutive calls and different seeds give different instances', () => {
    const rng = new Rng(5);
    const a = randomInstance(rng, { K: 2, D: 2, N: 10 });
    const b = randomInstance(rng, { K: 2, D: 2, N: 10 });
    assert.notDeepEqual(a, b);
    assert.notDeepEqual(randomInstance(new Rng(6), { K: 2, D: 2, N: 10 }), a);
  });

  it('checkInstance rejects near-uniform, all-0/1 and underflowing responsibilities', () => {
    const base = { K: 2, D: 1, pi: [0.5, 0.5], Sigma: [[[1]], [[1]]] };
    const X = [-2, -1, -0.5, 0, 0.3, 1, 1.5, 2, 3, -3].map((x) => [x]);
    assert.match(checkInstance({ gmm: { ...base, mu: [[0], [0.01]] }, X }) ?? '', /uniform/);
    assert.match(checkInstance({ gmm: { ...base, mu: [[-40], [40]] }, X }) ?? '', /underflows|log-density/);
    const split = { gmm: { ...base, mu: [[-3], [3]], Sigma: [[[0.5]], [[0.5]]] }, X: [[-3], [-2.8], [3], [2.8]] };
    assert.match(checkInstance(split) ?? '', /only 0 responsibilities/);
    assert.equal(checkInstance({ gmm: { ...base, mu: [[-1.2], [1.2]] }, X }), null);
  });

  it('rejects sizes it cannot serve', () => {
    const rng = new Rng(0);
    assert.throws(() => randomInstance(rng, { K: 3, D: 1, N: 2 }), RangeError);
    assert.throws(() => randomInstance(rng, { K: 0, D: 1, N: 2 }), RangeError);
    assert.throws(() => randomInstance(rng, { K: 1, D: 1.5, N: 2 }), RangeError);
  });
});
