// The checker on small notes, one behaviour each: what a correct step gets,
// what a wrong one gets and why, and what is left unchecked. Every expected
// verdict follows from the mathematics (and DESIGN.md), not from a previous run.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNote } from '../../../src/core/check';
import type { Claim, CheckOptions } from '../../../src/core/types';

const claims = (text: string, options?: CheckOptions): Claim[] => checkNote(text, options).claims;
const verdicts = (text: string, options?: CheckOptions) => claims(text, options).map((c) => c.verdict);

describe('checker', () => {
  describe('gradients and identities (1-D)', () => {
    it('passes the mean gradient and fails it with a factor 2', () => {
      const good = '$$\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = \\sum_{i=1}^m \\gamma_{ik} \\frac{x_i - \\mu_k}{\\sigma_k^2}$$';
      assert.deepEqual(verdicts(good), ['pass']);
      const bad = claims(good.replace('\\sum', '2\\sum'));
      assert.equal(bad[0]!.verdict, 'fail');
      assert.match(bad[0]!.message, /twice the left/);
    });
    it('tells a derivative in σ from one in σ²', () => {
      const wrtVar = '$$\\frac{\\partial \\mathcal{L}}{\\partial \\sigma_k^2} = \\sum_{i=1}^m \\gamma_{ik} \\left( \\frac{(x_i-\\mu_k)^2}{2\\sigma_k^4} - \\frac{1}{2\\sigma_k^2} \\right)$$';
      assert.deepEqual(verdicts(wrtVar), ['pass']);
      const wrtStd = '$$\\frac{\\partial \\mathcal{L}}{\\partial \\sigma_k} = \\sum_{i=1}^m \\gamma_{ik} \\left( \\frac{(x_i-\\mu_k)^2}{\\sigma_k^3} - \\frac{1}{\\sigma_k} \\right)$$';
      assert.deepEqual(verdicts(wrtStd), ['pass']);
      assert.deepEqual(verdicts(wrtStd.replace('\\partial \\sigma_k}', '\\partial \\sigma_k^2}')), ['fail']);
    });
    it('checks every value of a free index (responsibilities sum to one over k, not over i)', () => {
      assert.deepEqual(verdicts('$$\\sum_{k=1}^2 \\gamma_{ik} = 1$$'), ['pass']);
      assert.deepEqual(verdicts('$$\\sum_{i=1}^m \\gamma_{ik} = 1$$'), ['fail']);
    });
    it('leaves an index outside its range unchecked, naming the mix-up (a misreading is never a ✗)', () => {
      const c = claims('$$\\sum_{t=1}^m \\gamma_{jt} = N_j$$ $$\\mu_j = \\mu_j$$');
      assert.equal(c[0]!.verdict, 'unchecked');
      assert.match(c[0]!.message, /component index \d+ is outside 1\.\.\d+\): an index runs over the data points where a component is meant/);
    });
  });

  describe('chains', () => {
    it('blames the expression that breaks a chain', () => {
      const text = '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i|\\mu_k,\\sigma_k^2)}{\\sum_{j=1}^2 \\pi_j \\mathcal{N}(x_i|\\mu_j,\\sigma_j^2)} = \\frac{2 \\pi_k \\mathcal{N}(x_i|\\mu_k,\\sigma_k^2)}{\\sum_{j=1}^2 \\pi_j \\mathcal{N}(x_i|\\mu_j,\\sigma_j^2)} = \\frac{\\pi_k \\mathcal{N}(x_i|\\mu_k,\\sigma_k^2)}{\\sum_{j=1}^2 \\pi_j \\mathcal{N}(x_i|\\mu_j,\\sigma_j^2)}$$';
      const c = claims(text);
      assert.deepEqual(c.map((x) => x.verdict), ['pass', 'fail', 'fail']);
      const middle = text.indexOf('\\frac{2');
      assert.ok(c[1]!.culprit.start === middle && c[2]!.culprit.start === middle, 'both failing links point at the middle expression');
    });
  });

  describe('the note\'s own names', () => {
    it('uses definitions from where they are written, with their index', () => {
      const text = '$$S_i = \\sum_{j=1}^2 \\pi_j \\mathcal{N}(x_i|\\mu_j,\\sigma_j^2)$$\n\n$$\\mathcal{L} = \\sum_{n=1}^m \\log S_n$$';
      assert.deepEqual(verdicts(text), ['pass', 'pass']);
      assert.equal(claims(text)[0]!.kind, 'definition');
    });
    it('reads aliases from the options (w_j^{(i)} for responsibilities, \\phi_j for weights)', () => {
      // φ_j is read as the weights from the mixture sum itself, and w_j^{(i)} as the responsibility from the ratio
      // (the point's index in the bracketed superscript, CS229's notation); aliases say the same.
      const text = '$$w_j^{(i)} = \\frac{\\phi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}{\\sum_{l=1}^2 \\phi_l \\mathcal{N}(x_i \\mid \\mu_l, \\sigma_l^2)}$$';
      assert.equal(claims(text)[0]!.kind, 'identity');
      // A name the note gives the same ratio without saying where the point stands is its own definition.
      assert.equal(claims(text.replace('w_j^{(i)}', 'w_j'))[0]!.kind, 'definition');
      assert.equal(claims(text, { aliases: { w: 'resp' } })[0]!.kind, 'identity');
      assert.deepEqual(verdicts(text, { aliases: { w: 'resp' } }), ['pass']);
      assert.deepEqual(verdicts(text, { aliases: { w: 'resp', '\\phi': 'weight' } }), ['pass']);
    });
  });

  describe('updates, conditions and examples', () => {
    it('compares an M-step update with the reference (new mean in the covariance update)', () => {
      assert.deepEqual(verdicts('$$\\mu_k^{new} = \\frac{\\sum_{i=1}^m \\gamma_{ik} x_i}{\\sum_{i=1}^m \\gamma_{ik}}$$'), ['pass']);
      assert.deepEqual(verdicts('$$\\pi_k = \\frac{N_k}{N}$$'), ['pass']);
      assert.deepEqual(verdicts('$$\\sigma_k^2 = \\frac{1}{N_k}\\sum_{i=1}^m \\gamma_{ik}(x_i-\\mu_k)^2$$'), ['pass']);
      assert.deepEqual(verdicts('$$\\pi_k = \\frac{N_k}{N+1}$$'), ['fail']);
    });
    it('leaves a stationarity condition unchecked, and fails one that is false even at a stationary point', () => {
      const cond = claims('$$\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = 0$$');
      assert.deepEqual([cond[0]!.verdict, cond[0]!.reason], ['unchecked', 'condition']);
      assert.deepEqual(verdicts('$$\\sum_{i=1}^m \\gamma_{ik} (x_i - \\mu_k) = 1$$'), ['fail']);
    });
    it('reads a stationarity condition written as a sum over the points as holding at the stationary points, though its terms cancel there', () => {
      // At EM's stationary points the sum is about 1e-12 with terms of about 1: within the stationary
      // floor, as the same condition written with ∂𝓛 is, not "values that lost their digits".
      for (const text of [
        '$$\\sum_{i=1}^N \\frac{\\partial \\log p(x_i | \\theta)}{\\partial \\mu_k} = 0$$',
        '$$0 = \\sum_{n=1}^N \\gamma_{nk} (x_n - \\mu_k)$$',
        '$$0 = \\sum_{n=1}^{N} \\gamma(z_{nk}) \\left[\\Sigma_k - (x_n - \\mu_k)(x_n - \\mu_k)^T \\right]$$',
      ]) {
        const c = claims(text);
        assert.deepEqual([c.length, c[0]!.verdict, c[0]!.reason], [1, 'unchecked', 'condition'], text);
        assert.match(c[0]!.message, /^holds where the derivatives of the likelihood vanish \(checked at 3 stationary points/, text);
      }
      // A wrong condition is still a ✗ there.
      assert.deepEqual(verdicts('$$0 = \\sum_{n=1}^N \\gamma_{nk} (x_n - 2 \\mu_k)$$'), ['fail']);
    });
    it('does not fail an M-step condition whose values at the stationary points are zero to the last digits', () => {
      // ∂/∂μ_k Σ_n γ_nk log 𝒩(x_n | μ_k, σ_k²) = Σ_n γ_nk (x_n − μ_k)/σ_k² with the responsibilities
      // held fixed (the M-step's reading): 0 at EM's fixed points, where its digits cancel. It was a
      // ✗ while those points were dropped for their lost digits (6aac1e6).
      const c = claims('$$0 = \\sum_{n=1}^N \\frac{\\partial}{\\partial \\mu_k} \\left[ \\gamma_{nk} \\log \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2) \\right]$$');
      assert.deepEqual(c.map((x) => [x.verdict, x.reason]), [['unchecked', 'condition']], c[0]?.message);
      // The same with a wrong factor is still a ✗.
      assert.deepEqual(verdicts('$$0 = \\sum_{n=1}^N \\frac{\\partial}{\\partial \\mu_k} \\left[ \\gamma_{nk} \\log \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2) \\right] + 1$$'), ['fail']);
    });
    it('does not check worked-example numbers, inequalities or abstract functions', () => {
      const c = claims('$\\pi_1 = 1/3$ $\\pi_k \\leq 1$ $$\\frac{d}{dx} f(x)^2 = 2 f(x) f\'(x)$$');
      assert.deepEqual(c.map((x) => [x.verdict, x.reason]), [['unchecked', 'unsupported'], ['unchecked', 'condition'], ['unchecked', 'abstract-function']]);
    });
  });

  describe('a textbook derivation (Bishop §9.2, test/fixtures/bishop-em.md)', () => {
    it('has no ✗ and checks the responsibilities, counts and all three M-step updates', () => {
      const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'bishop-em.md'), 'utf8');
      const c = claims(text);
      assert.deepEqual(c.filter((x) => x.verdict === 'fail').map((x) => `${x.line}: ${x.message}`), []);
      assert.ok(c.filter((x) => x.kind === 'update' && x.verdict === 'pass').length >= 3);
      assert.ok(c.filter((x) => x.verdict === 'pass').length >= 7);
    });
  });

  describe('full covariance (D = 3)', () => {
    it('passes the textbook covariance gradient and fails a missing transpose-free factor', () => {
      const good = '$$\\frac{\\partial \\mathcal{L}}{\\partial \\Sigma_k} = \\frac{1}{2} \\sum_{i=1}^N \\gamma_{ik} \\left( \\Sigma_k^{-1} (\\mathbf{x}_i - \\boldsymbol{\\mu}_k)(\\mathbf{x}_i - \\boldsymbol{\\mu}_k)^\\top \\Sigma_k^{-1} - \\Sigma_k^{-1} \\right)$$';
      const r = checkNote(good);
      assert.equal(r.model.D, 3);
      assert.deepEqual(r.claims.map((c) => c.verdict), ['pass']);
      assert.deepEqual(verdicts(good.replace('\\frac{1}{2} ', '')), ['fail']);
    });
  });
});
