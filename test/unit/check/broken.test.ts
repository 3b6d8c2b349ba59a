// Broken formulas and unclosed `$$` are results (issue 12, defect 5): a
// formula that is not valid LaTeX gets an unchecked parse-error claim at the
// place it breaks (even when the break hides its `=`); an unclosed `$$` is
// reported at its opening line and does not take the prose after it, or the
// next formula, into its math.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import { brokenFormula } from '../../../src/core/check/broken';
import { renderNoteBody } from '../../../src/core/render/html';

describe('broken formulas', () => {
  it('an unclosed brace that hides the "=" still gives a claim, at the brace', () => {
    const text = '# T\n\n$$\\frac{a}{b = c$$\n\ntext\n';
    const { claims } = checkNote(text);
    assert.equal(claims.length, 1);
    const [c] = claims;
    assert.equal(c!.verdict, 'unchecked');
    assert.equal(c!.reason, 'parse-error');
    assert.equal(c!.brokenFormula, true);
    assert.equal(c!.line, 3);
    assert.equal(c!.column, text.split('\n')[2]!.lastIndexOf('{'), 'at the "{" that is never closed');
    assert.match(c!.message, /never closed/);
  });

  it('marks the parse errors of formulas KaTeX rejects too, and only those', () => {
    const bad = checkNote('$$\\mu_k = \\frac{1}{N_k}\\sum_{i=1}^N \\gamma_{ik} x_i }$$\n').claims;
    assert.deepEqual(bad.map((c) => [c.reason, c.brokenFormula]), [['parse-error', true]]);
    assert.equal(brokenFormula('\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}', true), null);
    assert.equal(brokenFormula('\\left( x', true)?.message.includes('\\right'), true);
  });
});

describe('an unclosed $$', () => {
  const text = 'start\n$$\n\\mu_k = \\mu_k\nmore text\nstill text\n\n$$\\sigma_k = \\sigma_k$$\n\nend\n';

  it('is reported at its opening line, and the formula after it is checked', () => {
    const report = checkNote(text);
    assert.deepEqual(report.issues.map((i) => [i.line, i.severity]), [[2, 'error']]);
    assert.ok(report.regions.some((r) => r.line === 7 && r.latex === '\\sigma_k = \\sigma_k'), 'the later formula is its own region');
  });

  it('leaves the prose after it as prose in the rendering', () => {
    const html = renderNoteBody(text, checkNote(text));
    assert.match(html, /more text\nstill text<\/p>/);
  });
});
