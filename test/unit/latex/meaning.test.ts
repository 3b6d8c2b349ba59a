// What the checker makes of the constructs the parser now reads (issue 9): those with
// an obvious meaning it supports are evaluated (a logarithm with a base, the norm of a
// vector), checked against identities that hold independently of our reading; the rest
// are "unchecked" with their own reason, never a parse error.
import assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check/index';

function claims(md: string) {
  return checkNote(md).claims;
}

describe('meaning of the constructs the parser reads (issue 9)', () => {
  it('a logarithm with a base is ln x / ln b: log_2 agrees with the change of base and fails on a wrong base', () => {
    const [ok, wrong] = claims('$$\\log_2 \\pi_k = \\frac{\\ln \\pi_k}{\\ln 2}$$\n\n$$\\log_{10} \\pi_k = \\frac{\\ln \\pi_k}{\\ln 2}$$\n');
    assert.equal(ok.verdict, 'pass', ok.message);
    assert.equal(wrong.verdict, 'fail', wrong.message);
  });

  it('the norm of a vector is Euclidean: ‖x − μ‖² = (x − μ)ᵀ(x − μ), and twice it fails', () => {
    const cs = claims('$$\\|x_i - \\mu_k\\|^2 = (x_i - \\mu_k)^\\top (x_i - \\mu_k)$$\n\n$$\\left\\| x_i \\right\\|^2 = 2 x_i^\\top x_i$$\n\nwith $\\Sigma_k$.\n');
    assert.equal(cs[0].verdict, 'pass', cs[0].message);
    assert.equal(cs[1].verdict, 'fail', cs[1].message);
  });

  const unevaluated: [string, RegExp][] = [
    ['\\int_{-\\infty}^{\\infty} \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)\\,dx = 1', /integral/],
    ['\\mathbb{E}_{q}[\\log p(x_i \\mid \\theta)] = \\ell(\\theta)', /expectation/],
    // p(z_i = k | x_i, θ) has a meaning now (the responsibility); an event the reading has no rule for does not.
    ['P(X_i > 0) = \\pi_k', /event/],
    ['v_k = (\\pi_k, \\mu_k)', /tuple|list/],
    ['Q = \\underset{\\mu}{\\arg\\max}\\, \\ell', /max/],
    // (\sum_{k \ne j}, a sum that leaves one value out, is evaluated: coverage5.test.ts.)
    // (\sum_{i,k} is a double sum over the two letters: unseenNotation.test.ts.)
    ['\\sum_{x_i \\in C_k} x_i = N_k \\mu_k', /range/],
    ['L = \\begin{cases} 1, & x > 0 \\\\ 0, & x \\le 0 \\end{cases}', /cases|array/],
  ];
  for (const [tex, reason] of unevaluated) {
    it(`${tex}: unchecked with its own reason, not a parse error`, () => {
      const cs = claims(`$$${tex}$$\n`);
      assert.ok(cs.length > 0, 'no claim');
      for (const c of cs) {
        assert.notEqual(c.reason, 'parse-error', c.message);
        assert.equal(c.verdict, 'unchecked', c.message);
      }
      assert.ok(cs.some((c) => reason.test(c.message)), cs.map((c) => c.message).join(' | '));
    });
  }
});
