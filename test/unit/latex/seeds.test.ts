// Every math piece (statement) of the five seed notes through the parser: a
// readable listing of each piece and its outcome (seed-pieces.txt, rewritten
// with UPDATE_SNAPSHOT=1, otherwise compared), checks that every error is
// positioned inside its piece with a specific message, a floor on how many
// pieces parse, and a timing of our parser against KaTeX's on the same pieces.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import katex from 'katex';
import { extractRegions, lineIndexAt, lineStarts } from '../../../src/core/extract/regions';
import { extractStatements } from '../../../src/core/extract/statements';
import { parseStatement } from '../../../src/core/latex/parser';
import type { Segment, Span } from '../../../src/core/types';

const examplesDir = join(__dirname, '../../../examples');
const snapshotFile = join(__dirname, 'seed-pieces.txt');

/**
 * Pieces that parse completely, measured on the five seeds: 240 of 245. The
 * five that do not are unsupported constructs (a bracketed list `[a, b, …]`
 * three times, a relation inside `\boxed{…}`) and prose (`L = \log \text{…}`).
 * (Before the parser stopped reading the `\\` of a matrix as a factor it was
 * 239: the multi-row bmatrix of seed 003 failed.)
 */
const PARSED_FLOOR = 240;

interface SeedPiece {
  note: string;
  text: string;
  segments: Segment[];
  /** The LaTeX as the parser reads it, rows joined by " ⏎ ". */
  latex: string;
}

/** All statements of the five seeds, in note order. */
function seedPieces(): SeedPiece[] {
  const out: SeedPiece[] = [];
  for (const note of readdirSync(examplesDir).filter((f) => /^\d{3}_.*\.md$/.test(f)).sort()) {
    const text = readFileSync(join(examplesDir, note), 'utf8');
    for (const st of extractStatements(text, extractRegions(text).regions)) {
      const latex = st.segments.map((s) => s.text.replace(/\s+/g, ' ').trim()).join(' ⏎ ');
      out.push({ note, text, segments: st.segments, latex });
    }
  }
  return out;
}

interface Outcome {
  chains: number;
  errors: { message: string; span: Span }[];
}

function outcome(segments: Segment[]): Outcome {
  const r = parseStatement(segments);
  const errors: Outcome['errors'] = [];
  if (r.error) errors.push({ message: r.error.message, span: { ...r.error.span } });
  for (const c of r.chains) {
    for (const side of c.sides) if (!side.ok) errors.push({ message: side.message, span: { ...side.errorSpan } });
  }
  return { chains: r.chains.length, errors };
}

function shorten(s: string, max = 72): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const katexParse = (katex as unknown as { __parse?: (tex: string, options: object) => unknown }).__parse;

/** KaTeX's own parser when exposed (no HTML building), else the full renderer. */
function parseWithKatex(tex: string): void {
  if (katexParse) katexParse(tex, { throwOnError: true, displayMode: true });
  else katex.renderToString(tex, { throwOnError: true, displayMode: true });
}

describe('seed notes: every math piece parses or fails with a positioned message', () => {
  const pieces = seedPieces();
  const results = pieces.map((pc) => ({ pc, out: outcome(pc.segments) }));

  it('finds the pieces of all five seeds', () => {
    assert.equal(new Set(pieces.map((p) => p.note)).size, 5);
    assert.ok(pieces.length > 200, `only ${pieces.length} pieces`);
  });

  it('matches the listing in seed-pieces.txt (UPDATE_SNAPSHOT=1 rewrites it)', () => {
    const lines: string[] = [
      '# Every statement of the seed notes and what the parser makes of it.',
      '# line | LaTeX as the parser reads it (prose blanked, rows joined by ⏎) | outcome',
    ];
    let note = '';
    for (const { pc, out } of results) {
      const starts = lineStarts(pc.text);
      const lineOf = (o: number) => lineIndexAt(starts, o) + 1;
      if (pc.note !== note) {
        note = pc.note;
        const n = results.filter((r) => r.pc.note === note);
        lines.push('', `## ${note}: ${n.filter((r) => r.out.errors.length === 0).length} of ${n.length} parse`);
      }
      const first = out.errors[0];
      const result = first
        ? `error @${lineOf(first.span.start)}:${first.span.start - starts[lineOf(first.span.start) - 1] + 1}: ${first.message}` +
          (out.errors.length > 1 ? ` (+${out.errors.length - 1} more)` : '')
        : `ok: ${out.chains} chain${out.chains === 1 ? '' : 's'}`;
      lines.push(`L${lineOf(pc.segments[0]?.start ?? 0)} | ${shorten(pc.latex)} | ${result}`);
    }
    const actual = `${lines.join('\n')}\n`;
    if (process.env.UPDATE_SNAPSHOT || !existsSync(snapshotFile)) writeFileSync(snapshotFile, actual);
    assert.equal(actual, readFileSync(snapshotFile, 'utf8'));
  });

  it('positions every error inside its piece, with a specific message', () => {
    for (const { pc, out } of results) {
      const from = Math.min(...pc.segments.map((s) => s.start));
      const to = Math.max(...pc.segments.map((s) => s.start + s.text.length));
      for (const e of out.errors) {
        assert.ok(e.span.start >= from && e.span.end <= to && e.span.start <= e.span.end,
          `${pc.note} “${pc.latex}”: error span ${e.span.start}-${e.span.end} outside ${from}-${to}`);
        assert.ok(e.message.trim().length > 8, `${pc.note} “${pc.latex}”: message “${e.message}”`);
        assert.doesNotMatch(e.message, /undefined|null|NaN|\[object/, `${pc.note} “${pc.latex}”`);
      }
    }
  });

  it(`parses at least ${PARSED_FLOOR} pieces completely`, () => {
    const parsed = results.filter((r) => r.out.errors.length === 0).length;
    assert.ok(parsed >= PARSED_FLOOR, `${parsed} of ${results.length} pieces parse (floor ${PARSED_FLOOR})`);
  });

  it('times our parser against KaTeX on the same pieces (measurement, printed once)', () => {
    const texts = pieces.map((pc) => pc.segments.map((s) => s.text).join(' '));
    const ours = (i: number) => { parseStatement(pieces[i].segments); };
    const theirs = (i: number) => { try { parseWithKatex(texts[i]); } catch { /* rejected pieces still cost time */ } };
    for (let i = 0; i < pieces.length; i++) { ours(i); theirs(i); } // warm-up (JIT)
    // Each piece is parsed `reps` times in a row and timed as a block: one
    // parse takes microseconds, close to the timer's resolution.
    const reps = 10;
    const tOurs: number[] = [];
    const tKatex: number[] = [];
    const time = (f: (i: number) => void, i: number): number => {
      const t0 = performance.now();
      for (let r = 0; r < reps; r++) f(i);
      return (performance.now() - t0) / reps;
    };
    for (let i = 0; i < pieces.length; i++) {
      tOurs.push(time(ours, i));
      tKatex.push(time(theirs, i));
    }
    let katexAccepts = 0;
    for (const t of texts) { try { parseWithKatex(t); katexAccepts++; } catch { /* counted as rejected */ } }
    const parsed = results.filter((r) => r.out.errors.length === 0).length;
    const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
    console.log(`      seed pieces: ${parsed} of ${pieces.length} parse; KaTeX accepts ${katexAccepts}; ` +
      `median parse time per piece: ours ${us(median(tOurs))}, KaTeX ${katexParse ? '__parse' : 'renderToString'} ${us(median(tKatex))}`);
    assert.equal(tOurs.length, pieces.length);
  });
});
