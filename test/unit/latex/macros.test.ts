// User macros (macros.ts): `\newcommand`/`\def` once at the top of a note, in force for every
// formula after it, as VS Code's preview (KaTeX with globalGroup) and Obsidian draw them. What is
// checked: the expansion keeps note spans (arguments their own, the body the call's), KaTeX's rules
// (which definitions take effect), errors instead of hangs, the parse cache keyed by the macros,
// and the whole loop: a note written with macros is checked and rendered like one written without.
import assert from 'node:assert/strict';
import type { Node } from '../../../src/core/latex/ast';
import { noteMacros, NO_MACROS } from '../../../src/core/latex/macros';
import { parseStatement } from '../../../src/core/latex/parser';
import { extractRegions } from '../../../src/core/extract/regions';
import { brokenFormula } from '../../../src/core/check/broken';
import { checkNote } from '../../../src/core/check';
import { clearEvaluationCache } from '../../../src/core/check/claims';
import { renderNoteBody } from '../../../src/core/render/html';

/** The macros a note's regions define, in force at the end of the note. */
function macrosOf(note: string) {
  return noteMacros(extractRegions(note).regions).at(note.length);
}

function syms(n: Node, out: Node[] = []): Node[] {
  if (n.kind === 'sym') out.push(n);
  for (const v of Object.values(n)) {
    if (v && typeof v === 'object' && 'kind' in (v as object)) syms(v as Node, out);
    if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object' && 'kind' in x) syms(x as Node, out);
  }
  return out;
}

const DEFS = '$\\newcommand{\\bx}{\\mathbf{x}} \\newcommand{\\Nc}[3]{\\mathcal{N}(#1 \\mid #2, #3)} \\def\\bmu{\\boldsymbol{\\mu}}$\n';

describe('user macros', () => {
  it('expands a call: the body takes the span of the call, the arguments keep their own', () => {
    const line = '\\Nc{\\bx_i}{\\bmu_k}{s} = 1';
    const note = `${DEFS}$${line}$\n`;
    const start = note.indexOf(line);
    const r = parseStatement([{ start, text: line }], macrosOf(note));
    assert.equal(r.error, null);
    const lhs = r.chains[0]!.sides[0]!;
    assert.ok(lhs.ok);
    const found = syms(lhs.node);
    const x = found.find((n) => n.kind === 'sym' && n.name === 'x')!;
    const s = found.find((n) => n.kind === 'sym' && n.name === 's')!;
    // \bx (an argument) is itself a call: its body takes the place of `\bx`, inside the argument.
    assert.equal(note.slice(x.span.start, x.span.end), '\\bx_i');
    assert.equal(x.kind === 'sym' && x.font, 'bold');
    assert.equal(note.slice(s.span.start, s.span.end), 's');
    // The whole left side is the call.
    assert.equal(note.slice(lhs.node.span.start, lhs.node.span.end), '\\Nc{\\bx_i}{\\bmu_k}{s}');
  });

  it('every definition takes effect as in MathJax (Obsidian), \\providecommand only for a new name', () => {
    // KaTeX refuses to redefine its ℕ (the formula is reported broken), but the note means 𝒩 by every later \N.
    assert.equal(macrosOf('$\\newcommand{\\N}{\\mathcal{N}}$').map.has('N'), true);
    assert.match(brokenFormula('\\newcommand{\\N}{\\mathcal{N}}', false)?.message ?? '', /redefine/);
    assert.equal(brokenFormula('\\N(x \\mid \\mu, \\sigma^2)', false, macrosOf('$\\newcommand{\\N}{\\mathcal{N}}$')), null);
    assert.equal(macrosOf('$\\renewcommand{\\bq}{q}$').map.has('bq'), true);
    assert.equal(macrosOf('$\\providecommand{\\bq}{q}$ $\\providecommand{\\bq}{r}$').map.get('bq')!.body[0]!.text, 'q');
    assert.equal(macrosOf('$\\providecommand{\\R}{r}$').map.has('R'), false);
    // A single letter KaTeX does not define (katexNames.ts mentions `x`): a new command.
    assert.equal(macrosOf('$\\newcommand{\\x}{\\mathbf{x}}$').map.has('x'), true);
  });

  it('a macro is in force after its definition only, and in the rest of its own formula', () => {
    const note = '$\\bq = 1$ then $\\def\\bq{q} \\bq = q$ and $\\bq = q$';
    const scope = noteMacros(extractRegions(note).regions);
    assert.equal(scope.at(note.indexOf('\\bq = 1')).map.size, 0);
    assert.equal(scope.at(note.lastIndexOf('\\bq = q')).map.has('bq'), true);
    const own = '\\def\\bq{q} \\bq = q';
    const r = parseStatement([{ start: 0, text: own }]);
    assert.equal(r.error, null);
    assert.equal(r.chains.length, 1);
  });

  it('a macro that calls itself or lacks its arguments is an error at the call, never a hang', () => {
    const loop = parseStatement([{ start: 0, text: '\\def\\a{\\a x} \\a = 1' }]);
    assert.match(loop.error?.message ?? '', /calls itself/);
    // As in TeX, any token is an argument (`\Nc{x} = 1` takes `=` and `1`): here the formula ends first.
    const few = parseStatement([{ start: 0, text: 'y = \\Nc{x}' }], macrosOf(DEFS));
    assert.match(few.error?.message ?? '', /\\Nc takes 3 arguments and only 1 follows/);
    assert.equal(few.error!.span.start, 4);
  });

  it('the parse cache keeps statements apart by the macros they call', () => {
    const text = '\\bx_1 = 2';
    const x = parseStatement([{ start: 0, text }], macrosOf('$\\newcommand{\\bx}{x}$'));
    const y = parseStatement([{ start: 0, text }], macrosOf('$\\newcommand{\\bx}{y}$'));
    const name = (r: typeof x) => { const s = r.chains[0]!.sides[0]!; return s.ok ? syms(s.node)[0]!.kind === 'sym' && (syms(s.node)[0] as { name: string }).name : null; };
    assert.equal(name(x), 'x');
    assert.equal(name(y), 'y');
    assert.notEqual(name(parseStatement([{ start: 0, text }], NO_MACROS)), 'x');
  });

  it('KaTeX is asked with the macros: a formula calling one is not broken', () => {
    const table = macrosOf(DEFS);
    assert.equal(brokenFormula('\\bx_i \\in \\mathbb{R}^D', false, table), null);
    assert.match(brokenFormula('\\bx_i \\in \\mathbb{R}^D', false)?.message ?? '', /Undefined control sequence/);
  });

  it('checks a note written with macros like the same note written out', () => {
    const body = (right: string) =>
      `The log-likelihood is $$\\ell = \\sum_{i=1}^N \\log \\sum_{k=1}^K \\pi_k \\Nc{\\bx_i}{\\bmu_k}{\\Sigma_k}$$\n\n` +
      `$$\\frac{\\partial \\ell}{\\partial \\bmu_k} = \\sum_{i=1}^N \\frac{\\pi_k \\Nc{\\bx_i}{\\bmu_k}{\\Sigma_k}}{\\sum_{j=1}^K \\pi_j \\Nc{\\bx_i}{\\bmu_j}{\\Sigma_j}} ${right}$$\n`;
    clearEvaluationCache();
    const good = checkNote(`${DEFS}\n${body('\\Sigma_k^{-1}(\\bx_i - \\bmu_k)')}`);
    const gradient = good.claims.find((c) => c.lhs.includes('\\partial \\ell'));
    assert.equal(gradient?.verdict, 'pass', gradient?.message);
    const bad = checkNote(`${DEFS}\n${body('\\Sigma_k(\\bx_i - \\bmu_k)')}`);
    assert.equal(bad.claims.find((c) => c.lhs.includes('\\partial \\ell'))?.verdict, 'fail');
    // Without the definitions the calls are unknown commands: unchecked, never a verdict.
    const none = checkNote(body('\\Sigma_k^{-1}(\\bx_i - \\bmu_k)'));
    assert.ok(none.claims.length > 0 && none.claims.every((c) => c.verdict === 'unchecked'));
  });

  it('the preview draws the calls with the note\'s macros', () => {
    const note = `${DEFS}\nwhere $\\bx_i \\in \\mathbb{R}^D$ and $$\\Nc{\\bx_i}{\\bmu_k}{\\Sigma_k}$$\n`;
    const html = renderNoteBody(note, checkNote(note));
    assert.doesNotMatch(html, /katex-error/);
    assert.match(html, /mathvariant="bold"/);
  });

  it('a default argument stands at the call (spans never run backwards)', () => {
    const note = 'Setup $\\newcommand{\\tw}[1][\\mu_k]{2 #1}$ here.\n\n$$\\mu_k + \\tw = 3\\mu_k$$\n';
    const line = '\\mu_k + \\tw = 3\\mu_k';
    const start = note.indexOf(line);
    const r = parseStatement([{ start, text: line }], macrosOf(note));
    assert.equal(r.error, null);
    const lhs = r.chains[0]!.sides[0]!;
    assert.ok(lhs.ok && lhs.node.span.start <= lhs.node.span.end && lhs.node.span.start >= start);
    assert.equal(note.slice(lhs.node.span.start, lhs.node.span.end), '\\mu_k + \\tw');
  });

  it('tokens of a body written together stay together (`||#1||` is a norm, a typed log a function)', () => {
    const table = macrosOf('$\\newcommand{\\nrm}[1]{||#1||}$');
    const r = parseStatement([{ start: 0, text: '\\nrm{x}^2 = 1' }], table);
    const lhs = r.chains[0]!.sides[0]!;
    assert.ok(lhs.ok && lhs.node.kind === 'pow' && lhs.node.base.kind === 'abs' && lhs.node.base.norm, JSON.stringify(lhs.ok && lhs.node.kind));
  });

  it('KaTeX reads the definitions itself: a body with #2 and no #1 draws, with the arguments it takes', () => {
    const note = '$\\newcommand{\\pick}[2]{#2}$\n\n$$\\pick{a}{b} = b$$\n';
    assert.equal(brokenFormula('\\pick{a}{b} = b', true, macrosOf(note)), null);
    const html = renderNoteBody(note, checkNote(note));
    assert.doesNotMatch(html, /katex-error/);
  });

  it('expansion is linear: a long chain of macro calls is read, not cut short', () => {
    const defs = '$\\newcommand{\\bmu}{\\boldsymbol{\\mu}} \\newcommand{\\T}{^\\top}$\n';
    const rows = Array.from({ length: 150 }, () => '&= \\bmu_k\\T \\bmu_k \\\\').join('\n');
    const r = checkNote(`${defs}\n$$\\begin{aligned} a ${rows} \\end{aligned}$$\n`);
    assert.ok(r.claims.length >= 150 && r.claims.every((c) => c.reason !== 'parse-error'), r.claims.find((c) => c.reason === 'parse-error')?.message ?? `${r.claims.length} claims`);
  });
});
