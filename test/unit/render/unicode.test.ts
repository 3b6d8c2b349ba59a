// The LaTeX → Unicode formatter of messages (src/core/render/unicode.ts),
// against strings written by hand for the notation the checker reads.
import * as assert from 'node:assert/strict';
import { proseToUnicode, texToUnicode } from '../../../src/core/render/unicode';

describe('texToUnicode', () => {
  const cases: [string, string][] = [
    ['\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k}', '∂𝓛/∂μₖ'],
    ['\\frac{\\partial}{\\partial \\sigma_k^2}', '∂/∂σₖ²'],
    ['\\sigma^{2}_{k}', 'σₖ²'],
    ['\\Sigma_k^{-1}', 'Σₖ⁻¹'],
    ['\\boldsymbol{\\mu}_k^\\top', 'μₖᵀ'],
    ['\\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)', '𝒩(xᵢ | μₖ, σₖ²)'],
    ['\\sum_{i=1}^{m} \\gamma_{ik} \\frac{x_i-\\mu_k}{\\sigma_k^2}', 'Σᵢ₌₁ᵐ γᵢₖ (xᵢ−μₖ)/σₖ²'],
    ['\\frac{1}{2\\sigma_k^2}', '1/(2σₖ²)'],
    ['(2\\pi\\sigma_k^2)^{-1/2}', '(2πσₖ²)^(−1/2)'],
    ['\\left( a + b \\right)', '(a + b)'],
    ['\\left. x \\right|', 'x |'],
    ['x \\in \\mathbb{R}', 'x ∈ ℝ'],
    ['\\mathfrak{L}', '𝔏'],
    ['\\underbrace{a+b}_{g}', 'a+b'],
    ['\\text{for all } k', 'for all k'],
    ['x_{n,k}', 'x_(n,k)'],
    ['\\hat{\\mu}', 'μ̂'],
  ];
  for (const [tex, want] of cases) it(`${tex} → ${want}`, () => assert.equal(texToUnicode(tex), want));

  it('never leaves a backslash command, even for unknown commands', () => {
    assert.equal(texToUnicode('\\foo{x} + \\alpha'), 'foox + α');
  });
});

describe('proseToUnicode', () => {
  it('turns the LaTeX quoted in a message into Unicode and leaves the prose', () => {
    assert.equal(
      proseToUnicode('notation: \\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} is the derivative of a number, so \\frac{\\partial \\mathcal{L}}{\\partial \\mu_k}[…] multiplies.'),
      'notation: ∂𝓛/∂μₖ is the derivative of a number, so ∂𝓛/∂μₖ[…] multiplies.');
    assert.equal(proseToUnicode('unknown symbol \\alpha: define it (e.g. “\\alpha = …”) or add an alias'),
      'unknown symbol α: define it (e.g. “α = …”) or add an alias');
    assert.equal(proseToUnicode('the derivative Σ_k π_k − 1 belongs to the Lagrangian'), 'the derivative Σₖ πₖ − 1 belongs to the Lagrangian');
  });

  it('leaves text without LaTeX alone', () => {
    const s = 'agrees at 10 sample points (max rel. error 3e-15): fine, isn\'t it?';
    assert.equal(proseToUnicode(s), s);
  });
});
