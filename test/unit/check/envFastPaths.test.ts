// The evaluator's written-out derivatives (env.ts) against the general dual
// arithmetic of values.ts they stand in for: every number, every tangent entry
// and the shape of the result (a plain number or a Dual) must be the same bits,
// or verdicts and messages could change with the path taken.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Env, makeTrial, type Trial } from '../../../src/core/check/env';
import {
  Dual, columnVector, exp, matrix, mul, newTag, Tangents, toScalar, transpose, vmul, vsub, type Scalar, type Value,
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
