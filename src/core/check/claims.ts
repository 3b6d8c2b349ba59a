// Claims and verdicts. Every relation between neighbouring expressions of a
// chain becomes a claim; equalities are evaluated on both sides at seeded
// random GMM instances, for every value of their free indices, and compared.
//
// pass      both sides agree everywhere (relative tolerance, absolute floor
//           scaled to the size of the values seen);
// fail      they disagree at a point well inside the model's domain; the
//           message names the link, the values and a likely cause;
// unchecked the claim is not an identity (conditions, inequalities, arrows),
//           or something in it has no meaning the checker can evaluate.
import { extend } from '../util/objects';
import { children, operands, shapeKey, walk, type ApplyNode, type Chain, type DerivNode, type Node, type Side, type SymNode } from '../latex/ast';
import type { Claim, ClaimKind, Span, Statement, UncheckedReason } from '../types';
import { add, columnVector, div, EvalError, isMatrix, primal, primalValue, scalarsAsIdentity, ShapeError, describeShape, sub, toScalar, type Scalar, type Value } from '../eval/values';
import { IndexRangeError, SCALAR_SPREAD_IN_MATRIX_MODEL } from './compile';
import {
  CheckError, NotationError, compile, indexList, newScope, type Closure, type CompileFlags, type Definition, type NoteContext, type Role, type Scope,
} from './compile';
import { DISJOINT_EVENTS, Env, INDEPENDENT_EVENTS, IW_SCALE_CONVENTION, LAST_WEIGHT_ELIMINATED, RESP_AT_UPDATE, SPREAD_AS_VARIANCE, SCALAR_AS_IDENTITY, SYMMETRIC_FREE, THETA_AS_SPREAD, THETA_COMPONENTS, WEIGHTS_PAIRED, atParameters, makeTrial, stationaryTrials, tiedTrial, trialAt, withParameters, type Trial } from './env';
import { Budget, BudgetExceeded, MAX_WORK } from './budget';
import { BoundedCache, stringBytes } from '../util/boundedCache';
import { hashString } from '../util/hash';
import { clearChainCache } from './chainReuse';
import { chainNodes, sideMentions } from './chainNodes';
import { AT_STATED_DATA, closedNumeric, constantOf, everyComponentValues, hasDecimals, identityTimes, type EveryComponent, type StatedExample } from './numeric';
import { classifySymbol, indexRoleOf, isIndexLetter, isIndexRangeLetter, latexName, namingSubscript, symbolKey } from './notation';
import { argumentsKey, atGenericPoint, datasetArguments, decorRole, distributionKey, indexedIsData, isResponsibilityApply, letterOf, lookupDefinition, numberedPatternKey, PARAMETER_KINDS, type SideReading, writesDensity } from './compile';
import { readingSignature, symbolReading, type Quantity } from './reading';
import { parseStatement } from '../latex/parser';
import { CHOICE_BEFORE, formulaCondition, proseCase } from './proseQualifiers';
import { describeCause, describePoint, formatValue, matrixEvidence, USUAL_LETTERS, type PointLetters, type Sample } from './causes';
import { proseToUnicode, symbolToUnicode } from '../render/unicode';

/** Meanings that are the model's parameters or quantities computed from them (ClaimBuilder.apartFromModel). */
const MODEL_KINDS = new Set<string>(['weight', 'mean', 'std', 'cov', 'var', 'precision', 'resp', 'effcount', 'loglik', 'likelihood',
  'lambda', 'density', 'compdensity', 'mixture', 'opaque']);

export interface CheckSettings {
  seed: number;
  trials: number;
  tolerance: number;
  budgetMs: number;
}

interface Located {
  line(offset: number): number;
  column(offset: number): number;
  text: string;
}

/**
 * Random instances, shared by every claim and every note with the same model
 * size and seed (they depend on nothing else): one set with π on the
 * simplex, one off it. Kept across calls so that re-checking while typing
 * does not regenerate them.
 */
const trialCache = new Map<string, Trial[]>();
const TRIAL_CACHE_LIMIT = 64;

class TrialPool {
  constructor(private readonly ctx: NoteContext, private readonly s: CheckSettings) {}
  /** The usual instances; `K`, `D`, `N`: of other sizes (a section's own, ClaimBuilder.holdsAtLocalSizes; a worked example's data, holdsAtStatedCount). */
  get(relaxed: boolean, K = this.ctx.K, D = this.ctx.D, isotropic = !!this.ctx.isotropic, N = this.ctx.N): Trial[] {
    const key = `${relaxed ? 'r' : 's'}/${this.s.seed}/${this.s.trials}/${K}/${D}/${N}${isotropic ? '/iso' : ''}`;
    const cache = trialCache;
    if (cache.size > TRIAL_CACHE_LIMIT) cache.clear();
    let t = cache.get(key);
    if (!t) {
      t = [];
      for (let i = 0; i < this.s.trials; i++) t.push(makeTrial(this.s.seed, i, { K, D, N, relaxed, isotropic }));
      cache.set(key, t);
    }
    return t;
  }
}

interface CompiledSide {
  ok: true;
  closure: Closure;
  scope: Scope;
  node: Node;
  /** What the closure computes, for the evaluation cache: source text, reading, role. */
  key: string;
}
interface FailedSide {
  ok: false;
  reason: UncheckedReason;
  message: string;
  span: Span;
  /** Meaningless as written (a notation error): the claim fails rather than going unchecked. */
  notation?: boolean;
}
type SideResult = CompiledSide | FailedSide;

/**
 * Sides compiled by earlier checks, kept like parsed statements: code, never numbers (a closure
 * and what compiling found, or why it did not compile; no closure keeps a value between calls, and side values are
 * computed per check, sideAt). So a check with nothing cached (clearEvaluationCache) still
 * finds them, as it finds the parsed statements. Keyed by everything compiling reads: the
 * note-level context, the definitions in force and where they and the nodes compiling may take
 * from elsewhere in the note stand (ClaimBuilder.compileSignature, defsPlaces), the side's
 * reading and text, and where it starts (what compiling finds keeps nodes with their spans,
 * which messages quote from the note's text).
 */
const compiledAcross = new BoundedCache<string, { closure: Closure; scope: Scope } | FailedSide>(16 * 2 ** 20, (k) => stringBytes(k) + COMPILED_SIDE_BYTES);
/** A rough size of one compiled side (its closures and scope); the bound matters, not the figure. */
const COMPILED_SIDE_BYTES = 4096;

const MAX_COMBOS = 24;
/** Evaluation results kept across checks (insertion order = eviction order). */
const evalCache = new BoundedCache<string, EvalResult>(32 * 2 ** 20, (k, r) => stringBytes(k) + evalResultBytes(r));

/** Rough bytes an evaluation result keeps alive: its samples' numbers and labels. */
function evalResultBytes(r: EvalResult): number {
  let n = 200;
  for (const s of r.samples) n += 160 + 16 * (s.lp.values.length + s.rp.values.length) + 2 * s.at.length;
  return n;
}

/** Forget every kept result, the claims of chains kept whole included (for benchmarks of a cold check). */
export function clearEvaluationCache(): void {
  evalCache.clear();
  clearChainCache();
}

/**
 * How a step reads the mean μ_k: as itself (false), as the M-step's new mean on the right side (true: the covariance
 * update, whose mean is the new one), or as the new mean on both sides ('both': a link after that update in its chain).
 */
type CovReading = boolean | 'both';

/** Forget the sides compiled by earlier checks (compiledAcross: code, which clearEvaluationCache keeps, like parses). */
export function clearCompiledSides(): void {
  compiledAcross.clear();
}

/**
 * Where an evaluation happens, when not at the usual random instances: the instances, the absolute
 * floor below which values count as 0, and the tolerance.
 */
interface At {
  trials: Trial[];
  floor: number;
  tolerance: number;
  /**
   * A condition checked at EM's stationary points (checkLinkAsWritten), where `floor` is the zero
   * level of the comparison there: 1% of the sides' size at random instances. A point whose two
   * sides both lie within the tolerance of that floor, and agree against it, counts as agreeing
   * without measuring the digits it lost to cancellation (a gradient written as a sum over the
   * points is 1e-12 from terms of 4 there): such a point can never be a counterexample, and
   * whatever its digits, its values are zero at the precision this comparison works to. What a
   * caller reads from agreement there is that the condition holds at the stationary points (the
   * claim stays unchecked), or, under the M-step's reading, that it does (no ✗). The floor is
   * absolute: one drawn from the size of the terms (evaluateUncached's own) would let
   * ((x + 10¹²)² − (x − 10¹²)²)/(4·10¹²) = 2x agree. Elsewhere (an update that solves a
   * condition, a step that holds where μ_k is the weighted mean) the digits are measured.
   */
  stationaryCondition?: boolean;
  /** What sets these instances apart when their count, floor and tolerance do not (the evaluation cache's key). */
  label?: string;
  /** Pairs of index letters the text says differ (`j \neq k`): values where they are equal are not sample points. */
  distinct?: readonly (readonly [string, string])[];
}

type SideOutcome = { v: Value } | { err: unknown };
interface SideMemo {
  out: SideOutcome;
  /** The largest term summed (Env.scale) and lost precision (Env.precisionLost) of this side alone. */
  scale: number;
  precisionLost: boolean;
  /** Work units its evaluation spent. */
  work: number;
}

/** Relative disagreement (beyond the floor) that fails a condition at EM's stationary points, which are only approximately stationary. */
const STATIONARY_TOLERANCE = 1e-2;
/** Instances at which each value of the free indices is checked. */
const COMBO_TRIALS = 2;
/** Lines after a stationarity condition within which a step that fails in general may be a consequence of it. */
const AFTER_CONDITION_LINES = 8;
/** How far back in a formula's section (characters) the text may say two indices differ (distinctIndices). */
const SECTION_REACH = 1200;
/** `j \neq k`, `j \ne k`, `j \not= k`, `j ≠ k` (distinctIndices), and a quick look for it first. */
const DIFFER = /(?<![\\\w])([a-z]'*)\s*(?:\\neq?|\\not\s*=|≠)\s*([a-z]'*)(?!\w)/g;
const DIFFERS_WORDS = /\\ne|\\not|≠/;
/** The same, said as what the text goes on for: "for another component $j \neq k$", "for $j \ne k$". */
const FOR_DIFFER = /\b[Ff]or\b[^.$]{0,40}\$\s*([a-z]'*)\s*(?:\\neq?|\\not\s*=|≠)\s*([a-z]'*)(?!\w)/g;
/** Lines after a condition `0 = … = G` within which `Σ_k = F` may solve it (solvesCondition). */
const SOLVES_CONDITION_LINES = 3;

export class ClaimBuilder {
  private readonly pool: TrialPool;
  private readonly lagrangianLines: { line: number; name: string }[] = [];
  /** The chain whose link last passed as the covariance update with the new mean (its later links read μ so too). */
  private newMeanChain: Chain | null = null;
  /** Line of the last stationarity condition (`∂𝓛/∂θ = 0`). */
  private lastConditionLine: number | null = null;
  /**
   * The last M-step update the note states by itself, as one formula with the parameter written bare
   * (`$$w_j = \frac{T_j}{n}.$$`, checked and right): the parameter's name and the line it ends on. The
   * steps just after it may use the parameter at that value (updateBefore).
   */
  private lastUpdate: { name: string; kind: string; line: number; display: string } | null = null;
  /**
   * Whether the note has stated, in a step that passed, that its plain mean μ_k (no new/old
   * mark) is the M-step's weighted mean (1/N_k) Σ γ x: from then on μ_k means that (see
   * meanAsStated).
   */
  private meanIsWeighted = false;
  /** The number of components of a special case the note takes up (π_2 = 1 − π_1 in a note with K > 2), and its line. */
  private specialCase: number | null = null;
  private specialCaseLine = 0;
  /**
   * Values the note has given every component at once (`\pi_k = 1/K`, `\Sigma_k = \mathbf{I}`: an assumption, or
   * a worked example's start), their line and their signature: the steps after may use them (valueSources).
   */
  private stated: { values: EveryComponent; line: number; key: string } | null = null;
  /**
   * What the note last supposed of the components (`μ_1 = μ_2`, `σ_1 = σ_2`, `π_1 = π_2`: supposition), with its first
   * line and its words: steps within AFTER_CONDITION_LINES after may be worked under
   * it (valueSources). Replaced, never changed in place (stateMarks compares it by identity).
   */
  private supposed: { values: EveryComponent; line: number; last: number; key: string } | null = null;
  /** The usual instances with those values put in, by the values' signature (valuesHold). */
  private readonly statedTrials = new Map<string, Trial[]>();
  /** The note's worked examples as read so far (numeric.ts WorkedExamples, set by checkNote): what they state above a chain. */
  worked: { hasFacts(): boolean; hasData(): boolean; statedInstance(): StatedExample | null; statedData(): { X: number[][]; line: number; key: string } | null } | null = null;
  /** What of the worked example a chain's check may read: part of what ChainReuse keys a chain's claims by. */
  exampleKey(): string {
    return `${this.worked?.hasFacts() ? 'f' : ''}${this.worked?.statedInstance()?.key ?? ''}`;
  }
  /** The note has written one weight of its two as the other's complement (π_2 = 1 − π_1). */
  private pairedWeights = false;
  /** The note has eliminated its last weight (π_K = 1 − Σ_{j=1}^{K−1} π_j): its derivatives in a weight move π_K too. */
  private lastWeightEliminated = false;
  /** Hash of the note's definitions so far (see noteDefinition). */
  private defsSignature = '';
  /** Hash of where those definitions stand (their sources' offsets and lines): compiledAcross only. */
  private defsPlaces = '';
  /**
   * What compiling reads from the note besides the definitions (the check's note key, and where
   * the usual density and arguments it may compile in stand), for compiledAcross; null: not kept.
   */
  private readonly compileSignature: string | null;

  private readonly ctxSignature: string;
  /** ctxSignature hashed (as defsSignature is), for the keys of kept evaluations: 400 characters hashed again at every evaluation otherwise. */
  private readonly ctxHash: string;
  /** Values of compiled sides at the points evaluated so far (see sideAt). */
  private readonly sideValues = new Map<string | Closure, Map<string, SideMemo>>();
  /** The definitions in force (defsSignature) when a side of a chain was compiled (see sideAt). */
  private readonly compiledUnder = new WeakMap<Closure, string>();
  /**
   * Each closure's entry of sideValues, found once: its id joins the definitions' hash and
   * the side's whole text, and hashing that string again for every point was a hot spot.
   * Forgotten with sideValues (noteDefinition).
   */
  private memoOf = new WeakMap<Closure, Map<string, SideMemo>>();
  /**
   * Sides compiled so far, by what sideAt knows their values by (the definitions in force, the
   * reading, the text): the same expression in another chain is not compiled again (its closure
   * and what compiling found, whose nodes serve for their text only). Only what compiled: a side
   * that does not is compiled again, for its error's place in this chain. Forgotten with sideValues.
   */
  private readonly compiledSides = new Map<string, { closure: Closure; scope: Scope }>();
  private readonly trialIds = new WeakMap<Trial, number>();
  private nextTrialId = 0;

  /**
   * `noteKey`: everything note-level a chain's check reads (index.ts noteKey); with it, sides
   * compiled by earlier checks under the same key are found again (compiledAcross).
   */
  /** The letters of the note's parameters, for the values messages quote (causes.ts describePoint). */
  private readonly letters: PointLetters;

  private describePoint(s: Pick<Sample, 'combo' | 'inst' | 'names' | 'roles'>): string {
    return describePoint(s, this.letters);
  }

  constructor(private readonly ctx: NoteContext, private readonly loc: Located, private readonly settings: CheckSettings, noteKey?: string) {
    this.letters = noteLetters(ctx);
    this.pool = new TrialPool(ctx, settings);
    const density = ctx.defaultDensity ? loc.text.slice(ctx.defaultDensity.span.start, ctx.defaultDensity.span.end) : '';
    // (Every note-level field compiling reads: kept evaluations are found by it across notes, so a field left out (σ the
    // sigmoid in one note, a standard deviation in the next) gave one note the other's values.)
    const argsOf = (args: readonly Node[] | null) => args ? args.map((a) => loc.text.slice(a.span.start, a.span.end)) : null;
    this.ctxSignature = JSON.stringify([ctx.K, ctx.D, ctx.N, [...ctx.dataCount].sort(), [...ctx.aliases].sort(), ctx.reading ? readingSignature(ctx.reading) : '', density, ctx.componentsFromZero ?? false, ctx.isotropic ?? false, ctx.tied ?? false, [...ctx.declaredShapes ?? []].sort(), ctx.stdInSpreadSlot ?? false, ctx.bareWeight ?? null, [...ctx.distributions ?? []].sort(), settings.seed, settings.trials, settings.tolerance,
      ctx.sigmoid ?? false, ctx.pointsWritten ?? false, [...ctx.boldPoints ?? []].sort(), [...ctx.indicatorLetters ?? []].sort(), [...ctx.transposedLetters ?? []].sort(),
      [...ctx.usualArgs ?? []].map(([k, args]) => [k, argsOf(args)]).sort()]);
    this.ctxHash = hashString(this.ctxSignature);
    this.compileSignature = noteKey === undefined ? null : hashString(JSON.stringify([noteKey, this.ctxSignature, ctx.defaultDensity?.span.start ?? -1,
      [...ctx.usualArgs ?? []].map(([k, args]) => [k, args ? args.map((a) => a.span.start) : null]).sort()]));
  }

  /**
   * Claims of one chain, in order; registers the chain's definitions for later statements.
   * A chain whose shapes only fit for scalars (`(x_i − μ_k)²/σ_k²` in a note that is
   * multivariate elsewhere) and that writes no vector or matrix notation is read in one
   * dimension: that is the only reading under which it means anything, so it is judged there.
   */
  chainClaims(chain: Chain, stmt: Statement, inline: boolean): Claim[] {
    return underSubstitution(chain, this.onRedefined(chain, this.chainClaimsRead(chain, stmt, inline)));
  }

  /**
   * Quantities the checker computes itself (N_k, γ_ik, ℓ, p(x)) that the note defines in a way it cannot
   * read (`N_k = Σ_i w_i γ_ik` with weights w_i it does not know): key → the line and text of that definition.
   */
  private readonly redefined = new Map<string, { line: number; text: string; name: string }>();

  /** Quantities of REDEFINABLE kinds the note has stated in a way that was read and passed (onRedefined). */
  private readonly readStated = new Set<string>();

  /**
   * Records a definition of a computed quantity that could not be read (an unknown symbol in it), and leaves
   * unjudged the steps that use such a quantity afterwards: the note means its own N_k there, and checked
   * with the usual one they pass or fail for the wrong reason (σ_k² = (1/N_k) Σγ(x − μ)² passed with the
   * weighted N_k it leaves the weights out of).
   */
  private onRedefined(chain: Chain, claims: Claim[]): Claim[] {
    const first = chain.sides[0];
    const lhs = first?.ok ? first.node : null;
    const head = lhs?.kind === 'apply' ? lhs.fn : lhs;
    const key = head?.kind === 'sym' ? `${symbolKey(head)}/${indexList(head.sub).length}` : null;
    // (A symbol with an index, a weight per point w_i or per component; not a constant such as a stabilising ε,
    // which leaves the quantity the usual one for every purpose of a derivation.)
    const indexedUnknown = (n: Node) => {
      let found = false;
      walk(n, (m) => { if (!found && m.kind === 'sym' && m.sub && !this.ctx.defs.has(symbolKey(m)) && classifySymbol(m, this.ctx).kind === 'unknown') found = true; });
      return found;
    };
    const redefinable = key !== null && REDEFINABLE.has(classifySymbol(head as SymNode, this.ctx).kind);
    const unread = (reasons: readonly string[]) => claims.some((c) => c.lhsSpan.start === first!.span.start && c.verdict === 'unchecked' && reasons.includes(c.reason ?? ''));
    // (Or the note's responsibilities of another model, soft k-means' r_nk = e^{−β d_nk} / Σ_j e^{−β d_nj}: no Gaussian's
    // density in their formula, and a letter in it the checker cannot read.)
    // (Not a quantity the note has already stated readably, its steps passing: `\gamma_{nk} = a/(a + b)` "with $a = …$"
    // later restates the γ_nk of line 5, and the steps after it are about that one.)
    if (key !== null && claims.some((c) => c.lhsSpan.start === first!.span.start && c.verdict === 'pass')) this.readStated.add(key);
    // (Nor one the text asks to show: "Show that $\ell(\theta) = Q(\theta) + H$" is a claim about the usual ℓ.)
    const asked = SHOW_BEFORE.test(this.loc.text.slice(Math.max(0, chain.span.start - 80), chain.span.start));
    const own = redefinable && !asked && !this.readStated.has(key) && ((unread(['unknown-symbol']) && chain.sides.slice(1).some((sd) => sd.ok && indexedUnknown(sd.node))) ||
      (unread(['unknown-symbol', 'abstract-function']) && chain.sides.slice(1).every((sd) => sd.ok && !writesDensity(sd.node, this.ctx))));
    if (own) {
      this.redefined.set(key, { line: this.loc.line(chain.span.start), text: this.loc.text.slice(chain.span.start, chain.span.end), name: symbolToUnicode(this.loc.text.slice(head!.span.start, head!.span.end)) });
      return claims;
    }
    if (this.redefined.size === 0) return claims;
    let used: { line: number; text: string; name: string } | undefined;
    for (const side of chain.sides) {
      if (!side.ok || used) continue;
      walk(side.node, (n) => { if (!used && n.kind === 'sym') used = this.redefined.get(`${symbolKey(n)}/${indexList(n.sub).length}`); });
    }
    if (!used) return claims;
    // A quantity the note defines from it (F(r) = Σ r_nk d_nk + …) is the note's own too, wherever it is used later.
    if (key !== null && claims.some((c) => c.kind === 'definition' && c.lhsSpan.start === first!.span.start)) this.redefined.set(key, used);
    const def = proseToUnicode(used.text.replace(/\s+/g, ' ').trim());
    return claims.map((c) => (c.verdict === 'unchecked' ? c : extend(c, { verdict: 'unchecked', reason: 'unknown-symbol', cause: undefined, values: undefined,
      message: `uses ${used!.name}, which the note defines on line ${used!.line} in its own way (${def.length > 80 ? `${def.slice(0, 79)}…` : def}) that the checker cannot read, so it cannot be judged with the usual ${used!.name}; not checked`,
    })));
  }

  private chainClaimsRead(chain: Chain, stmt: Statement, inline: boolean): Claim[] {
    const claims = this.chainClaimsIn(chain, stmt, inline);
    this.noteCaseTakenUp(chain);
    const inCase = this.textCase !== null && chain.span.start >= this.textCase.start && chain.span.start < this.textCase.end ? this.textCase
      // ("With a single component every $\gamma_{n1} = 1$": the same case, in words, for the rest of the sentence.)
      : claims.some((c) => c.verdict === 'fail') ? this.caseInWords(chain) : null;
    if (inCase && claims.some((c) => c.verdict === 'fail')) {
      // A step of the case the sentence takes up (`$D = 1$`, `$K = 1$`), read in it: a ✗ it removes becomes unchecked
      // (the step may be the case's; it is not a ✓ for the note's model either), and a ✗ on shapes that cannot fit a
      // one-dimensional step is shown as the case reads it.
      const reader = inCase.kind === 'D' ? (this.oneDim ??= new ClaimBuilder({ ...this.ctx, D: 1 }, this.loc, this.settings))
        : (this.oneComponent ??= new ClaimBuilder({ ...this.ctx, K: 1 }, this.loc, this.settings));
      reader.followDefinitions(this.defsSignature, this.defsPlaces);
      reader.stated = this.stated;
      const again = reader.chainClaimsIn(chain, stmt, inline);
      const inIt = (c: Claim) => again.find((a) => a.lhsSpan.start === c.lhsSpan.start && a.rhsSpan.start === c.rhsSpan.start);
      const where = `${inCase.kind} = 1, the case the text takes up on line ${inCase.line}`;
      return claims.map((c) => {
        const a = c.verdict === 'fail' ? inIt(c) : undefined;
        if (!a || a.verdict === 'unchecked') return c;
        if (a.verdict === 'pass') {
          return extend(c, { verdict: 'unchecked', reason: 'unsupported', cause: undefined, values: undefined,
            message: `holds with ${where}, not in the note's model (${inCase.kind} = ${this.ctx[inCase.kind]}): not checked as an identity` });
        }
        return isShapeFailure(c) ? { ...a, message: `${a.message} (read with ${where})` } : c;
      });
    }
    // (Or a derivative in σ_k² there: a step of the note's one-dimensional part.)
    const scalarOnly = (c: Claim) => this.shapeOnly.has(c) || (c.verdict === 'unchecked' && c.message.includes(SCALAR_SPREAD_IN_MATRIX_MODEL));
    if (this.ctx.D === 1 || !claims.some(scalarOnly)) return claims;
    // Not a step that writes the dimension (D in −D/(2σ²)) or a norm ‖x − μ‖: in one dimension those
    // read as 1 and |x − μ|, and a missing D would pass.
    if (chain.sides.some((s) => s.ok && (writesMatrices(s.node) || writesDimension(s.node, this.ctx)))) return claims;
    // Without the note key: it shares the definitions' map with this builder, which its own
    // signature of them does not follow, so its sides are not kept across checks (compiledAcross).
    this.oneDim ??= new ClaimBuilder({ ...this.ctx, D: 1 }, this.loc, this.settings);
    // …but its evaluations and compiled sides are keyed by the definitions in force: this builder's.
    this.oneDim.followDefinitions(this.defsSignature, this.defsPlaces);
    // (And the values the note gave every component: `\pi_k = 1/K`, `\sigma_k^2 = 1` hold in one dimension too.)
    this.oneDim.stated = this.stated;
    const again = this.oneDim.chainClaimsIn(chain, stmt, inline);
    if (again.some((c) => this.oneDim!.shapeOnly.has(c))) return claims;
    // Read in one dimension only where that reads it: its claims no worse than as they were.
    if (again.filter((c) => c.verdict !== 'unchecked').length < claims.filter((c) => c.verdict !== 'unchecked').length) return claims;
    const note = ' (read in one dimension: the step writes no vectors or matrices, and its shapes fit only for scalars)';
    return again.map((c) => (c.verdict === 'unchecked' ? c : { ...c, message: `${c.message}${note}` }));
  }

  /**
   * The one-dimensional reader's definitions are its parent's (the same map): so is their signature,
   * which its kept evaluations and compiled sides are found by. A change forgets its own per-check ones.
   */
  private followDefinitions(signature: string, places: string): void {
    if (this.defsSignature === signature && this.defsPlaces === places) return;
    this.defsSignature = signature;
    this.defsPlaces = places;
    this.sideValues.clear();
    this.memoOf = new WeakMap();
    this.compiledSides.clear();
  }

  // ---------------------------------------------------------- reuse across checks (chainReuse.ts)
  /**
   * Marks of every part of the builder's state a chain may change (the definitions, names
   * registered ahead, Lagrangians, the last conditions, latest forms, the one-dimensional
   * reading), compared before and after a chain: a chain that changes none of them has no
   * effect on the chains after it, so its claims can be reused in a later check.
   */
  stateMarks(): unknown[] {
    // (bareLoglik: the chain that first writes a bare 𝓛 for the log-likelihood changes what a later
    // Lagrangian named 𝓛 means; only that first one is never reused.)
    return [this.defsSignature, this.ctx.defs.size, this.forward.size, this.lagrangianLines.length, this.lastConditionLine, this.lastUpdate,
      this.meanIsWeighted, this.pairedWeights, this.lastWeightEliminated, this.specialCase, this.specialCaseLine, this.stated, this.supposed, this.ownCase, this.isotropicStated, this.lastCondition, this.ctx.latestForms?.size ?? 0, this.bareLoglik.size, this.redefined.size, this.readStated.size, this.textCase, this.oneDim, ...(this.oneDim?.stateMarks() ?? []), this.oneComponent, ...(this.oneComponent?.stateMarks() ?? [])];
  }

  /**
   * The absolute lines of the state that decide a chain's claims, made relative to the line
   * the chain starts on: how far back the last conditions are, when near enough to matter
   * (AFTER_CONDITION_LINES, SOLVES_CONDITION_LINES; a chain's lines only grow from its start).
   */
  distancesAt(line: number): string {
    const lc = this.lastConditionLine === null ? '-' : line - this.lastConditionLine > AFTER_CONDITION_LINES ? 'far' : String(line - this.lastConditionLine);
    const c = this.lastCondition;
    const cond = c === null ? '-' : line - c.endLine > SOLVES_CONDITION_LINES ? 'far' : `${line - c.endLine},${line - c.line}`;
    const tc = this.textCase;
    const inCase = tc !== null && line <= tc.endLine ? `/${tc.kind}${line - tc.line}` : '';
    const lu = this.lastUpdate === null || line - this.lastUpdate.line > AFTER_CONDITION_LINES ? '' : `/u${line - this.lastUpdate.line}`;
    // (The special case a step took by the values it wrote in, which a ∝ step near it may share: proportionalClaim.)
    const oc = this.ownCase === null || line - this.ownCase.line > AFTER_CONDITION_LINES ? '' : `/o${line - this.ownCase.line}`;
    return `${lc}/${cond}${inCase}${lu}${oc}${this.oneDim ? `/${this.oneDim.distancesAt(line)}` : ''}${this.oneComponent ? `/${this.oneComponent.distancesAt(line)}` : ''}`;
  }

  /** Claims left unchecked only because their shapes do not fit in the note's dimension. */
  private readonly shapeOnly = new WeakSet<Claim>();
  /** The same note read in one dimension, for chains written for scalars (see chainClaims). */
  private oneDim: ClaimBuilder | null = null;
  /** The same note read with one component, for the steps of a paragraph that takes up K = 1 (see textCase). */
  private oneComponent: ClaimBuilder | null = null;
  /**
   * A case the text takes up for the rest of a sentence (source offsets from the formula that states it to the
   * sentence's end, sentenceEnd): "In one dimension ($D = 1$) the precision is just a number, $\Lambda_k = 1/\sigma_k^2$",
   * "With $K = 1$ every $\gamma_{1i} = 1$, so $N_1 = N$". A step there that fails is read again in that case.
   * (distancesAt keys reuse by `endLine`, the line of `end`: a chain inside by offsets is inside by lines too.)
   */
  private textCase: { kind: 'D' | 'K'; start: number; end: number; line: number; endLine: number } | null = null;

  /**
   * The case of one component or one dimension the words just before a chain take up ("With a single component", "For
   * scalar data (1-D):"), where the note's model has more: read as textCase is, for that chain.
   */
  private caseInWords(chain: Chain): { kind: 'D' | 'K'; line: number } | null {
    const before = sentenceBefore(this.loc.text, chain.span.start);
    const line = this.loc.line(chain.span.start);
    // ("For one component $\mathcal N(x \mid \mu_k, \sigma_k^2)$ of the mixture": one of K, not K = 1.)
    const one = this.ctx.K > 1 ? ONE_COMPONENT_WORDS.exec(before) : null;
    const rest = one ? before.slice(one.index + one[0].length) : '';
    const formula = /^\s*\$([^$]*)\$/.exec(rest)?.[1] ?? '';
    if (one && !/_\s*\{?\s*[a-z]\s*\}?(?!\w)/.test(formula) && !/^[^.]*?of the mixture/.test(rest)) return { kind: 'K', line };
    // (Only words just before the step, in its own sentence and clause: not "Unlike the 1-D case", "generalises the
    // univariate one", a heading's "From 1-D to multivariate mixtures".)
    if (this.ctx.D > 1 && !/\n\s{0,3}#/.test(before)) {
      let last: RegExpExecArray | null = null;
      for (const m of before.matchAll(new RegExp(ONE_DIMENSION_WORDS.source, 'gi'))) last = m as RegExpExecArray;
      // (The words within 150 characters of the step, with no contrast before them in their sentence.)
      if (last && before.length - last.index <= 150 && !DIMENSION_CONTRAST.test(before.slice(0, last.index))) return { kind: 'D', line };
    }
    return null;
  }

  /** `$D = 1$`, `$K = 1$` (a dimension or count of one in a note whose model has more): the case the text takes up (textCase). */
  private noteCaseTakenUp(chain: Chain): void {
    if (chain.sides.length !== 2 || chain.relations[0]?.rel !== '=') return;
    const [a, b] = chain.sides;
    if (!a.ok || !b.ok) return;
    // `With $\Sigma_k = \sigma_k^2$, $\log|\Sigma_k| = 2\log\sigma_k$`: a covariance set to a scalar variance (no identity
    // matrix) in a multivariate note is the one-dimensional case, for the rest of the sentence.
    // (Not where the text around speaks of isotropy: σ_k² stands for σ_k² I there, the isotropic case in D dimensions.)
    if (this.ctx.D > 1 && a.node.kind === 'sym' && a.node.sub && !a.node.decor && classifySymbol(a.node, this.ctx).kind === 'cov' && scalarVariance(b.node, this.ctx) &&
        this.notIsotropic(chain.span.start)) {
      const end = sentenceEnd(this.loc.text, chain.span.end);
      this.textCase = { kind: 'D', start: chain.span.end, end, line: this.loc.line(chain.span.start), endLine: this.loc.line(end) };
      return;
    }
    if (a.node.kind !== 'sym' || a.node.sub || a.node.decor || a.node.font || b.node.kind !== 'num' || b.node.value !== 1) return;
    const name = a.node.name;
    const kind = (name === 'D' || this.ctx.reading?.dimensions.has(name)) && this.ctx.D > 1 ? 'D'
      : (name === 'K' || this.ctx.reading?.componentCounts.has(name)) && this.ctx.K > 1 ? 'K' : null;
    if (!kind) return;
    const end = sentenceEnd(this.loc.text, chain.span.end);
    this.textCase = { kind, start: chain.span.end, end, line: this.loc.line(chain.span.start), endLine: this.loc.line(end) };
  }

  /** Does the text near `at` (its sentence and the 200 characters before, its section's heading) not speak of isotropy? */
  private notIsotropic(at: number): boolean {
    const near = `${this.loc.text.slice(Math.max(0, at - 200), at)} ${sentenceAfter(this.loc.text, at)}`;
    const section = this.sectionStart(at);
    const heading = section >= 0 ? this.loc.text.slice(section, this.loc.text.indexOf('\n', section) >>> 0) : '';
    // (Saying neither, `\Sigma_k = \sigma_k^2` is read as the one-dimensional case: a step that holds there is not a ✗ then,
    // only unchecked, as whichever case is meant it is not an identity of the note's model.)
    return !ISOTROPY_WORDS.test(near) && !ISOTROPY_WORDS.test(heading);
  }

  private chainClaimsIn(chain: Chain, stmt: Statement, inline: boolean): Claim[] {
    this.inlineChain = inline;
    const claims: Claim[] = [];
    const n = chain.sides.length;
    if (n < 2) {
      this.registerUnderbraces(chain);
      return claims;
    }
    const started = Date.now();
    if (n === 2 && chain.sides[0].ok && chain.sides[1].ok && eliminatesLastWeight(chain.sides[0].node, chain.sides[1].node, this.ctx)) this.lastWeightEliminated = true;
    // The multiplier under any letter the note's reading gives it (η in η(Σ_k π_k − 1)), as λ.
    const multipliers = ['lambda', ...[...(this.ctx.reading?.symbols.values() ?? [])].filter((r) => r.quantity === 'lambda').map((r) => r.key)];
    const relaxed = chain.sides.some((sd) => sd.ok && multipliers.some((key) => sideMentions(sd.node, key)));
    // Once per chain, not per link: a 20k-link chain must stay linear.
    const isExample = exampleChain(chain);
    const compiled: (SideResult | null)[] = new Array(n).fill(null);
    // `γ_j(W) = …` with W the note's data set: stated pointwise, W is a point in this chain (when
    // its first side cannot be read with W as the data set and can with W as a point).
    let pointwise: Set<string> | null = null;
    const pointArgs = chain.sides[0]?.ok ? datasetArguments(chain.sides[0].node, this.ctx) : new Set<string>();
    const compileSide = (j: number, reading: SideReading = 'all'): SideResult => {
      const side = chain.sides[j];
      if (!side.ok) return { ok: false, reason: 'parse-error', message: side.message, span: side.errorSpan };
      if (pointwise === null && pointArgs.size) {
        pointwise = new Set();
        const first = chain.sides[0]!;
        // Only when W is what the first side stumbles on: read pointwise, it compiles.
        const compilesWith = (names: Set<string> | null): boolean => {
          if (!first.ok) return false;
          const scope = newScope(this.ctx, reading);
          if (names) scope.values = { names, used: false };
          try { compile(first.node, scope); return true; } catch (e) {
            if (!(e instanceof CheckError)) throw e;
            return false;
          }
        };
        if (!compilesWith(null) && compilesWith(pointArgs)) pointwise = pointArgs;
      }
      // The data set's names read as one point (the key says only that some are) belong with the definitions.
      const under = pointwise?.size ? `${this.defsSignature}/${[...pointwise].sort().join(',')}` : this.defsSignature;
      const key = `${reading}${pointwise?.size ? '/pointwise' : ''}:${this.loc.text.slice(side.span.start, side.span.end)}`;
      const known = this.compiledSides.get(`${under}\u0000${key}`);
      if (known) return { ok: true, closure: known.closure, scope: known.scope, node: side.node, key };
      const across = this.compileSignature === null ? null : `${this.compileSignature}\u0000${this.defsPlaces}\u0000${under}\u0000${side.span.start}\u0000${key}`;
      const before = across === null ? undefined : compiledAcross.get(across);
      // A side that did not compile fails the same way at the same place (its error's span is there).
      if (before && 'ok' in before) return { ...before };
      if (before) {
        this.compiledUnder.set(before.closure, under);
        this.compiledSides.set(`${under}\u0000${key}`, before);
        return { ok: true, closure: before.closure, scope: before.scope, node: side.node, key };
      }
      try {
        const scope = newScope(this.ctx, reading);
        if (pointwise?.size) scope.values = { names: pointwise, used: false };
        const inner = compile(side.node, scope);
        const closure = pointwise?.size ? atGenericPoint(inner, pointwise) : inner;
        this.compiledUnder.set(closure, under);
        this.compiledSides.set(`${under}\u0000${key}`, { closure, scope });
        if (across !== null) compiledAcross.set(across, { closure, scope });
        return { ok: true, closure, scope, node: side.node, key };
      } catch (e) {
        const failed: FailedSide | null = e instanceof NotationError ? { ok: false, reason: 'unsupported', message: e.message, span: e.span, notation: true }
          : e instanceof CheckError ? { ok: false, reason: e.reason, message: e.message, span: e.span } : null;
        if (!failed) throw e;
        if (across !== null) compiledAcross.set(across, { ...failed });
        return failed;
      }
    };
    const sideAt = (j: number): SideResult => (compiled[j] ??= compileSide(j));

    // Results of comparing expressions pairwise (for culprit localisation).
    const agreeCache = new Map<string, boolean | null>();
    const agree = (a: number, b: number): boolean | null => {
      const key = `${a},${b}`;
      if (agreeCache.has(key)) return agreeCache.get(key) ?? null;
      const sa = sideAt(a), sb = sideAt(b);
      let r: boolean | null = null;
      if (sa.ok && sb.ok) {
        let ev = this.evaluate(sa, sb, relaxed);
        // (∂Q/∂μ_k with Q's responsibilities the E-step's numbers, as checkLinkAsWritten reads it too.)
        if (ev.status === 'fail' && (sa.scope.flags.usesResp || sb.scope.flags.usesResp) &&
            (sa.scope.flags.derivatives.length > 0 || sb.scope.flags.derivatives.length > 0)) {
          const frozen = this.evaluate(sa, sb, relaxed, false, undefined, true);
          if (frozen.status === 'pass') ev = frozen;
        }
        r = ev.status === 'pass' ? true : ev.status === 'fail' ? false : null;
      }
      agreeCache.set(key, r);
      return r;
    };

    for (let j = 1; j < n; j++) {
      const rel = chain.relations[j - 1];
      const lhsSide = chain.sides[j - 1];
      const rhsSide = chain.sides[j];
      const base = this.baseClaim(chain, j, stmt);
      if (Date.now() - started > this.settings.budgetMs * n) {
        claims.push({ ...base, kind: 'step', verdict: 'unchecked', reason: 'unsupported', message: 'not checked: the chain took longer than the time budget (too slow)' });
        continue;
      }
      if (rel.rel === '∝') {
        const proportional = this.densityProportional(base, sideAt(j - 1), sideAt(j)) ?? this.proportionalClaim(base, sideAt(j - 1), sideAt(j));
        if (proportional) { claims.push(proportional); continue; }
      }
      // Relations that are not identities.
      if (rel.rel !== '=' && rel.rel !== ':=' && rel.rel !== '≈' && rel.rel !== '≡') {
        const isCondition = ['≤', '≥', '<', '>', '∈', '∉', '⊂', '≠'].includes(rel.rel);
        claims.push({
          ...base, kind: 'condition', verdict: 'unchecked', reason: isCondition ? 'condition' : 'not-an-equation',
          message: isCondition
            ? `“${rel.rel}” states a condition or a domain, not an identity; not checked`
            : `“${rel.rel}” links statements rather than equal values; not checked as an identity`,
        });
        continue;
      }
      // `k = 1, \dots, K`: the range of an index.
      // `d = 1, \dots, D` with any plain letter: what follows the 1 in the source says it is a range.
      const rangeWritten = j === 1 && chain.sides.length === 2 && lhsSide.ok && rhsSide.ok && lhsSide.node.kind === 'sym' && !lhsSide.node.sub &&
        lhsSide.node.name.length === 1 && rhsSide.node.kind === 'num' && /^\s*,\s*\\[lc]?dots\b/.test(this.loc.text.slice(rhsSide.span.end, rhsSide.span.end + 12));
      // (A range's right side is where it starts: a number. `\ell = \sum_i \ell_i` is not ℓ's range, nor `\ell = -\frac{1}{N}\sum_n …`
      // (a sum, a function or a fraction anywhere), nor a right side that cannot be read, whose message says why.)
      if (j === 1 && lhsSide.ok && lhsSide.node.kind === 'sym' && (rangeWritten || (isIndexRangeLetter(lhsSide.node, this.ctx) && rhsSide.ok && !writesKind(rhsSide.node, RANGE_NEVER)))) {
        claims.push({ ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition', message: `gives the range of the index ${lhsSide.node.name}; not an identity` });
        continue;
      }
      // `\pi_1 = \pi_2 = \pi_3 = 1/3`: example values, link by link.
      if (isExample) {
        claims.push({ ...base, kind: 'numeric', verdict: 'unchecked', reason: 'unsupported', message: 'gives example values (a worked example), not an identity that holds for every GMM; not checked' });
        continue;
      }
      // Definitions of new names: `S_i = …`, `f' = …`, `\mathfrak{L} = …`.
      // (Not `$z_{ik} = 1$ if point i came from component k`, `when $\Sigma_k = \sigma^2 I$`: a case or a hypothesis the text states, proseCase.)
      // (Not `s_k \gets s_k - \eta\,\partial J/\partial s_k`: an assignment from the name's own value is a step of an
      // iterative method, never what the name means from then on.)
      if (j === 1 && lhsSide.ok && !(inline && proseCase(this.loc.text, chain)) &&
        !(rel.rel === ':=' && rhsSide.ok && iterationStep(lhsSide.node, rhsSide.node, this.ctx, true))) {
        const def = this.definitionTarget(lhsSide.node, inline || rel.rel === ':=', rhsSide.ok ? rhsSide.node : null, rel.rel === ':=');
        if (def) {
          const valued = this.defineWithArguments(def, lhsSide.node, rhsSide, base.line);
          // (`R_{nk} = \pi_k P_{nk} / (P\pi)_n`: a body with the weights' vector is not evaluated as the number π.)
          const rhs: SideResult = valued ?? (rhsSide.ok && weightVectorUse(rhsSide.node) ? { ok: false, reason: 'unsupported', message: WEIGHT_VECTOR, span: rhsSide.span } : sideAt(1));
          // `S_k = \sum_n r_{nk} x_n x_n^T - N_k \mu_k^T \mu_k` after `S_k = …` above: a restatement whose shapes do not fit does not
          // replace the definition in force (the steps after it use S_k as defined), and is not judged as one.
          const prior = valued ? undefined : this.ctx.defs.get(def.key);
          const misfit = prior && !prior.broken && prior.line < base.line && rhs.ok ? this.evaluate(rhs, rhs, false).shapeError : undefined;
          if (misfit) {
            claims.push({ ...base, kind: 'definition', verdict: 'unchecked', reason: 'unsupported', culprit: rhsSide.span,
              message: `restates ${def.display}, defined on line ${prior!.line}, but the shapes of its right side do not fit (${shapeReason(misfit)}); the definition on line ${prior!.line} stays in force` });
            continue;
          }
          if (!valued) this.define(def, rhsSide, rhs, base.line);
          const made = this.ctx.defs.get(def.key);
          if (def.lagrangian && made && !made.broken && lhsSide.node.kind === 'apply' && rhsSide.ok) {
            // (Ambiguous too after the note wrote 𝓛 bare for the log-likelihood: later ones may mean either.)
            made.bareLagrangian = writesName(rhsSide.node, def.sym) || this.bareLoglik.has(symbolKey(def.sym)) ? null : lhsSide.node;
          }
          if (rhs.ok) {
            claims.push({ ...base, kind: 'definition', verdict: 'pass', reason: null, message: `defines ${def.display} (used from line ${base.line} on)` });
          } else {
            claims.push({ ...base, kind: 'definition', verdict: 'unchecked', reason: rhs.reason, message: `defines ${def.display}, but its right side cannot be evaluated: ${rhs.message}`, culprit: rhs.span });
          }
          continue;
        }
      }
      const lhs = sideAt(j - 1);
      const rhs = sideAt(j);
      if (!lhs.ok || !rhs.ok) {
        const bad = !lhs.ok ? lhs : (rhs as FailedSide);
        if (bad.notation) {
          claims.push(extend(base, { kind: this.kindOf(chain, j, lhs, rhs), verdict: 'fail', reason: null, culprit: bad.span, cause: proseToUnicode(bad.message), message: failMessage(bad.message, '', '') }));
          continue;
        }
        const special = lhsSide.ok && rhsSide.ok ? this.isotropicCase(j, lhsSide.node, rhsSide.node, base, chain.span.start) : null;
        if (special) { claims.push(special); continue; }
        const unread: Claim = { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: bad.reason, message: bad.message, culprit: bad.span };
        claims.push(rhs.ok ? this.bridge(chain, j, unread, rhs, relaxed, sideAt, compileSide, agree) : unread);
        continue;
      }
      this.prevLinkPassed = j >= 2 && claims.length > 0 && claims[claims.length - 1]!.verdict === 'pass' && claims[claims.length - 1]!.rhsSpan === lhsSide.span;
      const judged = this.checkLink(chain, j, base, lhs, rhs, relaxed, compileSide, agree);
      const objective = j === 1 && judged.verdict === 'fail' ? this.objectiveDefinition(chain, lhsSide, rhsSide, lhs, rhs, relaxed, base) : null;
      if (objective) { claims.push(objective); continue; }
      if (j === 1 && n === 2 && judged.kind === 'update' && judged.verdict === 'pass' && lhs.node.kind === 'sym') this.defineEstimate(lhs.node, rhsSide, rhs, base.line, chain.span.start);
      if (j === 1 && n === 2 && judged.kind === 'update' && judged.verdict === 'pass' && lhsSide.ok && lhsSide.node.kind === 'sym' && !lhsSide.node.decor && !lhsSide.node.accent && !lhsSide.node.primes) {
        this.lastUpdate = { name: lhsSide.node.name, kind: classifySymbol(lhsSide.node, this.ctx).kind, line: base.endLine, display: this.loc.text.slice(chain.span.start, chain.span.end).trim() };
      }
      // `log Σ_k e^{a_k} ≈ max_k a_k`, a Taylor step: an approximation is allowed to differ. (Printed numbers
      // written with ≈ are judged by their rounding afterwards, numeric.ts.)
      const step = judged.verdict === 'fail' ? iterationStep(lhs.node, rhs.node, this.ctx, rel.rel === ':=') : null;
      claims.push(rel.rel === '≈' && judged.verdict === 'fail' ? extend(judged, { verdict: 'unchecked', reason: 'not-an-equation', cause: undefined, values: undefined,
        message: '“≈” states an approximation: the two sides differ at the sample points, which an approximation may; not checked as an identity',
      }) : step ? extend(judged, { kind: 'update', verdict: 'unchecked', reason: 'unsupported', cause: undefined, values: undefined,
        message: `a step of an iterative method (${symbolToUnicode(this.loc.text.slice(step.span.start, step.span.end))} from its current value plus a step, as gradient ascent or Newton's method take), not EM's update; the checker has only EM's to compare with: not checked`,
      }) : judged);
    }
    this.registerUnderbraces(chain);
    this.noteStatedValues(chain);
    this.noteLatestForm(chain, claims);
    this.noteBareLoglik(chain);
    // `0 = ∂Q/∂Σ_k⁻¹ = … = G`: a condition the next statement may solve (solvesCondition), when
    // the step that reached G was checked and holds (an unchecked G is not to be trusted).
    if (chain.sides.some((sd) => sd.ok && isZero(sd.node)) && chain.sides.some((sd) => sd.ok && mentionsDerivative(sd.node))) {
      const last = [...chain.sides].reverse().find((sd) => sd.ok && !isZero(sd.node));
      const reached = last?.ok && claims.some((c) => c.verdict === 'pass' && c.rhsSpan === last.span);
      const wrt = chain.sides.flatMap((sd) => (sd.ok ? derivativeLetters(sd.node) : []));
      this.lastCondition = last?.ok && reached ? { endLine: this.loc.line(Math.max(chain.span.start, chain.span.end - 1)), node: last.node, line: this.loc.line(last.span.start), wrt } : null;
    }
    // Messages quote the note's LaTeX (symbols, definitions): in Unicode for people.
    // Parse errors keep it: they are about the LaTeX as typed (`\\right` missing).
    for (const c of claims) {
      if (c.reason !== 'parse-error') c.message = proseToUnicode(c.message);
      if (c.cause) c.cause = proseToUnicode(c.cause);
    }
    return claims;
  }

  /**
   * `\mathcal{L} = -\frac{1}{N} \sum_n \log \sum_k \pi_k \mathcal{N}(…)`: the log-likelihood's letter (𝓛, L, ℓ) defined as
   * a multiple of the log-likelihood, the note's own objective (a mean negative log-likelihood minimised as a loss, an
   * average log-likelihood). Checked as it is written (its two sides) it fails by that factor, and so would every step
   * derived from it: it is a definition, and the letter means it from here on. Only the factors of those conventions:
   * −1 where the words leading to it call the objective a loss or a negative log-likelihood, −1/N unless they call it the
   * log-likelihood or maximise it, 1/N where they do not call it a loss (otherwise a sign flipped in the log-likelihood's
   * own definition, or the NLL's sign left out, is a mistake).
   * The claim, or null.
   */
  private objectiveDefinition(chain: Chain, lhsSide: Side, rhsSide: Side, lhs: CompiledSide, rhs: CompiledSide, relaxed: boolean, base: Claim): Claim | null {
    if (!lhsSide.ok || !rhsSide.ok || chain.relations[0]?.rel !== '=') return null;
    const node = lhsSide.node;
    // (𝓛, 𝓛(θ), 𝓛(μ, σ, π): the objective of all the parameters, or of the letters it lists.)
    const listed = (n: ApplyNode) => [...n.args, ...(n.given ?? [])].every((a) => a.kind === 'sym' && !a.sub);
    const sym = node.kind === 'sym' ? node : node.kind === 'apply' && (parameterSets(node) || listed(node)) ? node.fn : null;
    if (!sym || sym.sub || sym.decor || sym.primes || sym.accent || classifySymbol(sym, this.ctx).kind !== 'loglik') return null;
    // (Not a letter the note has already written bare for the log-likelihood: it would then mean two things.)
    if (this.ctx.defs.has(symbolKey(sym)) || this.ctx.defs.has(`${symbolKey(sym)}()`) || this.bareLoglik.has(symbolKey(sym))) return null;
    const ev = this.evaluate(lhs, rhs, relaxed);
    if (ev.status !== 'fail' || ev.samples.length < 3) return null;
    const ratios: number[] = [];
    for (const s of ev.samples) {
      if (s.lp.values.length !== 1 || s.rp.values.length !== 1 || s.lp.values[0] === 0) return null;
      ratios.push(s.rp.values[0]! / s.lp.values[0]!);
    }
    const N = this.ctx.N;
    const factor = [[-1 / N, '−1/N'], [1 / N, '1/N'], [-1, '−1']].find(([f]) => ratios.every((r) => Math.abs(r - (f as number)) <= 1e-9 * Math.abs(f as number)));
    if (!factor) return null;
    // The words that lead to it, since the formula before: a negative factor is a loss only where they call it one (and do not
    // maximise it); an average, 1/N, only where they do not (the NLL written without its sign is a slip).
    // (Without the formula's own opening `$$`, `\[`, `\begin{…}`.)
    const before = this.loc.text.slice(Math.max(0, chain.span.start - LEAD_IN), chain.span.start).replace(/(?:\$\$?|\\\[|\\begin\{[A-Za-z*]+\})\s*$/, '');
    const leadIn = before.slice(Math.max(before.lastIndexOf('$$'), before.lastIndexOf('\\]'), before.lastIndexOf('\\end{')) + 1);
    const loss = LOSS_WORDS.test(leadIn), maximised = /\bmaximi[sz]/i.test(leadIn);
    // (−1/N without such words, as ML notes define a loss, unless they call it the log-likelihood itself: a sign then dropped.)
    const ok = factor[0] === -1 ? loss && !maximised : factor[0] === 1 / N ? !loss : loss || !(maximised || LOGLIK_WORDS.test(leadIn));
    if (!ok) return null;
    const def = this.definitionTarget(node, true, rhsSide.node, false, false, true);
    if (!def) return null;
    if (!this.defineWithArguments(def, node, rhsSide, base.line)) this.define(def, rhsSide, rhs, base.line);
    // (𝓛(θ) = …: the bare 𝓛 after it, ∂𝓛/∂μ_k, is this function, as it is for a Lagrangian named after the log-likelihood.)
    const made = this.ctx.defs.get(def.key);
    if (made && node.kind === 'apply') made.bareLagrangian = node;
    const name = symbolToUnicode(this.loc.text.slice(sym.span.start, sym.span.end));
    return extend(base, { kind: 'definition' as const, verdict: 'pass' as const, reason: null,
      message: `defines ${name} as ${factor[1]} times the log-likelihood (the note's own objective${factor[0] === -1 || (factor[0] as number) < 0 ? ', a loss to minimise' : ', an average'}), used as written from line ${base.line} on` });
  }

  /** Log-likelihood letters (𝓛, ℓ, L) the note has written bare while they meant the log-likelihood. */
  private readonly bareLoglik = new Set<string>();

  private noteBareLoglik(chain: Chain): void {
    for (const side of chain.sides) {
      if (!side.ok || !(sideMentions(side.node, 'L') || sideMentions(side.node, 'ell'))) continue;
      walk(side.node, (n) => {
        if (n.kind !== 'sym' || n.sub || n.decor || n.primes || n.accent || classifySymbol(n, this.ctx).kind !== 'loglik') return;
        const key = symbolKey(n);
        if (!this.ctx.defs.get(`${key}()`)?.bareLagrangian) this.bareLoglik.add(key);
      });
    }
  }

  /**
   * `Q(\Sigma_k) = E` for a function the note defined with arguments: a later bare Q means E
   * (NoteContext.latestForms). Not a form found wrong (its step a ✗): a later step that reads Q as
   * the definition says would fail for that earlier mistake.
   */
  private noteLatestForm(chain: Chain, claims: readonly Claim[]): void {
    const [first, second] = chain.sides;
    if (!first?.ok || !second?.ok || first.node.kind !== 'apply' || chain.relations[0]?.rel !== '=') return;
    if (claims.some((c) => c.verdict === 'fail' && c.lhsSpan.start === first.span.start && c.rhsSpan.start === second.span.start)) return;
    const key = symbolKey(first.node.fn);
    const def = this.ctx.defs.get(`${key}()`);
    if (!def) return;
    const forms = (this.ctx.latestForms ??= new Map()).get(key) ?? { partial: new Map<string, Node>() };
    this.ctx.latestForms.set(key, forms);
    // Q(Σ_k) = E: the form for Σ_k; Q(Σ, μ, α) = E: the whole of Q, which the partial ones are parts of.
    const args = first.node.args;
    const partial = !first.node.given && args.length > 0 && args.every((a) => a.kind === 'sym' && a.sub && def.argLetters?.includes(letterOf(a)));
    if (partial) for (const a of args) forms.partial.set(letterOf(a as SymNode), second.node);
    else { forms.full = second.node; forms.partial.clear(); }
    this.noteDefinition(`${key}*`, [], this.loc.text.slice(second.span.start, second.span.end), second.span.start, 0);
  }

  private baseClaim(chain: Chain, j: number, stmt: Statement): Claim {
    const l = chain.sides[j - 1].span;
    const r = chain.sides[j].span;
    const text = this.loc.text;
    return {
      line: this.loc.line(l.start),
      endLine: this.loc.line(Math.max(r.start, r.end - 1)),
      column: this.loc.column(l.start),
      kind: 'step',
      lhs: tidy(text.slice(l.start, l.end)),
      rhs: tidy(text.slice(r.start, r.end)),
      relation: chain.relations[j - 1].rel,
      verdict: 'unchecked',
      reason: null,
      message: '',
      lhsSpan: l,
      rhsSpan: r,
      culprit: { start: l.start, end: r.end },
      regionIndex: stmt.regionIndex,
    };
  }

  private kindOf(chain: Chain, j: number, lhs: SideResult, rhs: SideResult): ClaimKind {
    const first = chain.sides[0];
    if (j > 1) return 'step';
    if (first.ok && first.node.kind === 'deriv') return 'gradient';
    if ((lhs.ok && lhs.scope.flags.derivatives.length) || (rhs.ok && rhs.scope.flags.derivatives.length)) return 'gradient';
    return 'identity';
  }

  // ------------------------------------------------------------------ definitions
  /**
   * `γ_nk ∝ π_k 𝒩(x_n | μ_k, Σ_k)`: proportional over the one component index both sides
   * leave free, i.e. equal once each side is normalised over it. Null (the caller leaves the
   * claim unchecked) when there is no such index: proportional in what would be a guess.
   */
  /**
   * `IW(\Sigma_k \mid S_0^{-1}, \nu_0) \propto (\det \Sigma_k)^{-N_0/2} \exp(…)`: a density of a parameter,
   * proportional as a function of that parameter: the derivatives of the sides' logarithms in it
   * agree. Null when the left side is not a density applied to a parameter.
   */
  private densityProportional(base: Claim, l: SideResult, r: SideResult): Claim | null {
    if (!l.ok || !r.ok || l.node.kind !== 'apply' || l.node.args.length !== 1) return null;
    const v = l.node.args[0]!;
    const letter = v.kind === 'pow' ? v.base : v;
    if (letter.kind !== 'sym' || !PARAMETER_KINDS.has(classifySymbol(letter, this.ctx).kind)) {
      // An inverse-Wishart of something else: not "proportional over k" either.
      return l.scope.flags.usesIW ? { ...base, kind: 'step', verdict: 'unchecked', reason: 'unsupported', message: 'proportional as a function of the density\'s variable, which is not a parameter here; not checked' } : null;
    }
    const logOf = (side: CompiledSide): CompiledSide => ({ ...side, node: { kind: 'func', name: 'log', arg: side.node, span: side.node.span }, key: `log:${side.key}` });
    const dl = this.derivative(logOf(l), v), dr = this.derivative(logOf(r), v);
    if (!dl.ok || !dr.ok) return null;
    const shown = proseToUnicode(this.loc.text.slice(v.span.start, v.span.end).replace(/\\(boldsymbol|mathbf|bm)\s*/g, ''));
    let ev = this.evaluate(dl, dr, false);
    const claim = { ...base, kind: 'step' as const };
    let why = this.abstractDependence(dl, dr, false, false, ev);
    if ((ev.status === 'fail' || why) && (dl.scope.flags.usesIW || dr.scope.flags.usesIW)) {
      // The other book's convention: a pass under it passes; a ✗ needs a ✗ under both.
      const other = this.evaluate(dl, dr, false, false, undefined, false, IW_SCALE_CONVENTION);
      const otherWhy = this.abstractDependence(dl, dr, false, false, other, IW_SCALE_CONVENTION);
      if (other.status === 'pass' && !otherWhy) { ev = other; why = null; }
      else if (ev.status === 'fail' && other.status === 'fail' && (!why || !otherWhy)) { if (why) ev = other; why = null; }
      else if (ev.status !== 'pass') why ??= otherWhy ?? 'under one of the two conventions for the inverse-Wishart’s matrix it may hold';
    }
    // The claim is about this density as a function of its parameter: not "proportional over k".
    if (why) return { ...claim, verdict: 'unchecked', reason: 'abstract-function', message: why };
    if (ev.status === 'pass') {
      return extend(claim, { verdict: 'pass', reason: null, maxRelError: ev.maxRel, message: `proportional as a function of ${shown}: the derivatives of the logarithms of the two sides in ${shown} agree (${ev.points} sample points of ${this.settings.trials} random GMM instances, max rel. error ${ev.maxRel.toExponential(0)})` });
    }
    if (ev.status === 'fail' && ev.counterexample && !ev.shapeError) {
      const ce = ev.counterexample;
      return extend(claim, { verdict: 'fail', reason: null, values: { lhs: formatValue(ce.l), rhs: formatValue(ce.r), at: this.describePoint(ce) },
        message: `${failMessage(`the two sides are not proportional as functions of ${shown}: the derivatives of their logarithms in ${shown} differ`, '', `At ${this.describePoint(ce)}: left ${formatValue(ce.l)}, right ${formatValue(ce.r)}.`)}${this.priorNote}`,
      });
    }
    return { ...claim, verdict: 'unchecked', reason: 'unsupported', message: `proportional as a function of ${shown} if the derivatives of the logarithms of the two sides in ${shown} agree, and these could not be evaluated: ${ev.costly ?? ev.error ?? ev.shapeError ?? ev.undefinedSide ?? 'undefined values'}` };
  }

  private proportionalClaim(base: Claim, l: SideResult, r: SideResult): Claim | null {
    if (!l.ok || !r.ok) return null;
    const comps = [...l.scope.free].filter(([k, role]) => role === 'comp' && r.scope.free.get(k) === 'comp').map(([k]) => k);
    if (comps.length !== 1) return null;
    const k = comps[0];
    const normalised = (side: CompiledSide): CompiledSide => ({
      ...side,
      key: `∝${k}:${side.key}`,
      closure: (env) => {
        const at = env.idx[k];
        let total: Scalar = 0;
        for (let c = 0; c < env.t.K; c++) {
          env.idx[k] = c;
          total = add(total, toScalar(side.closure(env)));
        }
        env.idx[k] = at;
        return div(toScalar(side.closure(env)), total);
      },
    });
    const ev = this.evaluate(normalised(l), normalised(r), false);
    const claim = { ...base, kind: 'step' as const };
    if (ev.status === 'pass') {
      return extend(claim, { verdict: 'pass', reason: null, maxRelError: ev.maxRel, message: `proportional over ${k}: the two sides agree once each is divided by its sum over ${k} (${ev.points} sample points of ${this.settings.trials} random GMM instances, max rel. error ${ev.maxRel.toExponential(0)})` });
    }
    if (ev.status === 'fail' && ev.counterexample && !ev.shapeError) {
      // `\pi_k \propto N_k`: a parameter proportional to a quantity of the E-step, the update up to its normalisation,
      // which holds where EM stops (at its stationary points), not for every GMM.
      const parameter = l.node.kind === 'sym' && !l.node.decor && PARAMETER_KINDS.has(classifySymbol(l.node, this.ctx).kind);
      const st = parameter ? stationaryTrials(this.settings.seed, 3, this.ctx.K, this.ctx.D, !!this.ctx.isotropic, undefined, usesTied(l, r)) : [];
      if (st.length > 0 && this.evaluate(normalised(l), normalised(r), false, false, { trials: st, floor: 1e-2 * (ev.magnitude ?? 1), tolerance: STATIONARY_TOLERANCE, stationaryCondition: true }).status === 'pass') {
        return extend(claim, { kind: 'condition', verdict: 'unchecked', reason: 'condition',
          message: `proportional over ${k} where the derivatives of the likelihood vanish (checked at ${st.length} stationary points found by EM), not in general: the update up to its normalisation, a condition at the optimum, not an identity` });
      }
      // `r_{nc} \propto w_c \mathcal{N}(x_n \mid \mu_c, 1)` after the note's unit-variance case: the values it uses, as for `=`.
      // (Only values a step above took as the note's special case: `r_{nc} \propto w_c\mathcal{N}(x_n \mid \mu_c, 1)` in a note
      // whose responsibilities have variances σ_c² is a slip, not a case.)
      const own = writtenValues([l.node, r.node], this.ctx);
      const taken = this.ownCase && own && this.ownCase.key === own.shown && base.line - this.ownCase.line <= AFTER_CONDITION_LINES ? own : null;
      if (taken && this.valuesHold(normalised(l), normalised(r), false, false, taken.values, `own:${taken.shown}`)) {
        return extend(claim, { verdict: 'unchecked', reason: 'unsupported', message: `holds with the values it writes in for every component (${taken.shown}), as the step on line ${this.ownCase!.line} does, not for every GMM: a special case the note takes, so it is not checked as an identity` });
      }
      const chosen = this.chosenDistribution(l.node, r.node);
      if (chosen) return { ...claim, verdict: 'unchecked', reason: 'abstract-function', message: chosen };
      const ce = ev.counterexample;
      return extend(claim, { verdict: 'fail', reason: null, values: { lhs: formatValue(ce.l), rhs: formatValue(ce.r), at: this.describePoint(ce) },
        message: failMessage(`the two sides are not proportional over ${k}: divided by their sums over ${k} they differ`, '', `At ${this.describePoint(ce)}: left ${formatValue(ce.l)}, right ${formatValue(ce.r)} (each divided by its sum over ${k}).`),
      });
    }
    return null;
  }

  /**
   * "… ∏_k α_k^{n_k} …, where n_k = Σ_j γ_jk": a symbol the note only defines after it uses it.
   * Before the note is checked in order, the definitions of names that mean nothing else are
   * registered, so an earlier use reads them; the defining statement itself still reports
   * "defines" when it is reached. Definitions of a name given twice keep their order.
   */
  predefine(chain: Chain): void {
    // (A chain's first link defines: `a_n = \log \frac{…}{…} = \log\frac{w_1}{w_2} + …` is a_n's definition, the rest its claims,
    // and a later `a_n = …` for a special case is not what the lines above meant.)
    if (chain.sides.length < 2 || (chain.relations[0]?.rel !== '=' && chain.relations[0]?.rel !== ':=')) return;
    const [l, r] = chain.sides as [Side, Side];
    if (!l.ok || !r.ok) return;
    // A function the text defines after using it: "…, where $\phi(z) = \frac{1}{\sqrt{2\pi}} e^{-z^2/2}$".
    const whereFunction = l.node.kind === 'apply' && /\b(?:where|with|wobei|mit|où|avec|donde|con|其中)\s*(?:\$|\\\()\s*$/i.test(
      this.loc.text.slice(Math.max(0, chain.span.start - 40), chain.span.start));
    if (!whereFunction && (l.node.kind !== 'sym' || !l.node.sub)) return;
    // A case or a hypothesis (proseCase), or a choice made from here on, a letter set to a quantity or a number
    // ("With $q_{ik} = \gamma_{ik}$ the bound is tight"; not "With $S_k = \sum_n \gamma_{nk} x_n$ this is …", a
    // definition): nothing to read into the lines above.
    const before = this.loc.text.slice(Math.max(0, chain.span.start - 60), chain.span.start);
    if ((CHOICE_BEFORE.test(before) && chosenValue(r.node)) || proseCase(this.loc.text, chain)) return;
    // ("With $\Sigma_k = \sigma_k^2$ the factor is just $\sigma_k$, and $q_{nk} = (x_n - \mu_k)^2/\sigma_k^2$": defined under the
    // choice its sentence opens with.)
    if (CHOICE_OPENS.test(sentenceBefore(this.loc.text, chain.span.start))) return;
    // A letter set to a number ("With all $w_n = 1$ we get …", "At $\beta = 1$ this is plain EM"): a special case
    // from there on, not what the letter meant above.
    const where = WHERE_BEFORE.test(this.loc.text.slice(Math.max(0, chain.span.start - 100), chain.span.start));
    if (isPlainNumber(r.node) && !where) return;
    // A name the text above declares free ("Let $q_{nk} \ge 0$ with $\sum_k q_{nk} = 1$ be any distribution", and
    // later "(it is the $q_{nk} = \pi_k$ choice)"): a choice made there, not the "where" that follows a formula.
    const name = this.loc.text.slice(l.span.start, l.span.end).trim();
    if (name && !where && (this.freeNames ??= declaredFree(this.loc.text)).some((f) => f.name === name && f.at < chain.span.start)) return;
    const def = this.definitionTarget(l.node, false, r.node, false, true);
    if (!def || this.ctx.defs.has(def.key) || this.forward.has(def.key)) return;
    if (whereFunction) {
      // Its arguments bound as defineWithArguments binds them when the statement is reached.
      if (this.defineWithArguments(def, l.node, r, this.loc.line(chain.span.start))) this.forward.add(def.key);
      return;
    }
    try {
      const scope = newScope(this.ctx);
      const closure = compile(r.node, scope);
      const free = new Map<string, Role>();
      for (const [k, role] of scope.free) if (!def.params.includes(k)) free.set(k, role);
      this.ctx.defs.set(def.key, {
        key: def.key, params: def.params, body: closure, free, line: this.loc.line(chain.span.start), latex: def.display,
        ...definitionFlags(scope.flags),
      });
      this.forward.add(def.key);
      this.noteDefinition(def.key, def.params, this.loc.text.slice(r.span.start, r.span.end), r.span.start, this.loc.line(chain.span.start));
    } catch (e) {
      if (!(e instanceof CheckError)) throw e;
    }
  }

  /**
   * w_{ik} read as a responsibility only by the usual letters (γ, r, w with two indices), in a note whose reading
   * finds its responsibilities under another letter (γ_ik): a guess, which the note's own definition of w_{ik}
   * (`w_{ik} = \pi_k e^{-(x_i - \mu_k)^2/2}`, an unnormalised weight) overrides.
   */
  private respGuessed(sym: SymNode, kind: string): boolean {
    if (kind !== 'resp' || symbolReading(this.ctx.reading, sym, indexList(sym.sub).length) !== undefined) return false;
    // (Not γ^{(t)}_{ij} where the reading has γ_ij: the same letter, decorated.)
    let other = false;
    for (const r of this.ctx.reading?.symbols.values() ?? []) {
      if (r.quantity !== 'resp') continue;
      if (/^(?:[a-z]+:)*([A-Za-z]+)/.exec(r.key)?.[1] === sym.name) return false;
      other = true;
    }
    return other;
  }

  /**
   * `\hat\mu_k = \frac{1}{N_k} \sum_n \gamma_{nk} x_n`: an update, checked as one, and what μ̂_k means from here on
   * (the estimate as the note writes it), where the letter table would read the accented letter as the current μ_k.
   * Only for an accented parameter with no superscript, which the note has neither defined nor written before (a note
   * that writes its parameters μ̂_k, σ̂_k² throughout means the parameters by them: the update is a condition on them).
   */
  private defineEstimate(lhs: SymNode, rhsSide: Side, rhs: SideResult, line: number, at: number): void {
    if (!lhs.accent || lhs.decor || lhs.primes) return;
    const key = symbolKey(lhs);
    if (this.ctx.defs.has(key)) return;
    const written = new RegExp(`\\\\(?:wide)?${lhs.accent}\\s*\\{?\\s*\\\\${lhs.name}(?![A-Za-z])`);
    if (written.test(this.loc.text.slice(0, at))) return;
    const params: string[] = [];
    for (const s of indexList(lhs.sub)) {
      if (s.kind === 'sym' && !s.sub && isIndexLetter(s.name, this.ctx)) params.push(s.name);
      else return;
    }
    this.define({ key, params, display: `${latexName(lhs)}${lhs.sub ? '_…' : ''}` }, rhsSide, rhs, line);
  }

  /** Names registered by `predefine` whose defining statement has not been reached yet. */
  private readonly forward = new Set<string>();

  /**
   * Does the expression write a multiplier of the weights' constraint: λ, or the letter the note's
   * reading found multiplying Σ_k π_k − 1 (CS229's β, any letter)?
   */
  private mentionsMultiplier(n: Node): boolean {
    if (sideMentions(n, 'lambda')) return true;
    let found = false;
    walk(n, (m) => { if (!found && m.kind === 'sym' && !m.sub && classifySymbol(m, this.ctx).kind === 'lambda') found = true; });
    return found;
  }

  /** `ahead`: asked by predefine, before the statement is reached (a name registered ahead stays registered). */
  private definitionTarget(node: Node, inlineOrAssign: boolean, rhsNode: Node | null, assigns = false, ahead = false, objective = false): { key: string; params: string[]; display: string; sym: SymNode; args?: string; argNodes?: readonly Node[]; argLetters?: string[]; lagrangian?: boolean } | null {
    let sym: SymNode | null = null;
    let isFn = false;
    if (node.kind === 'sym') sym = node;
    // Q(θ, θ^{(t)}) and Q(θ; θ^{(t)}): parameters after a semicolon are arguments too.
    else if (node.kind === 'apply' && node.args.every((a) => a.kind === 'sym') &&
      (!node.given || ((node.sep === ';' || parameterSets(node)) && node.given.every((g) => g.kind === 'sym')))) { sym = node.fn; isFn = true; }
    if (!sym) return null;
    // (f_{n1} = 𝒩(x_n | μ_1, σ_1²) and f_{n2} = …: one definition per numbered pattern, compile.ts numberedPatternKey.)
    // (Not beside a definition of the letter itself, q_{nk} = …, which q_{n2} = 1 − q_{n1} is a statement about.)
    const key = (isFn || this.ctx.defs.has(symbolKey(sym)) ? null : numberedPatternKey(sym)) ?? symbolKey(sym) + (isFn ? '()' : '');
    // `Q = … + \text{const}` after `Q(\mu, \Sigma, \pi) = …`: a statement about that Q, not a new name.
    if (!isFn && !sym.sub && this.ctx.defs.has(`${key}()`)) return null;
    // A name registered ahead (predefine) is defined again, in order, when its statement is reached.
    // The definitions in force change with it: so does their signature (compiled sides and side values are kept under it).
    // (Not when predefine asks about a later statement that defines the name again: the first definition keeps it.)
    if (ahead && this.forward.has(key)) return null;
    if (!ahead && this.forward.delete(key)) {
      this.ctx.defs.delete(key);
      this.defsSignature = hashString(`${this.defsSignature}|-${key}`);
    }
    const existing = this.ctx.defs.get(key);
    if (existing && !inlineOrAssign) return null;
    // "Setting it to zero gives $S_k = N_k \mu_k$" after S_k was defined: a consequence at the optimum stated about
    // S_k, checked against its definition there (checkLinkAsWritten), not a new meaning for it (which would change
    // the steps that use S_k).
    if (existing && !assigns && !existing.broken && setToZeroBefore(textBefore(this.loc.text, node.span.start, 160))) return null;
    // `$Q(θ, θ^{old}) = …$` inline after the display that defined Q(θ, θ^{old}): the same function of the
    // same arguments stated again, a claim about it (checked against the definition), not a new one.
    if (existing && isFn && !assigns && !existing.broken && existing.args !== undefined && node.kind === 'apply' && existing.args === argumentsKey(node)) return null;
    // `$\mathcal{F}(\gamma, \theta) = …$` inline after `\mathcal{F}(q, \theta) = …` defined it: the function at other
    // arguments (as many), a claim about it (checked where the definition binds them), not a new meaning.
    if (existing && isFn && !assigns && existing.args !== undefined && node.kind === 'apply' &&
      arity(existing.args) === node.args.length + (node.given?.length ?? 0)) return null;
    const meaning = classifySymbol(sym, this.ctx);
    // `L(\pi) = L + \lambda(…)`: the note names its Lagrangian after the log-likelihood.
    const lagrangian = isFn && meaning.kind === 'loglik' && rhsNode !== null && this.mentionsMultiplier(rhsNode);
    // `J'(\pi_k) = J(\pi_k) + \lambda(…)`: a prime that names a new function built from the note's J (an augmented
    // objective), not J's derivative: its right side adds a term to J itself at the same arguments. (Not
    // `q'(\mu_k) = q(\mu_k) \sum_n …`, the derivative of an exponential: a product with q.)
    const primedName = isFn && node.kind === 'apply' && sym.primes > 0 && rhsNode !== null && addsTo(rhsNode, { ...node, fn: { ...sym, primes: 0 } });
    // p(…), γ(z_nk), 𝒩(…): a known quantity when the checker can read it, so the equation is a claim to check.
    // (Nor the log-likelihood's letter the note makes its own objective, objectiveDefinition.)
    if (isFn && !existing && !lagrangian && !primedName && !objective && (this.compiles(node) || (node.kind === 'apply' && isResponsibilityApply(node, this.ctx)))) return null;
    // (f''(μ_k) after `f(μ_k) = …`: the derivative of the note's function (compileApply), judged or unchecked, never a new name.)
    if (isFn && node.kind === 'apply' && sym.primes > 0 && !primedName) {
      const base = this.ctx.defs.get(`${symbolKey({ ...sym, primes: 0 })}()`);
      if (base && base.args === argumentsKey({ ...node, fn: { ...sym, primes: 0 } }) && !base.valueParams?.length) return null;
    }
    // 𝒩_{ik} ≡ 𝒩(x_i | μ_k, σ_k²): the density's letter with indices, a shorthand the note defines.
    const shorthand = !isFn && meaning.kind === 'density' && !!sym.sub && sym.sub.kind !== 'num';
    if (!existing && !lagrangian && !shorthand && !objective && meaning.kind !== 'unknown' && meaning.kind !== 'abstract' && !this.respGuessed(sym, meaning.kind)) return null;
    // (𝓛_λ: a subscript that names, part of the key, no index.)
    const subs = namingSubscript(sym) ? [] : indexList(sym.sub);
    const params: string[] = [];
    for (const s of subs) {
      if (s.kind === 'sym' && !s.sub && isIndexLetter(s.name, this.ctx)) params.push(s.name);
      else if (s.kind !== 'num') return null;
    }
    if (sym.sub && sym.sub.kind === 'num') params.length = 0;
    const display = `${latexName(sym)}${"'".repeat(sym.primes)}${sym.sub?.kind === 'num' ? `_${sym.sub.value}` : namingSubscript(sym) ? `_{\\${(sym.sub as SymNode).name}}` : sym.sub ? '_…' : ''}${isFn ? '(…)' : ''}`;
    const argLetters = isFn && node.kind === 'apply' && !node.given && node.args.every((a) => a.kind === 'sym' && !a.sub)
      ? node.args.map((a) => letterOf(a as SymNode)) : undefined;
    return { key, params, display, sym, ...(isFn && node.kind === 'apply' ? { args: argumentsKey(node), argNodes: node.args, argLetters } : {}), ...(lagrangian ? { lagrangian } : {}) };
  }

  /**
   * A bare letter the note indexes as a parameter (α for weights α_k, μ for means μ_k) that the body writes only
   * indexed: all of them at once (𝒥(α, λ) = ℓ + λ(Σ_k α_k − 1)). A body that writes the letter bare takes it as an
   * argument (φ(x; μ, σ) = e^{−(x−μ)²/2σ²}/√(2π)σ, applied as φ(x_i; μ_k, σ_k)).
   */
  private parameterLetter(a: Node, body: Node): boolean {
    if (a.kind !== 'sym' || a.sub || a.decor || a.primes) return false;
    // (Bold, `\boldsymbol{\alpha}`, the vector of the weights α_k.)
    const r = symbolReading(this.ctx.reading, a, 1) ?? (a.font === 'bold' ? symbolReading(this.ctx.reading, a, 1, null) : undefined);
    if (r === undefined || r === 'ambiguous' || !PARAMETER_KINDS.has(r.quantity)) return false;
    let bare = false;
    walk(body, (n) => { if (n.kind === 'sym' && n.name === a.name && !n.sub) bare = true; });
    return !bare;
  }

  private define(def: { key: string; params: string[]; display: string; args?: string; argNodes?: readonly Node[]; argLetters?: string[] }, rhsSide: Side, rhs: SideResult, line: number): void {
    const source = rhsSide.ok ? this.loc.text.slice(rhsSide.span.start, rhsSide.span.end) : '';
    // The uses of a definition that cannot be evaluated say on which line it is (below): the line
    // is part of what they mean, and of the key their kept evaluations are found by.
    this.noteDefinition(def.key, def.params, rhs.ok ? source : `${source}\u0000cannot be evaluated, line ${line}`, rhsSide.span.start, line);
    if (!rhs.ok) {
      // Uses of a broken definition are unchecked for the same reason.
      const err = rhs;
      this.ctx.defs.set(def.key, {
        key: def.key, params: def.params, free: new Map(), line, latex: def.display, mentionsLambda: false, usesModel: true, args: def.args, broken: true,
        body: () => { throw new CheckError(err.reason, `${def.display} (line ${line}) cannot be evaluated: ${err.message}`, err.span); },
      });
      return;
    }
    const free = new Map<string, Role>();
    for (const [k, r] of rhs.scope.free) if (!def.params.includes(k)) free.set(k, r);
    this.ctx.defs.set(def.key, {
      key: def.key, params: def.params, body: rhs.closure, free, line, latex: def.display, args: def.args, argNodes: def.argNodes, argLetters: def.argLetters, node: rhs.node,
      ...definitionFlags(rhs.scope.flags),
    });
    this.noteModelFree(def.key, rhs.node);
    if (rhs.scope.flags.usesLambda) this.lagrangianLines.push({ line, name: def.display.replace('\\mathfrak{L}', '𝔏') });
  }

  /**
   * `\gamma_j(W) = \frac{\pi_j N(W | …)}{…}`, `f(x) = …`: a function whose body uses its
   * arguments is defined for any arguments, bound to the values it is applied to (γ_j(W_i)).
   * Null (the caller defines it the usual way) when the body does not use them.
   */
  private defineWithArguments(def: { key: string; params: string[]; display: string }, lhs: Node, rhsSide: Side, line: number): SideResult | null {
    // φ(x; μ, v) = …: the parameters after `;` are arguments too.
    if (lhs.kind !== 'apply' || (lhs.given && lhs.sep !== ';') || !rhsSide.ok || lhs.args.length === 0) return null;
    const all = [...lhs.args, ...(lhs.given ?? [])];
    if (!all.every((a) => a.kind === 'sym' && !a.sub && !a.decor && !a.primes)) return null;
    // θ in 𝒥(θ, η) names all the model's parameters: the body reads them from the model, not bound.
    // (So does the bare letter of indexed parameters, α in 𝒥(α, λ) with weights α_k: all the weights.)
    const positions = all.map((a, j) => (parameterSet(a) || this.parameterLetter(a, rhsSide.node) ? -1 : j)).filter((j) => j >= 0);
    if (positions.length === 0) return null;
    const names = positions.map((j) => symbolKey(all[j] as SymNode));
    if (new Set(names).size !== names.length) return null;
    const scope = newScope(this.ctx);
    scope.values = { names: new Set(names), used: false };
    let closure: Closure;
    try {
      closure = compile(rhsSide.node, scope);
    } catch (e) {
      if (e instanceof CheckError) return null;
      throw e;
    }
    if (!scope.values.used) return null;
    const source = this.loc.text.slice(rhsSide.span.start, rhsSide.span.end);
    this.noteDefinition(def.key, [...def.params, ...names], source, rhsSide.span.start, line);
    const free = new Map<string, Role>();
    for (const [k, r] of scope.free) if (!def.params.includes(k)) free.set(k, r);
    this.ctx.defs.set(def.key, {
      key: def.key, params: def.params, body: closure, free, line, latex: def.display, valueParams: names,
      ...(positions.length < all.length ? { valuePositions: positions } : {}),
      ...definitionFlags(scope.flags),
    });
    this.noteModelFree(def.key, rhsSide.node);
    return { ok: true, closure, scope, node: rhsSide.node, key: `def:${source}` };
  }

  /**
   * Definitions change what later claims mean: their text is part of the evaluation cache key.
   * Where the source starts and the line the definition is given (messages quote it) are part of
   * what compiled sides are kept by across checks (compiledAcross).
   */
  private noteDefinition(key: string, params: string[], source: string, place: number, line: number): void {
    this.defsSignature = hashString(`${this.defsSignature}|${key}(${params.join(',')})=${source}`);
    this.defsPlaces = hashString(`${this.defsPlaces}|${place}@${line}`);
    // Values of sides are kept by the definitions they were compiled under (sideAt): the old ones' are not looked up again.
    this.sideValues.clear();
    this.memoOf = new WeakMap();
    this.compiledSides.clear();
  }

  private compiles(node: Node): boolean {
    try {
      const scope = newScope(this.ctx);
      compile(node, scope);
      // `\Omega(W) = …` names a function the note has not specified before: a definition.
      return !(node.kind === 'apply' && scope.flags.abstractFns.size > 0);
    } catch (e) {
      if (e instanceof CheckError) return false;
      throw e;
    }
  }

  /** `\underbrace{X}_{g}` defines g := X for the rest of the note. */
  private registerUnderbraces(chain: Chain): void {
    for (const n of chainNodes(chain).underbraces) {
      if (n.label.kind !== 'sym') continue;
      const sym = n.label;
      const key = symbolKey(sym);
      const meaning = classifySymbol(sym, this.ctx);
      // `\underbrace{…}_{S_k}`: a label with index letters names the body for every value of them.
      const subs = sym.sub?.kind === 'num' ? [] : indexList(sym.sub);
      if (!subs.every((s) => s.kind === 'sym' && !s.sub && isIndexLetter(s.name, this.ctx))) continue;
      const params = subs.map((s) => (s as SymNode).name);
      if (meaning.kind === 'unknown' || meaning.kind === 'abstract') {
        try {
          const scope = newScope(this.ctx);
          const closure = compile(n.body, scope);
          this.noteDefinition(key, params, this.loc.text.slice(n.body.span.start, n.body.span.end), n.body.span.start, this.loc.line(n.span.start));
          const free = new Map<string, Role>();
          for (const [k, r] of scope.free) if (!params.includes(k)) free.set(k, r);
          this.ctx.defs.set(key, {
            key, params, body: closure, free, line: this.loc.line(n.span.start), node: n.body,
            latex: `${latexName(sym)}${"'".repeat(sym.primes)}${params.length ? '_…' : ''}`, mentionsLambda: scope.flags.usesLambda, usesModel: scope.flags.usesModel,
            usesResp: scope.flags.usesResp, usesData: scope.flags.usesData,
          });
        } catch (e) {
          if (!(e instanceof CheckError)) throw e;
        }
      }
    }
  }

  /**
   * `a = b = c` where b cannot be read but a and c can: the chain still claims a = c. When they
   * differ, whatever b means, one of the two steps is wrong and the wrong value is c's (a's was
   * reached by steps that hold): a ✗ on this link, blaming c. When they agree the link stays
   * unchecked (b may still be wrong), saying so. Only across plain equalities.
   */
  private bridge(chain: Chain, j: number, unread: Claim, rhs: CompiledSide, relaxed: boolean, sideAt: (j: number) => SideResult,
    compileSide: (j: number, reading: SideReading) => SideResult, agree: (a: number, b: number) => boolean | null): Claim {
    this.prevLinkPassed = false;
    // `\frac{N_1}{N} = \frac{600}{1{,}500} = 0.4`: a number after a step that could not be read is the
    // worked example's, which the expressions before it at random instances say nothing about.
    if (!rhs.scope.flags.usesModel && !rhs.scope.flags.usesLambda && hasNonTrivialNumber(rhs.node)) return unread;
    for (let i = j - 2; i >= 0; i--) {
      if (!['=', '≡'].includes(chain.relations[i]!.rel) || !['=', '≡'].includes(chain.relations[j - 1]!.rel)) return unread;
      if (chain.relations.slice(i, j).some((r) => r.rel !== '=' && r.rel !== '≡')) return unread;
      const from = sideAt(i);
      if (!from.ok) continue;
      // `\hat\mu_k = \arg\max Q = …`: the first side of a chain that names a value is read by
      // what the chain gives it (an update, a definition), which the bridge does not know.
      if (i === 0 && from.node.kind === 'sym') return unread;
      const judged = this.checkLink(chain, j, unread, from, rhs, relaxed, compileSide, agree, i);
      if (judged.verdict === 'fail') return judged;
      if (judged.verdict === 'pass') {
        return { ...unread, message: `${unread.message} (this expression does equal the one on line ${this.loc.line(chain.sides[i].span.start)}, but the step in between is not checked)` };
      }
      return unread;
    }
    return unread;
  }

  // ------------------------------------------------------------------ checking a link
  /**
   * `Q(\Sigma_k) = …` after `Q(\Sigma, \mu, \alpha) = …`: Q written with one component's parameters
   * keeps only the terms that depend on them, so the step holds up to terms without them: it is
   * judged by the sides' derivatives in those parameters.
   */
  private checkLink(
    chain: Chain, j: number, base: Claim, lhs: CompiledSide, rhs: CompiledSide, relaxed: boolean,
    compileSide: (j: number, reading: SideReading) => SideResult, agree: (a: number, b: number) => boolean | null,
    bridgedFrom: number | null = null,
  ): Claim {
    const parts = [...lhs.scope.flags.partOf, ...rhs.scope.flags.partOf];
    if (!parts.length) {
      const claim = this.checkLinkAsWritten(chain, j, base, lhs, rhs, relaxed, compileSide, agree, bridgedFrom);
      // An update the reference cannot judge (a MAP estimate) may still solve the note's own condition.
      return claim.verdict === 'unchecked' && j === 1 ? this.solvesCondition(base, lhs, rhs, relaxed) ?? claim : claim;
    }
    const text = (n: Node) => this.loc.text.slice(n.span.start, n.span.end);
    const v = parts[0]!;
    const shown = proseToUnicode(text(v).replace(/\\(boldsymbol|mathbf|bm)\s*/g, ''));
    if (parts.some((p) => text(p) !== text(v))) {
      return { ...base, kind: 'step', verdict: 'unchecked', reason: 'unsupported', message: 'a function is written with some of its arguments only, and not the same ones on both sides: the terms that are meant are not clear; not checked' };
    }
    const dl = this.derivative(lhs, v), dr = this.derivative(rhs, v);
    if (!dl.ok || !dr.ok) {
      const bad = !dl.ok ? dl : (dr as FailedSide);
      return { ...base, kind: 'step', verdict: 'unchecked', reason: bad.reason, message: `holds up to terms without ${shown} if the sides' derivatives in ${shown} agree, and those cannot be evaluated: ${bad.message}` };
    }
    const claim = this.checkLinkAsWritten(chain, j, base, dl, dr, relaxed, compileSide, agree, bridgedFrom);
    const meant = `(a function written with ${shown} alone keeps the terms that depend on ${shown})`;
    if (claim.verdict === 'pass') return { ...claim, message: `holds up to terms without ${shown} ${meant}: the derivatives in ${shown} of the two sides ${claim.message.replace(/^agrees/, "agree")}` };
    if (claim.verdict === 'fail') {
      return { ...claim, message: `The two sides differ by more than terms without ${shown} ${meant}: their derivatives in ${shown} differ. ${claim.message.replace(/^The two sides are not equal\. /, '')}` };
    }
    return claim;
  }

  /** A compiled side differentiated with respect to v (a parameter as the note writes it). */
  private derivative(side: CompiledSide, v: Node): SideResult {
    const node: Node = { kind: 'deriv', order: 1, partial: true, num: side.node, wrt: v, operand: null, span: side.node.span };
    try {
      const scope = newScope(this.ctx);
      return { ok: true, closure: compile(node, scope), scope, node, key: `∂/∂${this.loc.text.slice(v.span.start, v.span.end)}:${side.key}` };
    } catch (e) {
      if (e instanceof CheckError) return { ok: false, reason: e.reason, message: e.message, span: e.span };
      throw e;
    }
  }

  /**
   * `… + \text{constant}` whose sides differ by a term that is not a fixed number: the note's
   * "constant" means constant in what it optimises, the parameters it differentiates with respect
   * to. A ✗ when the difference depends on every one of them (their derivatives differ), with
   * the evidence for the first; null otherwise.
   */
  /**
   * The parameters the prose before a `+ const` step names in its math (`$\Sigma_j$` in "the terms
   * that involve $\Sigma_j$"), when the two sides' derivatives in every one of them agree: then the
   * sides differ by terms without them, the constant the prose means. Null otherwise (not a ✗: the
   * prose may name them for another reason, "with $\Sigma_k$ fixed").
   */
  private constantInNamed(prose: string, at: number, lhs: CompiledSide, rhs: CompiledSide, relaxed: boolean): { shown: string; ev: EvalResult } | null {
    const params: Node[] = [];
    const seen = new Set<string>();
    for (const m of prose.matchAll(/\$([^$\n]+)\$/g)) {
      const start = at + m.index! + 1;
      let r: ReturnType<typeof parseStatement>;
      try { r = parseStatement([{ start, text: m[1]! }]); } catch { continue; }
      if (r.error) continue;
      for (const c of r.chains) for (const side of c.sides) {
        if (!side.ok) continue;
        walk(side.node, (n) => {
          const base = n.kind === 'pow' && n.base.kind === 'sym' ? n.base : n;
          if (base.kind !== 'sym' || !base.sub || base.decor || !PARAMETER_KINDS.has(classifySymbol(base, this.ctx).kind)) return;
          const text = this.loc.text.slice(n.span.start, n.span.end);
          if (!seen.has(text)) { seen.add(text); params.push(n); }
        });
      }
    }
    if (!params.length) return null;
    let last: EvalResult | null = null;
    for (const v of params) {
      const dl = this.derivative(lhs, v), dr = this.derivative(rhs, v);
      if (!dl.ok || !dr.ok) return null;
      let ev = this.evaluate(dl, dr, relaxed);
      // Responsibilities are the E-step's numbers in an M-step derivation (Q on both sides): held fixed.
      // Not when one side is the log-likelihood itself: its derivative equals Σ γ ∂ ln 𝒩 at the instance
      // with γ held fixed (EM's bound touches ℓ there), which says nothing about a constant difference.
      if (ev.status !== 'pass' && dl.scope.flags.usesResp && dr.scope.flags.usesResp) ev = this.evaluate(dl, dr, relaxed, false, undefined, true);
      if (ev.status !== 'pass') return null;
      last = ev;
    }
    const shown = params.map((v) => proseToUnicode(this.loc.text.slice(v.span.start, v.span.end).replace(/\\(boldsymbol|mathbf|bm)\s*/g, ''))).join(', ');
    return { shown, ev: last! };
  }

  private notConstantInAny(lhs: CompiledSide, rhs: CompiledSide, relaxed: boolean): { v: Node; ev: EvalResult } | null {
    const interest = this.ctx.interestAt?.(lhs.node.span.start) ?? [];
    // `\log r_{ik} = \log \pi_k + \log \mathcal{N}(…) + \text{const}`: a difference that is the same for
    // every component k (the posterior's normaliser Σ_j π_j 𝒩_j) is a constant in k. Compared by
    // each side's change from component 1 to every other.
    const comps = [...new Set([...lhs.scope.free.keys(), ...rhs.scope.free.keys()])]
      .filter((n) => (lhs.scope.free.get(n) ?? rhs.scope.free.get(n)) === 'comp');
    for (const k of comps) {
      const change = (side: CompiledSide): CompiledSide => ({
        ...side, key: `Δ${k}:${side.key}`,
        closure: (env) => {
          const at = env.idx[k];
          env.idx[k] = 0;
          const first = toScalar(side.closure(env));
          const out: Scalar[] = [];
          for (let c = 1; c < env.t.K; c++) {
            env.idx[k] = c;
            out.push(sub(toScalar(side.closure(env)), first));
          }
          env.idx[k] = at;
          return out.length === 1 ? out[0]! : columnVector(out);
        },
      });
      if (this.evaluate(change(lhs), change(rhs), relaxed).status === 'pass') return null;
    }
    let first: { v: Node; ev: EvalResult } | null = null;
    for (const v of interest) {
      const dl = this.derivative(lhs, v), dr = this.derivative(rhs, v);
      if (!dl.ok || !dr.ok) return null;
      const ev = this.evaluate(dl, dr, relaxed);
      if (ev.status !== 'fail' || ev.shapeError || this.abstractDependence(dl, dr, relaxed, false, ev)) return null;
      // Responsibilities are the E-step's numbers in an M-step derivation: constant in the parameters.
      if ((dl.scope.flags.usesResp || dr.scope.flags.usesResp) && this.evaluate(dl, dr, relaxed, false, undefined, true).status !== 'fail') return null;
      first ??= { v, ev };
    }
    return first;
  }

  /** π (or its update, or 𝛑) alone as a side in a note whose weights are π_k: the vector of the weights. */
  private weightVector(n: Node): boolean {
    while (n.kind === 'group' || n.kind === 'transpose') n = n.body;
    if (n.kind !== 'sym' || n.name !== 'pi' || n.sub || n.primes || (n.font !== null && n.font !== 'bold')) return false;
    const read = symbolReading(this.ctx.reading, { ...n, font: null }, 1);
    return typeof read === 'object' && read.quantity === 'weight';
  }

  /** A chain that gives every component the same values (everyComponentValues): the steps after may use them. */
  private noteStatedValues(chain: Chain): void {
    if (chain.sides.length < 2 || !chain.sides.every((sd) => sd.ok) || !chain.relations.every((r) => r.rel === '=' || r.rel === ':=')) return;
    const nodes = chain.sides.map((sd) => (sd as Side & { ok: true }).node);
    // (By number only as a statement: "If $\pi_1 = \pi_2 = \frac12$ the mixture is symmetric" is one case.)
    // (Nor once a worked example has given its data points: `\pi_1 = \pi_2 = \pi_3 = 1/3` is then that example's, which
    // exampleHolds reads.)
    const numbered = () => {
      const byNumber = everyNumberedComponent(nodes, this.ctx);
      return byNumber && !this.worked?.hasData() && !proseCase(this.loc.text, chain) ? everyComponentValues(byNumber, this.ctx) : null;
    };
    const values = everyComponentValues(nodes, this.ctx) ?? numbered();
    if (!values || (values.pi === undefined && values.Sigma === undefined && values.scaleI === undefined)) return;
    const merged = { ...this.stated?.values, ...values };
    const line = this.loc.line(chain.span.start);
    const shown = this.stated ? `${this.stated.key}; ` : '';
    this.stated = { values: merged, line, key: `${shown}${proseToUnicode(this.loc.text.slice(chain.span.start, chain.span.end))}` };
  }

  /**
   * The values a failing step may be judged with (each put in for every component, the data and other parameters the
   * instances' own), in the order tried, with what the step says when it holds with them.
   */
  private *valueSources(chain: Chain, base: Claim, lhsNode: Node, rhsNode: Node, relaxed: boolean): Generator<{ values: EveryComponent; key: string; message: string }> {
    const yielded: { values: EveryComponent; key: string }[] = [];
    const stated = this.stated && this.stated.line < base.line ? this.stated : null;
    if (stated) {
      yielded.push({ values: stated.values, key: stated.key });
      yield { values: stated.values, key: stated.key, message: `holds with the values the note gives every component on line ${stated.line} (${stated.key.length > 60 ? `${stated.key.slice(0, 59)}…` : stated.key}), not for every GMM: the step uses them, so it is not checked as an identity` };
    }
    const supposed = this.supposed && this.supposed.line <= base.line && base.line - this.supposed.last <= AFTER_CONDITION_LINES ? this.supposed : null;
    if (supposed) {
      yielded.push({ values: supposed.values, key: `supposed:${supposed.key}` });
      yield { values: supposed.values, key: `supposed:${supposed.key}`, message: `holds under what the note supposes on line ${supposed.line} (${supposed.key}), not for every GMM: a special case, so it is not checked as an identity` };
    }
    if (!relaxed) {
      const told = (this.proseValues ??= proseValues(this.loc.text)).filter((v) => v.at < chain.span.start && (v.until === undefined || chain.span.start < v.until));
      if (told.length) {
        const shown = told.map((v) => `“${v.words}”, line ${this.loc.line(v.at)}`).join('; ');
        const values = Object.assign({}, stated?.values ?? {}, ...told.map((v) => v.values)) as EveryComponent;
        yielded.push({ values, key: `prose:${shown}` });
        yield { values, key: `prose:${shown}`, message: `holds with the values the text gives every component (${shown}), not for every GMM: the step uses them, so it is not checked as an identity` };
      }
      const own = writtenValues([lhsNode, rhsNode], this.ctx);
      if (own) {
        yielded.push({ values: own.values, key: `own:${own.shown}` });
        yield { values: own.values, key: `own:${own.shown}`, message: `holds with the values it writes in for every component (${own.shown}), not for every GMM: a special case the note takes, so it is not checked as an identity` };
      }
    }
    // (All of them together: "Equal weights $\pi_1 = \pi_2$ and $\Sigma_1 = \Sigma_2 = I$. Then $w_{i1} = …$" needs both.)
    if (yielded.length > 1) {
      const values = Object.assign({}, ...yielded.map((y) => y.values)) as EveryComponent;
      yield { values, key: `all:${yielded.map((y) => y.key).join('|')}`, message: `holds with the values the note gives every component, taken together (${yielded.map((y) => y.key.replace(/^[a-z]+:/, '')).join('; ')}), not for every GMM: a special case, so it is not checked as an identity` };
    }
  }

  /** Adds `values` (null: nothing to put in) to what the note supposes, or starts anew when the last supposition is far above. */
  private suppose(values: EveryComponent | null, base: Claim, span: { start: number; end: number }): void {
    if (!values) return;
    // Not a tie the note sets aside ("if μ_1 = μ_2 the model is not identifiable, so we assume they differ") or uses
    // only to start from ("we initialise with μ_1 = μ_2 plus a small perturbation"): the steps after are general.
    if (tieSetAside(this.loc.text, span)) return;
    const prev = this.supposed && base.line - this.supposed.last <= AFTER_CONDITION_LINES ? this.supposed : null;
    const words = `${proseToUnicode(base.lhs)} = ${proseToUnicode(base.rhs)}`;
    this.supposed = { values: { ...prev?.values, ...values }, line: prev?.line ?? base.line, last: base.line, key: prev ? `${prev.key}, ${words}` : words };
  }

  /** Does the step hold at the usual instances with `v` put in for every component (`key` names the values)? */
  private valuesHold(lhs: CompiledSide, rhs: CompiledSide, relaxed: boolean, covUpdate: boolean, v: EveryComponent, key: string): boolean {
    // (Weights that sum to 1 put into the instances with a multiplier, whose weights do not, would undo what they test.)
    if (relaxed && v.pi !== undefined) return false;
    const memo = `${relaxed ? 'r' : 's'}/${key}/${JSON.stringify(v)}`;
    let trials = this.statedTrials.get(memo);
    if (!trials) this.statedTrials.set(memo, trials = this.pool.get(relaxed).map((t) => {
      const K = t.K, D = t.D;
      const Sigma = v.scaleI !== undefined ? Array.from({ length: K }, () => identityTimes(D, v.scaleI!))
        : v.Sigma && D === v.Sigma.length ? Array.from({ length: K }, () => v.Sigma!.map((row) => [...row]))
          : v.Sigma && v.Sigma.length === 1 ? Array.from({ length: K }, () => identityTimes(D, v.Sigma![0]![0]!)) : t.gmm.Sigma;
      const pi = v.pi === 'K' ? new Array<number>(K).fill(1 / K) : typeof v.pi === 'number' && Math.abs(v.pi * K - 1) < 1e-12 ? new Array<number>(K).fill(v.pi) : t.gmm.pi;
      const mu = v.tieMu ? t.gmm.mu.map(() => [...t.gmm.mu[0]!]) : t.gmm.mu;
      return atParameters(t, { ...t.gmm, pi, mu, Sigma: v.tieSpread ? Sigma.map(() => Sigma[0]!.map((row) => [...row])) : Sigma });
    }));
    return this.evaluate(lhs, rhs, relaxed, covUpdate, { trials, floor: 0, tolerance: this.settings.tolerance, label: `/stated:${hashString(memo)}` }).status === 'pass';
  }

  /** Does the expression sum over the components or name the number of components (`\sum_k`, `\sum_{j=1}^K`, K)? */
  private overComponents(n: Node): boolean {
    let found = false;
    walk(n, (m) => {
      if (found) return;
      if ((m.kind === 'sum' || m.kind === 'prod') && m.index && (this.ctx.reading?.components.has(m.index.name) || (m.upper?.kind === 'sym' && (m.upper.name === 'K' || !!this.ctx.reading?.componentCounts.has(m.upper.name))) || m.index.name === 'k')) found = true;
      else if (m.kind === 'sym' && !m.sub && (m.name === 'K' || this.ctx.reading?.componentCounts.has(m.name))) found = true;
    });
    return found;
  }

  /** Does the expression read nothing but the data points, numbers and the indices of its sums (`\sum_n x_n^2 / 4`)? */
  private dataOnly(n: Node): boolean {
    let only = true;
    walk(n, (m) => {
      if (!only) return;
      if (m.kind === 'apply' || m.kind === 'deriv' || m.kind === 'func') only = false;
      else if (m.kind === 'sym' && !(classifySymbol(m, this.ctx).kind === 'data' || (!m.sub && !m.decor && isIndexLetter(m.name, this.ctx)))) only = false;
    });
    return only;
  }

  /**
   * A step about the data alone judged at the data the worked example states (its parameters, which such a step does not
   * read, set to one standard Gaussian): its claim, or null when the example states no data of the note's dimension.
   */
  private atStatedData(lhs: CompiledSide, rhs: CompiledSide, base: Claim, kind: ClaimKind): Claim | null {
    const data = this.worked?.statedData();
    const D = data?.X[0]?.length;
    if (!data || D !== this.ctx.D || data.X.some((x) => x.length !== D)) return null;
    const gmm = { K: 1, D, pi: [1], mu: [new Array<number>(D).fill(0)], Sigma: [identityTimes(D, 1)] };
    const ev = this.evaluate(lhs, rhs, false, false, { trials: [trialAt(gmm, data.X)], floor: 0, tolerance: this.settings.tolerance, label: `/data:${hashString(data.key)}` });
    const where = `${AT_STATED_DATA} (line ${data.line}, ${data.X.length} point${data.X.length > 1 ? 's' : ''})`;
    if (ev.status === 'pass') return extend(base, { kind, verdict: 'pass', reason: null, maxRelError: ev.maxRel, message: `agrees at ${where}: the step is about those data alone` });
    const ce = ev.status === 'fail' ? ev.counterexample : undefined;
    if (!ce) return null;
    const values = { lhs: formatValue(ce.l), rhs: formatValue(ce.r), at: where };
    return extend(base, { kind, verdict: 'fail', reason: null, values, message: failMessage('the two sides are not equal', '', `At ${where}: left ${values.lhs}, right ${values.rhs}.`) });
  }

  /**
   * The parameter a name of the note's stands for (`σ_k²` for v_k after `v_k = \sigma_k^2`, "Let $v_k = \sigma_k^2$"), as
   * that definition writes it, when it is a parameter alone with the same index; else the node itself.
   */
  private parameterAlias(n: Node): Node {
    // (An expression of the name alone, `(s_k)^2`, `1/\tau_k`, `\sqrt{v_k}`: the name replaced inside it, σ_k², 1/σ_k^{-2}.)
    if (n.kind !== 'sym') {
      if (!soleParameterShape(n)) return n;
      let changed = false;
      const out = mapSymbols(n, (s) => {
        const a = this.parameterAlias(s);
        if (a !== s) changed = true;
        return a;
      });
      return changed ? out : n;
    }
    if (!n.sub || n.decor || n.accent || n.primes) return n;
    const def = lookupDefinition(n, this.ctx);
    const body = def?.node;
    if (!def || !body || def.params.length !== 1 || def.free.size) return n;
    // (The parameter alone, squared, or any power of it times a number: `v_k = \sigma_k^2`, `\tau_k = \sigma_k^{-2}`,
    // `h_k = 2\sigma_k^2`, each a name the note gives one parameter of one component.)
    const core = soleParameterShape(body);
    if (!core || core.decor || core.accent || core.primes || !PARAMETER_KINDS.has(classifySymbol(core, this.ctx).kind)) return n;
    const own = indexList(core.sub)[0], used = indexList(n.sub);
    if (own?.kind !== 'sym' || def.params[0] !== own.name || used.length !== 1 || used[0]!.kind !== 'sym') return n;
    // (`\tau_j = \sigma_j^{-2}` read for τ_k: the definition's index is its parameter; for another component index only, not
    // τ_n with n a point's.)
    if (sameIndices(n.sub, core.sub)) return body;
    if (indexRoleOf((used[0] as SymNode).name, this.ctx) !== 'comp') return n;
    return mapSymbols(body, (s) => (s.kind === 'sym' && sameIndices(s.sub, core.sub) ? { ...s, sub: n.sub } : s));
  }

  /** Is the expression written with numbers and the counts K, N, D only (`\frac{1}{K}`, `N/K`, `1`)? */
  private countsOnly(n: Node): boolean {
    let only = true;
    walk(n, (m) => {
      if (!only) return;
      if (m.kind === 'sym') { const k = classifySymbol(m, this.ctx).kind; if (k !== 'count' && k !== 'const') only = false; }
      else if (m.kind !== 'num' && m.kind !== 'div' && m.kind !== 'mul' && m.kind !== 'group' && m.kind !== 'add' && m.kind !== 'sub' && m.kind !== 'neg') only = false;
    });
    return only;
  }

  /** Does `n` write the parameter of the expression `of` (soleParameterShape), itself or by a name of the note's for it (parameterAlias)? */
  private mentionsUnderAnyName(n: Node, of: Node): boolean {
    const p = soleParameterShape(of);
    if (!p) return false;
    const same = (s: SymNode | null) => !!s && s.name === p.name && s.font === p.font && sameIndices(s.sub, p.sub);
    let found = false;
    walk(n, (m) => {
      if (found || m.kind !== 'sym') return;
      if (same(m)) found = true;
      else if (m.sub) {
        const a = this.parameterAlias(m);
        if (a !== m && same(soleParameterShape(a))) found = true;
      }
    });
    return found;
  }

  /** Does the chain write a mean with a mark (μ_k^{new}, μ_k^{(t)}, \hat\mu_k)? */
  private marksAMean(chain: Chain): boolean {
    let marked = false;
    for (const side of chain.sides) {
      if (!side.ok) continue;
      walk(side.node, (n) => { if (!marked && n.kind === 'sym' && (n.decor || n.accent) && classifySymbol({ ...n, decor: null, accent: undefined }, this.ctx).kind === 'mean') marked = true; });
    }
    return marked;
  }

  /** Does a side differentiate a function the note defines itself (∂𝓛̃/∂π_k after 𝓛̃(π, λ) = …)? */
  private differentiatesNoteObjective(lhs: CompiledSide, rhs: CompiledSide): boolean {
    return [...lhs.scope.flags.derivatives, ...rhs.scope.flags.derivatives].some((d) => {
      const f = differentiated(d);
      const sym = f?.kind === 'sym' ? f : f?.kind === 'apply' ? f.fn : null;
      return !!sym && (this.ctx.defs.has(symbolKey(sym)) || this.ctx.defs.has(`${symbolKey(sym)}()`));
    });
  }

  /** Does the step hold at the instance the worked example states (statedExample)? The reason it is not judged then, or null. */
  private exampleHolds(lhs: CompiledSide, rhs: CompiledSide, covUpdate: boolean, example: StatedExample): string | null {
    let trial = this.exampleTrials.get(example.key);
    if (!trial) this.exampleTrials.set(example.key, trial = trialAt(example.gmm, example.X, example.point));
    const ev = this.evaluate(lhs, rhs, false, covUpdate, { trials: [trial], floor: 0, tolerance: this.settings.tolerance, label: `/example:${hashString(example.key)}` });
    if (ev.status !== 'pass') return null;
    return `holds at ${example.where} (the values it states), not for every GMM: the step uses them, so it is not checked as an identity`;
  }

  private readonly exampleTrials = new Map<string, Trial>();

  /** Values the text gives every component in words (proseValues), once per check. */
  proseValues: { values: EveryComponent; at: number; words: string; until?: number }[] | null = null;

  /** Sizes the text states in formulas of their own (`$D = 1$`, `$K = 2$`: countStatements), once per check. */
  countsStated: CountStatement[] = [];
  /** Where the note's headings start (localSizes), found once. */
  private headingStarts: number[] | null = null;

  /**
   * The sizes the text states last before `at` in the chain's section (no heading between: "## Example 1: $K = 2$,
   * $D = 1$", "For $D = 2$ the normaliser is …") where they differ from the instances', with their lines, or null.
   */
  localSizes(at: number): { D?: CountStatement; K?: CountStatement } | null {
    if (!this.countsStated.length) return null;
    // (Asked for every chain (its reuse key): the headings are found once, not searched for in the text between.)
    // The section's start: the last heading before `at` (a size in that heading's line counts).
    const section = this.sectionStart(at);
    let out: { D?: CountStatement; K?: CountStatement } | null = null;
    for (let q = this.countsStated.length - 1; q >= 0; q--) {
      const c = this.countsStated[q]!;
      if (c.at >= at) continue;
      if (c.at < section) break;
      if ((out ??= {})[c.which] === undefined) out[c.which] = c;
    }
    if (out?.D?.value === this.ctx.D) delete out.D;
    if (out?.K?.value === this.ctx.K) delete out.K;
    return out && (out.D || out.K) ? out : null;
  }

  /**
   * Does the step write the data letter without an index (a generic point 𝐱) while the note's usual density is of an
   * indexed point (𝒩(x_n | …)), or the reverse? Then a bare 𝒩 read as that density is of another point than the step's.
   */
  private pointDiffersFromUsual(nodes: Node[]): boolean {
    const dd = this.ctx.defaultDensity;
    const point = dd?.args[0];
    if (!point || point.kind !== 'sym') return false;
    let generic = false, indexed = false;
    for (const n of nodes) {
      walk(n, (m) => {
        if (m.kind !== 'sym' || m.name !== point.name || classifySymbol(m, this.ctx).kind !== 'data') return;
        if (m.sub) indexed = true;
        else generic = true;
      });
    }
    return point.sub ? generic && !indexed : indexed && !generic;
  }

  /** The isotropic special case the note last stated (`\Sigma_k = \sigma_k^2 I`: isotropicCase): where, and its line. */
  private isotropicStated: { at: number; line: number } | null = null;

  /**
   * A failing step in the section of an isotropic special case the note states (`With \Sigma_k = \sigma_k^2 I`, isotropicCase)
   * in a model with full covariances, retried at isotropic instances: the reason it is not judged when it holds there
   * (`|\Sigma_k| = \sigma_k^{2D}`), or null. (Wrong there too, it stays a ✗.)
   */
  private holdsIsotropic(chain: Chain, lhs: CompiledSide, rhs: CompiledSide, relaxed: boolean, covUpdate: boolean): string | null {
    const stated = this.isotropicStated;
    if (!stated || stated.at >= chain.span.start || this.ctx.isotropic || this.sectionStart(chain.span.start) > stated.at) return null;
    // (Not once the text returns to the general case: "In general they are full matrices", "Now back to full covariances".)
    if (ISOTROPIC_ENDS.test(this.loc.text.slice(stated.at, chain.span.start))) return null;
    const trials = this.pool.get(relaxed, this.ctx.K, this.ctx.D, true);
    const ev = this.evaluate(lhs, rhs, relaxed, covUpdate, { trials, floor: 0, tolerance: this.settings.tolerance, label: '/isotropic' });
    if (ev.status !== 'pass') return null;
    return `holds with isotropic covariances σ_k² I, the special case the note takes up on line ${stated.line}, not for full covariances: not checked as an identity`;
  }

  /** Where the section of `at` starts: its heading's line (-1 before any heading). */
  private sectionStart(at: number): number {
    const headings = this.headingStarts ??= [...this.loc.text.matchAll(HEADING_START)].map((m) => m.index!);
    let lo = 0, hi = headings.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (headings[mid]! < at) lo = mid + 1; else hi = mid; }
    return lo > 0 ? headings[lo - 1]! : -1;
  }

  /** localSizes as a key (ChainReuse: which sizes a chain's failing steps are retried with). */
  localSizesKey(at: number): string {
    const l = this.localSizes(at);
    return l ? `${l.D?.value ?? ''}/${l.D?.line ?? ''}/${l.K?.value ?? ''}/${l.K?.line ?? ''}` : '';
  }

  /**
   * A failing step about numbered components only, in a sentence that says the case has two components ("two components
   * only: $\gamma_{2i} = 1 - \gamma_{1i}$", "for a two-component mixture"), retried at instances with K = 2: the reason it
   * is not judged when it holds there, or null. (Not a step for every k: that one is the model's.)
   */
  private holdsForTwoComponents(chain: Chain, lhs: CompiledSide, rhs: CompiledSide, relaxed: boolean, covUpdate: boolean): string | null {
    // (Not in a note that states its K, `$K = 3$` (countStatements): there "two components" is of something else, a vector's.)
    if (this.ctx.K === 2 || freeRoles(lhs, rhs).includes('comp') || this.countsStated.some((c) => c.which === 'K') ||
        !TWO_COMPONENTS.test(sentenceBefore(this.loc.text, chain.span.start))) return null;
    const a = numberedComponents(lhs.node, this.ctx), b = numberedComponents(rhs.node, this.ctx);
    if (a < 0 || b < 0 || Math.max(a, b) > 2) return null;
    const ev = this.evaluate(lhs, rhs, relaxed, covUpdate, { trials: this.pool.get(relaxed, 2, this.ctx.D), floor: 0, tolerance: this.settings.tolerance, label: '/sizes:two' });
    if (ev.status !== 'pass') return null;
    return `holds for a mixture of two components, the case the text states here, not at the checker's instances (K = ${this.ctx.K}): not checked as an identity`;
  }

  /**
   * A failing step that writes the dimension or the number of components, retried at instances of the sizes the text
   * states for its section (localSizes): the reason it is not judged when it holds there, or null.
   */
  private holdsAtLocalSizes(chain: Chain, lhs: CompiledSide, rhs: CompiledSide, relaxed: boolean, covUpdate: boolean, nodes: Node[]): string | null {
    const local = this.localSizes(chain.span.start);
    if (!local) return null;
    const writes = (which: 'D' | 'K') => nodes.some((n) => { let f = false; walk(n, (m) => { if (!f && m.kind === 'sym' && !m.sub && (m.name === which || (which === 'D' && m.name === 'd')) && classifySymbol(m, this.ctx).kind === 'count') f = true; }); return f; });
    const D = local.D && writes('D') ? local.D : null, K = local.K && writes('K') ? local.K : null;
    if (!D && !K) return null;
    const sizes = { K: K?.value ?? this.ctx.K, D: D?.value ?? this.ctx.D };
    const trials = this.pool.get(relaxed, sizes.K, sizes.D);
    const ev = this.evaluate(lhs, rhs, relaxed, covUpdate, { trials, floor: 0, tolerance: this.settings.tolerance, label: `/sizes:${sizes.D},${sizes.K}` });
    if (ev.status !== 'pass') return null;
    const said = [D && `D = ${D.value} (line ${D.line})`, K && `K = ${K.value} (line ${K.line})`].filter(Boolean).join(' and ');
    return `holds with ${said}, as the text states for this part, not at the checker's instances (D = ${this.ctx.D}, K = ${this.ctx.K}): not checked as an identity`;
  }

  /**
   * A failing step that writes the number of points of the data a worked example states (`N_2 = 4 - N_1`, `w_1 = N_1/4` after
   * "Data $x = (0, 2, 3, 5)$"), retried at instances with that many points (random data and parameters): the reason it is
   * not judged when it holds there, or null.
   */
  private holdsAtStatedCount(lhs: CompiledSide, rhs: CompiledSide, relaxed: boolean, covUpdate: boolean, nodes: Node[], start: number): string | null {
    const data = this.worked?.statedData();
    // (Or the number of points stated alone, "Here $N = 4$.", the latest before the step.)
    const told = data && !data.X.some((x) => x.length !== this.ctx.D) ? { n: data.X.length, where: `the worked example's data (line ${data.line})`, at: lineOffset(this.loc.text, data.line) } : this.pointCountStated(start);
    const n = told?.n ?? 0;
    if (!told || n < 2 || n === this.ctx.N) return null;
    // (The sides first, the text after: a step that does not write the number costs no scan.)
    const writesCount = (node: Node) => writes(node, (m) => m.kind === 'num' && m.value === n);
    if (!nodes.some(writesCount)) return null;
    // (A side that writes the count's letter beside the number, `\frac{1}{4}\sum_{n=1}^{N}`, tells the two apart: general. Not
    // one on each side, `\sum_{n=1}^{4} \gamma_{n1} = \sum_{n=1}^{N} \gamma_{n1}`, which says they are the same.)
    const countLetters = new Set(['N', ...this.ctx.reading?.pointCounts ?? []]);
    if (nodes.some((node) => writesCount(node) && writes(node, (m) => m.kind === 'sym' && !m.sub && countLetters.has(m.name)))) return null;
    // (Not after a heading between that leaves the example, "## General M-step", "## Any number of points".)
    for (const h of this.loc.text.slice(told.at, start).matchAll(/\n#{1,6}\s[^\n]*/g)) if (GENERAL_HEADING.test(h[0])) return null;
    // ("In general, for any data set, $…$": the text says the step is not the example's.)
    // (Or the text just before it, within its section: "The update below holds in general. Setting … gives $$…$$".)
    const before = this.loc.text.slice(Math.max(0, start - 300), start);
    const paragraph = before.slice(before.lastIndexOf('\n#') + 1).replace(/^#[^\n]*/, '');
    if (FOR_ANY_DATA.test(sentenceBefore(this.loc.text, start)) || FOR_ANY_DATA.test(paragraph)) return null;
    const trials = this.pool.get(relaxed, this.ctx.K, this.ctx.D, !!this.ctx.isotropic, n);
    const ev = this.evaluate(lhs, rhs, relaxed, covUpdate, { trials, floor: 0, tolerance: this.settings.tolerance, label: `/points:${n}` });
    if (ev.status !== 'pass') return null;
    return `holds with N = ${n} points, as many as ${told.where}, not at the checker's instances of ${this.ctx.N} points: not checked as an identity`;
  }

  /** The number of points the text states alone in a formula before `at` (`$N = 4$`, the note's count letter), the latest. */
  private pointCountStated(at: number): { n: number; where: string; at: number } | null {
    if (!this.pointCountsStated) {
      // (Read once per check: the text is scanned once, not once per failing step.)
      const letters = new Set(['N', ...this.ctx.reading?.pointCounts ?? []]);
      // (Also after other sizes in one formula, `$K = 2, N = 4$`, and in words, "the data are four points".)
      const inFormula = [...this.loc.text.matchAll(POINT_COUNT_STATED), ...this.loc.text.matchAll(POINT_COUNT_LISTED)].filter((m) => letters.has(m[1]!))
        .map((m) => ({ at: m.index!, n: Number(m[2]), where: `the text states (${m[1]} = ${m[2]}, line ${this.loc.line(m.index!)})` }));
      const inWords = [...this.loc.text.matchAll(POINT_COUNT_WORDS)].filter((m) => !PART_OF_THE_DATA.test(this.loc.text.slice(Math.max(0, m.index! - 24), m.index!)))
        .map((m) => ({ at: m.index!, n: countWord(m[1]!), where: `the text states (“${m[0]}”, line ${this.loc.line(m.index!)})` }));
      this.pointCountsStated = [...inFormula, ...inWords].sort((a, b) => a.at - b.at);
    }
    let found: { n: number; where: string; at: number } | null = null;
    for (const c of this.pointCountsStated) if (c.at < at) found = c;
    return found;
  }

  private pointCountsStated: { at: number; n: number; where: string }[] | null = null;

  /** The values the last step taken as a special case wrote into every component (`variance 1`), and its line (proportionalClaim). */
  private ownCase: { key: string; line: number } | null = null;

  /** What holdsAtStatedCount reads at `at` from the text's counts stated alone, for the reuse of chains (chainReuse.ts). */
  pointCountKey(at: number): string {
    const c = this.pointCountStated(at);
    return c ? `${c.n}/${c.where}` : '';
  }

  /** The chain being checked is written inline, in a sentence (`$…$`, `\(…\)`), not displayed (chainClaimsIn). */
  private inlineChain = false;

  /** Names the note declares free by a domain or a bound (declaredFree), once per check. */
  private freeNames: { name: string; at: number }[] | null = null;

  /**
   * `\Sigma_k = \sigma_k^2 I` in a note whose model has full covariances: the isotropic special case it
   * goes on to treat, an assumption, not an identity of the model (whether σ_k compiles there or not).
   */
  private isotropicCase(j: number, lhsNode: Node, rhsNode: Node, base: Claim, at: number): Claim | null {
    if (j !== 1 || lhsNode.kind !== 'sym' || !lhsNode.sub || lhsNode.decor || classifySymbol(lhsNode, this.ctx).kind !== 'cov' || this.ctx.isotropic ||
        !writesIsotropic(rhsNode, this.ctx, lhsNode, (b) => (this.ctx.defs.get(symbolKey(b))?.line ?? Infinity) <= this.loc.line(at))) return null;
    // (A case the sentence only imagines, "if all covariances were spherical, …", is not taken up.)
    if (this.isotropicStated?.at !== at) this.isotropicStated = imaginedCase(this.loc.text, at) ? null : { at, line: base.line };
    return { ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition', message: 'states a special case of the model (isotropic covariances σ² I, or one dimension), an assumption rather than an identity; not checked' };
  }

  private checkLinkAsWritten(
    chain: Chain, j: number, base: Claim, lhsIn: CompiledSide, rhs: CompiledSide, relaxed: boolean,
    compileSide: (j: number, reading: SideReading) => SideResult, agree: (a: number, b: number) => boolean | null,
    bridgedFrom: number | null,
  ): Claim {
    let lhs = lhsIn;
    this.distinctNote = '';
    const kind = this.kindOf(chain, j, lhs, rhs);
    const lhsNode = lhs.node;
    const rhsNode = rhs.node;
    // Worked-example numbers: `\pi_1 = 1/3`, `p(x|\theta) = 0.5 \mathcal{N}(x|-2, 0.5) + …`.
    // (`$x = 1$`, `$x_2 = 0$`: a point, whatever the number.)
    if (j === 1 && isBareQuantity(lhsNode) && !rhs.scope.flags.usesModel && !rhs.scope.flags.usesLambda && hasNonTrivialNumber(rhsNode) ||
        j === 1 && isBareQuantity(lhsNode) && isNumericModel(rhsNode) ||
        // (`\sigma = 1`, `\mu_1 = 0` among starting values: no parameter of a GMM is 0 or 1 whatever the mixture.)
        // (Only where the sentence says so: "For K = 1 the estimate is $$\sigma^2 = 1$$" is a result, judged.)
        j === 1 && isBareParameter(lhsNode, this.ctx) && rhsNode.kind === 'num' && (rhsNode.value === 0 || rhsNode.value === 1) &&
          choosesValues(this.loc.text, chain.span) ||
        j === 1 && lhsNode.kind === 'sym' && !lhsNode.decor && (!lhsNode.sub || lhsNode.sub.kind === 'num') && closedNumeric(rhsNode) && classifySymbol(lhsNode, this.ctx).kind === 'data' ||
        // (`$\Sigma = I$`, `\Sigma_1 = \mathbf{I}`: an example's covariance, the identity.)
        j === 1 && lhsNode.kind === 'sym' && !lhsNode.decor && (!lhsNode.sub || lhsNode.sub.kind === 'num') && rhsNode.kind === 'sym' && rhsNode.name === 'I' &&
          !rhsNode.sub && ['cov', 'var', 'precision'].includes(classifySymbol(lhsNode, this.ctx).kind)) {
      return { ...base, kind: 'numeric', verdict: 'unchecked', reason: 'unsupported', message: 'gives example values (a worked example), not an identity that holds for every GMM; not checked' };
    }
    // `\gamma_{nk} = \frac{1}{K}`, `r_{nk} = 1 \text{ for the closest mean}`: the responsibilities set to a number, which the
    // posterior of a GMM is not at every point: a start, a hard assignment or a special case. (And `N_k = N/K` among starting
    // values, "so initially … and $N_k = N/K$".)
    if (j === 1 && lhsNode.kind === 'sym' && !lhsNode.decor && !lhsNode.accent && !rhs.scope.flags.usesResp && !rhs.scope.flags.usesData && this.countsOnly(rhsNode)) {
      const k = classifySymbol(lhsNode, this.ctx).kind;
      const around = `${sentenceBefore(this.loc.text, chain.span.start)} ${this.loc.text.slice(chain.span.start, chain.span.end)} ${sentenceAfter(this.loc.text, chain.span.end)}`;
      // (Only where the text says so: "$\gamma_{n1} = 1$" stated as a fact of every point is a claim, and judged. A hard
      // assignment sets 0 or 1, "the closest mean"; a start any value, "initially". Not "the farthest mean".)
      const hard = rhsNode.kind === 'num' && (rhsNode.value === 0 || rhsNode.value === 1) && HARD_ASSIGNMENT.test(around) && !FARTHEST.test(around);
      if (((hard || STARTING.test(around)) && k === 'resp') || (k === 'effcount' && STARTING.test(around) && choosesValues(this.loc.text, chain.span))) {
        return { ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition', message: k === 'resp'
          ? "sets the responsibilities to a number, which the E-step's posterior is not at every point of every GMM: starting values, a hard assignment or a special case; not checked"
          : 'sets the effective counts to starting values the text chooses, not what an E-step gives; not checked' };
      }
    }
    // `x = \frac{\mu_1 + \mu_2}{2} + \frac{\sigma^2}{\mu_2 - \mu_1}\log\frac{\pi_1}{\pi_2}`: the point where something holds (a
    // decision boundary), the data letter solved for; an identity for every x would need x on the right too.
    // (Also a point by its index, "the responsibility is one half at $x_n = \frac{\mu_1 + \mu_2}{2}$": a data point equal to
    // parameters alone is where something holds, not a fact of every point.)
    if (j === 1 && lhsNode.kind === 'sym' && !lhsNode.decor && !lhsNode.accent && lhs.scope.flags.usesData && !rhs.scope.flags.usesData &&
        rhs.scope.flags.usesModel && classifySymbol(lhsNode, this.ctx).kind === 'data') {
      return { ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition', message: `solves for ${symbolToUnicode(latexName(lhsNode))}: the point where a condition holds (such as a decision boundary), not an identity for every ${symbolToUnicode(latexName(lhsNode))}; not checked` };
    }
    // `\Sigma_k = \Sigma`: the tie itself, the tied model's assumption (true at its instances by construction), not a claim.
    if (usesTied(lhs, rhs) && tieStatement(lhsNode, rhsNode)) {
      return { ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition', message: 'ties the components\' spreads to one (the tied model\'s assumption), not an identity; not checked' };
    }
    const special = this.isotropicCase(j, lhsNode, rhsNode, base, chain.span.start);
    if (special) return special;
    // `\Sigma_k^{new} = \Sigma_k = \frac{1}{N_k}\sum_n …` after "setting the gradient to zero": the plain letter names the
    // same new value (the solution), not the current parameter the instances hold.
    if (namesTheSameParameter(lhsNode, rhsNode, this.ctx) && chain.sides.length > j + 1 && namesBefore(chain, j + 1, this.ctx, (n) => this.parameterAlias(n)) && this.optimumTold(chain)) {
      return { ...base, kind: 'definition', verdict: 'unchecked', reason: 'condition', message: 'names the same parameter twice (its new value and its letter, as at the optimum the chain goes on to); not a claim of its own' };
    }
    // `\det(\Sigma_k - \lambda I) = 0`: the characteristic equation, which says what the eigenvalues λ are; it
    // holds for them only, not for the letter's value elsewhere in the note (a multiplier, a penalty's weight).
    // (Not a scalar the note defines: `\det(\Sigma_k - tI) = 0` after `t = \operatorname{tr}(\Sigma_k)/D` is a claim about t.)
    const eigen = characteristicUnknown(lhsNode, rhsNode) ?? characteristicUnknown(rhsNode, lhsNode);
    if (eigen && !lookupDefinition(eigen, this.ctx)) {
      return { ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition', message: `the characteristic equation: it says which values of ${symbolToUnicode(latexName(eigen))} are eigenvalues, not an identity; not checked` };
    }
    // The multiplier written as a solution (`\lambda = -N`) is a condition.
    if (j === 1 && lhsNode.kind === 'sym' && !lhsNode.sub && (lhsNode.name === 'lambda' || classifySymbol(lhsNode, this.ctx).kind === 'lambda')) {
      const solved = this.multiplierSolved(lhs, rhs, base, latexName(lhsNode));
      if (solved) return solved;
      return { ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition', message: `solves for the multiplier ${symbolToUnicode(latexName(lhsNode))}: a condition at the optimum, not an identity; not checked` };
    }
    // (Also after names of the same parameter: `Λ_k^{-1} = Σ_k = \frac{1}{N_k} Σ_n …`, Bishop's (9.19) with the precision.)
    // (And after `⇒`, which starts a new statement: `\pi_k \propto N_k \Rightarrow \pi_k = \frac{N_k}{N}`.)
    // (And after a side the link is bridged from that opens the chain: `\sigma_k^2 = v_k = \frac{1}{N_k} …` with v_k unread.)
    // (The left side may be the note's own name for a parameter: `v_k = …` after "Let $v_k = \sigma_k^2$", or in
    // `v_k = \sigma_k^2 = …`; the update is of that parameter.)
    const aliased = this.parameterAlias(lhsNode);
    // (`\tau_k = \frac{1}{N_k}\sum_n \gamma_{nk}\tau_k`: a right side that writes the parameter, under any of its names, is
    // an identity about it, as with σ_k itself.)
    const update = (j === 1 || bridgedFrom === 0 || namesBefore(chain, j, this.ctx, (n) => this.parameterAlias(n)) || chain.relations[j - 2]?.rel === '⇒') &&
      (aliased === lhsNode || !this.mentionsUnderAnyName(rhsNode, aliased))
      ? updateKind(aliased, rhsNode, rhs.scope.flags, this.ctx, chain.relations[j - 1]?.rel === ':=') : null;
    if (update) {
      // The left side of an update is the reference M-step's new value.
      const asNew = withDecor(aliased);
      try {
        const scope = newScope(this.ctx);
        lhs = { ok: true, closure: compile(asNew, scope), scope, node: lhsNode, key: `update:${lhs.key}` };
      } catch (e) {
        if (!(e instanceof CheckError)) throw e;
      }
    }
    let evaluated = this.evaluate(lhs, rhs, relaxed, update === 'cov');
    // "If $p_{tl} \in \{0,1\}$ (hard assignment), then $p_{tl}p_{tl'} = 0$": a fact of hard assignments, the case the sentence
    // states, not of the E-step's posterior. (Responsibilities on one side, 0 or 1 on the other, the case said around it; failing
    // for the posterior: `\sum_k z_{nk} = 1` holds either way.)
    // (Not one responsibility set to 0 or 1, which the rule above reads; the note's own posterior, p_{tl} = …, counts as one.)
    const hardSide = (n: Node) => n.kind === 'num' && (n.value === 0 || n.value === 1);
    const posterior = (sd: CompiledSide) => sd.node.kind !== 'sym' && (sd.scope.flags.usesResp || sd.scope.flags.usesModel);
    if (evaluated.status === 'fail' && ((hardSide(rhsNode) && posterior(lhs)) || (hardSide(lhsNode) && posterior(rhs)))) {
      const around = `${sentenceBefore(this.loc.text, chain.span.start)} ${sentenceAfter(this.loc.text, chain.span.end)}`;
      if ((HARD_ASSIGNMENT.test(around) || ZERO_ONE_SET.test(around)) && !FARTHEST.test(around)) {
        return { ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition',
          message: 'holds for hard assignments (responsibilities 0 or 1), the case the text states around it, not for the E-step\'s posterior of every GMM; not checked' };
      }
    }
    let variant0 = 0;
    // An inverse-Wishart written in the other book's convention for its matrix (compileInverseWishart).
    if (evaluated.status === 'fail' && (lhs.scope.flags.usesIW || rhs.scope.flags.usesIW)) {
      const other = this.evaluate(lhs, rhs, relaxed, update === 'cov', undefined, false, IW_SCALE_CONVENTION);
      if (other.status !== 'fail') { evaluated = other; variant0 = IW_SCALE_CONVENTION; }
    }
    // `Σ_k w_k ∂F/∂w_k = N + λ` in a chain with the Lagrangian's multiplier: there the weights move off the simplex (the
    // multiplier's derivatives need them free), but a step may use the constraint Σ_k π_k = 1 itself, which holds wherever the
    // weights are feasible. Holding on the simplex, it is judged there (failing there too, the ✗ stands).
    let feasibleNote = '';
    // (A step with the multiplier: `1 = Σ_k π_k` is the constraint itself, a condition as before. Not one whose
    // sides both vanish there, `∂𝓛/∂λ = Σ_k π_k − 1` with 𝓛 the log-likelihood: 0 = 0 says nothing.)
    // (Instances given, `at`: a step with λ is evaluated off the simplex whatever `relaxed` says.)
    // (Only a step that writes the multiplier: each the probes found does, and the retry costs an evaluation per failing step.)
    const multiplier = [lhs, rhs].some((sd) => sd.scope.flags.usesLambda);
    if (evaluated.status === 'fail' && relaxed && !evaluated.shapeError && multiplier) {
      const feasible = this.evaluate(lhs, rhs, false, update === 'cov', { trials: this.pool.get(false), floor: 0, tolerance: this.settings.tolerance, label: '/feasible' });
      if (feasible.status === 'pass' && feasible.samples.some((x) => [...x.lp.values, ...x.rp.values].some((y) => Math.abs(y) > 1e-9))) {
        evaluated = feasible;
        relaxed = false;
        feasibleNote = ' (with the weights on the simplex: the step uses the constraint that they sum to 1, and fails off it)';
      }
    }
    // `\sigma_1^2 = \sigma_2^2`, "put the mean on a point, $\mu_j = x_m$", "impose $\mu_2 = -m$": one model quantity set
    // equal to another is a tie, a supposition or a reparametrisation the note makes, never an identity of every GMM.
    // (The first link of an inline formula, or any link of a chain of bare quantities only (`\sigma_1^2 = \sigma_2^2 = \sigma_3^2`);
    // not after "gives", "hence", "setting … to zero", nor a link after `\implies`: those state a result.)
    // (Asked of a failing link only: walking every side for every link of a long chain is quadratic.)
    const tieChain = () => chain.sides.every((sd) => sd.ok && bareParameter(sd.node) !== null) && chain.relations.every((r) => r.rel === '=');
    if (evaluated.status === 'fail' && supposition(lhsNode, rhsNode, this.ctx) && ((j === 1 && this.inlineChain) || tieChain()) &&
        !RESULT_BEFORE.test(this.loc.text.slice(Math.max(0, chain.span.start - 80), chain.span.start))) {
      this.suppose(tieOf(lhsNode, rhsNode, this.ctx), base, chain.span);
      return {
        ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition',
        message: `sets ${proseToUnicode(base.lhs)} equal to ${proseToUnicode(base.rhs)}: a supposition or a tie the note makes (a special case), not an identity of every GMM; not checked`,
      };
    }
    // `π_2 = 1 − π_1`, `π_1 + π_2 = 1` in a note whose K is more: the weights of a special case with fewer
    // components (the text's "two-component case"), which the instances with K components do not have.
    if (evaluated.status === 'fail') {
      const a = weightsOnly(lhsNode, this.ctx), b = weightsOnly(rhsNode, this.ctx);
      const m = a < 0 || b < 0 ? -1 : Math.max(a, b);
      if (m >= 2 && m < this.ctx.K && weightsSumToOne(lhsNode, rhsNode, m, this.ctx)) {
        this.specialCase = m;
        this.specialCaseLine = base.line;
        return {
          ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition',
          message: `relates the weights of the first ${m} components only: it holds for a mixture of ${m} components (a special case), not for the note's K (the instances have ${this.ctx.K}); not checked`,
        };
      }
    }
    // After such a special case, a step about its components only (d𝓛/dπ_1 with π_2 = 1 − π_1 substituted).
    if (evaluated.status === 'fail' && this.specialCase !== null) {
      const a = numberedComponents(lhsNode, this.ctx), b = numberedComponents(rhsNode, this.ctx);
      const m = a < 0 || b < 0 ? -1 : Math.max(a, b);
      if (m > 0 && m <= this.specialCase) {
        return {
          ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
          message: `is about the special case of ${this.specialCase} components the note takes up (line ${this.specialCaseLine}), which the instances with K = ${this.ctx.K} do not have; not checked`,
        };
      }
    }
    // Values the note gives every component: in a formula before the step (`\pi_k = 1/K`, `\Sigma_k = \mathbf{I}`,
    // `\pi_1 = \pi_2 = \frac12`), in words ("assume all variances are known and equal to 1"), or written into the step
    // itself (`\frac{1}{2}\mathcal{N}(x \mid \mu_1, 1) + …`). A step that fails for every GMM and holds at instances
    // that have them is a special case the note takes: not judged (wrong either way, it fails there too).
    if (evaluated.status === 'fail') {
      for (const source of this.valueSources(chain, base, lhsNode, rhsNode, relaxed)) {
        if (this.valuesHold(lhs, rhs, relaxed, update === 'cov', source.values, source.key)) {
          if (source.key.startsWith('own:')) this.ownCase = { key: source.key.slice(4), line: base.line };
          return { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported', message: source.message };
        }
      }
      const sized = this.holdsAtLocalSizes(chain, lhs, rhs, relaxed, update === 'cov', [lhsNode, rhsNode]) ?? this.holdsForTwoComponents(chain, lhs, rhs, relaxed, update === 'cov') ??
        this.holdsAtStatedCount(lhs, rhs, relaxed, update === 'cov', [lhsNode, rhsNode], chain.span.start) ??
        this.holdsIsotropic(chain, lhs, rhs, relaxed, update === 'cov');
      if (sized) return { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported', message: sized };
    }
    // After a worked example states its parameters and data: a step that fails for every GMM may be about that
    // example (`γ_n2 = 1/(1 + e^{2 − 2x_n})` with its equal weights and variances). Holding there, it is not judged.
    // Only a step about the example's components by number (no index running over components: a step "for every k"
    // is the general derivation's, which an example with equal weights would let π_j for π_k through), in a model
    // of the example's dimension and number of components (not a D-dimensional derivation after a 1-D example).
    // (Or a step that writes the example's number in a Gaussian's slot, `\mathcal{N}(x_i \mid \mu_k, 1)` after the example
    // gives every component variance 1: a formula for that example, whatever its indices.)
    // `\sum_n x_n = 8` after "Data $x = (0, 1, 3, 4)$": a step about the data alone (no parameter, no free index) is about the
    // data the worked example states, and judged there.
    if (evaluated.status === 'fail' && !relaxed && this.worked?.hasData() && (lhs.scope.flags.usesData || rhs.scope.flags.usesData) &&
        lhs.scope.free.size === 0 && rhs.scope.free.size === 0 && this.dataOnly(lhsNode) && this.dataOnly(rhsNode) &&
        // (A number on one side, the example's: `\sum_n \sum_m (x_n - x_m)^2 = 2N\sum_n x_n^2 - …` "for any data set" is general.)
        closedNumeric(lhsNode) !== closedNumeric(rhsNode)) {
      const judged = this.atStatedData(lhs, rhs, base, this.kindOf(chain, j, lhs, rhs));
      if (judged) return judged;
    }
    if (evaluated.status === 'fail' && !relaxed && this.worked && (freeRoles(lhs, rhs).every((r) => r === 'data') || numberInDensitySlot(lhsNode) || numberInDensitySlot(rhsNode))) {
      const example = this.worked.statedInstance();
      // (Not a step that writes weights about an example that gives none, "in general, for weights π_1, π_2, …",
      // unless the text since the example's start says they are equal: "the two weights are equal".)
      // (An example that states its own number of components, "Single point, $K = 1$, …": the steps after it are about it.)
      // (Only a step about the example's components by number then: "Back to general $K$", `\sum_k …`, is the model's.)
      if (example && example.lastLine < base.line && example.gmm.D === this.ctx.D &&
          (example.gmm.K === this.ctx.K || (example.kStated && !this.overComponents(lhsNode) && !this.overComponents(rhsNode))) &&
          !(example.unweighted && [lhsNode, rhsNode].some((n) => writesQuantity(n, 'weight', this.ctx)) &&
            !WEIGHTS_EQUAL_TOLD.test(this.loc.text.slice(lineOffset(this.loc.text, example.firstLine), chain.span.start)))) {
        const held = this.exampleHolds(lhs, rhs, update === 'cov', example);
        if (held) return { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported', message: held };
      }
    }
    // Numbers on both sides (`\frac{1}{1.3} [1.5; 1.0] = [1.1538; 0.7692]`), the numbers printed rounded: equal up to
    // that rounding is not a ✗. The worked examples' pass judges such links to first order (roundingReach) where it
    // reads them, single numbers only; here, for vectors and matrices and chains it does not read, a bound: 20 half-units
    // of the finest number printed (the result's rounding and what rounded inputs of that precision carry into it).
    // (Also one side numbers with decimals and the other a quantity that is constant: `\log\mathcal{N}(\mu_k \mid \mu_k, 1) = -0.5 \times 1.8379`.)
    if (evaluated.status === 'fail' && evaluated.counterexample && (closedNumeric(lhsNode) || closedNumeric(rhsNode)) && (hasDecimals(lhsNode) || hasDecimals(rhsNode))) {
      const half = 0.5 * 10 ** -Math.max(finestDecimals(lhsNode), finestDecimals(rhsNode));
      const ce = evaluated.counterexample;
      const gap = ce.lp.values.length === ce.rp.values.length ? Math.max(...ce.lp.values.map((x, q) => Math.abs(x - ce.rp.values[q]!))) : Infinity;
      // (One side a quantity: within the rounding of its numbers only, `\frac12\sum_k \gamma_{nk} = 1.0` is judged.)
      const both = closedNumeric(lhsNode) && closedNumeric(rhsNode);
      const size = Math.max(1, ...ce.lp.values.map(Math.abs), ...ce.rp.values.map(Math.abs));
      if (gap <= (both ? 20 * half : half * size)) {
        return { ...base, kind: 'numeric', verdict: 'unchecked', reason: 'unsupported', message: `both sides are numbers that agree up to the rounding of the numbers written (they differ by ${formatValue(gap)}); not judged exactly` };
      }
      // `-7.4468 - (-7.7594) = 0.2126`: arithmetic on numbers that does not come out; said as such, not as a factor "at every sample point".
      if (both && ce.lp.values.length === 1 && ce.rp.values.length === 1) {
        return extend(base, { kind: 'numeric', verdict: 'fail', reason: null,
          message: `The arithmetic does not come out: the left side is ${formatValue(ce.lp.values[0]!)}, the right side ${formatValue(ce.rp.values[0]!)}, further apart than the rounding of the numbers written explains.` });
      }
    }
    // After a worked example has stated values: `\det \Sigma_1 = 2 \cdot 2 - 1 \cdot 1 = 3`, `\ell(\theta^{(0)}) = \ln 0.132 + …`
    // relate the example's quantities to numbers. At the checker's random instances they fail whatever the note did;
    // the worked examples' pass judges them where it can read the example, and they are not a ✗ otherwise.
    // (Not a derivative set to a number, a condition; the number one with decimals, or the other side about a component
    // or a point by its number: μ_1, Σ_1, x_3, γ_21.)
    // (Also before any: `\alpha_1 = \frac{N_1}{N} = \frac{2.25}{5}` in an exercise that gives the responsibilities, a computation
    // with numbers with decimals after a quantity of the E-step, which is no number of every GMM; not one number, which may
    // be the value a general identity claims, `\frac12 \sum_k \gamma_{nk} = 1.0`, nor a density's or the weights' value.)
    // (With the example stated, numbers put into a density count as numbers: `\log p(x \mid \theta) = \log(0.3\,\mathcal{N}(0.5 \mid 0, 1) + …)`.)
    // (Not a link of such a side to plain numbers, `… = -1.528`: both numbers, as before, the one that is not closed read as the quantity.)
    // (Read only for a failing step: the walks are not for every claim.)
    const closedL = evaluated.status === 'fail' && closedNumeric(lhsNode), closedR = evaluated.status === 'fail' && closedNumeric(rhsNode);
    const putIn = (n: Node) => evaluated.status === 'fail' && !!this.worked?.hasFacts() && numbersPutIn(n);
    const numbersL = closedL !== closedR ? closedL : putIn(lhsNode);
    const numbersR = closedL !== closedR ? closedR : putIn(rhsNode);
    if (evaluated.status === 'fail' && numbersL !== numbersR &&
        !lhs.scope.flags.derivatives.length && !rhs.scope.flags.derivatives.length &&
        (numbersL ? hasDecimals(lhsNode) || (this.worked?.hasFacts() && numberedSymbol(rhsNode)) : hasDecimals(rhsNode) || (this.worked?.hasFacts() && numberedSymbol(lhsNode))) &&
        (this.worked?.hasFacts() || ((numbersL ? rhs : lhs).scope.flags.usesResp && numbersIn(numbersL ? lhsNode : rhsNode) >= 2))) {
      // (Without a worked example stated above, the numbers are the exercise's own: `\frac{N_1}{N} = \frac{2.25}{5}` after given responsibilities.)
      const message = this.worked?.hasFacts()
        ? 'relates a quantity of the worked example to numbers, not an identity that holds for every GMM; the checker judges it only where it can read the example\'s values, and cannot here'
        : 'sets a quantity of the E-step equal to numbers the exercise computes (values it gives, such as the responsibilities, which the note does not state as data), not an identity that holds for every GMM; not checked';
      return { ...base, kind: 'numeric', verdict: 'unchecked', reason: 'unsupported', message };
    }
    // "For $j \neq k$": a step about different indices holds where they differ; where they are equal it needs another form.
    if (evaluated.status === 'fail') {
      const pairs = this.distinctIndices(chain);
      if (pairs.length) {
        const apart = this.evaluate(lhs, rhs, relaxed, update === 'cov', { trials: this.pool.get(relaxed || lhs.scope.flags.usesLambda || rhs.scope.flags.usesLambda), floor: 0, tolerance: this.settings.tolerance, label: `/≠${pairs.flat().join('')}`, distinct: pairs });
        if (apart.status !== 'undefined') {
          evaluated = apart;
          this.distinctNote = ` with ${pairs.map(([a, b]) => `${a} ≠ ${b}`).join(', ')}, as the text says`;
        }
      }
    }
    // `π_2 = 1 − π_1` written (two components), then d𝓛/dπ_1: the derivative with π_2 moving along, the note's substitution.
    if (j === 1 && this.ctx.K === 2 && weightsOnly(lhsNode, this.ctx) > 0 && rhsNode.kind === 'sub' && rhsNode.a.kind === 'num' && rhsNode.a.value === 1 &&
        weightsOnly(rhsNode, this.ctx) > 0) this.pairedWeights = true;
    if (evaluated.status === 'fail' && this.pairedWeights && (lhs.scope.flags.numberedWeight || rhs.scope.flags.numberedWeight)) {
      const paired = this.evaluate(lhs, rhs, relaxed, update === 'cov', undefined, false, WEIGHTS_PAIRED);
      if (paired.status === 'pass') { evaluated = paired; variant0 = WEIGHTS_PAIRED; }
    }
    if (evaluated.status === 'fail' && this.lastWeightEliminated && (lhs.scope.flags.numberedWeight || rhs.scope.flags.numberedWeight)) {
      const eliminated = this.evaluate(lhs, rhs, relaxed, update === 'cov', undefined, false, LAST_WEIGHT_ELIMINATED);
      if (eliminated.status !== 'fail') {
        if (eliminated.status === 'pass') { evaluated = eliminated; variant0 = LAST_WEIGHT_ELIMINATED; } else {
          return { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported', message: `fails with every weight free, but the note has eliminated the last weight (π_K = 1 − Σ_{j<K} π_j), and with π_K moving against the others it could not be evaluated (${eliminated.costly ?? eliminated.error ?? 'undefined values'}); not checked` };
        }
      }
    }
    // ∂/∂θ_k (a parameter of component k): the step must hold along Σ_k as well as along μ_k.
    if (evaluated.status === 'pass' && (lhs.scope.flags.componentTheta || rhs.scope.flags.componentTheta)) {
      const spread = this.evaluate(lhs, rhs, relaxed, update === 'cov', undefined, false, THETA_AS_SPREAD);
      if (spread.status !== 'pass') {
        if (spread.status === 'fail') { evaluated = spread; variant0 = THETA_AS_SPREAD; } else {
          return { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported', message: `holds for θ_k = μ_k, but with θ_k = Σ_k it could not be evaluated (${spread.costly ?? spread.error ?? 'undefined values'}); not checked` };
        }
      }
    }
    // γ^{new} read as the responsibilities at the updated parameters (r_ik^{(t+1)} = π_k^{(t+1)} 𝒩(…) / …).
    if (evaluated.status === 'fail' && (lhs.scope.flags.updatedResp || rhs.scope.flags.updatedResp)) {
      const other = this.evaluate(lhs, rhs, relaxed, update === 'cov', undefined, false, RESP_AT_UPDATE);
      if (other.status === 'pass') { evaluated = other; variant0 = RESP_AT_UPDATE; }
    }
    // 𝒩(x | μ_k, σ_k) read with σ_k the standard deviation: a step that holds only with σ_k the variance
    // (1/√(2πσ_k) exp(−(x − μ_k)²/(2σ_k)) written out) depends on what the note means by it.
    if (evaluated.status === 'fail' && (lhs.scope.flags.bareSpreadSlot || rhs.scope.flags.bareSpreadSlot) &&
        this.evaluate(lhs, rhs, relaxed, update === 'cov', undefined, false, SPREAD_AS_VARIANCE).status === 'pass') {
      return {
        ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
        message: 'holds if σ in 𝒩(x | μ, σ) is the variance, not if it is the standard deviation (scipy’s convention, which the note’s Gaussians otherwise suggest): not checked',
      };
    }
    // `π_k exp(−‖x_i − μ_k‖²/(2σ²))`: a spread without an index beside a component's mean is one variance all
    // components share (a tied model), or σ_k with its index left out; the instances have one per component.
    // (A step that holds with it, an expansion true for any σ, stands.)
    const spread = lhs.scope.flags.genericSpread ?? rhs.scope.flags.genericSpread;
    // (Not in a note that writes the letter with its component's index, σ_k: there σ is σ_k with the index dropped,
    // a slip the ✗ points at.)
    if (evaluated.status === 'fail' && spread && (lhs.scope.flags.indexedMean || rhs.scope.flags.indexedMean) && symbolReading(this.ctx.reading, spread, 1) === undefined) {
      return { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported', culprit: spread.span,
        message: tiedSpread(spread, 'without an index beside a component\'s mean', ', or the component\'s own with its index left out') };
    }
    // A tied model's shared spread in a step with no component's quantity (no responsibility, mean μ_k, density, likelihood,
    // derivative or component index): a single Gaussian's covariance or a starting value (`\Sigma^{(0)} = \frac{1}{N} \sum_n
    // (x_n - \bar{x})(x_n - \bar{x})^\top`) written with the same letter, which the tied reading would judge as the
    // components' update. Not judged when it fails.
    // (Nor one that writes a mean without its index, a single Gaussian's μ: `\frac{\partial \ell}{\partial \Sigma} = -\frac{N}{2}\Sigma^{-1} + …`
    // about one Gaussian fitted to the data.)
    const tied = lhs.scope.flags.tiedSpread ?? rhs.scope.flags.tiedSpread;
    if (evaluated.status === 'fail' && tied && ([lhs, rhs].some((sd) => sd.scope.flags.genericMean) || ![lhs, rhs].some((sd) => sd.scope.flags.usesResp || sd.scope.flags.indexedMean ||
        sd.scope.flags.indexedSpread || sd.scope.flags.usesDensity || sd.scope.flags.usesLoglik || sd.scope.flags.usesAssignments || sd.scope.flags.derivatives.length) &&
        !freeRoles(lhs, rhs).includes('comp'))) {
      return { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported', culprit: tied.span,
        message: `${symbolToUnicode(latexName(tied))} without an index is read as the ${tied.name === 'sigma' ? 'variance' : 'covariance'} all components share (a tied model), but this step has no component's quantity in it, or a mean without its index (it may be about a single Gaussian or a starting value), so it is not judged` };
    }
    // `\Sigma^{new} = \frac{1}{N} \sum_k \sum_n \gamma_{nk} (x_n - \mu_k)(x_n - \mu_k)^\top`: an updated spread without an
    // index set to a sum over all components' responsibilities is one covariance they share (a tied model), not one
    // Gaussian's sample covariance, which Σ^{new} alone is read as. (With k free on the other side, Σ^{new} is Σ_k^{new}
    // with its index left out, a slip the ✗ points at.)
    const sample = lhs.scope.flags.sampleSpread ?? rhs.scope.flags.sampleSpread;
    if (evaluated.status === 'fail' && sample && (lhs.scope.flags.usesResp || rhs.scope.flags.usesResp) &&
        !freeRoles(lhs, rhs).includes('comp')) {
      return { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported', culprit: sample.span,
        message: tiedSpread(sample, 'updated without an index, from the responsibilities of all components,', '') };
    }
    // `\pi = \frac{1}{N} R^\top \mathbf{1}_N`: π alone as a side, in a note whose weights are π_k, is the vector of
    // the weights (its number 3.14159 is never a side by itself); the checker reads it as the number.
    if (evaluated.status === 'fail' && [lhsNode, rhsNode].some((n) => this.weightVector(n))) {
      return {
        ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
        message: 'π without an index, alone on its side, is the vector of the weights (π_1, …, π_K) in a note whose weights are π_k; the checker reads it as the number 3.14159 there, so the step is not judged',
      };
    }
    // `∂ℓ/∂μ = (1/σ²) Σ_n (x_n − μ)` about one Gaussian (μ, σ² without an index) with ℓ, the checker's log-likelihood,
    // the mixture's: the note's ℓ is that Gaussian's there (a warm-up before the mixture, or a note with no mixture).
    // (Not σ² beside μ_k: the component's own spread with its index dropped, a slip. Shapes that do not fit are wrong
    // whichever likelihood it is.)
    const single = lhs.scope.flags.genericMean ?? rhs.scope.flags.genericMean;
    if (evaluated.status === 'fail' && !evaluated.shapeError && single && !lhs.scope.flags.indexedMean && !rhs.scope.flags.indexedMean &&
        (lhs.scope.flags.usesLoglik || rhs.scope.flags.usesLoglik)) {
      return {
        ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported', culprit: single.span,
        message: `${symbolToUnicode(latexName(single))} without an index is a single Gaussian's, and the log-likelihood here is read as the mixture's: the step is about one Gaussian's likelihood, which the note writes without its arguments; write it as ℓ(μ, σ²) to have it checked`,
      };
    }
    // A letter read as an arbitrary matrix whose shapes do not fit is most likely a number here.
    const free = [...new Set([...lhs.scope.flags.freeLetters, ...rhs.scope.flags.freeLetters])].sort();
    if (free.length && evaluated.shapeError) {
      return {
        ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unknown-symbol',
        message: `${free.join(', ')} ${free.length > 1 ? 'are' : 'is'} not defined in the note; read as an arbitrary matrix or vector the shapes do not fit (${evaluated.shapeError.replace(/\.$/, '')}), so it is probably something else: define it in the note`,
      };
    }
    // `\Lambda(x - \mu)`: a letter the note does not define, written against its bracket, is read as a function of it (a number),
    // and the shapes then do not fit; most likely it is a matrix times the bracket. Not a reading of the note: not judged.
    const applied = [...new Set([...lhs.scope.flags.abstractFns, ...rhs.scope.flags.abstractFns])].filter((a) => !free.includes(a)).sort();
    if (applied.length && evaluated.shapeError) {
      return {
        ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unknown-symbol',
        message: `${applied.map((a) => `${symbolToUnicode(a)}(…)`).join(', ')} ${applied.length > 1 ? 'are' : 'is'} read as a function the note does not define, and the shapes then do not fit (${shapeReason(evaluated.shapeError)}); if ${applied.length > 1 ? 'they are matrices' : 'it is a matrix'} times the bracket, define ${applied.length > 1 ? 'them' : 'it'} in the note`,
      };
    }
    // A derivative set to zero: the steps that follow may hold at stationary points only.
    // ("Setting (2) to zero gives $S_k = N_k \Sigma_k$": the text before the formula says so.)
    // (A function: the prose is read only for a step that fails, most hold.)
    const lastConditionLine = this.lastConditionLine;
    // (Not a derivation that starts from the derivative, `\frac{\partial \ell}{\partial \sigma_k^2} &= …` after "(then setting
    // the result to zero)": its rows are identities, the setting to zero comes after them. Only a chain of equalities:
    // `… \implies \sum_n \gamma_{nk} x_n = N_k \mu_k` after it is the consequence.)
    const derivation = (): boolean => {
      const first = chain.sides[0];
      return !!first?.ok && mentionsDerivative(first.node) && chain.relations.every((r) => r.rel === '=') && !chain.sides.some((sd) => sd.ok && isZero(sd.node));
    };
    const afterCondition = (): boolean => (lastConditionLine !== null && base.line - lastConditionLine <= AFTER_CONDITION_LINES) ||
      (this.optimumTold(chain) && !derivation());
    if ((isZero(lhsNode) || isZero(rhsNode)) && (lhs.scope.flags.derivatives.length > 0 || rhs.scope.flags.derivatives.length > 0)) this.lastConditionLine = base.endLine;
    // `q_{\ell s} \propto \rho_s \mathcal{N}(…)`, `q_n(k) = \gamma_{nk}`: the distribution the note leaves free (Σ_s q_{ℓs} = 1), alone on
    // a side, set to something: the note's choice of it (the optimum, the E-step), not an identity of every q.
    // `\log p(x \mid \theta) = \sum_{i=1}^N \log p(x_i \mid \theta)`: x without its index, beside a sum over the points x_i, is all
    // of them (the data set), which the checker reads as one point x.
    const setLetter = evaluated.status === 'fail' ? this.dataSetAsPoint(lhsNode, rhsNode) ?? this.dataSetAsPoint(rhsNode, lhsNode) : null;
    if (setLetter) {
      return { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
        message: `${setLetter} without its index, beside a sum over the points ${setLetter}ᵢ, stands for all of them (the data set); the checker reads it as one point, so the step is not judged: write the data set as X or 𝐱` };
    }
    const chosen = evaluated.status === 'fail' ? this.chosenDistribution(lhsNode, rhsNode) : null;
    if (chosen) return { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'abstract-function', message: chosen };
    const abstractWhy = this.abstractDependence(lhs, rhs, relaxed, update === 'cov', evaluated, variant0, chain.span.start);
    if (abstractWhy) return { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'abstract-function', message: abstractWhy };
    // `∂L/∂θ = Σ_n Σ_k γ_nk ∂ log f_k(x_n)/∂θ`: the step differentiates a component's density, which holds no weight, in θ, so
    // θ is a parameter of the components (it holds for μ_k and σ_k, not for π_k), not all the parameters at once.
    // Judged along the components' parameters only (the weights held still).
    const thetaOfComponents = evaluated.status === 'fail' && [...lhs.scope.flags.derivatives, ...rhs.scope.flags.derivatives].some((d) => componentDensityTheta(d, this.ctx))
      ? this.evaluate(lhs, rhs, relaxed, update === 'cov', undefined, false, THETA_COMPONENTS) : null;
    const alongComponents = (along: EvalResult): Claim => extend(base, { kind: this.kindOf(chain, j, lhs, rhs), verdict: 'pass', reason: null, maxRelError: along.maxRel,
      message: `agrees at ${along.points} sample points of ${this.settings.trials} random GMM instances (max rel. error ${along.maxRel.toExponential(0)}), with θ a parameter of the components (their means and spreads moved together, the weights held still): the step differentiates a component's density, which holds no weight, in θ` });
    // "For any parameter $\vartheta$ that only enters component $k$, ∂ℓ/∂ϑ = Σ_t w_tk ∂ log φ_k/∂ϑ": θ there is one
    // component's parameter, which the checker's θ (all the parameters at once) is not. (Holding along all the components'
    // parameters, "θ any of the μ_c, Σ_c", it holds for each: a pass.)
    if (evaluated.status === 'fail' && [...lhs.scope.flags.derivatives, ...rhs.scope.flags.derivatives].some((d) => d.wrt.kind === 'sym' && !d.wrt.sub && ['theta', 'vartheta', 'Theta'].includes(d.wrt.name)) &&
        (COMPONENT_PARAMETER_WORDS.test(textBefore(this.loc.text, chain.span.start, 200)) || THETA_ONE_OF_AFTER.test(this.loc.text.slice(chain.span.end, chain.span.end + 80)))) {
      if (thetaOfComponents?.status === 'pass') return alongComponents(thetaOfComponents);
      return {
        ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
        message: 'θ here is a parameter of one component, as the text says, not all the parameters at once; which one is not said, so the step is not checked',
      };
    }
    // (Failing along the components too, the ✗ stands.)
    if (thetaOfComponents?.status === 'fail') evaluated = thetaOfComponents;
    else if (thetaOfComponents) {
      return thetaOfComponents.status === 'pass' ? alongComponents(thetaOfComponents)
        : { ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported', message: `θ here differentiates a component's density, so it is a parameter of the components, not all the parameters at once; moved that way the step could not be evaluated (${thetaOfComponents.costly ?? thetaOfComponents.error ?? 'undefined values'}); not checked` };
    }
    // `N_k = \Sigma_n \gamma_{nk}`: a capital Σ with an index, before a term that has the same index, is often a sum
    // written hastily (\sum_n); read as the covariance Σ_n the step fails, which is not a reading of the note.
    const sigmaSum = evaluated.status === 'fail' && this.loc.text.slice(chain.span.start, chain.span.end).includes('\\Sigma_') ? capitalSigmaSum(lhsNode, this.ctx) ?? capitalSigmaSum(rhsNode, this.ctx) : null;
    if (sigmaSum) {
      return {
        ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
        message: `${proseToUnicode(this.loc.text.slice(sigmaSum.span.start, sigmaSum.span.end))} before a term with the same index may be a sum written with the letter Σ instead of the summation sign, over ${sigmaSum.index}; read as a covariance the step fails: not checked`,
      };
    }
    // `\log\mathcal N = \tfrac12\log|\Lambda_k| - …` : 𝒩 without its arguments is read as the note's usual density, whose
    // point (x_n) may not be the one the other side writes (a generic 𝐱): a ✗ resting on that reading is not the note's.
    const bare = lhs.scope.flags.bareDensity ?? rhs.scope.flags.bareDensity;
    if (evaluated.status === 'fail' && bare && this.pointDiffersFromUsual([lhsNode, rhsNode])) {
      return {
        ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
        message: `${symbolToUnicode(latexName(bare))} is written without its arguments, and read as the note's usual density ${this.ctx.defaultDensity ? proseToUnicode(this.loc.text.slice(this.ctx.defaultDensity.span.start, this.ctx.defaultDensity.span.end)) : ''}; as that the step fails, but the note may mean another point or component: not checked`,
      };
    }
    // `… + \text{constant}`: judged up to that constant. The sides differing by the same number at
    // every sample point of every instance passes; a difference that varies is not a ✗, as
    // "constant" may mean constant in one variable only (the terms without Σ_k).
    if ((lhs.scope.flags.additiveConstant || rhs.scope.flags.additiveConstant) && evaluated.status !== 'undefined') {
      const gaps = evaluated.samples.map((x) => x.lp.values.length === 1 && x.rp.values.length === 1 ? x.lp.values[0]! - x.rp.values[0]! : NaN);
      const size = Math.max(1, ...evaluated.samples.flatMap((x) => [...x.lp.values, ...x.rp.values].map(Math.abs)));
      const c = gaps[0] ?? NaN;
      const constant = gaps.length >= 3 && gaps.every((g) => Number.isFinite(g) && Math.abs(g - c) <= 1e-9 * size);
      // "As a function of μ_k, …" just before: the prose says what the constant is constant in.
      // (The paragraph just before the formula, past the display's own opening `$$`.)
      const windowStart = Math.max(0, base.lhsSpan.start - 300);
      const paragraphs = this.loc.text.slice(windowStart, base.lhsSpan.start).split(/\n\s*\n/);
      while (paragraphs.length > 1 && /^\s*(\$\$|\\\[|\\begin\{[a-z*]+\})?\s*$/.test(paragraphs[paragraphs.length - 1]!)) paragraphs.pop();
      const before = paragraphs[paragraphs.length - 1] ?? '';
      const beforeStart = windowStart + this.loc.text.slice(windowStart, base.lhsSpan.start).lastIndexOf(before);
      const saysWhich = /function of|with respect to|w\.?r\.?t\.?|terms? (that )?(depend|involv|contain)|depends? on|in terms of/i.test(before);
      const moving = constant || saysWhich ? null : this.notConstantInAny(lhs, rhs, relaxed);
      // "Keeping the terms that involve $\Sigma_j$: … + const": the derivatives in what the prose names agree.
      const named = !constant && saysWhich ? this.constantInNamed(before, beforeStart, lhs, rhs, relaxed) : null;
      if (named) {
        return extend(base, { kind: this.kindOf(chain, j, lhs, rhs), verdict: 'pass', reason: null, maxRelError: named.ev.maxRel,
          message: `agrees up to terms without ${named.shown}: the derivatives of the two sides in ${named.shown} agree at ${named.ev.points} sample points of ${this.settings.trials} random GMM instances`,
        });
      }
      if (moving) {
        const shown = proseToUnicode(this.loc.text.slice(moving.v.span.start, moving.v.span.end).replace(/\\(boldsymbol|mathbf|bm)\s*/g, ''));
        const ce = moving.ev.counterexample;
        return {
          ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'fail', reason: null,
          // After a link that holds, the new expression is the one to blame.
          ...(this.prevLinkPassed ? { culprit: chain.sides[j].span } : {}),
          ...(ce ? { values: { lhs: formatValue(ce.l), rhs: formatValue(ce.r), at: this.describePoint(ce) } } : {}),
          message: `${failMessage(`the two sides differ by a term that depends on ${shown}, which the note differentiates with respect to, so it is not a “constant” there`, '',
            ce ? `Their derivatives in ${shown} at ${this.describePoint(ce)}: left ${formatValue(ce.l)}, right ${formatValue(ce.r)}.` : '')}${this.priorNote}`,
        };
      }
      return constant
        ? {
          ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'pass', reason: null, maxRelError: 0,
          message: c === 0
            ? `agrees at ${gaps.length} sample points of ${this.settings.trials} random GMM instances (the constant is the same on both sides)`
            : `agrees up to the constant: the two sides differ by ${formatValue(c)} at all ${gaps.length} sample points of ${this.settings.trials} random GMM instances`,
        }
        : {
          ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
          message: 'holds up to “constant” only if the two sides differ by a fixed number; they do not, and “constant” may mean constant in one variable only: not checked',
        };
    }
    // P(A ∩ B) = P(A) P(B), P(A ∪ B) = P(A) + P(B) fail for events in general but state that
    // they are independent, or exclusive: a condition, not a law.
    if (evaluated.status === 'fail' && (lhs.scope.flags.usesEvents || rhs.scope.flags.usesEvents)) {
      const special = [[INDEPENDENT_EVENTS, 'independent'], [DISJOINT_EVENTS, 'mutually exclusive']] as const;
      // …and not only because both sides vanish there (P(A | B) = 0 for exclusive events).
      const holds = special.find(([v]) => {
        const ev = this.evaluate(lhs, rhs, relaxed, update === 'cov', undefined, false, v);
        return ev.status === 'pass' && ev.samples.some((x) => x.lp.values.some((y) => Math.abs(y) > 1e-12));
      });
      if (holds) {
        return {
          ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'condition',
          message: `holds when the events are ${holds[1]} and not in general: it states that they are (a condition), not checked as an identity`,
        };
      }
    }
    // An index outside its range is a mix-up the student made only when the note says itself
    // which of its letters run over points and which over components; else it may be our misreading.
    // (Not in a note that numbers its components from 0, which the instances do not.)
    const ev: EvalResult = evaluated.status === 'undefined' && evaluated.indexMixup && !this.ctx.componentsFromZero && indicesReadFromNote([lhsNode, rhsNode], this.ctx)
      ? { ...evaluated, status: 'fail', undefinedSide: evaluated.indexMixup }
      : evaluated;
    let result = ev;
    // Shapes that do not fit are a ✗ only when the step itself is written in matrix notation
    // (Σ, a transpose, a determinant, bold vectors): otherwise the note may mean scalars where the
    // checker read vectors (a 1-D part of a multivariate note), and a misreading is never a ✗.
    if (ev.status === 'fail' && ev.shapeError && !writesMatrices(lhsNode) && !writesMatrices(rhsNode)) {
      const claim: Claim = {
        ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
        message: `${ev.shapeError} The step does not say whether it means scalars or vectors, so it is not judged.`,
      };
      this.shapeOnly.add(claim);
      return claim;
    }
    // `∂ℓ/∂μ_k = Σ_i γ_ik (x_i − μ_k)/σ_k²` in a note whose components have matrices Σ_k (an exam's one-dimensional question beside
    // its multivariate one): σ_k is no parameter of that model, so a failing step is not judged in it (chainClaimsRead reads it
    // in one dimension). Not one written in matrix notation, which means the multivariate model.
    if (ev.status === 'fail' && (lhs.scope.flags.scalarSpread || rhs.scope.flags.scalarSpread) && !writesMatrices(lhsNode) && !writesMatrices(rhsNode)) {
      const claim: Claim = {
        ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
        message: `the step writes σ_k, a scalar spread, ${SCALAR_SPREAD_IN_MATRIX_MODEL} Σ_k (the note writes them elsewhere): not judged in that model`,
      };
      this.shapeOnly.add(claim);
      return claim;
    }
    // `\Sigma_k^{-1} \sum_i \gamma_{ki} S_{ki} - N_k`: a number added to or taken from a square matrix, the slides' shorthand for
    // that number times the identity (N_k I). Not the checker's arithmetic, and not a derivation's mistake: not judged.
    // (Holding with the number times the identity, it is not judged; failing that way too, the ✗ stands.)
    if (ev.status === 'fail' && ev.shapeError && SCALAR_AND_SQUARE.test(ev.shapeError) &&
        // (Also with the responsibilities held fixed, the M-step's reading of a derivative of Q.)
        [false, true].some((frozen) => this.evaluate(lhs, rhs, relaxed, update === 'cov', undefined, frozen, SCALAR_AS_IDENTITY).status === 'pass')) {
      return {
        ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
        message: `${ev.shapeError.replace(/\.$/, '')}; it holds if the number stands for itself times the identity (N_k I, a common shorthand), which the step does not write: not judged`,
      };
    }
    // `\mathbf{1}_K^\top \pi = 1`, `P\pi`, `\log \pi`: a bare π beside vectors is the weights' vector (π_1, …, π_K) of a
    // vectorised note, which the checker reads as the number π; a ✗ resting on that reading is not the note's.
    if (ev.status === 'fail' && (weightVectorUse(lhsNode) || weightVectorUse(rhsNode))) {
      return {
        ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
        message: `${WEIGHT_VECTOR}; as the number π the step fails: not checked`,
      };
    }
    let reading: SideReading | 'm-step' = 'all';
    // Responsibilities written inside a differentiated expression are the E-step's numbers in
    // an M-step derivation (Q(θ, θ^{(t)}), a Lagrangian in π) but functions of θ elsewhere
    // (∂γ_ik/∂μ_k): the claim holds if it holds under either reading.
    const respInDerivative = (lhs.scope.flags.usesResp || rhs.scope.flags.usesResp) &&
      (lhs.scope.flags.derivatives.length > 0 || rhs.scope.flags.derivatives.length > 0);
    // (Not a derivative of the responsibilities or of N_k themselves, ∂γ_ij/∂μ_k = 0: held fixed, every such step holds.)
    // (Read only for a step that fails: most hold.)
    const ofResp = (): boolean => [...lhs.scope.flags.derivatives, ...rhs.scope.flags.derivatives].some((d) => {
      // (The operator's operand alone: `∂/∂μ_k γ_ik log 𝒩` is the M-step's product, not ∂γ/∂μ_k.)
      const f = differentiated(d);
      if (!f) return false;
      const kind = f.kind === 'sym' ? classifySymbol(f, this.ctx).kind : f.kind === 'apply' && isResponsibilityApply(f, this.ctx) ? 'resp' : null;
      return kind === 'resp' || kind === 'effcount';
    });
    if (result.status === 'fail' && respInDerivative && !ofResp()) {
      const frozen = this.evaluate(lhs, rhs, relaxed, update === 'cov', undefined, true);
      if (frozen.status === 'pass') { result = frozen; reading = 'm-step'; }
      // Wrong under both readings: the derivative of an objective the note defines with the responsibilities in it
      // (`\tilde{\mathcal L}(\pi, \lambda) = \sum r_{nk} \log \pi_k + …`, a Q) is the M-step's; its values are the ones to show.
      // (Only where holding them fixed changes the values: F(π) = ℓ + λ(…) has no responsibilities inside to hold.)
      else if (frozen.status === 'fail' && frozen.counterexample && this.differentiatesNoteObjective(lhs, rhs) && !sameValues(frozen, result)) { result = frozen; reading = 'm-step'; }
    }
    // The other reading of ambiguous notation, when the usual one fails: an unbracketed ∂/∂ acting on the factor after it
    // only ('first'); `e^{-(x_i-\mu_k)^2/2\sigma_k^2}` as x/(2σ²), the typographic convention ('joined').
    for (const [other, ambiguous] of [['first', (f: CompileFlags) => f.ambiguousOperator], ['joined', (f: CompileFlags) => f.ambiguousSolidus]] as const) {
      if ((other === 'first' ? ev : result).status !== 'fail' || !(ambiguous(lhs.scope.flags) || ambiguous(rhs.scope.flags))) continue;
      const l2 = ambiguous(lhs.scope.flags) ? compileSide(j - 1, other) : lhs;
      const r2 = ambiguous(rhs.scope.flags) ? compileSide(j, other) : rhs;
      if (!l2.ok || !r2.ok) continue;
      const ev2 = this.evaluate(l2, r2, relaxed, update === 'cov');
      if (ev2.status === 'pass') { result = ev2; reading = other; }
    }
    // `\operatorname{tr}((\Sigma_k^{new})^{-1} \mathbf{S}_k) = N_k D` after the update: a step about updated parameters that
    // holds at EM's fixed points (where they are the current ones) but not at the instances, where which mean a
    // definition such as S_k is about (the new one, as in the update it came from, or the current one) is not clear.
    // (Not `\mu_k = \mu_k^{new}`: a step that writes the current value beside the updated one says they are equal, which
    // holds at fixed points only because there they are; a definition of the note's must carry the mean.)
    const roles = result.status === 'fail' && !result.shapeError && !update && !relaxed ? parameterRoles([lhsNode, rhsNode], this.ctx) : null;
    if (roles?.updated && !roles.current && [lhsNode, rhsNode].some((n) => this.usesDefinitionOfMean(n))) {
      const at = this.holdsAtFixedPoints(lhs, rhs, result.magnitude);
      if (at) {
        return {
          ...base, kind: this.kindOf(chain, j, lhs, rhs), verdict: 'unchecked', reason: 'unsupported',
          message: `holds at ${at} fixed points of EM, where the updated parameters are the current ones, but not at the random instances: with updated parameters, whether a quantity the note defines from the mean (a scatter matrix, a residual) is about the new mean or the current one is not clear; not checked`,
        };
      }
    }
    // `= N \quad \text{at } \alpha_k = N_k/N`, `\quad (\text{at the M-step})`: the last step of a formula that states where it
    // holds (formulaCondition), holding at EM's fixed points, is a condition; failing there too, it stays ✗.
    const stated = j === chain.sides.length - 1 && result.status === 'fail' && !result.shapeError && !update ? formulaCondition(this.loc.text, chain) : null;
    if (stated) {
      const at = this.holdsAtFixedPoints(lhs, rhs, result.magnitude);
      if (at) {
        return {
          ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition',
          message: `not checked as an identity: the formula states where it holds (“${stated} …”), and it holds at ${at} fixed points of EM, not for every GMM`,
        };
      }
    }
    // "At the optimum $\frac{\partial \ell}{\partial \pi_j} = N$": a derivative's value the text says holds there (not a
    // derivative's formula, which holds everywhere: only where the sides are well away from zero at EM's fixed points).
    if (result.status === 'fail' && !result.shapeError && !update && !relaxed && !(isZero(lhsNode) || isZero(rhsNode)) &&
        (lhs.scope.flags.derivatives.length > 0 || rhs.scope.flags.derivatives.length > 0) && this.optimumTold(chain)) {
      const at = this.holdsAtFixedPoints(lhs, rhs, result.magnitude);
      if (at) {
        return {
          ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition',
          message: `holds where the derivatives of the likelihood vanish (checked at ${at} stationary points found by EM), as the text before it says, but not in general: a condition or a consequence of one, not an identity`,
        };
      }
    }
    // "At convergence EM has reached a fixed point, so $\mu_k^{(t+1)} = \mu_k^{(t)}$": an update whose value the text says
    // is taken at a fixed point, where the M-step returns the parameters it started from.
    // (Only the parameter itself with the other mark on the right, X^{(t+1)} = X^{(t)}, after words of convergence: an update
    // formula wrong in general may hold at fixed points too, N π_k for N_k, and is judged as an update.)
    if (result.status === 'fail' && !result.shapeError && update && sameParameterMarkedOtherwise(lhsNode, rhsNode, this.ctx) &&
        FIXED_POINT_BEFORE.test(sentenceBefore(this.loc.text, chain.span.start))) {
      const at = this.holdsAtFixedPoints(lhs, rhs, result.magnitude);
      if (at) {
        return {
          ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition',
          message: `holds at EM's fixed points (checked at ${at}), as the text before it says, where the update returns the parameters it started from; not checked as an update at other parameters`,
        };
      }
    }
    // Consequences of "setting the derivative to zero" hold at stationary points only.
    const zeroSide = isZero(lhsNode) || isZero(rhsNode);
    const noDerivs = lhs.scope.flags.derivatives.length === 0 && rhs.scope.flags.derivatives.length === 0;
    // A condition or an update written with a hyperparameter λ (a prior's precision, a penalty's weight: reading.ts)
    // holds at the optimum of the note's penalised objective, which the maximum-likelihood reference does not have.
    if (result.status === 'fail' && !result.shapeError && (lhs.scope.flags.usesHyper || rhs.scope.flags.usesHyper) && (zeroSide || update || afterCondition())) {
      return {
        ...base, kind: zeroSide ? 'condition' : base.kind, verdict: 'unchecked', reason: 'unsupported',
        message: `${zeroSide ? 'a condition at the optimum' : 'an update'} of an objective with the hyperparameter λ (a prior's precision or a penalty's weight): the checker's reference has only the maximum-likelihood one; not checked`,
      };
    }
    // ∂Q/∂π_k = 0 for the expected complete-data log-likelihood: whether it may be set to zero
    // depends on how the note handles Σ π_k = 1 (a multiplier, a reparameterisation), and the
    // values at EM's stationary points do not decide it reliably (they lose their digits there).
    if (result.status === 'fail' && zeroSide && !noDerivs && (derivativeInWeights(lhsNode, this.ctx) || derivativeInWeights(rhsNode, this.ctx)) &&
        (lhs.scope.flags.usesResp || rhs.scope.flags.usesResp)) {
      return {
        ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition',
        message: 'sets a derivative with respect to the weights of an expression with the E-step\'s responsibilities to zero: whether that is right depends on how the note keeps Σ πₖ = 1 (a multiplier λ, or a reparameterisation); not checked',
      };
    }
    // "The score vanishes at every mode: $\frac{\partial}{\partial x} \log p(x) = 0$": a derivative in the data set to zero
    // is a condition on the point (where the density is stationary), which EM's stationary points say nothing about.
    // (Inline, in a sentence: a display `\frac{\partial \mathcal{L}}{\partial x_i} = 0` states a result, judged.)
    const nonZero = isZero(lhsNode) ? rhsNode : lhsNode;
    // (The score itself, ∂/∂x of a density or its log, set to zero: not ∂ℓ/∂x_n, nor an expression with more terms.)
    const ofDensity = () => {
      let found = false;
      walk(nonZero, (m) => { if (m.kind === 'apply' && (m.fn.name === 'p' || m.fn.name === 'N') && !m.fn.sub) found = true; });
      return found;
    };
    if (result.status === 'fail' && zeroSide && !noDerivs && this.inlineChain && (nonZero.kind === 'deriv' || (nonZero.kind === 'mul' && nonZero.a.kind === 'deriv')) && ofDensity() &&
      [...lhs.scope.flags.derivatives, ...rhs.scope.flags.derivatives].every((d) => {
      const v = d.wrt.kind === 'pow' ? d.wrt.base : d.wrt;
      return v.kind === 'sym' && classifySymbol(v, this.ctx).kind === 'data';
    })) {
      return {
        ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition',
        message: 'sets a derivative with respect to a data point to zero: a condition on the point (where the density is stationary), not an identity; not checked',
      };
    }
    // `$$w_j = \frac{T_j}{n}.$$ Then $$\sum_i \sum_j \tau_{ij} \ln w_j = \sum_j T_j \ln\frac{T_j}{n}$$`: a step just after an
    // update the note states by itself, with the parameter written bare, may use the parameter at that value. Holding at
    // EM's fixed points (where every parameter is its update), it is not a ✗; failing there, it is judged as usual below.
    const updated = this.updateBefore(base.line, lhsNode, rhsNode);
    if (result.status === 'fail' && !result.shapeError && !update && !zeroSide && noDerivs && updated) {
      const at = this.holdsAtFixedPoints(lhs, rhs, result.magnitude);
      if (at) {
        return {
          ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition',
          message: `holds where ${updated}, the update the note states on line ${this.lastUpdate!.line} (checked at ${at} fixed points of EM), but not for other values: read as using that update; not checked as an identity`,
        };
      }
    }
    // (An update after a condition is still the M-step's: judged against it, not at the optimum.)
    if (result.status === 'fail' && !result.shapeError && (zeroSide || ((relaxed || (!update && afterCondition())) && noDerivs))) {
      // (With as many points as the note's sums run to, `\sum_{n=1}^{4}`: at more, they would be partial sums.)
      const st = stationaryTrials(this.settings.seed, 3, this.ctx.K, this.ctx.D, !!this.ctx.isotropic, this.ctx.pointsWritten ? this.ctx.N : undefined, usesTied(lhs, rhs));
      // EM stops with gradients around 1e-10 of their size elsewhere, but near a
      // component that almost collapses the residual grows (1e-7 was seen): anything
      // below 1% of the size at random instances counts as zero here, and a fail
      // needs a disagreement of 1% beyond that (a wrong condition is off by the full size).
      const floor = 1e-2 * (result.magnitude ?? 1);
      let evS = st.length > 0 ? this.evaluate(lhs, rhs, false, update === 'cov', { trials: st, floor, tolerance: STATIONARY_TOLERANCE, stationaryCondition: true }) : null;
      // `0 = ∂/∂μ_k Σ_i r_ik log 𝒩(…)`: with the responsibilities the E-step's numbers (the M-step's
      // convention) this vanishes at EM's fixed points; read so when it does.
      if (evS?.status === 'fail' && respInDerivative) {
        const frozen = this.evaluate(lhs, rhs, false, update === 'cov', { trials: st, floor, tolerance: STATIONARY_TOLERANCE, stationaryCondition: true }, true);
        if (frozen.status === 'pass') evS = frozen;
      }
      if (evS?.status === 'pass') {
        // `Σ_n γ_nk x_n − N_k μ_k = 0` after "setting this to zero": a condition, so the steps after it (Σ_n γ_nk x_n = N_k μ_k) may be its consequences too.
        if (zeroSide) this.lastConditionLine = base.endLine;
        return {
          ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition',
          message: `holds where the derivatives of the likelihood vanish (checked at ${st.length} stationary points found by EM) but not in general: a condition or a consequence of one, not an identity`,
        };
      }
      // At the optimum the multiplier is −N for 𝓛 + λ(Σ_k π_k − 1), the stationary points' λ,
      // and +N for 𝓛 + λ(1 − Σ_k π_k): a condition with λ that holds under either convention
      // is a condition, not a mistake.
      // (Not where the note's own Lagrangian has the stationary points' multiplier: 𝓛 + λ(Σ_k π_k − 1), λ = −N there.)
      if (evS?.status === 'fail' && (lhs.scope.flags.usesLambda || rhs.scope.flags.usesLambda) && this.noteMultiplier() !== 'drawn') {
        const flipped = this.evaluate(lhs, rhs, false, update === 'cov', { trials: st.map((t) => ({ ...t, lambda: -t.lambda })), floor, tolerance: STATIONARY_TOLERANCE, stationaryCondition: true });
        // Under the other convention it holds, or cannot be decided (at the optimum such a condition
        // is 0 = N − N, whose digits cancel): not a ✗ either way.
        if (flipped.status !== 'fail') {
          return {
            ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition',
            message: flipped.status === 'pass'
              ? `holds at ${st.length} stationary points found by EM with the multiplier ${this.multiplierShown()} = N (the convention 𝓛 + ${this.multiplierShown()}(1 − Σ π_k)) but not in general: a condition or a consequence of one, not an identity`
              : `a condition at the optimum with the multiplier ${this.multiplierShown()}, which the convention 𝓛 + ${this.multiplierShown()}(1 − Σ π_k) could satisfy but the values there cannot decide (${flipped.costly ?? flipped.error ?? 'undefined values'}); not checked`,
          };
        }
      }
      // `Σ_n 𝒩_nk / p(x_n) + λ = N_k + λ`, failing at the optimum too: with λ on both sides and cancelling it is an
      // identity, and its ✗ says what it is off by at the usual instances (below), not at the optimum.
      const cancels = !zeroSide && lhs.scope.flags.usesLambda && rhs.scope.flags.usesLambda && this.lambdaCancels(lhs, rhs, update === 'cov');
      if (evS?.status === 'fail' && evS.counterexample && !cancels) {
        const ce = evS.counterexample;
        return {
          ...base, kind: 'condition', verdict: 'fail', reason: null,
          // After a link that holds, the new expression is the one to blame.
          ...(this.prevLinkPassed ? { culprit: chain.sides[j].span } : {}),
          values: { lhs: formatValue(ce.l), rhs: formatValue(ce.r), at: `${this.describePoint(ce)}, a stationary point` },
          ...(derivativeInWeights(lhsNode, this.ctx) || derivativeInWeights(rhsNode, this.ctx)
            ? { cause: 'the weights must sum to 1, so at the optimum ∂𝓛/∂πₖ equals N (that is −λ), not 0: set the derivative of the Lagrangian to 0 instead' }
            : {}),
          message: failMessage(
            derivativeInWeights(lhsNode, this.ctx) || derivativeInWeights(rhsNode, this.ctx)
              ? 'the weights must sum to 1, so at the optimum ∂𝓛/∂πₖ equals N (that is −λ), not 0: set the derivative of the Lagrangian to 0 instead'
              : 'this condition does not hold even where the derivatives of the likelihood vanish (at stationary points found by EM), so it is not a consequence of setting them to zero',
            '', `At ${this.describePoint(ce)}, a stationary point: left ${formatValue(ce.l)}, right ${formatValue(ce.r)}.`),
        };
      }
      // Whether it holds where the derivatives vanish could not be decided (no
      // stationary point found for this seed, or the values are not usable there):
      // a wrong ✗ here would depend on the seed, so the claim stays unchecked.
      if (!(cancels && evS?.status === 'fail')) {
        const why = !evS ? 'EM found no stationary point to check it at' : evS.costly ? `too costly to evaluate there (${evS.costly})` : `it could not be evaluated there: ${evS.error ?? evS.shapeError ?? evS.undefinedSide ?? 'undefined values'}`;
        return {
          ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition',
          message: `does not hold in general and may be a condition (it follows a stationarity condition or involves λ), but ${why}; not checked`,
        };
      }
    }
    // `σ_k² = (1/N_k) Σ γ (x_n − μ_k)² = (1/N_k) Σ γ x_n² − μ_k²`: a chain that opens with the covariance update, read with
    // the new mean, is about that mean in the links after it too (the second form holds where μ_k is the weighted mean).
    if (result.status === 'fail' && !result.shapeError && !update && j >= 2 && this.newMeanChain === chain) {
      const both = this.evaluate(lhs, rhs, relaxed, 'both');
      if (both.status === 'pass') {
        return extend(base, { kind, verdict: 'pass', reason: null, maxRelError: both.maxRel,
          message: `agrees at ${both.points} sample points of ${this.settings.trials} random GMM instances (max rel. error ${both.maxRel.toExponential(0)}) with μ the new mean, as in the covariance update this chain opens with`,
        });
      }
    }
    if (result.status === 'fail' && !result.shapeError && noDerivs && !update) {
      const stated = this.meanAsStated(lhs, rhs, result.magnitude);
      if (stated) return { ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition', message: stated };
    }
    if (update === 'mean' && result.status === 'pass' && lhsNode.kind === 'sym' && !lhsNode.decor && !lhsNode.accent) this.meanIsWeighted = true;
    // (Not a chain that marks a mean new or old itself, `(x_n − μ_k^{new})² = (x_n − μ_k)² + …`: its bare μ_k is the old one.)
    if (update === 'cov' && result.status === 'pass' && !this.marksAMean(chain)) this.newMeanChain = chain;
    const claimKind: ClaimKind = update ? 'update' : kind;
    const freeNames = [...new Set([...lhs.scope.free.keys(), ...rhs.scope.free.keys()])].sort();
    const forAll = freeNames.length ? `, for every ${freeNames.join(', ')}${this.distinctNote}` : '';
    if (result.status === 'pass') {
      const note = reading === 'first' ? ' (reading the unbracketed ∂/∂ as applying to the factor right after it)'
        : reading === 'joined' ? ' (reading an inline a/bc as a/(bc): juxtaposition before the slash)'
        : reading === 'm-step' ? ' (holding the responsibilities fixed, as in the M-step)' : '';
      const hard = lhs.scope.flags.usesAssignments || rhs.scope.flags.usesAssignments;
      const what = update && hard ? `matches the complete-data estimate (the ${updateWord(update)} with the assignments known, drawn at random per instance)`
        : update ? `matches the EM ${updateWord(update)} from the reference M-step` : 'agrees';
      return extend(base, { kind: claimKind, verdict: 'pass', reason: null, maxRelError: result.maxRel,
        message: `${what} at ${result.points} sample points of ${this.settings.trials} random GMM instances (max rel. error ${result.maxRel.toExponential(0)})${forAll}${note}${feasibleNote}`,
      });
    }
    if (result.status === 'undefined' && result.costly) {
      return { ...base, kind: claimKind, verdict: 'unchecked', reason: 'unsupported', message: `not checked: too costly to evaluate (${result.costly})` };
    }
    if (result.status === 'undefined') {
      return { ...base, kind: claimKind, verdict: 'unchecked', reason: 'unsupported', message: `could not be evaluated at the sample points: ${result.error ?? 'undefined values'}` };
    }
    // A side equal to zero: a stationarity condition, not an identity.
    if (isZero(lhsNode) || isZero(rhsNode)) {
      return { ...base, kind: 'condition', verdict: 'unchecked', reason: 'condition', message: 'sets an expression to zero: a condition to solve, not an identity; not checked' };
    }
    // Fail: localise the culprit in the chain and explain.
    let culprit: Span = { start: base.lhsSpan.start, end: base.rhsSpan.end };
    let where = '';
    const n = chain.sides.length;
    if (bridgedFrom !== null) {
      culprit = chain.sides[j].span;
      const at = this.loc.line(chain.sides[bridgedFrom].span.start);
      where = `The step before could not be read, but the chain says this expression equals the one on line ${at} (${tidy(this.loc.text.slice(chain.sides[bridgedFrom].span.start, chain.sides[bridgedFrom].span.end))}), and it does not`;
    } else if (n > 2) {
      const prevAgrees = j + 1 < n ? agree(j - 1, j + 1) : null;
      const nextAgrees = j - 2 >= 0 ? agree(j - 2, j) : null;
      // An index free in the culprit and in none of its neighbours (μ_j for μ_k): most likely a typo, named.
      const stray = (at: number): string => {
        const own = compileSide(at, 'all');
        if (!own.ok) return '';
        const others = [at - 1, at + 1].filter((m) => m >= 0 && m < n).map((m) => compileSide(m, 'all'));
        const name = [...own.scope.free.keys()].find((k) => others.every((o) => o.ok && !o.scope.free.has(k)));
        return name ? ` (its index ${name} is summed over nowhere and appears in neither neighbour: a typo for another index?)` : '';
      };
      if (prevAgrees === true) {
        culprit = chain.sides[j].span;
        where = `This expression is where the chain breaks: the expressions before and after it agree with each other but not with it${stray(j)}`;
      } else if (nextAgrees === true) {
        culprit = chain.sides[j - 1].span;
        where = `This expression is where the chain breaks: the expressions before and after it agree with each other but not with it${stray(j - 1)}`;
      } else if (j === n - 1 && j >= 2 && earlierAgreement(j - 1, agree) === true) {
        culprit = chain.sides[j].span;
        where = 'The chain breaks at its last step: the last expression differs from everything before it, which agrees';
      } else if (j === 1 && n > 2 && agree(1, 2) === true) {
        culprit = chain.sides[0].span;
        where = 'The first expression differs from the rest of the chain, which agrees';
      } else {
        where = `Step ${j} of the ${n - 1} in this chain fails`;
      }
    }
    const cause = describeCause({
      samples: result.samples, lhsNode, rhsNode, lhsFlags: lhs.scope.flags, rhsFlags: rhs.scope.flags, ctx: this.ctx,
      lagrangianLines: this.lagrangianLines, loc: this.loc, shapeError: result.shapeError, undefinedSide: result.undefinedSide, update,
    });
    const ce = result.counterexample;
    // Events a note names by letters (P(A | B)) live on a random probability space, not on the GMM.
    const eventsOnly = !lhs.scope.flags.usesModel && !rhs.scope.flags.usesModel && (lhs.scope.flags.usesEvents || rhs.scope.flags.usesEvents);
    const point = ce ? (eventsOnly ? 'events drawn at random on a finite probability space' : this.describePoint(ce)) : undefined;
    const matrix = ce ? matrixEvidence(result.samples, ce) : { pattern: null, entry: null };
    const values = ce ? { lhs: formatValue(ce.l), rhs: formatValue(ce.r), at: point! } : undefined;
    const lead = cause ?? matrix.pattern ?? (where ? null : 'the two sides are not equal');
    const evidence = ce
      ? `${eventsOnly ? 'For' : 'At'} ${point}: ${matrix.entry ?? `left ${values!.lhs}, right ${values!.rhs}`}${eventsOnly ? ' (a law of probability holds for every event)' : ''}.`
      : result.undefinedSide ? `${sentence(result.undefinedSide)}.` : '';
    return extend(base, { kind: claimKind, verdict: 'fail', reason: null, culprit, cause: (cause ?? matrix.pattern) ?? undefined, values,
      message: `${failMessage(lead, where, evidence)}${reading === 'm-step' ? ' (The responsibilities are held fixed, as in the M-step.)' : ''}${this.priorNote}`,
    });
  }

  /**
   * A step that applies functions the note never specifies (E(W), P(Σ_k)) is evaluated again with
   * other random instances of them. It is judged (null) when neither side's value depends on
   * which they are (∂E(W)/∂μ_j = 0), or when both sides apply the same such functions and agree
   * under both instances, or differ by the same amount under both (wrong whatever the functions
   * are: a dropped λ in ∂Ẽ/∂w = ∂E/∂w + λ ∂Ω/∂w); otherwise the reason it is not judged.
   */
  /** The last condition `0 = … = G` with a derivative, and where it ends (solvesCondition). */
  private lastCondition: { endLine: number; line: number; node: Node; wrt: string[] } | null = null;

  /**
   * `Σ_k = F` right after `0 = … = G(Σ_k)`: the note solves the condition for Σ_k. Checked by
   * putting F in place of every component's Σ_k (μ_k alike), the E-step's numbers kept, and
   * evaluating G there: the claim passes when G vanishes, fails when it does not. This checks
   * MAP and other updates the reference M-step does not know. Null when it does not apply or
   * cannot be decided.
   */
  private solvesCondition(base: Claim, lhs: CompiledSide, rhs: CompiledSide, relaxed: boolean): Claim | null {
    const cond = this.lastCondition;
    const v = lhs.node;
    if (!cond || base.line - cond.endLine > SOLVES_CONDITION_LINES || base.line < cond.endLine || v.kind !== 'sym' || !v.sub || v.decor || indexList(v.sub).length !== 1) return null;
    const kind = classifySymbol(v, this.ctx).kind;
    if ((kind !== 'cov' && kind !== 'mean') || !mentionsSymbol(cond.node, v) || mentionsSymbol(rhs.node, v)) return null;
    // The condition must be the one for this parameter (its derivative taken in it).
    if (!cond.wrt.includes(letterOf(v))) return null;
    const index = indexList(v.sub)[0]!;
    if (index.kind !== 'sym' || rhs.scope.free.get(index.name) !== 'comp' || rhs.scope.free.size !== 1) return null;
    let G: SideResult;
    try {
      const scope = newScope(this.ctx);
      G = { ok: true, closure: compile(cond.node, scope), scope, node: cond.node, key: `cond:${this.loc.text.slice(cond.node.span.start, cond.node.span.end)}` };
    } catch (e) {
      if (e instanceof CheckError) return null;
      throw e;
    }
    // An unspecified function in either (κ₀(μ_k − m₀) read as κ₀ applied): no judgement.
    const onlyLetters = (f: CompileFlags) => [...f.abstractFns].every((n) => f.freeLetters.has(n));
    if (!onlyLetters(G.scope.flags) || !onlyLetters(rhs.scope.flags)) return null;
    const zeroNode: Node = { kind: 'num', value: 0, text: '0', span: cond.node.span };
    // The instances moved to F are not in the cache key: F's text is, through this side's key.
    const zero: CompiledSide = { ok: true, closure: () => 0, scope: newScope(this.ctx), node: zeroNode, key: `0 at ${lhs.key} = ${rhs.key}` };
    // F at each instance, under both draws of the letters the note leaves unspecified (S₀, ν₀).
    const movedTrials = (variant: number): Trial[] | null => {
      const moved: Trial[] = [];
      for (const t of this.pool.get(relaxed)) {
        const env = new Env(t, new Budget(MAX_WORK, Date.now() + this.settings.budgetMs));
        env.freezeResp = true;
        env.abstractVariant = variant;
        const gmm = { ...t.gmm, pi: [...t.gmm.pi], mu: t.gmm.mu.map((m) => [...m]), Sigma: t.gmm.Sigma.map((S) => S.map((r) => [...r])) };
        try {
          for (let c = 0; c < t.K; c++) {
            env.idx[index.name] = c;
            const value = primalValue(rhs.closure(env));
            const entries = isMatrix(value) ? value.data.map((x) => primal(x)) : [primal(value as Scalar)];
            if (entries.length !== (kind === 'mean' ? t.D : t.D * t.D)) return null;
            if (kind === 'mean') gmm.mu[c] = entries;
            else gmm.Sigma[c] = Array.from({ length: t.D }, (_, i) => entries.slice(i * t.D, (i + 1) * t.D));
          }
        } catch (e) {
          if (e instanceof EvalError || e instanceof CheckError || e instanceof BudgetExceeded) return null;
          throw e;
        }
        moved.push(withParameters(t, gmm));
      }
      return moved;
    };
    // G's size at the instances themselves sets what counts as zero at the solution.
    const size = this.evaluate(G, zero, relaxed, false, undefined, true).magnitude ?? 1;
    const evAt = (variant: number): EvalResult | null => {
      const moved = movedTrials(variant);
      return moved && this.evaluate(G, zero, relaxed, false, { trials: moved, floor: 1e-6 * size, tolerance: this.settings.tolerance }, true, variant);
    };
    const ev = evAt(0);
    if (!ev) return null;
    const unspecified = rhs.scope.flags.abstractFns.size > 0 || G.scope.flags.abstractFns.size > 0;
    if (unspecified && evAt(1)?.status !== ev.status) return null;
    const shown = proseToUnicode(this.loc.text.slice(v.span.start, v.span.end).replace(/\\(boldsymbol|mathbf|bm)\s*/g, ''));
    const what = `${CONDITION_ON_LINE} ${cond.line} (the expression set to 0 there)`;
    if (ev.status === 'pass') {
      return extend(base, { kind: 'update', verdict: 'pass', reason: null, maxRelError: ev.maxRel, message: `solves ${what} for ${shown}: with this ${shown} for every component (the responsibilities held fixed) that expression vanishes at ${ev.points} sample points of ${this.settings.trials} random GMM instances` });
    }
    if (ev.status === 'fail' && ev.counterexample && !ev.shapeError) {
      const ce = ev.counterexample;
      return {
        ...base, kind: 'update', verdict: 'fail', reason: null, culprit: base.rhsSpan,
        message: failMessage(`this ${shown} does not solve ${what}`, '', `With it in place of ${shown} (the responsibilities held fixed), that expression is ${formatValue(ce.l)} at ${this.describePoint(ce)}, not 0.`),
      };
    }
    return null;
  }

  /** The link before the one being checked, in the same chain, passed (its right side is this link's left). */
  private prevLinkPassed = false;

  /** Set by abstractDependence when a step is judged for every prior (appended to its ✗). */
  private priorNote = '';
  /** Set by checkLinkAsWritten when the step is judged where indices the text says differ do (appended to its ✓). */
  private distinctNote = '';

  /**
   * Index letters the text says differ (`for $j \neq k$`, `(j \ne k)` in the display): in the sentence just before the
   * chain or in the chain's own statement after it, both letters plain.
   */
  private distinctIndices(chain: Chain): [string, string][] {
    const text = this.loc.text;
    // (The text before: this paragraph, or the one before a display set apart by a blank line.)
    const own = text.lastIndexOf('\n\n', chain.span.start);
    const before = own < 0 ? -1 : text.lastIndexOf('\n\n', own - 1);
    const paragraph = own >= 0 && /^\s*(\$\$|\\\[|\\begin)/.test(text.slice(own, chain.span.start)) ? before : own;
    // …or earlier in its section, near enough ("for another component $j \neq k$ only the denominator moves", a
    // display or two before the formula for j): a step that fails only where j = k is then read for j ≠ k.
    const from = Math.max(paragraph < 0 ? 0 : paragraph, chain.span.start - 200);
    let to = text.indexOf('\n\n', chain.span.end);
    if (to < 0 || to > chain.span.end + 120) to = Math.min(text.length, chain.span.end + 120);
    const out: [string, string][] = [];
    // (`l \neq l'`: l′ is an index of its own, as the sums and subscripts name it.)
    const add = (a0: string, b0: string) => {
      const a = a0.replace(/'/g, '′'), b = b0.replace(/'/g, '′');
      if (a !== b && !out.some(([x, y]) => (x === a && y === b) || (x === b && y === a))) out.push([a, b]);
    };
    const near = text.slice(from, to);
    if (DIFFERS_WORDS.test(near)) for (const m of near.matchAll(DIFFER)) add(m[1]!, m[2]!);
    // …or said of the indices earlier in its section, as what the formulas after it are for ("for another component
    // $j \neq k$ only the denominator moves", a display or two before): not "μ_j ≠ μ_k whenever j ≠ k", an
    // assumption, and not where the text takes the case j = k up again ("including $j = k$").
    const back = Math.max(0, chain.span.start - SECTION_REACH);
    const heading = text.slice(back, from).lastIndexOf('\n#');
    const earlier = text.slice(heading < 0 ? back : back + heading, from);
    if (DIFFERS_WORDS.test(earlier) && !/\b(?:including|also|even|and)\s+(?:for\s+)?\$?\s*[a-z]\s*=\s*[a-z]\b/.test(text.slice(back, to))) {
      for (const m of earlier.matchAll(FOR_DIFFER)) add(m[1]!, m[2]!);
    }
    return out;
  }

  /** Does a derivative of the side take an unspecified function with an index (φ_1(x), f_k(x)) inside it? */
  private differentiatesIndexedFunction(f: CompileFlags): boolean {
    if (!f.abstractFns.size) return false;
    let found = false;
    const unspecified = (s: SymNode, fn: boolean) => !this.ctx.defs.has(`${symbolKey(s)}${fn ? '()' : ''}`) && ['unknown', 'abstract'].includes(classifySymbol(s, this.ctx).kind);
    for (const d of f.derivatives) {
      // (Or ∂Q/∂μ_k of a Q the note only names, `\frac{\partial Q}{\partial \mu_k}` with Q never defined: a number for
      // the checker, whose derivative is 0 by construction.)
      if (d.num?.kind === 'sym' && !d.num.sub && !d.num.decor && unspecified(d.num, false) && !lookupDefinition(d.num, this.ctx) &&
          !this.ctx.usualArgs?.get(symbolKey(d.num)) && !this.ctx.latestForms?.has(symbolKey(d.num)) && !this.ctx.defs.has(`${symbolKey(d.num)}()`)) return true;
      walk(d, (m) => {
        if (!found && m.kind === 'apply' && m.fn.sub && unspecified(m.fn, true)) found = true;
      });
    }
    return found;
  }

  private abstractDependence(lhs: CompiledSide, rhs: CompiledSide, relaxed: boolean, covUpdate: boolean, ev0: EvalResult, variant0 = 0, at?: number): string | null {
    this.priorNote = '';
    const lf = lhs.scope.flags.abstractFns, rf = rhs.scope.flags.abstractFns;
    if (!lf.size && !rf.size) return null;
    if (!ev0.samples.length) return null;
    const names = [...new Set([...lf, ...rf])].sort();
    const why = `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not specified in the note, and the step holds or fails depending on what ${names.length > 1 ? 'they are' : 'it is'}`;
    const ev1 = this.evaluate(lhs, rhs, relaxed, covUpdate, undefined, false, variant0 + 1);
    const other = new Map(ev1.samples.map((s) => [`${s.trial}/${s.combo.join(',')}`, s]));
    const moved = (a: { values: number[] }, b: { values: number[] }) =>
      a.values.length !== b.values.length || a.values.some((x, q) => Math.abs(x - b.values[q]!) > 1e-9 * Math.max(1, Math.abs(x), Math.abs(b.values[q]!)));
    // The difference of the sides: a ✗ needs it to be the same whatever the functions are.
    const gap = (a: { values: number[] }, b: { values: number[] }) => ({ values: a.values.map((x, q) => x - (b.values[q] ?? NaN)) });
    let lDep = false, rDep = false, gapMoved = false;
    for (const s of ev0.samples) {
      const t = other.get(`${s.trial}/${s.combo.join(',')}`);
      if (!t) return why;
      lDep ||= moved(s.lp, t.lp);
      rDep ||= moved(s.rp, t.rp);
      gapMoved ||= moved(gap(s.lp, s.rp), gap(t.lp, t.rp));
    }
    // ∂ log φ_1(x)/∂μ_1 with φ_1 unspecified is 0 for every function of x alone: that a component's function (one with
    // an index, φ_1, f_k) does not depend on that component's parameters is a guess, and a ✗ resting on it is not a
    // reading of the note. (E(W) with no index is a function of W alone, as written.)
    if (!lDep && !rDep) return ev0.status === 'fail' && (this.differentiatesIndexedFunction(lhs.scope.flags) || this.differentiatesIndexedFunction(rhs.scope.flags)) ? why : null;
    if (ev0.status === ev1.status && (ev0.status === 'pass' || ev0.status === 'fail') && this.freeIdentity(lhs, rhs, names)) {
      if (ev0.status === 'pass') return null;
      // "Let A be invertible with cofactor matrix $C$": a letter the text describes in words (not "for any $v$"), which the
      // checker takes as any matrix: a ✗ for every one of them is not a reading of the note.
      const described = at !== undefined ? names.filter((n) => describedInWords(this.loc.text, at, n)) : [];
      if (described.length) {
        return `${described.join(', ')} ${described.length > 1 ? 'are' : 'is'} described in the text, not defined by a formula, and the step holds or fails depending on what ${described.length > 1 ? 'they are' : 'it is'}`;
      }
      // Wrong for every matrix, or only for the non-symmetric ones (∂(xᵀAx)/∂x = 2Ax) the note may not mean?
      const sym = this.evaluate(lhs, rhs, relaxed, covUpdate, undefined, false, SYMMETRIC_FREE);
      if (sym.status === 'fail') return null;
      if (sym.status === 'pass') {
        return `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not specified in the note: the step holds when ${names.length > 1 ? 'they are' : 'it is'} symmetric but not in general, and the note may mean a symmetric matrix`;
      }
    }
    const same = lf.size === rf.size && [...lf].every((n) => rf.has(n));
    if (!lDep || !rDep || !same || ev0.status !== ev1.status) return why;
    if (ev0.status === 'pass' || (ev0.status === 'fail' && !gapMoved)) return null;
    // A prior the note writes as a general P(Σ_k) on both sides: the step must hold whichever
    // density it is, and it fails for two different ones (it could hold only for a special one).
    const priors = new Set([...lhs.scope.flags.priors, ...rhs.scope.flags.priors]);
    if (ev0.status === 'fail' && names.every((n) => priors.has(n))) {
      this.priorNote = ` ${names.join(', ')} ${names.length > 1 ? 'are priors' : 'is a prior'} the note leaves general: the step fails for two different densities, so it could hold only for a special one, which the note does not state.`;
      return null;
    }
    return why;
  }

  /**
   * An identity about letters the note never ties to anything, all of them read as arbitrary
   * matrices or vectors (freeLetter), apart from the model (apartFromModel), in which a variable
   * is differentiated in: one of the letters or the generic point x (∂|A|/∂A = |A| A⁻ᵀ,
   * ∂(xᵀAy)/∂A = x yᵀ, ∂(xᵀAx)/∂x = (A + Aᵀ)x). Such a statement must hold for every value of
   * the letters, so agreeing under both draws passes and differing under both fails, whatever
   * the gap. Not a condition (a side equal to 0 is solved, not an identity), and a letter nothing
   * differentiates in may stand for one unknown thing of the model (a prior's S_0 in an M-step
   * update), which abstractDependence judges only where its value cannot matter.
   */
  private freeIdentity(lhs: CompiledSide, rhs: CompiledSide, names: readonly string[]): boolean {
    const free = new Set([...lhs.scope.flags.freeLetters, ...rhs.scope.flags.freeLetters]);
    if (!names.every((n) => free.has(n)) || isZero(lhs.node) || isZero(rhs.node)) return false;
    if (!this.apartFromModel(lhs.node) || !this.apartFromModel(rhs.node)) return false;
    // A variable: a free letter, or the generic point x (a vector the identity is stated for).
    return [...lhs.scope.flags.derivatives, ...rhs.scope.flags.derivatives]
      .some((d) => d.wrt.kind === 'sym' && (free.has(latexName(d.wrt)) || (!d.wrt.sub && classifySymbol(d.wrt, this.ctx).kind === 'data')));
  }

  /**
   * Does the expression leave the model's parameters out (a matrix-calculus fact, not a step of
   * the derivation)? Its symbols are the generic point x, numbers, indices or letters the note
   * never defines, and the functions it applies are of that kind too: a letter the note ties to
   * the model or the data set only in prose ("let A = Σ_k⁻¹", "S the scatter matrix") then cannot
   * meet Σ_k or the points x_i in the same step.
   */
  private apartFromModel(root: Node): boolean {
    const stack: Node[] = [root];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.kind === 'expect' || n.kind === 'event') return false;
      if (n.kind === 'sym') {
        const def = this.ctx.defs.get(symbolKey(n)) ?? this.ctx.defs.get(`${symbolKey(n)}()`);
        const kind = def ? null : classifySymbol(n, this.ctx).kind;
        if (def ? !this.modelFree.has(def) : MODEL_KINDS.has(kind!) || (kind === 'data' && (n.sub || n.decor))) return false;
        continue;
      }
      if (n.kind === 'apply' && !this.ctx.defs.has(`${symbolKey(n.fn)}()`) && !this.ctx.defs.has(symbolKey(n.fn))) return false;
      stack.push(...children(n));
    }
    return true;
  }

  /** Definitions whose body leaves the model's parameters out (apartFromModel), such as f(A) = |A|. */
  private readonly modelFree = new WeakSet<Definition>();

  /** The data's letter written bare in a density (`p(x \mid \theta)`) on side `a` while `b` sums over the points: the letter, or null. */
  private dataSetAsPoint(a: Node, b: Node): string | null {
    const points = this.ctx.reading?.points;
    if (!points?.size) return null;
    let letter: SymNode | null = null;
    walk(a, (n) => {
      if (n.kind !== 'apply' || n.fn.name !== 'p' || n.fn.sub || n.args.length !== 1) return;
      const x = n.args[0]!;
      // (A plain lowercase letter: X, W beside W_i and a bold 𝐱 are read as the data set already.)
      if (x.kind === 'sym' && /^[a-z]$/.test(x.name) && !x.font && !x.sub && !x.decor && !x.primes && !x.accent && indexedIsData(x, this.ctx)) letter = x;
    });
    const x = letter as SymNode | null;
    if (!x) return null;
    let summed = false;
    walk(b, (n) => {
      if (n.kind !== 'sum' || !n.index || !points.has(n.index.name)) return;
      const i = n.index.name;
      walk(n.body, (m) => { if (m.kind === 'sym' && m.name === x.name && m.font === x.font && m.sub?.kind === 'sym' && m.sub.name === i) summed = true; });
    });
    return summed ? symbolToUnicode(latexName(x)) : null;
  }

  /**
   * `q_{\ell s} \propto \rho_s \mathcal{N}(…)`, `q_n(k) = \gamma_{nk}`: the distribution the note leaves free (`\sum_s q_{\ell s} = 1`,
   * NoteContext.distributions) alone on a side, set to something: the note's choice of it (the optimum, the E-step), not an
   * identity of every q. Why a failing step is not judged, or null.
   */
  private chosenDistribution(a: Node, b: Node): string | null {
    const d = this.ctx.distributions;
    if (!d?.size) return null;
    const free = (n: Node) => (n.kind === 'sym' ? !!n.sub && d.has(distributionKey(n)) : n.kind === 'apply' && !n.given && d.has(symbolKey(n.fn)));
    const q = free(a) ? a : free(b) ? b : null;
    if (!q) return null;
    const name = symbolToUnicode(latexName((q.kind === 'apply' ? q.fn : q) as SymNode));
    return `sets ${name}, a distribution the note leaves free, to a particular one (its choice, as at the optimum), not an identity that holds for every distribution; not checked`;
  }

  private noteModelFree(key: string, body: Node): void {
    const def = this.ctx.defs.get(key);
    if (def && this.apartFromModel(body)) this.modelFree.add(def);
  }

  /** Evaluate both sides at all trials and free-index values. */
  evaluate(lhs: CompiledSide, rhs: CompiledSide, relaxedIn: boolean, covUpdate: CovReading = false,
    at?: At, freezeResp = false, abstractVariant = 0): EvalResult {
    // Re-checking while typing evaluates the same sides again: results are kept,
    // keyed by everything they depend on (the sides' text, the definitions in
    // force, the model, the settings and the instances).
    const key = [this.ctxHash, this.defsSignature, relaxedIn, covUpdate, freezeResp, abstractVariant,
      at ? `st${at.trials.length}/${at.floor}/${at.tolerance}/λ${at.trials[0]?.lambda ?? ''}${at.stationaryCondition ? '/c' : ''}${at.label ?? ''}` : '', lhs.key, rhs.key].join('\u0000');
    const hit = evalCache.get(key);
    if (hit) return hit;
    let result: EvalResult;
    try {
      result = this.evaluateUncached(lhs, rhs, relaxedIn, covUpdate, at, freezeResp, abstractVariant);
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      // Kept like any result: re-checking while typing must not pay the budget again.
      result = { status: 'undefined', samples: [], maxRel: 0, points: 0, error: null, costly: e.message };
    }
    evalCache.set(key, result);
    return result;
  }

  /**
   * A step about the plain means μ_k and the responsibilities that fails in general but holds
   * where each μ_k is the weighted mean of its points, in a note that has said μ_k is that mean
   * (`μ_k = (1/N_k) Σ_n γ_nk x_n`, checked): the second-moment form of the covariance,
   * (1/N_k) Σ γ (x − μ_k)(x − μ_k)ᵀ = (1/N_k) Σ γ x xᵀ − μ_k μ_kᵀ, uses that definition. It is
   * judged at EM's fixed points (where μ_k is the weighted mean under its own responsibilities):
   * holding there, it is not a ✗. Steps that mark a mean new or old, or update one, are left to
   * the general check (a new mean written where the old one belongs is a real mistake).
   */
  private meanAsStated(lhs: CompiledSide, rhs: CompiledSide, magnitude: number | undefined): string | null {
    if (!this.meanIsWeighted || !(lhs.scope.flags.usesResp || rhs.scope.flags.usesResp)) return null;
    let means = 0;
    for (const side of [lhs.node, rhs.node]) {
      const stack: Node[] = [side];
      while (stack.length) {
        const n = stack.pop()!;
        if (n.kind === 'sym' && classifySymbol(n, this.ctx).kind === 'mean') {
          if (n.decor || n.accent) return null;
          means++;
        }
        stack.push(...children(n));
      }
    }
    if (means === 0) return null;
    // (Both sides at their zero level at every fixed point, a gradient in σ_k² written with a factor dropped, say nothing.)
    const at = this.holdsAtFixedPoints(lhs, rhs, magnitude);
    if (!at) return null;
    return `holds where each μ_k is the weighted mean (1/N_k) Σ γ x of its points, as the note states it is (checked at ${at} fixed points of EM), but not for every μ_k: it uses that definition, so it is not checked as an identity`;
  }

  /**
   * Do the two sides differ by the same amount whatever λ is (λ cancels between them)? Evaluated at the
   * usual instances and again with every instance's λ moved by one.
   */
  private lambdaCancels(lhs: CompiledSide, rhs: CompiledSide, covUpdate: boolean): boolean {
    const trials = this.pool.get(true);
    const at = (ts: Trial[]): At => ({ trials: ts, floor: 0, tolerance: this.settings.tolerance });
    const a = this.evaluate(lhs, rhs, true, covUpdate, at(trials));
    const b = this.evaluate(lhs, rhs, true, covUpdate, at(trials.map((t) => ({ ...t, lambda: t.lambda + 1 }))));
    if (a.samples.length === 0 || a.samples.length !== b.samples.length) return false;
    return a.samples.every((x, i) => {
      const y = b.samples[i]!;
      if (x.lp.values.length !== y.lp.values.length || x.rp.values.length !== x.lp.values.length || y.rp.values.length !== y.lp.values.length) return false;
      return x.lp.values.every((l, q) => {
        const dx = l - x.rp.values[q]!, dy = y.lp.values[q]! - y.rp.values[q]!;
        return Math.abs(dx - dy) <= 1e-9 * Math.max(1, Math.abs(l), Math.abs(y.lp.values[q]!));
      });
    });
  }

  private readonly multipliers = new Map<string, 'drawn' | 'flipped' | null>();

  /**
   * Which multiplier the note's own Lagrangian (a definition in force that mentions λ) has at EM's stationary
   * points: the one they are drawn with (λ = −N, for 𝓛 + λ(Σ_k π_k − 1)), 'drawn', or the other (+N, for
   * 𝓛 + λ(1 − Σ_k π_k) or a minimised −𝓛 + λ(Σ_k π_k − 1)), 'flipped': the one with which its derivative in a
   * weight vanishes there. Null without such a definition, or when neither does (or definitions disagree).
   */
  private noteMultiplier(): 'drawn' | 'flipped' | null {
    const known = this.multipliers.get(this.defsSignature);
    if (known !== undefined) return known;
    let which: 'drawn' | 'flipped' | null = null;
    let mixed = false;
    const st = stationaryTrials(this.settings.seed, 3, this.ctx.K, this.ctx.D, !!this.ctx.isotropic, undefined, !!this.ctx.tied)[0];
    for (const def of st ? this.ctx.defs.values() : []) {
      if (!def.mentionsLambda || def.params.length || def.free.size) continue;
      const slope = (lambda: number): number => {
        const env = new Env({ ...st!, lambda }, new Budget(MAX_WORK, Date.now() + this.settings.budgetMs));
        return primal(toScalar(env.differentiate({ kind: 'pi', index: 0 }, (e) => def.body(e))));
      };
      let here: 'drawn' | 'flipped' | null = null;
      try {
        const drawn = Math.abs(slope(st!.lambda)), flipped = Math.abs(slope(-st!.lambda));
        // Of the size N (a weight's derivative of 𝓛 there): zero within EM's convergence, the other not.
        const zero = 1e-6 * st!.N;
        here = drawn < zero && flipped > 0.5 * st!.N ? 'drawn' : flipped < zero && drawn > 0.5 * st!.N ? 'flipped' : null;
      } catch (e) {
        if (!(e instanceof EvalError || e instanceof CheckError || e instanceof BudgetExceeded || e instanceof RangeError || e instanceof TypeError)) throw e;
      }
      if (here === null) continue;
      if (which !== null && here !== which) mixed = true;
      which = here;
    }
    if (mixed) which = null;
    this.multipliers.set(this.defsSignature, which);
    return which;
  }

  /**
   * `\lambda = -N` after the note defines its Lagrangian: at EM's stationary points the multiplier has one value,
   * the one with which the Lagrangian's derivatives in the weights vanish there (noteMultiplier: −N for
   * 𝓛 + λ(Σ_k π_k − 1), +N for 𝓛 + λ(1 − Σ_k π_k)). A value that differs there is a ✗; without a Lagrangian of the
   * note's that decides the sign, or where the value cannot be evaluated, null (the caller leaves it unchecked).
   */
  private multiplierSolved(lhs: CompiledSide, rhs: CompiledSide, base: Claim, letter: string): Claim | null {
    const which = this.noteMultiplier();
    if (!which || !this.lagrangianLines.length) return null;
    const st = stationaryTrials(this.settings.seed, 3, this.ctx.K, this.ctx.D, !!this.ctx.isotropic, undefined, usesTied(lhs, rhs));
    if (!st.length) return null;
    const trials = which === 'drawn' ? st : st.map((t) => ({ ...t, lambda: -t.lambda }));
    const ev = this.evaluate(lhs, rhs, false, false, { trials, floor: 0, tolerance: STATIONARY_TOLERANCE, stationaryCondition: true });
    if (ev.status !== 'fail' || !ev.counterexample || ev.shapeError) return null;
    const ce = ev.counterexample;
    const where = this.lagrangianLines[this.lagrangianLines.length - 1]!;
    const value = which === 'drawn' ? '−N' : 'N';
    const lead = `with the note's Lagrangian ${where.name} (line ${where.line}), its derivatives in the weights vanish at the optimum only for ${symbolToUnicode(letter)} = ${value}, which this value is not`;
    return {
      ...base, kind: 'condition', verdict: 'fail', reason: null,
      values: { lhs: formatValue(ce.l), rhs: formatValue(ce.r), at: `${this.describePoint(ce)}, a stationary point` },
      cause: `at the optimum ${symbolToUnicode(letter)} = ${value}: sum the condition on each weight over the components`,
      message: failMessage(lead, '', `At ${this.describePoint(ce)}, a stationary point: left ${formatValue(ce.l)}, right ${formatValue(ce.r)}.`),
    };
  }

  /** The letter the note gives the weights' multiplier (ν, β, μ), as Unicode; λ where it gives none. */
  private multiplierShown(): string {
    for (const r of this.ctx.reading?.symbols.values() ?? []) if (r.quantity === 'lambda' && r.subs === 0) return symbolToUnicode(r.latex);
    return 'λ';
  }

  /**
   * The update the note stated by itself just before `line` (lastUpdate), when a side uses its parameter: the update's
   * text, else null.
   */
  private updateBefore(line: number, lhsNode: Node, rhsNode: Node): string | null {
    const u = this.lastUpdate;
    if (u === null || line <= u.line || line - u.line > AFTER_CONDITION_LINES || !(sideMentions(lhsNode, u.name) || sideMentions(rhsNode, u.name))) return null;
    // (Written bare only: μ_k^{old} where the update's μ_k belongs is a mistake. A mean the note said is the weighted mean
    // is meanAsStated's.)
    // (And no other parameter: EM's fixed points, where the step is tried, have every parameter at its update, which the note
    // has stated for this one only: `\sum_n \gamma_{nk}(x_n - \mu_k)^2 = … - N\pi_k\mu_k^2` after π_k's update is μ_k's claim.)
    let bare = false, marked = false, other = false;
    for (const side of [lhsNode, rhsNode]) {
      walk(side, (n) => {
        if (n.kind !== 'sym') return;
        if (n.name !== u.name) { if (PARAMETER_KINDS.has(classifySymbol({ ...n, decor: null }, this.ctx).kind)) other = true; return; }
        if (n.decor || n.accent || n.primes) marked = true;
        else bare = true;
      });
    }
    if (marked || other || !bare || (this.meanIsWeighted && u.kind === 'mean')) return null;
    return u.display;
  }

  /** The text just before the chain says what follows holds at the optimum: a derivative set to zero, "at the optimum". */
  private optimumTold(chain: Chain): boolean {
    // (Asked for several links of a chain: read once per chain and text.)
    const known = optimumToldOf.get(chain);
    if (known && known.text === this.loc.text && known.start === chain.span.start) return known.told;
    const told = this.optimumToldUncached(chain);
    optimumToldOf.set(chain, { text: this.loc.text, start: chain.span.start, told });
    return told;
  }

  private optimumToldUncached(chain: Chain): boolean {
    // ("At a stationary point, e.g. $…$": an abbreviation's full stops do not end the sentence.)
    const text = textBefore(this.loc.text, chain.span.start, 200);
    const after = sentenceAfter(this.loc.text, chain.span.end);
    const before = text.includes('.') ? text.replace(/\b(?:e\.g|i\.e|cf|viz|resp|etc)\./gi, (m) => m.replace(/\./g, '')) : text;
    const sentence = sentenceBefore(this.loc.text, chain.span.start);
    return setToZeroBefore(before.slice(-160)) || optimumBefore(before) || AT_EQUATION_BEFORE.test(before) || substitutedBack(before, this.loc.text.slice(chain.span.start, chain.span.end)) ||
      (UPDATED_VALUES_BEFORE.test(sentence) && !/\bE-?step again|\brecomput\w*|\bre-?evaluat\w*|\bnew responsibilities/i.test(sentence)) ||
      // (Or the sentence right after it: "where the last step used $\pi_j = …$, which holds at a fixed point of EM".)
      ((OPTIMUM_AFTER.test(after) || OPTIMUM_AFTER_WHERE.test(this.loc.text.slice(chain.span.end, chain.span.end + 200))) && !NOT_ONLY_AT_OPTIMUM.test(after));
  }

  /** Does the expression use a quantity the note defines from the mean (`\mathbf{S}_k = \sum_n \gamma_{nk} (\mathbf{x}_n - \boldsymbol\mu_k)(…)^\top`)? */
  private usesDefinitionOfMean(n: Node): boolean {
    let found = false;
    walk(n, (m) => {
      if (found || m.kind !== 'sym') return;
      const def = lookupDefinition(m, this.ctx);
      if (def?.node) walk(def.node, (d) => { if (d.kind === 'sym' && d.sub && classifySymbol({ ...d, decor: null }, this.ctx).kind === 'mean') found = true; });
    });
    return found;
  }

  /**
   * How many of EM's fixed points a failing step holds at, with its sides well away from zero there (agreeing at zero,
   * as a derivative and a wrong form of it both do, says nothing); null when it does not hold there or cannot be told.
   */
  private holdsAtFixedPoints(lhs: CompiledSide, rhs: CompiledSide, magnitude: number | undefined): number | null {
    const st = stationaryTrials(this.settings.seed, 3, this.ctx.K, this.ctx.D, !!this.ctx.isotropic, undefined, usesTied(lhs, rhs));
    if (st.length === 0) return null;
    const floor = 1e-2 * (magnitude ?? 1);
    const evS = this.evaluate(lhs, rhs, false, false, { trials: st, floor, tolerance: STATIONARY_TOLERANCE });
    if (evS.status !== 'pass') return null;
    let size = 0;
    for (const x of evS.samples) size = Math.max(size, maxAbsOf(x.lp.values), maxAbsOf(x.rp.values));
    return size > MEAN_AS_STATED_SIZE * floor ? st.length : null;
  }

  /** Trials are told apart by identity (the stationary ones with λ flipped are new objects). */
  private trialId(t: Trial): number {
    let id = this.trialIds.get(t);
    if (id === undefined) this.trialIds.set(t, id = this.nextTrialId++);
    return id;
  }

  /**
   * The value of one compiled side at one point (trial, index values, flags in
   * `key`), computed once per check: a side shared by two links of a chain, or
   * compared again to find the culprit, is not evaluated again, nor the same
   * expression written again in a later chain: a side of a chain is known by its
   * key (its text and reading) and the definitions in force when it was compiled,
   * other compiled sides (derivatives, updates) by their closure. What the
   * evaluation leaves in the environment (the size of the terms summed, lost
   * precision) and the work it spent are kept with it and applied again, so
   * a reused value counts exactly as evaluating it would.
   */
  private sideAt(side: CompiledSide, key: string, env: Env, budget: Budget, which: 'l' | 'r', evaluate: (env: Env, which: 'l' | 'r') => SideOutcome): SideOutcome {
    let memo = this.memoOf.get(side.closure);
    if (!memo) {
      const under = this.compiledUnder.get(side.closure);
      const id = under === undefined ? side.closure : `${under}\u0000${side.key}`;
      memo = this.sideValues.get(id);
      if (!memo) this.sideValues.set(id, memo = new Map());
      this.memoOf.set(side.closure, memo);
    }
    const hit = memo.get(key);
    if (hit) {
      budget.spend(hit.work);
      env.scale = Math.max(env.scale, hit.scale);
      if (hit.precisionLost) env.precisionLost = true;
      return hit.out;
    }
    const scale0 = env.scale, lost0 = env.precisionLost, work0 = budget.spent;
    env.scale = 0;
    env.precisionLost = false;
    const out = evaluate(env, which);
    memo.set(key, { out, scale: env.scale, precisionLost: env.precisionLost, work: budget.spent - work0 });
    env.scale = Math.max(scale0, env.scale);
    env.precisionLost ||= lost0;
    return out;
  }

  /**
   * The rounding error of a point (roundingError), measured once per evaluation: the plan
   * visits a point again when its instances and index values cycle together (3 stationary
   * instances and 3 components), and the point's sides, values and noise are the same then
   * (the sides' values are kept, the noise is seeded by the point). The work the measurement
   * spent is spent again, so that the budget counts as if it had run.
   */
  private noisyError(known: Map<number, { err: number; work: number }>, budget: Budget, point: number, measure: () => number): number {
    const hit = known.get(point);
    if (hit) {
      budget.spend(hit.work);
      return hit.err;
    }
    const work0 = budget.spent;
    const err = measure();
    known.set(point, { err, work: budget.spent - work0 });
    return err;
  }

  private evaluateUncached(lhs: CompiledSide, rhs: CompiledSide, relaxedIn: boolean, covUpdate: CovReading,
    at?: At, freezeResp = false, abstractVariant = 0): EvalResult {
    const relaxed = relaxedIn || lhs.scope.flags.usesLambda || rhs.scope.flags.usesLambda;
    // (A step about a tied model's shared spread is judged at instances whose components share it: any it is given, made so.)
    const given = at?.trials ?? this.pool.get(relaxed);
    const trials = usesTied(lhs, rhs) ? given.map(tiedTrial) : given;
    const free = new Map<string, Role>();
    for (const side of [lhs.scope.free, rhs.scope.free]) {
      for (const [k, r] of side) {
        const cur = free.get(k);
        free.set(k, cur === undefined || cur === 'unknown' ? r : r !== 'unknown' && r !== cur ? 'mixed' : cur);
      }
    }
    const names = [...free.keys()].sort();
    const budget = new Budget(MAX_WORK, Date.now() + this.settings.budgetMs);
    const samples: Sample[] = [];
    let points = 0;
    let firstError: string | null = null;
    let shapeError: string | null = null;
    let oneSidedUndefined: { at: string; which: 'left' | 'right'; why: string } | null = null;
    let termScale = 0;
    let lostDigits = 0;
    const tolerance = at ? Math.max(at.tolerance, this.settings.tolerance) : this.settings.tolerance;
    // Every value of the free indices is checked at COMBO_TRIALS instances (not all of
    // them), and every instance checks some values: the same coverage of the index
    // space for a fraction of the work.
    const ranges = names.map((nm) => {
      const r = free.get(nm)!;
      return r === 'data' ? trials[0].N : r === 'comp' ? trials[0].K : Math.min(trials[0].N, trials[0].K);
    });
    const apart = at?.distinct ? at.distinct.map(([a, b]) => [names.indexOf(a), names.indexOf(b)] as const).filter(([a, b]) => a >= 0 && b >= 0) : [];
    const combos = apart.length ? enumerate(ranges, Infinity, 0).filter((c) => apart.every(([a, b]) => c[a] !== c[b])).slice(0, MAX_COMBOS * COMBO_TRIALS) : enumerate(ranges, MAX_COMBOS * COMBO_TRIALS, 0);
    if (!combos.length) return { status: 'undefined', samples: [], maxRel: 0, points: 0, error: 'the indices the text says differ take no different values here' };
    // Built once per evaluation, not per point: the points cycle through the same combos and trials.
    const roles = names.map((nm) => free.get(nm)!);
    const comboKeys = combos.map((combo) => `${names.join(',')}=${combo.join(',')}`);
    const comboLabels: (string | undefined)[] = new Array(combos.length);
    const trialKeys = trials.map((trial) => `${this.trialId(trial)}/${freezeResp ? 1 : 0}/${abstractVariant}/`);
    // Rounding errors measured so far, by point (see noisyError).
    const noisy = new Map<number, { err: number; work: number }>();
    // Each side on its own: a side that is defined where the other is not
    // (an index out of its range, the log of a negative number) is a disagreement.
    // One function for every point (not a closure per point): the points are many.
    const sideOf = (env: Env, which: 'l' | 'r'): SideOutcome => {
      try {
        env.meanIsNew = covUpdate === 'both' || (which === 'r' && covUpdate);
        const side = (which === 'l' ? lhs : rhs).closure;
        const v = abstractVariant === SCALAR_AS_IDENTITY ? scalarsAsIdentity(() => side(env)) : side(env);
        return { v };
      } catch (e) {
        if (e instanceof BudgetExceeded) throw e;
        return { err: e };
      } finally {
        env.meanIsNew = false;
      }
    };
    // The plan: point j is instance j mod T at index values j mod C.
    const planned = Math.max(trials.length, combos.length * Math.min(COMBO_TRIALS, trials.length));
    for (let j = 0; j < planned; j++) {
      const t = j % trials.length, c = j % combos.length;
      const trial = trials[t];
      const combo = combos[c];
      {
        const env = new Env(trial, budget);
        env.freezeResp = freezeResp;
        env.abstractVariant = abstractVariant;
        // A step written with the assignment's indicators compares with the complete-data estimates.
        env.hardMStep = lhs.scope.flags.usesAssignments || rhs.scope.flags.usesAssignments;
        for (let q = 0; q < names.length; q++) env.idx[names[q]] = combo[q];
        env.scale = 0;
        env.precisionLost = false;
        const pointKey = trialKeys[t] + comboKeys[c];
        const L = this.sideAt(lhs, `${covUpdate === 'both' ? 'n' : 'p'}/${pointKey}${env.hardMStep ? '/hard' : ''}`, env, budget, 'l', sideOf);
        const R = this.sideAt(rhs, `${covUpdate ? 'n' : 'p'}/${pointKey}${env.hardMStep ? '/hard' : ''}`, env, budget, 'r', sideOf);
        if ('err' in L || 'err' in R) {
          const e = 'err' in L ? L.err : (R as { err: unknown }).err;
          if (!(e instanceof EvalError || e instanceof RangeError || e instanceof CheckError || e instanceof TypeError)) throw e;
          if (e instanceof ShapeError) { shapeError ??= e.message; continue; }
          const oneSided = ('err' in L) !== ('err' in R);
          if (oneSided && e instanceof IndexRangeError) { oneSidedUndefined ??= { at: this.describePoint({ combo, inst: trial, names, roles }), which: 'err' in L ? 'left' : 'right', why: e.message }; continue; }
          firstError ??= e.message;
          continue;
        }
        const l = L.v, r = R.v;
        const lp = toNumbers(l), rp = toNumbers(r);
        const lFinite = lp.values.every(Number.isFinite), rFinite = rp.values.every(Number.isFinite);
        // Infinite or NaN values (overflow, underflow to 0/0, the log of 0 or of a negative
        // number) and results that went through subnormal numbers are not evidence either
        // way: the point is skipped, and too few points left means unchecked.
        if (!lFinite || !rFinite || env.precisionLost) {
          firstError ??= env.precisionLost ? 'the values lose precision there (numbers below 1e-308)' : `${lFinite ? 'the right' : 'the left'} side is ${formatValue(lFinite ? r : l)} there`;
          continue;
        }
        // Terms far larger than the result: digits may have cancelled. Evaluate the point
        // again with noise to measure how many survived; too few leaves it unusable.
        const size = Math.max(maxAbsOf(lp.values), maxAbsOf(rp.values));
        // A condition at stationary points: both sides at its zero level agree whatever their digits (At.stationaryCondition).
        const atZeroLevel = !!at?.stationaryCondition && size <= tolerance * at.floor && agreesAgainst(lp, rp, at.floor, tolerance);
        if (env.scale > CANCELLATION_SCREEN * size && !atZeroLevel) {
          const scale = env.scale;
          const err = this.noisyError(noisy, budget, planned * c + t, () => roundingError(env, (which) => sideOf(env, which), lp.values, rp.values, planned * c + t));
          env.scale = scale;
          // Both sides 0 within their rounding is agreement (the floor below); a value
          // larger than its error but known to fewer digits than the tolerance needs is not.
          if (err === Infinity || (size > 2 * err && err > 0.1 * tolerance * size)) {
            const digits = err > 0 && size > 0 ? Math.max(0, Math.floor(-Math.log10(err / size))) : 0;
            lostDigits++;
            firstError ??= `the values lose their digits to cancellation there (terms of ${scale.toExponential(0)} add up to ${size.toExponential(1)}; about ${digits} of 16 digits are left)`;
            continue;
          }
          // What the point's values are known to: its measured rounding, not the size of terms its result does
          // not depend on (1 + e^{x^{10}} in a denominator is 1e200, the value about 1).
          env.scale = Math.min(scale, Math.max(size, err / Number.EPSILON));
        }
        // The size of the terms summed, of the points kept: a point skipped for a NaN, an overflow or its lost
        // digits (terms of 1e200 where e^{x^{10}} is huge) made the floor NaN, ∞ or 1e192, and every comparison agreed.
        // (A size that is not a number, from a NaN in terms the result does not keep, says nothing of the point's rounding:
        // the floor would be NaN and every comparison a disagreement. The point is not usable.)
        if (Number.isNaN(env.scale)) {
          firstError ??= 'the size of the terms summed there is not a number (their rounding cannot be told)';
          continue;
        }
        termScale = Math.max(termScale, env.scale);
        points++;
        // The point's label only for a point kept (most skipped points are never described).
        const label = comboLabels[c] ??= names.length ? names.map((nm, q) => `${nm} = ${combo[q] + 1}`).join(', ') : 'a random GMM';
        samples.push({ l, r, lp, rp, at: label, trial: t, combo, inst: trial, names, roles });
      }
    }
    if (oneSidedUndefined) {
      const o = oneSidedUndefined;
      // An index outside its range: a mix-up only if the note itself says which indices run over
      // points and which over components (checkLink decides); otherwise not judged.
      const side = `the ${o.which} side is not defined at ${o.at} while the other is (${o.why})`;
      return {
        status: 'undefined', samples, maxRel: Infinity, points, indexMixup: side,
        error: `${side}: an index runs over the data points where a component is meant, or the reverse (e.g. γ_{ki} for γ_{ik})`,
      };
    }
    if (samples.length === 0) {
      if (lostDigits > 0 && !shapeError) return { status: 'undefined', samples, maxRel: 0, points: 0, error: firstError };
      if (shapeError) return { status: 'fail', samples, maxRel: Infinity, points: 0, shapeError: `The shapes do not fit: ${shapeError}.` };
      return { status: 'undefined', samples, maxRel: 0, points: 0, error: firstError };
    }
    // Absolute floor: a small fraction of the largest value seen in this claim.
    let magnitude = 0;
    for (const s of samples) magnitude = Math.max(magnitude, maxAbsOf(s.lp.values), maxAbsOf(s.rp.values));
    const withMagnitude = <T extends object>(r: T): T & { magnitude: number } => extend(r, { magnitude }) as T & { magnitude: number };
    // Rounding grows with the size of the terms summed: values below 1e-8 of it count as 0.
    // At stationary points (found by EM to ~1e-13), values below 1e-5 of the scale are 0.
    const floor = Math.max(1e-300, ZERO_LEVEL * Math.max(magnitude, termScale), at ? Math.max(at.floor, 1e-5 * Math.max(magnitude, termScale)) : 0);
    let maxRel = 0;
    let counterexample: Sample | null = null;
    let mismatchShape: string | null = null;
    // The first sample that fails by a difference four digits show ("left 0.4602, right 0.4602" at a point where a
    // responsibility is 0.99998 tells a student nothing), else the first that fails at all.
    let visible: Sample | null = null;
    for (const s of samples) {
      const c = compareNumbers(s.lp, s.rp, floor);
      if (c === 'shape') { mismatchShape ??= `left is ${describeShape(s.l)}, right is ${describeShape(s.r)}`; counterexample ??= s; visible ??= s; maxRel = Infinity; continue; }
      if (c > maxRel) maxRel = c;
      if (c > tolerance && !counterexample) counterexample = s;
      if (c > Math.max(tolerance, VISIBLE_DIFFERENCE) && !visible) visible = s;
    }
    if (visible) counterexample = visible;
    if (counterexample) {
      return withMagnitude({ status: 'fail' as const, samples, maxRel, points, counterexample, shapeError: mismatchShape ? `The shapes differ: ${mismatchShape}.` : (shapeError ? `The shapes do not fit: ${shapeError}.` : undefined) });
    }
    if (shapeError) return { status: 'fail', samples, maxRel, points, shapeError: `The shapes do not fit at some points: ${shapeError}.` };
    // Agreement at one or two points (the others undefined) is too little to call a pass.
    if (points < Math.min(3, planned)) return { status: 'undefined', samples, maxRel, points, error: `only ${points} of ${planned} sample points could be evaluated (${firstError ?? 'undefined values'})` };
    return { status: 'pass', samples, maxRel, points, magnitude };
  }
}

/**
 * The letters the note's reading gives the weights, means, spreads and data (one each, the first the
 * reading lists), as Unicode; the usual π, μ, σ, x for what it does not name.
 */
function noteLetters(ctx: NoteContext): PointLetters {
  const r = ctx.reading;
  if (!r) return USUAL_LETTERS;
  const named = (q: Quantity): string | null => {
    for (const e of r.symbols.values()) if (e.quantity === q && e.subs > 0 && !r.ambiguous.has(`${e.key}/${e.subs}`)) return symbolToUnicode(e.latex);
    return null;
  };
  const std = named('std'), variance = named('var');
  return {
    weight: named('weight') ?? USUAL_LETTERS.weight,
    mean: named('mean') ?? USUAL_LETTERS.mean,
    spread: std ?? variance ?? USUAL_LETTERS.spread,
    spreadSquared: std !== null || variance === null,
    x: named('data') ?? USUAL_LETTERS.x,
  };
}

/** Does the expression write the letter of `sym` (in its font, with any indices or arguments)? */
function writesName(node: Node, sym: SymNode): boolean {
  let found = false;
  walk(node, (n) => { if (n.kind === 'sym' && n.name === sym.name && n.font === sym.font) found = true; });
  return found;
}

/** Is every index letter of the expressions one the note's reading assigns to points or components? */
function indicesReadFromNote(nodes: Node[], ctx: NoteContext): boolean {
  const r = ctx.reading;
  if (!r) return false;
  let all = true;
  const stack: Node[] = [...nodes];
  while (stack.length && all) {
    const m = stack.pop()!;
    if (m.kind === 'sym' && m.sub) {
      for (const ix of indexList(m.sub)) {
        if (ix.kind === 'sym' && !ix.sub && ix.name.length === 1 && !r.points.has(ix.name) && !r.components.has(ix.name)) all = false;
      }
    }
    for (const c of children(m)) stack.push(c);
  }
  return all;
}

/** Does the expression itself use matrix notation: Σ, a transpose, det, |Σ|, bold letters, an inverse? */
/** Whether side `j` agrees with the nearest earlier side that can be compared with it (sides that cannot be evaluated are skipped). */
function earlierAgreement(j: number, agree: (a: number, b: number) => boolean | null): boolean | null {
  for (let m = j - 1; m >= 0 && m >= j - 4; m--) {
    const r = agree(m, j);
    if (r !== null) return r;
  }
  return null;
}

/** σ_k² I, σ² 𝐈: a variance times the identity; or σ_k² alone (the one-dimensional case, "for D = 1, Σ_k = σ_k²"). */
/** σ_k², or a variance letter v_k the reading has: a component's scalar variance, no identity matrix beside it. */
function scalarVariance(n: Node, ctx: NoteContext): boolean {
  const alone = n.kind === 'pow' && n.exp.kind === 'num' && n.exp.value === 2 ? n.base : n;
  if (alone.kind !== 'sym' || !alone.sub) return false;
  const kind = classifySymbol(alone, ctx).kind;
  return alone === n ? kind === 'var' : kind === 'std' || kind === 'var';
}

function writesIsotropic(n: Node, ctx: NoteContext, cov: SymNode, definedAbove: (s: SymNode) => boolean): boolean {
  if (scalarVariance(n, ctx)) return true;
  const fs = operands(n, 'mul');
  // (Or a letter of the note's own with the covariance's index, `\Sigma_k = s_k I`: the spherical model's scale, named there;
  // not one the note has defined above, `v_k = \frac{1}{N_k}\sum_i …` or `t_k = \operatorname{tr}\Sigma_k`, which is judged.)
  const ownScale = (b: SymNode) => {
    const kind = classifySymbol(b, ctx).kind;
    return !MODEL_KINDS.has(kind) && kind !== 'identity' && kind !== 'data' && !b.decor && sameIndices(b.sub, cov.sub) && !definedAbove(b);
  };
  return fs.length === 2 && fs.some((f) => f.kind === 'sym' && classifySymbol(f, ctx).kind === 'identity') &&
    fs.some((f) => { const b = f.kind === 'pow' ? f.base : f; return b.kind === 'sym' && (['std', 'var'].includes(classifySymbol(b, ctx).kind) || ownScale(b)); });
}

/** Are two subscripts the same single index letter (`k` of s_k and Σ_k)? */
function sameIndices(a: Node | null, b: Node | null): boolean {
  const x = indexList(a), y = indexList(b);
  return x.length === 1 && y.length === 1 && x[0]!.kind === 'sym' && y[0]!.kind === 'sym' && x[0]!.name === y[0]!.name;
}

/** Does the expression write the data's dimension (D, d) or a norm? */
function writesDimension(n: Node, ctx: NoteContext): boolean {
  let found = false;
  walk(n, (m) => {
    if (m.kind === 'abs' && m.norm) found = true;
    else if (m.kind === 'sym' && !m.sub && (m.name === 'D' || m.name === 'd' || ctx.reading?.dimensions.has(m.name)) && classifySymbol(m, ctx).kind === 'count') found = true;
  });
  return found;
}

function writesMatrices(n: Node): boolean {
  const stack: Node[] = [n];
  while (stack.length) {
    const m = stack.pop()!;
    if (m.kind === 'transpose' || (m.kind === 'func' && (m.name === 'det' || m.name === 'tr')) || m.kind === 'matrix') return true;
    if (m.kind === 'sym' && (m.name === 'Sigma' || m.name === 'Lambda' || m.font === 'bold')) return true;
    for (const c of children(m)) stack.push(c);
  }
  return false;
}

export interface EvalResult {
  status: 'pass' | 'fail' | 'undefined';
  samples: Sample[];
  maxRel: number;
  points: number;
  counterexample?: Sample;
  error?: string | null;
  shapeError?: string;
  magnitude?: number;
  /** One side is undefined (out-of-range index, not a real number) where the other is defined. */
  undefinedSide?: string;
  /** Undefined because an index left its range on one side only (see checkLink). */
  indexMixup?: string;
  /** The evaluation ran out of its budget (budget.ts): what was exceeded. */
  costly?: string;
}

/** How far above the zero level of EM's fixed points a step's sides must reach there for meanAsStated to read them as agreeing. */
const MEAN_AS_STATED_SIZE = 10;

/** Words that limit a case to two components: "two components only", "a two-component mixture", "with 2 clusters". */
const TWO_COMPONENTS = /\b(?:two|2)[- ](?:components?|clusters?|Gaussians)\b|\bmixture of two\b/i;

/** A shape error of a number and a square matrix added or subtracted (values.ts entrywise's message), either way round. */
const SCALAR_AND_SQUARE = /cannot (?:add|subtract) (?:a scalar and an? (\d+)×\1 matrix|an? (\d+)×\2 matrix and a scalar)/;

/** Values below this fraction of the terms summed (or of the largest value) count as 0 (evaluateUncached's floor). */
const ZERO_LEVEL = 1e-8;

/**
 * A step across a relation with a substitution written over it (`\overset{\sigma_k^2 = 1}{=}`,
 * `\stackrel{x_i = \mu_k}{=}`) holds under that substitution, which the checker does not make: where it
 * fails at random instances it is unchecked, saying so, never ✗.
 */
function underSubstitution(chain: Chain, claims: Claim[]): Claim[] {
  const under = chain.relations.filter((r) => r.under !== undefined);
  if (under.length === 0) return claims;
  return claims.map((c) => {
    if (c.verdict !== 'fail') return c;
    const r = under.find((u) => c.lhsSpan.start <= u.span.start && u.span.end <= c.rhsSpan.end);
    if (!r) return c;
    const { culprit: _c, cause: _cause, values: _v, ...rest } = c;
    return { ...rest, culprit: c.rhsSpan, verdict: 'unchecked' as const, reason: 'unsupported' as const,
      message: proseToUnicode(`holds only under the substitution written over “${r.rel}” (${r.under}), which the checker does not make; not checked`) };
  });
}

/** Terms this many times larger than both results trigger the cancellation check. */
const CANCELLATION_SCREEN = 1e4;
/** Relative noise per sum in the cancellation check (see Env.noise). */
const NOISE = 2 ** -26;

/**
 * Estimated rounding error of a point's two sides: the largest move of either
 * side under two streams of noise, scaled from the noise back to double
 * precision's unit roundoff (with a safety factor of 4). Infinity when a noisy
 * evaluation breaks (the point is that fragile).
 */
function roundingError(env: Env, side: (which: 'l' | 'r') => { v: Value } | { err: unknown }, l: number[], r: number[], point: number): number {
  let dev = 0;
  try {
    for (let run = 0; run < 2; run++) {
      env.noise = NOISE;
      env.reseedNoise(point * 2 + run);
      const L = side('l'), R = side('r');
      env.noise = 0;
      if ('err' in L || 'err' in R) return Infinity;
      const ln = toNumbers(L.v).values, rn = toNumbers(R.v).values;
      if (ln.length !== l.length || rn.length !== r.length) return Infinity;
      for (let i = 0; i < l.length; i++) dev = Math.max(dev, Math.abs(ln[i]! - l[i]!));
      for (let i = 0; i < r.length; i++) dev = Math.max(dev, Math.abs(rn[i]! - r[i]!));
    }
  } finally {
    env.noise = 0;
  }
  return Number.isNaN(dev) ? Infinity : dev * 4 * (2 ** -53 / NOISE);
}

/**
 * Do the two sides agree against `floor` (compareNumbers)? Then they agree against any larger
 * floor too: the comparison's own floor is never below the one given here.
 */
function agreesAgainst(lp: { rows: number; cols: number; values: number[] }, rp: { rows: number; cols: number; values: number[] }, floor: number, tolerance: number): boolean {
  const c = compareNumbers(lp, rp, floor);
  return c !== 'shape' && c <= tolerance;
}

function maxAbsOf(xs: readonly number[]): number {
  let m = 0;
  for (const x of xs) m = Math.max(m, Math.abs(x));
  return m;
}

function toNumbers(v: Value): { rows: number; cols: number; values: number[] } {
  if (typeof v === 'number') return { rows: 1, cols: 1, values: [v] };
  if (!isMatrix(v)) return { rows: 1, cols: 1, values: [primal(v)] };
  const data = v.data, values = new Array<number>(data.length);
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    values[i] = typeof x === 'number' ? x : primal(x);
  }
  return { rows: v.rows, cols: v.cols, values };
}

/** Largest relative error, or 'shape' when the shapes cannot be compared. Row and column vectors compare equal. */
/** A relative difference that values printed to four significant digits show (evaluate: the sample a ✗ reports). */
const VISIBLE_DIFFERENCE = 1e-3;

function compareNumbers(a: { rows: number; cols: number; values: number[] }, b: { rows: number; cols: number; values: number[] }, floor: number): number | 'shape' {
  let av = a.values, bv = b.values;
  const same = a.rows === b.rows && a.cols === b.cols;
  const transposedVectors = a.rows === b.cols && a.cols === b.rows && (a.rows === 1 || a.cols === 1);
  if (!same && !transposedVectors) {
    // A scalar 0 against a zero vector or matrix (`= \mathbf{0}^\top`).
    if (av.length === 1 && av[0] === 0) av = new Array<number>(bv.length).fill(0);
    else if (bv.length === 1 && bv[0] === 0) bv = new Array<number>(av.length).fill(0);
    else return 'shape';
  }
  let worst = 0;
  for (let i = 0; i < av.length; i++) {
    const x = av[i], y = bv[i];
    const e = x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), floor);
    // NaN (a value or the floor not a number) is never agreement.
    if (!(e <= worst)) worst = Number.isNaN(e) ? Infinity : e;
  }
  return worst;
}

/** Does the expression hold a node for which `f` is true? */
function writes(n: Node, f: (m: Node) => boolean): boolean {
  let found = false;
  walk(n, (m) => { if (!found && f(m)) found = true; });
  return found;
}

/** How many numbers an expression writes. */
function numbersIn(n: Node): number {
  let count = 0;
  walk(n, (m) => { if (m.kind === 'num') count++; });
  return count;
}

/** Does the side name a component or a point by its number (μ_1, \Sigma_1, x_3, γ_{21}) or an iteration (θ^{(0)})? */
function numberedSymbol(n: Node): boolean {
  let yes = false;
  walk(n, (m) => {
    if (m.kind !== 'sym') return;
    if (m.sub && indexList(m.sub).every((x) => x.kind === 'num')) yes = true;
    if (m.decor && /^\(\d+\)$/.test(m.decor)) yes = true;
  });
  return yes;
}

/** A spread written without its component's index read as one all components share (a tied model): why it is not judged. */
function tiedSpread(s: SymNode, how: string, orElse: string): string {
  return `${symbolToUnicode(latexName(s))} ${how} is one ${s.name === 'sigma' ? 'variance' : 'covariance'} shared by all components (a tied model)${orElse}; the checker's instances have one per component, so this is not judged`;
}

/** The roles of the free indices of both sides of a step (with repeats). */
function freeRoles(lhs: CompiledSide, rhs: CompiledSide): Role[] {
  return [...lhs.scope.free.values(), ...rhs.scope.free.values()];
}

/** The most decimals a number printed in the side has (0 when none has any). */
function finestDecimals(n: Node): number {
  let most = 0;
  walk(n, (m) => { if (m.kind === 'num' && m.text.includes('.')) most = Math.max(most, m.text.length - m.text.indexOf('.') - 1); });
  return most;
}

/** All combinations of index values (0-based), or a deterministic spread of at most `cap` of them. */
function enumerate(ranges: number[], cap: number, salt: number): number[][] {
  const total = ranges.reduce((a, b) => a * b, 1);
  const out: number[][] = [];
  const pick = (flat: number): number[] => {
    const combo: number[] = [];
    let rest = flat;
    for (let q = ranges.length - 1; q >= 0; q--) { combo.unshift(rest % ranges[q]); rest = Math.floor(rest / ranges[q]); }
    return combo;
  };
  if (total <= cap) {
    for (let f = 0; f < total; f++) out.push(pick(f));
  } else {
    const step = total / cap;
    for (let q = 0; q < cap; q++) out.push(pick(Math.floor((q * step + salt) % total)));
  }
  return out;
}

/** `Q(θ | θ^{(t)})`: a function of the parameters given the current ones (θ, Θ, ω, ψ, φ), as Q(θ, θ^{(t)}) is. */
function parameterSets(n: ApplyNode): boolean {
  return n.args.every(parameterSet) && (n.given ?? []).every(parameterSet);
}

/** θ, Θ, ω, ψ, φ without an index: all the parameters at once. */
function parameterSet(a: Node): boolean {
  return a.kind === 'sym' && !a.sub && ['theta', 'Theta', 'omega', 'psi', 'phi', 'vartheta'].includes(a.name);
}

/** A chain of bare quantities ending in (or containing) a plain number other than 0 and 1: example values. */
function exampleChain(chain: Chain): boolean {
  if (!chain.sides.every((s) => s.ok)) return false;
  const nodes = chain.sides.map((s) => (s as { node: Node }).node);
  const numeric = nodes.filter((n) => isPlainNumber(n));
  if (numeric.length > 0 && nodes.some(isCountSymbol) && nodes.every((n) => isPlainNumber(n) || isCountSymbol(n))) return true;
  return numeric.length > 0 && numeric.some((n) => hasNonTrivialNumber(n)) && nodes.every((n) => isPlainNumber(n) || isBareQuantity(n));
}

function isCountSymbol(n: Node): boolean {
  return n.kind === 'sym' && !n.sub && (n.name === 'K' || n.name === 'D' || n.name === 'N' || n.name === 'm');
}

function isPlainNumber(n: Node): boolean {
  switch (n.kind) {
    case 'num': return true;
    case 'neg': case 'group': return isPlainNumber(n.body);
    case 'div': case 'mul': case 'add': case 'sub': return isPlainNumber(n.a) && isPlainNumber(n.b);
    default: return false;
  }
}

/** ∂/∂π_k, ∂/∂α_k: a derivative in one of the weights, whatever the note calls them. */
function derivativeInWeights(n: Node, ctx: NoteContext): boolean {
  return n.kind === 'deriv' && n.wrt.kind === 'sym' && n.wrt.sub !== null && classifySymbol(n.wrt, ctx).kind === 'weight';
}

/** The letters of the parameters an expression differentiates in (Σ of ∂/∂Σ_k⁻¹). */
function derivativeLetters(node: Node): string[] {
  const out: string[] = [];
  const visit = (n: Node): void => {
    if (n.kind === 'deriv') {
      const base = n.wrt.kind === 'pow' ? n.wrt.base : n.wrt;
      if (base.kind === 'sym') out.push(letterOf(base));
    }
    children(n).forEach(visit);
  };
  visit(node);
  return out;
}

/** Whether the expression takes a derivative anywhere. */
function mentionsDerivative(node: Node): boolean {
  if (node.kind === 'deriv') return true;
  return children(node).some(mentionsDerivative);
}

function isZero(n: Node): boolean {
  if (n.kind === 'num') return n.value === 0;
  if (n.kind === 'transpose') return isZero(n.body);
  if (n.kind === 'group') return isZero(n.body);
  return false;
}

/**
 * A sentence that opens by placing what follows at convergence ("At convergence", "At a fixed point of EM", "Once EM has
 * converged"): where `\mu_k^{(t+1)} = \mu_k^{(t)}`. (Not "after one iteration EM is already at a fixed point", "Not only at
 * convergence but at every iteration", "the new mean sits at the stationary point of Q": claims about EM.)
 */
/** Words of isotropy, where σ_k² for Σ_k stands for σ_k² I in D dimensions. */
const ISOTROPY_WORDS = /\b(?:isotropic|spherical)\b/i;

const FIXED_POINT_BEFORE = /^\s*(?:[-*>]\s*)?(?:At (?:convergence|(?:a|the) (?:fixed[- ]point|stationary point))\b|After convergence\b|(?:Once|When) (?:EM |the algorithm |it )?(?:has )?converged\b)(?![^.]*\b(?:not only|every iteration|one iteration|already)\b)/i;

/**
 * A sentence that opens with a choice, "With $\Sigma_k = \sigma_k^2$ …", before a later formula of it (predefine). (Capitalised:
 * after a display, "…$$\n\nwith $N_k = …$" goes on with the sentence the display is in, and means "where".)
 */
const CHOICE_OPENS = /^\s*(?:[-*>]\s*)?(?:With|Taking|Choosing)\s*(?:\$|\\\()[^$]{1,120}(?:\$|\\\))/;

/** "…, where $c_0 = \frac{1}{2}$ and $M_k = …$": the text after a formula names what it used (predefine). */
const WHERE_BEFORE = /\b(?:where|wherein|wobei|où|donde|dove|其中)\b[^.$]{0,40}(?:\$[^$]{1,80}\$[^.$]{0,20})*(?:\$|\\\()\s*$/i;

/** Words before a formula that make it a claim to prove, never a definition: "Show that $…$", "Prove that", "Verify that". */
/** What the start of an index's range never writes, anywhere in it: a sum, a function, a derivative, a fraction. */
const RANGE_NEVER = new Set<Node['kind']>(['sum', 'prod', 'func', 'apply', 'div', 'deriv']);

/** Does the expression have a node of one of these kinds? */
function writesKind(root: Node, kinds: ReadonlySet<Node['kind']>): boolean {
  let found = false;
  walk(root, (n) => { if (kinds.has(n.kind)) found = true; });
  return found;
}

/** How far before a definition of the objective its lead-in words are looked for (objectiveDefinition), in characters. */
const LEAD_IN = 300;

/** Words that call an objective the log-likelihood itself, not its negative (objectiveDefinition). */
const LOGLIK_WORDS = /(?<!\bnegative\s)\blog[- ]?likelihood\b/i;

/** Words that call an objective a loss (objectiveDefinition): a negative log-likelihood is then what the note means. */
const LOSS_WORDS = /\b(?:loss(?:es)?|negative log[- ]likelihood|NLL|cost function|minimi[sz](?:e|es|ed|ing))\b/i;

const SHOW_BEFORE = /\b(?:show|prove|verify|check|demonstrate)\s+that\b[^.$]{0,40}(?:\$|\\\(|\\\[)\s*$/i;

/** Names the text gives a domain or a bound (`q_{nk} \ge 0`, `w_n > 0`, `q_{nk} \in [0, 1]`), with where (one scan of the note). */
function declaredFree(text: string): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  // (The relations first, then the name before each: relations are few, letters many.)
  for (const r of text.matchAll(/\\(?:geq?|leq?|in|gt|lt)\b|[≥≤><∈]/g)) {
    const m = /(\\?[A-Za-z]+(?:_\{[^{}$]{1,12}\}|_[A-Za-z0-9])?)\s*$/.exec(text.slice(Math.max(0, r.index - 40), r.index));
    if (m) out.push({ name: m[1]!, at: r.index - m[0].length });
  }
  return out;
}

/**
 * `\pi_1 = \pi_2 = \frac{1}{2}`, `\sigma_1 = \sigma_2 = 1` in a note with K = 2: one parameter of every component by
 * number, each once, set to one value. The chain with the component index written as k (everyComponentValues reads
 * it), or null.
 */
function everyNumberedComponent(nodes: readonly Node[], ctx: NoteContext): Node[] | null {
  const seen = new Set<number>();
  const out: Node[] = [];
  for (const n of nodes.slice(0, -1)) {
    const s = n.kind === 'sym' ? n : n.kind === 'pow' && n.base.kind === 'sym' ? n.base : null;
    if (!s || s.sub?.kind !== 'num' || seen.has(s.sub.value)) return null;
    seen.add(s.sub.value);
    const k: SymNode = { ...s, sub: { kind: 'sym', name: 'k', font: null, sub: null, decor: null, primes: 0, span: s.sub.span } };
    out.push(n.kind === 'pow' ? { ...n, base: k } : k);
  }
  const from = ctx.componentsFromZero ? 0 : 1;
  if (seen.size !== ctx.K || ![...seen].every((v) => v >= from && v < from + ctx.K)) return null;
  return [...out, nodes[nodes.length - 1]!];
}

/**
 * The values a step writes in for every component: the same number in the spread slot of each of its Gaussians
 * (`\mathcal{N}(x \mid \mu_1, 1)`), and 1/K before each (`\frac{1}{2}\mathcal{N}(…)` with K = 2). Null when it writes none.
 */
function writtenValues(nodes: Node[], ctx: NoteContext): { values: EveryComponent; shown: string } | null {
  const spreads = new Set<number>();
  const weights = new Set<number>();
  let densities = 0;
  const visit = (n: Node): void => {
    if (componentDensity(n, ctx)) {
      densities++;
      const c = constantOf(n.given[1]!);
      if (c !== null) spreads.add(c);
    }
    if (n.kind === 'mul' && componentDensity(n.b, ctx)) {
      const q = constantOf(n.a);
      if (q !== null) weights.add(q);
    }
    children(n).forEach(visit);
  };
  nodes.forEach(visit);
  if (!densities) return null;
  const values: EveryComponent = {};
  const shown: string[] = [];
  if (spreads.size === 1) {
    const c = [...spreads][0]!;
    if (c > 0) { values.Sigma = [[c]]; shown.push(`variance ${c}`); }
  }
  if (weights.size === 1 && Math.abs([...weights][0]! * ctx.K - 1) < 1e-12) { values.pi = 'K'; shown.push(`weights 1/${ctx.K}`); }
  return shown.length ? { values, shown: shown.join(', ') } : null;
}


/** Words after a formula that say it holds at the optimum (ClaimBuilder.optimumTold). */
const OPTIMUM_AFTER_WHERE = /^[^.]*?\bwhere\s+\$[^$]*=[^$]*\$\s+is the (?:updated|new|M-?step|optimal)\b/i;
const OPTIMUM_AFTER = /\b(?:holds?|true|valid|used|uses|using|only)\b[^.]{0,120}?\bat (?:a |the |EM's )?(?:fixed point|optimum|convergence|stationary point|maximum|MLE|M-?step|new means?|updated means?|new parameters)\b|^\s*\$*\s*\(?\s*at the (?:new|updated|M-?step(?:'s)?) (?:means?|parameters|estimates?)\b/i;
/** "using the new mean", "After the M-step for the means": the step is taken at the updated parameters (optimumTold). */
const UPDATED_VALUES_BEFORE = /\b(?:using|with|at|plugging in|inserting) the (?:new|updated|M-?step(?:'s)?|re-?estimated) (?:means?|mean vectors?|covariances?|variances?|weights|proportions|parameters|estimates?)\b|\b(?:aggiornat[ioe]|actualizad[oa]s|mis(?:es)? à jour|aktualisierten|atualizad[oa]s)\b|\bafter the M-?step\b|\bis the (?:weighted|responsibility-weighted|new|updated|M-?step) mean\b|\b(?:since|as|with|using|given|because)\s+(?:the (?:updated|new|M-?step) \w+\s+)?\$\s*(?:\\(?:hat|tilde)\s*\{?\s*)?\\?(?:pi|alpha|w|phi|sigma|mu|Sigma|tau|rho)\s*\}?\s*_\s*\{?\s*[a-z]\s*\}?(?:\^\s*\{?[^$=]{0,12}\}?)?\s*=\s*[^$]*(?:N_|T_|n_|\\sum|\\frac\s*\{\s*1\s*\}\s*\{\s*[NnT])[^$]*\$/i;

/**
 * "At (5), $…$", "Using \eqref{eq:mstep}, …", "plugging in eq. 3": a step taken where an earlier numbered equation holds
 * (an update, a condition), read as optimumTold: judged at EM's stationary points when it fails in general.
 */
const AT_EQUATION_BEFORE = /\b(?:at|evaluated at|plugging in|substituting|inserting)\s+(?:\(\d+[a-z]?\)|\\eqref\{[^}]*\}|\(\\ref\{[^}]*\}\)|eq(?:uation)?s?\.?\s*\(?\d+\)?)[^.]{0,40}$/i;

/** "a parameter that only enters component $k$", "θ of component k": θ is one component's parameter. */
/** "…$, for $\theta$ any of the $\mu_c, \Sigma_c$", "where θ is one of the means": θ one parameter, said after the formula. */
const THETA_ONE_OF_AFTER = /^\s*(?:\$|\\\))?[^.$]{0,20}\b(?:for|where|with)\s+(?:\$\s*\\(?:theta|vartheta)\s*\$\s+|\\(?:theta|vartheta)\s+|θ\s+)(?:is\s+|being\s+)?(?:any|one|each|either)\s+of\b/i;
/** ∂ log f_k(x_n)/∂θ, ∂ log 𝒩(x_n | μ_k, σ_k²)/∂θ: a derivative in a bare θ of a component's density, with no weight in it. */
function componentDensityTheta(d: DerivNode, ctx: NoteContext): boolean {
  if (d.wrt.kind !== 'sym' || d.wrt.sub || !['theta', 'vartheta', 'Theta'].includes(d.wrt.name) || !d.num) return false;
  let density = false, weighted = false;
  walk(d.num, (n) => {
    if (n.kind === 'apply') {
      const k = classifySymbol(n.fn, ctx).kind;
      if (k === 'density' || k === 'compdensity' || (n.fn.name === 'N' && !n.fn.sub && n.given !== null)) density = true;
    } else if (n.kind === 'sym') {
      const k = classifySymbol(n, ctx).kind;
      if (k === 'weight' || k === 'mixture' || k === 'loglik' || k === 'resp') weighted = true;
    }
  });
  return density && !weighted;
}

const COMPONENT_PARAMETER_WORDS = /\b(?:only enters|enters only|belongs to|of|in) (?:the )?(?:component|cluster|mixture component)s? (?:\$|\\\(|[a-z]\b)[^.]{0,40}$/i;

/** "… true for every θ, not only at the optimum": words after a formula that it holds in general. */
const NOT_ONLY_AT_OPTIMUM = /\bnot (?:only|just)\b|\bfor (?:every|any|all)\b/i;

/** ClaimBuilder.optimumTold's answer for a chain, with the text and position it was read at. */
const optimumToldOf = new WeakMap<Chain, { text: string; start: number; told: boolean }>();

/** Words that take up the case of one dimension ("For scalar data (1-D):", "In one dimension", "univariate"). */
const ONE_DIMENSION_WORDS = /(?:\b1-?D\b|\bone[- ]dimension(?:al)?\b|\bunivariate\b|\bscalar (?:data|case|observations|points)\b)/i;

/** Words that contrast one dimension with the general case ("unlike", "generalises", "from … to"). */
const DIMENSION_CONTRAST = /\b(?:unlike|in contrast|contrary|generali[sz]\w*|compared (?:to|with)|instead of)\b|\bfrom (?:a |an |the )?$/i;

/** Words that take up the case of one component ("With a single component", "for just one Gaussian"). */
const ONE_COMPONENT_WORDS = /\b(?:with|for|if|when|in the case of)\s+(?:a\s+single|only\s+one|just\s+one|one)\s+(?:component|Gaussian|cluster)\b(?!\s*(?:of|for|per|at a time|\$\s*[a-z]\s*\$|\\\(\s*[a-z]\s*\\\)|[a-z]\b))|\bsingle-component\b/i;

/** Words that return from an isotropic case to the general one (ClaimBuilder.holdsIsotropic). */
/** `$N = 4$`, `\(n = 12\)`: a number of points stated alone in an inline formula (ClaimBuilder.pointCountStated). */
const POINT_COUNT_STATED = /(?:\$|\\\()\s*([A-Za-z])\s*=\s*([2-9]|[1-9][0-9])\s*(?:\$|\\\)|,)/g;
/** `$K = 2, N = 4$`: a number of points stated after another size in one inline formula (pointCountStated). */
const POINT_COUNT_LISTED = /(?:\$|\\\()\s*[A-Za-z]\s*=\s*\d+\s*,\s*([A-Za-z])\s*=\s*([2-9]|[1-9][0-9])\s*(?:\$|\\\)|,)/g;
/** "four points", "12 data points", "five observations": a number of points in words (pointCountStated). */
const POINT_COUNT_WORDS = /\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[2-9]|[1-9][0-9])\s+(?:data\s+)?(?:points|observations|samples)\b/gi;
/** Words before a number of points that make them some of the data, not all of it ("the first two points", "of the four points"). */
const PART_OF_THE_DATA = /\b(?:first|last|other|remaining|these|those|both|only|of|among|between|any|every|each|per|with|for)\s+(?:the\s+)?$/i;
const COUNT_WORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
/** The number a count word or numeral says ("four", "12"). */
function countWord(w: string): number {
  const i = COUNT_WORDS.indexOf(w.toLowerCase());
  return i >= 0 ? i + 2 : Number(w);
}
/** A heading that leaves a worked example for the general case ("## General M-step", "## Back to arbitrary $N$"). */
const GENERAL_HEADING = /\b(?:general|arbitrary|any|all|every)\b/i;
/** The sentence before a step says it holds for any data ("In general, for any data set,"): not a worked example's step. */
const FOR_ANY_DATA = /\bin general\b|\b(?:for|with|to) (?:any|every|all|arbitrary|general) (?:\$\s*)?(?:data|data ?sets?|samples?|points|number of points|N|n)\b|\bgeneral(?:ly)?\b[^.]{0,20}\b(?:data|mixture|case)\b|\barbitrary\b/i;
const ISOTROPIC_ENDS = /\b(?:(?:back|returning|return|turning) to (?:the )?(?:general|full|arbitrary|unrestricted)|(?<!\b(?:unlike|than)\s(?:in\s)?)in (?:the )?general case|in general\b[^.]{0,40}\b(?:full|arbitrary|not (?:spherical|isotropic))|for (?:general|full|arbitrary) covariance)/i;

/** "With $p = 0.5$ and $\sigma = 1$ the prefactor is 1": values the sentence takes, right before the formula (sentenceBefore). */
const WITH_VALUES = /(?:(?:^|[,;:]\s*|\n\s*)(?:with|taking|setting|using|for)|(?<!\b(?:us|up|left|leaves|end|ends|ended|come|comes|came)\s)\bwith)(?:\s*\$[^$]*\$\s*(?:,\s*and|,|and))*\s*$/i;
/** Words after a formula that call its values a choice ("… is a reasonable guess", "… as an example"). */
const CHOSEN_AFTER = /\b(?:guess|starting|initial(?:i[sz]ation)?|start|as an example|for illustration|to illustrate)\b/i;
/** Words before "with" that make what follows a result: "converges to the fit with", "is consistent with". */
const RESULT_WITH = /\b(?:converge\w*|consistent|agree\w*|fit|results?|estimates?|gives?|yields?|leaves?|left|ends? up|ended up|comes? out)\b[^.]*$/i;

/** Does the sentence around a formula choose its values (starting values, an example's, "with $\sigma = 1$") rather than derive them? */
function choosesValues(text: string, span: Span): boolean {
  const before = sentenceBefore(text, span.start);
  return CHOSEN_VALUES.test(before) || CHOSEN_AFTER.test(sentenceAfter(text, span.end)) || (WITH_VALUES.test(before) && !RESULT_WITH.test(before));
}

/** Words that say the weights are equal (an example's that gives no numbers for them). */
const WEIGHTS_EQUAL_TOLD = /\b(?:equal|uniform) (?:mixing )?(?:weights|proportions|mixing coefficients)\b|\b(?:weights|proportions|mixing coefficients) (?:are|being) (?:equal|the same|uniform)\b/i;

/** Where 1-based line `line` of `text` starts. */
function lineOffset(text: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line && at >= 0; l++) at = text.indexOf('\n', at) + 1 || -1;
  return Math.max(0, at);
}

/** A size the text states in a formula of its own (countStatements). */
export interface CountStatement { at: number; which: 'D' | 'K'; value: number; line: number }

/** `$D = 1$`, `$d = 2$`, `$K = 2$` (also `\(…\)`): a size stated alone in an inline formula, the value 1 to 8. */
const COUNT_STATED = /(?:\$|\\\()\s*([DdK])\s*=\s*([1-8])\s*(?:\$|\\\))/g;
/** A heading line's start (localSizes: a size holds to the end of its section). */
const HEADING_START = /^#{1,6}\s/gm;

/** The sizes the text states in formulas of their own, in order (ClaimBuilder.localSizes), with their 1-based lines. */
export function countStatements(text: string): CountStatement[] {
  const out: CountStatement[] = [];
  let line = 1, from = 0;
  for (const m of text.matchAll(COUNT_STATED)) {
    for (let q = text.indexOf('\n', from); q >= 0 && q < m.index!; q = text.indexOf('\n', q + 1)) line++;
    from = m.index!;
    // (Not in a bracketed aside, "(for $D = 1$, this is the bell curve)": the text goes on in general. A heading's
    // brackets, "## Worked example (one dimension, $D = 1$)", say what its section is about.)
    const before = text.slice(text.lastIndexOf('\n', m.index!) + 1, m.index!);
    if (!/^\s{0,3}#/.test(before) && /\(|\be\.g\./.test(before) && (before.split('(').length > before.split(')').length || /\be\.g\.[^.]*$/.test(before))) continue;
    out.push({ at: m.index!, which: m[1] === 'K' ? 'K' : 'D', value: Number(m[2]), line });
  }
  return out;
}

/** Values the text gives every component in words (UNIT_SPREAD_WORDS, EQUAL_WEIGHT_WORDS, EQUAL_SPREAD_WORDS), with where. */
export function proseValues(text: string): { values: EveryComponent; at: number; words: string; until?: number }[] {
  const out: { values: EveryComponent; at: number; words: string; until?: number }[] = [];
  // Only in a sentence that assumes them ("Assume all variances are known and equal to 1"), not one that denies them
  // ("we do not assume equal weights") or says them of something else ("k-means gives equal weights", "standardise
  // the data to unit variance").
  // (A sentence that opens with the case, "With identity covariances and equal weights, $…$.", takes it for itself only:
  // its end is where the values stop. A heading that states it, "## With equal weights", for its section.)
  // (The full stops of "i.e." and "e.g." do not end a sentence: blanked in a copy of the same length, made only when
  // the text has case words at all.)
  let stops: string | null = null;
  const assumed = (at: number, words: string, tie: boolean): { until?: number } | null => {
    stops ??= text.replace(ABBREVIATION_STOPS, (m) => m.replace(/\./g, ' '));
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const heading = /^\s{0,3}#{1,6}\s/.test(text.slice(lineStart, lineStart + 10));
    let from = heading ? lineStart : Math.max(lastStop(stops, at), text.lastIndexOf('\n\n', at), 0);
    // (A heading ends where its line does: "# Równe wagi, bez wzoru" is not part of the sentence under it.)
    if (!heading) {
      const base = from;
      for (const m of text.slice(base, lineStart).matchAll(HEADING_LINE)) from = base + m.index! + m[0].length;
    }
    let to = heading ? text.indexOf('\n', at) : nextStop(stops, at);
    if (to < 0) to = text.length;
    const sentence = text.slice(from, to);
    const assumes = ASSUMING.test(sentence);
    if (DENYING.test(sentence) || ONLY_WHEN.test(sentence) || /\bnon-?$/i.test(text.slice(Math.max(0, at - 4), at)) ||
      DENYING_NEAR.test(text.slice(Math.max(from, at - 25), clauseEnd(text, at + words.length, Math.min(to, at + words.length + 15))))) return null;
    // (Said of the data, "the data are standardised to unit variance", "equal weights for every point": not the components'.
    // Nor of another model, "k-means assumes equal variances", "the prior variances are all the same", nor a comparison,
    // "the variances are the same as in the previous iteration".)
    if (OF_THE_DATA.test(text.slice(Math.max(from, at - 30), Math.min(to, at + words.length + 30))) || OTHER_MODEL.test(text.slice(Math.max(from, at - 40), Math.min(to, at + words.length + 10))) || SAME_AS.test(text.slice(at, Math.min(to, at + words.length + 20)))) return null;
    if (heading) {
      // ("## With equal weights", "### Cas des poids égaux": a heading that is the case and nothing else, for its section,
      // until the text speaks of general or fitted weights again.)
      if (!CASE_HEADING.test(text.slice(lineStart, at)) || /[\p{L}\p{N}]/u.test(text.slice(at + words.length, to).replace(/\$[^$]*\$|\([^)]*\)/g, ''))) return null;
      const rest = text.slice(to);
      const next = rest.search(/^\s{0,3}#{1,6}\s/m);
      const general = rest.search(CASE_GIVEN_UP);
      const end = [next, general].filter((i) => i >= 0);
      return { until: end.length ? to + Math.min(...end) : text.length };
    }
    // (Assumed, for the rest of the note: not for a while only, "at first", "in the first iteration"; and one spread for every
    // component, which hides the most common slip (σ_j for σ_k), only where a sentence or a heading opens with it.)
    if (assumes && (FOR_A_WHILE.test(sentence) || CASE_NOT_TAKEN.test(sentence))) return null;
    // (Until the text calls the weights or the variances arbitrary again: "Now the weights are arbitrary", "Теперь веса произвольные".)
    if (assumes && !tie) {
      const dropped = CASE_DROPPED.exec(text.slice(to));
      return dropped ? { until: to + dropped.index } : {};
    }
    // (A case the sentence opens with, or a clause "if"/"when" leading to the words, held to the display it leads into,
    // unless the sentence gives it up before it ("…, but the general log-density", "; after fitting the weights") or only
    // imagines or faults it ("if we had used", "as if", "a common mistake").)
    if ((!assumes && !CASE_OPENS.test(sentence) && !CASE_CLAUSE.test(text.slice(from, at))) || CASE_NOT_TAKEN.test(sentence)) return null;
    let until = firstDisplayEnd(text, at);
    const display = displayStart(text, until);
    if (CASE_GIVEN_UP.test(text.slice(at + words.length, Math.max(at + words.length, display)))) return null;
    // (The displays it leads into, one after another with nothing written between them, are one block; so are those the
    // sentence goes on to after one, in words that start in lower case and neither end it nor leave the case: "… $$…$$ and
    // its gradient in σ_k² is $$…$$".)
    for (;;) {
      const next = firstDisplayEnd(text, until);
      if (next <= until || next >= text.length) break;
      const between = text.slice(until, displayStart(text, next));
      if (!/^\s*$/.test(between) && !(/^\s*[a-z]/.test(between) && !/[.!?]\s|\n\s*\n[^a-z]/.test(between) && !CASE_GIVEN_UP.test(between) && !CASE_NOT_TAKEN.test(between))) break;
      until = next;
    }
    // (A sentence that ends before the display does not reach it; one that reaches it goes on past the stops in its math.)
    // (An assumption of one spread, "Suppose all components have the same variance.", reaches the display after it.)
    return { until: to < display && !assumes ? to : until };
  };
  const other = OTHER_SCRIPTS.test(text);
  for (const [words, values] of [[UNIT_SPREAD_WORDS, { Sigma: [[1]] }], [EQUAL_WEIGHT_WORDS, { pi: 'K' }], [EQUAL_SPREAD_WORDS, { tieSpread: true }]] as const) {
    for (const m of text.matchAll(other ? words.all : words.latin)) {
      const a = assumed(m.index, m[0], 'tieSpread' in values);
      if (a) out.push({ values: values as EveryComponent, at: m.index, words: m[0], ...a });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Where the display that ends at `end` (firstDisplayEnd) opens: its `$$` or `\\[`. */
function displayStart(text: string, end: number): number {
  return text.lastIndexOf(text.startsWith('$$', end - 2) ? '$$' : '\\[', end - 3);
}

/** Where the clause after `from` ends (a full stop, a semicolon), at most `limit`: where a negation after case words may be ("… — nie zakładamy tego"). */
function clauseEnd(text: string, from: number, limit: number): number {
  const m = /[.;。；]/.exec(text.slice(from, limit));
  return m ? from + m.index : limit;
}

/** The marks that end a sentence: full stops, Chinese and Japanese ones, question and exclamation marks. */
const SENTENCE_STOPS = ['.', '。', '!', '?', '！', '？'];
/** Where the sentence before `at` ended (its stop), or -1. */
function lastStop(text: string, at: number): number {
  let best = -1;
  for (const c of SENTENCE_STOPS) best = Math.max(best, text.lastIndexOf(c, at));
  return best;
}
/** Where the sentence at `at` ends (its stop), or -1. */
function nextStop(text: string, at: number): number {
  let best = -1;
  for (const c of SENTENCE_STOPS) {
    const i = text.indexOf(c, at);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best;
}

/**
 * Case words as two expressions: those of Latin scripts, and with them those of Cyrillic, Chinese, Japanese and Korean,
 * searched only in a text that has such letters (the second is several times slower to search: proseValues runs on
 * every check of a note).
 */
function wordsOf(latin: string, other: string): { latin: RegExp; all: RegExp } {
  return { latin: new RegExp(latin, 'gi'), all: new RegExp(`${latin}|${other}`, 'gi') };
}
/** Letters of the scripts whose case words only the `all` expressions have (wordsOf). */
const OTHER_SCRIPTS = /[\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/;
/** A letter or digit of the Latin scripts (the edge of a word in the word lists below). */
const WORD_CHAR = '[A-Za-z0-9À-ÖØ-öø-ÿĀ-ſ]';
// The words are those of the languages students write notes in (English, German, Spanish, French, Italian, Portuguese,
// Chinese). A word ends before a letter of the Latin scripts (`\b` sees é, ü, ç as edges); not `u` regular expressions,
// whose case folding made each search over a note 5 times slower.
/** Variances of 1 for every component, in words: "unit variances", "variances known and equal to 1", "identity covariances". */
const UNIT_SPREAD_WORDS = wordsOf(String.raw`\b(?:jednostkow\w* wariancj\w*|wariancj\w* (?:są )?(?:równ\w* )?(?:1|jeden|jedno\w*)(?!${WORD_CHAR}|[.,]?\d)|birim varyans[a-zçğıöşü]*|varyans[a-zçğıöşü]* (?:1|bir)(?!${WORD_CHAR}|[.,]?\d)|phương sai đơn vị|phương sai bằng (?:1(?![.,]?\d)|một)|(?:variances|covariances) (?:all )?equal (?:1|one)(?!${WORD_CHAR}|[.,]?\d)|unit-variance|unit (?:variances?|covariances?)|identity covariance(?:s| matri(?:x|ces))?|(?:variances?|covariances?) (?:are |is )?(?:all )?(?:known and )?(?:equal|set|fixed) to (?:1|one|the identity)(?!${WORD_CHAR}|[.,]?\d)|(?:variances|covariances) (?:are )?(?:all )?(?:1|one)(?!${WORD_CHAR}|[.,]?\d)|Einheitsvarianz(?:en)?|varianzas? unitarias?|variances? unitaires?|varianze? unitari[ae]|variâncias? unitárias?)`, String.raw`单位(?:协)?方差|协方差(?:矩阵)?(?:为|是|取)单位矩阵|(?<![а-яёА-ЯЁ])(?:единичн[а-яё]* (?:дисперси[а-яё]*|ковариац[а-яё]*)|дисперси[а-яё]* (?:все )?равн[а-яё]* (?:единиц[а-яё]*|1(?![.,]?\d)))|単位分散|分散が(?:すべて|全て)?1(?![.,]?\d)|共分散(?:行列)?が(?:すべて)?単位行列|단위 ?분산|분산이 (?:모두 )?1(?![.,]?\d)|공분산(?:이|은)? (?:모두 )?단위 ?행렬`);
/** Weights of 1/K for every component, in words: "equal mixing weights", "uniform weights", "the weights are all equal". */
const EQUAL_WEIGHT_WORDS = wordsOf(String.raw`\b(?:równ\w* wag\w*|wag\w* (?:są |będą )?(?:wszystkie )?równ\w*|jednakow\w* wag\w*|eşit ağırlık[a-zçğıöşü]*|ağırlık[a-zçğıöşü]* (?:birbirine )?eşit|trọng số (?:đều )?bằng nhau|(?:equal|uniform) (?:mixing )?(?:weights|proportions|mixing coefficients)|(?:mixing )?(?:weights|proportions|mixing coefficients) (?:are |being )?(?:all )?(?:equal|the same|uniform)|gleiche[nm]? (?:Misch)?gewicht(?:e|en)?|(?:Misch)?gewichte (?:sind )?(?:alle )?gleich|(?:pesos|proporciones) (?:son |sean )?(?:todos |todas )?(?:iguales|uniformes)|iguales pesos|pesos (?:são |sejam )?(?:todos )?(?:iguais|uniformes)|pesi (?:sono |siano )?(?:tutti )?(?:uguali|uniformi)|poids (?:sont |soient )?(?:tous )?(?:égaux|egaux|uniformes))(?!${WORD_CHAR})`, String.raw`等权重|权重(?:都|均)?(?:相等|相同|均等)|混合(?:系数|权重)(?:都|均)?(?:相等|相同)|(?<![а-яёА-ЯЁ])(?:равн[а-яё]* вес[а-яё]*|вес[а-яё]* (?:все )?(?:компонент )?равн[а-яё]*|одинаков[а-яё]* вес[а-яё]*)|(?:混合係数|重み|混合比)が(?:すべて|全て)?等しい|等しい(?:混合係数|重み)|(?:혼합 ?계수|가중치)(?:가|는)? (?:모두 )?(?:같|동일)|동일한 (?:혼합 ?계수|가중치)`);
/** One spread shared by every component, in words: "equal variances", "a shared covariance", "the variances are the same". */
const EQUAL_SPREAD_WORDS = wordsOf(String.raw`\b(?:równ\w* wariancj\w*|wariancj\w* (?:są )?(?:wszystkie )?równ\w*(?! (?:1|jeden|jedno))|eşit varyans[a-zçğıöşü]*|varyans[a-zçğıöşü]* (?:birbirine )?eşit|phương sai (?:đều )?bằng nhau|(?:equal|shared|tied|identical) (?:variances?|covariances?(?: matri(?:x|ces))?)|(?:have|has|share|with) (?:the same|one|a single) (?:variance|covariance(?: matrix)?)(?!${WORD_CHAR})|(?:variances|covariances|covariance matrices) (?:are |being )?(?:all )?(?:equal|the same|shared|tied)|gleiche[nm]? (?:Varianz(?:en)?|Kovarianz(?:en|matrix|matrizen)?)|gemeinsame[nm]? (?:Varianz|Kovarianz)\w*|(?:Varianzen|Kovarianzen|Kovarianzmatrizen) (?:sind )?(?:alle )?gleich|(?:co)?varianzas (?:son |sean )?(?:todas )?iguales|(?:co)?varianza (?:común|compartida)|(?:la )?misma (?:co)?varianza|même (?:co)?variance|stessa (?:co)?varianza|mesma (?:co)?variância|(?:co)?variances (?:sont |soient )?(?:toutes )?égales|(?:co)?variance (?:commune|partagée)|(?:co)?varianze (?:sono |siano )?(?:tutte )?uguali|(?:co)?varianza (?:comune|condivisa)|(?:co)?variâncias (?:são |sejam )?(?:todas )?iguais|(?:co)?variância (?:comum|compartilhada))(?!${WORD_CHAR})`, String.raw`(?:协)?方差(?:都|均)?(?:相同|相等)|共享(?:的|同一个|同一)?(?:协)?方差|相同的(?:协)?方差|同一(?:个)?(?:协)?方差|(?<![а-яёА-ЯЁ])(?:равн[а-яё]* дисперси[а-яё]*|дисперси[а-яё]* (?:все )?равн[а-яё]*(?! единиц)|одинаков[а-яё]* дисперси[а-яё]*)|(?:共)?分散(?:行列)?が(?:すべて|全て)?等しい|(?:공)?분산(?:이|은)? (?:모두 )?(?:같|동일)`);

/** Words of a sentence that assumes what it says of every component (proseValues). */
const ASSUMING = new RegExp(String.raw`\b(?:assum\w*|suppos\w*|let|known|fix(?:ed)?|given|angenommen|annehmen|nehmen wir an|vorausgesetzt|seien|supongamos|suponemos|suponiendo|asumimos|asumiendo|supposons|supposant|on suppose|supponiamo|supponendo|assumiamo|suponha|suponhamos|supomos|supondo|assumimos)(?!${WORD_CHAR})|假设|假定|(?<![а-яёА-ЯЁ])(?:пусть|предположим|положим|допустим|считаем)(?![а-яё])|\b(?:załóżmy|zakładamy|niech|przyjmijmy|varsayalım|varsayalim|olsun|giả sử|giả định)(?!${WORD_CHAR}|[ıəğşçöüạ-ỹ])|仮定|とする|가정|하자`, 'i');
/** Where the first displayed formula after `at` ends (`$$…$$`, `\[…\]`), or the text's end. */
function firstDisplayEnd(text: string, at: number): number {
  // (From `at` without copying the rest of the text: the case words may be many in a long note.)
  const dollars = text.indexOf('$$', at), bracket = text.indexOf('\\[', at);
  if (dollars < 0 && bracket < 0) return text.length;
  const [open, close] = dollars >= 0 && (bracket < 0 || dollars < bracket) ? [dollars, '$$'] : [bracket, '\\]'];
  const end = text.indexOf(close, open + 2);
  return end < 0 ? text.length : end + close.length;
}

/**
 * A sentence (or a heading) that opens with the case it takes ("With identity covariances and equal weights, $…$",
 * "For equal weights, …", "If all components have equal weights, …", "Now with unit variances", "## With equal weights",
 * "Mit gleichen Varianzen …", "Si tous les poids sont égaux", "若假设等权重"), after a label ("Remark: With …").
 */
const CASE_OPENS = new RegExp(String.raw`^[.\s>*#-]*(?:${WORD_CHAR}{2,24}\s*:\s*)?(?:(?:now|then|so|here|next|and|but|again)(?!${WORD_CHAR}),?\s+)?(?:(?:with|for|under|taking|using|if|when|whenever|in the case of|consider|special case|mit|bei|für|unter|wenn|falls|im Falle?|con|si|cuando|para|bajo|en el caso de|avec|quand|pour|sous|dans le cas de|se|quando|per|nel caso di|com|sob|no caso de|przy|jeśli|jeżeli|gdy|dla|eğer|với|khi|nếu)(?!${WORD_CHAR})|(?:при|если|когда|для)(?![а-яё])|若|如果|当|在)`, 'i');
/** A clause that makes what follows it a case: "the priors cancel if all components have equal weights". */
const CASE_CLAUSE = new RegExp(String.raw`(?:\b(?:if|when|whenever|wenn|falls|si|cuando|quand|se|quando|jeśli|gdy|khi|nếu)(?!${WORD_CHAR})|(?:при|если|когда)(?![а-яё])|若|如果|当)[^.;:,$。；：，]{0,40}$`, 'i');
/** The full stops of abbreviations inside a sentence ("i.e.", "e.g.", "c.-à-d.", "d.h.", "z.B."). */
const ABBREVIATION_STOPS = /\b(?:i\.\s?e|e\.\s?g|cf|viz|resp|d\.\s?h|z\.\s?B|bzw|c\.-à-d|p\.\s?ex|p\.\s?ej|ou seja|i\.\s?d\.\s?R)\./gi;
/** A heading that is a case: an opener or "case of" and the words, nothing else ("## With equal weights", "### Cas des poids égaux"). */
const CASE_HEADING = new RegExp(String.raw`^\s{0,3}#{1,6}\s+(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:with|for|under|if|when|assuming|mit|bei|für|con|para|avec|pour|com|per|(?:the\s+)?(?:special\s+)?case\s+(?:of\s+)?|cas\s+d(?:es|e|u)\s+|caso\s+(?:de|di|dos|das|del)\s+|Fall\s+)\s*)?(?:all\s+|the\s+)?$`, 'i');
/**
 * Words after a case that leave it ("…, but the general log-density", "; after fitting the weights", "now for general mixing
 * weights", "with a separate variance for each component", "each component has its own variance").
 */
const CASE_GIVEN_UP = /;|\bbut\b|\bhowever\b|\bgeneral\b|\barbitrary\b|\bput back\b|\bfitted\b|\bafter (?:fitting|the first|one|an?)\b|\binstead\b|\bback to\b|\bin general\b|\ballgemein|\bgeneral(?:es)?\b|\bgénéra(?:l|ux)\b|\bgenerici?\b|\bgerais?\b|\bown\b|\bseparate\b|\bindividual\b|\bper[- ]component\b|\beigene[nmrs]?\b|\bpropi[ao]s?\b|\bsuy[ao]s?\b|\bpropres?\b|\bpropri[ae]\b|\bpróprias?\b|\bpróprios?\b|\bM-?step\b|\bmoved?\b|\bonce\b|\baway from\b|\b(?:sua|seu|su|sa|son|seine|ihre) (?:própria |propia |propre |eigene )?(?:co)?vari[aâ]n|一般|任意|自己的|各自|分别/i;
/** A sentence that gives the weights or the variances back their general values (the end of an assumed case). */
const CASE_DROPPED = new RegExp(String.raw`(?:\barbitrary|\bany\b|произвольн|любы|dowoln|keyfi|tùy ý|任意|임의)[^.。]{0,40}(?:weights|variances|covariances|вес|дисперс|wag|wariancj|ağırlık|varyans|trọng số|phương sai|重み|混合係数|分散|가중치|분산)|(?:weights|variances|covariances|вес|дисперс|wag|wariancj|ağırlık|varyans|trọng số|phương sai|重み|混合係数|分散|가중치|분산)[^.。]{0,40}(?:\barbitrary|произвольн|любы|dowoln|keyfi|tùy ý|任意|임의)`, 'i');
/** Words that take a case for a while only ("at first", "in the first iteration", "initially"): not the rest of the note. */
const FOR_A_WHILE = /\bat first\b|\bfirst iteration\b|\binitial(?:ly|isation|ization)?\b|\bat the (?:start|beginning)\b|\bfor now\b|\bzunächst\b|\bam Anfang\b|\bStart\b|\bprimera iteración\b|\bal principio\b|\binicialmente\b|\binicializaç|\bno início\b|\ball'inizio\b|\binizialmente\b|\bau début\b|\bd'abord\b|\binitialement\b|起初|一开始|初始/i;
/**
 * Case words said of another model than the note's mixture ("k-means assumes equal variances", "LDA's shared covariance", "the
 * prior variances are all the same"). (Not "the priors cancel": a mixture's weights are its priors.)
 */
const OTHER_MODEL = /\bk-?(?:means|moyennes|medias|médias|medie)\b|\b(?:LDA|QDA|GDA)\b|\bdiscriminant\b|\bprior (?:co)?variances?\b|\b(?:co)?variances? of the priors?\b|先验方差/i;
/** A comparison, not a case: "the variances are the same as in the previous iteration", "gleich wie", "igual que", "même que". */
const SAME_AS = /\bsame as\b|\bgleich wie\b|\biguale?s? (?:que|a)\b|\bmêmes? que\b|\buguali? a\b|\biguais? a\b/i;
/** A case the sentence only imagines or faults ("If we had used equal weights", "as if", "a common mistake", "too restrictive"). */
const CASE_NOT_TAKEN = /\bhad (?:used|assumed|taken|chosen)\b|\bas if\b|\bmistake|\bslip\b|\bwrong|\bincorrect|\berror|\bthink again\b|\blacks?\b|\bfail|\btoo restrictive\b|\bcompar(?:e|ed|ing)\b|\bexcept\b|\bunless\b|\brather than\b|\bunavailable\b|\bnot available\b|\bdoes(?: not|n't) apply\b|\bclaims?\b|\bsomeone\b|\btextbooks?\b|\bexercise\b|\?/i;
/** The case words said of the data, not of the components (proseValues). */
const OF_THE_DATA = /\b(?:data|dataset|data set|points?|features?|observations|samples?|standardi[sz]\w*|normali[sz]\w*|whiten\w*|unweighted)\b|Daten|datos|données|dati|dados|Stichprobe|muestra|échantillon|amostra|campione|\bdane\b|\bdanych\b|\bveri|dữ liệu|данн[а-яё]*|データ|데이터|数据|样本/i;
/** "which is only valid when all variances are equal": the sentence says a step needs the case, not that the note takes it. */
const ONLY_WHEN = /\bonly\b[^.]{0,30}\b(?:when|if|for|under|with)\b|\b(?:requires?|needs?|assumes? wrongly|mistakenly)\b/i;
/** A heading's whole line with its line break (proseValues: a sentence under it starts after it). */
const HEADING_LINE = /^[ \t]{0,3}#{1,6}[ \t][^\n]*\n/gm;
/**
 * Negations of the languages whose sentences put them anywhere (Russian, Polish, Turkish, Vietnamese, Japanese, Korean),
 * looked for next to the case words only ("не при равных весах", "가중치가 같지 않"): elsewhere in the sentence they deny
 * something else ("… от весов не зависят").
 */
const DENYING_NEAR = new RegExp(String.raw`(?<![а-яёА-ЯЁ])(?:не|нет|без|различн[а-яё]*|разн[а-яё]*)(?![а-яё])|нельзя|кроме|\b(?:nie|bez|różn\w*|z wyjątkiem|değil\w*|olma\w*|farklı|hariç|không|khác|chẳng|trừ khi)|ない|ません|異な|違う|除き|除いて|以外|않|아니|다른|다르|말자|말고|못|제외`, 'i');
/** Words of a sentence that denies it (proseValues). */
const DENYING = new RegExp(String.raw`\b(?:not|no|nor|never|without|unlike|instead of|nicht|kein\w*|ohne|ungleich|sin|distint\w*|diferentes|pas|sans|non|senza|divers[ie]|não|sem)(?!${WORD_CHAR})|n't(?!${WORD_CHAR})|不同|不相|没有|并非`, 'i');

/** 𝒩(x_n | μ_k, ·): a Gaussian of a data point with a component's mean (not a standard normal aside, not a prior on μ_k). */
function componentDensity(n: Node, ctx: NoteContext): n is ApplyNode & { given: Node[] } {
  if (n.kind !== 'apply' || n.fn.name !== 'N' || n.fn.sub || n.given?.length !== 2 || n.args.length !== 1) return false;
  const x = n.args[0]!, m = n.given[0]!;
  return x.kind === 'sym' && classifySymbol(x, ctx).kind === 'data' && m.kind === 'sym' && !!m.sub && classifySymbol(m, ctx).kind === 'mean';
}

/** Parameters of the model a supposition may set (supposition). */
const SUPPOSED_KINDS = new Set<string>(['weight', 'mean', 'std', 'var', 'cov', 'precision']);

/** A quantity written bare: `\sigma_1`, `\sigma_1^2`, `-m` (its symbol), or null. */
function bareParameter(n: Node): SymNode | null {
  const m = n.kind === 'neg' ? n.body : n;
  const s = m.kind === 'sym' ? m : m.kind === 'pow' && m.base.kind === 'sym' && m.exp.kind === 'num' && m.exp.value === 2 ? m.base : null;
  return s && !s.decor && !s.accent && !s.primes ? s : null;
}

/** Words before a formula that make it a result, not a supposition: "gives", "we get", "hence", "setting … to zero". */
const RESULT_BEFORE = /\b(?:gives?|giving|get|gets|obtain|obtains|yields?|hence|thus|therefore|so|implies|setting|solving|leads? to|results? in)\b[^.$]{0,60}(?:\$\$?|\\\(|\\\[|\\begin\{[a-z]+\*?\})\s*$/i;

/**
 * Is `a = b` one model parameter set equal to another quantity written bare: another component's (σ_1² = σ_2²),
 * a data point (μ_j = x_m), or a letter of the note's own (μ_1 = m, μ_2 = −m)? Not decorated values (updates,
 * estimates) and not the same symbol on both sides.
 */
function supposition(a: Node, b: Node, ctx: NoteContext): boolean {
  const x = bareParameter(a), y = bareParameter(b);
  if (!x || !y || symbolKey(x) === symbolKey(y) || ctx.defs.has(symbolKey(x)) || ctx.defs.has(symbolKey(y))) return false;
  // (σ_k², a standard deviation squared, is a variance: "with $s = \sigma_k^2$" sets a variance to a variance.)
  const kind = (n: Node, s: SymNode): string => { const k = classifySymbol(s, ctx).kind; return k === 'std' && n !== s && (n.kind === 'pow' || (n.kind === 'neg' && n.body.kind === 'pow')) ? 'var' : k; };
  const kx = kind(a, x), ky = kind(b, y);
  const other = (k: string) => SUPPOSED_KINDS.has(k) || k === 'data' || k === 'unknown';
  // (Two parameters only of one kind, a tie: `\Lambda_k = \sigma_k^2` relates two quantities, and is judged.)
  if (SUPPOSED_KINDS.has(kx) && SUPPOSED_KINDS.has(ky)) return kx === ky;
  return (SUPPOSED_KINDS.has(kx) && other(ky)) || (SUPPOSED_KINDS.has(ky) && other(kx));
}

/** A symbol of the model standing alone (π_1, K, p(x|θ), μ_1): the side of an example assignment. */
function isBareQuantity(n: Node): boolean {
  if (n.kind === 'sym') return true;
  if (n.kind === 'pow') return n.base.kind === 'sym';
  if (n.kind === 'apply') return n.fn.name === 'p' || n.fn.name === 'N';
  return false;
}

/**
 * What a supposition `a = b` of two components' parameters of one kind puts in for every component (K = 2: the
 * note's μ_1 = μ_2 is every mean the first's), or null (a parameter set to a data point or a letter of the note's).
 */
function tieOf(a: Node, b: Node, ctx: NoteContext): EveryComponent | null {
  const x = bareParameter(a), y = bareParameter(b);
  if (!x || !y || x.sub?.kind !== 'num' || y.sub?.kind !== 'num' || ctx.K !== 2) return null;
  const kx = classifySymbol(x, ctx).kind, ky = classifySymbol(y, ctx).kind;
  if (kx !== ky) return null;
  return kx === 'mean' ? { tieMu: true } : ['std', 'var', 'cov', 'precision'].includes(kx) ? { tieSpread: true } : kx === 'weight' ? { pi: 'K' } : null;
}

/** Why a bare π beside vectors is not evaluated (weightVectorUse). */
const WEIGHT_VECTOR = 'π here may be the vector of the weights (π₁, …, π_K), which the checker does not read as a vector';

/**
 * Does the expression use a bare π as a vector: multiplied by a transposed or bold factor or a matrix letter (`\mathbf{1}^\top \pi`,
 * `P\pi`, `\pi^\top x`), or alone inside a log or exp? (Not `2\pi\Sigma_k`, `\det(2\pi\Sigma)`: the number beside a covariance.)
 */
function weightVectorUse(n: Node): boolean {
  const barePi = (m: Node): boolean => {
    while (m.kind === 'group' || m.kind === 'transpose') m = m.body;
    return m.kind === 'sym' && m.name === 'pi' && !m.sub && !m.decor && !m.accent && (m.font === null || m.font === 'bold');
  };
  const vectorLike = (m: Node): boolean => {
    while (m.kind === 'group') m = m.body;
    if (m.kind === 'transpose') return true;
    if (m.kind !== 'sym' || m.sub?.kind === 'sym') return false;
    // (Not the identity in any font: `|2\pi\sigma_k^2 \mathbf{I}|` is the number beside it.)
    if (m.name === 'I') return false;
    if (/^[A-Z]$/.test(m.name) && !m.sub && !['K', 'N', 'D', 'M', 'T'].includes(m.name)) return true;
    return m.font === 'bold' && !/^[A-Z][a-z]+$/.test(m.name);
  };
  let found = false;
  // `\log \pi` alone: the weights' vector only beside other vectors (`\log \pi + X^	op …`), not `-	frac12 \log \pi`
  // of a 1-D normaliser.
  let logOfPi = false, vectors = false;
  walk(n, (m) => {
    if (found) return;
    if (m.kind === 'transpose' && barePi(m.body)) found = true;
    else if (m.kind === 'func' && ['log', 'ln', 'exp'].includes(m.name) && barePi(m.arg)) logOfPi = true;
    else if (m.kind === 'mul') {
      const fs = operands(m, 'mul');
      if (fs.some(barePi) && fs.some((f) => !barePi(f) && vectorLike(f))) found = true;
    }
    if (!vectors && !barePi(m) && vectorLike(m)) vectors = true;
  });
  return found || (logOfPi && vectors);
}

/** A model parameter standing alone, with no index or a number for it (σ, σ², μ_1, π_2; not σ_k, a case of every component). */
function isBareParameter(n: Node, ctx: NoteContext): boolean {
  const b = n.kind === 'pow' ? n.base : n;
  return b.kind === 'sym' && !b.decor && (!b.sub || b.sub.kind === 'num') && ['weight', 'mean', 'std', 'var', 'cov', 'precision'].includes(classifySymbol(b, ctx).kind);
}

function hasNonTrivialNumber(n: Node): boolean {
  let found = false;
  const visit = (m: Node): void => {
    if (m.kind === 'num' && m.value !== 0 && m.value !== 1) found = true;
    if (m.kind === 'div') found = true;
    for (const c of children(m)) visit(c);
  };
  visit(n);
  return found;
}

/** A mixture written with concrete numbers for its parameters: 0.5𝒩(x | −2, 0.5) + … */
function isNumericModel(n: Node): boolean {
  let numericDensity = false;
  let params = false;
  const visit = (m: Node): void => {
    if (m.kind === 'apply' && m.fn.name === 'N' && m.given) {
      if (m.given.every((g) => g.kind === 'num' || (g.kind === 'neg' && g.body.kind === 'num'))) numericDensity = true;
    }
    if (m.kind === 'sym' && ['pi', 'mu', 'sigma', 'Sigma'].includes(m.name) && m.sub) params = true;
    for (const c of children(m)) visit(c);
  };
  visit(n);
  return numericDensity && !params;
}

type UpdateKind = 'mean' | 'cov' | 'weight';

/**
 * Are the chain's sides before side `j` all names of parameters (Σ_k, its inverse Λ_k⁻¹, σ_k², 1/β_k; the
 * shapes updateKind reads), so that side j's expression is an update as much as after the first name alone?
 */
function namesBefore(chain: Chain, j: number, ctx: NoteContext, alias: (n: Node) => Node): boolean {
  for (let i = 0; i < j; i++) {
    const side = chain.sides[i]!;
    if (!side.ok) return false;
    // (A parameter, or an expression of it alone: σ_k², 1/σ_k², √v_k after v_k = σ_k².)
    const n = soleParameterShape(alias(side.node));
    if (!n?.sub || !PARAMETER_KINDS.has(classifySymbol({ ...n, decor: null }, ctx).kind)) return false;
  }
  return true;
}

/** `\Sigma_k = \Sigma` (either way round): one letter with a component's index, and without it. */
function tieStatement(a: Node, b: Node): boolean {
  const base = (n: Node): Node => (n.kind === 'pow' ? n.base : n);
  const x = base(a), y = base(b);
  if (x.kind !== 'sym' || y.kind !== 'sym' || x.name !== y.name || !!x.sub === !!y.sub || x.decor || y.decor) return false;
  return a.kind !== 'pow' || (b.kind === 'pow' && shapeKey(a.exp) === shapeKey(b.exp));
}

/** What a definition keeps of its body's compile flags (noteDefinitionUse brings them into each use). */
function definitionFlags(f: CompileFlags): Pick<Definition, 'mentionsLambda' | 'usesModel' | 'usesResp' | 'usesData' | 'usesAssignments' | 'genericMean' | 'abstractFns' | 'freeLetters'> {
  return {
    mentionsLambda: f.usesLambda, usesModel: f.usesModel, usesResp: f.usesResp, usesData: f.usesData, usesAssignments: f.usesAssignments,
    ...(f.genericMean ? { genericMean: f.genericMean } : {}), abstractFns: [...f.abstractFns], freeLetters: [...f.freeLetters],
  };
}

/** A side of the step is about the spread a tied model's components share (CompileFlags.tiedSpread). */
function usesTied(lhs: CompiledSide, rhs: CompiledSide): boolean {
  return !!(lhs.scope.flags.tiedSpread || rhs.scope.flags.tiedSpread);
}

/** The letter, without an index, is the spread a tied model's components share (SymbolReading.shared). */
function sharedSpread(s: SymNode, ctx: NoteContext): boolean {
  const read = symbolReading(ctx.reading, { ...s, decor: null }, 0);
  return !!read && read !== 'ambiguous' && read.shared !== undefined;
}

/** `\mu_k^{new} = …`, or a bare parameter set equal to an expression of the data: an EM M-step claim. */
function updateKind(lhs: Node, rhs: Node, rhsFlags: CompileFlags, ctx: NoteContext, assigned = false): UpdateKind | null {
  let sym: SymNode | null = null;
  // 1/β_k, β_k^{-1}: the inverse of a precision, the variance it stands for (setting ∂/∂β_k to zero).
  let inverted = false;
  if (lhs.kind === 'sym') sym = lhs;
  else if (lhs.kind === 'pow' && lhs.base.kind === 'sym' && lhs.exp.kind === 'num' && lhs.exp.value === 2) sym = lhs.base;
  else if (lhs.kind === 'div' && lhs.a.kind === 'num' && lhs.a.value === 1 && lhs.b.kind === 'sym') { sym = lhs.b; inverted = true; }
  else if (lhs.kind === 'pow' && lhs.base.kind === 'sym' && lhs.exp.kind === 'neg' && lhs.exp.body.kind === 'num' && lhs.exp.body.value === 1) { sym = lhs.base; inverted = true; }
  // (Any other expression of one parameter alone, `\sigma_k^{-2}`, `2\sigma_k^2`, `\sqrt{\sigma_k^2}` (a name of the note's
  // put in, parameterAlias): the update of that parameter, its new value put in for it.)
  else sym = soleParameterShape(lhs);
  // (A tied model's shared spread has no index: `\Sigma^{new} = \frac{1}{N} \sum_k \sum_n …` is its update.)
  if (!sym || (!sym.sub && !(ctx.tied && sharedSpread(sym, ctx)))) return null;
  // `\pi_k = \pi_k \cdot 1`: the parameter on both sides is an identity, not an update; assigned (`\mu_k \leftarrow \mu_k +
  // \frac{1}{N_k} \sum_i \gamma_{ik}(x_i - \mu_k)`), its new value from the current one.
  if (!sym.decor && !assigned && mentionsSymbol(rhs, sym)) return null;
  const m = classifySymbol(sym, ctx).kind;
  if (!sym.decor && !rhsFlags.usesModel) return null;
  // μ_k^{(t)} = … is an M-step only if it is computed from the E-step's numbers or the data;
  // π_k^{(t-1)} = P(Z_i = k ; θ^{(t-1)}) just names the current weight.
  const role = decorRole(sym.decor, ctx);
  // …and a plain σ_k = e^{s_k} (after s_k = log σ_k) only renames the parameter: an M-step reads
  // the data or the E-step's numbers.
  if (role !== 'update' && !rhsFlags.usesResp && !rhsFlags.usesData && !rhsFlags.usesAssignments) return null;
  // Σ_k^{-1} = (…)^{-1}, 1/σ_k² = …: the inverse of the new covariance; Λ_k = (…)^{-1}: the new precision.
  if (inverted) return m === 'precision' || m === 'cov' || m === 'var' ? 'cov' : null;
  if (m === 'mean') return 'mean';
  if (m === 'cov' || m === 'std' || m === 'var' || m === 'precision') return 'cov';
  if (m === 'weight') return 'weight';
  return null;
}

/**
 * The sentence before a formula sets something to zero or speaks of the optimum: "Setting (2) to zero and
 * multiplying by 2Σ_k gives $…$", "at the maximum, $…$". What follows may hold there only (checkLinkAsWritten).
 */
const SET_TO_ZERO_BEFORE = /\b(?:setting|set|equating|equate)\b[^.]{0,80}\b(?:to (?:zero|0)|equal to zero|= ?0)\b[^.]{0,100}(?:\$|\\\(|\\\[|\\begin\{[a-z]+\*?\})\s*$|\bat (?:the|a|an) (?:optimum|maximum|maximi[sz]er|stationary point|critical point|fixed point)\b[^.]{0,60}(?:\$|\\\(|\\\[|\\begin\{[a-z]+\*?\})\s*$/iu;

/**
 * "Setting the derivative to zero" as notes in other languages say it, before the formula (SET_TO_ZERO_BEFORE's
 * English): Russian, Portuguese, Spanish, Italian, French, German, Polish, Turkish, Vietnamese, Japanese, Korean, Chinese.
 */
const SET_TO_ZERO_ELSEWHERE = /(?:приравн[^.]{0,60}(?:нул|= ?0)|полагая[^.]{0,60}(?:нул|= ?0)|igualando[^.]{0,60}(?:zero|cero|= ?0)|fazendo[^.]{0,60}igual a zero|haciendo[^.]{0,60}igual a cero|ponendo[^.]{0,60}(?:zero|= ?0)|uguagliando[^.]{0,60}(?:zero|= ?0)|annulant|en posant[^.]{0,60}(?:= ?0|z[ée]ro)|nullsetz|null setz|gleich (?:null|0)|przyr[oó]wnuj[^.]{0,60}(?:zera|= ?0)|s[ıi]f[ıi]ra e[şs]it|b[aằ]ng (?:0|kh[oô]ng)|[0０]\s*(?:と|に)(?:お|置)|[0０]으로 (?:놓|두)|[0０]이라고? 놓|令[^。.]{0,40}(?:为零|为0|等于零|等于0|= ?0)|(?:导数|偏导)[^。.]{0,10}为零)[^.]{0,120}(?:\$|\\\(|\\\[|\\begin\{[a-z]+\*?\})\s*$/iu;

/**
 * "Setting the gradient to zero gives $\Lambda_k^{-1} = S_k/N_k$. Plugging back in:" before a formula: the sentence before
 * it puts back a result the sentence before that found at the optimum (set to zero, at the optimum), ending with it.
 */
function substitutedBack(before: string, chainText: string): boolean {
  const back = BACK_SUBSTITUTED.exec(before);
  if (!back) return false;
  // The sentence before, up to the opening of a formula in it (`…gives $`), as the rules above read the text before a
  // formula: "Setting this to zero gives $\Lambda_k^{-1} = S_k/N_k$, i.e. the usual update."
  const prev = before.slice(0, back.index + 1);
  let start = 0;
  for (const m of prev.slice(0, -1).matchAll(/[.!?]\s|\n\s*\n/g)) start = m.index + m[0].length;
  // (And the step puts back what was found: one of its parameters, Λ_k in `\operatorname{tr}(\Lambda_k S_k)` after `\Lambda_k^{-1} = …`;
  // not a step about μ_k after the weights' λπ_k = N_k.)
  // (Only those: `\sum_n \gamma_{nk}(x_n - \mu_k)^2 = … - N\pi_k\mu_k^2` after π_k = N_k/N needs μ_k's optimum too, which
  // the text has not found; EM's fixed points, where the step is tried, have it.)
  const found = new Set([...prev.slice(start).matchAll(PARAMETER_COMMAND)].map((m) => m[0]));
  const used = new Set([...chainText.matchAll(PARAMETER_COMMAND)].map((m) => m[0]));
  if (![...used].some((c) => found.has(c)) || [...used].some((c) => !found.has(c))) return false;
  for (let open = prev.indexOf('$', start); open >= 0; open = prev.indexOf('$', prev.indexOf('$', open + 1) + 1)) {
    if (setToZeroBefore(prev.slice(start, open + 1))) return true;
    if (prev.indexOf('$', open + 1) < 0) break;
  }
  return false;
}
/** The letters of the model's parameters as notes write them (substitutedBack). */
const PARAMETER_COMMAND = /\\(?:mu|Sigma|sigma|pi|Lambda|lambda|alpha|phi|theta|tau|omega|rho|beta|eta)(?![A-Za-z])/g;
/** "Plugging this back in:", "Substituting back,", "Inserting it back into ℓ:" opening the sentence that ends at a formula. */
const BACK_SUBSTITUTED = /[.;]\s+(?:Plugging|Substituting|Inserting|Putting)\s+(?:(?:this|these|it|them|that|the (?:result|solution|optimum|estimates?|updates?))\s+)?back(?:\s+(?:in|into)\b[^.$]{0,40})?\s*[:,]?\s*(?:\$\$?|\\\(|\\\[|\\begin\{[a-z]+\*?\})\s*$/;

/** The text before a formula says a derivative was set to zero (in English or another language). */
function setToZeroBefore(before: string): boolean {
  return SET_TO_ZERO_BEFORE.test(before) || SET_TO_ZERO_ELSEWHERE.test(before);
}

/**
 * The text before a formula as the rules that read it (SET_TO_ZERO_BEFORE, OPTIMUM_BEFORE) see it: an arrow that
 * opens the formula (`Setting it to zero \(\implies \sum_i … = …\)`) belongs to the sentence, not to the claim.
 */
/** Words of a sentence that chooses values (starting values, an example's): "we start from", "initialise with", "take". */
const CHOSEN_VALUES = /\b(?:start(?:s|ing)?|initial(?:ly|i[sz]ed?|i[sz]ing|i[sz]ation)?|init|begin|guess|examples?|e\.g|suppose|assume|let|take|choose|chose|pick|set|fix|use|toy)\b/i;

/** `p_{tl} \in \{0,1\}`: responsibilities said to be 0 or 1, a hard assignment in any language. */
const ZERO_ONE_SET = /\\in\s*\\\{\s*0\s*,\s*1\s*\\\}/;

/** "the farthest mean": responsibilities set to 0 or 1 the other way round, a slip, not a hard assignment. */
const FARTHEST = /\b(?:farthest|furthest)\b/i;

/** A shape error's reason, without its lead words and final stop, to go inside a message's brackets. */
function shapeReason(error: string): string {
  return error.replace(/^The shapes do not fit: /, '').replace(/\.$/, '');
}

/** Words around responsibilities set to 0 or 1 that make it a hard assignment ("assigned to the closest", "the closest mean", argmin; not "the point closest to μ_k"). */
const HARD_ASSIGNMENT = /\bhard\b|\bassign\w*\b[^.]{0,40}\b(?:closest|nearest)\b|\b(?:closest|nearest) (?:mean|centroid|centre|center|component|cluster)s?\b|\barg ?min\b|operatorname\*?\{arg ?min|\bk-means\b/i;
/** Words around responsibilities set to a number that make them starting values ("initially", "we initialise", "start with"; not "the initial parameters … give"). */
const STARTING = /\binitiali[sz]\w*|\binitially\b|\binitial (?:responsibilit\w*|values?|guess\w*|counts?)\b|\bstart(?:ing)? (?:with|values?|responsibilit\w*|guess\w*)\b|\bto start\b|\bat the start\b/i;

/** Words of a sentence around a tie that set it aside or use it only to start from (ClaimBuilder.suppose). */
const TIE_AS_START = /\b(?:initiali[sz]\w*|init|start(?:s|ing|ed)? (?:from|at)|starting (?:point|values?|guess))\b[^.!?]*$/i;
/** …or say the tied parameters differ, after it: "so we assume they differ", "the means are distinct", "μ_1 ≠ μ_2". */
const TIE_DENIED = /^[^.!?]*?\b(?:(?:they|these|the (?:two )?(?:means|variances|covariances|components|parameters)|both)\s+(?:are\s+|must\s+be\s+)?(?:differ\w*|distinct|different)(?!\s+only)|perturb\w*|break\w* (?:the )?symmetry)\b/i;

/**
 * Does the sentence around a tie set it aside (ClaimBuilder.suppose)? A start value before it ("we initialise with
 * μ_1 = μ_2"), or after it words that the tied parameters differ ("so we assume they differ", "plus a perturbation",
 * `\mu_1 \neq \mu_2`). Not words about something else ("and only the weights differ", "while π ≠ ½").
 */
function tieSetAside(text: string, span: { start: number; end: number }): boolean {
  if (TIE_AS_START.test(sentenceBefore(text, span.start))) return true;
  if (TIE_DENIED.test(sentenceAfter(text, span.end))) return true;
  const around = sentenceAround(text, span.start, span.end);
  // `\mu_1 \neq \mu_2` of the tie's own letter.
  const letter = /\\[a-zA-Z]+|[a-zA-Z]/.exec(text.slice(span.start, span.end))?.[0];
  if (!letter) return false;
  const escaped = letter.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  return new RegExp(`${escaped}\\s*_\\s*\\{?\\s*\\w+\\s*\\}?\\s*(?:\\\\neq?\\b|≠)`).test(around);
}

/**
 * Does the sentence only imagine the case stated by the formula at `at`: "If all covariances were spherical, $…$",
 * "Spherical ones, $…$, would make the inverse trivial" (not "…, which would leave one parameter", "since otherwise …
 * would need")?
 */
function imaginedCase(text: string, at: number): boolean {
  if (/\b(?:if|were)\b/i.test(sentenceBefore(text, at))) return true;
  const close = text.indexOf('$', at);
  const after = close < 0 ? '' : text.slice(close + 1, close + 80).replace(/^\$/, '');
  return /^\s*,?\s*(?:would|were)\b/i.test(after);
}

/** The sentence around `start`…`end`: from the sentence before it (sentenceBefore) to the one after it (sentenceAfter). */
function sentenceAround(text: string, start: number, end: number): string {
  return `${sentenceBefore(text, start)}${text.slice(start, end)}${sentenceAfter(text, end)}`;
}

/** The rest of the sentence after `end`: to the next full stop or blank line, at most 240 characters on. */
function sentenceAfter(text: string, end: number): string {
  const after = text.slice(end, end + 240);
  const stop = after.search(/[.!?](?:\s|$)|\n\s*\n/);
  return stop < 0 ? after : after.slice(0, stop);
}

/** A sentence's end: a full stop, question or exclamation mark before a space, or a blank line. */
const SENTENCE_END = /[.!?]\s|\n\s*\n/g;

/** The sentence before `start` (at most 240 characters back, from a full stop or a blank line). */
function sentenceBefore(text: string, start: number): string {
  // (The display's opening and the blank line before it are not a sentence's end: "As starting values we take\n\n$$".)
  const before = text.slice(Math.max(0, start - 240), start).replace(/\s*(?:\$\$?|\\\[|\\\(|\\begin\{[a-zA-Z*]+\})?\s*$/, '');
  let cut = -1;
  for (const m of before.matchAll(SENTENCE_END)) cut = m.index;
  return cut < 0 ? before : before.slice(cut + 1);
}

function textBefore(text: string, start: number, length: number): string {
  return text.slice(Math.max(0, start - length), start).replace(/\\(?:implies|Rightarrow|Longrightarrow|therefore|iff|Leftrightarrow|Longleftrightarrow)\s*$/, '');
}

/** OPTIMUM_BEFORE, after a quick look for its words (most text has none, and the full pattern is slow to reject). */
function optimumBefore(text: string): boolean {
  return OPTIMUM_WORDS.test(text) && (OPTIMUM_BEFORE.test(text) || OPTIMUM_ELSEWHERE.test(text) || STATIONARY_NAMED.test(text));
}
/** "the stationary point $N_1/\pi_1 = N_2/(1 - \pi_1)$ is the maximum": the formula names the point, right after the words. */
const STATIONARY_NAMED = /\b(?:the|its) (?:stationary|critical) point,?\s*(?:\$|\\\(|\\\[)\s*$/i;
const OPTIMUM_WORDS = /optimal|solv|solution|convergence|MLE|optimum|maximum|maximi[sz]er|stationary|critical|fixed point|gradient|derivative|M-?step|plugging|substitut|inserting|putting|optimumda|оптимум|[óo]timo|ottimo|最適|최적|tối ưu/i;
/** "At the optimum" as notes in other languages say it, just before the formula. */
const OPTIMUM_ELSEWHERE = /(?:optimumda|(?<![\p{L}])w optimum|в (?:точке )?оптимум[еа]|no (?:ponto )?[óo]timo|en el [óo]ptimo|all'ottimo|nell'ottimo|im optimum|à l'optimum|au point optimal|最適(?:解|点)(?:で|において)|최적(?:점|해)에서|tại (?:điểm )?tối ưu)[^.]{0,80}(?:\$|\\\(|\\\[|\\begin\{[a-z]+\*?\})\s*$/iu;
/**
 * The sentence just before a formula (up to its opening: `$`, `$$`, `\[`, `\begin{aligned}`, the row break before it)
 * says the formula holds at the optimum, in words other than setting to zero: "for the optimal covariance we need
 * the bracket to vanish, $…$", "Solving for $\mu_k$: $$…$$", "At convergence of EM, $…$", "At a maximum of $J$ both
 * of the following hold: …", "the gradient vanishes, so $…$", "At the M-step mean, $…$", "Plugging $\Sigma_k = S_k/N_k$
 * back in, …" (a parameter set to its estimate; not a definition substituted, `$\gamma_{ik} = …$`, after which a step
 * holds everywhere), "Substituting the M-step covariance into …". Narrow on purpose (checkLinkAsWritten): the words of
 * every GMM note ("maximum likelihood", "we need", "optimal" alone, terms that vanish) say nothing of the sort.
 */
const OPTIMUM_BEFORE = /(?:\boptimal\b[^.$]{0,40}\b(?:we need|must|requires?|satisf(?:y|ies))|\bsolv(?:e|es|ing) for \$[^$]{1,40}\$\s*[:,]?|\bat (?:convergence|the MLE|(?:the|a|an) (?:optimum|maximum|maximi[sz]er|stationary point|critical point|fixed point|(?:optimal|ML|maximum[- ]likelihood) solution))\b|\bwith the optimal (?:parameters|values|solution|estimates)\b|\b(?:gradient|derivative)s? (?:vanish(?:es)?|(?:is|are) zero)\b|\bat the M-?step(?:'s)? (?:mean|means|covariance|covariances|estimates?|updates?|solution|values?)\b|\bwhen \$[^$]{1,40}\$ is the M-?step\b|\b(?:plugging|substituting|inserting|putting) (?:in )?(?:\$\s*(?:\\(?:boldsymbol|mathbf|bm|hat)\s*\{?\s*)*\\(?:Sigma|mu|pi|sigma|Lambda)[^$=]{0,24}=[^$]{1,60}\$|the M-?step(?:'s)? \w+) (?:back )?(?:in|into)\b)(?:[^.\n]|\n(?!\s*\n)){0,200}(?:\$|\\\(|\\begin\{[a-z]+\*?\}|\\\[|\\\\)\s*$/iu;

/**
 * How a judgement against a condition the note derived names it (solvesCondition): such a ✗ follows the
 * note's own condition, not the reference's maximum-likelihood M-step (proseQualifiers.ts keeps it).
 */
export const CONDITION_ON_LINE = 'the condition on line';

/** Quantities the checker computes from the instance, which a note may define in its own way (onRedefined). */
const REDEFINABLE = new Set<string>(['effcount', 'resp', 'loglik', 'likelihood', 'mixture']);

/**
 * `μ_k ← μ_k + η ∂ℓ/∂μ_k`, `μ_k^{(t+1)} = μ_k^{(t)} + η Σ_i …`, `Σ_k^{new} = Σ_k − H⁻¹ g`: a new value of a
 * parameter written as its current value plus (or minus) a step. Such a step of another iterative method
 * (gradient ascent, Newton's) fails when compared with EM's update or read as an identity. The new
 * value's symbol, or null. Written as an assignment (`←`, `\gets`, `:=`), the updated quantity may be any
 * (a logit `β_k ← β_k − η ∂J/∂β_k`, a log-standard deviation the note named, `θ ← θ + η ∇_θ ℓ`) and its
 * current value may stand anywhere in the step (`σ_k ← σ_k exp(−η ∂J/∂s_k)`): an assignment of a
 * quantity from its own value is never an identity.
 */
function iterationStep(lhs: Node, rhs: Node, ctx: NoteContext, assigned = false): SymNode | null {
  const sym = lhs.kind === 'sym' ? lhs : lhs.kind === 'pow' && lhs.base.kind === 'sym' ? lhs.base : null;
  const parameter = !!sym?.sub && PARAMETER_KINDS.has(classifySymbol({ ...sym, decor: null }, ctx).kind);
  if (!sym || (!assigned && !parameter)) return null;
  if (sym.decor && decorRole(sym.decor, ctx) !== 'update') return null;
  /** The current value of the updated quantity (as the left side writes it, or marked current). */
  const current = (n: Node): boolean => n.kind === 'sym' && n.name === sym.name && n.font === sym.font &&
    latexName({ ...n, decor: null }) === latexName({ ...sym, decor: null }) && (!n.decor || decorRole(n.decor, ctx) === 'current');
  let r = rhs;
  while (r.kind === 'group') r = r.body;
  let base: Node | null = null;
  if (r.kind === 'add' || r.kind === 'sub') {
    let first = r.a;
    while (first.kind === 'add' || first.kind === 'sub') first = first.a;
    while (first.kind === 'group') first = first.body;
    base = lhs.kind === 'pow' ? (first.kind === 'pow' ? first.base : null) : first;
  }
  if (!base || !current(base)) {
    // Assigned, the current value as a factor of the new one (σ_k ← σ_k exp(−η g), π_k ← (π_k/N) ∂ℓ/∂π_k); not one
    // inside a density or a sum (μ_k ← Σ_i π_k 𝒩(x_i | μ_k, σ_k²) x_i / (N p(x_i)) is an M-step written out).
    if (!assigned) return null;
    const factors = operands(r.kind === 'div' ? r.a : r, 'mul').flatMap((f) => (f.kind === 'div' ? operands(f.a, 'mul') : [f]));
    if (!factors.some((f) => current(f.kind === 'group' ? f.body : f))) return null;
  }
  // The step of gradient ascent or Newton's method, in any term after the current value: a derivative, or a step
  // size (η, a letter the note defines or leaves open). An EM update written as the current value plus a
  // correction made of the model's own quantities (μ_k + (1/N_k) Σ_i γ_ik (x_i − μ_k)) is still EM's, and checked as one.
  // Written as an assignment with a number for its step size (`μ_k ← μ_k + 0.05 Σ_i …`), gradient ascent's too.
  // (A quantity other than a parameter takes a step only along a derivative: `J := J + 0.5 \sum_k \mu_k^2`,
  // `\ell \gets \ell + \alpha \sum_k \log \pi_k` augment an objective, which then means that.)
  let stepLike = false;
  walk(r, (n) => {
    if (current(n)) return;
    if (n.kind === 'deriv') stepLike = true;
    else if (!parameter) return;
    else if (assigned && n.kind === 'num' && n.text.includes('.')) stepLike = true;
    else if (n.kind === 'sym' && !n.sub && !isIndexLetter(n.name, ctx)) {
      const kind = classifySymbol(n, ctx).kind;
      if (ctx.defs.has(symbolKey(n)) || kind === 'abstract' || kind === 'opaque' || kind === 'unknown') stepLike = true;
    }
  });
  return stepLike ? sym : null;
}

/**
 * Do the expressions write an indexed parameter's updated value (`\Sigma_k^{new}`, `\mu_k^{(t+1)}`), and one's current value
 * (`\mu_k`; beside an updated one, `\mu_k = \mu_k^{new}` or σ_k^{new} with μ_k, the current value where the new belongs)?
 */
function parameterRoles(nodes: Node[], ctx: NoteContext): { updated: boolean; current: boolean } {
  const roles = { updated: false, current: false };
  for (const n of nodes) {
    walk(n, (m) => {
      if (m.kind !== 'sym' || !m.sub || !PARAMETER_KINDS.has(classifySymbol({ ...m, decor: null }, ctx).kind)) return;
      const role = m.decor ? decorRole(m.decor, ctx) : 'plain';
      if (role === 'update') roles.updated = true;
      else if (role === 'plain' || role === 'current') roles.current = true;
    });
  }
  return roles;
}

function mentionsSymbol(n: Node, sym: SymNode): boolean {
  const key = symbolKey(sym);
  const sub = JSON.stringify(indexList(sym.sub).map((s) => (s.kind === 'sym' ? s.name : s.kind === 'num' ? s.value : '?')));
  let found = false;
  const visit = (m: Node): void => {
    if (found) return;
    if (m.kind === 'sym' && !m.decor && symbolKey(m) === key &&
        JSON.stringify(indexList(m.sub).map((s) => (s.kind === 'sym' ? s.name : s.kind === 'num' ? s.value : '?'))) === sub) found = true;
    for (const c of children(m)) visit(c);
  };
  visit(n);
  return found;
}

/** The left side of an update names the new value, whatever its superscript says (`μ_k^{(t)}` computed at step t). */
function withDecor(n: Node): Node {
  // (The parameter, or an expression of it alone (soleParameterShape: σ_k², 1/σ_k², √v_k): marked new wherever it is written.)
  return n.kind === 'sym' || soleParameterShape(n) ? mapSymbols(n, (s) => ({ ...s, decor: 'new' })) : n;
}

/**
 * The one symbol an expression is written in when it is built of that symbol, numbers, products, quotients, powers
 * with numbers for exponents, roots, signs and brackets only (`2\sigma_k^2`, `\sigma_k^{-2}`, `\sqrt{v_k}`,
 * `\frac{1}{(s_k)^2}`): a power of it times a number. Null for anything else (a sum, a function, two symbols).
 */
function soleParameterShape(n: Node): SymNode | null {
  let sym: SymNode | null = null;
  const visit = (m: Node): boolean => {
    switch (m.kind) {
      case 'num': return true;
      case 'sym':
        if (sym && (sym.name !== m.name || sym.font !== m.font || sym.decor !== m.decor || sym.accent !== m.accent || sym.primes !== m.primes || !sameIndices(sym.sub, m.sub))) return false;
        sym ??= m;
        return true;
      case 'mul': case 'div': return visit(m.a) && visit(m.b);
      // (`e^{s_k}` with s_k = log σ_k²: Euler's number raised to the name.)
      case 'pow': return constantOf(m.exp) !== null ? visit(m.base) : isEuler(m.base) && visit(m.exp);
      // (`\log \sigma_k^2`, `\exp(s_k)`: a logarithm or exponential of the parameter alone, one-to-one as powers are.)
      case 'func': return (m.name === 'log' || m.name === 'ln' || m.name === 'exp') && !m.base && visit(m.arg);
      case 'sqrt': return m.index === null && visit(m.body);
      case 'neg': return visit(m.body);
      case 'group': return m.delim === '(' || m.delim === '{' ? visit(m.body) : false;
      default: return false;
    }
  };
  return visit(n) ? sym : null;
}

/** Euler's number e as a power's base (`e^{s_k}`). */
function isEuler(n: Node): boolean {
  return n.kind === 'sym' && n.name === 'e' && !n.sub && !n.font && !n.decor && !n.accent && !n.primes;
}

/** The expression with every symbol of it mapped (over the shapes soleParameterShape accepts). */
function mapSymbols(n: Node, f: (s: SymNode) => Node): Node {
  switch (n.kind) {
    case 'sym': return f(n);
    case 'mul': case 'div': return { ...n, a: mapSymbols(n.a, f), b: mapSymbols(n.b, f) };
    case 'pow': return isEuler(n.base) && constantOf(n.exp) === null ? { ...n, exp: mapSymbols(n.exp, f) } : { ...n, base: mapSymbols(n.base, f) };
    case 'func': return { ...n, arg: mapSymbols(n.arg, f) };
    case 'sqrt': case 'neg': case 'group': return { ...n, body: mapSymbols(n.body, f) };
    default: return n;
  }
}

function updateWord(u: UpdateKind): string {
  return u === 'mean' ? 'mean update' : u === 'cov' ? 'covariance update (with the new mean)' : 'weight update';
}

function tidy(s: string): string {
  // The replace changes nothing without a run of spaces or a space other than ' ' (most sides): skipped then.
  return (/[^\S ]| {2}/.test(s) ? s.replace(/\s+/g, ' ') : s).trim();
}

/** A sentence from a clause: first letter capitalised. */
function sentence(clause: string): string {
  const t = clause.trim().replace(/[.:]$/, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/**
 * A failing claim's message, in the order a student acts on it: what is
 * wrong and how to fix it, where in the chain, then the evidence (the
 * values at a sample point). Math in Unicode, never LaTeX.
 */
function failMessage(lead: string | null, where: string, evidence: string): string {
  const parts = [lead ? `${sentence(lead)}.` : '', where ? `${sentence(where)}.` : '', evidence];
  return proseToUnicode(parts.filter(Boolean).join(' '));
}

/**
 * The largest component number of an expression written with numbered weights and numbers only (π_1 + π_2,
 * 1 − π_1): 0 when it writes anything else, -1 when it writes something other than weights and numbers.
 */
function weightsOnly(node: Node, ctx: NoteContext): number {
  let most = 0;
  walk(node, (n) => {
    if (most < 0 || n.kind !== 'sym') return;
    if (n.sub?.kind === 'num' && Number.isInteger(n.sub.value) && !n.decor && classifySymbol(n, ctx).kind === 'weight') most = Math.max(most, n.sub.value);
    else if (n !== node && isNumberedSub(n, node)) return;
    else most = -1;
  });
  return most;
}

/**
 * The largest component number of the parameters an expression writes (π_1, μ_2, σ_2²), when all of them are
 * numbered: 0 when it writes none, -1 when one has a letter for its component (π_k).
 */
function numberedComponents(node: Node, ctx: NoteContext): number {
  let most = 0;
  walk(node, (n) => {
    if (most < 0 || n.kind !== 'sym' || !n.sub || !PARAMETER_KINDS.has(classifySymbol({ ...n, decor: null }, ctx).kind)) return;
    most = n.sub.kind === 'num' ? Math.max(most, n.sub.value) : -1;
  });
  return most;
}

/** A Gaussian written with a number for one of its parameters (`\mathcal{N}(x_i \mid \mu_k, 1)`): a worked example's formula. */
function numberInDensitySlot(n: Node): boolean {
  let found = false;
  walk(n, (m) => {
    if (!found && m.kind === 'apply' && m.fn.name === 'N' && !m.fn.sub && m.given?.some((g) => g.kind === 'num')) found = true;
  });
  return found;
}

/** A value a choice sets a letter to: another letter (γ_ik, μ_k), or a number. */
function chosenValue(n: Node): boolean {
  const b = n.kind === 'neg' ? n.body : n;
  return b.kind === 'sym' || b.kind === 'num' || (b.kind === 'div' && b.a.kind === 'num' && (b.b.kind === 'num' || b.b.kind === 'sym'));
}

/** A ✗ because the shapes do not fit (evaluateUncached's shapeError, as checkLinkAsWritten words it). */
function isShapeFailure(c: Claim): boolean {
  return c.verdict === 'fail' && /^The shapes (?:differ|do not fit)\b/.test(c.message);
}

/**
 * Where the sentence (or clause) that goes on after the formula ending at `from` ends: at a full stop, !, ? or ;
 * followed by white space outside math
 * (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`), or at a blank line; the end of the text otherwise.
 */
function sentenceEnd(text: string, from: number): number {
  let math = '';
  // (`from` is the end of a formula: past its closing delimiter first.)
  const close = /^\s*(?:\$\$|\$|\\\)|\\\])/.exec(text.slice(from, from + 40));
  for (let i = from + (close ? close[0].length : 0); i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      const next = text[i + 1];
      if (!math && (next === '(' || next === '[')) math = next;
      else if ((math === '(' && next === ')') || (math === '[' && next === ']')) math = '';
      i++;
      continue;
    }
    if (ch === '$') {
      const two = text[i + 1] === '$';
      if (two) i++;
      const mark = two ? '$$' : '$';
      math = math === mark ? '' : math === '' ? mark : math;
      continue;
    }
    if (math) continue;
    // (A blank line ends it, unless the sentence goes on into a display after it: "…, the mean update is\n\n$$…$$".)
    if (ch === '\n' && /^\n[ \t>]*\n/.test(text.slice(i, i + 40))) {
      const ended = /[.!?;:]\s*$/.test(text.slice(Math.max(from, i - 4), i));
      if (ended || !/^\n[ \t>]*\n[\s>]*(?:\$\$|\\\[|\\begin\{)/.test(text.slice(i, i + 60))) return i;
    }
    if ((ch === '.' || ch === '!' || ch === '?' || ch === ';') && /\s/.test(text[i + 1] ?? ' ')) return i + 1;
  }
  return text.length;
}

/** How many arguments a function was defined with, from its argumentsKey (its arguments and those after `;`). */
function arity(argumentsKey: string): number {
  const [args, given] = JSON.parse(argumentsKey) as [unknown[], unknown[] | null];
  return args.length + (given?.length ?? 0);
}

/**
 * `π_K = 1 − Σ_{j=1}^{K−1} π_j` (or `π_3 = 1 − π_1 − π_2` with three components): the last weight written as one
 * minus the others. The left side is the weight of the last component, by the count's letter or its number; the
 * right side one minus weights, sums and counts only.
 */
function eliminatesLastWeight(lhs: Node, rhs: Node, ctx: NoteContext): boolean {
  // (Runs for every two-sided chain at every check: the cheap tests of the shape first, the letter's meaning last.)
  if (rhs.kind !== 'sub' || rhs.a.kind !== 'num' || rhs.a.value !== 1) return false;
  if (lhs.kind !== 'sym' || lhs.decor || lhs.accent || lhs.primes || !lhs.sub) return false;
  const last = lhs.sub.kind === 'num' ? lhs.sub.value === ctx.K && ctx.K > 2
    : lhs.sub.kind === 'sym' && !lhs.sub.sub && (lhs.sub.name === 'K' || ctx.reading?.componentCounts.has(lhs.sub.name) === true);
  if (!last || classifySymbol(lhs, ctx).kind !== 'weight') return false;
  let weights = 0;
  let other = false;
  walk(rhs.b, (n) => {
    if (other) return;
    if (n.kind === 'sym' && n.sub) {
      if (!n.decor && classifySymbol(n, ctx).kind === 'weight') weights++;
      else other = true;
    } else if (n.kind !== 'sym' && n.kind !== 'num' && n.kind !== 'sum' && n.kind !== 'add' && n.kind !== 'sub' && n.kind !== 'group') other = true;
  });
  return weights > 0 && !other;
}

/** Do the two sides write all of π_1 … π_m and the number 1 (π_2 = 1 − π_1, π_1 + π_2 = 1; not π_1 = π_2)? */
function weightsSumToOne(a: Node, b: Node, m: number, ctx: NoteContext): boolean {
  const seen = new Set<number>();
  let one = false;
  for (const side of [a, b]) {
    walk(side, (n) => {
      if (n.kind === 'num' && n.value === 1 && !isNumberedSub(n, side)) one = true;
      if (n.kind === 'sym' && n.sub?.kind === 'num' && classifySymbol(n, ctx).kind === 'weight') seen.add(n.sub.value);
    });
  }
  return one && seen.size === m;
}

/** Is `n` the numeric subscript of a symbol in `root` (walk visits subscripts too)? */
function isNumberedSub(n: Node, root: Node): boolean {
  let found = false;
  walk(root, (m) => { if (m.kind === 'sym' && m.sub === n) found = true; });
  return found;
}

/** The unknown λ of a characteristic equation `\det(A − λI) = 0` or `|λI − A| = 0` (side `d`, `zero` the 0), or null. */
function characteristicUnknown(d: Node, zero: Node): SymNode | null {
  if (zero.kind !== 'num' || zero.value !== 0) return null;
  while (d.kind === 'group') d = d.body;
  const arg = d.kind === 'func' && d.name === 'det' ? d.arg : d.kind === 'abs' && !d.norm ? d.body : null;
  let diff = arg;
  while (diff?.kind === 'group') diff = diff.body;
  if (diff?.kind !== 'sub') return null;
  for (const t of [diff.a, diff.b]) {
    if (t.kind !== 'mul') continue;
    const [x, y] = [t.a, t.b];
    const scalar = y.kind === 'sym' && y.name === 'I' && !y.sub ? x : x.kind === 'sym' && x.name === 'I' && !x.sub ? y : null;
    if (scalar?.kind === 'sym' && !scalar.sub && !scalar.decor) return scalar;
  }
  return null;
}

/** Is `n` a sum with `f` at the same arguments as one of its terms (`J(π_k) + λ(…)` for `J'(π_k) = …`)? */
function addsTo(n: Node, f: ApplyNode): boolean {
  const key = symbolKey(f.fn);
  const args = argumentsKey(f);
  while (n.kind === 'group') n = n.body;
  if (n.kind !== 'add' && n.kind !== 'sub') return false;
  const terms: Node[] = [n.a, n.b];
  for (let t = terms.pop(); t; t = terms.pop()) {
    while (t.kind === 'group') t = t.body;
    if (t.kind === 'add' || t.kind === 'sub') { terms.push(t.a, t.b); continue; }
    // (−J(π), ½J(π), J(π)/N: the same function, negated or scaled by a constant.)
    if (t.kind === 'neg') { terms.push(t.body); continue; }
    if (t.kind === 'mul' && (t.a.kind === 'num' || t.a.kind === 'div' && t.a.a.kind === 'num')) { terms.push(t.b); continue; }
    if (t.kind === 'div' && (t.b.kind === 'num' || t.b.kind === 'sym' && !t.b.sub)) { terms.push(t.a); continue; }
    if (t.kind === 'apply' && t.fn.kind === 'sym' && symbolKey(t.fn) === key && argumentsKey(t) === args) return true;
  }
  return false;
}

/** Does the tree write a symbol the note reads as `kind` (a weight π_1, α_k)? */
function writesQuantity(n: Node, kind: string, ctx: NoteContext): boolean {
  let found = false;
  walk(n, (m) => { if (!found && m.kind === 'sym' && classifySymbol(m, ctx).kind === kind) found = true; });
  return found;
}

/**
 * `\Sigma_n \gamma_{nk}`, `\Sigma_n^N \gamma_{nk} x_n`: a capital Σ with one plain index letter (and perhaps a count
 * above it) followed, in the same product, by a factor that writes that letter as an index; its symbol and the letter.
 */
function capitalSigmaSum(n: Node, ctx: NoteContext): { span: Span; index: string } | null {
  // (Not Σ_k in a note whose Gaussians hold Σ_k, `r_{nk}\Sigma_k(x_n - \mu_k)`: there it is the covariance, unless its
  // index is one the note uses for points, `\Sigma_n`.)
  const r = ctx.reading;
  // (In any font, or the step writes Σ_k as a matrix, |Σ_k|, Σ_k^{-1}: a covariance.)
  let matrixUse = false;
  walk(n, (m) => {
    if ((m.kind === 'abs' || (m.kind === 'func' && m.name === 'det')) || (m.kind === 'pow' && m.base.kind === 'sym' && m.base.name === 'Sigma' && m.exp.kind !== 'sym')) {
      walk(m, (x) => { if (x.kind === 'sym' && x.name === 'Sigma' && x.sub) matrixUse = true; });
    }
  });
  const covariance = matrixUse || [...(r?.symbols.values() ?? [])].some((e) => /Sigma/.test(e.key) && e.subs === 1 && (e.quantity === 'cov' || e.quantity === 'precision') && e.source === 'note');
  let found: { span: Span; index: string } | null = null;
  walk(n, (m) => {
    if (found || m.kind !== 'mul') return;
    const fs = operands(m, 'mul');
    for (let q = 0; q < fs.length - 1 && !found; q++) {
      let f = fs[q]!;
      if (f.kind === 'pow' && f.exp.kind === 'sym' && !f.exp.sub) f = f.base;
      if (f.kind !== 'sym' || f.name !== 'Sigma' || (f.font && f.font !== 'rm') || f.decor || f.sub?.kind !== 'sym' || f.sub.sub || f.sub.name.length !== 1) continue;
      const letter = f.sub.name;
      if (covariance && !(r?.points.has(letter) && !r.components.has(letter))) continue;
      const later = fs.slice(q + 1);
      let writes = false;
      for (const g of later) walk(g, (x) => { if (!writes && x.kind === 'sym' && x.sub && indexList(x.sub).some((i) => i.kind === 'sym' && i.name === letter)) writes = true; });
      if (writes) found = { span: fs[q]!.span, index: letter };
    }
  });
  return found;
}

/**
 * Does the text before `at` name the free letter `name` (its Unicode spelling, as abstractDependence lists it) in an
 * inline formula of its own, `$C$`, in a sentence that describes it ("with cofactor matrix $C$") rather than quantifies
 * over it ("for any vector $v$", "an arbitrary $A$")?
 */
function describedInWords(text: string, at: number, name: string): boolean {
  const before = text.slice(Math.max(0, at - 1500), at);
  for (const m of before.matchAll(/\$\s*(?:\\(?:mathbf|boldsymbol|bm)\s*\{?\s*)?(\\?[A-Za-z]+)\s*\}?\s*(?:_\s*(?:\{[^}$]*\}|\w))?\s*\$/g)) {
    if (symbolToUnicode(m[1]!) !== name && m[1] !== name) continue;
    // (Only a letter tied to another, "with cofactor matrix $C$", "the Cholesky factor $L$ of": "Let $A$ be a symmetric
    // matrix", "where $B$ is symmetric" give a type or a property, and the step must hold for every such letter.)
    if (/\b(?:cofactors?|adjugates?|adjoints?|inverses?|Cholesky(?: factors?)?|square roots?|eigenvectors?|eigenvalues?|(?:matrix|vector) of)\b[^$.]{0,24}$/i.test(before.slice(0, m.index!))) return true;
  }
  return false;
}

/**
 * `\Sigma_k^{new}` and `\Sigma_k` (or `\Lambda_k^{-1}`, the note's precision inverted): one parameter of one component,
 * one side with the update's mark and the other plain.
 */
function namesTheSameParameter(a: Node, b: Node, ctx: NoteContext): boolean {
  const x = parameterName(a, ctx), y = parameterName(b, ctx);
  return !!x && !!y && x.kind === y.kind && x.index === y.index && x.decorated !== y.decorated;
}

/** What a derivative differentiates: its numerator, or an operator's single operand (`∂/∂μ_k [f]`); else undefined. */
function differentiated(d: DerivNode): Node | undefined {
  return d.num ?? (d.operand?.length === 1 ? d.operand[0] : undefined);
}

/** Do two evaluations give the same values at their first sample points (up to rounding)? */
function sameValues(a: EvalResult, b: EvalResult): boolean {
  const x = a.samples[0], y = b.samples[0];
  if (!x || !y) return false;
  const close = (p: number[], q: number[]) => p.length === q.length && p.every((v, i) => Math.abs(v - q[i]!) <= 1e-9 * Math.max(1, Math.abs(v)));
  return close(x.lp.values, y.lp.values) && close(x.rp.values, y.rp.values);
}

/** One parameter of one component on both sides with different marks: `\mu_k^{(t+1)}` and `\mu_k^{(t)}`, Σ_k^{new} and Σ_k. */
function sameParameterMarkedOtherwise(a: Node, b: Node, ctx: NoteContext): boolean {
  const x = parameterName(a, ctx), y = parameterName(b, ctx);
  return !!x && !!y && x.kind === y.kind && x.index === y.index && x.mark !== y.mark;
}

/** What a side names when it is one parameter of one component: its kind (a precision inverted is a covariance), index, mark. */
function parameterName(n: Node, ctx: NoteContext): { kind: string; index: string; decorated: boolean; mark: string | null } | null {
  let power = '';
  let inverted = false;
  if (n.kind === 'pow' && n.exp.kind === 'num') { power = String(n.exp.value); n = n.base; }
  else if (n.kind === 'pow' && n.exp.kind === 'neg' && n.exp.body.kind === 'num' && n.exp.body.value === 1) { inverted = true; n = n.base; }
  if (n.kind !== 'sym' || !n.sub) return null;
  let kind: string = classifySymbol({ ...n, decor: null }, ctx).kind;
  if (!PARAMETER_KINDS.has(kind as never)) return null;
  if (inverted) kind = kind === 'precision' ? 'cov' : kind === 'cov' ? 'precision' : `${kind}^-1`;
  return { kind: `${kind}${power && `^${power}`}`, index: JSON.stringify(indexList(n.sub).map(latexOfIndex)), decorated: !!n.decor, mark: n.decor };
}

function latexOfIndex(n: Node): string {
  return n.kind === 'sym' ? n.name : n.kind === 'num' ? String(n.value) : n.kind;
}

/**
 * Arithmetic on numbers with densities of numbers in it (`0.3\,\mathcal{N}(0.5 \mid 0, 1) + 0.7\,\mathcal{N}(0.5 \mid 2, 1)`): a worked
 * example's numbers put into the general formula, no quantity of every GMM.
 */
function numbersPutIn(n: Node): boolean {
  if (n.kind === 'apply') return n.fn.name === 'N' && [...n.args, ...(n.given ?? [])].every(closedNumeric);
  if (n.kind === 'sym') return closedNumeric(n);
  if (n.kind === 'sum' || n.kind === 'prod' || n.kind === 'deriv' || n.kind === 'opaque' || n.kind === 'ellipsis') return false;
  return children(n).every(numbersPutIn);
}
