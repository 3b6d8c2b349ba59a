// Tests of the numeric value layer: tagged duals give the same derivatives as
// central differences (random expressions, nested derivatives, matrix
// inverse and determinant), matrix ops match hand-computed values, and shape
// errors read well.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  Dual,
  EvalError,
  Matrix,
  Scalar,
  ShapeError,
  Value,
  abs,
  add,
  columnVector,
  cos,
  describeShape,
  det,
  div,
  dot,
  exp,
  identity,
  inverse,
  isDual,
  isMatrix,
  log,
  matrix,
  mul,
  neg,
  newTag,
  outer,
  pow,
  primal,
  primalValue,
  relativeError,
  rowVector,
  seed,
  seedDirection,
  sigmoid,
  sin,
  sqrt,
  sub,
  tan,
  tangent,
  tangentEntry,
  tangentValue,
  tanh,
  toScalar,
  trace,
  transpose,
  vadd,
  valuesClose,
  vdiv,
  vmul,
  vneg,
  vpow,
  vpowInt,
  vsub,
  zeros,
} from '../../../src/core/eval/values';

/** d/dx f at x, with a fresh tag so that calls may nest. */
function derivative(f: (x: Scalar) => Scalar, x: Scalar): Scalar {
  const t = newTag();
  return tangent(f(seed(x, t)), t);
}

/** Central difference with step h. */
function centralDifference(f: (x: number) => number, x: number, h: number): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/**
 * f'(x) by central differences with h = 1e-5·max(1, |x|), or undefined when
 * the difference cannot certify anything. Its error is h²·f'''/6 from
 * truncation plus about ε·|f|/h (≈2e-11·scale) from rounding. Doubling h
 * quadruples the truncation error, so |D(h) − D(2h)| ≈ 3× the error of D(h):
 * when the two agree to 1e-7·scale, D(h) is good to about 3e-8·scale. They
 * disagree only where a random expression has a feature narrower than the
 * step (a 1/(1 + K²x²) bump with K ≈ 10⁵), a few in 10⁴ samples.
 */
function certifiedDerivative(f: (x: number) => number, x: number, scale: number): number | undefined {
  const h = 1e-5 * Math.max(1, Math.abs(x));
  const d = centralDifference(f, x, h);
  return relativeError(d, centralDifference(f, x, 2 * h), scale) <= 1e-7 ? d : undefined;
}

function num(v: Scalar): number {
  assert.equal(typeof v, 'number', `expected a plain number, got ${String(v)}`);
  return v as number;
}

function assertClose(actual: number, expected: number, rtol = 1e-12, scale = 1): void {
  const e = relativeError(actual, expected, scale);
  assert.ok(e <= rtol, `${actual} vs ${expected}: relative error ${e} > ${rtol}`);
}

function assertValuesClose(actual: Value, expected: Value, rtol = 1e-12, scale = 1): void {
  const r = valuesClose(actual, expected, rtol, scale);
  assert.ok(r.ok, `${JSON.stringify(primalValue(actual))} vs ${JSON.stringify(primalValue(expected))}: ${JSON.stringify(r)}`);
}

function m(rows: number[][]): Matrix {
  return matrix(rows.length, rows[0].length, rows.flat());
}

// ---------------------------------------------------------------------------
// Random scalar expressions in x. Every operation is guarded so the
// expression is defined and smooth for every real x: divisors, log and sqrt
// arguments and bases of real powers are of the form 1 + e².

type Expr =
  | { op: 'x' }
  | { op: 'const'; value: number }
  | { op: 'add' | 'sub' | 'mul' | 'div' | 'powVar'; a: Expr; b: Expr }
  | { op: 'exp' | 'log' | 'sqrt' | 'sin' | 'tanh' | 'sigmoid'; a: Expr }
  | { op: 'powConst' | 'powInt'; a: Expr; k: number };

const exprArb: fc.Memo<Expr> = fc.memo((depth) => {
  const leaf = fc.oneof(
    fc.constant<Expr>({ op: 'x' }),
    fc.double({ min: -2, max: 2, noNaN: true }).map((value): Expr => ({ op: 'const', value })),
  );
  if (depth <= 1) return leaf;
  const sub = exprArb(depth - 1);
  return fc.oneof(
    { weight: 1, arbitrary: leaf },
    {
      weight: 2,
      arbitrary: fc
        .record({ op: fc.constantFrom('add', 'sub', 'mul', 'div', 'powVar'), a: sub, b: sub })
        .map((e): Expr => e),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ op: fc.constantFrom('exp', 'log', 'sqrt', 'sin', 'tanh', 'sigmoid'), a: sub })
        .map((e): Expr => e),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('powConst'), a: sub, k: fc.constantFrom(-1.5, -1, 0.5, 2.5) }).map((e): Expr => e) },
    // Integer powers of a possibly negative base.
    { weight: 1, arbitrary: fc.record({ op: fc.constant('powInt'), a: sub, k: fc.constantFrom(2, 3) }).map((e): Expr => e) },
  );
});

function evaluate(e: Expr, x: Scalar): Scalar {
  const onePlusSquare = (a: Expr): Scalar => {
    const v = evaluate(a, x);
    return add(1, mul(v, v));
  };
  switch (e.op) {
    case 'x':
      return x;
    case 'const':
      return e.value;
    case 'add':
      return add(evaluate(e.a, x), evaluate(e.b, x));
    case 'sub':
      return sub(evaluate(e.a, x), evaluate(e.b, x));
    case 'mul':
      return mul(evaluate(e.a, x), evaluate(e.b, x));
    case 'div':
      return div(evaluate(e.a, x), onePlusSquare(e.b));
    case 'powVar':
      // Exponent squashed into (−1, 1) so nested powers cannot overflow.
      return pow(onePlusSquare(e.a), tanh(evaluate(e.b, x)));
    case 'exp':
      return exp(tanh(evaluate(e.a, x)));
    case 'log':
      return log(onePlusSquare(e.a));
    case 'sqrt':
      return sqrt(onePlusSquare(e.a));
    case 'sin':
      // A bounded argument: sin of a huge argument oscillates faster than any step resolves.
      return sin(mul(3, tanh(evaluate(e.a, x))));
    case 'tanh':
      return tanh(evaluate(e.a, x));
    case 'sigmoid':
      return sigmoid(evaluate(e.a, x));
    case 'powConst':
      return pow(onePlusSquare(e.a), e.k);
    case 'powInt':
      return pow(evaluate(e.a, x), e.k);
  }
}

const xArb = fc.double({ min: -1.5, max: 1.5, noNaN: true });

describe('eval/values: scalars', () => {
  it('keeps numbers as numbers', () => {
    assert.equal(add(1, 2), 3);
    assert.equal(mul(3, 4), 12);
    assert.equal(pow(-2, 3), -8);
    assert.ok(Number.isNaN(pow(-2, 0.5) as number));
    assert.equal(sigmoid(-800), 0);
    assert.equal(sigmoid(800), 1);
  });

  it('drops perturbations that become exactly zero', () => {
    const t = newTag();
    const x = seed(3, t);
    assert.equal(mul(0, x), 0);
    assert.equal(sub(x, x), 0);
    assert.ok(isDual(add(x, 1)));
  });

  it('differentiates every unary op exactly', () => {
    const cases: [string, (x: Scalar) => Scalar, (x: number) => number, number][] = [
      ['exp', exp, Math.exp, 0.7],
      ['log', log, (x) => 1 / x, 0.7],
      ['sqrt', sqrt, (x) => 0.5 / Math.sqrt(x), 0.7],
      ['sin', sin, Math.cos, 0.7],
      ['cos', cos, (x) => -Math.sin(x), 0.7],
      ['tan', tan, (x) => 1 / Math.cos(x) ** 2, 0.7],
      ['tanh', tanh, (x) => 1 - Math.tanh(x) ** 2, 0.7],
      ['sigmoid', sigmoid, (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2, -0.7],
      ['abs', abs, Math.sign, -0.7],
      ['neg', neg, () => -1, 0.7],
    ];
    for (const [name, f, df, x] of cases) {
      assertClose(num(derivative(f, x)), df(x), 1e-14, 1e-300);
      assert.equal(primal(f(seed(x, newTag()))), f(x), name);
    }
    assert.equal(derivative(abs, 0), 0);
  });

  it('differentiates powers in base and exponent, including negative bases', () => {
    assertClose(num(derivative((x) => pow(x, 3), -2)), 12);
    assert.equal(primal(pow(seed(-2, newTag()), 3)), -8);
    assertClose(num(derivative((b) => pow(2, b), 3)), 8 * Math.LN2);
    assertClose(num(derivative((x) => pow(x, x), 2)), 4 * (Math.log(2) + 1));
    assert.equal(derivative((x) => pow(x, 0), 0), 0);
    assert.equal(derivative((b) => pow(0, b), 2), 0);
    assert.ok(Number.isNaN(primal(pow(seed(-2, newTag()), 0.5))));
    // d/db (−2)^b is not real.
    assert.ok(Number.isNaN(num(derivative((b) => pow(-2, b), 3))));
  });

  it('matches central differences on random expressions', () => {
    // The certified difference is good to ~3e-8 (measured worst over 4×10⁵
    // samples: 3.3e-8); a wrong derivative rule is off by O(1).
    fc.assert(
      fc.property(exprArb(5), xArb, (e, x) => {
        const f = (v: number): number => num(evaluate(e, v));
        const scale = Math.max(1, Math.abs(f(x)));
        const fd = certifiedDerivative(f, x, scale);
        fc.pre(fd !== undefined);
        const ad = num(derivative((v) => evaluate(e, v), x));
        const err = relativeError(ad, fd, scale);
        assert.ok(err < 1e-6, `f'(${x}) = ${ad} but finite differences give ${fd} (error ${err}) for ${JSON.stringify(e)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('gives second derivatives that match differences of first derivatives', () => {
    fc.assert(
      fc.property(exprArb(4), xArb, (e, x) => {
        const d1 = (v: Scalar): Scalar => derivative((u) => evaluate(e, u), v);
        const g = (v: number): number => num(d1(v));
        const scale = Math.max(1, Math.abs(g(x)));
        const fd2 = certifiedDerivative(g, x, scale);
        fc.pre(fd2 !== undefined);
        const ad2 = num(derivative(d1, x));
        const err = relativeError(ad2, fd2, scale);
        assert.ok(err < 1e-6, `f''(${x}) = ${ad2} but differences give ${fd2} (error ${err}) for ${JSON.stringify(e)}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('eval/values: nested perturbations', () => {
  it('computes d²/dx² x³ = 6x with two tags', () => {
    const cube = (x: Scalar): Scalar => mul(mul(x, x), x);
    for (const x of [-1.5, 0, 2]) {
      assert.equal(derivative((v) => derivative(cube, v), x), 6 * x);
    }
    assert.equal(derivative((u) => derivative((v) => derivative(cube, v), u), 0.3), 6);
  });

  it('does not confuse an inner perturbation with an outer one', () => {
    // d/dx [x · d/dy (x·y)] = d/dx x² = 2x.
    const f = (x: Scalar): Scalar => mul(x, derivative((y) => mul(x, y), 3));
    assert.equal(derivative(f, 5), 10);
    // Siskind & Pearlmutter: d/dx [x · d/dy (x + y)] = 1; one untagged ε gives 2.
    const g = (x: Scalar): Scalar => mul(x, derivative((y) => add(x, y), 1));
    assert.equal(derivative(g, 7), 1);
  });

  it('extracts tangents from nested structures in either seeding order', () => {
    const t1 = newTag();
    const t2 = newTag();
    for (const x of [seed(seed(2, t1), t2), seed(seed(2, t2), t1)]) {
      // (2 + ε₁ + ε₂)² = 4 + 4ε₁ + 4ε₂ + 2ε₁ε₂
      const y = mul(x, x);
      assert.equal(primal(y), 4);
      const d1 = tangent(y, t1);
      assert.ok(d1 instanceof Dual && d1.tag === t2);
      assert.equal(primal(d1), 4);
      assert.equal(tangent(d1, t2), 2);
      assert.equal(tangent(tangent(y, t2), t1), 2);
      assert.equal(tangent(y, newTag()), 0);
    }
    assert.equal(tangent(5, t1), 0);
  });
});

describe('eval/values: matrices', () => {
  const A = m([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const B = m([
    [7, 8],
    [9, 10],
    [11, 12],
  ]);

  it('builds matrices and vectors', () => {
    assert.deepEqual(columnVector([1, 2]), { rows: 2, cols: 1, data: [1, 2] });
    assert.deepEqual(rowVector([1, 2]), { rows: 1, cols: 2, data: [1, 2] });
    assert.deepEqual(identity(2).data, [1, 0, 0, 1]);
    assert.deepEqual(zeros(2, 3).data, [0, 0, 0, 0, 0, 0]);
    assert.ok(isMatrix(A));
    assert.ok(!isMatrix(seed(1, newTag())));
    assert.ok(!isMatrix(1));
    assert.throws(() => matrix(2, 2, [1, 2, 3]), { name: 'ShapeError', message: 'a 2×2 matrix needs 4 entries, not 3' });
  });

  it('multiplies by the usual rule and checks inner dimensions', () => {
    assert.deepEqual(vmul(A, B), m([
      [58, 64],
      [139, 154],
    ]));
    assert.deepEqual(vmul(2, A), m([
      [2, 4, 6],
      [8, 10, 12],
    ]));
    assert.deepEqual(vmul(A, 0.5), m([
      [0.5, 1, 1.5],
      [2, 2.5, 3],
    ]));
    assert.equal(vmul(3, 4), 12);
    assert.throws(() => vmul(A, A), {
      name: 'ShapeError',
      message: 'cannot multiply a 2×3 matrix by a 2×3 matrix: inner dimensions 3 and 2 differ',
    });
  });

  it('lets a 1×1 product act as a number', () => {
    const x = columnVector([1, 2]);
    const S = m([
      [2, 1],
      [1, 3],
    ]);
    const q = vmul(vmul(transpose(x), S), x); // xᵀSx = 2 + 2 + 2 + 12 = 18
    assert.deepEqual(q, matrix(1, 1, [18]));
    assert.equal(toScalar(q), 18);
    assert.deepEqual(vmul(q, x), columnVector([18, 36]));
    assert.deepEqual(vmul(x, q), columnVector([18, 36]));
    assert.deepEqual(vadd(q, 1), matrix(1, 1, [19]));
    assert.deepEqual(vsub(1, q), matrix(1, 1, [-17]));
    assert.deepEqual(vdiv(x, q), columnVector([1 / 18, 2 / 18]));
    assert.deepEqual(vdiv(36, q), matrix(1, 1, [2]));
    assert.deepEqual(vpow(q, 0.5), matrix(1, 1, [Math.sqrt(18)]));
    assert.equal(log(toScalar(q)), Math.log(18));
  });

  it('adds, subtracts and negates entrywise', () => {
    assert.deepEqual(vadd(A, A), vmul(2, A));
    assert.deepEqual(vsub(A, A), zeros(2, 3));
    assert.deepEqual(vneg(A), vmul(-1, A));
    assert.equal(vneg(2), -2);
    assert.equal(vsub(5, 2), 3);
  });

  it('transposes, traces and takes determinants', () => {
    assert.deepEqual(transpose(A), m([
      [1, 4],
      [2, 5],
      [3, 6],
    ]));
    assert.equal(transpose(3), 3);
    const C = m([
      [2, -3, 1],
      [2, 0, -1],
      [1, 4, 5],
    ]);
    assert.equal(trace(C), 7);
    assertClose(num(det(C)), 49);
    // Needs a row swap: the sign must flip.
    assert.equal(det(m([
      [0, 1],
      [1, 0],
    ])), -1);
    assert.equal(det(m([
      [1, 2],
      [2, 4],
    ])), 0);
    assert.equal(det(4), 4);
    assert.equal(trace(4), 4);
  });

  it('inverts with pivoting and rejects singular matrices', () => {
    assertValuesClose(inverse(m([
      [4, 7],
      [2, 6],
    ])), m([
      [0.6, -0.7],
      [-0.2, 0.4],
    ]));
    const P = m([
      [0, 1],
      [1, 0],
    ]);
    assert.deepEqual(inverse(P), P);
    assert.equal(inverse(4), 0.25);
    for (const S of [m([[1, 2], [2, 4]]), m([[0.1, 0.2], [0.3, 0.6]]), zeros(2, 2), matrix(1, 1, [0])]) {
      assert.throws(() => inverse(S), (err: unknown) => err instanceof EvalError && !(err instanceof ShapeError) && err.message === 'matrix is singular');
    }
    assert.throws(() => inverse(0), { message: 'matrix is singular' });
  });

  it('refuses the inverse of a nearly singular matrix, whose digits are mostly rounding', () => {
    // [[1, 1], [1, 1 + 1e-11]] has condition number ≈ 4·10¹¹: its inverse is right to about 5 digits.
    assert.throws(() => inverse(m([[1, 1], [1, 1 + 1e-11]])), (err: unknown) => err instanceof EvalError && /nearly singular/.test((err as Error).message));
    // Condition number 10⁶: still inverted.
    assertValuesClose(inverse(m([[1e3, 0], [0, 1e-3]])), m([[1e-3, 0], [0, 1e3]]));
  });

  it('raises square matrices to integer powers', () => {
    const S = m([
      [1, 1],
      [0, 1],
    ]);
    assert.deepEqual(vpowInt(S, 5), m([
      [1, 5],
      [0, 1],
    ]));
    assert.deepEqual(vpowInt(S, 1), S);
    assert.deepEqual(vpowInt(S, -1), m([
      [1, -1],
      [0, 1],
    ]));
    assert.deepEqual(vpow(S, 2), vmul(S, S));
    assert.equal(vpow(2, 3), 8);
    // A fractional power of a non-symmetric matrix cannot be evaluated: an EvalError (unchecked), not a shape mismatch (fail).
    assert.throws(() => vpowInt(S, 0.5), {
      name: 'EvalError',
      message: 'the power 0.5 of a matrix that is not symmetric is not supported',
    });
    assert.deepEqual(vpowInt(S, 0), m([
      [1, 0],
      [0, 1],
    ]));
    assert.deepEqual(vpowInt(S, -2), m([
      [1, -2],
      [0, 1],
    ]));
    assert.throws(() => vpowInt(A, 2), { name: 'ShapeError', message: 'cannot raise a 2×3 matrix to a power: it is not square' });
    assert.throws(() => vpow(S, seed(2, newTag())), { name: 'EvalError' });
  });

  it('raises symmetric matrices to real powers (issue 11 item 9)', () => {
    // [[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, 1)/√2 and (1, −1)/√2,
    // so its square root is ½[[√3 + 1, √3 − 1], [√3 − 1, √3 + 1]].
    const P = m([
      [2, 1],
      [1, 2],
    ]);
    const r3 = Math.sqrt(3);
    const half = vpowInt(P, 0.5).data as number[];
    [(r3 + 1) / 2, (r3 - 1) / 2, (r3 - 1) / 2, (r3 + 1) / 2].forEach((x, i) => assert.ok(Math.abs(half[i]! - x) < 1e-14, `${half[i]} vs ${x}`));
    const minusHalf = vpowInt(P, -0.5).data as number[];
    const inv = [2 / 3, -1 / 3, -1 / 3, 2 / 3];
    const sq = vmul(m([[minusHalf[0]!, minusHalf[1]!], [minusHalf[2]!, minusHalf[3]!]]), m([[minusHalf[0]!, minusHalf[1]!], [minusHalf[2]!, minusHalf[3]!]])) as { data: number[] };
    inv.forEach((x, i) => assert.ok(Math.abs(sq.data[i]! - x) < 1e-14));
    assert.throws(() => vpowInt(m([[1, 0], [0, -1]]), 0.5), { name: 'EvalError', message: /negative eigenvalue/ });
    assert.throws(() => vpowInt(matrix(2, 2, [seed(2, newTag()), 0, 0, 1]), 0.5), { name: 'EvalError', message: /inside a derivative/ });
  });

  it('takes outer and dot products of vectors in either orientation', () => {
    assert.deepEqual(outer(columnVector([1, 2]), rowVector([3, 4, 5])), m([
      [3, 4, 5],
      [6, 8, 10],
    ]));
    assert.equal(dot(columnVector([1, 2, 3]), rowVector([4, 5, 6])), 32);
    assert.throws(() => dot(columnVector([1, 2, 3]), columnVector([1, 2])), {
      name: 'ShapeError',
      message: 'cannot take the dot product of a 3×1 vector and a 2×1 vector: lengths 3 and 2 differ',
    });
    assert.throws(() => outer(A, columnVector([1])), {
      message: 'cannot take the outer product of a 2×3 matrix and a 1×1 matrix: both must be vectors',
    });
  });

  it('reports shape errors with both shapes', () => {
    const col = columnVector([1, 2, 3]);
    const row = rowVector([1, 2, 3]);
    assert.throws(() => vadd(col, row), { name: 'ShapeError', message: 'cannot add a 3×1 vector and a 1×3 vector' });
    assert.throws(() => vsub(1, col), { name: 'ShapeError', message: 'cannot subtract a scalar and a 3×1 vector' });
    assert.throws(() => vdiv(1, col), {
      name: 'ShapeError',
      message: 'cannot divide a scalar by a 3×1 vector: the divisor must be a scalar',
    });
    assert.throws(() => det(A), { message: 'cannot take the determinant of a 2×3 matrix: it is not square' });
    assert.throws(() => inverse(A), { message: 'cannot invert a 2×3 matrix: it is not square' });
    assert.throws(() => trace(A), { message: 'cannot take the trace of a 2×3 matrix: it is not square' });
    assert.throws(() => toScalar(col), { name: 'ShapeError', message: 'expected a scalar but got a 3×1 vector' });
    assert.ok(new ShapeError('x') instanceof EvalError);
    assert.equal(describeShape(identity(8)), 'an 8×8 matrix');
    assert.equal(describeShape(zeros(11, 1)), 'an 11×1 vector');
    assert.equal(describeShape(zeros(1, 110)), 'a 1×110 vector');
    assert.equal(describeShape(2), 'a scalar');
  });

  it('separates primal and tangent parts of matrices', () => {
    const t = newTag();
    const M = matrix(1, 2, [new Dual(t, 1, 2), 3]);
    assert.deepEqual(primalValue(M), matrix(1, 2, [1, 3]));
    assert.deepEqual(tangentValue(M, t), matrix(1, 2, [2, 0]));
    assert.equal(primalValue(new Dual(t, 5, 1)), 5);
    assert.equal(tangentValue(new Dual(t, 5, 1), t), 1);
  });
});

// ---------------------------------------------------------------------------
// Derivatives through inverse and det on random SPD matrices.

/** A = MMᵀ + ½I: eigenvalues in [½, 9.5] for |Mᵢⱼ| ≤ 1, so A⁻¹ is well conditioned. */
const spdArb = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }).map((xs) => {
  const M = matrix(3, 3, xs);
  return vadd(vmul(M, transpose(M)), vmul(0.5, identity(3))) as Matrix;
});
const directionArb = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }).map((xs) => matrix(3, 3, xs));

/** A + εB with a fresh tag. */
function perturb(A: Matrix, B: Matrix, t: number): Matrix {
  return matrix(3, 3, A.data.map((a, i) => new Dual(t, a, B.data[i])));
}

function along(A: Matrix, B: Matrix, h: number): Matrix {
  return vadd(A, vmul(h, B)) as Matrix;
}

describe('eval/values: matrix derivatives', () => {
  // Step h = 1e-5 on matrices with ‖A⁻¹‖ ≤ 2 and ‖B‖ ≤ 3: the truncation error
  // h²·‖A⁻¹‖⁴‖B‖³ is below 1e-7 and rounding ε‖A⁻¹‖/h about 1e-10, so 1e-6 holds.
  const h = 1e-5;

  it('differentiates the inverse as −A⁻¹BA⁻¹', () => {
    fc.assert(
      fc.property(spdArb, directionArb, (A, B) => {
        const t = newTag();
        const dInv = tangentValue(inverse(perturb(A, B, t)), t);
        const Ainv = inverse(A);
        assertValuesClose(dInv, vneg(vmul(vmul(Ainv, B), Ainv)), 1e-10);
        const fd = vdiv(vsub(inverse(along(A, B, h)), inverse(along(A, B, -h))), 2 * h);
        assertValuesClose(dInv, fd, 1e-6);
      }),
    );
  });

  it('gives d log det(A)/dAᵢⱼ = (A⁻¹)ⱼᵢ', () => {
    fc.assert(
      fc.property(spdArb, (A) => {
        const Ainv = inverse(A) as Matrix;
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) {
            const t = newTag();
            const data = A.data.slice();
            data[i * 3 + j] = seed(A.data[i * 3 + j], t);
            const g = tangent(log(det(matrix(3, 3, data))), t);
            assertClose(num(g), num(Ainv.data[j * 3 + i]), 1e-10);
          }
        }
      }),
    );
  });

  it('differentiates det along any direction like finite differences', () => {
    fc.assert(
      fc.property(spdArb, directionArb, (A, B) => {
        const t = newTag();
        const dDet = num(tangent(det(perturb(A, B, t)), t));
        // Jacobi's formula.
        assertClose(dDet, num(mul(det(A), trace(vmul(inverse(A), B)))), 1e-9);
        const fd = centralDifference((s) => num(det(along(A, B, s))), 0, h);
        assertClose(dDet, fd, 1e-6, Math.max(1, num(det(A))));
      }),
    );
  });

  it('nests through matrices: d²/ds² log det(A + sB) = −tr(A⁻¹BA⁻¹B)', () => {
    fc.assert(
      fc.property(spdArb, directionArb, (A, B) => {
        const f = (s: Scalar): Scalar => log(det(vadd(A, vmul(s, B)) as Matrix));
        const second = num(derivative((s) => derivative(f, s), 0));
        const AinvB = vmul(inverse(A), B);
        assertClose(second, -num(trace(vmul(AinvB, AinvB))), 1e-9);
      }),
    );
  });
});

describe('eval/values: comparison', () => {
  it('measures relative error with an absolute floor', () => {
    assert.equal(relativeError(1, 1, 0), 0);
    assert.equal(relativeError(Infinity, Infinity, 1), 0);
    assert.equal(relativeError(NaN, NaN, 1), Infinity);
    assert.equal(relativeError(1, Infinity, 1), Infinity);
    assertClose(relativeError(100, 101, 1), 1 / 101);
    assert.equal(relativeError(1e-15, 0, 1), 1e-15);
  });

  it('compares shapes, with row and column vectors equal only when allowed', () => {
    const col = columnVector([1, 2, 3]);
    const row = rowVector([1, 2, 3]);
    assert.deepEqual(valuesClose(col, row, 1e-9, 1), { ok: false, maxRel: Infinity });
    assert.deepEqual(valuesClose(col, row, 1e-9, 1, { allowTranspose: true }), { ok: true, maxRel: 0 });
    assert.equal(valuesClose(identity(2), identity(2), 1e-9, 1, { allowTranspose: true }).ok, true);
    assert.equal(valuesClose(zeros(2, 3), zeros(3, 2), 1e-9, 1, { allowTranspose: true }).ok, false);
    assert.equal(valuesClose(2, matrix(1, 1, [2]), 1e-9, 1).ok, true);
    assert.equal(valuesClose(new Dual(newTag(), 2, 5), 2, 1e-9, 1).ok, true);
  });

  it('reports the worst entry', () => {
    const r = valuesClose(columnVector([1, 2, 3]), columnVector([1, 2.5, 3.1]), 1e-6, 1);
    assert.equal(r.ok, false);
    assert.equal(r.index, 1);
    assertClose(r.maxRel, 0.5 / 2.5);
    const close = valuesClose(columnVector([1, 2]), columnVector([1, 2 + 1e-12]), 1e-9, 1);
    assert.equal(close.ok, true);
    assert.equal(close.index, undefined);
  });
});

describe('eval/values: vector-valued tangents', () => {
  // One pass with a direction per entry must give, for every entry, exactly the
  // numbers (to the last bit) of a pass that perturbs that entry alone: the
  // checker's verdicts were computed with one pass per entry before.
  const F = (M: Matrix, v: Matrix): Scalar => {
    const q = toScalar(vmul(vmul(transpose(v), inverse(M)), v));
    const a = mul(log(det(M)), exp(div(trace(M), 10)));
    const b = div(q, sqrt(add(1, mul(M.data[0]!, M.data[0]!))));
    const c = sub(mul(pow(add(M.data[1]!, 2), 1.5), sin(M.data[5]!)), mul(cos(M.data[7]!), tanh(M.data[8]!)));
    return add(add(a, b), sub(c, mul(sigmoid(M.data[3]!), neg(M.data[4]!))));
  };
  const entryPass = (A: Matrix, e: number, f: (M: Matrix) => Scalar, outer = (x: Scalar) => x): Scalar => {
    const t = newTag();
    return tangent(f(matrix(3, 3, A.data.map((a, i) => outer(i === e ? add(a, new Dual(t, 0, 1)) : a)))), t);
  };
  const vectorPass = (A: Matrix, f: (M: Matrix) => Scalar, outer = (x: Scalar) => x): Scalar[] => {
    const t = newTag();
    const r = f(matrix(3, 3, A.data.map((a, i) => outer(add(a, seedDirection(t, i, 9))))));
    return A.data.map((_, e) => tangentEntry(r, t, e));
  };

  it('gives each entry exactly the value of its own pass', () => {
    fc.assert(
      fc.property(spdArb, directionArb, (A, B) => {
        const v = columnVector(B.data.slice(0, 3));
        const together = vectorPass(A, (M) => F(M, v));
        for (let e = 0; e < 9; e++) {
          const alone = entryPass(A, e, (M) => F(M, v));
          assert.ok(Object.is(alone, together[e]), `entry ${e}: ${String(alone)} alone, ${String(together[e])} together`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('nests inside an outer derivative, exactly as passes per entry do', () => {
    fc.assert(
      fc.property(spdArb, directionArb, (A, B) => {
        const v = columnVector(B.data.slice(3, 6));
        // d/ds of the entry derivatives of F(A(1 + s)) at s = 0: the outer tag is older than the pass's.
        const s0 = newTag();
        const s = seed(0, s0);
        const scale = (x: Scalar): Scalar => mul(x, add(1, s));
        const together = vectorPass(A, (M) => F(M, v), scale).map((d) => tangent(d, s0));
        for (let e = 0; e < 9; e++) {
          const alone = tangent(entryPass(A, e, (M) => F(M, v), scale), s0);
          assert.ok(Object.is(alone, together[e]), `entry ${e}: ${String(alone)} alone, ${String(together[e])} together`);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('eval/values: matrix sums, scalings and products entry by entry', () => {
  // Plain numbers are added and multiplied in place there; the result must be, to the last
  // bit (−0, ∞ and NaN included), what the scalar operations give entry by entry.
  const special = fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 1e-320, 1e308);
  const num = fc.oneof(fc.double(), special);
  const scalar = fc.oneof(num, num.chain((re) => num.map((du) => new Dual(1, re, du) as Scalar)));
  const mat = (rows: number, cols: number) => fc.array(scalar, { minLength: rows * cols, maxLength: rows * cols }).map((xs) => matrix(rows, cols, xs));
  const same = (x: Scalar, y: Scalar, where: string): void => {
    if (typeof x === 'number' || typeof y === 'number') {
      assert.ok(Object.is(x, y), `${where}: ${String(x)} and ${String(y)}`);
      return;
    }
    assert.equal(x.tag, y.tag, where);
    same(x.re, y.re, `${where}.re`);
    same(x.du as Scalar, y.du as Scalar, `${where}.du`);
  };

  it('adds, subtracts and scales like add, sub and mul', () => {
    fc.assert(fc.property(mat(2, 3), mat(2, 3), scalar, (A, B, c) => {
      const sum = vadd(A, B) as Matrix, diff = vsub(A, B) as Matrix, left = vmul(c, A) as Matrix, right = vmul(A, c) as Matrix;
      A.data.forEach((a, i) => {
        same(sum.data[i]!, add(a, B.data[i]!), `sum[${i}]`);
        same(diff.data[i]!, sub(a, B.data[i]!), `difference[${i}]`);
        same(left.data[i]!, mul(c, a), `c·A[${i}]`);
        same(right.data[i]!, mul(a, c), `A·c[${i}]`);
      });
    }), { numRuns: 200 });
  });

  it('multiplies like sums of mul, from 0', () => {
    fc.assert(fc.property(mat(2, 3), mat(3, 2), (A, B) => {
      const P = vmul(A, B) as Matrix;
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) {
        let s: Scalar = 0;
        for (let l = 0; l < 3; l++) s = add(s, mul(A.data[i * 3 + l]!, B.data[l * 2 + j]!));
        same(P.data[i * 2 + j]!, s, `product[${i},${j}]`);
      }
    }), { numRuns: 200 });
  });
});
