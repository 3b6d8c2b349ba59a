// Worked examples: the numbers a note prints, checked against the reference
// GMM at the note's own instance.
//
// A worked example states an instance (a data set, K, and the parameters given
// as numbers: `\mathcal{X} = \{-3, -2.5, …\}`, `p_1(x) = \mathcal{N}(x \mid -4, 1)`,
// `\pi_1 = \pi_2 = \pi_3 = 1/3`, `\Sigma_1 = \begin{bmatrix}…\end{bmatrix}`) and then
// prints what follows from it: responsibilities (scalars or a matrix), N_k, the
// updated parameters (`\mu_1 : -4 \rightarrow -2.7`, `\mu_1^{new} = -2.7`) and the
// log-likelihood. No identity-checking reading applies to those lines (they
// hold for one instance only), so they get their own: the facts are read in
// note order into the example they belong to, and each printed number is
// compared with the exact value at that example.
//
// The rule for printed precision: a value printed with d decimals passes when
// the exact value rounds to it, |exact − printed| ≤ ½·10^−d (scientific notation
// a × 10^b: d counts the decimals of a, shifted by b); a fraction such as 1/3 is
// exact. Worked by hand, values are often rounded twice (0.8705088 → 0.8705 →
// 0.870), which that rule calls wrong: rounding first to one more digit is
// accepted too (agrees), and nothing looser. Steps written with rounded numbers
// (0.3989 for 𝒩(0 | 0, 1)) are compared within what those roundings move them
// (roundingReach).
//
// Where the note does not determine a value (no data set given, a parameter of
// the example never stated, a starting point that is not the example's), the
// printed number stays unchecked and the message says what is missing.
//
// Hand-written because no library reads LaTeX worked examples; the arithmetic
// is the project's reference implementation (gmm/reference.ts).
import { extend } from '../util/objects';
import type { Chain, MatrixNode, Node, SymNode } from '../latex/ast';
import type { Claim, Span } from '../types';
import * as R from '../gmm/reference';
import { classifySymbol, latexName } from './notation';
import { CheckError, compile, decorRole, indexList, indexedIsData, lookupDefinition, newScope, type NoteContext } from './compile';
import { Env, trialAt, type Trial } from './env';
import { EvalError, isMatrix, primalValue } from '../eval/values';
import { children, walk } from '../latex/ast';
import { chainNodes } from './chainNodes';
import { proseToUnicode } from '../render/unicode';

/** A number as printed, with the half-unit of its last digit (0 for an exact fraction). */
export interface Printed {
  value: number; half: number; text: string; span: Span;
  /** Written as a × 10^b: the significant digits of a (precision is then said in those). */
  significant?: number;
}

/** Reads a printed number: `0.057`, `-4`, `1.5 \times 10^{-4}`, `\frac{1}{3}`, `1/3`. */
export function printedNumber(n: Node, text: string): Printed | null {
  const inner = (m: Node): { value: number; half: number; significant?: number } | null => {
    switch (m.kind) {
      case 'num': {
        const dot = m.text.indexOf('.');
        const decimals = dot < 0 ? 0 : m.text.length - dot - 1;
        return { value: m.value, half: 0.5 * 10 ** -decimals };
      }
      case 'neg': {
        const b = inner(m.body);
        return b && { ...b, value: -b.value };
      }
      case 'group':
        return m.delim === '(' || m.delim === '{' ? inner(m.body) : null;
      case 'div': {
        // A fraction of integers is exact (1/3, \frac{2}{7}).
        const a = integerOf(m.a), b = integerOf(m.b);
        return a !== null && b !== null && b !== 0 ? { value: a / b, half: 0 } : null;
      }
      case 'pow': {
        // 10^{-2}: an order of magnitude, one significant digit.
        const e = m.base.kind === 'num' && m.base.value === 10 && m.base.text === '10' ? integerOf(m.exp) : null;
        return e === null ? null : { value: 10 ** e, half: 0.5 * 10 ** e, significant: 1 };
      }
      case 'mul': {
        // a \times 10^{b}, a \cdot 10^{b}
        if (m.implicit || m.a.kind !== 'num' || m.b.kind !== 'pow' || m.b.base.kind !== 'num' || m.b.base.value !== 10) return null;
        const a = inner(m.a), e = integerOf(m.b.exp);
        return a && e !== null ? { value: a.value * 10 ** e, half: a.half * 10 ** e, significant: significantDigits(m.a.text) } : null;
      }
      default:
        return null;
    }
  };
  const r = inner(n);
  if (!r || !Number.isFinite(r.value)) return null;
  // Written out, not `{ ...r, text, span }` (util/objects.ts: a spread that adds keys is slow), in that literal's key order.
  const src = text.slice(n.span.start, n.span.end).trim();
  return 'significant' in r ? { value: r.value, half: r.half, significant: r.significant, text: src, span: n.span } : { value: r.value, half: r.half, text: src, span: n.span };
}

/** Printed numbers of a vector or matrix (`(1.2, 0.4)^\top`, a bmatrix), row by row; null unless every entry is one. */
export function printedList(n: Node, text: string): Printed[] | null {
  let m = n;
  if (m.kind === 'transpose') m = m.body;
  if (m.kind === 'group' && m.body.kind === 'tuple') m = m.body;
  const items = m.kind === 'tuple' ? m.items : m.kind === 'matrix' ? m.rows.flat() : null;
  if (!items || items.length < 2) return null;
  if (m.kind === 'matrix' && !m.rows.every((r) => r.length === m.rows[0].length)) return null;
  const out = items.map((c) => printedNumber(c, text));
  return out.every((p): p is Printed => p !== null) ? out : null;
}

function integerOf(n: Node): number | null {
  if (n.kind === 'num') return Number.isInteger(n.value) && !n.text.includes('.') ? n.value : null;
  if (n.kind === 'neg') { const b = integerOf(n.body); return b === null ? null : -b; }
  if (n.kind === 'group') return integerOf(n.body);
  return null;
}

/** The value of a constant expression (instance facts may be written 1/3, 0.2, \sqrt{2}, 1^2). */
export function constantOf(n: Node): number | null {
  switch (n.kind) {
    case 'num': return n.value;
    case 'neg': { const b = constantOf(n.body); return b === null ? null : -b; }
    case 'group': return n.delim === '(' || n.delim === '{' ? constantOf(n.body) : null;
    case 'add': case 'sub': case 'mul': case 'div': {
      const a = constantOf(n.a), b = constantOf(n.b);
      if (a === null || b === null) return null;
      return n.kind === 'add' ? a + b : n.kind === 'sub' ? a - b : n.kind === 'mul' ? a * b : b === 0 ? null : a / b;
    }
    case 'pow': { const a = constantOf(n.base), b = constantOf(n.exp); return a === null || b === null ? null : a ** b; }
    case 'sqrt': { const a = constantOf(n.body); return a === null || a < 0 || n.index ? null : Math.sqrt(a); }
    default: return null;
  }
}

/** A list of constants: `\{-3, -2.5\}`, `(1, 2)`, `[1, 2]^\top`, a one-row or one-column matrix. */
function constantList(n: Node): number[] | null {
  let m = n;
  if (m.kind === 'transpose') m = m.body;
  let items: Node[] | null = null;
  if (m.kind === 'set' && !m.cond) items = m.items;
  else if (m.kind === 'tuple') items = m.items;
  else if (m.kind === 'group' && m.body.kind === 'tuple') items = m.body.items;
  else if (m.kind === 'matrix' && (m.rows.length === 1 || m.rows.every((r) => r.length === 1))) items = m.rows.flat();
  if (!items || items.length === 0) return null;
  const out = items.map(constantOf);
  return out.every((v): v is number => v !== null) ? out : null;
}

/** `\mathbf{I}`, `I_2`, `2\mathbf{I}` (a multiple of the identity, size from the data), `\operatorname{diag}(1, 2)`. */
function identityOf(n: Node): { scale?: number; matrix?: number[][] } | null {
  if (n.kind === 'sym' && n.name === 'I' && (n.font === 'bold' || n.font === null || n.font === 'bb') && !n.decor) return { scale: 1 };
  if (n.kind === 'mul' && n.b.kind === 'sym' && n.b.name === 'I') {
    const c = constantOf(n.a);
    return c !== null && identityOf(n.b) ? { scale: c } : null;
  }
  if (n.kind === 'func' && n.name === 'diag') {
    const d = constantList(n.arg.kind === 'group' ? n.arg.body : n.arg);
    return d ? { matrix: d.map((v, a) => d.map((_, b) => (a === b ? v : 0))) } : null;
  }
  return null;
}

/** A matrix of constants (rows of equal length). */
function constantMatrix(n: Node): number[][] | null {
  if (n.kind !== 'matrix' || n.rows.length === 0) return null;
  const w = n.rows[0].length;
  if (!n.rows.every((r) => r.length === w)) return null;
  const out = n.rows.map((r) => r.map(constantOf));
  return out.every((r) => r.every((v) => v !== null)) ? (out as number[][]) : null;
}

/** One worked example: what the note has stated so far, and where. */
interface Example {
  X: (number[] | undefined)[];
  /** The data set was given whole (a later `x_1 = …` starts another example). */
  dataWhole: boolean;
  K: number | null;
  pi: (number | undefined)[];
  mu: (number[] | undefined)[];
  Sigma: (number[][] | undefined)[];
  /** Lines where the instance was stated (for messages). */
  lines: number[];
  /** A printed value was checked against it: a parameter stated again starts a new example. */
  used: boolean;
  /** EM cycles the note has taken from the stated parameters (a printed update it then starts from). */
  steps: number;
  /** Line of the last fact. */
  lastLine: number;
  /** A Gaussian's numeric spread was read where the note writes both 𝒩(x | μ, σ) and 𝒩(x | μ, σ²). */
  spreadUnclear?: boolean;
  /** Σ_k = c·I, the dimension still to come from the data. */
  scaleI: (number | undefined)[];
  /**
   * Another example made by giving some parameters new values (the rest carried over): whether the
   * others stay is not said, so its numbers may pass but not fail. The keys restated since.
   */
  partial?: { line: number; restated: Set<string> };
  /** "the point $x = 1$": a point the example evaluates at, with no index (exampleHolds' generic point). */
  point?: number[];
  /** Values stated for every component at once (`\pi_k = \frac{1}{K}`, `\Sigma_k = \mathbf{I}`): 'K' is 1/K. */
  all: { pi?: number | 'K'; mu?: number[]; Sigma?: number[][]; scaleI?: number };
  /**
   * Parameters the note printed after an EM cycle (rounded): the numbers it goes on to compute
   * from. A value printed later may come from these rather than from the exact cycle.
   */
  printedAfter?: Map<string, number[]>;
}

function newExample(): Example {
  return { X: [], dataWhole: false, K: null, pi: [], mu: [], Sigma: [], scaleI: [], all: {}, lines: [], used: false, steps: 0, lastLine: 0 };
}

/** A worked example's stated instance (WorkedExamples.statedInstance). */
/** Where a step about the data alone is judged (claims.ts, atStatedData): its messages say so. */
export const AT_STATED_DATA = 'the data the worked example states';

export interface StatedExample {
  gmm: R.Gmm; X: number[][]; where: string; firstLine: number; lastLine: number; key: string; point?: number[];
  /** The example gives no weights: they are taken equal (a step that writes weights is not about it). */
  unweighted?: true;
  /** The example states its number of components (`$K = 1$`), which may differ from the note's model. */
  kStated?: true;
}

type Resolved = { gmm: R.Gmm; X: number[][]; where: string; rounded?: { gmm: R.Gmm; where: string } } | { missing: string };

/** What a printed number stands for, evaluated at an example. */
interface Target {
  describe: string;
  /** The value at the example's current parameters; `next`: after one EM cycle. */
  value(g: R.Gmm, X: number[][]): number | null;
  /** All entries of a vector or matrix quantity (μ_k, Σ_k in D dimensions), row by row. */
  entries?(g: R.Gmm, X: number[][]): number[] | null;
  /** The parameter it names (for `a → b` and stated-again values), or null. */
  param?: { kind: 'pi' | 'mu' | 'var' | 'std' | 'Sigma'; k: number };
  /** Printed value is an update (μ^{new}): evaluate after one EM cycle. */
  update: boolean;
  /** Another quantity the same name may stand for in the note, with its name (a responsibility's unnormalised weight). */
  alias?: { describe: string; value(g: R.Gmm, X: number[][]): number | null };
  /** `μ_1^{(2)}`: the value after that many EM cycles from the parameters the example states. */
  iter?: number;
}

type Verdict = { verdict: 'pass' | 'fail' | 'unchecked'; message: string; culprit?: Span; values?: Claim['values']; cause?: string };

/** What the second slot of the note's Gaussians holds: σ² (the usual), σ, or both in different places. */
export function spreadConvention(chains: readonly Chain[], ctx: NoteContext): 'variance' | 'std' | 'both' {
  let std = false, variance = false;
  for (const c of chains) {
    for (const m of chainNodes(c).twoGiven) {
      if (classifySymbol(m.fn, ctx).kind !== 'density') continue;
      const g = m.given![1]!;
      const base = g.kind === 'pow' ? g.base : g;
      if (base.kind !== 'sym') continue;
      const kind = classifySymbol(base, ctx).kind;
      if (kind === 'std' && g.kind === 'sym') std = true;
      else if (kind === 'std') variance = true;
      else if (kind === 'var' || kind === 'cov') variance = true;
    }
  }
  return std && variance ? 'both' : std ? 'std' : 'variance';
}

/** c·𝐈, D×D, as rows. */
export function identityTimes(D: number, c: number): number[][] {
  return Array.from({ length: D }, (_, a) => Array.from({ length: D }, (__, b) => (a === b ? c : 0)));
}

/** Values a note gives every component at once: `'K'` for 1/K; Σ_k as a matrix (1-D) or a multiple of 𝐈. */
export interface EveryComponent {
  pi?: number | 'K'; mu?: number[]; Sigma?: number[][]; scaleI?: number;
  /** Every component's mean, or spread, the first one's (a tie the note supposes, `μ_1 = μ_2`: ClaimBuilder.supposed). */
  tieMu?: boolean; tieSpread?: boolean;
}

/**
 * `\pi_k = \frac{1}{K}`, `\mu_k = 0`, `\sigma_k^2 = 1`, `\Sigma_k = \mathbf{I}`, also `\sigma_k^2 = \tau_k^2 = 1`
 * (every side but the last a parameter with a component index letter, the last a constant): the values, or null.
 */
export function everyComponentValues(nodes: readonly Node[], ctx: NoteContext): EveryComponent | null {
  const last = nodes[nodes.length - 1]!;
  const slots = nodes.slice(0, -1).map((n) => {
    const squared = n.kind === 'pow' && n.exp.kind === 'num' && n.exp.value === 2;
    const s = n.kind === 'sym' ? n : n.kind === 'pow' && n.base.kind === 'sym' && squared ? n.base : null;
    const subs = indexList(s?.sub ?? null);
    if (!s || s.decor || s.primes || s.accent || subs.length !== 1 || subs[0].kind !== 'sym' || subs[0].sub) return null;
    const letter = subs[0].name;
    if (!(ctx.reading?.components.has(letter) || letter === 'k' || letter === 'j')) return null;
    const kind = classifySymbol(s, ctx).kind;
    return kind === 'weight' && !squared ? 'pi' : kind === 'mean' && !squared ? 'mu' : kind === 'std' ? (squared ? 'var' : 'std') : kind === 'var' && !squared ? 'var' : kind === 'cov' && !squared ? 'Sigma' : null;
  });
  if (!slots.length || !slots.every((x) => x !== null)) return null;
  const oneOverK = last.kind === 'div' && constantOf(last.a) === 1 && last.b.kind === 'sym' && last.b.name === 'K' && !last.b.sub;
  const scalar = constantOf(last);
  const ident = identityOf(last);
  const list = constantList(last);
  const out: EveryComponent = {};
  for (const slot of slots) {
    if (slot === 'pi' && (oneOverK || scalar !== null)) out.pi = oneOverK ? 'K' : scalar!;
    else if (slot === 'mu' && (scalar !== null || list)) out.mu = scalar !== null ? [scalar] : list!;
    else if ((slot === 'var' || slot === 'std') && scalar !== null) out.Sigma = [[slot === 'std' ? scalar * scalar : scalar]];
    else if (slot === 'Sigma' && ident?.scale !== undefined) out.scaleI = ident.scale;
    else if (slot === 'Sigma' && scalar !== null) out.Sigma = [[scalar]];
    else return null;
  }
  return out;
}

/** The reading of a note's worked examples; feed it the chains in note order (revise). */
export class WorkedExamples {
  private current = newExample();
  /** Points numbered from 0 (`x_0 = …`). */
  private pointsFromZero = false;

  /** What the second slot of the note's Gaussians holds: σ² (the usual), σ, or both in different places. */
  private readonly spread: 'variance' | 'std' | 'both';

  /** `spread`: the note's convention (spreadConvention), when the caller has it already. */
  constructor(private readonly ctx: NoteContext, private readonly loc: { text: string; line(offset: number): number; column(offset: number): number }, chains: readonly Chain[] = [],
    spread?: 'variance' | 'std' | 'both') {
    this.spread = spread ?? spreadConvention(chains, ctx);
    // A note about a mixture of another family (Poisson, Bernoulli, …) may give a Gaussian aside; its
    // example's numbers are not the Gaussian reference's to judge.
    // (Not "categorical" or "multinomial": GMM notes say that of their latent z.)
    this.otherFamily = /\b(poisson|bernoulli|binomial|exponential distribution|gamma distribution|student[- ]?t\b|laplace distribution|von mises)|(泊松|伯努利|二项)/i.exec(loc.text)?.slice(1).find(Boolean) ?? null;
  }

  /** A distribution family other than the Gaussian that the note names, or null. */
  private readonly otherFamily: string | null;

  /** The covariance a Gaussian's second slot gives, written as a number: squared when the note's slot holds σ. */
  private spreadOf(Sigma: number[][]): number[][] {
    if (this.spread === 'both') this.current.spreadUnclear = true;
    return this.spread === 'std' && Sigma.length === 1 ? [[Sigma[0]![0]! * Sigma[0]![0]!]] : Sigma;
  }

  /**
   * The claims of a chain, revised: instance facts say so; printed numbers the
   * example determines are checked. Returns `claims` unchanged for other chains.
   */
  revise(chain: Chain, claims: Claim[], regionIndex: number): Claim[] {
    const sides = chain.sides;
    if (!sides.every((s) => s.ok)) return claims;
    if (sides.length === 1) {
      // A matrix on its own, after prose that says it holds responsibilities.
      const m = sides[0].ok ? sides[0].node : null;
      const evidence = m?.kind === 'matrix' ? this.isRespMatrix([m], 0, chain) : null;
      if (m?.kind !== 'matrix' || !evidence) return claims;
      const rows = this.respRows(m, evidence, chain);
      if (!rows) return claims;
      const span = m.span;
      const base: Claim = {
        line: this.loc.line(span.start), endLine: this.loc.line(Math.max(span.start, span.end - 1)), column: this.column(span.start),
        kind: 'numeric', lhs: this.loc.text.slice(span.start, span.end), rhs: '', relation: '', verdict: 'unchecked', reason: 'unsupported',
        message: '', lhsSpan: span, rhsSpan: span, culprit: span, regionIndex,
      };
      return [...claims, ...rows.map((r) => ({ ...base, ...r }))];
    }
    const nodes = sides.map((s) => (s.ok ? s.node : null!));
    // `\pi_1 = 0,25` (a decimal comma, as German or French notes write it): the parser ends the side at
    // the comma; the number is 0.25, not 0 followed by another formula 25.
    const decimal = this.decimalComma(sides[sides.length - 1]!.span, nodes[nodes.length - 1]!);
    if (decimal) nodes[nodes.length - 1] = decimal;
    const rels = chain.relations.map((r) => r.rel);
    const linkClaim = (j: number): Claim | undefined =>
      claims.find((c) => c.lhsSpan.start === sides[j - 1].span.start && c.rhsSpan.start === sides[j].span.start);
    const line = this.loc.line(chain.span.start);
    const replaceAll = (f: (c: Claim) => Claim): Claim[] => claims.map((c) => (c.lhsSpan.start >= chain.span.start && c.rhsSpan.end <= chain.span.end ? f(c) : c));
    const fact = (what: string) => (c: Claim): Claim => (extend(c, { kind: 'numeric', verdict: 'unchecked', reason: 'unsupported', cause: undefined, values: undefined,
      message: proseToUnicode(`states the worked example's ${what}; the numbers printed from it are checked against it`),
    }));

    // Instance facts (a trailing `\in \mathbb{R}^{N \times D}` says the shape only).
    const shapeOnly = rels[rels.length - 1] === '∈' && nodes.length > 2;
    const factNodes = shapeOnly ? nodes.slice(0, -1) : nodes, factRels = shapeOnly ? rels.slice(0, -1) : rels;
    const data = this.dataFact(factNodes, factRels, line);
    if (data?.startsWith('— no: ')) {
      const why = data.slice(6);
      return replaceAll((c) => ({ ...fact('')(c), message: proseToUnicode(`${why} (a case the text names, not a value of the worked example); nothing to check`) }));
    }
    if (data) return replaceAll(fact(data));
    const param = this.parameterFact(factNodes, factRels, line);
    if (param) return replaceAll(fact(param));

    // A responsibility matrix: `\begin{bmatrix}…\end{bmatrix} \in \mathbb{R}^{N \times K}`, `R = …`.
    const matrixAt = nodes.findIndex((n) => n.kind === 'matrix');
    const evidence = matrixAt >= 0 ? this.isRespMatrix(nodes, matrixAt, chain) : null;
    if (evidence) {
      const rows = this.respRows(nodes[matrixAt] as MatrixNode, evidence, chain);
      if (rows) {
        const j = matrixAt === 0 ? 1 : matrixAt;
        const base = linkClaim(j);
        if (base) return claims.flatMap((c) => (c === base ? rows.map((r) => ({ ...base, ...r })) : [c]));
      }
    }


    // "In the run plotted (a different random draw) EM reached ℓ = −8.53", "at convergence": numbers
    // of another run or iterate than the example's; the text says so before them on their line.
    const before = this.loc.text.slice(this.loc.text.lastIndexOf('\n', chain.span.start - 1) + 1, chain.span.start);
    if (/\b(different|another|other) (random )?(run|draw|start|initiali[sz]ation|seed)|\bseed \d|run plotted|converge|at the optimum|另一次|收敛/i.test(before)
      && nodes.some((n) => this.target(n) || instanceSpecific(n))) {
      const message = 'not checked: the text says this number comes from another run, or from where EM converged, not from the worked example as stated';
      return this.apply(claims, nodes.slice(1).map((_, j) => [linkClaim(j + 1), { verdict: 'unchecked', message }] as [Claim | undefined, Verdict]));
    }

    // `μ_1 : -4 \rightarrow -2.7`: the value, then its update.
    if (nodes.length === 3 && (rels[0] === ':' || rels[0] === '=') && (rels[1] === '→' || rels[1] === '↦')) {
      const t = this.target(nodes[0]);
      const from = printedNumber(nodes[1], this.loc.text), to = printedNumber(nodes[2], this.loc.text);
      if (t && t.param && !t.update && t.iter === undefined && from && to) {
        const { verdict: first, base } = this.judgeFrom(t, from);
        const second = first.verdict === 'pass' ? this.judge({ ...t, update: true }, to, 'the update of', base) : { verdict: 'unchecked' as const, message: `not checked: ${first.verdict === 'unchecked' ? first.message.replace(/^not checked: /, '') : 'the value it starts from is not the example\'s'}` };
        return this.apply(claims, [[linkClaim(1), first], [linkClaim(2), second]]);
      }
      return claims;
    }

    // `target = … = printed`: the printed value of the first side.
    const last = nodes.length - 1;
    // (e-notation first, up to the end of the formula: 5.53\text{e}-4 parses as 5.53 and a text.)
    const printed = this.eNotationAt(sides[last].span) ?? printedNumber(nodes[last], this.loc.text);
    if (!rels.every((r) => r === '=' || r === '≈' || r === ':=')) return claims;
    if (!printed) {
      // `\boldsymbol{\mu}_1^{new} = (1.2, 0.4)^\top`, `\Sigma_1^{new} = \begin{bmatrix}…\end{bmatrix}`.
      const list = printedList(nodes[last], this.loc.text);
      const t = last === 1 && list ? this.target(nodes[0]) : null;
      // `γ_12 = \frac{0.4 · 0.0044}{…}`: a quantity of the example worked out with its numbers.
      if (!list) {
        if (!this.target(nodes[0])) return claims;
        if (nodes.slice(1).every(hasDecimals)) return this.computedChain(nodes, null, linkClaim, claims, true);
        // `r_{41} = …` is the example's responsibility, never a new name the note defines.
        const link = linkClaim(1);
        // (Not the Lagrangian `𝓛(θ) = … + λ(…)`, the log-likelihood's name with no instance in it: a new name the note defines.)
        return link?.kind === 'definition' && instanceSpecific(nodes[0]) ? this.apply(claims, [[link, { verdict: 'unchecked', message: 'not checked: a value of the worked example written in a form the checker does not read as a number' }]]) : claims;
      }
      if (!t?.entries) {
        const out = this.computedEntries(nodes, list, linkClaim, claims);
        // `\Sigma_1 = A - B = \begin{pmatrix}…\end{pmatrix}` worked out to its printed value: the parameter stated again, as
        // `\Sigma_1 = \begin{pmatrix}…\end{pmatrix}` alone is (statedAgain), so the lines after it use the value it ends on.
        const named = last > 1 ? this.target(nodes[0]) : null;
        if (named?.param && named.entries && !named.update && named.iter === undefined) this.restatedByChain(named, list);
        return out;
      }
      if (t.param && !t.update && t.iter === undefined) return this.statedAgain(claims, linkClaim(1), () => this.judgeEntries(t, list), () => this.judgeEntries({ ...t, update: true }, list), nodes, rels, line, fact, t, list.map((p) => p.value));
      return this.apply(claims, [[linkClaim(1), this.judgeEntries(t, list)]]);
    }
    const named = this.target(nodes[0]);
    // "$\mathcal{L} \approx -13.01$ after the update": the text beside the number says which EM cycle it is of.
    // (A parameter stated again is read by statedAgain: an update that moves the example on, or a new example.)
    const cycles = named && !named.param && !named.update && named.iter === undefined ? this.cyclesInProse(chain) : null;
    // (One cycle is the update, strictly; θ^{(1)} written as a superscript may also number the stated parameters.)
    const t = named && cycles !== null ? (cycles === 1 ? { ...named, update: true } : { ...named, iter: cycles }) : named;
    if (!t && last === 1) {
      const every = this.forEveryIndex(nodes[0], printed);
      if (every) return this.apply(claims, [[linkClaim(1), every]]);
    }
    // `p^{new}(x_1) = 0.5337(0.2699) + …`: a quantity at the updated parameters, worked out there (once the note has
    // restated the updated parameters, the example is at them already).
    if (!t) return this.computedChain(nodes, printed, linkClaim, claims, false, writesUpdate(nodes[0]!, this.ctx) && this.current.steps === 0 ? 1 : this.current.steps);
    // A parameter stated again: the value after an EM cycle, or a new example.
    if (t.param && !t.update && t.iter === undefined && last === 1) {
      const steps = this.current.steps;
      return this.statedAgain(claims, linkClaim(1), () => this.judge(t, printed, '', steps, true),
        () => (isIntegerText(printed) ? { verdict: 'fail', message: '' } : this.judge(t, printed, '', steps + 1, true)), nodes, rels, line, fact, t, [printed.value]);
    }
    // `N_1 = 1.9325` under "Iteration 2" after the example stated θ^{(0)}: the count of the next cycle, its name reused
    // without a superscript. Wrong at the stated parameters and right after an EM cycle, it is not judged either way.
    const afterCycle = proseToUnicode(t.param
      ? `not checked: ${t.describe} is the value after an EM cycle here (the M-step's), not the one the example states; write it with its superscript (new, (t+1)) to have it checked as the update`
      : `not checked: ${t.describe} is its value after an EM cycle here, not at the parameters the example states; write it with the iteration's superscript ((1), (t+1)) to have it checked there`);
    if (last === 1) {
      const v = this.judge(t, printed, '');
      if (v.verdict !== 'fail' || t.update || t.iter !== undefined || !this.nearAfterCycle(t, printed)) return this.apply(claims, [[linkClaim(last), v]]);
      return this.apply(claims, [[linkClaim(last), { verdict: 'unchecked', message: afterCycle }]]);
    }
    // `\mu_1^{(1)} = \frac{0.8176 \cdot 2 + …}{1.8176} = 0.9013`: the chain worked out at iteration 1 (one cycle from the
    // stated parameters), or at the stated parameters when the note numbers them 1 (judge reads θ^{(1)} so too).
    if (t.iter !== undefined && !t.update) {
      const fails = (list: Claim[]) => list.some((c, q) => c !== claims[q] && c.verdict === 'fail');
      const after = this.computedChain(nodes, printed, linkClaim, claims, true, t.iter);
      if (t.iter === 0 || !fails(after)) return after;
      // (The M-step of that cycle, with the E-step before it, before the stated parameters: a side that writes μ_1^{(1)} is not
      // read at those.)
      const split = this.computedChain(nodes, printed, linkClaim, claims, true, t.iter, true);
      if (!fails(split)) return split;
      const here = this.computedChain(nodes, printed, linkClaim, claims, true);
      // (At the stated parameters, only a reading that judges: one whose links are all unread there says nothing.)
      const judges = (list: Claim[]) => list.some((c, q) => c !== claims[q] && c.verdict === 'pass');
      return fails(here) || !judges(here) ? split : here;
    }
    const now = this.computedChain(nodes, printed, linkClaim, claims, true);
    // `\pi_1 = \frac{0.9439}{2} = 0.4720` after the example stated π_1 = 0.6: the M-step's number written without
    // "new". Wrong as the stated value and right as the one after an EM cycle, it is not judged either way.
    // (Link by link: a link wrong under both readings stays ✗.)
    if (!t.update && t.iter === undefined && now.some((c, q) => c !== claims[q] && c.verdict === 'fail')) {
      const next = this.computedChain(nodes, printed, linkClaim, claims, true, this.current.steps + 1);
      const message = afterCycle;
      const flips = (q: number) => now[q] !== claims[q] && now[q]!.verdict === 'fail' && next[q]!.verdict !== 'fail';
      // (When some link holds only as the update, a link wrong either way is shown against the update's number.)
      const update = now.some((_, q) => flips(q));
      return now.map((c, q) => (flips(q) ? extend(c, { verdict: 'unchecked', reason: 'unsupported', cause: undefined, values: undefined, message })
        : update && c !== claims[q] && c.verdict === 'fail' ? next[q]! : c));
    }
    return now;
  }

  /**
   * The number a side that is an integer means when a comma and digits follow it at once and end the
   * formula (`0,25`, `-1,5`; not `1,2,3`, a list, nor `1, 2` with a space): that decimal, or null.
   */
  private decimalComma(span: Span, node: Node): Node | null {
    const whole = node.kind === 'num' ? node : node.kind === 'neg' && node.body.kind === 'num' ? node.body : null;
    if (!whole || !/^\d+$/.test(whole.text)) return null;
    const m = /^,(\d+)\s*(?:\$|\\\]|$|[.;:](?:\s|$))/.exec(this.loc.text.slice(span.end, span.end + 40));
    if (!m) return null;
    const text = `${whole.text}.${m[1]}`;
    const value = Number(text) * (node.kind === 'neg' ? -1 : 1);
    const num: Node = { kind: 'num', value: Math.abs(value), text, span: { start: whole.span.start, end: span.end + 1 + m[1]!.length } };
    return node.kind === 'neg' ? { ...node, body: num, span: { start: node.span.start, end: num.span.end } } : num;
  }

  /** A number in e-notation starting where `span` does and running to the end of its formula (the next `$` or line end). */
  private eNotationAt(span: Span): Printed | null {
    const text = this.loc.text;
    // Within the rest of its line only (searching the whole note from every chain was quadratic on a long note).
    let lineEnd = text.indexOf('\n', span.end);
    if (lineEnd < 0) lineEnd = text.length;
    const rest = text.slice(span.end, lineEnd);
    const stops = [rest.indexOf('$'), rest.indexOf('\\]')].filter((i) => i >= 0);
    const end = Math.max(span.end, span.end + (stops.length ? Math.min(...stops) : rest.length));
    const wide = { start: span.start, end };
    return eNotation(text.slice(span.start, span.end), span) ?? (end > span.end ? eNotation(text.slice(wide.start, wide.end), wide) : null);
  }

  /**
   * How many EM cycles from the stated parameters the prose right beside an inline number says it is
   * after: "… $\mathcal{L} \approx -13.01$ after the update", "After one iteration, $\mu_1 = 0.84$",
   * "after two EM steps". Only the text between the formula and the next (or previous) formula on its
   * line counts, so "$\mathcal{L} = -15.85$ at the start and $\mathcal{L} = -13.01$ after the update"
   * reads each number by its own words. Null when it says nothing of the kind.
   */
  private cyclesInProse(chain: Chain): number | null {
    const text = this.loc.text;
    const lineStart = text.lastIndexOf('\n', chain.span.start - 1) + 1;
    let lineEnd = text.indexOf('\n', chain.span.end);
    if (lineEnd < 0) lineEnd = text.length;
    // The words up to the neighbouring formula on each side (past this formula's own `$`).
    const before = text.slice(lineStart, chain.span.start);
    const wordsBefore = before.slice(before.lastIndexOf('$', before.length - 2) + 1).replace(/\$+$/, '');
    const wordsAfter = text.slice(chain.span.end, lineEnd).replace(/^\$+/, '').split('$')[0] ?? '';
    const COUNT = '(the|an?|one|first|two|second|three|third|[123])';
    const WHAT = '(?:(?:em|m-?) ?)?(?:update|iteration|step|cycle)s?';
    const count = (word: string | undefined, digit: string | undefined): number | null => {
      const WORDS: Record<string, number> = { the: 1, an: 1, a: 1, one: 1, first: 1, '1': 1, two: 2, second: 2, '2': 2, three: 3, third: 3, '3': 3 };
      if (digit) return WORDS[digit] ?? null;
      return WORDS[(word ?? 'the').toLowerCase()] ?? null;
    };
    // "… $ℒ ≈ −13.01$ after the update": the words right after the number say so.
    const a = new RegExp(`^\\s*[,;]?\\s*after (?:${COUNT} )?${WHAT}(?: ([123])\\b)?`, 'i').exec(wordsAfter);
    if (a) return count(a[1], a[2]);
    // "After one EM iteration the log-likelihood is $ℒ = −13.01$", "After iteration 2, $μ_1 = …$": said
    // before it, with nothing between that makes the number another one (from, before, will, should …).
    const b = new RegExp(`\\bafter (?:${COUNT} )?${WHAT}(?: ([123])\\b)?([^$]*)$`, 'i').exec(wordsBefore);
    if (b && !/\b(from|before|start|initial|will|would|should|could|compare|expect|increase|rise|rises|grow)\b/i.test(b[3] ?? '')) return count(b[1], b[2]);
    // "After the update the log-likelihood rises from $ℒ = −15.85$ to $ℒ = −13.01$": the value it goes to.
    const c = new RegExp(`\\bafter (?:${COUNT} )?${WHAT}(?: ([123])\\b)?(.*)$`, 'i').exec(before.replace(/\$+$/, ''));
    if (c && /\bfrom\s*\$[^$]+\$\s*to\s*$/i.test(c[3] ?? '')) return count(c[1], c[2]);
    return null;
  }


  /**
   * `p(x_4) = \frac{1}{3}\mathcal{N}(0 \mid -4, 1) + … = 0.59`, `r_{41} = … = 0.00015`: a chain about
   * one instance (a side names a quantity with a numeric index, or is plain arithmetic on numbers),
   * ending in a printed number. Every side is evaluated at the example (the arithmetic needs
   * none); computed sides must agree, and the printed number must be what they round to.
   */
  private computedChain(nodes: Node[], printed: Printed | null, linkClaim: (j: number) => Claim | undefined, claims: Claim[], startsWithTarget: boolean, base = this.current.steps, eStepBefore = false): Claim[] {
    const last = nodes.length - 1;
    // Without a printed number at the end, every side is evaluated.
    const sides = printed ? nodes.slice(0, last) : nodes;
    // A bare letter that is no quantity of the model is the note's own name (`a = 0.3`), defined by this very chain.
    // (Not one the note defined before from the model, `w_{ik} = \pi_k e^{-(x_i - \mu_k)^2/2}`: w_{21} is its value here.)
    const bare = (n: Node) => {
      const s = n.kind === 'sym' ? n : n.kind === 'pow' && n.base.kind === 'sym' ? n.base : null;
      if (!s) return false;
      const own = lookupDefinition(this.splitDigits(s), this.ctx);
      return !(own && (own.usesModel || own.usesResp) && !own.broken);
    };
    const closed = sides.every((n) => closedNumeric(n));
    // `\frac{1}{\sqrt{2\pi}} = 0.3989`: arithmetic on numbers, printed rounded, is a worked number too.
    const roundedResult = !!printed && !isIntegerText(printed) && printed.half > 0;
    // With the example complete, a side of the model with no index left free (`\sum_{n=1}^N \ln p(x_n)`)
    // is one of its numbers too, when the chain ends in one.
    const complete = !!printed && !closed && !('missing' in this.resolve(base));
    const worked = (n: Node, j: number) => (j === 0 && startsWithTarget)
      || ((instanceSpecific(n) || (roundedResult && closedNumeric(n)) || (complete && this.usesModel(n))) && !this.hasFreeIndex(n));
    // The chain from its first side after which every side is arithmetic `accept`s, judged on its own; null without one.
    const arithmeticTail = (accept: (n: Node) => boolean): Claim[] | null => {
      const from = sides.findIndex((_, q) => q > 0 && sides.slice(q).every(accept));
      return from > 0 && nodes.length - from >= 2 ? this.computedChain(nodes.slice(from), printed, (j) => linkClaim(j + from), claims, false, base) : null;
    };
    if ((!startsWithTarget && bare(nodes[0])) || !sides.every(worked)) {
      // `\ln p(x_1, x_2) = \ln 0.2609 + \ln 0.09946 = -1.3436 - 2.3080`: the links between arithmetic on written numbers
      // are judged with their rounding, whatever the sides before them.
      // (So are `\frac{1}{2\pi} e^{-1} = 0.05855`: closed arithmetic, then a number printed rounded.)
      return arithmeticTail((n) => closedNumeric(n) && (hasDecimals(n) || roundedResult)) ?? claims;
    }
    const r = closed ? null : this.resolve(base);
    if (r && 'missing' in r) {
      // `\mathcal{N}(x \mid \mu_2, I) = \frac{1}{2\pi} e^{-1} = 0.05855` with no data set stated: the arithmetic on
      // numbers at the end needs no example (judged with its rounding); the links before it are the identity checks'.
      const tail = arithmeticTail(closedNumeric);
      if (tail) return tail;
      // Only the printed number needs the example; the other links are the identity checks' to judge, except a link
      // that plugs the example's numbers in on one side only (`\frac{\partial \ell}{\partial \mu_1} = \gamma_{11}\frac{1 - 0}{1}`):
      // at random instances its sides differ whatever the step, and the example that would decide it is incomplete.
      const plugged: [Claim | undefined, Verdict][] = [];
      for (let j = 1; j < last + (printed ? 0 : 1); j++) {
        const link = linkClaim(j);
        if (link?.verdict === 'fail' && writtenNumbers(nodes[j - 1]!) !== writtenNumbers(nodes[j]!)) {
          plugged.push([link, { verdict: 'unchecked', message: `not checked: one side has the worked example's numbers put in, and the note does not determine the example (${r.missing})` }]);
        }
      }
      // (Not a step about the data alone, which the identity checks judged at the example's data: AT_STATED_DATA.)
      const lastLink = linkClaim(last);
      if (printed && !lastLink?.message.includes(AT_STATED_DATA)) plugged.push([lastLink, { verdict: 'unchecked', message: `not checked: the printed value is not determined by the note (${r.missing})` }]);
      return plugged.length ? this.apply(claims, plugged) : claims;
    }
    const where = r ? ` at ${r.where}` : '';
    // (`eStepBefore`: the sides after the quantity the chain starts from read the responsibilities and counts of the cycle before:
    // `\sigma_1^{2\,(1)} = \frac{\sum_i \gamma_{i1}(x_i - \mu_1^{(1)})^2}{N_1}` is the M-step of cycle 1, with the E-step before it.)
    const before = eStepBefore && base > 0 ? this.resolve(base - 1) : null;
    const eStep = before && !('missing' in before) ? before.gmm : undefined;
    const values = sides.map((n, q) => this.evaluateAt(n, r, q > 0 || !startsWithTarget ? eStep : undefined, base));
    const verdicts: [Claim | undefined, Verdict][] = [];
    for (let j = 1; j <= last; j++) {
      const a = values[j - 1];
      if ('why' in a) { verdicts.push([linkClaim(j), { verdict: 'unchecked', message: `not checked: ${a.why}` }]); continue; }
      if (printed && j === last) {
        // The printed number is the value of the chain: of the side before it, or (when that side
        // is itself computed from rounded numbers) of the quantity the chain starts from.
        const first = values[0];
        // Either value will do: the side before may read a symbol of the step otherwise than the
        // step's own left side does (σ̂² = … (x_n − μ̂_1)² = 0.666: μ̂_1 is the update there).
        const exact = agrees(a.value, printed) || 'why' in first || (!hasDecimals(sides[j - 1]) && !agrees(first.value, printed)) ? a.value : first.value;
        // `0.8176 + 0.1842 = 1`: a whole number after arithmetic on rounded numbers is exact (a check that they add up),
        // not "1 to 0 decimals": the sides agree within the rounding of the numbers written, or they do not.
        const reach = isIntegerText(printed) && hasDecimals(sides[j - 1]) ? this.roundingReach(sides[j - 1], r) : null;
        if (reach !== null && Number.isFinite(reach)) {
          const diff = Math.abs(a.value - printed.value), tiny = 1e-12 * Math.max(Math.abs(a.value), Math.abs(printed.value));
          const said = `${fmt6(a.value)}, and ${minus(printed.text)} is exact; the rounding of the numbers written moves them by up to ${fmt(Number(reach.toPrecision(2)))}`;
          verdicts.push([linkClaim(j), diff <= reach * (1 + 1e-6) + tiny ? { verdict: 'pass', message: `the numbers written add up to ${said}` }
            : diff > 3 * reach + tiny && diff > ROUNDED_STEP_FAIL * Math.max(Math.abs(a.value), Math.abs(printed.value))
              ? { verdict: 'fail', culprit: printed.span, message: `the numbers written add up to ${said}, not to ${minus(printed.text)}` }
              : { verdict: 'unchecked', message: `not checked: the numbers written add up to ${said}: more than their rounding explains, less than a slip of 1%` }]);
          if (!closed) this.current.used = true;
          continue;
        }
        // `2\pi \cdot 1.2806 = 8.0464` (1.2806 being √1.64 rounded): arithmetic on rounded numbers, printed from the
        // unrounded value, agrees within what the rounding of the numbers written moves it by, and half a unit of its own.
        if (!agrees(exact, printed) && closedNumeric(sides[j - 1]!) && hasDecimals(sides[j - 1]!)) {
          // (Only numbers of three or more significant digits count as rounded here: 0.3 and 0.7 are a weight's exact value.)
          const within = this.roundingReach(sides[j - 1]!, r, 3);
          // (And the quantity the chain starts from, when it reads one, has that value too: `(\sigma_1^2)^{new} = \frac{0.8705
          // \cdot (1 - 0)^2 + …}{1.1213} = 1.6709` is the update written with the wrong mean, whatever its arithmetic.)
          const reach = within === null ? NaN : (within + printed.half) * (1 + 1e-6);
          const startAgrees = 'why' in first || j === 1 || Math.abs(first.value - a.value) <= reach;
          if (within !== null && Number.isFinite(within) && startAgrees && Math.abs(a.value - printed.value) <= reach) {
            verdicts.push([linkClaim(j), { verdict: 'pass', message: `the numbers written give ${fmt6(a.value)}${where}; printed ${minus(printed.text)}, within what their rounding moves it by (${fmt(Number(within.toPrecision(2)))}) and its own` }]);
            if (!closed) this.current.used = true;
            continue;
          }
        }
        // (Carried rounding only where the side before holds quantities read exactly, `4 − N_1` with N_1 printed
        // rounded earlier; after arithmetic on the numbers written, `1 − 0.0267 = 0.9723`, a miss is the step's own.)
        verdicts.push([linkClaim(j), this.printedVerdict(exact, printed, `the value${where}`, !closedNumeric(sides[j - 1]!))]);
        if (!closed) this.current.used = true;
        continue;
      }
      const b = values[j]!;
      if ('why' in b) { verdicts.push([linkClaim(j), { verdict: 'unchecked', message: `not checked: ${b.why}` }]); continue; }
      const close = Math.abs(a.value - b.value) <= 1e-9 * Math.max(1e-300, Math.abs(a.value), Math.abs(b.value));
      if (close) {
        verdicts.push([linkClaim(j), { verdict: 'pass', message: `both sides are ${fmt6(a.value)}${where}` }]);
      } else if (hasDecimals(sides[j - 1]) || hasDecimals(sides[j])) {
        // Written with rounded numbers (0.3989 for 𝒩(0 | 0, 1)): each may be off by half a unit of its
        // last digit. The sides agree when they differ by no more than that moves them (to first
        // order); they disagree when they differ by more than three times that.
        const bound = (this.roundingReach(sides[j - 1], r) ?? NaN) + (this.roundingReach(sides[j], r) ?? NaN);
        const diff = Math.abs(a.value - b.value);
        const tiny = 1e-12 * Math.max(Math.abs(a.value), Math.abs(b.value));
        const said = `${fmt6(a.value)} and ${fmt6(b.value)}${where}; the rounding of the numbers written moves them by up to ${fmt(Number(bound.toPrecision(2)))}`;
        if (diff <= bound * (1 + 1e-6) + tiny) {
          verdicts.push([linkClaim(j), { verdict: 'pass', message: `the sides are ${said}` }]);
        } else if (diff > 3 * bound + tiny && diff > ROUNDED_STEP_FAIL * Math.max(Math.abs(a.value), Math.abs(b.value))) {
          verdicts.push([linkClaim(j), { verdict: 'fail', culprit: nodes[j].span, message: `the sides differ by more than the rounding of the numbers written explains: ${said}` }]);
        } else {
          verdicts.push([linkClaim(j), { verdict: 'unchecked', message: `not checked: the sides are ${said}; they differ by ${fmt(Number((100 * diff / Math.max(Math.abs(a.value), Math.abs(b.value))).toPrecision(2)))}%, which numbers rounded earlier in the note may explain` }]);
        }
      } else {
        verdicts.push([linkClaim(j), {
          verdict: 'fail', culprit: nodes[j].span, message: `the sides differ${where}: ${fmt6(a.value)} on the left, ${fmt6(b.value)} on the right`,
        }]);
      }
    }
    // A link the identity checks pass holds for every GMM, so for this one too (their reading of
    // `μ_1 = \frac{1}{N_1}\sum_n γ_{n1} x_n` is the update; the example's reading of μ_1 alone is its value).
    for (const v of verdicts) if (v[0]?.verdict === 'pass' && v[0].kind !== 'numeric') v[0] = undefined;
    // After the note restated the values of an EM cycle, a step may still belong to the cycle before
    // (`π_1^{new} = N_1 / N` with the E-step's N_1): it holds when it holds there.
    if (!closed && base > 0 && base === this.current.steps && verdicts.some(([, v]) => v.verdict === 'fail')) {
      const before = this.computedChain(nodes, printed, linkClaim, claims, startsWithTarget, base - 1);
      if (before !== claims && !before.some((c) => c.verdict === 'fail' && c.kind === 'numeric' && c.lhsSpan.start >= nodes[0].span.start && c.rhsSpan.end <= nodes[last].span.end)) return before;
    }
    return this.apply(claims, verdicts);
  }

  /**
   * How far a side can move when each number written in it with decimals moves by half a unit of
   * its last digit (the sum of the moves, one number at a time). Numbers the example states
   * exactly (π₁ = 0.6 written as 0.6) are not rounded. Null when it cannot be evaluated.
   */
  private roundingReach(n: Node, r: Exclude<Resolved, { missing: string }> | null, minSignificant = 0): number | null {
    const stated = new Set<number>();
    if (r) {
      for (const x of r.X) for (const v of x) stated.add(v);
      for (let k = 0; k < r.gmm.K; k++) {
        stated.add(r.gmm.pi[k]!);
        for (const v of r.gmm.mu[k]!) stated.add(v);
        for (const row of r.gmm.Sigma[k]!) for (const v of row) { stated.add(v); stated.add(Math.sqrt(v)); }
      }
    }
    const literals: Node[] = [];
    walk(n, (m) => { if (m.kind === 'num' && m.text.includes('.') && !stated.has(m.value) && significantDigits(m.text) >= minSignificant) literals.push(m); });
    if (literals.length > 40) return null;
    const base = this.evaluateAt(n, r);
    if ('why' in base) return null;
    let reach = 0;
    for (const lit of literals) {
      const half = 0.5 * 10 ** -((lit as { text: string }).text.split('.')[1]!.length);
      const moved = this.evaluateAt(replaceNode(n, lit, { ...lit, value: (lit as { value: number }).value + half } as Node), r);
      if ('why' in moved) return null;
      reach += Math.abs(moved.value - base.value);
    }
    return reach;
  }

  /**
   * `r_{n1} \approx 1` beside a worked example: a quantity with one index left as a letter, printed as
   * one number, said of the example's points (or components). It passes when every value of the
   * index agrees; when only some do, the text may restrict the index in prose (unchecked); when
   * none does, it fails. Null when the side is not such a quantity or the example is incomplete.
   */
  private forEveryIndex(n: Node, printed: Printed): Verdict | null {
    const squared = n.kind === 'pow' && n.exp.kind === 'num' && n.exp.value === 2;
    const s = n.kind === 'sym' ? n : squared && n.kind === 'pow' && n.base.kind === 'sym' ? n.base : null;
    const subs = indexList(s?.sub ?? null);
    const letters = subs.filter((x) => x.kind === 'sym');
    if (!s || letters.length !== 1 || letters[0]!.kind !== 'sym' || letters[0]!.sub || subs.some((x) => x.kind !== 'sym' && x.kind !== 'num')) return null;
    const letter = letters[0]!.name;
    const reading = this.ctx.reading;
    const overPoints = !!reading?.points.has(letter) || (!reading?.components.has(letter) && ['i', 'n'].includes(letter));
    const overComponents = !!reading?.components.has(letter) || (!reading?.points.has(letter) && ['k', 'j'].includes(letter));
    if (overPoints === overComponents) return null;
    const r = this.resolve();
    if ('missing' in r) return null;
    const count = overPoints ? r.X.length : r.gmm.K;
    const first = overPoints ? (this.pointsFromZero ? 0 : 1) : (this.ctx.componentsFromZero ? 0 : 1);
    const agreeing: number[] = [], differing: string[] = [];
    for (let v = 0; v < count; v++) {
      const written = v + first;
      const num: Node = { kind: 'num', value: written, text: String(written), span: letters[0]!.span };
      const sub = subs.length === 1 ? num : subs.map((x) => (x === letters[0] ? num : x)).reduce((a, b) => ({ kind: 'mul', implicit: true, a, b, span: s.sub!.span }) as Node);
      const sym: SymNode = { ...s, sub };
      const t = this.target(squared && n.kind === 'pow' ? { ...n, base: sym } : sym);
      if (!t || t.update || t.iter !== undefined) return null;
      const x = t.value(r.gmm, r.X);
      if (x === null) return null;
      if (agrees(x, printed)) agreeing.push(written);
      else differing.push(`${letter} = ${written}: ${shown(x, printed)}`);
    }
    this.current.used = true;
    const what = `${latexName(s)} for every ${letter} (1..${count}) at ${r.where}`;
    if (!differing.length) return { verdict: 'pass', message: `${what}: each rounds to ${minus(printed.text)}` };
    if (agreeing.length) return { verdict: 'unchecked', message: `not checked: at ${r.where} it holds for ${letter} = ${agreeing.join(', ')} and not for ${differing.join('; ')}; the text may say for which ${letter}` };
    return { verdict: 'fail', culprit: printed.span, message: `${what}: none rounds to ${minus(printed.text)} (${differing.join('; ')})` };
  }

  /**
   * `\mathbf{x}_2 - \boldsymbol{\mu}_2 = \begin{bmatrix} -2 \\ -3 \end{bmatrix}`, `\boldsymbol{\Sigma}_1^{-1} = …`: a vector
   * or matrix of the example (or of numbers only), printed entry by entry.
   */
  private computedEntries(nodes: Node[], list: Printed[], linkClaim: (j: number) => Claim | undefined, claims: Claim[]): Claim[] {
    const last = nodes.length - 1;
    const sides = nodes.slice(0, last);
    const closed = sides.every(closedNumeric);
    // (The quantity the chain starts from may be a symbol of the example, `\boldsymbol\mu_1^{new} = \frac{1}{N_1}(0.9172\,
    // \mathbf{x}_1 + …) = [0.3108; 0.1554]`: its value at the example is what the sides after it work out.)
    const fromTarget = nodes[0]!.kind === 'sym' && !!this.target(nodes[0]!);
    if (!sides.every((n, j) => (instanceSpecific(n) || closedNumeric(n)) && (n.kind !== 'sym' || (j === 0 && fromTarget)) && !this.hasFreeIndex(n))) return claims;
    const r = closed ? null : this.resolve();
    // (From the example's quantity, an example the note does not determine: the links are the identity checks' to judge.)
    if (r && 'missing' in r && fromTarget) return claims;
    if (r && 'missing' in r) return this.apply(claims, [[linkClaim(last), { verdict: 'unchecked', message: `not checked: the printed values are not determined by the note (${r.missing})` }]]);
    const evaluated = sides.map((n) => this.evaluateEntries(n, r));
    const verdicts: [Claim | undefined, Verdict][] = [];
    // Sides before the printed one: equal at the example, or left to the reader (they may hold rounded numbers).
    for (let j = 1; j < last; j++) {
      const a = evaluated[j - 1]!, b = evaluated[j]!;
      const same = 'values' in a && 'values' in b && a.values.length === b.values.length
        && a.values.every((x, e) => Math.abs(x - b.values[e]!) <= 1e-9 * Math.max(1, Math.abs(x)));
      verdicts.push([linkClaim(j), same ? { verdict: 'pass', message: `both sides are the same${r ? ` at ${r.where}` : ''}` } : { verdict: 'unchecked', message: 'not checked: the sides are not equal entry by entry, and one may hold rounded numbers' }]);
    }
    const v = evaluated[last - 1]!;
    if ('why' in v) return this.apply(claims, [...verdicts, [linkClaim(last), { verdict: 'unchecked', message: `not checked: ${v.why}` }]]);
    // A chain from the example's quantity (`\Sigma_2^{new} = \frac{1}{1.7648}[…] = […]`) whose worked expression is not
    // that quantity beyond the rounding of its numbers: the printed values are of the expression, not of the quantity.
    const start = evaluated[0]!, next = evaluated[1]!;
    const off = (tolerance: number) => 'values' in start && 'values' in next && start.values.length === next.values.length &&
      start.values.some((x, e) => Math.abs(x - next.values[e]!) > tolerance * Math.max(Math.abs(x), Math.abs(next.values[e]!), 1e-3));
    if (fromTarget && last > 1 && off(2e-3)) {
      const startsAt = `${(start as { values: number[] }).values.map((x) => fmt6(x)).join(', ')}${r ? ` at ${r.where}` : ''}`;
      // An update worked out wrongly (1/N for 1/N_2, responsibilities swapped) is off by far more than rounding: ✗ there.
      const t = this.target(nodes[0]!);
      if (t?.update && off(0.05)) {
        const worked = (next as { values: number[] }).values.map((x) => fmt6(x)).join(', ');
        verdicts[0] = [linkClaim(1), { verdict: 'fail', message: `the example's ${t.describe} is (${startsAt}); the expression written gives (${worked})` }];
      }
      return this.apply(claims, [...verdicts, [linkClaim(last), { verdict: 'unchecked', message: `not checked: the expression before it is not the example's value of the quantity the chain starts from (${startsAt}), beyond the rounding of its numbers` }]]);
    }
    if (v.values.length !== list.length) {
      return this.apply(claims, [...verdicts, [linkClaim(last), { verdict: 'unchecked', message: `not checked: ${list.length} numbers are printed for a value with ${v.values.length} entries${r ? ` at ${r.where}` : ''}` }]]);
    }
    if (r) this.current.used = true;
    const where = r ? ` at ${r.where}` : '';
    const values = { lhs: list.map((p) => p.text).join(', '), rhs: v.values.map((x, e) => shown(x, list[e]!)).join(', '), at: r?.where ?? 'the numbers written' };
    const bad = list.map((p, e) => ({ p, e, x: v.values[e]! })).filter(({ p, x }) => !agrees(x, p));
    if (!bad.length) return this.apply(claims, [...verdicts, [linkClaim(last), { verdict: 'pass', message: `the value${where} is (${values.rhs}); each entry rounds to the printed one`, values }]]);
    const detail = bad.map(({ p, e, x }) => `entry ${e + 1}: printed ${minus(p.text)}, exact ${shown(x, p)} (${roundedText(x, p)} to ${precisionText(p)})`).join('; ');
    // (Carried rounding only into a value of quantities read exactly, not into arithmetic on the numbers written.)
    if (!closedNumeric(sides[last - 1]!) && carriedRounding(bad, list, v.values)) return this.apply(claims, [...verdicts, [linkClaim(last), { verdict: 'unchecked', message: `not checked: the value${where} does not round to the printed values (${detail}), but misses them by less than a slip, as numbers rounded earlier and carried into it make it` }]]);
    return this.apply(claims, [...verdicts, [linkClaim(last), { verdict: 'fail', culprit: bad[0]!.p.span, message: `the value${where} does not round to the printed values: ${detail}`, values }]]);
  }

  /** The entries of a side at the example (row by row), by the compiler, in the example's dimension. */
  /** `eStep`: the parameters the responsibilities and counts are of, when not `r`'s (the E-step before an M-step: computedChain). */
  private evaluateEntries(n: Node, r: Exclude<Resolved, { missing: string }> | null, eStep?: R.Gmm): { values: number[] } | { why: string } {
    const generic = this.genericQuantity(n);
    if (generic) return { why: `${generic} has no index: it is no number of the example` };
    const gmm = r?.gmm ?? NO_EXAMPLE.gmm;
    const X = r?.X ?? NO_EXAMPLE.X;
    try {
      const scope = newScope({ ...this.ctx, K: gmm.K, D: gmm.D, N: X.length });
      const f = compile(this.withSplitDigits(n), scope);
      const fl = scope.flags;
      if (scope.free.size) return { why: `it has a free index (${[...scope.free.keys()].join(', ')})` };
      if (fl.usesLambda || fl.abstractFns.size || fl.usesEvents || fl.additiveConstant || fl.usesAssignments || fl.derivatives.length) {
        return { why: 'it is not a value of the example alone' };
      }
      if (!r && (fl.usesModel || fl.usesData || fl.usesResp)) return { why: 'it depends on the model, and the note states no example' };
      let trial = this.trials.get(gmm);
      if (!trial) this.trials.set(gmm, (trial = trialAt(gmm, X)));
      if (eStep && fl.usesResp) {
        const e = trialAt(eStep, X);
        trial = { ...trial, ref: { ...trial.ref, resp: e.ref.resp, Nk: e.ref.Nk } };
      }
      const v = primalValue(f(new Env(trial)));
      const values = isMatrix(v) ? v.data.map((x) => x as number) : [v];
      return values.every(Number.isFinite) ? { values } : { why: 'it is not finite at the example' };
    } catch (e) {
      if (e instanceof CheckError || e instanceof EvalError) return { why: e.message };
      throw e;
    }
  }

  /** A quantity of the model written without its index (x, μ, σ²): a generic one, not the example's. */
  private genericQuantity(n: Node): string | null {
    let found: string | null = null;
    walk(n, (m) => {
      if (found || m.kind !== 'sym' || m.sub) return;
      const kind = classifySymbol(m, this.ctx).kind;
      if (['data', 'mean', 'std', 'cov', 'var', 'precision', 'weight', 'resp', 'effcount'].includes(kind)) found = latexName(m);
    });
    return found;
  }

  /** The side is read with the model's parameters or data (it compiles, with those flags). */
  private usesModel(n: Node): boolean {
    return this.readSide(n)?.model ?? false;
  }

  /** The side has an index left free (`r_{i1}`: an identity for every i, not one instance's number), or cannot be read. */
  private hasFreeIndex(n: Node): boolean {
    return this.readSide(n)?.free ?? true;
  }

  /** How the side compiles in the note's context, once per side (null: it does not). */
  private readSide(n: Node): { free: boolean; model: boolean } | null {
    if (this.sides.has(n)) return this.sides.get(n)!;
    let read: { free: boolean; model: boolean } | null;
    try {
      const scope = newScope(this.ctx);
      compile(this.withSplitDigits(n), scope);
      read = { free: scope.free.size > 0, model: scope.flags.usesModel || scope.flags.usesData || scope.flags.usesResp };
    } catch (e) {
      if (!(e instanceof CheckError)) throw e;
      read = null;
    }
    this.sides.set(n, read);
    return read;
  }

  private readonly sides = new WeakMap<Node, { free: boolean; model: boolean } | null>();
  /** The trial at each parameter set evaluated (EM cycles are kept per example: see `cycles`). */
  private readonly trials = new WeakMap<R.Gmm, Trial>();

  /** A side's value at the example (or with no example, for plain arithmetic), or why there is none. */
  private evaluateAt(n: Node, r: Exclude<Resolved, { missing: string }> | null, eStep?: R.Gmm, cycle?: number): { value: number } | { why: string } {
    const iterates = r ? this.iteratesValue(n) : null;
    if (iterates) return iterates;
    const t = this.target(n);
    if (t && r) {
      const g = t.update ? this.cycleAfter(r.gmm, r.X) : r.gmm;
      if (!g) return { why: `the example's EM update of ${t.describe} is not defined` };
      const v = t.value(g, r.X);
      return v === null || !Number.isFinite(v) ? { why: `${t.describe} is not a number of ${r.where}` } : { value: v };
    }
    // (`\sqrt{v_1^{(1)}}`: a value of another EM cycle than the one the side is evaluated at, inside an expression: read alone, a
    // quantity is taken at the cycle it names (target); in an expression it would be read at this one.)
    const other = cycle === undefined ? null : otherCycle(n, cycle);
    if (other !== null) return { why: `it writes a value of EM cycle ${other} inside an expression, which is read at cycle ${cycle}` };
    const v = this.evaluateEntries(n, r, eStep);
    if ('why' in v) return v;
    return v.values.length === 1 ? { value: v.values[0]! } : { why: 'it is not a single number' };
  }

  /**
   * `\mathcal{L}(\theta^{(1)}) - \mathcal{L}(\theta^{(0)})`: a sum or difference of quantities of the example, each at the EM cycle
   * its superscript names (compiled whole, both would be read at one instance and the difference be 0). Numbers may stand
   * beside them. Null for any other side.
   */
  private iteratesValue(n: Node): { value: number } | { why: string } | null {
    let named = false;
    const value = (m: Node): { value: number } | { why: string } | null => {
      if (m.kind === 'group' && m.delim === '(') return value(m.body);
      if (m.kind === 'num') return { value: m.value };
      if (m.kind === 'neg') { const v = value(m.body); return v && 'value' in v ? { value: -v.value } : v; }
      if (m.kind === 'add' || m.kind === 'sub') {
        const a = value(m.a), b = value(m.b);
        if (!a || !b) return null;
        if ('why' in a) return a;
        if ('why' in b) return b;
        return { value: m.kind === 'add' ? a.value + b.value : a.value - b.value };
      }
      const t = this.target(m);
      if (!t || t.param || t.update || t.iter === undefined) return null;
      named = true;
      const at = this.resolve(t.iter);
      if ('missing' in at) return { why: at.missing };
      const v = t.value(at.gmm, at.X);
      return v === null || !Number.isFinite(v) ? { why: `${t.describe} is not a number of ${at.where}` } : { value: v };
    };
    if (n.kind !== 'add' && n.kind !== 'sub') return null;
    const v = value(n);
    return v && named ? v : null;
  }

  /** `carried`: the exact value is of quantities the note printed rounded before, which may carry into the printed one. */
  private printedVerdict(exact: number, printed: Printed, what: string, carried: boolean): Verdict {
    const values = { lhs: printed.text, rhs: shown(exact, printed), at: what.replace(/^the value( at )?/, '') || 'the numbers written' };
    if (agrees(exact, printed)) {
      return { verdict: 'pass', message: `${what} is ${shown(exact, printed)}; printed ${minus(printed.text)} ${roundingNote(exact, printed)}`, values };
    }
    // Off in its last digits by less than CARRIED_ROUNDING: numbers rounded earlier in the note and carried into this one
    // (N_2 = 4 − N_1 with N_1 printed as 2.2352) move it so. Not a ✗; not a pass either.
    const off = Math.abs(exact - printed.value) / Math.max(Math.abs(exact), Math.abs(printed.value));
    if (carried && off <= CARRIED_ROUNDING && printed.half > 0) {
      return { verdict: 'unchecked', message: `not checked: ${what}: printed ${minus(printed.text)}, exact ${shown(exact, printed)}: off by ${fmt(Number((100 * off).toPrecision(2)))}%, more than its own rounding and less than a slip, as numbers rounded earlier and carried into it make it` };
    }
    return { verdict: 'fail', culprit: printed.span, message: `${what}: printed ${minus(printed.text)}, exact ${shown(exact, printed)} (${roundedText(exact, printed)} to ${precisionText(printed)})`, values };
  }

  /**
   * A parameter of the example stated again with another number: its value (pass), its value after
   * an EM cycle (pass; the example moves on), or else a new example's parameter (not a ✗: a note
   * may start another example by giving new values).
   */
  private statedAgain(claims: Claim[], link: Claim | undefined, now: () => Verdict, next: () => Verdict,
    nodes: Node[], rels: string[], line: number, fact: (what: string) => (c: Claim) => Claim, t: Target, printed: number[]): Claim[] {
    const a = now();
    if (a.verdict === 'pass') { this.recordPrinted(t, printed); return this.apply(claims, [[link, a]]); }
    // "EM converges to μ_2 = 6.5", "after 20 iterations": values of another iterate than the next.
    const at = nodes[0]!.span.start;
    const prose = this.loc.text.slice(this.loc.text.lastIndexOf('\n', at - 1) + 1, at);
    const elsewhere = /converg|final|optimum|fixed point|after \d+ (iterations|steps|cycles|rounds)|收敛|最终/i.test(prose);
    if (a.verdict === 'fail' && !elsewhere) {
      const b = next();
      if (b.verdict === 'pass') {
        this.movedOn(t, printed);
        return this.apply(claims, [[link, b]]);
      }
    }
    this.current.used = true;
    const what = this.parameterFact(nodes, rels, line, true);
    if (what && t.param) {
      const p = this.current.partial ??= { line, restated: new Set() };
      p.restated.add(`${t.param.kind === 'std' || t.param.kind === 'var' ? 'Sigma' : t.param.kind}/${t.param.k}`);
    }
    return what ? claims.map((c) => (c === link ? fact(`${what} (another instance: not the value the example had, nor the one after an EM cycle)`)(c) : c)) : claims;
  }

  /**
   * A parameter of the example worked out by a chain to printed numbers (`\mu_1 = \frac{1}{1.5}(…) = (0.3333, 0.3585)`): when
   * they are its value after an EM cycle, the example moves on to that cycle, as when the parameter is stated again alone
   * (statedAgain); the chain's links are judged as they are.
   */
  private restatedByChain(t: Target, list: Printed[]): void {
    // (Another value, a slip or a chain the checker cannot read, says nothing of where the example is: it stays.)
    if (this.judgeEntries(t, list).verdict !== 'pass' && this.judgeEntries({ ...t, update: true }, list).verdict === 'pass') this.movedOn(t, list.map((p) => p.value));
  }

  /** The example is one EM cycle further on, the parameter `t` printed there as `printed` (statedAgain, restatedByChain). */
  private movedOn(t: Target, printed: number[]): void {
    this.current.steps++;
    this.current.printedAfter = new Map();
    this.recordPrinted(t, printed);
  }

  /** The numbers printed for a parameter after an EM cycle, which later lines read (Example.printedAfter). */
  private recordPrinted(t: Target, printed: number[]): void {
    if (!t.param || !this.current.steps) return;
    (this.current.printedAfter ??= new Map()).set(`${t.param.kind}/${t.param.k}`, printed);
    this.forgetCycles();
  }

  /** The EM cycles worked out from the example so far are no longer its (the example changed). */
  private forgetCycles(): void {
    this.memo.clear();
    this.cycles = [];
  }

  /** A ✗ on an example whose other parameters the note did not restate (Example.partial) becomes unchecked. */
  private uncertain(v: Verdict): Verdict {
    const p = this.current.partial;
    if (v.verdict !== 'fail' || !p) return v;
    const K = this.current.K ?? Math.max(this.current.mu.length, this.current.pi.length, this.current.Sigma.length);
    const all = K > 0 && ['pi', 'mu', 'Sigma'].every((kind) => Array.from({ length: K }, (_, k) => p.restated.has(`${kind}/${k}`)).every(Boolean));
    if (all) return v;
    return { verdict: 'unchecked', message: `not checked: ${v.message.replace(/^not checked: /, '')} — but line ${p.line} gave the example new values without restating the others, which may have changed too` };
  }

  private apply(claims: Claim[], verdicts: [Claim | undefined, Verdict][]): Claim[] {
    verdicts = verdicts.map(([c, v]) => [c, this.uncertain(v)]);
    const byClaim = new Map(verdicts.filter((v): v is [Claim, Verdict] => !!v[0]));
    return claims.map((c) => {
      const v = byClaim.get(c);
      if (!v) return c;
      return extend(c, { kind: 'numeric', verdict: v.verdict, reason: v.verdict === 'unchecked' ? 'unsupported' : null,
        message: proseToUnicode(v.message), culprit: v.culprit ?? c.culprit, values: v.values, cause: v.cause,
        maxRelError: undefined,
      });
    });
  }

  // ---- the instance ----------------------------------------------------------------------

  /** resolve() by its arguments, while the example's facts stay as they are (cleared when they change). */
  private readonly memo = new Map<string, Resolved>();
  /** The stated parameters and the EM cycles from them computed so far, for the current facts. */
  private cycles: R.Gmm[] = [];

  private resolve(steps = this.current.steps): Resolved {
    const key = `${steps}/${this.current.steps}`;
    let hit = this.memo.get(key);
    if (!hit) this.memo.set(key, (hit = this.resolveNow(steps)));
    return hit;
  }

  /** `unweighted`: weights the example does not give at all taken equal (statedInstance only: no printed number is judged with them). */
  private resolveNow(steps: number, unweighted = false): Resolved {
    const e = this.current;
    // (`unweighted` is asked for the steps about the example only: its point stands in for a data set it does not give.)
    const data = !e.X.length && unweighted && e.point ? [e.point] : e.X;
    if (!data.length) return { missing: 'the example gives no data set' };
    if (data.some((x) => !x)) return { missing: 'the example leaves some data points unstated' };
    if (this.otherFamily) return { missing: `the note speaks of a ${this.otherFamily} mixture, and the reference is a Gaussian one` };
    if (e.spreadUnclear) return { missing: 'the note writes both 𝒩(x | μ, σ) and 𝒩(x | μ, σ²), so whether the example\'s Gaussians give σ or σ² is not said' };
    const K = e.K ?? Math.max(e.mu.length, e.Sigma.length, e.pi.length, e.scaleI.length);
    if (!K) return { missing: 'the example gives no parameters' };
    const D = data[0]!.length;
    if (data.some((x) => x!.length !== D)) return { missing: 'the example\'s points have different dimensions' };
    const pi: number[] = [], mu: number[][] = [], Sigma: number[][][] = [];
    for (let k = 0; k < K; k++) {
      const name = this.componentName(k);
      // (One component: its weight is 1, whether the example says so or not.)
      const w = e.pi[k] ?? (e.all.pi === 'K' ? 1 / K : e.all.pi) ?? (K === 1 ? 1 : undefined) ?? (unweighted && !e.pi.length ? 1 / K : undefined);
      const given = e.mu[k] ?? e.all.mu;
      // \boldsymbol{\mu}_1 = \mathbf{0} (read as the number 0): the zero vector.
      const m = given && D > 1 && given.length === 1 && given[0] === 0 ? new Array<number>(D).fill(0) : given;
      const sk = e.scaleI[k] ?? e.all.scaleI;
      const S = e.Sigma[k] ?? (sk !== undefined ? identityTimes(D, sk) : e.all.Sigma);
      if (w === undefined) return { missing: `the example does not give π${name}` };
      if (!m) return { missing: `the example does not give μ${name}` };
      if (!S) return { missing: `the example does not give the variance of component ${k + (this.ctx.componentsFromZero ? 0 : 1)}` };
      if (m.length !== D || S.length !== D) return { missing: `component ${k + (this.ctx.componentsFromZero ? 0 : 1)} of the example does not have the data's dimension` };
      try { R.cholesky(S); } catch { return { missing: `the example's covariance of component ${k + (this.ctx.componentsFromZero ? 0 : 1)} is not positive definite` }; }
      pi.push(w); mu.push(m); Sigma.push(S);
    }
    if (steps > MAX_CYCLES) return { missing: `the note takes the example more than ${MAX_CYCLES} EM cycles on` };
    let gmm: R.Gmm = { K, D, pi, mu, Sigma };
    // The cycles already computed for these facts are kept (cleared with memo): one cycle per step on.
    const cycles = this.cycles;
    if (cycles.length) gmm = cycles[Math.min(steps, cycles.length - 1)]!;
    else cycles.push(gmm);
    try {
      while (cycles.length <= steps) cycles.push((gmm = R.emStep(gmm, data as number[][])));
    } catch {
      return { missing: `an EM cycle of the example is not defined (a component loses its points)` };
    }
    gmm = cycles[steps]!;
    const lines = [...new Set(e.lines)].sort((a, b) => a - b);
    const at = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines[0]}–${lines[lines.length - 1]}`;
    const where = `the worked example of ${at}${steps ? `, after ${steps} EM cycle${steps > 1 ? 's' : ''}` : ''}`;
    const rounded = steps === e.steps && steps && e.printedAfter?.size ? withPrinted(gmm, e.printedAfter) : null;
    return { gmm, X: data as number[][], where, ...(rounded ? { rounded: { gmm: rounded, where: `${where}, with the parameters as printed` } } : {}) };
  }

  /**
   * The data points the current worked example states, when it states every one of them (numbers), with the lines it
   * states them on and a key that changes with any of them; else null. A step about the data alone is judged there.
   */
  statedData(): { X: number[][]; line: number; key: string } | null {
    const e = this.current;
    if (!e.X.length || e.X.some((x) => !x) || !e.lines.length) return null;
    return { X: e.X as number[][], line: Math.min(...e.lines), key: JSON.stringify(e.X) };
  }

  /** Has the current worked example stated its data points (numbers, not symbols) so far? */
  hasData(): boolean {
    return this.current.X.length > 0;
  }

  /** Has the note stated a value of a worked example (a data point, a parameter) so far? */
  hasFacts(): boolean {
    return this.current.lines.length > 0;
  }

  /**
   * The instance the current worked example states (its parameters before any EM cycle, its data), once it
   * gives all of them, with where it is stated and a key that changes when any of its numbers does; else null.
   */
  statedInstance(): StatedExample | null {
    let r = this.resolve(0);
    // (An example that gives everything but its weights, as one about the Gaussians alone does: its weights taken equal,
    // for the steps about it that write no weights (a step that holds there is not judged; no number printed from it
    // is judged with them).)
    let unweighted = false;
    if ('missing' in r && !this.current.pi.length && this.current.all.pi === undefined) {
      const key = `unweighted/${this.current.steps}`;
      let u = this.memo.get(key);
      if (!u) this.memo.set(key, (u = this.resolveNow(0, true)));
      if (!('missing' in u)) {
        r = u;
        unweighted = true;
      }
    }
    if ('missing' in r) return null;
    // Asked before every chain (its key is part of what a chain's reuse is keyed by): built once per resolution.
    const point = this.current.point;
    if (this.stated?.from !== r) {
      this.stated = {
        from: r,
        out: {
          gmm: r.gmm, X: r.X, where: unweighted ? `${r.where} (its weights, which it does not give, taken equal)` : r.where,
          firstLine: Math.min(...this.current.lines), lastLine: Math.max(...this.current.lines), key: JSON.stringify([r.gmm, r.X, point ?? null]), ...(point ? { point } : {}), ...(unweighted ? { unweighted: true as const } : {}), ...(this.current.K !== undefined ? { kStated: true as const } : {}),
        },
      };
    }
    return this.stated.out;
  }

  private stated: { from: Resolved; out: StatedExample } | null = null;

  private column(offset: number): number {
    return this.loc.column(offset);
  }

  private componentName(k: number): string {
    return String(this.ctx.componentsFromZero ? k : k + 1).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]!);
  }

  /** A new example when this one was already used (its numbers were printed) or is far above. */
  private freshIfUsed(line: number): void {
    this.forgetCycles();
    if (this.current.used) {
      const old = this.current;
      this.current = {
        ...newExample(), X: old.X.slice(), dataWhole: old.dataWhole, K: old.K, pi: old.pi.slice(), mu: old.mu.slice(), Sigma: old.Sigma.slice(),
        scaleI: old.scaleI.slice(), all: { ...old.all }, lines: old.lines.slice(), spreadUnclear: old.spreadUnclear,
        partial: old.partial ? { line: old.partial.line, restated: new Set(old.partial.restated) } : undefined,
      };
    }
    this.current.lastLine = line;
  }

  private note(line: number): void {
    this.current.lines.push(line);
    this.current.lastLine = line;
    this.forgetCycles();
  }

  /** `\mathcal{X} = \{…\}`, `X = (…)`, `x_3 = 2`, `\mathbf{x}_1 = (1, 2)^\top`, `K = 3`. What it states, or null. */
  private dataFact(nodes: Node[], rels: string[], line: number): string | null {
    if (nodes.length !== 2 || (rels[0] !== '=' && rels[0] !== ':=')) return null;
    const [lhs, rhs] = nodes;
    if (lhs.kind !== 'sym' || lhs.decor || lhs.primes) return null;
    const m = classifySymbol(lhs, this.ctx);
    const subs = indexList(lhs.sub);
    if (m.kind === 'count' && m.which === 'K' && subs.length === 0) {
      const K = integerOf(rhs);
      if (K === null || K < 1 || K > 50) return null;
      const e = this.current;
      // `except for K = 1` beside a complete example is prose, not another example: K starts one
      // only before the example has its data (a later data set starts the next example).
      if (e.K !== null && e.K !== K && e.X.length) return `— no: K = ${K} is not the example's K = ${e.K}`;
      if (e.used) this.startExample(line);
      this.current.K = K;
      this.note(line);
      return `number of components (K = ${K})`;
    }
    // "the point $x = 1$": a number for the data letter with no index is the point the example evaluates at (the
    // steps about it write x bare), not a data set.
    // (A tuple as long as the example's mean vectors is one point of theirs, `x = (0, 0)`: not two points.)
    // (The data's letter written bare, y beside y_t, is read as the data too where the note leaves it undefined.)
    const dataLetter = m.kind === 'data' || (m.kind === 'unknown' && subs.length === 0 && !lhs.font && indexedIsData(lhs, this.ctx));
    const value = subs.length === 0 && dataLetter && !lhs.accent ? constantOf(rhs) : null;
    const tuple = subs.length === 0 && dataLetter && !lhs.accent && value === null ? constantList(rhs) : null;
    const point = value !== null ? [value] : tuple && tuple.length > 1 && this.current.mu.some((mu) => mu?.length === tuple.length) ? tuple : null;
    if (point) {
      this.current.point = point;
      this.note(line);
      return `point ${latexName(lhs)}`;
    }
    const isDataSet = subs.length === 0 && (dataLetter || this.isDataSetSymbol(lhs));
    if (isDataSet) {
      const list = constantList(rhs);
      // \{(0, 0), (1, 1), …\}: points as tuples.
      const items = rhs.kind === 'set' && !rhs.cond ? rhs.items : rhs.kind === 'tuple' ? rhs.items : null;
      const tuples = !list && items ? items.map(constantList) : null;
      const points = tuples && tuples.every((t) => t && t.length === tuples[0]!.length) ? (tuples as number[][]) : null;
      const rows = list ? list.map((v) => [v]) : points ?? constantMatrix(rhs);
      if (!rows || rows.length < 1) return null;
      const e = this.current;
      // Parameters stated just before belong with these data; anything else is another example.
      if (e.X.length || e.used || (e.lines.length && line - e.lastLine > 5)) this.startExample(line);
      this.current.X = rows;
      this.current.dataWhole = true;
      this.note(line);
      return `data (${rows.length} point${rows.length === 1 ? '' : 's'})`;
    }
    if (m.kind === 'data' && subs.length === 1 && subs[0].kind === 'num') {
      const value = constantOf(rhs);
      const vec = value !== null ? [value] : constantList(rhs);
      if (!vec) return null;
      // `x_1 = -1.5` beside points of several coordinates: a coordinate named in prose, not a point.
      const dims = this.current.X.find((x) => x)?.length;
      if (dims !== undefined && dims !== vec.length) return null;
      const i = subs[0].value;
      if (i === 0) this.pointsFromZero = true;
      const at = this.pointsFromZero ? i : i - 1;
      if (at < 0 || at > 10_000) return null;
      const had = this.current.X[at];
      // `at x_3 = 3` in prose: the point the example already has.
      if (had && had.length === vec.length && had.every((v, d) => v === vec[d])) return `data point ${latexName(lhs)}_${i} (as stated before)`;
      if (this.current.dataWhole || this.current.used) this.startExample(line);
      this.current.X[at] = vec;
      this.note(line);
      return `data point ${latexName(lhs)}_${i}`;
    }
    return null;
  }

  private startExample(line: number): void {
    this.current = newExample();
    this.current.lastLine = line;
    this.forgetCycles();
  }

  /**
   * `\pi_1 = \pi_2 = 1/3`, `\mu_1 = -4`, `\sigma_2^2 = 0.2`, `\Sigma_1 = \begin{bmatrix}…\end{bmatrix}`,
   * `p_1(x) = \mathcal{N}(x \mid -4, 1)`, `p(x) = 0.5\mathcal{N}(x \mid -2, 0.5) + …`. What it states, or null.
   */
  private parameterFact(nodes: Node[], rels: string[], line: number, again = false): string | null {
    if (!rels.every((r) => r === '=' || r === ':=')) return null;
    const last = nodes[nodes.length - 1];
    // Component densities and the whole mixture, written with numbers.
    if (nodes.length === 2) {
      const comps = this.gaussianTerms(last);
      if (comps) {
        const [lhs] = nodes;
        const fn = lhs.kind === 'apply' ? lhs.fn : null;
        if (!fn || lhs.kind !== 'apply' || lhs.args.length !== 1) return null;
        const sub = indexList(fn.sub);
        if (comps.length === 1 && comps[0].w === null && sub.length === 1 && sub[0].kind === 'num') {
          const k = this.componentIndex(sub[0].value);
          if (k === null) return null;
          this.freshIfUsed(line);
          this.current.mu[k] = comps[0].mu;
          this.current.Sigma[k] = this.spreadOf(comps[0].Sigma);
          this.note(line);
          const spread = this.spread === 'std' ? 'standard deviation' : comps[0].Sigma.length === 1 ? 'variance' : 'covariance';
          return `component ${sub[0].value} (mean ${comps[0].mu.map(fmt).join(', ')}, ${spread} ${comps[0].Sigma.map((r) => r.map(fmt).join(' ')).join('; ')})`;
        }
        if (sub.length === 0 && comps.length >= 2 && comps.every((c) => c.w !== null)) {
          // A whole mixture with numbers: a new example (its data may follow), or the parameters of
          // the data just stated.
          const e = this.current;
          const dataOnly = e.X.length > 0 && !e.used && !e.pi.length && !e.mu.length && !e.Sigma.length && !e.scaleI.length && line - e.lastLine <= 5;
          if (!dataOnly) this.startExample(line);
          comps.forEach((c, k) => { this.current.pi[k] = c.w!; this.current.mu[k] = c.mu; this.current.Sigma[k] = this.spreadOf(c.Sigma); });
          this.current.K = comps.length;
          this.note(line);
          return `mixture (K = ${comps.length})`;
        }
        return null;
      }
    }
    // `\pi_k = \frac{1}{K}`, `\sigma_k^2 = 1`, `\Sigma_k = \mathbf{I}`: the same for every component.
    const every = this.everyComponentFact(nodes, line);
    if (every) return every;
    const listed = nodes.length === 2 ? this.componentListFact(nodes[0]!, nodes[1]!, line) : null;
    if (listed) return listed;
    // Parameters: every side but the last names one, the last is a constant (or a list for a vector).
    const targets = nodes.slice(0, -1).map((n) => this.target(n));
    // μ_1^{(1)} = … is a value after a cycle (judged), μ_1^{(0)} = … a starting value (stated).
    if (!targets.every((t): t is Target => !!t && !!t.param && !t.update && (t.iter === undefined || t.iter === 0))) return null;
    const scalar = constantOf(last);
    const list = scalar === null ? constantList(last) : null;
    const ident = scalar === null && !list ? identityOf(last) : null;
    const mat = scalar === null && !list ? ident?.matrix ?? constantMatrix(last) : null;
    if (scalar === null && !list && !mat && ident?.scale === undefined) return null;
    // Stated again after the example was used: a value to check (revise), unless it is a new example's.
    // A parameter the complete example already has, stated again: a value to check (revise): the same,
    // the one after an EM cycle, or another example's.
    if (!again && targets.length === 1 && this.paramKnown(targets[0]) && (this.current.used || !('missing' in this.resolve()))) return null;
    this.freshIfUsed(line);
    for (const t of targets) {
      const p = t.param!;
      const e = this.current;
      if (p.kind === 'pi' && scalar !== null) e.pi[p.k] = scalar;
      else if (p.kind === 'mu') { const v = scalar !== null ? [scalar] : list ?? null; if (!v) return null; e.mu[p.k] = v; }
      else if (p.kind === 'var' && scalar !== null) e.Sigma[p.k] = [[scalar]];
      else if (p.kind === 'std' && scalar !== null) e.Sigma[p.k] = [[scalar * scalar]];
      else if (p.kind === 'Sigma' && ident?.scale !== undefined) { e.scaleI[p.k] = ident.scale; e.Sigma[p.k] = undefined; }
      else if (p.kind === 'Sigma') { const v = scalar !== null ? [[scalar]] : mat; if (!v) return null; e.Sigma[p.k] = v; }
      else return null;
      if (p.kind !== 'pi' && p.kind !== 'mu' && e.Sigma[p.k]) e.scaleI[p.k] = undefined;
    }
    this.note(line);
    return targets.length === 1 ? `${targets[0].describe}` : 'parameters';
  }

  /**
   * `\pi = (0.4, 0.6)`, `\mu = (0, 3)`, `\sigma^2 = (1, 0.5)`: a parameter's letter without its index and a list of numbers,
   * one per component, in a one-dimensional note (with vectors, a list is one mean's coordinates: not read here). Each is
   * stated as `\pi_1 = 0.4`, … would be; what it states, or null.
   */
  private componentListFact(lhs: Node, rhs: Node, line: number): string | null {
    const base = lhs.kind === 'pow' ? lhs.base : lhs;
    // (Or at iteration 0, `\mu^{(0)} = (0, 2)`: the starting values, which the example states.)
    if (this.ctx.D !== 1 || base.kind !== 'sym' || base.sub || (base.decor && base.decor !== '(0)') || base.primes || base.accent) return null;
    if (lhs.kind === 'pow' && !(lhs.exp.kind === 'num' && lhs.exp.value === 2)) return null;
    const values = constantList(rhs);
    if (!values || values.length < 2 || values.length > 50 || (this.current.K !== null && this.current.K !== values.length)) return null;
    const first = this.ctx.componentsFromZero ? 0 : 1;
    const indexed = values.map((_, q): Node => {
      const sym: SymNode = { ...base, sub: { kind: 'num', value: q + first, text: String(q + first), span: base.span } };
      return lhs.kind === 'pow' ? { ...lhs, base: sym } : sym;
    });
    const targets = indexed.map((n) => this.target(n));
    if (!targets.every((t) => !!t?.param && !t.update && (t.iter === undefined || t.iter === 0)) || targets.some((t) => this.paramKnown(t!))) return null;
    for (let q = 0; q < values.length; q++) {
      const number: Node = { kind: 'num', value: values[q]!, text: String(values[q]), span: rhs.span };
      if (!this.parameterFact([indexed[q]!, number], ['='], line, true)) return null;
    }
    if (this.current.K === null) this.current.K = values.length;
    return `${targets[0]!.describe.replace(/_\{?\d+\}?/, '')} of each component`;
  }

  /** `\pi_k = \frac{1}{K}`, `\mu_k = 0`, `\sigma_k^2 = 1`, `\Sigma_k = \mathbf{I}` (k a component index letter): what it states, or null. */
  private everyComponentFact(nodes: Node[], line: number): string | null {
    const values = everyComponentValues(nodes, this.ctx);
    if (!values) return null;
    const all = { ...this.current.all, ...values };
    this.freshIfUsed(line);
    this.current.all = all;
    this.note(line);
    return 'parameters (the same for every component)';
  }

  /** Terms w·𝒩(x | m, v) of a sum (w null when there is no weight), with numbers only. */
  private gaussianTerms(n: Node): { w: number | null; mu: number[]; Sigma: number[][] }[] | null {
    const terms: Node[] = [];
    const flatten = (m: Node): void => { if (m.kind === 'add') { flatten(m.a); flatten(m.b); } else terms.push(m); };
    flatten(n);
    const out: { w: number | null; mu: number[]; Sigma: number[][] }[] = [];
    for (const t of terms) {
      let w: number | null = null;
      let g: Node = t;
      if (t.kind === 'mul') { w = constantOf(t.a); g = t.b; if (w === null) return null; }
      if (g.kind !== 'apply' || !g.given || g.given.length !== 2 || g.args.length !== 1) return null;
      if (classifySymbol(g.fn, this.ctx).kind !== 'density') return null;
      const m = constantOf(g.given[0]);
      const mu = m !== null ? [m] : constantList(g.given[0]);
      const v = constantOf(g.given[1]);
      const Sigma = v !== null ? [[v]] : constantMatrix(g.given[1]);
      if (!mu || !Sigma) return null;
      out.push({ w, mu, Sigma });
    }
    return out.length ? out : null;
  }

  private componentIndex(written: number): number | null {
    const k = this.ctx.componentsFromZero ? written : written - 1;
    return k >= 0 && k < 50 && Number.isInteger(k) ? k : null;
  }

  private pointIndex(written: number): number | null {
    const i = this.pointsFromZero ? written : written - 1;
    return i >= 0 && Number.isInteger(i) ? i : null;
  }

  private paramKnown(t: Target): boolean {
    const p = t.param!;
    const e = this.current;
    return p.kind === 'pi' ? e.pi[p.k] !== undefined || e.all.pi !== undefined : p.kind === 'mu' ? !!(e.mu[p.k] ?? e.all.mu)
      : !!(e.Sigma[p.k] ?? e.all.Sigma) || e.scaleI[p.k] !== undefined || e.all.scaleI !== undefined;
  }

  // ---- what a printed number stands for ------------------------------------------------------

  /** The quantity a side names, with numeric indices: π_1, μ_2^{new}, σ_1^2, r_{41}, γ(z_{41}), N_1, 𝓛. */
  private target(n: Node): Target | null {
    if (n.kind === 'neg') {
      // −𝓛 = 9.54
      const t = this.target(n.body);
      return t && !t.param ? { ...t, describe: `minus ${t.describe}`, value: (g, X) => { const v = t.value(g, X); return v === null ? null : -v; }, entries: undefined } : null;
    }
    if (n.kind === 'group' && n.delim === '(') return this.target(n.body);
    const loglik = this.logLikelihoodForm(n);
    if (loglik) return loglik;
    let squared = false;
    let sym: SymNode | null = null;
    if (n.kind === 'sym') sym = n;
    else if (n.kind === 'pow' && n.base.kind === 'sym' && n.exp.kind === 'num' && n.exp.value === 2) { sym = n.base; squared = true; }
    else if (n.kind === 'pow' && n.base.kind === 'sym' && !n.base.decor && n.exp.kind === 'mul' && n.exp.implicit && n.exp.a.kind === 'num' && n.exp.a.value === 2
      && n.exp.b.kind === 'group' && n.exp.b.delim === '(' && n.exp.b.body.kind === 'num') {
      // σ_1^{2(0)}: the square, at iteration 0.
      sym = { ...n.base, decor: `(${n.exp.b.body.text})` };
      squared = true;
    }
    if (!sym && n.kind === 'apply' && n.args.length === 1 && !n.given && !n.fn.sub && (n.fn.name === 'gamma' || n.fn.name === 'r') && n.args[0].kind === 'sym') {
      // γ(z_{41}): the responsibility of component 1 for point 4.
      const idx = this.twoIndices(n.args[0].sub);
      if (!idx) return null;
      return this.respTarget(idx[0], idx[1], 'point-first', `${latexName(n.fn)}(z_{${idx[0]}${idx[1]}})`);
    }
    if (!sym || sym.primes) return null;
    sym = this.splitDigits(sym);
    // The note's own definition says what the symbol is (w_{nk} = π_k 𝒩(x_n | μ_k, σ_k²), unnormalised):
    // then it is evaluated as defined (computedChain), not as the letter table's quantity. A definition
    // by a number is the example's own statement, not a meaning.
    const own = lookupDefinition(sym, this.ctx);
    if (own && (own.usesModel || own.usesResp)) return null;
    const role = decorRole(sym.decor, this.ctx);
    if (role !== 'plain' && role !== 'update' && role !== 'current') return null;
    // μ_1^{(2)}: after two cycles from the stated parameters ((0): the stated ones); μ̂_1: the estimate, the update.
    const cycles = /^\((\d+)\)$/.exec(sym.decor ?? '');
    const iter = cycles ? Number(cycles[1]) : undefined;
    const update = role === 'update' || (sym.accent === 'hat' && !sym.decor);
    const m = classifySymbol(sym, this.ctx);
    const subs = indexList(sym.sub);
    const name = latexName(sym);
    if (m.kind === 'loglik' && subs.length === 0 && !squared) {
      // ℓ^{(1)}: after one cycle.
      return { describe: 'the log-likelihood', update, ...(iter !== undefined ? { iter, update: false } : {}), value: (g, X) => R.logLikelihood(g, X) };
    }
    if (m.kind === 'resp' && !squared) {
      const idx = this.twoIndices(sym.sub);
      // γ_31^{(1)}: the responsibility after one EM cycle from the stated parameters.
      const t = idx && !update ? this.respTarget(idx[0], idx[1], m.form ?? 'point-first', `${name}_{${idx[0]}${idx[1]}}`) : null;
      return t && iter !== undefined ? { ...t, iter } : t;
    }
    if (subs.length !== 1 || subs[0].kind !== 'num') return null;
    const k = this.componentIndex(subs[0].value);
    if (k === null) return null;
    const label = `${name}_${subs[0].value}${squared ? '^2' : ''}${iter !== undefined ? `^{(${iter})}` : ''}`;
    const made = this.parameterTarget(m.kind, k, label, update, squared);
    if (!made || iter === undefined) return made;
    return made.param && iter <= 30 ? { ...made, iter, update: false } : null;
  }

  private parameterTarget(kind: string, k: number, label: string, update: boolean, squared: boolean): Target | null {
    const inRange = (g: R.Gmm) => k < g.K;
    switch (kind) {
      case 'effcount':
        if (squared || update) return null;
        return { describe: label, update: false, value: (g, X) => (inRange(g) ? R.effectiveCounts(g, X)[k] : null) };
      case 'weight':
        if (squared) return null;
        return { describe: label, update, param: { kind: 'pi', k }, value: (g) => (inRange(g) ? g.pi[k] : null) };
      case 'mean':
        if (squared) return null;
        return {
          describe: label, update, param: { kind: 'mu', k }, value: (g) => (inRange(g) && g.D === 1 ? g.mu[k][0] : null),
          entries: (g) => (inRange(g) ? g.mu[k].slice() : null),
        };
      case 'std':
        return {
          describe: label, update, param: { kind: squared ? 'var' : 'std', k },
          value: (g) => (inRange(g) && g.D === 1 ? (squared ? g.Sigma[k][0][0] : Math.sqrt(g.Sigma[k][0][0])) : null),
        };
      case 'var':
        if (squared) return null;
        return { describe: label, update, param: { kind: 'var', k }, value: (g) => (inRange(g) && g.D === 1 ? g.Sigma[k][0][0] : null) };
      case 'cov':
        if (squared) return null;
        return {
          describe: label, update, param: { kind: 'Sigma', k }, value: (g) => (inRange(g) && g.D === 1 ? g.Sigma[k][0][0] : null),
          entries: (g) => (inRange(g) ? g.Sigma[k].flat() : null),
        };
      default:
        return null;
    }
  }

  /**
   * The log-likelihood written as a function or spelled out: 𝓛(θ), ℓ(θ^{(0)}), 𝓛(θ^{new}),
   * \log p(\mathcal{X} \mid \theta), \ln p(X \mid \pi, \mu, \sigma). Its argument says which parameters.
   */
  private logLikelihoodForm(n: Node): Target | null {
    // Asked of every side of every chain: the closures below only for the two forms it reads.
    if (n.kind !== 'apply' && n.kind !== 'func') return null;
    const at = (args: Node[]): { update: boolean; iter?: number } | null => {
      if (args.length === 0) return { update: false };
      if (args.length === 1 && args[0].kind === 'sym' && args[0].name === 'theta' && !args[0].sub) {
        const d = args[0].decor;
        const cycles = /^\((\d+)\)$/.exec(d ?? '');
        if (cycles) return { update: false, iter: Number(cycles[1]) };
        const role = decorRole(d, this.ctx);
        return role === 'plain' || role === 'current' ? { update: false } : role === 'update' ? { update: true } : null;
      }
      // 𝓛(π, μ, σ): the parameters by name, without indices.
      const params = args.every((a) => {
        const b = a.kind === 'pow' ? a.base : a;
        return b.kind === 'sym' && !b.sub && !b.decor && (b.name === 'pi' || ['weight', 'mean', 'std', 'var', 'cov', 'precision'].includes(classifySymbol(b, this.ctx).kind));
      });
      return params ? { update: false } : null;
    };
    const make = (when: { update: boolean; iter?: number }): Target => ({
      describe: 'the log-likelihood', update: when.update, ...(when.iter !== undefined ? { iter: when.iter } : {}), value: (g, X) => R.logLikelihood(g, X),
    });
    if (n.kind === 'apply' && !n.fn.sub && classifySymbol(n.fn, this.ctx).kind === 'loglik') {
      const when = at([...n.args, ...(n.given ?? [])]);
      return when ? make(when) : null;
    }
    if (n.kind === 'func' && (n.name === 'log' || n.name === 'ln') && !n.base) {
      const p = n.arg.kind === 'group' ? n.arg.body : n.arg;
      // `\log\mathcal{L}(\theta^{(1)})`: the log of the likelihood at the cycle it names.
      if (p.kind === 'apply' && !p.fn.sub && !p.fn.decor && classifySymbol(p.fn, this.ctx).kind === 'likelihood') {
        const when = at([...p.args, ...(p.given ?? [])]);
        return when ? make(when) : null;
      }
      if (p.kind !== 'apply' || p.fn.name !== 'p' || p.fn.sub || p.fn.decor || p.args.length !== 1) return null;
      const d = p.args[0];
      if (d.kind !== 'sym' || d.sub || !this.isDataSetSymbol(d)) return null;
      const when = at(p.given ?? []);
      return when ? make(when) : null;
    }
    return null;
  }

  /**
   * 𝒳, X, \mathbf{X}, 𝒟, D: the note's whole data set (D where it is set equal to a list of numbers, or
   * inside p(D | θ); a dimension is one number).
   */
  private isDataSetSymbol(s: SymNode): boolean {
    const m = classifySymbol(s, this.ctx);
    return (m.kind === 'opaque' && /data set|whole data/.test(m.why)) || ((s.name === 'X' || s.name === 'D') && (s.font === 'cal' || s.font === 'bold' || s.font === null));
  }

  private respTarget(a: number, b: number, form: 'point-first' | 'component-first', describe: string): Target | null {
    const [pi, ci] = form === 'point-first' ? [a, b] : [b, a];
    const i = this.pointIndex(pi), k = this.componentIndex(ci);
    if (i === null || k === null) return null;
    return {
      describe, update: false, value: (g, X) => (i < X.length && k < g.K ? R.responsibilities(g, [X[i]])[0][k] : null),
      alias: { describe: 'the unnormalised weight π_k 𝒩(x_i | μ_k, Σ_k)', value: (g, X) => (i < X.length && k < g.K ? g.pi[k]! * R.gauss(X[i]!, g.mu[k]!, g.Sigma[k]!) : null) },
    };
  }

  /** r_{41}: two one-digit indices written together, split when the symbol then reads as a responsibility (the reading counts indices). */
  private splitDigits(sym: SymNode): SymNode {
    const sub = sym.sub;
    if (!sub || sub.kind !== 'num' || !/^\d\d$/.test(sub.text)) return sym;
    const digit = (c: string): Node => ({ kind: 'num', value: Number(c), text: c, span: sub.span });
    const split: SymNode = { ...sym, sub: { kind: 'mul', implicit: true, a: digit(sub.text[0]!), b: digit(sub.text[1]!), span: sub.span } };
    return classifySymbol(split, this.ctx).kind === 'resp' ? split : sym;
  }

  /** The side with every r_{41} split (splitDigits), for the compiler. */
  private withSplitDigits(n: Node): Node {
    return mapTree(n, (m) => (m.kind === 'sym' ? this.splitDigits(m) : m));
  }

  /** `{41}`, `{4,1}`, `{4 1}` → [4, 1] (two single digits when written together). */
  private twoIndices(sub: Node | null): [number, number] | null {
    const subs = indexList(sub);
    if (subs.length === 2 && subs[0].kind === 'num' && subs[1].kind === 'num') return [subs[0].value, subs[1].value];
    if (subs.length === 1 && subs[0].kind === 'num' && /^\d\d$/.test(subs[0].text)) return [Number(subs[0].text[0]), Number(subs[0].text[1])];
    if (subs.length === 1 && subs[0].kind === 'tuple' && subs[0].items.length === 2) {
      const [a, b] = subs[0].items;
      if (a.kind === 'num' && b.kind === 'num') return [a.value, b.value];
    }
    return null;
  }

  // ---- judging -------------------------------------------------------------------------

  /**
   * Is the printed number the target's value after one more EM cycle, up to the rounding a student carries through
   * a cycle worked by hand (N_1 = 0.9998 + 0.9323 + 0.0004 from rounded responsibilities): within 0.1%? Used only to
   * leave a number unjudged, never to pass it.
   */
  private nearAfterCycle(t: Target, printed: Printed): boolean {
    const r = this.resolve(this.current.steps + 1);
    if ('missing' in r) return false;
    const exact = t.value(r.gmm, r.X);
    return exact !== null && Number.isFinite(exact) && Math.abs(exact - printed.value) <= 1e-3 * Math.abs(exact);
  }

  /** A printed value of a target at the current example. `lead`: how the message names it. */
  /**
   * `strict`: the number restates a value the example has (`μ_2 = 6` again, or where an arrow
   * starts): an integer must then be the value itself, not something that rounds to it (6.19 is
   * not "6" there: that is another starting point).
   */
  private judge(t: Target, printed: Printed, lead: string, base = this.current.steps, strict = false): Verdict {
    if (t.iter !== undefined) {
      // θ^{(1)}: one cycle from the stated parameters, or the stated parameters themselves when the note
      // states them as those of iteration 1 (it numbers its iterations, we cannot tell from where).
      const plain = { ...t, iter: undefined, update: false };
      const after = this.judge(plain, printed, lead, t.iter, strict);
      if (after.verdict !== 'fail' || t.iter === 0) return after;
      const here = this.judge(plain, printed, lead, this.current.steps, strict);
      return here.verdict === 'pass' ? here : after;
    }
    const r = this.resolve(base);
    if ('missing' in r) return { verdict: 'unchecked', message: `not checked: the printed value of ${t.describe} is not determined by the note (${r.missing})` };
    const g = t.update ? this.cycleAfter(r.gmm, r.X) : r.gmm;
    if (!g) return { verdict: 'unchecked', message: `not checked: the example's EM update of ${t.describe} is not defined (a component has no weight)` };
    const exact = t.value(g, r.X);
    if (exact === null || !Number.isFinite(exact)) return { verdict: 'unchecked', message: `not checked: ${t.describe} is not a number of ${r.where}` };
    this.current.used = true;
    // A parameter's update, or another quantity (the log-likelihood, γ_ik) after the cycle.
    const what = `${lead ? `${lead} ` : ''}${t.update && !lead && t.param ? 'the update of ' : ''}${t.describe}${t.update && !lead && !t.param ? ' after one EM cycle' : ''}`.trim();
    if (exact === printed.value) return { verdict: 'pass', message: `${what} is ${minus(printed.text)} in ${r.where}, as printed`, values: { lhs: printed.text, rhs: shown(exact, printed), at: r.where } };
    if (strict && isIntegerText(printed)) {
      return { verdict: 'fail', culprit: printed.span, message: `${what} at ${r.where} is ${shown(exact, printed)}, not ${minus(printed.text)}`, values: { lhs: printed.text, rhs: shown(exact, printed), at: r.where } };
    }
    if (agrees(exact, printed)) {
      return { verdict: 'pass', message: `${what} is ${shown(exact, printed)} at ${r.where}; printed ${minus(printed.text)} ${roundingNote(exact, printed)}`, values: { lhs: printed.text, rhs: shown(exact, printed), at: r.where } };
    }
    if (r.rounded) {
      const alt = this.valueAt(t, r.rounded.gmm, r.X);
      if (alt !== null && agrees(alt, printed)) {
        return { verdict: 'pass', message: `${what} at ${r.rounded.where} is ${shown(alt, printed)}; printed ${minus(printed.text)} ${roundingNote(alt, printed)} (from the exact cycle: ${shown(exact, printed)})`, values: { lhs: printed.text, rhs: shown(alt, printed), at: r.rounded.where } };
      }
    }
    // An update printed after the note restated the values of that very cycle (`the new means are
    // μ_1 = 1.994 …; the new weights are π_1^{new} = …`): the cycle the example moved to.
    if (t.update && base > 0) {
      const moved = this.resolve(base);
      const same = 'missing' in moved ? null : t.value(moved.gmm, moved.X);
      if (same !== null && agrees(same, printed)) {
        return { verdict: 'pass', message: `${what} is ${shown(same, printed)} after ${base} EM cycle${base > 1 ? 's' : ''}, the cycle whose values the note restated; printed ${minus(printed.text)} ${roundingNote(same, printed)}`, values: { lhs: printed.text, rhs: shown(same, printed), at: r.where } };
      }
    }
    if (t.alias) {
      // w_{nk} = π_k 𝒩(x_n | …) in notes that name the weights before normalising them.
      const other = t.alias.value(r.gmm, r.X);
      if (other !== null && agrees(other, printed)) {
        return { verdict: 'unchecked', message: `not checked: ${t.describe} at ${r.where} is ${shown(exact, printed)} as a responsibility; the printed ${minus(printed.text)} is ${t.alias.describe} (${shown(other, printed)}), which the note may mean by it` };
      }
    }
    if (t.describe.endsWith('the log-likelihood')) {
      // The likelihood itself, or its log in base 10 or 2: another quantity under the same name.
      const sign = t.describe.startsWith('minus') ? -1 : 1;
      const ll = sign * exact;
      const other = agrees(sign * Math.exp(ll), printed) ? 'the likelihood itself (e^𝓛)' : agrees(sign * ll / Math.LN10, printed) ? 'the log-likelihood in base 10'
        : agrees(sign * ll / Math.LN2, printed) ? 'the log-likelihood in base 2' : null;
      if (other) return { verdict: 'unchecked', message: `not checked: the natural log-likelihood at ${r.where} is ${shown(ll, printed)}; the printed ${minus(printed.text)} is ${other}, which the note may mean` };
    }
    let cause: string | undefined;
    // Σ_k^{new} with the old mean: the likely slip in a covariance update.
    if (t.update && t.param && (t.param.kind === 'var' || t.param.kind === 'std' || t.param.kind === 'Sigma')) {
      const resp = R.responsibilities(r.gmm, r.X);
      const old = R.mStepCovariances(r.gmm, r.X, resp, r.gmm.mu)[t.param.k]?.[0]?.[0];
      if (old !== undefined && agrees(t.param.kind === 'std' ? Math.sqrt(old) : old, printed)) cause = 'the old mean in a covariance update';
    }
    return {
      verdict: 'fail', culprit: printed.span, cause,
      message: `${what} at ${r.where}: printed ${minus(printed.text)}, exact ${shown(exact, printed)} (${roundedText(exact, printed)} to ${precisionText(printed)})${cause ? `; it is the value with ${cause.replace(/^the old mean in a covariance update$/, 'the old mean, not the updated one')}` : ''}`,
      values: { lhs: printed.text, rhs: shown(exact, printed), at: r.where },
    };
  }

  /** One EM cycle on from `g`: the kept cycle when `g` is one of the example's (see `cycles`), else computed; null when undefined. */
  private cycleAfter(g: R.Gmm, X: number[][]): R.Gmm | null {
    const i = this.cycles.indexOf(g);
    if (i >= 0) {
      const r = this.resolve(i + 1);
      return 'missing' in r ? null : r.gmm;
    }
    try {
      return R.emStep(g, X);
    } catch {
      return null;
    }
  }

  /** A target's value at parameters `g` (one EM cycle on when it is an update). */
  private valueAt(t: Target, g: R.Gmm, X: number[][]): number | null {
    try {
      const at = t.update ? this.cycleAfter(g, X) : g;
      const v = at && t.value(at, X);
      return v !== null && Number.isFinite(v) ? v : null;
    } catch {
      return null;
    }
  }

  /** A vector or matrix printed entry by entry. */
  private judgeEntries(t: Target, list: Printed[]): Verdict {
    const r = this.resolve();
    if ('missing' in r) return { verdict: 'unchecked', message: `not checked: the printed value of ${t.describe} is not determined by the note (${r.missing})` };
    const g = t.update ? this.cycleAfter(r.gmm, r.X) : r.gmm;
    if (!g) return { verdict: 'unchecked', message: `not checked: the example's EM update of ${t.describe} is not defined (a component has no weight)` };
    const exact = t.entries!(g, r.X);
    if (!exact || exact.length !== list.length) return { verdict: 'unchecked', message: `not checked: ${list.length} numbers are printed for ${t.describe}, which has ${exact?.length ?? 'no'} entries at ${r.where}` };
    this.current.used = true;
    const what = `${t.update ? 'the update of ' : ''}${t.describe}`;
    const values = { lhs: list.map((p) => p.text).join(', '), rhs: exact.map((x, e) => shown(x, list[e])).join(', '), at: r.where };
    const bad = list.map((p, e) => ({ p, e, x: exact[e] })).filter(({ p, x }) => !agrees(x, p));
    if (!bad.length) return { verdict: 'pass', message: `${what} at ${r.where} is (${values.rhs}); each entry rounds to the printed one`, values };
    const detail = bad.map(({ p, e, x }) => `entry ${e + 1}: printed ${minus(p.text)}, exact ${shown(x, p)} (${roundedText(x, p)} to ${precisionText(p)})`).join('; ');
    // Σ_k^{new} with the old mean: the likely slip in a covariance update.
    let cause: string | undefined;
    if (t.update && t.param?.kind === 'Sigma') {
      const old = R.mStepCovariances(r.gmm, r.X, R.responsibilities(r.gmm, r.X), r.gmm.mu)[t.param.k]?.flat();
      if (old && old.length === list.length && list.every((p, e) => agrees(old[e]!, p))) cause = 'the old mean in a covariance update';
    }
    return { verdict: 'fail', culprit: bad[0].p.span, cause, message: `${what} at ${r.where} does not round to the printed values: ${detail}${cause ? '; they are the values with the old mean, not the updated one' : ''}`, values };
  }

  /** `μ_1 : -4 → …`: the value it starts from is the example's (or the one after an EM cycle the note took). */
  private judgeFrom(t: Target, from: Printed): { verdict: Verdict; base: number } {
    const steps = this.current.steps;
    const now = this.judge(t, from, '', steps, true);
    if (now.verdict !== 'fail') return { verdict: now, base: steps };
    // The next cycle (the note moves on), or an earlier one (a recap of the first update).
    if (!isIntegerText(from)) {
      const next = this.judge(t, from, '', steps + 1, true);
      if (next.verdict === 'pass') { this.current.steps++; return { verdict: next, base: steps + 1 }; }
    }
    for (let s = steps - 1; s >= 0; s--) {
      const earlier = this.judge(t, from, '', s, true);
      if (earlier.verdict === 'pass') return { verdict: earlier, base: s };
    }
    return { verdict: { verdict: 'unchecked', message: `not checked: ${t.describe} starts from ${minus(from.text)} here, which is not its value in the worked example (${now.values?.rhs ?? '?'}); the note does not say which instance this is` }, base: steps };
  }

  // ---- responsibility matrices -------------------------------------------------------------

  /** A matrix of numbers that the note says holds responsibilities (by name, shape ℝ^{N×K}, or the prose before it). */
  private isRespMatrix(nodes: Node[], at: number, chain: Chain): 'named' | 'prose' | null {
    const other = nodes.filter((_, j) => j !== at);
    const named = other.some((n) => {
      if (n.kind === 'sym') {
        const m = classifySymbol(n, this.ctx).kind;
        return m === 'resp' || ((n.name === 'R' || n.name === 'Gamma' || n.name === 'gamma' || n.name === 'r') && (n.font === 'bold' || n.name === 'Gamma' || n.name === 'R'));
      }
      if (n.kind === 'pow' && n.base.kind === 'sym' && n.base.font === 'bb' && n.base.name === 'R') {
        // \mathbb{R}^{N \times K}: points by components.
        const e = n.exp;
        if (e.kind !== 'mul' || e.implicit === undefined) return false;
        const a = e.a.kind === 'sym' ? classifySymbol(e.a, this.ctx) : null;
        const b = e.b.kind === 'sym' ? classifySymbol(e.b, this.ctx) : null;
        return !!a && !!b && a.kind === 'count' && b.kind === 'count' && a.which !== b.which && (a.which === 'K' || b.which === 'K');
      }
      return false;
    });
    if (named) return 'named';
    const lineStart = this.loc.text.lastIndexOf('\n', chain.span.start - 1);
    let from = lineStart;
    for (let back = 0; back < 4 && from > 0; back++) from = this.loc.text.lastIndexOf('\n', from - 1);
    return /responsibilit/i.test(this.loc.text.slice(Math.max(0, from), Math.max(0, lineStart))) ? 'prose' : null;
  }

  /** One claim per point of a responsibility matrix (rows or columns, whichever the example's N × K fits). */
  /**
   * Which way the note declares its responsibility matrix, `\mathbb{R}^{N \times K}` (a row per point)
   * or `K \times N`, in the formula or the few lines before it; null when it does not say.
   */
  private declaredOrientation(chain: Chain): 'rows' | 'columns' | null {
    const text = this.loc.text;
    let from = text.lastIndexOf('\n', chain.span.start - 1);
    for (let back = 0; back < 4 && from > 0; back++) from = text.lastIndexOf('\n', from - 1);
    const own = text.slice(chain.span.start, chain.span.end);
    const near = text.slice(Math.max(0, from), chain.span.start);
    const DECL = /(\\?[A-Za-z]+(?:\{[^{}]*\})?)\s*\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*\^\s*\{\s*([A-Za-z])\s*\\times\s*([A-Za-z])\s*\}/g;
    // The formula's own declaration, else one nearby of the matrix it names (Γ ∈ ℝ^{N×K}, not another matrix's).
    const name = (t: string) => t.replace(/\\(?:mathbf|boldsymbol|bm|mathrm)\s*\{([^{}]*)\}/g, '$1').replace(/\s+/g, '');
    const side0 = chain.sides[0]?.ok ? name(text.slice(chain.sides[0].span.start, chain.sides[0].span.end)) : '';
    const m = [...own.matchAll(DECL)][0] ?? [...near.matchAll(DECL)].reverse().find((d) => name(d[1]!) === side0);
    if (!m) return null;
    m[1] = m[2]!; m[2] = m[3]!;
    const isPoints = (l: string) => l === 'N' || this.ctx.dataCount.has(l) || !!this.ctx.reading?.pointCounts.has(l);
    const isComps = (l: string) => l === 'K' || !!this.ctx.reading?.componentCounts.has(l);
    if (isPoints(m[1]!) && isComps(m[2]!)) return 'rows';
    if (isComps(m[1]!) && isPoints(m[2]!)) return 'columns';
    return null;
  }

  private respRows(m: MatrixNode, evidence: 'named' | 'prose', chain: Chain): Partial<Claim>[] | null {
    const cells = m.rows.map((r) => r.map((c) => printedNumber(c, this.loc.text)));
    if (!cells.every((r) => r.every((c) => c !== null))) return null;
    const P = cells as Printed[][];
    const rows = P.length, cols = P[0]?.length ?? 0;
    if (!rows || !P.every((row) => row.length === cols)) return null;
    // Probabilities that sum to 1 over the components (within the printed rounding), by rows or by columns.
    const sums = (pts: Printed[][]) => pts.every((p) => p.every((c) => c.value >= -c.half && c.value <= 1 + c.half)
      && Math.abs(p.reduce((s, c) => s + c.value, 0) - 1) <= p.reduce((s, c) => s + c.half, 0) + 1e-9);
    const columns = P[0].map((_, c) => P.map((row) => row[c]));
    const asRows = sums(P), asCols = sums(columns);
    // Prose nearby is weak evidence: the numbers must look like responsibilities too.
    if (evidence === 'prose' && !asRows && !asCols) return null;
    const r = this.resolve();
    if ('missing' in r) {
      return [{ kind: 'numeric', verdict: 'unchecked', reason: 'unsupported', message: proseToUnicode(`not checked: the printed responsibilities are not determined by the note (${r.missing})`) }];
    }
    const N = r.X.length, K = r.gmm.K;
    const byRows = rows === N && cols === K, byCols = rows === K && cols === N;
    if (!byRows && !byCols) {
      return [{ kind: 'numeric', verdict: 'unchecked', reason: 'unsupported', message: `not checked: a ${rows} × ${cols} matrix of responsibilities does not fit ${r.where} (N = ${N}, K = ${K})` }];
    }
    if (byRows && byCols && N > 1) {
      // Square: as the note declares it (N × K: a row per point), else the orientation whose points sum to 1.
      const declared = this.declaredOrientation(chain);
      if (declared) return this.pointClaims(declared === 'rows' ? P : columns, r);
      if (asRows === asCols) return [{ kind: 'numeric', verdict: 'unchecked', reason: 'unsupported', message: 'not checked: a square matrix of responsibilities whose rows and columns could both be the points' }];
      return this.pointClaims(asRows ? P : columns, r);
    }
    return this.pointClaims(byRows ? P : columns, r);
  }

  private pointClaims(points: Printed[][], r: Exclude<Resolved, { missing: string }>): Partial<Claim>[] {
    this.current.used = true;
    const resp = R.responsibilities(r.gmm, r.X);
    let alt: number[][] | null = null;
    try { alt = r.rounded ? R.responsibilities(r.rounded.gmm, r.X) : null; } catch { alt = null; }
    return points.map((cells, i) => {
      const span = { start: Math.min(...cells.map((c) => c.span.start)), end: Math.max(...cells.map((c) => c.span.end)) };
      const exact = resp[i];
      const bad = cells.map((c, k) => ({ c, k, x: exact[k] })).filter(({ c, x }) => !agrees(x, c));
      const point = r.X[i].length === 1 ? `x = ${fmt(r.X[i][0])}` : `point ${i + 1}`;
      const base: Partial<Claim> = {
        kind: 'numeric', lhs: cells.map((c) => c.text).join(' & '), rhs: '', relation: '', lhsSpan: span, rhsSpan: span, culprit: span,
        line: this.loc.line(span.start), endLine: this.loc.line(Math.max(span.start, span.end - 1)),
        column: this.column(span.start),
        values: { lhs: cells.map((c) => c.text).join(', '), rhs: cells.map((c, k) => shown(exact[k], c)).join(', '), at: `${point} of ${r.where}` },
      };
      if (!bad.length) {
        return { ...base, verdict: 'pass', reason: null, message: `responsibilities of ${point} (row ${i + 1}) at ${r.where}: exact ${cells.map((c, k) => shown(exact[k], c)).join(', ')}; each rounds to the printed value` };
      }
      if (alt && cells.every((c, k) => agrees(alt[i]![k]!, c))) {
        return { ...base, verdict: 'pass', reason: null, message: `responsibilities of ${point} (row ${i + 1}) at ${r.rounded!.where}: ${cells.map((c, k) => shown(alt[i]![k]!, c)).join(', ')}; each rounds to the printed value` };
      }
      const what = bad.map(({ c, k, x }) => `component ${k + 1}: printed ${minus(c.text)}, exact ${shown(x, c)} (${roundedText(x, c)} to ${precisionText(c)})`).join('; ');
      const v = this.uncertain({ verdict: 'fail', culprit: bad[0].c.span, message: `responsibilities of ${point} (row ${i + 1}) at ${r.where} do not round to the printed values: ${what}` });
      return { ...base, verdict: v.verdict, reason: v.verdict === 'fail' ? null : 'unsupported', culprit: v.culprit ?? base.culprit, message: v.message };
    });
  }
}

/** The parameters with those a note printed (rounded) in place of the exact ones. */
function withPrinted(g: R.Gmm, printed: Map<string, number[]>): R.Gmm {
  const out: R.Gmm = { ...g, pi: g.pi.slice(), mu: g.mu.map((m) => m.slice()), Sigma: g.Sigma.map((S) => S.map((row) => row.slice())) };
  for (const [key, v] of printed) {
    const [kind, ks] = key.split('/');
    const k = Number(ks);
    if (!(k < g.K)) continue;
    if (kind === 'pi' && v.length === 1) out.pi[k] = v[0]!;
    else if (kind === 'mu' && v.length === g.D) out.mu[k] = v.slice();
    else if (kind === 'var' && g.D === 1 && v[0]! > 0) out.Sigma[k] = [[v[0]!]];
    else if (kind === 'std' && g.D === 1 && v[0]! > 0) out.Sigma[k] = [[v[0]! * v[0]!]];
    else if (kind === 'Sigma' && v.length === g.D * g.D) out.Sigma[k] = Array.from({ length: g.D }, (_, a) => v.slice(a * g.D, (a + 1) * g.D));
  }
  return out;
}

/**
 * A step written with rounded numbers fails only when its sides differ by more than 1% as well
 * as by more than three times what the written digits allow: the numbers in it may themselves come
 * from values rounded earlier in the note (0.25 · 0.0297 kept as 0.007425), whose precision the
 * step does not show. Wrong formulas (a weight for another, a missing term) differ by far more.
 */
const ROUNDED_STEP_FAIL = 0.01;

/**
 * How far (relative) a printed value of quantities read exactly may miss them and be left unchecked, as numbers
 * rounded earlier in the note and carried into it make it (`N_2 = 4 − N_1 = 1.7648` with N_1 printed 2.2352 for
 * 2.23532: 0.007%). Four printed decimals carried through a few operations move a value by a few 10⁻⁴ of it; a slip,
 * or a formula with the old mean (2.0860 for 2.0847: 0.063%), by more.
 */
const CARRIED_ROUNDING = 5e-4;

/** Where plain arithmetic is evaluated when the note states no example (it reads no parameter). */
const NO_EXAMPLE: { gmm: R.Gmm; X: number[][] } = { gmm: { K: 1, D: 1, pi: [1], mu: [[0]], Sigma: [[[1]]] }, X: [[0]] };

/** EM cycles a note may take its example through (`μ^{(n)}`, restated values); beyond, nothing is checked. */
const MAX_CYCLES = 200;

/** `3.2e-13`, `1.5\mathrm{e}{-4}`, `2.1E+3`: computer notation, which the parser reads with Euler's e. */
function eNotation(text: string, span: Span): Printed | null {
  // 5.53e-4, 5.53\mathrm{e}{-4}, 5.53\text{e}-4, 5.53\text{e-}4, 5.53\,\text{E}-04 (the sign may sit inside the braces).
  const m = /^\s*(-?\d+(?:\.(\d+))?)\s*(?:\\[,;:!]\s*)*(?:\\(?:mathrm|text|textrm|rm)\s*\{\s*[eE]\s*([+-]?)\s*\}|[eE])\s*\{?\s*([+-]?)\s*(\d+)\s*\}?\s*$/.exec(text);
  if (!m) return null;
  const a = Number(m[1]), e = Number(`${m[3] || m[4] || ''}${m[5]}`), decimals = m[2]?.length ?? 0;
  const value = a * 10 ** e;
  return Number.isFinite(value) ? { value, half: 0.5 * 10 ** (e - decimals), text: text.trim(), span, significant: significantDigits(m[1]!) } : null;
}

/**
 * Printed entries that miss their exact values by less than CARRIED_ROUNDING of the largest entry:
 * what numbers rounded earlier and carried into a vector or matrix do (γ_41 printed 0.0007 for 0.000732, times
 * a squared deviation of 10). A slip or a wrong formula misses by more.
 */
function carriedRounding(bad: Array<{ p: Printed; x: number }>, list: Printed[], exact: number[]): boolean {
  let scale = 0;
  list.forEach((p, e) => { scale = Math.max(scale, Math.abs(p.value), Math.abs(exact[e] ?? 0)); });
  return bad.every(({ p, x }) => p.half > 0 && Math.abs(x - p.value) <= CARRIED_ROUNDING * scale);
}

/**
 * Does the side apply a function marked as the update (`p^{new}(x_1)`)? (A parameter marked so, Σ_1^{new}, is the
 * update wherever it is evaluated; the function's mark says its parameters are.)
 */
function writesUpdate(n: Node, ctx: NoteContext): boolean {
  let found = false;
  walk(n, (m) => {
    if (!found && m.kind === 'apply' && m.fn.decor && decorRole(m.fn.decor, ctx) === 'update') found = true;
  });
  return found;
}

/** A copy of a tree with `f` applied to every node, children first (spans shared). */
function mapTree(n: Node, f: (m: Node) => Node): Node {
  const visit = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(visit);
    if (!x || typeof x !== 'object') return x;
    const o = x as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(o)) copy[key] = key === 'span' ? o[key] : visit(o[key]);
    return typeof o.kind === 'string' ? f(copy as unknown as Node) : copy;
  };
  return visit(n) as Node;
}

/** The tree with one node (by identity) replaced. */
function replaceNode(n: Node, target: Node, by: Node): Node {
  const visit = (x: Node): Node => {
    if (x === target) return by;
    const o = x as unknown as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(o)) {
      const v = o[key];
      copy[key] = Array.isArray(v) ? v.map((e) => (Array.isArray(e) ? e.map((c: Node) => visit(c)) : e && typeof e === 'object' && 'kind' in e ? visit(e as Node) : e))
        : v && typeof v === 'object' && 'kind' in v ? visit(v as Node) : v;
    }
    return copy as unknown as Node;
  };
  return visit(n);
}

/** The EM cycle a symbol of the side names with a superscript `(j)`, when it is not `cycle`; null when none does. */
function otherCycle(n: Node, cycle: number): number | null {
  let found: number | null = null;
  walk(n, (m) => {
    if (found !== null || m.kind !== 'sym') return;
    const c = /^\((\d+)\)$/.exec(m.decor ?? '');
    if (c && Number(c[1]) !== cycle && m.name !== 'theta') found = Number(c[1]);
  });
  return found;
}

/** A side about one instance: a quantity with a numeric index (μ_1, x_4, r_{41}) or a number with decimals (free indices: hasFreeIndex). */
function instanceSpecific(n: Node): boolean {
  let yes = false;
  walk(n, (m) => {
    if (m.kind === 'sym' && m.sub && indexList(m.sub).some((s) => s.kind === 'num')) yes = true;
    if (m.kind === 'num' && (m.text.includes('.') || m.value > 2)) yes = true;
  });
  return yes;
}

/** Arithmetic on numbers only (and functions of them): needs no example. */
export function closedNumeric(n: Node): boolean {
  let yes = true;
  walk(n, (m) => {
    if (m.kind === 'sym' && !(m.name === 'pi' && !m.sub && !m.font) && !(m.name === 'e' && !m.sub && !m.font)) yes = false;
    if (m.kind === 'apply' || m.kind === 'sum' || m.kind === 'prod' || m.kind === 'deriv' || m.kind === 'opaque' || m.kind === 'ellipsis') yes = false;
  });
  return yes;
}

/**
 * How many places a side does arithmetic on numbers alone (`1 - 0`, `(2 - 1.5)^2`: a worked example's values put in
 * where the general formula has x_n − μ_k); a coefficient (2σ², ½) is none, nor a sum's bounds or an index.
 */
function writtenNumbers(n: Node): number {
  let count = 0;
  const stack: Node[] = [n];
  while (stack.length) {
    const m = stack.pop()!;
    if ((m.kind === 'add' || m.kind === 'sub') && closedNumeric(m) && !numberOnly(m)) { count++; continue; }
    if (m.kind === 'sum' || m.kind === 'prod') stack.push(m.body);
    else if (m.kind !== 'sym') stack.push(...children(m));
  }
  return count;
}

/** A number, possibly negated or in brackets. */
function numberOnly(n: Node): boolean {
  while (n.kind === 'group' || n.kind === 'neg') n = n.body;
  return n.kind === 'num';
}

/** The side holds a number printed with decimals (possibly rounded). */
export function hasDecimals(n: Node): boolean {
  let yes = false;
  walk(n, (m) => { if (m.kind === 'num' && m.text.includes('.')) yes = true; });
  return yes;
}

/** Printed as a whole number (`6`, `-4`): no decimals to round to. */
function isIntegerText(p: Printed): boolean {
  return p.half === 0.5 && /^-?\d+$/.test(p.text.trim());
}

/** Whether the exact value rounds to the printed one (½ unit of its last digit; exact fractions to 1e-9). */
export function agrees(exact: number, p: Printed): boolean {
  return roundsTo(exact, p) || (p.half > 0 && roundsTo(roundedOnce(exact, p), p));
}

/** |exact − printed| ≤ ½ unit of the last printed digit (a tie rounds either way), with room for the binary representation only. */
function roundsTo(exact: number, p: Printed): boolean {
  const tol = p.half ? p.half * (1 + 1e-9) + 1e-12 * Math.abs(exact) : 1e-9 * Math.max(1, Math.abs(exact));
  return Math.abs(exact - p.value) <= tol;
}

/**
 * The exact value rounded to one more digit than printed. Worked by hand, a value is often
 * rounded twice (0.8705088 → 0.8705 → 0.870, half to even or half down): the printed value
 * then differs from the exact one by a little more than half a unit. That is accepted,
 * and only that: a second rounding moves a value by at most ½ unit of the extra digit.
 */
function roundedOnce(exact: number, p: Printed): number {
  const step = (2 * p.half) / 10;
  return Math.round(exact / step) * step;
}

/** How the exact value rounds to the printed one, for a passing message. */
function roundingNote(exact: number, p: Printed): string {
  if (!p.half) return '(exact)';
  if (roundsTo(exact, p)) return `(${roundedText(exact, p)} to ${precisionText(p)})`;
  const d = decimalsOf(p);
  return `(${minus(roundedOnce(exact, p).toFixed(Math.min(20, d + 1)))} to ${d + 1} decimals, then ${minus(p.text)} to ${d})`;
}

function decimalsOf(p: Printed): number {
  return p.half ? Math.max(0, Math.round(-Math.log10(2 * p.half))) : 6;
}

/** Significant digits of a written number (`1.50` → 3, `0.0297` → 3). */
function significantDigits(text: string): number {
  const digits = text.replace(/^[-−]/, '').replace('.', '').replace(/^0+/, '');
  return Math.max(1, digits.length);
}

function precisionText(p: Printed): string {
  if (p.significant) return `${p.significant} significant digit${p.significant === 1 ? '' : 's'}`;
  const d = decimalsOf(p);
  return `${d} decimal${d === 1 ? '' : 's'}`;
}

function roundedText(x: number, p: Printed): string {
  if (p.significant) return sci(x, p.significant);
  const d = decimalsOf(p);
  const r = x.toFixed(Math.min(20, d));
  return minus(/^-0(\.0*)?$/.test(r) ? r.slice(1) : r);
}

/** The exact value with two more digits than printed, or two significant digits when smaller than the last printed digit. */
function shown(x: number, p: Printed): string {
  const d = decimalsOf(p);
  if (x !== 0 && Math.abs(x) < 10 ** -d) return fmt(Number(x.toPrecision(2)));
  return fmt(Number(x.toFixed(Math.min(20, d + 2))));
}

/** A computed value to 6 significant digits. */
function fmt6(x: number): string {
  return fmt(Number(x.toPrecision(6)));
}

/** A number as the note printed it, with a typographic minus. */
function minus(text: string): string {
  return text.replace(/^-/, '−');
}

function fmt(x: number): string {
  if (x !== 0 && Math.abs(x) < 1e-4) return sci(x, 2);
  return String(x).replace(/^-/, '−');
}

/** x in scientific notation with `digits` significant digits: 3.2×10⁻¹³. */
function sci(x: number, digits: number): string {
  const [m, e] = x.toExponential(Math.max(0, digits - 1)).split('e');
  const exp = Number(e);
  const mantissa = m!.replace(/^-/, '−');
  if (exp === 0) return mantissa;
  const sup = String(exp).replace('-', '⁻').replace(/\d/g, (c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(c)]!);
  return `${mantissa}×10${sup}`;
}
