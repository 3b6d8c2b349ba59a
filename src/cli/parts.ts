// The parts of a GMM derivation a class overview compares across notes: the
// gradients in the means, the spreads (σ², σ, Σ or a precision) and the
// weights, the M-step updates of each, the E-step's responsibilities, and the
// rest (likelihood, definitions, identities). Students name and head their
// sections differently, but what a step derives is in the claim itself: the
// variable under a derivative's ∂ (or an update's left side) and the note's
// reading, which says which of the note's symbols are the means, the weights…
// A chain `E₀ = E₁ = … = Eₙ` belongs to the part its first expression names,
// so its later links (kind "step") count there too.
import type { Claim, NoteReport, NoteReading } from '../core/types';

export type PartId = 'grad-mean' | 'grad-spread' | 'grad-weight' | 'update-mean' | 'update-spread' | 'update-weight' | 'resp' | 'other';

/** The parts in the order the overview lists them, with their headings. */
export const PARTS: readonly { id: PartId; label: string }[] = [
  { id: 'resp', label: 'E-step: responsibilities γ' },
  { id: 'grad-mean', label: 'Gradient in the means ∂/∂μₖ' },
  { id: 'grad-spread', label: 'Gradient in the variances ∂/∂σₖ² (or σₖ, Σₖ, a precision)' },
  { id: 'grad-weight', label: 'Gradient in the weights ∂/∂πₖ (and the multiplier λ)' },
  { id: 'update-mean', label: 'M-step update of the means' },
  { id: 'update-spread', label: 'M-step update of the variances / covariances' },
  { id: 'update-weight', label: 'M-step update of the weights' },
  { id: 'other', label: 'Likelihood, definitions and other steps' },
];

/** Roles of a symbol in the note's reading, by what they make a derivative or an update about. */
const ROLE_GROUP: Record<string, 'mean' | 'spread' | 'weight' | 'resp'> = {
  mean: 'mean',
  std: 'spread',
  var: 'spread',
  cov: 'spread',
  precision: 'spread',
  weight: 'weight',
  // The Lagrange multiplier is there for the weights' constraint: its derivative is part of their derivation.
  lambda: 'weight',
  resp: 'resp',
};

/** What the usual letters mean when the note's reading says nothing about them (DESIGN.md's priors). */
const PRIOR_ROLE: Record<string, string> = { '\\mu': 'mean', '\\sigma': 'std', '\\Sigma': 'cov', '\\Lambda': 'precision', '\\pi': 'weight', '\\gamma': 'resp', '\\lambda': 'lambda' };

/**
 * The symbol an expression starts with, without its font or accent
 * (`\boldsymbol{\mu}_k^{new}` → `\mu`, `{\sigma^2}_k` → `\sigma`, `\hat{\pi}_k` → `\pi`), or ''.
 */
export function baseSymbol(tex: string): string {
  let s = tex.trim();
  for (;;) {
    const wrapped = /^(?:\\(?:boldsymbol|mathbf|bm|mathrm|mathit|hat|bar|tilde|widehat|widetilde|vec|operatorname)\s*(?:\{\s*|(?=\\))|\{\s*)/.exec(s);
    if (wrapped === null) break;
    s = s.slice(wrapped[0].length);
  }
  const m = /^(\\[A-Za-z]+|[A-Za-z])/.exec(s);
  return m ? m[1] : '';
}

/** The variable of the first derivative written in `tex` (`\frac{\partial F}{\partial V}`, `\frac{d}{dV}`, `\nabla_{V}`, `\partial_{V}`), or null. */
export function derivativeVariable(tex: string): string | null {
  const frac = /\\frac\s*\{\s*(?:\\partial|d)\b[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\s*\{\s*(?:\\partial|d)\s*((?:[^{}]|\{[^{}]*\})*)\}/.exec(tex);
  const sub = /\\(?:nabla|partial)\s*_\s*(\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[A-Za-z])/.exec(tex);
  const first = [frac, sub].filter((m): m is RegExpExecArray => m !== null).sort((a, b) => a.index - b.index)[0];
  if (first === undefined) return null;
  const v = first[1].replace(/^\{([\s\S]*)\}$/, '$1').trim();
  return v === '' ? null : v;
}

function roleOf(symbol: string, reading: NoteReading): string | undefined {
  if (symbol === '') return undefined;
  const key = baseSymbol(symbol);
  const own = reading.symbols.find((s) => baseSymbol(s.symbol) === key);
  return own ? own.role : PRIOR_ROLE[key];
}

/** The part one chain belongs to, from its first claim. */
function partOfChain(head: Claim, reading: NoteReading): PartId {
  if (head.kind === 'update') {
    const group = ROLE_GROUP[roleOf(baseSymbol(head.lhs), reading) ?? ''];
    return group === 'mean' || group === 'spread' || group === 'weight' ? `update-${group}` : 'other';
  }
  // A named derivative (`f' = \frac{\partial}{\partial \sigma_k^2} …`, `0 = \frac{\partial Q}{\partial \Sigma_k}`) says what it derives on its right.
  const v = derivativeVariable(head.lhs) ?? derivativeVariable(head.rhs);
  if (v !== null) {
    const group = ROLE_GROUP[roleOf(v, reading) ?? ''];
    return group === 'mean' || group === 'spread' || group === 'weight' ? `grad-${group}` : 'other';
  }
  return ROLE_GROUP[roleOf(baseSymbol(head.lhs), reading) ?? ''] === 'resp' ? 'resp' : 'other';
}

/** Each claim's part, in the report's claim order. */
export function claimParts(report: NoteReport): PartId[] {
  // A link continues a chain when its left side is the previous link's right side (the same source span).
  const byStart = report.claims.map((c, i) => ({ c, i })).sort((a, b) => a.c.lhsSpan.start - b.c.lhsSpan.start || a.i - b.i);
  const parts: PartId[] = new Array<PartId>(report.claims.length);
  let prev: Claim | null = null;
  let part: PartId = 'other';
  for (const { c, i } of byStart) {
    const continues = prev !== null && prev.regionIndex === c.regionIndex &&
      prev.rhsSpan.start === c.lhsSpan.start && prev.rhsSpan.end === c.lhsSpan.end;
    if (!continues) part = partOfChain(c, report.reading);
    parts[i] = part;
    prev = c;
  }
  return parts;
}

/** How one note did on one part: not attempted, right (a checked step and none wrong), wrong, or only unchecked steps. */
export type PartResult = 'absent' | 'right' | 'wrong' | 'unchecked';

export function partResults(report: NoteReport): Record<PartId, PartResult> {
  const out = Object.fromEntries(PARTS.map((p) => [p.id, 'absent'])) as Record<PartId, PartResult>;
  claimParts(report).forEach((part, i) => {
    const verdict = report.claims[i].verdict;
    const now = out[part];
    if (verdict === 'fail') out[part] = 'wrong';
    else if (verdict === 'pass' && now !== 'wrong') out[part] = 'right';
    else if (verdict === 'unchecked' && now === 'absent') out[part] = 'unchecked';
  });
  return out;
}
