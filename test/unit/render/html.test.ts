// renderNoteBody / renderReportPage on hand-built reports: markers for each
// verdict with their labels and source lines, the summary bar, that nothing in
// a note can produce executable HTML, that one bad formula does not spoil the
// rest, and that the seed notes render without KaTeX errors.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../../../src/core/check';
import { extractRegions } from '../../../src/core/extract/regions';
import { MAX_RENDERED_FORMULAS, renderNoteBlocks, renderNoteBody, renderReportPage, safeLink } from '../../../src/core/render/html';
import { NO_READING } from '../../../src/core/check/reading';
import type { Claim, NoteReport, Verdict } from '../../../src/core/types';

const examples = path.join(__dirname, '..', '..', '..', 'examples');

function report(text: string, claims: Claim[] = []): NoteReport {
  const summary = { pass: 0, fail: 0, unchecked: 0 };
  for (const c of claims) summary[c.verdict]++;
  return { regions: extractRegions(text).regions, claims, issues: [], summary, model: { K: 2, D: 1, description: '1-D, K = 2' }, reading: NO_READING };
}

/** A claim on `lhs = rhs` found in the text (the first occurrence of `lhs` at or after `from`). */
function claim(text: string, regionIndex: number, lhs: string, rhs: string, verdict: Verdict, message: string, from = 0): Claim {
  const ls = text.indexOf(lhs, from);
  const rs = text.indexOf(rhs, ls + lhs.length);
  assert.ok(ls >= 0 && rs >= 0, `${lhs} = ${rhs} in the fixture`);
  const line = text.slice(0, ls).split('\n').length;
  return {
    line, endLine: text.slice(0, rs).split('\n').length, column: ls - text.lastIndexOf('\n', ls - 1) - 1,
    kind: 'step', lhs, rhs, relation: '=', verdict,
    reason: verdict === 'unchecked' ? 'abstract-function' : null, message,
    lhsSpan: { start: ls, end: ls + lhs.length }, rhsSpan: { start: rs, end: rs + rhs.length },
    culprit: { start: rs, end: rs + rhs.length }, regionIndex,
  };
}

/** Visible text of an HTML fragment (tags dropped, the few entities we emit decoded). */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

const NOTE = [
  '# Mean gradient',            // 0
  '',                           // 1
  '$$',                         // 2
  '\\begin{aligned}',           // 3
  'a &= b \\\\',                // 4
  '&= c',                       // 5
  '\\end{aligned}',             // 6
  '$$',                         // 7
  '',                           // 8
  'Inline $f(x) = g(x)$ here.', // 9
  '',
].join('\n');

function noteReport(): NoteReport {
  return report(NOTE, [
    claim(NOTE, 0, 'a', 'b', 'pass', 'agrees at 5 random GMM instances', NOTE.indexOf('a &= b')),
    claim(NOTE, 0, 'b', 'c', 'fail', 'differs: 1.5 vs 3 (a factor 2)', NOTE.indexOf('a &= b') + 4),
    claim(NOTE, 1, 'f(x)', 'g(x)', 'unchecked', 'abstract function f'),
  ]);
}

describe('render/html', () => {
  // A marker points at the line where its step ends (`= …` continuing a chain is written there).
  it('marks each claim with icon, class, label and the 0-based line where its step ends', () => {
    const html = renderNoteBody(NOTE, noteReport());
    const markers = [...html.matchAll(/<span class="gmm-marker gmm-(\w+)"[^>]*aria-label="([^"]*)"[^>]*data-line="(\d+)">(.)<\/span>/g)]
      .map((m) => ({ verdict: m[1], label: m[2], line: Number(m[3]), icon: m[4] }));
    assert.deepEqual(markers.map((m) => [m.verdict, m.line, m.icon]), [
      ['pass', 4, '✓'], ['fail', 5, '✗'], ['unchecked', 9, '?'],
    ]);
    assert.equal(markers[0]!.label, 'step 1 of 2 passes (line 5): agrees at 5 random GMM instances');
    assert.equal(markers[1]!.label, 'step 2 of 2 fails (line 5): differs: 1.5 vs 3 (a factor 2)');
    assert.equal(markers[2]!.label, 'step 1 of 1 is unchecked (line 10): abstract function f');
    // The message of a failing step is visible beside the block, not only in a tooltip.
    assert.match(html, /<li class="gmm-note gmm-fail" data-line="5">.*step 2 of 2 fails/);
    // The block wrapper sits on the line of the opening $$ and shows its worst verdict.
    assert.match(html, /<div class="gmm-block gmm-block-fail[^"]*" data-line="2">/);
    // A multi-row environment is drawn row by row, each row with the markers of the steps it ends.
    assert.match(html, /<div class="gmm-row gmm-row-pass" data-line="4">.*<div class="gmm-row gmm-row-fail" data-line="5">/s);
    // Inline math gets a superscript marker right after the formula.
    assert.match(html, /<\/span><sup class="gmm-inline-markers"><span class="gmm-marker gmm-unchecked"/);
  });

  it('puts data-line on block elements and shows the summary bar', () => {
    const html = renderNoteBody(NOTE, noteReport());
    assert.match(html, /<h1 data-line="0">Mean gradient<\/h1>/);
    assert.match(html, /<p data-line="9">Inline /);
    assert.match(html, /class="gmm-math-display" data-line="2"/);
    const summary = textOf(html.slice(0, html.indexOf('<div class="gmm-note-body">')));
    assert.match(summary, /✓ 1 passed · ✗ 1 failed · \? 1 unchecked/);
    assert.match(summary, /Model: 1-D, K = 2/);
  });

  it('leaves data-line out when asked', () => {
    assert.doesNotMatch(renderNoteBody(NOTE, noteReport(), { sourceLines: false }), /data-line/);
  });

  it('still shows the verdicts of a region whose formula it could not place', () => {
    const r = noteReport();
    const orphan = { ...r.claims[1]!, regionIndex: 99, line: 7 };
    const html = renderNoteBody(NOTE, { ...r, claims: [r.claims[0]!, orphan, r.claims[2]!] });
    assert.match(html, /gmm-detached/);
    assert.match(textOf(html), /step 1 of 1 fails \(line 7\)/);
  });

  it('turns nothing in a note into executable HTML', () => {
    const evil = [
      '<script>alert(1)</script>',
      '',
      '<img src=x onerror=alert(2)>',
      '',
      '[a](javascript:alert(3)) [b](JaVaScRiPt:alert(4)) [c](vbscript:msgbox(5)) [d](data:text/html;base64,PHNjcmlwdD4=)',
      '',
      '<javascript:alert(6)> ![e](javascript:alert(7)) [f](java\tscript:alert(8))',
      '',
      '$\\href{javascript:alert(9)}{x}$ and $\\url{javascript:alert(10)}$ and $\\htmlClass{pwned}{y}$',
      '',
      '$$\\htmlData{onclick=alert(11)}{z} \\htmlStyle{background:url(javascript:alert(12))}{w} \\includegraphics{x.png}$$',
      '',
      '<a href="javascript:alert(13)">g</a> <svg onload=alert(14)>',
    ].join('\n');
    const html = renderNoteBody(evil, report(evil));
    // Only real tags matter: text is escaped, so a tag is whatever starts with "<".
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    assert.deepEqual(tags.filter((t) => /^<(script|img|svg|iframe|object|embed|a)\b/i.test(t)), [], 'no active element');
    assert.deepEqual(tags.filter((t) => /\son\w+\s*=/i.test(t)), [], 'no event handler attribute');
    assert.deepEqual(tags.filter((t) => /(href|src)\s*=\s*"?\s*(javascript|vbscript|data):/i.test(t)), [], 'no script URL');
    assert.doesNotMatch(html, /pwned"|class="[^"]*\bpwned\b/, '\\htmlClass is not trusted');
    assert.doesNotMatch(html, /<svg/i);
    // The raw HTML is still shown, as text.
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('rejects script and data links', () => {
    for (const bad of ['javascript:x', ' JAVASCRIPT:x', 'java\tscript:x', 'vbscript:x', 'data:text/html,x', 'data:image/png;base64,AA', 'file:///etc/passwd']) {
      assert.equal(safeLink(bad), false, bad);
    }
    for (const good of ['https://example.org/a', '#section', 'notes/other.md', 'mailto:a@b.c']) assert.equal(safeLink(good), true, good);
  });

  it('renders the rest of the note when one formula does not parse', () => {
    const text = 'Broken $\\frac{a$ then fine $x^2 + y$ and\n\n$$\\sum_{i=1}^N \\gamma_{ik}$$\n';
    const html = renderNoteBody(text, report(text));
    assert.equal(html.match(/katex-error/g)?.length, 1);
    assert.equal(html.match(/class="katex-display"/g)?.length, 1);
    assert.ok((html.match(/class="katex"/g)?.length ?? 0) >= 2);
    assert.match(html, /then fine/);
  });

  it('renders every seed note without a KaTeX error', () => {
    const notes = readdirSync(examples).filter((f) => f.endsWith('.md'));
    assert.ok(notes.length > 0);
    for (const f of notes) {
      const text = readFileSync(path.join(examples, f), 'utf8');
      const html = renderNoteBody(text, report(text));
      const errors = [...html.matchAll(/class="katex-error[^"]*" title="([^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(errors, [], f);
      assert.ok((html.match(/class="katex"/g)?.length ?? 0) >= 5, `${f} has its math rendered`);
    }
  });

  it('cuts the same HTML into top-level blocks (what the preview patches)', () => {
    const joined = (b: ReturnType<typeof renderNoteBlocks>) => `${b.summary}<div class="gmm-note-body">\n${b.blocks.join('')}</div>\n`;
    const notes = readdirSync(examples).filter((f) => f.endsWith('.md'));
    for (const f of notes) {
      const text = readFileSync(path.join(examples, f), 'utf8');
      // The checker's own report, so the marker wrappers and rows are there too.
      const r = checkNote(text, { seed: 1, trials: 2 });
      const b = renderNoteBlocks(text, r);
      assert.ok(b.blocks.length > 1, `${f}: ${b.blocks.length} blocks`);
      assert.equal(joined(b), renderNoteBody(text, r), f);
      assert.equal(joined(renderNoteBlocks(text, r, { sourceLines: false })), renderNoteBody(text, r, { sourceLines: false }), f);
    }
    // Marker wrappers (also inside a list, where their tokens' level is wrong), detached notes and tight lists.
    const r = noteReport();
    const orphan = { ...r.claims[1]!, regionIndex: 99, line: 7 };
    const listed = `${NOTE}\n- item\n- item $y$\n\n  $$\nz = w\n  $$\n\n> quote\n`;
    const cases: [string, NoteReport][] = [[NOTE, r], [NOTE, { ...r, claims: [r.claims[0]!, orphan, r.claims[2]!] }], [listed, report(listed)]];
    for (const [text, rep] of cases) {
      const b = renderNoteBlocks(text, rep);
      assert.equal(joined(b), renderNoteBody(text, rep));
      for (const block of b.blocks) assert.equal(block.match(/<div\b/g)?.length ?? 0, block.match(/<\/div>/g)?.length ?? 0, `balanced: ${block}`);
    }
    // The formula budget counts across blocks, as in one render.
    const many = Array.from({ length: MAX_RENDERED_FORMULAS + 3 }, (_, i) => `$x_{${i}}$`).join('\n\n');
    const m = renderNoteBlocks(many, report(many));
    assert.equal(joined(m), renderNoteBody(many, report(many)));
    assert.equal(m.blocks.filter((x) => x.includes('gmm-tex-source')).length, 3);
  });

  describe('the note\'s reading in the summary bar', () => {
    // A mixture sum with α_k names the weights and k the component index; the data slot of the Gaussian y_j and j the points.
    const MIXTURE = '# Mixture\n\n$$p(y_j) = \\sum_{k=1}^K \\alpha_k \\mathcal{N}(y_j \\mid \\mu_k, \\sigma_k^2)$$\n\n$$\\sum_{k=1}^K \\alpha_k = 1$$\n';

    it('says how the symbols were read, in Unicode, under the counts, on one line that opens in full', () => {
      const html = renderNoteBody(MIXTURE, checkNote(MIXTURE));
      const m = /<details class="gmm-reading"><summary>(.*?)<\/summary><div class="gmm-reading-full">(.*?)<\/div><\/details>/.exec(html);
      assert.ok(m, 'a closed <details> in the summary bar');
      assert.ok(html.indexOf(m[0]) < html.indexOf('<div class="gmm-note-body">'));
      const want = 'data yⱼ; weights αₖ; means μₖ; standard deviations σₖ; point index j; component index k (1..K)';
      assert.equal(textOf(m[1]!), `Read as: ${want}`);
      assert.equal(textOf(m[2]!), want);
      assert.doesNotMatch(m[0], /\\alpha|_·/);
    });

    it('escapes the reading and leaves it out when the note states nothing', () => {
      const parts = [{ text: 'weights <img src=x onerror=alert(1)>', names: [] }];
      const html = renderNoteBody(NOTE, { ...noteReport(), reading: { ...NO_READING, parts, text: parts[0]!.text } });
      assert.doesNotMatch(html, /<img/);
      assert.doesNotMatch(renderNoteBody(NOTE, noteReport()), /gmm-reading/);
    });

    it('is in the standalone report too', () => {
      const page = renderReportPage([{ path: 'mix.md', text: MIXTURE, report: checkNote(MIXTURE) }], { katexCss: '' });
      assert.match(textOf(page), /Read as: data yⱼ; weights αₖ/);
    });
  });

  it('builds a standalone page with a strict CSP and no script', () => {
    const page = renderReportPage([
      { path: 'notes/a&b.md', text: NOTE, report: noteReport() },
      { path: 'notes/empty.md', text: 'no math', report: report('no math') },
    ], { katexCss: '.katex{font:normal 1.21em KaTeX_Main}</style><img src=x onerror=alert(1)>' });
    assert.match(page, /^<!DOCTYPE html>/);
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">/);
    assert.doesNotMatch(page, /<script/i);
    assert.equal(page.match(/<\/style/gi)?.length, 1, 'the CSS text cannot close the style element');
    assert.match(page, /notes\/a&amp;b\.md/);
    assert.equal(page.match(/class="gmm-summary /g)?.length, 2);
    assert.doesNotMatch(page, /data-line/);
    assert.match(page, /gmm-marker gmm-fail/);
  });
});
