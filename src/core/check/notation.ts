// The notation table: what each symbol of a GMM note means. One row per
// spelling, so the vocabulary is visible in one place and users can extend it
// with aliases (setting gmmCheck.aliases / CheckOptions.aliases), e.g.
// { "w": "resp", "\\phi": "weight" }.
//
// | written                                   | meaning                                |
// |-------------------------------------------|----------------------------------------|
// | x_i, x_n, \mathbf{x}_i (x: a generic point) | data point (scalar in 1-D, vector)   |
// | \pi_k, \phi_k                             | mixture weight (bare \pi is 3.14159…)  |
// | \mu_k (\mu: a generic mean)               | component mean                         |
// | \sigma_k (\sigma_k^2 is its square)       | component standard deviation (1-D)     |
// | \Sigma_k (\Sigma: a generic covariance)   | component covariance                   |
// | \gamma_{ik}, r_{ik}, r_{nk}, w_{ik}       | responsibility of k for point i        |
// | \gamma(z_{nk}), r(z_{nk}), V(Z_{n,k})     | responsibility (posterior of z_nk)     |
// | N_k, \mathbf{N}_k                         | effective count Σ_i γ_ik               |
// | N, m (as a sum's upper bound)             | number of points                       |
// | K, D                                      | components, dimensions                 |
// | \mathcal{N}(x | μ, Σ), N(x | μ, Σ)       | Gaussian density (bare 𝒩: the note's) |
// | \mathcal{L}, \ell, L, \ell(\theta)        | log-likelihood                         |
// | \lambda                                   | Lagrange multiplier (sampled freely)   |
// | \theta                                    | all parameters (for ∂/∂θ)              |
// | \mathbf{0}, \mathbf{I}, e                  | zero, identity, Euler's number         |
// | f, g, h, u, v, f'                         | abstract functions unless defined      |
import type { Node, SymNode } from '../latex/ast';
import type { NoteContext } from './compile';
import { latexOf, readingKey as readingKeyOf, symbolReading, type Quantity, type RespForm } from './reading';

export type Meaning =
  | { kind: 'const'; value: number }
  | { kind: 'count'; which: 'K' | 'D' | 'N' }
  | { kind: 'weight' | 'mean' | 'std' | 'cov' | 'data' | 'effcount' | 'loglik' | 'lambda' | 'zero' | 'identity' | 'density' }
  /** Responsibility; `form` says where the point index stands (point first by default). */
  | { kind: 'resp'; form?: RespForm }
  /** Read from the note (reading.ts): a variance symbol (τ_k = σ_k²), a precision (Λ_k = Σ_k⁻¹), the likelihood, a component density φ(y | θ_k). */
  | { kind: 'var' | 'precision' | 'likelihood' | 'compdensity' | 'mixture' }
  /** Read from the note: η_k in c_k = e^{η_k} / Σ_j e^{η_j}, the weights' unconstrained logits. */
  | { kind: 'logit' }
  /** Read from the note: a bare λ that is a prior's precision or a penalty's weight, not the weights' multiplier (reading.ts). */
  | { kind: 'hyper' }
  | { kind: 'abstract'; name: string }
  | { kind: 'opaque'; why: string }
  /** δ_{kj}: the Kronecker delta of two indices (1 where they are equal, else 0). */
  | { kind: 'kronecker' }
  /** Not known; `hyper`: a per-component letter with the subscript 0 (μ₀, Σ₀, N₀), a prior's hyperparameter of that shape. */
  | { kind: 'unknown'; name: string; hyper?: 'vector' | 'scalar' | 'spd' };

/** Canonical quantity names accepted in aliases. */
export const QUANTITIES = ['weight', 'mean', 'std', 'cov', 'data', 'resp', 'effcount', 'loglik', 'lambda', 'density'] as const;

/** Letters that index points or components; `\\ell` is written for l so that it is not read as 1. */
const INDEX_LETTERS = new Set(['i', 'j', 'k', 'l', 'm', 'n', 't', 'c', 'ell']);

/** A letter that runs as an index: the usual ones, and any the note's reading says runs over points or components (h, s, g …). */
export function isIndexLetter(name: string, ctx?: NoteContext): boolean {
  return INDEX_LETTERS.has(name) || !!ctx?.reading?.points.has(name) || !!ctx?.reading?.components.has(name);
}

/** Letters that run over the points, and over the components, in most notes (what a letter runs over when the note does not say). */
const USUAL_POINT_INDICES = new Set(['i', 'n', 't']);
const USUAL_COMPONENT_INDICES = new Set(['k', 'j', 'l', 'c']);

/**
 * What an index letter runs over: the points or the components as the note's reading says, else as most notes use the
 * letter (i, n, t over points; k, j, l, c over components); null when neither tells.
 */
export function indexRoleOf(name: string, ctx: NoteContext): 'data' | 'comp' | null {
  const r = ctx.reading;
  if (r?.points.has(name)) return 'data';
  if (r?.components.has(name)) return 'comp';
  return USUAL_POINT_INDICES.has(name) ? 'data' : USUAL_COMPONENT_INDICES.has(name) ? 'comp' : null;
}

/**
 * `k = 1, \dots, K`: the left side of an index's range. Not a letter the note's reading names
 * (ℓ the log-likelihood in `\ell = \sum_i \ln …`, m a count): that is a definition or a step.
 */
export function isIndexRangeLetter(node: SymNode, ctx: NoteContext): boolean {
  return !node.sub && !node.font && isIndexLetter(node.name, ctx) && symbolReading(ctx.reading, node, 0) === undefined;
}

const ABSTRACT = new Set(['f', 'g', 'h', 'u', 'v', 'q', 'F', 'G', 'H', 'phi', 'psi']);

/** LaTeX spelling of a symbol's base, for messages and alias keys: `\mu`, `\mathcal{L}`, `x` (bold not spelled out). */
export function latexName(node: SymNode): string {
  return latexOf(node, false);
}

/**
 * Key under which the note's own definitions are stored: font, name, primes
 * and decoration; letter subscripts are index parameters (S_i and S_n are the
 * same S), numeric ones are part of the name (p_1 is not p_2).
 */
export function symbolKey(node: SymNode, as: SymNode['font'] = node.font, withSub = true): string {
  // Bold matters for keys: \mathbf{r}_i (a vector) is not r_{ik}. `as`: the key of the symbol in another font;
  // `withSub` false: the key of the letter without its subscript.
  const font = as === 'rm' || !as ? '' : `${as}:`;
  const accent = node.accent ? `${node.accent}:` : '';
  const sub = !withSub ? '' : node.sub?.kind === 'num' ? `_${node.sub.value}` : namingSubscript(node) ? `_\\${(node.sub as SymNode).name}` : '';
  return `${accent}${font}${node.name}${"'".repeat(node.primes)}${node.decor ? `^${node.decor}` : ''}${sub}`;
}

/**
 * A subscript that is part of a name rather than an index: one of the Greek letters notes name
 * multipliers with (𝓛_λ, 𝓛_β, J_η: a Lagrangian named after its multiplier). Not ℓ, ν or τ, which may
 * be indices, nor θ, φ, γ, α, which name parameters (p_θ).
 */
export function namingSubscript(node: SymNode): boolean {
  const s = node.sub;
  return s?.kind === 'sym' && !s.sub && !s.decor && !s.font && NAMING_GREEK.has(s.name);
}
const NAMING_GREEK = new Set(['lambda', 'beta', 'eta', 'kappa', 'rho', 'xi', 'zeta']);

/** How many indices a subscript holds (`ik`, `i,k` → 2). */
export function subCount(sub: Node | null): number {
  if (!sub) return 0;
  if (sub.kind === 'mul' && sub.implicit) return subCount(sub.a) + subCount(sub.b);
  return 1;
}

export function parseAliases(aliases: Record<string, string> | undefined): Map<string, Meaning> {
  const out = new Map<string, Meaning>();
  for (const [latex, q] of Object.entries(aliases ?? {})) {
    if ((QUANTITIES as readonly string[]).includes(q)) out.set(latex.trim(), { kind: q } as Meaning);
  }
  return out;
}

/** The meaning of a quantity the note's reading names. */
function fromReading(q: Quantity, form: RespForm | undefined, node: SymNode): Meaning {
  if (q === 'resp') return { kind: 'resp', form };
  // The note's Lagrangian has the meaning its definition gives it (claims.ts defines it where it is written).
  if (q === 'lagrangian') return { kind: 'unknown', name: latexName(node) };
  if (q === 'dataset') return { kind: 'opaque', why: `${latexName(node)} is the whole data set here, not a number` };
  return { kind: q };
}

/** Meanings an accented parameter keeps: μ̂_k, γ̂_jk name the parameter's value (current or updated, as the claim shows). */
const ACCENT_KEEPS = new Set<Meaning['kind']>(['weight', 'mean', 'std', 'cov', 'var', 'precision', 'resp', 'effcount']);

/**
 * What a symbol means: the user's aliases, then the note's reading, then the letter table.
 * An accent makes another symbol (x̄ is a sample mean, Ẽ another objective than E): it keeps
 * its base's meaning only on an indexed parameter or responsibility (μ̂_k, σ̂_k², γ̂_jk: the
 * estimates the derivation works with), and is otherwise unknown until the note defines it.
 * μ̂ with no index is the ML estimate or μ itself depending on the note: not read.
 */
export function classifySymbol(node: SymNode, ctx: NoteContext): Meaning {
  const m = classifyAccented(node, ctx);
  // μ₀, Σ₀, κ₀, N₀: components are numbered from 1, and the subscript 0 on a component's
  // parameter marks a prior's hyperparameter (or an initial value): not component 0.
  if (node.sub?.kind === 'num' && node.sub.value === 0 && HYPER_SHAPES[m.kind] && !ctx.componentsFromZero) return { kind: 'unknown', name: `${latexName(node)}_0`, hyper: HYPER_SHAPES[m.kind] };
  return m;
}

/** Quantities a letter names in bold and plain alike (a vector and its one-dimensional case). */
const SAME_IN_BOLD = new Set<string>(['data', 'mean', 'weight', 'cov', 'precision', 'var', 'std']);

const HYPER_SHAPES: Partial<Record<Meaning['kind'], 'vector' | 'scalar' | 'spd'>> = {
  weight: 'scalar', std: 'scalar', var: 'scalar', effcount: 'scalar', mean: 'vector', cov: 'spd', precision: 'spd',
};

function classifyAccented(node: SymNode, ctx: NoteContext): Meaning {
  if (!node.accent) return classifyPlain(node, ctx);
  const alias = ctx.aliases.get(latexName(node));
  if (alias) return alias;
  const m = classifyPlain({ ...node, accent: undefined }, ctx);
  // (π̂, ê: no one puts an accent on a number; π̂ is an estimate, ESL's mixing weight, not 3.14159.)
  if (m.kind === 'const') return { kind: 'opaque', why: `${latexName(node)} with its accent is not the number ${latexName({ ...node, accent: undefined })}, and the note does not say what it is (an estimate of a weight?)` };
  if (!ACCENT_KEEPS.has(m.kind)) return m.kind === 'count' || m.kind === 'opaque' ? m : { kind: 'unknown', name: latexName(node) };
  if (subCount(node.sub) === 0 && m.kind !== 'resp' && m.kind !== 'effcount') {
    return { kind: 'opaque', why: `${latexName(node)} may be the estimate of ${latexName({ ...node, accent: undefined })} or the parameter itself; the note does not say which` };
  }
  return m;
}

function classifyPlain(node: SymNode, ctx: NoteContext): Meaning {
  const alias = ctx.aliases.get(latexName(node));
  if (alias) return alias;
  // p_1 after `p φ_1(x) + (1 − p) φ_2(x)`: the bare weight letter with its component (bareWeight.ts writes it so), whatever
  // the letter, p or π.
  const bw = ctx.bareWeight;
  if (bw && node.name === bw.name && node.font === bw.font && node.sub?.kind === 'num' && (node.sub.value === 1 || node.sub.value === 2) && !node.primes) return { kind: 'weight' };
  const n = node.name;
  const subs = subCount(node.sub);
  // The note's own reading comes first; the letter table below is the prior for what it does not say.
  let read = symbolReading(ctx.reading, node, node.primes > 0 ? -1 : subs);
  // ν_1 in a worked example beside bold 𝛎_k in the derivation (or the other way round): the same parameter,
  // as μ_1 and 𝛍_k are by the letter table.
  if (read === undefined && node.primes === 0 && (node.font === null || node.font === 'bold')) {
    const other = symbolReading(ctx.reading, node, subs, node.font === 'bold' ? null : 'bold');
    if (other && other !== 'ambiguous' && SAME_IN_BOLD.has(other.quantity)) read = other;
  }
  if (read === 'ambiguous') return { kind: 'opaque', why: ctx.reading?.ambiguous.get(`${readingKeyOf(node)}/${subs}`) ?? 'the note uses this symbol in two roles' };
  if (read) return fromReading(read.quantity, read.form, node);
  if (node.primes > 0) return { kind: 'abstract', name: `${latexName(node)}${"'".repeat(node.primes)}` };
  switch (node.font) {
    case 'cal':
      if (n === 'N') return { kind: 'density' };
      if (n === 'L') return subs === 0 ? { kind: 'loglik' } : { kind: 'unknown', name: latexName(node) };
      if (n === 'X') return { kind: 'opaque', why: 'the data set 𝒳 is a set, not a number' };
      return { kind: 'unknown', name: latexName(node) };
    case 'bb':
      return { kind: 'opaque', why: `${latexName(node)} is a set, not a number` };
    case 'frak':
      return { kind: 'unknown', name: latexName(node) };
    default:
      break;
  }
  switch (n) {
    case 'pi': return subs > 0 ? { kind: 'weight' } : { kind: 'const', value: Math.PI };
    case 'mu': return { kind: 'mean' };
    case 'sigma': return { kind: 'std' };
    case 'Sigma': return { kind: 'cov' };
    case 'x': return { kind: 'data' };
    case 'gamma': case 'r': case 'w':
      if (subs === 2 && node.font !== 'bold') return { kind: 'resp' };
      return { kind: 'unknown', name: latexName(node) };
    case 'N':
      if (subs === 1) return { kind: 'effcount' };
      if (subs === 0) return { kind: 'count', which: 'N' };
      return { kind: 'unknown', name: latexName(node) };
    // (A plain L that bounds the note's sums over the points, `x_1, \dots, x_L`, `\sum_{\ell=1}^{L}`, is their count, as I is.)
    case 'L':
      if (subs === 0 && !node.font && (ctx.dataCount.has(n) || ctx.reading?.pointCounts.has(n))) return { kind: 'count', which: 'N' };
      return subs === 0 ? { kind: 'loglik' } : { kind: 'unknown', name: latexName(node) };
    case 'ell': return subs === 0 ? { kind: 'loglik' } : { kind: 'unknown', name: latexName(node) };
    // λ is the multiplier; λ_k with an index is something the note names (weights, eigenvalues): not a guess.
    case 'lambda': return subs === 0 ? { kind: 'lambda' } : { kind: 'unknown', name: latexName(node) };
    case 'theta': return { kind: 'opaque', why: 'θ names all the parameters at once' };
    case 'K': return subs === 0 ? { kind: 'count', which: 'K' } : { kind: 'unknown', name: latexName(node) };
    case 'D': return subs === 0 ? { kind: 'count', which: 'D' } : { kind: 'unknown', name: latexName(node) };
    case 'e': return subs === 0 ? { kind: 'const', value: Math.E } : { kind: 'unknown', name: latexName(node) };
    // 𝐈 and 𝐈_D (the identity of the data's dimension). (A plain I that bounds the note's sums over points,
    // Prince's `\sum_{i=1}^I`, is their count.)
    // (In a 1-D note only: where the data are vectors, I is as often the identity beside Σ_k.)
    case 'I': if (subs === 0 && node.font !== 'bold' && ctx.D === 1 && (ctx.dataCount.has(n) || ctx.reading?.pointCounts.has(n))) return { kind: 'count', which: 'N' };
      return subs === 0 || (subs === 1 && node.sub?.kind === 'sym' && !node.sub.sub && (node.sub.name === 'D' || node.sub.name === 'd' || !!ctx.reading?.dimensions.has(node.sub.name)))
      ? { kind: 'identity' } : { kind: 'unknown', name: latexName(node) };
    // δ_{kj} with two plain index letters (or numbers) and no other meaning in the note: Kronecker's.
    // (compile.ts reads the subscripts as indices, or leaves the step unchecked).
    case 'delta': return subs === 2 && node.font !== 'bold' && !node.decor ? { kind: 'kronecker' } : { kind: 'unknown', name: latexName(node) };
    case 'infty': return { kind: 'opaque', why: '∞ is not a number' };
    default: break;
  }
  if (subs === 0 && (ctx.dataCount.has(n) || ctx.reading?.pointCounts.has(n))) return { kind: 'count', which: 'N' };
  if (subs === 0 && ctx.reading?.componentCounts.has(n)) return { kind: 'count', which: 'K' };
  if (subs === 0 && !node.font && ctx.reading?.dimensions.has(n)) return { kind: 'count', which: 'D' };
  if (ABSTRACT.has(n)) return { kind: 'abstract', name: latexName(node) };
  return { kind: 'unknown', name: latexName(node) };
}
