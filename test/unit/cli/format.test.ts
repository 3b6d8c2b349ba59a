// The text and JSON formatters on hand-made reports, and the KaTeX CSS
// inlining used by the HTML report.
import * as assert from 'node:assert/strict';
import { formatJson, formatText, inlineKatexFonts, loadKatexCss } from '../../../src/cli/format';
import { checkNote } from '../../../src/core/check';
import { assertJsonContract, claim, report } from './helpers';

const mixed = report([
  claim({ verdict: 'pass', line: 3, column: 2 }),
  claim({ verdict: 'unchecked', line: 4, reason: 'condition', message: 'a stationarity condition, not an identity' }),
  claim({ verdict: 'fail', line: 9, column: 4, lhs: '\\frac{a}{b}', rhs: '2c', message: 'differs: 1.5 vs 3.0', cause: 'a factor of 2' }),
  claim({ verdict: 'fail', line: 7, column: 0, message: 'differs at link 2' }),
]);

describe('cli/format', () => {
  describe('formatJson', () => {
    it('prints one document that meets the contract', () => {
      const out = formatJson([{ path: 'notes/mog.md', text: '', report: mixed }]);
      const doc = JSON.parse(out) as Record<string, unknown>;
      assertJsonContract(doc);
      assert.ok(out.endsWith('}\n'));
    });

    it('keeps the contract fields and values, adds cause when present', () => {
      const doc = JSON.parse(formatJson([{ path: 'notes/mog.md', text: '', report: mixed }]));
      const [f] = doc.files;
      assert.equal(f.path, 'notes/mog.md');
      assert.deepEqual(f.summary, { pass: 1, fail: 2, unchecked: 1 });
      assert.deepEqual(f.claims[2], {
        line: 9, endLine: 9, column: 4, kind: 'step', lhs: '\\frac{a}{b}', rhs: '2c',
        verdict: 'fail', reason: null, message: 'differs: 1.5 vs 3.0', cause: 'a factor of 2',
      });
      assert.equal('cause' in f.claims[0], false);
      assert.equal(f.claims[1].reason, 'condition');
      // Internal fields (spans, region index) stay out of the public document.
      assert.equal('lhsSpan' in f.claims[0], false);
    });

    it('forces reason null iff the claim was checked', () => {
      const sloppy = report([
        claim({ verdict: 'pass', reason: 'unsupported' }),
        claim({ verdict: 'unchecked', reason: null }),
      ]);
      const doc = JSON.parse(formatJson([{ path: 'a.md', text: '', report: sloppy }]));
      assertJsonContract(doc);
      assert.equal(doc.files[0].claims[0].reason, null);
      assert.equal(doc.files[0].claims[1].reason, 'unsupported');
    });

    it('lists paths that could not be checked under errors', () => {
      const doc = JSON.parse(formatJson([], [{ path: 'gone.md', message: 'no such file or directory' }]));
      assertJsonContract(doc);
      assert.deepEqual(doc.errors, [{ path: 'gone.md', message: 'no such file or directory' }]);
    });
  });

  describe('formatText', () => {
    const out = formatText([
      { path: 'a.md', text: '', report: mixed },
      { path: 'b.md', text: '', report: report([claim({ verdict: 'pass' })]) },
    ]);
    const lines = out.split('\n');

    it('lists failures first, in source order, with path:line:col (1-based column)', () => {
      assert.equal(lines[0], 'a.md:7:1 ✗ differs at link 2');
      assert.equal(lines[2], 'a.md:9:5 ✗ differs: 1.5 vs 3.0 (likely cause: a factor of 2)');
      assert.equal(lines[3], '    \\frac{a}{b} = 2c');
    });

    it('then the unchecked ones briefly, then the file summary', () => {
      assert.equal(lines[4], 'a.md:4:1 ? unchecked (condition): a stationarity condition, not an identity');
      assert.equal(lines[5], 'a.md: 1 pass, 2 fail, 1 unchecked (model: 1-D, K = 2)');
      assert.ok(out.indexOf('✗') < out.indexOf('? unchecked'));
      assert.equal(out.includes('a.md:3:'), false, 'passing claims are not listed');
    });

    it('ends with a total line', () => {
      assert.ok(out.includes('\nb.md: 1 pass, 0 fail, 0 unchecked (model: 1-D, K = 2)\n'));
      assert.ok(out.endsWith('total: 2 files, 2 pass, 2 fail, 1 unchecked\n'));
    });

    it('counts paths that could not be checked in the total', () => {
      const t = formatText([], [{ path: 'x', message: 'm' }]);
      assert.equal(t, 'total: 0 files, 0 pass, 0 fail, 0 unchecked; 1 path could not be checked\n');
    });

    it('sends people where Problems does: a failing link written on its own row at that row', () => {
      // The link `2μ_k = 3μ_k` starts on line 2 (its left side) and breaks on line 3, where `= 3\mu_k` is written.
      const text = ['$$\\begin{aligned}', '\\frac{\\partial}{\\partial \\mu_k} \\mu_k^2 &= 2\\mu_k \\\\', '&= 3\\mu_k', '\\end{aligned}$$', ''].join('\n');
      const r = checkNote(text, { seed: 1, trials: 5 });
      const link = r.claims.find((c) => c.verdict === 'fail')!;
      assert.equal(link.line, 2, 'the JSON keeps the line where the claim starts');
      assert.deepEqual(link.culpritAt, { line: 3, endLine: 3, column: text.split('\n')[2]!.indexOf('3') });
      const first = formatText([{ path: 'n.md', text, report: r }]).split('\n')[0]!;
      assert.match(first, /^n\.md:3:\d+ ✗ /);
    });

    it('prints how the note was read, in Unicode with the note\'s own index letters', () => {
      const text = '$$p(y_j) = \\sum_{k=1}^K \\alpha_k \\mathcal{N}(y_j \\mid \\mu_k, \\sigma_k^2)$$\n';
      const out = formatText([{ path: 'n.md', text, report: checkNote(text) }]);
      assert.match(out, /^n\.md: read as: data yⱼ; weights αₖ; means μₖ; .*point index j; component index k \(1\.\.K\)$/m);
    });

    it('shows note issues', () => {
      const r = report([]);
      r.issues.push({ severity: 'warning', message: 'unterminated $$', span: { start: 0, end: 2 }, line: 12 });
      assert.ok(formatText([{ path: 'n.md', text: '', report: r }]).includes('n.md:12 warning: unterminated $$'));
    });
  });

  describe('KaTeX CSS for the HTML report', () => {
    it('inlines woff2 and drops woff/ttf', () => {
      const css = '@font-face{font-family:K;src:url(fonts/K.woff2) format("woff2"),url(fonts/K.woff) format("woff"),url(fonts/K.ttf) format("truetype")}.katex{color:red}';
      const out = inlineKatexFonts(css, (rel) => (rel === 'fonts/K.woff2' ? Buffer.from('FONT') : null));
      assert.equal(out, `@font-face{font-family:K;src:url(data:font/woff2;base64,${Buffer.from('FONT').toString('base64')}) format("woff2")}.katex{color:red}`);
    });

    it('loads the real stylesheet with every font inlined', () => {
      const css = loadKatexCss();
      assert.ok(css.includes('.katex'));
      assert.ok(css.includes('data:font/woff2;base64,'));
      assert.equal(/url\(fonts\//.test(css), false, 'no relative font URL is left');
      assert.equal(/\.ttf|format\("woff"\)/.test(css), false);
    });
  });
});
