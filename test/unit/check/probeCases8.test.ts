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
