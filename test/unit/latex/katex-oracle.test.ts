// KaTeX as an oracle of "valid LaTeX": for every input KaTeX's renderer
// accepts (the seed notes' math, raw and as statements, and a few hundred
// expressions generated from the constructs our grammar supports), our
// parseStatement returns chains or a positioned error and never throws, and
// parseExpression throws nothing but LatexError.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import katex from 'katex';
import { extractRegions } from '../../../src/core/extract/regions';
import { extractStatements } from '../../../src/core/extract/statements';
import { LatexError } from '../../../src/core/latex/errors';
import { parseExpression, parseStatement } from '../../../src/core/latex/parser';

function katexAccepts(s: string): boolean {
  try {
    katex.renderToString(s, { throwOnError: true, displayMode: true, strict: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The contract on one input; returns a description of the violation, or null. */
function violation(s: string): string | null {
  const seg = [{ text: s, start: 0 }];
  try {
    const r = parseStatement(seg);
    if (r.error && !(r.error instanceof LatexError)) return 'parseStatement returned a non-LatexError';
    if (r.error && (r.error.span.start < 0 || r.error.span.end > s.length)) return `error span ${r.error.span.start}-${r.error.span.end} outside the input`;
    for (const c of r.chains) {
      for (const side of c.sides) {
        if (!side.ok && (side.errorSpan.start < 0 || side.errorSpan.end > s.length)) return 'side error span outside the input';
      }
    }
  } catch (e) {
    return `parseStatement threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  try {
    parseExpression(seg);
  } catch (e) {
    if (!(e instanceof LatexError)) return `parseExpression threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  return null;
}

/** Raw region LaTeX and parser statements of the five seeds. */
function seedInputs(): string[] {
  const dir = join(__dirname, '../../../examples');
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((n) => /^\d{3}_.*\.md$/.test(n)).sort()) {
    const text = readFileSync(join(dir, f), 'utf8');
    const { regions } = extractRegions(text);
    for (const r of regions) out.push(r.latex);
    for (const st of extractStatements(text, regions)) out.push(st.segments.map((s) => s.text).join(' '));
  }
  return out;
}

// ------------------------------------------------------------------ generated LaTeX

const symbol = fc.constantFrom(
  'x', 'a', 'b', 'N', 'K', '2', '1', '0.5', '\\pi', '\\mu', '\\sigma', '\\Sigma', '\\theta', '\\lambda', '\\gamma_{ik}',
  'x_i', 'x_n', '\\mu_k', '\\sigma_k^2', '\\Sigma_k', '\\pi_k', 'N_k', 'r_{nk}', '\\mathcal{L}', '\\ell', '\\mathbf{x}_i',
  '\\boldsymbol{\\mu}_k', '\\mathbf{I}', '\\mu_k^{new}', '\\mu^{(t)}', 'e', '\\mathcal{N}',
);

const relation = fc.constantFrom('=', ':=', '\\approx', '\\leq', '\\geq', '\\in', '\\to', '\\iff', '\\Rightarrow', '\\propto', '<', '\\neq');

type Build = (...parts: string[]) => string;
const unary: Build[] = [
  (a) => `\\left( ${a} \\right)`, (a) => `\\left[ ${a} \\right]`, (a) => `\\left| ${a} \\right|`, (a) => `(${a})`,
  (a) => `\\sqrt{${a}}`, (a) => `\\log(${a})`, (a) => `\\log ${a}`, (a) => `\\ln\\left(${a}\\right)`, (a) => `\\exp(${a})`,
  (a) => `\\exp\\left\\{ ${a} \\right\\}`, (a) => `\\det(${a})`, (a) => `e^{${a}}`, (a) => `{${a}}^{-1}`, (a) => `{${a}}^\\top`,
  (a) => `{${a}}^T`, (a) => `{${a}}^{2}`, (a) => `-${a}`, (a) => `\\sum_{i=1}^{N} ${a}`, (a) => `\\sum ^{K}_{k=1} ${a}`,
  (a) => `\\prod_{n=1}^N ${a}`, (a) => `\\frac{\\partial}{\\partial \\mu_k} ${a}`, (a) => `\\frac{\\partial ${a}}{\\partial \\sigma_k^2}`,
  (a) => `\\mathbf{${a}}`, (a) => `\\boldsymbol{${a}}`, (a) => `\\Big( ${a} \\Big)`, (a) => `|${a}|`, (a) => `\\mathcal{N}(x_i \\mid ${a}, \\Sigma_k)`,
  (a) => `\\displaystyle ${a}`, (a) => `\\underbrace{${a}}_{\\text{term}}`,
];
const binary: Build[] = [
  (a, b) => `\\frac{${a}}{${b}}`, (a, b) => `${a} + ${b}`, (a, b) => `${a} - ${b}`, (a, b) => `${a} \\cdot ${b}`,
  (a, b) => `${a} \\times ${b}`, (a, b) => `${a} ${b}`, (a, b) => `${a}/${b}`, (a, b) => `{${a}}^{${b}}`,
  (a, b) => `p(${a} | ${b})`, (a, b) => `N(x \\mid ${a}, ${b})`, (a, b) => `\\sqrt[${a}]{${b}}`, (a, b) => `\\underbrace{${a}}_{${b}}`,
];

const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    symbol,
    fc.tuple(fc.integer({ min: 0, max: unary.length - 1 }), tie('e')).map(([i, a]) => unary[i](a)),
    fc.tuple(fc.integer({ min: 0, max: binary.length - 1 }), tie('e'), tie('e')).map(([i, a, b]) => binary[i](a, b)),
  ),
})).e;

/** A statement: one or more chains joined by commas, each `E rel E (rel E)`. */
const statement = fc.array(
  fc.tuple(expression, fc.array(fc.tuple(relation, expression), { minLength: 0, maxLength: 2 }))
    .map(([first, rest]) => [first, ...rest.map(([r, e]) => `${r} ${e}`)].join(' ')),
  { minLength: 1, maxLength: 2 },
).map((chains) => chains.join(', \\quad '));

describe('KaTeX oracle: what KaTeX accepts, our parser handles without throwing', () => {
  it('every seed math piece (raw regions and statements)', () => {
    const inputs = seedInputs();
    let accepted = 0;
    for (const s of inputs) {
      if (!katexAccepts(s)) continue;
      accepted++;
      assert.equal(violation(s), null, s);
    }
    // The seeds are rendered by KaTeX in the preview: nearly all must pass the filter.
    assert.ok(accepted >= inputs.length * 0.9, `KaTeX accepts only ${accepted} of ${inputs.length} seed inputs`);
  });

  it('a few hundred generated expressions built from the supported constructs', () => {
    let accepted = 0;
    let total = 0;
    fc.assert(
      fc.property(statement, (s) => {
        total++;
        if (!katexAccepts(s)) return true;
        accepted++;
        const v = violation(s);
        if (v !== null) throw new Error(`${v}\n  input: ${s}`);
        return true;
      }),
      { numRuns: 400, seed: 20240601 },
    );
    // Guard against a generator that KaTeX mostly rejects (the test would check nothing).
    assert.ok(accepted >= 300, `KaTeX accepted only ${accepted} of ${total} generated inputs`);
  });
});
