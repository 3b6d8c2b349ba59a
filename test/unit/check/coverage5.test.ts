// Notation the checker left unchecked before (2026-12-02): sums that leave one value out
// (`\sum_{j \neq k}`). Each expected verdict comes from the mathematics: Σ_{j≠k} γ_ij = 1 − γ_ik because
// the responsibilities of a point sum to 1, and the mixture density splits into its k-th term and the rest.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';

const MODEL = 'The log-likelihood is $\\ell = \\sum_{i=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$ and ' +
  '$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$.';

/** The verdicts of the claims on the note's last line, after the model line. */
function verdictsOf(formula: string): string[] {
  const note = `# Mixture\n\n${MODEL}\n\n$$${formula}$$\n`;
  return checkNote(note).claims.filter((c) => c.line === 5).map((c) => c.verdict);
}

describe('sums that leave one value out', () => {
  for (const sum of ['\\sum_{j \\neq k}', '\\sum_{j=1, j \\neq k}^K', '\\sum_{j : j \\ne k}', '\\sum_{\\substack{j=1\\\\ j \\neq k}}^{K}']) {
    it(`${sum}: a right step passes, the same with the wrong index fails`, () => {
      assert.deepEqual(verdictsOf(`1 - \\gamma_{ik} = ${sum} \\gamma_{ij}`), ['pass']);
      assert.deepEqual(verdictsOf(`1 - \\gamma_{ik} = ${sum} \\gamma_{ik}`), ['fail']);
    });
  }
  it('splits the mixture density into the k-th term and the others', () => {
    const rest = '\\sum_{j \\neq k} \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)';
    assert.deepEqual(verdictsOf(`\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2) = \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2) + ${rest}`), ['pass']);
    // Left out twice: the k-th term missing.
    assert.deepEqual(verdictsOf(`\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2) = ${rest}`), ['fail']);
  });
  it('a fixed value left out: the other components', () => {
    assert.deepEqual(verdictsOf('\\sum_{j \\neq 1} \\gamma_{ij} = 1 - \\gamma_{i1}'), ['pass']);
    assert.deepEqual(verdictsOf('\\sum_{j \\neq 1} \\gamma_{ij} = 1 - \\gamma_{i2}'), ['fail']);
  });
  it('a derivative through the sum: ∂/∂μ_k of the others is 0', () => {
    assert.deepEqual(verdictsOf('\\frac{\\partial}{\\partial \\mu_k} \\sum_{j \\neq k} \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2) = 0'), ['pass']);
  });
});

describe('sums that leave one value out, in the weights', () => {
  it('Σ_{k≠j} π_k = 1 − π_j passes (summing over every k would wrongly fail it), and with π_k left in it fails', () => {
    const claims = (tex: string) => checkNote(`$$${tex}$$\n`).claims.map((c) => c.verdict);
    assert.deepEqual(claims('\\sum_{k \\ne j} \\pi_k = 1 - \\pi_j'), ['pass']);
    assert.deepEqual(claims('\\sum_{k \\ne j} \\pi_k = 1'), ['fail']);
  });
});

describe('sums from 0 are not sums that leave a value out', () => {
  it('Σ_{j=0}^{2} x^j = 1 + x + x² passes (the value left out is never the first)', () => {
    assert.deepEqual(checkNote('$$\\sum_{j=0}^{2} x^j = 1 + x + x^2$$\n').claims.map((c) => c.verdict), ['pass']);
  });
});

describe('a distribution the note leaves unspecified (Σ_k q_n(k) = 1)', () => {
  const note = (step: string) => [
    'For each point take any distribution $q_n(k)$ over the components, $\\sum_{k=1}^K q_n(k) = 1$, and write',
    '$\\gamma_{nk} = \\frac{\\pi_k\\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j\\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$.',
    '',
    `$$${step}$$`,
  ].join('\n');
  const on = (step: string) => checkNote(note(step)).claims.filter((c) => c.line === 4).map((c) => c.verdict);
  it('identities that hold for every distribution q pass (the ELBO decomposition)', () => {
    assert.deepEqual(on('\\log p(x_n \\mid \\theta) = \\sum_{k=1}^K q_n(k)\\log p(x_n \\mid \\theta)'), ['pass']);
    assert.deepEqual(on('\\log p(x_n \\mid \\theta) = \\sum_{k=1}^K q_n(k)\\log\\frac{\\pi_k\\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{q_n(k)} + \\sum_{k=1}^K q_n(k)\\log\\frac{q_n(k)}{\\gamma_{nk}}'), ['pass']);
  });
  it('a slip in them is never passed (the KL term upside down: it holds for q = γ only, so it is left unchecked)', () => {
    const v = on('\\log p(x_n \\mid \\theta) = \\sum_{k=1}^K q_n(k)\\log\\frac{\\pi_k\\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{q_n(k)} + \\sum_{k=1}^K q_n(k)\\log\\frac{\\gamma_{nk}}{q_n(k)}');
    assert.ok(v.length > 0 && !v.includes('pass'), v.join(', '));
  });
  it('without Σ_k q_n(k) = 1 in the note, q is any function: unchecked, never ✗', () => {
    const bare = checkNote(note('\\log p(x_n \\mid \\theta) = \\sum_{k=1}^K q_n(k)\\log p(x_n \\mid \\theta)').replace(', $\\sum_{k=1}^K q_n(k) = 1$', ''));
    assert.deepEqual(bare.claims.filter((c) => c.line === 4).map((c) => c.verdict), ['unchecked']);
  });
});
