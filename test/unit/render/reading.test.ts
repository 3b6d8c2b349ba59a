// How the note's reading reaches people: in Unicode with the note's own index
// letters (symbolToUnicode keeps the bold that tells a vector from a scalar),
// and, in a hover, only the pieces a step uses (claimReading). The expected
// readings follow from what each small note states, not from the tool.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import { claimPlace, claimReading } from '../../../src/core/render/markers';
import { renderNoteBody } from '../../../src/core/render/html';
import { symbolToUnicode } from '../../../src/core/render/unicode';

describe('render: the reading and the places shown to people', () => {
  it('spells symbols in Unicode, bold kept', () => {
    assert.equal(symbolToUnicode('\\mathbf{x}_{i}'), '𝐱ᵢ');
    assert.equal(symbolToUnicode('\\boldsymbol{\\mu}_{k}'), '𝛍ₖ');
    assert.equal(symbolToUnicode('\\mathbf{\\Sigma}_{k}'), '𝚺ₖ');
    assert.equal(symbolToUnicode('\\gamma_{{i}{k}}'), 'γᵢₖ');
    assert.equal(symbolToUnicode('\\mathcal{L}'), '𝓛');
  });

  it('writes a responsibility with the note\'s index letters in the note\'s order', () => {
    // γ_{kj}: the ratio puts the component k first and the point j second.
    const note = '$$p(y_j) = \\sum_{k=1}^K \\alpha_k \\mathcal{N}(y_j \\mid \\mu_k, \\sigma_k^2)$$\n\n'
      + '$$\\gamma_{kj} = \\frac{\\alpha_k \\mathcal{N}(y_j \\mid \\mu_k, \\sigma_k^2)}{\\sum_{l=1}^K \\alpha_l \\mathcal{N}(y_j \\mid \\mu_l, \\sigma_l^2)}$$\n';
    const { reading } = checkNote(note);
    assert.match(reading.text, /responsibilities γₖⱼ \(component index first\)/);
    // The JSON's description keeps its LaTeX form.
    assert.match(reading.description, /responsibilities \\gamma_· \(component index first\)/);
  });

  it('gives a hover the pieces of the reading its step uses, and only those', () => {
    const note = '$$p(x_i) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$\n\n'
      + '$$\\sum_{k=1}^K \\pi_k = 1$$\n\n$$\\frac{1}{\\sqrt{2\\pi}} = \\frac{1}{\\sqrt{2\\pi}}$$\n';
    const r = checkNote(note);
    const [, weights, constant] = r.claims;
    assert.equal(claimReading(r.reading, weights!), 'weights πₖ; component index k (1..K)');
    // The π of 2π is the number, not the weights π_k.
    assert.equal(claimReading(r.reading, constant!), undefined);
    // Letters inside commands are not the symbols: the x of \exp, the i of \pi.
    assert.equal(claimReading(r.reading, { lhs: '\\exp(1)', rhs: '\\pi' }), undefined);
  });

  it('names the line the ✗ sits on: a failing link written on its own row, at that row', () => {
    const lines = ['$$', '\\begin{aligned}', '\\frac{\\partial}{\\partial \\mu_k} \\mu_k^2 &= 2\\mu_k \\\\', '&= 3\\mu_k', '\\end{aligned}', '$$', ''];
    const text = lines.join('\n');
    const r = checkNote(text, { seed: 1, trials: 5 });
    const link = r.claims.find((c) => c.verdict === 'fail')!;
    // The link 2μ_k = 3μ_k starts on line 3 and is broken by `= 3\mu_k` on line 4.
    assert.equal(link.line, 3);
    assert.deepEqual(claimPlace(link), { line: 4, column: lines[3]!.indexOf('3') });
    const html = renderNoteBody(text, r);
    // The marker sits on row 4 (0-based data-line 3) and its label says line 4, as Problems does.
    assert.match(html, /<span class="gmm-marker gmm-fail"[^>]*aria-label="step 2 of 2 fails \(line 4\)[^"]*"[^>]*data-line="3">/);
  });
});
