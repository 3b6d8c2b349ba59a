// Messages a student can act on (issue 12, defect 4): a failing step's message
// leads with what is wrong (and how to fix it), ends with the evidence, names
// the sample point by parameter values, writes math in Unicode, and for
// matrices names the pattern of the difference and the entry that differs most.
// The JSON keeps `message` plain text and carries the evidence as `values`.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import { toJsonReport } from '../../../src/cli/format';

const fails = (text: string) => checkNote(text).claims.filter((c) => c.verdict === 'fail');

describe('messages of failing steps', () => {
  const meanGradient = '$$\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = \\sum_{i=1}^m \\gamma_{ik} \\frac{x_i - \\mu_k}{\\sigma_k^2}$$';

  it('lead with the cause and end with the values at a point given in parameter values', () => {
    const [c] = fails(meanGradient.replace('\\sum', '2\\sum'));
    assert.ok(c);
    const cause = c.message.search(/twice the left/);
    const evidence = c.message.search(/At k = 1 \(π₁ = [\d.]+, μ₁ = [-\d.]+, σ₁² = [\d.]+\): left [-\d.]+, right [-\d.]+\.$/);
    assert.ok(cause >= 0 && evidence > cause, c.message);
    assert.doesNotMatch(c.message, /instance|\\[a-z]/);
    assert.match(c.values?.at ?? '', /^k = 1 \(π₁ = /);
  });

  it('say a side is 0 (up to rounding), not that it is 1e-17 times the other', () => {
    // Σ_i γ_ik (x_i − μ_k^new) = 0 exactly at the M-step mean; computed, it is a rounding error of about 1e-16.
    const [l] = fails('$$\\sum_{i=1}^N \\gamma_{ik} (x_i - \\mu_k^{new}) = \\mu_k$$');
    assert.match(l?.message ?? '', /^The left side is 0 at every sample point \(up to rounding\) and the right is not\./);
    const [r] = fails('$$\\mu_k^{(0)} = \\sum_{i=1}^N \\gamma_{ik} (x_i - \\mu_k^{new})$$');
    assert.match(r?.message ?? '', /^The right side is 0 at every sample point/);
    assert.doesNotMatch(r?.message ?? '', /factor/);
  });

  it('write the note\'s LaTeX in Unicode (a derivative used as an operator)', () => {
    const [c] = fails('$$\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = \\sum_{i=1}^m \\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} \\left[ \\log \\pi_k \\right]$$');
    assert.ok(c);
    assert.match(c.message, /^Notation: ∂𝓛\/∂μₖ is already a derivative/);
    assert.doesNotMatch(c.message, /\\frac|\\partial|\\mathcal/);
  });

  it('name the pattern of a matrix difference (a transpose) and the entry that differs most', () => {
    const [c] = fails('$$\\Sigma_k^{-1} (x_i - \\mu_k)(x_i - \\mu_k)^\\top = (x_i - \\mu_k)(x_i - \\mu_k)^\\top \\Sigma_k^{-1}$$');
    assert.ok(c);
    assert.match(c.message, /^The right side is the transpose of the left/);
    assert.match(c.message, /entry \(\d, \d\) differs most: left [-\d.]+, right [-\d.]+\.$/);
    assert.doesNotMatch(c.message, /\[\[/, 'no whole matrices in the message');
  });

  it('keep the JSON message plain text and add the evidence as fields', () => {
    const text = meanGradient.replace('\\sum', '2\\sum');
    const json = toJsonReport([{ path: 'n.md', text, report: checkNote(text) }]);
    const claim = json.files[0]!.claims[0]!;
    assert.equal(claim.verdict, 'fail');
    assert.equal(typeof claim.message, 'string');
    assert.deepEqual(Object.keys(claim.values ?? {}).sort(), ['at', 'lhs', 'rhs']);
  });
});
