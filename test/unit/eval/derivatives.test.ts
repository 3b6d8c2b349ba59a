// Derivatives through the real pipeline (LaTeX → parser → compile → Env with
// forward-mode duals) against central differences taken by moving the random
// GMM instance itself: random 1-D expressions over μ_1, σ_1, σ_1², π_1, x_1,
// densities and responsibilities, wrapped as ∂/∂v ( … ) or ∂(…)/∂v; and two
// matrix identities in D = 3 (∂ log det Σ/∂Σ = Σ⁻¹, ∂ quadratic form/∂μ).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compile, newScope, type NoteContext } from '../../../src/core/check/compile';
import { Env, makeTrial, type Trial } from '../../../src/core/check/env';
import { isMatrix, primal, toScalar, type Value } from '../../../src/core/eval/values';
import * as R from '../../../src/core/gmm/reference';
import { parseExpression } from '../../../src/core/latex/parser';

function context(K: number, D: number, N: number): NoteContext {
  return { K, D, N, defs: new Map(), defaultDensity: null, dataCount: new Set(['N']), aliases: new Map() };
}

const ctx1 = context(2, 1, 5);

function evaluate(tex: string, ctx: NoteContext, trial: Trial): Value {
  const closure = compile(parseExpression([{ text: tex, start: 0 }]), newScope(ctx));
  return closure(new Env(trial));
}

function scalar(v: Value): number {
  return primal(toScalar(v));
}

const trials = new Map<string, Trial>();
function trial(t: number, K: number, D: number, N: number): Trial {
  const key = `${t}/${K}/${D}/${N}`;
  let tr = trials.get(key);
  if (!tr) {
    tr = makeTrial(7, t, { K, D, N, relaxed: false });
    trials.set(key, tr);
  }
  return tr;
}

/**
 * A fresh Trial with one parameter changed. Env reads μ, Σ, π and x from
 * trial.gmm / trial.X directly, but outside derivatives it reads densities,
 * responsibilities and the log-likelihood from trial.ref, so the cache is
 * rebuilt from the reference implementation; the lazily filled caches
 * (covCache, gradCache, M-step values) start empty.
 */
function moved(base: Trial, edit: (gmm: R.Gmm, X: number[][]) => void): Trial {
  const gmm: R.Gmm = {
    K: base.gmm.K, D: base.gmm.D, pi: [...base.gmm.pi], mu: base.gmm.mu.map((m) => [...m]),
    Sigma: base.gmm.Sigma.map((S) => S.map((row) => [...row])),
  };
  const X = base.X.map((x) => [...x]);
  edit(gmm, X);
  return {
    ...base, gmm, X, covCache: undefined, gradCache: undefined,
    ref: {
      resp: R.responsibilities(gmm, X),
      Nk: R.effectiveCounts(gmm, X),
      logLik: R.logLikelihood(gmm, X),
      mixture: X.map((x) => Math.exp(R.mixtureLogDensity(gmm, x))),
      comp: X.map((x) => gmm.mu.map((_, k) => R.gauss(x, gmm.mu[k], gmm.Sigma[k]))),
    },
  };
}

/** A parameter of component 1 / point 1, how it is written under ∂, and how to move it. */
interface Param {
  name: string;
  wrt: string;
  get: (t: Trial) => number;
  set: (gmm: R.Gmm, X: number[][], v: number) => void;
}
const PARAMS: Param[] = [
  { name: 'μ_1', wrt: '\\mu_1', get: (t) => t.gmm.mu[0][0], set: (g, _X, v) => { g.mu[0][0] = v; } },
  { name: 'σ_1²', wrt: '\\sigma_1^2', get: (t) => t.gmm.Sigma[0][0][0], set: (g, _X, v) => { g.Sigma[0][0][0] = v; } },
  {
    name: 'σ_1', wrt: '\\sigma_1', get: (t) => Math.sqrt(t.gmm.Sigma[0][0][0]),
    set: (g, _X, v) => { g.Sigma[0][0][0] = v * v; },
  },
  { name: 'π_1', wrt: '\\pi_1', get: (t) => t.gmm.pi[0], set: (g, _X, v) => { g.pi[0] = v; } },
  { name: 'x_1', wrt: 'x_1', get: (t) => t.X[0][0], set: (_g, X, v) => { X[0][0] = v; } },
];

/**
 * Central difference with Richardson extrapolation, (4·D(h/2) − D(h))/3,
 * whose truncation error is O(h⁴). h is relative to the parameter (σ² must
 * stay positive). Returns the estimate and the largest |f| seen, the scale
 * of the rounding noise (≈ ε·|f|/h).
 */
function centralDifference(tex: string, base: Trial, p: Param): { d: number; fmax: number } {
  const v0 = p.get(base);
  const h = 1e-3 * Math.max(Math.abs(v0), 0.1);
  const f = (v: number) => scalar(evaluate(tex, ctx1, moved(base, (g, X) => p.set(g, X, v))));
  const fs = [f(v0 - h), f(v0 + h), f(v0 - h / 2), f(v0 + h / 2)];
  const dh = (fs[1] - fs[0]) / (2 * h);
  const dh2 = (fs[3] - fs[2]) / h;
  return { d: (4 * dh2 - dh) / 3, fmax: Math.max(...fs.map(Math.abs)), };
}

// ------------------------------------------------------------------ random expressions

const wrap = (s: string) => `\\left( ${s} \\right)`;

/** Expressions that are positive at every sample point (arguments of \log and \sqrt, denominators). */
const positiveAtoms = fc.constantFrom(
  '\\sigma_1^2', '\\sigma_1', '\\pi_1', '\\pi_2', '2', '\\pi', '\\sigma_2^{2}', '\\mathcal{N}(x_1 \\mid \\mu_1, \\sigma_1^2)',
  '\\gamma_{1,1}', 'N_1', '\\sum_{i=1}^{N} (x_i - \\mu_1)^2', '\\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x_1 \\mid \\mu_k, \\sigma_k^2)',
);
const anyAtoms = fc.constantFrom('\\mu_1', 'x_1', '\\mu_2', 'x_2', '3', '0.5', '\\sigma_1', '\\pi_1');

const { e: anyExpr } = fc.letrec<{ e: string; p: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    anyAtoms,
    tie('p'),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `${wrap(a)} + ${wrap(b)}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `${wrap(a)} - ${b}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `${wrap(a)} \\cdot ${wrap(b)}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `${wrap(a)} ${wrap(b)}`),
    fc.tuple(tie('e'), tie('p')).map(([a, b]) => `\\frac{${a}}{${b}}`),
    fc.tuple(tie('e'), tie('p')).map(([a, b]) => `${wrap(a)} / ${wrap(b)}`),
    tie('e').map((a) => `-${wrap(a)}`),
    tie('p').map((a) => `\\log ${wrap(a)}`),
    tie('p').map((a) => `\\ln(${a})`),
  ),
  p: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    positiveAtoms,
    fc.tuple(tie('p'), tie('p')).map(([a, b]) => `${wrap(a)} + ${wrap(b)}`),
    fc.tuple(tie('p'), tie('p')).map(([a, b]) => `${wrap(a)} \\cdot ${wrap(b)}`),
    fc.tuple(tie('p'), tie('p')).map(([a, b]) => `\\frac{${a}}{${b}}`),
    tie('p').map((a) => `\\sqrt{${a}}`),
    tie('p').map((a) => `${wrap(a)}^{-1/2}`),
    tie('p').map((a) => `${wrap(a)}^{3}`),
    tie('e').map((a) => `${wrap(a)}^{2} + 1`),
    // Bounded exponents: e^{-a²} would underflow to 0 for large a, and forward mode
    // through 1/0 = ∞ gives NaN where the difference quotient of the flat 0 is 0.
    tie('e').map((a) => `\\exp\\left( \\frac{1}{1 + ${wrap(a)}^{2}} \\right)`),
    tie('e').map((a) => `e^{-${wrap(a)}^{2} / (1 + ${wrap(a)}^{2})}`),
  ),
}));

describe('derivatives through the compile pipeline match central differences', () => {
  for (const p of PARAMS) {
    it(`∂/∂${p.name} of random expressions (D = 1, K = 2, N = 5)`, () => {
      fc.assert(
        fc.property(anyExpr, fc.nat({ max: 3 }), fc.boolean(), (body, t, operatorForm) => {
          const base = trial(t, 2, 1, 5);
          const f0 = scalar(evaluate(body, ctx1, base));
          // Only well-scaled points: the comparison below is about derivatives, not overflow.
          fc.pre(Number.isFinite(f0) && Math.abs(f0) < 1e6);
          const tex = operatorForm
            ? `\\frac{\\partial}{\\partial ${p.wrt}} \\left( ${body} \\right)`
            : `\\frac{\\partial ${wrap(body)}}{\\partial ${p.wrt}}`;
          const ad = scalar(evaluate(tex, ctx1, base));
          const { d: fd, fmax } = centralDifference(body, base, p);
          fc.pre(Number.isFinite(fd) && fmax < 1e6);
          // Tolerance: the extrapolated difference has truncation error O(h⁴·f⁽⁵⁾) ≈ 1e-12
          // relative and rounding error ≈ ε·|f|/h ≈ 1e-16·fmax/1e-3·(a few), so 1e-6
          // relative plus 1e-9·fmax absolute leaves two to three orders of magnitude of
          // margin, while a wrong rule (a missing factor, a sign) is off by O(1).
          const err = Math.abs(ad - fd);
          const allowed = 1e-6 * Math.max(Math.abs(ad), Math.abs(fd)) + 1e-9 * Math.max(1, fmax);
          if (!(err <= allowed)) {
            throw new Error(`${tex}\n  forward mode ${ad}, central difference ${fd} (|f| ≤ ${fmax}, trial ${t})`);
          }
        }),
        { numRuns: 120, seed: 4242 },
      );
    });
  }

  it('hand-picked cases give the textbook derivatives', () => {
    const base = trial(0, 2, 1, 5);
    const mu = base.gmm.mu[0][0];
    const v = base.gmm.Sigma[0][0][0];
    const x = base.X[0][0];
    const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
    close(scalar(evaluate('\\frac{\\partial}{\\partial \\mu_1} \\left( (x_1 - \\mu_1)^2 \\right)', ctx1, base)), -2 * (x - mu));
    // ∂/∂σ² of log 𝒩(x|μ,σ²) = −1/(2σ²) + (x−μ)²/(2σ⁴): σ_1^2 under ∂ is the variance.
    close(
      scalar(evaluate('\\frac{\\partial}{\\partial \\sigma_1^2} \\log \\mathcal{N}(x_1 \\mid \\mu_1, \\sigma_1^2)', ctx1, base)),
      -1 / (2 * v) + (x - mu) ** 2 / (2 * v * v),
    );
    // ∂/∂σ of the same: −1/σ + (x−μ)²/σ³.
    const s = Math.sqrt(v);
    close(
      scalar(evaluate('\\frac{\\partial \\log \\mathcal{N}(x_1 \\mid \\mu_1, \\sigma_1^2)}{\\partial \\sigma_1}', ctx1, base)),
      -1 / s + (x - mu) ** 2 / s ** 3,
    );
  });
});

describe('matrix derivatives in D = 3', () => {
  const ctx3 = context(2, 3, 5);

  function entries(v: Value): number[] {
    assert.ok(isMatrix(v), 'expected a matrix');
    return v.data.map((e) => primal(e));
  }
  function assertClose(actual: number[], expected: number[], what: string): void {
    assert.equal(actual.length, expected.length, what);
    const scale = Math.max(...expected.map(Math.abs));
    // Forward mode is exact up to rounding: entries agree to ~1e-15 of the largest one.
    for (let i = 0; i < expected.length; i++) {
      assert.ok(Math.abs(actual[i] - expected[i]) <= 1e-10 * scale, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
    }
  }

  for (let t = 0; t < 3; t++) {
    it(`∂/∂Σ_1 log det Σ_1 = Σ_1⁻¹ entrywise (trial ${t})`, () => {
      const base = trial(t, 2, 3, 5);
      const expected = R.inverse(base.gmm.Sigma[0]).flat();
      const d1 = evaluate('\\frac{\\partial}{\\partial \\Sigma_1} \\left( \\log \\det(\\Sigma_1) \\right)', ctx3, base);
      assert.ok(isMatrix(d1) && d1.rows === 3 && d1.cols === 3);
      assertClose(entries(d1), expected, 'log det');
      const d2 = evaluate('\\frac{\\partial \\log |\\Sigma_1|}{\\partial \\Sigma_1}', ctx3, base);
      assertClose(entries(d2), expected, 'log |Σ|');
    });

    it(`∂/∂μ_1 (x_1−μ_1)ᵀ Σ_1⁻¹ (x_1−μ_1) = −2 Σ_1⁻¹ (x_1−μ_1) (trial ${t})`, () => {
      const base = trial(t, 2, 3, 5);
      const inv = R.inverse(base.gmm.Sigma[0]);
      const d = base.X[0].map((xi, i) => xi - base.gmm.mu[0][i]);
      const expected = inv.map((row) => -2 * row.reduce((s, a, j) => s + a * d[j], 0));
      const g = evaluate(
        '\\frac{\\partial}{\\partial \\mu_1} \\left( (x_1 - \\mu_1)^\\top \\Sigma_1^{-1} (x_1 - \\mu_1) \\right)', ctx3, base,
      );
      assert.ok(isMatrix(g) && g.rows === 3 && g.cols === 1, 'a 3×1 gradient');
      assertClose(entries(g), expected, 'quadratic form');
      // The right-hand side as a note would write it evaluates to the same vector.
      assertClose(entries(evaluate('-2 \\Sigma_1^{-1} (x_1 - \\mu_1)', ctx3, base)), expected, 'written gradient');
    });
  }
});
