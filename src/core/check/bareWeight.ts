// Two-component mixtures written with one weight: `π 𝒩(x | μ_1, σ_1²) + (1 − π) 𝒩(x | μ_2, σ_2²)`
// (ESL §8.5 writes (1 − π) φ_θ1 + π φ_θ2), or `π_1 = π` and `π_2 = 1 − π`. There the bare
// letter is the weight of one component, not the number 3.14159 (π) or an unknown symbol: read
// as the number, every correct step about the mixture failed. The reading is taken only from
// statements that say so, in a note whose model has two components, and only when all of them
// agree on the component. The note's chains are then read with the letter indexed (withBareWeight),
// so that every later pass (compiling, M-step updates, worked examples) sees the weight π_1.
import type { Chain, Node, SymNode } from '../latex/ast';
import { operands, walk } from '../latex/ast';
import { decorRole, indexList, MODEL_QUANTITIES } from './compile';
import type { NoteContext } from './compile';
import { mapChainSides, mapChildren } from './iterations';
import { classifySymbol } from './notation';

/** The bare letter that is one component's weight, and that component (from 1). */
export interface BareWeight {
  name: string;
  font: SymNode['font'];
  component: number;
  /** 1-based line of the first statement that shows it. */
  line: number;
}

/** Meanings a bare letter may have and still be read as a weight when the note shows it is one. */
const REREADABLE = new Set(['const', 'unknown', 'lambda']);

/**
 * The note's bare weight letter, or null. `line(offset)` gives the 1-based line of a source offset.
 */
export function bareWeight(chains: readonly Chain[], ctx: NoteContext, line: (offset: number) => number): BareWeight | null {
  if (ctx.K !== 2) return null;
  let found: BareWeight | null = null;
  let conflict = false;
  const note = (sym: SymNode, component: number, at: number): void => {
    if (found && (found.name !== sym.name || found.font !== sym.font || found.component !== component)) conflict = true;
    found ??= { name: sym.name, font: sym.font, component, line: line(at) };
  };
  for (const chain of chains) {
    const sides = chain.sides.map((s) => (s.ok ? s.node : null));
    // π_1 = π, π = π_1.
    if (sides.length === 2 && chain.relations[0]?.rel === '=' && sides[0] && sides[1]) {
      for (const [a, b] of [[sides[0], sides[1]], [sides[1], sides[0]]] as const) {
        if (isBare(b, ctx) && a.kind === 'sym' && a.name === b.name && a.font === b.font && !a.decor && !a.accent && !a.primes &&
          a.sub?.kind === 'num' && (a.sub.value === 1 || a.sub.value === 2) && classifySymbol(a, ctx).kind === 'weight') {
          note(b, a.sub.value, chain.span.start);
        }
      }
    }
    // π D_1 + (1 − π) D_2, in either order, anywhere in a side.
    for (const [n, terms] of complementSums(chain)) {
      for (const [w, rest] of [[terms[0], terms[1]], [terms[1], terms[0]]] as const) {
        const plain = weightedBy(w, ctx);
        if (!plain || plain.complement) continue;
        const other = weightedBy(rest, ctx);
        if (!other || !other.complement || other.sym.name !== plain.sym.name || other.sym.font !== plain.sym.font) continue;
        if (plain.component === other.component) continue;
        note(plain.sym, plain.component, n.span.start);
      }
    }
  }
  return conflict ? null : found;
}

/**
 * The sums of two terms in a chain where one term has a factor (1 − a letter): the only places the
 * pattern can be. Kept per chain (the parse keeps chains across checks), so a check walks each
 * chain's trees once, not on every keystroke.
 */
const sumsOf = new WeakMap<Chain, [Node, [Node, Node]][]>();

function complementSums(chain: Chain): [Node, [Node, Node]][] {
  let out = sumsOf.get(chain);
  if (out) return out;
  out = [];
  for (const side of chain.sides) {
    if (!side.ok) continue;
    walk(side.node, (n) => {
      if (n.kind !== 'add') return;
      const terms = operands(n, 'add');
      if (terms.length !== 2) return;
      const complement = (t: Node) => operands(t, 'mul').some((f) => f.kind === 'group' && f.body.kind === 'sub' && f.body.a.kind === 'num' && f.body.a.value === 1 && f.body.b.kind === 'sym' && !f.body.b.sub);
      if (complement(terms[0]!) || complement(terms[1]!)) out!.push([n, [terms[0]!, terms[1]!]]);
    });
  }
  sumsOf.set(chain, out);
  return out;
}

/** A letter with no index, accent or decoration whose usual meaning leaves room for a weight. */
function isBare(n: Node, ctx: NoteContext): n is SymNode {
  return n.kind === 'sym' && !n.sub && !n.decor && !n.accent && !n.primes && n.font !== 'bold' && REREADABLE.has(classifySymbol(n, ctx).kind);
}

/**
 * A product `w · (the rest)` where w is a bare letter (or `(1 − w)`), and every numeric subscript
 * of the rest names the same component: its letter, whether it is the complement, and the component.
 */
function weightedBy(term: Node, ctx: NoteContext): { sym: SymNode; complement: boolean; component: number } | null {
  const factors = operands(term, 'mul');
  if (factors.length < 2) return null;
  let weight: { sym: SymNode; complement: boolean } | null = null;
  let at = -1;
  factors.forEach((f, j) => {
    if (weight) return;
    if (isBare(f, ctx)) { weight = { sym: f, complement: false }; at = j; return; }
    const body = f.kind === 'group' && f.delim === '(' ? f.body : null;
    if (body?.kind === 'sub' && body.a.kind === 'num' && body.a.value === 1 && isBare(body.b, ctx)) { weight = { sym: body.b, complement: true }; at = j; }
  });
  if (!weight) return null;
  let component: number | null = null;
  let mixed = false;
  // (The rest is about the model: a density applied at a point, or a parameter. Not `(1 − Δ) Y_1 + Δ Y_2`, random
  // variables mixed by an indicator Δ, which is not a weight.)
  let model = false;
  factors.forEach((f, j) => {
    if (j === at) return;
    walk(f, (m) => {
      if (m.kind === 'apply' || (m.kind === 'sym' && MODEL_QUANTITIES.has(classifySymbol(m, ctx).kind))) model = true;
      if (m.kind !== 'sym' || m.sub?.kind !== 'num') return;
      const subs = indexList(m.sub);
      if (subs.length !== 1) return;
      if (component !== null && component !== m.sub.value) mixed = true;
      component = m.sub.value;
    });
  });
  if (!model || mixed || component === null || (component !== 1 && component !== 2)) return null;
  const w = weight as { sym: SymNode; complement: boolean };
  return { sym: w.sym, complement: w.complement, component };
}

/**
 * The chain with the bare weight letter written with its component (π → π_1, its update π^{new} → π_1^{new}),
 * except where it is something else: the number in 2π, √π, π/2 (a Gaussian's normaliser, numberPlace), and
 * the variable of a derivative (∂/∂π moves π_2 = 1 − π too: resolveTarget reads it so).
 */
export function withBareWeight(chain: Chain, w: BareWeight, ctx: NoteContext): Chain {
  // π̂ is the weight's estimate where the chain states it, `π̂ = (1/N) Σ_i γ_i`; elsewhere it is the current estimate
  // (ESL's E-step in π̂, held fixed where ∂Q/∂π moves π).
  const first = chain.sides[0];
  const estimate = !!first?.ok && first.node.kind === 'sym' && first.node.name === w.name && first.node.font === w.font && !first.node.sub && !!first.node.accent;
  return mapChainSides(chain, (n) => indexWeight(n, w, ctx, false, estimate));
}

function indexWeight(n: Node, w: BareWeight, ctx: NoteContext, constant: boolean, estimate: boolean): Node {
  // π̂ outside a chain that states it: ESL's current estimate, which the E-step γ̂_i is written in, held fixed where ∂Q/∂π
  // moves π (read as π^{old}).
  if (!estimate && !constant && n.kind === 'sym' && n.accent && !n.decor && isLetter(n, w, ctx, true)) {
    return { ...n, decor: 'old', sub: { kind: 'num', value: w.component, text: String(w.component), span: n.span } };
  }
  if (isLetter(n, w, ctx, estimate)) return constant ? n : { ...n, sub: { kind: 'num', value: w.component, text: String(w.component), span: n.span } };
  if (n.kind === 'deriv') {
    const wrt = n.wrt;
    return mapChildren(n, (c) => (c === wrt ? c : indexWeight(c, w, ctx, constant, estimate)));
  }
  return mapChildren(n, (c) => indexWeight(c, w, ctx, constant || (w.name === 'pi' && !w.font && numberPlace(n, c, w, ctx)), estimate));
}

/**
 * Is `c`, a child of `n`, where π is the number 3.14159 even in a note whose bare π is a weight? Under a
 * square root (√(2πσ²), √π), in a product with a number (2π, 2πσ²), over a number (π/2) or raised to a
 * fractional or negative power (π^{1/2}): a Gaussian's normaliser, never a weight.
 */
function numberPlace(n: Node, c: Node, w: BareWeight, ctx: NoteContext): boolean {
  if (n.kind === 'sqrt') return true;
  // (Not beside the weight's complement, 2π(1 − π), nor π applied to it: a product of the weight with itself.)
  if (n.kind === 'mul') {
    const fs = operands(n, 'mul');
    return c.kind === 'sym' && fs.some((f) => f.kind === 'num') && !fs.some((f) => f !== c && mentionsLetter(f, w, ctx));
  }
  if (n.kind === 'div') return c === n.a && n.b.kind === 'num';
  if (n.kind === 'pow') return c === n.base && !(n.exp.kind === 'num' && Number.isInteger(n.exp.value) && n.exp.value > 0);
  return false;
}

/** Does the tree hold the weight's letter (in `1 − π`, `(1 − π)`)? */
function mentionsLetter(n: Node, w: BareWeight, ctx: NoteContext): boolean {
  let found = false;
  walk(n, (m) => { if (!found && isLetter(m, w, ctx, true)) found = true; });
  return found;
}

/** The weight's letter, bare or marked as the current or the updated value (π^{new}, π^{(t+1)}, π^{old}). */
function isLetter(n: Node, w: BareWeight, ctx: NoteContext, accented = false): n is SymNode {
  // (π̂ only in a chain that states it (withBareWeight).)
  if (n.kind !== 'sym' || n.name !== w.name || n.font !== w.font || n.sub || n.primes || (n.accent && !accented)) return false;
  const role = decorRole(n.decor, ctx);
  return role === 'plain' || role === 'update' || role === 'current';
}
