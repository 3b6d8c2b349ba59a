// The evaluator's written-out derivatives (env.ts) against the general dual
// arithmetic of values.ts they stand in for: every number, every tangent entry
// and the shape of the result (a plain number or a Dual) must be the same bits,
// or verdicts and messages could change with the path taken.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Env, makeTrial, type Trial } from '../../../src/core/check/env';
import { Budget } from '../../../src/core/check/budget';
import {
  add, Dual, columnVector, exp, log, matrix, mul, newTag, Tangents, toScalar, transpose, vmul, vsub, type Scalar, type Value,
} from '../../../src/core/eval/values';
import * as R from '../../../src/core/gmm/reference';

/** Bit-for-bit equality of two scalars, tags and tangents included (−0 and 0 differ). */
function sameScalar(a: Scalar, b: Scalar, where: string): void {
  if (typeof a === 'number' || typeof b === 'number') {
    assert.ok(typeof a === 'number' && typeof b === 'number' && Object.is(a, b), `${where}: ${String(a)} vs ${String(b)}`);
    return;
  }
  assert.ok(a instanceof Dual && b instanceof Dual, where);
  assert.equal(a.tag, b.tag, `${where}: tag`);
  sameScalar(a.re, b.re, `${where}.re`);
  if (a.du instanceof Tangents || b.du instanceof Tangents) {
    assert.ok(a.du instanceof Tangents && b.du instanceof Tangents, `${where}: tangent kinds`);
    assert.equal(a.du.d.length, b.du.d.length, `${where}: directions`);
    a.du.d.forEach((x, e) => sameScalar(x, (b.du as Tangents).d[e]!, `${where}.du[${e}]`));
  } else {
    sameScalar(a.du, b.du, `${where}.du`);
  }
}

/** 𝒩(x | μ_k, Σ_k) by the general path: μ_k seeded in all D directions, then vsub, two matmuls, exp. */
function generalDensity(t: Trial, x: number[], k: number, tag: number): Scalar {
  const D = t.D;
  const mu = columnVector(t.gmm.mu[k].map((m, e) => {
    const d = new Array<Scalar>(D).fill(0);
    d[e] = 1;
    // The seeded entry as Env.perturb builds it: m + ε·u_e.
    return new Dual(tag, m + 0, new Tangents(d));
  }));
  const S = t.gmm.Sigma[k];
  const inv = matrix(D, D, R.inverse(S).flat());
  const norm = Math.exp(-0.5 * (D * Math.log(2 * Math.PI) + R.logDet(S)));
  const d: Value = vsub(columnVector(x), mu);
  return mul(norm, exp(mul(-0.5, toScalar(vmul(vmul(transpose(d), inv), d)))));
}

function fastDensity(t: Trial, x: number[], k: number, tag: number): Scalar {
  const env = new Env(t);
  env.seeds.push({ target: { kind: 'mu', index: k }, entry: -1, tag, directions: t.D });
  return env.componentDensity(columnVector(x), k);
}

describe('env.ts written-out derivatives equal the general dual arithmetic bit for bit', function () {
  it('𝒩(x | μ_k, Σ_k) with μ_k moved in all its directions, at data points, random points and x = μ_k', function () {
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 50 }),
      fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 5, maxLength: 5 }),
      (D, K, seed, raw) => {
        const t = makeTrial(seed, 0, { K, D, N: 6, relaxed: false });
        for (let k = 0; k < K; k++) {
          const mu = t.gmm.mu[k];
          const points = [
            t.X[0], t.X[5], raw.slice(0, D),
            // Entries equal to μ_k's: zero differences, so zero tangents along the way.
            mu.slice(), mu.map((m, e) => (e === 0 ? m : raw[e]!)),
          ];
          for (const x of points) {
            const tag = newTag();
            sameScalar(fastDensity(t, x, k, tag), generalDensity(t, x, k, tag), `D=${D} k=${k} x=${x.join(',')}`);
          }
        }
      },
    ), { numRuns: 60 });
  });
});

describe('Env.quietly: a noisy re-evaluation of a point gets what drew no noise, as computing it again would give', function () {
  const NOISE = 2 ** -26;
  /** The value, the work spent, the scale and the lost precision of `f` at a point, with noise seeded by `seed`. */
  const noisyRun = (env: Env, f: () => Value, seed: number) => {
    env.noise = NOISE;
    env.reseedNoise(seed);
    env.scale = 0;
    const work = env.budget.spent;
    try {
      const v = f();
      return { v, work: env.budget.spent - work, scale: env.scale, lost: env.precisionLost };
    } finally {
      env.noise = 0;
    }
  };
  const same = (a: Value, b: Value, where: string) => {
    if (typeof a === 'object' && !(a instanceof Dual)) {
      assert.ok(typeof b === 'object' && !(b instanceof Dual) && a.rows === b.rows && a.cols === b.cols, `${where}: shape`);
      a.data.forEach((x, e) => sameScalar(x, b.data[e]!, `${where}[${e}]`));
    } else {
      assert.ok(typeof b !== 'object' || b instanceof Dual, `${where}: shape`);
      sameScalar(a, b as Scalar, where);
    }
  };
  it('∂ log p(x_i)/∂Σ_k (no sum in the pass) is found again; a pass with a sum is computed again under noise', function () {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 1000 }), (D, seed, noiseSeed) => {
      const t = makeTrial(seed, 0, { K: 3, D, N: 6, relaxed: false });
      const quiet = (env: Env): Value => env.differentiate({ kind: 'Sigma', index: 1 }, (e) => log(toScalar(e.mixture(e.idx.i!))));
      const summed = (env: Env): Value => env.differentiate({ kind: 'mu', index: 0 }, (e) => {
        const a = e.mixture(e.idx.i!), b = e.mixture(0);
        e.noteTerms(a, b);
        return e.rounded(add(a, b), a, b);
      });
      for (const [name, f] of [['no sum', quiet], ['a sum', summed]] as const) {
        // As claims.ts does at a point: evaluated without noise (here for every index value, as a sum
        // over i does), then again with noise (roundingError).
        const env = new Env(t, new Budget(1e9, Infinity));
        const plains: Value[] = [];
        for (let i = 0; i < 6; i++) {
          env.idx.i = i;
          plains.push(env.quietly(f, () => f(env)));
        }
        for (let i = 5; i >= 0; i--) {
          env.idx.i = i;
          const plain = plains[i]!;
          const kept = noisyRun(env, () => env.quietly(f, () => f(env)), noiseSeed);
          // The same point computed with noise from nothing.
          const fresh = new Env(t, new Budget(1e9, Infinity));
          fresh.idx.i = i;
          const again = noisyRun(fresh, () => f(fresh), noiseSeed);
          same(kept.v, again.v, `${name}, point ${i}`);
          assert.equal(kept.work, again.work, `${name}: work`);
          assert.ok(Object.is(kept.scale, again.scale), `${name}: scale ${kept.scale} vs ${again.scale}`);
          assert.equal(kept.lost, again.lost, `${name}: lost precision`);
          // Kept only where no noise could enter: the pass with a sum is computed again (a new matrix).
          if (name === 'no sum') assert.equal(kept.v, plain, 'the value found again');
          else if (typeof plain === 'object') assert.notEqual(kept.v, plain, 'a pass with a sum is computed again');
        }
      }
    }), { numRuns: 25 });
  });
});
