// The note's reading: which symbol of THIS note is the data, the weights, the
// means, the spreads, the responsibilities (and where their point and component
// indices stand), which index letters run over points and which over
// components, which counts bound them, and whether an objective is the
// likelihood or its log. "Infer, then check": the evidence is collected from
// every statement of the note before any claim is judged, resolved once, shown
// to the user (CLI text, JSON `reading`, preview, hover) and only then used by
// the binder (notation.ts consults it before its letter table, which stays as
// the prior for what the note says nothing about).
//
// The evidence rules are a table (EVIDENCE_RULES below): each looks at one
// statement and says what it shows, with the line it comes from. Conflicting
// evidence makes a symbol ambiguous, which the binder turns into "unchecked"
// with the reason; a guess is never used. The user corrects the reading in one
// place that both the editor and the CLI honour: a comment in the note
// (`<!-- gmm: weights=\alpha resp=\gamma_{ji} points=j -->`) or the
// `gmmCheck.aliases` setting / `CheckOptions.aliases`.
import type { ApplyNode, Chain, Font, Node, SymNode } from '../latex/ast';
import { argumentsKey, children, operands, walk } from '../latex/ast';
import type { NoteReading } from '../types';

/** What a symbol of the note stands for. */
export type Quantity =
  | 'data' | 'weight' | 'mean' | 'std' | 'var' | 'cov' | 'precision' | 'resp' | 'effcount'
  | 'compdensity' | 'likelihood' | 'loglik' | 'lambda' | 'density' | 'lagrangian' | 'mixture' | 'dataset' | 'logit' | 'hyper';

/** Where a responsibility's point index stands. */
export type RespForm = 'point-first' | 'component-first';


export interface SymbolReading {
  /** Base key of the symbol: font and name, without subscript (`alpha`, `cal:L`, `bold:x`). */
  key: string;
  /** The symbol as LaTeX, for messages (`\alpha`, `\mathcal{L}`). */
  latex: string;
  quantity: Quantity;
  /** Number of subscript indices it was seen with (a weight α_k: 1; the likelihood L: 0). */
  subs: number;
  /** Responsibilities: where the point index stands. */
  form?: RespForm;
  /**
   * A spread written without an index beside indexed means (`𝒩(x_n | μ_k, Σ)`): one covariance
   * shared by all components (a tied model); the 1-based line where the note writes it so.
   */
  shared?: number;
  /** `shared` comes from a tie the note states (`\Sigma_k = \Sigma`, "all components share one variance"), not its Gaussians. */
  tie?: boolean;
  /** Why: the rule and the 1-based line of its first evidence. */
  why: string;
  line: number;
  source: 'note' | 'comment' | 'setting';
}

export interface Reading {
  /** The text calls a spread's letter the standard deviation ("$\sigma_k$ is the standard deviation"). */
  stdStated?: boolean;
  symbols: Map<string, SymbolReading>;
  /** Symbols the note uses in two incompatible roles: `key/indices` → plain reason. */
  ambiguous: Map<string, string>;
  /** Index letters that run over data points / over components. */
  points: Set<string>;
  components: Set<string>;
  /** Symbols that count the points (`N`, `m`, `n`) and the components (`K`, `M`). */
  pointCounts: Set<string>;
  componentCounts: Set<string>;
  /** Symbols that stand for the dimension of the data (`d` in (2π)^{d/2}). */
  dimensions: Set<string>;
  /** Letters that count EM iterations written as bare superscripts (`θ^j`, `u_k^{j+1}`): see iterations.ts. */
  iterations: Set<string>;
  /** Of those, the letters whose newest values the note writes bare (θ^{t-1} the current value, ^t the update: iterations.ts newestBare). */
  newestBare?: Set<string>;
  /** Problems with the user's corrections (an unknown role name in a comment). */
  problems: { message: string; line: number }[];
}

/** One finding of an evidence rule. */
interface Evidence {
  kind: 'symbol' | 'point-index' | 'component-index' | 'point-count' | 'component-count' | 'dimension';
  key: string;
  latex: string;
  quantity?: Quantity;
  subs?: number;
  form?: RespForm;
  /** The form is what the note defines (`r_{nk} = p(z_n = k \mid x_n)`): how the letter is used elsewhere does not change it. */
  formDefined?: boolean;
  /** A spread without an index in a Gaussian whose mean has one (SymbolReading.shared). */
  shared?: boolean;
  rule: string;
  line: number;
}

const NOTHING_READ = 'nothing the note states overrides the usual notation';

/** The reading of a note that states nothing (for reports built by hand). */
export const NO_READING: NoteReading = {
  description: NOTHING_READ, text: NOTHING_READ, parts: [], symbols: [],
  pointIndices: [], componentIndices: [], pointCounts: [], componentCounts: [], dimensions: [], iterationIndices: [], ambiguous: [],
};

// ------------------------------------------------------------------------------------------
// Small readers of tree shapes

const FONT_PREFIX: Record<string, string> = { cal: 'cal:', bold: 'bold:', frak: 'frak:', bb: 'bb:', scr: 'scr:', rm: '' };

/** Base key of a symbol: bold matters (𝐫 is not r), roman does not. */
export function readingKey(s: SymNode, font: SymNode['font'] = s.font): string {
  return `${font ? FONT_PREFIX[font] : ''}${s.name}`;
}

/** A symbol's base as LaTeX (`\\mu`, `\\mathcal{L}`, `x`); bold spelled out unless `bold` is false. */
export function latexOf(s: Pick<SymNode, 'name' | 'font' | 'accent'>, bold = true): string {
  if (s.accent) return `\\${s.accent}{${latexOf({ name: s.name, font: s.font }, bold)}}`;
  const base = s.name.length > 1 ? `\\${s.name}` : s.name;
  switch (s.font) {
    case 'cal': return `\\mathcal{${base}}`;
    case 'bold': return bold ? `\\mathbf{${base}}` : base;
    case 'frak': return `\\mathfrak{${base}}`;
    case 'bb': return `\\mathbb{${base}}`;
    case 'scr': return `\\mathscr{${base}}`;
    default: return base;
  }
}

/** The index letters of a subscript: `ik`, `i,k`, `{n,k}` → ['i', 'k']; null when one is not a plain letter. */
function indexLetters(sub: Node | null): string[] | null {
  if (!sub) return [];
  const out: string[] = [];
  const stack: Node[] = [sub];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'mul' && n.implicit) { stack.push(n.b, n.a); continue; }
    if (n.kind === 'sym' && !n.sub && !n.font && ((n.name.length === 1 && /[a-z]/i.test(n.name)) || n.name === 'ell')) { out.push(n.name); continue; }
    if (n.kind === 'group') { stack.push(n.body); continue; }
    return null;
  }
  return out;
}

/** A symbol with exactly one plain index letter: μ_k → ['mu', 'k']. */
function indexed(n: Node): { sym: SymNode; index: string } | null {
  if (n.kind !== 'sym') return null;
  const l = indexLetters(n.sub);
  return l && l.length === 1 ? { sym: n, index: l[0] } : null;
}

/** Factors of a product, brackets and unary signs seen through: `\pi_k \mathcal{N}(…)` → [π_k, 𝒩(…)]. */
function factors(n: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [n];
  while (stack.length) {
    const m = stack.pop()!;
    if (m.kind === 'mul') { stack.push(m.b, m.a); continue; }
    if (m.kind === 'group' || m.kind === 'neg') { stack.push(m.body); continue; }
    out.push(m);
  }
  return out;
}

/** Does the tree mention the index letter `c` as a subscript anywhere? */
function mentionsIndex(n: Node, c: string): boolean {
  const stack: Node[] = [n];
  while (stack.length) {
    const m = stack.pop()!;
    if (m.kind === 'sym' && m.sub && (indexLetters(m.sub) ?? []).includes(c)) return true;
    if (m.kind === 'sym' && !m.sub && m.name === c) return true;
    for (const ch of children(m)) stack.push(ch);
  }
  return false;
}

/** Names the letter prior gives a Gaussian density: 𝒩, N(·|·), φ/f/p with a `;` or `|`. */
function isGaussianName(fn: SymNode): boolean {
  return fn.name === 'N' && (fn.font === 'cal' || fn.font === null || fn.font === 'scr' || fn.font === 'rm');
}

/** The letter a slot is written with (Σ_k, σ_k², Λ^{-1} → Sigma, sigma, Lambda), or null. */
function slotLetter(n: Node): string | null {
  const base = n.kind === 'pow' ? n.base : n;
  return base.kind === 'sym' && !base.accent ? base.name : null;
}

/**
 * A Gaussian's point, mean and spread. The slots' forms override their order when the two
 * disagree: `𝒩(x_t | Σ_k, μ_k)` (spread first, as some notes write it) has the mean μ_k and the
 * covariance Σ_k, never a mean called Σ.
 */
export function gaussianSlots(x: Node, b: Node, c: Node): [Node, Node, Node] {
  const spread = (l: string | null) => l === 'Sigma' || l === 'Lambda' || l === 'sigma';
  return spread(slotLetter(b)) && slotLetter(c) === 'mu' ? [x, c, b] : [x, b, c];
}

/**
 * φ(y_j; μ_c, Σ_c), f(x | μ_c, σ_c²) in a sum over the component index c: a density under a letter
 * of the note's whose slots are a point, the component's mean and its spread, so the Gaussian 𝒩
 * itself (a p, P or q is a probability whose meaning its other uses decide). Its slots, or null.
 */
function namedGaussianSlots(n: ApplyNode, c: string): [Node, Node, Node] | null {
  if (n.fn.sub || n.fn.primes || n.fn.decor || n.fn.accent || ['p', 'P', 'Pr', 'q', 'Q'].includes(n.fn.name) || OTHER_FAMILY_NAMES.test(n.fn.name)) return null;
  if (!n.given || n.args.length !== 1 || n.given.length !== 2) return null;
  const slots = gaussianSlots(n.args[0], n.given[0], n.given[1]);
  return indexed(slots[1])?.index === c && spreadEvidence(slots[2], '', 0)?.subs === 1 ? slots : null;
}

/** Names of other families' densities (Lap(x | μ, b), Pois, Bern, St, Gam, …): not a Gaussian under another name. */
const OTHER_FAMILY_NAMES = /^(?:Lap(?:lace)?|Pois(?:son)?|Bern(?:oulli)?|Ber|Bin(?:om(?:ial)?)?|St(?:udent)?|T|t|Gam(?:ma)?|Ga|Beta|Dir|Cat|Mult|Multinomial|Exp(?:on)?|Unif|U|vMF|Cauchy|Logistic|LogNormal|LN|IG|InvGamma|W|IW|Wishart|Geom|NB|Weibull)$/;

/** The three slots of a written Gaussian `𝒩(x | μ, σ²)`, `N(x; μ, Σ)`, or null. */
function densitySlots(n: ApplyNode): [Node, Node, Node] | null {
  if (!isGaussianName(n.fn) && !(n.fn.name === 'phi' && !n.fn.sub)) return null;
  if (n.given && n.args.length === 1 && n.given.length === 2) return gaussianSlots(n.args[0], n.given[0], n.given[1]);
  if (!n.given && n.args.length === 3 && isGaussianName(n.fn)) return gaussianSlots(n.args[0], n.args[1], n.args[2]);
  return null;
}

/**
 * A Gaussian written out by hand, seen from its exponent: `\exp(-\frac12 (x - μ_k)^T Σ_k^{-1} (x - μ_k))`
 * or `\exp(-\frac{(x - μ_k)^2}{2σ_k^2})` has the point x, the mean μ_k and the spread Σ_k (σ_k²) in
 * the slots 𝒩(x | μ_k, Σ_k) would give them. The normaliser is not needed to name the roles.
 */
function writtenGaussianSlots(n: Node): [Node, Node, Node] | null {
  if (n.kind !== 'func' || n.name !== 'exp' || n.base) return null;
  let arg = n.arg;
  while (arg.kind === 'group') arg = arg.body;
  if (arg.kind !== 'neg') return null;
  let body = arg.body;
  // −(x − μ)ᵀ Σ⁻¹ (x − μ) / 2
  if (body.kind === 'div' && body.b.kind === 'num') body = body.a;
  return quadraticForm(body) ?? oneDimensional(body);
}

/** `x - μ_k` (in brackets or not) as its two symbols, or null. */
function difference(m: Node): [SymNode, SymNode] | null {
  while (m.kind === 'group') m = m.body;
  return m.kind === 'sub' && m.a.kind === 'sym' && m.b.kind === 'sym' ? [m.a, m.b] : null;
}

/**
 * `\frac12 (x - μ_k)^T Σ_k^{-1} (x - μ_k)`, the product as written: the slots [x, μ_k, Σ_k].
 * Looks at the product's last three factors only.
 */
function quadraticForm(n: Node): [Node, Node, Node] | null {
  if (n.kind !== 'mul' || n.a.kind !== 'mul') return null;
  const right = difference(n.b);
  const inv = n.a.b;
  const left = n.a.a.kind === 'mul' ? n.a.a.b : n.a.a;
  if (!right || inv.kind !== 'pow' || inv.base.kind !== 'sym' || inv.exp.kind !== 'neg' || inv.exp.body.kind !== 'num' || inv.exp.body.value !== 1) return null;
  const l = left.kind === 'transpose' ? difference(left.body) : null;
  const same = (a: SymNode, b: SymNode) => readingKey(a) === readingKey(b) && (indexLetters(a.sub) ?? []).join() === (indexLetters(b.sub) ?? []).join();
  return l && same(l[0], right[0]) && same(l[1], right[1]) ? [right[0], right[1], inv.base] : null;
}

/** `(x - μ_k)^2 / (2σ_k^2)`, with the 2 or a ½ anywhere: the slots [x, μ_k, σ_k²]. */
function oneDimensional(body: Node): [Node, Node, Node] | null {
  // `\frac{1}{2\sigma_k^2} (x - \mu_k)^2`: the same with the fraction in front.
  if (body.kind === 'mul') {
    const fs = factors(body);
    const frac = fs.find((f) => f.kind === 'div' && f.a.kind === 'num');
    const sq = fs.find((f) => f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value === 2 && difference(f.base) !== null);
    if (!frac || !sq || fs.some((f) => f !== frac && f !== sq && f.kind !== 'num') || frac.kind !== 'div' || sq.kind !== 'pow') return null;
    const bottom = factors(frac.b).filter((f) => f.kind !== 'num');
    const d = difference(sq.base)!;
    if (bottom.length === 1 && (bottom[0]!.kind === 'sym' || (bottom[0]!.kind === 'pow' && bottom[0]!.base.kind === 'sym'))) return [d[0], d[1], bottom[0]!];
    return null;
  }
  if (body.kind !== 'div') return null;
  const top = factors(body.a).filter((f) => f.kind !== 'num');
  const bottom = factors(body.b).filter((f) => f.kind !== 'num');
  const sq = top.length === 1 && top[0]!.kind === 'pow' && top[0]!.exp.kind === 'num' && top[0]!.exp.value === 2 ? difference(top[0]!.base) : null;
  if (sq && bottom.length === 1 && (bottom[0]!.kind === 'sym' || (bottom[0]!.kind === 'pow' && bottom[0]!.base.kind === 'sym'))) {
    return [sq[0], sq[1], bottom[0]!];
  }
  return null;
}

/**
 * A component density written with the component in its subscript or its
 * parameters: φ(y_j | θ_k), f_k(x_i), p_k(x), φ_k(x_i). Returns the component
 * letter and the point, or null.
 */
function componentDensityShape(n: ApplyNode): { component: string; point: Node } | null {
  if (n.args.length !== 1) return null;
  // q_n(k), Q_i(j): a distribution over the components (its argument a bare index letter), not a density at a point.
  const arg = n.args[0]!;
  if (arg.kind === 'sym' && !arg.sub && !arg.font && ['i', 'j', 'k', 'l', 'm', 'n', 'c'].includes(arg.name)) return null;
  const fnIdx = indexLetters(n.fn.sub);
  // f_k(y_i), f_k(y_i ; θ^{(t−1)}): the parameters after `;` or `|` are the model's.
  const paramsOnly = !n.given || n.given.every((g) => g.kind === 'sym' && g.name === 'theta' && !g.sub);
  if (fnIdx && fnIdx.length === 1 && paramsOnly) return { component: fnIdx[0], point: n.args[0] };
  if (!n.fn.sub && n.given && n.given.length === 1) {
    const g = indexed(n.given[0]);
    if (g && g.sym.name === 'theta') return { component: g.index, point: n.args[0] };
  }
  // φ_{θ_k}(x): the density with component k's parameters θ_k = (μ_k, σ_k²), as ESL §8.5 writes it.
  const t = n.fn.sub ? indexed(n.fn.sub) : null;
  if (t && isThetaLetter(t.sym) && paramsOnly) return { component: t.index, point: n.args[0] };
  return null;
}

/** A plain letter or its complement `(1 − π)`: the one weight of a two-component mixture. */
function isOneWeight(n: Node): boolean {
  // (factors sees through the brackets: the complement comes as `1 − π` itself.)
  const w = n.kind === 'sub' && n.a.kind === 'num' && n.a.value === 1 ? n.b : n;
  return w.kind === 'sym' && !w.sub && !w.decor && w.font !== 'bold' && (w.name.length === 1 || GREEK_WEIGHTS.has(w.name));
}
const GREEK_WEIGHTS = new Set(['pi', 'alpha', 'rho', 'phi', 'varphi', 'lambda', 'omega', 'tau', 'eta', 'theta', 'beta', 'varpi']);

/** θ or ϑ, plain: the letter of a component's parameters in φ_{θ_k}. */
function isThetaLetter(n: SymNode): boolean {
  return (n.name === 'theta' || n.name === 'vartheta') && !n.font && !n.decor && !n.primes;
}

/**
 * φ_{θ_1}(y), φ_1(y), f_2(x): a density applied at a point, of the component its number names (through θ_j or alone), or
 * null. (The term-by-term mixture, `(1 − π) φ_{θ_1}(y) + π φ_{θ_2}(y)`, numbers its components.)
 */
function numberedDensity(n: Node): { component: number; point: Node } | null {
  if (n.kind !== 'apply' || n.args.length !== 1 || n.given || !n.fn.sub || n.fn.font === 'bold') return null;
  const sub = n.fn.sub.kind === 'sym' && isThetaLetter(n.fn.sub) ? n.fn.sub.sub : n.fn.sub;
  return sub?.kind === 'num' && Number.isInteger(sub.value) && sub.value >= 1 ? { component: sub.value, point: n.args[0]! } : null;
}

/** 2π, (2π). */
function isTwoPi(n: Node): boolean {
  while (n.kind === 'group') n = n.body;
  return n.kind === 'mul' && n.a.kind === 'num' && n.a.value === 2 && n.b.kind === 'sym' && n.b.name === 'pi' && !n.b.sub;
}

/** A single plain letter (`d`, `{p}`), or null. */
function plainLetter(e: Node): string | null {
  while (e.kind === 'group') e = e.body;
  return e.kind === 'sym' && !e.sub && !e.font && !e.decor && e.name.length === 1 ? e.name : null;
}

/** The letter of `d/2`, `\frac{d}{2}`, `-n/2` (brackets and sign seen through), or null. */
function halfOfLetter(e: Node): string | null {
  while (e.kind === 'group' || e.kind === 'neg') e = e.body;
  return e.kind === 'div' && e.a.kind === 'sym' && !e.a.sub && e.a.name.length === 1 && e.b.kind === 'num' && e.b.value === 2 ? e.a.name : null;
}

// ------------------------------------------------------------------------------------------
// The evidence rules

/** `line`: where a finding is recorded; factsOf passes the offset itself and makes it a line per check. */
interface RuleInput { chain: Chain; nodes: Node[]; line: (offset: number) => number }
type Rule = { name: string; find: (input: RuleInput, out: Evidence[]) => void };

/** Every node of the statement's sides, with an explicit stack (formulas can be long and flat). */
function eachNode(nodes: readonly Node[], visit: (n: Node) => void): void {
  for (const root of nodes) {
    const all = sideNodes.get(root);
    if (all) for (const n of all) visit(n);
    else walk(root, visit);
  }
}

/**
 * The nodes of each side of a chain in the order eachNode visits them, listed
 * once while a chain's facts are read (factsOf): every evidence rule walks every
 * side. Only sides are listed (subtrees are walked as before: listing them too
 * would grow with the depth of nesting).
 */
const sideNodes = new WeakMap<Node, Node[]>();

function listSideNodes(root: Node): void {
  if (sideNodes.has(root)) return;
  const all: Node[] = [];
  walk(root, (n) => all.push(n));
  sideNodes.set(root, all);
}

function sym(e: Omit<Evidence, 'kind' | 'key' | 'latex'>, s: SymNode): Evidence {
  return { kind: 'symbol', key: readingKey(s), latex: latexOf(s), ...e };
}

/** What the third slot of a Gaussian says about its symbol: σ² → σ is a standard deviation, Σ → covariance, Λ^{-1} → precision. */
function spreadEvidence(slot: Node, rule: string, line: number): Evidence | null {
  // (s_1, s_2: a component by its number is one index, as the means' μ_1 is; not s_0, a prior's.)
  const subs = (b: SymNode): number => (b.sub?.kind === 'num' && b.sub.value >= 1 ? 1 : (indexLetters(b.sub) ?? []).length);
  if (slot.kind === 'pow' && slot.base.kind === 'sym' && slot.exp.kind === 'num' && slot.exp.value === 2) {
    return sym({ quantity: 'std', subs: subs(slot.base), rule, line }, slot.base);
  }
  if (slot.kind === 'pow' && slot.base.kind === 'sym' && slot.exp.kind === 'neg' && slot.exp.body.kind === 'num' && slot.exp.body.value === 1) {
    if (slot.base.name === 'Sigma') return null; // Σ^{-1} in the covariance slot is a slip, not a name
    return sym({ quantity: 'precision', subs: subs(slot.base), rule, line }, slot.base);
  }
  if (slot.kind === 'sym' && indexLetters(slot.sub) !== null) {
    // σ_k written alone in the variance slot is read both ways in real notes: no evidence. I unindexed there is the
    // identity matrix (𝒩(x | μ, I)), not a variance named I.
    if (slot.name === 'sigma' || (slot.name === 'I' && !slot.sub)) return null;
    const q: Quantity = slot.name === 'Sigma' || slot.font === 'bold' ? 'cov' : 'var';
    return sym({ quantity: q, subs: (indexLetters(slot.sub) ?? []).length, rule, line }, slot);
  }
  return null;
}

/** "the Lagrange multiplier $\mu$", "a multiplier $\nu$ for the constraint": the letter the text names the multiplier. */
const MULTIPLIER_NAMED = /(?<!\bscalar\s)\bmultiplier\s+(?:\$|\\\()\s*(\\?[A-Za-z]+)\s*(?:\$|\\\))(?!\s*of\b)/gi;

// (The three patterns below run over the whole note at every check: `gi`, not `giu`, which V8 matches 20–30 times slower
// here. They hold no `\p{…}` and no character outside the BMP, so the flag changed nothing they match in ASCII prose.)
/**
 * "Weights $c_k$", "mixing coefficients $\phi_k$", "mixing proportions $w_k$": the letter the text names the mixture's weights,
 * with one index. (Not a point's weights, "data weights $c_n$", "sample weights $w_i$", which weight the points.)
 */
const WEIGHTS_NAMED = /(?<!\b(?:data|sample|point|observation|importance|example|per-point|case)[- ])\b(?:(?:mixing|mixture)\s+(?:weights?|coefficients?|proportions?|probabilities)|weights)\s*(?:(?:are|as|denoted(?:\s+by)?|written)\s+)?(?:\$|\\\()\s*([^$]{1,40}?)\s*(?:\$|\\\))/gi;

/**
 * "(component $k$, point $n$)", "for data point $i$", "cluster index $j$": an index letter the text names as a component's or a
 * point's. (A letter written with a subscript anywhere, "the point $x$" beside x_i, is not an index.)
 */
const INDEX_NAMED = /\b(components?|clusters?|points?|observations?)\s+(?:index\s+)?(?:\$|\\\()\s*([a-z])\s*(?:\$|\\\))/gi;

/** Words of a sentence that gives weights to the points (WEIGHTS_NAMED does not read those as the mixture's). */
const POINTS_WORDS = /\b(?:observations?|points?|data|samples?|examples?|instances?)\b[^,;.]{0,40}$/i;

/** "responsibilities $q_{tc}$", "the responsibility $w_{ik}$": the letter the text names the responsibilities, with two indices. */
const RESP_NAMED = /\bresponsibilit(?:y|ies)\s*(?:(?:are|as|denoted(?:\s+by)?|written)\s+)?(?:\$|\\\()\s*([^$]{1,40}?)\s*(?:\$|\\\))/gi;

/** Words that name a responsibility in a sentence. */
const RESP_WORDS = /\b(?:responsibilit(?:y|ies)|posterior|soft (?:assignment|label|count)s?|membership)\b/i;

/** A symbol alone in inline math: `$r_{nk}$`, `\(\gamma_{ik}\)`. */
const INLINE_MATH = /(?:\$|\\\()\s*((?:\\[A-Za-z]+\s*)?[A-Za-z]?\s*_\s*\{[^{}$]{1,12}\})\s*(?:\$|\\\))/gu;

/** Where the sentence around `at` starts: after the last full stop, question mark or blank line before it. */
function sentenceStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && !/[.?!]\s/.test(text.slice(i - 1, i + 1)) && !(text[i - 1] === '\n' && text[i - 2] === '\n')) i--;
  return i;
}

/** Where the sentence starting at `from` ends. */
function sentenceEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !/[.?!](?:\s|$)/.test(text.slice(i, i + 2)) && !(text[i] === '\n' && text[i + 1] === '\n')) i++;
  return i;
}

const HYPER_RULE = 'a hyperparameter (a prior\'s precision or a penalty\'s weight)';

const EVIDENCE_RULES: Rule[] = [
  {
    // 𝒩(a | b, c): a is a data point (its index runs over points), b a mean (its
    // index over components), c a spread whose form names its kind.
    name: 'a Gaussian’s slots',
    find: ({ nodes, line }, out) => eachNode(nodes, (n) => {
      const slots = n.kind === 'apply' ? densitySlots(n) : writtenGaussianSlots(n);
      if (!slots) return;
      const rule = 'a Gaussian’s slots';
      const at = line(n.span.start);
      const [x, m, s] = slots;
      const xi = x.kind === 'sym' ? indexLetters(x.sub) : null;
      if (x.kind === 'sym' && xi && xi.length <= 1 && x.name !== 'mu') {
        out.push(sym({ quantity: 'data', subs: xi.length, rule, line: at }, x));
        if (xi.length === 1) out.push({ kind: 'point-index', key: xi[0], latex: xi[0], rule, line: at });
        // 𝒩(y | m_k, τ_k) at a generic point y: y_j elsewhere is a data point too.
        else if (x.font !== 'bb' && x.font !== 'cal') out.push(sym({ quantity: 'data', subs: 1, rule, line: at }, x));
      }
      // μ_1 (a numeric subscript, a worked-out two-component model) is a mean too, of one component.
      // (Not μ_0 or m_0, a prior's hyperparameter, and not in a prior on a mean, 𝒩(μ_k | m_0, …).)
      const numericMean = m.kind === 'sym' && m.sub?.kind === 'num' && m.sub.value >= 1 && !(x.kind === 'sym' && x.name === 'mu');
      const mi = m.kind === 'sym' ? (numericMean ? [] : indexLetters(m.sub)) : null;
      // 𝒩(x_n | x_n, σ²I) puts a data point in the mean's slot: that says nothing about the letter.
      const sameAsPoint = m.kind === 'sym' && x.kind === 'sym' && readingKey(m) === readingKey(x);
      if (m.kind === 'sym' && mi && mi.length <= 1 && !sameAsPoint) {
        out.push(sym({ quantity: 'mean', subs: numericMean ? 1 : mi.length, rule, line: at }, m));
        if (mi.length === 1) out.push({ kind: 'component-index', key: mi[0], latex: mi[0], rule, line: at });
      }
      const se = spreadEvidence(s, rule, at);
      if (se && se.subs === 0 && mi?.length === 1 && !sameAsPoint) se.shared = true;
      if (se) out.push(se);
    }),
  },
  {
    // w_1 𝒩(x | μ_1, σ_1²) + w_2 𝒩(x | μ_2, σ_2²): a mixture written term by term names w the
    // weights as the sum below does (the same letter in every term, each with its component's number).
    name: 'a mixture written term by term',
    find: ({ nodes, line }, out) => eachNode(nodes, (n) => {
      if (n.kind !== 'add') return;
      const terms = operands(n, 'add');
      if (terms.length < 2) return;
      let letter: SymNode | null = null;
      const seen = new Set<number>();
      // (Or with the components' densities named by their numbers, φ_{θ_1}(y) or φ_1(y): the letter is then their density.)
      let named: SymNode | null = null;
      const points: [SymNode, string[]][] = [];
      for (const t of terms) {
        const fs = factors(t);
        const dens = fs.filter((f) => f.kind === 'apply' && densitySlots(f) !== null);
        const numbered = dens.length === 0 ? fs.filter((f): f is ApplyNode => numberedDensity(f) !== null) : [];
        if (dens.length !== 1 && numbered.length !== 1) return;
        if (numbered.length === 1) {
          const fn = numbered[0]!.fn;
          if (named && (named.name !== fn.name || named.font !== fn.font)) return;
          named = fn;
          const point = numbered[0]!.args[0]!;
          const pi = point.kind === 'sym' && point.font !== 'bb' && point.font !== 'cal' ? indexLetters(point.sub) : null;
          if (pi && pi.length <= 1) points.push([point as SymNode, pi]);
        }
        const mean = dens.length === 1 ? densitySlots(dens[0] as ApplyNode)![1] : null;
        const c = numbered.length === 1 ? numberedDensity(numbered[0]!)!.component : mean?.kind === 'sym' && mean.sub?.kind === 'num' ? mean.sub.value : null;
        const ws = fs.filter((f): f is SymNode => f !== dens[0] && f.kind === 'sym' && f.sub?.kind === 'num' && f.sub.value === c);
        if (c === null || seen.has(c)) return;
        seen.add(c);
        // (A numbered density weighted by one letter or its complement, `(1 − π) φ_{θ_1}(y)`: bareWeight.ts reads the letter.)
        if (ws.length !== 1) { if (numbered.length === 1 && fs.some(isOneWeight)) continue; return; }
        const w = ws[0]!;
        if (w.name === 'mu' || w.name === 'Sigma' || w.name === 'sigma' || w.decor || (letter && (letter.name !== w.name || letter.font !== w.font))) return;
        letter = w;
      }
      const at = line(n.span.start);
      if (letter) out.push(sym({ quantity: 'weight', subs: 1, rule: 'a mixture written term by term', line: at }, letter));
      if (named) {
        const rule = 'a mixture written term by term';
        out.push(sym({ quantity: 'compdensity', subs: 1, rule, line: at }, named));
        // The point the densities are taken at is the data: y_i, or a generic y (y_i elsewhere is a data point too).
        for (const [point, pi] of points) {
          out.push(sym({ quantity: 'data', subs: pi.length, rule, line: at }, point));
          if (pi.length === 1) out.push({ kind: 'point-index', key: pi[0]!, latex: pi[0]!, rule, line: at });
          else out.push(sym({ quantity: 'data', subs: 1, rule, line: at }, point));
        }
      }
    }),
  },
  {
    // Σ_c w_c · density_c: w are the weights, c runs over components, and a
    // density named by the note (φ, f, p_k) is the component density.
    name: 'a mixture sum',
    find: ({ nodes, line }, out) => eachNode(nodes, (n) => {
      if (n.kind !== 'sum' || !n.index || n.index.sub) return;
      const c = n.index.name;
      const fs = factors(n.body);
      // A density applied (𝒩(x | μ_c, Σ_c), φ_c(x)) or written out (its exponent in the mean μ_c).
      const dens = fs.filter((f): f is ApplyNode | Extract<Node, { kind: 'func' }> => (f.kind === 'apply' && mentionsIndex(f, c) &&
        (densitySlots(f) !== null || componentDensityShape(f)?.component === c || namedGaussianSlots(f, c) !== null)) ||
        (f.kind === 'func' && indexed(writtenGaussianSlots(f)?.[1] ?? f)?.index === c));
      if (dens.length !== 1) return;
      const weights = fs.filter((f) => f !== dens[0] && indexed(f)?.index === c);
      if (weights.length !== 1) return;
      const rule = 'a mixture sum';
      const at = line(n.span.start);
      const w = weights[0] as SymNode;
      if (w.name === 'mu' || w.name === 'Sigma' || w.name === 'sigma') return;
      out.push(sym({ quantity: 'weight', subs: 1, rule, line: at }, w));
      out.push({ kind: 'component-index', key: c, latex: c, rule, line: at });
      const d = dens[0];
      const named = d.kind === 'apply' ? namedGaussianSlots(d, c) : null;
      if (d.kind === 'apply' && !densitySlots(d) && !named) out.push(sym({ quantity: 'compdensity', subs: (indexLetters(d.fn.sub) ?? []).length, rule, line: at }, d.fn));
      if (named && d.kind === 'apply' && !isGaussianName(d.fn)) out.push(sym({ quantity: 'density', subs: 0, rule, line: at }, d.fn));
      const shape = d.kind === 'apply' ? componentDensityShape(d) : null;
      const point = shape ? shape.point : d.kind === 'apply' ? (densitySlots(d) ?? named)?.[0] : writtenGaussianSlots(d)?.[0];
      const pi = point && point.kind === 'sym' ? indexLetters(point.sub) : null;
      if (point && point.kind === 'sym' && pi && pi.length <= 1) {
        out.push(sym({ quantity: 'data', subs: pi.length, rule, line: at }, point));
        if (pi.length === 1) out.push({ kind: 'point-index', key: pi[0], latex: pi[0], rule, line: at });
      }
      if (n.upper && n.upper.kind === 'sym' && !n.upper.sub) {
        out.push({ kind: 'component-count', key: n.upper.name, latex: latexOf(n.upper), rule, line: at });
      }
    }),
  },
  {
    // log w_c + log 𝒩(x | μ_c, Σ_c): the logarithm of one mixture term (the log-sum-exp form of
    // the E-step, the complete-data log-likelihood), so w are the weights, as in Σ_c w_c 𝒩(…).
    name: 'a logarithm of a mixture term',
    find: ({ nodes, line }, out) => eachNode(nodes, (n) => {
      if (n.kind !== 'add') return;
      const terms = operands(n, 'add');
      const logOf = (t: Node): Node | null => (t.kind === 'func' && (t.name === 'log' || t.name === 'ln') && !t.base ? t.arg : null);
      const args = terms.map(logOf);
      const densities = args.flatMap((a) => (a && a.kind === 'apply' && densitySlots(a) ? [densitySlots(a)!] : []));
      if (densities.length !== 1) return;
      const c = indexed(densities[0][1])?.index;
      if (!c) return;
      const weights = args.flatMap((a) => (a && indexed(a)?.index === c ? [indexed(a)!.sym] : []));
      if (weights.length !== 1) return;
      const w = weights[0];
      if (['mu', 'Sigma', 'sigma', 'Lambda'].includes(w.name) || readingKey(w) === readingKey(densities[0][1] as SymNode)) return;
      const rule = 'a logarithm of a mixture term';
      out.push(sym({ quantity: 'weight', subs: 1, rule, line: line(n.span.start) }, w));
      out.push({ kind: 'component-index', key: c, latex: c, rule, line: line(n.span.start) });
    }),
  },
  {
    // A sum over points (its index subscripts the data) names the count of points in its bound.
    name: 'a sum over the data',
    find: ({ nodes, line }, out) => eachNode(nodes, (n) => {
      if (n.kind !== 'sum' && n.kind !== 'prod') return;
      if (!n.index || n.index.sub || !n.upper || n.upper.kind !== 'sym' || n.upper.sub) return;
      const idx = n.index.name;
      let onData = false;
      eachNode([n.body], (m) => {
        if (m.kind === 'apply') {
          const slots = densitySlots(m);
          const point = slots ? slots[0] : componentDensityShape(m)?.point;
          if (point && point.kind === 'sym' && (indexLetters(point.sub) ?? []).includes(idx)) onData = true;
        }
      });
      if (onData) out.push({ kind: 'point-count', key: n.upper.name, latex: latexOf(n.upper), rule: 'a sum over the data', line: line(n.span.start) });
    }),
  },
  {
    // `L = ∏_i …` is a likelihood; `ℓ = Σ_i log …` or `log ∏ …` a log-likelihood.
    name: 'a definition of the objective',
    find: ({ chain, line }, out) => {
      const first = chain.sides[0];
      if (!first?.ok) return;
      // `\log L(θ) = Σ_i \log …`: the letter under the logarithm is the likelihood itself.
      const logOf = first.node.kind === 'func' && (first.node.name === 'log' || first.node.name === 'ln') && !first.node.base ? objectiveHead(first.node.arg) : null;
      const head = logOf ?? objectiveHead(first.node);
      if (!head) return;
      for (const side of chain.sides.slice(1)) {
        if (!side.ok) continue;
        const kind = objectiveKind(side.node);
        if (logOf && kind !== 'loglik') continue;
        const q = logOf ? 'likelihood' : kind;
        if (q) {
          out.push(sym({ quantity: q, subs: 0, rule: q === 'likelihood' ? 'defined as a product over points' : 'defined as a sum of logarithms', line: line(first.span.start) }, head));
          return;
        }
      }
    },
  },
  {
    // `\Lambda_k = \Sigma_k^{-1}`: a new name for the precision (derivatives are then taken in it).
    name: 'a definition of the precision',
    find: ({ chain, line }, out) => {
      const [a, b] = chain.sides;
      if (chain.sides.length !== 2 || !a?.ok || !b?.ok || a.node.kind !== 'sym' || a.node.decor || a.node.accent) return;
      const r = b.node;
      const inverse = r.kind === 'pow' && r.exp.kind === 'neg' && r.exp.body.kind === 'num' && r.exp.body.value === 1 ? r.base : null;
      if (!inverse || inverse.kind !== 'sym' || inverse.name !== 'Sigma' || inverse.decor) return;
      const la = indexLetters(a.node.sub), lb = indexLetters(inverse.sub);
      if (!la || !lb || la.length !== 1 || la.join() !== lb.join() || a.node.name === 'Sigma') return;
      out.push(sym({ quantity: 'precision', subs: 1, rule: 'a definition of the precision', line: line(a.span.start) }, a.node));
    },
  },
  {
    // x^{(i)} (CS229): the data point's index written as a superscript runs over points.
    name: 'a superscript index on the data',
    find: ({ nodes, line }, out) => eachNode(nodes, (n) => {
      if (n.kind !== 'sym' || n.sub || (n.name !== 'x' && n.name !== 'y') || n.font) return;
      const m = /^\(([a-z])\)$/.exec(n.decor ?? '');
      if (m) out.push({ kind: 'point-index', key: m[1]!, latex: m[1]!, rule: 'a superscript index on the data', line: line(n.span.start) });
    }),
  },
  {
    // (2π)^{d/2}, (2π)^{-n/2}: the letter in a Gaussian's normaliser is the dimension; so it is
    // in the normaliser's logarithm, −(d/2) ln(2π).
    name: 'a Gaussian normaliser',
    find: ({ nodes, line }, out) => eachNode(nodes, (n) => {
      let d: string | null = null;
      if (n.kind === 'pow' && isTwoPi(n.base)) d = halfOfLetter(n.exp);
      // \sqrt{(2π)^d |Σ|}: the whole power under a square root.
      if (n.kind === 'sqrt' && !n.index) {
        const first = n.body.kind === 'mul' ? factors(n.body)[0] : n.body;
        if (first?.kind === 'pow' && isTwoPi(first.base)) d = plainLetter(first.exp);
      }
      // (d/2) · ln(2π): the factor written just before the logarithm (constant work per node,
      // so that a long product is not walked once per factor).
      if (n.kind === 'mul' && n.b.kind === 'func' && (n.b.name === 'ln' || n.b.name === 'log') && !n.b.base && isTwoPi(n.b.arg)) {
        d = halfOfLetter(n.a.kind === 'mul' ? n.a.b : n.a);
      }
      if (d) out.push({ kind: 'dimension', key: d, latex: d, rule: 'a Gaussian normaliser', line: line(n.span.start) });
    }),
  },
  {
    // `x \in \mathbb{R}^d`, `x_i ∈ R^d`: a vector of the space ℝ^d, whose exponent is the dimension.
    name: 'a point of ℝ^d',
    find: ({ chain, line }, out) => {
      chain.relations.forEach((r, j) => {
        const a = chain.sides[j], b = chain.sides[j + 1];
        if (r.rel !== '∈' || !a?.ok || !b?.ok || a.node.kind !== 'sym' || b.node.kind !== 'pow') return;
        const { base, exp } = b.node;
        if (base.kind !== 'sym' || base.name !== 'R' || base.sub || (base.font !== null && base.font !== 'bb')) return;
        if (exp.kind !== 'sym' || exp.sub || exp.font || exp.decor || exp.name.length !== 1 || !/[a-zA-Z]/.test(exp.name)) return;
        out.push({ kind: 'dimension', key: exp.name, latex: exp.name, rule: 'a point of ℝ^d', line: line(b.span.start) });
      });
    },
  },
  {
    // `p(W) = ∏_i p(W_i)`: unindexed, W is the whole data set (not one point, as in 𝒩(W | μ_j, σ_j²)).
    name: 'a product over the points',
    find: ({ chain, line }, out) => {
      const first = chain.sides[0];
      if (!first?.ok || first.node.kind !== 'apply' || first.node.args.length !== 1) return;
      const a = first.node.args[0];
      if (a.kind !== 'sym' || a.sub) return;
      for (const side of chain.sides.slice(1)) {
        if (!side.ok || side.node.kind !== 'prod' || !side.node.index) continue;
        const c = side.node.index.name;
        // (W_i the argument of a density or function, p(W_i), f(W_i | θ): not `p(π) ∝ ∏_k π_k^{α_k − 1}`, a prior's powers.)
        const isElement = (m: Node) => m.kind === 'sym' && m.name === a.name && m.font === a.font && (indexLetters(m.sub) ?? []).join() === c;
        let found = false;
        eachNode([side.node.body], (m) => {
          if (m.kind === 'apply' && m.args.some(isElement)) found = true;
        });
        if (found) out.push(sym({ quantity: 'dataset', subs: 0, rule: 'a product over the points', line: line(first.span.start) }, a));
      }
    },
  },
  {
    // `P(y | θ) = Σ_k α_k φ(y | θ_k)`: P is the mixture density (of the point it is applied to).
    name: 'a definition of the mixture density',
    find: ({ chain, line }, out) => {
      const first = chain.sides[0];
      if (!first?.ok || first.node.kind !== 'apply' || first.node.args.length !== 1 || first.node.fn.sub) return;
      const head = first.node;
      // p(·) is the model's density by the letter table already; a definition of it stays a claim.
      if (isGaussianName(head.fn) || (head.fn.name === 'p' && !head.fn.font)) return;
      const point = head.args[0];
      for (const side of chain.sides.slice(1)) {
        if (!side.ok) continue;
        let m = side.node;
        while (m.kind === 'group') m = m.body;
        if (m.kind !== 'sum' || !m.index) continue;
        const c = m.index.name;
        const dens = factors(m.body).find((f): f is ApplyNode => f.kind === 'apply' && (densitySlots(f) !== null || componentDensityShape(f)?.component === c));
        if (!dens) continue;
        const p = densitySlots(dens)?.[0] ?? componentDensityShape(dens)?.point;
        if (!p || p.kind !== 'sym' || point.kind !== 'sym' || p.name !== point.name || (indexLetters(p.sub) ?? []).join() !== (indexLetters(point.sub) ?? []).join()) continue;
        out.push(sym({ quantity: 'mixture', subs: 0, rule: 'defined as a mixture of the component densities', line: line(first.span.start) }, head.fn));
        return;
      }
    },
  },
  {
    // `𝓛 = … + λ(1 − Σ_k π_k)`: a symbol defined with a multiplier term is the note's Lagrangian
    // (whatever its letter), defined by that statement, not the log-likelihood.
    name: 'a definition with a multiplier',
    find: ({ chain, line }, out) => {
      const first = chain.sides[0];
      if (!first?.ok || first.node.kind !== 'sym' || first.node.sub || chain.relations[0]?.rel !== '=' && chain.relations[0]?.rel !== ':=') return;
      const head = first.node;
      const rhs = chain.sides[1];
      if (!rhs?.ok) return;
      let lambda = false;
      let self = false;
      eachNode([rhs.node], (m) => {
        if ((m.kind === 'sym' && m.name === 'lambda') || multiplierLetter(m)) lambda = true;
        if (m.kind === 'sym' && readingKey(m) === readingKey(head) && !m.sub) self = true;
      });
      if (!lambda || self) return;
      const terms: Node[] = [];
      const stack: Node[] = [rhs.node];
      while (stack.length) {
        const m = stack.pop()!;
        if (m.kind === 'add' || m.kind === 'sub') stack.push(m.a, m.b);
        else terms.push(m);
      }
      // (`\lambda \big(\sum_k \pi_k - 1\big)` reads as λ applied to the bracket: the multiplier times the constraint too.)
      const multiplierTerm = terms.some((t) => multiplierLetter(t) || factors(t).some((f) => (f.kind === 'sym' && f.name === 'lambda') ||
        (f.kind === 'apply' && f.fn.name === 'lambda' && !f.fn.sub)));
      if (terms.length > 1 && multiplierTerm) out.push(sym({ quantity: 'lagrangian', subs: 0, rule: 'defined with a multiplier term', line: line(first.span.start) }, head));
    },
  },
  {
    // `η (Σ_k π_k − 1)`, `β(1 − Σ_k π_k)`: a letter multiplying the weights' constraint is the
    // multiplier, whatever its letter (λ is the usual one; the letter table reads it without this).
    name: 'a multiplier of the constraint',
    find: ({ nodes, line }, out) => eachNode(nodes, (n) => {
      const letter = multiplierLetter(n);
      if (letter) out.push(sym({ quantity: 'lambda', subs: 0, rule: 'a multiplier of the constraint', line: line(n.span.start) }, letter));
    }),
  },
  {
    // `μ_k ∼ 𝒩(0, λ^{-1})`, `\frac{λ}{2} Σ_k μ_k²`, `λ μ_k`, `Σ_k + λI`: a bare λ in a Gaussian's mean or
    // spread, or multiplying a mean, a spread or the identity, is a prior's precision or a penalty's
    // weight (MAP-EM, ridge-regularised covariances), not the multiplier of the weights' constraint the
    // letter table takes it for: the steps that write it depend on a value the note chooses. (A statement
    // that also writes λ times the constraint is left to the letter table.)
    name: 'a hyperparameter λ',
    find: ({ nodes, line }, out) => {
      const found: SymNode[] = [];
      let multiplier = null as SymNode | null;
      eachNode(nodes, (n) => {
        if (n.kind === 'apply') {
          // (`\lambda\left(\sum_k \pi_k - 1\right)` parses as λ applied to the constraint.)
          if (isBareLambda(n.fn) && n.args.length === 1 && isConstraint(n.args[0]!)) multiplier ??= n.fn;
          const slots = densitySlots(n);
          const lam = slots && (bareLambdaIn(slots[1]) ?? bareLambdaIn(slots[2]));
          if (lam) found.push(lam);
        } else if (n.kind === 'mul') {
          const fs = factors(n);
          const lam = fs.map(lambdaFactor).find((l) => l);
          if (lam && fs.some(isConstraint)) multiplier ??= lam;
          if (lam && fs.some((f) => !lambdaFactor(f) && writesModelParameter(f))) found.push(lam);
        }
      });
      // λ times the weights' constraint is the note's multiplier: with a hyperparameter read elsewhere in the
      // note (an aside `Σ_k + λI`, a penalty's weight in another section), λ has two roles (inferReading).
      if (multiplier) out.push(sym({ quantity: 'lambda', subs: 0, rule: 'a multiplier of the constraint', line: line(multiplier.span.start) }, multiplier));
      else if (found.length) out.push(sym({ quantity: 'hyper', subs: 0, rule: HYPER_RULE, line: line(found[0]!.span.start) }, found[0]!));
    },
  },
  {
    // `\sum_{c=1}^{C} \pi_c`: a sum of the weights π runs over the components, up to their number (C, M, J: any letter).
    name: 'a sum of the weights',
    find: ({ nodes, line }, out) => eachNode(nodes, (n) => {
      if (n.kind !== 'sum' || !n.index || n.index.sub || !n.upper || n.upper.kind !== 'sym' || n.upper.sub) return;
      let body = n.body;
      while (body.kind === 'group') body = body.body;
      const w = indexed(body);
      if (!w || w.index !== n.index.name || w.sym.name !== 'pi' || w.sym.font || w.sym.decor) return;
      const rule = 'a sum of the weights';
      const at = line(n.span.start);
      out.push({ kind: 'component-index', key: n.index.name, latex: n.index.name, rule, line: at });
      out.push({ kind: 'component-count', key: n.upper.name, latex: latexOf(n.upper), rule, line: at });
    }),
  },
  {
    // `N_k = \sum_n r_{kn}`: a component's count sums a two-index letter over the points, so the sum's index runs over
    // the points and N's over the components (where each stands in r_{kn} then follows from them, inferReading).
    name: 'a count summed over the points',
    find: ({ chain, line }, out) => {
      const [a, b] = chain.sides;
      if (!a?.ok || !b?.ok || a.node.kind !== 'sym' || a.node.name !== 'N' || a.node.font || a.node.decor || a.node.accent) return;
      if (b.node.kind !== 'sum' || !b.node.index || b.node.index.sub) return;
      const k = indexLetters(a.node.sub);
      let body = b.node.body;
      while (body.kind === 'group') body = body.body;
      const letters = body.kind === 'sym' && !body.decor ? indexLetters(body.sub) : null;
      const n = b.node.index.name;
      if (!k || k.length !== 1 || !letters || letters.length !== 2 || n === k[0] || !letters.includes(n) || !letters.includes(k[0]!)) return;
      const rule = 'a count summed over the points';
      const at = line(a.span.start);
      out.push({ kind: 'point-index', key: n, latex: n, rule, line: at });
      out.push({ kind: 'component-index', key: k[0]!, latex: k[0]!, rule, line: at });
    },
  },
  {
    // `c_k = e^{η_k} / Σ_j e^{η_j}`: the weights written as a softmax of unconstrained logits η
    // (the exponential as e^{…} or \exp(…)); derivatives are then taken in the logits.
    name: 'a softmax of the weights',
    find: ({ chain, line }, out) => {
      const [a, b] = chain.sides;
      if (chain.sides.length !== 2 || !a?.ok || !b?.ok || a.node.kind !== 'sym' || a.node.decor || a.node.accent || b.node.kind !== 'div') return;
      const k = indexLetters(a.node.sub);
      if (!k || k.length !== 1) return;
      const num = exponentOf(b.node.a);
      const den = b.node.b.kind === 'group' ? b.node.b.body : b.node.b;
      if (!num || num.kind !== 'sym' || num.decor || indexLetters(num.sub)?.join() !== k[0] || den.kind !== 'sum' || !den.index) return;
      const inner = exponentOf(den.body);
      if (!inner || inner.kind !== 'sym' || readingKey(inner) !== readingKey(num) || indexLetters(inner.sub)?.join() !== den.index.name) return;
      if (['mu', 'Sigma', 'sigma', 'pi'].includes(num.name) || readingKey(num) === readingKey(a.node)) return;
      const rule = 'a softmax of the weights';
      const at = line(chain.sides[0]!.span.start);
      out.push(sym({ quantity: 'weight', subs: 1, rule, line: at }, a.node));
      out.push(sym({ quantity: 'logit', subs: 1, rule, line: at }, num));
      out.push({ kind: 'component-index', key: k[0], latex: k[0], rule, line: at });
    },
  },
  {
    // `\gamma_{ki} = p(z_i = k \mid x_i, \theta)`: a letter of two indices defined as the posterior of the latent variable,
    // whose own index is the point's and whose value the component's: the responsibility, and where each index stands.
    name: 'the posterior of the latent assignment',
    find: ({ chain, line }, out) => {
      const [a, b] = chain.sides;
      if (chain.sides.length !== 2 || !a?.ok || !b?.ok || a.node.kind !== 'sym' || a.node.decor || a.node.accent || b.node.kind !== 'apply') return;
      const letters = indexLetters(a.node.sub);
      const f = b.node;
      if (!letters || letters.length !== 2 || letters[0] === letters[1] || f.fn.sub || f.fn.decor || !['p', 'P'].includes(f.fn.name) || f.args.length !== 1 || !f.given?.length) return;
      const ev = f.args[0]!;
      if (ev.kind !== 'event' || ev.items.length !== 2 || ev.rels[0] !== '=') return;
      const [z, value] = ev.items;
      if (z?.kind !== 'sym' || z.name !== 'z' || value?.kind !== 'sym' || value.sub) return;
      const point = indexLetters(z.sub);
      if (!point || point.length !== 1) return;
      const pos = letters.indexOf(point[0]!), comp = letters.indexOf(value.name);
      if (pos < 0 || comp < 0 || pos === comp) return;
      const rule = 'the posterior of the latent assignment';
      const at = line(a.span.start);
      out.push({ ...sym({ quantity: 'resp', subs: 2, form: pos === 0 ? 'point-first' : 'component-first', rule, line: at }, a.node), formDefined: true });
      out.push({ kind: 'point-index', key: point[0]!, latex: point[0]!, rule, line: at });
      out.push({ kind: 'component-index', key: value.name, latex: value.name, rule, line: at });
    },
  },
  {
    // `g_{..} = w_c density_c / Σ_c' w_c' density_c'`: g is the responsibility,
    // its subscript says where the point index stands.
    name: 'a ratio of one mixture term to the mixture',
    find: ({ chain, line }, out) => {
      const first = chain.sides[0];
      if (!first?.ok || first.node.kind !== 'sym') return;
      const head = first.node;
      // `w_j^{(i)}` (CS229): the component in the subscript, the point in a bracketed superscript.
      const sup = (n: SymNode) => /^\(([a-z])\)$/.exec((n.decor ?? '').replace(/\s+/g, ''))?.[1];
      const own = indexLetters(head.sub);
      const headSup = sup(head);
      const letters = own && headSup && own.length === 1 ? [...own, headSup] : own;
      if (!letters || letters.length !== 2) return;
      for (const side of chain.sides.slice(1)) {
        if (!side.ok || side.node.kind !== 'div') continue;
        const num = factors(side.node.a);
        const den = side.node.b.kind === 'group' ? side.node.b.body : side.node.b;
        if (den.kind !== 'sum' || !den.index) continue;
        const namedSlots = (f: ApplyNode) => letters.map((l) => namedGaussianSlots(f, l)).find((x) => x !== null) ?? null;
        const d = num.find((f): f is ApplyNode => f.kind === 'apply' && (densitySlots(f) !== null || componentDensityShape(f) !== null || namedSlots(f) !== null));
        // …or a Gaussian written out (its exponent names the point).
        const written = d ? null : num.map(writtenGaussianSlots).find((x) => x !== null) ?? null;
        if (!d && !written) continue;
        const slots = d ? densitySlots(d) ?? namedSlots(d) : written;
        const point = slots ? slots[0] : componentDensityShape(d!)?.point;
        const pointSup = point && point.kind === 'sym' && !point.sub ? sup(point) : undefined;
        const pl = point && point.kind === 'sym' ? (pointSup ? [pointSup] : indexLetters(point.sub)) : null;
        if (!pl || pl.length !== 1) continue;
        const p = pl[0];
        const pos = letters.indexOf(p);
        if (pos < 0 || letters[0] === letters[1]) continue;
        const at = line(first.span.start);
        const rule = 'a ratio of one mixture term to the mixture';
        out.push(sym({ quantity: 'resp', subs: headSup ? 1 : 2, form: pos === 0 ? 'point-first' : 'component-first', rule, line: at }, { ...head, decor: null }));
        out.push({ kind: 'point-index', key: p, latex: p, rule, line: at });
        out.push({ kind: 'component-index', key: letters[1 - pos], latex: letters[1 - pos], rule, line: at });
        return;
      }
    },
  },
];

/** a in e^{a} or \exp(a) (brackets seen through), or null. */
function exponentOf(n: Node): Node | null {
  while (n.kind === 'group') n = n.body;
  if (n.kind === 'pow' && n.base.kind === 'sym' && n.base.name === 'e' && !n.base.sub && !n.base.font) return n.exp.kind === 'group' ? n.exp.body : n.exp;
  if (n.kind === 'func' && n.name === 'exp' && !n.base) return n.arg.kind === 'group' ? n.arg.body : n.arg;
  return null;
}

const OBJECTIVE_LETTERS = new Set(['L', 'ell', 'l']);

/** `L`, `\mathcal{L}`, `\ell`, `L(\theta)`, `\mathcal{L}(\theta)`: the symbol that names an objective. */
function objectiveHead(n: Node): SymNode | null {
  const s = n.kind === 'apply' ? n.fn : n;
  if (s.kind !== 'sym' || s.sub || s.primes) return null;
  return OBJECTIVE_LETTERS.has(s.name) && (s.font === null || s.font === 'cal' || s.font === 'scr') ? s : null;
}

/** A product over points is a likelihood; a sum of logs, or the log of a product, a log-likelihood. */
function objectiveKind(n: Node): 'likelihood' | 'loglik' | null {
  let m = n;
  while (m.kind === 'group') m = m.body;
  if (m.kind === 'prod') return 'likelihood';
  if (m.kind === 'func' && (m.name === 'log' || m.name === 'ln')) return 'loglik';
  if (m.kind === 'sum') {
    const body = factors(m.body);
    if (body.length === 1 && body[0].kind === 'func' && (body[0].name === 'log' || body[0].name === 'ln')) return 'loglik';
  }
  return null;
}

// ------------------------------------------------------------------------------------------
// Corrections by the user: `<!-- gmm: weights=\alpha resp=\gamma_{ji} points=j -->` and aliases

/** Role names accepted in comments and aliases, with the quantity each means. */
export const ROLE_NAMES: Record<string, Quantity> = {
  data: 'data', weights: 'weight', weight: 'weight', means: 'mean', mean: 'mean',
  std: 'std', sd: 'std', variances: 'var', variance: 'var', var: 'var',
  covariances: 'cov', covariance: 'cov', cov: 'cov', precisions: 'precision', precision: 'precision',
  resp: 'resp', responsibilities: 'resp', responsibility: 'resp', effcount: 'effcount', counts: 'effcount',
  likelihood: 'likelihood', loglik: 'loglik', 'log-likelihood': 'loglik', lambda: 'lambda', multiplier: 'lambda', lagrangian: 'lagrangian',
  density: 'compdensity', hyperparameter: 'hyper', hyper: 'hyper',
};

const INDEX_KEYS = new Set(['points', 'components']);

/** A symbol written by the user (`\alpha`, `\gamma_{ji}`, `\mathcal{L}`), parsed with the note's own parser. */
type SymbolParser = (latex: string) => SymNode | null;

function correction(key: string, value: string, line: number, parseSym: SymbolParser, points: Set<string>, source: 'comment' | 'setting'): Evidence[] | string {
  const k = key.toLowerCase();
  if (k === 'points' || k === 'components') {
    const letters = value.split(/[,\s]+/).filter(Boolean);
    if (!letters.every((l) => /^[a-z]$/i.test(l))) return `“${key}=${value}”: give index letters, e.g. ${key}=i`;
    return letters.map((l) => ({ kind: k === 'points' ? 'point-index' : 'component-index', key: l, latex: l, rule: source, line }));
  }
  const q = ROLE_NAMES[k];
  if (!q) return `unknown role “${key}”; use one of ${[...new Set([...Object.keys(ROLE_NAMES), ...INDEX_KEYS])].join(', ')}`;
  const s = parseSym(value);
  if (!s) return `“${value}” is not a symbol (write it as in the note, e.g. \\alpha or \\gamma_{ik})`;
  const letters = indexLetters(s.sub) ?? [];
  // Written without indices (`weights=\alpha`), it names the letter whatever its indices.
  const anySubs = letters.length === 0 && q !== 'likelihood' && q !== 'loglik';
  const e: Evidence = { kind: 'symbol', key: readingKey(s), latex: latexOf(s), quantity: q, subs: anySubs ? -1 : letters.length, rule: source, line };
  if (q === 'resp' && letters.length === 2) e.form = points.has(letters[1]) && !points.has(letters[0]) ? 'component-first' : 'point-first';
  return [e];
}

const COMMENT = /<!--\s*gmm:([\s\S]*?)-->/g;

/** The note's `<!-- gmm: … -->` comments as key=value pairs with their lines. */
function readComments(text: string, line: (offset: number) => number): { key: string; value: string; line: number }[] {
  const out: { key: string; value: string; line: number }[] = [];
  for (const m of text.matchAll(COMMENT)) {
    const at = line(m.index ?? 0);
    for (const pair of m[1].matchAll(/([A-Za-z-]+)\s*=\s*((?:\{[^}]*\}|[^\s{])+)/g)) out.push({ key: pair[1], value: pair[2], line: at });
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Resolution

// "where $\sigma_k$ is the variance", "with mean $\mu_k$ and variance $\sigma_k$", "$\sigma_k$ is the standard
// deviation": the text says which spread a letter is. Read for the spreads only: their usual letter, σ, is the
// one real notes also write bare in a Gaussian, 𝒩(x | μ_k, σ_k), and the text then says which it is. Only where
// nothing written in a formula says otherwise (a Gaussian with σ_k² in it): a loose word does not undo that.
// (`\b`: not the end of "covariance".)
const SPREAD_WORD = String.raw`\b(?:(variances?|varianz(?:en)?|varianzas?)|(standard deviations?|standard-deviations?|Standardabweichung(?:en)?|écarts?[- ]types?|desviaci(?:ón|ones) (?:estándar|típicas?)))\b`;
const SPREAD_BEFORE = new RegExp(String.raw`${SPREAD_WORD}\s+(?:of\s+(?:the\s+|each\s+)?(?:component|cluster|gaussian)\s+(?:\$[^$\n]{1,12}\$\s+)?)?(?:is\s+|=\s*)?\$([^$\n]{1,40})\$`, 'gi');
const SPREAD_AFTER = new RegExp(String.raw`\$([^$\n]{1,40})\$\s*,?\s*(?:is|are|denotes?|represents?|stands for|being|as)\s+(?:the\s+|its\s+|a\s+)?(?:\w+\s+)?${SPREAD_WORD}`, 'gi');
const SPREAD_QUANTITIES = new Set<Quantity>(['std', 'var', 'cov', 'precision']);

/**
 * The note's components share one spread (a tied model): some spread letter is read without its index as the one all
 * components share (SymbolReading.shared: the note's Gaussians write it so beside indexed means, or it ties it).
 */
export function tiedModel(reading: Reading): boolean {
  for (const r of reading.symbols.values()) {
    if (r.subs !== 0 || r.shared === undefined || !SPREAD_QUANTITIES.has(r.quantity)) continue;
    // (Written by its Gaussians only, in a note that also writes the letter with a component's index (𝒩(x | μ_k, Σ) beside
    // 𝒩(x | μ_j, Σ_j)): an index dropped, not a tie; the note states a tie when it has one, `\Sigma_k = \Sigma` or in words.)
    if (!r.tie && reading.symbols.has(`${r.key}/1`)) continue;
    return true;
  }
  return false;
}

/** A spread the note ties across its components: its base key and LaTeX, what it is (by its look), the 1-based line. */
interface SpreadTie { key: string; latex: string; quantity: Quantity | null; line: number }

/**
 * What a spread's letter is by its look alone, where the note's reading of the letter with its index says
 * nothing: Σ a covariance, Λ a precision, σ a standard deviation.
 */
function spreadByLook(s: SymNode): Quantity | null {
  return s.name === 'Sigma' ? 'cov' : s.name === 'Lambda' ? 'precision' : s.name === 'sigma' ? 'std' : null;
}

/** A spread written as a letter or its square, `S` / `S^2` (brackets seen through): the letter and whether squared. */
function spreadLetter(n: Node): { s: SymNode; squared: boolean } | null {
  while (n.kind === 'group') n = n.body;
  if (n.kind === 'sym') return n.decor || n.primes || n.accent ? null : { s: n, squared: false };
  if (n.kind === 'pow' && n.exp.kind === 'num' && n.exp.value === 2) {
    let b = n.base;
    while (b.kind === 'group') b = b.body;
    return b.kind === 'sym' && !b.decor && !b.primes && !b.accent ? { s: b, squared: true } : null;
  }
  return null;
}

const SPREAD_TIE_RULE = 'the note ties it across the components';
// "all components share one variance $\sigma^2$", "a shared/tied/common covariance $\Sigma$", "the same covariance
// matrix $\Sigma$ for every component", "$\Sigma$ is shared by all components": the letter after (or before) the words.
// (Shared or tied a few words before the noun, "share one variance"; common, same, single or one right before it,
// an adjective between at most: "a common diagonal covariance", not "a common mistake is to drop the variance".)
const TIE_WORDS = String.raw`(?:(?:shar(?:e|es|ed|ing)|tied)\s+(?:[\w-]+\s+){0,2}?|(?:common|same|single|one)\s+(?:[\w-]+\s+)?)`;
const SPREAD_NOUN = String.raw`(?:co)?varian(?:ce|ces)(?: matri(?:x|ces))?|precision(?: matri(?:x|ces))?|standard deviations?`;
const TIE_BEFORE = new RegExp(String.raw`\b${TIE_WORDS}(?:${SPREAD_NOUN})\b[^$\n.;]{0,40}?\$([^$\n]{1,30})\$`, 'gi');
const TIE_AFTER = new RegExp(String.raw`\$([^$\n]{1,30})\$\s*,?\s*(?:is|being)\s+(?:shared|tied|common)\b`, 'gi');
// "all components share one $\boldsymbol{\Sigma}$", "they share $\sigma^2$": no noun, so only a letter that looks like a
// spread by itself (Σ, Λ, σ: spreadByLook) counts.
const TIE_BARE = /\b(?:shar(?:e|es|ed|ing)|tied to)\s+(?:(?:one|a|the same|a single|a common|common|the)\s+)?\$([^$\n]{1,30})\$/gi;

/**
 * Where a note says one spread serves every component: a formula `S_k = S` (`\Sigma_k = \Sigma`,
 * `\sigma_k^2 = \sigma^2`, also at the end of a longer chain `\sigma_1^2 = \sigma_2^2 = \sigma^2`), or the text.
 * Only the letter's own words count; a spread written bare somewhere is not a tie by itself.
 */
function spreadTies(input: ReadingInput): SpreadTie[] {
  const out: SpreadTie[] = [];
  for (const { chain } of input.chains) {
    if (chain.sides.length < 2 || !chain.sides.every((s) => s.ok) || !chain.relations.every((r) => r.rel === '=')) continue;
    const last = chain.sides[chain.sides.length - 1]!;
    const bare = last.ok ? spreadLetter(last.node) : null;
    if (!bare || bare.s.sub) continue;
    const key = readingKey(bare.s);
    const tied = chain.sides.slice(0, -1).every((side) => {
      const l = side.ok ? spreadLetter(side.node) : null;
      return !!l && l.squared === bare.squared && readingKey(l.s) === key && (l.s.sub?.kind === 'num' || indexLetters(l.s.sub)?.length === 1);
    });
    if (tied) out.push({ key, latex: latexOf(bare.s), quantity: spreadByLook(bare.s), line: input.line(chain.span.start) });
  }
  if (!/shar|tied|common|same|single|\bone\b/i.test(input.text)) return out;
  for (const re of [TIE_BEFORE, TIE_AFTER, TIE_BARE]) {
    for (const m of input.text.matchAll(re)) {
      const written = m[1]!.trim();
      const squared = /\^\s*(?:2|\{\s*2\s*\})$/.test(written);
      const s = input.parseSymbol(squared ? written.replace(/\^\s*(?:2|\{\s*2\s*\})$/, '') : written);
      if (!s || s.sub || s.decor || s.primes || s.accent || (re === TIE_BARE && !spreadByLook(s))) continue;
      out.push({ key: readingKey(s), latex: latexOf(s), quantity: spreadByLook(s), line: input.line(m.index ?? 0) });
    }
  }
  return out;
}

/** The rule of prose evidence for a standard deviation (index.ts: no other reading of σ_k is tried then). */
const STD_IN_PROSE = 'the text calls it the standard deviation';
const VAR_IN_PROSE = 'the text calls it the variance';

/** Evidence that the text calls a letter, written alone in `$…$`, the variance or the standard deviation. */
function spreadInProse(input: ReadingInput): Evidence[] {
  const out: Evidence[] = [];
  if (!/varian|standard|écart|desviaci/i.test(input.text)) return out;
  for (const [re, at] of [[SPREAD_BEFORE, 3], [SPREAD_AFTER, 1]] as const) {
    for (const m of input.text.matchAll(re)) {
      const s = input.parseSymbol(m[at]!.trim());
      if (!s || s.decor || s.primes || s.accent || !/^[a-z]+$/.test(s.name) || (s.font && s.font !== 'bold')) continue;
      // (A single Latin letter without an index is an index or a count here: "the variance of component $k$".)
      if (!s.sub && s.name.length === 1) continue;
      const letters = indexLetters(s.sub);
      if (letters === null) continue;
      const variance = re === SPREAD_BEFORE ? m[1] !== undefined : m[2] !== undefined;
      out.push(sym({ quantity: variance ? 'var' : 'std', subs: letters.length, rule: variance ? VAR_IN_PROSE : STD_IN_PROSE, line: input.line(m.index ?? 0) }, s));
    }
  }
  return out;
}

export interface ReadingInput {
  chains: { chain: Chain }[];
  text: string;
  line: (offset: number) => number;
  /** gmmCheck.aliases / CheckOptions.aliases: LaTeX symbol → role name. */
  aliases?: Record<string, string>;
  parseSymbol: SymbolParser;
  /** Letters the chains' iteration superscripts were read with (iterations.ts), already applied to `chains`. */
  iterations?: ReadonlySet<string>;
  /** Of those, the ones whose bare letter is the update (iterations.ts newestBare). */
  newestBare?: ReadonlySet<string>;
}

/** Reading keys of the plain letters a function definition's left side takes as arguments (`f(x, y) = …`). */
function formalParameters(lhs: Node): Set<string> {
  const out = new Set<string>();
  if (lhs.kind !== 'apply' || lhs.given || !lhs.args.length) return out;
  if (!lhs.args.every((a) => a.kind === 'sym' && !a.sub && !a.decor && !a.primes)) return out;
  for (const a of lhs.args) out.add(readingKey(a as SymNode));
  return out;
}

/**
 * What a chain's trees show, read once per chain: the evidence of the rules (its `line` holding
 * the offset where it was found, made a line per check, since the same tree can stand on another
 * line only as another object), the bounds of its sums and products over a plain index, and its
 * symbols with two plain indices (candidates for a responsibility's index order). All of it
 * depends on the tree alone, never on the rest of the note: a chain unchanged since the last
 * check (the parse cache, written.ts and iterations.ts hand out the same object) is not walked
 * again. Kept as long as the chain is; holds no evaluation results (clearEvaluationCache keeps it).
 */
interface ChainFacts {
  evidence: readonly Evidence[];
  /** `\sum_{i=1}^{N}` over a plain index with a plain symbol bound: [index, bound], in the order eachNode visits. */
  bounds: readonly (readonly [string, string])[];
  /** Symbols with exactly two plain index letters, in the order eachNode visits. */
  pairs: readonly { key: string; first: string; second: string; latex: string; at: number }[];
  /** The index letters of a mean, weight or spread (μ_k: a component's) and of a data point (x_n: a point's). */
  uses: readonly (readonly [string, 'p' | 'c'])[];
  /** `h_k(x) = \frac{π_k 𝒩(…)}{\sum_j …}`: the reading key of a function of a component the chain defines as a ratio normalised over a sum (a gate, a responsibility), not a density. */
  gate?: string;
}

const chainFacts = new WeakMap<Chain, ChainFacts | null>();
/** Letters whose one index is a component's (μ_k, π_k, Σ_k, σ_k) or a point's (x_n, y_n) wherever they appear (ChainFacts.uses). */
const COMPONENT_LETTER_OF = new Set(['mu', 'pi', 'Sigma', 'sigma', 'Lambda']);
const POINT_LETTER_OF = new Set(['x', 'y']);

const offsetItself = (offset: number): number => offset;

function factsOf(chain: Chain): ChainFacts | null {
  let facts = chainFacts.get(chain);
  if (facts !== undefined) return facts;
  const nodes = chain.sides.flatMap((s) => (s.ok ? [s.node] : []));
  if (!nodes.length) {
    chainFacts.set(chain, null);
    return null;
  }
  for (const n of nodes) listSideNodes(n);
  const found: Evidence[] = [];
  for (const rule of EVIDENCE_RULES) rule.find({ chain, nodes, line: offsetItself }, found);
  // `\gamma_j(W) = \frac{\pi_j \mathcal{N}(W \mid …)}{…}` defines a function: its W is a formal
  // parameter, not the note's W (which may be the whole data set): a density's slot says nothing
  // about the letter (a product over the points, `p(W) = \prod_i p(W_i)`, still does).
  const formal = formalParameters(nodes[0]);
  const bounds: [string, string][] = [];
  const pairs: ChainFacts['pairs'][number][] = [];
  const uses: [string, 'p' | 'c'][] = [];
  eachNode(nodes, (n) => {
    if ((n.kind === 'sum' || n.kind === 'prod') && n.index && !n.index.sub && n.upper && n.upper.kind === 'sym' && !n.upper.sub) bounds.push([n.index.name, n.upper.name]);
    if (n.kind !== 'sym') return;
    const l = indexLetters(n.sub);
    if (l && l.length === 2) pairs.push({ key: readingKey(n), first: l[0], second: l[1], latex: latexOf(n), at: n.span.start });
    if (l && l.length === 1 && !n.decor && !n.accent) {
      if (COMPONENT_LETTER_OF.has(n.name)) uses.push([l[0]!, 'c']);
      else if (POINT_LETTER_OF.has(n.name)) uses.push([l[0]!, 'p']);
    }
  });
  // The lists served the rules' walks; the facts replace them.
  for (const n of nodes) sideNodes.delete(n);
  const gate = gateDefined(chain);
  facts = {
    evidence: formal.size ? found.filter((e) => e.kind !== 'symbol' || e.quantity !== 'data' || e.subs !== 0 || !formal.has(e.key)) : found,
    bounds, pairs, uses, ...(gate ? { gate } : {}),
  };
  chainFacts.set(chain, facts);
  return facts;
}

/** The reading key of `h_k(x)` in a chain `h_k(x) = \frac{…}{\sum_j …}` (ChainFacts.gate), or null. */
function gateDefined(chain: Chain): string | null {
  const [lhs, rhs] = chain.sides;
  const rel = chain.relations[0]?.rel;
  if (!lhs?.ok || !rhs?.ok || (rel !== '=' && rel !== ':=') || lhs.node.kind !== 'apply' || lhs.node.fn.kind !== 'sym' || !lhs.node.fn.sub) return null;
  let body = rhs.node;
  while (body.kind === 'group') body = body.body;
  if (body.kind !== 'div') return null;
  // Over a sum, or over the mixture's density written as a function of the same point (`/ p(x)` after `p(x) = Σ_j …`).
  let sum = false;
  walk(body.b, (m) => { if (m.kind === 'sum') sum = true; });
  let den = body.b;
  while (den.kind === 'group') den = den.body;
  const density = den.kind === 'apply' && !den.given && den.fn.kind === 'sym' && !den.fn.sub && argumentsKey(den) === argumentsKey(lhs.node);
  return sum || density ? readingKey(lhs.node.fn) : null;
}

/**
 * An index's range written out from 1 to a capital letter: `c = 1..C`, `k = 1, \dots, K`, `i=1,\ldots,N`, `k \in \{1, \dots, K\}`:
 * from the `1` on (group 1 the bound; the index is read back from the text before it, indexRangeAt). A literal first:
 * the scan of a whole note jumps from one `1` to the next.
 */
const INDEX_RANGE = /1\s*(?:,\s*2\s*)?(?:\.\.\.?|,\s*(?:\\[lc]?dots|…|\.\.\.)\s*,)\s*([A-Z])(?![A-Za-z_])(\s*\\\})?/g;
/** The index before a range's `1`: `k = ` or `k \in \{` (INDEX_RANGE), at the end of the text before it. */
const RANGE_INDEX = /(?<![A-Za-z\\])([a-z])\s*(?:=|\\in\s*\\\{)\s*$/;

/** The word after an index's range that says what the index runs over (INDEX_RANGE). */
const RANGE_OF = /^\s*(?:\$|\\\))?\s*(?:(?:over|index(?:es|ing)?|labels?|numbers?|runs? over|ranges? over)\s+(?:the\s+)?)?(components|clusters|mixture components|Gaussians|classes|points|data points|observations|samples|data)\b(?!\s+of\b)(?![^.]{0,30}\b(?:coordinates?|dimensions?|entries|features)\b)/i;
const POINT_WORD = /points|observations|samples|data/;

export function inferReading(input: ReadingInput): Reading {
  const evidence: Evidence[] = [];
  const facts: ChainFacts[] = [];
  for (const { chain } of input.chains) {
    const f = factsOf(chain);
    if (!f) continue;
    facts.push(f);
    // Copies: a responsibility's evidence is given its form below.
    for (const e of f.evidence) evidence.push({ ...e, line: input.line(e.line) });
  }
  // `\hat y = \sum_k h_k(x) m_k` after the note defines h_k(x) as a ratio normalised over the components: a sum weighted
  // by the note's gates (a regression's prediction), not a mixture with weights m_k of densities h_k.
  const gates = new Set(facts.flatMap((f) => (f.gate ? [f.gate] : [])));
  if (gates.size) {
    const gated = new Set(evidence.filter((e) => e.rule === 'a mixture sum' && e.kind === 'symbol' && e.quantity === 'compdensity' && gates.has(e.key)).map((e) => e.line));
    if (gated.size) for (let q = evidence.length - 1; q >= 0; q--) if (evidence[q]!.rule === 'a mixture sum' && gated.has(evidence[q]!.line)) evidence.splice(q, 1);
  }
  // "With the Lagrange multiplier $\mu$, …": the letter without an index is the multiplier (its indexed form stays a mean).
  for (const m of input.text.matchAll(MULTIPLIER_NAMED)) {
    const sym = input.parseSymbol(m[1]!);
    if (!sym || sym.sub) continue;
    evidence.push({ kind: 'symbol', key: readingKey(sym), latex: latexOf(sym), quantity: 'lambda', subs: 0, rule: 'named a multiplier in the text', line: input.line(m.index!) });
  }
  // The weights' letter as the text names it, where no formula reads it otherwise (c_k used in g_{kn} = c_k 𝒩(…) alone).
  for (const m of input.text.matchAll(WEIGHTS_NAMED)) {
    const sym = input.parseSymbol(m[1]!);
    if (!sym || sym.decor || sym.accent || sym.primes || (indexLetters(sym.sub) ?? []).length !== 1) continue;
    const key = readingKey(sym);
    if (evidence.some((o) => o.kind === 'symbol' && o.key === key && o.subs === 1 && o.quantity !== 'weight')) continue;
    // (Not weights the sentence gives the points, "Observations $x_i$ come with weights $c_i$", nor ones indexed by a point's index.)
    const index = indexLetters(sym.sub)![0]!;
    const pointUse = facts.some((f) => f.uses.some(([l, r]) => l === index && r === 'p'));
    if (POINTS_WORDS.test(input.text.slice(sentenceStart(input.text, m.index!), m.index!)) || pointUse || evidence.some((o) => o.kind === 'point-index' && o.key === index)) continue;
    evidence.push({ kind: 'symbol', key, latex: latexOf(sym), quantity: 'weight', subs: 1, rule: 'named the weights in the text', line: input.line(m.index!) });
  }
  // The responsibilities' letter as the text names it ("responsibilities $q_{tc}$"), where no formula reads it otherwise:
  // which index is the point's follows from the note's uses (below).
  for (const m of input.text.matchAll(RESP_NAMED)) {
    const sym = input.parseSymbol(m[1]!);
    if (!sym || sym.decor || sym.accent || sym.primes || (indexLetters(sym.sub) ?? []).length !== 2) continue;
    const key = readingKey(sym);
    if (evidence.some((o) => o.kind === 'symbol' && o.key === key && o.subs === 2)) continue;
    evidence.push({ kind: 'symbol', key, latex: latexOf(sym), quantity: 'resp', subs: 2, form: 'point-first', rule: 'named the responsibilities in the text', line: input.line(m.index!) });
  }
  // (A sentence that names both, and a responsibility written with them, `$r_{nk}$ … of component $k$ for point $n$`, says
  // where each index stands in it: a later r_{kn} is then a slip to check, not the note's order.)
  // (The formulas' own evidence comes first: a letter they use the other way is not taken from the words, a slip in them.)
  const named = new Map<number, { c?: string; p?: string }>();
  const formulaIndex = new Map<string, string>();
  const noteRole = (key: string, kind: string) => formulaIndex.set(key, formulaIndex.has(key) && formulaIndex.get(key) !== kind ? 'both' : kind);
  for (const e of evidence) if (e.kind === 'point-index' || e.kind === 'component-index') noteRole(e.key, e.kind);
  // (And how the formulas write the letter on the data or on a parameter: y_k with the data's letter, μ_j with a mean's.)
  for (const f of facts) for (const [l, r] of f.uses) noteRole(l, r === 'p' ? 'point-index' : 'component-index');
  for (const m of input.text.matchAll(INDEX_NAMED)) {
    const l = m[2]!;
    if (new RegExp(`(?<![\\\\A-Za-z])${l}\\s*_`).test(input.text)) continue;
    const point = /^(?:point|observation)/i.test(m[1]!);
    const kind = point ? 'point-index' : 'component-index';
    if (formulaIndex.has(l) && formulaIndex.get(l) !== kind) continue;
    if (!formulaIndex.has(l)) evidence.push({ kind, key: l, latex: l, rule: 'named in the text', line: input.line(m.index!) });
    const start = sentenceStart(input.text, m.index!);
    const roles = named.get(start) ?? {};
    roles[point ? 'p' : 'c'] ??= l;
    named.set(start, roles);
  }
  for (const [start, { c, p }] of named) {
    if (!c || !p || c === p) continue;
    const sentence = input.text.slice(start, sentenceEnd(input.text, start));
    if (!RESP_WORDS.test(sentence)) continue;
    for (const m of sentence.matchAll(INLINE_MATH)) {
      const s = input.parseSymbol(m[1]!);
      const letters = s && !s.decor && !s.accent ? indexLetters(s.sub) : null;
      if (!s || !letters || letters.length !== 2 || !letters.includes(c) || !letters.includes(p)) continue;
      // (Nor a responsibility a formula already reads: `r_{nk} = \frac{\pi_k …}{…}` outranks the words.)
      if (evidence.some((o) => o.kind === 'symbol' && o.key === readingKey(s) && o.subs === 2 && o.rule !== 'named in the text')) continue;
      evidence.push({ ...sym({ quantity: 'resp', subs: 2, form: letters[0] === p ? 'point-first' : 'component-first', rule: 'named in the text', line: input.line(start + m.index!) }, s), formDefined: true });
    }
  }
  // What the text says of a spread's letter, where no formula says otherwise.
  let stdStated = false;
  for (const e of spreadInProse(input)) {
    if (evidence.some((o) => o.kind === 'symbol' && o.key === e.key && o.subs === e.subs && o.quantity !== e.quantity)) continue;
    evidence.push(e);
    if (e.quantity === 'std') stdStated = true;
  }
  const problems: Reading['problems'] = [];
  // The user's word wins over the note's evidence: collected separately, applied last.
  const corrections: Evidence[] = [];
  const pairs = readComments(input.text, input.line);
  const stated = new Set<string>();
  for (const p of pairs) if (p.key.toLowerCase() === 'points') for (const l of p.value.split(/[,\s]+/)) stated.add(l);
  for (const p of pairs) {
    const r = correction(p.key, p.value, p.line, input.parseSymbol, stated, 'comment');
    if (typeof r === 'string') problems.push({ message: `gmm comment: ${r}`, line: p.line });
    else corrections.push(...r);
  }
  for (const [latex, role] of Object.entries(input.aliases ?? {})) {
    const r = correction(role, latex, 0, input.parseSymbol, stated, 'setting');
    if (typeof r === 'string') problems.push({ message: `gmmCheck.aliases: ${r}`, line: 0 });
    else corrections.push(...r);
  }

  const reading: Reading = {
    symbols: new Map(), ambiguous: new Map(), points: new Set(), components: new Set(),
    pointCounts: new Set(), componentCounts: new Set(), dimensions: new Set(), iterations: new Set(), problems,
    ...(stdStated ? { stdStated } : {}),
  };
  // `\sum_{n=1}^N \pi_n` in a note whose n runs over the points (sample weights π_n) or whose mixture weights have
  // another letter: the weights' sum is weak evidence, dropped where the rest of the note reads the letters otherwise.
  const otherWeights = evidence.some((e) => e.kind === 'symbol' && e.quantity === 'weight' && e.key !== 'pi');
  for (let q = evidence.length - 1; q >= 0; q--) {
    const e = evidence[q]!;
    if (e.rule !== 'a sum of the weights') continue;
    const against = otherWeights || evidence.some((o) => o.rule !== e.rule &&
      ((e.kind === 'component-index' && o.kind === 'point-index' && o.key === e.key) || (e.kind === 'component-count' && o.kind === 'point-count' && o.key === e.key)));
    if (against) evidence.splice(q, 1);
  }
  // Index letters first: a letter seen both ways is neither.
  const idxSeen = new Map<string, Set<'p' | 'c'>>();
  for (const e of evidence) {
    if (e.kind !== 'point-index' && e.kind !== 'component-index') continue;
    const s = idxSeen.get(e.key) ?? new Set();
    s.add(e.kind === 'point-index' ? 'p' : 'c');
    idxSeen.set(e.key, s);
  }
  for (const [l, s] of idxSeen) {
    if (s.size !== 1) continue;
    (s.has('p') ? reading.points : reading.components).add(l);
  }
  for (const e of evidence) {
    if (e.kind === 'point-count') reading.pointCounts.add(e.key);
    if (e.kind === 'component-count') reading.componentCounts.add(e.key);
    if (e.kind === 'dimension') reading.dimensions.add(e.key);
  }
  // Sums over an index the note uses for points (or components) name the count in their bound.
  for (const f of facts) {
    for (const [index, bound] of f.bounds) {
      if (reading.points.has(index)) reading.pointCounts.add(bound);
      else if (reading.components.has(index)) reading.componentCounts.add(bound);
    }
  }
  // So do ranges the note writes out: `$c = 1..C$ components`, `k = 1, \dots, K`, `k \in \{1, \ldots, K\}`.
  if (input.text.includes('1')) {
    for (const m of input.text.matchAll(INDEX_RANGE)) {
      const head = RANGE_INDEX.exec(input.text.slice(Math.max(0, m.index! - 16), m.index));
      // (`k \in \{1, …, K\}` closes its brace; `k = 1, …, K` has none.)
      if (!head || head[0].includes('{') !== !!m[2]) continue;
      const index = head[1]!, bound = m[1]!;
      // (Or the word right after the formula: "$c = 1..C$ components", "$i = 1, \dots, N$ data points".)
      const word = RANGE_OF.exec(input.text.slice(m.index! + m[0].length, m.index! + m[0].length + 30))?.[1]?.toLowerCase();
      if (reading.points.has(index) || (!reading.components.has(index) && word && POINT_WORD.test(word))) reading.pointCounts.add(bound);
      else if (reading.components.has(index) || (!reading.points.has(index) && word && !POINT_WORD.test(word))) reading.componentCounts.add(bound);
    }
  }
  for (const c of reading.pointCounts) if (reading.componentCounts.has(c)) { reading.pointCounts.delete(c); reading.componentCounts.delete(c); }
  // A count written as a subscript (π_K, x_N) is the last component or point, not an index running over them
  // (compile.ts, compileIndex): `N_k/π_k − N_K/π_K` for k < K is not 0 at k = K = 1.
  for (const c of [...reading.pointCounts, ...reading.componentCounts]) { reading.points.delete(c); reading.components.delete(c); }
  for (const c of reading.dimensions) if (reading.pointCounts.has(c) || reading.componentCounts.has(c) || reading.points.has(c) || reading.components.has(c)) reading.dimensions.delete(c);

  for (const l of input.iterations ?? []) if (!reading.points.has(l) && !reading.components.has(l)) reading.iterations.add(l);
  if (input.newestBare?.size) reading.newestBare = new Set([...input.newestBare].filter((l) => reading.iterations.has(l)));

  // Where a responsibility's point index stands is decided by how the note uses it: γ_{ab}
  // with a over points and b over components, counted over every occurrence. A defining
  // ratio that writes the indices the other way than the rest of the note is then a slip to
  // check, not a notation; an even split leaves the symbol ambiguous.
  const respKeys = new Set(evidence.filter((e) => e.kind === 'symbol' && e.quantity === 'resp').map((e) => e.key));
  for (const n of ['gamma', 'r', 'w', 'tau']) respKeys.add(n);
  // (Where the note places neither letter by its rules, how it writes them elsewhere does: `\mu_k = \sum_n r_{kn} x_n / …`, k
  // a mean's index and n a point's. Only a letter used one way, and only for a symbol the note writes in one order.)
  const used = new Map<string, 'p' | 'c' | null>();
  for (const f of facts) for (const [l, r] of f.uses) used.set(l, used.has(l) && used.get(l) !== r ? null : r);
  const usage = new Map<string, { pf: number; cf: number; fpf: number; fcf: number; latex: string; line: number }>();
  for (const f of facts) {
    for (const p of f.pairs) {
      if (!respKeys.has(p.key)) continue;
      const u = usage.get(p.key) ?? { pf: 0, cf: 0, fpf: 0, fcf: 0, latex: p.latex, line: input.line(p.at) };
      // Each index by what the note reads it as; one known index says where the other stands
      // (`r_{kn}` with k the component index and n never used elsewhere: component first).
      const role = (l: string) => (reading.points.has(l) && !reading.components.has(l) ? 'p' : reading.components.has(l) && !reading.points.has(l) ? 'c' : null);
      const a = role(p.first), b = role(p.second);
      if ((a === 'p' && b !== 'p') || (a === null && b === 'c')) u.pf++;
      else if ((a === 'c' && b !== 'c') || (a === null && b === 'p')) u.cf++;
      const fa = a ?? (reading.points.has(p.first) || reading.components.has(p.first) ? null : used.get(p.first) ?? null);
      const fb = b ?? (reading.points.has(p.second) || reading.components.has(p.second) ? null : used.get(p.second) ?? null);
      if (fa === 'p' && fb === 'c') u.fpf++;
      else if (fa === 'c' && fb === 'p') u.fcf++;
      else { u.fpf += 100; u.fcf += 100; }
      usage.set(p.key, u);
    }
  }
  for (const [key, u] of usage) {
    // (The letters' other uses decide only what nothing else does, and only when every occurrence agrees.)
    const fromUses = u.pf === 0 && u.cf === 0 && (u.fpf === 0) !== (u.fcf === 0);
    if (u.pf === u.cf && !fromUses) continue;
    const form: RespForm = fromUses ? (u.fpf > 0 ? 'point-first' : 'component-first') : u.pf > u.cf ? 'point-first' : 'component-first';
    const defined = evidence.filter((e) => e.kind === 'symbol' && e.key === key && e.quantity === 'resp' && e.subs === 2);
    for (const e of defined) if (!e.formDefined) e.form = form;
    // A symbol the letter table already reads as a responsibility needs no evidence for the usual order.
    if (!defined.length && (form === 'component-first' || !['gamma', 'r', 'w'].includes(key))) {
      evidence.push({ kind: 'symbol', key, latex: u.latex, quantity: 'resp', subs: 2, form, rule: 'how its indices are used', line: u.line });
    }
  }

  const byKey = new Map<string, Evidence[]>();
  // (A λ written as the weights' multiplier in one place and as a hyperparameter in another, `Σ_k + λI` or a
  // penalty's weight, is read as neither: two roles for one letter, each step with it unchecked.)
  for (const e of evidence) {
    if (e.kind !== 'symbol') continue;
    const list = byKey.get(e.key) ?? [];
    list.push(e);
    byKey.set(e.key, list);
  }
  // One role per symbol and number of indices (π_k a weight, π alone 3.14…); two roles for the
  // same form cannot be read without a guess.
  const describe = (e: Evidence) => `${e.quantity}${e.form ? ` (${e.form})` : ''}`;
  for (const [key, all] of byKey) {
    const bySubs = new Map<number, Evidence[]>();
    for (const e of all) bySubs.set(e.subs ?? 0, [...(bySubs.get(e.subs ?? 0) ?? []), e]);
    for (const [subs, list] of bySubs) {
      const roles = [...new Set(list.map(describe))];
      if (roles.length > 1) {
        const la = list.find((e) => describe(e) === roles[0])!;
        const lb = list.find((e) => describe(e) === roles[1])!;
        reading.ambiguous.set(`${key}/${subs}`, `${la.latex} reads as ${describeQuantity(roles[0])} (line ${la.line}) and as ${describeQuantity(roles[1])} (line ${lb.line})`);
        continue;
      }
      const shared = list.find((e) => e.shared);
      reading.symbols.set(`${key}/${subs}`, { ...toReading(list[0], 'note'), ...(shared ? { shared: shared.line } : {}) });
    }
  }
  // One spread for every component, as the note states it (a tied model): the letter without its index is
  // that shared spread wherever it is written, not σ_k with the index dropped (SymbolReading.shared).
  for (const t of spreadTies(input)) {
    const own = reading.symbols.get(`${t.key}/0`);
    if (own) {
      if (SPREAD_QUANTITIES.has(own.quantity) && own.shared === undefined) reading.symbols.set(`${t.key}/0`, { ...own, shared: t.line, tie: true });
      continue;
    }
    if (reading.ambiguous.has(`${t.key}/0`)) continue;
    const indexed = reading.symbols.get(`${t.key}/1`);
    const quantity = indexed && SPREAD_QUANTITIES.has(indexed.quantity) ? indexed.quantity : t.quantity;
    if (!quantity) continue;
    reading.symbols.set(`${t.key}/0`, { key: t.key, latex: t.latex, quantity, subs: 0, shared: t.line, tie: true, why: SPREAD_TIE_RULE, line: t.line, source: 'note' });
  }
  for (const e of corrections) {
    if (e.kind === 'point-index') { reading.points.add(e.key); reading.components.delete(e.key); continue; }
    if (e.kind === 'component-index') { reading.components.add(e.key); reading.points.delete(e.key); continue; }
    for (const k of [...reading.ambiguous.keys()]) if (k.startsWith(`${e.key}/`)) reading.ambiguous.delete(k);
    for (const k of [...reading.symbols.keys()]) if (k.startsWith(`${e.key}/`) && reading.symbols.get(k)!.source === 'note') reading.symbols.delete(k);
    reading.symbols.set(`${e.key}/${e.subs === -1 ? '*' : e.subs ?? 0}`, toReading(e, e.rule === 'setting' ? 'setting' : 'comment'));
  }
  return reading;
}

function toReading(e: Evidence, source: SymbolReading['source']): SymbolReading {
  return {
    key: e.key, latex: e.latex, quantity: e.quantity!, subs: e.subs ?? 0, form: e.form,
    why: source === 'note' ? e.rule : source === 'comment' ? 'a gmm comment in the note' : 'the gmmCheck.aliases setting',
    line: e.line, source,
  };
}

/** A string that changes whenever the reading does (part of the checker's cache keys). */
export function readingSignature(r: Reading): string {
  const entries = [...r.symbols.entries()].map(([k, v]) => `${k}=${v.quantity}/${v.form ?? ''}${v.shared ? '/shared' : ''}`).sort();
  return JSON.stringify([entries, r.stdStated ?? false, [...r.ambiguous.keys()].sort(), [...r.points].sort(), [...r.components].sort(),
    [...r.pointCounts].sort(), [...r.componentCounts].sort(), [...r.dimensions].sort(), [...r.iterations].sort(), [...r.newestBare ?? []].sort()]);
}

/** The reading entry for a symbol as written, if the note (or the user) says what it is. */
/** `font`: the reading of the same letter in another font (the plain ν of a bold 𝛎_k), without copying the node. */
export function symbolReading(reading: Reading | undefined, s: SymNode, subs: number, font: SymNode['font'] = s.font): SymbolReading | 'ambiguous' | undefined {
  if (!reading) return undefined;
  const key = readingKey(s, font);
  if (reading.ambiguous.has(`${key}/${subs}`)) return 'ambiguous';
  return reading.symbols.get(`${key}/${subs}`) ?? reading.symbols.get(`${key}/*`);
}

const QUANTITY_WORDS: Record<Quantity, string> = {
  data: 'data', weight: 'weights', mean: 'means', std: 'standard deviations', var: 'variances', cov: 'covariances',
  precision: 'precisions', resp: 'responsibilities', effcount: 'effective counts', compdensity: 'component densities',
  likelihood: 'the likelihood', loglik: 'the log-likelihood', lambda: 'a multiplier', density: 'a Gaussian density',
  lagrangian: 'the Lagrangian', mixture: 'the mixture density', dataset: 'the data set', logit: 'logits of the weights',
  hyper: 'a hyperparameter',
};

function describeQuantity(q: string): string {
  const [base, form] = q.split(' ');
  return `${QUANTITY_WORDS[base as Quantity] ?? base}${form ? ` ${form}` : ''}`;
}

/** Quantities indexed by the component alone (π_k, μ_k, σ_k², f_k(x)), and by the point alone (x_i). */
const BY_COMPONENT = new Set<Quantity>(['weight', 'mean', 'std', 'var', 'cov', 'precision', 'compdensity', 'effcount', 'logit']);

/** An index letter as LaTeX (`i`, `\ell`). */
const indexLatex = (name: string) => (name.length > 1 ? `\\${name}` : name);

/**
 * A symbol with its usual indices for people (γ_{ik} for a responsibility
 * read point first, μ_k, x_i), in the note's own index letters; `_·` where
 * the note's indices are not known.
 */
function withIndices(r: Reading, e: SymbolReading): string {
  if (!e.subs) return e.latex;
  const point = indexLatex([...r.points][0] ?? 'i');
  const component = indexLatex([...r.components][0] ?? 'k');
  // Each letter in its own group: `\ell` followed by `k` must not read as `\ellk`.
  if (e.quantity === 'resp' && e.subs === 2) return `${e.latex}_{${e.form === 'component-first' ? `{${component}}{${point}}` : `{${point}}{${component}}`}}`;
  if (e.subs === 1 && BY_COMPONENT.has(e.quantity)) return `${e.latex}_{${component}}`;
  if (e.subs === 1 && e.quantity === 'data') return `${e.latex}_{${point}}`;
  return `${e.latex}_{\\cdot}`;
}

/**
 * One piece of the reading for people ("weights \pi_·"), in LaTeX (the JSON's
 * `description`) and in Unicode with the note's index letters ("weights πₖ",
 * for the editor and the CLI's text), with the symbols and index letters it
 * names (LaTeX; a trailing `_` for a symbol read with indices), so that a
 * hover can show the pieces a step uses.
 */
export interface ReadingPart {
  latex: string;
  text: string;
  names: string[];
}

/**
 * The reading in pieces, in a fixed order: the symbols by role, the index
 * letters with their counts, the dimension, the ambiguities. `spell` turns a
 * symbol's LaTeX into Unicode (the checker's core does not depend on the renderer).
 */
export function readingParts(r: Reading, spell: (latex: string) => string = (x) => x): ReadingPart[] {
  const parts: ReadingPart[] = [];
  const order: Quantity[] = ['data', 'weight', 'logit', 'mean', 'std', 'var', 'cov', 'precision', 'resp', 'compdensity', 'mixture', 'dataset', 'effcount', 'likelihood', 'loglik', 'lagrangian', 'lambda', 'hyper'];
  // One mention per symbol and role (μ and μ_k are both "means μ_·").
  const seen = new Set<string>();
  const entries = [...r.symbols.values()]
    .sort((a, b) => order.indexOf(a.quantity) - order.indexOf(b.quantity) || b.subs - a.subs)
    .filter((e) => { const k = `${e.latex}/${e.quantity}`; if (seen.has(k)) return false; seen.add(k); return true; });
  for (const e of entries) {
    const form = e.quantity === 'resp' && e.form ? ` (${e.form === 'point-first' ? 'point index first' : 'component index first'})` : '';
    const from = e.source !== 'note' ? ` [${e.source === 'comment' ? 'from a gmm comment' : 'from settings'}]` : '';
    const named = e.quantity === 'likelihood' || e.quantity === 'loglik' || e.quantity === 'lagrangian';
    const word = (sym: string) => (named ? `${sym} = ${QUANTITY_WORDS[e.quantity]}` : `${QUANTITY_WORDS[e.quantity]} ${sym}`);
    parts.push({
      latex: `${word(`${e.latex}${e.subs ? '_·' : ''}`)}${form}${from}`,
      text: `${word(spell(withIndices(r, e)))}${form}${from}`,
      // `_` at the end: the symbol as written with its indices (π_k the weight, not the π of 2π).
      names: [e.subs ? `${e.latex}_` : e.latex],
    });
  }
  const indexPart = (what: string, letters: Set<string>, counts: Set<string>) => {
    if (!letters.size) return;
    const range = counts.size ? ` (1..${[...counts].join(' or ')})` : '';
    const latex = `${what} ${[...letters].join(', ')}${range}`;
    const text = `${what} ${[...letters].map((l) => spell(indexLatex(l))).join(', ')}${counts.size ? ` (1..${[...counts].map((c) => spell(indexLatex(c))).join(' or ')})` : ''}`;
    parts.push({ latex, text, names: [...letters].map(indexLatex) });
  };
  indexPart('point index', r.points, r.pointCounts);
  indexPart('component index', r.components, r.componentCounts);
  if (r.dimensions.size) {
    parts.push({ latex: `dimension ${[...r.dimensions].join(', ')}`, text: `dimension ${[...r.dimensions].map((d) => spell(indexLatex(d))).join(', ')}`, names: [] });
  }
  if (r.iterations.size) {
    // The iteration letter as the note writes it: θ^{(t)} the current value, ^{(t+1)} the update.
    // (θ^{(t-1)} the current value and ^t the update in a note that writes its newest values bare.)
    const letters = [...r.iterations];
    const current = (l: string) => (r.newestBare?.has(l) ? `${l}-1` : l);
    const update = (l: string) => (r.newestBare?.has(l) ? l : `${l}+1`);
    parts.push({
      latex: `iteration ${letters.map((l) => `${l} (θ^{${current(l)}}; ^{${update(l)}} the update)`).join(', ')}`,
      text: `iteration ${letters.map((l) => `${spell(indexLatex(l))} (${spell(`\\theta^{${current(indexLatex(l))}}`)}; ${spell(`{}^{${update(indexLatex(l))}}`)} the update)`).join(', ')}`,
      names: letters.map(indexLatex),
    });
  }
  for (const [key, why] of r.ambiguous) {
    const base = key.slice(0, key.lastIndexOf('/'));
    const colon = base.indexOf(':');
    const font = colon > 0 ? base.slice(0, colon) as Font : null;
    const sym = latexOf({ name: base.slice(colon + 1), font });
    // The reason starts with the symbol as the note writes it: "\mathbf{x} reads as data (line 3) and as …".
    const cut = why.indexOf(' reads as ');
    parts.push({ latex: `ambiguous: ${why}`, text: `ambiguous: ${cut > 0 ? spell(why.slice(0, cut)) + why.slice(cut) : why}`, names: [sym] });
  }
  return parts;
}

/** Plain-text summary for people: "weights \alpha_·; responsibilities \gamma_· (point index first); point index j; component index k". */
export function describeReading(r: Reading, parts: ReadingPart[] = readingParts(r)): string {
  return parts.length ? parts.map((p) => p.latex).join('; ') : NOTHING_READ;
}

/** The same summary in Unicode, with the note's index letters: "weights αₖ; responsibilities γⱼₖ (point index first); …". */
export function readingText(parts: readonly ReadingPart[]): string {
  return parts.length ? parts.map((p) => p.text).join('; ') : NOTHING_READ;
}

/** Letters notes name a multiplier with, besides λ: CS229's β, η, ν, ξ, ζ, ρ, and μ where the weights are λ (μ applied to the constraint is never a mean). */
const MULTIPLIER_LETTERS = new Set(['beta', 'eta', 'nu', 'xi', 'zeta', 'rho', 'mu']);

/**
 * The letter of `β (Σ_k π_k − 1)`, `η (1 − Σ_j φ_j)`, `β\Big(…\Big)` (an application in the parse): a letter named by a command (β, η, ν; not λ or π)
 * multiplying the weights' constraint (a sum over an index of something indexed by it, minus or from 1), or null.
 */
function multiplierLetter(n: Node): SymNode | null {
  // `\beta\Big(\sum_k w_k - 1\Big)` parses as β applied to the constraint: the same product, for the letters notes
  // name multipliers with (ψ(Σ_k π_k − 1) may be a penalty function the note defines).
  const fs = n.kind === 'mul' ? factors(n)
    : n.kind === 'apply' && !n.given && n.args.length === 1 && !n.fn.sub && !n.fn.decor && MULTIPLIER_LETTERS.has(n.fn.name) ? [n.fn, n.args[0]!] : [];
  if (fs.length !== 2) return null;
  const [a, b] = fs as [Node, Node];
  const letter = a.kind === 'sym' && isConstraint(b) ? a : b.kind === 'sym' && isConstraint(a) ? b : null;
  if (!letter || letter.sub || letter.decor || letter.font || letter.name.length < 2 || ['pi', 'lambda'].includes(letter.name)) return null;
  return letter;
}

/** The weights' constraint `Σ_k π_k − 1` or `1 − Σ_k π_k` (a sum over an index of something indexed by it), in brackets or not. */
function isConstraint(t: Node): boolean {
  const b = t.kind === 'group' ? t.body : t;
  if (b.kind !== 'sub') return false;
  const one = (x: Node) => x.kind === 'num' && x.value === 1;
  const sum = (x: Node) => x.kind === 'sum' && !!x.index && indexed(x.body)?.index === x.index.name;
  return (sum(b.a) && one(b.b)) || (one(b.a) && sum(b.b));
}

/** A bare λ (no index, font or decoration). */
function isBareLambda(n: Node): n is SymNode {
  return n.kind === 'sym' && n.name === 'lambda' && !n.sub && !n.decor && !n.font && !n.accent && n.primes === 0;
}

/** The λ of a factor `λ`, `λ/2`, `\frac{λ}{2}`, `λ^{-1}` (brackets and signs seen through), or null. */
function lambdaFactor(f: Node): SymNode | null {
  while (f.kind === 'group' || f.kind === 'neg') f = f.body;
  if (f.kind === 'div') return lambdaFactor(f.a);
  if (f.kind === 'pow') return lambdaFactor(f.base);
  return isBareLambda(f) ? f : null;
}

/** The first bare λ anywhere in the tree, or null. */
function bareLambdaIn(n: Node): SymNode | null {
  let found: SymNode | null = null;
  walk(n, (m) => { if (!found && isBareLambda(m)) found = m; });
  return found;
}

/** Does the tree write a mean, a spread, a precision matrix or the identity (μ, Σ, σ, Λ, I in any font)? */
function writesModelParameter(n: Node): boolean {
  let found = false;
  walk(n, (m) => { if (m.kind === 'sym' && ['mu', 'Sigma', 'sigma', 'Lambda', 'I'].includes(m.name)) found = true; });
  return found;
}
