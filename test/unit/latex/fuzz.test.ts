// Property tests of the parser's robustness: random token soup over a
// LaTeX-ish alphabet (characters and the grammar's control words) and
// mutations of the seed notes' pieces (a token deleted, inserted or
// duplicated) never make parseStatement throw, parseExpression throws only
// LatexError, and no single parse takes longer than a bound.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { extractRegions } from '../../../src/core/extract/regions';
import { extractStatements } from '../../../src/core/extract/statements';
import { LatexError } from '../../../src/core/latex/errors';
import { clearParseCache, parseExpression, parseStatement } from '../../../src/core/latex/parser';
import type { Segment } from '../../../src/core/types';

/**
 * One parse of a short formula takes tens of microseconds; 200 ms means a
 * hang or a blow-up (exponential backtracking), not a slow machine.
 */
const MAX_PARSE_MS = 200;

function checkNoThrow(segments: Segment[]): void {
  const t0 = performance.now();
  try {
    parseStatement(segments);
  } catch (e) {
    throw new Error(`parseStatement threw ${errorText(e)} on ${JSON.stringify(segments.map((s) => s.text))}`);
  }
  let ms = performance.now() - t0;
  if (ms > MAX_PARSE_MS) {
    // A blow-up is slow every time; a pause of a loaded machine (garbage collection, other
    // processes) is not: measure once more, without the parse cache, before calling it one.
    clearParseCache();
    const t1 = performance.now();
    parseStatement(segments);
    ms = performance.now() - t1;
  }
  if (ms > MAX_PARSE_MS) throw new Error(`parseStatement took ${ms.toFixed(0)} ms on ${JSON.stringify(segments.map((s) => s.text))}`);
  try {
    parseExpression(segments);
  } catch (e) {
    if (!(e instanceof LatexError)) throw new Error(`parseExpression threw ${errorText(e)} on ${JSON.stringify(segments.map((s) => s.text))}`);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Characters and control words, weighted towards what the grammar reacts to. */
const CONTROL_WORDS = [
  'frac', 'dfrac', 'sqrt', 'sum', 'prod', 'log', 'ln', 'exp', 'det', 'tr', 'left', 'right', 'big', 'Big', 'middle',
  'mathcal', 'mathbf', 'boldsymbol', 'mathrm', 'operatorname', 'text', 'partial', 'mu', 'sigma', 'Sigma', 'pi', 'theta',
  'cdot', 'times', 'top', 'T', 'mid', 'vert', 'lVert', 'begin', 'end', 'underbrace', 'overbrace', 'boxed', 'color',
  'quad', 'displaystyle', 'limits', 'dots', 'infty', 'mathbb', 'approx', 'iff', 'Rightarrow', 'leq', 'in', 'to',
  'stackrel', 'binom', 'lbrace', 'rbrace', 'prime', 'pm', 'foo',
];
const token = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...'{}()[]^_|=+-/*,;:&\'.!<> '.split('')) },
  { weight: 3, arbitrary: fc.constantFrom(...'xyabdeikNKTpL'.split('')) },
  { weight: 2, arbitrary: fc.constantFrom('1', '2', '12', '0.5') },
  { weight: 4, arbitrary: fc.constantFrom(...CONTROL_WORDS.map((w) => `\\${w}`)) },
  { weight: 1, arbitrary: fc.constantFrom('\\{', '\\}', '\\|', '\\,', '\\\\', '\\', '{bmatrix}', '{aligned}', '%', 'μ', '∂', '#', '\n') },
);
const soup = fc.array(token, { maxLength: 40 }).map((ts) => ts.join(''));

/** Statements of the five seeds, as the parser reads them. */
function seedPieces(): Segment[][] {
  const dir = join(__dirname, '../../../examples');
  const out: Segment[][] = [];
  for (const f of readdirSync(dir).filter((n) => /^\d{3}_.*\.md$/.test(n)).sort()) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const st of extractStatements(text, extractRegions(text).regions)) out.push(st.segments);
  }
  return out;
}

/** Split LaTeX into lexer-sized tokens (control words, control symbols, single characters). */
function lexemes(s: string): string[] {
  return s.match(/\\[a-zA-Z]+|\\.|[0-9]+|[\s\S]/g) ?? [];
}

type Mutation = { op: 'delete' | 'duplicate'; at: number } | { op: 'insert'; at: number; tok: string };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), tok: token }),
);

function mutate(s: string, ms: Mutation[]): string {
  const toks = lexemes(s);
  for (const m of ms) {
    const i = toks.length ? m.at % (toks.length + (m.op === 'insert' ? 1 : 0)) : 0;
    switch (m.op) {
      case 'delete': toks.splice(i, 1); break;
      case 'duplicate': if (toks.length) toks.splice(i, 0, toks[i]); break;
      case 'insert': toks.splice(i, 0, m.tok); break;
    }
  }
  return toks.join('');
}

describe('parser fuzzing: never throws, never hangs', () => {
  it('random token soup', () => {
    fc.assert(fc.property(soup, (s) => { checkNoThrow([{ text: s, start: 0 }]); }), { numRuns: 2000 });
  });

  it('random token soup split over several segments at arbitrary offsets', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(soup, fc.nat({ max: 50 })), { minLength: 1, maxLength: 3 }), (parts) => {
        let start = 0;
        const segments: Segment[] = parts.map(([text, gap]) => {
          const seg = { text, start: start + gap };
          start = seg.start + text.length;
          return seg;
        });
        checkNoThrow(segments);
      }),
      { numRuns: 500 },
    );
  });

  it('seed pieces with tokens deleted, inserted or duplicated', () => {
    const pieces = seedPieces();
    fc.assert(
      fc.property(fc.nat({ max: pieces.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, ms) => {
        const segs = pieces[which];
        // Mutate one row; the others keep their offsets.
        const row = ms[0].at % segs.length;
        const mutated = segs.map((s, i) => (i === row ? { text: mutate(s.text, ms), start: s.start } : s));
        checkNoThrow(mutated);
      }),
      { numRuns: 1500 },
    );
  });
});
