// Notes and reductions from the probes of 2026-12-02's second stop (notations cribbed from other sources,
// special cases stated in prose, variants of EM, properties of the likelihood, LaTeX exports) and from the
// left-alone list of the stop before. Each expected verdict comes from the mathematics (checked with numpy
// when the note was written), not from the checker's output.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import type { Claim } from '../../../src/core/types';

const claimsOn = (text: string, line: number): Claim[] => checkNote(text).claims.filter((c) => (c.endLine ?? c.line) === line);
const verdictsOn = (text: string, line: number): string[] => claimsOn(text, line).map((c) => c.verdict);

describe('probe cases 7: CS229 responsibilities before a bracket', () => {
  const ESTEP = 'E-step: $w_j^{(i)} = \\frac{\\phi_j \\mathcal{N}(x^{(i)} \\mid \\mu_j, \\sigma_j^2)}{\\sum_{l=1}^k \\phi_l \\mathcal{N}(x^{(i)} \\mid \\mu_l, \\sigma_l^2)}$.';
  const note = (rhs: string) => `${ESTEP}\n\n$$\\sigma_j^2 = \\frac{\\sum_{i=1}^m ${rhs}}{\\sum_{i=1}^m w_j^{(i)}}$$\n`;

  it('`w_j^{(i)}\\left(x^{(i)} − μ_j\\right)^{2}` with no space is the responsibility times the square, not a call', () => {
    // The M-step's variance: a fixed point of EM, so it holds as an update; the responsibility is not squared.
    assert.deepEqual(verdictsOn(note('w_j^{(i)}\\left(x^{(i)} - \\mu_j\\right)^{2}'), 3), ['pass']);
    assert.deepEqual(verdictsOn(note('w_j^{(i)}(x^{(i)} - \\mu_j)^2'), 3), ['pass']);
  });

  it('the same update with the square left off the bracket is ✗', () => {
    assert.deepEqual(verdictsOn(note('w_j^{(i)}\\left(x^{(i)} - \\mu_j\\right)'), 3), ['fail']);
  });
});
