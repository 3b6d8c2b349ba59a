// The expression tree. It records what was written, not what it means: `p(x)`
// is an `apply` whether p is a density or a number times (x), `\sigma_k^2` is
// a power of the symbol σ_k, and `^{new}` is a decoration of its symbol. The
// binder (src/core/check) decides meaning from the note's notation. Every
// node carries the note span it was parsed from.
import type { Span } from '../types';

export type Font = 'cal' | 'bold' | 'frak' | 'bb' | 'rm' | 'scr';

export interface NumNode { kind: 'num'; value: number; text: string; span: Span }
export interface SymNode {
  kind: 'sym';
  /** Letter (`x`) or Greek/control name without backslash (`mu`, `ell`). */
  name: string;
  font: Font | null;
  sub: Node | null;
  /** Superscript that names rather than raises: `new`, `old`, `(t)`, `*`, `ML`. */
  decor: string | null;
  primes: number;
  /** An accent that makes it another symbol: `bar` (x̄, \overline{x}), `hat`, `tilde`, `dot`, `ddot`. */
  accent?: string;
  span: Span;
}
export interface BinaryNode {
  kind: 'add' | 'sub' | 'mul' | 'div';
  a: Node;
  b: Node;
  /** For `mul`: written as juxtaposition. For `div`: written as `\frac` (false for inline `/`). */
  implicit?: boolean;
  frac?: boolean;
  /** For `div`: written with an inline `/` (`a/2b` may mean a/(2b): compile.ts, joinedSolidus). */
  slash?: boolean;
  span: Span;
}
export interface NegNode { kind: 'neg'; body: Node; span: Span }
export interface PowNode { kind: 'pow'; base: Node; exp: Node; span: Span }
export interface TransposeNode { kind: 'transpose'; body: Node; span: Span }
export interface SqrtNode { kind: 'sqrt'; body: Node; index: Node | null; span: Span }
export interface FuncNode {
  kind: 'func';
  /** log, ln, exp, det, tr, sin, cos, tan, tanh, sigmoid, softmax, max, min, … */
  name: string;
  arg: Node;
  /** The base of `\log_2 x`, `\log_{b} x`; absent for the natural logarithm and other functions. */
  base?: Node;
  span: Span;
}
export interface ApplyNode {
  kind: 'apply';
  fn: SymNode;
  args: Node[];
  /** Arguments after `|` or `\mid` (conditioning), or null when there is none. */
  given: Node[] | null;
  /** What separated `given` from `args` when it was not `|`/`\mid`: `;` (p(x; θ)) or `‖` (D(p‖q)). */
  sep?: ';' | '‖';
  /** Whitespace between the name and the parenthesis (`\pi_k (2\pi)`). */
  spaced: boolean;
  span: Span;
}
export interface GroupNode { kind: 'group'; delim: '(' | '[' | '{' | '.'; body: Node; span: Span }
export interface AbsNode { kind: 'abs'; body: Node; norm: boolean; span: Span }
export interface BigOpNode {
  kind: 'sum' | 'prod';
  /** Index variable (`i` of `\sum_{i=1}^N`), or null when the sum names none (`\sum \pi_k`). */
  index: SymNode | null;
  lower: Node | null;
  upper: Node | null;
  /**
   * A subscript that is not `index = start` (`\sum_{x_i \in R_m}`, `\sum_{i,j}`,
   * `\sum_{k \ne j}`): kept as written; index and lower are then null.
   */
  range?: Node;
  body: Node;
  span: Span;
}
export interface DerivNode {
  kind: 'deriv';
  order: number;
  partial: boolean;
  /** The differentiated expression in `\frac{\partial F}{\partial v}`; null for the operator form. */
  num: Node | null;
  wrt: Node;
  /**
   * Operator form `\frac{\partial}{\partial v} a b c`: the factors that follow.
   * How far an unbracketed operator reaches is ambiguous (`∂/∂Σ det(Σ)^{-1/2} exp(…)`
   * in a product rule means the first factor only; `∂/∂Σ (x-μ)^T Σ^{-1} (x-μ)`
   * means all of them); the evaluator tries both readings when there are several.
   */
  operand: Node[] | null;
  span: Span;
}
export interface UnderbraceNode { kind: 'underbrace'; body: Node; label: Node; over: boolean; span: Span }
export interface MatrixNode { kind: 'matrix'; rows: Node[][]; span: Span }
/** `\{a, b\}`, `\{x \in X \mid x > 0\}` (items, then the condition after `|`, `\mid` or `:`). */
export interface SetNode { kind: 'set'; items: Node[]; cond?: Node[]; span: Span }
/**
 * Brackets holding a list: a tuple `(a, b)`, `[0, 1]`, an interval `(0, 1]`,
 * `\langle x, y \rangle`, `\lfloor x \rfloor`, a `\substack` (open/close empty).
 * Intervals are tuples whose brackets do not match; what they mean is the checker's call.
 */
export interface TupleNode { kind: 'tuple'; open: string; close: string; items: Node[]; span: Span }
/**
 * A relation inside an expression: the event of `p(z_i = k)`, `\mathbb{1}(x \in R)`,
 * a condition `(z > 0)`, `x_{1:t}`, `\lim_{x \to 0}`. items[i] rels[i] items[i+1].
 */
export interface EventNode { kind: 'event'; items: Node[]; rels: Relation[]; span: Span }
/** `A | B` outside an application's parentheses (`E[X | Y]`, `x \perp y | z`). */
export interface GivenNode { kind: 'given'; body: Node; given: Node[]; span: Span }
/** `\int_a^b f\,dx` (and \iint, \oint): the body is the rest of the product, null when nothing follows. */
export interface IntegralNode { kind: 'integral'; name: string; lower: Node | null; upper: Node | null; body: Node | null; span: Span }
/** `\bigcup_i A_i`, `\bigoplus`, … large operators other than Σ, Π and ∫. */
export interface LargeOpNode { kind: 'largeop'; name: string; lower: Node | null; upper: Node | null; body: Node | null; span: Span }
/** `\max_{c}`, `\arg\max_\theta`, `\lim_{n \to \infty}`, `\sup`, `\Pr`: an operator with limits; body null when nothing follows. */
export interface LimitOpNode { kind: 'limitop'; name: string; sub: Node | null; sup: Node | null; body: Node | null; span: Span }
/** `E[X]`, `\mathbb{E}_{q}[\cdot]`, `E_{Z|X,\theta}[\log p(X, Z \mid \theta)]`, `\mathbb{E}(X)`. */
export interface ExpectNode { kind: 'expect'; op: SymNode; body: Node; span: Span }
/** `\begin{cases}`, `array`, `aligned`, … inside a formula, and matrices whose cells are not plain expressions. */
export interface EnvNode { kind: 'env'; name: string; rows: Node[][]; span: Span }
/** A subscript or superscript on something that is not a symbol: `[x_i x_j]_{N\times N}`, `(\pi_k)_{k=1}^K`, `\|x\|_2`, `{}_M`. */
export interface IndexedNode { kind: 'indexed'; base: Node; sub: Node | null; sup: Node | null; span: Span }
/** `n!`, `(x - \bar x)'`: a postfix mark on something that is not a symbol. */
export interface PostfixNode { kind: 'postfix'; op: '!' | "'"; body: Node; span: Span }
/** `\overset{a}{b}`, `\underset{a}{b}`, `\stackrel{a}{b}` when b is not a relation: b with a note above or below. */
export interface AnnotatedNode { kind: 'annotated'; body: Node; note: Node; span: Span }
/** Nothing written: `{}`, a side of a relation with no expression (`\le x` on its own row), an empty cell. */
export interface EmptyNode { kind: 'empty'; span: Span }
export interface EllipsisNode { kind: 'ellipsis'; span: Span }
export interface TextNode { kind: 'text'; text: string; span: Span }
/** Something written that the checker cannot give a value (`\infty`, `\mathbb{R}`, a lone `\nabla`). */
export interface OpaqueNode { kind: 'opaque'; what: string; span: Span }

export type Node =
  | NumNode | SymNode | BinaryNode | NegNode | PowNode | TransposeNode | SqrtNode | FuncNode
  | ApplyNode | GroupNode | AbsNode | BigOpNode | DerivNode | UnderbraceNode | MatrixNode
  | SetNode | EllipsisNode | TextNode | OpaqueNode | TupleNode | EventNode | GivenNode | IntegralNode | LargeOpNode
  | LimitOpNode | ExpectNode | EnvNode | IndexedNode | PostfixNode | AnnotatedNode | EmptyNode;

/** Relations that may join the expressions of a chain. */
export type Relation =
  | '=' | ':=' | '≈' | '≠' | '<' | '>' | '≤' | '≥' | '∈' | '∉' | '⊂' | '→' | '↦' | '∝' | '∼' | ':'
  | '⇒' | '⇔' | '≡' | '≪' | '≫' | '⊥' | '∥' | '≺' | '≻' | '∋' | '⊢' | '↑' | '↓' | '≲' | '≳' | '≍';

/** One side of a chain: a parsed expression, or the error that stopped it. */
export type Side =
  | { ok: true; node: Node; span: Span }
  | { ok: false; message: string; errorSpan: Span; span: Span };

/** `E0 rel1 E1 rel2 E2 …` as written. */
export interface Chain {
  sides: Side[];
  /** `under`: a substitution written over the relation (`\overset{\sigma^2 = 1}{=}`), under which the step holds. */
  relations: { rel: Relation; span: Span; under?: string }[];
  span: Span;
}

/**
 * Visit every node of a tree in pre-order, children in order. An explicit stack, not recursion:
 * a long flat formula (a + b + c + …) is a deep tree.
 */
export function walk(node: Node, visit: (n: Node) => void): void {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    const ch = children(n);
    for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]!);
  }
}

/** The operands of a chain of one binary operation as written (a + b + c, a·b·c), in order, without looking into brackets. */
export function operands(n: Node, op: 'add' | 'mul'): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [n];
  while (stack.length) {
    const m = stack.pop()!;
    if (m.kind === op) stack.push(m.b, m.a);
    else out.push(m);
  }
  return out;
}

/** The children of a leaf: one shared, frozen array (tree walks visit many leaves; none changes what it is given). */
const NO_CHILDREN: Node[] = Object.freeze([]) as unknown as Node[];

export function children(n: Node): Node[] {
  switch (n.kind) {
    case 'num': case 'ellipsis': case 'text': case 'opaque': case 'empty': return NO_CHILDREN;
    case 'sym': return n.sub ? [n.sub] : NO_CHILDREN;
    case 'add': case 'sub': case 'mul': case 'div': return [n.a, n.b];
    case 'neg': return [n.body];
    case 'pow': return [n.base, n.exp];
    case 'transpose': return [n.body];
    case 'sqrt': return n.index ? [n.body, n.index] : [n.body];
    case 'func': return n.base ? [n.arg, n.base] : [n.arg];
    case 'apply': return [n.fn, ...n.args, ...(n.given ?? [])];
    case 'group': return [n.body];
    case 'abs': return [n.body];
    case 'sum': case 'prod': {
      const c: Node[] = [];
      if (n.index) c.push(n.index);
      if (n.lower) c.push(n.lower);
      if (n.upper) c.push(n.upper);
      if (n.range) c.push(n.range);
      c.push(n.body);
      return c;
    }
    case 'deriv': return [...(n.num ? [n.num] : []), n.wrt, ...(n.operand ?? [])];
    case 'underbrace': return [n.body, n.label];
    case 'matrix': return n.rows.flat();
    case 'set': return n.cond ? [...n.items, ...n.cond] : n.items;
    case 'tuple': case 'event': return n.items;
    case 'given': return [n.body, ...n.given];
    case 'integral': case 'largeop': return present([n.lower, n.upper, n.body]);
    case 'limitop': return present([n.sub, n.sup, n.body]);
    case 'expect': return [n.op, n.body];
    case 'env': return n.rows.flat();
    case 'indexed': return present([n.base, n.sub, n.sup]);
    case 'postfix': return [n.body];
    case 'annotated': return [n.body, n.note];
  }
}

function present(nodes: (Node | null)[]): Node[] {
  return nodes.filter((x): x is Node => x !== null);
}

/** The arguments of an application as a key that ignores positions: `(W)` vs `(W_i)`. */
export function argumentsKey(node: ApplyNode): string {
  return JSON.stringify(withoutSpans([node.args, node.given]));
}

/** A tree as a key that ignores positions (`\theta_2` wherever it is written). */
export function shapeKey(node: Node): string {
  return JSON.stringify(withoutSpans(node));
}

function withoutSpans(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutSpans);
  if (v === null || typeof v !== 'object') return v;
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'span') o[k] = withoutSpans(x);
  return o;
}
