// A correct derivation stays correct when its letters change consistently (a metamorphic review of the
// seeds and corpus re-lettered: index h for k, α for π, ν for μ, s for i). Each case is a small note
// written for the test; the expected verdicts follow from the mathematics, as in unseenNotation.test.ts.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';

const verdictsAt = (text: string, line: number) => checkNote(text).claims.filter((c) => c.line === line).map((c) => c.verdict);

describe('re-lettered notes', () => {
  it('reads a component index h like k: its range is a range, Z_{i,h} = 1 an event', () => {
    for (const h of ['k', 'h', 's']) {
      const note = [
        `$$P(x)=\\sum_{${h}=1}^{K}\\alpha_${h} N(x\\mid u_${h},\\Sigma_${h})$$`,
        '',
        `Let $i=1,2,...,M$ and $${h}=1,2,...,K$.`,
        '',
        `For $Z_{i,${h}}=1$, the $i$-th point comes from component $${h}$.`,
      ].join('\n');
      assert.deepEqual(verdictsAt(note, 3), ['unchecked', 'unchecked'], h);
      assert.ok(!checkNote(note).claims.some((c) => c.verdict === 'fail'), h);
    }
  });
  it('defines S_s with a point index s the note reads as one', () => {
    // ℒ = Σ_s log(Σ_k π_k 𝒩(x_s | μ_k, σ_k²)) = Σ_s log S_s with S_s that inner sum.
    const note = [
      '$$S_s = \\sum_{j=1}^2 \\pi_j \\mathcal{N}(x_s | \\mu_j, \\sigma_j^2).$$',
      '$$\\mathcal{L} = \\sum_{s=1}^m \\log \\left( \\sum_{k=1}^2 \\pi_k \\mathcal{N}(x_s | \\mu_k, \\sigma_k^2) \\right) = \\sum_{s=1}^m \\log S_s.$$',
    ].join('\n');
    assert.deepEqual(verdictsAt(note, 2), ['pass', 'pass']);
  });
  it('treats ∂Q/∂α_k = 0 as ∂Q/∂π_k = 0 (a condition on the constrained weights, not failed)', () => {
    for (const w of ['\\pi', '\\alpha', '\\omega']) {
      const note = [
        `$$p(x)=\\sum_{k=1}^{K}${w}_k \\mathcal{N}(x; \\mu_k, \\sigma^2_k)$$`,
        `$$\\gamma_{ik} = \\frac{ ${w}_k \\mathcal{N}(x_i;\\mu_k, \\sigma^2_k) }{\\sum_j ${w}_j \\mathcal{N}(x_i;\\mu_j, \\sigma^2_j)} $$`,
        `$$Q = \\sum_i \\sum_k \\gamma_{ik} \\ln \\left( ${w}_k \\mathcal{N}(x_i; \\mu_k, \\sigma^2_k) \\right)$$`,
        `$$\\frac{\\partial Q}{\\partial ${w}_k} = 0$$`,
      ].join('\n');
      assert.deepEqual(verdictsAt(note, 4), ['unchecked'], w);
    }
  });
  it('evaluates p(x_i | π, ν, σ²) with the note\'s own letter for the means', () => {
    for (const m of ['\\mu', '\\nu', 'm']) {
      const note = `$$p(x_i \\mid \\pi, ${m}, \\sigma^2) = \\pi_1 \\mathcal{N}(x_i \\mid ${m}_1, \\sigma_1^2) + \\pi_2 \\mathcal{N}(x_i \\mid ${m}_2, \\sigma_2^2).$$`;
      assert.deepEqual(verdictsAt(note, 1), ['pass'], m);
    }
  });
  it('never passes ∂Q/∂σ_k² = 0 because a Σ elsewhere made the model multivariate', () => {
    // In one dimension ∂Q/∂σ_k² = Σ_i γ_ik ((x_i − μ_k)²/(2σ_k⁴) − 1/(2σ_k²)): "= 0" is a condition, and
    // Σ_i γ_ik (x_i − μ_k)²/σ_k⁴ is wrong. A Σ_k mentioned in prose must not change either.
    const note = [
      '$$p(x)=\\sum_{k=1}^{K}\\pi_k \\mathcal{N}(x; \\mu_k, \\sigma^2_k)$$',
      '$$\\gamma_{ik} = \\frac{ \\pi_k \\mathcal{N}(x_i;\\mu_k, \\sigma^2_k) }{\\sum_j \\pi_j \\mathcal{N}(x_i;\\mu_j, \\sigma^2_j)} $$',
      '$$Q = \\sum_i \\sum_k \\gamma_{ik} \\ln \\left( \\pi_k \\mathcal{N}(x_i; \\mu_k, \\sigma^2_k) \\right)$$',
      '$$\\frac{\\partial Q}{\\partial \\sigma^2_k} = 0$$',
      '$$\\frac{\\partial Q}{\\partial \\sigma^2_k} = \\sum_i \\gamma_{ik} \\frac{(x_i-\\mu_k)^2}{\\sigma_k^4}$$',
      'where $\\Sigma_k$ is unrelated.',
    ].join('\n');
    assert.notDeepEqual(verdictsAt(note, 4), ['pass']);
    assert.deepEqual(verdictsAt(note, 5), ['fail']);
  });
  it('reads ν_1 of a worked example as the mean of component 1 beside bold 𝛎_k in the derivation', () => {
    // The MML example (seed 003) re-lettered μ → ν: μ_1 : −4 → −2.7 there is one EM cycle (it passes with μ).
    const note = [
      '$$p(\\mathbf{x}) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(\\mathbf{x} \\mid \\boldsymbol{\\nu}_k, \\boldsymbol{\\Sigma}_k)$$',
      'Data $\\mathcal{X} = \\{-3, -2.5, -1, 0, 2, 4, 5\\}$, $\\pi_1 = \\pi_2 = \\pi_3 = \\frac{1}{3}$, $\\nu_1 = -4$, $\\nu_2 = 0$, $\\nu_3 = 8$, $\\sigma_1^2 = 1$, $\\sigma_2^2 = 0.2$, $\\sigma_3^2 = 3$.',
      '$\\nu_1 : -4 \\rightarrow -2.7$.',
    ].join('\n');
    assert.deepEqual(verdictsAt(note, 3), ['pass', 'pass']);
  });
  it('reads \\Sigma^n_{i=1} as a sum as \\Sigma_{i=1}^n is, and names the mean in exp(−(y − m_k)²/(2σ_k²)) written with the fraction in front', () => {
    const sum = '$$\\Sigma^N_{i=1} \\gamma_{ik} = \\sum_{i=1}^N \\gamma_{ik}$$';
    assert.deepEqual(verdictsAt(sum, 1), ['pass']);
    // f_k(y_i) = exp{−(y_i − m_k)²/(2σ_k²)}/(σ_k√(2π)) is 𝒩(y_i | m_k, σ_k²).
    const written = '$$f_k(y_i) = \\frac{1}{\\sigma_k\\sqrt{2\\pi}} \\exp\\left\\{ -\\frac{1}{2\\sigma_k^2}\\left(y_i - m_k\\right)^2 \\right\\} = \\mathcal{N}(y_i \\mid m_k, \\sigma_k^2)$$';
    assert.ok(checkNote(written).reading.text.includes('means mₖ'), checkNote(written).reading.text);
  });
});
