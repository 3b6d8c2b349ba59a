// The marker plugin in VS Code's own preview (builtin: true): markdown-math's
// math_block tokens carry the formula without the line break after an
// own-line `$$`, and the plugin draws a gather block row by row through that
// renderer, each row beside its own marker, equation numbers kept. A stand-in
// for markdown-math's block rule and renderer is used here (the real one is
// exercised in the VS Code harness, test/extension/editor.test.ts).
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { checkNote } from '../../../src/core/check';
import { markerPlugin, type Markdown } from '../../../src/core/render/markers';

const GATHER = ['# Gather', '', '$$', '\\begin{gather}', '\\frac{\\partial}{\\partial \\mu_k} \\mu_k^2 = 2\\mu_k \\\\',
  '\\frac{\\partial}{\\partial \\mu_k} \\mu_k^3 = \\mu_k^2 \\\\', '\\sum_{k=1}^{2} \\pi_k = 1', '\\end{gather}', '$$', ''].join('\n');

/** Like markdown-math: `$$` alone on a line opens a block whose content starts on the next line. */
function markdownMathLike(): Markdown {
  const md = new MarkdownIt();
  md.block.ruler.before('fence', 'math_block', (state, start, end, silent) => {
    if (state.src.slice(state.bMarks[start]! + state.tShift[start]!, state.eMarks[start]).trim() !== '$$') return false;
    const lines: string[] = [];
    let next = start + 1;
    for (; next < end; next++) {
      const l = state.src.slice(state.bMarks[next], state.eMarks[next]);
      if (l.trim() === '$$') break;
      lines.push(l);
    }
    if (silent) return true;
    const t = state.push('math_block', 'math', 0);
    t.block = true;
    t.content = lines.join('\n');
    t.map = [start, next + 1];
    state.line = next + 1;
    return true;
  });
  md.renderer.rules['math_block'] = (tokens, idx) => `<p class="katex-block">${tokens[idx]!.content}</p>`;
  return md;
}

describe('markers in VS Code\'s preview (builtin)', () => {
  it('draws each row of a gather block with its own marker, the ✗ beside the wrong row, numbered', () => {
    const md = markdownMathLike();
    markerPlugin(md, () => checkNote(GATHER), { builtin: true });
    const rows = md.render(GATHER).split('class="gmm-row ').slice(1);
    assert.deepEqual(rows.map((r) => /^gmm-row-(\w+)/.exec(r)?.[1]), ['pass', 'fail', 'pass']);
    assert.match(rows[2]!, /\\tag\{3\}/);
  });

  it('puts no marker on a note without GMM math the checker could check (auto mode is the extension\'s)', () => {
    const md = markdownMathLike();
    markerPlugin(md, () => undefined, { builtin: true });
    assert.doesNotMatch(md.render('$$\nE = mc^2\n$$\n'), /gmm-marker/);
  });
});
