// Math regions: every delimiter form, exact offsets, code exclusion, the
// dollar rules, unterminated $$, the seed notes, and random input.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { excludedSpans, extractRegions, lineStarts, mayHoldCode, normalizeSameLength } from '../../../src/core/extract/regions';
import type { MathRegion } from '../../../src/core/types';
import { lineOf, seed, seeds } from './helpers';

function latexOf(text: string): string[] {
  return extractRegions(text).regions.map((r) => r.latex);
}

/** Every region's spans agree with the text: delimiters around, content inside. */
function assertConsistent(text: string, regions: MathRegion[]): void {
  regions.forEach((r, i) => {
    assert.equal(r.index, i);
    assert.equal(text.slice(r.content.start, r.content.end), r.latex);
    assert.ok(r.span.start <= r.content.start && r.content.end <= r.span.end);
    assert.equal(r.line, lineOf(text, r.span.start));
    assert.equal(r.endLine, lineOf(text, r.span.end - 1));
    if (i > 0) assert.ok(regions[i - 1].span.end <= r.span.start, 'regions do not overlap');
  });
}

describe('extractRegions', () => {
  it('finds $…$ and $$…$$ with exact offsets and lines', () => {
    const text = 'a $x_i$ b\n\n$$y = 1$$\n';
    const { regions, issues } = extractRegions(text);
    assert.deepEqual(issues, []);
    assert.equal(regions.length, 2);
    assert.deepEqual(regions[0], {
      index: 0, display: false, delimiter: '$', span: { start: 2, end: 7 }, content: { start: 3, end: 6 }, latex: 'x_i', line: 1, endLine: 1,
    });
    assert.deepEqual(regions[1], {
      index: 1, display: true, delimiter: '$$', span: { start: 11, end: 20 }, content: { start: 13, end: 18 }, latex: 'y = 1', line: 3, endLine: 3,
    });
  });

  it('finds display math mid-line, followed by text, and several per line', () => {
    assert.deepEqual(latexOf('see $$a$$ and $$b$$ then $c$.'), ['a', 'b', 'c']);
    const { regions } = extractRegions('$$a$$Using $u$:\n$$b$$$$c$$$$d$$\n');
    assert.deepEqual(regions.map((r) => [r.latex, r.delimiter, r.line]), [
      ['a', '$$', 1], ['u', '$', 1], ['b', '$$', 2], ['c', '$$', 2], ['d', '$$', 2],
    ]);
  });

  it('gets seed 001 lines 104–109 right (display math followed by text; adjacent $$a$$$$b$$)', () => {
    const text = seed('001');
    const { regions } = extractRegions(text);
    const on = (line: number) => regions.filter((r) => r.line === line).map((r) => [r.delimiter, r.latex.slice(0, 12)]);
    assert.deepEqual(on(104), [['$$', "f' = \\frac{\\"], ['$', 'u^{-1/2}'], ['$', 'u = 2\\pi\\sig']]);
    assert.deepEqual(on(107), [['$', "g'"]]);
    assert.deepEqual(on(108), [['$$', "g' = \\frac{\\"], ['$', 'e^u'], ['$', 'u = -\\frac{(']]);
    const l109 = regions.filter((r) => r.line === 109);
    assert.equal(l109.length, 3);
    assert.ok(l109.every((r) => r.delimiter === '$$' && r.latex.startsWith("g' = ")));
    // The three sit back to back: each closing $$ is followed by the next opening one.
    assert.equal(l109[0].span.end, l109[1].span.start);
    assert.equal(l109[1].span.end, l109[2].span.start);
    assert.ok(l109[2].latex.endsWith('(\\sigma_k^2)^{-2} \\right]'));
  });

  it('spans blank lines and "1." lines inside a $$ block (seed 001 lines 47–76)', () => {
    const text = seed('001');
    const block = extractRegions(text).regions.find((r) => r.line === 47);
    assert.ok(block);
    assert.equal(block.endLine, 76);
    assert.ok(block.latex.includes('\n\n= \\frac{1}{\\sqrt{2\\pi\\sigma_k^2}}'));
    assert.ok(block.latex.includes('1. \\text{The derivate'));
  });

  it('finds \\(…\\), \\[…\\] and ```math fences', () => {
    const text = 'a \\(x\\) b\n\\[\ny = 2\n\\]\n\n```math\nz = 3\n```\n';
    const { regions } = extractRegions(text);
    assert.deepEqual(regions.map((r) => [r.delimiter, r.display, r.latex, r.line, r.endLine]), [
      ['\\(', false, 'x', 1, 1],
      ['\\[', true, '\ny = 2\n', 2, 4],
      ['fence', true, 'z = 3', 6, 8],
    ]);
    assertConsistent(text, regions);
    assert.equal(text.slice(regions[2].span.start, regions[2].span.end), '```math\nz = 3\n```');
  });

  it('never looks inside code spans, fenced or indented code blocks', () => {
    const text = [
      'Price `$x$` and ``a $b$ ` c`` and $real$.',
      '',
      '```js',
      'const s = "$$not math$$";',
      '```',
      '',
      '    $indented code$',
      '',
      'end $y$',
    ].join('\n');
    assert.deepEqual(latexOf(text), ['real', 'y']);
  });

  it('follows the Pandoc rules for $', () => {
    assert.deepEqual(latexOf('It costs $5 and $6 today.'), []);
    assert.deepEqual(latexOf('$ x$ and $x $ are not math'), []);
    assert.deepEqual(latexOf('from $20,000 to $30,000'), []);
    assert.deepEqual(latexOf('escaped \\$x\\$ but $y$'), ['y']);
    assert.deepEqual(latexOf('$a\\$b$'), ['a\\$b']);
    assert.deepEqual(latexOf('$x$ and $y$'), ['x', 'y']);
    // An inline $ does not cross a blank line, but does cross a single line break.
    assert.deepEqual(latexOf('$a\n\nb$'), []);
    assert.deepEqual(latexOf('$a\nb$'), ['a\nb']);
  });

  it('does not close $…$ on a digit-followed $', () => {
    // The $ before "1" cannot close, and as in VS Code's preview (markdown-it-katex) the first `$` after an
    // opener decides: the opener was a dollar sign in prose. "$1 and $" cannot pair either (a space before
    // the second), so the formula is b.
    assert.deepEqual(latexOf('$a$1 and $b$'), ['b']);
    assert.deepEqual(latexOf('A run costs $5 and the update $\\mu = 1$ is cheap.'), ['\\mu = 1']);
    assert.deepEqual(latexOf('pay $x$5'), []);
  });

  it('reports an unterminated $$ at its opening and still extracts the rest', () => {
    const text = 'ok $a$\n\n$$b = 1\n\nthen $c$ and\n\n$$\nd\n$$\n';
    const { regions, issues } = extractRegions(text);
    assert.deepEqual(regions.map((r) => r.latex), ['a', 'c', '\nd\n']);
    assert.equal(issues.length, 1);
    assert.equal(issues[0].severity, 'error');
    assert.deepEqual(issues[0].span, { start: 8, end: 10 });
    assert.equal(issues[0].line, 3);
    assert.match(issues[0].message, /Unterminated display math.*\$\$/);
  });

  it('reports a $$ block left open at the end of the note', () => {
    const { regions, issues } = extractRegions('$x$\n$$\na = b\n');
    assert.deepEqual(regions.map((r) => r.latex), ['x']);
    assert.equal(issues.length, 1);
    assert.match(issues[0].message, /end of the note/);
  });

  it('keeps offsets of the original text with \\r\\n line ends', () => {
    const text = 'a $x$\r\n\r\n$$\r\ny\r\n$$\r\n';
    const { regions } = extractRegions(text);
    assertConsistent(text, regions);
    assert.deepEqual(regions.map((r) => [r.latex, r.line, r.endLine]), [['x', 1, 1], ['\r\ny\r\n', 3, 5]]);
  });

  it('finds math in list items and block quotes (indented $$ is not code there)', () => {
    const text = '* **Mean**:\n    $$a = b$$\n\n> quote $c$\n';
    assert.deepEqual(latexOf(text), ['a = b', 'c']);
  });

  const expected: Record<string, number> = { '000': 32, '001': 40, '002': 21, '003': 94, '004': 31 };
  for (const { name, text } of seeds()) {
    it(`seed ${name}: ${expected[name.slice(0, 3)]} regions, consistent spans, no issues`, () => {
      const { regions, issues } = extractRegions(text);
      assert.equal(regions.length, expected[name.slice(0, 3)]);
      assert.deepEqual(issues, []);
      assertConsistent(text, regions);
    });
  }

  it('never throws on random text and keeps spans inside the text, in order, not overlapping', () => {
    const alphabet = fc.constantFrom('$', '$', '\\', '`', '\n', ' ', 'a', '1', '(', ')', '[', ']', '{', '}', '>', '-', '*', '#', '~', '\r', '    ', '```math\n', '```\n');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')), (text) => {
        const { regions, issues } = extractRegions(text);
        let end = 0;
        for (const r of regions) {
          assert.ok(r.span.start >= end && r.span.end <= text.length && r.span.start < r.span.end);
          assert.ok(r.content.start >= r.span.start && r.content.end <= r.span.end && r.content.start <= r.content.end);
          assert.equal(text.slice(r.content.start, r.content.end), r.latex);
          end = r.span.end;
        }
        for (const issue of issues) assert.ok(issue.span.start >= 0 && issue.span.end <= text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('is linear on a large note', () => {
    const page = seeds().map((s) => s.text).join('\n\n');
    const big = page.repeat(Math.ceil(2_000_000 / page.length));
    const pathological = '$5 and '.repeat(100_000) + '\\[a '.repeat(50_000) + '`'.repeat(3) + ' x'.repeat(50_000);
    const t0 = Date.now();
    const { regions } = extractRegions(big);
    extractRegions(pathological);
    const ms = Date.now() - t0;
    assert.ok(regions.length > 10_000);
    assert.ok(ms < 5000, `took ${ms} ms`);
  });
});

describe('mayHoldCode: markdown skipped only where it would exclude nothing', () => {
  // markdown-it's block parse is the oracle: wherever mayHoldCode says no, it finds no code
  // span, code block, fence or raw HTML block; where it finds one, mayHoldCode says yes.
  const agrees = (text: string): void => {
    const src = normalizeSameLength(text);
    const found = excludedSpans(src, lineStarts(src));
    if (found.length) assert.ok(mayHoldCode(src), `markdown excludes ${JSON.stringify(found)} from ${JSON.stringify(text)}`);
  };
  it('written cases: code and HTML behind quote and list markers, tabs, fences, spans', () => {
    const holding = [
      '`x`', '```\nx\n```', '~~~\nx\n~~~', '    code', '\tcode', '> x\n>     code', '-     code', '1. item\n\n        code',
      '- item\n\n      code', '<div>\n$x$\n</div>', '  <!-- c -->', '> <div>', '- <div>\n  x', '1) <p>x</p>', '> - <div>',
      '* a\n  > <pre>\n  > x', '+ <br>', '12. <div>',
    ];
    for (const t of holding) {
      agrees(t);
      assert.ok(mayHoldCode(t), JSON.stringify(t));
    }
    // Nothing that markdown would exclude: math with `<` inside a line, three spaces, lists and quotes.
    for (const t of ['$0 < x$ and $a<b$', 'text\n   $$x = 1$$', '- $a$\n  - $b$', '> $x$\n> $$y$$', 'a < b', '1. $x$ <', '# H\n\n$x$',
      '<https://arxiv.org/abs/1912.13213>', '- <https://a.b/c> and $x$', '<1 point', '< x']) {
      agrees(t);
      assert.equal(mayHoldCode(t), false, JSON.stringify(t));
    }
  });
  it('the seed notes, and every line of them behind quote and list markers', () => {
    for (const { text } of seeds()) {
      agrees(text);
      for (const prefix of ['> ', '- ', '1. ', '  ', '> - ', '   ']) agrees(text.split('\n').map((l) => prefix + l).join('\n'));
    }
  });
  it('random notes of markers, spaces, brackets and math', () => {
    const piece = fc.constantFrom('>', ' ', '  ', '   ', '-', '*', '+', '1.', '2)', '<', '<div>', '</div>', '<!--', '-->', '$x$', '$$', 'a', '\n', '\n\n', '`', '~', '\t', '!!!', '|', '#',
      '<https://a.b>', '<a', 'b', '<pre', '<script', '!', '?', '/', ':', '<x-y', '<?', '<![CDATA[', '1');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (parts) => agrees(parts.join(''))), { numRuns: 3000, seed: 13 });
  });
});
