// Braces that change the tree but not the rendering. KaTeX draws
// `{\pi_k\mathcal{N}}\left(x_n \middle| \mu_k, \Sigma_k\right)` exactly like
// `\pi_k\mathcal{N}(x_n \mid \mu_k, \Sigma_k)`: the braces only group for TeX,
// and what the reader sees is the density applied to its arguments. The
// parser keeps the structure as written (a braced product times a bracket);
// this pass gives it the meaning the reader sees, before the note is read.
// Only a bracket that carries the marks of a call (`|`, `,`) is taken as
// arguments: `{a b}(c)` stays a product, as `a b (c)` would be ambiguous.
//
// Likewise `\partial F / \partial v` is the derivative (the parser reads each lone ∂ as a
// symbol), and `\mu_{ML}`, `\Sigma_{\text{MLE}}`: a subscript that spells an
// estimate's name is a tag, as the superscript in `\mu^{ML}` is, not a product
// of the indices M and L.
import { children, type ApplyNode, type Chain, type DerivNode, type Node, type SymNode } from '../latex/ast';
import { PARTIAL_OUTSIDE } from '../latex/parser';
import { subCount, symbolKey } from './notation';
import { mapChainSides, mapTree } from './iterations';

/** The product with its last factor replaced (`a b c` with c → f(c)). */
function withLastFactor(n: Node, f: (last: Node) => Node | null): Node | null {
  if (n.kind === 'mul' && n.implicit) {
    const b = withLastFactor(n.b, f);
    return b ? { ...n, b, span: { start: n.span.start, end: b.span.end } } : null;
  }
  return f(n);
}

/** `(x \mid \mu, \Sigma)` or `(x, y)`: the bracket's arguments and what is conditioned on. */
function callArguments(n: Node): { args: Node[]; given: Node[] | null } | null {
  if (n.kind === 'group' && n.delim === '(' && n.body.kind === 'given') return { args: [n.body.body], given: n.body.given };
  if (n.kind === 'tuple' && n.open === '(' && n.close === ')') return { args: n.items, given: null };
  return null;
}

function regroup(n: Node): Node {
  if (n.kind !== 'mul' || !n.implicit) return n;
  const call = callArguments(n.b);
  if (!call) return n;
  const end = n.b.span.end;
  const out = withLastFactor(n.a, (braced) => {
    if (braced.kind !== 'group' || braced.delim !== '{') return null;
    const body = withLastFactor(braced.body, (fn) => {
      if (fn.kind !== 'sym') return null;
      const apply: ApplyNode = { kind: 'apply', fn, args: call.args, given: call.given, spaced: false, span: { start: fn.span.start, end } };
      return apply;
    });
    return body ? { ...braced, body, span: { start: braced.span.start, end } } : null;
  });
  return out ?? n;
}

const ESTIMATE_TAG = /^(ML|MLE|MAP|new|old)$/;

/** The word a subscript spells (`ML`, `\text{MLE}`, `\mathrm{ML}`), or null. */
function spelledWord(n: Node): string | null {
  if (n.kind === 'text') return n.text.trim();
  if (n.kind === 'sym' && !n.sub && !n.decor && !n.primes && /^[A-Za-z]+$/.test(n.name)) return n.name;
  if (n.kind === 'mul' && n.implicit) {
    const a = spelledWord(n.a), b = spelledWord(n.b);
    return a !== null && b !== null ? a + b : null;
  }
  if (n.kind === 'group' && n.delim === '{') return spelledWord(n.body);
  return null;
}

function estimateTag(n: Node): Node {
  if (n.kind !== 'sym' || !n.sub || n.decor) return n;
  const word = spelledWord(n.sub);
  return word !== null && ESTIMATE_TAG.test(word) ? { ...n, sub: null, decor: word } : n;
}

const isPartial = (n: Node): boolean => n.kind === 'opaque' && n.what.startsWith('∂');

/** The product without its first factor when that factor is ∂ (`∂ 𝒩(…)` → 𝒩(…)), else null. */
function afterPartial(n: Node): Node | null {
  if (n.kind !== 'mul' || !n.implicit) return null;
  if (isPartial(n.a)) return n.b;
  const a = afterPartial(n.a);
  return a ? { ...n, a, span: { start: a.span.start, end: n.span.end } } : null;
}

/**
 * `\partial F / \partial v`, the derivative written inline with a slash: the parser reads
 * ((∂ F) / ∂) v, each ∂ alone; this is the derivative ∂F/∂v that \frac{\partial F}{\partial v} makes.
 */
function slashDerivative(n: Node): Node {
  if (n.kind !== 'mul' || !n.implicit || n.a.kind !== 'div' || !isPartial(n.a.b) || (n.b.kind !== 'sym' && n.b.kind !== 'pow')) return n;
  const num = afterPartial(n.a.a);
  if (num) return { kind: 'deriv', order: 1, partial: true, num, wrt: n.b, operand: null, span: n.span } satisfies DerivNode;
  // `\eta\,\partial J/\partial v_k`: factors before the ∂ multiply the derivative (the parser read ((η ∂ J) / ∂) v).
  const fs = productFactors(n.a.a);
  const at = fs.findIndex(isPartial);
  if (at <= 0 || at === fs.length - 1) return n;
  const rest = fs.slice(at + 1);
  const implicit = (a: Node, b: Node): Node => ({ kind: 'mul', a, b, implicit: true, span: { start: a.span.start, end: b.span.end } });
  const deriv: DerivNode = { kind: 'deriv', order: 1, partial: true, num: rest.reduce(implicit), wrt: n.b, operand: null, span: { start: fs[at]!.span.start, end: n.span.end } };
  return fs.slice(0, at).reduceRight<Node>((acc, f) => implicit(f, acc), deriv);
}

/** Gradients made from `\nabla_v`, by the factors they apply to (to extend them to a longer product). */
const gradients = new WeakMap<DerivNode, Node[]>();

/** The factors of an implicit product, left to right. */
function productFactors(n: Node): Node[] {
  return n.kind === 'mul' && n.implicit ? [...productFactors(n.a), ...productFactors(n.b)] : [n];
}

/**
 * `\nabla_{\mu_k} \ell`, `\nabla_{\boldsymbol{\Sigma}_k} \log p(X \mid \theta)`: the gradient in v, which is
 * ∂/∂v of what follows (a vector or matrix for a vector or matrix v, as ∂ℓ/∂μ_k is). Several factors
 * after it are the operator form, whose reach the evaluator settles as it does for ∂/∂v a b c.
 */
function nablaGradient(n: Node): Node {
  if (n.kind !== 'mul' || !n.implicit) return n;
  // `\mathcal{N}\cdot\partial_{\mu_k}\log\mathcal{N}`: the parser joins the operator to the factor before the `\cdot`, ((𝒩 · ∂) log 𝒩);
  // it applies to what follows it, the factor before multiplies the result.
  if (n.a.kind === 'mul' && !n.a.implicit && isGradientHead(n.a.b)) {
    const applied = nablaGradient({ kind: 'mul', a: n.a.b, b: n.b, implicit: true, span: { start: n.a.b.span.start, end: n.span.end } });
    return { ...n.a, b: applied, span: n.span };
  }
  const fs = productFactors(n);
  // `\eta \nabla_{\mu_k} J`: factors before the gradient multiply it.
  const at = fs.findIndex((f, i) => i < fs.length - 1 && isGradientHead(f));
  if (at < 0) return n;
  const head = fs[at]!;
  let wrt: Node;
  let after: Node[] = fs.slice(at + 1);
  if (head.kind === 'deriv') { wrt = head.wrt; after = [...gradients.get(head)!, ...after]; } else wrt = subscriptPartial(head) ?? (head as SymNode).sub!;
  const span = { start: head.span.start, end: n.span.end };
  const deriv: DerivNode = after.length === 1
    ? { kind: 'deriv', order: 1, partial: true, num: after[0]!, wrt, operand: null, span }
    : { kind: 'deriv', order: 1, partial: true, num: null, wrt, operand: after, span };
  gradients.set(deriv, after);
  return fs.slice(0, at).reduceRight<Node>((acc, f) => ({ kind: 'mul', a: f, b: acc, implicit: true, span: { start: f.span.start, end: acc.span.end } }), deriv);
}

/** `\nabla_v`, `\partial_v`, or a gradient already made from one (to extend it to a longer product). */
function isGradientHead(f: Node): boolean {
  return (f.kind === 'sym' && f.name === 'nabla' && !!f.sub && !f.decor && !f.primes) || subscriptPartial(f) !== null || (f.kind === 'deriv' && gradients.has(f));
}

/** `\partial_{\mu_k}`, the physicists' shorthand for ∂/∂μ_k (as `\nabla_{\mu_k}`): its variable, or null. (Not `\partial^2_{…}`.) */
function subscriptPartial(f: Node): Node | null {
  return f.kind === 'indexed' && f.base.kind === 'opaque' && f.base.what === PARTIAL_OUTSIDE && !f.sup && f.sub ? f.sub : null;
}

/**
 * `LL(\theta)`, `NLL(\theta)`: the log-likelihood's (and its negative's) usual acronyms typed as letters, which the parser reads as
 * L · L(θ); read as `\mathrm{LL}(\theta)`, one name applied to its arguments. Only letters written together, right before the
 * bracket (`L L^\top` and `N L(\theta)` with a space stay products).
 */
function likelihoodAcronym(n: Node): Node {
  // (Bare in a derivative's numerator too, `\frac{d\,LL}{dp}` after `LL(p) = …`: the acronym, not L times L.)
  if (n.kind === 'deriv' && n.num) {
    const name = acronymLetters(n.num);
    return name ? { ...n, num: name } : n;
  }
  if (n.kind !== 'mul' || !n.implicit || n.b.kind !== 'apply') return n;
  const plain = (m: Node, name: string): m is SymNode => m.kind === 'sym' && m.name === name && !m.font && !m.sub && !m.decor && !m.primes && !m.accent;
  const fn = n.b.fn;
  if (!plain(fn, 'L')) return n;
  const letters = plain(n.a, 'L') ? [n.a] : n.a.kind === 'mul' && n.a.implicit && plain(n.a.a, 'N') && plain(n.a.b, 'L') ? [n.a.a, n.a.b] : null;
  if (!letters || [...letters, fn].some((m, q, all) => q > 0 && all[q - 1]!.span.end !== m.span.start)) return n;
  const name: SymNode = { kind: 'sym', name: letters.length === 1 ? 'LL' : 'NLL', font: 'rm', sub: null, decor: null, primes: 0, span: { start: letters[0]!.span.start, end: fn.span.end } };
  return { ...n.b, fn: name, span: n.span };
}

/** `LL`, `NLL` written as letters side by side with nothing else: the acronym's name, or null. */
function acronymLetters(n: Node): SymNode | null {
  const letters: Node[] = [];
  const stack: Node[] = [n];
  while (stack.length) {
    const m = stack.pop()!;
    if (m.kind === 'mul' && m.implicit) { stack.push(m.b, m.a); continue; }
    letters.push(m);
  }
  const names = letters.map((m) => (m.kind === 'sym' && !m.font && !m.sub && !m.decor && !m.primes && !m.accent ? m.name : '?')).join('');
  if ((names !== 'LL' && names !== 'NLL') || letters.some((m, q) => q > 0 && letters[q - 1]!.span.end !== m.span.start)) return null;
  return { kind: 'sym', name: names, font: 'rm', sub: null, decor: null, primes: 0, span: { start: letters[0]!.span.start, end: letters[letters.length - 1]!.span.end } };
}

function rewrite(n: Node): Node {
  return nablaGradient(slashDerivative(estimateTag(regroup(likelihoodAcronym(n)))));
}

/** The chain with calls written across a closing brace read as calls and estimate tags as tags (unchanged when it has none). */
export function readAsWritten(chain: Chain): Chain {
  return chainExpectation(mapChainSides(chain, (n) => mapTree(n, rewrite)));
}

const isExpectationSign = (n: Node): n is SymNode => n.kind === 'sym' && n.name === 'E' && n.font === 'bb' && !n.sub && !n.decor && !n.primes;

/**
 * `Q = \mathbb{E}[\log P(y, γ | θ) | y, θ^{(i)}] = \sum_j (\mathbb{E}\gamma_{jk}) \log \alpha_k + …`: a bare
 * 𝔼 written before a symbol later in the chain is the expectation the chain started with, under
 * the same conditions (the parser reads 𝔼 without a bracket as a letter times the symbol).
 * Only when the chain states exactly one such condition.
 */
function chainExpectation(chain: Chain): Chain {
  const conditions = new Set<string>();
  let given: Node[] | null = null;
  for (const side of chain.sides) {
    if (!side.ok) continue;
    mapTree(side.node, (n) => {
      if (n.kind === 'expect' && n.body.kind === 'given') { given = n.body.given; conditions.add(JSON.stringify(n.body.given.map(symbolKeyOrKind))); }
      return n;
    });
  }
  const cond = given as Node[] | null;
  if (!cond || conditions.size !== 1) return chain;
  return mapChainSides(chain, (root) => mapTree(root, (n) => {
    if (n.kind !== 'mul' || !n.implicit || !isExpectationSign(n.a) || n.b.kind !== 'sym') return n;
    const span = n.span;
    return { kind: 'expect', op: n.a, body: { kind: 'given', body: n.b, given: cond, span: n.b.span }, span };
  }));
}

const symbolKeyOrKind = (n: Node): string => (n.kind === 'sym' ? symbolKey(n) : n.kind);

// The note-wide passes below read each chain's trees once: what a chain shows depends on its
// trees alone, and a chain unchanged since the last check is the same object (the parse cache,
// readAsWritten and readIterations hand it out again), so its findings are kept on it. The
// findings are listed in the order a walk of the whole note visits them (its stack starts with
// every side and takes the last first: the note's last chain first), so the results are the
// same, in the same order. They hold no evaluation results (clearEvaluationCache keeps them).

/** `findings(chain)` on each chain, once per chain object, concatenated from the note's last chain to its first. */
function lastChainFirst<T>(chains: readonly Chain[], kept: WeakMap<Chain, readonly T[]>, findings: (chain: Chain) => T[]): T[] {
  const out: T[] = [];
  for (let i = chains.length - 1; i >= 0; i--) {
    const chain = chains[i]!;
    let f = kept.get(chain);
    if (!f) kept.set(chain, f = findings(chain));
    for (const x of f) out.push(x);
  }
  return out;
}

/** A function applied, by its key: the keys of its arguments when all are plain letters (`\u0000` otherwise). */
interface Application { key: string; text: string; args: Node[] | null }
const applicationsOf = new WeakMap<Chain, readonly Application[]>();

function applications(chain: Chain): Application[] {
  const out: Application[] = [];
  const stack: Node[] = chain.sides.flatMap((s) => (s.ok ? [s.node] : []));
  while (stack.length) {
    const n = stack.pop()!;
    stack.push(...children(n));
    if (n.kind !== 'apply' || n.fn.sub || n.fn.decor) continue;
    const plain = !n.given && n.args.length > 0 && n.args.every((a) => a.kind === 'sym' && !a.sub && !a.decor && !a.primes);
    // Applied to anything else (E(W_i), P(x | θ)) as well: no usual arguments.
    out.push({ key: symbolKey(n.fn), text: plain ? n.args.map((a) => symbolKey(a as SymNode)).join(',') : '\u0000', args: plain ? n.args : null });
  }
  return out;
}

/**
 * For each function the note applies to plain letters (E(W), \tilde{E}(W)), those arguments when
 * every application uses the same ones, else null: a bare E then means E(W) (compile.ts).
 */
export function usualArguments(chains: readonly Chain[]): Map<string, Node[] | null> {
  const out = new Map<string, Node[] | null>();
  const seen = new Map<string, string>();
  for (const { key, text, args } of lastChainFirst(chains, applicationsOf, applications)) {
    const before = seen.get(key);
    if (before === undefined) { seen.set(key, text); out.set(key, args); } else if (before !== text) out.set(key, null);
  }
  return out;
}

const indicatorsOf = new WeakMap<Chain, readonly string[]>();

/** The indicator letters one chain writes (indicatorLetters). */
function chainIndicators(chain: Chain): string[] {
  const out: string[] = [];
  const stack: { n: Node; inProbability: boolean }[] = chain.sides.flatMap((s) => (s.ok ? [{ n: s.node, inProbability: false }] : []));
  while (stack.length) {
    const { n, inProbability } = stack.pop()!;
    const inside = inProbability || (n.kind === 'apply' && ['p', 'P', 'Pr'].includes(n.fn.name) && !n.fn.sub);
    if (inside && n.kind === 'event' && n.items.length === 2 && n.rels[0] === '=') {
      const [v, one] = n.items;
      if (v && v.kind === 'sym' && v.name !== 'z' && v.name !== 'Z' && !v.accent && one?.kind === 'num' && one.value === 1 && subCount(v.sub) === 2) {
        out.push(symbolKey({ ...v, sub: null }));
      }
    }
    for (const c of children(n)) stack.push({ n: c, inProbability: inside });
  }
  return out;
}

/**
 * Letters other than z that the note uses for 0/1 indicators of the latent assignments: those it
 * writes in an event `γ_jk = 1` inside a probability (Li Hang's P(γ_jk = 1 | y, θ)).
 */
export function indicatorLetters(chains: readonly Chain[]): Set<string> {
  return new Set(lastChainFirst(chains, indicatorsOf, chainIndicators));
}

const transposedOf = new WeakMap<Chain, readonly string[]>();

/** The small plain letters one chain writes transposed (transposedLetters). */
function chainTransposed(chain: Chain): string[] {
  const out: string[] = [];
  const stack: Node[] = chain.sides.flatMap((s) => (s.ok ? [s.node] : []));
  while (stack.length) {
    const n = stack.pop()!;
    stack.push(...children(n));
    if (n.kind !== 'transpose') continue;
    let b = n.body;
    while (b.kind === 'group') b = b.body;
    if (b.kind === 'sym' && /^[a-z]$/.test(b.name) && (!b.font || b.font === 'rm') && !b.sub && !b.decor && !b.primes && !b.accent) out.push(symbolKey(b));
  }
  return out;
}

/**
 * Small plain letters the note writes transposed (`y^T` in ∂(xᵀAy)/∂A = x yᵀ): a transpose is
 * what one does to a vector, so where such a letter is otherwise undefined it is a free vector
 * (compile.ts freeLetter), as a small bold letter is.
 */
export function transposedLetters(chains: readonly Chain[]): Set<string> {
  return new Set(lastChainFirst(chains, transposedOf, chainTransposed));
}
