// EM iterations written as bare superscripts: `θ^j`, `α_k^j`, `u_k^{j+1}`,
// `w_{i,k}^j`. The parser cannot tell `u_k^j` (the mean at iteration j) from a
// power; the note can: a letter that θ carries as a superscript (θ^j, θ^{j+1}),
// or that a parameter carries as `^{j+1}`, and that indexes neither points nor
// components, counts iterations. The reading records those letters
// (reading.ts) and `readIterations` turns such powers into the decorations the
// compiler already understands: `^j`, `^{j-1}` the current values, `^{j+1}`
// the update. A letter with no such evidence stays a power.
import type { Chain, Node } from '../latex/ast';
import { children } from '../latex/ast';

/** `j`, `j+1`, `j-1` (brackets seen through): the letter and the step. */
function iterationExponent(n: Node): { letter: string; step: -1 | 0 | 1 } | null {
  let m = n;
  while (m.kind === 'group' && m.delim === '{') m = m.body;
  const letter = (s: Node): string | null => (s.kind === 'sym' && !s.sub && !s.font && !s.decor && !s.primes && /^[a-z]$/.test(s.name) ? s.name : null);
  const one = (s: Node) => s.kind === 'num' && s.value === 1;
  if (m.kind === 'sym') { const l = letter(m); return l ? { letter: l, step: 0 } : null; }
  if ((m.kind === 'add' || m.kind === 'sub') && one(m.b)) {
    const l = letter(m.a);
    return l ? { letter: l, step: m.kind === 'add' ? 1 : -1 } : null;
  }
  return null;
}

const isTheta = (n: Node): boolean => n.kind === 'sym' && (n.name === 'theta' || n.name === 'Theta') && !n.sub && !n.decor;

/** What one chain's trees say of iteration letters, in the order a walk of the note visits them. */
interface IterationFindings { letters: readonly string[]; summed: readonly string[]; before: readonly string[]; after: readonly string[] }

/**
 * Kept on the chain (its trees alone decide them; an unchanged chain is the same object, see
 * written.ts): a note's unchanged chains are not walked again. No evaluation results.
 */
const findingsOf = new WeakMap<Chain, IterationFindings>();

function iterationFindings(chain: Chain): IterationFindings {
  let kept = findingsOf.get(chain);
  if (kept) return kept;
  const letters: string[] = [];
  const summed: string[] = [];
  const before: string[] = [];
  const after: string[] = [];
  const parameter = (b: Node): boolean => b.kind === 'sym' && !!b.sub && !b.decor;
  // θ^{t-1} where the E-step conditions on it: a later argument or the given part of a function
  // (Q(θ, θ^{t-1}), p(z | x, θ^{t-1})); not ℓ(θ^{t-1}) in a convergence test.
  const conditioning = new Set<Node>();
  const stack = chain.sides.flatMap((s) => (s.ok ? [s.node] : []));
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'apply') for (const a of [...n.args.slice(1), ...n.given ?? []]) conditioning.add(a);
    if (n.kind === 'pow') {
      const e = iterationExponent(n.exp);
      if (e && (isTheta(n.base) || (e.step === 1 && parameter(n.base)))) letters.push(e.letter);
      if (e?.step === 1 && (isTheta(n.base) || parameter(n.base))) after.push(e.letter);
      if (e?.step === -1 && isTheta(n.base) && conditioning.has(n)) before.push(e.letter);
    }
    if ((n.kind === 'sum' || n.kind === 'prod') && n.index) summed.push(n.index.name);
    stack.push(...children(n));
  }
  findingsOf.set(chain, kept = { letters, summed, before, after });
  return kept;
}

/**
 * Letters the note uses as iteration counters: θ^j, θ^{j±1}, or a parameter's ^{j+1};
 * never a letter the note also sums or multiplies over (that one is an index). In the order
 * a walk of every side of the note meets them, the note's last side first.
 */
export function iterationLetters(chains: readonly Chain[]): Set<string> {
  const out = new Set<string>();
  const summed = new Set<string>();
  for (let i = chains.length - 1; i >= 0; i--) {
    const f = iterationFindings(chains[i]!);
    for (const l of f.letters) out.add(l);
    for (const l of f.summed) summed.add(l);
  }
  for (const l of summed) out.delete(l);
  return out;
}

/**
 * Iteration letters whose newest values the note writes with the bare letter: it conditions the E-step on
 * θ^{t-1} (Murphy's Q(θ, θ^{t-1}), p(z | x, θ^{t-1})) and never writes ^{t+1}; μ_k^t is then the M-step's
 * result. There `^t` is the update and `^{t-1}` the current value, one step later than where a note that
 * writes ^{t+1} has them. (θ^{t-1} only in a convergence test, ℓ(θ^t) − ℓ(θ^{t-1}) < ε, is no such evidence.)
 */
export function newestBare(chains: readonly Chain[], letters: ReadonlySet<string>): Set<string> {
  const before = new Set<string>();
  const after = new Set<string>();
  for (const c of chains) {
    const f = iterationFindings(c);
    for (const l of f.before) before.add(l);
    for (const l of f.after) after.add(l);
  }
  return new Set([...letters].filter((l) => before.has(l) && !after.has(l)));
}

/**
 * Each node's child slots, rebuilt generically so that every node kind (present and future) is walked.
 * The node (and an array of children) is copied only when a child changed: most subtrees of a note
 * are left as they are, and copying every node of every chain on every check was a measurable share
 * of reading a note.
 */
export function mapChildren(n: Node, f: (c: Node) => Node): Node {
  let copy: Record<string, unknown> | null = null;
  const slots = n as unknown as Record<string, unknown>;
  for (const k in slots) {
    if (k === 'span') continue;
    const v = slots[k];
    const r = mapSlot(v, f);
    if (r !== v) (copy ??= { ...slots })[k] = r;
  }
  return copy ? copy as unknown as Node : n;
}

function mapSlot(v: unknown, f: (c: Node) => Node): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const x = mapSlot(v[i], f);
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return out ?? v;
  }
  if (v && typeof v === 'object' && typeof (v as { kind?: unknown }).kind === 'string' && 'span' in v) return f(v as Node);
  return v;
}

/** The tree with `f` applied to every node, children first; unchanged subtrees are shared. */
export function mapTree(n: Node, f: (n: Node) => Node): Node {
  return f(mapChildren(n, (c) => mapTree(c, f)));
}

function rewrite(n: Node, letters: ReadonlySet<string>, newest: ReadonlySet<string>): Node {
  const m = mapChildren(n, (c) => rewrite(c, letters, newest));
  if (m.kind !== 'pow' || m.base.kind !== 'sym' || m.base.decor) return m;
  const e = iterationExponent(m.exp);
  if (!e || !letters.has(e.letter)) return m;
  // (In a note whose newest values are ^t (newestBare), ^t is the update and ^{t-1} the current value.)
  const step = newest.has(e.letter) ? e.step + 1 : e.step;
  const decor = `(${e.letter}${step >= 1 ? '+1' : step <= -1 ? '-1' : ''})`;
  return { ...m.base, decor, span: m.span };
}

/** The chain with `f` applied to each side's tree; the same chain when nothing changed. */
export function mapChainSides(chain: Chain, f: (n: Node) => Node): Chain {
  let changed = false;
  const sides = chain.sides.map((s) => {
    if (!s.ok) return s;
    const node = f(s.node);
    if (node !== s.node) changed = true;
    return node === s.node ? s : { ...s, node };
  });
  return changed ? { ...chain, sides } : chain;
}

/** The chain with the note's iteration superscripts read as iterations (unchanged when the note has none). */
export function readIterations(chain: Chain, letters: ReadonlySet<string>, newest: ReadonlySet<string> = new Set()): Chain {
  return letters.size ? mapChainSides(chain, (n) => rewrite(n, letters, newest)) : chain;
}
