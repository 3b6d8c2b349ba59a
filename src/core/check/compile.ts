// Binder and compiler: gives each symbol of an expression tree its GMM
// meaning (notation.ts) or the note's own definition, and turns the tree into
// a closure evaluated at many sample points ("compile once, evaluate many
// times"). Anything without a meaning stops compilation with a CheckError
// whose reason code becomes the claim's "unchecked" reason.
//
// Index variables: an index bound by a sum is local to it (an inner
// \sum_{k=1}^2 shadows an outer k); any other index letter is free and the
// checker evaluates the claim for every value of it. Each index gets a role
// (data point 1..N or component 1..K) from where it is used.
import { argumentsKey, children, operands, shapeKey, walk, type ApplyNode, type Chain, type DerivNode, type ExpectNode, type Node, type SymNode } from '../latex/ast';
import type { Span, UncheckedReason } from '../types';
import {
  abs, add, columnVector, describeShape, det, div, EvalError, exp, identity, inverse, isMatrix, log, matrix, mul, primal, sqrt, sub, toScalar,
  ShapeError, trace, transpose, vadd, vdiv, vmul, vneg, vpow, vsub, zeros, cos, sin, tan, tanh, pow, type Scalar, type Value,
} from '../eval/values';
import { IW_SCALE_CONVENTION, LAST_WEIGHT_ELIMINATED, RESP_AT_UPDATE, SPREAD_AS_VARIANCE, THETA_AS_SPREAD, TIED_COMPONENTS, WEIGHTS_PAIRED, type Env, type EventExpr, type FreeShape, type Target } from './env';
import { classifySymbol, indexRoleOf, isIndexLetter, latexName, namingSubscript, subCount, symbolKey, type Meaning } from './notation';
import { gaussianSlots, symbolReading, type Reading, type SymbolReading } from './reading';
import { isAllAssignments, latentDegree, mentionsLatent, type LatentDegree } from './latent';
import { mapTree } from './iterations';
import { QuietError } from '../util/quietError';
import { DECORATION_WORDS } from '../latex/grammar';
import { lineIndexAt } from '../extract/regions';
import { chainNodes } from './chainNodes';
import type { BareWeight } from './bareWeight';

export type Closure = (env: Env) => Value;
export type Role = 'data' | 'comp' | 'unknown' | 'mixed';

export class CheckError extends QuietError {
  constructor(readonly reason: UncheckedReason, message: string, readonly span: Span) {
    super(message);
  }
}

/** An expression that has no meaning as written (a density without its point): the claim fails, with this as the cause. */
export class NotationError extends CheckError {
  constructor(message: string, span: Span) {
    super('unsupported', message, span);
  }
}

export interface Definition {
  key: string;
  /** Index parameters of the left side (`i` of `S_i`). */
  params: string[];
  body: Closure;
  /** Free indices of the body that are not parameters, with their roles. */
  free: Map<string, Role>;
  line: number;
  latex: string;
  mentionsLambda: boolean;
  usesModel: boolean;
  /** The body uses the E-step's responsibilities (a Q-function). */
  usesResp?: boolean;
  /** The body reads the data (x_i): an M-step written with it reads them too (claims.ts updateKind). */
  usesData?: boolean;
  /** The right side as written (for reparametrisations: ∂/∂β_k after β_k = 1/σ_k², see reparametrisedTarget). */
  node?: Node;
  /** The body uses the 0/1 indicators of the assignments (n_k = Σ_j γ_jk with Li Hang's γ). */
  usesAssignments?: boolean;
  /** The mean without its index its body writes (CompileFlags.genericMean). */
  genericMean?: SymNode;
  /** Functions the note names but never specifies that the body applies (CompileFlags.abstractFns). */
  abstractFns?: string[];
  /** Letters the body reads as arbitrary matrices or vectors (CompileFlags.freeLetters). */
  freeLetters?: string[];
  /**
   * For a function the note defines (`\Omega(W) = …`), its arguments as written: the definition is
   * used only where the function is applied to the same arguments (it does not say how the body
   * depends on them, so `p(W_i)` is not `p(W)` with W replaced).
   */
  args?: string;
  /** Those arguments as written (`η_j, Λ_j` of A(η_j, Λ_j)): what a bare A stands for under ∂ (compileDeriv). */
  argNodes?: readonly Node[];
  /** The arguments' letters without subscripts (`Sigma`, `mu` of Q(Σ, μ, α)), for Q(Σ_k): see CompileFlags.partOf. */
  argLetters?: string[];
  /**
   * For a function whose body uses its arguments (`\gamma_j(W) = \pi_j N(W | …) / …`): their
   * names, bound to the values it is applied to (`\gamma_j(W_i)`).
   */
  valueParams?: string[];
  /**
   * Where the value parameters stand among the arguments, when some arguments are not bound
   * (θ in 𝒥(θ, η): all the model's parameters, which the body reads from the model itself).
   */
  valuePositions?: number[];
  /**
   * Its right side cannot be evaluated (`\gamma = q(z)`): uses with the indices it was defined
   * with are unchecked for that reason; uses with other indices (γ_ik) are read as if it were not
   * there, since the definition says nothing about them.
   */
  broken?: boolean;
  /**
   * A Lagrangian the note names after the log-likelihood (`𝓛(θ, λ) = … + λ(Σ_k π_k − 1)`): where the
   * name is written bare afterwards (∂𝓛/∂π_k) it is this function, applied as defined. Null when
   * its right side itself uses the name (`𝓛(θ, λ) = 𝓛(θ) + λ(…)`): a bare 𝓛 may then be either.
   * Also an objective the note makes of the log-likelihood's letter, `𝓛(θ) = −(1/N) Σ_n log p(x_n)`
   * (claims.ts objectiveDefinition): the bare 𝓛 is that function too.
   */
  bareLagrangian?: ApplyNode | null;
}

export interface NoteContext {
  K: number;
  D: number;
  N: number;
  defs: Map<string, Definition>;
  /** Arguments of a bare \mathcal{N} (the note's most common density). */
  defaultDensity: ApplyNode | null;
  /** Symbols the note uses as the number of data points (m, N, n). */
  dataCount: Set<string>;
  /** N is the number the note's sums over the data run to (ModelInfo.pointsWritten). */
  pointsWritten?: boolean;
  /** Bold lowercase letters the note puts in a density's point slot (𝒩(𝐲 | …)): points, never the data set (isDataset). */
  boldPoints?: Set<string>;
  aliases: Map<string, Meaning>;
  /** The note's reading (reading.ts); absent in unit tests that build a context by hand. */
  reading?: Reading;
  /**
   * The arguments the note always applies a function to (`E` → `(W)` when every application
   * is E(W)): a bare ∂E/∂W_i means E(W). Null for a function applied to different arguments.
   */
  usualArgs?: Map<string, Node[] | null>;
  /**
   * Letters the note uses for the 0/1 indicators of the latent assignments besides z (Li Hang's
   * γ_jk, written in P(γ_jk = 1 | y, θ)): with two indices they are the indicator, not the
   * responsibility (which such notes write γ̂_jk).
   */
  indicatorLetters?: Set<string>;
  /**
   * Every Gaussian of the note with a standard deviation in its second slot writes it bare,
   * 𝒩(x | μ_k, σ_k) and never 𝒩(x | μ_k, σ_k²) (spreadConvention, numeric.ts): the note's
   * convention is the scale (scipy's norm(loc, scale)), and σ_k there is a standard deviation,
   * not a variance.
   */
  stdInSpreadSlot?: boolean;
  /** A two-component mixture written with one bare weight letter (`π 𝒩_1 + (1 − π) 𝒩_2`): see bareWeight.ts. */
  bareWeight?: BareWeight;
  /**
   * The parameters the note differentiates with respect to or solves for, in the section (under
   * the heading) of a source offset, or in the whole note when it has no headings (one node per
   * letter: Σ_k, μ_k, Σ_k^{-1}): what "+ constant" is constant in (claims.ts).
   */
  interestAt?: (offset: number) => Node[];
  /**
   * The last statement `F(…) = E` of a function the note defined with arguments: a bare F after
   * it (`\frac{\partial Q}{\partial \Sigma_k^{-1}}` after `Q(\Sigma_k) = …`) means that E.
   */
  latestForms?: Map<string, { full?: Node; partial: Map<string, Node> }>;
  /** The note numbers its components from 0 (`\sum_{k=0}^{K-1}`): π₀, μ₀ are then component 0, not hyperparameters. */
  componentsFromZero?: boolean;
  /**
   * Functions the note says sum to 1 over one argument (`\sum_{k=1}^K q_n(k) = 1`): a distribution over the
   * components or the points, by the function's key, the position of that argument and what it runs over.
   */
  distributions?: Map<string, { at: number; role: 'comp' | 'data' }>;
  /** Small letters the note writes transposed (`y^T`): undefined, they are free vectors (written.ts transposedLetters). */
  transposedLetters?: Set<string>;
  /** The note's covariances are σ_k² I (model.ts ModelInfo.isotropic): instances are drawn so. */
  isotropic?: boolean;
  /**
   * The note's components share one spread, written without an index (a tied model: SymbolReading.shared):
   * instances are drawn so (TrialOptions.tied), and the letter is that spread (tiedModel, index.ts).
   */
  tied?: boolean;
  /** The note names σ the logistic sigmoid (index.ts, namesSigmoid): a bare σ(a) applied to one argument is it, not σ times a. */
  sigmoid?: boolean;
  /**
   * Letters the note declares a matrix or vector of counted size (`R \in \mathbb{R}^{N \times K}`),
   * by symbol key: the counts of its rows and columns (declaredShapes).
   */
  declaredShapes?: Map<string, ('N' | 'K' | 'D')[]>;
}

/**
 * `R \in \mathbb{R}^{N \times K}`, `\mathbf{v} \in \mathbb{R}^{K}`: the letters the note declares
 * a matrix (or vector) whose sizes are its counts of points, components or dimensions. With a
 * definition of its entries (`R_{nk} = γ_{nk}`), the bare letter is that matrix (useDefinition).
 * `\mathbb{R}^{NK}` (a product) is not a shape.
 */
export function declaredShapes(chains: Chain[], ctx: NoteContext): Map<string, ('N' | 'K' | 'D')[]> {
  const out = new Map<string, ('N' | 'K' | 'D')[]>();
  const count = (n: Node): 'N' | 'K' | 'D' | null => {
    if (n.kind !== 'sym' || n.sub || n.decor) return null;
    const m = classifySymbol(n, ctx);
    return m.kind === 'count' ? m.which : null;
  };
  for (const c of chains) {
    c.relations.forEach((r, j) => {
      const l = c.sides[j], t = c.sides[j + 1];
      if (r.rel !== '∈' || !l?.ok || !t?.ok || l.node.kind !== 'sym' || l.node.sub || l.node.decor) return;
      const set = t.node;
      if (set.kind !== 'pow' || set.base.kind !== 'sym' || set.base.name !== 'R' || set.base.font !== 'bb') return;
      const dims = set.exp.kind === 'mul' && !set.exp.implicit ? [count(set.exp.a), count(set.exp.b)] : [count(set.exp)];
      if (dims.every((d) => d !== null)) out.set(symbolKey(l.node), dims as ('N' | 'K' | 'D')[]);
    });
  }
  return out;
}

/** The key of a distribution written with indices, q_{nk} (NoteContext.distributions): its letter, marked apart from q(…). */
export function distributionKey(n: SymNode): string {
  return `${symbolKey({ ...n, sub: null })}_{}`;
}

/**
 * `\sum_{k=1}^K q_n(k) = 1`, `\sum_j Q_i(j) = 1`: the note says the function it leaves unspecified is a distribution
 * over what the sum's index runs over (NoteContext.distributions). Read from two-sided equalities with 1.
 */
export function normalisedFunctions(chains: Chain[], ctx: NoteContext): Map<string, { at: number; role: 'comp' | 'data' }> {
  const out = new Map<string, { at: number; role: 'comp' | 'data' }>();
  for (const chain of chains) {
    if (chain.sides.length !== 2 || chain.relations[0]?.rel !== '=') continue;
    const [a, b] = chain.sides;
    if (!a?.ok || !b?.ok) continue;
    const [sum, one] = a.node.kind === 'sum' ? [a.node, b.node] : [b.node, a.node];
    if (sum.kind !== 'sum' || one.kind !== 'num' || one.value !== 1 || !sum.index || sum.index.sub) continue;
    const body = sum.body;
    // `\sum_{s} q_{\ell s} = 1`: the same with the function's arguments as its two indices (q_{ℓs}, a distribution over s for each ℓ).
    if (body.kind === 'sym' && !body.decor && !body.primes && !body.accent) {
      const subs = indexList(body.sub);
      const at = subs.findIndex((x) => x.kind === 'sym' && !x.sub && x.name === sum.index!.name);
      const other = subs[1 - at];
      if (subs.length !== 2 || at < 0 || other?.kind !== 'sym' || other.sub || other.name === sum.index.name) continue;
      // (The letter as written, indices and all: γ_{nk} is the responsibility, whatever γ alone is.)
      const m = classifySymbol(body, ctx).kind;
      if ((m !== 'abstract' && m !== 'unknown') || (classifySymbol({ ...body, sub: null }, ctx).kind !== m)) continue;
      const comps = ctx.reading?.components, points = ctx.reading?.points;
      const role: 'comp' | 'data' | null = comps?.has(sum.index.name) && points?.has(other.name) ? 'comp' : points?.has(sum.index.name) && comps?.has(other.name) ? 'data' : null;
      if (role) out.set(distributionKey(body), { at, role });
      continue;
    }
    if (body.kind !== 'apply' || body.given || body.fn.decor) continue;
    const at = body.args.findIndex((x) => x.kind === 'sym' && !x.sub && x.name === sum.index!.name);
    if (at < 0 || body.args.some((x, q) => q !== at && mentionsIndex(x, sum.index!.name))) continue;
    const m = classifySymbol({ ...body.fn, sub: null }, ctx).kind;
    if (m !== 'abstract' && m !== 'unknown') continue;
    const role: 'comp' | 'data' | null = ctx.reading?.components.has(sum.index.name) ? 'comp' : ctx.reading?.points.has(sum.index.name) ? 'data' : null;
    if (role) out.set(symbolKey(body.fn), { at, role });
  }
  return out;
}

/** Whether a sum over a component index starts at 0 (NoteContext.componentsFromZero). */
export function sumsComponentsFromZero(chains: Chain[], ctx: NoteContext): boolean {
  return chains.some((c) => chainNodes(c).sumsFromZero.some((n) => n.index !== null && !!ctx.reading?.components.has(n.index.name)));
}

/**
 * The parameters the chains differentiate with respect to (∂/∂Σ_k⁻¹) or solve for (`μ_k = F`
 * with F free of μ_k), one per letter, by section: `sections` are the offsets where headings
 * start (NoteContext.interestAt).
 */
export function parametersOfInterest(chains: Chain[], ctx: NoteContext, sections: number[]): (offset: number) => Node[] {
  const bySection = new Map<number, Map<string, Node>>();
  // The last heading at or before the offset (the sections are in note order): a binary search, as a long note has hundreds.
  const sectionOf = (offset: number) => {
    const i = lineIndexAt(sections, offset);
    return sections.length && sections[i]! <= offset ? sections[i]! : -1;
  };
  const note = (offset: number, base: SymNode, node: Node) => {
    const at = sectionOf(offset);
    const out = bySection.get(at) ?? new Map<string, Node>();
    bySection.set(at, out);
    if (!out.has(letterOf(base))) out.set(letterOf(base), node);
  };
  for (const chain of chains) {
    for (const n of chainNodes(chain).derivs) {
      const base = n.wrt.kind === 'pow' ? n.wrt.base : n.wrt;
      if (base.kind === 'sym' && base.sub && PARAMETER_KINDS.has(classifySymbol(base, ctx).kind)) note(n.span.start, base, n.wrt);
    }
    const [first, second] = chain.sides;
    if (first?.ok && second?.ok && first.node.kind === 'sym' && first.node.sub && chain.relations[0]?.rel === '=' &&
        PARAMETER_KINDS.has(classifySymbol(first.node, ctx).kind) && !mentionsLetter(second.node, letterOf(first.node))) {
      note(first.node.span.start, first.node, { ...first.node, decor: null });
    }
  }
  return (offset) => [...(bySection.get(sectionOf(offset))?.values() ?? [])];
}

function mentionsLetter(n: Node, letter: string): boolean {
  return (n.kind === 'sym' && letterOf(n) === letter) || children(n).some((c) => mentionsLetter(c, letter));
}

export interface CompileFlags {
  usesModel: boolean;
  usesLambda: boolean;
  /** A hyperparameter λ (a prior's precision, a penalty's weight: reading.ts), not the weights' multiplier. */
  usesHyper: boolean;
  usesData: boolean;
  /** `\frac{\partial F}{\partial v}[…]`: a derivative used as an operator. */
  operatorMisuse: { deriv: DerivNode; operand: Node }[];
  /** An unbracketed operator with several factors after it. */
  ambiguousOperator: boolean;
  /** `a/2b`: an inline `/` with juxtaposed factors after it, read (a/2)·b unless the scope reads it joined. */
  ambiguousSolidus: boolean;
  /** Sums whose index does not occur in their body. */
  unusedSumIndex: { index: string; span: Span }[];
  /** Derivatives in the expression (for causes). */
  derivatives: DerivNode[];
  /** Densities written with explicit arguments. */
  usesDensity: boolean;
  /** Free indices used both as a data index and as a component index. */
  indexConflicts: string[];
  /** Responsibilities or effective counts (the E-step's numbers) were used. */
  usesResp: boolean;
  /** Indicators of the latent assignments (z_ik, 𝟏_{Z_i=k}) were used as values (latent.ts). */
  usesAssignments: boolean;
  /** Functions the note names but never specifies (E(W), P(Σ_k)), evaluated as random instances (Env.abstractFunction). */
  abstractFns: Set<string>;
  /** Probabilities of events named by letters (P(A | B)), on a random probability space. */
  usesEvents: boolean;
  /** `+ \text{constant}` was written: the side is known up to an additive constant. */
  additiveConstant: boolean;
  /** Letters read as arbitrary matrices or vectors (freeLetter); also in abstractFns. */
  freeLetters: Set<string>;
  /**
   * Unspecified functions applied to parameters only (a prior P(Σ_k)); also in abstractFns. A
   * prior is a density the note leaves general, so a step must hold whichever it is.
   */
  priors: Set<string>;
  /**
   * `Q(\Sigma_k)` where the note defined Q(Σ, μ, α): the terms of Q that depend on Σ_k, so the
   * step holds up to terms without them (claims.ts compares derivatives in these variables).
   */
  partOf: SymNode[];
  /** An inverse-Wishart density, whose convention the books differ on (compileInverseWishart). */
  usesIW: boolean;
  /** A bare 𝓛 read as the note's Lagrangian 𝓛(θ, λ) (bareLagrangian), not as the log-likelihood. */
  bareLagrangian?: boolean;
  /**
   * σ_k read as the standard deviation where the note's Gaussians hold it bare, 𝒩(x | μ_k, σ_k)
   * (NoteContext.stdInSpreadSlot): claims.ts tries the other reading, σ_k the variance (SPREAD_AS_VARIANCE).
   */
  bareSpreadSlot?: boolean;
  /**
   * σ_k, a component's scalar spread, written in a multivariate model whose components have covariance matrices (not
   * σ_k² I): no parameter of that model, only a positive number there; claims.ts reads a failing step in one dimension.
   */
  scalarSpread?: boolean;
  /** A derivative in one weight (π_1, π_k), read also with the weight the note eliminated moving against it (WEIGHTS_PAIRED, LAST_WEIGHT_ELIMINATED). */
  numberedWeight?: boolean;
  /** A derivative in θ_k, a stand-in for a parameter of component k: judged along μ_k and along Σ_k (THETA_AS_SPREAD). */
  componentTheta?: boolean;
  /** A responsibility written with the update's mark (γ^{new}), read two ways (RESP_AT_UPDATE). */
  updatedResp?: boolean;
  /** A spread written without an index (σ, σ², Σ), read as a single Gaussian's (gstd, gSigma). */
  genericSpread?: SymNode;
  /** The spread every component shares in a tied model (NoteContext.tied), written without an index. */
  tiedSpread?: SymNode;
  /** A component's own spread, with its index (Σ_k, σ_k², Λ_k): a quantity of a component (claims.ts, the tied model's rule). */
  indexedSpread?: boolean;
  /** 𝒩 written without arguments, read as the note's usual density (NoteContext.defaultDensity). */
  bareDensity?: SymNode;
  /** An updated spread written without an index (Σ^{new}, σ^2_{ML}), read as one Gaussian's sample covariance. */
  sampleSpread?: SymNode;
  /** A mean written with its component's index (μ_k). */
  indexedMean?: boolean;
  /** A mean written without an index (μ), read as a single Gaussian's (gmu). */
  genericMean?: SymNode;
  /** The mixture's (log-)likelihood of the data (ℓ, L, 𝓛, p(X | θ)). */
  usesLoglik?: boolean;
}

/**
 * A one-dimensional note whose Gaussians hold σ_k bare (𝒩(x | μ_k, σ_k)) and whose text does not say σ_k is the
 * standard deviation: σ_k is read as that, and a step failing so is tried with σ_k the variance (SPREAD_AS_VARIANCE).
 */
function readsSpreadBothWays(ctx: NoteContext): boolean {
  return !!ctx.stdInSpreadSlot && !ctx.reading?.stdStated && ctx.D === 1;
}

export function newFlags(): CompileFlags {
  return {
    usesModel: false, usesLambda: false, usesHyper: false, usesData: false, operatorMisuse: [], ambiguousOperator: false, ambiguousSolidus: false,
    unusedSumIndex: [], derivatives: [], usesDensity: false, indexConflicts: [], usesResp: false, usesAssignments: false,
    abstractFns: new Set(), usesEvents: false, additiveConstant: false, freeLetters: new Set(), priors: new Set(), partOf: [], usesIW: false,
  };
}

export interface Scope {
  ctx: NoteContext;
  bound: Map<string, { role: Role }>;
  free: Map<string, Role>;
  flags: CompileFlags;
  /** How far an unbracketed ∂/∂v reaches: all following factors, or the first. */
  /** `first`: an unbracketed ∂/∂ acts on the factor after it only; `joined`: `a/2b` is a/(2b) (joinedSolidus). */
  reading: SideReading;
  /** Argument names of the function definition being compiled, and whether the body used them. */
  values?: { names: Set<string>; used: boolean };
  /** Letters of the parameters the enclosing derivatives are taken in (Σ of ∂/∂Σ_k⁻¹). */
  wrtLetters?: string[];
}

/** How a side's ambiguous notation is read: as usual (`all`), or the other way (Scope.reading). */
export type SideReading = 'all' | 'first' | 'joined';

export function newScope(ctx: NoteContext, reading: SideReading = 'all'): Scope {
  return { ctx, bound: new Map(), free: new Map(), flags: newFlags(), reading };
}

const unsupported = (message: string, span: Span) => new CheckError('unsupported', message, span);

/** Largest number of terms of a sum with a fixed bound that is not over components or data. */
const MAX_SUM_TERMS = 1000;

function noteRole(scope: Scope, name: string, role: Role): void {
  const b = scope.bound.get(name);
  if (b) {
    if (b.role === 'unknown') b.role = role;
    return;
  }
  const cur = scope.free.get(name);
  if (cur === undefined || cur === 'unknown') scope.free.set(name, role);
  else if (role !== 'unknown' && cur !== role) {
    // γ_{ki} next to μ_k: k serves as a point and as a component. Check it over the values
    // valid for both, and remember the mix-up for the message.
    scope.free.set(name, 'mixed');
    if (!scope.flags.indexConflicts.includes(name)) scope.flags.indexConflicts.push(name);
  }
}

/** An index letter by the letter table, or one the note's reading says runs over points or components (b in Σ_b α_b 𝒩_b). */
function readsAsIndex(name: string, ctx: NoteContext): boolean {
  return isIndexLetter(name) || ctx.reading?.points.has(name) === true || ctx.reading?.components.has(name) === true;
}

/** An index letter's name for the values it takes: k, and k′ apart from it. */
function indexKey(n: SymNode): string {
  return n.primes ? `${n.name}${'′'.repeat(n.primes)}` : n.name;
}

/** Closure reading a 0-based index value from a subscript node (letter or number). */
function compileIndex(node: Node, scope: Scope, role: Role): (env: Env) => number {
  if (node.kind === 'num' && Number.isInteger(node.value)) {
    const v = node.value - 1;
    return () => v;
  }
  if (node.kind === 'sym' && !node.sub && !node.font && readsAsIndex(node.name, scope.ctx)) {
    const name = indexKey(node);
    noteRole(scope, name, role);
    return (env) => {
      const v = env.idx[name];
      if (v === undefined) throw new EvalError(`index ${name} has no value`);
      return v;
    };
  }
  // The count of the components or of the points as a subscript (π_K, x_N): the last one.
  if (node.kind === 'sym' && !node.sub && !node.font && !node.decor && !node.primes) {
    const reading = scope.ctx.reading;
    const components = (node.name === 'K' && !reading?.pointCounts.has('K')) || reading?.componentCounts.has(node.name) === true;
    const points = !components && (reading?.pointCounts.has(node.name) === true || (node.name === 'N' && !reading?.componentCounts.has('N')));
    if ((components && role !== 'data') || (points && role !== 'comp')) return components ? (env) => env.t.K - 1 : (env) => env.t.N - 1;
  }
  throw unsupported('this subscript is not an index the checker understands', node.span);
}

/** A component index (0-based) with its range checked against K. */
function componentIndex(node: Node | undefined, scope: Scope): (env: Env) => number {
  if (!node) throw unsupported('a component parameter without its index', { start: 0, end: 0 });
  const k = compileIndex(node, scope, 'comp');
  return (env) => {
    const kk = k(env);
    checkRange(env, kk, env.t.K, 'component');
    return kk;
  };
}

/** Split a subscript into its indices: `ik`, `i,k`, `{n,k}` → [i, k]. */
export function indexList(sub: Node | null): Node[] {
  if (!sub) return [];
  if (sub.kind === 'mul' && sub.implicit) return [...indexList(sub.a), ...indexList(sub.b)];
  return [sub];
}

/** An index used outside its range: a data index where a component index belongs, or the reverse. */
export class IndexRangeError extends EvalError {}

function checkRange(_env: Env, k: number, n: number, what: string): void {
  if (k < 0 || k >= n) throw new IndexRangeError(`${what} index ${k + 1} is outside 1..${n}`);
}

// ---------------------------------------------------------------------------------------------

export function compile(node: Node, scope: Scope): Closure {
  // (`\mathbb{1}\{j = l\}`, `\mathbf{1}_{j=l}`, `\mathbb{I}(k = j)`, Iverson's `[k = j]`: an indicator of two indices, δ_jl.)
  if (node.kind === 'mul' || node.kind === 'apply' || node.kind === 'indexed' || node.kind === 'group' || (node.kind === 'sym' && node.sub?.kind === 'event')) {
    const ev = indexIndicatorEvent(node, scope.ctx);
    if (ev) return compileIndexIndicator(ev, scope);
    // (`\mathbb{1}\{z_i = k\}`, `\mathbb{1}[z_i = k]`: the indicator of an assignment written with braces or brackets.)
    const ind = bracedIndicator(node, scope.ctx);
    if (ind) return compileIndicator(ind, scope);
  }
  switch (node.kind) {
    case 'num': {
      const v = node.value;
      return () => v;
    }
    case 'sym':
      return compileSym(node, scope);
    case 'add': case 'sub': {
      // `… + \text{const}`: an unspecified constant; the claim is judged up to it (claims.ts).
      if (isConstantWord(node.b)) {
        scope.flags.additiveConstant = true;
        return compile(node.a, scope);
      }
      const a = compile(node.a, scope);
      const b = compile(node.b, scope);
      return node.kind === 'add'
        ? (env) => { const x = a(env), y = b(env); env.noteTerms(x, y); return env.rounded(vadd(x, y), x, y); }
        : (env) => { const x = a(env), y = b(env); env.noteTerms(x, y); return env.rounded(vsub(x, y), x, y); };
    }
    case 'mul': {
      // `(x − μ)^2/2σ^2`: an inline `/` followed by juxtaposed factors (joinedSolidus).
      const joined = node.implicit ? joinedSolidus(node) : null;
      if (joined) {
        scope.flags.ambiguousSolidus = true;
        if (scope.reading === 'joined') return compile(joined, scope);
      }
      return compileMul(node.a, node.b, scope, node.implicit === true, node);
    }
    case 'div': {
      const a = compile(node.a, scope);
      const b = compile(node.b, scope);
      return (env) => env.noteResult(vdiv(env.noteResult(a(env)), env.noteResult(b(env))));
    }
    case 'neg': {
      const a = compile(node.body, scope);
      return (env) => vneg(a(env));
    }
    case 'pow':
      return compilePow(node.base, node.exp, scope);
    case 'transpose': {
      // `\mu_k(\mu_k)^\top`: a value times a bracket, and the transpose belongs to the bracket (as powers do, see compilePow).
      const b = node.body;
      if (b.kind === 'apply' && !b.given && b.args.length === 1 && isValueSymbol(b.fn, scope.ctx)) {
        const v = compile(b.fn, scope);
        const t = compile(b.args[0], scope);
        return (env) => env.noteResult(vmul(v(env), transpose(t(env))));
      }
      const a = compile(node.body, scope);
      return (env) => transpose(a(env));
    }
    case 'sqrt': {
      const a = compile(node.body, scope);
      if (node.index) {
        const n = compile(node.index, scope);
        return (env) => vpow(a(env), 1 / primal(toScalar(n(env))));
      }
      return (env) => sqrt(toScalar(a(env)));
    }
    case 'func':
      if (node.base) return compileLogBase(node.name, node.arg, node.base, scope, node.span);
      return compileFunc(node.name, node.arg, scope, node.span);
    case 'apply':
      return compileApply(node, scope);
    case 'group':
      if (node.delim === '{' || node.delim === '(' || node.delim === '[' || node.delim === '.') return compile(node.body, scope);
      return compile(node.body, scope);
    case 'abs': {
      if (node.norm) {
        // ‖v‖ of a vector: the Euclidean norm; of a number: its absolute value. A matrix norm
        // (Frobenius or spectral?) is not said by the notation, so it is not guessed.
        const v = compile(node.body, scope);
        return (env) => {
          const x = v(env);
          if (!isMatrix(x)) return abs(x);
          if (x.rows !== 1 && x.cols !== 1) throw new EvalError('the norm of a matrix does not say which norm (Frobenius or spectral)');
          let sum: Scalar = 0;
          for (const e of x.data) sum = add(sum, mul(e, e));
          return sqrt(sum);
        };
      }
      const cov = scope.ctx.D > 1 ? covarianceIndex(node.body, scope) : null;
      if (cov) return (env) => env.SigmaDet(cov(env));
      const a = compile(node.body, scope);
      return (env) => {
        const v = a(env);
        return isMatrix(v) && !(v.rows === 1 && v.cols === 1) ? det(v) : abs(toScalar(v));
      };
    }
    case 'sum': case 'prod':
      return compileBigOp(node, scope);
    case 'limitop':
      return compileExtremum(node, scope) ?? (() => { throw unsupportedNode(node); })();
    case 'deriv':
      return compileDeriv(node, scope);
    case 'underbrace':
      return compile(node.body, scope);
    case 'matrix': {
      const cells = node.rows.map((r) => r.map((c) => compile(c, scope)));
      const rows = cells.length;
      const cols = Math.max(...cells.map((r) => r.length));
      if (cells.some((r) => r.length !== cols)) throw unsupported('matrix rows of different lengths', node.span);
      return (env) => matrix(rows, cols, cells.flat().map((c) => toScalar(c(env))));
    }
    case 'set': {
      // `\sum_k \{ n_k \log \alpha_k + … \}`: braces around one sum or product are brackets (a set
      // of one arithmetic expression is not how sets are written; 𝒳 = \{x_1, …, x_N\} is a set).
      const only = node.items.length === 1 ? node.items[0]! : null;
      if (only && ['add', 'sub', 'mul', 'div', 'sum', 'prod', 'neg'].includes(only.kind)) return compile(only, scope);
      throw new CheckError('not-an-equation', 'a set is not a number', node.span);
    }
    case 'expect':
      return compileExpectation(node, scope);
    case 'indexed': {
      const ind = indicatorEvent(node, scope.ctx);
      if (ind) return compileIndicator(ind, scope);
      return compileOnes(node, scope) ?? compileEntry(node, scope) ?? (() => { throw unsupportedNode(node); })();
    }
    case 'ellipsis':
      throw unsupported('“…” stands for terms the checker cannot see', node.span);
    case 'text':
      throw unsupported(`“${node.text}” is text, not a value`, node.span);
    case 'opaque':
      throw unsupported(`${node.what} has no numeric value here`, node.span);
    default:
      throw unsupportedNode(node);
  }
}

/**
 * The one way out for what the parser reads but the checker does not evaluate: each kind of
 * node with its own plain reason (never a parse error).
 */
function unsupportedNode(node: Node): CheckError {
  const reasons: Partial<Record<Node['kind'], string>> = {
    tuple: 'a list or tuple (…, …) is several values, not one',
    event: 'a relation inside an expression (an event such as z_i = k, or a condition) is not evaluated',
    given: 'a conditional “… | …” outside a density is not evaluated',
    integral: 'an integral is not evaluated (the checker compares finite sums at sample points)',
    largeop: 'this large operator (⋃, ⋂, ⨁, …) is not evaluated',
    limitop: 'arg max, lim, sup, inf, and max or min over anything but an index letter are not evaluated',
    expect: 'an expectation over an unspecified distribution is not evaluated',
    env: 'a cases, array or aligned block inside a formula is not evaluated',
    indexed: 'an index or limits written on a bracket are not evaluated',
    postfix: 'a factorial or a prime on an expression is not evaluated',
    annotated: 'a symbol with a note set above or below it is not evaluated',
  };
  if (node.kind === 'empty') return new CheckError('not-an-equation', 'nothing is written on this side', node.span);
  return unsupported(reasons[node.kind] ?? `this construct (${node.kind}) is not evaluated`, node.span);
}

/** `\log_b x` = ln x / ln b. */
function compileLogBase(name: string, argNode: Node, baseNode: Node, scope: Scope, span: Span): Closure {
  if (name !== 'log' && name !== 'ln') throw unsupported(`\\${name} with a subscript is not a function the checker knows`, span);
  const a = compile(argNode, scope);
  const b = compile(baseNode, scope);
  return (env) => env.noteResult(vdiv(log(toScalar(a(env))), log(toScalar(b(env)))));
}

/** Function names that notes type as plain letters (`ln\ p(X)`, `exp\{…\}`): KaTeX draws them as a product of letters. */
const LETTER_FUNCTIONS = ['ln', 'log', 'exp'];

/**
 * `l n X Y` with l and n plain letters that mean nothing in the note: the function ln applied to
 * the factors after it (as \ln takes the run of juxtaposed factors), the factors before it kept.
 * Returns null when the product holds no such spelled-out function.
 */
function spelledFunction(node: Node, scope: Scope): Closure | null {
  const fs: Node[] = [];
  const stack: Node[] = [node];
  while (stack.length) {
    const m = stack.pop()!;
    if (m.kind === 'mul' && m.implicit) {
      // The products inside this one are scanned now: compiling them must not scan again (linear time).
      if (m !== node) scannedProducts.add(m);
      stack.push(m.b, m.a);
      continue;
    }
    fs.push(m);
  }
  const plainLetter = (n: Node | undefined, ch: string): boolean => n !== undefined && n.kind === 'sym' && n.name === ch && !n.sub && !n.font && !n.decor && !n.primes &&
    !scope.ctx.defs.has(ch);
  const letter = (n: Node | undefined, ch: string): boolean => plainLetter(n, ch) && !scope.bound.has(ch);
  // After a first letter that means nothing, the others may be a summation index (`\sum_n ln\{…\}`):
  // l · n · {…} with an unknown l means nothing either.
  const laterLetter = (n: Node | undefined, ch: string, first: Node): boolean => letter(n, ch) ||
    (plainLetter(n, ch) && first.kind === 'sym' && first.name !== 'e' && !scope.bound.has(first.name));
  // `ln(π_k)` parses as l · n(π_k): the last letter applied to a bracket.
  const lastLetter = (n: Node | undefined, ch: string): Node | null =>
    n !== undefined && n.kind === 'apply' && letter(n.fn, ch) && n.args.length === 1 && !n.given ? n.args[0] : null;
  for (let at = 0; at < fs.length; at++) {
    // The first letter must mean nothing in the note (e of exp is Euler's number: e x p is no product anyone writes).
    const word = LETTER_FUNCTIONS.find((w) => letter(fs[at], w[0]) && (w[0] === 'e' || classifySymbol(fs[at] as SymNode, scope.ctx).kind === 'unknown') &&
      [...w.slice(1, -1)].every((ch, j) => laterLetter(fs[at + 1 + j], ch, fs[at])) &&
      (laterLetter(fs[at + w.length - 1], w[w.length - 1], fs[at]) || lastLetter(fs[at + w.length - 1], w[w.length - 1]) !== null));
    if (!word) continue;
    const closing = lastLetter(fs[at + word.length - 1], word[word.length - 1]);
    const before = fs.slice(0, at);
    const after = [...(closing ? [closing] : []), ...fs.slice(at + word.length)];
    if (!after.length) continue;
    // exp\{…\}: braces after a function are brackets, not a set.
    if (after[0].kind === 'set' && after[0].items.length === 1) after[0] = after[0].items[0];
    const product = (list: Node[]): Node => list.reduce((a, b) => ({ kind: 'mul', a, b, implicit: true, span: { start: a.span.start, end: b.span.end } }));
    const arg = compile(product(after), scope);
    const f = FUNCS[word === 'log' ? 'log' : word]!;
    const applied: Closure = word === 'exp' ? (env) => f(toScalar(env.inExponent(() => arg(env)))) : (env) => f(toScalar(arg(env)));
    if (!before.length) return applied;
    const pre = compile(product(before), scope);
    return (env) => env.noteResult(vmul(pre(env), applied(env)));
  }
  return null;
}

/** Products already scanned for spelled-out functions as part of an enclosing product. */
const scannedProducts = new WeakSet<Node>();

/**
 * `a/2b`, `(x − μ)^2/2σ^2`: an inline `/` followed by juxtaposed factors. The parser reads it left to right,
 * (a/2)·b; the common typographic convention (juxtaposition binds tighter than a solidus) reads a/(2b). The
 * product (of implicit products down to a `/`) as a/(b·c·…), or null when it is no such product.
 */
export function joinedSolidus(node: Node): Node | null {
  const after: Node[] = [];
  let cur = node;
  while (cur.kind === 'mul' && cur.implicit) {
    after.unshift(cur.b);
    cur = cur.a;
  }
  if (cur.kind !== 'div' || !cur.slash || !after.length) return null;
  let denominator = cur.b;
  for (const f of after) denominator = { kind: 'mul', a: denominator, b: f, implicit: true, span: { start: denominator.span.start, end: f.span.end } };
  return { kind: 'div', a: cur.a, b: denominator, span: node.span };
}

function compileMul(aNode: Node, bNode: Node, scope: Scope, implicit: boolean, whole?: Node): Closure {
  if (implicit && !(whole && scannedProducts.has(whole))) {
    const spelled = spelledFunction(whole ?? { kind: 'mul', a: aNode, b: bNode, implicit: true, span: { start: aNode.span.start, end: bNode.span.end } }, scope);
    if (spelled) return spelled;
  }
  const last = rightmostFactor(aNode);
  if (implicit && last.kind === 'deriv' && last.num && bNode.kind === 'group') {
    scope.flags.operatorMisuse.push({ deriv: last, operand: bNode });
  }
  const a = compile(aNode, scope);
  const b = compile(bNode, scope);
  return (env) => env.noteResult(vmul(a(env), b(env)));
}

/**
 * A letter the note never defines and the checker has no meaning for, read as an arbitrary
 * matrix (a capital: A, B, S_0) or vector (a small bold letter: 𝐚, 𝐲, or one the note writes
 * transposed: y in x yᵀ): identities such as ∂(xᵀAx)/∂x = Ax + Aᵀx hold for every value of it.
 * claims.ts judges a step with one only where its value does not matter, both sides agree for
 * two draws, or differ by the same amount (wrong whatever it is).
 */
function freeLetter(n: SymNode, ctx: NoteContext): { id: number; shape: FreeShape; symmetric: boolean } | null {
  if (n.decor || n.primes || n.accent || (n.sub && n.sub.kind !== 'num')) return null;
  if (n.font && n.font !== 'bold' && n.font !== 'rm') return null;
  // A plain small letter is as often a number (d, c, a) as a vector: only a bold one, or one the
  // note transposes, is read as a vector; a plain one with the subscript 0 that marks a prior's
  // hyperparameter (ν₀, κ₀) is a number.
  const vector = /^[a-z]$/.test(n.name) && (n.font === 'bold' || (!n.sub && ctx.transposedLetters?.has(symbolKey(n)) === true));
  const hyper = n.sub?.kind === 'num' && n.sub.value === 0 && n.font !== 'bold' && (n.name.length === 1 || GREEK_LOWER.test(n.name));
  // Bare Λ where Λ_k is the note's precision (Σ_k⁻¹): a symmetric matrix, as its indexed form is.
  const index: SymNode = { kind: 'sym', name: 'k', font: null, sub: null, decor: null, primes: 0, span: n.span };
  const indexed = n.sub ? undefined : symbolReading(ctx.reading, { ...n, sub: index }, 1);
  const symmetric = typeof indexed === 'object' && (indexed.quantity === 'precision' || indexed.quantity === 'cov');
  // A capital with the subscript 0 (S₀, W₀): a prior's scale matrix, symmetric positive definite.
  const matrixShape = n.sub?.kind === 'num' && n.sub.value === 0 ? 'spd' : 'matrix';
  const shape = /^[A-Z]$/.test(n.name) || (symmetric && /^[A-Z][a-z]+$/.test(n.name)) ? matrixShape : vector ? 'vector' : hyper ? 'scalar' : null;
  if (!shape) return null;
  return { id: freeLetterId(n), shape, symmetric };
}

/** A free letter's identity for derivatives (a hash of its key). */
function freeLetterId(n: SymNode): number {
  let id = 7;
  for (const ch of symbolKey(n)) id = (Math.imul(id, 31) + ch.charCodeAt(0)) | 0;
  return Math.abs(id);
}

/** Lower-case Greek letters by their macro names (a hyperparameter ν₀, κ₀, β₀). */
const GREEK_LOWER = /^(alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|rho|sigma|tau|upsilon|phi|varphi|chi|psi|omega)$/;

/** `\text{constant}`, `\text{const.}` written as a term. */
function isConstantWord(n: Node): boolean {
  return n.kind === 'text' && /^(const\.?|constant|cst)$/i.test(n.text.trim());
}

/** The factor written last in a product (`a \times b c` → c). */
function rightmostFactor(n: Node): Node {
  return n.kind === 'mul' ? rightmostFactor(n.b) : n;
}

function compilePow(baseNode: Node, expNode: Node, scope: Scope): Closure {
  // e^{…} is the exponential unless the note defines e.
  if (baseNode.kind === 'sym' && baseNode.name === 'e' && !baseNode.sub && !baseNode.font && !scope.ctx.defs.has('e')) {
    const x = compile(expNode, scope);
    return (env) => exp(toScalar(env.inExponent(() => x(env))));
  }
  // `\pi_k(2\pi)^{-D/2}`: when the "application" is a product, the power belongs to the bracket.
  if (baseNode.kind === 'apply' && !baseNode.given && baseNode.args.length === 1 && isValueSymbol(baseNode.fn, scope.ctx)) {
    const a = compile(baseNode.fn, scope);
    const g = compilePow(baseNode.args[0], expNode, scope);
    return (env) => vmul(a(env), g(env));
  }
  // Σ_k^{-1}: the trial's cached inverse (inverting for every point and pass was the hot spot).
  if (expNode.kind === 'neg' && expNode.body.kind === 'num' && expNode.body.value === 1) {
    const cov = covarianceIndex(baseNode, scope);
    if (cov) return (env) => env.SigmaInv(cov(env));
  }
  const b = compile(baseNode, scope);
  const e = compile(expNode, scope);
  // The terms summed in an exponent (n_k = Σ_j γ_jk in α_k^{n_k}, the quadratic form in
  // exp(−½ (x − μ)²/σ²)) set the result's relative error, not an absolute one (Env.inExponent).
  return (env) => {
    const base = b(env);
    return env.noteResult(vpow(base, env.inExponent(() => e(env))));
  };
}

const FUNCS: Record<string, (x: Scalar) => Scalar> = {
  log, ln: log, exp, sin, cos, tan, tanh,
  sinh: (x) => mul(0.5, vsub(exp(x), exp(mul(-1, x))) as Scalar),
  cosh: (x) => mul(0.5, vadd(exp(x), exp(mul(-1, x))) as Scalar),
};

/** Σ_k written as a component covariance symbol (not the note's own name): its index, else null. */
function covarianceIndex(node: Node, scope: Scope): ((env: Env) => number) | null {
  if (node.kind !== 'sym' || !node.sub || node.decor || classifySymbol(node, scope.ctx).kind !== 'cov' || scope.ctx.defs.has(symbolKey(node))) return null;
  const subs = indexList(node.sub);
  if (subs.length !== 1) return null;
  scope.flags.usesModel = true;
  return componentIndex(subs[0], scope);
}

function compileFunc(name: string, argNode: Node, scope: Scope, span: Span): Closure {
  if (name === 'ln' || name === 'log') {
    let inner = argNode;
    while (inner.kind === 'group') inner = inner.body;
    const complete = inner.kind === 'apply' ? completeDataLog(inner, scope) : null;
    if (complete) return complete;
    // `\log L` with L the letter table's 𝓛/L: L is the likelihood there (no one takes the logarithm of a log-likelihood).
    if (likelihoodLetter(inner, scope.ctx)) return compile(inner, scope);
  }
  // det Σ_k: cached per instance, with its exact derivative (hot in ∂/∂Σ_k).
  const cov = name === 'det' ? covarianceIndex(argNode, scope) : null;
  if (cov) return (env) => env.SigmaDet(cov(env));
  if ((name === 'det' || name === 'tr') && matrixFunctionInside(argNode)) throw unsupported(`${name === 'tr' ? 'the trace' : 'the determinant'} of a matrix function (log Σ, exp Σ) is not evaluated`, span);
  const a = compile(argNode, scope);
  if (name === 'det') return (env) => det(a(env));
  if (name === 'tr') return (env) => trace(a(env));
  const f = FUNCS[name];
  if (!f) throw unsupported(`the function ${name} is not supported`, span);
  // (log and exp of a vector entry by entry, as vectorised notes write them: `\mathbf{1}^\top \log(P\mathbf{1}_K)`, numpy's
  // convention. A square matrix stays a shape error: `\ln \Sigma_k` is ln|Σ_k| with its bars left out more often than not.)
  const byEntry = name === 'log' || name === 'ln' || name === 'exp';
  const apply = (v: Value): Value => byEntry && isMatrix(v) && (v.rows === 1 || v.cols === 1) && v.data.length > 1 ? matrix(v.rows, v.cols, v.data.map((x) => f(x))) : f(toScalar(v));
  if (name === 'exp') return (env) => apply(env.inExponent(() => a(env)));
  return (env) => apply(a(env));
}

/**
 * L or 𝓛 written bare under a logarithm, read as the log-likelihood by the letter table alone (the note neither defines
 * it nor says what it is): `\log L` is then the log-likelihood, L the likelihood. (ℓ is never the likelihood.)
 */
function likelihoodLetter(n: Node, ctx: NoteContext): boolean {
  // (Or 𝓛(θ), L(θ; X), L(μ, σ, π): the same letter of the parameters.)
  if (n.kind === 'apply' && [...n.args, ...(n.given ?? [])].every((a) => a.kind === 'sym' && !a.sub)) return likelihoodLetter(n.fn, ctx);
  if (n.kind !== 'sym' || n.name !== 'L' || (n.font !== null && n.font !== 'cal') || n.sub || n.decor || n.primes || n.accent) return false;
  return classifySymbol(n, ctx).kind === 'loglik' && symbolReading(ctx.reading, n, 0) === undefined && !lookupDefinition(n, ctx) && !ctx.defs.has(`${symbolKey(n)}()`);
}

/**
 * `\operatorname{tr}(\ln \Sigma_k)`, `\det(\exp \Sigma_k)`: the trace or determinant of a matrix function, which the
 * checker does not evaluate (log det Σ = tr log Σ is an identity). Elsewhere `\ln \Sigma_k` stays a shape error: in a
 * GMM note it is ln|Σ_k| with its bars left out far more often than a matrix logarithm.
 */
function matrixFunctionInside(arg: Node): boolean {
  while (arg.kind === 'group') arg = arg.body;
  return arg.kind === 'func' && ['ln', 'log', 'exp'].includes(arg.name);
}

/** `n,k` (or `nk`) under a sum: plain letters, in order; null for anything else. */
function indexLettersOf(range: Node): SymNode[] | null {
  const out: SymNode[] = [];
  const stack: Node[] = [range];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'mul' && n.implicit) { stack.push(n.b, n.a); continue; }
    if (n.kind === 'tuple' && !n.open) { for (let q = n.items.length - 1; q >= 0; q--) stack.push(n.items[q]!); continue; }
    if (n.kind !== 'sym' || n.sub || n.font || n.decor || n.primes || n.accent || n.name.length !== 1) return null;
    out.push(n);
  }
  return out;
}

/**
 * `\sum_{j \neq k}`, `\sum_{j: j \ne k}`, `\sum_{j=1, j \neq k}^K` (also in `\substack`): a sum over
 * every value of j but one. The index, where it starts (null: at 1), and the value left out.
 */
function exclusionOf(range: Node): { index: SymNode; lower: Node | null; other: Node } | null {
  const plain = (n: Node | undefined): n is SymNode => n?.kind === 'sym' && !n.sub && !n.font && !n.decor && !n.primes && !n.accent && n.name.length === 1;
  const differs = (e: Node | undefined): { index: SymNode; other: Node } | null => {
    if (e?.kind !== 'event') return null;
    const [a, b, c] = e.items;
    if (e.rels.length === 1 && e.rels[0] === '≠' && plain(a) && b && (plain(b) || b.kind === 'num') && !(plain(b) && b.name === a.name)) return { index: a, other: b };
    if (e.rels.length === 2 && e.rels[0] === ':' && e.rels[1] === '≠' && plain(a) && plain(b) && b.name === a.name && c && (plain(c) || c.kind === 'num') && !(plain(c) && c.name === a.name)) return { index: a, other: c };
    return null;
  };
  const one = differs(range);
  if (one) return { ...one, lower: null };
  if (range.kind !== 'tuple' || range.open || range.items.length !== 2) return null;
  const [start, rest] = range.items;
  const d = differs(rest);
  if (!d || start?.kind !== 'event' || start.rels.length !== 1 || start.rels[0] !== '=' || !plain(start.items[0]) || start.items[0].name !== d.index.name) return null;
  return { ...d, lower: start.items[1] ?? null };
}

function compileBigOp(node: Extract<Node, { kind: 'sum' | 'prod' }>, scope: Scope, excluded?: Node): Closure {
  const exclusion = node.range && !excluded ? exclusionOf(node.range) : null;
  if (exclusion) return compileBigOp({ ...node, index: exclusion.index, lower: exclusion.lower, range: undefined }, scope, exclusion.other);
  const expectation = assignmentSum(node, scope);
  if (expectation) return compileExpectation(expectation, scope);
  // `\sum_{n,k}`: a sum over each of the letters, one inside the other, each over what the reading says it indexes.
  const letters = node.range && !node.lower && !node.upper ? indexLettersOf(node.range) : null;
  if (letters && letters.length >= 2 && letters.every((l) => readsAsIndex(l.name, scope.ctx))) {
    let nested: Node = node.body;
    for (let q = letters.length - 1; q >= 0; q--) nested = { kind: node.kind, index: letters[q]!, lower: null, upper: null, body: nested, span: node.span };
    return compileBigOp(nested as Extract<Node, { kind: 'sum' | 'prod' }>, scope);
  }
  // `\sum_{k \ne j}`, `\sum_{x_i \in R_m}`: which terms are summed is not "index = start … end".
  if (node.range) throw unsupported(`a ${node.kind === 'sum' ? 'sum' : 'product'} over a range other than “index = start” is not evaluated`, node.range.span);
  // (k′ is another index than k: `\sum_{k'} \gamma_{nk'}(\delta_{kk'} - \pi_k)` keeps k free inside the sum.)
  let indexName: string | null = node.index && !node.index.sub ? indexKey(node.index) : null;
  if (node.index && node.index.sub) throw unsupported('a summation index with a subscript', node.index.span);
  // Bounds decide the role: \sum_{i=1}^N runs over data, \sum_{k=1}^K over components.
  let role: Role = 'unknown';
  let upperFixed: number | null = null;
  if (node.upper) {
    const u = node.upper;
    if (u.kind === 'num') upperFixed = u.value;
    else if (u.kind === 'sym' && !u.sub && (u.name === 'K' || scope.ctx.reading?.componentCounts.has(u.name))) role = 'comp';
    else if (u.kind === 'sym' && !u.sub && scope.ctx.reading?.pointCounts.has(u.name)) role = 'data';
    else if (u.kind === 'sym' && !u.sub && (scope.ctx.dataCount.has(u.name) || u.name === 'N' || u.name === 'm' || u.name === 'n')) role = 'data';
    else if (u.kind === 'sym' && !u.sub && u.name === 'J') role = 'comp';
    else if (u.kind === 'sym' && !u.sub && (u.name === 'D' || scope.ctx.reading?.dimensions.has(u.name))) {
      throw unsupported(`a ${node.kind === 'sum' ? 'sum' : 'product'} over the coordinates (up to the dimension ${latexName(u)}) is not evaluated: the checker reads vectors whole, not entry by entry`, u.span);
    } else throw unsupported('this upper bound of the sum is not a count the checker knows', u.span);
  }
  let lowerFixed = 1;
  if (node.lower) {
    if (node.lower.kind === 'num' && Number.isInteger(node.lower.value)) lowerFixed = node.lower.value;
    else throw unsupported('a sum that does not start at a number', node.lower.span);
  }
  if (indexName === null) {
    // `\sum \pi_k N_k`: the index is the one free letter of the body.
    const probe = newScope(scope.ctx, scope.reading);
    for (const [k, v] of scope.bound) probe.bound.set(k, { ...v });
    compile(node.body, probe);
    // Indices already used outside the sum (the k of `\frac{1}{N_k} \sum r(z_{mk}) x_m`) are not its index.
    let candidates = [...probe.free.keys()].filter((k) => !scope.bound.has(k));
    if (candidates.length > 1) candidates = candidates.filter((k) => !scope.free.has(k));
    if (candidates.length !== 1) throw unsupported('a sum without an index (write \\sum_{k=1}^K)', node.span);
    indexName = candidates[0];
  }
  const name = indexName;
  /** The letter without its primes (k of k′), which says what it indexes. */
  const letter = name.replace(/′+$/, '');
  if (!readsAsIndex(letter, scope.ctx)) throw unsupported(`“${name}” as a summation index`, node.span);
  const saved = scope.bound.get(name);
  const entry = { role };
  scope.bound.set(name, entry);
  const body = compile(node.body, scope);
  const used = mentionsIndex(node.body, letter);
  // A fixed bound beyond the instance's size cannot be evaluated (and 10⁸ terms must not be tried).
  if (upperFixed !== null) {
    const limit = entry.role === 'comp' ? scope.ctx.K : entry.role === 'data' ? scope.ctx.N : MAX_SUM_TERMS;
    if (upperFixed - lowerFixed + 1 > Math.min(limit, MAX_SUM_TERMS) && (entry.role !== 'unknown' || upperFixed > MAX_SUM_TERMS)) {
      if (saved) scope.bound.set(name, saved); else scope.bound.delete(name);
      throw unsupported(entry.role === 'comp'
        ? `a sum over ${upperFixed} components; the checker's instances have K = ${scope.ctx.K}`
        : entry.role === 'data' ? `a sum over ${upperFixed} data points; the checker's instances have ${scope.ctx.N}`
          : `a sum of more than ${MAX_SUM_TERMS} terms`, node.span);
    }
  }
  if (saved) scope.bound.set(name, saved);
  else scope.bound.delete(name);
  if (!used) scope.flags.unusedSumIndex.push({ index: name, span: node.span });
  // `\sum_j e^{a_{nj}}`, no bounds and nothing in the body saying what j runs over: what the note's reading says of
  // the letter (j a component index throughout), when it says one thing and the definitions it indexes agree.
  const finalRole: Role = entry.role !== 'unknown' || upperFixed !== null ? entry.role : roleThroughDefinitions(node.body, letter, scope.ctx);
  // The value left out (`j \neq k`): an index of the same kind as the sum's.
  const skip = excluded ? compileIndex(excluded, scope, finalRole) : null;
  const isProd = node.kind === 'prod';
  return (env) => {
    const n = upperFixed ?? (finalRole === 'comp' ? env.t.K : finalRole === 'data' ? env.t.N : NaN);
    if (!Number.isFinite(n)) throw new EvalError(`the range of the sum over ${name} is unknown`);
    const left = skip ? skip(env) : NaN;
    const prev = env.idx[name];
    let acc: Value | null = null;
    try {
      for (let v = lowerFixed; v <= n; v++) {
        if (v - 1 === left) continue;
        env.idx[name] = v - 1;
        env.budget.spend();
        const term = body(env);
        if (!isProd && acc !== null) env.noteTerms(acc, term);
        acc = acc === null ? term : isProd ? vmul(acc, term) : env.rounded(vadd(acc, term), acc, term);
      }
    } finally {
      if (prev === undefined) delete env.idx[name];
      else env.idx[name] = prev;
    }
    return acc ?? (isProd ? 1 : 0);
  };
}

/**
 * `\max_j a_{ji}`, `\min_k …`: the largest (smallest) value of the body over an index letter, which
 * runs over the components or the points as the body's use of it says (as for a sum without bounds);
 * the log-sum-exp shift c_i = max_j a_ji is the usual use. Numbers only; a derivative follows the
 * term that is the extremum (ties have measure zero at random instances). Null for anything else
 * (lim, sup, arg max, bounds written out): unchecked by the caller.
 */
function compileExtremum(node: Extract<Node, { kind: 'limitop' }>, scope: Scope): Closure | null {
  if ((node.name !== 'max' && node.name !== 'min') || node.sup || !node.body || node.sub?.kind !== 'sym' || node.sub.sub || node.sub.decor) return null;
  const name = node.sub.name;
  if (!readsAsIndex(name, scope.ctx) || scope.bound.has(name)) return null;
  // `\max_k \mu_k \log \pi_1`: how far the max reaches is not written (for a sum it would not matter; here
  // it does): a product with a factor that does not use the index is not judged.
  let body0 = node.body;
  while (body0.kind === 'group') body0 = body0.body;
  if (node.body.kind !== 'group' && operands(body0, 'mul').some((f) => !mentionsIndex(f, name))) {
    throw unsupported(`how far this ${node.name} over ${name} reaches is not clear: write its argument in brackets`, node.span);
  }
  const entry: { role: Role } = { role: 'unknown' };
  scope.bound.set(name, entry);
  let body: Closure;
  try {
    body = compile(node.body, scope);
  } finally {
    scope.bound.delete(name);
  }
  // Or as the note's reading says (k a component index throughout the note).
  const role = entry.role !== 'unknown' ? entry.role : roleFromReading(name, scope.ctx);
  if (role !== 'comp' && role !== 'data') throw unsupported(`what ${name} runs over in this ${node.name} is not clear`, node.sub.span);
  const largest = node.name === 'max';
  return (env) => {
    const n = role === 'comp' ? env.t.K : env.t.N;
    const prev = env.idx[name];
    let best: Value | null = null;
    let bestValue = 0;
    try {
      for (let v = 0; v < n; v++) {
        env.idx[name] = v;
        const value = body(env);
        // A 1×1 result (a quadratic form (x − μ)ᵀ Σ⁻¹ (x − μ) in it) is a number, as elsewhere.
        const term = isMatrix(value) && value.rows === 1 && value.cols === 1 ? value.data[0]! : value;
        if (isMatrix(term)) throw new EvalError(`the ${node.name} of a vector or matrix is not defined`);
        const x = primal(term);
        if (best === null || (largest ? x > bestValue : x < bestValue)) { best = term; bestValue = x; }
      }
    } finally {
      if (prev === undefined) delete env.idx[name];
      else env.idx[name] = prev;
    }
    return best ?? NaN;
  };
}

/** What the note's reading says an index letter runs over, when it says one thing ('unknown' otherwise). */
function roleFromReading(name: string, ctx: NoteContext): Role {
  const r = ctx.reading;
  return r?.components.has(name) && !r.points.has(name) ? 'comp' : r?.points.has(name) && !r.components.has(name) ? 'data' : 'unknown';
}

/**
 * What an index letter runs over by the note's reading (roleFromReading), provided the symbols the note defines
 * that the expression indexes with it agree: a_{nj} after a_{nk} = … (k a component index) does, l_j after
 * l_n = … (n a point index) does not, and then the role is 'unknown'.
 */
function roleThroughDefinitions(node: Node, name: string, ctx: NoteContext): Role {
  const role = roleFromReading(name, ctx);
  let agree = role !== 'unknown';
  walk(node, (n) => {
    if (!agree || n.kind !== 'sym' || !n.sub) return;
    const def = lookupDefinition(n, ctx);
    if (!def) return;
    indexList(n.sub).forEach((ix, p) => {
      if (ix.kind === 'sym' && ix.name === name && !ix.sub && roleFromReading(def.params[p] ?? '', ctx) !== role) agree = false;
    });
  });
  return agree ? role : 'unknown';
}

function mentionsIndex(node: Node, name: string): boolean {
  let found = false;
  const visit = (n: Node): void => {
    if (found) return;
    if (n.kind === 'sym' && n.name === name && !n.sub) { found = true; return; }
    // x^{(i)}, w_j^{(i)}: the index in a bracketed superscript.
    if (n.kind === 'sym' && n.decor && superscriptIndex(n)?.name === name) { found = true; return; }
    for (const c of children(n)) visit(c);
  };
  visit(node);
  return found;
}


// ---------------------------------------------------------------------------------------------
// Symbols

function compileSym(node: SymNode, scope: Scope): Closure {
  const ctx = scope.ctx;
  // Index letters bound by a sum, used as a number (\sum_k k).
  if (!node.sub && (node.name.length === 1 || node.name === 'ell') && scope.bound.has(node.name) && !node.font) {
    const name = node.name;
    return (env) => (env.idx[name] ?? NaN) + 1;
  }
  if (scope.values && !node.sub && !node.decor && scope.values.names.has(symbolKey(node))) {
    // An argument of the function being defined: the value it is applied to.
    const key = symbolKey(node);
    scope.values.used = true;
    return (env) => {
      const v = env.vals[key];
      if (v === undefined) throw new EvalError(`${key} has no value here`);
      return v;
    };
  }
  const def = lookupDefinition(node, ctx);
  if (def && !(def.broken && def.params.length !== definitionIndices(node, def).length)) {
    const body = useDefinition(def, definitionIndices(node, def), scope, node.span);
    // w_j^{(i)} = π_j 𝒩(…) / Σ_l …: the note's own E-step. In an M-step claim (Env.meanIsNew) it
    // is still taken at the current parameters, as the responsibilities are.
    const point = superscriptIndex(node);
    const asResp: SymNode = point && node.sub ? { ...node, decor: null, sub: { kind: 'mul', a: point, b: node.sub, implicit: true, span: node.span } } : node;
    const asMeaning = classifySymbol(asResp, ctx);
    if (asMeaning.kind === 'resp') {
      scope.flags.usesResp = true;
      // Under the M-step's reading (Env.freezeResp) the note's E-step is the E-step's numbers, as a
      // responsibility written without a definition is: ∂/∂μ_l Σ_i Σ_j w_j^{(i)} log 𝒩(…) holds w fixed.
      let fixed: Closure | null = null;
      try { fixed = compileMeaning(asMeaning, asResp, scope); } catch (e) { if (!(e instanceof CheckError)) throw e; }
      const read = fixed;
      return withEnvSetting('meanIsNew', false, read ? (env) => (env.freezeResp ? read(env) : body(env)) : body);
    }
    // w_i = π_1 𝒩(x_i | μ_1, σ_1²) / (…) with the component left out of its name (two components): a definition
    // that takes a Gaussian's density is of the E-step as well, at the current parameters in an M-step claim too.
    // (Also through the definitions it uses: h_i = 1/(1 + e^{−a_i}) with a_i = log(p/(1 − p)) + log φ_1(x_i) − log φ_2(x_i).)
    if (def.node && writesDensityThrough(def.node, ctx, new Set([def.key]))) return withEnvSetting('meanIsNew', false, body);
    return body;
  }
  // ∂𝓛/∂π_c after `𝓛(π, λ) = …` that cannot be evaluated: the note's function, not the letter table's 𝓛 (the
  // log-likelihood, which a ✗ would then blame for the λ the note's 𝓛 has).
  const fnDef = !def && !node.sub && !node.decor ? ctx.defs.get(`${symbolKey(node)}()`) : undefined;
  if (fnDef?.broken) throw unsupported(`${latexName(node)} is the function the note defines on line ${fnDef.line}, whose right side cannot be evaluated`, node.span);
  // n̂_k after n_k = Σ_j γ_jk in a note whose hat marks the posterior expectation of its 0/1
  // indicators (γ̂_jk = P(γ_jk = 1 | y, θ)): the expectation of n_k, its indicators replaced by theirs.
  const plain = node.accent === 'hat' && ctx.indicatorLetters?.size ? lookupDefinition({ ...node, accent: undefined }, ctx) : undefined;
  if (plain && !plain.broken && plain.usesAssignments) {
    scope.flags.usesResp = true;
    return withEnvSetting('latentExpected', true, useDefinition(plain, definitionIndices(node), scope, node.span));
  }
  const lagrangian = bareLagrangian(node, scope);
  if (lagrangian) return lagrangian;

  const meaning = classifySymbol(node, ctx);
  // z_ik as a value: the indicator of point i's assignment to component k.
  if (isLatent(node) && !node.decor && (meaning.kind === 'unknown' || meaning.kind === 'opaque')) {
    const [p, c] = indexList(node.sub);
    return compileIndicator({ point: p, comp: c }, scope);
  }
  // γ_jk where the note writes P(γ_jk = 1 | …): the indicator, its indices ordered by the reading.
  const ind = noteIndicator(node, ctx);
  if (ind) return compileIndicator(ind, scope);
  return compileMeaning(meaning, node, scope);
}

export function lookupDefinition(node: SymNode, ctx: NoteContext): Definition | undefined {
  // f_{n1} after `f_{n1} = 𝒩(x_n | μ_1, σ_1²)`: the definition of that numbered pattern (numberedPatternKey).
  const numbered = numberedPatternKey(node);
  const own = numbered === null ? undefined : ctx.defs.get(numbered);
  if (own) return own;
  const def = ctx.defs.get(symbolKey(node));
  // n_k = Σ_i r_ik defined, n alone the number of points (Σ_{i=1}^{n}): the count, not n_k without its index.
  if (def && def.params.length > 0 && !node.sub && !node.decor && (ctx.reading?.pointCounts.has(node.name) || ctx.reading?.componentCounts.has(node.name))) return undefined;
  // ℓ_i := log Σ_j π_j 𝒩(x_i | …) defined, ℓ alone the log-likelihood (Σ_i ℓ_i): not ℓ_i without its index.
  if (def && def.params.length > 0 && !node.sub && !node.decor && !node.primes) {
    const k = classifySymbol(node, ctx).kind;
    if (k === 'loglik' || k === 'likelihood') return undefined;
  }
  // r_k = Σ_i r_ik defined (Murphy's count), r_ik the responsibility: a use with another number of indices,
  // which the note's reading gives its own meaning, is that meaning, not the definition without its index.
  if (def && node.sub && !def.valueParams && def.params.length !== subCount(node.sub) && symbolReading(ctx.reading, node, subCount(node.sub))) return undefined;
  if (def || (node.font !== 'bold' && node.font !== null)) return def;
  // `S_{tk} \triangleq …` used as `\mathbf S_{tk}` (or the other way round): the same letter in
  // bold is the same definition when it has as many indices and nothing else gives it a meaning.
  const other = ctx.defs.get(symbolKey(node, node.font === 'bold' ? null : 'bold'));
  if (!other || other.params.length !== subCount(node.sub) || other.valueParams || symbolReading(ctx.reading, node, subCount(node.sub))) return undefined;
  return other;
}

/**
 * 𝓛 written bare after `𝓛(θ, λ) = … + λ(Σ_k π_k − 1)`: the note's Lagrangian, not the built-in
 * log-likelihood the letter otherwise means (the note's own definition comes first). Null for
 * other symbols.
 */
function bareLagrangian(node: SymNode, scope: Scope): Closure | null {
  const def = bareLagrangianDefinition(node, scope.ctx);
  if (!def) return null;
  const applied = def.bareLagrangian;
  if (!applied) {
    throw unsupported(`${latexName(node)} names both the log-likelihood and the Lagrangian ${def.latex} (line ${def.line}) in this note: which of the two is meant here is not clear`, node.span);
  }
  scope.flags.bareLagrangian = true;
  return compileApply({ ...applied, fn: node, span: node.span }, scope);
}

/** The Lagrangian a bare symbol stands for (see bareLagrangian), if any. */
function bareLagrangianDefinition(node: SymNode, ctx: NoteContext): Definition | undefined {
  if (node.sub || node.decor || node.primes || node.accent) return undefined;
  const def = ctx.defs.get(`${symbolKey(node)}()`);
  return def && def.bareLagrangian !== undefined && !def.broken ? def : undefined;
}

/** Does the expression take a Gaussian's density (𝒩(x | μ, Σ), a component density, the mixture p(x))? */
export function writesDensity(root: Node, ctx: NoteContext): boolean {
  let found = false;
  walk(root, (n) => {
    if (found || n.kind !== 'apply') return;
    const kind = classifySymbol(n.fn, ctx).kind;
    if (kind === 'density' || kind === 'compdensity' || kind === 'mixture' || (n.fn.name === 'N' && !n.fn.sub && n.given !== null)) found = true;
  });
  return found;
}

/** writesDensity of `root` or of a note's definition it uses (each definition looked at once: `seen` holds their keys). */
function writesDensityThrough(root: Node, ctx: NoteContext, seen: Set<string>): boolean {
  if (writesDensity(root, ctx)) return true;
  let found = false;
  walk(root, (n) => {
    if (found || n.kind !== 'sym' || !n.sub) return;
    const def = lookupDefinition(n, ctx);
    if (!def?.node || seen.has(def.key)) return;
    seen.add(def.key);
    if (writesDensityThrough(def.node, ctx, seen)) found = true;
  });
  return found;
}

/** The closure evaluated with one of the environment's switches set, restored afterwards. */
function withEnvSetting(key: 'latentExpected' | 'meanIsNew', value: boolean, inner: Closure): Closure {
  return (env) => {
    const prev = env[key];
    env[key] = value;
    try {
      return inner(env);
    } finally {
      env[key] = prev;
    }
  };
}

/** The indices a use of a definition binds: none for a numeric subscript or one that names (N₀, p_1, 𝓛_λ), which is part of the name. */
function definitionIndices(node: SymNode, def?: Definition): Node[] {
  if (node.sub?.kind === 'num' || namingSubscript(node)) return [];
  const subs = indexList(node.sub);
  // (f_{n1} of a definition of f_{n1}: the number is part of the name, the letter the index.)
  return def && def.key === numberedPatternKey(node) ? subs.filter((s) => s.kind !== 'num') : subs;
}

/**
 * The key of a definition whose subscript mixes index letters and component numbers (`f_{n1}`, `\mathcal{N}_{i2}`:
 * one per component, as two-component notes write them): the letter's key and the numbers in their places, so that
 * f_{n1} and f_{n2} are two definitions. Null for other subscripts.
 */
export function numberedPatternKey(node: SymNode): string | null {
  if (!node.sub || node.sub.kind === 'num') return null;
  const subs = indexList(node.sub);
  if (subs.length < 2 || !subs.some((s) => s.kind === 'num' && Number.isInteger(s.value)) || !subs.every((s) => (s.kind === 'num' && Number.isInteger(s.value)) || (s.kind === 'sym' && !s.sub))) return null;
  return `${symbolKey(node)}_{${subs.map((s) => (s.kind === 'num' ? String(s.value) : '·')).join(',')}}`;
}

function useDefinition(def: Definition, subs: Node[], scope: Scope, span: Span, args: Node[] = []): Closure {
  if (subs.length === 0 && def.params.length > 0 && !def.valueParams) {
    const whole = definitionAsMatrix(def, scope);
    if (whole) return whole;
  }
  if (subs.length !== def.params.length) {
    throw unsupported(`${def.latex} is defined with ${def.params.length} index(es) but used with ${subs.length}`, span);
  }
  if (def.valueParams) {
    if (args.length !== def.valueParams.length) throw unsupported(`${def.latex} is defined with ${def.valueParams.length} argument(s) but applied to ${args.length}`, span);
    const names = def.valueParams;
    const argValues = args.map((a) => compileArgument(a, scope));
    const inner = useDefinition({ ...def, valueParams: undefined }, subs, scope, span);
    return (env) => {
      const values = argValues.map((f) => f(env));
      const saved = names.map((n) => env.vals[n]);
      names.forEach((n, j) => { env.vals[n] = values[j]; });
      try {
        return inner(env);
      } finally {
        names.forEach((n, j) => { if (saved[j] === undefined) delete env.vals[n]; else env.vals[n] = saved[j]; });
      }
    };
  }
  const idx = subs.map((s) => compileIndex(s, scope, 'unknown'));
  noteDefinitionUse(def, scope);
  const params = def.params;
  return (env) => {
    if (params.length === 0) return def.body(env);
    const values = idx.map((f) => f(env));
    const saved = params.map((p) => env.idx[p]);
    params.forEach((p, j) => { env.idx[p] = values[j]; });
    try {
      return def.body(env);
    } finally {
      params.forEach((p, j) => {
        if (saved[j] === undefined) delete env.idx[p];
        else env.idx[p] = saved[j];
      });
    }
  };
}

/** What using a definition brings into the scope: its free indices' roles and its flags. */
function noteDefinitionUse(def: Definition, scope: Scope): void {
  for (const [k, r] of def.free) if (!scope.bound.has(k)) noteRole(scope, k, r);
  if (def.usesModel) scope.flags.usesModel = true;
  if (def.usesResp) scope.flags.usesResp = true;
  if (def.usesData) scope.flags.usesData = true;
  if (def.usesAssignments) scope.flags.usesAssignments = true;
  // (A mean without its index inside the definition, a single Gaussian's: CompileFlags.genericMean.)
  if (def.genericMean) scope.flags.genericMean ??= def.genericMean;
  for (const name of def.abstractFns ?? []) scope.flags.abstractFns.add(name);
  for (const name of def.freeLetters ?? []) scope.flags.freeLetters.add(name);
  if (def.mentionsLambda) scope.flags.usesLambda = true;
}

/**
 * A letter defined by its entries (`R_{nk} = γ_{nk}`) used bare, where the note declares it a
 * matrix of those sizes (`R \in \mathbb{R}^{N \times K}`): the matrix of all its entries, each
 * index running over what the note's reading says it runs over (n over the points: N rows; k
 * over the components: K columns). A vector for one index. Null when the declaration, the
 * number of indices or their ranges do not agree: the use stays unchecked then.
 */
function definitionAsMatrix(def: Definition, scope: Scope): Closure | null {
  const ctx = scope.ctx;
  const dims = ctx.declaredShapes?.get(def.key);
  const reading = ctx.reading;
  if (!dims || !reading || dims.length !== def.params.length) return null;
  const agrees = def.params.every((p, j) => (dims[j] === 'N' ? reading.points.has(p) && !reading.components.has(p)
    : dims[j] === 'K' ? reading.components.has(p) && !reading.points.has(p) : false));
  if (!agrees) return null;
  noteDefinitionUse(def, scope);
  const params = def.params;
  return (env) => {
    const rows = countIn(env, dims[0]!), cols = dims.length === 2 ? countIn(env, dims[1]!) : 1;
    const saved = params.map((p) => env.idx[p]);
    const data: Scalar[] = [];
    try {
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          env.idx[params[0]!] = i;
          if (params.length === 2) env.idx[params[1]!] = j;
          data.push(toScalar(def.body(env)));
        }
      }
    } finally {
      params.forEach((p, j) => {
        if (saved[j] === undefined) delete env.idx[p];
        else env.idx[p] = saved[j];
      });
    }
    return matrix(rows, cols, data);
  };
}

/**
 * What a superscript name says about a parameter: `new`, `(t+1)`, `*`, `ML` → the updated value
 * (for a single Gaussian, μ_ML and Σ_ML: the sample mean and covariance)
 * (the reference M-step); `old`, `(t)`, `(0)`, `init` → the current value; `(i)` with i an index
 * that runs over points (x^{(i)}, w_j^{(i)}) → that index.
 */
export function decorRole(decor: string | null, ctx: NoteContext): 'plain' | 'update' | 'current' | 'index' | 'unknown' {
  if (decor === null) return 'plain';
  const d = decor.replace(/\s+/g, '');
  // ^{(t+1)} where t counts the points (Σ_{n=1}^{t}, online EM after t points): not an EM iteration.
  const counter = /^\(?([a-z])[+-]1\)?$|^\(([a-z])\)$/.exec(d);
  if (counter && ctx.reading?.pointCounts.has(counter[1] ?? counter[2]!)) return 'unknown';
  // MAP is not here: a MAP estimate depends on a prior, which the reference M-step does not have.
  // The same words in the languages notes are written in (neu/alt, nuevo, nouveau, novo, nuovo, нов/стар, nowy, nieuw, yeni, 新).
  if (/^(new|next|\*|ML|MLE|mle|opt|updated|EM|best|final|est|neu|nuevo|nueva|nouveau|nouvelle|novo|nova|nuovo|nuova|нов|новое|новый|новая|nowy|nowa|nowe|nieuw|yeni|新)$/.test(d) || /^\(?[a-z]\+1\)?$/.test(d)) return 'update';
  const letter = /^\(([a-z])\)$/.exec(d);
  if (letter && ctx.reading?.points.has(letter[1]!)) return 'index';
  // (t−1): the parameters the E-step of iteration t starts from, i.e. the current ones.
  if (/^(old|prev|current|init|true|alt|viejo|vieja|ancien|ancienne|antigo|antiga|vecchio|vecchia|стар|старое|старый|старая|stary|stara|stare|oud|eski|旧)$/.test(d) || letter || /^\(\d+\)$/.test(d) || /^\(?[a-z]-1\)?$/.test(d)) return 'current';
  return 'unknown';
}

/**
 * γ_k inside Σ_i where the note reads γ_{ik} as the responsibility (from its own statements, not
 * the letter table) and never defines γ_k: the point index is missing, which no reading repairs
 * (a responsibility depends on the point). The message for the ✗, or null.
 */
function missingPointIndex(node: SymNode, scope: Scope): string | null {
  const reading = scope.ctx.reading;
  const subs = indexList(node.sub);
  if (!reading || subs.length !== 1 || node.decor || node.primes || node.accent) return null;
  const c = subs[0];
  if (c.kind !== 'sym' || c.sub || !reading.components.has(c.name) || reading.points.has(c.name)) return null;
  const read = symbolReading(reading, node, 2);
  if (!read || read === 'ambiguous' || read.quantity !== 'resp') return null;
  const point = [...scope.bound.keys()].find((p) => reading.points.has(p) && p !== c.name);
  // Σ_i Σ_k γ_k …: both indices summed, the weight of each point's term. (A soft count r_k with k
  // free, Murphy's Σ_i r_ik x_i / r_k, is another quantity the note may name in prose.)
  if (!point || !scope.bound.has(c.name)) return null;
  const p = point.length > 1 ? `\\${point}` : point;
  const written = read.form === 'component-first' ? `${read.latex}_{${c.name}${p}}` : `${read.latex}_{${p}${c.name}}`;
  return `the responsibility is ${written} (line ${read.line}), which depends on the point; here it is written ${read.latex}_${c.name}, without the point index ${p} that the sum runs over`;
}

/** Kinds of the model's parameters that a superscript (t) or old marks as the current iterate. */
const ITERATE_KINDS = new Set<Meaning['kind']>(['weight', 'mean', 'std', 'cov', 'var', 'precision']);

function compileMeaning(m: Meaning, node: SymNode, scope: Scope): Closure {
  const value = compileMeaningValue(m, node, scope);
  const subs = indexList(node.sub);
  if (!ITERATE_KINDS.has(m.kind) || subs.length !== 1 || decorRole(node.decor, scope.ctx) !== 'current') return value;
  // μ_k^{(t)}, π_k^{old}, Σ_k^{(t)}: the current iterate, the point θ^{(t)} at which the E-step was
  // taken. Q(θ | θ^{(t)}) and the responsibilities written out with it are functions of the plain
  // parameters θ only: a derivative in μ_k holds the iterate fixed, as it holds γ^{(t)} fixed.
  // (A derivative in μ_k^{(t)} itself is not judged: resolveTarget.)
  const k = componentIndex(subs[0], scope);
  const kind = m.kind;
  return (env) => {
    if (!env.differentiating) return value(env);
    const kk = k(env), g = env.t.gmm, D = env.t.D;
    if (kind === 'weight') return g.pi[kk];
    if (kind === 'mean') return D === 1 ? g.mu[kk][0] : columnVector(g.mu[kk]);
    if (kind === 'std') return Math.sqrt(g.Sigma[kk][0][0]);
    if (D === 1) return kind === 'precision' ? 1 / g.Sigma[kk][0][0] : g.Sigma[kk][0][0];
    const S = matrix(D, D, g.Sigma[kk].flat());
    return kind === 'precision' ? inverse(S) : S;
  };
}

/** Quantities read with one subscript (a component's parameter, a point): more subscripts name an entry of them. */
const ENTRY_KINDS = new Set<Meaning['kind']>(['weight', 'mean', 'std', 'cov', 'var', 'precision', 'data', 'logit', 'effcount']);

function compileMeaningValue(m: Meaning, node: SymNode, scope: Scope): Closure {
  // μ_{k,new}, σ_{k,old}: the iteration word written into the subscript, after the index.
  const parts = indexList(node.sub);
  if (parts.length >= 2 && !node.decor && parts.slice(1).every((p) => p.kind === 'sym' && p.name.length === 1 && !p.sub)) {
    const word = parts.slice(1).map((p) => (p as SymNode).name).join('');
    if (DECORATION_WORDS.has(word)) return compileMeaningValue(m, { ...node, sub: parts[0]!, decor: word }, scope);
  }
  const subs = indexList(node.sub);
  const f = scope.flags;
  // x^{(i)}, w_j^{(i)} (CS229): for data and responsibilities a superscript letter is the point's index.
  const pointSuperscript = (m.kind === 'data' || (m.kind === 'resp' && subs.length === 1)) && /^\([a-z]\)$/.test(node.decor ?? '');
  const role = pointSuperscript ? 'index' : decorRole(node.decor, scope.ctx);
  if (role === 'unknown') throw unsupported(`the superscript “${node.decor}” does not say whether this is the current or the updated value`, node.span);
  if (role === 'current') node = { ...node, decor: null };
  if (role === 'index' && m.kind === 'data' && subs.length === 0) {
    // x^{(i)}: the i-th data point.
    subs.push(superscriptIndex(node)!);
    node = { ...node, decor: null };
  }
  // Σ, σ² or Λ without an index where the note's Gaussians take it beside an indexed mean
  // (𝒩(x_n | μ_k, Σ)): the covariance all components share (a tied model). In a tied model (NoteContext.tied), whose
  // instances give every component the same spread, it is the first component's, which is every component's there;
  // in a note that is not one (an index dropped), it is not judged.
  let shared = false;
  if (subs.length === 0 && SPREAD_KINDS.has(m.kind)) {
    const read = symbolReading(scope.ctx.reading, node, 0);
    if (read && read !== 'ambiguous' && read.shared) {
      if (!scope.ctx.tied) throw unsupported(tiedMessage(node, read), node.span);
      f.tiedSpread ??= node;
      subs.push({ kind: 'num', value: 1, text: '1', span: node.span });
      shared = true;
    }
  }
  // The M-step's covariances: each component's own, or for the shared spread the tied model's pooled one.
  const mStepSigma = (env: Env): number[][][] => (shared ? env.mStepTiedSigma() : env.mStepSigma());
  if (!shared && subs.length > 0 && SPREAD_KINDS.has(m.kind)) f.indexedSpread = true;
  // μ_{kd}, Σ_{k,ij}, x_{nd}, Σ_{ij}: an entry of a vector or matrix, by coordinates the checker has no
  // index role for. Reading the first subscript alone would drop the others (μ_{k1} = μ_{k2} passed).
  if (subs.length > 1 && ENTRY_KINDS.has(m.kind)) {
    throw unsupported(`${latexName(node)} with ${subs.length} indices names an entry (a coordinate of a mean or a point, an entry of a covariance), which is not evaluated`, node.sub!.span);
  }
  switch (m.kind) {
    case 'const': {
      const v = m.value;
      return () => v;
    }
    case 'count': {
      f.usesModel = true;
      const which = m.which;
      return (env) => countIn(env, which);
    }
    case 'weight': {
      f.usesModel = true;
      const k = componentIndex(subs[0], scope);
      if (node.decor) return (env) => env.mStepPi()[k(env)];
      return (env) => env.pi(k(env));
    }
    case 'mean': {
      f.usesModel = true;
      // μ_ML, μ^{new} of a single Gaussian: the closed-form maximum-likelihood estimate.
      if (subs.length === 0 && !node.decor) f.genericMean ??= node;
      if (subs.length === 0 && oneComponentBare(node, scope)) return (env) => env.mu(0);
      if (subs.length === 0) return node.decor ? (env) => env.sampleMean() : (env) => env.gmu();
      f.indexedMean = true;
      const k = componentIndex(subs[0], scope);
      if (node.decor) {
        return (env) => { const m = env.mStepMu()[k(env)]; return env.t.D === 1 ? m[0] : columnVector(m); };
      }
      // μ_k^{(t)}, μ_k^{old} written out: the current mean even where a plain μ_k means the new one
      // (the covariance update (x − μ_k)(x − μ_k)ᵀ).
      if (role === 'current') return (env) => env.currentMu(k(env));
      return (env) => env.mu(k(env));
    }
    case 'std': {
      f.usesModel = true;
      if (subs.length === 0 && !node.decor) f.genericSpread ??= node;
      if (subs.length === 0 && node.decor) f.sampleSpread ??= node;
      if (subs.length === 0 && oneComponentBare(node, scope)) return (env) => env.std(0);
      if (subs.length === 0) return node.decor ? (env) => sqrt(toScalar(env.sampleCovariance())) : (env) => env.gstd();
      // σ_k^{new} beside full covariances Σ_k (a multivariate model, not σ_k² I): the M-step has no σ_k to
      // update (one entry of Σ_k's update would be a guess; the isotropic model's is another number);
      // claims.ts reads the step in one dimension where it can. (σ_k itself stays a positive number, the
      // first entry of Σ_k: an identity in it, 𝒩(x | x, σ_k² I) = (2πσ_k²)^{−D/2}, holds for any.)
      if (node.decor && scope.ctx.D > 1 && !scope.ctx.isotropic) throw unsupported(`an updated ${latexName(node)} ${SCALAR_SPREAD_IN_MATRIX_MODEL} Σ_k (the note writes them elsewhere)`, node.span);
      const k = componentIndex(subs[0], scope);
      if (scope.ctx.D > 1 && !scope.ctx.isotropic) f.scalarSpread = true;
      // In a note whose Gaussians hold σ_k bare (𝒩(x | μ_k, σ_k)), σ_k may be the variance: under
      // SPREAD_AS_VARIANCE it is, wherever it is written (its update, a density written out, ∂/∂σ_k).
      const either = readsSpreadBothWays(scope.ctx);
      if (either) f.bareSpreadSlot = true;
      if (node.decor) {
        return either
          ? (env) => { const v = mStepSigma(env)[k(env)][0][0]; return env.abstractVariant === SPREAD_AS_VARIANCE ? v : Math.sqrt(v); }
          : (env) => Math.sqrt(mStepSigma(env)[k(env)][0][0]);
      }
      return either ? (env) => (env.abstractVariant === SPREAD_AS_VARIANCE ? env.Sigma(k(env)) : env.std(k(env))) : (env) => env.std(k(env));
    }
    case 'cov': {
      f.usesModel = true;
      if (subs.length === 0 && !node.decor) f.genericSpread ??= node;
      if (subs.length === 0 && node.decor) f.sampleSpread ??= node;
      if (subs.length === 0) return node.decor ? (env) => env.sampleCovariance() : (env) => env.gSigma();
      const k = componentIndex(subs[0], scope);
      if (node.decor) {
        return (env) => { const S = mStepSigma(env)[k(env)]; return env.t.D === 1 ? S[0][0] : matrix(env.t.D, env.t.D, S.flat()); };
      }
      return (env) => env.Sigma(k(env));
    }
    case 'data': {
      f.usesModel = true;
      f.usesData = true;
      if (subs.length === 0) return (env) => env.gx();
      const i = compileIndex(subs[0], scope, 'data');
      return (env) => { const ii = i(env); checkRange(env, ii, env.t.N, 'data'); return env.x(ii); };
    }
    case 'resp': {
      f.usesModel = true;
      f.usesResp = true;
      // w_j^{(i)} (CS229 style): the point's index in the superscript, the component's below.
      const iNode = superscriptIndex(node);
      if (subs.length === 1 && iNode) {
        subs.unshift(iNode);
      } else if (m.form === 'component-first') {
        subs.reverse();
      }
      if (subs.length !== 2) throw unsupported('a responsibility needs two indices (point and component)', node.span);
      const i = compileIndex(subs[0], scope, 'data');
      const k = compileIndex(subs[1], scope, 'comp');
      // γ^{(t)}: the E-step's number at iteration t, a constant for derivatives in the new parameters.
      // A plain γ_ik is differentiated with the parameters unless the claim is judged under the
      // M-step's convention (env.freezeResp, see claims.ts).
      const frozen = role === 'current';
      // γ^{(t+1)}, γ^{new}: the E-step's new numbers (from the current parameters), or the responsibilities at
      // the updated parameters, as μ_k^{new} is the updated mean (RESP_AT_UPDATE: claims.ts tries both).
      const updated = role === 'update';
      if (updated) f.updatedResp = true;
      return (env) => {
        const ii = i(env), kk = k(env);
        checkRange(env, ii, env.t.N, 'data'); checkRange(env, kk, env.t.K, 'component');
        if (updated && env.abstractVariant === RESP_AT_UPDATE) return env.respAtUpdate(ii, kk);
        return frozen || env.freezeResp ? env.t.ref.resp[ii][kk] : env.resp(ii, kk);
      };
    }
    case 'effcount': {
      f.usesResp = true;
      f.usesModel = true;
      const k = compileIndex(subs[0], scope, 'comp');
      return (env) => { const kk = k(env); checkRange(env, kk, env.t.K, 'component'); return env.Nk(kk); };
    }
    case 'loglik':
      f.usesModel = true;
      f.usesLoglik = true;
      return (env) => env.logLik();
    case 'likelihood':
      f.usesModel = true;
      f.usesLoglik = true;
      return (env) => exp(env.logLik());
    case 'var': {
      // A symbol the note uses for the variance (τ_k in 𝒩(y | μ_k, τ_k)): σ_k² in 1-D, Σ_k otherwise.
      f.usesModel = true;
      if (subs.length === 0 && !node.decor) f.genericSpread ??= node;
      if (subs.length === 0 && node.decor) f.sampleSpread ??= node;
      if (subs.length === 0 && oneComponentBare(node, scope)) return (env) => env.Sigma(0);
      if (subs.length === 0) return node.decor ? (env) => env.sampleCovariance() : (env) => env.gSigma();
      const k = componentIndex(subs[0], scope);
      if (node.decor) return (env) => { const S = mStepSigma(env)[k(env)]; return env.t.D === 1 ? S[0][0] : matrix(env.t.D, env.t.D, S.flat()); };
      return (env) => env.Sigma(k(env));
    }
    case 'precision': {
      f.usesModel = true;
      if (subs.length !== 1) throw unsupported('a precision without its component index', node.span);
      const k = componentIndex(subs[0], scope);
      // Λ_k^{new}: the inverse of the M-step's covariance (the update of Σ_k, written for Λ_k = Σ_k⁻¹).
      if (node.decor) return (env) => { const S = mStepSigma(env)[k(env)]; return env.t.D === 1 ? 1 / S[0][0] : inverse(matrix(env.t.D, env.t.D, S.flat())); };
      return (env) => env.SigmaInv(k(env));
    }
    case 'mixture':
      throw unsupported(`${node.name} is the mixture density; write it with its point, e.g. ${node.name}(x_i)`, node.span);
    case 'compdensity':
      throw unsupported(`${node.name} names the component densities; write it with its point, e.g. ${node.name}(x_i | θ_k)`, node.span);
    case 'lambda':
      f.usesLambda = true;
      return (env) => env.lambda();
    case 'hyper':
      f.usesHyper = true;
      return (env) => env.hyper();
    case 'zero':
      return (env) => (env.t.D === 1 ? 0 : zeros(env.t.D, 1));
    case 'identity':
      return (env) => (env.t.D === 1 ? 1 : identity(env.t.D));
    case 'logit': {
      // η_k with π_k = softmax(η)_k: log π_k (up to the shift softmax ignores), moved by ∂/∂η_j (env.ts).
      f.usesModel = true;
      if (node.decor) throw unsupported('an updated or earlier logit is not evaluated', node.span);
      const k = componentIndex(subs[0], scope);
      return (env) => env.logit(k(env));
    }
    case 'kronecker': {
      const role = sameIndexRole(subs.slice(0, 2), scope.ctx);
      const a = compileIndex(subs[0], scope, role), b = compileIndex(subs[1], scope, role);
      return (env) => (a(env) === b(env) ? 1 : 0);
    }
    case 'density': {
      // 𝒩_{ij} with indices the note does not define: not the usual density with its own indices.
      if (subs.length > 0) throw unsupported(`${latexName(node)} with indices, which the note does not define (write 𝒩(x_i | μ_k, σ_k²), or define the shorthand)`, node.span);
      // Bare \mathcal{N}: the note's usual density 𝒩(x_i | μ_k, σ_k²).
      const dd = scope.ctx.defaultDensity;
      if (!dd) throw unsupported('𝒩 without arguments, and the note never writes its arguments', node.span);
      scope.flags.bareDensity ??= node;
      return compileApply(dd, scope);
    }
    case 'abstract':
    case 'unknown': {
      // q_{ℓs} after `\sum_s q_{\ell s} = 1`: a random distribution over s for each ℓ (normalisedFunctions), as q_ℓ(s) is.
      const dist = node.sub && !node.decor && !node.primes ? scope.ctx.distributions?.get(distributionKey(node)) : undefined;
      if (dist && indexList(node.sub).length === 2) {
        const roles: Role[] = dist.at === 0 ? [dist.role, dist.role === 'comp' ? 'data' : 'comp'] : [dist.role === 'comp' ? 'data' : 'comp', dist.role];
        const subs = indexList(node.sub).map((x, q) => compileIndex(x, scope, roles[q]!));
        const name = distributionKey(node);
        scope.flags.abstractFns.add(latexName(node));
        return (env) => env.abstractDistribution(name, subs.map((i) => i(env)), dist.at, dist.role === 'comp' ? env.t.K : env.t.N);
      }
      // ∂E/∂W_i with E written E(W) everywhere else: E(W).
      const args = !node.sub && !node.decor ? scope.ctx.usualArgs?.get(symbolKey(node)) : null;
      if (args) return compileApply({ kind: 'apply', fn: node, args, given: null, spaced: false, span: node.span }, scope);
      // ∂Q/∂Σ_k⁻¹ after `Q(Σ_k) = E`: the E the note wrote for Σ_k; elsewhere the last full form.
      const forms = !node.sub && !node.decor ? scope.ctx.latestForms?.get(symbolKey(node)) : undefined;
      const partial = forms && scope.wrtLetters?.length ? scope.wrtLetters.map((l) => forms.partial.get(l)).find((e) => e) : undefined;
      const latest = partial ?? forms?.full;
      if (latest) return compile(latest, scope);
      // (Also Q_k after `Q_k(\Sigma_k) = …`: the indexed name of a function, written without its arguments.)
      if (!node.decor && scope.ctx.defs.has(`${symbolKey(node)}()`)) {
        throw unsupported(`${latexName(node)} is a function the note defines with arguments; here it has none, so which of its forms is meant is not clear`, node.span);
      }
      // Q written bare where the note applies it elsewhere (Q(θ | θ^{(t)})): a function the note leaves
      // unspecified here, not an arbitrary number (∂Q/∂μ_k of a number would be 0, a guess).
      if (m.kind === 'unknown' && !m.hyper && !node.sub && !node.decor && scope.ctx.usualArgs?.has(symbolKey(node))) {
        throw new CheckError('abstract-function', `${m.name} is a function the note applies elsewhere and does not define: the step holds or fails depending on what it is`, node.span);
      }
      const free = m.kind === 'unknown' ? (m.hyper ? { id: freeLetterId(node), shape: m.hyper, symmetric: false } : freeLetter(node, scope.ctx)) : null;
      if (free) {
        const name = `${latexName(node)}${node.sub?.kind === 'num' ? `_${node.sub.value}` : ''}`;
        scope.flags.abstractFns.add(name);
        scope.flags.freeLetters.add(name);
        return (env) => env.freeValue(free.id, name, free.shape, free.symmetric);
      }
      if (m.kind === 'unknown') {
        const missing = missingPointIndex(node, scope);
        if (missing) throw new NotationError(missing, node.span);
        // (𝓛_λ, 𝓛_β: a subscript that is no index letter is part of the name the note has not defined, not 𝓛's index.)
        const sub = node.sub?.kind === 'sym' && !node.sub.sub && !isIndexLetter(node.sub.name, scope.ctx) ? node.sub : null;
        const shown = sub ? `${m.name}_{${sub.name.length > 1 ? `\\${sub.name}` : sub.name}}` : m.name;
        throw new CheckError('unknown-symbol', `unknown symbol ${shown}: define it in the note (e.g. “${shown} = …”) or add an alias in the settings`, node.span);
      }
      throw new CheckError('abstract-function', `${m.name} is an abstract function: the step holds or fails depending on what it is`, node.span);
    }
    case 'opaque':
      throw unsupported(m.why, node.span);
  }
}

// ---------------------------------------------------------------------------------------------
// Applications: densities, p(·|·), responsibilities γ(z_nk), 𝓛(θ), products like π_k (2π)

/** Letters of a hidden Markov model's messages α(z_n), β(z_n), ξ(z_{n−1}, z_n) (compileApply): not the posterior γ(z_nk). */
const MESSAGE_LETTERS = new Set(['alpha', 'beta', 'xi']);

function compileApply(node: ApplyNode, scope: Scope): Closure {
  const fn = node.fn;
  // p(z_i = k | x_i), I(z_n = k), D(p ‖ q), f(): read, but not evaluated yet.
  const parts = [...node.args, ...(node.given ?? [])];
  const odd = parts.find((a) => a.kind === 'event' || a.kind === 'tuple' || a.kind === 'given' || a.kind === 'empty');
  if (odd?.kind === 'event') {
    const ind = indicatorEvent(node, scope.ctx);
    if (ind) return compileIndicator(ind, scope);
    const ev = compileEventProbability(node, scope);
    if (ev) return ev;
    throw unsupported(`${fn.name}(…) of this event is not one the checker can evaluate (it reads p(z_i = k), p(z_i = k | x_i), p(x_i | z_i = k) and p(x_i, z_i = k))`, node.span);
  }
  if (odd) throw unsupportedNode(odd);
  if (node.args.length === 0) throw unsupported(`${fn.name}() has no argument`, node.span);
  // β(Σ_k w_k − 1) with β the note's multiplier (reading.ts, multiplierLetter): a product, not a function.
  if (node.args.length === 1 && !node.given && !fn.sub && !fn.decor && classifySymbol(fn, scope.ctx).kind === 'lambda' && !scope.ctx.defs.has(`${symbolKey(fn)}()`)) {
    return compile({ kind: 'mul', a: fn, b: node.args[0]!, implicit: true, span: node.span }, scope);
  }
  if (node.sep === '‖') throw unsupported('a divergence D(p ‖ q) is not evaluated', node.span);
  const ctx = scope.ctx;
  const f = scope.flags;
  // γ(z_nk), r(z_mk), V(Z_{n,k}): the posterior of the latent z_nk is the responsibility; not when the note
  // defines z_ij itself (z_ij = (y_i − μ_j)/σ_j, a z-score, in φ(z_ij)).
  // (Not α(z_n), β(z_n), ξ(z_{n−1}, z_n): a hidden Markov model's forward and backward messages, in Bishop's letters.)
  const zDef = node.args.length === 1 && isLatent(node.args[0]) ? lookupDefinition(node.args[0] as SymNode, ctx) : undefined;
  if (node.args.length === 1 && !node.given && isLatent(node.args[0]) && !(zDef && zDef.params.length === 2 && !zDef.broken) &&
    !(MESSAGE_LETTERS.has(fn.name) && !fn.font && classifySymbol(fn, ctx).kind !== 'resp')) {
    const subs = indexList((node.args[0] as SymNode).sub);
    return compileResponsibility(subs[0], subs[1], scope);
  }
  // N(x | μ, Σ) with a plain (or roman, \mathrm{N}) N is the density, not the count N times (…).
  if (fn.name === 'N' && !fn.sub && (!fn.font || fn.font === 'rm') && (node.given !== null || node.args.length === 3)) {
    return compileDensity(node, scope);
  }
  // 𝒩(μ_k, Σ): a distribution without the point at which its density is taken.
  if (fn.name === 'N' && !fn.sub && (fn.font === 'cal' || !fn.font || fn.font === 'rm') && !node.given && node.args.length === 2 &&
      !node.args.some((a) => a.kind === 'sym' && a.name === 'x')) {
    throw new NotationError(`notation: ${fn.font === 'cal' ? '𝒩' : 'N'}(…, …) names a Gaussian but not the point where its density is evaluated, so it has no value here; write it as 𝒩(x | μ, Σ).`, node.span);
  }
  // f'(μ_k), f''(μ_k) after `f(μ_k) = …`: the derivative of the note's own function in the parameter it is written
  // of (Lagrange's notation), not a new name: `f'(\mu_k) = …` right after is a claim about it. (Not φ'(z) after
  // `φ(z) = …` with z a value the function takes: that stays the note's name for its derivative.)
  if (fn.primes > 0 && !fn.decor && node.args.length === 1 && !node.given && node.args[0]!.kind === 'sym') {
    const plain: ApplyNode = { ...node, fn: { ...fn, primes: 0 } };
    const base = ctx.defs.get(`${symbolKey(plain.fn)}()`);
    // (Not when the note defines f' itself: `J'(π_k) = J(π_k) + λ(…)`, claims.ts definitionTarget.)
    if (base && !base.broken && !ctx.defs.has(`${symbolKey(fn)}()`) && base.args === argumentsKey(plain) && !base.valueParams?.length) {
      return compileDeriv({ kind: 'deriv', order: fn.primes, partial: false, num: plain, wrt: node.args[0]!, operand: null, span: node.span }, scope);
    }
  }
  const fnKey = symbolKey(fn) + '()';
  const def = ctx.defs.get(fnKey);
  // f(X) after `f(x) = …`, X the data set (𝐗, 𝒳, X beside x_n): a function defined for one point has no value at
  // a set (its arguments would be the points' entries in one long vector). (p(X), the density of the data set, is
  // not a definition of the note's: p is read as the mixture density.)
  if (def && def.valueParams?.length === 1 && node.args.length === 1 && !node.given && def.args === undefined && isDataset(node.args[0]!, ctx)) {
    throw unsupported(`${latexName(fn)} is defined for one point, and ${latexName(node.args[0] as SymNode)} is the whole data set`, node.span);
  }
  if (def && (def.args === undefined || def.args === argumentsKey(node))) {
    const given = def.valueParams && node.sep === ';' ? [...node.args, ...(node.given ?? [])] : node.args;
    const bound = def.valueParams ? (def.valuePositions ? def.valuePositions.map((j) => given[j]!) : given) : [];
    return useDefinition(def, definitionIndices(fn), scope, node.span, bound);
  }
  // τ_i(y_j; Ψ) after τ_i(y_j; Ψ^{(k)}) = …: the function defined at the current iterate, used at Ψ.
  // Outside derivatives the two are the same numbers (the instance is the current iterate); inside
  // one, Ψ moves and Ψ^{(k)} does not, so the value there is not judged.
  if (def && !def.valueParams && def.args !== undefined && sameUpToIterate(def.args, node, ctx)) {
    const inner = useDefinition(def, definitionIndices(fn), scope, node.span);
    return (env) => {
      if (env.differentiating) throw new EvalError(`${def.latex} is defined at the current iterate (line ${def.line}), and a derivative moves the parameters here`);
      return inner(env);
    };
  }
  // Q(Σ_k) after Q(Σ, μ, α) = …: Q as a function of one component's parameters.
  if (def?.argLetters && !def.valueParams && !node.given && node.args.length > 0 && node.args.every((a) => a.kind === 'sym' && a.sub && !a.decor &&
      def.argLetters!.includes(letterOf(a)) && PARAMETER_KINDS.has(classifySymbol(a, ctx).kind))) {
    f.partOf.push(...(node.args as SymNode[]));
    return useDefinition(def, definitionIndices(fn), scope, node.span);
  }
  const m = classifySymbol(fn, ctx);
  // γ_t(m) (Rabiner's mixtures): the point's index below, the component in the bracket, where the note's sums say so.
  const swapped = swappedResponsibility(node, ctx);
  if (swapped) return compileResponsibility(swapped.point, swapped.component, scope);
  // γ_j(W_i), γ_k(x): the responsibility of component j for a point (PRML's soft weight sharing).
  if (isResponsibilityApply(node, ctx)) {
    const a = randomVariableAsData(node.args[0], ctx);
    const k = componentIndex(indexList(fn.sub)[0], scope);
    f.usesModel = true;
    f.usesResp = true;
    if (a.kind === 'sym' && indexList(a.sub).length === 1 && classifySymbol(a, ctx).kind === 'data') {
      const i = compileIndex(indexList(a.sub)[0], scope, 'data');
      f.usesData = true;
      return (env) => { const ii = i(env); checkRange(env, ii, env.t.N, 'data'); return env.resp(ii, k(env)); };
    }
    const x = compile(a, scope);
    return (env) => env.respAt(x(env), k(env));
  }
  // `\gamma_{n1} = \sigma(a_n)`, `\sigma(-a)` in a note that speaks of the logistic sigmoid: σ applied to one argument
  // is 1/(1 + e^{−a}), not a standard deviation times a (which made σ(a) + σ(−a) = 1 a ✗).
  if (ctx.sigmoid && fn.name === 'sigma' && !fn.sub && !fn.decor && !fn.font && !fn.accent && fn.primes === 0 && node.args.length === 1 && !node.given &&
      !ctx.defs.has(`${symbolKey(fn)}()`)) {
    const a = compile(node.args[0]!, scope);
    return (env) => logistic(a(env));
  }
  // `Q_k(\Sigma_k) = …` beside `Q_k = …`: the note's quantity of the model written as a function of a parameter its definition
  // writes (itself or through the note's names, Λ_k = Σ_k⁻¹), the same number at the instance, not the quantity times the
  // parameter. (`Q_k(\Sigma_k)` after `Q_k = \sum_n \gamma_{nk}`, which writes no Σ, is the product.)
  const named = lookupDefinition(fn, ctx);
  // (σ_k² as the argument: the spread by its square, Q_k(σ_k^2).)
  const arg0 = node.args[0]?.kind === 'pow' && node.args[0].exp.kind === 'num' ? node.args[0].base : node.args[0];
  // (A definition the note writes further on, read ahead without its tree, counts as writing it: it is of the model.)
  if (named?.usesModel && !named.valueParams?.length && !node.given && node.args.length === 1 && arg0?.kind === 'sym' && !arg0.decor && !arg0.accent && !arg0.primes &&
      PARAMETER_KINDS.has(classifySymbol(arg0, ctx).kind) && (!named.node || writesLetter(named.node, arg0, ctx))) {
    return compile(fn, scope);
  }
  // A value followed by parentheses is a product: π_k (2π), λ(Σ π_k − 1), Λ_k\!\left(x_n − μ_k\right).
  if (VALUE_KINDS.has(m.kind) || (m.kind === 'resp' && indexedResponsibility(fn, ctx))) {
    if (node.given) throw unsupported('“|” inside parentheses after a value', node.span);
    const a = compileMeaning(m, fn, scope);
    const args = node.args.map((x) => compile(x, scope));
    if (args.length !== 1) throw unsupported('a comma list after a value', node.span);
    return (env) => vmul(a(env), args[0](env));
  }
  if (lookupDefinition(fn, ctx) && !node.given && node.args.length === 1) {
    const a = compile(fn, scope);
    const b = compile(node.args[0], scope);
    return (env) => vmul(a(env), b(env));
  }
  if (m.kind === 'compdensity') return compileComponentDensity(node, scope);
  if (m.kind === 'likelihood' || (m.kind === 'loglik' && fn.name !== 'p')) {
    // 𝓛(θ), ℓ(θ), L(π): the (log-)likelihood as a function of (some of) the parameters. In
    // L(θ; 𝐱), ℓ(θ; 𝐙) what follows the semicolon names the observations the likelihood is of (the
    // statisticians' convention): the note's data set under whatever letter, when it is one
    // letter without an index that is not one of the model's parameters.
    const observed = node.sep === ';' ? node.given ?? [] : [];
    const names = node.sep === ';' ? node.args : [...node.args, ...(node.given ?? [])];
    const isObservations = (g: Node) => g.kind === 'sym' && !g.sub && !g.decor && !g.primes && !g.accent &&
      ['data', 'dataset', 'unknown', 'opaque'].includes(classifySymbol(g, scope.ctx).kind);
    // ℓ(η, μ, σ) where η_k are the weights' logits (c = softmax(η)): η names them all, a parameter too.
    const isLogits = (a: Node) => { if (a.kind !== 'sym' || a.sub) return false; const r = symbolReading(scope.ctx.reading, a, 1); return !!r && r !== 'ambiguous' && r.quantity === 'logit'; };
    // (The usual letters only, not the note's reading: `L(u, Σ) = \log \prod_i N(x_i | u, Σ)` before the mixture is one
    // Gaussian's likelihood, which the note's u_k later does not make the mixture's.)
    // ℓ(μ, σ²), L(μ, Σ): a single Gaussian's (log-)likelihood of the points, its mean and spread without an index.
    const single = !node.given && observed.length === 0 ? singleGaussianParameters(node.args, scope) : null;
    if (single) {
      const [mean, spread] = single;
      f.usesData = true;
      const logLik: Closure = (env) => {
        let s: Scalar = 0;
        for (let i = 0; i < env.t.N; i++) s = add(s, log(env.gauss(env.x(i), mean(env), spread(env)) as Scalar)) as Scalar;
        return s;
      };
      return m.kind === 'likelihood' ? (env) => exp(toScalar(logLik(env))) : logLik;
    }
    // (Not L(θ; 𝐱, 𝐙): with the latent assignments among the observations it is the complete-data likelihood.)
    const complete = observed.length > 1 || observed.some((g) => g.kind === 'sym' && (g.name === 'Z' || g.name === 'z'));
    if (!complete && names.length > 0 && names.every((a) => isParameterName(a) || isLogits(a)) && observed.every(isObservations)) {
      f.usesModel = true;
      f.usesLoglik = true;
      // ℓ(θ^{(t+1)}), L(θ^{new}): at the M-step's parameters; ℓ(θ^{(t)}), ℓ(θ^{old}): at the instance, the current iterate.
      const roles = names.map((a) => (a.kind === 'sym' ? decorRole(a.decor, scope.ctx) : a.kind === 'pow' && a.base.kind === 'sym' ? decorRole(a.base.decor, scope.ctx) : 'plain'));
      if (roles.some((r) => r === 'update')) {
        if (!roles.every((r) => r === 'update')) throw unsupported('the likelihood at a mix of updated and current parameters', node.span);
        // ℓ(θ^{new}) is at the whole M-step; ℓ(μ^{new}) moves the means only, which the checker does not evaluate.
        const whole = names.every((a) => { const b = a.kind === 'pow' ? a.base : a; return b.kind === 'sym' && PARAMETER_SET_NAMES.has(b.name); });
        if (!whole) throw unsupported('the likelihood with some of the parameters updated is not evaluated', node.span);
        return m.kind === 'likelihood' ? (env) => Math.exp(env.logLikAtUpdate()) : (env) => env.logLikAtUpdate();
      }
      if (roles.some((r) => r !== 'plain' && r !== 'current')) throw unsupported('the likelihood at parameters the superscript does not place (current or updated)', node.span);
      return m.kind === 'likelihood' ? (env) => exp(env.logLik()) : (env) => env.logLik();
    }
    throw unsupported('the likelihood evaluated at particular values', node.span);
  }
  if (m.kind === 'density' && !fn.sub && !node.given && node.args.length === 1) {
    // Bare 𝒩 followed by a bracket: 𝒩 (…) is a product, as in `\mathcal{N} \left( \frac{…}{…} \right)`.
    const a = compileMeaning(m, fn, scope);
    const b = compile(node.args[0], scope);
    return (env) => vmul(a(env), b(env));
  }
  if (m.kind === 'density' || (fn.name === 'N' && !fn.sub && (node.given !== null || node.args.length === 3))) {
    return compileDensity(node, scope);
  }
  if (fn.name === 'p' && !fn.font && fn.primes === 0 && fn.sub && indexList(fn.sub).length === 1 && node.args.length === 1 && !node.given) {
    // p_k(x): the k-th component's density 𝒩(x | μ_k, Σ_k).
    f.usesModel = true;
    const k = compileIndex(indexList(fn.sub)[0], scope, 'comp');
    const x = compile(node.args[0], scope);
    return (env) => { const kk = k(env); checkRange(env, kk, env.t.K, 'component'); return env.gauss(x(env), env.mu(kk), env.Sigma(kk)); };
  }
  // IW(Σ | S, ν): the inverse-Wishart density.
  if (fn.name === 'IW' && (fn.font === 'rm' || fn.font === 'cal' || fn.font === null) && node.args.length === 1 && node.given?.length === 2) {
    return compileInverseWishart(node.args[0], node.given[0], node.given[1], scope);
  }
  // P(𝐗 | Σ, μ, α), ℙ(X; θ): the likelihood of the whole data set, whatever the letter of P.
  if (isProbabilityName(fn) && fn.name !== 'Q' && node.args.length === 1 && isDataset(node.args[0], ctx) && node.given?.length && node.given.every((g) => isParameterName(g, ctx))) {
    return compileProbability(node, scope);
  }
  const events = compileAbstractEventProbability(node, scope);
  if (events) return events;
  if ((fn.name === 'p' && !fn.font && fn.primes === 0 && !fn.sub) || m.kind === 'mixture') return compileProbability(node, scope);
  const probability = compileEventProbability(node, scope);
  if (probability) return probability;
  // `w_j^{(i)}(x^{(i)} - \mu_j)`: a letter indexed by a component below and a point above (CS229's way of writing a
  // responsibility) is a value, whatever the note calls it; the parentheses after it multiply. Unknown, it is reported so.
  if (m.kind === 'unknown' && !node.given && node.args.length === 1 && indexList(fn.sub).length === 1 && superscriptIndex(fn) !== null &&
      ['i', 'n'].includes(superscriptIndex(fn)!.name)) {
    return compile({ kind: 'mul', a: fn, b: node.args[0]!, implicit: true, span: node.span }, scope);
  }
  if ((m.kind === 'abstract' || m.kind === 'unknown') && !node.given && node.args.length > 0) return compileAbstractApply(node, scope);
  if (m.kind === 'abstract' || m.kind === 'unknown') {
    throw new CheckError('abstract-function', `${m.kind === 'abstract' ? m.name : m.name}(…) is an abstract function: the step holds or fails depending on what it is`, node.span);
  }
  throw unsupported(`${fn.name}(…) is not a function the checker knows`, node.span);
}

/**
 * E(W), P(\Sigma_k), g(x_i): a function the note names and applies but never specifies. Its value
 * is a random smooth function of its arguments (Env.abstractFunction); claims.ts evaluates a step
 * that uses one under two such functions and judges it only where that choice does not matter
 * or both sides depend on the same functions.
 */
/**
 * IW(Σ | S, ν) = |T|^{ν/2} / (2^{νD/2} Γ_D(ν/2)) |Σ|^{-(ν+D+1)/2} exp(−½ tr(T Σ⁻¹)), where the
 * books differ on T: S⁻¹ (Murphy, MLaPP §4.5.1) or S (Wikipedia's scale matrix Ψ). Both are
 * evaluated (Env.abstractVariant, IW_SCALE_CONVENTION) and a step passes under either. The
 * normaliser is taken at ν's value: derivatives in ν are not what notes take.
 */
function compileInverseWishart(sigmaNode: Node, scaleNode: Node, dofNode: Node, scope: Scope): Closure {
  scope.flags.usesModel = true;
  scope.flags.usesIW = true;
  const S = compile(sigmaNode, scope), scale = compile(scaleNode, scope), nu = compile(dofNode, scope);
  return (env) => {
    const D = env.t.D;
    const sigma = S(env), given = scale(env);
    // The convention's two draws (claims.ts, abstractDependence) are variants 4 and 5.
    const T = env.abstractVariant === IW_SCALE_CONVENTION || env.abstractVariant === IW_SCALE_CONVENTION + 1 ? given : inverse(given);
    const v = primal(toScalar(nu(env)));
    if (!(v > D - 1)) throw new EvalError(`the inverse-Wishart needs ν > D − 1 (ν = ${v}, D = ${D})`);
    let logNorm = (v * D / 2) * Math.log(2) + (D * (D - 1) / 4) * Math.log(Math.PI);
    for (let j = 1; j <= D; j++) logNorm += logGamma(v / 2 + (1 - j) / 2);
    const detS = det(sigma), detT = det(T);
    const tr = D === 1 ? mul(toScalar(T), div(1, toScalar(sigma))) : trace(vmul(T, inverse(sigma)));
    const logp = sub(sub(mul(v / 2, log(detT)), mul((v + D + 1) / 2, log(detS))), add(mul(0.5, tr), logNorm));
    return exp(logp);
  };
}

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 digits), written out as no dependency offers it. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** A symbol's letter without its subscript, bold or not (`Sigma` for \boldsymbol\Sigma_k). */
export function letterOf(a: SymNode): string {
  return symbolKey(a, a.font === 'bold' ? null : a.font, false);
}

/** What a parameter of the model is (priors, Q(Σ_k), densities of a parameter). */
export const PARAMETER_KINDS = new Set<string>(['weight', 'mean', 'std', 'var', 'cov', 'precision']);
/** The parameters that are a component's spread (Σ_k, σ_k, σ_k², Λ_k). */
const SPREAD_KINDS = new Set<string>(['cov', 'var', 'std', 'precision']);

/** Does the tree write the letter of `s` (its name and font; a spread by any name), itself or in the body of a name the note defines (two levels)? */
function writesLetter(n: Node, s: SymNode, ctx: NoteContext, depth = 0): boolean {
  // (A spread by any of its names: Σ_k in a body written with the precision Λ_k, or σ_k²'s σ_k.)
  const spread = SPREAD_KINDS.has(classifySymbol(s, ctx).kind);
  let found = false;
  walk(n, (m) => {
    if (found || m.kind !== 'sym') return;
    if ((m.name === s.name && m.font === s.font) || (spread && SPREAD_KINDS.has(classifySymbol(m, ctx).kind))) { found = true; return; }
    const def = depth < 2 ? lookupDefinition(m, ctx) : undefined;
    if (def?.node && writesLetter(def.node, s, ctx, depth + 1)) found = true;
  });
  return found;
}

function compileAbstractApply(node: ApplyNode, scope: Scope): Closure {
  // P(Σ) in a mixture, where Σ is every component's covariance: the prior of all of them, each
  // with the prior P(Σ_k) the note writes for one, i.e. ∏_k P(Σ_k) (independent components).
  const [arg] = node.args;
  if (node.args.length === 1 && arg.kind === 'sym' && !arg.sub && !arg.decor && scope.ctx.reading?.components.size &&
      PARAMETER_KINDS.has(classifySymbol(arg, scope.ctx).kind)) {
    const used = new Set([...scope.bound.keys(), ...scope.free.keys(), ...scope.ctx.reading.components, ...scope.ctx.reading.points]);
    const letter = ['k', 'j', 'l', 'c', 'm', 'n', 't', 'i'].find((l) => !used.has(l)) ?? [...scope.ctx.reading.components].find((l) => !scope.bound.has(l) && !scope.free.has(l));
    if (letter) {
      const index: SymNode = { kind: 'sym', name: letter, font: null, sub: null, decor: null, primes: 0, span: arg.span };
      const K: SymNode = { ...index, name: 'K' };
      const one: Node = { kind: 'num', value: 1, text: '1', span: arg.span };
      const each: ApplyNode = { ...node, args: [{ ...arg, sub: index }] };
      return compileBigOp({ kind: 'prod', index, lower: one, upper: K, body: each, span: node.span }, scope);
    }
  }
  // (A subscript that is neither an index nor part of the name, `\phi_{\theta_2}(x_i)` beside `\phi_{\theta_1}(x_i)` (ESL's
  // component densities), names another function: the two are not one function of x.)
  // (`f_{\theta_k}(x)` and `f_{\theta_1}(x)`: the function of θ's index, one function for each value of it, the same at k = 1.)
  const sub = node.fn.sub;
  const named = !sub || sub.kind === 'num' || namingSubscript(node.fn) || (sub.kind === 'sym' && !sub.sub && !sub.font && readsAsIndex(sub.name, scope.ctx));
  const inner = !named && sub?.kind === 'sym' && !sub.decor && indexList(sub.sub).length === 1 ? indexList(sub.sub)[0]! : null;
  const innerIndex = inner && (inner.kind === 'num' || (inner.kind === 'sym' && !inner.sub && readsAsIndex(inner.name, scope.ctx))) ? compileIndex(inner, scope, 'unknown') : null;
  const name = named ? symbolKey(node.fn) : innerIndex ? `${symbolKey(node.fn)}_${shapeKey({ ...sub!, sub: null } as Node)}` : `${symbolKey(node.fn)}_${shapeKey(sub!)}`;
  const shown = `${latexName(node.fn)}${"'".repeat(node.fn.primes)}`;
  scope.flags.abstractFns.add(shown);
  // q_n(k) where the note says Σ_k q_n(k) = 1: a random distribution over the components (for each n: the
  // function's subscripts are arguments too), not any positive function. Index letters as their values (from 0).
  const dist = scope.ctx.distributions?.get(name);
  if (dist && node.args.length > dist.at) {
    const subs = indexList(node.fn.sub).map((s) => compileIndex(s, scope, 'unknown'));
    const all = [...subs, ...node.args.map((a, q) => (q === dist.at ? compileIndex(a, scope, dist.role) : compileArgument(a, scope)))];
    const at = subs.length + dist.at;
    return (env) => env.abstractDistribution(name, all.map((a) => a(env)), at, dist.role === 'comp' ? env.t.K : env.t.N);
  }
  const args = node.args.map((a) => compileArgument(a, scope));
  // P(Σ_k), p(μ_k): a density of parameters alone, i.e. a prior.
  if (!node.given && node.args.length > 0 && node.args.every((a) => a.kind === 'sym' && PARAMETER_KINDS.has(classifySymbol(a, scope.ctx).kind))) {
    scope.flags.priors.add(shown);
  }
  if (innerIndex) return (env) => env.abstractFunction(name, [innerIndex(env), ...args.map((a) => a(env))]);
  return (env) => env.abstractFunction(name, args.map((a) => a(env)));
}

/** An argument of a function: the data set's letter (W of W_i, 𝒳) stands for all the points. */
function compileArgument(a: Node, scope: Scope): Closure {
  if (a.kind === 'sym' && !a.sub && !a.decor && !a.primes && !(scope.values?.names.has(symbolKey(a)))) {
    const m = classifySymbol(a, scope.ctx).kind;
    if (isDataset(a, scope.ctx) || (m === 'opaque' && indexedIsData(a, scope.ctx))) {
      scope.flags.usesModel = true;
      scope.flags.usesData = true;
      return (env) => env.dataSet();
    }
  }
  return compile(a, scope);
}

/**
 * φ(y_j | θ_k), f_k(x_i), φ_k(x): a density the note names, read as the
 * component density (reading.ts found it inside a mixture sum). Written with
 * explicit Gaussian slots (φ(x; μ_k, σ_k²)) it is that Gaussian.
 */
/**
 * γ_j(W_i), γ_k(x): the responsibility of a component for a point, written as a function of the
 * point (γ_{ik} is the letter table's responsibility; γ_j(·) is the same quantity).
 */
/** γ_ik from its point's and its component's index (γ(z_nk), Rabiner's γ_t(m)), each checked against its range. */
function compileResponsibility(point: Node, component: Node, scope: Scope): Closure {
  scope.flags.usesModel = true;
  scope.flags.usesResp = true;
  const i = compileIndex(point, scope, 'data');
  const k = compileIndex(component, scope, 'comp');
  return (env) => { const ii = i(env), kk = k(env); checkRange(env, ii, env.t.N, 'data'); checkRange(env, kk, env.t.K, 'component'); return env.resp(ii, kk); };
}

/**
 * γ_t(m), γ_t(l) (Rabiner's and HTK's notation): a responsibility whose subscript is a letter the note's sums run over
 * points and whose bracket holds one its sums run over components (not PRML's γ_j(x), the component below): the two
 * indices, or null.
 */
function swappedResponsibility(node: ApplyNode, ctx: NoteContext): { point: SymNode; component: Node } | null {
  if (!isResponsibilityApply(node, ctx) || !ctx.reading) return null;
  const sub = indexList(node.fn.sub)[0], arg = node.args[0];
  if (sub?.kind !== 'sym' || sub.sub) return null;
  const { points, components } = ctx.reading;
  if (!points.has(sub.name) || components.has(sub.name)) return null;
  // (γ_t(1), HTK's occupation probability of mixture 1 at frame t, after γ_t(m) = …: the number is the component.)
  if (arg?.kind === 'num') return Number.isInteger(arg.value) && arg.value >= 1 ? { point: sub, component: arg } : null;
  if (arg?.kind !== 'sym' || arg.sub || arg.decor || arg.font) return null;
  return components.has(arg.name) && !points.has(arg.name) ? { point: sub, component: arg } : null;
}

export function isResponsibilityApply(node: ApplyNode, ctx: NoteContext): boolean {
  const fn = node.fn;
  if (indexList(fn.sub).length !== 1 || node.args.length !== 1 || node.given || fn.decor || fn.primes) return false;
  const m = classifySymbol(fn, ctx).kind;
  return m === 'resp' || (fn.name === 'gamma' && !fn.font && (m === 'unknown' || m === 'abstract'));
}

/** The index letter a superscript `(i)` names (x^{(i)}, w_j^{(i)}), as a symbol; null when there is none. */
function superscriptIndex(n: SymNode): SymNode | null {
  const m = /^\(([a-z])\)$/.exec(n.decor ?? '');
  return m ? { kind: 'sym', name: m[1]!, font: null, sub: null, decor: null, primes: 0, span: n.span } : null;
}

/**
 * `\gamma_j(W) = \frac{\pi_j N(W \mid …)}{…}` in a note whose W is the whole data set: a function
 * written of a formal argument is stated pointwise, so in that statement W is one point (the
 * generic point of the instance). The reading keys of such arguments of the chain's first side,
 * given to compile through Scope.values and bound by atGenericPoint.
 */
export function datasetArguments(first: Node, ctx: NoteContext): Set<string> {
  const out = new Set<string>();
  if (first.kind !== 'apply' || first.given || !first.args.length) return out;
  for (const a of first.args) {
    if (a.kind !== 'sym' || a.sub || a.decor || a.primes || a.accent) return new Set();
    const r = symbolReading(ctx.reading, a, 0);
    if (typeof r === 'object' && r.quantity === 'dataset') out.add(symbolKey(a));
  }
  return out;
}

/** The closure with the letters `names` (Scope.values) bound to the instance's generic point. */
export function atGenericPoint(inner: Closure, names: ReadonlySet<string>): Closure {
  const keys = [...names];
  return (env) => {
    const saved = keys.map((n) => env.vals[n]);
    for (const n of keys) env.vals[n] = env.gx();
    try {
      return inner(env);
    } finally {
      keys.forEach((n, j) => { if (saved[j] === undefined) delete env.vals[n]; else env.vals[n] = saved[j]!; });
    }
  };
}

/** Would this unindexed letter be the note's data with an index (`y` of `y_j`, `X` of `x_n` lowercased)? */
export function indexedIsData(n: SymNode, ctx: NoteContext): boolean {
  const index: SymNode = { kind: 'sym', name: 'n', font: null, sub: null, decor: null, primes: 0, span: n.span };
  return classifySymbol({ ...n, sub: index }, ctx).kind === 'data';
}

/** Y_i, the random variable of the data y_i (P(Z_i = k | Y_i), f_k(Y_i)), is the data point too. */
function randomVariableAsData(n: Node, ctx: NoteContext): Node {
  return n.kind === 'sym' && /^[A-Z]$/.test(n.name) && !n.font && classifySymbol(n, ctx).kind !== 'data' &&
    classifySymbol({ ...n, name: n.name.toLowerCase() }, ctx).kind === 'data' ? { ...n, name: n.name.toLowerCase() } : n;
}

function compileComponentDensity(node: ApplyNode, scope: Scope): Closure {
  if (node.given && node.args.length === 1 && node.given.length === 2) return compileDensity(node, scope);
  // (φ_{θ_k}(x): the component's parameters θ_k in the subscript, as ESL §8.5 writes it; its index is the component.)
  const sub = node.fn.sub;
  const theta = sub?.kind === 'sym' && (sub.name === 'theta' || sub.name === 'vartheta') && !sub.font && !sub.decor && sub.sub ? sub : null;
  const fnIdx = theta ? indexList(theta.sub) : indexList(sub);
  let kNode: Node | undefined;
  const paramsOnly = !node.given || node.given.every((g) => g.kind === 'sym' && g.name === 'theta' && !g.sub);
  if (fnIdx.length === 1 && paramsOnly) kNode = fnIdx[0];
  else if (!node.fn.sub && node.given?.length === 1 && node.given[0].kind === 'sym' && node.given[0].name === 'theta') kNode = indexList(node.given[0].sub)[0];
  if (!kNode || node.args.length !== 1) throw unsupported(`${node.fn.name}(…) is a component density, but its component is not clear here`, node.span);
  scope.flags.usesModel = true;
  scope.flags.usesDensity = true;
  const k = componentIndex(kNode, scope);
  const x = compile(randomVariableAsData(node.args[0], scope.ctx), scope);
  // φ_{θ̂_j}(y): at the estimates θ̂_j, which a derivative in the parameters holds fixed (Env.atCurrent).
  if (theta?.accent) return (env) => { const xx = x(env), kk = k(env); return env.atCurrent(() => env.componentDensity(xx, kk)); };
  return (env) => env.componentDensity(x(env), k(env));
}

/** θ^{(t)}, Ψ^{(k)}, θ^{old}: the current iterate of all the parameters, written as an argument. */
function isIterateName(v: Record<string, unknown>, ctx: NoteContext): boolean {
  return v.kind === 'sym' && typeof v.name === 'string' && ['theta', 'Theta', 'vartheta', 'Psi'].includes(v.name) && !v.sub &&
    typeof v.decor === 'string' && decorRole(v.decor, ctx) === 'current';
}

/** The arguments of a definition (its argumentsKey) and of an application agree once θ^{(t)} is read as θ. */
function sameUpToIterate(defArgs: string, node: ApplyNode, ctx: NoteContext): boolean {
  let iterate = false;
  const plain = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(plain);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (isIterateName(o, ctx)) { iterate = true; return { ...o, decor: null }; }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, plain(x)]));
  };
  const defined = JSON.stringify(plain(JSON.parse(defArgs)));
  const written = argumentsKey(node);
  return iterate && defined === written;
}


function isValueSymbol(fn: SymNode, ctx: NoteContext): boolean {
  if (ctx.defs.has(symbolKey(fn)) && !ctx.defs.has(symbolKey(fn) + '()')) return true;
  const k = classifySymbol(fn, ctx).kind;
  return VALUE_KINDS.has(k) || (k === 'resp' && indexedResponsibility(fn, ctx));
}

/** γ_nk, w_j^{(i)} (CS229, the point's index above): a responsibility with both its indices, a value (not a function). */
function indexedResponsibility(fn: SymNode, ctx: NoteContext): boolean {
  const subs = indexList(fn.sub).length;
  const above = superscriptIndex(fn);
  // (The letter above one the note's sums run over points: `w_j^{(t)}(x^{(i)})` is the weight at iteration t, a function.)
  return subs === 2 || (subs === 1 && above !== null && !!ctx.reading?.points.has(above.name));
}

/** Meanings of a symbol that is a value, so that parentheses after it multiply (π_k (2π), β_k (x − μ_k)). */
const VALUE_KINDS = new Set<Meaning['kind']>(['weight', 'mean', 'std', 'var', 'cov', 'precision', 'logit', 'lambda', 'const', 'count', 'effcount', 'data']);

/** Recognise 𝒩(x_i | μ_k, Σ_k) / 𝒩(x | μ_k, σ_k^2): point, and a mean and covariance of the same component. */
function canonicalDensity(parts: Node[], scope: Scope): { i: { x: Closure; point: ((env: Env) => number) | null }; k: (env: Env) => number } | null {
  const [x, m, S] = parts;
  const ctx = scope.ctx;
  if (x.kind !== 'sym' || classifySymbol(x, ctx).kind !== 'data' || ctx.defs.has(symbolKey(x))) return null;
  if (m.kind !== 'sym' || classifySymbol(m, ctx).kind !== 'mean' || !m.sub || m.decor || ctx.defs.has(symbolKey(m))) return null;
  let cov: SymNode | null = null;
  if (S.kind === 'sym' && classifySymbol(S, ctx).kind === 'cov') cov = S;
  else if (S.kind === 'sym' && classifySymbol(S, ctx).kind === 'var') cov = S;
  else if (S.kind === 'pow' && S.base.kind === 'sym' && classifySymbol(S.base, ctx).kind === 'std' && S.exp.kind === 'num' && S.exp.value === 2) cov = S.base;
  if (!cov || !cov.sub || cov.decor || ctx.defs.has(symbolKey(cov))) return null;
  const ks = indexList(m.sub), ks2 = indexList(cov.sub);
  if (ks.length !== 1 || ks2.length !== 1) return null;
  const a = ks[0], b = ks2[0];
  const same = (a.kind === 'sym' && b.kind === 'sym' && a.name === b.name) || (a.kind === 'num' && b.kind === 'num' && a.value === b.value);
  if (!same) return null;
  const k = compileIndex(a, scope, 'comp');
  const xs = indexList(x.sub);
  const point = xs.length === 1 ? compileIndex(xs[0], scope, 'data') : null;
  if (xs.length > 1) return null;
  return { i: { x: compile(x, scope), point }, k };
}


/** The size a count stands for in an instance (K components, D dimensions, N points). */
function countIn(env: Env, which: 'N' | 'K' | 'D'): number {
  return which === 'K' ? env.t.K : which === 'D' ? env.t.D : env.t.N;
}

/**
 * `\mathbf{1}_K`: the column of ones as long as the count in its subscript (a letter the note
 * counts components, points or dimensions with). `\mathbf{1}_K^\top` is its transpose (the
 * parser makes the transpose). Null for any other subscript on 1 (an indicator
 * `\mathbf{1}_{z_i = k}` is read before).
 */
function compileOnes(node: Extract<Node, { kind: 'indexed' }>, scope: Scope): Closure | null {
  if (node.base.kind !== 'num' || node.base.value !== 1 || node.sup || node.sub?.kind !== 'sym') return null;
  const m = classifySymbol(node.sub, scope.ctx);
  if (m.kind !== 'count') return null;
  const which = m.which;
  scope.flags.usesModel = true;
  return (env) => columnVector(new Array<number>(countIn(env, which)).fill(1));
}

/**
 * `(R^\top \mathbf{1}_N)_k`, `(A)_{ij}`: an entry of the vector or matrix in the brackets, by
 * its index or row and column (from 1). Null for limits (`(π_k)_{k=1}^K`, a sequence) or
 * anything else written on a bracket.
 */
function compileEntry(node: Extract<Node, { kind: 'indexed' }>, scope: Scope): Closure | null {
  if (node.sup || !node.sub || node.base.kind !== 'group' || node.base.delim !== '(') return null;
  const subs = indexList(node.sub);
  if (subs.length < 1 || subs.length > 2 || subs.some((x) => x.kind !== 'sym' && x.kind !== 'num')) return null;
  const base = compile(node.base.body, scope);
  const idx = subs.map((x) => compileIndex(x, scope, 'unknown'));
  // `(\Sigma_k^{-1})_{12}`: two digits on a matrix are its row and column, as written in every book.
  const only = subs.length === 1 ? subs[0]! : null;
  const digits = only?.kind === 'num' && /^[1-9][1-9]$/.test(only.text) ? [Number(only.text[0]) - 1, Number(only.text[1]) - 1] : null;
  return (env) => {
    const v = base(env);
    if (!isMatrix(v)) throw new ShapeError(`an entry of ${describeShape(v)} (a number has no entries)`);
    const at = digits && v.rows > 1 && v.cols > 1 ? digits : idx.map((f) => f(env));
    if (at.length === 1) {
      if (v.rows !== 1 && v.cols !== 1) throw new ShapeError(`one index on ${describeShape(v)} (a matrix needs a row and a column)`);
      checkRange(env, at[0]!, v.data.length, 'entry');
      return v.data[at[0]!]!;
    }
    checkRange(env, at[0]!, v.rows, 'row');
    checkRange(env, at[1]!, v.cols, 'column');
    return v.data[at[0]! * v.cols + at[1]!]!;
  };
}

/**
 * `\mathbf{1}_{Z_i = k}`, `\mathbb{1}_{\{z_i = k\}}`, `I(z_i = k)`, `\mathbb{I}(z_n = k)`: the
 * indicator of an assignment, with its point and component (null when it is not one).
 */
function indicatorEvent(n: Node, ctx: NoteContext): { point: Node; comp: Node } | null {
  let ev: Node | null = null;
  if (n.kind === 'indexed' && !n.sup && n.base.kind === 'num' && n.base.value === 1 && n.sub) {
    ev = n.sub.kind === 'set' && n.sub.items.length === 1 ? n.sub.items[0] : n.sub;
  } else if (n.kind === 'apply' && !n.given && n.args.length === 1 && !n.fn.sub &&
      ((n.fn.name === 'I' && (n.fn.font === null || n.fn.font === 'bb' || n.fn.font === 'bold' || n.fn.font === 'rm')) ||
       (n.fn.name === '1' && n.fn.font !== null))) {
    ev = n.args[0];
  }
  if (!ev) return null;
  const l = latentEvent(ev, ctx);
  return l && l.point ? { point: l.point, comp: l.comp } : null;
}

/** A letter or a symbol that writes an indicator: 𝟙, 𝟏, 1 in bold, 𝕀, I in bold or roman (with its event as subscript when `sub`). */
function indicatorLetter(n: Node, sub = false): boolean {
  return n.kind === 'sym' && !n.sub === !sub && !n.decor && !n.primes && ((n.name === '1' && n.font !== null) || (n.name === 'I' && (n.font === 'bb' || n.font === 'bold' || n.font === 'rm')));
}

/** `\mathbb{1}\{z_i = k\}`, `\mathbb{1}[z_i = k]`: an assignment's indicator written with braces or brackets (indicatorEvent), or null. */
function bracedIndicator(n: Node, ctx: NoteContext): { point: Node; comp: Node } | null {
  const body = n.kind === 'mul' && indicatorLetter(n.a) ? indicatorInside(n.b) : null;
  return body && n.kind === 'mul' ? indicatorEvent({ kind: 'apply', fn: n.a as SymNode, args: [body], given: null, spaced: false, span: n.span }, ctx) : null;
}

/** What braces or brackets after an indicator's letter hold (`\{j = l\}`, `[z_i = k]`), or null. */
function indicatorInside(m: Node): Node | null {
  return m.kind === 'set' && m.items.length === 1 && !m.cond ? m.items[0]! : m.kind === 'group' ? m.body : null;
}

/**
 * The event of an indicator of two indices, `\mathbb{1}\{j = l\}`, `\mathbb{1}[j \neq l]`, `\mathbb{I}(k = j)`, `\mathbf{1}_{j=l}`,
 * Iverson's bracket `[k = j]`: the two indices (index letters the note reads as such, or numbers) and whether it says they differ.
 */
function indexIndicatorEvent(n: Node, ctx: NoteContext): { a: Node; b: Node; differ: boolean } | null {
  let ev: Node | null = null;
  if (n.kind === 'mul' && indicatorLetter(n.a)) ev = indicatorInside(n.b);
  else if (n.kind === 'apply' && !n.given && n.args.length === 1 && indicatorLetter(n.fn)) ev = n.args[0]!;
  else if (n.kind === 'indexed' && !n.sup && n.base.kind === 'num' && n.base.value === 1 && n.sub) ev = indicatorInside(n.sub) ?? n.sub;
  else if (n.kind === 'group' && n.delim === '[') ev = n.body;
  else if (n.kind === 'sym' && indicatorLetter(n, true)) ev = indicatorInside(n.sub!) ?? n.sub;
  if (!ev || ev.kind !== 'event' || ev.items.length !== 2 || ev.rels.length !== 1 || (ev.rels[0] !== '=' && ev.rels[0] !== '≠')) return null;
  const index = (m: Node): boolean => (m.kind === 'num' && Number.isInteger(m.value) && m.value >= 1) || (m.kind === 'sym' && !m.sub && !m.font && !m.decor && !m.primes && readsAsIndex(m.name, ctx));
  const [a, b] = ev.items as [Node, Node];
  if (!index(a) || !index(b) || (a.kind === 'num' && b.kind === 'num')) return null;
  return { a, b, differ: ev.rels[0] !== '=' };
}

function compileIndexIndicator(ev: { a: Node; b: Node; differ: boolean }, scope: Scope): Closure {
  const role = sameIndexRole([ev.a, ev.b], scope.ctx);
  const a = compileIndex(ev.a, scope, role), b = compileIndex(ev.b, scope, role);
  const same = ev.differ ? 0 : 1, other = ev.differ ? 1 : 0;
  return (env) => (a(env) === b(env) ? same : other);
}

/**
 * What two indices compared (δ_nm, 𝟙{n ≠ m}) run over: the points if the note reads either letter as a point index (or it is
 * n, i or t, read nowhere else), the components likewise (k, j, l, c); a point index compared with a component index, or
 * letters nothing tells, are not evaluated. (Σ_n 𝟙{n ≠ m} ran over 1..K when only the components were known.)
 */
function sameIndexRole(items: Node[], ctx: NoteContext): Role {
  const roles = new Set<Role>();
  for (const x of items) {
    const role = x.kind === 'sym' ? indexRoleOf(x.name, ctx) : null;
    if (role) roles.add(role);
  }
  if (roles.size === 1) return [...roles][0]!;
  throw unsupported(roles.size > 1 ? 'it compares a point index with a component index' : 'what its indices run over (points or components) is not clear', items[0]!.span);
}

function compileIndicator(ind: { point: Node; comp: Node }, scope: Scope): Closure {
  scope.flags.usesModel = true;
  scope.flags.usesAssignments = true;
  const i = compileIndex(ind.point, scope, 'data');
  const k = compileIndex(ind.comp, scope, 'comp');
  return (env) => {
    const ii = i(env), kk = k(env);
    checkRange(env, ii, env.t.N, 'data');
    checkRange(env, kk, env.t.K, 'component');
    return env.indicator(ii, kk);
  };
}

/** How a node depends on the indicators when it is one of latent.ts's leaves. */
function latentLeaf(n: Node, scope: Scope): LatentDegree | null {
  if (n.kind === 'sym' && (isLatent(n) || noteIndicator(n, scope.ctx)) && !scope.ctx.defs.has(symbolKey(n))) return 1;
  if (((n.kind === 'indexed' || n.kind === 'apply') && indicatorEvent(n, scope.ctx)) || bracedIndicator(n, scope.ctx)) return 1;
  if (n.kind === 'func' && (n.name === 'ln' || n.name === 'log')) {
    let a = n.arg;
    while (a.kind === 'group') a = a.body;
    if (a.kind === 'apply' && completeDataShape(a, scope)) return 1;
  }
  if (n.kind === 'apply' && completeDataShape(n, scope)) return Infinity;
  return null;
}

/** p(X, Z | θ) (all points) or p(x_i, z_i ; θ) (one point), with only parameter names after the bar. */
function completeDataShape(node: ApplyNode, scope: Scope): { point: Node | null } | null {
  if (!isProbabilityName(node.fn) || node.fn.name === 'Q' || node.args.length < 2) return null;
  if (!(node.given ?? []).every((g) => isParameterName(g, scope.ctx))) return null;
  const [a, b] = node.args;
  // P(y, γ | θ), P(y_j, γ_{j1}, …, γ_{jK} | θ) with the note's own indicator letter.
  const ind = indicatorsOf(node.args.slice(1), scope.ctx);
  // With all the indicators, the unindexed data letter (y of y_j) is all the data too.
  if (ind && ind.point === null && (isDataset(a, scope.ctx) || (a.kind === 'sym' && !a.sub && !a.decor && !a.accent && indexedIsData(a, scope.ctx)))) return { point: null };
  if (ind && ind.point && a.kind === 'sym' && classifySymbol(a, scope.ctx).kind === 'data') {
    const xi = indexList(a.sub);
    return xi.length === 1 && xi[0].kind === 'sym' && ind.point.kind === 'sym' && xi[0].name === ind.point.name ? { point: xi[0] } : null;
  }
  if (node.args.length !== 2) return null;
  if ((isDataset(a, scope.ctx) || dataLetterOfAll(a, scope.ctx)) && isAllAssignments(b)) return { point: null };
  if (a.kind !== 'sym' || b.kind !== 'sym' || !(b.name === 'z' || b.name === 'Z') || b.decor) return null;
  const xi = indexList(a.sub), zi = indexList(b.sub);
  if (xi.length !== 1 || zi.length !== 1 || xi[0].kind !== 'sym' || zi[0].kind !== 'sym' || xi[0].name !== zi[0].name) return null;
  return classifySymbol(a, scope.ctx).kind === 'data' ? { point: xi[0] } : null;
}

/**
 * ln p(X, Z | θ) = Σ_i Σ_k [z_i = k] (ln π_k + ln 𝒩(x_i | μ_k, Σ_k)), or the same for one point:
 * affine in the indicators, so a posterior expectation of it is exact (latent.ts).
 */
function completeDataLog(node: ApplyNode, scope: Scope): Closure | null {
  const shape = completeDataShape(node, scope);
  if (!shape) return null;
  scope.flags.usesModel = true;
  scope.flags.usesData = true;
  scope.flags.usesAssignments = true;
  const point = shape.point ? compileIndex(shape.point, scope, 'data') : null;
  const term = (env: Env, i: number): Scalar => {
    let s: Scalar = 0;
    for (let k = 0; k < env.t.K; k++) {
      const w = env.indicator(i, k);
      if (w !== 0) s = add(s, mul(w, add(log(env.pi(k)), log(env.comp(i, k)))));
    }
    return s;
  };
  if (point) return (env) => { const ii = point(env); checkRange(env, ii, env.t.N, 'data'); return term(env, ii); };
  return (env) => {
    env.budget.spend(env.t.N * env.t.K);
    let s: Scalar = 0;
    for (let i = 0; i < env.t.N; i++) s = add(s, term(env, i));
    return s;
  };
}

/**
 * E_{Z|X,θ^{(t)}}[…], E[… | Y_i ; θ], \text{E}_{z_i | x_i}[…]: an expectation under the posterior
 * of the assignments given the data, at the current parameters. Evaluated exactly when the
 * expression is affine in the indicators (latent.ts); without data in the condition it is
 * not the posterior, and it stays unchecked.
 */
function compileExpectation(node: Extract<Node, { kind: 'expect' }>, scope: Scope): Closure {
  const ctx = scope.ctx;
  let body = node.body;
  while (body.kind === 'group') body = body.body;
  const conditions: Node[] = [];
  if (body.kind === 'given') { conditions.push(...body.given); body = body.body; }
  const sub = node.op.sub;
  if (sub?.kind === 'given') conditions.push(...sub.given);
  const isDataCondition = (c: Node): boolean => {
    const d = randomVariableAsData(c, ctx);
    if (d.kind === 'sym' && (classifySymbol(d, ctx).kind === 'data' || isDataset(d, ctx))) return true;
    // Y_i = y_i: conditioning on the observed value.
    return c.kind === 'event' && c.items.length === 2 && c.rels[0] === '=' && c.items.every((x) => {
      const y = randomVariableAsData(x, ctx);
      return y.kind === 'sym' && classifySymbol(y, ctx).kind === 'data';
    });
  };
  const leaf = (n: Node) => latentLeaf(n, scope);
  if (!conditions.some(isDataCondition) || !mentionsLatent(body, leaf)) {
    throw unsupportedNode(node);
  }
  if (latentDegree(body, leaf) === Infinity) {
    throw unsupported('the expectation of an expression that is not affine in the assignments (a product or a power of indicators, the log of one) is not evaluated', node.span);
  }
  // Y_i inside the expectation is the observed y_i.
  const hadAssignments = scope.flags.usesAssignments;
  const inner = compile(mapTree(body, (n) => (n.kind === 'sym' && n.sub ? randomVariableAsData(n, ctx) : n)), scope);
  // Inside the expectation the indicators are the E-step's numbers, not an assignment.
  scope.flags.usesAssignments = hadAssignments;
  scope.flags.usesResp = true;
  return withEnvSetting('latentExpected', true, inner);
}

/**
 * `\sum_Z \log P(X, Z \mid θ) P(Z \mid X, θ^{(t)})`: a sum over every assignment Z of the points,
 * weighted by its posterior given the data, is the posterior expectation E_{Z|X,θ^{(t)}}[…] of
 * the other factors (the Q-function as EM texts define it), read as compileExpectation reads one.
 * Null for any other sum. `log` spelled without a backslash (l·o·g) is the logarithm here too.
 */
function assignmentSum(node: Extract<Node, { kind: 'sum' | 'prod' }>, scope: Scope): ExpectNode | null {
  if (node.kind !== 'sum' || !node.index || !isAllAssignments(node.index) || node.lower || node.upper || node.range) return null;
  const z = node.index;
  const fs = operands(node.body, 'mul');
  const isPosterior = (f: Node): f is ApplyNode => f.kind === 'apply' && isProbabilityName(f.fn) && f.fn.name !== 'Q' &&
    f.args.length === 1 && f.args[0]!.kind === 'sym' && symbolKey(f.args[0] as SymNode) === symbolKey(z) && !!f.given &&
    f.given.some((g) => isDataset(g, scope.ctx) || dataLetterOfAll(g, scope.ctx)) &&
    f.given.every((g) => isDataset(g, scope.ctx) || dataLetterOfAll(g, scope.ctx) || isParameterName(g, scope.ctx));
  let posteriors = fs.filter(isPosterior);
  // `\log P(X, Z | θ) P(Z | X, θ^{(t)})`: the parser lets \log take the whole run of factors, but
  // the posterior is the weight of the sum, outside the logarithm.
  const last = fs[fs.length - 1];
  if (!posteriors.length && last?.kind === 'func' && (last.name === 'log' || last.name === 'ln') && !last.base) {
    const inner = operands(last.arg, 'mul');
    const weight = inner.filter(isPosterior);
    if (weight.length === 1 && inner.length > 1 && inner[inner.length - 1] === weight[0]) {
      const logged = inner.slice(0, -1).reduce((a, b) => ({ kind: 'mul', a, b, implicit: true, span: { start: a.span.start, end: b.span.end } }));
      fs.splice(fs.length - 1, 1, { ...last, arg: logged, span: { start: last.span.start, end: logged.span.end } }, weight[0]!);
      posteriors = weight;
    }
  }
  if (posteriors.length !== 1) return null;
  let rest = fs.filter((f) => f !== posteriors[0]);
  const word = ['log', 'ln'].find((w) => rest.length === w.length + 1 && [...w].every((ch, j) => {
    const f = rest[j]!;
    return f.kind === 'sym' && f.name === ch && !f.sub && !f.font && !f.decor && !f.primes && !scope.ctx.defs.has(ch) && !scope.bound.has(ch);
  }));
  if (word) {
    const arg = rest[rest.length - 1]!;
    rest = [{ kind: 'func', name: word, arg, span: { start: rest[0]!.span.start, end: arg.span.end } }];
  }
  if (!rest.length) return null;
  const body = rest.reduce((a, b) => ({ kind: 'mul', a, b, implicit: true, span: { start: a.span.start, end: b.span.end } }));
  const op: SymNode = { kind: 'sym', name: 'E', font: 'bb', sub: null, decor: null, primes: 0, span: node.span };
  return { kind: 'expect', op, body: { kind: 'given', body, given: posteriors[0]!.given!, span: body.span }, span: node.span };
}

/**
 * X beside the assignments of all the points (P(X, Z | θ), P(Z | X, θ)) in a note that reads both
 * X and X_i as a data point: unindexed, all the points.
 */
function dataLetterOfAll(n: Node, ctx: NoteContext): boolean {
  return n.kind === 'sym' && /^[A-Z]$/.test(n.name) && !n.sub && !n.decor && !n.primes && !n.accent &&
    classifySymbol(n, ctx).kind === 'data' && indexedIsData(n, ctx);
}


function isLatent(n: Node): boolean {
  return n.kind === 'sym' && (n.name === 'z' || n.name === 'Z') && indexList(n.sub).length === 2;
}

/** γ_jk of a note that uses γ for its indicators: the point and component index (by the reading), or null. */
function noteIndicator(n: Node, ctx: NoteContext): { point: Node; comp: Node } | null {
  if (n.kind !== 'sym' || n.decor || n.primes || n.accent || !ctx.indicatorLetters?.size || !ctx.indicatorLetters.has(symbolKey({ ...n, sub: null }))) return null;
  const subs = indexList(n.sub);
  if (subs.length !== 2 || subs.some((x) => x.kind !== 'sym' && x.kind !== 'num')) return null;
  return indicatorIndices(subs[0]!, subs[1]!, ctx);
}

/**
 * Which of an indicator's two indices runs over points, by the note's reading: γ_{jk}, γ_{kj},
 * γ_{j1}, γ_{jK} (the component a number, a component index or the number of components).
 */
function indicatorIndices(a: Node, b: Node, ctx: NoteContext): { point: Node; comp: Node } | null {
  const pts = ctx.reading?.points;
  const name = (x: Node) => (x.kind === 'sym' ? x.name : '');
  const comp = (x: Node) => x.kind === 'num' || !!ctx.reading?.components.has(name(x)) || name(x) === 'K' || !!ctx.reading?.componentCounts.has(name(x));
  if (pts?.has(name(a)) && comp(b)) return { point: a, comp: b };
  if (comp(a) && pts?.has(name(b))) return { point: b, comp: a };
  return null;
}

/** γ, or γ_{j1}, …, γ_{jK} of point j, in a note that writes its indicators as γ: all of them, or the point's. */
function indicatorsOf(list: Node[], ctx: NoteContext): { point: Node | null } | null {
  if (list.length === 1) {
    const g = list[0]!;
    return g.kind === 'sym' && !g.sub && !g.decor && !g.accent && ctx.indicatorLetters?.has(symbolKey(g)) ? { point: null } : null;
  }
  let point: Node | null = null;
  for (const g of list) {
    if (g.kind === 'ellipsis') continue;
    const ind = noteIndicator(g, ctx);
    if (!ind || ind.point.kind !== 'sym' || (point && point.kind === 'sym' && point.name !== ind.point.name)) return null;
    point = ind.point;
  }
  return point ? { point } : null;
}

/** θ, π, μ, σ², Σ written as arguments: names of parameters, not values. */
function isParameterName(n: Node, ctx?: NoteContext): boolean {
  if (n.kind === 'sym') {
    if (n.sub) return false;
    if (['theta', 'Theta', 'vartheta', 'Psi', 'omega', 'pi', 'alpha', 'mu', 'sigma', 'Sigma', 'phi'].includes(n.name)) return true;
    // The letters the note's reading gives its weights, means and spreads (w, m, ν, τ …), written bare.
    const read = ctx ? symbolReading(ctx.reading, n, 1) : undefined;
    return !!read && read !== 'ambiguous' && PARAMETER_KINDS.has(read.quantity);
  }
  if (n.kind === 'pow') return isParameterName(n.base, ctx);
  return false;
}

/**
 * Why a spread shared by all components (a tied model) is not judged; `read`: the note's reading of the
 * letter, which says where the note writes it so (in its Gaussians, or in a tie `Σ_k = Σ` or its words).
 */
function tiedMessage(spread: SymNode, read: SymbolReading | null): string {
  const what = read?.quantity === 'precision' || spread.name === 'Lambda' ? 'precision'
    : read?.quantity === 'cov' || (!read && spread.name === 'Sigma') ? 'covariance' : 'variance';
  const where = !read?.shared ? 'here' : read.tie ? `(line ${read.shared} ties it across the components)` : `(as in the Gaussians of line ${read.shared})`;
  return `${latexName(spread)} without an index ${where} is one ${what} shared by all components (a tied model); the checker's instances have one per component, so this is not judged`;
}

function compileDensity(node: ApplyNode, scope: Scope): Closure {
  scope.flags.usesModel = true;
  scope.flags.usesDensity = true;
  let parts: Node[];
  if (node.given) {
    if (node.args.length !== 1 || node.given.length !== 2) throw unsupported('𝒩(x | μ, Σ) needs a point, a mean and a (co)variance', node.span);
    parts = gaussianSlots(node.args[0], node.given[0], node.given[1]);
  } else {
    if (node.args.length !== 3) throw unsupported('𝒩 needs a point, a mean and a (co)variance: 𝒩(x | μ, Σ)', node.span);
    parts = gaussianSlots(node.args[0], node.args[1], node.args[2]);
  }
  // 𝒩(x_i | μ_k, Σ) in a mixture: one covariance shared by the components (a tied model), which
  // the instances (one covariance per component) do not have: not judged against them.
  const [, mean, spread] = parts;
  const spreadBase = spread?.kind === 'pow' ? spread.base : spread;
  if (mean?.kind === 'sym' && mean.sub && classifySymbol(mean, scope.ctx).kind === 'mean' && spreadBase?.kind === 'sym' && !spreadBase.sub &&
      !spreadBase.decor && !scope.ctx.defs.has(symbolKey(spreadBase)) && SPREAD_KINDS.has(classifySymbol(spreadBase, scope.ctx).kind)) {
    if (!scope.ctx.tied) throw unsupported(tiedMessage(spreadBase, null), spread!.span);
    // In a tied model the shared spread is the mean's component's (the instances give every component the same):
    // 𝒩(x_i | μ_k, Σ) is 𝒩(x_i | μ_k, Σ_k), the reference's density.
    scope.flags.tiedSpread ??= spreadBase;
    const own: SymNode = { ...spreadBase, sub: mean.sub };
    parts = [parts[0]!, mean, spread!.kind === 'pow' ? { ...spread!, base: own } : own];
  }
  // 𝒩(x | μ_k, σ_k) in a note whose Gaussians hold the standard deviation (NoteContext.stdInSpreadSlot);
  // under SPREAD_AS_VARIANCE, the other reading of the same letters: σ_k is the variance there.
  if (spread?.kind === 'sym' && scope.ctx.stdInSpreadSlot && !scope.ctx.defs.has(symbolKey(spread)) && classifySymbol(spread, scope.ctx).kind === 'std') {
    if (!scope.ctx.reading?.stdStated) scope.flags.bareSpreadSlot = true;
    const [x, m, S] = parts.map((p) => compile(p, scope));
    return (env) => { const sd = S(env); return env.gauss(x(env), m(env), env.abstractVariant === SPREAD_AS_VARIANCE ? sd : vmul(sd, sd)); };
  }
  // 𝒩(x_i | μ_k, Σ_k) (or σ_k²) with the same k: the reference's cached density, or the
  // cached-covariance path inside derivatives.
  const canon = canonicalDensity(parts, scope);
  if (canon) {
    const { i, k } = canon;
    return (env) => {
      const kk = k(env);
      if (env.meanIsNew) return env.gauss(i.x(env), env.mu(kk), env.Sigma(kk));
      if (i.point === null) return env.componentDensity(i.x(env), kk);
      const ii = i.point(env);
      checkRange(env, ii, env.t.N, 'data');
      checkRange(env, kk, env.t.K, 'component');
      return env.differentiating ? env.componentDensity(env.x(ii), kk) : env.t.ref.comp[ii][kk];
    };
  }
  const [x, m, S] = parts.map((p) => compile(p, scope));

  return (env) => env.gauss(x(env), m(env), S(env));
}

/**
 * A latent assignment `z_i = k`, `Z_i = k`, `z^{(i)} = j`, `z_{nk} = 1`, `γ_{jk} = 1` (an
 * indicator inside a probability), `z_j ∈ C_k` (the point belongs to class k): its point
 * (null: a generic point) and component.
 */
function latentEvent(n: Node, ctx: NoteContext): { point: Node | null; comp: Node } | null {
  if (n.kind !== 'event' || n.items.length !== 2 || (n.rels[0] !== '=' && n.rels[0] !== '∈')) return null;
  const [z, v] = n.items;
  if (z.kind !== 'sym' || z.font === 'bold' || z.primes) return null;
  const subs = indexList(z.sub);
  const isZ = z.name === 'z' || z.name === 'Z';
  if (n.rels[0] === '∈') {
    // z_j ∈ γ_k, z_i ∈ C_k: membership of the class named by a component index.
    const cls = v.kind === 'sym' ? indexList(v.sub) : [];
    if (!isZ || subs.length > 1 || z.decor || cls.length !== 1 || cls[0].kind !== 'sym' || ctx.reading?.points.has(cls[0].name)) return null;
    return { point: subs[0] ?? null, comp: cls[0] };
  }
  if (subs.length === 2 && v.kind === 'num' && v.value === 1 && !z.decor) {
    if (isZ) return { point: subs[0], comp: subs[1] };
    // γ_{jk} = 1 (Li Hang's indicator): which index runs over points is the note's reading.
    const [a, b] = subs;
    if (a.kind !== 'sym' || b.kind !== 'sym' || classifySymbol(z, ctx).kind === 'data') return null;
    return indicatorIndices(a, b, ctx);
  }
  if (!isZ) return null;
  const decorIndex = superscriptIndex(z);
  const isComp = (c: Node) => (c.kind === 'sym' && !c.sub && (c.name.length === 1 || c.name === 'ell')) || (c.kind === 'num' && Number.isInteger(c.value));
  if (!isComp(v)) return null;
  // z_k = 1 (Bishop's one-hot z of one point): the point is in component k, when the note reads k as a component index.
  const one = subs.length === 1 && !z.decor && v.kind === 'num' && v.value === 1 && subs[0]!.kind === 'sym' && !subs[0]!.sub ? subs[0] as SymNode : null;
  if (one && ctx.reading?.components.has(one.name) && !ctx.reading.points.has(one.name)) return { point: null, comp: one };
  if (subs.length === 1 && !z.decor) return { point: subs[0], comp: v };
  if (subs.length === 0 && decorIndex) return { point: decorIndex, comp: v };
  if (subs.length === 0 && !z.decor) return { point: null, comp: v };
  return null;
}

/** The names under which notes write probabilities of a latent assignment: p, P, Pr, ℙ, and Q_i (the E-step's posterior over z^{(i)}). */
/** Letters that name all the parameters at once (θ, Ψ): θ^{old} the current iterate, θ^{new} the M-step's. */
const PARAMETER_SET_NAMES = new Set(['theta', 'Theta', 'vartheta', 'Psi', 'Phi']);

function isProbabilityName(fn: SymNode): boolean {
  if (fn.primes) return false;
  if ((fn.name === 'p' || fn.name === 'P' || fn.name === 'Pr') && !fn.sub && (fn.font === null || fn.font === 'rm' || fn.font === 'bb')) return true;
  return fn.name === 'Q' && !fn.font && indexList(fn.sub).length === 1;
}

/**
 * A probability about one point of the mixture: its data value x_i and its latent class z_i,
 * in any arrangement of joint and condition (θ and other parameter names in the condition are
 * the model's parameters; the iteration θ^{(t)} is the current one). Of the joint,
 * p() = 1, p(x_i) = Σ_k π_k 𝒩_k(x_i), p(z_i = k) = π_k and p(x_i, z_i = k) = π_k 𝒩_k(x_i);
 * a conditional is a ratio of joints: p(z_i = k | x_i) = γ_ik, p(x_i | z_i = k) = 𝒩_k(x_i).
 * The same for a generic point x. Anything else returns null (unchecked by the caller).
 */
function compileEventProbability(node: ApplyNode, scope: Scope): Closure | null {
  if (!isProbabilityName(node.fn)) return null;
  const ctx = scope.ctx;
  const asData = (n: Node) => randomVariableAsData(n, ctx);
  // The unindexed data letter (`P(γ_jk = 1 | y, θ)`: all the data) counts as data too.
  const isData = (n: Node): n is SymNode => n.kind === 'sym' && indexList(n.sub).length <= 1 && (classifySymbol(n, ctx).kind === 'data' ||
    (!n.sub && !n.decor && indexedIsData(n, ctx)));
  type Fact = { data: SymNode; point: Node | null } | { comp: Node; point: Node | null };
  const facts = (list: Node[]): Fact[] | null => {
    const out: Fact[] = [];
    for (const raw of list) {
      if (isParameterName(raw, ctx)) continue;
      const n = asData(raw);
      if (n.kind === 'event') {
        const ev = latentEvent(n, ctx);
        if (!ev) return null;
        out.push(ev);
        continue;
      }
      if (!isData(n)) return null;
      out.push({ data: n, point: indexList(n.sub)[0] ?? superscriptIndex(n) });
    }
    return out;
  };
  const joint = facts(node.args);
  const cond = facts(node.given ?? []);
  if (!joint || !cond) return null;
  const all = [...joint, ...cond];
  const dataFacts = all.filter((f): f is { data: SymNode; point: Node | null } => 'data' in f);
  const latentFacts = all.filter((f): f is { comp: Node; point: Node | null } => 'comp' in f);
  if (dataFacts.length > 1 || latentFacts.length > 1) return null;
  if (latentFacts.length === 0) {
    // ℙ(Y_i ; θ), P(x_i | θ): the mixture density at the point.
    const d = dataFacts[0];
    if (!d || !joint.includes(d) || node.fn.name === 'Q') return null;
    scope.flags.usesModel = true;
    scope.flags.usesData = true;
    if (d.point) {
      const i = compileIndex(d.point, scope, 'data');
      return (env) => { const ii = i(env); checkRange(env, ii, env.t.N, 'data'); return env.mixture(ii); };
    }
    const x = compile(d.data, scope);
    return (env) => env.mixtureAt(x(env));
  }
  const lat = latentFacts[0];
  const dat = dataFacts[0] as { data: SymNode; point: Node | null } | undefined;
  const eventGiven = cond.includes(lat);
  const name = (n: Node | null) => (n && n.kind === 'sym' ? n.name : n && n.kind === 'num' ? String(n.value) : null);
  // One point: x_i with z_i (or x with z). Conditioning on the unindexed data letter (all the
  // data) is conditioning on the point's own value, the points being independent.
  let pointNode: Node | null = lat.point;
  if (dat) {
    if (dat.point === null && lat.point !== null) {
      if (!cond.includes(dat)) return null;
    } else if (lat.point !== null && name(dat.point) !== name(lat.point)) {
      // (An unindexed z with the point x_n: `p(z = k \mid x_n)` is the latent of that point, as p(z_n = k | x_n).)
      return null;
    }
    pointNode = dat.point ?? lat.point;
  }
  if (node.fn.name === 'Q' && (eventGiven || dat)) return null;
  scope.flags.usesModel = true;
  const k = componentIndex(lat.comp, scope);
  if (!dat) {
    // p(z_i = k) (no data): the prior weight; Q_i(z^{(i)} = j): the posterior of point i.
    if (node.fn.name === 'Q' && lat.point) {
      const i = compileIndex(lat.point, scope, 'data');
      return (env) => { const ii = i(env), kk = k(env); checkRange(env, ii, env.t.N, 'data'); return env.t.ref.resp[ii][kk]; };
    }
    return (env) => env.pi(k(env));
  }
  scope.flags.usesData = true;
  const point = pointNode && (dat.point !== null || lat.point !== null) ? compileIndex(pointNode, scope, 'data') : null;
  const xv = point ? null : compile(dat.data, scope);
  const dens = (env: Env, kk: number): Scalar => {
    if (point) { const ii = point(env); checkRange(env, ii, env.t.N, 'data'); return env.comp(ii, kk); }
    return env.componentDensity(xv!(env), kk);
  };
  const dataGiven = cond.includes(dat);
  if (dataGiven && !eventGiven) {
    // p(z_i = k | x_i): the responsibility. At the current iterate (p(z_i = k | x_i, θ^{old}), θ^{(t)}) it is the
    // E-step's number, held fixed in derivatives in the parameters, as γ^{(t)} is; under the M-step's reading
    // (Env.freezeResp) it is that number too, as a responsibility written γ_ik is.
    scope.flags.usesResp = true;
    const atIterate = (node.given ?? []).some((g) => g.kind === 'sym' && PARAMETER_SET_NAMES.has(g.name) && !g.sub &&
      decorRole(g.decor, scope.ctx) === 'current');
    if (point) {
      return (env) => {
        const ii = point(env), kk = k(env);
        checkRange(env, ii, env.t.N, 'data');
        if (atIterate || env.freezeResp) { checkRange(env, kk, env.t.K, 'component'); return env.t.ref.resp[ii]![kk]!; }
        return div(mul(env.pi(kk), dens(env, kk)), env.mixture(ii));
      };
    }
    return (env) => { const kk = k(env); return div(mul(env.pi(kk), dens(env, kk)), env.mixtureAt(xv!(env))); };
  }
  if (eventGiven && !dataGiven) return (env) => dens(env, k(env));
  if (!eventGiven && !dataGiven) return (env) => { const kk = k(env); return mul(env.pi(kk), dens(env, kk)); };
  return null;
}

/**
 * P(A | B), P(A ∩ B), P(A, B), P(Ā): probabilities of events the note names by capital letters
 * and never specifies (Bayes' rule stated in general). Evaluated on a random finite probability
 * space (Env.eventProbability), different at each instance: a law of probability holds on all of
 * them, a wrong one fails on almost every one. Null when an argument is not such an event.
 */
function compileAbstractEventProbability(node: ApplyNode, scope: Scope): Closure | null {
  if (!isProbabilityName(node.fn) || node.fn.name === 'Q' || node.sep) return null;
  const ctx = scope.ctx;
  const atom = (n: Node): EventExpr | null => {
    if (n.kind === 'group' && n.delim === '(') return event(n.body);
    if (n.kind !== 'sym' || n.sub || n.decor || n.primes || !/^[A-Z]$/.test(n.name) || (n.font && n.font !== 'rm')) return null;
    const k = classifySymbol({ ...n, accent: undefined }, ctx).kind;
    if (k !== 'unknown' && k !== 'abstract') return null;
    // X beside the points x_n is the data set (p(X) its density), not an event.
    if (!n.accent && isDataset(n, ctx)) return null;
    if (n.accent === 'bar') return { op: 'not', a: { op: 'atom', name: n.name } };
    return n.accent ? null : { op: 'atom', name: n.name };
  };
  // A ∩ B ∩ C or A ∪ B (one operator, as precedence between them is not written).
  const event = (n: Node): EventExpr | null => {
    const parts: Node[] = [];
    const flat = (m: Node): void => { if (m.kind === 'mul' && m.implicit) { flat(m.a); flat(m.b); } else parts.push(m); };
    flat(n);
    if (parts.length === 1) return atom(parts[0]);
    const ops = parts.filter((_, q) => q % 2 === 1);
    const op = ops[0]?.kind === 'opaque' ? ops[0].what : null;
    if (parts.length % 2 === 0 || (op !== '∩' && op !== '∪') || !ops.every((o) => o.kind === 'opaque' && o.what === op)) return null;
    let out: EventExpr | null = null;
    for (let q = 0; q < parts.length; q += 2) {
      const e = atom(parts[q]);
      if (!e) return null;
      out = out ? { op: op === '∩' ? 'and' : 'or', a: out, b: e } : e;
    }
    return out;
  };
  const all = (list: Node[]): EventExpr | null => {
    let out: EventExpr | null = null;
    for (const n of list) {
      const e = event(n);
      if (!e) return null;
      out = out ? { op: 'and', a: out, b: e } : e;
    }
    return out;
  };
  const joint = all(node.args);
  const cond = node.given ? all(node.given) : null;
  if (!joint || (node.given && !cond)) return null;
  scope.flags.usesEvents = true;
  return (env) => env.eventProbability(joint, cond);
}

/** p(x_i), p(x | θ), p(𝒳 | θ), p(k), p(x | k), p(k | x). */
function compileProbability(node: ApplyNode, scope: Scope): Closure {
  const f = scope.flags;
  f.usesModel = true;
  const [a] = node.args;
  const given = node.given ?? [];
  if (node.args.length !== 1) {
    const complete = completeDataLog(node, scope);
    if (complete) {
      return (env) => {
        if (env.latentExpected) throw new EvalError('the expectation of p(X, Z | θ) itself (not of its log) is not evaluated');
        return exp(toScalar(complete(env)));
      };
    }
    throw unsupported('p(…) with several arguments', node.span);
  }
  const aIsData = a.kind === 'sym' && classifySymbol(a, scope.ctx).kind === 'data';
  const aIsIndex = a.kind === 'sym' && !a.sub && a.name.length === 1 && isIndexLetter(a.name) && a.name !== 'x';
  const givenIsParams = given.every((g) => isParameterName(g, scope.ctx));
  if (isDataset(a, scope.ctx) && givenIsParams) {
    // p(X | μ, Σ) with no weights: the likelihood of one Gaussian (a warm-up before the mixture).
    const single = singleGaussianParameters(given, scope);
    if (single) {
      const [m, S] = single;
      f.usesData = true;
      return (env) => {
        let p: Scalar = 1;
        for (let i = 0; i < env.t.N; i++) p = mul(p, env.gauss(env.x(i), m(env), S(env)) as Scalar) as Scalar;
        return p;
      };
    }
    return (env) => exp(env.logLik());
  }
  if (aIsData && givenIsParams) {
    const x = compile(a, scope);
    const isDataPoint = (a as SymNode).sub !== null;
    if (isDataPoint) {
      const i = compileIndex(indexList((a as SymNode).sub)[0], scope, 'data');
      return (env) => env.mixture(i(env));
    }
    return (env) => env.mixtureAt(x(env));
  }
  if (aIsData && given.length === 1 && given[0].kind === 'sym' && !given[0].sub && isIndexLetter(given[0].name)) {
    // p(x | k): the k-th component density.
    const x = compile(a, scope);
    const k = compileIndex(given[0], scope, 'comp');
    return (env) => { const kk = k(env); return env.gauss(x(env), env.mu(kk), env.Sigma(kk)); };
  }
  if (aIsData && given.length === 2 && given.every((g) => g.kind !== 'sym' || g.sub !== null) && !given.some(isWeight)) {
    // p(x | μ_k, Σ_k): a component density with explicit parameters.
    const x = compile(a, scope);
    const m = compile(given[0], scope);
    const S = compile(given[1], scope);
    return (env) => env.gauss(x(env), m(env), S(env));
  }
  if (aIsIndex && given.length === 0) {
    const k = compileIndex(a, scope, 'comp');
    return (env) => env.pi(k(env));
  }
  if (aIsIndex && given.length === 1 && given[0].kind === 'sym' && classifySymbol(given[0], scope.ctx).kind === 'data') {
    const k = compileIndex(a, scope, 'comp');
    const g = given[0];
    // p(k | x_i) is the responsibility γ_ik, as γ_ik is: an M-step update with it is judged as one, and inside Q it is the
    // E-step's number (claims.ts).
    scope.flags.usesResp = true;
    scope.flags.usesModel = true;
    if (g.sub) {
      const i = compileIndex(indexList(g.sub)[0], scope, 'data');
      return (env) => env.resp(i(env), k(env));
    }
    const x = compile(g, scope);
    return (env) => env.respAt(x(env), k(env));
  }
  throw unsupported('this p(…) is not one the checker can evaluate', node.span);
}

/** 𝒳 (MML), 𝐗 (Bishop), or the capital of the note's data letter (X for x_n): the whole data set. */
function isDataset(a: Node, ctx: NoteContext): boolean {
  if (a.kind !== 'sym' || a.sub || a.decor || a.primes) return false;
  if (a.name === 'X' && (a.font === 'cal' || a.font === 'bold')) return true;
  // 𝐲 beside the scalar points y_n of a one-dimensional note: the vector of all of them.
  // (Not a letter the note puts in a density's point slot, 𝒩(𝐲 | μ_k, σ_k²): one point there, NoteContext.boldPoints.)
  if (ctx.D === 1 && a.font === 'bold' && /^[a-z]$/.test(a.name) && !ctx.boldPoints?.has(a.name) && classifySymbol({ ...a, font: null }, ctx).kind !== 'unknown' &&
      indexedIsData({ ...a, font: null }, ctx)) return true;
  if (!/^[A-Z]$/.test(a.name) || (a.font !== null && a.font !== 'bold' && a.font !== 'cal')) return false;
  const m = classifySymbol(a, ctx).kind;
  if (m !== 'unknown' && m !== 'opaque') return false;
  // 𝐙 beside the points 𝐳_i (bold both), X beside x_i.
  return indexedIsData({ ...a, name: a.name.toLowerCase(), font: null }, ctx) || (a.font === 'bold' && indexedIsData({ ...a, name: a.name.toLowerCase() }, ctx));
}

/** `μ, Σ`, `μ, σ²`, `μ, σ` with no index and no weights: the mean and the (co)variance of a single Gaussian. */
function singleGaussianParameters(given: Node[], scope: Scope): [Closure, Closure] | null {
  if (given.length !== 2) return null;
  const [gm, gs] = given;
  if (gm.kind !== 'sym' || gm.sub || classifySymbol(gm, scope.ctx).kind !== 'mean') return null;
  const base = gs.kind === 'pow' ? gs.base : gs;
  if (base.kind !== 'sym' || base.sub) return null;
  const kind = classifySymbol(base, scope.ctx).kind;
  const squared = gs.kind === 'pow' && gs.exp.kind === 'num' && gs.exp.value === 2;
  if (!(kind === 'cov' && gs.kind === 'sym') && !(kind === 'std' && (squared || gs.kind === 'sym')) && !(kind === 'var' && gs.kind === 'sym')) return null;
  const m = compile(gm, scope);
  const sd = compile(base, scope);
  // σ alone as the second slot of a density is its standard deviation (N(x | μ, σ)).
  const S: Closure = kind === 'std' ? (env) => { const v = toScalar(sd(env)); return mul(v, v); } : compile(gs, scope);
  return [m, S];
}

function isWeight(n: Node): boolean {
  return n.kind === 'sym' && n.name === 'pi' && n.sub !== null;
}

// ---------------------------------------------------------------------------------------------
// Derivatives

/**
 * What `\partial v` names. An unindexed μ, Σ or σ under a function that only
 * involves the components' parameters (`\frac{\partial L}{\partial \Sigma}`)
 * means the component's parameter, with k free.
 */
export function resolveTarget(wrt: Node, scope: Scope, f: Node | null = null): { target: (env: Env) => Target; describe: string; per?: Closure } {
  const reparametrised = reparametrisedTarget(wrt, scope);
  if (reparametrised) return reparametrised;
  let node = wrt;
  let squared = false;
  if (node.kind === 'pow' && node.exp.kind === 'num' && node.exp.value === 2 && node.base.kind === 'sym') {
    node = node.base;
    squared = true;
  }
  // ∂/∂Σ_k^{-1}: the precision's entries (Λ_k = Σ_k⁻¹ written out).
  if (node.kind === 'pow' && node.exp.kind === 'neg' && node.exp.body.kind === 'num' && node.exp.body.value === 1 &&
      node.base.kind === 'sym' && classifySymbol(node.base, scope.ctx).kind === 'cov' && indexList(node.base.sub).length === 1 && scope.ctx.D > 1) {
    const k = compileIndex(indexList(node.base.sub)[0], scope, 'comp');
    return { target: (env: Env) => ({ kind: 'prec', index: k(env) }), describe: 'prec' };
  }
  if (node.kind !== 'sym') throw unsupported('derivative with respect to an expression', wrt.span);
  if (node.sub && decorRole(node.decor, scope.ctx) === 'current') {
    throw unsupported(`derivative with respect to the current iterate ${latexName(node)}^{${node.decor}}, which the checker holds fixed where the note writes it`, wrt.span);
  }
  // ∂/∂π where π_1 = π and π_2 = 1 − π (bareWeight.ts): both weights move, in opposite directions.
  const w = scope.ctx.bareWeight;
  if (w && !squared && node.name === w.name && node.font === w.font && !node.sub && !node.decor && !node.primes && !node.accent) {
    scope.flags.usesModel = true;
    const index = w.component - 1;
    return { target: () => ({ kind: 'piPair', index }), describe: 'pi' };
  }
  const m = classifySymbol(node, scope.ctx);
  const subs = indexList(node.sub);
  if (subs.length > 1 && ENTRY_KINDS.has(m.kind)) {
    throw unsupported(`a derivative with respect to one entry (${latexName(node)} with ${subs.length} indices) is not evaluated`, wrt.span);
  }
  const componentReading = subs.length === 0 && f !== null && node.kind === 'sym' && functionUsesComponents(f, node.name, scope.ctx);
  const comp = (kind: Target['kind']) => {
    // ∂/∂s where the note's Gaussians share s (𝒩(x_i | μ_k, s)): the tied model's parameter, neither a single
    // Gaussian's nor each component's own.
    const read = subs.length === 0 ? symbolReading(scope.ctx.reading, node, 0) : undefined;
    if (read && read !== 'ambiguous' && read.shared) {
      if (!scope.ctx.tied) throw unsupported(tiedMessage(node, read), wrt.span);
      // A tied model's spread: every component's moves with it.
      scope.flags.tiedSpread ??= node as SymNode;
      return { target: () => ({ kind, index: TIED_COMPONENTS }), describe: kind };
    }
    if (componentReading) {
      const k = compileIndex({ kind: 'sym', name: 'k', font: null, sub: null, decor: null, primes: 0, span: wrt.span }, scope, 'comp');
      return { target: (env: Env) => ({ kind, index: k(env) }), describe: kind };
    }
    if (subs.length === 0 && oneComponentBare(node, scope)) return { target: () => ({ kind, index: 0 }), describe: kind };
    if (subs.length === 0) {
      const generic: Record<string, Target['kind']> = { mu: 'gmu', Sigma: 'gSigma', var: 'gvar', std: 'gstd' };
      const g = generic[kind];
      if (!g) throw unsupported('derivative with respect to an unindexed weight', wrt.span);
      return { target: () => ({ kind: g, index: -1 }), describe: kind };
    }
    const k = compileIndex(subs[0], scope, 'comp');
    return { target: (env: Env) => ({ kind, index: k(env) }), describe: kind };
  };
  switch (m.kind) {
    case 'mean': return comp('mu');
    case 'cov': return comp(scope.ctx.D === 1 ? 'var' : 'Sigma');
    case 'var': return squared ? (() => { throw unsupported('derivative with respect to the square of a variance', wrt.span); })() : comp(scope.ctx.D === 1 ? 'var' : 'Sigma');
    case 'std':
      // σ_k, σ_k² beside full covariances Σ_k (a multivariate model): no such parameter moves there, and the
      // derivative would be 0 whatever the expression (a condition ∂Q/∂σ_k² = 0 passed for nothing).
      if (scope.ctx.D > 1 && !scope.ctx.isotropic) throw unsupported(`a derivative with respect to ${squared ? 'σ²' : 'σ'} ${SCALAR_SPREAD_IN_MATRIX_MODEL} Σ_k (the note writes them elsewhere)`, wrt.span);
      if (readsSpreadBothWays(scope.ctx) && subs.length === 1) {
        // σ_k read as the variance (SPREAD_AS_VARIANCE): ∂/∂σ_k is in the variance; its square is no parameter then.
        const plain = comp(squared ? 'var' : 'std');
        return {
          describe: plain.describe,
          target: (env: Env) => {
            if (env.abstractVariant !== SPREAD_AS_VARIANCE) return plain.target(env);
            if (squared) throw new EvalError('with σ_k the variance, σ_k² is not a parameter of the model');
            return { ...plain.target(env), kind: 'var' };
          },
        };
      }
      return comp(squared ? 'var' : 'std');
    case 'weight': {
      const plain = comp('pi');
      if (subs.length !== 1) return plain;
      // d/dπ_1 in a two-component mixture: also along π_2 = 1 − π_1 (WEIGHTS_PAIRED), where the note substitutes it;
      // d/dπ_k after π_K = 1 − Σ_{j<K} π_j: along π_K too (LAST_WEIGHT_ELIMINATED).
      scope.flags.numberedWeight = true;
      return {
        describe: plain.describe,
        target: (env: Env) => {
          const t = plain.target(env);
          if (env.abstractVariant === WEIGHTS_PAIRED && env.t.K === 2) return { kind: 'piPair', index: t.index };
          if (env.abstractVariant !== LAST_WEIGHT_ELIMINATED) return t;
          if (t.index === env.t.K - 1) throw new EvalError('the note has eliminated the last weight (π_K = 1 − Σ_{j<K} π_j): no derivative in it');
          return { kind: 'piPair', index: t.index, partner: env.t.K - 1 };
        },
      };
    }
    case 'logit': return comp('logit');
    case 'precision':
      // ∂/∂Λ_k with Λ_k = Σ_k⁻¹: unconstrained entries of the precision, Σ_k moving with it.
      if (subs.length !== 1) throw unsupported('a derivative with respect to a precision is evaluated for a precision with its component index', wrt.span);
      return comp('prec');
    case 'lambda': scope.flags.usesLambda = true; return { target: () => ({ kind: 'lambda', index: -1 }), describe: 'lambda' };
    case 'hyper': scope.flags.usesHyper = true; return { target: () => ({ kind: 'lambda', index: -1 }), describe: 'lambda' };
    case 'data': {
      if (subs.length === 0) return { target: () => ({ kind: 'gx', index: -1 }), describe: 'x' };
      const i = compileIndex(subs[0], scope, 'data');
      return { target: (env) => ({ kind: 'x', index: i(env) }), describe: 'x' };
    }
    case 'opaque':
      // θ_k, "a parameter of component k": μ_k and Σ_k surely are; whether π_k is is the note's to say
      // (∂𝓛/∂θ_k = Σ_n γ_nk ∂ log 𝒩/∂θ_k holds for μ_k and Σ_k, not for π_k). Judged along μ_k and, under
      // THETA_AS_SPREAD, along Σ_k (σ_k² in one dimension): claims.ts passes a step only if it holds for both.
      if (node.name === 'theta' && node.sub) {
        if (subs.length !== 1) throw unsupported(`a derivative with respect to ${latexName(node)} with ${subs.length} indices`, wrt.span);
        const k = compileIndex(subs[0]!, scope, 'comp');
        scope.flags.componentTheta = true;
        scope.flags.usesModel = true;
        const spread: Target['kind'] = scope.ctx.D === 1 ? 'var' : 'Sigma';
        return { target: (env: Env) => ({ kind: env.abstractVariant === THETA_AS_SPREAD ? spread : 'mu', index: k(env) }), describe: 'theta' };
      }
      if (node.name === 'theta') return { target: () => ({ kind: 'theta', index: -1 }), describe: 'theta' };
      break;
    default: break;
  }
  if (squared) throw unsupported('derivative with respect to a square', wrt.span);
  const free = m.kind === 'unknown' ? freeLetter(node, scope.ctx) : null;
  if (free) {
    scope.flags.abstractFns.add(latexName(node));
    scope.flags.freeLetters.add(latexName(node));
    return { target: () => ({ kind: 'free', index: free.id, shape: free.shape }), describe: 'free' };
  }
  // (a_{nk} = log π_k + log 𝒩(…) defined above: an intermediate quantity, not one the note leaves undefined.)
  const defined = lookupDefinition(node, scope.ctx);
  if (defined) throw unsupported(`derivative with respect to ${defined.latex}, which the note defines on line ${defined.line} from other quantities: the checker differentiates in the model's parameters and the data, not in an intermediate quantity`, wrt.span);
  if (m.kind === 'unknown') throw new CheckError('unknown-symbol', `derivative with respect to ${m.name}, which the note does not define`, wrt.span);
  throw unsupported('derivative with respect to something that is not a model parameter', wrt.span);
}

/**
 * Might `f` depend on the letter `wrt` (a free letter's derivative, compileDeriv)? It writes the letter (any subscript), or a
 * name or a function the note defines, whose body may.
 */
function mayDependOn(f: Node, wrt: Node, ctx: NoteContext): boolean {
  const letter = wrt.kind === 'sym' ? wrt : null;
  if (!letter) return true;
  let may = false;
  walk(f, (n) => {
    if (may) return;
    if (n.kind === 'sym' && (n.name === letter.name || ctx.defs.has(symbolKey(n)) || ctx.defs.has(`${symbolKey(n)}()`))) may = true;
    else if (n.kind === 'apply' && (ctx.defs.has(`${symbolKey(n.fn)}()`) || ctx.defs.has(symbolKey(n.fn)))) may = true;
  });
  return may;
}

/**
 * Is `wrt` (a free letter) the note's parameter written without its index, as far as a derivative of `f` may tell: the note
 * reads the letter with one index as a parameter (Λ_k its precision), and `f` is about the model (ℓ, 𝓛, a density, a
 * parameter)? Not a constant (`-\frac{D}{2}\log 2\pi`) or the data alone, whose derivative in any letter is 0.
 */
function droppedIndex(wrt: Node, f: Node, ctx: NoteContext): boolean {
  if (wrt.kind !== 'sym') return false;
  const k: SymNode = { kind: 'sym', name: 'k', font: null, sub: null, decor: null, primes: 0, span: wrt.span };
  const indexed = symbolReading(ctx.reading, { ...wrt, sub: k }, 1);
  if (typeof indexed !== 'object' || !INDEXED_PARAMETERS.has(indexed.quantity)) return false;
  let model = false;
  walk(f, (n) => {
    if (model) return;
    if (n.kind === 'sym' && MODEL_QUANTITIES.has(classifySymbol(n, ctx).kind)) model = true;
    else if (n.kind === 'apply' && (n.fn.name === 'N' || n.fn.name === 'p' || MODEL_QUANTITIES.has(classifySymbol(n.fn, ctx).kind))) model = true;
  });
  return model;
}
const INDEXED_PARAMETERS = new Set<string>(['precision', 'cov', 'mean', 'var', 'std', 'weight']);
// (Not the responsibilities or N_k, which an M-step holds fixed: `\frac{\partial}{\partial\Lambda}\sum_n \gamma_{nk}(-\frac{D}{2}\log 2\pi)` is 0.)
export const MODEL_QUANTITIES = new Set<string>(['loglik', 'likelihood', 'density', 'compdensity', 'mixture', 'weight', 'mean', 'std', 'var', 'cov', 'precision']);

/** Does f involve the components' `name` (μ_k, Σ_k …, or 𝓛) but never the unindexed one? */
function functionUsesComponents(f: Node, name: string, ctx: NoteContext): boolean {
  let indexed = false;
  let bare = false;
  const visit = (n: Node): void => {
    if (n.kind === 'sym') {
      if (n.name === name) { if (n.sub) indexed = true; else bare = true; }
      const m = classifySymbol(n, ctx).kind;
      if ((m === 'loglik' || m === 'resp' || m === 'effcount') && !ctx.defs.has(symbolKey(n))) indexed = true;
      if (n.sub) visit(n.sub);
      return;
    }
    if (n.kind === 'apply') {
      const m = classifySymbol(n.fn, ctx).kind;
      if (m === 'loglik' || (n.fn.name === 'p' && !n.fn.sub)) indexed = true;
    }
    for (const c of children(n)) visit(c);
  };
  visit(f);
  return indexed && !bare;
}

/**
 * The words of the message of a derivative in σ_k or σ_k² in a multivariate model (claims.ts reads
 * such a step in one dimension); plain words, which the messages' Unicode pass leaves as they are.
 */
export const SCALAR_SPREAD_IN_MATRIX_MODEL = 'in a model whose components have covariance matrices';

/**
 * ∂/∂β_k where the note defines β_k = g(σ_k²) (`β_k = 1/σ_k^2`, `τ_k = \log \sigma_k`): a new variable
 * for one component's variance, in one dimension. Moving β_k moves σ_k² by 1/g'(σ_k²), so the
 * derivative is the one in σ_k² divided by dβ_k/dσ_k² (`per`: β_k itself, differentiated at the
 * instance). Only a definition whose right side reads nothing but that component's spread and
 * numbers qualifies; anything else is not a reparametrisation (null).
 */
function reparametrisedTarget(wrt: Node, scope: Scope): { target: (env: Env) => Target; describe: string; per: Closure } | null {
  if (wrt.kind !== 'sym' || wrt.decor || wrt.primes) return null;
  const def = lookupDefinition(wrt, scope.ctx);
  const subs = indexList(wrt.sub);
  if (!def?.node || def.broken || def.valueParams || def.params.length !== 1 || subs.length !== 1) return null;
  const letter = def.params[0]!;
  let spread = false;
  let other = false;
  const visit = (n: Node): void => {
    if (other) return;
    if (n.kind === 'sym') {
      const kind = classifySymbol(n, scope.ctx).kind;
      const own = indexList(n.sub);
      if ((kind === 'std' || kind === 'var') && own.length === 1 && own[0]!.kind === 'sym' && own[0]!.name === letter && !n.decor && !scope.ctx.defs.has(symbolKey(n))) spread = true;
      else if (kind !== 'const') other = true;
      return;
    }
    if (n.kind !== 'num' && n.kind !== 'add' && n.kind !== 'sub' && n.kind !== 'mul' && n.kind !== 'div' && n.kind !== 'neg' && n.kind !== 'pow' &&
      n.kind !== 'sqrt' && n.kind !== 'func' && n.kind !== 'group') { other = true; return; }
    for (const c of children(n)) visit(c);
  };
  visit(def.node);
  if (!spread || other) return null;
  const k = compileIndex(subs[0]!, scope, 'comp');
  const per = compile(wrt, scope);
  scope.flags.usesModel = true;
  return {
    target: (env: Env) => {
      if (env.t.D !== 1) throw new EvalError(`a derivative in ${def.latex}, a function of a variance, is evaluated in one dimension only`);
      return { kind: 'var', index: k(env) };
    },
    describe: 'var',
    per,
  };
}

function compileDeriv(node: DerivNode, scope: Scope): Closure {
  scope.flags.derivatives.push(node);
  const fPreview = node.num ?? (node.operand && node.operand.length ? node.operand[0] : null);
  const { target, per, describe } = resolveTarget(node.wrt, scope, fPreview);
  if (per && node.order !== 1) throw unsupported('a higher derivative with respect to a variable the note defines from a parameter', node.wrt.span);
  let fnode: Node;
  let outside: Node[] = [];
  if (node.num) {
    fnode = node.num;
  } else {
    const ops = (node.operand ?? []).filter((o) => o.kind !== 'empty');
    // `\frac{\partial}{\partial \sigma_k^2} = \frac{1}{2\sigma_k}\frac{\partial}{\partial \sigma_k}`: an identity between operators.
    if (ops.length === 0) throw new CheckError('not-an-equation', 'a derivative operator with nothing after it to act on (an identity between operators) is not evaluated', node.span);
    if (ops.length > 1) scope.flags.ambiguousOperator = true;
    const inside = scope.reading === 'first' ? ops.slice(0, 1) : ops;
    outside = scope.reading === 'first' ? ops.slice(1) : [];
    fnode = inside.reduce((a, b) => ({ kind: 'mul', a, b, implicit: true, span: { start: a.span.start, end: b.span.end } }));
  }
  // `\nabla_{\Lambda} \ell` after "$\Lambda_k = \Sigma_k^{-1}$": a letter read as a free matrix or vector, which the function
  // never writes (nor a name of the note's that might): its derivative would be 0 by construction, where the note means
  // the model's Λ_k without its index. Not evaluated.
  if (describe === 'free' && fnode.kind !== 'empty' && !mayDependOn(fnode, node.wrt, scope.ctx) && droppedIndex(node.wrt, fnode, scope.ctx)) {
    throw unsupported(`a derivative with respect to ${latexName(node.wrt as SymNode)}, which the expression it acts on does not contain as written (the note's ${latexName(node.wrt as SymNode)} with an index dropped?)`, node.wrt.span);
  }
  // ∂A(η_k, τ_k)/∂τ_k with η_k = τ_k μ_k the note's: a partial derivative holds the function's other arguments fixed,
  // but they are written as the note's quantities of τ_k, and the checker would move them with it (μ held instead).
  // (Also a bare A after `A(η_j, Λ_j) = …`, read with its usual arguments.)
  const fnDef = fnode.kind === 'sym' && !fnode.sub && !fnode.decor ? scope.ctx.defs.get(`${symbolKey(fnode)}()`) : undefined;
  const applied = fnode.kind === 'apply' && !fnode.given ? { fn: fnode.fn, args: fnode.args }
    : fnode.kind === 'sym' && fnDef?.argNodes ? { fn: fnode, args: fnDef.argNodes } : null;
  if (applied && applied.args.length > 1 && scope.ctx.defs.has(`${symbolKey(applied.fn)}()`)) {
    const wrtBase = node.wrt.kind === 'pow' ? node.wrt.base : node.wrt;
    const wrtKey = wrtBaseKey(node.wrt);
    // (An indexed quantity whose definition writes the parameter: η_k = τ_k μ_k, not Q(ω, ω^{(t)})'s parameter set.)
    // (Or the same parameter under another letter: η_k = Σ_k⁻¹ μ_k moves with Λ_k = Σ_k⁻¹.)
    const group = (n: SymNode): string | null => { const k = classifySymbol(n, scope.ctx).kind; return SPREAD_KINDS.has(k) ? 'spread' : k === 'mean' || k === 'weight' ? k : null; };
    const wrtGroup = wrtBase.kind === 'sym' ? group(wrtBase) : null;
    const writesWrt = (body: Node | undefined) => {
      let w = false;
      if (body && wrtBase.kind === 'sym') walk(body, (m) => { if (m.kind === 'sym' && (m.name === wrtBase.name || (wrtGroup !== null && !!m.sub && group(m) === wrtGroup))) w = true; });
      return w;
    };
    const moved = applied.args.find((a) => a.kind === 'sym' && !!a.sub && !a.decor && symbolKey(a) !== wrtKey && writesWrt(lookupDefinition(a, scope.ctx)?.node));
    if (moved) throw unsupported(`a partial derivative of ${latexName(applied.fn)}(…) holds its other arguments fixed, and ${latexName(moved as SymNode)} is one the note defines from the parameters: not evaluated`, node.span);
  }
  // ∂𝓛/∂v for a model parameter: the reference's analytic gradient.
  const isLogLik = fnode.kind === 'sym' && classifySymbol(fnode, scope.ctx).kind === 'loglik' && !lookupDefinition(fnode, scope.ctx) &&
    !bareLagrangianDefinition(fnode, scope.ctx);
  const wrtBase = node.wrt.kind === 'pow' ? node.wrt.base : node.wrt;
  const saved = scope.wrtLetters;
  if (wrtBase.kind === 'sym') scope.wrtLetters = [...(saved ?? []), letterOf(wrtBase)];
  let F: Closure;
  try {
    F = compile(fnode, scope);
  } finally {
    scope.wrtLetters = saved;
  }
  const order = node.order;
  const plainDerivative: Closure = (env) => {
    const tgt = target(env);
    if (isLogLik && order === 1 && !env.differentiating) {
      const g = env.refGradient(tgt);
      if (g !== null) return g;
    }
    let fn: (e: Env) => Value = F;
    for (let o = 1; o < order; o++) {
      const inner = fn;
      fn = (e) => e.differentiate(tgt, inner);
    }
    return env.differentiate(tgt, fn);
  };
  // ∂F/∂β_k with β_k = g(σ_k²): the chain rule, ∂F/∂σ_k² ÷ dβ_k/dσ_k² (reparametrisedTarget).
  const derivative: Closure = per ? (env) => vdiv(plainDerivative(env), env.differentiate(target(env), per)) : plainDerivative;
  let d: Closure = derivative;
  for (const o of outside) {
    const c = compile(o, scope);
    const prev = d;
    d = (env) => vmul(prev(env), c(env));
  }
  return d;
}

export { toScalar, pow, inverse, log };

export { argumentsKey };

/**
 * μ, σ, Σ without an index in a model of one component (the case "with a single component, $K = 1$" a note takes up,
 * or -K 1) where the note writes the same letter with a component's index: that one component's parameter, not a
 * separate single Gaussian's.
 */
function oneComponentBare(node: SymNode, scope: Scope): boolean {
  if (scope.ctx.K !== 1 || node.decor || node.sub) return false;
  const bare = symbolReading(scope.ctx.reading, node, 0);
  const indexed = symbolReading(scope.ctx.reading, node, 1);
  return indexed !== undefined && indexed !== 'ambiguous' && (bare === undefined || (bare !== 'ambiguous' && bare.quantity === indexed.quantity && !bare.shared));
}

/** The key of what a derivative is taken with respect to (σ_k in ∂/∂σ_k², τ_k in ∂/∂τ_k), or null. */
function wrtBaseKey(wrt: Node): string | null {
  const b = wrt.kind === 'pow' ? wrt.base : wrt;
  return b.kind === 'sym' ? symbolKey(b) : null;
}

/** The logistic sigmoid 1/(1 + e^{−a}) of a scalar (NoteContext.sigmoid). */
function logistic(v: Value): Scalar {
  return div(1, add(1, exp(sub(0, toScalar(v)))));
}
