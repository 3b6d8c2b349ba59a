// Likely causes of a failing claim, found by testing simple hypotheses on the
// sample values: a constant factor (2, ½, −1, a normalising constant), a
// constant or λ-sized extra term, the function instead of its derivative, a
// derivative in σ instead of σ², a derivative used as an operator, a sum
// whose index is not used. Each hypothesis must hold at every sample point.
import type { Node } from '../latex/ast';
import { isMatrix, primal, type Value } from '../eval/values';
import type { CompileFlags, NoteContext } from './compile';

export interface Sample {
  l: Value;
  r: Value;
  lp: { rows: number; cols: number; values: number[] };
  rp: { rows: number; cols: number; values: number[] };
  at: string;
  trial: number;
  combo: number[];
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

const NAMED_FACTORS: [number, string][] = [
  [2, '2'], [0.5, '1/2'], [-1, '−1 (a sign error)'], [-2, '−2'], [-0.5, '−1/2'], [4, '4'], [0.25, '1/4'],
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
  if (c.shapeError) return c.shapeError.replace(/^The shapes/, 'the shapes').replace(/\.$/, '') + '.';
  // A derivative used as an operator: ∂𝓛/∂μ_k [ … ].
  const misuse = [...c.lhsFlags.operatorMisuse, ...c.rhsFlags.operatorMisuse][0];
  if (misuse) {
    const span = misuse.deriv.span;
    const written = c.loc.text.slice(span.start, span.end).replace(/\s+/g, ' ');
    return `notation: ${written} is the derivative of a quantity — a number — so ${written}[…] multiplies that number by […]. To differentiate what is in the brackets, write \\frac{\\partial}{\\partial …}[…] without anything on top.`;
  }
  const conflicts = [...new Set([...c.lhsFlags.indexConflicts, ...c.rhsFlags.indexConflicts])];
  if (conflicts.length) {
    return `index mix-up: ${conflicts.join(', ')} is used both as a data-point index and as a component index (e.g. γ_{ki} where γ_{ik} is meant).`;
  }
  if (c.undefinedSide && /index \d+ is outside/.test(c.undefinedSide)) {
    return 'index mix-up: an index runs over the data points where a component is meant, or the reverse (e.g. γ_{ki} for γ_{ik}).';
  }
  const ps = pairs(c.samples).filter((p) => Number.isFinite(p.l) && Number.isFinite(p.r));
  if (ps.length === 0) return null;
  const unused = [...c.lhsFlags.unusedSumIndex, ...c.rhsFlags.unusedSumIndex][0];
  // λ terms in a derivative of the log-likelihood: they belong to the Lagrangian.
  const usesLambda = c.rhsFlags.usesLambda || c.lhsFlags.usesLambda;
  if (usesLambda) {
    const lagr = c.lagrangianLines.length ? ` ${c.lagrangianLines[0].name} (line ${c.lagrangianLines[0].line})` : '';
    const lhsIsLogLikDeriv = c.lhsNode.kind === 'deriv' && c.lhsNode.num?.kind === 'sym' && (c.lhsNode.num.name === 'L' || c.lhsNode.num.name === 'ell');
    if (lhsIsLogLikDeriv) {
      const wrtLambda = c.lhsNode.kind === 'deriv' && c.lhsNode.wrt.kind === 'sym' && c.lhsNode.wrt.name === 'lambda';
      return wrtLambda
        ? `𝓛 is the log-likelihood, which does not contain λ, so ∂𝓛/∂λ = 0. The derivative Σ_k π_k − 1 belongs to the Lagrangian${lagr}: write its symbol here instead of 𝓛.`
        : `𝓛 is the log-likelihood, which does not contain λ, so its derivative has no λ term. The λ terms belong to the Lagrangian${lagr}: write its symbol here instead of 𝓛.`;
    }
  }
  // Ratio constant across the samples.
  const ratios = ps.filter((p) => p.l !== 0 && Math.abs(p.l) > 1e-12).map((p) => p.r / p.l);
  const ratio = ratios.length === ps.length ? sameEverywhere(ratios) : null;
  if (ratio !== null && Math.abs(ratio - 1) > 1e-6) {
    const named = NAMED_FACTORS.find(([f]) => Math.abs(ratio - f) < 1e-6);
    const aboutDensity = isDensityNode(c.lhsNode) || isDensityNode(c.rhsNode);
    if (Math.abs(ratio - c.ctx.N) < 1e-6 || Math.abs(ratio - 1 / c.ctx.N) < 1e-6) {
      return `the right side is ${Math.abs(ratio - c.ctx.N) < 1e-6 ? 'N' : '1/N'} times the left (N = ${c.ctx.N} points here): a sum over the data points counts a term that should not be summed, or misses one.`;
    }
    if (!named && aboutDensity) {
      const D = c.ctx.D;
      return `the right side is ${fmt(ratio)} times the left at every point: a constant factor, most likely the Gaussian's normalising constant — in ${D} dimension${D === 1 ? '' : 's'} it is (2π)^{-D/2}|Σ|^{-1/2}, not (2π|Σ|)^{-1/2}.`;
    }
    return `the right side is ${named ? named[1] : fmt(ratio)} times the left at every point: a constant factor${named ? '' : ''} is wrong or missing.`;
  }
  // Difference constant across samples.
  const diffs = ps.map((p) => p.r - p.l);
  const diff = sameEverywhere(diffs);
  if (diff !== null) return `the two sides differ by the constant ${fmt(diff)} at every point: a missing or extra constant term.`;
  // The function instead of its derivative: `∂𝒩/∂σ² = 𝒩`.
  const derivSide = c.lhsNode.kind === 'deriv' && c.lhsNode.num ? 'left' : c.rhsNode.kind === 'deriv' && c.rhsNode.num ? 'right' : null;
  if (derivSide && looksUndifferentiated(c, derivSide)) {
    const other = derivSide === 'left' ? 'right' : 'left';
    return `the ${other} side is the function being differentiated, not its derivative: the derivative was not taken.`;
  }
  if (unused) return `the sum over ${unused.index} does not use ${unused.index} in its body, so it only multiplies by the number of terms — an index mix-up?`;
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
  const isDensity = (f.kind === 'sym' && f.name === 'N') || (f.kind === 'apply' && f.fn.name === 'N');
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
