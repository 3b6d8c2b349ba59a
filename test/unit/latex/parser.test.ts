// Unit tests of the LaTeX parser, construct by construct: each case prints the
// tree with the small S-expression printer below and checks the note spans of
// the nodes that matter; error cases check the message and its position.
// Segments start at 0, so every offset is an index into the test string.
import assert from 'node:assert/strict';
import type { Chain, Node } from '../../../src/core/latex/ast';
import { LatexError } from '../../../src/core/latex/errors';
import { beginParsePass, clearParseCache, parseExpression, parseStatement, parseStatementUncached } from '../../../src/core/latex/parser';
import type { Span } from '../../../src/core/types';

/**
 * Tree → S-expression. Symbols print as font:name_{sub}^{decor}', products
 * (explicit or juxtaposed) as `*`, `\frac` as `frac` and inline `/` as `/`,
 * derivatives as (∂/∂ wrt F) or, for the operator form, (∂/∂ wrt [operands]).
 */
function show(n: Node): string {
  switch (n.kind) {
    case 'num': return n.text;
    case 'sym': {
      const font = n.font ? `${n.font}:` : '';
      const sub = n.sub ? `_{${show(n.sub)}}` : '';
      const decor = n.decor !== null ? `^{${n.decor}}` : '';
      return `${font}${n.name}${sub}${decor}${"'".repeat(n.primes)}`;
    }
    case 'add': return `(+ ${show(n.a)} ${show(n.b)})`;
    case 'sub': return `(- ${show(n.a)} ${show(n.b)})`;
    case 'mul': return `(* ${show(n.a)} ${show(n.b)})`;
    case 'div': return `(${n.frac ? 'frac' : '/'} ${show(n.a)} ${show(n.b)})`;
    case 'neg': return `(neg ${show(n.body)})`;
    case 'pow': return `(^ ${show(n.base)} ${show(n.exp)})`;
    case 'transpose': return `(T ${show(n.body)})`;
    case 'sqrt': return n.index ? `(root ${show(n.index)} ${show(n.body)})` : `(sqrt ${show(n.body)})`;
    case 'func': return n.base ? `(${n.name}_${show(n.base)} ${show(n.arg)})` : `(${n.name} ${show(n.arg)})`;
    case 'apply': {
      const given = n.given ? ` | ${n.given.map(show).join(' ')}` : '';
      return `(apply ${show(n.fn)} ${n.args.map(show).join(' ')}${given})`;
    }
    case 'group': return `(group${n.delim} ${show(n.body)})`;
    case 'abs': return `(${n.norm ? 'norm' : 'abs'} ${show(n.body)})`;
    case 'sum': case 'prod': {
      const idx = n.index ? show(n.index) : '_';
      const lo = n.lower ? `=${show(n.lower)}` : '';
      const up = n.upper ? `..${show(n.upper)}` : '';
      const range = n.range ? `{${show(n.range)}}` : '';
      return `(${n.kind} ${idx}${range}${lo}${up} ${show(n.body)})`;
    }
    case 'deriv': {
      const d = n.partial ? '∂' : 'd';
      const head = `${d}${n.order > 1 ? `^${n.order}` : ''}/${d}`;
      if (n.num) return `(${head} ${show(n.wrt)} ${show(n.num)})`;
      return `(${head} ${show(n.wrt)} [${(n.operand ?? []).map(show).join(' ')}])`;
    }
    case 'underbrace': return `(${n.over ? 'overbrace' : 'underbrace'} ${show(n.body)} ${show(n.label)})`;
    case 'matrix': return `(matrix ${n.rows.map((r) => `[${r.map(show).join(' ')}]`).join(' ')})`;
    case 'set': return n.items.length || n.cond ? `(set ${n.items.map(show).join(' ')}${n.cond ? ` | ${n.cond.map(show).join(' ')}` : ''})` : '(set)';
    case 'ellipsis': return '…';
    case 'text': return `"${n.text}"`;
    case 'opaque': return `<${n.what}>`;
    case 'tuple': return `(tuple${n.open}${n.close} ${n.items.map(show).join(' ')})`;
    case 'event': return `(event ${n.items.map((x, i) => (i ? `${n.rels[i - 1]} ` : '') + show(x)).join(' ')})`;
    case 'given': return `(given ${show(n.body)} | ${n.given.map(show).join(' ')})`;
    case 'integral': case 'largeop':
      return `(${n.name}${n.lower ? ` _${show(n.lower)}` : ''}${n.upper ? ` ^${show(n.upper)}` : ''} ${n.body ? show(n.body) : '·'})`;
    case 'limitop': return `(${n.name}${n.sub ? ` _${show(n.sub)}` : ''}${n.sup ? ` ^${show(n.sup)}` : ''} ${n.body ? show(n.body) : '·'})`;
    case 'expect': return `(E ${show(n.op)} ${show(n.body)})`;
    case 'env': return `(${n.name} ${n.rows.map((r) => `[${r.map(show).join(' ')}]`).join(' ')})`;
    case 'indexed': return `(indexed ${show(n.base)}${n.sub ? ` _${show(n.sub)}` : ''}${n.sup ? ` ^${show(n.sup)}` : ''})`;
    case 'postfix': return `(${n.op} ${show(n.body)})`;
    case 'annotated': return `(annotated ${show(n.body)} ${show(n.note)})`;
    case 'empty': return '∅';
  }
}

/** A chain as `E0 rel E1 …`, failed sides as !{message @offset}. */
function showChain(c: Chain): string {
  return c.sides.map((s, i) => {
    const rel = i > 0 ? ` ${c.relations[i - 1].rel} ` : '';
    return rel + (s.ok ? show(s.node) : `!{${s.message} @${s.errorSpan.start}}`);
  }).join('');
}

const seg = (text: string) => [{ text, start: 0 }];

/** Parse one expression (no relations) and return its tree. */
function expr(s: string): Node {
  return parseExpression(seg(s));
}

/** Printed form of one expression. */
function p(s: string): string {
  return show(expr(s));
}

/** Printed chains of a statement, joined by " ;; ". */
function chains(s: string): string {
  const r = parseStatement(seg(s));
  assert.equal(r.error, null, `lexer error: ${r.error?.message ?? ''}`);
  return r.chains.map(showChain).join(' ;; ');
}

/** Span of the n-th occurrence (0-based) of `sub` in `s`. */
function at(s: string, sub: string, nth = 0): Span {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = s.indexOf(sub, i + 1);
    assert.ok(i >= 0, `“${sub}” occurs fewer than ${nth + 1} times in “${s}”`);
  }
  return { start: i, end: i + sub.length };
}

const spanOf = (n: Node): Span => ({ start: n.span.start, end: n.span.end });
const whole = (s: string): Span => ({ start: 0, end: s.length });

/** The error of a statement, from the lexer or from the first failed side. */
function statementError(s: string): { message: string; span: Span } | null {
  const r = parseStatement(seg(s));
  if (r.error) return { message: r.error.message, span: { ...r.error.span } };
  for (const c of r.chains) {
    for (const side of c.sides) if (!side.ok) return { message: side.message, span: { ...side.errorSpan } };
  }
  return null;
}

/** parseExpression must throw a LatexError (and nothing else); returns it. */
function exprError(s: string): LatexError {
  try {
    expr(s);
  } catch (e) {
    if (e instanceof LatexError) return e;
    assert.fail(`parseExpression threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} instead of a LatexError`);
  }
  return assert.fail(`parseExpression accepted “${s}”`);
}

describe('parser: constructs', () => {
  describe('function names typed without a backslash', () => {
    it('reads log, ln and exp as the functions where their letters stand as a word', () => {
      for (const [s, name] of [['log(y)', 'log'], ['logP(x)', 'log'], ['log2\\pi', 'log'], ['logp(x)', 'log'], ['ln x', 'ln'], ['exp[-y]', 'exp']] as const) {
        const n = expr(s);
        assert.ok(n.kind === 'func' && n.name === name, `${s}: ${show(n)}`);
      }
    });
    it('reads σ^{2(t+1)} as σ² at an iteration, and x^{2(a+b)}, σ^{2(a+b)} as powers', () => {
      const it1 = expr('\\sigma_k^{2(t+1)}');
      assert.ok(it1.kind === 'pow' && it1.base.kind === 'sym' && it1.base.decor === '(t+1)' && it1.exp.kind === 'num', show(it1));
      for (const s of ['x^{2(a+b)}', '\\sigma^{2(a+b)}']) {
        const n = expr(s);
        assert.ok(n.kind === 'pow' && n.exp.kind === 'mul', `${s}: ${show(n)}`);
      }
    });
    it('keeps letters that make another word, or stand apart, as letters', () => {
      for (const s of ['logit(x)', 'blog(x)', 'l o g', 'e^{x}', 'el']) assert.ok(expr(s).kind !== 'func', s);
    });
  });
  describe('fractions', () => {
    it('\\frac{a}{b} with its span', () => {
      const s = '\\frac{a+1}{b}';
      const n = expr(s);
      assert.equal(show(n), '(frac (+ a 1) b)');
      assert.deepEqual(spanOf(n), whole(s));
      assert.ok(n.kind === 'div' && n.frac === true);
      if (n.kind === 'div') assert.deepEqual(spanOf(n.a), at(s, 'a+1'));
    });

    it('\\frac12 takes one digit per argument', () => {
      const s = '\\frac12';
      const n = expr(s);
      assert.equal(show(n), '(frac 1 2)');
      assert.deepEqual(spanOf(n), whole(s));
      if (n.kind === 'div') {
        assert.deepEqual(spanOf(n.a), { start: 5, end: 6 });
        assert.deepEqual(spanOf(n.b), { start: 6, end: 7 });
      }
      assert.equal(p('\\frac12 x'), '(* (frac 1 2) x)');
      assert.equal(p('\\frac1{2\\pi}'), '(frac 1 (* 2 pi))');
    });

    it('\\dfrac and \\tfrac are fractions too; a fraction is a factor of a product', () => {
      assert.equal(p('\\dfrac{a}{b}'), '(frac a b)');
      assert.equal(p('\\tfrac{a}{b} c^2'), '(* (frac a b) (^ c 2))');
    });
  });

  describe('sums and products', () => {
    it('\\sum_{i=1}^{N} with index, bounds and body', () => {
      const s = '\\sum_{i=1}^{N} x_i';
      const n = expr(s);
      assert.equal(show(n), '(sum i=1..N x_{i})');
      assert.deepEqual(spanOf(n), whole(s));
      if (n.kind === 'sum') {
        assert.deepEqual(spanOf(n.index ?? n), at(s, 'i', 0));
        assert.deepEqual(spanOf(n.body), at(s, 'x_i'));
      }
    });

    it('bounds in either script order: \\sum ^{m}_{i=1}', () => {
      assert.equal(p('\\sum ^{m}_{i=1} x_i'), '(sum i=1..m x_{i})');
      assert.equal(p('\\sum^K_{k=1} \\pi_k'), '(sum k=1..K pi_{k})');
      assert.equal(p('\\prod_{i=1}^N p(x_i)'), '(prod i=1..N (apply p x_{i}))');
    });

    it('a bare index and no bounds', () => {
      assert.equal(p('\\sum_k \\pi_k'), '(sum k pi_{k})');
      assert.equal(p('\\sum \\pi_k'), '(sum _ pi_{k})');
    });

    it('the body is the rest of the product and stops at + or -', () => {
      assert.equal(p('\\sum_i a_i b_i + c'), '(+ (sum i (* a_{i} b_{i})) c)');
      assert.equal(p('2 \\sum_i a_i - c'), '(- (* 2 (sum i a_{i})) c)');
    });
  });

  describe('scripts', () => {
    it('\\sigma^{2}_{k} is the square of σ_k, like \\sigma_k^2', () => {
      const s = '\\sigma^{2}_{k}';
      const n = expr(s);
      assert.equal(show(n), '(^ sigma_{k} 2)');
      assert.deepEqual(spanOf(n), whole(s));
      assert.equal(p('\\sigma_k^2'), '(^ sigma_{k} 2)');
      assert.equal(p('\\Sigma^{-1}_k'), '(^ Sigma_{k} (neg 1))');
    });

    it('^{-1} is a power with a negated exponent', () => {
      const s = 'A^{-1}';
      const n = expr(s);
      assert.equal(show(n), '(^ A (neg 1))');
      assert.deepEqual(spanOf(n), whole(s));
      if (n.kind === 'pow') assert.deepEqual(spanOf(n.exp), at(s, '-1'));
    });

    it('^\\top, ^T, ^{T}, ^{\\mathsf{T}} are transposes; ^{-T} is the inverse transposed', () => {
      for (const s of ['x^\\top', 'x^T', 'x^{T}', 'x^{\\top}', 'x^{\\mathsf{T}}', 'x^\\intercal']) {
        const n = expr(s);
        assert.equal(show(n), '(T x)', s);
        assert.deepEqual(spanOf(n), whole(s), s);
      }
      assert.equal(p('(x-\\mu)^\\top'), '(T (group( (- x mu)))');
      assert.equal(p('A^{-T}'), '(T (^ A -1))');
      assert.equal(p('\\Sigma^{-\\top}'), '(T (^ Sigma -1))');
    });

    it('^{new}, ^{\\text{new}}, ^{(t)}, ^* decorate the symbol instead of raising it', () => {
      const s = '\\mu_k^{new}';
      const n = expr(s);
      assert.equal(show(n), 'mu_{k}^{new}');
      assert.equal(n.kind, 'sym');
      assert.deepEqual(spanOf(n), whole(s));
      assert.equal(p('\\mu_k^{\\text{new}}'), 'mu_{k}^{new}');
      assert.equal(p('\\pi_k^{old}'), 'pi_{k}^{old}');
      assert.equal(p('\\mu^{(t)}'), 'mu^{(t)}');
      assert.equal(p('x^*'), 'x^{*}');
      // Not a decoration word: an ordinary power of a product of letters.
      assert.equal(p('x^{ab}'), '(^ x (* a b))');
    });

    it('a one-digit script takes one digit (x_12 is x_1 · 2)', () => {
      assert.equal(p('x_12'), '(* x_{1} 2)');
      assert.equal(p('2^{10}'), '(^ 2 10)');
      assert.equal(p('Z_{n,k}'), 'Z_{(* n k)}');
    });

    it('primes', () => {
      assert.equal(p("f'(x)"), "(apply f' x)");
      assert.equal(p("f''"), "f''");
    });
  });

  describe('derivatives', () => {
    it('\\frac{\\partial L}{\\partial \\mu_k}', () => {
      const s = '\\frac{\\partial L}{\\partial \\mu_k}';
      const n = expr(s);
      assert.equal(show(n), '(∂/∂ mu_{k} L)');
      assert.deepEqual(spanOf(n), whole(s));
      if (n.kind === 'deriv') {
        assert.deepEqual(spanOf(n.wrt), at(s, '\\mu_k'));
        assert.deepEqual(spanOf(n.num ?? n), at(s, 'L'));
      }
    });

    it('\\partial \\sigma_k^2 in the denominator is the variance, not a second derivative', () => {
      const s = '\\frac{\\partial \\mathcal{L}}{\\partial \\sigma_k^2}';
      const n = expr(s);
      assert.equal(show(n), '(∂/∂ (^ sigma_{k} 2) cal:L)');
      assert.ok(n.kind === 'deriv' && n.order === 1);
      if (n.kind === 'deriv') assert.deepEqual(spanOf(n.wrt), at(s, '\\sigma_k^2'));
      // With ∂^2 on top, the square in the denominator is the order.
      assert.equal(p('\\frac{\\partial^2 L}{\\partial \\mu^2}'), '(∂^2/∂ mu L)');
    });

    it('\\frac{\\partial}{\\partial v} is an operator that takes its operand', () => {
      const s = '\\frac{\\partial}{\\partial v} (a+b)';
      const n = expr(s);
      assert.equal(show(n), '(∂/∂ v [(group( (+ a b))])');
      assert.deepEqual(spanOf(n), whole(s));
      // A run of factors is kept factor by factor (the binder tries both readings).
      assert.equal(p('\\frac{\\partial}{\\partial \\mu_k} a b'), '(∂/∂ mu_{k} [a b])');
      // A sum is taken whole; a + ends the operand.
      assert.equal(p('\\frac{\\partial}{\\partial \\mu_k} \\sum_i x_i + 1'), '(+ (∂/∂ mu_{k} [(sum i x_{i})]) 1)');
      assert.equal(p('\\frac{d}{dx} x^2'), '(d/d x [(^ x 2)])');
    });
  });

  describe('numbers', () => {
    it('a decimal comma written {,} is one number: 0{,}6, 1{,}8379 (German and French notes)', () => {
      assert.equal(p('0{,}6'), '0.6');
      assert.equal(p('1{,}8379'), '1.8379');
      const n = expr('0{,}25 + x');
      assert.equal(show(n), '(+ 0.25 x)');
      if (n.kind === 'add') assert.deepEqual(spanOf(n.a), { start: 0, end: 6 });
    });
    it('{,} before three digits after other than 0 is not read as a number: 1{,}500 is 1500 in English, 1.5 in German', () => {
      for (const s of ['1{,}500', '12{,}345', '10{,}000']) assert.notEqual(p(s), s.replace('{,}', '.'));
      assert.equal(p('0{,}625'), '0.625');
    });
  });

  describe('applications, absolute values, functions', () => {
    it('\\! before a bracket applies the symbol to it, whatever the bracket holds', () => {
      assert.equal(p('\\varphi\\!\\left(z\\right)'), '(apply phi z)');
      assert.equal(p('\\varphi\\left(z\\right)'), '(apply phi z)');
    });
    it('\\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2) is an application with conditioning', () => {
      const s = '\\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)';
      const n = expr(s);
      assert.equal(show(n), '(apply cal:N x_{i} | mu_{k} (^ sigma_{k} 2))');
      assert.deepEqual(spanOf(n), whole(s));
      if (n.kind === 'apply') {
        assert.deepEqual(spanOf(n.fn), at(s, '\\mathcal{N}'));
        assert.deepEqual(spanOf(n.args[0]), at(s, 'x_i'));
        assert.deepEqual(spanOf((n.given ?? [])[1]), at(s, '\\sigma_k^2'));
      }
    });

    it('N(x | \\mu, \\Sigma) and p(x|\\theta) are applications with a given part', () => {
      assert.equal(p('N(x | \\mu, \\Sigma)'), '(apply N x | mu Sigma)');
      const s = 'p(x|\\theta)';
      const n = expr(s);
      assert.equal(show(n), '(apply p x | theta)');
      assert.deepEqual(spanOf(n), whole(s));
      assert.equal(p('p(x; \\theta)'), '(apply p x | theta)');
      assert.equal(p('f(a, b)'), '(apply f a b)');
    });

    it('\\pi_k (2\\pi) with a space is a product; without one it is an application', () => {
      assert.equal(p('\\pi_k (2\\pi)'), '(* pi_{k} (group( (* 2 pi)))');
      assert.equal(p('\\pi_k(2\\pi)'), '(apply pi_{k} (* 2 pi))');
      // A "|" inside makes it an application whatever the spacing.
      assert.equal(p('p (x | y)'), '(apply p x | y)');
    });

    it('|\\Sigma| and \\left| … \\right| are absolute values; \\| … \\| a norm', () => {
      const s = '|\\Sigma|';
      const n = expr(s);
      assert.equal(show(n), '(abs Sigma)');
      assert.deepEqual(spanOf(n), whole(s));
      assert.equal(p('\\left| A \\right|'), '(abs A)');
      assert.equal(p('\\|x\\|'), '(norm x)');
      assert.equal(p('|2\\pi\\Sigma|^{-1/2}'), '(^ (abs (* (* 2 pi) Sigma)) (neg (/ 1 2)))');
    });

    it('\\det(\\Sigma)^{-1/2} is (det Σ)^{-1/2}', () => {
      const s = '\\det(\\Sigma)^{-1/2}';
      const n = expr(s);
      assert.equal(show(n), '(^ (det Sigma) (neg (/ 1 2)))');
      assert.deepEqual(spanOf(n), whole(s));
      if (n.kind === 'pow') assert.deepEqual(spanOf(n.base), at(s, '\\det(\\Sigma)'));
    });

    it('e^{…} is a power of e; \\exp with and without parentheses', () => {
      assert.equal(p('e^{-x^2/2}'), '(^ e (neg (/ (^ x 2) 2)))');
      assert.equal(p('\\exp(x)'), '(exp x)');
      assert.equal(p('\\exp\\left( -\\frac{1}{2} x \\right)'), '(exp (neg (* (frac 1 2) x)))');
      const s = '\\exp x y';
      const n = expr(s);
      assert.equal(show(n), '(exp (* x y))');
      assert.deepEqual(spanOf(n), whole(s));
    });

    it('\\log and \\ln: a run of factors, a whole sum, or just the parenthesised argument', () => {
      assert.equal(p('\\log 2\\pi\\sigma^2'), '(log (* (* 2 pi) (^ sigma 2)))');
      assert.equal(p('\\log(a) b'), '(* (log a) b)');
      assert.equal(p('\\log \\sum_k x_k + 1'), '(+ (log (sum k x_{k})) 1)');
      assert.equal(p('\\ln x + 1'), '(+ (ln x) 1)');
      assert.equal(p('\\log(x)^2'), '(^ (log x) 2)');
      assert.equal(p('\\operatorname{tr}(A)'), '(tr A)');
      assert.equal(p('\\text{det}(A)'), '(det A)');
    });

    it('\\sqrt and \\sqrt[n]', () => {
      const s = '\\sqrt{2\\pi}';
      const n = expr(s);
      assert.equal(show(n), '(sqrt (* 2 pi))');
      assert.deepEqual(spanOf(n), whole(s));
      assert.equal(p('\\sqrt[3]{x}'), '(root 3 x)');
      assert.equal(p('\\sqrt2'), '(sqrt 2)');
    });
  });

  describe('products and signs', () => {
    it('\\cdot, \\times and juxtaposition are products, left to right', () => {
      assert.equal(p('a \\cdot b \\times c'), '(* (* a b) c)');
      const s = '2ab';
      const n = expr(s);
      assert.equal(show(n), '(* (* 2 a) b)');
      assert.ok(n.kind === 'mul' && n.implicit === true);
      assert.deepEqual(spanOf(n), whole(s));
      const e = expr('a \\cdot b');
      assert.ok(e.kind === 'mul' && e.implicit !== true);
    });

    it('inline / takes one factor: -1/2 (x-\\mu) is −½·(x−μ), a/b c is (a/b)·c', () => {
      const s = '-1/2 (x-\\mu)';
      const n = expr(s);
      assert.equal(show(n), '(neg (* (/ 1 2) (group( (- x mu))))');
      assert.deepEqual(spanOf(n), whole(s));
      assert.equal(p('a/b c'), '(* (/ a b) c)');
    });

    it('subtraction is left-associative; unary minus binds looser than ^', () => {
      assert.equal(p('a - b - c'), '(- (- a b) c)');
      assert.equal(p('-a^2'), '(neg (^ a 2))');
      assert.equal(p('a \\cdot -b'), '(* a (neg b))');
    });
  });

  describe('fonts', () => {
    it('\\boldsymbol and \\mathbf set the font of the symbol', () => {
      const s = '\\boldsymbol{\\mu}_k';
      const n = expr(s);
      assert.equal(show(n), 'bold:mu_{k}');
      assert.deepEqual(spanOf(n), whole(s));
      assert.equal(p('\\mathbf{x}_i'), 'bold:x_{i}');
      assert.equal(p('\\boldsymbol{\\mu_k}'), 'bold:mu_{k}');
      assert.equal(p('\\mathbf{\\Sigma}^{-1}'), '(^ bold:Sigma (neg 1))');
      assert.equal(p('\\mathcal{L}'), 'cal:L');
    });
  });

  describe('brackets', () => {
    it('\\left[ … \\right. on one row joins \\left. … \\right] on the next', () => {
      const r = parseStatement([{ text: '\\left[ a + b \\right.', start: 0 }, { text: '\\left. + c \\right]', start: 30 }]);
      assert.equal(r.error, null);
      assert.equal(r.chains.map(showChain).join(' ;; '), '(group[ (+ (+ a b) c))');
      const side = r.chains[0].sides[0];
      assert.ok(side.ok);
      if (side.ok) assert.deepEqual(spanOf(side.node), { start: 0, end: 30 + '\\left. + c \\right]'.length });
    });

    it('\\Big( … \\Big) sizing is ignored', () => {
      assert.equal(p('\\Big( a + b \\Big)'), '(group( (+ a b))');
      assert.equal(p('\\log\\Big( x \\Big) y'), '(* (log x) y)');
      // Spacing between a function's name and its argument: `\exp\!\Bigl(…\Bigr)` is exp of the bracket.
      assert.equal(p('\\exp\\!\\Bigl(-a\\Bigr) b'), '(* (exp (neg a)) b)');
      assert.equal(p('\\ln\\, x'), '(ln x)');
      assert.equal(p('p\\big(x \\mid y\\big)'), '(apply p x | y)');
    });

    it('\\underbrace{…}_{label}', () => {
      const s = '\\underbrace{a+b}_{g}';
      const n = expr(s);
      assert.equal(show(n), '(underbrace (+ a b) g)');
      assert.deepEqual(spanOf(n), whole(s));
    });
  });

  describe('relations and chains', () => {
    it('=, :=, \\approx, \\iff, \\Rightarrow, \\leq, \\in, \\to', () => {
      assert.equal(chains('a = b := c \\approx d'), 'a = b := c ≈ d');
      assert.equal(chains('a \\iff b \\Rightarrow c'), 'a ⇔ b ⇒ c');
      assert.equal(chains('a \\leq b'), 'a ≤ b');
      assert.equal(chains('x \\in S'), 'x ∈ S');
      assert.equal(chains('a \\to b'), 'a → b');
      assert.equal(chains('a \\ne b \\propto c'), 'a ≠ b ∝ c');
    });

    it('relation and side spans', () => {
      const s = 'L := \\sum_i x_i \\approx 3';
      const [c] = parseStatement(seg(s)).chains;
      assert.deepEqual(c.relations.map((r) => ({ ...r.span })), [at(s, ':='), at(s, '\\approx')]);
      assert.deepEqual(c.sides.map((x) => ({ ...x.span })), [at(s, 'L'), at(s, '\\sum_i x_i'), at(s, '3')]);
      assert.deepEqual({ ...c.span }, whole(s));
    });

    it('top-level commas split a statement into chains; commas inside brackets do not', () => {
      const s = 'a = b, c = d';
      const r = parseStatement(seg(s));
      assert.equal(r.chains.map(showChain).join(' ;; '), 'a = b ;; c = d');
      assert.deepEqual({ ...r.chains[1].span }, at(s, 'c = d'));
      assert.equal(chains('f(a, b) = c'), '(apply f a b) = c');
      assert.equal(chains('x = 1; y = 2'), 'x = 1 ;; y = 2');
    });

    it('a leading \\Rightarrow only links to the previous line', () => {
      assert.equal(chains('\\Rightarrow \\lambda = -N'), 'lambda = (neg N)');
    });

    it('one bad side costs only that side', () => {
      assert.equal(chains('a = \\foo = b'), 'a = !{unknown command \\foo @4} = b');
    });
  });
});

describe('parser: what KaTeX accepts reads into a tree (issue 9)', () => {
  const cases: [string, string][] = [
    // tuples, intervals, sets
    ['w=(w_0^*,w_1^*,\\cdots,w_M^*)', 'w = (tuple() w_{0}^{*} w_{1}^{*} … w_{M}^{*})'],
    ['p \\in (0,1]', 'p ∈ (tuple(] 0 1)'],
    ['k(k \\epsilon(0,1])', '(apply k (* k (* epsilon (tuple(] 0 1))))'],
    ['N(A)=\\{x\\in \\mathbf{R}^n|Ax=0\\}', '(apply N A) = (set (event x ∈ (^ bold:R n)) | (event (* A x) = 0))'],
    ['\\langle x_i,y_i \\rangle', '(tuple⟨rangle x_{i} y_{i})'],
    // probability events and expectations
    ['p(z_i = k \\mid x_i, \\theta)', '(apply p (event z_{i} = k) | x_{i} theta)'],
    ['P(Z_i=k|X_i)', '(apply P (event Z_{i} = k) | X_{i})'],
    ['\\mathbb{1}(z_i=k)', '(apply bb:1 (event z_{i} = k))'],
    ['E_{Z|X,\\theta}[\\log p(X, Z \\mid \\theta)]', '(E E_{(given Z | X theta)} (log (apply p X Z | theta)))'],
    ['\\mathbb{E}_{q}[x]', '(E bb:E_{q} x)'],
    ['D(p \\| q)', '(apply D p | q)'],
    // operators with limits, integrals, sums over ranges
    ['\\int_{-\\infty}^{\\infty} p(x)\\,dx = 1', '(int _(neg <∞>) ^<∞> (* (* (apply p x) d) x)) = 1'],
    ['\\sum_{x_i\\in R_m} y_i', '(sum _{(event x_{i} ∈ R_{m})} y_{i})'],
    ['\\sum_{k\\ne j} a_k', '(sum _{(event k ≠ j)} a_{k})'],
    ['\\underset{\\theta}{\\arg\\max}\\, f(\\theta)', '(argmax _theta (apply f theta))'],
    ['\\max_{c_j} a', '(max _c_{j} a)'],
    ['\\lim_{n \\to \\infty} a_n', '(lim _(event n → <∞>) a_{n})'],
    ['\\log_2 p', '(log_2 p)'],
    ['\\sum', '(sum _ ∅)'],
    // scripts on brackets, postfix marks
    ['[x_i\\cdot x_j]_{N\\times N}', '(indexed (group[ (* x_{i} x_{j})) _(* N N))'],
    ['(\\pi_k)_{k=1}^K', '(indexed (group( pi_{k}) _(event k = 1) ^K)'],
    ['k!', '(! k)'],
    // environments, relations written with notes, leading and lone relations
    ['\\begin{cases}1, & x > 0 \\\\ 0, & x \\le 0\\end{cases}', '(cases [1 (event x > 0)] [0 (event x ≤ 0)])'],
    ['a \\stackrel{\\text{def}}{=} b', 'a = b'],
    ['\\le x', '∅ ≤ x'],
    ['\\le', '∅ ≤ ∅'],
    ['a \\pm b', '(tuple± a b)'],
    ['\\lambda ||\\theta||_2^2', '(* lambda (indexed (norm theta) _2 ^2))'],
    ['D(p||q)', '(apply D p | q)'],
    ['\\mathcal{D} = \\lbrace x_1, x_N \\rbrace', 'cal:D = (set x_{1} x_{N})'],
    ['\\left\\{ a, b \\} \\right.', '(set a b)'],
    ['H_0(\\, \\cdot \\,, Q)', '(apply H_{0} <the placeholder \\cdot> Q)'],
    // bars: \lvert/\rvert written as pairs open and close; after an operand a bar opens only
    // when an odd number of bars follow (they pair with it), else it separates
    ['O(\\lvert E \\rvert \\lvert V \\rvert)', '(apply O (* (abs E) (abs V)))'],
    ['P(y\\rvert \\theta) = \\frac{1}{\\rvert \\Sigma\\rvert}', '(apply P y | theta) = (frac 1 (abs Sigma))'],
    ['\\{ f \\in C | \\forall \\epsilon\\, |f(x)| \\leq \\epsilon \\}', '(set (event f ∈ C) | (event (* (* <symbol> epsilon) (abs (apply f x))) ≤ epsilon))'],
    ['E[|X| | Y]', '(E E (given (abs X) | Y))'],
    ['\\sum_{i < j \\leq |C|} a_j', '(sum _{(event i < j ≤ (abs C))} a_{j})'],
    ['z = x(=|w|\\cdot|x|)', 'z = (apply x (event ∅ = (* (abs w) (abs x))))'],
    // a function's operand is where an operand is expected: its bar opens, also inside an application
    ['\\mathcal{O}(\\textrm{log}_2|\\mathcal{V}|)', '(apply cal:O (log_2 (abs cal:V)))'],
    // \lVert … \rVert written as pairs are brackets: a relation inside stays inside
    ['\\arg\\min_{\\beta} \\lVert Y = X \\beta \\rVert_2^2', '(argmin _beta (indexed (norm (event Y = (* X beta))) _2 ^2))'],
    // macro definitions draw nothing (their names are not expanded)
    ['\\newcommand{\\ex}[2]{\\mathbb{E}_{#1 \\sim #2}} \\def\\cd#1{#1^2} x = 1', 'x = 1'],
    // characters pasted from elsewhere
    ['μ − σ', '(- mu sigma)'],
    ['\\eta=1\u200b', 'eta = 1'],
    ['x = \\text{中文} y', 'x = (* "中文" y)'],
    ['a\\ \\\\\\\nb', 'a ;; b'],
    // commands KaTeX draws that the grammar gives no reading: opaque atoms
    ['Y = W \\circledast X', 'Y = (* (* W <\\circledast>) X)'],
    ['\\partial', '<∂ outside a derivative fraction>'],
    ['\\frac{\\partial L}{\\partial \\mu \\partial \\sigma}', '(frac (* <∂ outside a derivative fraction> L) (* (* (* <∂ outside a derivative fraction> mu) <∂ outside a derivative fraction>) sigma))'],
  ];
  for (const [input, tree] of cases) {
    it(`${input} → ${tree}`, () => {
      assert.equal(chains(input), tree);
    });
  }
  it('the grouping the issue names keeps positions: the event spans its relation', () => {
    const s = 'p(z_i = k)';
    const c = parseStatement(seg(s)).chains[0];
    const side = c.sides[0];
    assert.ok(side.ok && side.node.kind === 'apply');
    assert.deepEqual({ ...side.node.args[0].span }, at(s, 'z_i = k'));
  });
});

describe('parser: errors with positions', () => {
  const cases: { input: string; message: RegExp; at: string; nth?: number }[] = [
    { input: 'x + \\foo y', message: /^unknown command \\foo$/, at: '\\foo' },
    { input: 'a + b}', message: /^unmatched “}”$/, at: '}' },
    { input: '(a+b))', message: /^unmatched “\)”$/, at: ')', nth: 1 },
    { input: '(a', message: /^expected “\)” to close the “\(” but found the end of the formula$/, at: '' },
    // a bracket that does not pair up is not taken for an interval (those have two ends)
    { input: '[a - \\log(1 + b]', message: /^expected “\)” to close the “\(” but found “\]”$/, at: ']' },
    { input: '\\newcommand{\\a}{b} c # d', message: /^unexpected character “#”$/, at: '#' },
  ];
  for (const c of cases) {
    it(`${c.input} → ${c.message.source}`, () => {
      const e = statementError(c.input);
      assert.ok(e, 'expected an error');
      assert.match(e.message, c.message);
      // An empty `at` means the end of the formula.
      const start = c.at === '' ? c.input.length : at(c.input, c.at, c.nth ?? 0).start;
      assert.equal(e.span.start, start);
      assert.ok(e.span.end > e.span.start || e.span.start === c.input.length);
      const thrown = exprError(c.input);
      assert.match(thrown.message, c.message);
      assert.equal(thrown.span.start, start);
    });
  }

  it('a missing \\right is reported where the formula ends, naming the \\left', () => {
    const s = '\\left( a + b';
    const e = statementError(s);
    assert.ok(e);
    assert.match(e.message, /^expected \\right to close the \\left\( but found the end of the formula$/);
    assert.equal(e.span.start, s.length);
  });

  it('an unexpected character is a lexer error at its offset', () => {
    const s = 'a # b';
    const r = parseStatement(seg(s));
    assert.ok(r.error instanceof LatexError);
    assert.equal(r.error.message, 'unexpected character “#”');
    assert.deepEqual({ ...r.error.span }, at(s, '#'));
    assert.deepEqual(r.chains, []);
    assert.equal(exprError(s).span.start, 2);
  });

  it('a backslash that ends a segment is the control space before the line break the extractor cut', () => {
    // `$$\nx = (a, b),\\\n$$`: KaTeX reads `\\` + line break as a space; the row's segment ends at the backslash.
    assert.equal(chains('x = (a, b),\\'), chains('x = (a, b),\\\n'));
    assert.equal(parseStatement(seg('a + \\')).error, null);
  });

  it('parseExpression rejects a relation; parseStatement splits on it', () => {
    const e = exprError('a = b');
    assert.equal(e.message, 'unexpected “=”');
    assert.equal(e.span.start, 2);
    assert.equal(chains('a = b'), 'a = b');
  });

  describe('10,000-deep nesting gives a LatexError, not a stack overflow', () => {
    const n = 10_000;
    const deep: Record<string, string> = {
      'parentheses': '('.repeat(n) + 'x' + ')'.repeat(n),
      'braces': '{'.repeat(n) + 'x' + '}'.repeat(n),
      '\\left( … \\right)': '\\left('.repeat(n) + 'x' + '\\right)'.repeat(n),
      'scripts': 'x' + '^{x'.repeat(n) + '}'.repeat(n),
      'absolute values': '|'.repeat(n) + 'x' + '|'.repeat(n),
      'applications': 'f('.repeat(n) + 'x' + ')'.repeat(n),
      '\\sqrt{…}': '\\sqrt{'.repeat(n) + 'x' + '}'.repeat(n),
      '\\log \\log …': '\\log '.repeat(n) + 'x',
      // The following reach the parser's recursion without a bracket per level.
      '\\sqrt\\sqrt … x (one-token arguments)': '\\sqrt '.repeat(n) + 'x',
      '\\frac\\frac … (one-token arguments)': '\\frac '.repeat(n) + '12',
      '\\mathbf\\mathbf … x': '\\mathbf '.repeat(n) + 'x',
      '\\boxed\\boxed … x': '\\boxed '.repeat(n) + 'x',
      '\\underbrace\\underbrace … x': '\\underbrace '.repeat(n) + 'x',
      '- - - … x': '- '.repeat(n) + 'x',
    };
    for (const [name, s] of Object.entries(deep)) {
      it(name, () => {
        let r: ReturnType<typeof parseStatement> | undefined;
        assert.doesNotThrow(() => { r = parseStatement(seg(s)); }, `parseStatement threw on ${name}`);
        const e = statementError(s);
        assert.ok(e, 'expected an error');
        assert.match(e.message, /nested more than \d+ levels deep/);
        assert.ok(e.span.start >= 0 && e.span.end <= s.length);
        assert.ok(r);
        exprError(s);
      });
    }
  });
});

describe('parser: long flat inputs', () => {
  // Repetition without nesting must not count as depth (and must not recurse).
  const n = 10_000;
  const flat: Record<string, string> = {
    '\\displaystyle … x': '\\displaystyle '.repeat(n) + 'x',
    'a + a + … + a': Array.from({ length: n }, () => 'a').join(' + '),
    'a a a … a': 'a '.repeat(n),
    'a = a = … = a': Array.from({ length: n }, () => 'a').join(' = '),
    'x_1, x_1, …': Array.from({ length: n }, () => 'x_1').join(', '),
  };
  for (const [name, s] of Object.entries(flat)) {
    it(name, () => {
      // CPU time, not the clock: other processes on a loaded machine must not fail the test. The least of three parses:
      // the process's CPU time also counts the collector's threads, and one collection of the suite's heap landing in
      // a parse (a second of CPU once, 60 ms alone) says nothing about the parser.
      const r = parseStatement(seg(s));
      let ms = Infinity;
      for (let i = 0; i < 3 && ms >= 1000; i++) {
        const c0 = process.cpuUsage();
        parseStatementUncached(seg(s));
        const c = process.cpuUsage(c0);
        ms = Math.min(ms, (c.user + c.system) / 1000);
      }
      assert.equal(r.error, null);
      assert.ok(r.chains.length > 0);
      assert.ok(r.chains.every((ch) => ch.sides.every((side) => side.ok)), 'every side parses');
      // Linear work: 10,000 tokens in well under a second of CPU (quadratic work would take minutes).
      assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms of CPU`);
    });
  }
});

describe('parser: contracts', () => {
  const inputs = [
    '', ' ', 'a = ', '= b', '\\frac{\\partial}{\\partial v}', '\\left(', '\\right)', '\\end{x}', '}{', '^', '_x', "'",
    '\\begin{cases} a \\end{cases}', '\\text{only prose}', '&', '\\\\', 'a \\\\ b', '\\left\\{ x', '\\sqrt[', 'x_', '\\mathcal',
  ];
  it('parseStatement returns errors instead of throwing', () => {
    for (const s of inputs) {
      assert.doesNotThrow(() => parseStatement(seg(s)), s);
    }
  });
  it('parseExpression throws nothing but LatexError', () => {
    for (const s of inputs) {
      try {
        parseExpression(seg(s));
      } catch (e) {
        assert.ok(e instanceof LatexError, `${s}: ${String(e)}`);
      }
    }
  });
  it('a statement with only prose gives no chains and no error', () => {
    const r = parseStatement(seg('   '));
    assert.deepEqual(r, { chains: [], error: null });
  });
});

describe('parser: matrices', () => {
  it('a bmatrix with several rows', () => {
    // `\\` ends a row; it must not be read as a factor of the last entry.
    assert.equal(p('\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}'), '(matrix [a b] [c d])');
  });
  it('a one-row matrix', () => {
    assert.equal(p('\\begin{pmatrix} 1 & 2 \\end{pmatrix}'), '(matrix [1 2])');
  });
});

describe('parser: kept parses by place', () => {
  // The checker keeps what it reads from a tree on the tree object: a statement that did not move
  // must get the same trees on every check, wherever else the note writes the same text.
  const latex = '\\pi_k = \\frac{N_k}{N} + z';
  const at = (start: number) => [{ start, text: latex }];
  /** Every span of a structure, in order. */
  const spans = (v: unknown, out: Span[] = []): Span[] => {
    if (Array.isArray(v)) for (const x of v) spans(x, out);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Object.keys(o).length === 2 && typeof o.start === 'number' && typeof o.end === 'number') out.push(o as unknown as Span);
      else for (const k in o) spans(o[k], out);
    }
    return out;
  };
  beforeEach(() => clearParseCache());
  it('the same text at two places: the same trees at each place on every check, with that place’s spans', () => {
    beginParsePass();
    const a1 = parseStatement(at(10)), b1 = parseStatement(at(500));
    beginParsePass();
    const a2 = parseStatement(at(10)), b2 = parseStatement(at(500));
    assert.equal(a2.chains[0], a1.chains[0]);
    assert.equal(b2.chains[0], b1.chains[0]);
    assert.notEqual(a1.chains[0], b1.chains[0]);
    // The spans are those of a parse made where each stands.
    assert.deepEqual(spans(a1.chains), spans(parseStatementUncached(at(10)).chains));
    assert.deepEqual(spans(b1.chains), spans(parseStatementUncached(at(500)).chains));
  });
  it('an edit above that comes and goes: the trees of both places are kept', () => {
    beginParsePass();
    const before = parseStatement(at(100));
    beginParsePass();
    const typed = parseStatement(at(101));
    beginParsePass();
    assert.equal(parseStatement(at(100)).chains[0], before.chains[0]);
    beginParsePass();
    assert.equal(parseStatement(at(101)).chains[0], typed.chains[0]);
  });
  it('a place unused for two checks is dropped once the statement stands elsewhere', () => {
    beginParsePass();
    parseStatement(at(0));
    const moved = parseStatement(at(7));
    beginParsePass();
    beginParsePass();
    parseStatement(at(8));
    // Made again: the place 7 was not used in this check or the last.
    const again = parseStatement(at(7));
    assert.notEqual(again.chains[0], moved.chains[0]);
    assert.deepEqual(spans(again.chains), spans(moved.chains));
  });
  it('an error is moved with its statement', () => {
    const broken = [{ start: 40, text: 'a = #' }];
    const first = parseStatement([{ start: 0, text: 'a = #' }]).error;
    const moved = parseStatement(broken).error;
    assert.ok(first && moved);
    assert.equal(moved.message, first.message);
    assert.deepEqual(moved.span, parseStatementUncached(broken).error!.span);
  });
});
