// Parser: LaTeX math tokens → relation chains of expression trees.
//
// Strategy. A statement is first split, on tokens at bracket depth 0, into
// parts at `,` and `;` (`p(X) = …, \quad p(x_i) = …` holds two equations), and
// each part into sides at relation tokens (`=`, `:=`, `\approx`, `\iff`, …).
// Each side is then parsed on its own by recursive descent, one function per
// precedence level, so one malformed side costs only the links that touch it:
//
//   expr     := term (('+' | '-' | '\pm') term)*
//   term     := ('-' | '+')* product
//   product  := factor ((('\cdot' | '\times' | '*' | '/') factor) | factor)*
//   factor   := primary postfix*          postfix: _sub ^sup ' and, after a
//                                          symbol, '(' args ')' = application
//   primary  := number | letter | \greek | \font{…} | (…) | [ … ] | \left…\right
//             | |…| | \frac | \sqrt | \sum/\prod (body: rest of the product)
//             | \log/\exp/… (argument below) | \frac{\partial}{\partial v} (operand below)
//             | \underbrace{…}_{…} | \begin{bmatrix}…\end{bmatrix}
//
// Decisions worth knowing (they are the usual reading of handwritten notes):
// - Inline `/` binds like `\cdot` and takes ONE factor as divisor, then the
//   product goes on: `-1/2 (x-\mu)^T` is −½·(x−μ)ᵀ, `a/b c` is (a/b)·c.
// - Juxtaposition is multiplication at the same level as `\cdot`, left to right.
// - A symbol directly followed by `(` becomes an `apply` node whatever the
//   spacing; whether `p(x|\theta)` is a density and `\pi_k (2\pi)` a product is
//   decided later by the binder, which knows the note's notation.
// - Inside an application's parentheses, a `|` or `\mid` after an operand
//   separates the conditioning arguments; elsewhere `|…|` is an absolute value
//   or determinant.
// - `\log`, `\exp`, … without parentheses take the following run of juxtaposed
//   factors (`\log 2\pi\sigma^2`), or a whole `\sum` if one follows; with
//   parentheses, just the parenthesised group (`\log(a)\, b` is log(a)·b).
// - `\sum`/`\prod` take the rest of the product as their body and stop at a
//   `+`/`-` of the enclosing level: `\sum_i a_i + b` is (Σ a_i) + b.
// - `\frac{\partial}{\partial v}` followed by a bracket takes the bracket;
//   followed by a `\sum` takes the sum; otherwise it takes the run of
//   juxtaposed factors and records them separately (see DerivNode.operand).
// - `\partial \sigma_k^2` in a denominator names the variance as the
//   variable; it is never read as a second derivative.
// - `\right. \left.` across a row break (a bracket split over two rows) joins.
import { BoundedCache, stringBytes } from '../util/boundedCache';
import type {
  Chain, DerivNode, Font, Node, Relation, Side, SymNode,
} from './ast';
import { LatexError } from './errors';
import { charRelation, DECORATION_WORDS, lookupCommand, WORD_FUNCTIONS } from './grammar';
import { tokenize, type Token } from './lexer';
import type { Segment, Span } from '../types';

const MAX_DEPTH = 200;

/**
 * Parses are kept by the statement's text (with segment offsets relative to
 * its start) and moved to the statement's place on reuse: re-checking a note
 * while typing re-parses only the statements that changed.
 */
// Bounded by bytes (a tree is taken as 8 times its text), not entries: long formulas must not pile up.
const parseCache = new BoundedCache<string, { base: number; chains: Chain[]; error: LatexError | null }>(32 * 2 ** 20, (k) => 8 * stringBytes(k));

/** Parse one statement (a row or joined rows) into its chains. Never throws. */
export function parseStatement(segments: readonly Segment[]): { chains: Chain[]; error: LatexError | null } {
  const base = segments.length ? segments[0].start : 0;
  const key = segments.map((s) => `${s.start - base}:${s.text}`).join('\n');
  const hit = parseCache.get(key);
  if (hit) {
    const delta = base - hit.base;
    if (delta === 0) return { chains: hit.chains, error: hit.error };
    return {
      chains: shiftSpans(hit.chains, delta),
      error: hit.error ? new LatexError(hit.error.message, { start: hit.error.span.start + delta, end: hit.error.span.end + delta }) : null,
    };
  }
  const result = parseStatementUncached(segments);
  parseCache.set(key, { base, ...result });
  return result;
}

/** A copy of a parsed structure with every span moved by `delta` (trees are never mutated, so sharing is safe). */
function shiftSpans<T>(value: T, delta: number): T {
  if (Array.isArray(value)) return value.map((v: unknown) => shiftSpans(v, delta)) as T;
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2) {
    return { start: (o.start as number) + delta, end: (o.end as number) + delta } as T;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = shiftSpans(o[k], delta);
  return out as T;
}

function parseStatementUncached(segments: readonly Segment[]): { chains: Chain[]; error: LatexError | null } {
  let tokens: Token[];
  try {
    tokens = joinSplitBrackets(tokenize(segments));
  } catch (e) {
    if (e instanceof LatexError) return { chains: [], error: e };
    throw e;
  }
  const chains: Chain[] = [];
  for (const part of splitTopLevel(unwrapBoxed(tokens), isPartSeparator)) {
    const chain = parseChainTokens(part);
    if (chain) chains.push(chain);
  }
  return { chains, error: null };
}

/** Parse a single expression (no relations), e.g. for tests and for definitions. Throws LatexError. */
export function parseExpression(segments: readonly Segment[]): Node {
  const tokens = joinSplitBrackets(tokenize(segments));
  const p = new Parser(tokens);
  const node = p.parseExpr();
  p.expectEnd();
  return node;
}

/** `\boxed{A = B}` around a whole statement: the box is decoration, the relation inside counts. */
function unwrapBoxed(tokens: Token[]): Token[] {
  const first = tokens[0];
  if (!first || first.kind !== 'cmd' || (first.text !== 'boxed' && first.text !== 'fbox') || tokens[1]?.text !== '{') return tokens;
  let depth = 0;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'op' && t.text === '{') depth++;
    if (t.kind === 'op' && t.text === '}' && --depth === 0) {
      const rest = tokens.slice(i + 1);
      if (rest.every((r) => r.kind === 'eof')) return [...tokens.slice(2, i), ...rest];
      return tokens;
    }
  }
  return tokens;
}

function isPartSeparator(t: Token): boolean {
  return t.kind === 'op' && (t.text === ',' || t.text === ';');
}

function relationOf(t: Token): Relation | null {
  if (t.kind === 'op') return charRelation(t.text);
  if (t.kind === 'cmd') {
    const e = lookupCommand(t.text);
    if (e?.type === 'relation') return e.rel;
  }
  return null;
}

const SIZING = new Set(['big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr', 'middle']);

/**
 * `\right.` followed by `\left.` (a bracket continued on the next row) is
 * dropped, and so are size commands (`\Big(`): they only change how a
 * delimiter looks.
 */
function joinSplitBrackets(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'cmd' && SIZING.has(t.text)) continue;
    if (t.kind === 'cmd' && t.text === 'right' && tokens[i + 1]?.text === '.' &&
        tokens[i + 2]?.kind === 'cmd' && tokens[i + 2].text === 'left' && tokens[i + 3]?.text === '.') {
      i += 3;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** Bracket depth change of a token: braces, parens, brackets, \left/\right, \begin/\end. */
function depthDelta(tokens: Token[], i: number): number {
  const t = tokens[i];
  if (t.kind === 'op') {
    if (t.text === '{' || t.text === '(' || t.text === '[') return tokens[i - 1]?.text === 'left' || tokens[i - 1]?.text === 'right' ? 0 : 1;
    if (t.text === '}' || t.text === ')' || t.text === ']') return tokens[i - 1]?.text === 'left' || tokens[i - 1]?.text === 'right' ? 0 : -1;
    return 0;
  }
  if (t.kind === 'cmd') {
    if (t.text === 'left') return 1;
    if (t.text === 'right') return -1;
    if (t.text === '{' && tokens[i - 1]?.text !== 'left' && tokens[i - 1]?.text !== 'right') return 1;
    if (t.text === '}' && tokens[i - 1]?.text !== 'left' && tokens[i - 1]?.text !== 'right') return -1;
  }
  return 0;
}

/** Split at depth-0 tokens matching `sep`; the eof token is dropped. */
function splitTopLevel(tokens: Token[], sep: (t: Token) => boolean): Token[][] {
  const parts: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'eof') break;
    if (depth === 0 && sep(t)) {
      parts.push(cur);
      cur = [];
      continue;
    }
    depth = Math.max(0, depth + depthDelta(tokens, i));
    cur.push(t);
  }
  parts.push(cur);
  return parts.filter((p) => p.length > 0);
}

function spanOf(tokens: Token[]): Span {
  return { start: tokens[0].start, end: tokens[tokens.length - 1].end };
}

/** A side made only of brackets (its prose was blanked): nothing to check. */
function isEmptySide(tokens: Token[]): boolean {
  return tokens.every((t) => (t.kind === 'op' && '()[]{}'.includes(t.text)) || (t.kind === 'cmd' && (t.text === 'left' || t.text === 'right' || t.text === 'bullet')));
}

function parseChainTokens(tokens: Token[]): Chain | null {
  // Split into sides at depth-0 relations; `\stackrel{…}{=}` counts as `=`.
  const sides: Token[][] = [];
  const relations: { rel: Relation; span: Span }[] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const rel = depth === 0 ? relationOf(t) : null;
    if (rel) {
      sides.push(cur);
      relations.push({ rel, span: { start: t.start, end: t.end } });
      cur = [];
      continue;
    }
    depth = Math.max(0, depth + depthDelta(tokens, i));
    cur.push(t);
  }
  sides.push(cur);
  // A leading connective (`\Rightarrow \lambda = …`, `\iff …`) only links to the previous line.
  while (sides.length > 1 && sides[0].length === 0 && (relations[0].rel === '⇒' || relations[0].rel === '⇔')) {
    sides.shift();
    relations.shift();
  }
  // Trailing arrows to prose (`= … \rightarrow (\text{…})`) are comments.
  while (sides.length > 1 && isEmptySide(sides[sides.length - 1]) && (relations[relations.length - 1].rel === '→' || relations[relations.length - 1].rel === '⇒')) {
    sides.pop();
    relations.pop();
  }
  if (sides.every((s) => s.length === 0)) return null;
  const parsed: Side[] = sides.map((toks, idx) => {
    if (toks.length === 0) {
      const at = idx < relations.length ? relations[idx].span : relations[idx - 1].span;
      return { ok: false, message: 'nothing on this side of the relation', errorSpan: at, span: at };
    }
    const span = spanOf(toks);
    try {
      const p = new Parser([...toks, { kind: 'eof', text: '', start: span.end, end: span.end, space: true }]);
      const node = p.parseExpr();
      p.expectEnd();
      return { ok: true, node, span };
    } catch (e) {
      if (e instanceof LatexError) return { ok: false, message: e.message, errorSpan: e.span, span };
      throw e;
    }
  });
  const all = sides.flat();
  return { sides: parsed, relations, span: all.length ? spanOf(all) : relations[0].span };
}

type BarMode = 'none' | 'stop';

class Parser {
  private pos = 0;
  private depth = 0;
  private bar: BarMode = 'none';

  constructor(private readonly tokens: Token[], depth = 0) {
    this.depth = depth;
  }

  // ------------------------------------------------------------ helpers
  private peek(o = 0): Token {
    return this.tokens[Math.min(this.pos + o, this.tokens.length - 1)];
  }
  private next(): Token {
    const t = this.tokens[this.pos];
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }
  private isOp(t: Token, text: string): boolean {
    return t.kind === 'op' && t.text === text;
  }
  private isCmd(t: Token, text: string): boolean {
    return t.kind === 'cmd' && t.text === text;
  }
  private fail(message: string, t: Token = this.peek()): never {
    throw new LatexError(message, { start: t.start, end: Math.max(t.end, t.start + 1) });
  }
  private describe(t: Token): string {
    if (t.kind === 'eof') return 'the end of the formula';
    if (t.kind === 'cmd') return `\\${t.text}`;
    return `“${t.text}”`;
  }
  private expectOp(text: string, opener?: Token): Token {
    const t = this.peek();
    if (!this.isOp(t, text)) {
      const where = opener ? ` to close the “${opener.text}” opened earlier` : '';
      this.fail(`expected “${text}”${where} but found ${this.describe(t)}`);
    }
    return this.next();
  }
  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'eof') {
      if (this.isOp(t, '}') || this.isOp(t, ')') || this.isOp(t, ']') || this.isCmd(t, 'right')) {
        this.fail(`unmatched ${this.describe(t)}`);
      }
      this.fail(`unexpected ${this.describe(t)}`);
    }
  }
  private span(startTok: Token | number, end?: number): Span {
    const start = typeof startTok === 'number' ? startTok : startTok.start;
    const e = end ?? this.tokens[Math.max(0, this.pos - 1)].end;
    return { start, end: Math.max(start, e) };
  }
  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`the formula is nested more than ${MAX_DEPTH} levels deep`);
  }
  private leave(): void {
    this.depth--;
  }
  private withBar<T>(mode: BarMode, f: () => T): T {
    const saved = this.bar;
    this.bar = mode;
    try {
      return f();
    } finally {
      this.bar = saved;
    }
  }

  // ------------------------------------------------------------ levels
  parseExpr(): Node {
    this.enter();
    try {
      let left = this.parseTerm();
      for (;;) {
        const t = this.peek();
        let op: 'add' | 'sub' | null = null;
        if (this.isOp(t, '+')) op = 'add';
        else if (this.isOp(t, '-')) op = 'sub';
        else if (t.kind === 'cmd' && lookupCommand(t.text)?.type === 'binop' && (t.text === 'pm' || t.text === 'mp')) {
          this.fail(`“\\${t.text}” gives two values; the checker needs one expression per side`);
        }
        if (!op) return left;
        this.next();
        const right = this.parseTerm();
        left = { kind: op, a: left, b: right, span: { start: left.span.start, end: right.span.end } };
      }
    } finally {
      this.leave();
    }
  }

  private parseTerm(): Node {
    // Leading signs: `- - x` nests, so it counts towards the depth limit.
    const signs: Token[] = [];
    while (this.isOp(this.peek(), '-') || this.isOp(this.peek(), '+')) {
      const t = this.next();
      if (t.text === '-') signs.push(t);
      if (signs.length > MAX_DEPTH) this.fail(`the formula is nested more than ${MAX_DEPTH} levels deep`, t);
    }
    let node = this.parseProduct();
    for (let i = signs.length - 1; i >= 0; i--) node = { kind: 'neg', body: node, span: this.span(signs[i], node.span.end) };
    return node;
  }

  /** Can the token start a factor (for juxtaposition)? */
  private startsFactor(t: Token): boolean {
    switch (t.kind) {
      case 'num': case 'letter': return true;
      case 'eof': return false;
      case 'op':
        if (t.text === '|') return this.bar !== 'stop';
        return t.text === '(' || t.text === '[' || t.text === '{';
      case 'cmd': {
        if (t.text === '\\') return false; // a row break inside a matrix
        const e = lookupCommand(t.text);
        if (!e) return true; // unknown command: let primary() report it by name
        switch (e.type) {
          case 'relation': case 'binop': case 'right': case 'end': case 'setClose': case 'given': case 'sizing':
            return e.type === 'sizing' ? this.isOp(this.peek(1), '(') || this.isOp(this.peek(1), '[') : false;
          case 'normBar': return this.bar !== 'stop';
          case 'ignore': return false;
          default: return true;
        }
      }
    }
  }

  private parseProduct(): Node {
    let left = this.parseFactor();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'cmd' && lookupCommand(t.text)?.type === 'ignore') {
        this.next();
        continue;
      }
      let op: 'mul' | 'div' | null = null;
      if (this.isOp(t, '*')) op = 'mul';
      else if (this.isOp(t, '/')) op = 'div';
      else if (t.kind === 'cmd') {
        const e = lookupCommand(t.text);
        if (e?.type === 'binop' && e.op !== 'pm') op = e.op;
      }
      if (op) {
        this.next();
        const right = this.parseFactor();
        left = { kind: op, a: left, b: right, span: { start: left.span.start, end: right.span.end } };
        continue;
      }
      if (!this.startsFactor(t)) return left;
      const right = this.parseFactor();
      left = { kind: 'mul', a: left, b: right, implicit: true, span: { start: left.span.start, end: right.span.end } };
    }
  }

  private parseFactor(): Node {
    this.enter();
    try {
      // Leading `\bullet` or `\cdot` (list bullets) are not operands.
      while (this.peek().kind === 'cmd' && (this.peek().text === 'bullet')) this.next();
      const t = this.peek();
      if (this.isOp(t, '-')) {
        // `a \cdot -b`, `x^{-1}` inside products.
        this.next();
        const body = this.parseFactor();
        return { kind: 'neg', body, span: this.span(t, body.span.end) };
      }
      const base = this.parsePrimary();
      return this.parsePostfix(base);
    } finally {
      this.leave();
    }
  }

  // ------------------------------------------------------------ postfix: scripts, primes, application
  private parsePostfix(node: Node): Node {
    let cur = node;
    for (;;) {
      const t = this.peek();
      if (this.isOp(t, '_')) {
        this.next();
        const sub = this.parseScript(t);
        if (cur.kind === 'sym' && !cur.sub) {
          cur = { ...cur, sub, span: this.span(cur.span.start) };
        } else if (cur.kind === 'pow' && cur.base.kind === 'sym' && !cur.base.sub) {
          // `\sigma^{2}_{k}`: the subscript belongs to σ, the power stays outside.
          cur = { ...cur, base: { ...cur.base, sub, span: { start: cur.base.span.start, end: sub.span.end } }, span: this.span(cur.span.start) };
        } else if (cur.kind === 'transpose' && cur.body.kind === 'sym' && !cur.body.sub) {
          cur = { ...cur, body: { ...cur.body, sub, span: { start: cur.body.span.start, end: sub.span.end } }, span: this.span(cur.span.start) };
        } else {
          this.fail('a subscript here has nothing to attach to (write the index on the symbol)', t);
        }
        continue;
      }
      if (this.isOp(t, '^')) {
        this.next();
        cur = this.applySuperscript(cur, t);
        continue;
      }
      if (this.isOp(t, "'")) {
        this.next();
        if (cur.kind === 'sym') cur = { ...cur, primes: cur.primes + 1, span: this.span(cur.span.start) };
        else this.fail('a prime here has nothing to attach to', t);
        continue;
      }
      if (t.kind === 'cmd' && (t.text === 'limits' || t.text === 'nolimits')) {
        this.next();
        continue;
      }
      // `p(x)` is an application; `\pi_k (2\pi)` with a space and no `|` or `,` inside is a product.
      if (cur.kind === 'sym' && this.opensParen() && (!this.peek().space || this.parenHasCallMarks())) {
        cur = this.parseApply(cur);
        continue;
      }
      return cur;
    }
  }

  /** Does the parenthesis at the current token hold a `|`, `\mid`, `;` or `,` at its own level? */
  private parenHasCallMarks(): boolean {
    let depth = 0;
    for (let i = this.pos; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.kind === 'eof') return false;
      const d = depthDelta(this.tokens, i);
      if (d > 0) { depth += d; continue; }
      if (d < 0) { depth += d; if (depth <= 0) return false; continue; }
      if (depth === 1 && ((t.kind === 'op' && (t.text === '|' || t.text === ',' || t.text === ';')) || (t.kind === 'cmd' && t.text === 'mid'))) return true;
    }
    return false;
  }

  private opensParen(): boolean {
    const t = this.peek();
    if (this.isOp(t, '(')) return true;
    if (this.isCmd(t, 'left') && this.isOp(this.peek(1), '(')) return true;
    const e = t.kind === 'cmd' ? lookupCommand(t.text) : undefined;
    return e?.type === 'sizing' && this.isOp(this.peek(1), '(');
  }

  /** Read `{…}` or a single token as a script, parsed as an expression. */
  private parseScript(at: Token): Node {
    const t = this.peek();
    if (this.isOp(t, '{')) {
      this.next();
      if (this.isOp(this.peek(), '}')) this.fail('empty script', at);
      if (this.isOp(this.peek(), '*') && this.isOp(this.peek(1), '}')) {
        const star = this.next();
        this.next();
        return { kind: 'text', text: '*', span: { start: star.start, end: star.end } };
      }
      const inner = this.withBar('none', () => this.parseScriptBody());
      this.expectOp('}', t);
      return inner;
    }
    if (t.kind === 'num') {
      // `x_12` in TeX is x_1 2; but students mean x_{12} rarely and `\sigma^2` often: one digit.
      this.next();
      if (t.text.length > 1 && !t.text.includes('.')) {
        this.pushBack({ ...t, text: t.text.slice(1), start: t.start + 1 });
        return { kind: 'num', value: Number(t.text[0]), text: t.text[0], span: { start: t.start, end: t.start + 1 } };
      }
      return { kind: 'num', value: Number(t.text), text: t.text, span: { start: t.start, end: t.end } };
    }
    if (t.kind === 'letter') {
      this.next();
      return this.sym(t.text, null, t);
    }
    if (t.kind === 'cmd') {
      return this.parsePrimary();
    }
    if (this.isOp(t, '*')) {
      this.next();
      return { kind: 'text', text: '*', span: { start: t.start, end: t.end } };
    }
    if (this.isOp(t, "'")) {
      this.next();
      return { kind: 'text', text: "'", span: { start: t.start, end: t.end } };
    }
    return this.fail(`expected a script after ${this.describe(at)} but found ${this.describe(t)}`, t);
  }

  /** Script content: an expression, or a comma list of indices (`Z_{n,k}` means the same as `Z_{nk}`). */
  private parseScriptBody(): Node {
    let node = this.parseExpr();
    while (this.isOp(this.peek(), ',')) {
      this.next();
      const more = this.parseExpr();
      node = { kind: 'mul', a: node, b: more, implicit: true, span: { start: node.span.start, end: more.span.end } };
    }
    return node;
  }

  private pushBack(t: Token): void {
    this.tokens.splice(this.pos, 0, t);
  }

  private applySuperscript(base: Node, caret: Token): Node {
    const sup = this.parseScript(caret);
    const span = this.span(base.span.start);
    // Transpose: ^T, ^\top, ^{\top}, ^\intercal, ^{\mathsf{T}}.
    if (isTransposeMark(sup)) return { kind: 'transpose', body: base, span };
    // ^{-\top}, ^{-T}: inverse transpose.
    if (sup.kind === 'neg' && isTransposeMark(sup.body)) {
      return { kind: 'transpose', body: { kind: 'pow', base, exp: { kind: 'num', value: -1, text: '-1', span: sup.span }, span }, span };
    }
    if (sup.kind === 'text' && sup.text === "'") {
      if (base.kind === 'sym') return { ...base, primes: base.primes + 1, span };
    }
    if (base.kind === 'sym') {
      const word = decorationWord(sup);
      if (word !== null) return { ...base, decor: word, span };
      if (sup.kind === 'sym' && sup.name === 'prime') return { ...base, primes: base.primes + 1, span };
    }
    if (sup.kind === 'text') {
      this.fail(`“${sup.text}” as an exponent is not a number`, caret);
    }
    return { kind: 'pow', base, exp: sup, span };
  }

  private parseApply(fn: SymNode): Node {
    const open = this.peek();
    const spaced = open.space;
    let closeWithRight = false;
    if (this.isCmd(open, 'left')) {
      this.next();
      closeWithRight = true;
    } else if (open.kind === 'cmd') {
      this.next(); // \big( …
    }
    const paren = this.expectOp('(');
    const args: Node[] = [];
    let given: Node[] | null = null;
    this.withBar('stop', () => {
      if (this.isOp(this.peek(), ')') || (this.isCmd(this.peek(), 'right'))) {
        this.fail('empty parentheses', paren);
      }
      for (;;) {
        const arg = this.parseExpr();
        (given ?? args).push(arg);
        const t = this.peek();
        if (this.isOp(t, ',')) {
          this.next();
          continue;
        }
        if ((this.isOp(t, '|') || this.isCmd(t, 'mid') || this.isCmd(t, 'vert')) && given === null) {
          this.next();
          given = [];
          continue;
        }
        if (this.isCmd(t, 'middle') && (this.isOp(this.peek(1), '|') || this.isCmd(this.peek(1), 'vert'))) {
          this.next();
          this.next();
          given ??= [];
          continue;
        }
        if (this.isOp(t, ';') && given === null) {
          // p(x; θ): parameters after a semicolon read like conditioning.
          this.next();
          given = [];
          continue;
        }
        break;
      }
    });
    this.closeParen(paren, closeWithRight);
    return { kind: 'apply', fn, args, given, spaced, span: this.span(fn.span.start) };
  }

  private closeParen(open: Token, withRight: boolean): void {
    const t = this.peek();
    if (withRight) {
      if (!this.isCmd(t, 'right')) this.fail(`expected \\right) to close the \\left( but found ${this.describe(t)}`, t);
      this.next();
      this.next(); // the delimiter after \right
      return;
    }
    if (t.kind === 'cmd' && lookupCommand(t.text)?.type === 'sizing') this.next();
    this.expectOp(')', open);
  }

  // ------------------------------------------------------------ primaries
  private sym(name: string, font: Font | null, t: Token | Span): SymNode {
    const span = 'kind' in t ? { start: t.start, end: t.end } : t;
    return { kind: 'sym', name, font, sub: null, decor: null, primes: 0, span };
  }

  private parsePrimary(): Node {
    this.enter();
    try {
      return this.parsePrimaryInner();
    } finally {
      this.leave();
    }
  }

  private parsePrimaryInner(): Node {
    // Style commands (\displaystyle …) change nothing here.
    while (this.peek().kind === 'cmd' && lookupCommand(this.peek().text)?.type === 'ignore') this.next();
    const t = this.peek();
    switch (t.kind) {
      case 'eof':
        return this.fail('expected an expression but the formula ended');
      case 'num':
        this.next();
        return { kind: 'num', value: Number(t.text), text: t.text, span: { start: t.start, end: t.end } };
      case 'letter':
        this.next();
        return this.sym(t.text, null, t);
      case 'op':
        return this.parseOpPrimary(t);
      case 'cmd':
        return this.parseCommand(t);
    }
  }

  private parseOpPrimary(t: Token): Node {
    switch (t.text) {
      case '(': case '[': {
        this.next();
        const close = t.text === '(' ? ')' : ']';
        if (this.isOp(this.peek(), close)) this.fail('empty brackets', t);
        const body = this.withBar('none', () => this.parseExpr());
        const c = this.peek();
        if (!this.isOp(c, close)) this.fail(`expected “${close}” to close the “${t.text}” but found ${this.describe(c)}`, c);
        this.next();
        return { kind: 'group', delim: t.text as '(' | '[', body, span: this.span(t) };
      }
      case '{': {
        this.next();
        if (this.isOp(this.peek(), '}')) this.fail('empty braces', t);
        const body = this.withBar('none', () => this.parseExpr());
        this.expectOp('}', t);
        return { kind: 'group', delim: '{', body, span: this.span(t) };
      }
      case '|': {
        this.next();
        const body = this.withBar('stop', () => this.parseExpr());
        const c = this.peek();
        if (!this.isOp(c, '|')) this.fail(`expected “|” to close the “|” but found ${this.describe(c)}`, c);
        this.next();
        return { kind: 'abs', body, norm: false, span: this.span(t) };
      }
      default:
        return this.fail(`expected an expression but found ${this.describe(t)}`, t);
    }
  }

  private parseCommand(t: Token): Node {
    const e = lookupCommand(t.text);
    if (!e) {
      this.fail(`unknown command \\${t.text}`, t);
    }
    switch (e.type) {
      case 'symbol':
        this.next();
        return this.sym(e.name, null, t);
      case 'font':
        return this.parseFont(t, e.font);
      case 'frac':
        return this.parseFrac(t);
      case 'binom':
        this.next();
        this.parseGroupArg();
        this.parseGroupArg();
        return { kind: 'opaque', what: 'binomial coefficient', span: this.span(t) };
      case 'sqrt':
        return this.parseSqrt(t);
      case 'func':
        this.next();
        return this.parseFuncArg(t, e.name);
      case 'bigop':
        return this.parseBigOp(t, e.op);
      case 'text': {
        this.next();
        const content = this.rawGroup();
        const word = content.text.trim();
        if (WORD_FUNCTIONS.has(word) && this.opensParenOrGroup()) return this.parseFuncArg(t, word);
        return { kind: 'text', text: word, span: this.span(t) };
      }
      case 'brace': {
        this.next();
        const body = this.parseGroupArg();
        const scriptOp = e.over ? '^' : '_';
        let label: Node = { kind: 'text', text: '', span: this.span(t) };
        if (this.isOp(this.peek(), scriptOp)) {
          const s = this.next();
          label = this.parseScript(s);
        }
        return { kind: 'underbrace', body, label, over: e.over, span: this.span(t) };
      }
      case 'boxed': {
        this.next();
        if (t.text === 'color' || t.text === 'textcolor') {
          this.rawGroup();
          if (t.text === 'color') return this.parseGroupArg();
        }
        return this.parseGroupArg();
      }
      case 'ellipsis':
        this.next();
        return { kind: 'ellipsis', span: this.span(t) };
      case 'opaque':
        this.next();
        return { kind: 'opaque', what: e.what, span: this.span(t) };
      case 'opaqueArg': {
        this.next();
        while (this.isOp(this.peek(), '{')) this.rawGroup();
        return { kind: 'opaque', what: `\\${t.text}`, span: this.span(t) };
      }
      case 'partial':
        this.next();
        return this.fail('a lone \\partial: write the derivative as \\frac{\\partial F}{\\partial v}', t);
      case 'left':
        return this.parseLeftRight(t);
      case 'sizing': {
        this.next();
        return this.parsePrimary();
      }
      case 'begin':
        return this.parseEnvironment(t);
      case 'setOpen':
        return this.parseSet(t);
      case 'normBar': {
        this.next();
        const body = this.withBar('stop', () => this.parseExpr());
        const c = this.peek();
        if (!(c.kind === 'cmd' && lookupCommand(c.text)?.type === 'normBar')) this.fail(`expected “\\|” to close the norm but found ${this.describe(c)}`, c);
        this.next();
        return { kind: 'abs', body, norm: true, span: this.span(t) };
      }
      case 'transposeMark':
        this.next();
        return { kind: 'text', text: 'T', span: this.span(t) };
      case 'prime':
        this.next();
        return this.sym('prime', null, t);
      case 'star':
        this.next();
        return { kind: 'text', text: '*', span: this.span(t) };
      case 'stackrel':
        return this.fail('\\stackrel here is not between two expressions', t);
      case 'ignore':
        return this.fail(`expected an expression after ${this.describe(t)}`, t);
      case 'relation': case 'binop': case 'right': case 'end': case 'setClose': case 'given':
        return this.fail(`expected an expression but found ${this.describe(t)}`, t);
    }
  }

  private opensParenOrGroup(): boolean {
    return this.opensParen() || this.isOp(this.peek(), '[');
  }

  /** `{…}` as raw tokens (for \text and colour names): returns the concatenated text. */
  private rawGroup(): { text: string } {
    const open = this.peek();
    if (!this.isOp(open, '{')) {
      // \text x takes one token.
      const t = this.next();
      return { text: t.text };
    }
    this.next();
    let depth = 1;
    let text = '';
    let last = open.end;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') this.fail('expected “}” to close the group', open);
      this.next();
      if (this.isOp(t, '{')) depth++;
      if (this.isOp(t, '}') && --depth === 0) break;
      text += (t.start > last ? ' ' : '') + (t.kind === 'cmd' ? `\\${t.text}` : t.text);
      last = t.end;
    }
    return { text };
  }

  /** A required argument: `{expr}` or a single-token argument (`\frac12`). */
  private parseGroupArg(): Node {
    const t = this.peek();
    if (this.isOp(t, '{')) {
      this.next();
      if (this.isOp(this.peek(), '}')) this.fail('empty group', t);
      const body = this.withBar('none', () => this.parseExpr());
      this.expectOp('}', t);
      return body;
    }
    if (t.kind === 'num' && t.text.length > 1 && !t.text.includes('.')) {
      this.next();
      this.pushBack({ ...t, text: t.text.slice(1), start: t.start + 1 });
      return { kind: 'num', value: Number(t.text[0]), text: t.text[0], span: { start: t.start, end: t.start + 1 } };
    }
    return this.parseFactorNoApply();
  }

  private parseFactorNoApply(): Node {
    const base = this.parsePrimary();
    return base;
  }

  private parseFont(t: Token, font: Font | null): Node {
    this.next();
    const open = this.peek();
    let inner: Node;
    if (this.isOp(open, '{')) {
      this.next();
      if (this.isOp(this.peek(), '}')) this.fail('empty group', open);
      inner = this.withBar('none', () => this.parseExpr());
      this.expectOp('}', open);
    } else {
      inner = this.parsePrimary();
    }
    // \mathrm{d}, \operatorname{tr}: words that are function names.
    const word = symbolWord(inner);
    if (word !== null && word.length > 1) {
      if (WORD_FUNCTIONS.has(word)) return this.parseFuncArg(t, word === 'Tr' || word === 'trace' ? 'tr' : word);
      return { kind: 'sym', name: word, font, sub: null, decor: null, primes: 0, span: this.span(t) };
    }
    if (inner.kind === 'sym') return { ...inner, font: font ?? inner.font, span: this.span(t) };
    if (inner.kind === 'num') return { ...inner, span: this.span(t) };
    // \boldsymbol{\mu_k}, \mathbf{x_i}: the font applies to the whole subexpression.
    return applyFont(inner, font);
  }

  private parseFrac(t: Token): Node {
    this.next();
    const numStart = this.pos;
    // Derivative forms are recognised on the raw tokens of the two groups.
    const deriv = this.tryDerivative(t);
    if (deriv) return deriv;
    this.pos = numStart;
    const num = this.parseGroupArg();
    const den = this.parseGroupArg();
    return { kind: 'div', a: num, b: den, frac: true, span: this.span(t) };
  }

  /** `\frac{\partial F}{\partial v}`, `\frac{\partial}{\partial v} …`, `\frac{d}{dx} …`, `\frac{\partial^2 F}{\partial v^2}`. */
  private tryDerivative(fracTok: Token): Node | null {
    const numOpen = this.peek();
    if (!this.isOp(numOpen, '{')) return null;
    const numClose = this.matchBrace(this.pos);
    if (numClose < 0) return null;
    const denOpen = this.tokens[numClose + 1];
    if (!denOpen || !this.isOp(denOpen, '{')) return null;
    const denClose = this.matchBrace(numClose + 1);
    if (denClose < 0) return null;
    const numToks = this.tokens.slice(this.pos + 1, numClose);
    const denToks = this.tokens.slice(numClose + 2, denClose);
    const numD = derivativeMark(numToks);
    const denD = derivativeMark(denToks);
    if (!numD || !denD || numD.partial !== denD.partial) return null;
    let order = 1;
    let numRest = numToks.slice(numD.skip);
    if (numRest.length >= 2 && this.isOp(numRest[0], '^') && numRest[1].kind === 'num') {
      order = Number(numRest[1].text);
      numRest = numRest.slice(2);
    } else if (numRest.length >= 4 && this.isOp(numRest[0], '^') && this.isOp(numRest[1], '{') && numRest[2].kind === 'num' && this.isOp(numRest[3], '}')) {
      order = Number(numRest[2].text);
      numRest = numRest.slice(4);
    }
    const denRest = denToks.slice(denD.skip);
    if (denRest.length === 0) this.fail('the derivative names no variable after ∂', denOpen);
    const eofAt = (toks: Token[], fallback: Token): Token => {
      const last = toks.length ? toks[toks.length - 1] : fallback;
      return { kind: 'eof', text: '', start: last.end, end: last.end, space: true };
    };
    const sub = (toks: Token[], fallback: Token): Parser => new Parser([...toks, eofAt(toks, fallback)], this.depth);
    let wrt: Node;
    {
      const p = sub(denRest, denOpen);
      wrt = p.parseFactor();
      if (order > 1 && wrt.kind === 'pow' && wrt.exp.kind === 'num' && wrt.exp.value === order) {
        // \partial \mu^2 under \partial^2: the square is the order, not the variable.
        wrt = wrt.base;
      }
      if (p.peek().kind !== 'eof') {
        this.fail('mixed partial derivatives (several variables under one fraction) are not supported', p.peek());
      }
    }
    let numNode: Node | null = null;
    if (numRest.length > 0) {
      const p = sub(numRest, numOpen);
      numNode = p.parseExpr();
      p.expectEnd();
    }
    this.pos = denClose + 1;
    const headEnd = this.tokens[denClose].end;
    const node: DerivNode = {
      kind: 'deriv', order, partial: numD.partial, num: numNode, wrt, operand: null,
      span: { start: fracTok.start, end: headEnd },
    };
    if (numNode) return node;
    node.operand = this.parseOperatorOperand(fracTok);
    const last = node.operand[node.operand.length - 1];
    node.span = { start: fracTok.start, end: last.span.end };
    return node;
  }

  /** What an operator (∂/∂v, \log without parentheses) applies to. */
  private parseOperatorOperand(at: Token): Node[] {
    const t = this.peek();
    if (!this.startsFactor(t)) this.fail(`${this.describe(at)} needs something to apply to`, at);
    if (this.isBigOp(t)) return [this.parseFactor()];
    // A bracket right after the operator usually delimits what it applies to, but
    // `∂/∂Σ (x-μ)^T Σ^{-1} (x-μ)` does not: collect the run, the evaluator tries both readings.
    const factors: Node[] = [this.parseFactor()];
    while (this.startsFactor(this.peek()) && !this.isBigOp(this.peek())) {
      factors.push(this.parseFactor());
    }
    return factors;
  }

  private isBigOp(t: Token): boolean {
    return t.kind === 'cmd' && lookupCommand(t.text)?.type === 'bigop';
  }

  private matchBrace(openIdx: number): number {
    let depth = 0;
    for (let i = openIdx; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (this.isOp(t, '{')) depth++;
      else if (this.isOp(t, '}')) {
        depth--;
        if (depth === 0) return i;
      } else if (t.kind === 'eof') return -1;
    }
    return -1;
  }

  private parseSqrt(t: Token): Node {
    this.next();
    let index: Node | null = null;
    if (this.isOp(this.peek(), '[')) {
      const open = this.next();
      index = this.withBar('none', () => this.parseExpr());
      this.expectOp(']', open);
    }
    const body = this.parseGroupArg();
    return { kind: 'sqrt', body, index, span: this.span(t) };
  }

  private parseFuncArg(t: Token, name: string): Node {
    const canonical = name === 'lg' ? 'log' : name;
    // \ln \left\{ … \right\} (Bishop writes the log's argument in braces): a group, not a set.
    const bracePlain = this.isCmd(this.peek(), '{');
    const braceLeft = this.isCmd(this.peek(), 'left') && this.isCmd(this.peek(1), '{');
    if (bracePlain || braceLeft) {
      const open = this.peek();
      this.next();
      if (braceLeft) this.next();
      const body = this.withBar('none', () => this.parseExpr());
      const c = this.peek();
      if (braceLeft) {
        if (!this.isCmd(c, 'right')) this.fail(`expected \\right\\} to close the \\left\\{ but found ${this.describe(c)}`, c);
        this.next();
        this.next();
      } else {
        if (!this.isCmd(c, '}')) this.fail(`expected \\} to close the \\{ but found ${this.describe(c)}`, c);
        this.next();
      }
      void open;
      return this.parsePostfix({ kind: 'func', name: canonical, arg: body, span: this.span(t) });
    }
    if (this.opensParenOrGroup() || this.isCmd(this.peek(), 'left')) {
      // \det(\Sigma)^{-1/2} is (det Σ)^{-1/2}: the power belongs to the function's value.
      const group = this.parsePrimary();
      return this.parsePostfix({ kind: 'func', name: canonical, arg: unwrapGroup(group), span: this.span(t) });
    }
    // `\log^2 x` is rare in these notes; a power right after the name is not supported.
    if (this.isOp(this.peek(), '^')) this.fail(`a power written on \\${name} itself is ambiguous: put it after the argument`, this.peek());
    if (this.isOp(this.peek(), '_')) {
      // \log_2: base-2 logarithms are not GMM notation; read the base and refuse clearly.
      this.fail(`logarithms with a base (\\${name}_…) are not supported`, this.peek());
    }
    const operand = this.parseOperatorOperand(t);
    let arg = operand[0];
    for (let i = 1; i < operand.length; i++) {
      const b = operand[i];
      arg = { kind: 'mul', a: arg, b, implicit: true, span: { start: arg.span.start, end: b.span.end } };
    }
    // \log(x)^2 would be (log x)^2; postfix on the whole application is handled by parsePostfix.
    return { kind: 'func', name: canonical, arg: unwrapGroup(arg), span: this.span(t) };
  }

  private parseBigOp(t: Token, op: 'sum' | 'prod'): Node {
    this.next();
    let lower: Node | null = null;
    let upper: Node | null = null;
    let index: SymNode | null = null;
    for (let n = 0; n < 3; n++) {
      const s = this.peek();
      if (this.isCmd(s, 'limits') || this.isCmd(s, 'nolimits')) {
        this.next();
        continue;
      }
      if (this.isOp(s, '_') && !lower && !index) {
        this.next();
        const r = this.parseBigOpLower(s);
        index = r.index;
        lower = r.lower;
        continue;
      }
      if (this.isOp(s, '^') && !upper) {
        this.next();
        upper = this.parseScript(s);
        continue;
      }
      break;
    }
    if (!this.startsFactor(this.peek())) this.fail(`\\${t.text} has nothing to ${op === 'sum' ? 'sum' : 'multiply'}`, t);
    const body = this.parseProduct();
    return { kind: op, index, lower, upper, body, span: this.span(t) };
  }

  /** `_{i=1}`, `_i`, `_{k}`, `_{j \neq k}` (unsupported, reported), `_{i \in S}`. */
  private parseBigOpLower(at: Token): { index: SymNode | null; lower: Node | null } {
    const open = this.peek();
    if (!this.isOp(open, '{')) {
      const s = this.parseScript(at);
      if (s.kind !== 'sym') this.fail('expected the summation index after _', open);
      return { index: s, lower: null };
    }
    this.next();
    const idxNode = this.withBar('none', () => this.parseFactor());
    if (idxNode.kind !== 'sym') this.fail('expected the summation index (a letter) after _{', open);
    let lower: Node | null = null;
    const t = this.peek();
    if (this.isOp(t, '=')) {
      this.next();
      lower = this.withBar('none', () => this.parseExpr());
    } else if (!this.isOp(t, '}')) {
      this.fail(`summation ranges other than “index = start” are not supported (found ${this.describe(t)})`, t);
    }
    this.expectOp('}', open);
    return { index: idxNode, lower };
  }

  private parseLeftRight(t: Token): Node {
    this.next();
    const d = this.next();
    const delim = d.kind === 'cmd' ? `\\${d.text}` : d.text;
    const isBar = delim === '|' || delim === '\\vert' || delim === '\\lvert';
    const isNorm = delim === '\\|' || delim === '\\Vert' || delim === '\\lVert';
    if (delim === '\\{' || delim === '\\lbrace') {
      return this.parseSetBody(t, true);
    }
    const body = this.withBar('none', () => this.parseExpr());
    const r = this.peek();
    if (!this.isCmd(r, 'right')) this.fail(`expected \\right to close the \\left${delim} but found ${this.describe(r)}`, r);
    this.next();
    const closer = this.next();
    if (closer.kind === 'eof') this.fail('\\right needs a delimiter', closer);
    if (isBar || isNorm) return { kind: 'abs', body, norm: isNorm, span: this.span(t) };
    const g: '(' | '[' | '{' | '.' = delim === '(' ? '(' : delim === '[' ? '[' : '.';
    return { kind: 'group', delim: g, body, span: this.span(t) };
  }

  private parseSet(t: Token): Node {
    return this.parseSetBody(t, false);
  }

  /** `\{ … \}`: sets are never evaluated, so their inside is skipped, not parsed. */
  private parseSetBody(t: Token, withRight: boolean): Node {
    if (!withRight) this.next();
    let depth = 1;
    for (;;) {
      const c = this.peek();
      if (c.kind === 'eof') this.fail('expected \\} to close the set', t);
      this.next();
      if (c.kind === 'cmd' && (c.text === '{' || c.text === 'lbrace')) depth++;
      if (c.kind === 'cmd' && (c.text === '}' || c.text === 'rbrace') && --depth === 0) break;
    }
    return { kind: 'set', items: [], span: this.span(t) };
  }

  private parseEnvironment(t: Token): Node {
    this.next();
    const name = this.rawGroup().text.replace(/\s+/g, '');
    const matrixEnvs = ['matrix', 'bmatrix', 'pmatrix', 'vmatrix', 'Bmatrix', 'Vmatrix', 'smallmatrix', 'array'];
    if (!matrixEnvs.includes(name)) {
      this.fail(`the ${name} environment inside a formula is not supported`, t);
    }
    if (name === 'array') this.rawGroup();
    const rows: Node[][] = [[]];
    for (;;) {
      const c = this.peek();
      if (c.kind === 'eof') this.fail(`expected \\end{${name}}`, t);
      if (this.isCmd(c, 'end')) {
        this.next();
        this.rawGroup();
        break;
      }
      if (this.isCmd(c, '\\')) {
        this.next();
        rows.push([]);
        continue;
      }
      if (this.isOp(c, '&')) {
        this.next();
        continue;
      }
      rows[rows.length - 1].push(this.withBar('none', () => this.parseProduct()));
    }
    const cleaned = rows.filter((r) => r.length > 0);
    const node: Node = { kind: 'matrix', rows: cleaned, span: this.span(t) };
    if (name === 'vmatrix') return { kind: 'abs', body: node, norm: false, span: node.span };
    return node;
  }
}

function unwrapGroup(n: Node): Node {
  return n.kind === 'group' && (n.delim === '(' || n.delim === '[' || n.delim === '.') ? n.body : n;
}

function isTransposeMark(n: Node): boolean {
  if (n.kind === 'text' && n.text === 'T') return true;
  if (n.kind === 'sym' && n.name === 'T' && !n.sub) return true;
  return false;
}

/** `^{new}`, `^{\text{new}}`, `^{(t)}`, `^*`, `^{\mathrm{ML}}`: a name, not a power. */
function decorationWord(n: Node): string | null {
  if (n.kind === 'text') return n.text;
  if (n.kind === 'group' && n.delim === '(') {
    return `(${flatText(n.body) ?? '…'})`;
  }
  const w = symbolWord(n);
  if (w !== null && DECORATION_WORDS.has(w)) return w;
  return null;
}

/** A product of single letters read as a word (`n e w` → "new"). */
function symbolWord(n: Node): string | null {
  if (n.kind === 'sym' && !n.sub && n.primes === 0 && n.name.length === 1) return n.name;
  if (n.kind === 'mul' && n.implicit) {
    const a = symbolWord(n.a);
    const b = symbolWord(n.b);
    return a !== null && b !== null ? a + b : null;
  }
  if (n.kind === 'text') return n.text;
  if (n.kind === 'sym' && !n.sub && n.font === 'rm') return n.name;
  return null;
}

function flatText(n: Node): string | null {
  switch (n.kind) {
    case 'sym': return n.name.length === 1 ? n.name : null;
    case 'num': return n.text;
    case 'add': { const a = flatText(n.a); const b = flatText(n.b); return a !== null && b !== null ? `${a}+${b}` : null; }
    case 'sub': { const a = flatText(n.a); const b = flatText(n.b); return a !== null && b !== null ? `${a}-${b}` : null; }
    case 'mul': { const a = flatText(n.a); const b = flatText(n.b); return a !== null && b !== null ? `${a}${b}` : null; }
    default: return null;
  }
}

function applyFont(n: Node, font: Font | null): Node {
  if (n.kind === 'sym') return { ...n, font: font ?? n.font };
  if (n.kind === 'pow') return { ...n, base: applyFont(n.base, font) };
  if (n.kind === 'transpose') return { ...n, body: applyFont(n.body, font) };
  return n;
}

/** `\partial`, `d`, `\mathrm{d}`, `\operatorname{d}` at the start of a derivative fraction's group. */
function derivativeMark(toks: Token[]): { partial: boolean; skip: number } | null {
  if (toks.length === 0) return null;
  const t = toks[0];
  if (t.kind === 'cmd' && t.text === 'partial') return { partial: true, skip: 1 };
  if (t.kind === 'letter' && t.text === 'd') {
    // `d` alone or followed by the function/variable: \frac{d}{dx}, \frac{dL}{d\mu}.
    return { partial: false, skip: 1 };
  }
  if (t.kind === 'cmd' && (t.text === 'mathrm' || t.text === 'operatorname') &&
      toks[1]?.text === '{' && toks[2]?.text === 'd' && toks[3]?.text === '}') {
    return { partial: false, skip: 4 };
  }
  return null;
}
