// Likely causes of a failing claim, found by testing simple hypotheses on the
// sample values: a constant factor (2, ½, −1, a normalising constant), a
// constant or λ-sized extra term, the function instead of its derivative, a
// derivative in σ instead of σ², a derivative used as an operator, a sum
// whose index is not used. Each hypothesis must hold at every sample point.
import type { Node } from '../latex/ast';
import { isMatrix, primal, type Value } from '../eval/values';
import type { CompileFlags, NoteContext } from './compile';
import { classifySymbol, symbolKey } from './notation';

export interface Sample {
  l: Value;
  r: Value;
  lp: { rows: number; cols: number; values: number[] };
  rp: { rows: number; cols: number; values: number[] };
  at: string;
  trial: number;
  combo: number[];
  /** The GMM instance and the free indices' names (in `combo` order), to describe the point in parameter values. */
  inst?: { gmm: { K: number; D: number; pi: number[]; mu: number[][]; Sigma: number[][][] }; X: number[][] };
  names?: string[];
  roles?: string[];
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
function subscript(n: number): string {
  return String(n).split('').map((d) => SUBSCRIPT_DIGITS[Number(d)]).join('');
}

/**
 * Where a sample was taken, in the parameters a student knows: the values of
 * the free indices and, for 1-D models, the parameters they pick
 * ("k = 1: π₁ = 0.31, μ₁ = 0.52, σ₁² = 1.7"); without a component index, every
 * component's when there are at most three. Vectors are left out beyond D = 1
 * (the means and covariances are random; the index values say which).
 */
/**
 * The letters a note writes the model's parameters with (weights α, means m, variances τ), for the
 * values a message quotes; π, μ and σ² when the note says nothing else. `spreadSquared`: the spread
 * letter is a standard deviation (printed squared, σ₁²) rather than a variance (τ₁).
 */
export interface PointLetters { weight: string; mean: string; spread: string; spreadSquared: boolean; x: string }

export const USUAL_LETTERS: PointLetters = { weight: 'π', mean: 'μ', spread: 'σ', spreadSquared: true, x: 'x' };

export function describePoint(s: Pick<Sample, 'combo' | 'inst' | 'names' | 'roles'>, letters: PointLetters = USUAL_LETTERS): string {
  const { weight: w, mean: m, spread: sd, x } = letters;
  const sq = letters.spreadSquared ? '²' : '';
  const names = s.names ?? [];
  const idx = names.map((nm, q) => `${nm} = ${s.combo[q]! + 1}`).join(', ');
  const inst = s.inst;
  if (!inst) return idx || 'a random GMM';
  const { gmm } = inst;
  const parts: string[] = [];
  const comps: number[] = [];
  names.forEach((_, q) => {
    const v = s.combo[q]!;
    if (s.roles?.[q] === 'data' && inst.X[v] && gmm.D === 1) parts.push(`${x}${subscript(v + 1)} = ${fmt(inst.X[v]![0]!)}`);
    if (s.roles?.[q] === 'comp' && !comps.includes(v)) comps.push(v);
  });
  const compParams = (k: number): string => gmm.D === 1
    ? `${w}${subscript(k + 1)} = ${fmt(gmm.pi[k]!)}, ${m}${subscript(k + 1)} = ${fmt(gmm.mu[k]![0]!)}, ${sd}${subscript(k + 1)}${sq} = ${fmt(gmm.Sigma[k]![0]![0]!)}`
    : `${w}${subscript(k + 1)} = ${fmt(gmm.pi[k]!)}`;
  if (comps.length) parts.push(...comps.map(compParams));
  else if (gmm.D === 1 && gmm.K <= 3) {
    const list = (f: (k: number) => number) => `(${Array.from({ length: gmm.K }, (_, k) => fmt(f(k))).join(', ')})`;
    parts.push(`${w} = ${list((k) => gmm.pi[k]!)}, ${m} = ${list((k) => gmm.mu[k]![0]!)}, ${sd}${sq} = ${list((k) => gmm.Sigma[k]![0]![0]!)}`);
  } else parts.push(`a random ${gmm.D}-D GMM with K = ${gmm.K}`);
  return idx ? `${idx} (${parts.join(', ')})` : parts.join(', ');
}

/**
 * For matrix values: the pattern of the difference (the right side is the
 * transpose, or the symmetric part, of the left at every sample) or else the
 * entry that differs most at the counterexample — two printed 3×3 matrices
 * tell a student little.
 */
export function matrixEvidence(samples: Sample[], ce: Sample): { pattern: string | null; entry: string | null } {
  const { lp, rp } = ce;
  if (lp.rows * lp.cols <= 1 || lp.rows !== rp.rows || lp.cols !== rp.cols) return { pattern: null, entry: null };
  const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, scale);
  const all = (test: (l: number[], r: number[], rows: number, cols: number) => boolean) =>
    samples.length > 0 && samples.every((s) => s.lp.rows === s.rp.rows && s.lp.cols === s.rp.cols && test(s.lp.values, s.rp.values, s.lp.rows, s.lp.cols));
  const scale = (v: number[]) => Math.max(...v.map(Math.abs));
  const square = lp.rows === lp.cols;
  let pattern: string | null = null;
  if (square && all((l, r, n) => { const m = scale(l); for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (!close(r[i * n + j]!, l[j * n + i]!, m)) return false; return true; })) {
    pattern = 'the right side is the transpose of the left: a ᵀ is missing or extra, or the order of a product is swapped';
  } else if (square && all((l, r, n) => { const m = scale(l); for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (!close(r[i * n + j]!, (l[i * n + j]! + l[j * n + i]!) / 2, m)) return false; return true; })) {
    pattern = 'the right side is the symmetric part of the left, ½(A + Aᵀ): the left side is not symmetric';
  } else if (square && all((l, r, n) => { const m = scale(r); for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (!close(l[i * n + j]!, (r[i * n + j]! + r[j * n + i]!) / 2, m)) return false; return true; })) {
    pattern = 'the left side is the symmetric part of the right, ½(A + Aᵀ): the right side is not symmetric';
  }
  let worst = 0, at = -1;
  for (let q = 0; q < lp.values.length; q++) {
    const d = Math.abs(lp.values[q]! - rp.values[q]!);
    if (d > worst) { worst = d; at = q; }
  }
  if (at < 0) return { pattern, entry: null };
  const row = Math.floor(at / lp.cols) + 1, col = (at % lp.cols) + 1;
  const where = lp.cols === 1 ? `entry ${row}` : `entry (${row}, ${col})`;
  return { pattern, entry: `${where} differs most: left ${fmt(lp.values[at]!)}, right ${fmt(rp.values[at]!)}` };
}

export interface CauseInput {
  samples: Sample[];
  lhsNode: Node;
  rhsNode: Node;
  lhsFlags: CompileFlags;
  rhsFlags: CompileFlags;
  ctx: NoteContext;
  lagrangianLines: { line: number; name: string }[];
  loc: { line(offset: number): number; text: string };
  shapeError?: string;
  undefinedSide?: string;
  update: 'mean' | 'cov' | 'weight' | null;
}

/** Short readable number: 4 significant digits, vectors in brackets. */
export function formatValue(v: Value): string {
  const f = (x: number) => {
    if (x === 0) return '0';
    const a = Math.abs(x);
    if (a >= 1e4 || a < 1e-3) return x.toExponential(2);
    return String(Number(x.toPrecision(4)));
  };
  if (!isMatrix(v)) return f(primal(v));
  if (v.rows === 1 && v.cols === 1) return f(primal(v.data[0]));
  const rows: string[] = [];
  for (let i = 0; i < Math.min(v.rows, 3); i++) {
    const row = v.data.slice(i * v.cols, (i + 1) * v.cols).map((x) => f(primal(x)));
    rows.push(row.join(', '));
  }
  const body = v.cols === 1 ? rows.join('; ') : rows.map((r) => `[${r}]`).join(', ');
  return `[${body}${v.rows > 3 ? ', …' : ''}]${v.cols === 1 && v.rows > 1 ? 'ᵀ' : ''}`;
}

/** Factors a slip typically introduces, with how to say "the right side is … the left". */
const NAMED_FACTORS: [number, string, string][] = [
  [2, '2', 'twice'], [0.5, '½', 'half'], [-1, '−1', 'the negative of'], [-2, '−2', '−2 times'], [-0.5, '−½', '−½ times'],
  [4, '4', '4 times'], [0.25, '¼', 'a quarter of'],
];

function sameEverywhere(values: number[], rtol = 1e-6): number | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2 || finite.length < values.length) return null;
  const v0 = finite[0];
  return finite.every((v) => Math.abs(v - v0) <= rtol * Math.max(1, Math.abs(v0))) ? v0 : null;
}

/** Pairs of corresponding scalar entries (left, right) over all samples, with the sample they came from. */
function pairs(samples: Sample[]): { l: number; r: number; s: Sample }[] {
  const out: { l: number; r: number; s: Sample }[] = [];
  for (const s of samples) {
    const n = Math.min(s.lp.values.length, s.rp.values.length);
    for (let i = 0; i < n; i++) out.push({ l: s.lp.values[i], r: s.rp.values[i], s });
  }
  return out;
}

export function describeCause(c: CauseInput): string | null {
  if (c.shapeError) return c.shapeError.replace(/^The shapes/, 'the shapes').replace(/\.$/, '');
  // A derivative used as an operator: ∂𝓛/∂μ_k [ … ].
  const misuse = [...c.lhsFlags.operatorMisuse, ...c.rhsFlags.operatorMisuse][0];
  if (misuse) {
    const span = misuse.deriv.span;
    const written = c.loc.text.slice(span.start, span.end).replace(/\s+/g, ' ');
    return `notation: ${written} is already a derivative — a number — so ${written}[…] multiplies that number by […]; to differentiate what is in the brackets, write \\frac{\\partial}{\\partial …}[…] with nothing on top of the ∂`;
  }
  const conflicts = [...new Set([...c.lhsFlags.indexConflicts, ...c.rhsFlags.indexConflicts])];
  if (conflicts.length) {
    return `index mix-up: ${conflicts.join(', ')} is used both as a data-point index and as a component index: check the symbols indexed by ${conflicts.join(', ')} (a point x_${conflicts[0]} where a point's own index is meant, or γ with its indices swapped)`;
  }
  if (c.undefinedSide && /index \d+ is outside/.test(c.undefinedSide)) {
    return 'index mix-up: an index runs over the data points where a component is meant, or the reverse (e.g. γ_{ki} for γ_{ik})';
  }
  const ps = pairs(c.samples).filter((p) => Number.isFinite(p.l) && Number.isFinite(p.r));
  if (ps.length === 0) return null;
  const unused = [...c.lhsFlags.unusedSumIndex, ...c.rhsFlags.unusedSumIndex][0];
  // λ terms in a derivative of the log-likelihood: they belong to the Lagrangian.
  const usesLambda = c.rhsFlags.usesLambda || c.lhsFlags.usesLambda;
  if (usesLambda) {
    const lagr = c.lagrangianLines.length ? ` ${c.lagrangianLines[0].name} (line ${c.lagrangianLines[0].line})` : '';
    // (Not a name the note defines itself: 𝓛 = ℓ + β(Σ_k π_k − 1), ℓ̃ = ℓ + λ(1 − Σ_k α_k) are its Lagrangian.)
    const num = c.lhsNode.kind === 'deriv' && c.lhsNode.num?.kind === 'sym' ? c.lhsNode.num : null;
    // (Nor 𝓛̃, ℓ', 𝓛_λ: a mark on the letter names another function, as 𝓛̃(π, λ) = … defined with arguments does.)
    const lhsIsLogLikDeriv = !!num && (num.name === 'L' || num.name === 'ell') && !num.accent && !num.decor && !num.primes && !num.sub &&
      !c.lhsFlags.bareLagrangian && !c.ctx.defs.has(symbolKey(num)) && !c.ctx.defs.has(`${symbolKey(num)}()`);
    if (lhsIsLogLikDeriv) {
      const wrtLambda = c.lhsNode.kind === 'deriv' && c.lhsNode.wrt.kind === 'sym' && c.lhsNode.wrt.name === 'lambda';
      return wrtLambda
        ? `write the Lagrangian${lagr} here instead of 𝓛: 𝓛 is the log-likelihood, which does not contain λ, so ∂𝓛/∂λ = 0; Σ_k π_k − 1 is the derivative of the Lagrangian`
        : `write the Lagrangian${lagr} here instead of 𝓛: 𝓛 is the log-likelihood, which does not contain λ, so its derivative has no λ term`;
    }
  }
  // Ratio constant across the samples.
  const ratios = ps.filter((p) => p.l !== 0 && Math.abs(p.l) > 1e-12).map((p) => p.r / p.l);
  const ratio = ratios.length === ps.length ? sameEverywhere(ratios) : null;
  // A "factor" of 1e-17 is a side that is 0 up to rounding, not a constant factor.
  const vanishes = (a: 'l' | 'r', b: 'l' | 'r') => ps.every((p) => Math.abs(p[a]) <= 1e-9 * Math.abs(p[b]) && p[b] !== 0);
  for (const [a, b, side, other] of [['r', 'l', 'right', 'left'], ['l', 'r', 'left', 'right']] as const) {
    if (vanishes(a, b)) return `the ${side} side is 0 at every sample point (up to rounding) and the ${other} is not`;
  }
  if (ratio !== null && Math.abs(ratio - 1) > 1e-6) {
    const named = NAMED_FACTORS.find(([f]) => Math.abs(ratio - f) < 1e-6);
    const aboutDensity = isDensityNode(c.lhsNode) || isDensityNode(c.rhsNode);
    if (Math.abs(ratio - c.ctx.N) < 1e-6 || Math.abs(ratio - 1 / c.ctx.N) < 1e-6) {
      return `a sum over the data points counts a term that should not be summed, or misses one: the right side is ${Math.abs(ratio - c.ctx.N) < 1e-6 ? 'N' : '1/N'} times the left (N = ${c.ctx.N} points here)`;
    }
    const { N, K, D } = c.ctx;
    const near = (x: number) => Math.abs(ratio - x) < 1e-6;
    // (A factor 2, ½, −1 … is named as such first: with N = 4 and K = 2, N/K is 2 too.)
    if (!named && N > 1 && (near(N / (N - 1)) || near((N - 1) / N))) {
      return `a denominator N − 1 where N belongs, or the reverse: the right side is ${near(N / (N - 1)) ? 'N/(N − 1)' : '(N − 1)/N'} times the left (N = ${N} points here)`;
    }
    if (!named && N !== K && (near(N / K) || near(K / N))) {
      // In the note's letters for the counts (m points, k components) where its reading names them.
      const n = [...c.ctx.reading?.pointCounts ?? []][0] ?? 'N', k = [...c.ctx.reading?.componentCounts ?? []][0] ?? 'K';
      return `the number of points ${n} where the number of components ${k} belongs, or the reverse: the right side is ${near(N / K) ? `${n}/${k}` : `${k}/${n}`} times the left (${n} = ${N} points, ${k} = ${K} components here)`;
    }
    if (!named && D > 1 && (near(D) || near(1 / D))) {
      return `a factor of the dimension D is missing or extra: the right side is ${near(D) ? 'D' : '1/D'} times the left (D = ${D} here)`;
    }
    if (!named && aboutDensity) {
      const D = c.ctx.D;
      return `check the Gaussian's normalising constant: the right side is ${fmt(ratio)} times the left at every sample point; in ${D} dimension${D === 1 ? '' : 's'} it is (2π)^{-D/2}|Σ|^{-1/2}, not (2π|Σ|)^{-1/2}`;
    }
    if (named && named[0] === -1) return 'this step flips the sign: the right side is the negative of the left at every sample point';
    // (A factor 2 in a note of dimension 2: which of the two was dropped the values cannot tell.)
    if (named && D > 1 && (near(D) || near(1 / D))) {
      return `this step changes the value by a factor ${named[1]}, which is also the dimension here (D = ${D}): the right side is ${named[2]} the left at every sample point, so a constant factor or a factor of D was dropped or added`;
    }
    return named
      ? `this step changes the value by a factor ${named[1]}: the right side is ${named[2]} the left at every sample point, so a constant factor was dropped or added`
      : `a constant factor is wrong or missing: the right side is ${fmt(ratio)} times the left at every sample point`;
  }
  // Difference constant across samples.
  const diffs = ps.map((p) => p.r - p.l);
  const diff = sameEverywhere(diffs);
  if (diff !== null) return `a constant term is missing or extra: the two sides differ by ${fmt(diff)} at every sample point`;
  // The function instead of its derivative: `∂𝒩/∂σ² = 𝒩`.
  const derivSide = c.lhsNode.kind === 'deriv' && c.lhsNode.num ? 'left' : c.rhsNode.kind === 'deriv' && c.rhsNode.num ? 'right' : null;
  if (derivSide && looksUndifferentiated(c, derivSide)) {
    const other = derivSide === 'left' ? 'right' : 'left';
    return `the derivative was not taken: the ${other} side is the function being differentiated, not its derivative`;
  }
  if (unused) return `index mix-up? The sum over ${unused.index} does not use ${unused.index} in its body, so it only multiplies by the number of terms`;
  return null;
}

function isDensityNode(n: Node): boolean {
  return (n.kind === 'apply' && n.fn.name === 'N' && !n.fn.sub) || (n.kind === 'sym' && n.name === 'N' && n.font === 'cal' && !n.sub);
}

function looksUndifferentiated(c: CauseInput, side: 'left' | 'right'): boolean {
  // The culprit side, compared with a derivative side's function: we only have values here, so test the
  // classic slip: the non-derivative side is proportional to neither… Keep the test cheap and exact:
  // a ratio that varies and a side that is positive where densities are positive is not evidence.
  // We use the node shape instead: the other side is an expression without any derivative while the
  // derivative's function is a density.
  const deriv = side === 'left' ? c.lhsNode : c.rhsNode;
  const other = side === 'left' ? c.rhsFlags : c.lhsFlags;
  if (deriv.kind !== 'deriv' || !deriv.num) return false;
  const f = deriv.num;
  // (𝒩_{ik}, 𝒩(x | …), N(x | …); not N_k, the effective count, whose derivative in π_j has no (x − μ) either.)
  const isDensity = (f.kind === 'sym' && f.name === 'N' && classifySymbol(f, c.ctx).kind === 'density') || (f.kind === 'apply' && f.fn.name === 'N');
  return isDensity && other.derivatives.length === 0 && other.usesModel && !otherHasFactorStructure(side === 'left' ? c.rhsNode : c.lhsNode);
}

/** A derivative of a Gaussian always carries a factor like (x−μ) or 1/σ²: its absence is telling. */
function otherHasFactorStructure(n: Node): boolean {
  let found = false;
  const visit = (m: Node): void => {
    if (found) return;
    if (m.kind === 'add' || m.kind === 'sub') {
      // (x − μ) outside an exponent or a square of a sum.
      found = true;
      return;
    }
    if (m.kind === 'func' && m.name === 'exp') return;
    if (m.kind === 'pow') { visit(m.base); return; }
    if (m.kind === 'mul' || m.kind === 'div') { visit(m.a); visit(m.b); return; }
    if (m.kind === 'group' || m.kind === 'neg') visit(m.body);
  };
  visit(n);
  return found;
}

function fmt(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e4 || (a < 1e-3 && a > 0)) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}
