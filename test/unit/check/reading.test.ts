// The note's reading (src/core/check/reading.ts): roles learned from the note
// itself, shown to the user, corrected by a comment, and never a guess. Every
// expected verdict follows from the mathematics of the small note it checks.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import type { CheckOptions } from '../../../src/core/types';

const verdicts = (text: string, options?: CheckOptions) => checkNote(text, options).claims.map((c) => c.verdict);

const mixtureY = '$$p(y_j) = \\sum_{k=1}^K \\alpha_k \\mathcal{N}(y_j \\mid \\mu_k, \\sigma_k^2)$$\n\n';

describe('the note\'s reading', () => {
  it('reads weights, data and the responsibility\'s index order from a mixture and a ratio', () => {
    const note = `${mixtureY}$$\\gamma_{kj} = \\frac{\\alpha_k \\mathcal{N}(y_j \\mid \\mu_k, \\sigma_k^2)}{\\sum_{l=1}^K \\alpha_l \\mathcal{N}(y_j \\mid \\mu_l, \\sigma_l^2)}$$\n\n`
      + '$$\\sum_{k=1}^K \\gamma_{kj} = 1$$\n\n$$\\mu_k = \\frac{\\sum_{j=1}^{m} \\gamma_{kj} y_j}{\\sum_{j=1}^{m} \\gamma_{kj}}$$\n';
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass', 'pass', 'pass']);
    const roles = Object.fromEntries(r.reading.symbols.map((s) => [s.symbol, s.role]));
    assert.equal(roles['\\alpha'], 'weight');
    assert.equal(roles.y, 'data');
    assert.equal(r.reading.symbols.find((s) => s.symbol === '\\gamma')?.indexOrder, 'component-first');
    assert.deepEqual(r.reading.pointIndices, ['j']);
    assert.ok(r.reading.componentIndices.includes('k'));
    assert.match(r.reading.description, /weights \\alpha/);
  });

  it('still fails a wrong step under the note\'s reading (sum over points instead of components)', () => {
    const note = `${mixtureY}$$\\gamma_{kj} = \\frac{\\alpha_k \\mathcal{N}(y_j \\mid \\mu_k, \\sigma_k^2)}{\\sum_{l=1}^K \\alpha_l \\mathcal{N}(y_j \\mid \\mu_l, \\sigma_l^2)}$$\n\n`
      + '$$\\sum_{j=1}^{m} \\gamma_{kj} = 1$$\n';
    assert.deepEqual(verdicts(note), ['pass', 'pass', 'fail']);
  });

  it('reads L written as a product over points as the likelihood, and ℓ as a sum of logs as its log', () => {
    const note = '$$L(\\theta) = \\prod_{i=1}^N \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$\n\n'
      + '$$\\ell(\\theta) = \\sum_{i=1}^N \\ln \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$\n\n$$\\ell(\\theta) = \\ln L(\\theta)$$\n';
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass', 'pass']);
    assert.equal(r.reading.symbols.find((s) => s.symbol === 'L')?.role, 'likelihood');
  });

  it('leaves a symbol used in two roles unchecked, with the reason, instead of guessing', () => {
    const note = '$$p(x_i) = \\sum_{k=1}^K \\beta_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$\n\n'
      + '$$q(x_i) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\beta_k, \\sigma_k^2)$$\n\n$$\\sum_{k=1}^K \\beta_k = 1$$\n';
    const r = checkNote(note);
    assert.equal(r.claims.at(-1)!.verdict, 'unchecked');
    assert.match(r.claims.at(-1)!.message, /(?:\\beta|β) reads as weights \(line 1\) and as means \(line 3\)/);
    assert.equal(r.reading.ambiguous.length, 1);
  });

  it('takes the user\'s correction from a gmm comment in the note', () => {
    // (Written N_j = Σ_t γ_{jt}, the count says which index is the point's: read without the comment.)
    const note = '$$\\sum_{t=1}^m \\gamma_{jt} = N_j$$\n';
    assert.deepEqual(verdicts(note), ['unchecked']); // the usual order γ_{ik} makes this an index mix-up
    const corrected = `<!-- gmm: resp=\\gamma_{jt} points=t -->\n\n${note}`;
    const r = checkNote(corrected);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass']);
    assert.equal(r.reading.symbols[0]?.source, 'comment');
  });

  it('says so when a gmm comment names a role it does not know', () => {
    const r = checkNote('<!-- gmm: wieghts=\\alpha -->\n\n$$x = x$$\n');
    assert.equal(r.issues.length, 1);
    assert.match(r.issues[0]!.message, /unknown role “wieghts”; use one of .*weights/);
    assert.equal(r.issues[0]!.line, 1);
  });

  it('does not read an unindexed data letter as one point when the note also indexes it (p(W) = ∏ p(W_i))', () => {
    const note = '$$p(W_i) = \\sum_{j=1}^{M} \\pi_j N(W_i|\\mu_j,\\sigma_j^2)$$\n\n$$p(W) = \\prod_{i} p(W_i)$$\n';
    const r = checkNote(note);
    assert.equal(r.claims[0]!.verdict, 'pass');
    assert.notEqual(r.claims[1]!.verdict, 'fail');
  });
});

describe('iterations, Lagrangians and bare environments', () => {
  it('reads ^{(t)} as the current iteration and ^{(t+1)} as the update', () => {
    const note = '$$\\gamma_{ij}^{(t)} = \\frac{\\pi_j^{(t)} \\mathcal{N}(x_i | \\mu_j^{(t)}, \\sigma_j^{2})}{\\sum_{l=1}^{K} \\pi_l^{(t)} \\mathcal{N}(x_i | \\mu_l^{(t)}, \\sigma_l^2)}$$\n\n'
      + '$$\\mu_j^{(t+1)} = \\frac{\\sum_{i=1}^N \\gamma_{ij}^{(t)} x_i}{\\sum_{i=1}^N \\gamma_{ij}^{(t)}}$$\n';
    assert.deepEqual(verdicts(note), ['pass', 'pass']);
    assert.deepEqual(verdicts(note.replace('\\gamma_{ij}^{(t)} x_i}', '\\gamma_{ij}^{(t)} x_i^2}')), ['pass', 'fail']);
  });

  it('reads a symbol defined with a multiplier term as the note\'s Lagrangian, and its conditions under either sign of λ', () => {
    const note = '$$\\mathcal{L} = \\sum_{i=1}^{N} \\sum_{j=1}^{K} \\gamma_{ij} \\ln \\pi_j + \\lambda \\left( 1 - \\sum_{j=1}^{K} \\pi_j \\right)$$\n\n'
      + '$$\\frac{\\partial \\mathcal{L}}{\\partial \\pi_j} = \\sum_{i=1}^{N} \\gamma_{ij} \\frac{1}{\\pi_j} - \\lambda$$\n\n$$\\sum_{i=1}^{N} \\gamma_{ij} \\frac{1}{\\pi_j} - \\lambda = 0$$\n';
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass', 'unchecked']);
    assert.equal(r.claims[2]!.reason, 'condition');
    assert.equal(r.reading.symbols.find((s) => s.symbol === '\\mathcal{L}')?.role, 'lagrangian');
  });

  it('checks a \\begin{equation*} written without $$ (as notebooks do)', () => {
    const note = 'Text.\n\n\\begin{equation*}\n\\sum_{k=1}^K \\gamma_{ik} = 1\n\\end{equation*}\n\n\\begin{equation*}\n\\sum_{i=1}^N \\gamma_{ik} = 1\n\\end{equation*}\n';
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'fail']);
    assert.equal(r.claims[1]!.line, 8);
  });

  it('leaves shapes that do not fit unchecked when the step is not written in matrix notation', () => {
    const note = '$$\\Sigma_k = \\Sigma_k$$\n\n$$\\mu_k^2 = \\mu_k \\mu_k$$\n';
    const r = checkNote(note);
    assert.notEqual(r.claims[1]!.verdict, 'fail');
  });
});

describe('iterations as bare superscripts, Σ as a sum sign, one-dimensional steps', () => {
  // EM for a GMM (Bishop, PRML §9.2.2, eqs. 9.23–9.25): the covariance update uses the NEW mean.
  const resp = '$$w_{i,k}^j = \\frac{\\alpha_k^j \\mathcal{N}(x_i \\mid u_k^j, \\Sigma_k^j)}{\\sum_{l=1}^K \\alpha_l^j \\mathcal{N}(x_i \\mid u_l^j, \\Sigma_l^j)}$$\n\n'
    + '$$Q(\\theta, \\theta^j) = \\sum_{i=1}^M \\sum_{k=1}^K w_{i,k}^j \\log \\alpha_k$$\n\n';
  it('reads θ^j, α_k^j as iteration j and u_k^{j+1} as the update when θ carries the letter', () => {
    const note = `${resp}$$u_k^{j+1} = \\frac{\\sum_{i=1}^M w_{i,k}^j x_i}{\\sum_{i=1}^M w_{i,k}^j}$$\n\n`
      + '$$\\Sigma_k^{j+1} = \\frac{\\sum_{i=1}^M w_{i,k}^j (x_i - u_k^{j+1})(x_i - u_k^{j+1})^T}{\\sum_{i=1}^M w_{i,k}^j}$$\n';
    const r = checkNote(note);
    const byLine = (l: number) => r.claims.find((c) => c.line === l)!;
    assert.equal(byLine(1).verdict, 'pass');
    assert.equal(byLine(5).verdict, 'pass');
    assert.equal(byLine(7).verdict, 'pass');
    assert.deepEqual(r.reading.iterationIndices, ['j']);
    // The old mean u_k^j in the covariance update is not EM's update.
    const old = checkNote(note.replace(/u_k\^\{j\+1\}\)/g, 'u_k^j)'));
    assert.equal(old.claims.find((c) => c.line === 7)!.verdict, 'fail');
  });

  it('keeps ^j a power when nothing in the note says j counts iterations', () => {
    const r = checkNote('$$\\sum_{j=0}^{2} x^j = 1 + x + x^2$$\n');
    assert.deepEqual(r.reading.iterationIndices, []);
    assert.equal(r.claims[0]!.verdict, 'pass');
  });

  it('reads \\Sigma_{i=1}^n as a sum sign and {\\sigma^2}_k as σ_k²', () => {
    const note = '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{l=1}^K \\pi_l \\mathcal{N}(x_i \\mid \\mu_l, \\sigma_l^2)}$$\n\n'
      + '$$\\mu_k^{(t+1)} = \\frac{\\Sigma_{i=1}^n \\gamma_{ik} x_i}{\\Sigma_{i=1}^n \\gamma_{ik}}$$\n\n'
      + '$${\\sigma^2}_k^{(t+1)} = \\frac{\\Sigma_{i=1}^n \\gamma_{ik} (x_i-\\mu_k^{(t+1)})^2}{\\Sigma_{i=1}^n \\gamma_{ik}}$$\n';
    assert.deepEqual(verdicts(note), ['pass', 'pass', 'pass']);
    assert.deepEqual(verdicts(note.replace('\\gamma_{ik} x_i}', '\\gamma_{ik} x_i^2}')), ['pass', 'fail', 'pass']);
  });

  it('judges a step written for scalars in one dimension when the note is multivariate elsewhere', () => {
    const multi = '$$\\ln p(X) = \\sum_{n=1}^N \\ln \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\Sigma_k)$$\n\n';
    // The univariate normal density: (2πσ²)^{-1/2} exp(−(x−μ)²/(2σ²)).
    const note = `${multi}$$\\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2) = \\frac{1}{(2\\pi\\sigma_k^2)^{1/2}} \\exp\\left(-\\frac{(x-\\mu_k)^2}{2\\sigma_k^2}\\right)$$\n`;
    const r = checkNote(note);
    assert.equal(r.claims[1]!.verdict, 'pass');
    assert.match(r.claims[1]!.message, /one dimension/);
    assert.equal(checkNote(note.replace('{2\\sigma_k^2}', '{\\sigma_k^2}')).claims[1]!.verdict, 'fail');
  });
});

describe('probabilities of latent assignments', () => {
  const mixture = '$$p(x_i) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$\n\n';
  it('reads p(z_i = k), p(x_i | z_i = k), p(x_i, z_i = k) and p(z_i = k | x_i) (Bayes\' rule checks)', () => {
    const note = `${mixture}$$p(z_i = k \\mid x_i, \\theta) = \\frac{p(z_i = k) \\, p(x_i \\mid z_i = k)}{\\sum_{j=1}^K p(z_i = j) \\, p(x_i \\mid z_i = j)} = \\frac{p(x_i, z_i = k)}{p(x_i)} = \\gamma_{ik}$$\n`;
    assert.deepEqual(verdicts(note), ['pass', 'pass', 'pass', 'pass']);
  });
  it('fails Bayes\' rule with prior and evidence swapped', () => {
    const note = `${mixture}$$P(Z_i = k \\mid X_i) = \\frac{p(x_i \\mid z_i = k)\\, p(x_i)}{p(z_i = k)}$$\n`;
    assert.deepEqual(verdicts(note), ['pass', 'fail']);
  });
  it('reads p(z_{nk} = 1 | x_n) as the responsibility', () => {
    assert.deepEqual(verdicts(`${mixture}$$p(z_{ik} = 1 \\mid x_i) = \\gamma_{ik}$$\n`), ['pass', 'pass']);
  });
});

describe('probabilities of one point, in any arrangement', () => {
  // p(x, z=k) = π_k 𝒩_k(x), p(x) = Σ_k p(x, z=k), p(z=k | x) = p(x, z=k) / p(x) (Bishop, PRML §9.2).
  const mix = '$$p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x; \\mu_k, \\sigma_k^2)$$\n\n';
  it('reads joints written with several arguments, braced relations and parameters after a semicolon', () => {
    const note = `${mix}$$p(x,z{=}k) = p(z{=}k) p(x \\vert z{=}k) = \\pi_k \\mathcal{N}(x; \\mu_k, \\sigma^2_k)$$\n\n`
      + '$$p(z_i{=}k \\vert x_i;\\theta) = \\frac{p(x_i,z_i{=}k;\\theta)}{\\sum_l p(x_i,z_i{=}l;\\theta)}$$\n';
    assert.deepEqual(verdicts(note), ['pass', 'pass', 'pass', 'pass']);
    // Bayes' rule with the evidence left out of the denominator's sum is wrong.
    assert.equal(verdicts(note.replace('\\sum_l p(x_i,z_i{=}l;\\theta)', 'p(z_i{=}k;\\theta)')).at(-1), 'fail');
  });

  it('reads ℙ(Y_i ; θ) for the random variable of y_i, class membership z_j ∈ C_k and the indicator γ_{jk} = 1', () => {
    const note = '$$p(y_j) = \\sum_{k=1}^K \\alpha_k \\mathcal{N}(y_j \\mid \\mu_k, \\sigma_k^2)$$\n\n'
      + '$$\\mathbb{P}(Z_j=k \\mid Y_j ; \\theta) = \\frac{\\mathbb{P}(Z_j=k ; \\theta)\\, \\mathbb{P}(Y_j \\mid Z_j=k ; \\theta)}{\\mathbb{P}(Y_j ; \\theta)}$$\n\n'
      + '$$P(z_j \\in C_k \\mid y_j, \\theta) = \\frac{\\alpha_k \\mathcal{N}(y_j \\mid \\mu_k, \\sigma_k^2)}{\\sum_{l=1}^K \\alpha_l \\mathcal{N}(y_j \\mid \\mu_l, \\sigma_l^2)}$$\n\n'
      + '$$P(\\gamma_{jk}=1 \\mid y, \\theta) = \\frac{P(y_j \\mid \\gamma_{jk}=1, \\theta) P(\\gamma_{jk}=1 \\mid \\theta)}{\\sum_{l=1}^K \\alpha_l \\mathcal{N}(y_j \\mid \\mu_l, \\sigma_l^2)}$$\n';
    assert.deepEqual(verdicts(note), ['pass', 'pass', 'pass', 'pass']);
    assert.equal(verdicts(note.replace('P(\\gamma_{jk}=1 \\mid \\theta)}', '}')).at(-1), 'fail');
  });

  it('reads p(X | μ, Σ) with no weights as one Gaussian\'s likelihood', () => {
    // ln ∏_n 𝒩(x_n | μ, σ²) = −N/2 ln(2πσ²) − Σ_n (x_n − μ)²/(2σ²).
    const note = '$$\\ln p(X \\mid \\mu, \\sigma^2) = -\\frac{N}{2}\\ln(2\\pi\\sigma^2) - \\frac{1}{2\\sigma^2}\\sum_{n=1}^N (x_n - \\mu)^2$$\n';
    assert.deepEqual(verdicts(note), ['pass']);
    assert.deepEqual(verdicts(note.replace('{2\\sigma^2}', '{\\sigma^2}')), ['fail']);
  });
});

describe('latent assignments: indicators, the complete-data likelihood and the Q-function', () => {
  // Bishop PRML eqs. 9.35–9.40: ln p(X, Z | θ) = Σ_n Σ_k z_nk {ln π_k + ln 𝒩(x_n | μ_k, Σ_k)},
  // E_Z[ln p(X, Z | θ)] = Σ_n Σ_k γ(z_nk) {…}, and ∂/∂μ_k of it = Σ_n γ(z_nk) Σ_k^{-1}(x_n − μ_k).
  const mix = '$$p(x_i) = \\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i | \\mu_j, \\Sigma_j)$$\n\n';
  it('checks the complete-data likelihood at an assignment, and Q as its posterior expectation', () => {
    const note = `${mix}$$p(X, Z | \\theta) = \\prod_{i=1}^{N} \\prod_{j=1}^{K} \\left[ \\pi_j \\mathcal{N}(x_i | \\mu_j, \\Sigma_j) \\right]^{z_{ij}}$$\n\n`
      + '$$Q(\\theta, \\theta^{(t)}) = \\mathbb{E}_{Z | X, \\theta^{(t)}} \\left[ \\ln p(X, Z | \\theta) \\right]$$\n\n'
      + '$$Q(\\theta, \\theta^{(t)}) = \\sum_{i=1}^{N} \\sum_{j=1}^{K} \\gamma_{ij}^{(t)} \\left[ \\ln \\pi_j + \\ln \\mathcal{N}(x_i | \\mu_j, \\Sigma_j) \\right]$$\n\n'
      + '$$\\frac{\\partial Q(\\theta, \\theta^{(t)})}{\\partial \\mu_j} = \\sum_{i=1}^{N} \\gamma_{ij}^{(t)} \\Sigma_j^{-1} (x_i - \\mu_j)$$\n';
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass', 'pass', 'pass', 'pass']);
    // A power z_ij missing from one factor, and ∂Q/∂μ_j without Σ_j^{-1}, are wrong.
    assert.equal(verdicts(note.replace('\\right]^{z_{ij}}', '\\right]')).at(1), 'fail');
    assert.equal(verdicts(note.replace('\\Sigma_j^{-1} (x_i', '(x_i')).at(-1), 'fail');
  });

  it('reads E(𝟏{Z_i=k} | Y_i; θ) as the responsibility and complete-data estimates against the assignment', () => {
    const note = '$$p(y_i) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(y_i \\mid \\mu_k, \\sigma_k^2)$$\n\n'
      + '$$\\mathbb{E}\\left(\\mathbf{1}_{\\{Z_i=k\\}} \\mid Y_i ; \\theta\\right) = \\frac{\\pi_k \\mathcal{N}(y_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{l=1}^K \\pi_l \\mathcal{N}(y_i \\mid \\mu_l, \\sigma_l^2)}$$\n\n'
      + '$$\\hat{\\mu}_k = \\frac{\\sum_{i=1}^n y_i\\mathbf{1}_{Z_i=k}}{\\sum_{i=1}^n \\mathbf{1}_{Z_i=k}}$$\n';
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass', 'pass']);
    assert.match(r.claims[2]!.message, /complete-data estimate/);
    assert.deepEqual(verdicts(note.replace('{\\sum_{i=1}^n \\mathbf{1}_{Z_i=k}}', '{n}')), ['pass', 'pass', 'fail']);
  });

  it('reads a sum over all assignments weighted by their posterior as the posterior expectation', () => {
    // Σ_Z ln p(X, Z | θ) p(Z | X, θ^{(t)}) = E_{Z|X,θ^{(t)}}[ln p(X, Z | θ)] = Σ_i Σ_j γ_ij [ln π_j + ln 𝒩_j]
    // (Li Hang 9.3.2); with Σ_j γ_ij = 1 the constant −(N·D/2) ln 2π of the N log-densities
    // comes out of the sums, while −(D/2) ln 2π alone misses N − 1 of them.
    const note = `${mix}$$Q(\\theta, \\theta^{(t)}) = \\sum_{Z} \\log p(X, Z | \\theta) \\, p(Z | X, \\theta^{(t)})$$\n\n`
      + '$$Q(\\theta, \\theta^{(t)}) = \\sum_{i=1}^{N} \\sum_{j=1}^{K} \\gamma_{ij}^{(t)} \\left[ \\ln \\pi_j + \\ln \\mathcal{N}(x_i | \\mu_j, \\Sigma_j) \\right]$$\n\n'
      + '$$Q(\\theta, \\theta^{(t)}) = -\\frac{ND}{2}\\ln 2\\pi + \\sum_{i=1}^{N} \\sum_{j=1}^{K} \\gamma_{ij}^{(t)} \\left[ \\ln \\pi_j - \\frac{1}{2}\\ln|\\Sigma_j| - \\frac{1}{2}(x_i - \\mu_j)^T \\Sigma_j^{-1} (x_i - \\mu_j) \\right]$$\n';
    const r = checkNote(note, { D: 3 });
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass', 'pass', 'pass']);
    assert.equal(verdicts(note.replace('-\\frac{ND}{2}', '-\\frac{D}{2}'), { D: 3 }).at(-1), 'fail');
    // Spelled without a backslash (log drawn as letters) it is the same sum.
    assert.deepEqual(verdicts(note.replace('\\log p(X, Z', 'log p(X, Z'), { D: 3 }), ['pass', 'pass', 'pass', 'pass']);
    // With the posterior written after \\log (which would take the whole run of factors), it is still the weight.
    const after = note.replace('\\log p(X, Z | \\theta) \\, p(Z | X, \\theta^{(t)})', 'p(Z | X, \\theta^{(t)}) \\log p(X, Z | \\theta)');
    assert.deepEqual(verdicts(after, { D: 3 }), ['pass', 'pass', 'pass', 'pass']);
    assert.deepEqual(verdicts(note.replace('\\log p(X, Z | \\theta) \\, p(Z', '\\log p(X, Z | \\theta) p(Z'), { D: 3 }), ['pass', 'pass', 'pass', 'pass']);
    // Weighted by the prior of Z instead of its posterior given the data: not the Q-function, not read.
    assert.equal(verdicts(note.replace('p(Z | X, \\theta^{(t)})', 'p(Z | \\theta^{(t)})'), { D: 3 }).at(2), 'unchecked');
  });

  it('leaves an expectation that is not affine in the indicators, or not under the posterior, unchecked', () => {
    const note = '$$p(x_i) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$\n\n'
      + '$$\\mathbb{E}_{Z|X}[\\mathbf{1}_{Z_i=k}\\mathbf{1}_{Z_i=k}] = \\gamma_{ik}$$\n\n$$\\mathbb{E}[\\mathbf{1}_{Z_i=k}] = \\pi_k$$\n';
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'unchecked', 'unchecked']);
  });
});

describe('functions the note defines, applied to other arguments', () => {
  it('binds a defined function\'s argument to the value it is applied to (f(x) used as f(x_i))', () => {
    // f(x) = Σ_k π_k 𝒩(x | μ_k, σ_k²) is the mixture density, so Σ_i ln f(x_i) is the log-likelihood.
    const note = '$$f(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$$\n\n'
      + '$$\\ell = \\sum_{i=1}^N \\ln f(x_i)$$\n\n$$\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_{i=1}^N \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{f(x_i)} \\frac{x_i - \\mu_k}{\\sigma_k^2}$$\n';
    assert.deepEqual(verdicts(note).slice(-1), ['pass']);
    assert.deepEqual(verdicts(note.replace('{f(x_i)} \\frac{x_i - \\mu_k}{\\sigma_k^2}', '{f(x_i)} (x_i - \\mu_k)')).slice(-1), ['fail']);
  });

  it('reads γ_j(x_i) as the responsibility of component j for the point', () => {
    const note = '$$p(x_i) = \\sum_{j=1}^M \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)$$\n\n'
      + '$$\\gamma_j(x_i) = \\frac{\\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}{\\sum_{k=1}^M \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}$$\n';
    assert.deepEqual(verdicts(note), ['pass', 'pass']);
    assert.deepEqual(verdicts(note.replace('{\\sum_{k=1}^M \\pi_k', '{\\sum_{k=1}^M')), ['pass', 'fail']);
  });

  it('reads γ_j(W) pointwise where W is the whole data set elsewhere (PRML 5.5.7)', () => {
    // p(W) = Π_i p(W_i) makes W the data set; γ_j(W) = π_j 𝒩(W | μ_j, σ_j²) / Σ_k π_k 𝒩(W | μ_k, σ_k²) is
    // Bayes' rule at one weight W, and without π_k below it no longer sums to one over j.
    const note = '$$p(W) = \\prod_{i} p(W_i)$$\n\n$$p(W_i) = \\sum_{j=1}^{M} \\pi_j N(W_i|\\mu_j,\\sigma_j^2)$$\n\n'
      + '$$\\gamma_j(W) = \\frac{\\pi_j N(W|\\mu_j,\\sigma_j^2)}{\\sum_k \\pi_k N(W|\\mu_k,\\sigma_k^2)}$$\n';
    const r = checkNote(note);
    assert.equal(r.reading.symbols.find((s) => s.symbol === 'W' && s.role === 'dataset')?.role, 'dataset');
    assert.equal(r.claims.at(-1)?.verdict, 'pass');
    assert.equal(verdicts(note.replace('{\\sum_k \\pi_k', '{\\sum_k')).at(-1), 'fail');
  });
});

describe('proportional steps', () => {
  it('checks γ_nk ∝ π_k 𝒩(x_n | μ_k, Σ_k) over the component index, and leaves ∝ without one unchecked', () => {
    const note = '$$\\gamma_{nk} \\propto \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)$$\n\n$$p(x) \\propto \\exp(-x^2)$$\n';
    assert.deepEqual(verdicts(note), ['pass', 'unchecked']);
    // Without the weight the proportion over k is wrong (PRML eq. 9.23 has π_k).
    assert.deepEqual(verdicts(note.replace('\\pi_k \\mathcal', '\\mathcal')), ['fail', 'unchecked']);
  });
});

describe('names defined after their use', () => {
  it('reads n_k in ∏_k α_k^{n_k} from the "where n_k = Σ_j γ_jk" that follows', () => {
    // ∏_k ∏_j α_k^{γ_jk} = ∏_k α_k^{Σ_j γ_jk} = ∏_k α_k^{n_k}.
    const note = '$$\\gamma_{jk} = \\frac{\\alpha_k \\mathcal{N}(y_j \\mid \\mu_k, \\sigma_k^2)}{\\sum_{l=1}^K \\alpha_l \\mathcal{N}(y_j \\mid \\mu_l, \\sigma_l^2)}$$\n\n'
      + '$$\\prod_{k=1}^K \\prod_{j=1}^N \\alpha_k^{\\gamma_{jk}} = \\prod_{k=1}^K \\alpha_k^{n_k}$$\n\nwhere $n_k = \\sum_{j=1}^N \\gamma_{jk}$.\n';
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass', 'pass']);
    assert.match(r.claims[2]!.message, /defines/);
    assert.deepEqual(verdicts(note.replace('\\alpha_k^{n_k}', () => '\\alpha_k^{n_k + 1}')), ['pass', 'fail', 'pass']);
  });
});

describe('CS229 notation (point index as a superscript)', () => {
  it('reads x^{(i)} as a point, w_j^{(i)} := p(z^{(i)} = j | x^{(i)}; φ, μ, Σ) as the responsibility, and checks the M step with it', () => {
    const note = '$$w_j^{(i)} := p(z^{(i)} = j \\mid x^{(i)}; \\phi, \\mu, \\Sigma)$$\n\n'
      + '$$\\mu_j := \\frac{\\sum_{i=1}^m w_j^{(i)} x^{(i)}}{\\sum_{i=1}^m w_j^{(i)}}$$\n';
    const r = checkNote(note);
    assert.equal(r.claims.at(-1)!.verdict, 'pass');
    assert.ok(r.reading.pointIndices.includes('i'));
    const wrong = checkNote(note.replace('w_j^{(i)} x^{(i)}}', 'w_j^{(i)} (x^{(i)})^2}'));
    assert.notEqual(wrong.claims.at(-1)!.verdict, 'pass');
  });
});

describe('function names typed as letters', () => {
  it('reads ln, log and exp written without a backslash as the functions when the letters mean nothing else', () => {
    assert.deepEqual(verdicts('$$ln\\ \\pi_k = \\ln \\pi_k$$\n\n$$exp\\{x_i\\} = e^{x_i}$$\n\n$$2 ln(\\pi_k) = \\ln \\pi_k^2$$\n'), ['pass', 'pass', 'pass']);
    assert.deepEqual(verdicts('$$ln\\ \\pi_k = \\ln \\pi_k^2$$\n'), ['fail']);
  });
});

describe('what the note writes versus what it renders', () => {
  it('reads {\\pi_k \\mathcal{N}}(x_n | …) as the density applied, as KaTeX draws it', () => {
    const right = '$$\\ln p(X \\mid \\pi, \\mu, \\Sigma) = \\sum_{n=1}^{N} \\ln \\sum_{k=1}^{K} {\\pi_k \\mathcal{N}}\\left(x_n \\middle| \\mu_k, \\Sigma_k\\right)$$\n';
    assert.deepEqual(verdicts(right), ['pass']);
    // The same braces around a wrong step: the weight dropped.
    const wrong = '$$\\ln p(X \\mid \\pi, \\mu, \\Sigma) = \\sum_{n=1}^{N} \\ln \\sum_{k=1}^{K} {\\mathcal{N}}\\left(x_n \\middle| \\mu_k, \\Sigma_k\\right)$$\n';
    assert.deepEqual(verdicts(wrong), ['fail']);
  });

  it('pairs \\{ … \\} as drawn when they cross the braces that group (ln\\{Σ {π_k 𝒩(…)\\}})', () => {
    const right = '$$\\ln p(X \\mid \\pi, \\mu, \\Sigma) = \\sum_{n=1}^{N} \\ln\\{\\sum_{k=1}^{K}{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\Sigma_k)\\}}$$\n';
    const wrong = '$$\\ln p(X \\mid \\pi, \\mu, \\Sigma) = \\sum_{n=1}^{N} \\ln\\{\\sum_{k=1}^{K}{\\pi_k^2 \\mathcal{N}(x_n \\mid \\mu_k, \\Sigma_k)\\}}$$\n';
    assert.deepEqual(verdicts(right), ['pass']);
    assert.deepEqual(verdicts(wrong), ['fail']);
  });

  it('reads \\mu_{ML} and \\Sigma_{ML} of a single Gaussian as the sample mean and the biased sample covariance', () => {
    const note = '$$\\mu_{ML} = \\frac{1}{N}\\sum_{n=1}^{N} x_n$$\n\n'
      + '$$\\Sigma_{ML} = \\frac{1}{N}\\sum_{n=1}^{N} (x_n - \\mu_{ML})(x_n - \\mu_{ML})^T$$\n\n'
      // Wrong: the unbiased divisor is not the maximum-likelihood estimate.
      + '$$\\Sigma_{\\text{MLE}} = \\frac{1}{N-1}\\sum_{n=1}^{N} (x_n - \\mu_{ML})(x_n - \\mu_{ML})^T$$\n\n'
      // Wrong: centred at 0, not at the mean.
      + '$$\\mu^{ML} = \\frac{1}{N}\\sum_{n=1}^{N} x_n^2$$\n';
    assert.deepEqual(verdicts(note, { D: 1 }), ['pass', 'pass', 'fail', 'fail']);
    assert.deepEqual(verdicts(note.split('\n\n').slice(0, 3).join('\n\n'), { D: 2 }).slice(0, 3), ['pass', 'pass', 'fail']);
  });

  it('leaves a MAP estimate unchecked: it depends on a prior the reference M-step does not have', () => {
    const note = '$$\\mu_k^{MAP} = \\frac{\\sum_{n=1}^{N} \\gamma_{nk} x_n}{\\sum_{n=1}^{N} \\gamma_{nk}}$$\n';
    const r = checkNote(note);
    assert.equal(r.claims[0]?.verdict, 'unchecked');
  });
});

describe('accents make another symbol', () => {
  it('reads \\bar{x} = (1/N) Σ x_n as a definition of x̄, never as a claim about the point x', () => {
    const r = checkNote('$$\\bar{x} = \\frac{1}{N}\\sum_{n=1}^N x_n$$\n\n$$\\overline{x} + 1 = 1 + \\frac{1}{N}\\sum_{n=1}^N x_n$$\n');
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass']);
    assert.match(r.claims[0]!.message, /defines/);
  });

  it('leaves an unindexed \\hat\\mu unread (estimate or parameter?) but reads \\hat\\mu_k and \\hat\\gamma_{nk} as the parameter', () => {
    const r = checkNote('$$\\hat{\\mu} = \\frac{1}{N}\\sum_{n=1}^N x_n$$\n\n'
      + '$$\\hat\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$$\n\n'
      + '$$\\hat\\mu_k = \\frac{\\sum_{n=1}^N \\hat\\gamma_{nk} x_n}{\\sum_{n=1}^N \\hat\\gamma_{nk}}$$\n\n'
      // Wrong: divides by N instead of N_k.
      + '$$\\hat\\mu_k = \\frac{1}{N}\\sum_{n=1}^N \\hat\\gamma_{nk} x_n$$\n');
    assert.deepEqual(r.claims.map((c) => c.verdict), ['unchecked', 'pass', 'pass', 'fail']);
  });

  it('keeps \\tilde{E} apart from E: a definition of Ẽ does not define E', () => {
    const r = checkNote('$$\\tilde{E}(W) = E(W) + \\lambda \\Omega(W)$$\n\n$$E = 1$$\n');
    assert.match(r.claims[0]!.message.normalize('NFC'), /^defines \u1EBC\(/);
    // E is still free to be defined, and is: Ẽ did not take its name.
    assert.match(r.claims[1]!.message, /^defines E\b/);
  });
});

describe('a Gaussian written with its spread first', () => {
  it('reads 𝒩(x_t | Σ_k, μ_k) by the slots\' forms: μ_k is the mean, Σ_k the covariance', () => {
    const note = '$$p(\\mathbf{x}_t) = \\sum_{k=1}^K \\alpha_k \\mathcal{N}(\\mathbf{x}_t \\mid \\boldsymbol\\Sigma_k, \\boldsymbol\\mu_k)$$\n\n'
      + '$$\\log \\mathcal{N}(\\mathbf{x}_t \\mid \\boldsymbol\\Sigma_k, \\boldsymbol\\mu_k) = -\\frac{D}{2}\\log 2\\pi - \\frac{1}{2}\\log\\det\\boldsymbol\\Sigma_k - \\frac{1}{2}(\\mathbf{x}_t - \\boldsymbol\\mu_k)^\\top \\boldsymbol\\Sigma_k^{-1} (\\mathbf{x}_t - \\boldsymbol\\mu_k)$$\n\n'
      // Wrong: the ½ on the log-determinant dropped.
      + '$$\\log \\mathcal{N}(\\mathbf{x}_t \\mid \\boldsymbol\\Sigma_k, \\boldsymbol\\mu_k) = -\\frac{D}{2}\\log 2\\pi - \\log\\det\\boldsymbol\\Sigma_k - \\frac{1}{2}(\\mathbf{x}_t - \\boldsymbol\\mu_k)^\\top \\boldsymbol\\Sigma_k^{-1} (\\mathbf{x}_t - \\boldsymbol\\mu_k)$$\n';
    const r = checkNote(note);
    const roles = Object.fromEntries(r.reading.symbols.map((s) => [s.symbol, s.role]));
    assert.equal(roles['\\mathbf{\\mu}'], 'mean');
    assert.equal(roles['\\mathbf{\\Sigma}'], 'cov');
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass', 'fail']);
  });
});

describe('functions the note names but never specifies', () => {
  const prior = '$$p(w) = \\prod_{i} p(w_i)$$\n\n$$p(w_i) = \\sum_{j=1}^{M} \\pi_j \\mathcal{N}(w_i \\mid \\mu_j, \\sigma_j^2)$$\n\n'
    + '$$\\Omega(w) = -\\ln p(w)$$\n\n$$\\tilde{E}(w) = E(w) + \\lambda \\Omega(w)$$\n\n';
  it('checks steps that hold for every E: linearity of the derivative, and ∂E(w)/∂μ_j = 0', () => {
    const note = `${prior}$$\\frac{\\partial \\tilde{E}}{\\partial w_i} = \\frac{\\partial E}{\\partial w_i} + \\lambda \\frac{\\partial \\Omega(w)}{\\partial w_i}$$\n\n`
      + '$$\\frac{\\partial \\tilde{E}}{\\partial \\mu_j} = \\lambda \\sum_{i} \\frac{\\pi_j \\mathcal{N}(w_i \\mid \\mu_j, \\sigma_j^2)}{\\sum_{k=1}^{M} \\pi_k \\mathcal{N}(w_i \\mid \\mu_k, \\sigma_k^2)} \\frac{\\mu_j - w_i}{\\sigma_j^2}$$\n\n'
      // Wrong: λ dropped (the difference does not depend on E).
      + '$$\\frac{\\partial \\tilde{E}}{\\partial w_i} = \\frac{\\partial E}{\\partial w_i} + \\frac{\\partial \\Omega(w)}{\\partial w_i}$$\n\n'
      // Wrong: the sign of the data term.
      + '$$\\frac{\\partial \\tilde{E}}{\\partial \\mu_j} = \\lambda \\sum_{i} \\frac{\\pi_j \\mathcal{N}(w_i \\mid \\mu_j, \\sigma_j^2)}{\\sum_{k=1}^{M} \\pi_k \\mathcal{N}(w_i \\mid \\mu_k, \\sigma_k^2)} \\frac{w_i - \\mu_j}{\\sigma_j^2}$$\n';
    const v = verdicts(note).slice(-4);
    assert.deepEqual(v, ['pass', 'pass', 'fail', 'fail']);
  });

  it('leaves a step unchecked when it holds only for some E, or relates two unspecified functions', () => {
    const note = `${prior}$$\\frac{\\partial E}{\\partial w_i} = w_i$$\n\n$$Q(\\sigma_k) + 1 = P(\\sigma_k) + 1$$\n\n$$\\ln P(\\sigma_k) = P(\\sigma_k) - 1$$\n`;
    const r = checkNote(note);
    const last = r.claims.slice(-3);
    assert.deepEqual(last.map((c) => c.verdict), ['unchecked', 'unchecked', 'fail']);
    assert.ok(last.slice(0, 2).every((c) => c.reason === 'abstract-function'), JSON.stringify(last.map((c) => c.message)));
    // ln P = P − 1 only where P = 1: no prior density over σ_k satisfies it everywhere.
    assert.match(last[2]!.message, /P is a prior the note leaves general/);
  });
});

describe('events named by letters', () => {
  it('checks the laws of probability on events the note leaves general, and leaves independence as a condition', () => {
    const note = '$${\\displaystyle P(A|B)={\\frac {P(B|A)P(A)}{P(B)}}.}$$\n\n'
      + '$$P(A \\mid B) = \\frac{P(A \\cap B)}{P(B)}$$\n\n'
      + '$$P(A \\cup B) = P(A) + P(B) - P(A, B)$$\n\n'
      + '$$P(\\bar{A}) = 1 - P(A)$$\n\n'
      // Wrong: P(A) and P(B) swapped in Bayes' rule.
      + '$$P(A|B) = \\frac{P(B|A)P(B)}{P(A)}$$\n\n'
      // Wrong: the complement's probability.
      + '$$P(\\bar{A}) = P(A) - 1$$\n\n'
      // True for exclusive events only: a condition.
      + '$$P(A \\cup B) = P(A) + P(B)$$\n\n'
      // A statement of independence: true only for independent events.
      + '$$P(A \\cap B) = P(A) P(B)$$\n';
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass', 'pass', 'pass', 'fail', 'fail', 'unchecked', 'unchecked']);
    assert.match(r.claims[6]!.message, /mutually exclusive/);
    assert.match(r.claims[7]!.message, /independent/);
    assert.match(r.claims[4]!.message, /random on a finite probability space/);
  });
});

describe('indicators written with the responsibility\'s letter (Li Hang: γ_jk ∈ {0, 1})', () => {
  const head = '$$P(y_j|\\theta) = \\sum_{k=1}^{K} \\alpha_k \\phi(y_j|\\theta_k)$$\n\n'
    + '$$\\hat{\\gamma}_{jk} = P(\\gamma_{jk}=1|y,\\theta)$$\n\n$$n_k = \\sum_{j=1}^{N} \\gamma_{jk}$$\n\n';
  it('reads γ_jk as the indicator once the note writes P(γ_jk = 1 | …), and checks the complete-data likelihood with it', () => {
    const note = `${head}$$P(y,\\gamma|\\theta) = \\prod_{j=1}^N P(y_j,\\gamma_{j1},\\dots,\\gamma_{jK}|\\theta)$$\n\n`
      + '$$P(y,\\gamma|\\theta) = \\prod_{k=1}^{K} \\alpha_k^{n_k} \\prod_{j=1}^{N} \\left[\\frac{1}{\\sqrt{2\\pi}\\sigma_k} \\exp\\left(-\\frac{(y_j-\\mu_k)^2}{2\\sigma_k^2}\\right)\\right]^{\\gamma_{jk}}$$\n\n'
      + '$$\\log P(y,\\gamma|\\theta) = \\sum_{k=1}^{K} \\left\\{ n_k \\log\\alpha_k + \\sum_{j=1}^{N} \\gamma_{jk}\\left[\\log\\frac{1}{\\sqrt{2\\pi}} - \\log\\sigma_k - \\frac{(y_j-\\mu_k)^2}{2\\sigma_k^2}\\right] \\right\\}$$\n\n'
      // Wrong: the ½ of the quadratic term dropped.
      + '$$\\log P(y,\\gamma|\\theta) = \\sum_{k=1}^{K} \\left\\{ n_k \\log\\alpha_k + \\sum_{j=1}^{N} \\gamma_{jk}\\left[\\log\\frac{1}{\\sqrt{2\\pi}} - \\log\\sigma_k - \\frac{(y_j-\\mu_k)^2}{\\sigma_k^2}\\right] \\right\\}$$\n';
    assert.deepEqual(verdicts(note).slice(-4), ['pass', 'pass', 'pass', 'fail']);
  });

  it('keeps γ_jk the responsibility in notes that never write it as an event', () => {
    const note = '$$\\gamma_{jk} = \\frac{\\alpha_k \\phi(y_j|\\theta_k)}{\\sum_{l=1}^{K} \\alpha_l \\phi(y_j|\\theta_l)}$$\n\n$$\\sum_{k=1}^{K} \\gamma_{jk} = 1$$\n';
    assert.deepEqual(verdicts(note), ['pass', 'pass']);
  });
});

describe('an unspecified additive constant', () => {
  it('passes a step that holds up to “+ constant”, and leaves one whose difference varies unchecked', () => {
    const note = '$$\\log \\mathcal{N}(\\mathbf{x}_t \\mid \\boldsymbol\\mu_k, \\boldsymbol\\Sigma_k) = -\\frac{1}{2}\\log\\det \\boldsymbol\\Sigma_k - \\frac{1}{2}(\\mathbf{x}_t - \\boldsymbol\\mu_k)^\\top \\boldsymbol\\Sigma_k^{-1} (\\mathbf{x}_t - \\boldsymbol\\mu_k) + \\text{constant}$$\n\n'
      // The ½ on the log-determinant dropped: the difference depends on Σ_k, so not a constant.
      + '$$\\log \\mathcal{N}(\\mathbf{x}_t \\mid \\boldsymbol\\mu_k, \\boldsymbol\\Sigma_k) = -\\log\\det \\boldsymbol\\Sigma_k - \\frac{1}{2}(\\mathbf{x}_t - \\boldsymbol\\mu_k)^\\top \\boldsymbol\\Sigma_k^{-1} (\\mathbf{x}_t - \\boldsymbol\\mu_k) + \\text{const.}$$\n';
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'unchecked']);
    // The constant is -D/2 log 2π, the same at every point.
    assert.match(r.claims[0]!.message, /up to the constant/);
  });
});

describe('a derivative written inline with a slash', () => {
  it('reads ∂F / ∂v as the derivative ∂F/∂v', () => {
    const note = '$$\\partial \\mathcal{N}(x \\mid \\mu, \\sigma^2) / \\partial \\mu = \\mathcal{N}(x \\mid \\mu, \\sigma^2) \\frac{x - \\mu}{\\sigma^2}$$\n\n'
      // Wrong sign.
      + '$$\\partial \\mathcal{N}(x \\mid \\mu, \\sigma^2) / \\partial \\mu = \\mathcal{N}(x \\mid \\mu, \\sigma^2) \\frac{\\mu - x}{\\sigma^2}$$\n';
    assert.deepEqual(verdicts(note), ['pass', 'fail']);
  });
});

describe('letters the note never defines, in general identities', () => {
  it('checks matrix-calculus identities for an arbitrary matrix A', () => {
    const note = '$$f(x)=x^TAx \\Rightarrow \\frac{\\partial f(x)}{\\partial x}=Ax+A^Tx$$\n\n'
      + '$$g(A)=|A| \\Rightarrow \\frac{\\partial g(A)}{\\partial A}=|A|(A^{-1})^T$$\n\n'
      // Wrong only for some A (the gap depends on A): not a ✗.
      + '$$h(x)=x^TAx \\Rightarrow \\frac{\\partial h(x)}{\\partial x}=2Ax$$\n';
    const r = checkNote(note, { D: 3 });
    const identities = r.claims.filter((c) => c.kind !== 'definition' && c.reason !== 'not-an-equation');
    assert.deepEqual(identities.map((c) => c.verdict), ['pass', 'pass', 'unchecked']);
  });

  it('fails an identity in a free matrix that is wrong for every matrix, symmetric or not', () => {
    // ∂|A|/∂A = |A| A⁻ᵀ (Jacobi's formula); without |A| it holds only where |A| = 1.
    const note = '$$g(A)=|A| \\Rightarrow \\frac{\\partial g(A)}{\\partial A}=(A^{-1})^T$$\n';
    const r = checkNote(note, { D: 3 });
    assert.deepEqual(r.claims.filter((c) => c.kind !== 'definition' && c.reason !== 'not-an-equation').map((c) => c.verdict), ['fail']);
  });

  it('reads a small letter the note transposes as a free vector', () => {
    // ∂(xᵀAy)/∂A_{ij} = x_i y_j, so the gradient is x yᵀ, and y xᵀ is its transpose (wrong for general x, y).
    const note = '$$f(A)=x^TAy \\Rightarrow \\frac{\\partial f(A)}{\\partial A}=xy^T$$\n\n'
      + '$$g(A)=x^TAy \\Rightarrow \\frac{\\partial g(A)}{\\partial A}=yx^T$$\n';
    const r = checkNote(note, { D: 3 });
    assert.deepEqual(r.claims.filter((c) => c.kind !== 'definition' && c.reason !== 'not-an-equation').map((c) => c.verdict), ['pass', 'fail']);
  });

  it('leaves unchecked an identity in a free matrix that holds for symmetric ones only', () => {
    // ∂ ln|A| / ∂A = A⁻ᵀ in general, A⁻¹ for a symmetric A (the form notes use for Σ, Λ).
    const note = '$$\\frac{\\partial \\ln|A|}{\\partial A}=(A^{-1})^T$$\n\n$$\\frac{\\partial \\ln|A|}{\\partial A}=A^{-1}$$\n\n'
      // Wrong for every A: the inverse is missing.
      + '$$\\frac{\\partial \\ln|A|}{\\partial A}=A$$\n';
    const r = checkNote(note, { D: 3 });
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'unchecked', 'fail']);
    assert.match(r.claims[1]!.message, /symmetric/);
  });

  it('does not fail an identity in a free letter that meets the model\'s parameters (the letter may be tied to them in prose)', () => {
    // With A = Σ_k (said in prose only), ∂ tr(A⁻¹S)/∂A = −A⁻ᵀ Sᵀ A⁻ᵀ = −Σ_k⁻¹ Sᵀ Σ_k⁻¹ is right; for an arbitrary A it is not.
    const note = '$$p(x_i) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)$$\n\nWrite $A$ for $\\Sigma_k$ here.\n\n'
      + '$$\\frac{\\partial\\, \\mathrm{tr}(A^{-1} S)}{\\partial A} = -\\Sigma_k^{-1} S^T \\Sigma_k^{-1}$$\n';
    assert.deepEqual(verdicts(note, { D: 3 }), ['pass', 'unchecked']);
  });

  it('does not fail an identity in a free letter over the data points (the letter may be a statistic named in prose)', () => {
    // With S = Σ_i x_i x_iᵀ (said in prose only), ∂(Σ_i x_iᵀ A x_i)/∂A = S is right.
    const note = '$$p(x_i) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)$$\n\nwith $S$ the scatter matrix of the data.\n\n'
      + '$$\\frac{\\partial}{\\partial A} \\sum_{i=1}^N x_i^T A x_i = S$$\n';
    assert.deepEqual(verdicts(note, { D: 3 }), ['pass', 'unchecked']);
  });

  it('fails ∂(xᵀAx)/∂x = Ax, wrong for every matrix A, symmetric or not', () => {
    // The gradient is (A + Aᵀ)x: 2Ax for a symmetric A, never Ax unless Ax = 0.
    const note = '$$\\frac{\\partial\\, \\mathbf{x}^T\\mathbf{A}\\mathbf{x}}{\\partial \\mathbf{x}} = \\mathbf{A}\\mathbf{x}$$\n';
    assert.deepEqual(verdicts(note, { D: 3 }), ['fail']);
    assert.deepEqual(verdicts(note.replace('= \\mathbf{A}\\mathbf{x}', '= (\\mathbf{A}+\\mathbf{A}^T)\\mathbf{x}'), { D: 3 }), ['pass']);
  });

  it('does not judge a step whose gap depends on a free letter nothing differentiates in', () => {
    // 𝐛 may be one specific vector of the model (a prior's mean): the update is right for one 𝐛 only.
    const note = '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol\\mu_k, \\boldsymbol\\Sigma_k)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol\\mu_j, \\boldsymbol\\Sigma_j)}$$\n\n'
      + '$$\\boldsymbol\\mu_k = \\frac{\\mathbf{b} + \\sum_{i=1}^N \\gamma_{ik} \\mathbf{x}_i}{1 + \\sum_{i=1}^N \\gamma_{ik}}$$\n';
    const r = checkNote(note, { D: 3 });
    assert.notEqual(r.claims.at(-1)?.verdict, 'fail');
  });

  it('never fails a step because a letter read as a matrix does not fit: it is probably a number', () => {
    const note = '$$\\ln \\mathcal{N}(x_i \\mid \\mu_j, \\Sigma_j) = -\\frac{d}{2}\\ln(2\\pi) - \\frac{1}{2}\\ln|\\Sigma_j| - \\frac{1}{2}(x_i - \\mu_j)^T \\Sigma_j^{-1}(x_i - \\mu_j) + M$$\n';
    const r = checkNote(note, { D: 3 });
    assert.notEqual(r.claims[0]?.verdict, 'fail');
  });
});

describe('a Gaussian written out by hand', () => {
  // CS229 notation: w_j^{(i)} = φ_j 𝒩(x^{(i)} | μ_j, Σ_j) / Σ_{l=1}^k φ_l 𝒩(x^{(i)} | μ_l, Σ_l) with 𝒩 written out;
  // the sum over l of (normaliser · exp(quadratic form in μ_l, Σ_l) · φ_l) names φ the weights, l a
  // component index and k the number of components. The M-step's φ_j = (1/m) Σ_i w_j^{(i)} divides by
  // the number of points, never by k.
  const gauss = (c: string) => `\\frac{1}{(2\\pi)^{\\frac{n}{2}}\\!\\bigl|\\Sigma_${c}\\bigr|^{\\tfrac12}} \\exp\\!\\Bigl(-\\tfrac12\\bigl(x^{(i)} - \\mu_${c}\\bigr)^{\\!T}\\Sigma_${c}^{-1}\\bigl(x^{(i)} - \\mu_${c}\\bigr)\\Bigr)\\;\\phi_${c}`;
  const note = '$$w_j^{(i)} := p(z^{(i)} = j \\mid x^{(i)}; \\phi, \\mu, \\Sigma)$$\n\n'
    + `$$\nw_j^{(i)} \\;=\\; \\frac{\n\\displaystyle\n${gauss('j')}\n}{\n\\displaystyle\n\\sum_{l=1}^{k}\n  ${gauss('l')}\n}\n$$\n\n`
    + '$$\n\\phi_j := \\frac{1}{m} \\sum_{i=1}^m w_j^{(i)}\n$$\n';

  it('reads weights, means, covariances and the component count from a written-out mixture term', () => {
    const r = checkNote(note, { D: 3 });
    const roles = Object.fromEntries(r.reading.symbols.map((s) => [s.symbol, s.role]));
    assert.equal(roles['\\phi'], 'weight');
    assert.equal(roles['\\mu'], 'mean');
    assert.ok(r.reading.componentCounts.includes('k'));
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass', 'pass']);
    assert.equal(r.claims[2]!.kind, 'update');
  });

  it('reads the exponent written −(x − m)ᵀ S⁻¹ (x − m)/2, in letters of the note\'s own', () => {
    // p(x_i) = Σ_c a_c (2π)^{-d/2} |S_c|^{-1/2} exp(−(x_i − m_c)ᵀ S_c⁻¹ (x_i − m_c)/2) is the mixture density; /4 is not.
    const mix = '$$p(x_i) = \\sum_{c=1}^{C} a_c (2\\pi)^{-d/2}|S_c|^{-1/2} \\exp\\left(-(x_i - m_c)^T S_c^{-1} (x_i - m_c)/2\\right)$$\n';
    const r = checkNote(mix);
    assert.equal(r.reading.symbols.find((s) => s.symbol === 'a')?.role, 'weight');
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass']);
    assert.deepEqual(verdicts(mix.replace('(x_i - m_c)/2', '(x_i - m_c)/4')), ['fail']);
  });

  it('fails the weight update divided by the number of components', () => {
    assert.deepEqual(verdicts(note.replace('\\frac{1}{m}', '\\frac{1}{k}'), { D: 3 }), ['pass', 'pass', 'fail']);
    // … and the responsibility with the weight missing from the numerator.
    assert.equal(verdicts(note.replace('\\Bigr)\\;\\phi_j', '\\Bigr)'), { D: 3 })[1], 'fail');
  });
});

describe('a one-dimensional Gaussian written out, in letters of the note\'s own', () => {
  // p(y_j) = Σ_c α_c (2π s_c²)^{-1/2} exp(−(y_j − m_c)²/(2 s_c²)): α weights, m means, s standard
  // deviations, c and b component indices; r_jc the ratio of one term to the sum; m_c the weighted mean.
  const g = (c: string) => `\\alpha_${c} \\frac{1}{\\sqrt{2\\pi s_${c}^2}} \\exp\\left(-\\frac{(y_j - m_${c})^2}{2 s_${c}^2}\\right)`;
  const note = `$$p(y_j) = \\sum_{c=1}^{C} ${g('c')}$$\n\n$$r_{jc} = \\frac{${g('c')}}{\\sum_{b=1}^{C} ${g('b')}}$$\n\n`
    + '$$m_c = \\frac{\\sum_{j=1}^{n} r_{jc} y_j}{\\sum_{j=1}^{n} r_{jc}}$$\n';

  it('reads the roles from the exponent and checks the steps', () => {
    const r = checkNote(note);
    const roles = Object.fromEntries(r.reading.symbols.map((s) => [s.symbol, s.role]));
    assert.equal(roles['\\alpha'], 'weight');
    assert.equal(roles.m, 'mean');
    assert.equal(roles.s, 'std');
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass', 'pass']);
  });

  it('reads a ratio of one written-out term to the sum as the responsibility, whatever its letter', () => {
    const r = checkNote(note.replace(/r_\{jc\}/g, 'q_{cj}'));
    const q = r.reading.symbols.find((s) => s.symbol === 'q');
    assert.equal(q?.role, 'resp');
    assert.equal(q?.indexOrder, 'component-first');
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass', 'pass']);
  });

  it('fails a density without the 2 in its exponent, and an unweighted mean', () => {
    // (A function as the replacement: `$$` in a replacement string means one `$`.)
    assert.equal(verdicts(note.replace('{2 s_c^2}\\right)$$\n\n$$r', () => '{s_c^2}\\right)$$\n\n$$r'))[0], 'fail');
    assert.equal(verdicts(note.replace('r_{jc} y_j}', 'y_j}'))[2], 'fail');
  });
});

describe('the dimension', () => {
  it('reads d as the dimension from −(d/2) ln(2π), and fails a normaliser with (2π)^d', () => {
    // ln 𝒩(x | μ, Σ) = −(D/2) ln 2π − ½ ln|Σ| − ½ (x − μ)ᵀ Σ⁻¹ (x − μ); the density's normaliser is (2π)^{D/2}.
    const logDensity = '$$\\ln \\mathcal{N}(x_i \\mid \\mu_j, \\Sigma_j) = -\\frac{d}{2} \\ln(2\\pi) - \\frac{1}{2} \\ln |\\Sigma_j| - \\frac{1}{2} (x_i - \\mu_j)^T \\Sigma_j^{-1} (x_i - \\mu_j)$$\n\n';
    const density = '$$\\mathcal{N}(x_i \\mid \\mu_j, \\Sigma_j) = \\frac{1}{(2\\pi)^{d} |\\Sigma_j|^{1/2}} \\exp\\left( -\\frac{1}{2} (x_i - \\mu_j)^T \\Sigma_j^{-1} (x_i - \\mu_j) \\right)$$\n';
    const r = checkNote(logDensity + density);
    assert.deepEqual(r.reading.dimensions, ['d']);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'fail']);
    assert.deepEqual(verdicts(logDensity + density.replace('(2\\pi)^{d}', '(2\\pi)^{d/2}')), ['pass', 'pass']);
  });

  it('reads d as the dimension from x_i ∈ ℝ^d, and fails −d ln(2π) in the log-density', () => {
    const note = 'Let $x_i \\in \\mathbb{R}^d$.\n\n$$\\ln \\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k) = -\\frac{d}{2}\\ln(2\\pi) - \\frac12 \\ln|\\Sigma_k| - \\frac12 (x_i-\\mu_k)^T\\Sigma_k^{-1}(x_i-\\mu_k)$$\n';
    const wrong = note.replace('-\\frac{d}{2}\\ln', '-d\\ln');
    assert.deepEqual(checkNote(wrong).reading.dimensions, ['d']);
    assert.deepEqual(verdicts(note), ['unchecked', 'pass']);
    assert.deepEqual(verdicts(wrong), ['unchecked', 'fail']);
  });
});

describe('a precision the note names (Λ_k = Σ_k⁻¹)', () => {
  it('takes ∂/∂Λ_k through the precision, Σ_k moving with it', () => {
    const head = '$$\\ln p(\\mathbf{X}) = \\sum_{n=1}^{N} \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu_k, \\boldsymbol\\Sigma_k)$$\n\n'
      + '$$\\gamma(z_{nk}) = \\frac{\\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu_k, \\boldsymbol\\Sigma_k)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu_j, \\boldsymbol\\Sigma_j)}$$\n\n'
      + '$$\\boldsymbol\\Lambda_k = \\boldsymbol\\Sigma_k^{-1}$$\n\n';
    const note = `${head}$$\\frac{\\partial \\ln p(\\mathbf{X})}{\\partial \\boldsymbol\\Lambda_k} = \\frac{1}{2} \\sum_{n=1}^{N} \\gamma(z_{nk}) \\left\\{ \\boldsymbol\\Sigma_k - (\\mathbf{x}_n - \\boldsymbol\\mu_k)(\\mathbf{x}_n - \\boldsymbol\\mu_k)^T \\right\\}$$\n\n`
      // Wrong: the precision where the covariance belongs.
      + '$$\\frac{\\partial \\ln p(\\mathbf{X})}{\\partial \\boldsymbol\\Lambda_k} = \\frac{1}{2} \\sum_{n=1}^{N} \\gamma(z_{nk}) \\left\\{ \\boldsymbol\\Lambda_k - (\\mathbf{x}_n - \\boldsymbol\\mu_k)(\\mathbf{x}_n - \\boldsymbol\\mu_k)^T \\right\\}$$\n';
    assert.deepEqual(verdicts(note).slice(-2), ['pass', 'fail']);
    // Bare Λ beside the precision Λ_k is a symmetric matrix: ∂ ln|Λ| / ∂Λ = Λ⁻¹ (Λ⁻ᵀ in general) and
    // ∂(aᵀΛa)/∂Λ = a aᵀ hold; −Λ⁻¹ is wrong for every such Λ.
    const rules = `${head}$$\\partial \\ln \\lvert \\boldsymbol\\Lambda \\rvert / \\partial \\boldsymbol\\Lambda = \\boldsymbol\\Lambda^{-1}$$\n\n`
      + '$$\\partial (\\mathbf{a}^{T} \\boldsymbol\\Lambda \\mathbf{a}) / \\partial \\boldsymbol\\Lambda = \\mathbf{a} \\mathbf{a}^{T}$$\n';
    assert.deepEqual(verdicts(rules).slice(-2), ['pass', 'pass']);
    assert.deepEqual(verdicts(rules.replace('= \\boldsymbol\\Lambda^{-1}', '= -\\boldsymbol\\Lambda^{-1}')).slice(-2), ['fail', 'pass']);
    // The same written as ∂/∂Σ_k⁻¹, without naming the precision; the ½ dropped fails.
    const inverse = `${head.split('\n\n').slice(0, 2).join('\n\n')}\n\n`
      + '$$\\frac{\\partial \\ln p(\\mathbf{X})}{\\partial \\boldsymbol\\Sigma_k^{-1}} = \\frac{1}{2} \\sum_{n=1}^{N} \\gamma(z_{nk}) \\left\\{ \\boldsymbol\\Sigma_k - (\\mathbf{x}_n - \\boldsymbol\\mu_k)(\\mathbf{x}_n - \\boldsymbol\\mu_k)^T \\right\\}$$\n\n'
      + '$$\\frac{\\partial \\ln p(\\mathbf{X})}{\\partial \\boldsymbol\\Sigma_k^{-1}} = \\sum_{n=1}^{N} \\gamma(z_{nk}) \\left\\{ \\boldsymbol\\Sigma_k - (\\mathbf{x}_n - \\boldsymbol\\mu_k)(\\mathbf{x}_n - \\boldsymbol\\mu_k)^T \\right\\}$$\n';
    assert.deepEqual(verdicts(inverse).slice(-2), ['pass', 'fail']);
  });
});

describe('a responsibility written without its point index', () => {
  const resp = '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$$\n\n';
  it('fails γ_k inside a sum over points when the note reads γ_ik as the responsibility', () => {
    const note = `${resp}$$\\sum_{i=1}^N \\sum_{k=1}^K \\gamma_{ik} x_i = \\sum_{i=1}^N \\sum_{k=1}^K \\gamma_k x_i$$\n`;
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'fail']);
    assert.match(r.claims[1]!.message, /without the point index i/);
  });

  it('leaves γ_k alone outside a sum over points, and where the note defines it', () => {
    assert.deepEqual(verdicts(`${resp}$$\\pi_k = \\gamma_k$$\n`), ['pass', 'unchecked']);
    const defined = `${resp}$$\\gamma_k = \\sum_{i=1}^N \\gamma_{ik}$$\n\n$$\\sum_{i=1}^N \\gamma_k = N \\gamma_k$$\n`;
    assert.deepEqual(verdicts(defined), ['pass', 'pass', 'pass']);
  });

  it('a definition that cannot be evaluated (γ = q(z)) does not hide the responsibility γ_ik', () => {
    const note = `$$\\gamma = q(z)$$\n\n${resp}$$\\sum_{k=1}^K \\gamma_{ik} = 1$$\n`;
    assert.deepEqual(verdicts(note), ['unchecked', 'pass', 'pass']);
  });
});

describe('a chain across a step that cannot be read', () => {
  const resp = (x: string) => `\\frac{\\pi_k \\mathcal{N}(${x} \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}`;
  it('fails the last expression when it differs from the last one read, whatever the unread one means', () => {
    const note = `$$p(z_i = k \\mid x_i) = \\mathbb{Q}(x_i) = ${resp('x_n')}$$\n`;
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['unchecked', 'fail']);
    assert.match(r.claims[1]!.message, /could not be read, but the chain says this expression equals the one on line 1/);
  });

  it('leaves the link unchecked when the ends agree (the step in between may still be wrong)', () => {
    const note = `$$p(z_i = k \\mid x_i) = \\mathbb{Q}(x_i) = ${resp('x_i')}$$\n`;
    const r = checkNote(note);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['unchecked', 'unchecked']);
    assert.match(r.claims[1]!.message, /does equal the one on line 1/);
  });

  it('does not bridge a relation that is not an equality', () => {
    const note = `$$\\ln p(x_i) \\ge \\mathbb{Q}(x_i) = \\ln p(x_i) + 1$$\n`;
    assert.deepEqual(verdicts(note), ['unchecked', 'unchecked']);
  });
});

describe('a prior\'s hyperparameters (the subscript 0)', () => {
  const gauss = '$$\\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)$$\n\n';
  it('reads N₀, ν₀, S₀ as hyperparameters, not as component 0, and defines N₀ by its own statement', () => {
    const note = `${gauss}where $N_0 \\triangleq \\nu_0 + D + 1$.\n\n$$N_0 \\log\\det \\Sigma_k + \\operatorname{tr}(S_0^\\top \\Sigma_k^{-1}) = \\operatorname{tr}(S_0 \\Sigma_k^{-1}) + (\\nu_0 + D + 1) \\log\\det \\Sigma_k$$\n`;
    const r = checkNote(note);
    // S₀ is a scale matrix: symmetric, so tr(S₀ᵀ Σ⁻¹) = tr(S₀ Σ⁻¹).
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass']);
    // Wrong whatever ν₀ is: the sides differ by log det Σ_k under every draw of it.
    const wrong = `${gauss}where $N_0 \\triangleq \\nu_0 + D + 1$.\n\n$$N_0 \\log\\det \\Sigma_k = (\\nu_0 + D) \\log\\det \\Sigma_k$$\n`;
    assert.deepEqual(verdicts(wrong), ['pass', 'fail']);
  });

  it('never reads N₀ := D + 1 as component 0 of the effective counts', () => {
    assert.deepEqual(verdicts(`${gauss}where $N_0 \\triangleq D + 1$.\n`), ['pass']);
  });

  it('uses a definition written after the formula ("where S_tk ≜ …"), in bold or not', () => {
    const note = `${gauss}$$\\frac{1}{2}\\operatorname{tr}(\\mathbf S_{ik} \\Sigma_k^{-1}) = \\frac{1}{2}(x_i - \\mu_k)^\\top \\Sigma_k^{-1} (x_i - \\mu_k)$$\n\nwhere $S_{ik} \\triangleq (x_i - \\mu_k)(x_i - \\mu_k)^\\top$.\n`;
    assert.deepEqual(verdicts(note), ['pass', 'pass']);
  });
});

describe('a function written with some of its arguments (Q(Σ_k) after Q(Σ, μ, π))', () => {
  const q = '$$Q(\\Sigma, \\mu, \\pi) = \\sum_{i=1}^N \\sum_{k=1}^K \\gamma_{ik} [\\log \\pi_k + \\log \\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)] + \\sum_{k=1}^K \\log P(\\Sigma_k)$$\n\n';
  const data = (c: string) => `\\sum_{i=1}^N \\gamma_{ik} \\left[${c}\\log\\det \\Sigma_k^{-1} - \\frac{1}{2}(x_i - \\mu_k)^\\top \\Sigma_k^{-1} (x_i - \\mu_k)\\right]`;
  it('holds up to the terms without Σ_k: judged by the derivatives in Σ_k', () => {
    const r = checkNote(`${q}$$Q(\\Sigma_k) = ${data('\\frac{1}{2}')} + \\log P(\\Sigma_k)$$\n`);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'pass']);
    assert.match(r.claims[1]!.message, /up to terms without Σₖ/);
    assert.deepEqual(verdicts(`${q}$$Q(\\Sigma_k) = ${data('')} + \\log P(\\Sigma_k)$$\n`), ['pass', 'fail']);
    assert.deepEqual(verdicts(`${q}$$Q(\\mu_k) = -\\frac{1}{2}\\sum_{i=1}^N \\gamma_{ik} (x_i - \\mu_k)^\\top \\Sigma_k^{-1} (x_i - \\mu_k)$$\n`), ['pass', 'pass']);
  });

  it('fails a prior written without its log: the step must hold for every prior P(Σ_k)', () => {
    const r = checkNote(`${q}$$Q(\\Sigma_k) = ${data('\\frac{1}{2}')} + P(\\Sigma_k)$$\n`);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'fail']);
    assert.match(r.claims[1]!.message, /P is a prior the note leaves general/);
  });

  it('leaves a step unchecked where one side has replaced the prior by a particular density', () => {
    const note = `${q}$$Q(\\Sigma_k) = ${data('\\frac{1}{2}')} + \\frac{1}{2}\\log\\det \\Sigma_k^{-1}$$\n`;
    assert.deepEqual(verdicts(note), ['pass', 'unchecked']);
  });

  it('judges laws that hold for every prior, and fails those that hold for none', () => {
    assert.deepEqual(verdicts('$$\\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)$$\n\n$$\\log P(\\Sigma_k) + \\log P(\\mu_k) = \\log (P(\\Sigma_k) P(\\mu_k))$$\n'), ['pass']);
    assert.deepEqual(verdicts('$$\\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)$$\n\n$$\\log P(\\Sigma_k) + \\log P(\\mu_k) = \\log (P(\\Sigma_k) + P(\\mu_k))$$\n'), ['fail']);
  });
});

describe('a MAP objective: the likelihood of the data set, a prior on all covariances, “+ constant”', () => {
  const head = '$$\\log P(\\Sigma \\mid X) = \\log P(X \\mid \\Sigma, \\mu, \\pi) + \\log P(\\Sigma) + \\text{constant}';
  const tail = '$$\n\n$$\\frac{\\partial}{\\partial \\Sigma_k} \\log \\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k) = 0$$\n';
  const mix = '\\sum_{i=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)';
  it('reads P(X | θ) as the likelihood and P(Σ) as ∏_k P(Σ_k): the i.i.d. factorisation passes', () => {
    const r = checkNote(`${head} = ${mix} + \\sum_{k=1}^K \\log P(\\Sigma_k) + \\text{constant}${tail}`);
    assert.equal(r.claims[1]!.verdict, 'pass', r.claims[1]!.message);
  });

  it('fails a prior term that differs by more than a constant in what the note differentiates with respect to', () => {
    const note = '$$\\begin{aligned}\n\\log P(\\Sigma \\mid X) &= \\log P(X \\mid \\Sigma, \\mu, \\pi) + \\log P(\\Sigma) + \\text{constant} \\\\\n'
      + `&= ${mix} + \\sum_{k=1}^K \\log P(\\Sigma_k) + \\text{constant} \\\\\n`
      + `&= ${mix} + \\log \\sum_{k=1}^K P(\\Sigma_k) + \\text{constant}\n\\end{aligned}${tail}`;
    const r = checkNote(note);
    assert.deepEqual(r.claims.slice(1, 3).map((c) => c.verdict), ['pass', 'fail']);
    assert.match(r.claims[2]!.message, /depends on Σₖ, which the note differentiates/);
    // Blamed on the new row, the one before having passed.
    assert.equal(r.claims[2]!.culpritAt?.line, 4);
  });

  it('leaves “+ constant” unchecked when the note differentiates with respect to nothing the difference depends on alone', () => {
    const note = '$$\\log \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2) = -\\frac{(x_i - \\mu_k)^2}{2\\sigma_k^2} + \\text{constant}$$\n\n$$\\frac{\\partial}{\\partial \\mu_k} \\sum_{i=1}^N \\gamma_{ik} \\log \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2) = \\sum_{i=1}^N \\gamma_{ik} \\frac{x_i - \\mu_k}{\\sigma_k^2}$$\n';
    const r = checkNote(note);
    // The difference −½ log(2πσ_k²) is constant in μ_k, the variable the note differentiates in.
    assert.equal(r.claims[0]!.verdict, 'unchecked');
    // Q's terms without π_k are constant in π_k when the responsibilities are the E-step's numbers.
    const q = '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$$\n\n'
      + '$$\\sum_{i=1}^N \\sum_{k=1}^K \\gamma_{ik} [\\log \\pi_k + \\log \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)] = \\sum_{i=1}^N \\sum_{k=1}^K \\gamma_{ik} \\log \\pi_k + \\text{const}$$\n\n'
      + '$$\\frac{\\partial}{\\partial \\pi_k} \\sum_{i=1}^N \\sum_{j=1}^K \\gamma_{ij} \\log \\pi_j = \\sum_{i=1}^N \\frac{\\gamma_{ik}}{\\pi_k}$$\n';
    assert.deepEqual(verdicts(q), ['pass', 'unchecked', 'pass']);
  });
});

describe('a function named bare after the note restated it (∂Q/∂Σ_k⁻¹ after Q(Σ_k) = …)', () => {
  const q = '$$Q(\\Sigma, \\mu, \\pi) = \\sum_{i=1}^N \\sum_{k=1}^K \\gamma_{ik} [\\log \\pi_k + \\log \\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)]$$\n\n'
    + '$$Q(\\Sigma_k) = \\frac{1}{2}\\sum_{i=1}^N \\gamma_{ik} [\\log\\det \\Sigma_k^{-1} - (x_i - \\mu_k)^\\top \\Sigma_k^{-1} (x_i - \\mu_k)]$$\n\n';
  const grad = (sign: string) => `$$\\frac{\\partial Q}{\\partial \\Sigma_k^{-1}} = \\frac{1}{2}\\sum_{i=1}^N \\gamma_{ik} (\\Sigma_k ${sign} (x_i - \\mu_k)(x_i - \\mu_k)^\\top)$$\n`;
  it('differentiates the expression the note just wrote', () => {
    assert.deepEqual(verdicts(`${q}${grad('-')}`), ['pass', 'pass', 'pass']);
    assert.deepEqual(verdicts(`${q}${grad('+')}`), ['pass', 'pass', 'fail']);
  });

  it('reads a bare Q as the definition when the note has not restated it (never as an arbitrary matrix)', () => {
    const first = '$$Q(\\Sigma, \\mu, \\pi) = \\sum_{i=1}^N \\sum_{k=1}^K \\gamma_{ik} \\log \\pi_k$$\n\n';
    assert.deepEqual(verdicts(`${first}$$\\sum_{k=1}^K N_k \\log \\pi_k = Q$$\n`), ['pass', 'pass']);
    assert.deepEqual(verdicts(`${first}$$\\sum_{k=1}^K \\log \\pi_k = Q$$\n`), ['pass', 'fail']);
  });
});

describe('the inverse-Wishart density and “∝” in a parameter', () => {
  // Constants computed independently (Python's math.gamma): for D = 1, IW(σ² | 1, 5) is the
  // inverse-gamma(5/2, 1/2) density, (1/2)^{5/2}/Γ(5/2) = 0.13298076013381088; for D = 2,
  // IW(Σ | I, 5) has the normaliser 1/(2^5 Γ_2(5/2)), Γ_2(a) = √π Γ(a) Γ(a − 1/2).
  it('evaluates IW(Σ | S, ν) normalised, in one and in two dimensions', () => {
    const one = '$$\\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$\n\n$$\\operatorname{IW}(\\sigma_k^2 \\mid 1, 5) = 0.13298076013381088 (\\sigma_k^2)^{-7/2} \\exp\\left(-\\frac{1}{2\\sigma_k^2}\\right)$$\n';
    assert.deepEqual(verdicts(one, { D: 1 }), ['pass']);
    const two = '$$\\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)$$\n\n$$\\mathcal{IW}(\\Sigma_k \\mid I, 5) = 0.013262911924324612 (\\det \\Sigma_k)^{-4} \\exp\\left(-\\frac{1}{2}\\operatorname{tr}(\\Sigma_k^{-1})\\right)$$\n';
    assert.deepEqual(verdicts(two, { D: 2 }), ['pass']);
    // Ψ = 2I (Wikipedia's scale matrix) and S = ½I (Murphy's, whose inverse enters): |2I|^{5/2} = 32.
    for (const scale of ['2I', '\\frac{1}{2} I']) {
      const note = `$$\\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)$$\n\n$$\\mathcal{IW}(\\Sigma_k \\mid ${scale}, 5) = ${32 * 0.013262911924324609} (\\det \\Sigma_k)^{-4} \\exp\\left(-\\operatorname{tr}(\\Sigma_k^{-1})\\right)$$\n`;
      assert.deepEqual(verdicts(note, { D: 2 }), ['pass'], scale);
    }
  });

  it('checks “∝” as a function of the density\'s parameter, under either book\'s convention for S', () => {
    const head = '$$\\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)$$\n\nwhere $N_0 \\triangleq \\nu_0 + D + 1$.\n\n';
    const murphy = `${head}$$\\operatorname{IW}(\\Sigma_k \\mid S_0^{-1}, \\nu_0) \\propto (\\det \\Sigma_k)^{-N_0/2}\\exp\\left(-\\frac{1}{2}\\operatorname{tr}(S_0 \\Sigma_k^{-1})\\right)$$\n`;
    const scale = `${head}$$\\operatorname{IW}(\\Sigma_k \\mid S_0, \\nu_0) \\propto (\\det \\Sigma_k)^{-N_0/2}\\exp\\left(-\\frac{1}{2}\\operatorname{tr}(S_0 \\Sigma_k^{-1})\\right)$$\n`;
    const wrong = `${head}$$\\operatorname{IW}(\\Sigma_k \\mid S_0^{-1}, \\nu_0) \\propto (\\det \\Sigma_k)^{-\\nu_0/2}\\exp\\left(-\\frac{1}{2}\\operatorname{tr}(S_0 \\Sigma_k^{-1})\\right)$$\n`;
    assert.deepEqual(verdicts(murphy), ['pass', 'pass']);
    assert.deepEqual(verdicts(scale), ['pass', 'pass']);
    const r = checkNote(wrong);
    assert.deepEqual(r.claims.map((c) => c.verdict), ['pass', 'fail']);
    assert.match(r.claims[1]!.message, /not proportional as functions of Σₖ/);
  });
});

describe('an update that solves the note\'s own condition (a MAP estimate)', () => {
  const note = (denominator: string) => '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$$\n\n'
    + '$$0 = \\frac{\\partial}{\\partial \\mu_k}\\left[-\\frac{1}{2}\\sum_{i=1}^N \\gamma_{ik} \\frac{(x_i - \\mu_k)^2}{\\sigma_k^2} - \\frac{\\kappa_0}{2}(\\mu_k - m_0)^2\\right] = \\sum_{i=1}^N \\gamma_{ik} \\frac{x_i - \\mu_k}{\\sigma_k^2} - \\kappa_0 (\\mu_k - m_0)$$\n\n'
    + `$$\\mu_k = \\frac{\\sum_{i=1}^N \\gamma_{ik} x_i / \\sigma_k^2 + \\kappa_0 m_0}{${denominator}}$$\n`;
  // Solving Σ_i γ_ik (x_i − μ)/σ² − κ₀(μ − m₀) = 0 for μ by hand gives the first denominator.
  it('passes the solution of 0 = … for μ_k with a prior\'s κ₀, m₀, and fails one that drops κ₀', () => {
    const right = checkNote(note('\\sum_{i=1}^N \\gamma_{ik} / \\sigma_k^2 + \\kappa_0'));
    assert.equal(right.claims.at(-1)!.verdict, 'pass');
    assert.match(right.claims.at(-1)!.message, /solves the condition on line 3/);
    const wrong = checkNote(note('\\sum_{i=1}^N \\gamma_{ik} / \\sigma_k^2'));
    assert.equal(wrong.claims.at(-1)!.verdict, 'fail');
    assert.match(wrong.claims.at(-1)!.message, /does not solve the condition on line 3/);
    // An edit that keeps the note's length (+ to −) is judged again, not served from the cache.
    assert.equal(checkNote(note('\\sum_{i=1}^N \\gamma_{ik} / \\sigma_k^2 - \\kappa_0')).claims.at(-1)!.verdict, 'fail');
    assert.equal(checkNote(note('\\sum_{i=1}^N \\gamma_{ik} / \\sigma_k^2 + \\kappa_0')).claims.at(-1)!.verdict, 'pass');
  });
});

describe('Li Hang\'s expectations: 𝔼γ_jk inside the chain\'s expectation, n̂_k', () => {
  const head = '$$P(y|\\theta) = \\sum_{k=1}^{K} \\alpha_{k}\\phi(y|\\theta_{k})$$\n\n$$\\phi(y|\\theta_k) = \\frac{1}{\\sqrt{2\\pi}\\sigma_k}\\exp\\left(-\\frac{(y-\\mu_k)^2}{2\\sigma_k^2}\\right)$$\n\n'
    + '$$\\hat{\\gamma}_{jk} = P(\\gamma_{jk}=1|y,\\theta) = \\frac{\\alpha_k \\phi(y_j|\\theta_k)}{\\sum_{l=1}^K \\alpha_l \\phi(y_j|\\theta_l)}$$\n\n'
    + '$$n_k = \\sum_{j=1}^{N}\\gamma_{jk}$$\n\n';
  const q = (weight: string) => `${head}$$Q(\\theta,\\theta^{(i)}) = \\mathbb{E}[\\log P(y,\\gamma|\\theta)|y,\\theta^{(i)}] = \\sum_{k=1}^{K} \\sum_{j=1}^{N}(\\mathbb{E}\\gamma_{jk})\\log\\alpha_k + \\sum_{k=1}^{K}\\sum_{j=1}^{N} ${weight} \\log \\phi(y_j|\\theta_k)$$\n\n`;
  it('reads a bare 𝔼γ_jk as the chain\'s expectation, and n̂_k as the expectation of n_k', () => {
    const r = checkNote(`${q('(\\mathbb{E}\\gamma_{jk})')}$$Q(\\theta,\\theta^{(i)}) = \\sum_{k=1}^{K} \\hat{n}_k \\log\\alpha_k + \\sum_{k=1}^{K}\\sum_{j=1}^{N} \\hat{\\gamma}_{jk} \\log \\phi(y_j|\\theta_k)$$\n`);
    assert.deepEqual(r.claims.slice(-2).map((c) => c.verdict), ['pass', 'pass'], JSON.stringify(r.claims.map((c) => [c.line, c.verdict, c.message])));
  });

  it('still fails a wrong weight inside the expectation', () => {
    const r = checkNote(q('(\\mathbb{E}\\gamma_{jk})^2'));
    assert.equal(r.claims.at(-1)!.verdict, 'fail');
  });
});
