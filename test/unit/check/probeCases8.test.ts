// Notes and reductions from the probes of 2026-12-02's third stop (one letter in two roles, other mixtures
// beside the Gaussian one, whole-matrix forms, two named components) and from the left-alone list of the stop
// before. Each expected verdict comes from the mathematics (checked with numpy when the note was written), not
// from the checker's output.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../../../src/core/check';
import type { Claim } from '../../../src/core/types';

const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'probe-cases8', name), 'utf8');
const claimsOn = (text: string, line: number): Claim[] => checkNote(text).claims.filter((c) => (c.endLine ?? c.line) === line);
const verdictsOn = (text: string, line: number): string[] => claimsOn(text, line).map((c) => c.verdict);

describe('probe cases 8: λ as a prior\'s precision or a penalty\'s weight', () => {
  it('the MAP condition and update with λ the prior precision of the means are not judged against maximum likelihood', () => {
    // (1/σ²) Σ γ (x − μ) − λμ = 0 and μ = Σγx/(N_k + λ) (σ² = 1) are right for the prior 𝒩(0, λ⁻¹): the
    // reference's stationary points are those of the likelihood alone, where they fail.
    const note = fixture('map_prior_precision.md');
    assert.deepEqual(verdictsOn(note, 10), ['unchecked']);
    assert.deepEqual(verdictsOn(note, 14), ['unchecked']);
    assert.match(claimsOn(note, 14)[0]!.message, /hyperparameter λ/);
  });

  it('identities with the penalty\'s λ are still checked, either way', () => {
    const note = (rhs: string) => `We add the penalty $\\frac{\\lambda}{2}\\sum_{k=1}^K \\mu_k^2$ to the negative log-likelihood.\n\n$$\\frac{\\partial}{\\partial \\mu_k} \\frac{\\lambda}{2}\\sum_{j=1}^K \\mu_j^2 = ${rhs}$$\n`;
    assert.deepEqual(verdictsOn(note('\\lambda \\mu_k'), 3), ['pass']);
    assert.deepEqual(verdictsOn(note('2\\lambda \\mu_k'), 3), ['fail']);
  });

  it('λ times the weights\' constraint is still the multiplier', () => {
    const note = '$$\\mathcal{J} = \\sum_{n=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2) + \\lambda\\left(\\sum_{k=1}^K \\pi_k - 1\\right)$$\n\n$$\\frac{\\partial \\mathcal{J}}{\\partial \\pi_k} = \\sum_{n=1}^N \\frac{\\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)} + \\lambda$$\n';
    assert.deepEqual(verdictsOn(note, 3), ['pass']);
    assert.ok(!/hyperparameter/.test(checkNote(note).reading.text));
  });
});

describe('probe cases 8: a derivative operator before a constant and a sum', () => {
  it('`\\frac{\\partial}{\\partial \\mu_k} 3 \\sum_j \\mu_j^2` differentiates the product, not the 3 alone', () => {
    assert.deepEqual(verdictsOn('$$\\frac{\\partial}{\\partial \\mu_k} 3 \\sum_{j=1}^K \\mu_j^2 = 6 \\mu_k$$\n', 1), ['pass']);
    assert.deepEqual(verdictsOn('$$\\frac{\\partial}{\\partial \\mu_k} \\frac{1}{2} \\sum_{j=1}^K \\mu_j^2 = \\mu_k$$\n', 1), ['pass']);
    assert.deepEqual(verdictsOn('$$\\frac{\\partial}{\\partial \\mu_k} \\frac{1}{2} \\sum_{j=1}^K \\mu_j^2 = 2\\mu_k$$\n', 1), ['fail']);
  });
});

describe('probe cases 8: other models beside the Gaussian mixture', () => {
  it('a hidden Markov model\'s α(z_1k), β(z_Nk) are messages, not the responsibility γ(z_nk)', () => {
    // α(z_1k) = π_k 𝒩(x_1 | μ_k, Σ_k) and β(z_Nk) = 1 are the forward-backward recursions' starts (Bishop §13.2.2).
    const hmm = '# HMM forward pass\n\n$$\\alpha(z_{1k}) = \\pi_k\\,\\mathcal{N}(x_1 \\mid \\mu_k, \\sigma_k^2)$$\n\n$$\\beta(z_{Nk}) = 1$$\n';
    assert.deepEqual([...verdictsOn(hmm, 3), ...verdictsOn(hmm, 5)].filter((v) => v === 'fail'), []);
    // γ(z_nk) is still the responsibility.
    assert.deepEqual(verdictsOn('$$\\gamma(z_{nk}) = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$$\n', 1), ['pass']);
  });

  it('an HMM\'s initial-state update under an HMM heading is not the mixture weights\' update; under a GMM heading it is', () => {
    // π_k = γ(z_1k)/Σ_j γ(z_1j) maximises Σ_k γ(z_1k) ln π_k: right for an HMM, wrong for a GMM (N_k/N).
    const step = '$$\\pi_k = \\frac{\\gamma(z_{1k})}{\\sum_{j=1}^K\\gamma(z_{1j})}$$\n';
    assert.deepEqual(verdictsOn(`# HMM with Gaussian emissions: what changes relative to the GMM\n\n## M-step\n\n${step}`, 5), ['unchecked']);
    assert.deepEqual(verdictsOn(`# A scalar GMM in HMM notation\n\n## M-step\n\n${step}`, 5), ['fail']);
    assert.deepEqual(verdictsOn(`# Notes\n\nHmm, the weights:\n\n${step}`, 5), ['fail']);
  });

  it('a Laplace density Lap(x | μ_k, b_k) in the mixture is not a Gaussian under another name', () => {
    const lap = '# Laplace mixture\n\nThe model is $p(x) = \\sum_{k=1}^K\\pi_k\\,\\mathrm{Lap}(x\\mid\\mu_k,b_k)$.\n\n';
    // ln Lap(x | μ, b) = −ln 2 − ln b − |x − μ|/b: right, not ✗ …
    assert.deepEqual(verdictsOn(`${lap}$$\\ln\\mathrm{Lap}(x\\mid\\mu_k,b_k) = -\\ln 2 - \\ln b_k - \\frac{|x-\\mu_k|}{b_k}$$\n\nM-step: $$b_k = \\frac{1}{N_k}\\sum_{n=1}^N r_{nk}\\,|x_n-\\mu_k|$$\n`, 5).filter((v) => v === 'fail'), []);
    // … and Lap = 𝒩 (wrong) is not ✓.
    assert.deepEqual(verdictsOn(`${lap}$$\\mathrm{Lap}(x\\mid\\mu_k,b_k) = \\mathcal{N}(x\\mid\\mu_k,b_k)$$\n`, 5).filter((v) => v === 'pass'), []);
  });
});

describe('probe cases 8: two named components (ESL §8.5)', () => {
  it('a step worked under the supposition just above (p = ½, μ₁ = μ₂, σ₁ = σ₂) is not judged at every GMM', () => {
    // ∂ℓ/∂p = Σ (φ₂ − φ₁)/((1 − p)φ₁ + pφ₂) is 0 where φ₁ = φ₂ (finite differences: 0 to 1e-6).
    const note = fixture('supposition_two_components.md');
    // (The chain's second link, Σ (1/2 − 1/2)/(1/4) = 0, holds anyway.)
    assert.deepEqual(verdictsOn(note, 4), ['unchecked', 'pass']);
    assert.match(claimsOn(note, 4)[0]!.message, /supposes on line 3/);
    // Wrong under the supposition too: still ✗.
    assert.deepEqual(verdictsOn(note.replace('= 0.$$', () => '= 1.$$'), 4).filter((v) => v === 'fail').length > 0, true);
  });

  it('a bare σ or μ set to 1 or 0 among starting values is a value, not an identity', () => {
    assert.deepEqual(verdictsOn('# Lab\n\nStarting values: $\\sigma = 1$.\n', 3), ['unchecked']);
    assert.deepEqual(verdictsOn('# Lab\n\nStarting values: $\\mu_1 = 0$, $\\mu_2 = 4$, $\\sigma^2 = 1$.\n', 3).filter((v) => v === 'fail'), []);
  });

  it('∂ log φ₁(x)/∂μ₁ with φ₁ unspecified is not 0 by assumption', () => {
    // φ₁ is component 1's density in ESL's notation; whether it depends on μ₁ is what the note leaves unsaid.
    assert.deepEqual(verdictsOn('$$\\frac{\\partial \\log\\phi_1(x)}{\\partial\\mu_1} = \\frac{x-\\mu_1}{\\sigma_1^2}.$$\n', 1), ['unchecked']);
    // A function with no index written with its argument only (E(W)) is a function of it alone, as before.
    assert.deepEqual(verdictsOn('$$\\frac{\\partial E(W)}{\\partial \\mu_k} = \\mu_k$$\n', 1), ['fail']);
  });
});

describe('probe cases 8: vectorised notes', () => {
  const P = 'Let $P \\in \\mathbb{R}^{N\\times K}$ with $P_{nk} = \\mathcal{N}(x_n \\mid \\mu_k, \\Sigma_k)$.\n\n';
  it('log of a vector is taken entry by entry (numpy\'s convention), right or wrong', () => {
    // 1ᵀ log(P1) = Σ_n log Σ_k P_nk (numpy: ones(N) @ log(P @ ones(K)) equals the double sum).
    assert.deepEqual(verdictsOn(`${P}$$\\mathbf{1}_N^\\top \\log(P \\mathbf{1}_K) = \\sum_{n=1}^N \\log\\sum_{k=1}^K P_{nk}$$\n`, 3), ['pass']);
    assert.deepEqual(verdictsOn(`${P}$$\\mathbf{1}_N^\\top \\log(P \\mathbf{1}_K) = \\sum_{n=1}^N \\sum_{k=1}^K \\log P_{nk}$$\n`, 3), ['fail']);
  });

  it('a bare π beside vectors is the weights\' vector, not the number π', () => {
    // 1_Kᵀπ = 1 for the weights; as 3.14 the shapes and the value are wrong.
    assert.deepEqual(verdictsOn('The weights $\\pi \\in \\mathbb{R}^K$ satisfy $\\mathbf{1}_K^\\top \\pi = 1$.\n', 1).filter((v) => v === 'fail'), []);
    // A definition with it is not evaluated, so its uses are not judged with 3.14 either.
    const R = `${P}$$R_{nk} = \\pi_k P_{nk} / (P\\pi)_n$$\n\n$$\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_{n=1}^N R_{nk}\\, \\Sigma_k^{-1}(x_n - \\mu_k)$$\n`;
    assert.deepEqual(verdictsOn(R, 5).filter((v) => v === 'fail'), []);
    // The number π beside a covariance is still the number: (2π)^{D/2} and det(2πΣ_k) are judged.
    assert.deepEqual(verdictsOn('$$\\det(2\\pi\\Sigma_k) = (2\\pi)^D \\det(\\Sigma_k)$$\n', 1), ['pass']);
    assert.deepEqual(verdictsOn('$$\\det(2\\pi\\Sigma_k) = 2\\pi \\det(\\Sigma_k)$$\n', 1), ['fail']);
  });
});

describe('probe cases 8: one letter in two roles, sizes by section', () => {
  it('a size the text states for its section (`$D = 1$` in a heading, "For $D = 2$") is the one a failing step is retried with', () => {
    // (2π)^{-D/2} = (2π)^{-1/2} for D = 1 and (2π)^{-1} for D = 2 (numpy: 0.398942 and 0.159155).
    assert.deepEqual(verdictsOn('For $D = 2$ the normaliser is $(2\\pi)^{-D/2} = (2\\pi)^{-1}$.\n', 1), ['unchecked', 'unchecked']);
    const two = '## Example 1: $D = 1$\n\nThe normaliser is $(2\\pi)^{-D/2} = (2\\pi)^{-1/2}$.\n\n## Example 2: $D = 2$, all $\\Sigma_k = I_2$\n\nNow $(2\\pi)^{-D/2} = (2\\pi)^{-1}$.\n';
    assert.deepEqual([...verdictsOn(two, 3), ...verdictsOn(two, 7)].filter((v) => v === 'fail'), []);
    // Wrong at the stated size too: ✗.
    assert.deepEqual(verdictsOn('For $D = 2$ the normaliser is $(2\\pi)^{-D/2} = (2\\pi)^{-2}$.\n', 1), ['unchecked', 'fail']);
    // A heading between the size and the step ends it.
    assert.deepEqual(verdictsOn('For $D = 2$ we get more terms.\n\n## General case\n\n$(2\\pi)^{-D/2} = (2\\pi)^{-1}$\n', 5), ['fail']);
  });

  it('a step about a worked example\'s point and parameters (no weights, "the point $x = 1$") is judged there', () => {
    // 𝒩(1 | 0, 1) = 𝒩(1 | 2, 1) = 0.241971 (numpy).
    const ex = 'Take $\\mu_1 = 0$, $\\mu_2 = 2$, $\\sigma_1^2 = \\sigma_2^2 = 1$ and the point $x = 1$. Both means are at distance 1:\n\n';
    assert.deepEqual(verdictsOn(`${ex}$$\\mathcal{N}(x \\mid \\mu_1, \\sigma_1^2) = \\mathcal{N}(x \\mid \\mu_2, \\sigma_2^2)$$\n`, 3), ['unchecked']);
    assert.deepEqual(verdictsOn(`${ex}$$\\mathcal{N}(x \\mid \\mu_1, \\sigma_1^2) = 2\\mathcal{N}(x \\mid \\mu_2, \\sigma_2^2)$$\n`, 3), ['fail']);
    // In two dimensions the point is a pair as long as the means, not two points: 𝒩(0 | e₁, I) = 𝒩(0 | e₂, I).
    const plane = 'In $D = 2$ dimensions take $\\mu_1 = (0, 0)$, $\\mu_2 = (1, 0)$, $\\mu_3 = (0, 1)$, all $\\Sigma_k = I$, and the point $x = (0, 0)$.\n\n';
    assert.deepEqual(verdictsOn(`${plane}$$\\mathcal{N}(x \\mid \\mu_2, \\Sigma_2) = \\mathcal{N}(x \\mid \\mu_3, \\Sigma_3)$$\n`, 3), ['unchecked']);
  });
});

describe('probe cases 8: f\'(μ_k) after f(μ_k) = …', () => {
  const F = '$$f(\\mu_k) = \\sum_{n=1}^{N} \\gamma_{nk} (x_n - \\mu_k)^2$$\n\n';
  it('is the derivative of the note\'s function, judged, not a new name', () => {
    // d/dμ_k Σ γ (x − μ_k)² = −2 Σ γ (x − μ_k), with the responsibilities the E-step's numbers (finite differences).
    assert.deepEqual(verdictsOn(`${F}$$f'(\\mu_k) = -2 \\sum_{n=1}^{N} \\gamma_{nk} (x_n - \\mu_k)$$\n`, 3), ['pass']);
    assert.deepEqual(verdictsOn(`${F}$$f'(\\mu_k) = 2 \\sum_{n=1}^{N} \\gamma_{nk} (x_n - \\mu_k)$$\n`, 3), ['fail']);
    assert.deepEqual(verdictsOn(`${F}$$f''(\\mu_k) = 2 \\sum_{n=1}^{N} \\gamma_{nk}$$\n`, 3), ['pass']);
  });

  it('φ\'(z) after φ(z) = … with z a value the function takes stays the note\'s name', () => {
    const phi = 'Let $\\phi(z) = \\frac{1}{\\sqrt{2\\pi}} e^{-z^2/2}$ be the standard normal pdf.\n\nUsing $\\phi\'(z) = -z\\,\\phi(z)$ we get the rest.\n';
    assert.deepEqual(verdictsOn(phi, 3), ['pass']);
  });
});
