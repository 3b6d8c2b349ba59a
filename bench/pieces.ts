// Parse time per math piece: the statements (rows, inline formulas, joined
// continuation rows) of the seed notes, parsed by our parser, by KaTeX's
// parser, by the Compute Engine's LaTeX parser and, when python3 has SymPy
// with a LaTeX backend, by SymPy's parse_latex. Same pieces for all: the
// LaTeX our extractor hands to our parser (prose and `&` blanked to spaces).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import katex from 'katex';
import { extractRegions } from '../src/core/extract/regions';
import { extractStatements } from '../src/core/extract/statements';
import { clearParseCache, parseStatement, parseStatementUncached } from '../src/core/latex/parser';
import type { Segment } from '../src/core/types';
import { runBundled } from './bundle';
import { asMarkdown, type Formula } from '../test/unit/latex/formulas';

export interface Piece {
  note: string;
  segments: Segment[];
  /** The segments' text joined with spaces: what the other parsers get. */
  latex: string;
}

export function collectPieces(examplesDir: string): Piece[] {
  const pieces: Piece[] = [];
  for (const f of fs.readdirSync(examplesDir).filter((n) => n.endsWith('.md')).sort()) {
    const text = fs.readFileSync(path.join(examplesDir, f), 'utf8');
    const { regions } = extractRegions(text);
    for (const stmt of extractStatements(text, regions)) {
      const latex = stmt.segments.map((s) => s.text).join(' ').trim();
      if (latex) pieces.push({ note: f, segments: stmt.segments, latex });
    }
  }
  return pieces;
}

export interface Timing {
  /** Median time of one pass over all pieces, ms. */
  passMs: number;
  /** passMs / number of pieces, µs. */
  perPieceUs: number;
  /** Pieces the parser rejected (exception or error result). */
  errors: number;
  runs: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Each pass gets its own copy of the pieces with `pass + 1` trailing spaces:
 * the same parse work, but text our parser has not seen (it keeps parses by
 * text across calls, which would otherwise time cache lookups). Every parser
 * gets the same padded text.
 */
function padded(pieces: readonly Piece[], pass: number): Piece[] {
  const pad = ' '.repeat(pass + 1);
  return pieces.map((p) => ({
    ...p,
    segments: p.segments.map((s, i) => (i === p.segments.length - 1 ? { ...s, text: s.text + pad } : s)),
    latex: p.latex + pad,
  }));
}

/** Times one pass of `parse` over `input`, ms; counts the pieces it rejects. */
function timeOnePass(input: readonly Piece[], parse: (p: Piece) => boolean): { ms: number; errors: number } {
  let errors = 0;
  const t0 = performance.now();
  for (const p of input) {
    try {
      if (!parse(p)) errors++;
    } catch {
      errors++;
    }
  }
  return { ms: performance.now() - t0, errors };
}

/**
 * Parsers timed side by side on the same pieces, under the same conditions: pass by pass, in
 * turn (the order reversed on every other pass, so neither always runs after the other and
 * collects its garbage), each pass on a fresh copy of the text. Warm-up passes first, then the
 * median of the timed passes (performance.now()) for each parser. No forced garbage collection
 * between passes: V8's `gc()` (--expose-gc) made the passes after it 3 to 8 times slower for
 * both parsers here, a condition no user meets.
 */
export function timeSideBySide<K extends string>(pieces: readonly Piece[], parsers: Record<K, (p: Piece) => boolean>, warm = 5, runs = 21): Record<K, Timing> {
  const names = Object.keys(parsers) as K[];
  const times = new Map<K, number[]>(names.map((n) => [n, []]));
  const errors = new Map<K, number>();
  for (let i = 0; i < warm + runs; i++) {
    const input = padded(pieces, i);
    const order = i % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const r = timeOnePass(input, parsers[name]);
      errors.set(name, r.errors);
      if (i >= warm) times.get(name)!.push(r.ms);
    }
  }
  const out = {} as Record<K, Timing>;
  for (const name of names) {
    const passMs = median(times.get(name)!);
    out[name] = { passMs, perPieceUs: (passMs * 1000) / pieces.length, errors: errors.get(name) ?? 0, runs };
  }
  return out;
}

/** One parser alone: warm-up passes, then the median of timed passes. `parse` returns false on a parse error. */
export function timePasses(pieces: readonly Piece[], parse: (p: Piece) => boolean, warm = 5, runs = 21): Timing {
  return timeSideBySide(pieces, { parse }, warm, runs).parse;
}

export const ours = (p: Piece): boolean => parseStatement(p.segments).error === null;
/** Our parser without its cache of parses: parser against parser (KaTeX keeps nothing between calls). */
export const oursUncached = (p: Piece): boolean => parseStatementUncached(p.segments).error === null;

interface KatexInternal { __parse(latex: string, opts: katex.KatexOptions): unknown[] }
export const katexParse = (p: Piece): boolean => {
  (katex as unknown as KatexInternal).__parse(p.latex, { throwOnError: true, displayMode: true, strict: 'ignore' });
  return true;
};

interface BoxedLike { isValid?: boolean }
interface ComputeEngineLike { parse(latex: string, opts?: { canonical?: boolean }): BoxedLike }

/** The Compute Engine ships a UMD bundle under "type": "module"; load it however this runtime allows. */
export async function loadComputeEngine(): Promise<ComputeEngineLike | string> {
  try {
    const mod = (await import('@cortex-js/compute-engine')) as { ComputeEngine?: new () => ComputeEngineLike };
    const Ctor = mod.ComputeEngine ?? (globalThis as { ComputeEngine?: { ComputeEngine?: new () => ComputeEngineLike } }).ComputeEngine?.ComputeEngine;
    if (!Ctor) return 'the module loaded but exports no ComputeEngine class';
    return new Ctor();
  } catch (e) {
    return `cannot load @cortex-js/compute-engine: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export function computeEngineParse(ce: ComputeEngineLike, canonical: boolean): (p: Piece) => boolean {
  return (p) => ce.parse(p.latex, { canonical }).isValid !== false;
}

const SYMPY_SCRIPT = String.raw`
import json, sys, time, statistics
from sympy.parsing.latex import parse_latex
backend = sys.argv[1]
runs = int(sys.argv[2])
pieces = json.load(sys.stdin)
def one_pass():
    errors = 0
    t0 = time.perf_counter()
    for p in pieces:
        try:
            parse_latex(p, backend=backend)
        except Exception:
            errors += 1
    return (time.perf_counter() - t0) * 1000, errors
one_pass()  # warm-up
times = []
for _ in range(runs):
    ms, errors = one_pass()
    times.append(ms)
print(json.dumps({"passMs": statistics.median(times), "errors": errors, "runs": runs}))
`;

/** A python3 that has SymPy and a parse_latex backend, or why not. */
function sympyEnv(): { env: NodeJS.ProcessEnv; backend: string; version: string } | string {
  const probe = (backend: string, env: NodeJS.ProcessEnv) => spawnSync('python3', ['-c',
    `import sympy; from sympy.parsing.latex import parse_latex; parse_latex('x', backend='${backend}'); print(sympy.__version__)`],
  { env, encoding: 'utf8', timeout: 60_000 });
  const sys = spawnSync('python3', ['-c', 'import sympy'], { encoding: 'utf8' });
  if (sys.error) return 'no python3 on PATH';
  if (sys.status !== 0) return 'python3 has no sympy';
  // Debian's python3-lark lives in the system dist-packages, which another python3 (pyenv) may not search.
  const extra = '/usr/lib/python3/dist-packages';
  const envs: NodeJS.ProcessEnv[] = [process.env];
  if (fs.existsSync(path.join(extra, 'lark'))) envs.push({ ...process.env, PYTHONPATH: [process.env.PYTHONPATH, extra].filter(Boolean).join(':') });
  for (const backend of ['antlr', 'lark']) {
    for (const env of envs) {
      const r = probe(backend, env);
      if (r.status === 0) return { env, backend, version: r.stdout.trim() };
    }
  }
  return 'python3 has sympy but parse_latex has no backend (neither antlr4-python3-runtime 4.11 nor lark is importable; e.g. `apt-get install python3-lark`)';
}

export interface SympyResult extends Timing { backend: string; version: string }

export function timeSympy(pieces: readonly Piece[], runs = 3): SympyResult | string {
  const e = sympyEnv();
  if (typeof e === 'string') return e;
  const r = spawnSync('python3', ['-c', SYMPY_SCRIPT, e.backend, String(runs)], {
    env: e.env, input: JSON.stringify(pieces.map((p) => p.latex)), encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 24,
  });
  if (r.status !== 0) return `sympy run failed: ${(r.stderr || String(r.error)).trim().split('\n').pop()}`;
  const j = JSON.parse(r.stdout) as { passMs: number; errors: number; runs: number };
  return { ...j, perPieceUs: (j.passMs * 1000) / pieces.length, backend: e.backend, version: e.version };
}

/** One KaTeX-accepted formula of ../shared/formulas: its text for KaTeX, its statements for our parser. */
export interface CorpusFormula {
  tex: string;
  display: boolean;
  statements: Segment[][];
}

/** The KaTeX-accepted formulas of formulas.jsonl (null when the file is absent), with the statements our extractor makes of each. */
export function collectCorpusFormulas(file: string): CorpusFormula[] | null {
  if (!fs.existsSync(file)) return null;
  const out: CorpusFormula[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const f = JSON.parse(line) as Formula;
    if (!f.katex_ok) continue;
    // Written as the parity test writes it, so that markdown reads every formula as math.
    const md = asMarkdown(f);
    const { regions } = extractRegions(md);
    out.push({ tex: f.tex, display: f.display, statements: extractStatements(md, regions).map((s) => s.segments) });
  }
  return out;
}

export interface CorpusTiming {
  formulas: number;
  passes: number;
  /** Median over passes of the time of one pass over every formula, ms. */
  totalMs: { ours: number; katex: number };
  /** Median over passes of ours / KaTeX in the same pass (load on the machine changes between passes, less within one). */
  passRatio: number;
  /** Median over formulas of one formula's parse time (its median over the passes), µs. */
  medianUs: { ours: number; katex: number };
}

/**
 * Our parser (parseStatement without its cache, on each statement of a formula) and
 * KaTeX's `__parse` (the whole formula, as a renderer gets it) side by side under the same
 * conditions, as timeSideBySide does: pass by pass, in turn, the order reversed on every
 * other pass, on text neither has seen (each pass pads it). The cache is left out because
 * KaTeX keeps nothing between calls and the corpus has no repeats (the cache is paid back
 * on every re-check of an unchanged statement while typing). Per-formula times go into typed
 * arrays, so the timing itself allocates nothing. Run it in a fresh process
 * (timeCorpusApart): what earlier work left on the heap is collected during whichever parser
 * runs when it comes due.
 */
export function timeCorpus(formulas: readonly CorpusFormula[], passes = 8): CorpusTiming {
  const k = katex as unknown as KatexInternal;
  clearParseCache();
  const n = formulas.length;
  const totals = { ours: [] as number[], katex: [] as number[] };
  const per = { ours: new Float64Array(n * passes), katex: new Float64Array(n * passes) };
  const timeOurs = (input: Segment[][][], row: number): number => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const a = performance.now();
      for (const segs of input[i]) parseStatementUncached(segs);
      if (row >= 0) per.ours[row * n + i] = performance.now() - a;
    }
    return performance.now() - t0;
  };
  const timeKatex = (input: string[], row: number): number => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const a = performance.now();
      try {
        k.__parse(input[i], { throwOnError: true, displayMode: formulas[i].display, strict: 'ignore' });
      } catch {
        // accepted by KaTeX when the corpus was made; a newer KaTeX may differ: timed all the same
      }
      if (row >= 0) per.katex[row * n + i] = performance.now() - a;
    }
    return performance.now() - t0;
  };
  const ratios: number[] = [];
  // Pass 0 warms both up and is not counted.
  for (let p = 0; p <= passes; p++) {
    const pad = ' '.repeat(p + 1);
    const oursInput = formulas.map((f) => f.statements.map((segs) => segs.map((s, i) => (i === segs.length - 1 ? { ...s, text: s.text + pad } : s))));
    const katexInput = formulas.map((f) => f.tex + pad);
    const row = p - 1;
    let oursMs = 0;
    let katexMs = 0;
    if (p % 2 === 0) {
      oursMs = timeOurs(oursInput, row);
      katexMs = timeKatex(katexInput, row);
    } else {
      katexMs = timeKatex(katexInput, row);
      oursMs = timeOurs(oursInput, row);
    }
    if (row < 0) continue;
    totals.ours.push(oursMs);
    totals.katex.push(katexMs);
    ratios.push(oursMs / katexMs);
  }
  // A formula's time: its median over the passes; then the median over formulas.
  const perFormula = (times: Float64Array): number[] => Array.from({ length: n }, (_, i) => median(Array.from({ length: passes }, (_, r) => times[r * n + i])));
  return {
    formulas: n,
    passes,
    totalMs: { ours: median(totals.ours), katex: median(totals.katex) },
    passRatio: median(ratios),
    medianUs: { ours: median(perFormula(per.ours)) * 1000, katex: median(perFormula(per.katex)) * 1000 },
  };
}

/**
 * timeCorpus in a fresh Node process (this file run with --time-corpus), so both parsers start
 * from the same clean heap and compiled state whatever the bench measured before. Null when
 * the corpus file is absent; a message when the child fails.
 */
export function timeCorpusApart(file: string, passes = 8): CorpusTiming | string | null {
  if (!fs.existsSync(file)) return null;
  // This file bundled as the VSIX bundles the parser (KaTeX goes in as it ships in
  // node_modules): through tsx, every function our parser creates would be wrapped in tsx's
  // naming helper, and KaTeX's would not.
  const r = runBundled(__filename, ['--time-corpus', file, String(passes)], ['esbuild', '@cortex-js/compute-engine']);
  if (r.status !== 0) return `corpus timing failed: ${r.stderr.trim().split('\n').pop() ?? ''}`;
  return JSON.parse(r.stdout) as CorpusTiming;
}

if (require.main === module && process.argv[2] === '--time-corpus') {
  const formulas = collectCorpusFormulas(process.argv[3]);
  if (!formulas) throw new Error(`${process.argv[3]} is absent`);
  process.stdout.write(JSON.stringify(timeCorpus(formulas, Number(process.argv[4]) || 8)));
}
