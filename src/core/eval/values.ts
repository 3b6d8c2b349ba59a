// Numeric values the evaluator computes with: scalars that may carry exact
// derivatives (tagged dual numbers for forward-mode AD), small dense matrices
// of such scalars, the shape rules of LaTeX linear algebra, and the tolerant
// comparison the checker uses to call two sides of a step equal.
//
// Nested derivatives (a derivative inside a function that is itself being
// differentiated) need one infinitesimal per derivative, or the inner one is
// mistaken for the outer ("perturbation confusion"). Each Dual therefore
// carries a tag, as in ForwardDiff.jl: a Dual with tag t holds `re + du·ε_t`
// where `re` and `du` only contain tags lower than t. A newer tag is always
// higher, so it sits outermost, and an operation on two Duals with different
// tags treats the lower-tagged one as a constant at the higher level.
//
// A tag may also carry several directions at once (vector-valued tangents):
// its `du` is then a Tangents, one coefficient per direction, so that one
// forward pass gives the derivative with respect to every entry of a D×D
// parameter instead of one pass per entry. Each entry is computed by exactly
// the operations a pass for that direction alone would do: an entry that is
// exactly 0 stands for "this direction does not reach here" (a single-direction
// pass would have dropped the perturbation), so operations leave it 0 and a
// Tangents whose entries are all 0 is dropped like a zero `du`.

import { symmetricEigen } from './symeig';
import { QuietError } from '../util/quietError';

// ---------------------------------------------------------------------------
// Errors

/** A value could not be computed (singular matrix, wrong shapes, …). The evaluator adds the source span. */
export class EvalError extends QuietError {
  override name = 'EvalError';
}

/** Operand shapes do not fit the operation; the message names both shapes. */
export class ShapeError extends EvalError {
  override name = 'ShapeError';
}

// ---------------------------------------------------------------------------
// Scalars

export class Dual {
  constructor(
    readonly tag: number,
    readonly re: Scalar,
    readonly du: Tangent,
  ) {}
}

export type Scalar = number | Dual;

/** The ε coefficients of one tag for several directions (see the top of this file). */
export class Tangents {
  constructor(readonly d: Scalar[]) {}
}

/** What multiplies ε_tag: one coefficient, or one per direction. */
export type Tangent = Scalar | Tangents;

/** `f` of every entry; entries that are 0 stay 0 (that direction does not reach here). */
function tmap(t: Tangents, f: (x: Scalar) => Scalar): Tangents {
  const out = new Array<Scalar>(t.d.length);
  for (let i = 0; i < out.length; i++) {
    const x = t.d[i];
    out[i] = x === 0 ? 0 : f(x);
  }
  return new Tangents(out);
}

/** `f` of the entries of two tangents of one tag (a plain 0 is 0 in every direction); 0 where both are 0. */
function tzip(a: Tangent, b: Tangent, f: (x: Scalar, y: Scalar) => Scalar): Tangents {
  const n = a instanceof Tangents ? a.d.length : (b as Tangents).d.length;
  const out = new Array<Scalar>(n);
  for (let i = 0; i < n; i++) {
    const x = a instanceof Tangents ? a.d[i] : 0;
    const y = b instanceof Tangents ? b.d[i] : 0;
    out[i] = x === 0 && y === 0 ? 0 : f(x, y);
  }
  return new Tangents(out);
}

// The hot operations below pass their per-call values (`c`, `p`, `q`) to module-level
// functions instead of making a closure per call: mul and div run millions of times
// per check, and a closure each time was a measurable share of the time.

/** tmap with `f(c, entry)`. */
function tmapWith(t: Tangents, f: (c: Scalar, x: Scalar) => Scalar, c: Scalar): Tangents {
  const out = new Array<Scalar>(t.d.length);
  for (let i = 0; i < out.length; i++) {
    const x = t.d[i];
    out[i] = x === 0 ? 0 : f(c, x);
  }
  return new Tangents(out);
}

// tzip for add, sub, mul and div, with the operation written out for the entries that are
// plain numbers (first derivatives, the common case): no call through a function argument
// per entry. Each does exactly what the generic path does for two numbers (add(x, y) is
// x + y, mulTerm(p, q, x, y) is p·y, x·q or p·y + x·q), so the numbers are the same to
// the last bit.
type Op = 'add' | 'sub' | 'mul' | 'div';

/** tzip of add or sub, or of mulTerm(p, q, x, y) or divTerm(p, q, x, y). */
function tzipOp(a: Tangent, b: Tangent, op: Op, p: Scalar, q: Scalar): Tangents {
  const n = a instanceof Tangents ? a.d.length : (b as Tangents).d.length;
  const out = new Array<Scalar>(n);
  const plain = typeof p === 'number' && typeof q === 'number';
  for (let i = 0; i < n; i++) {
    const x = a instanceof Tangents ? a.d[i] : 0;
    const y = b instanceof Tangents ? b.d[i] : 0;
    out[i] = x === 0 && y === 0 ? 0
      : plain && typeof x === 'number' && typeof y === 'number' ? plainTerm(op, p as number, q as number, x, y)
        : op === 'add' ? add(x, y) : op === 'sub' ? sub(x, y) : op === 'mul' ? mulTerm(p, q, x, y) : divTerm(p, q, x, y);
  }
  return new Tangents(out);
}

function plainTerm(op: Op, p: number, q: number, x: number, y: number): number {
  switch (op) {
    case 'add': return x + y;
    case 'sub': return x - y;
    case 'mul': return x === 0 ? p * y : y === 0 ? x * q : p * y + x * q;
    case 'div': return (y === 0 ? x : x - p * y) / q;
  }
}

let lastTag = 0;

/** A fresh perturbation tag, higher than every tag handed out before. */
export function newTag(): number {
  return ++lastTag;
}

export function isDual(x: unknown): x is Dual {
  return x instanceof Dual;
}

/**
 * Builds `re + du·ε_tag`, dropping the perturbation when it is exactly the
 * number 0: constants stay plain numbers, which keeps later ops on the fast
 * path and costs nothing in meaning (`tangent` of a number is 0).
 */
function dual(tag: number, re: Scalar, du: Tangent): Scalar {
  if (du instanceof Tangents) {
    for (const x of du.d) if (x !== 0) return new Dual(tag, re, du);
    return re;
  }
  return du === 0 ? re : new Dual(tag, re, du);
}

function tagOf(x: Scalar): number {
  return typeof x === 'number' ? 0 : x.tag;
}

/** Real part of `x` at level `tag` (x itself if it has no ε_tag). */
function reAt(x: Scalar, tag: number): Scalar {
  return typeof x !== 'number' && x.tag === tag ? x.re : x;
}

/** ε_tag coefficient of `x`, valid only when `tag` is x's top tag or above. */
function duAt(x: Scalar, tag: number): Tangent {
  return typeof x !== 'number' && x.tag === tag ? x.du : 0;
}

export function add(a: Scalar, b: Scalar): Scalar {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  const t = Math.max(tagOf(a), tagOf(b));
  const ad = duAt(a, t), bd = duAt(b, t);
  const du = ad instanceof Tangents || bd instanceof Tangents ? tzipOp(ad, bd, 'add', 0, 0) : add(ad, bd);
  return dual(t, add(reAt(a, t), reAt(b, t)), du);
}

export function sub(a: Scalar, b: Scalar): Scalar {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const t = Math.max(tagOf(a), tagOf(b));
  const ad = duAt(a, t), bd = duAt(b, t);
  const du = ad instanceof Tangents || bd instanceof Tangents ? tzipOp(ad, bd, 'sub', 0, 0) : sub(ad, bd);
  return dual(t, sub(reAt(a, t), reAt(b, t)), du);
}

export function mul(a: Scalar, b: Scalar): Scalar {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  const t = Math.max(tagOf(a), tagOf(b));
  const ar = reAt(a, t);
  const br = reAt(b, t);
  const ad = duAt(a, t);
  const bd = duAt(b, t);
  const du = ad instanceof Tangents || bd instanceof Tangents ? tzipOp(ad, bd, 'mul', ar, br) : mulTerm(ar, br, ad as Scalar, bd as Scalar);
  return dual(t, mul(ar, br), du);
}

/** One coefficient of (a·b)' = a·y + x·b; skipping the zero product term saves a recursive call per level. */
function mulTerm(ar: Scalar, br: Scalar, x: Scalar, y: Scalar): Scalar {
  return x === 0 ? mul(ar, y) : y === 0 ? mul(x, br) : add(mul(ar, y), mul(x, br));
}

export function div(a: Scalar, b: Scalar): Scalar {
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  const t = Math.max(tagOf(a), tagOf(b));
  const br = reAt(b, t);
  const bd = duAt(b, t);
  const q = div(reAt(a, t), br);
  // (a/b)' = (a' − q·b') / b, reusing the quotient instead of squaring b.
  const ad = duAt(a, t);
  return dual(t, q, ad instanceof Tangents || bd instanceof Tangents ? tzipOp(ad, bd, 'div', q, br) : divTerm(q, br, ad as Scalar, bd as Scalar));
}

/** One coefficient of (a/b)' = (x − q·y)/b. */
function divTerm(q: Scalar, br: Scalar, x: Scalar, y: Scalar): Scalar {
  return div(y === 0 ? x : sub(x, mul(q, y)), br);
}

export function neg(x: Scalar): Scalar {
  if (typeof x === 'number') return -x;
  return new Dual(x.tag, neg(x.re), x.du instanceof Tangents ? tmap(x.du, neg) : neg(x.du));
}

/** `c·du` for a tangent of either kind. */
function scaleTangent(du: Tangent, c: Scalar): Tangent {
  return du instanceof Tangents ? tmapWith(du, mul, c) : mul(c, du);
}

/**
 * General real power `a^b`. A constant exponent uses b·a^(b−1), which is
 * defined for negative bases with integer exponents ((−2)^3); a varying
 * exponent adds a^b·log(a)·b', which is NaN for a negative base, as the
 * derivative is not real there. Fractional powers of negative bases are NaN,
 * like Math.pow.
 */
export function pow(a: Scalar, b: Scalar): Scalar {
  if (typeof a === 'number' && typeof b === 'number') return Math.pow(a, b);
  const t = Math.max(tagOf(a), tagOf(b));
  const ar = reAt(a, t);
  const br = reAt(b, t);
  const ad = duAt(a, t);
  const bd = duAt(b, t);
  const value = pow(ar, br);
  let baseFactor: Scalar | undefined, expFactor: Scalar | undefined;
  const term = (x: Scalar, y: Scalar): Scalar => {
    let du: Scalar = 0;
    // b = 0 would give 0·a^(−1), which is NaN at a = 0; a^0 is constant anyway.
    if (x !== 0 && br !== 0) du = mul(baseFactor ??= mul(br, pow(ar, sub(br, 1))), x);
    // At a = 0 with b > 0, a^b·log a → 0, but computing it gives 0·(−∞) = NaN.
    if (y !== 0 && !(primal(ar) === 0 && primal(br) > 0)) {
      du = add(du, mul(expFactor ??= mul(value, log(ar)), y));
    }
    return du;
  };
  return dual(t, value, ad instanceof Tangents || bd instanceof Tangents ? tzip(ad, bd, term) : term(ad, bd));
}

/** `x / c` with the divisor first (tmapWith's order). */
function divBy(c: Scalar, x: Scalar): Scalar {
  return div(x, c);
}

export function exp(x: Scalar): Scalar {
  if (typeof x === 'number') return Math.exp(x);
  const e = exp(x.re);
  return dual(x.tag, e, scaleTangent(x.du, e));
}

export function log(x: Scalar): Scalar {
  if (typeof x === 'number') return Math.log(x);
  const re = x.re;
  return dual(x.tag, log(re), x.du instanceof Tangents ? tmapWith(x.du, divBy, re) : div(x.du, re));
}

export function sqrt(x: Scalar): Scalar {
  if (typeof x === 'number') return Math.sqrt(x);
  const s = sqrt(x.re);
  const twice = mul(2, s);
  return dual(x.tag, s, x.du instanceof Tangents ? tmapWith(x.du, divBy, twice) : div(x.du, twice));
}

/** |x|, with derivative 0 at x = 0 (the subgradient central differences see). */
export function abs(x: Scalar): Scalar {
  if (typeof x === 'number') return Math.abs(x);
  const p = primal(x);
  return p < 0 ? neg(x) : p > 0 ? x : 0;
}

export function sin(x: Scalar): Scalar {
  if (typeof x === 'number') return Math.sin(x);
  return dual(x.tag, sin(x.re), scaleTangent(x.du, cos(x.re)));
}

export function cos(x: Scalar): Scalar {
  if (typeof x === 'number') return Math.cos(x);
  const s = sin(x.re);
  return dual(x.tag, cos(x.re), x.du instanceof Tangents ? tmap(x.du, (d) => neg(mul(s, d))) : neg(mul(s, x.du)));
}

export function tan(x: Scalar): Scalar {
  if (typeof x === 'number') return Math.tan(x);
  const t = tan(x.re);
  return dual(x.tag, t, scaleTangent(x.du, add(1, mul(t, t))));
}

export function tanh(x: Scalar): Scalar {
  if (typeof x === 'number') return Math.tanh(x);
  const t = tanh(x.re);
  return dual(x.tag, t, scaleTangent(x.du, sub(1, mul(t, t))));
}

/** Logistic function 1/(1+e^(−x)). */
export function sigmoid(x: Scalar): Scalar {
  if (typeof x === 'number') {
    // Two forms so that neither exp overflows for large |x|.
    if (x >= 0) return 1 / (1 + Math.exp(-x));
    const e = Math.exp(x);
    return e / (1 + e);
  }
  const s = sigmoid(x.re);
  return dual(x.tag, s, scaleTangent(x.du, mul(s, sub(1, s))));
}

/** The plain number under all perturbations. */
export function primal(x: Scalar): number {
  while (typeof x !== 'number') x = x.re;
  return x;
}

/**
 * `x + ε_tag`. Works for a number and for a Scalar that already carries other
 * tags (seeding again for a second derivative), in either tag order.
 */
export function seed(x: Scalar, tag: number): Dual {
  if (typeof x === 'number') return new Dual(tag, x, 1);
  return add(x, new Dual(tag, 0, 1)) as Dual;
}

/**
 * `ε_tag·u_entry`, u_entry the entry-th of `count` unit directions: one
 * perturbation of a vector-valued tangent (entry −1: every direction at once).
 */
export function seedDirection(tag: number, entry: number, count: number): Dual {
  const d = new Array<Scalar>(count).fill(entry < 0 ? 1 : 0);
  if (entry >= 0) d[entry] = 1;
  return new Dual(tag, 0, new Tangents(d));
}

/** `re + ε_tag·du`, one coefficient per direction, for plain numbers (a derivative written out). */
export function withTangents(re: number, tag: number, du: number[]): Scalar {
  return dual(tag, re, new Tangents(du.map((x) => (x === 0 ? 0 : x))));
}

/** Coefficient of ε_tag in `x`; it may still carry the other tags. */
export function tangent(x: Scalar, tag: number): Scalar {
  if (typeof x === 'number' || x.tag < tag) return 0;
  if (x.tag === tag) {
    if (x.du instanceof Tangents) throw new TypeError('tangent(): this tag has several directions (use tangentEntry)');
    return x.du;
  }
  const du = x.du;
  return dual(x.tag, tangent(x.re, tag), du instanceof Tangents ? tmap(du, (d) => tangent(d, tag)) : tangent(du, tag));
}

/** Coefficient of ε_tag in direction `entry` (of a vector-valued tangent); it may still carry the other tags. */
export function tangentEntry(x: Scalar, tag: number, entry: number): Scalar {
  if (typeof x === 'number' || x.tag < tag) return 0;
  if (x.tag === tag) {
    const d = x.du instanceof Tangents ? x.du.d[entry] : x.du;
    // A single-direction pass never leaves a −0 coefficient: it drops it.
    return d === 0 ? 0 : d;
  }
  const du = x.du;
  return dual(x.tag, tangentEntry(x.re, tag, entry), du instanceof Tangents ? tmap(du, (d) => tangentEntry(d, tag, entry)) : tangentEntry(du, tag, entry));
}

/**
 * Would `x` be a plain number in the pass of some single direction? True for
 * a number, and for a value whose every tag has several directions, one of
 * them not reaching it (see Env.noteResult: it checks plain numbers only).
 */
export function plainInSomeDirection(x: Scalar): boolean {
  if (typeof x === 'number') return true;
  return x.du instanceof Tangents && x.du.d.some((d) => d === 0) && plainInSomeDirection(x.re);
}

// ---------------------------------------------------------------------------
// Matrices

/** Dense row-major matrix; vectors are n×1 (column) or 1×n (row) matrices. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Scalar[];
}

export type Value = Scalar | Matrix;

export function isMatrix(v: Value): v is Matrix {
  return typeof v === 'object' && !(v instanceof Dual);
}

export function matrix(rows: number, cols: number, data: Scalar[]): Matrix {
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows > 0 && cols > 0)) {
    throw new ShapeError(`a matrix cannot have ${rows} rows and ${cols} columns`);
  }
  if (data.length !== rows * cols) {
    throw new ShapeError(`a ${rows}×${cols} matrix needs ${rows * cols} entries, not ${data.length}`);
  }
  return { rows, cols, data };
}

export function columnVector(xs: Scalar[]): Matrix {
  return matrix(xs.length, 1, xs);
}

export function rowVector(xs: Scalar[]): Matrix {
  return matrix(1, xs.length, xs);
}

export function zeros(rows: number, cols: number): Matrix {
  return matrix(rows, cols, new Array<Scalar>(rows * cols).fill(0));
}

export function identity(n: number): Matrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** "a 3×1 vector", "an 8×8 matrix", "a scalar": the shape as error messages name it. */
export function describeShape(v: Value): string {
  if (!isMatrix(v)) return 'a scalar';
  const { rows, cols } = v;
  const kind = (rows === 1) !== (cols === 1) ? 'vector' : 'matrix';
  return `${article(rows)} ${rows}×${cols} ${kind}`;
}

/** "an" before numbers spoken with a leading vowel: 8…, 11, 18, 11 000, 18 000, … */
function article(n: number): string {
  const s = String(n);
  const vowel = s.startsWith('8') || ((s.startsWith('11') || s.startsWith('18')) && s.length % 3 === 2);
  return vowel ? 'an' : 'a';
}

/** The scalar inside a scalar or a 1×1 matrix, else undefined. */
function scalarOf(v: Value): Scalar | undefined {
  if (!isMatrix(v)) return v;
  return v.rows === 1 && v.cols === 1 ? v.data[0] : undefined;
}

export function toScalar(v: Value): Scalar {
  const s = scalarOf(v);
  if (s === undefined) throw new ShapeError(`expected a scalar but got ${describeShape(v)}`);
  return s;
}

function mapMatrix(m: Matrix, f: (x: Scalar) => Scalar): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.map(f) };
}

/**
 * Entrywise `op` for + and −: equal shapes, or a scalar with a 1×1 matrix.
 * The result is a matrix whenever an operand is one.
 */
function entrywise(a: Value, b: Value, op: (x: Scalar, y: Scalar) => Scalar, verb: string): Value {
  if (!isMatrix(a) && !isMatrix(b)) return op(a, b);
  if (isMatrix(a) && isMatrix(b) && a.rows === b.rows && a.cols === b.cols) {
    const data = new Array<Scalar>(a.data.length);
    // Plain numbers added or subtracted in place (what add and sub do with them), the rest by `op`.
    const plus = op === add;
    for (let i = 0; i < data.length; i++) {
      const x = a.data[i], y = b.data[i];
      data[i] = typeof x === 'number' && typeof y === 'number' && (plus || op === sub) ? (plus ? x + y : x - y) : op(x, y);
    }
    return { rows: a.rows, cols: a.cols, data };
  }
  const sa = scalarOf(a);
  const sb = scalarOf(b);
  if (sa !== undefined && sb !== undefined) return matrix(1, 1, [op(sa, sb)]);
  // (`\mathbf{x}_n - \mathbf{0}`: the bold zero is read as the number 0, which is the zero of any shape.)
  if (b === 0 && isMatrix(a)) return a;
  if (a === 0 && isMatrix(b)) return op === add ? b : vneg(b);
  // `S - N_k` read as S − N_k I (scalarsAsIdentity), a number beside a square matrix.
  if (scalarAsIdentity) {
    const m = isMatrix(a) ? a : isMatrix(b) ? b : null;
    if (m && m.rows === m.cols && (!isMatrix(a) || !isMatrix(b))) {
      const c = (isMatrix(a) ? b : a) as Scalar;
      const eye = { rows: m.rows, cols: m.cols, data: m.data.map((_, i) => (i % (m.rows + 1) === 0 ? c : 0)) };
      return isMatrix(a) ? entrywise(a, eye, op, verb) : entrywise(eye, b, op, verb);
    }
  }
  throw new ShapeError(`cannot ${verb} ${describeShape(a)} and ${describeShape(b)}`);
}

/** While set, a number added to or taken from a square matrix is that number times the identity (scalarsAsIdentity). */
let scalarAsIdentity = false;

/**
 * `f` evaluated with a number beside a square matrix in a sum read as that number times the identity (`S - N_k` as
 * S − N_k I, the shorthand of slides), where it is otherwise a shape error. Not reentrant beyond nesting (restores the flag).
 */
export function scalarsAsIdentity<T>(f: () => T): T {
  const was = scalarAsIdentity;
  scalarAsIdentity = true;
  try {
    return f();
  } finally {
    scalarAsIdentity = was;
  }
}

export function vadd(a: Value, b: Value): Value {
  return entrywise(a, b, add, 'add');
}

export function vsub(a: Value, b: Value): Value {
  return entrywise(a, b, sub, 'subtract');
}

export function vneg(v: Value): Value {
  return isMatrix(v) ? mapMatrix(v, neg) : neg(v);
}

/**
 * Product. A scalar or 1×1 matrix scales the other operand, so that a
 * row·column product can be used as a number; two larger matrices multiply
 * by the usual rule with the inner dimensions checked.
 */
export function vmul(a: Value, b: Value): Value {
  if (!isMatrix(a) && !isMatrix(b)) return mul(a, b);
  const sa = scalarOf(a);
  if (sa !== undefined && isMatrix(b)) return scaled(sa, b, true);
  const sb = scalarOf(b);
  if (sb !== undefined && isMatrix(a)) return scaled(sb, a, false);
  // Both are matrices here, neither 1×1.
  const A = a as Matrix;
  const B = b as Matrix;
  if (A.cols !== B.rows) {
    throw new ShapeError(
      `cannot multiply ${describeShape(A)} by ${describeShape(B)}: inner dimensions ${A.cols} and ${B.rows} differ`,
    );
  }
  return matmul(A, B);
}

/** `c·M` (`first`: c on the left) entry by entry, plain numbers multiplied in place (what mul does with them). */
function scaled(c: Scalar, M: Matrix, first: boolean): Matrix {
  const data = new Array<Scalar>(M.data.length);
  for (let i = 0; i < data.length; i++) {
    const x = M.data[i];
    data[i] = typeof c === 'number' && typeof x === 'number' ? c * x : first ? mul(c, x) : mul(x, c);
  }
  return { rows: M.rows, cols: M.cols, data };
}

function matmul(A: Matrix, B: Matrix): Matrix {
  const n = A.rows;
  const m = B.cols;
  const k = A.cols;
  const data = new Array<Scalar>(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s: Scalar = 0;
      for (let l = 0; l < k; l++) {
        const x = A.data[i * k + l], y = B.data[l * m + j];
        // add(s, mul(x, y)) with plain numbers is s + x·y.
        s = typeof s === 'number' && typeof x === 'number' && typeof y === 'number' ? s + x * y : add(s, mul(x, y));
      }
      data[i * m + j] = s;
    }
  }
  return { rows: n, cols: m, data };
}

/** Division by a scalar or 1×1 matrix; dividing by a matrix has no meaning here. */
export function vdiv(a: Value, b: Value): Value {
  const sb = scalarOf(b);
  if (sb === undefined) {
    throw new ShapeError(`cannot divide ${describeShape(a)} by ${describeShape(b)}: the divisor must be a scalar`);
  }
  if (isMatrix(a)) return mapMatrix(a, (x) => div(x, sb));
  return isMatrix(b) ? matrix(1, 1, [div(a, sb)]) : div(a, sb);
}

export function transpose(v: Value): Value {
  if (!isMatrix(v)) return v;
  const { rows, cols } = v;
  const data = new Array<Scalar>(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) data[j * rows + i] = v.data[i * cols + j];
  }
  return { rows: cols, cols: rows, data };
}

/** `what` names the operation around the shape, e.g. (s) => `invert ${s}`. */
function requireSquare(v: Matrix, what: (shape: string) => string): void {
  if (v.rows !== v.cols) throw new ShapeError(`cannot ${what(describeShape(v))}: it is not square`);
}

/** Largest |primal entry|, the scale for deciding a pivot is zero. */
function maxAbsPrimal(data: readonly Scalar[]): number {
  let m = 0;
  for (const x of data) m = Math.max(m, Math.abs(primal(x)));
  return m;
}

/** Index of the row r ≥ col whose primal entry in `col` is largest in size. */
function pivotRow(a: readonly Scalar[], n: number, col: number): number {
  let best = col;
  let bestAbs = -1;
  for (let r = col; r < n; r++) {
    const v = Math.abs(primal(a[r * n + col]));
    if (v > bestAbs) {
      best = r;
      bestAbs = v;
    }
  }
  return best;
}

function swapRows(a: Scalar[], n: number, r1: number, r2: number): void {
  for (let j = 0; j < n; j++) {
    const t = a[r1 * n + j];
    a[r1 * n + j] = a[r2 * n + j];
    a[r2 * n + j] = t;
  }
}

/**
 * Inverse by Gauss–Jordan elimination. Pivots are chosen on primal values so
 * that duals follow the same path as the numbers; running the elimination on
 * Scalars then yields the exact derivative −A⁻¹·A'·A⁻¹.
 */
export function inverse(v: Value): Value {
  if (!isMatrix(v)) {
    if (primal(v) === 0) throw new EvalError('matrix is singular');
    return div(1, v);
  }
  requireSquare(v, (s) => `invert ${s}`);
  const split = splitTop(v);
  if (split) {
    // (A₀ + εA₁)⁻¹ = A₀⁻¹ − ε A₀⁻¹A₁A₀⁻¹: one plain inverse and two products
    // instead of an elimination in dual arithmetic (the checker's hot path).
    const inv0 = inverse(split.a0) as Matrix;
    const tangentOf = (a1: Matrix): Scalar[] => (vmul(vmul(inv0, a1), inv0) as Matrix).data.map(neg);
    return { rows: v.rows, cols: v.cols, data: splitTangents(split, inv0.data, tangentOf) };
  }
  return inverseByElimination(v);
}

/** Split a matrix with perturbations into A₀ + ε_tag·A₁ at its outermost tag, or null for a plain one. */
function splitTop(m: Matrix): { tag: number; a0: Matrix; a1: Tangent[]; directions: number } | null {
  let tag = 0;
  for (const x of m.data) if (typeof x !== 'number' && x.tag > tag) tag = x.tag;
  if (tag === 0) return null;
  let directions = 0;
  const a1 = m.data.map((x) => {
    const d = duAt(x, tag);
    if (d instanceof Tangents) directions = d.d.length;
    return d;
  });
  return { tag, a0: { rows: m.rows, cols: m.cols, data: m.data.map((x) => reAt(x, tag)) }, a1, directions };
}

/**
 * `re + ε·f(A₁)` entrywise, f linear in A₁ (the split's tangent matrix). With
 * several directions, f is applied to each direction's matrix on its own, and a
 * direction that moves no entry gets none (as its own pass would).
 */
function splitTangents(split: { tag: number; a0: Matrix; a1: Tangent[]; directions: number }, re: Scalar[], f: (a1: Matrix) => Scalar[]): Scalar[] {
  const { tag, a0: { rows, cols }, a1, directions } = split;
  if (directions === 0) {
    const du = f({ rows, cols, data: a1 as Scalar[] });
    return re.map((x, i) => dual(tag, x, du[i]));
  }
  const per = new Array<Scalar[] | null>(directions);
  for (let e = 0; e < directions; e++) {
    const data = a1.map((x) => (x instanceof Tangents ? x.d[e] : 0));
    per[e] = data.every((x) => x === 0) ? null : f({ rows, cols, data });
  }
  return re.map((x, i) => dual(tag, x, new Tangents(per.map((p) => (p === null ? 0 : p[i])))));
}

function inverseByElimination(v: Matrix): Matrix {
  const n = v.rows;
  const a = v.data.slice();
  const inv = identity(n).data;
  // Rounding turns an exactly singular matrix into pivots of order ε·|A|, so
  // anything that small counts as zero.
  const tiny = n * Number.EPSILON * maxAbsPrimal(a);
  for (let col = 0; col < n; col++) {
    const p = pivotRow(a, n, col);
    const pivotAbs = Math.abs(primal(a[p * n + col]));
    if (!(pivotAbs > tiny)) throw new EvalError('matrix is singular');
    if (p !== col) {
      swapRows(a, n, p, col);
      swapRows(inv, n, p, col);
    }
    const piv = a[col * n + col];
    // Columns left of `col` are already zero in this row.
    for (let j = col; j < n; j++) a[col * n + j] = div(a[col * n + j], piv);
    for (let j = 0; j < n; j++) inv[col * n + j] = div(inv[col * n + j], piv);
    for (let r = 0; r < n; r++) {
      const f = a[r * n + col];
      if (r === col || f === 0) continue;
      for (let j = col; j < n; j++) a[r * n + j] = sub(a[r * n + j], mul(f, a[col * n + j]));
      for (let j = 0; j < n; j++) inv[r * n + j] = sub(inv[r * n + j], mul(f, inv[col * n + j]));
    }
  }
  const out = { rows: n, cols: n, data: inv };
  guardCondition(v, out);
  return out;
}

/**
 * Beyond this condition number (‖A‖₁‖A⁻¹‖₁) an inverse keeps fewer correct digits than a 10⁻⁶
 * comparison needs (about cond · 10⁻¹⁶ of them are lost): an M-step covariance of a component that
 * holds about as many points as dimensions is such a matrix, and two ways of writing its inverse
 * then differ in the fourth digit.
 */
const MAX_CONDITION = 1e9;

/** Refuses the inverse of a nearly singular matrix (an EvalError: the point is not evidence either way). */
function guardCondition(a: Matrix, inv: Matrix): void {
  const n = a.rows;
  let na = 0, ni = 0;
  for (let j = 0; j < n; j++) {
    let ca = 0, ci = 0;
    for (let i = 0; i < n; i++) {
      ca += Math.abs(primal(a.data[i * n + j]!));
      ci += Math.abs(primal(inv.data[i * n + j]!));
    }
    na = Math.max(na, ca);
    ni = Math.max(ni, ci);
  }
  const cond = na * ni;
  if (cond > MAX_CONDITION) throw new EvalError(`a matrix inverted there is nearly singular (condition number ${cond.toExponential(0)}): its inverse keeps too few correct digits`);
}

/**
 * Determinant by LU with partial pivoting on primal values. A zero primal
 * pivot means det = 0; its derivative there (the adjugate) is not tracked.
 */
export function det(v: Value): Scalar {
  if (!isMatrix(v)) return v;
  requireSquare(v, (s) => `take the determinant of ${s}`);
  const split = splitTop(v);
  if (split) {
    // Jacobi: d det(A) = det(A₀)·tr(A₀⁻¹A₁). At a singular A₀ fall back to the elimination.
    const d0 = det(split.a0);
    if (primal(d0) !== 0) {
      let inv0: Value | undefined;
      return splitTangents(split, [d0], (a1) => [mul(d0, trace(vmul(inv0 ??= inverse(split.a0), a1)))])[0];
    }
  }
  return detByElimination(v);
}

function detByElimination(v: Matrix): Scalar {
  const n = v.rows;
  const a = v.data.slice();
  let d: Scalar = 1;
  for (let col = 0; col < n; col++) {
    const p = pivotRow(a, n, col);
    if (primal(a[p * n + col]) === 0) return 0;
    if (p !== col) {
      swapRows(a, n, p, col);
      d = neg(d);
    }
    const piv = a[col * n + col];
    d = mul(d, piv);
    for (let r = col + 1; r < n; r++) {
      const f = div(a[r * n + col], piv);
      if (f === 0) continue;
      for (let j = col + 1; j < n; j++) a[r * n + j] = sub(a[r * n + j], mul(f, a[col * n + j]));
    }
  }
  return d;
}

export function trace(v: Value): Scalar {
  if (!isMatrix(v)) return v;
  requireSquare(v, (s) => `take the trace of ${s}`);
  let s: Scalar = 0;
  for (let i = 0; i < v.rows; i++) s = add(s, v.data[i * v.cols + i]);
  return s;
}

/**
 * Power of a square matrix: 0 is the identity, negative integers powers of the
 * inverse, positive integers repeated products, and any other real power of a
 * symmetric matrix of plain numbers V·diag(λ^n)·Vᵀ. What cannot be evaluated
 * (a fractional power of a non-symmetric matrix, or inside a derivative) is an
 * EvalError, not a ShapeError: the shapes fit, the checker just cannot say.
 */
export function vpowInt(m: Matrix, n: number): Matrix {
  requireSquare(m, (s) => `raise ${s} to a power`);
  if (n === -1) return inverse(m) as Matrix;
  if (n === 0) return identity(m.rows);
  if (Number.isInteger(n) && n < 0) return vpowInt(inverse(m) as Matrix, -n);
  if (!Number.isInteger(n)) return symmetricPower(m, n);
  // Square-and-multiply keeps A^n at O(log n) products.
  let result: Matrix | undefined;
  let base = m;
  for (let k = n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result = result === undefined ? base : matmul(result, base);
    if (k > 1) base = matmul(base, base);
  }
  return result as Matrix;
}

/** A real power of a symmetric matrix through its eigen-decomposition (values.ts refuses duals here). */
function symmetricPower(m: Matrix, n: number): Matrix {
  const N = m.rows;
  const a = m.data.map((x) => (typeof x === 'number' ? x : NaN));
  if (a.some(Number.isNaN)) throw new EvalError(`the power ${n} of a matrix inside a derivative is not supported`);
  let size = 0;
  for (const x of a) size = Math.max(size, Math.abs(x));
  for (let i = 0; i < N; i++) for (let j = 0; j < i; j++) {
    if (Math.abs(a[i * N + j] - a[j * N + i]) > 1e-12 * size) throw new EvalError(`the power ${n} of a matrix that is not symmetric is not supported`);
  }
  const { values, vectors: V } = symmetricEigen(a, N);
  if (values.some((l) => l < 0)) throw new EvalError(`the power ${n} of a matrix with a negative eigenvalue is not real`);
  const p = values.map((l) => Math.pow(l, n));
  const out: number[] = [];
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
    let s = 0;
    for (let k = 0; k < N; k++) s += V[i * N + k] * p[k] * V[j * N + k];
    out.push(s);
  }
  return matrix(N, N, out);
}

/**
 * `a^b` for values: a scalar (or 1×1) base takes any scalar exponent; a larger
 * matrix needs a constant integer exponent (see vpowInt).
 */
export function vpow(a: Value, b: Value): Value {
  const e = scalarOf(b);
  if (e === undefined) {
    throw new ShapeError(`cannot raise ${describeShape(a)} to the power of ${describeShape(b)}`);
  }
  if (!isMatrix(a)) return isMatrix(b) ? matrix(1, 1, [pow(a, e)]) : pow(a, e);
  if (a.rows === 1 && a.cols === 1) return matrix(1, 1, [pow(a.data[0], e)]);
  if (typeof e !== 'number') {
    throw new EvalError(`the power of ${describeShape(a)} must be a constant integer`);
  }
  return vpowInt(a, e);
}

/** Entries of a row or column vector (a scalar counts as length 1), else undefined. */
function vectorEntries(v: Value): Scalar[] | undefined {
  if (!isMatrix(v)) return [v];
  return v.rows === 1 || v.cols === 1 ? v.data : undefined;
}

/** a·bᵀ for two vectors of any orientation: an m×n matrix. */
export function outer(a: Value, b: Value): Matrix {
  const x = vectorEntries(a);
  const y = vectorEntries(b);
  if (x === undefined || y === undefined) {
    throw new ShapeError(`cannot take the outer product of ${describeShape(a)} and ${describeShape(b)}: both must be vectors`);
  }
  const data = new Array<Scalar>(x.length * y.length);
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < y.length; j++) data[i * y.length + j] = mul(x[i], y[j]);
  }
  return matrix(x.length, y.length, data);
}

/** Σ aᵢbᵢ for two vectors of equal length and any orientation. */
export function dot(a: Value, b: Value): Scalar {
  const x = vectorEntries(a);
  const y = vectorEntries(b);
  if (x === undefined || y === undefined) {
    throw new ShapeError(`cannot take the dot product of ${describeShape(a)} and ${describeShape(b)}: both must be vectors`);
  }
  if (x.length !== y.length) {
    throw new ShapeError(
      `cannot take the dot product of ${describeShape(a)} and ${describeShape(b)}: lengths ${x.length} and ${y.length} differ`,
    );
  }
  let s: Scalar = 0;
  for (let i = 0; i < x.length; i++) s = add(s, mul(x[i], y[i]));
  return s;
}

/** The value with every perturbation stripped: a number or a matrix of numbers. */
export function primalValue(v: Value): number | Matrix {
  return isMatrix(v) ? mapMatrix(v, primal) : primal(v);
}

/** Entrywise ε_tag coefficient. */
export function tangentValue(v: Value, tag: number): Value {
  return isMatrix(v) ? mapMatrix(v, (x) => tangent(x, tag)) : tangent(v, tag);
}

// ---------------------------------------------------------------------------
// Comparison

/**
 * |a − b| / max(|a|, |b|, scale). `scale` is the size below which differences
 * count absolutely, so that values that should be 0 but carry rounding noise
 * still compare equal. Equal values (also equal infinities) give 0; NaN
 * matches nothing and gives Infinity, so callers must drop sample points where
 * an expression is undefined before comparing.
 */
export function relativeError(a: number, b: number, scale: number): number {
  if (a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), scale);
}

export interface CloseResult {
  ok: boolean;
  /** Largest entrywise relative error; Infinity when the shapes differ. */
  maxRel: number;
  /** Row-major index of the worst entry, when the shapes match but the values do not. */
  index?: number;
}

export interface CloseOptions {
  /** Let a row vector equal a column vector with the same entries (gradients are written either way). */
  allowTranspose?: boolean;
}

/**
 * Compares two values entry by entry on their primal parts. A scalar and a
 * 1×1 matrix have the same shape; `rtol` bounds every entry's
 * relativeError(…, atolScale).
 */
export function valuesClose(a: Value, b: Value, rtol: number, atolScale: number, options: CloseOptions = {}): CloseResult {
  const [ar, ac, ad] = isMatrix(a) ? [a.rows, a.cols, a.data] : [1, 1, [a]];
  const [br, bc, bd] = isMatrix(b) ? [b.rows, b.cols, b.data] : [1, 1, [b]];
  const sameShape = ar === br && ac === bc;
  // Row-major data of a row vector and of a column vector list the entries in the same order.
  const transposedVectors = options.allowTranspose === true && ar === bc && ac === br && (ar === 1 || ac === 1);
  if (!sameShape && !transposedVectors) return { ok: false, maxRel: Infinity };
  let maxRel = 0;
  let worst = 0;
  for (let i = 0; i < ad.length; i++) {
    const e = relativeError(primal(ad[i]), primal(bd[i]), atolScale);
    if (e > maxRel) {
      maxRel = e;
      worst = i;
    }
  }
  return maxRel <= rtol ? { ok: true, maxRel } : { ok: false, maxRel, index: worst };
}
