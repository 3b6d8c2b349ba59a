// Reads from the note what model it is about: 1-D or multivariate, how many
// components, which symbol counts the data points, and the arguments of its
// usual density (for a bare \mathcal{N}). The user can override K and D.
import type { ApplyNode, Chain, Node, SymNode } from '../latex/ast';
import { walk } from '../latex/ast';
import type { BigOpNode } from '../latex/ast';
import { symbolReading, type Reading } from './reading';

export interface ModelInfo {
  K: number;
  D: number;
  N: number;
  description: string;
  /**
   * The note's covariances are isotropic, σ_k² I (a multivariate note whose Gaussians take
   * `\sigma_k^2 \mathbf{I}` and that never writes a full covariance or precision): instances then
   * have Σ_k = σ_k² I, so the model quantities (responsibilities, likelihood, M-step) are those of
   * the note's model. A note that also writes Σ_k keeps full covariances (σ² I is an aside there).
   */
  isotropic: boolean;
  dataCount: Set<string>;
  defaultDensity: ApplyNode | null;
  /** N is the number the note's sums over the data run to (`\sum_{n=1}^{4}`), not the usual instances' count. */
  pointsWritten?: boolean;
}

/** Dimension the checker uses for multivariate notes: 3, so that (2π)^{D/2} ≠ 2π and D ≠ 2 coincidences stay visible. */
export const MULTIVARIATE_D = 3;
/** Components for a symbolic K. */
export const SYMBOLIC_K = 3;
/** Data points of a random instance. */
export const DATA_POINTS = 5;
/** The most data points an instance gets from a note's numeric sums over the data (Σ_{n=1}^{7}). */
export const MAX_DATA_POINTS = 40;
/** Largest K the checker builds instances for. */
export const MAX_K = 8;

export function inferModel(chains: Chain[], override: { K?: number; D?: number }, text: string, reading?: Reading): ModelInfo {
  let multivariate: string | null = null;
  let symbolicK = false;
  // Parameters indexed by a letter (π_k, μ_j): the note is about K components in general.
  let letterIndexed = false;
  let stated: number | null = null;
  const numericBounds: number[] = [];
  const dataBounds: number[] = [];
  let maxParamIndex = 0;
  const dataCount = new Set<string>(['N']);
  const densities = new Map<string, { node: ApplyNode; count: number }>();
  let isotropicSlot = false;
  /** Whether the text says its data are one-dimensional (ONE_DIMENSIONAL): read once, when a density's slot asks. */
  let oneDimensional: boolean | undefined;
  let fullCovariance = false;
  // `Σ_k = σ_k² I` stated, and Σ written nowhere else: the note's model is isotropic, its Σ_k that σ_k² I.
  let isotropicStated = false;
  let sigmaElsewhere = false;
  let statedSigma: Node | null = null;
  // A precision, or a covariance under another letter than Σ: full matrices the statement does not cover.
  let precisionWritten = false;

  const paramNames = new Set(['pi', 'mu', 'sigma', 'Sigma']);
  // The note's own names of weights, means and spreads (α_k, u_k, τ_k) and of its data (y_j) count too.
  const dataNames = new Set(['x']);
  // Letters of the data's space: the data, the means and the spreads (not the weights, whose vector has K entries).
  const vectorNames = new Set(['x', 'mu', 'sigma', 'Sigma']);
  for (const s of reading?.symbols.values() ?? []) {
    if (s.key.includes(':')) continue;
    if (['weight', 'mean', 'std', 'var', 'cov', 'precision'].includes(s.quantity)) paramNames.add(s.key);
    if (s.quantity !== 'weight' && ['mean', 'std', 'var', 'cov', 'precision'].includes(s.quantity)) vectorNames.add(s.key);
    if (s.quantity === 'data') { dataNames.add(s.key); vectorNames.add(s.key); }
  }
  for (const c of reading?.pointCounts ?? []) dataCount.add(c);
  const visit = (n: Node): void => {
    switch (n.kind) {
      case 'sym':
        // Σ_i with a point index (`\Sigma_i \ln p(x_i)`) is a sum sign typed as a letter, not a covariance.
        if (n.name === 'Sigma' && !(n.sub?.kind === 'sym' && !n.sub.sub && (reading?.points.has(n.sub.name) || n.sub.name === 'z'))) {
          multivariate ??= 'the note uses Σ';
          fullCovariance = true;
          if (n !== statedSigma) sigmaElsewhere = true;
        }
        if (n.name === 'Lambda' && n.sub) { fullCovariance = true; precisionWritten = true; }
        // Bold μ_k, x_i are vectors; an unindexed bold μ can be the list of all the means (μ_1, …, μ_K).
        if ((n.name === 'x' || n.name === 'mu') && n.font === 'bold' && n.sub) multivariate ??= 'the note writes vectors in bold';
        if ((n.name === 'K' || reading?.componentCounts.has(n.name)) && !n.sub) symbolicK = true;
        if (paramNames.has(n.name) && n.sub?.kind === 'num') maxParamIndex = Math.max(maxParamIndex, n.sub.value);
        if (paramNames.has(n.name) && n.sub?.kind === 'sym' && !n.sub.sub) letterIndexed = true;
        break;
      case 'transpose':
        // θ^T is the parameters at the last iteration T, not a transpose.
        // (Nor s s^⊤, π π^⊤: the outer product of a vector that is not of the data's space, the weights' or a softmax's in a
        // Hessian, says nothing of the data's dimension. u^⊤ Λ_k u, a quadratic form, does.)
        if (!(n.body.kind === 'sym' && n.body.name === 'theta') && !(outerProducts.has(n) && n.body.kind === 'sym' && !vectorNames.has(n.body.name))) {
          multivariate ??= 'the note uses transposes';
        }
        break;
      case 'func':
        if (n.name === 'det') multivariate ??= 'the note uses det';
        break;
      case 'mul':
        if (isotropicCovariance(n.a, n.b, reading)) isotropicSlot = true;
        break;
      case 'sum': {
        const idx = n.index && !n.index.sub ? n.index.name : null;
        if (idx && n.upper) {
          let component = false;
          let data = false;
          for (const name of indexedBy(n, idx)) {
            if (paramNames.has(name)) component = true;
            if (dataNames.has(name)) data = true;
          }
          // Instances with more than MAX_K components are not generated; larger sums stay unchecked.
          if (n.upper.kind === 'num' && component && n.upper.value >= 1 && n.upper.value <= MAX_K) numericBounds.push(n.upper.value);
          // Σ_{n=1}^{4} over the data: the note's data set has 4 points (a worked example's).
          if (n.upper.kind === 'num' && data && !component && Number.isInteger(n.upper.value) && (n.lower?.kind !== 'num' || n.lower.value === 1)) dataBounds.push(n.upper.value);
          if (n.upper.kind === 'sym' && data && !n.upper.sub) dataCount.add(n.upper.name);
        }
        break;
      }
      case 'apply':
        // 𝒩(x | μ_k, σ_k² I): a covariance that is a multiple of the identity matrix, which a one-dimensional note has no use
        // for (not σ_k² I in a remark, nor in a note that says its data are one-dimensional: ONE_DIMENSIONAL).
        if (multivariate === null && isDensityCall(n) && n.given?.[1]?.kind === 'mul' && isotropicCovariance(n.given[1].a, n.given[1].b, reading) &&
            !(oneDimensional ??= ONE_DIMENSIONAL.test(text))) {
          multivariate ??= 'the note writes covariances σ_k² I';
        }
        if (isDensityCall(n)) {
          const key = densityKey(n, text);
          const cur = densities.get(key);
          if (cur) cur.count++;
          else densities.set(key, { node: n, count: 1 });
        }
        break;
      default:
        break;
    }
  };
  for (const s of reading?.symbols.values() ?? []) {
    if ((s.quantity === 'cov' || s.quantity === 'precision') && s.subs > 0) fullCovariance = true;
    if (s.quantity === 'precision' || (s.quantity === 'cov' && s.key !== 'Sigma' && s.key !== 'bold:Sigma')) precisionWritten = true;
  }
  let statedD: number | null = null;
  let dStated = '';
  /** `\mathbf{c}_i \in \mathbb{R}^3`: the data's space, which makes the note multivariate whatever its letters look like. */
  let spaceStated = false;
  for (const c of chains) {
    const f = modelFacts(c);
    statedSigma = f.isotropicSigma && isotropicCovariance(f.isotropicSigma.value.a, f.isotropicSigma.value.b, reading) ? f.isotropicSigma.sigma : null;
    if (statedSigma) isotropicStated = true;
    for (const n of f.nodes) visit(n);
    // `K = 3` stated in the note.
    if (f.statedK !== null) stated = Math.max(stated ?? 0, f.statedK);
    // `D = 2`: D itself, or the letter the reading takes for the dimension ((2π)^{d/2}, x ∈ ℝ^d).
    if (f.statedD && (f.statedD.name === 'D' || f.statedD.name === '' || f.statedD.name === 'ℝ' || f.statedD.name === 'ℝD' || reading?.dimensions.has(f.statedD.name))) {
      if (f.statedD.name === 'ℝ') { statedD = f.statedD.value; dStated = `from the data's space ℝ^${f.statedD.value}`; spaceStated = true; }
      else if (f.statedD.name === 'ℝD') { spaceStated = true; if (statedD === null) { statedD = f.statedD.value; dStated = '(the data\'s space ℝ^D; the checker uses 3)'; } }
      else if (f.statedD.name !== '') { statedD = f.statedD.value; dStated = 'as stated in the note'; }
      else if (statedD === null) { statedD = f.statedD.value; dStated = 'from a worked example\'s vectors'; }
    }
  }
  // "Each $x_n$ is a point in the plane", "two-dimensional data": the data's space in words, where no formula states it.
  if (statedD === null) {
    const words = SPACE_IN_WORDS.exec(text);
    if (words) { statedD = words[2] ? 3 : 2; dStated = `from the text ("${words[0]}")`; spaceStated = true; }
  }
  let K: number;
  let kWhy: string;
  if (override.K) { K = Math.min(override.K, MAX_K); kWhy = override.K > MAX_K ? `set in the options (at most ${MAX_K})` : 'set in the options'; }
  else if (numericBounds.length) { K = Math.max(...numericBounds); kWhy = 'from the sums over components'; }
  // A note that numbers its components (π, μ_1, σ_2) and never indexes a parameter by a letter is
  // about that many components: a bare K in its prose ("the $K$-component formula") names the
  // general case it is not about.
  else if (symbolicK && (stated !== null || letterIndexed || maxParamIndex < 2)) { K = stated ?? SYMBOLIC_K; kWhy = stated ? 'as stated in the note' : 'K is symbolic; the checker uses 3'; }
  else if (maxParamIndex >= 2) { K = Math.min(maxParamIndex, MAX_K); kWhy = 'from the indexed parameters'; }
  else { K = 2; kWhy = 'no component count in the note; the checker uses 2'; }
  let D: number;
  let dWhy: string;
  if (override.D) { D = override.D; dWhy = 'set in the options'; }
  else if (multivariate && statedD !== null) { D = statedD; dWhy = `${multivariate}; D = ${statedD} ${dStated}`; }
  else if (multivariate) { D = MULTIVARIATE_D; dWhy = `${multivariate}; the checker uses D = ${MULTIVARIATE_D}`; }
  else if (spaceStated && statedD !== null) { D = statedD; dWhy = `D = ${statedD} ${dStated}`; }
  else { D = 1; dWhy = 'scalar notation'; }
  let best: { node: ApplyNode; count: number } | null = null;
  for (const d of densities.values()) if (!best || d.count > best.count) best = d;
  // The number of points the note's sums over the data run to, when they all agree; else the usual instances.
  const pointsWritten = dataBounds.length && dataBounds.every((b) => b === dataBounds[0]) && dataBounds[0]! >= 2 && dataBounds[0]! <= MAX_DATA_POINTS ? dataBounds[0]! : null;
  const N = pointsWritten ?? Math.max(DATA_POINTS, K + 2);
  const isotropic = D > 1 && isotropicSlot && (!fullCovariance || (isotropicStated && !sigmaElsewhere && !precisionWritten));
  return {
    K, D, N, isotropic,
    description: `${D === 1 ? '1-D' : `${D}-D`} (${dWhy}), K = ${K} (${kWhy})${isotropic ? ', isotropic covariances σ_k² I (as the note writes them)' : ''}, ${N} random data points${pointsWritten ? ' (as the sums over the data run)' : ''}`,
    dataCount,
    defaultDensity: best?.node ?? null,
    ...(pointsWritten ? { pointsWritten: true } : {}),
  };
}

/** Words that give the data's space: "a point in the plane", "two-dimensional data" (D = 2); "three-dimensional points" (D = 3). */
const SPACE_IN_WORDS = /\b(?:(?:points?|data|observations?|vectors?) (?:lie |lying |lies )?in the plane|(two|2)-dimensional (?:data|points?|observations?|vectors?)|(three|3)-dimensional (?:data|points?|observations?|vectors?))\b/i;

/** Words that say the note's data are one-dimensional: "one-dimensional data", "x_n ∈ ℝ", "real numbers". */
const ONE_DIMENSIONAL = /\b(?:one-dimensional|1-D|univariate|scalar (?:data|observations|points)|real numbers)\b|\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*(?![\s^_{]*[\^])(?:\$|\\\)|,|\.|\s)/i;

/** `σ_k^2 \mathbf{I}` (or `σ_k^2 I_D`): a component's standard deviation squared times the identity. */
function isotropicCovariance(a: Node, b: Node, reading?: Reading): boolean {
  if (!(b.kind === 'sym' && b.name === 'I' && !b.decor && (b.font === null || b.font === 'bold' || b.font === 'bb' || b.font === 'rm'))) return false;
  if (!(a.kind === 'pow' && a.exp.kind === 'num' && a.exp.value === 2 && a.base.kind === 'sym' && a.base.sub && !a.base.decor)) return false;
  const read = symbolReading(reading, a.base, 1);
  return (read !== undefined && read !== 'ambiguous' && read.quantity === 'std') || (read === undefined && a.base.name === 'sigma');
}

/** `N(x | μ, Σ)` written with the bare letter N: a candidate for the note's usual density. */
function isDensityCall(n: ApplyNode): boolean {
  return n.fn.name === 'N' && !n.fn.sub && !!n.given && n.given.length === 2 && n.args.length === 1;
}

/**
 * What inferModel reads from one chain, by its trees alone: the nodes its visit can act on (a
 * superset, in the order a walk of the chain meets them; the note's reading decides the rest)
 * and the K a `K = 3` states. Kept on the chain object (an unchanged chain is the same object,
 * see written.ts), so a re-check does not walk its trees again; no evaluation results.
 */
interface ModelFacts {
  nodes: readonly Node[];
  statedK: number | null;
  statedD: { name: string; value: number } | null;
  /** `\boldsymbol\Sigma_k = \sigma_k^2 \mathbf{I}`: the covariance the chain says is isotropic, and what it says it is. */
  isotropicSigma: { sigma: Node; value: { a: Node; b: Node } } | null;
}
const modelFactsOf = new WeakMap<Chain, ModelFacts>();

/** Transposes that are the second factor of v v^⊤, an outer product of one vector with itself (modelFacts). */
const outerProducts = new WeakSet<Node>();

/** The same letter with the same index (s and s, r_n and r_n), the vector of an outer product v v^⊤. */
function sameVector(a: Node, b: Node): boolean {
  if (a.kind !== 'sym' || b.kind !== 'sym' || a.name !== b.name || a.font !== b.font || a.decor !== b.decor) return false;
  if (!a.sub || !b.sub) return !a.sub && !b.sub;
  return a.sub.kind === 'sym' && b.sub.kind === 'sym' && !a.sub.sub && !b.sub.sub && a.sub.name === b.sub.name;
}

function modelFacts(c: Chain): ModelFacts {
  let f = modelFactsOf.get(c);
  if (f) return f;
  const nodes: Node[] = [];
  const keep = (n: Node): void => {
    switch (n.kind) {
      // Any unindexed letter may count the components (the reading's componentCounts).
      // A letter index (π_k) too: inferModel asks whether the parameters are indexed by letters.
      case 'sym': if (!n.sub || n.sub.kind === 'num' || (n.sub.kind === 'sym' && !n.sub.sub) || n.name === 'Sigma' || n.name === 'Lambda' || n.font === 'bold') nodes.push(n); break;
      case 'transpose': nodes.push(n); break;
      // (Visited before its factors: the transpose in v v^⊤ is known as an outer product when the walk reaches it.)
      case 'mul': if (n.b.kind === 'transpose' && sameVector(n.a, n.b.body)) outerProducts.add(n.b); if (n.b.kind === 'sym' && n.b.name === 'I' && n.a.kind === 'pow') nodes.push(n); break;
      case 'func': if (n.name === 'det') nodes.push(n); break;
      case 'sum': if (n.index && !n.index.sub && n.upper) nodes.push(n); break;
      case 'apply': if (isDensityCall(n)) nodes.push(n); break;
      default: break;
    }
  };
  for (const s of c.sides) if (s.ok) walk(s.node, keep);
  let statedK: number | null = null;
  let statedD: { name: string; value: number } | null = null;
  let isotropicSigma: ModelFacts['isotropicSigma'] = null;
  if (c.sides.length === 2 && c.sides[0].ok && c.sides[1].ok) {
    const [a, b] = [c.sides[0].node, c.sides[1].node];
    if (a.kind === 'sym' && a.name === 'Sigma' && a.sub && !a.decor && b.kind === 'mul') isotropicSigma = { sigma: a, value: b };
    // `K = 1` is usually an aside ("except for K = 1"); a worked example states a real mixture.
    if (a.kind === 'sym' && a.name === 'K' && !a.sub && b.kind === 'num' && Number.isInteger(b.value) && b.value >= 2 && b.value <= 8) statedK = b.value;
    // `D = 2` ("in $D = 2$ dimensions"): the dimension, when the letter is the note's (inferModel decides).
    if (a.kind === 'sym' && (a.name === 'D' || a.name === 'd' || a.name === 'p') && !a.sub && !a.decor && b.kind === 'num' && Number.isInteger(b.value) && b.value >= 2 && b.value <= 8) statedD = { name: a.name, value: b.value };
    // `\mu_1 = (1, 2)^T`, `\Sigma_2 = \begin{pmatrix} 2 & 0 \\ 0 & 1 \end{pmatrix}`: a worked example's mean or covariance
    // written out gives the dimension.
    const size = a.kind === 'sym' ? writtenSize(a, b) : null;
    if (size !== null) statedD = { name: '', value: size };
    // `x_1, \dots, x_N \in \mathbb{R}^2`: the data's space gives the dimension; `x_n \in \mathbb{R}^D`, a space of some
    // dimension, the checker's usual one.
    if (c.relations[0]?.rel === '∈' && b.kind === 'pow' && b.base.kind === 'sym' && b.base.name === 'R' && b.base.font === 'bb') {
      if (b.exp.kind === 'num' && Number.isInteger(b.exp.value) && b.exp.value >= 2 && b.exp.value <= 8) statedD = { name: 'ℝ', value: b.exp.value };
      else if (b.exp.kind === 'sym' && !b.exp.sub && ['D', 'd', 'p'].includes(b.exp.name)) statedD = { name: 'ℝD', value: MULTIVARIATE_D };
    }
  }
  modelFactsOf.set(c, f = { nodes, statedK, statedD, isotropicSigma });
  return f;
}

/**
 * The dimension a written-out mean or covariance gives (`\mu_1 = (1, 2)^T`, a column `\begin{bmatrix} 1 \\ 2 \end{bmatrix}`,
 * `\Sigma_1` a square matrix of numbers), or null.
 */
function writtenSize(a: SymNode, b: Node): number | null {
  const ok = (d: number) => (d >= 2 && d <= 8 ? d : null);
  if (a.name === 'Sigma' || a.name === 'Lambda') {
    return b.kind === 'matrix' && b.rows.length >= 2 && b.rows.every((r) => r.length === b.rows.length) ? ok(b.rows.length) : null;
  }
  if (a.name !== 'mu' && a.name !== 'x' && a.name !== 'm') return null;
  let v: Node = b;
  if (v.kind === 'transpose') v = v.body;
  if (v.kind === 'group') v = v.body;
  // (A bold point or mean written as a tuple, `\mathbf{x}_1 = (0, 0)`, is a vector too.)
  if (v.kind === 'tuple' && (b.kind === 'transpose' || a.font === 'bold')) return ok(v.items.length);
  return v.kind === 'matrix' && v.rows.every((r) => r.length === 1) ? ok(v.rows.length) : null;
}

/** The names of the symbols subscripted by the sum's own index in its body (`μ_k` in Σ_k π_k μ_k), in walk order. */
const indexedByOf = new WeakMap<BigOpNode, readonly string[]>();

/** The slots of a density call as written, spaces removed: the same density wherever it is written so. */
function densityKey(n: ApplyNode, text: string): string {
  const slots = [n.args[0]!, ...n.given!];
  const kept = densityKeyOf.get(n);
  // A node's spans are its statement's, but the parse is shared by statements whose rows have
  // the same text: a slot across a row break also covers what lies between the rows, so the
  // text under each slot is compared before the key is reused.
  if (kept && slots.every((a, i) => text.startsWith(kept.raw[i]!, a.span.start))) return kept.key;
  const raw = slots.map((a) => text.slice(a.span.start, a.span.end));
  const key = raw.map((r) => r.replace(/\s+/g, '')).join('|');
  densityKeyOf.set(n, { raw, key });
  return key;
}

/** By call node, kept with the parse, with the text each slot covered. */
const densityKeyOf = new WeakMap<ApplyNode, { raw: string[]; key: string }>();

function indexedBy(n: BigOpNode, idx: string): readonly string[] {
  let names = indexedByOf.get(n);
  if (names) return names;
  const out: string[] = [];
  walk(n.body, (m) => {
    if (m.kind === 'sym' && m.sub && m.sub.kind === 'sym' && m.sub.name === idx) out.push(m.name);
  });
  indexedByOf.set(n, names = out);
  return names;
}

