// The markdown-it plugin: math tokens carry the index of the same region in
// extractRegions, every region is rendered exactly once and in order (seeds
// and random notes), block tokens carry line maps, the default HTML escapes.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { mathPlugin, type MathEnv, type MathTokenMeta } from '../../../src/core/extract/markdownIt';
import { extractRegions } from '../../../src/core/extract/regions';
import { seed, seeds } from './helpers';

const md = new MarkdownIt({ html: true }).use(mathPlugin);

/** Math tokens in document order, with their region index. */
function mathTokens(text: string): { type: string; index: number; content: string; map: [number, number] | null }[] {
  const out: { type: string; index: number; content: string; map: [number, number] | null }[] = [];
  const visit = (tokens: InstanceType<typeof MarkdownIt>['core']['State']['prototype']['tokens']): void => {
    for (const t of tokens) {
      if (t.type === 'math_inline' || t.type === 'math_block') {
        out.push({ type: t.type, index: (t.meta as MathTokenMeta).regionIndex, content: t.content, map: t.map });
      }
      if (t.children) visit(t.children);
    }
  };
  visit(md.parse(text, {}));
  return out;
}

function renderedRegions(html: string): number[] {
  return [...html.matchAll(/data-region="(\d+)"/g)].map((m) => Number(m[1]));
}

describe('mathPlugin', () => {
  for (const { name, text } of seeds()) {
    it(`seed ${name}: renders every region exactly once, in order, with its LaTeX`, () => {
      const { regions } = extractRegions(text);
      const tokens = mathTokens(text);
      assert.deepEqual(tokens.map((t) => t.index), regions.map((r) => r.index));
      assert.deepEqual(tokens.map((t) => t.content), regions.map((r) => r.latex));
      const html = md.render(text);
      assert.deepEqual(renderedRegions(html), regions.map((r) => r.index));
      assert.ok(!/[\uE000-\uE001]/.test(html), 'no placeholder leaks into the HTML');
    });
  }

  it('makes blocks of whole-line display math (with line maps) and keeps mid-line display math inline', () => {
    const tokens = mathTokens(seed('001'));
    const regions = extractRegions(seed('001')).regions;
    const byLine = (line: number) => tokens.filter((t) => regions[t.index].line === line).map((t) => t.type);
    assert.deepEqual(byLine(104), ['math_inline', 'math_inline', 'math_inline']);
    assert.deepEqual(byLine(109), ['math_block', 'math_block', 'math_block']);
    const big = tokens.find((t) => regions[t.index].line === 47);
    assert.deepEqual(big && [big.type, big.map], ['math_block', [46, 76]]);
  });

  it('does not let math inside $$ break the markdown around it', () => {
    const html = md.render('Intro\n$$\n1. \\text{step} \\\\\n\n# x = 1\n$$\nafter *em*\n');
    assert.ok(!html.includes('<ol') && !html.includes('<h1'), html);
    assert.match(html, /<p>Intro<\/p>\n<div class="math-block" data-region="0" data-line="1">\n1\. \\text\{step\} \\\\\n\n# x = 1\n<\/div>\n<p>after <em>em<\/em><\/p>/);
  });

  it('renders ```math fences as math blocks and leaves code alone', () => {
    const html = md.render('```math\na < b\n```\n\n`$x$` and $y$\n');
    assert.equal(html, '<div class="math-block" data-region="0" data-line="0">a &lt; b</div>\n<p><code>$x$</code> and <span class="math-inline" data-region="1">y</span></p>\n');
  });

  it('marks display math inside a line of text as display', () => {
    const html = md.render('$$a$$ then text\n');
    assert.equal(html, '<p><span class="math-inline math-display" data-region="0">a</span> then text</p>\n');
  });

  it('leaves the regions in env for the renderer', () => {
    const env: MathEnv = {};
    md.render('$a$ and $$b$$', env);
    assert.deepEqual(env.mathRegions?.map((r) => r.latex), ['a', 'b']);
  });

  // Known limit, left out of the alphabet: list markers inside a $$ block
  // ("$$\n1. d\n$$") open a list for extractRegions' code detection, which can
  // change whether a later indented line is code.
  it('matches extractRegions on random notes: each region once, in order', () => {
    const piece = fc.constantFrom(
      '$a$', '$$b$$', '$$\nc\n\nd\n$$', '\\(e\\)', '\\[f\\]', '`$g$`', '```\n$h$\n```', '```math\ni\n```', '\n', '\n\n', ' ', 'x',
      '- ', '> ', '# ', '    ', '1. ', '*', '`', '$', '\\', '[l](u)', '<div>', '|a|b|\n|-|-|\n', '\r\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((a) => a.join('')), (text) => {
        const env: MathEnv = {};
        const html = md.render(text, env);
        const regions = env.mathRegions ?? [];
        assert.equal(regions.length, extractRegions(text).regions.length);
        assert.deepEqual(renderedRegions(html), regions.map((r) => r.index));
      }),
      { numRuns: 3000 },
    );
  });
});
