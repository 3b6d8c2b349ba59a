// Parser: LaTeX math tokens → relation chains of expression trees.
//
// Strategy. A statement is first split, on tokens at bracket depth 0, into
// parts at `,` and `;` (`p(X) = …, \quad p(x_i) = …` holds two equations), and
// each part into sides at relation tokens (`=`, `:=`, `\approx`, `\iff`, …).
// Each side is then parsed on its own by recursive descent, one function per
// precedence level, so one malformed side costs only the links that touch it:
//
//   list     := item ((',' | ';' | '\\') item)* (('|' | '\mid' | '\|') item (',' item)*)?
//               (inside brackets, sets, scripts, cells, an application's parentheses, a side)
//   item     := expr (relation expr)*       a relation inside brackets is an event (`z_i = k`)
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
// - `\right. \left.` across a row break (a bracket split over two rows) joins; so do rows
//   while a plain bracket opened on one closes on a later one (the extractor joins them).
// - Total over what KaTeX accepts, except brackets that do not pair up (KaTeX draws a lone
//   `(` as a character; an unclosed bracket in a derivation is nearly always a typo that
//   changes the grouping, so it stays an error with its position). Where an operand is
//   expected, a `|` opens an absolute value when a partner follows at the same level; after
//   an operand it opens only when an odd number follow (they pair with it), else it
//   separates what is conditioned on (`\{ f \in C | \ldots |f(x)| \le \epsilon \}`); inside an
//   application's parentheses one after an operand always separates (`p(x | \theta)`), one
//   where a function's operand starts still opens (`O(\log_2 |V|)`). `\lvert`/`\rvert` written
//   as pairs open and close (and, as brackets, keep a relation inside: `\lVert Y = X\beta \rVert`);
//   `||` written without a space is the norm bar. A bracket closed by the other kind is an interval
//   only with two ends (`(0, 1]`, `\epsilon(0,1]`); `\log(1+e^x]` stays a bracket left open. Macro
//   definitions (`\newcommand`, `\def`) draw nothing and are dropped; calls of the note's macros are
//   expanded before anything else (macros.ts). Commands KaTeX knows and the table
//   does not are opaque atoms (katexNames.ts); `\max_`, `\lim_`, `\int`, `\bigcup` take the
//   rest of the product as their body, like `\sum`.
import { QUANTITY_ACRONYM } from '../util/acronyms';
import { BoundedCache, stringBytes } from '../util/boundedCache';
import { walk, type ApplyNode, type BigOpNode, type Chain, type DerivNode, type Font, type Node, type Relation, type Side, type SymNode } from './ast';
import { LatexError } from './errors';
import { charRelation, DECORATION_WORDS, lookupCommand, TEXT_FUNCTIONS, WORD_FUNCTIONS } from './grammar';
import { KATEX_NAMES } from './katexNames';
import { MACRO_DEFINITIONS, tokenize, type Token } from './lexer';
import { expandMacros, groupEnd, macrosCalled, NO_MACROS, readDefinition, type MacroTable } from './macros';
import type { Segment, Span } from '../types';

const MAX_DEPTH = 200;

/** Function names read when typed as plain letters (Parser.typedFunctionWord). */
const TYPED_FUNCTION_WORDS = ['log', 'ln', 'exp'] as const;

/**
 * Parses are kept by the statement's text (with segment offsets relative to
 * its start) and moved to the statement's place on reuse: re-checking a note
 * while typing re-parses only the statements that changed.
 *
 * Each kept parse also keeps its moved copies by place (the offset of the statement's
 * start), so that a statement that did not move since the last check gets the very same
 * trees again, also when the note writes it more than once (`K = 1` on two lines; the long
 * note of the benchmark repeats each statement ~6–70 times) or when an edit above it
 * comes and goes (a digit typed and deleted). The checker keeps what it reads from a tree
 * on the tree object (index.ts, reading.ts, written.ts, iterations.ts), so a copy made
 * afresh on every check was read afresh too. Copies are dropped when their statement has
 * not stood there in the last two checks (`beginParsePass`), so edits that keep moving a
 * statement do not pile them up; they are counted in the cache's budget.
 */
interface Placed { chains: Chain[]; error: LatexError | null; pass: number }
interface Kept { places: Map<number, Placed>; base: number }

/** Most places kept for one statement text (a note repeating a formula more often shifts the rest anew, as before). */
const MAX_PLACES = 256;

// Bounded by bytes (a tree is taken as 8 times its text, per place kept), not entries: long formulas must not pile up.
const PARSE_CACHE_BYTES = 32 * 2 ** 20;
const keptBytes = (key: string, places: number): number => 8 * stringBytes(key) * places;
const parseCache = new BoundedCache<string, Kept>(PARSE_CACHE_BYTES, (k, v) => keptBytes(k, v.places.size));

/** The check the parses are for (checkNote's calls to beginParsePass). */
let pass = 0;

/** Drops every kept parse (for measurements that must not carry trees over from earlier work). */
/** What a ∂ that no derivative fraction holds is (an opaque node); `\partial_{\mu_k} F` is read from it (written.ts). */
export const PARTIAL_OUTSIDE = '∂ outside a derivative fraction';

export function clearParseCache(): void {
  parseCache.clear();
}

/**
 * Marks the start of a check of a note: moved copies of parses that no statement has used in
 * this check or the previous one may be dropped from then on.
 */
export function beginParsePass(): void {
  pass++;
}

/**
 * Parse one statement (a row or joined rows) into its chains, with the note's macros in force there
 * (macros.ts). Never throws.
 */
export function parseStatement(segments: readonly Segment[], macros: MacroTable = NO_MACROS): { chains: Chain[]; error: LatexError | null } {
  const base = segments.length ? segments[0].start : 0;
  const text = segments.length === 1 ? segments[0].text : segments.map((s) => `${s.start - base}:${s.text}`).join('\n');
  // A statement that calls a macro is parsed again when the macros change.
  const used = macrosCalled(text, macros);
  const key = used === NO_MACROS ? text : `${text}\u0001${used.key}`;
  const hit = parseCache.get(key);
  if (!hit) {
    const result = parseStatementUncached(segments, used);
    parseCache.set(key, { base, places: new Map([[base, { ...result, pass }]]) });
    return result;
  }
  const here = hit.places.get(base);
  if (here) {
    here.pass = pass;
    return { chains: here.chains, error: here.error };
  }
  // The parse as first made, moved here (trees are never mutated, so any kept place serves).
  const first = hit.places.get(hit.base)!;
  const delta = base - hit.base;
  const moved: Placed = {
    chains: shiftSpans(first.chains, delta),
    error: first.error ? new LatexError(first.error.message, { start: first.error.span.start + delta, end: first.error.span.end + delta }) : null,
    pass,
  };
  for (const [at, p] of hit.places) if (at !== hit.base && p.pass < pass - 1) hit.places.delete(at);
  // The cache keeps no entry above half its budget (BoundedCache.set): such a place is not kept either.
  if (hit.places.size < MAX_PLACES && keptBytes(key, hit.places.size + 1) <= PARSE_CACHE_BYTES / 2) {
    hit.places.set(base, moved);
    // Counted again with its places.
    parseCache.set(key, hit);
  }
  return { chains: moved.chains, error: moved.error };
}

/**
 * A copy of a parsed structure with every span moved by `delta` (trees are never mutated, so
 * sharing is safe). A span is an object of exactly the two numbers `start` and `end`. Written
 * with plain loops and no Object.keys arrays: after a line typed near the top of a long note,
 * every statement below is moved, and this copy was 4% of the re-check.
 */
function shiftSpans<T>(value: T, delta: number): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const arr = value as unknown[];
    const out = new Array<unknown>(arr.length);
    for (let i = 0; i < arr.length; i++) out[i] = shiftSpans(arr[i], delta);
    return out as T;
  }
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let keys = 0;
  for (const k in o) {
    keys++;
    out[k] = shiftSpans(o[k], delta);
  }
  if (keys === 2 && typeof o.start === 'number' && typeof o.end === 'number') {
    out.start = o.start + delta;
    out.end = o.end + delta;
  }
  return out as T;
}

/** parseStatement without the cache: what the benchmark times against KaTeX (which keeps nothing between calls). */
export function parseStatementUncached(segments: readonly Segment[], macros: MacroTable = NO_MACROS): { chains: Chain[]; error: LatexError | null } {
  let tokens: Token[];
  const notes: { tokens: Token[]; rel: Token }[] = [];
  try {
    const raw = tokenize(segments);
    tokens = normalizeTokens(macros.map.size > 0 || raw.some(isDefinition) ? expandMacros(raw, macros) : raw, notes);
  } catch (e) {
    if (e instanceof LatexError) return { chains: [], error: e };
    throw e;
  }
  // What is written over a relation: an equality that justifies the step is a claim of its own; a
  // substitution (`\sigma^2 = 1`, `x_i = \mu_k`: a symbol set to a value) is what the step holds under.
  const claimed: Chain[] = [];
  for (const note of notes) {
    const chain = annotationChain(note.tokens);
    if (!chain) continue;
    const first = chain.sides[0]!;
    const lhs = first.ok ? (first.node.kind === 'pow' ? first.node.base : first.node) : null;
    if (lhs?.kind === 'sym' && chain.sides.length === 2) note.rel.under = note.tokens.length ? latexOfTokens(note.tokens) : '';
    else claimed.push(chain);
  }
  const chains: Chain[] = [];
  for (const part of splitTopLevel(unwrapBoxed(uncrossBraces(tokens)), isPartSeparator)) {
    const defined: Chain[] = [];
    const chain = parseChainTokens(part, defined);
    if (chain) chains.push(chain);
    chains.push(...defined);
  }
  chains.push(...claimed);
  return { chains, error: null };
}

/** The tokens' text, spaced as written (for messages). */
function latexOfTokens(tokens: Token[]): string {
  return tokens.map((t, i) => `${i > 0 && t.space ? ' ' : ''}${t.kind === 'cmd' ? `\\${t.text}` : t.text}`).join('');
}

/** Commands that make an annotation words rather than a claim (`\overset{\text{def}}{=}`). */
const WORDS = new Set(['text', 'textrm', 'textit', 'textbf', 'textsf', 'texttt', 'mbox', 'hbox', 'textup', 'textnormal', 'eqref', 'ref', 'tag']);

/**
 * `\overset{\sum_k \gamma_{nk} = 1}{=}`, `\stackrel{N_k = \sum_n \gamma_{nk}}{=}`: the equality written over a
 * relation to justify it is a claim of its own, checked like a step (a wrong one passed unseen). Only
 * equalities of math (`(a)`, `\text{def}`, `\eqref{…}` are labels); null otherwise.
 */
function annotationChain(note: Token[]): Chain | null {
  if (note.some((t) => t.kind === 'cmd' && WORDS.has(t.text)) || note.some((t) => t.kind === 'char')) return null;
  let tokens: Token[];
  try {
    tokens = normalizeTokens(note);
  } catch {
    return null;
  }
  if (tokens.length === 0) return null;
  const last = tokens[tokens.length - 1]!;
  const chain = parseChainTokens([...tokens, { kind: 'eof', text: '', start: last.end, end: last.end, space: true }]);
  if (!chain || chain.relations.length === 0 || !chain.relations.every((r) => r.rel === '=') || !chain.sides.every((sd) => sd.ok)) return null;
  return chain;
}

/** Parse a single expression (no relations), e.g. for tests and for definitions. Throws LatexError. */
export function parseExpression(segments: readonly Segment[]): Node {
  const tokens = normalizeTokens(tokenize(segments));
  const p = new Parser(tokens);
  const node = p.parseExpr();
  p.expectEnd();
  return node;
}

/**
 * `\ln\{\sum_k {\pi_k \mathcal{N}(x_n \mid \mu_k, \Sigma_k)\}}`: for TeX \{ and \} are symbols, so
 * they may cross the braces that group; KaTeX draws this as ln{Σ_k π_k 𝒩(…)}. A \} met inside
 * groups opened after its \{, with nothing but those groups' closing braces after it, is moved
 * after them, which pairs the brackets as the reader sees them. Anything else is left as written.
 */
function uncrossBraces(tokens: Token[]): Token[] {
  const stack: ('group' | 'set')[] = [];
  let out = tokens;
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    if (t.kind === 'op' && t.text === '{') stack.push('group');
    else if (t.kind === 'cmd' && t.text === '{') stack.push('set');
    else if (t.kind === 'op' && t.text === '}') {
      if (stack.pop() !== 'group') return tokens;
    } else if (t.kind === 'cmd' && t.text === '}') {
      if (stack[stack.length - 1] === 'set') { stack.pop(); continue; }
      let groups = 0;
      while (stack[stack.length - 1 - groups] === 'group') groups++;
      if (groups === 0 || stack[stack.length - 1 - groups] !== 'set') continue;
      const closers = out.slice(i + 1, i + 1 + groups);
      if (closers.length !== groups || !closers.every((u) => u.kind === 'op' && u.text === '}')) continue;
      if (out === tokens) out = tokens.slice();
      out.splice(i, groups + 1, ...closers, t);
      stack.length -= groups + 1;
      i += groups;
    }
  }
  return out;
}

/**
 * `\boxed{A = B}`, or braces `{\displaystyle A = B}` around a whole statement (as Wikipedia's
 * formulas are written): the box or group is decoration, the relation inside counts.
 */
function unwrapBoxed(tokens: Token[]): Token[] {
  // A few layers (`\boxed{{\displaystyle …}}`); deeper nesting is left to the parser's depth limit.
  for (let layer = 0; layer < 3; layer++) {
    const first = tokens[0];
    const boxed = first?.kind === 'cmd' && (first.text === 'boxed' || first.text === 'fbox') && tokens[1]?.text === '{';
    const braced = first?.kind === 'op' && first.text === '{';
    if (!boxed && !braced) return tokens;
    const open = boxed ? 1 : 0;
    let depth = 0;
    let inner: Token[] | null = null;
    for (let i = open; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind === 'op' && t.text === '{') depth++;
      if (t.kind === 'op' && t.text === '}' && --depth === 0) {
        const rest = tokens.slice(i + 1);
        if (rest.every((r) => r.kind === 'eof')) inner = [...tokens.slice(open + 1, i), ...rest];
        break;
      }
    }
    if (!inner) return tokens;
    // `{\displaystyle P(A|B) = …\,.}`: the sentence's full stop inside the braces.
    const end = inner.findIndex((t) => t.kind === 'eof');
    const last = end > 0 ? inner[end - 1] : undefined;
    if (last && last.kind === 'op' && (last.text === '.' || last.text === ',')) inner.splice(end - 1, 1);
    tokens = inner;
  }
  return tokens;
}

function isPartSeparator(t: Token): boolean {
  // A `\\` outside any environment is a line break between formulas (KaTeX draws it in display math).
  return (t.kind === 'op' && (t.text === ',' || t.text === ';')) || (t.kind === 'cmd' && t.text === '\\');
}

function relationOf(t: Token): Relation | null {
  if (t.kind === 'op') return charRelation(t.text);
  if (t.kind === 'cmd') {
    const e = lookupCommand(t.text);
    if (e?.type === 'relation') return e.rel;
  }
  return null;
}

const SIZING = new Set(['big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr', 'middle',
  'bigm', 'Bigm', 'biggm', 'Biggm']);
/** Commands that draw nothing the checker reads, removed with their brace arguments (count). */
const DROPPED: ReadonlyMap<string, number> = new Map([
  ['color', 1], ['tag', 1], ['label', 1], ['hspace', 1], ['vspace', 1], ['phantom', 1], ['vphantom', 1], ['hphantom', 1],
  ['nonumber', 0], ['notag', 0], ['hline', 0], ['hdashline', 0], ['cline', 1], ['kern', 0], ['hskip', 0], ['mkern', 0],
  ['mskip', 0], ['arraystretch', 0], ['ref', 1], ['eqref', 1],
]);
/** `\vert`, `\lvert`, `\rvert` draw `|`; `\Vert`, `\lVert`, `\rVert` draw `\|`. */
const BARS: ReadonlyMap<string, Token['kind']> = new Map([['vert', 'op'], ['lvert', 'op'], ['rvert', 'op'], ['Vert', 'cmd'], ['lVert', 'cmd'], ['rVert', 'cmd']]);

/**
 * Is `u` written right after `t`, with nothing between (`||`, a typed `log`)? Tokens of a macro's body all
 * stand at the call's place (macros.ts): there, as the body was written (no space before `u`).
 */
function adjacent(t: Token, u: Token): boolean {
  return t.expanded && u.expanded ? !u.space && t.start === u.start : u.start === t.end;
}

/** Arguments of a box command that are colours or sizes, drawn around the one that counts (`\textcolor{red}{…}`). */
function colourArguments(command: string): number {
  return command === 'fcolorbox' ? 2 : ['color', 'textcolor', 'colorbox', 'raisebox'].includes(command) ? 1 : 0;
}

/** Index of the token that ends the argument starting at i: the matching `}` of a `{`, else i itself. */
function argEnd(tokens: Token[], i: number): number {
  const t = tokens[i];
  if (!t || t.kind === 'eof') return -1;
  return t.kind !== 'op' || t.text !== '{' ? i : groupEnd(tokens, i);
}

/** The one relation an argument holds (`{=}`, `\to`, `{\longrightarrow}`), or null. */
function argRelation(tokens: Token[], i: number, end: number): Token | null {
  const inner = end > i ? tokens.slice(i + 1, end) : [tokens[i]];
  return inner.length === 1 && relationOf(inner[0]) !== null ? inner[0] : null;
}

/** The token, marked as spaced when something dropped before it (a colour, a tag) stood for space. */
function spaced(t: Token, space: boolean): Token {
  return space && !t.space ? { ...t, space: true } : t;
}

/**
 * Token clean-up before parsing, one linear pass:
 * - `\right.` followed by `\left.` (a bracket continued on the next row) is
 *   dropped, and so are size commands (`\Big(`): they only change how a
 *   delimiter looks;
 * - colours, tags, labels, phantoms, explicit spaces with an argument, rules
 *   of arrays are dropped with their arguments (the next token counts as spaced);
 * - `\vert`-like bars become `|` / `\|`, and `||` written without a space becomes `\|`;
 * - `\stackrel{…}{=}`, `\overset{…}{=}`, `\underset{…}{\to}`, `\not=`, `\not\in`, `\xrightarrow{…}`
 *   become the one relation they draw, spanning what was written; so does `{=}`.
 */
function normalizeTokens(tokens: Token[], notes?: { tokens: Token[]; rel: Token }[]): Token[] {
  const out: Token[] = [];
  let spaceNext = false;
  /** Do `\lvert`/`\rvert` (and `\lVert`/`\rVert`) pair up, so their sides can be trusted? Found on the first one. */
  let sided: boolean | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'cmd') {
      const u = tokens[i + 1];
      if (t.kind === 'op' && t.text === '|' && u?.kind === 'op' && u.text === '|' && adjacent(t, u)) {
        // `||x||`: written for the norm ‖x‖ far more often than for |·| twice.
        out.push(spaced({ kind: 'cmd', text: '|', start: t.start, end: u.end, space: t.space }, spaceNext));
        spaceNext = false;
        i++;
        continue;
      }
      const v = tokens[i + 2];
      if (t.kind === 'op' && t.text === '{' && u && relationOf(u) !== null && v?.kind === 'op' && v.text === '}' &&
          i > 0 && tokens[i - 1].kind !== 'cmd' && !(tokens[i - 1].kind === 'op' && /^[_^]$/.test(tokens[i - 1].text))) {
        // `z_i{=}k`: braces that only tighten the spacing around a relation (not the argument
        // of a command, `\hat{=}`, `\mathop{=}`, nor a script).
        out.push(spaced({ ...u, start: t.start, end: v.end, space: t.space }, spaceNext));
        spaceNext = false;
        i += 2;
        continue;
      }
      // `\left(x_n - \mu_k\right){ }^{2}` (converters of handwritten notes write it): an empty group before a script
      // only spaces the script from what it follows, which it is the script of. (Not at the start of a formula or
      // after an operator or relation: `{}^{2}H` puts the script before.)
      const prev = out[out.length - 1];
      if (t.kind === 'op' && t.text === '{' && u?.kind === 'op' && u.text === '}' && v?.kind === 'op' && (v.text === '^' || v.text === '_') &&
          prev && (prev.kind === 'letter' || prev.kind === 'num' || (prev.kind === 'op' && /^[)\]}|]$/.test(prev.text)) ||
            (prev.kind === 'cmd' && lookupCommand(prev.text)?.type === 'symbol'))) {
        i++;
        continue;
      }
      // A `#` (a token only after a macro definition) outside a definition: an error for KaTeX too.
      if (t.text === '#') throw new LatexError('unexpected character “#”', { start: t.start, end: t.end });
      out.push(spaced(t, spaceNext));
      spaceNext = false;
      continue;
    }
    if (SIZING.has(t.text)) continue;
    if (MACRO_DEFINITIONS.has(t.text)) {
      const end = definitionEnd(tokens, i);
      if (end > i) {
        i = end;
        spaceNext = true;
        continue;
      }
    }
    if (t.text === 'right' && tokens[i + 1]?.text === '.' &&
        tokens[i + 2]?.kind === 'cmd' && tokens[i + 2].text === 'left' && tokens[i + 3]?.text === '.') {
      i += 3;
      continue;
    }
    const dropArgs = DROPPED.get(t.text);
    if (dropArgs !== undefined) {
      let j = i;
      if (tokens[j + 1]?.kind === 'op' && tokens[j + 1].text === '*') j++;
      let ok = true;
      for (let a = 0; a < dropArgs; a++) {
        if (!(tokens[j + 1]?.kind === 'op' && tokens[j + 1].text === '{')) { ok = a > 0 || t.text === 'color'; break; }
        const e = argEnd(tokens, j + 1);
        if (e < 0) { ok = false; break; }
        j = e;
      }
      if (ok) {
        i = j;
        spaceNext = true;
        continue;
      }
    }
    const bar = BARS.get(t.text);
    if (bar) {
      sided ??= barsPair(tokens);
      const side = !sided ? undefined : t.text[0] === 'l' ? 'open' : t.text[0] === 'r' ? 'close' : undefined;
      out.push(spaced(side ? { ...t, kind: bar, text: '|', side } : { ...t, kind: bar, text: '|' }, spaceNext));
      spaceNext = false;
      continue;
    }
    if (t.text === 'not') {
      const r = tokens[i + 1];
      if (r && relationOf(r) !== null) {
        const neg = (r.kind === 'cmd' && r.text === 'in') ? 'notin' : 'neq';
        out.push(spaced({ kind: 'cmd', text: neg, start: t.start, end: r.end, space: t.space }, spaceNext));
        spaceNext = false;
        i++;
        continue;
      }
    }
    if (t.text === 'stackrel' || t.text === 'overset' || t.text === 'underset') {
      const e1 = argEnd(tokens, i + 1);
      const e2 = e1 >= 0 ? argEnd(tokens, e1 + 1) : -1;
      const r = e2 >= 0 ? argRelation(tokens, e1 + 1, e2) : null;
      if (r) {
        const rel = spaced({ ...r, start: t.start, end: tokens[e2].end, space: t.space }, spaceNext);
        // What is written over the relation: an annotation (annotationChain).
        if (notes && tokens[i + 1]?.text === '{' && e1 > i + 2) notes.push({ tokens: tokens.slice(i + 2, e1), rel });
        out.push(rel);
        spaceNext = false;
        i = e2;
        continue;
      }
    }
    if (t.text.startsWith('x') && /^x(?:right|left|Right|Left|leftright|Leftright|long)(?:arrow|equal|Arrow)$|^xmapsto$|^xhookrightarrow$/.test(t.text)) {
      let j = i;
      if (tokens[j + 1]?.kind === 'op' && tokens[j + 1].text === '[') {
        while (j + 1 < tokens.length && !(tokens[j + 1].kind === 'op' && tokens[j + 1].text === ']') && tokens[j + 1].kind !== 'eof') j++;
        j++;
      }
      const e = argEnd(tokens, j + 1);
      if (e >= 0 && tokens[j + 1]?.text === '{') {
        const rel = /equal/.test(t.text) ? 'equiv' : /Left|Right/.test(t.text) ? 'Rightarrow' : 'to';
        out.push(spaced({ kind: 'cmd', text: rel, start: t.start, end: tokens[e].end, space: t.space }, spaceNext));
        spaceNext = false;
        i = e;
        continue;
      }
    }
    out.push(spaced(t, spaceNext));
    spaceNext = false;
  }
  return out;
}

/** Index of the last token of the macro definition starting at i, or -1 when it is not written as one (macros.ts). */
function definitionEnd(tokens: Token[], i: number): number {
  return readDefinition(tokens, i)?.end ?? -1;
}

const isDefinition = (t: Token): boolean => t.kind === 'cmd' && MACRO_DEFINITIONS.has(t.text);

/**
 * Are `\lvert … \rvert` and `\lVert … \rVert` written as pairs (each kind alternating left, right)?
 * Notes also write `\rvert` for any bar (`P(y \rvert \theta)`, `\rvert \Sigma \rvert`): then no side is trusted.
 */
function barsPair(tokens: Token[]): boolean {
  let vert = 0;
  let norm = 0;
  for (const t of tokens) {
    if (t.kind !== 'cmd') continue;
    if (t.text === 'lvert') vert++;
    else if (t.text === 'rvert') vert--;
    else if (t.text === 'lVert') norm++;
    else if (t.text === 'rVert') norm--;
    else continue;
    if (vert < 0 || vert > 1 || norm < 0 || norm > 1) return false;
  }
  return vert === 0 && norm === 0;
}

const FONT_SWITCHES = new Set(['it', 'rm', 'bf', 'cal', 'sf', 'tt', 'frak', 'Bbb', 'bold', 'displaystyle', 'textstyle']);
const OPEN_DELIMS = new Set(['langle', 'lfloor', 'lceil', 'lbrack', 'lparen', 'lbrace']);
const CLOSE_DELIMS = new Set(['rangle', 'rfloor', 'rceil', 'rbrack', 'rparen', 'rbrace']);

/** Bracket depth change of a token: braces, parens, brackets, \left/\right, \begin/\end. */
function depthDelta(tokens: Token[], i: number): number {
  const t = tokens[i];
  // `\lVert … \rVert`, `\lvert … \rvert` written as pairs: brackets (`\lVert Y = X\beta \rVert` is one side).
  if (t.side) return t.side === 'open' ? 1 : -1;
  if (t.kind === 'op') {
    if (t.text === '{' || t.text === '(' || t.text === '[') return tokens[i - 1]?.text === 'left' || tokens[i - 1]?.text === 'right' ? 0 : 1;
    if (t.text === '}' || t.text === ')' || t.text === ']') return tokens[i - 1]?.text === 'left' || tokens[i - 1]?.text === 'right' ? 0 : -1;
    return 0;
  }
  if (t.kind === 'cmd') {
    if (t.text === 'left' || t.text === 'begin') return 1;
    if (t.text === 'right' || t.text === 'end') return -1;
    const prev = tokens[i - 1];
    const sized = prev?.kind === 'cmd' && (prev.text === 'left' || prev.text === 'right');
    if (!sized && OPEN_DELIMS.has(t.text)) return 1;
    if (!sized && CLOSE_DELIMS.has(t.text)) return -1;
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
    if (depth === 0 && sep(t) && !(tokens[i - 1]?.kind === 'op' && (tokens[i - 1].text === '^' || tokens[i - 1].text === '_'))) {
      parts.push(cur);
      cur = [];
      continue;
    }
    depth = Math.max(0, depth + depthDelta(tokens, i));
    cur.push(t);
  }
  parts.push(cur);
  let nonEmpty = 0;
  for (const p of parts) if (p.length > 0) parts[nonEmpty++] = p;
  parts.length = nonEmpty;
  return parts;
}

function spanOf(tokens: Token[]): Span {
  return { start: tokens[0].start, end: tokens[tokens.length - 1].end };
}

/** A side made only of brackets (its prose was blanked): nothing to check. */
function isEmptySide(tokens: Token[]): boolean {
  return tokens.every((t) => (t.kind === 'op' && '()[]{}'.includes(t.text)) || (t.kind === 'cmd' && (t.text === 'left' || t.text === 'right' || t.text === 'bullet')));
}

function parseChainTokens(tokens: Token[], defined?: Chain[]): Chain | null {
  // Split into sides at depth-0 relations; `\stackrel{…}{=}` counts as `=`.
  const sides: Token[][] = [];
  const relations: Chain['relations'] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = tokens[i - 1];
    const scripted = prev?.kind === 'op' && (prev.text === '^' || prev.text === '_');
    const rel = depth === 0 && !scripted ? relationOf(t) : null;
    if (rel) {
      sides.push(cur);
      relations.push(t.under !== undefined ? { rel, span: { start: t.start, end: t.end }, under: t.under } : { rel, span: { start: t.start, end: t.end } });
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
  if (sides.every((s) => s.length === 0) && relations.length === 0) return null;
  // `A =: s_k`, `A \eqqcolon s_k`: s_k is defined as A (`s_k := A` written the other way round).
  const adjacentColon = relations.length === 2 && relations[0]!.rel === '=' && relations[1]!.rel === ':' &&
    relations[0]!.span.end === relations[1]!.span.start && sides[1]!.length === 0;
  const eqqcolon = relations.length === 1 && tokens.some((t) => t.kind === 'cmd' && (t.text === 'eqqcolon' || t.text === 'eqcolon') && t.start === relations[0]!.span.start);
  if ((adjacentColon || eqqcolon) && sides[0]!.length > 0 && sides[sides.length - 1]!.length > 0) {
    const span = { start: relations[0]!.span.start, end: relations[relations.length - 1]!.span.end };
    const defined = sides[sides.length - 1]!, body = sides[0]!;
    sides.splice(0, sides.length, defined, body);
    relations.splice(0, relations.length, { rel: ':=', span });
  }
  // `\ell \ge \sum_i … =: \mathcal{F}(q, \theta)`: a chain that ends by naming its last expression. The chain is
  // the steps before; the name is defined as that expression (a chain of its own, `\mathcal{F}(q, \theta) := …`).
  const n = relations.length;
  if (defined && n > 2 && relations[n - 2]!.rel === '=' && relations[n - 1]!.rel === ':' && relations[n - 2]!.span.end === relations[n - 1]!.span.start &&
      sides[n - 1]!.length === 0 && sides[n]!.length > 0 && sides[n - 2]!.length > 0) {
    const name = sides[n]!, body = sides[n - 2]!;
    const span = { start: relations[n - 2]!.span.start, end: relations[n - 1]!.span.end };
    const defRelations: Chain['relations'] = [{ rel: ':=', span }];
    defined.push({
      sides: [parseSideTokens([...name], 0, defRelations), parseSideTokens([...body], 1, defRelations)],
      relations: defRelations, span: { start: body[0]!.start, end: name[name.length - 1]!.end },
    });
    sides.splice(n - 1, 2);
    relations.splice(n - 2, 2);
  }
  const parsed: Side[] = [];
  for (let idx = 0; idx < sides.length; idx++) parsed.push(parseSideTokens(sides[idx], idx, relations));
  // The chain's span: first to last token written on a side (Array.prototype.flat is slow on this path).
  const first = sides.find((x) => x.length > 0);
  let last: Token[] | undefined;
  for (let k = sides.length - 1; k >= 0 && !last; k--) if (sides[k].length > 0) last = sides[k];
  const span = first && last ? { start: first[0].start, end: last[last.length - 1].end } : { start: relations[0].span.start, end: relations[relations.length - 1].span.end };
  return { sides: parsed, relations, span };
}

function parseSideTokens(toks: Token[], idx: number, relations: { rel: Relation; span: Span }[]): Side {
  if (toks.length === 0 || toks.every(isIgnorable)) {
    // A row that starts with a relation (`\le x`, `> w \leftarrow …` quoted), or a lone relation: nothing written here.
    const at = toks.length ? spanOf(toks) : idx < relations.length ? relations[idx].span : relations[idx - 1].span;
    const span = { start: at.start, end: at.start };
    return { ok: true, node: { kind: 'empty', span }, span };
  }
  const span = spanOf(toks);
  try {
    toks.push({ kind: 'eof', text: '', start: span.end, end: span.end, space: true });
    const p = new Parser(toks);
    const node = p.parseSide();
    return { ok: true, node, span };
  } catch (e) {
    if (e instanceof LatexError) return { ok: false, message: e.message, errorSpan: e.span, span };
    throw e;
  }
}

/** Spacing and style commands: a side made only of them has nothing written. */
function isIgnorable(t: Token): boolean {
  return t.kind === 'cmd' && lookupCommand(t.text)?.type === 'ignore';
}

type BarMode = 'none' | 'stop';

// What ends a list, as plain functions (not closures made on every call: this is the hot path).
const stopBrace = (u: Token): boolean => u.kind === 'op' && u.text === '}';
const stopParenOrRight = (u: Token): boolean => (u.kind === 'op' && u.text === ')') || (u.kind === 'cmd' && u.text === 'right');
const stopBracket = (u: Token): boolean => u.kind === 'op' && (u.text === ')' || u.text === ']');
const stopBraceOrBreak = (u: Token): boolean => (u.kind === 'op' && u.text === '}') || (u.kind === 'cmd' && u.text === '\\');
const stopRight = (u: Token): boolean => u.kind === 'cmd' && u.text === 'right';
const stopEof = (u: Token): boolean => u.kind === 'eof';
const stopClosingBar = (u: Token): boolean => u.side === 'close';

/** A list read inside brackets: items, then what follows a `|`/`\mid` (`;` in an application, `\|` in D(p‖q)). */
interface ListResult { items: Node[]; given: Node[] | null; sep: '|' | ';' | '‖' | null }

const MATRIX_ENVS = new Set(['matrix', 'bmatrix', 'pmatrix', 'vmatrix', 'Bmatrix', 'Vmatrix', 'smallmatrix', 'array', 'matrix*',
  'bmatrix*', 'pmatrix*', 'vmatrix*', 'Bmatrix*', 'Vmatrix*', 'darray']);
const ENV_WITH_ARGUMENT = new Set(['array', 'darray', 'subarray', 'alignedat', 'alignat', 'alignat*']);
/** \operatorname / \mathrm words that are operators with limits. */
const LIMIT_WORDS = new Set(['argmax', 'argmin', 'arg max', 'arg min', 'lim', 'sup', 'inf', 'limsup', 'liminf', 'plim', 'Pr']);

/** `E`, `\mathbb{E}`, `\mathrm{E}`, `\operatorname{E}`, `\mathbf{E}`: written before a bracket, an expectation. */
function isExpectationSymbol(n: SymNode): boolean {
  return n.name === 'E' && n.primes === 0 && !n.decor && (n.font === null || n.font === 'bb' || n.font === 'rm' || n.font === 'bold');
}

/** An expression that has a value as written (not a list, an event, a conditional, text or nothing). */
function isPlainValue(n: Node): boolean {
  return n.kind !== 'tuple' && n.kind !== 'event' && n.kind !== 'given' && n.kind !== 'empty' && n.kind !== 'text';
}

function setNode(r: ListResult, span: Span): Node {
  const node: Node = { kind: 'set', items: r.items, span };
  if (r.given) node.cond = r.given;
  return node;
}

/** The items of a list before its `|` as one node: the item, nothing, or a tuple without brackets. */
function joinItems(items: Node[], at: number): Node {
  if (items.length === 1) return items[0];
  if (items.length === 0) return { kind: 'empty', span: { start: at, end: at } };
  return { kind: 'tuple', open: '', close: '', items, span: { start: items[0].span.start, end: items[items.length - 1].span.end } };
}

/** An end-of-input token just after `toks` (or after `fallback` when there are none). */
function eofAfter(toks: Token[], fallback: Token): Token {
  const last = toks.length ? toks[toks.length - 1] : fallback;
  return { kind: 'eof', text: '', start: last.end, end: last.end, space: true };
}

const stopCell = (u: Token): boolean => (u.kind === 'op' && u.text === '&') || (u.kind === 'cmd' && (u.text === '\\' || u.text === 'end' || u.text === 'cr'));
const stopSetClose = (u: Token): boolean => u.kind === 'cmd' && (u.text === '}' || u.text === 'rbrace');

/** What a delimiter token after \left / \right draws. */
function delimiterOf(t: Token): string {
  if (t.kind !== 'cmd') return t.text === '<' ? '⟨' : t.text === '>' ? '⟩' : t.text;
  switch (t.text) {
    case '{': case 'lbrace': return '{';
    case '}': case 'rbrace': return '}';
    case '|': return '‖';
    case 'langle': return '⟨';
    case 'rangle': return '⟩';
    case 'lbrack': return '[';
    case 'rbrack': return ']';
    case 'lfloor': return '⌊';
    case 'rfloor': return '⌋';
    case 'lceil': return '⌈';
    case 'rceil': return '⌉';
    default: return `\\${t.text}`;
  }
}

class Parser {
  private pos = 0;
  private depth = 0;
  private bar: BarMode = 'none';
  /** Index letters of the big operators whose bodies are being read (`i` inside `\sum_i …`). */
  private bodyIndices: string[] = [];

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
      // (At the end of the formula, the bracket left open is where to look: the error points at it, not at the end.)
      this.fail(`expected “${text}”${where} but found ${this.describe(t)}`, t.kind === 'eof' && opener ? opener : t);
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
      let left = this.endsItem(this.peek()) ? this.emptyAt(this.peek().start) : this.parseTerm();
      for (;;) {
        const t = this.peek();
        let op: 'add' | 'sub' | null = null;
        if (this.isOp(t, '+')) op = 'add';
        else if (this.isOp(t, '-')) op = 'sub';
        else if (t.kind === 'cmd' && lookupCommand(t.text)?.type === 'binop' && (t.text === 'pm' || t.text === 'mp')) {
          // `a \pm b` is two values: a tuple marked ±, which the checker does not evaluate as one.
          this.next();
          const right = this.parseTerm();
          left = { kind: 'tuple', open: '±', close: '', items: [left, right], span: { start: left.span.start, end: right.span.end } };
          continue;
        }
        if (!op && this.signedGroupAhead()) {
          // `a {\color{red}{- b}}`, `a \underbrace{- b}_{…}`: a term with its own sign, wrapped to colour or label it.
          const right = this.parseTerm();
          left = { kind: 'add', a: left, b: right, span: { start: left.span.start, end: right.span.end } };
          continue;
        }
        if (!op) return left;
        this.next();
        // `a +` before a closing brace (a term blanked as prose): nothing on the right.
        const right = this.skipIgnored() && this.endsItem(this.peek()) ? this.emptyAt(t.end) : this.parseTerm();
        left = { kind: op, a: left, b: right, span: { start: left.span.start, end: right.span.end } };
      }
    } finally {
      this.leave();
    }
  }

  private parseTerm(): Node {
    // Leading signs: `- - x` nests, so it counts towards the depth limit.
    const signs: Token[] = [];
    while (this.skipIgnored() && (this.isOp(this.peek(), '-') || this.isOp(this.peek(), '+'))) {
      const t = this.next();
      if (t.text === '-') signs.push(t);
      if (signs.length > MAX_DEPTH) this.fail(`the formula is nested more than ${MAX_DEPTH} levels deep`, t);
    }
    let node = this.endsItem(this.peek()) ? this.emptyAt(this.peek().start) : this.parseProduct();
    for (let i = signs.length - 1; i >= 0; i--) node = { kind: 'neg', body: node, span: this.span(signs[i], node.span.end) };
    return node;
  }

  /**
   * Does a group holding one term with its own sign come next (`{- b}`, `{\color{red} - b}`, `\textcolor{red}{- b}`,
   * `\underbrace{- b}_{…}`, `\boxed{+ c}`)? After an operand it is a term of its own, drawn as `a − b`: the
   * colour, brace or box only marks it (read as multiplying by it, a right step failed). It stays a factor when
   * it holds several terms (`γ_ik \underbrace{-a + b}_{…}`, the brace groups them), when it uses the index of a
   * sum whose body is being read (`\sum_i γ_ik \underbrace{-(x_i - μ)}_{…}`), or when a script follows it (`{-b}^2`).
   */
  private signedGroupAhead(): boolean {
    let i = this.pos;
    // The construct's last token (a bare group's `}`, a box's argument's `}`), checked for a script after it.
    let outerEnd = -1;
    let labelled = false;
    for (let guard = 0; guard < 16; guard++) {
      const t = this.tokens[i];
      if (!t) return false;
      if (t.kind === 'op' && t.text === '{') {
        if (outerEnd < 0) outerEnd = argEnd(this.tokens, i);
        i++;
        continue;
      }
      if (t.kind === 'cmd') {
        const e = lookupCommand(t.text);
        if (e?.type === 'ignore') { i++; continue; }
        if (outerEnd < 0 && (e?.type === 'brace' || e?.type === 'boxed') && t.text !== 'vec' && t.text !== 'underline') {
          let j = i + 1;
          for (let r = 0; r < colourArguments(t.text); r++) {
            const end = this.tokens[j]?.text === '{' ? argEnd(this.tokens, j) : -1;
            if (end < 0) return false;
            j = end + 1;
          }
          if (!this.tokens[j] || !this.isOp(this.tokens[j]!, '{')) return false;
          outerEnd = argEnd(this.tokens, j);
          labelled = e.type === 'brace';
          i = j;
          continue;
        }
      }
      if (outerEnd < 0 || !(t.kind === 'op' && (t.text === '-' || t.text === '+'))) return false;
      // The innermost group: from its `{` (just before the sign) to its `}`.
      const close = argEnd(this.tokens, i - 1);
      if (close < 0) return false;
      let depth = 0;
      for (let q = i + 1; q < close; q++) {
        const u = this.tokens[q]!;
        depth += depthDelta(this.tokens, q);
        if (depth === 0 && u.kind === 'op' && (u.text === '+' || u.text === '-') && !this.isOp(this.tokens[q - 1]!, '^') && !this.isOp(this.tokens[q - 1]!, '_')) return false;
        if (u.kind === 'letter' && this.bodyIndices.includes(u.text)) return false;
      }
      const after = this.tokens[outerEnd + 1];
      if (!after || (!labelled && (this.isOp(after, '^') || this.isOp(after, '_') || this.isOp(after, "'")))) return false;
      return true;
    }
    return false;
  }

  /** Can the token (the next one) start a factor (for juxtaposition)? */
  private startsFactor(t: Token): boolean {
    switch (t.kind) {
      case 'num': case 'letter': case 'char': return true;
      case 'eof': return false;
      case 'op':
        if (t.text === '|') return t.side === 'open' || (this.bar !== 'stop' && this.barClosesAhead('op', true));
        return t.text === '(' || t.text === '[' || t.text === '{' || t.text === '.';
      case 'cmd': {
        if (t.text === '\\') return false; // a row break inside a matrix
        const e = lookupCommand(t.text);
        if (!e) return true; // unknown command: let primary() report it by name
        switch (e.type) {
          case 'relation': case 'binop': case 'right': case 'end': case 'setClose': case 'given': case 'closeDelim':
            return false;
          case 'sizing':
            return this.isOp(this.peek(1), '(') || this.isOp(this.peek(1), '[');
          case 'normBar': return t.side === 'open' || (this.bar !== 'stop' && this.barClosesAhead('cmd', true));
          case 'ignore': return false;
          default: return true;
        }
      }
    }
  }

  /**
   * Does the bar at the current position open an absolute value? `\lvert` always does, `\rvert`
   * never. Where an operand is expected, a plain bar opens when a bar of its kind follows at this
   * level before a closing bracket, a comma or `\mid` (`|X| | Y`). After an operand (`afterOperand`),
   * where it may also separate what is conditioned on, it opens only when an odd number follow:
   * they pair up with it (`a |x|`, `|x| + |y|`); with an even number the later ones pair among
   * themselves and this one separates (`E[X | Y]`, `\{ f \in C | \forall \epsilon\, |f(x)| \le \epsilon \}`).
   * The scan is bounded, so a long formula stays linear.
   */
  private barClosesAhead(kind: 'op' | 'cmd', afterOperand = false): boolean {
    const side = this.tokens[this.pos].side;
    if (side) return side === 'open';
    let depth = 0;
    let after = 0;
    const limit = Math.min(this.tokens.length, this.pos + 2000);
    for (let i = this.pos + 1; i < limit; i++) {
      const u = this.tokens[i];
      if (u.kind === 'eof') break;
      if (depth === 0 && u.kind === kind && u.text === '|') after++;
      else if (depth === 0 && ((u.kind === 'op' && u.text === ',') || (u.kind === 'cmd' && u.text === 'mid'))) break;
      depth += depthDelta(this.tokens, i);
      if (depth < 0) break;
    }
    return afterOperand ? after % 2 === 1 : after > 0;
  }

  /** Does the token end an item of a list (a closing bracket, a separator, a relation, the end)? */
  private endsItem(t: Token): boolean {
    if (t.kind === 'eof') return true;
    // Bars are not here: where an operand is expected, `|` and `\|` open one.
    if (t.kind === 'op') return ')]},;&'.includes(t.text) || relationOf(t) !== null;
    if (t.kind === 'cmd') {
      if (t.text === '\\') return true;
      const e = lookupCommand(t.text);
      return e?.type === 'right' || e?.type === 'end' || e?.type === 'setClose' || e?.type === 'closeDelim' || e?.type === 'given' ||
        e?.type === 'relation';
    }
    return false;
  }

  /** Skips spacing commands (`\\,` before an operator's body); always true, for use in conditions. */
  private skipIgnored(): boolean {
    while (this.peek().kind === 'cmd' && lookupCommand(this.peek().text)?.type === 'ignore' &&
      this.peek().text !== 'limits' && this.peek().text !== 'nolimits') this.next();
    return true;
  }

  /** An old-style font switch with nothing after it (`\\it =`, `\\rm }`): it changes nothing. */
  private isDanglingSwitch(t: Token): boolean {
    return t === this.peek() && t.kind === 'cmd' && FONT_SWITCHES.has(t.text) && this.endsItem(this.peek(1));
  }

  private emptyAt(at: number): Node {
    return { kind: 'empty', span: { start: at, end: at } };
  }

  private parseProduct(): Node {
    let left = this.parseFactor();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'cmd' && (lookupCommand(t.text)?.type === 'ignore' || this.isDanglingSwitch(t))) {
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
        // `a \times` closing a group or a formula: KaTeX draws the operator with nothing after it.
        const right = this.endsItem(this.peek()) ? this.emptyAt(t.end) : this.parseFactor();
        const slash = op === 'div' && this.isOp(t, '/');
        left = { kind: op, a: left, b: right, span: { start: left.span.start, end: Math.max(t.end, right.span.end) }, ...(slash ? { slash } : {}) };
        continue;
      }
      if (!this.startsFactor(t) || this.signedGroupAhead()) return left;
      const right = this.parseFactor();
      left = { kind: 'mul', a: left, b: right, implicit: true, span: { start: left.span.start, end: right.span.end } };
    }
  }

  private parseFactor(): Node {
    this.enter();
    try {
      // Leading `\bullet` (list bullets) are not operands.
      while (this.skipIgnored() && this.isCmd(this.peek(), 'bullet') && !this.endsItem(this.peek(1))) this.next();
      const t = this.peek();
      if (this.isOp(t, '-')) {
        // `a \cdot -b`, `x^{-1}` inside products.
        this.next();
        const body = this.parseFactor();
        return { kind: 'neg', body, span: this.span(t, body.span.end) };
      }
      if (this.isOp(t, '+')) {
        this.next();
        return this.parseFactor();
      }
      const base = this.parsePrimary();
      return this.parsePostfix(base);
    } finally {
      this.leave();
    }
  }

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
        } else if (cur.kind === 'group' && cur.delim === '{' && cur.body.kind === 'pow' && cur.body.base.kind === 'sym' && !cur.body.base.sub) {
          // `{\sigma^2}_k`: braces only group in TeX; the note means σ_k².
          const b = cur.body.base;
          cur = { ...cur.body, base: { ...b, sub, span: { start: b.span.start, end: sub.span.end } }, span: this.span(cur.span.start) };
        } else if (cur.kind === 'indexed' && !cur.sub) {
          cur = { ...cur, sub, span: this.span(cur.span.start) };
        } else if (cur.kind === 'pow' && cur.base.kind !== 'sym') {
          // `(\pi_k)^K_{k=1}`: both scripts sit on the bracket, as KaTeX draws them.
          cur = { kind: 'indexed', base: cur.base, sub, sup: cur.exp, span: this.span(cur.span.start) };
        } else {
          // `[x_i x_j]_{N\times N}`, `(\pi_k)_{k=1}^K`, `\|x\|_2`: an index on a bracket; its meaning is the checker's call.
          cur = { kind: 'indexed', base: cur, sub, sup: null, span: this.span(cur.span.start) };
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
        else cur = { kind: 'postfix', op: "'", body: cur, span: this.span(cur.span.start) };
        continue;
      }
      if (this.isOp(t, '!')) {
        this.next();
        cur = { kind: 'postfix', op: '!', body: cur, span: this.span(cur.span.start) };
        continue;
      }
      if (t.kind === 'cmd' && (t.text === 'limits' || t.text === 'nolimits')) {
        this.next();
        continue;
      }
      // `E[X]`, `\mathbb{E}_{q}[\cdot]`, `\mathbb{E}(X)`: an expectation.
      if (cur.kind === 'sym' && isExpectationSymbol(cur) && (this.opensBracket() || (cur.font === 'bb' && this.opensParen()))) {
        const body = this.parsePrimary();
        cur = { kind: 'expect', op: cur, body: unwrapGroup(body), span: this.span(cur.span.start) };
        continue;
      }
      // `\mathcal{N}\!\left(x_i \,\middle|\, …\right)`, `p\,(x \mid θ)`: spacing before a bracket with a `|`, `,`
      // or `;` in it still applies the symbol (typeset notes tighten or widen that gap).
      // A negative thin space (`\varphi\!\left(z\right)`) pulls the bracket to the name: an application whatever it holds.
      if (cur.kind === 'sym' && this.peek().kind === 'cmd' && lookupCommand(this.peek().text)?.type === 'ignore') {
        const at = this.pos;
        const tightened = this.isCmd(this.peek(), '!') || this.isCmd(this.peek(), 'negthinspace');
        this.skipIgnored();
        if (this.opensParen() && (tightened || this.parenHasCallMarks())) {
          cur = this.parseApply(cur);
          continue;
        }
        this.pos = at;
      }
      // `p(x)` is an application; `\pi_k (2\pi)` with a space and no `|` or `,` inside is a product.
      if (cur.kind === 'sym' && this.opensParen() && (!this.peek().space || this.parenHasCallMarks())) {
        cur = this.parseApply(cur);
        continue;
      }
      return cur;
    }
  }

  private opensBracket(): boolean {
    const t = this.peek();
    return this.isOp(t, '[') || this.isCmd(t, 'lbrack') || (this.isCmd(t, 'left') && (this.isOp(this.peek(1), '[') || this.isCmd(this.peek(1), 'lbrack')));
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

  /** Scripts being parsed around the current token (`\\text{MLE}` in `\\hat\\mu_{\\text{MLE}}` names a decoration, not a quantity). */
  private scriptDepth = 0;

  private parseScript(at: Token): Node {
    this.scriptDepth++;
    try {
      const s = this.parseScriptInner(at);
      // `\mu_{\mathrm{k}}`, `\gamma_{\mathrm{nk}}` (converters of handwritten notes set indices upright): lower-case
      // letters in a subscript are the indices, as `_{nk}` (not a word that tags, `_{\mathrm{new}}`).
      if (!this.isOp(at, '_') || s.kind !== 'sym' || s.font !== 'rm' || s.sub || s.decor || !/^[a-z]{1,3}$/.test(s.name) || DECORATION_WORDS.has(s.name)) return s;
      const letters = [...s.name].map((c, q): Node => ({ ...s, name: c, font: null, span: s.name.length === 1 ? s.span : { start: s.span.start + q, end: s.span.start + q + 1 } }));
      return letters.reduce((a, b) => ({ kind: 'mul', a, b, implicit: true, span: s.span }));
    } finally {
      this.scriptDepth--;
    }
  }

  /** Read `{…}` or a single token as a script, parsed as an expression. */
  private parseScriptInner(at: Token): Node {
    const t = this.peek();
    if (this.isOp(t, '{')) {
      this.next();
      if (this.isOp(this.peek(), '}')) return this.emptyAt(this.next().start);
      const one = this.peek();
      if ((this.isOp(one, '*') || this.isOp(one, '+') || this.isOp(one, '-') || this.isOp(one, "'")) && this.isOp(this.peek(1), '}')) {
        // `^{*}`, `_{+}`, `^{-}`: a mark, not an expression.
        this.next();
        this.next();
        return { kind: 'text', text: one.text, span: { start: one.start, end: one.end } };
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
    if (t.kind === 'char') {
      this.next();
      return { kind: 'text', text: t.text, span: { start: t.start, end: t.end } };
    }
    if (relationOf(t) !== null && t.kind === 'cmd') {
      // `Y^\perp`, `x^\sim`: a relation symbol as a mark.
      this.next();
      return { kind: 'text', text: `\\${t.text}`, span: { start: t.start, end: t.end } };
    }
    if (this.isCmd(t, 'ast') || this.isCmd(t, 'star')) {
      this.next();
      return { kind: 'text', text: '*', span: { start: t.start, end: t.end } };
    }
    if (t.kind === 'cmd') {
      return this.parsePrimary();
    }
    if (this.isOp(t, '*') || this.isOp(t, "'") || this.isOp(t, '+') || this.isOp(t, '-') || this.isOp(t, '!') || this.isOp(t, '.')) {
      this.next();
      return { kind: 'text', text: t.text, span: { start: t.start, end: t.end } };
    }
    return this.fail(`expected a script after ${this.describe(at)} but found ${this.describe(t)}`, t);
  }

  /**
   * Script content: an expression, a comma list of indices (`Z_{n,k}` means the same as `Z_{nk}`),
   * or a list with relations and bars (`_{x_i \in R_m}`, `_{i,j}`, `_{Z|X,\theta}`, `_{x \sim p}`).
   */
  private parseScriptBody(): Node {
    const start = this.peek().start;
    const r = this.parseList(stopBrace);
    if (!r.given && r.items.length > 0 && r.items.every(isPlainValue)) {
      let node = r.items[0];
      for (let i = 1; i < r.items.length; i++) {
        const more = r.items[i];
        node = { kind: 'mul', a: node, b: more, implicit: true, span: { start: node.span.start, end: more.span.end } };
      }
      return node;
    }
    return this.listNode('', '', r, start);
  }

  /**
   * The inside of brackets, sets, scripts, cells and sides: items separated by `,` or `;`,
   * each an expression or a relation between expressions (an event, `z_i = k`), then
   * optionally `|`, `\mid` or `\|` and more items (what is conditioned on). Stops before a
   * token `stop` accepts, or at anything that cannot continue the list (the caller reports it).
   */
  private parseList(stop: (t: Token) => boolean, semicolonGives = false): ListResult {
    const items: Node[] = [];
    let given: Node[] | null = null;
    let sep: ListResult['sep'] = null;
    if (stop(this.peek())) return { items, given, sep };
    for (;;) {
      (given ?? items).push(this.parseRelItem(stop));
      const t = this.peek();
      if (stop(t)) break;
      if (given === null && this.isSeparatorBar(t)) {
        this.next();
        // `p || q`, `P \mid \mid Q`: a doubled bar is one separator (‖).
        const doubled = this.isSeparatorBar(this.peek()) && !this.barClosesAhead(this.peek().kind === 'op' ? 'op' : 'cmd');
        if (doubled) this.next();
        given = [];
        sep = (t.kind === 'cmd' && t.text === '|') || doubled ? '‖' : '|';
        continue;
      }
      if (this.isOp(t, ',') || this.isCmd(t, '\\')) {
        // `\\` inside a group is a line break KaTeX draws: it separates like a comma.
        this.next();
        if (stop(this.peek())) break; // `1, & x > 0`: punctuation before the end
        continue;
      }
      if (this.isOp(t, ';')) {
        this.next();
        if (stop(this.peek())) break;
        if (semicolonGives && given === null) {
          given = [];
          sep = ';';
        }
        continue;
      }
      break;
    }
    return { items, given, sep };
  }

  /** parseList with the bar mode set for its duration (no closure: this is the hot path). */
  private listWithBar(mode: BarMode, stop: (t: Token) => boolean, semicolonGives = false): ListResult {
    const saved = this.bar;
    this.bar = mode;
    try {
      return this.parseList(stop, semicolonGives);
    } finally {
      this.bar = saved;
    }
  }

  /**
   * What an absolute value or norm holds. Between `\lVert … \rVert` written as pairs a relation
   * stays inside, like in brackets (an event: `\lVert Y = X\beta \rVert`); a plain bar's partner
   * is not known well enough for that.
   */
  private barBody(open: Token): Node {
    const saved = this.bar;
    this.bar = 'stop';
    try {
      return open.side === 'open' ? this.parseRelItem(stopClosingBar) : this.parseExpr();
    } finally {
      this.bar = saved;
    }
  }

  private isSeparatorBar(t: Token): boolean {
    return t.side !== 'open' && (this.isOp(t, '|') || this.isCmd(t, 'mid') || this.isCmd(t, '|'));
  }

  /** One item of a list: an expression, or expressions joined by relations (an event). Empty where nothing is written. */
  private parseRelItem(stop: (t: Token) => boolean): Node {
    const start = this.peek();
    const first = this.nothingAt(start, stop) ? this.emptyAt(start.start) : this.parseExpr();
    if (relationOf(this.peek()) === null) return first;
    const items: Node[] = [first];
    const rels: Relation[] = [];
    for (let r = relationOf(this.peek()); r !== null; r = relationOf(this.peek())) {
      const rt = this.next();
      rels.push(r);
      const u = this.peek();
      // A bar with a partner ahead opens (`x(= |w| \cdot |x|)`, `j \le |C|`); nothingAt decides.
      items.push(this.nothingAt(u, stop) ? this.emptyAt(rt.end) : this.parseExpr());
    }
    return { kind: 'event', items, rels, span: { start: first.span.start, end: items[items.length - 1].span.end } };
  }

  /** Is nothing written at `u` (the next token) for a list item? A bar with no partner ahead (`p( | w)` once prose is blanked) separates. */
  private nothingAt(u: Token, stop: (t: Token) => boolean): boolean {
    if (stop(u) || u.kind === 'eof') return true;
    if (u.kind === 'op') {
      if (u.text === ',' || u.text === ';') return true;
      if (u.text === '|') return !this.barClosesAhead('op');
      return relationOf(u) !== null;
    }
    if (u.kind === 'cmd') {
      if (u.text === 'mid') return true;
      if (u.text === '|') return !this.barClosesAhead('cmd');
      return relationOf(u) !== null;
    }
    return false;
  }

  /** The node for a list read between `open` and `close`: the item itself in matching brackets, else a tuple or a conditional. */
  private listNode(open: string, close: string, r: ListResult, start: number, delim?: '(' | '[' | '{' | '.'): Node {
    const span = this.span(start);
    let inner: Node | null = null;
    if (r.given) {
      const body = joinItems(r.items, start);
      const last = r.given.length ? r.given[r.given.length - 1].span.end : body.span.end;
      inner = { kind: 'given', body, given: r.given, span: { start: body.span.start, end: last } };
    } else if (r.items.length === 1) {
      inner = r.items[0];
    }
    if (inner && delim) return { kind: 'group', delim, body: inner, span };
    if (inner && !open && !close) return inner;
    return { kind: 'tuple', open, close, items: inner ? [inner] : r.items, span };
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
    // `\mu_k^{new\top}`, `\mu_k^{(t)\top}`: the decorated symbol transposed, in one superscript.
    if (base.kind === 'sym' && !base.decor && sup.kind === 'mul' && sup.implicit && isTransposeMark(sup.b)) {
      const word = decorationWord(sup.a);
      if (word !== null) return { kind: 'transpose', body: { ...base, decor: word, span }, span };
    }
    if (base.kind === 'sym') {
      const word = decorationWord(sup);
      if (word !== null) return { ...base, decor: word, span };
      if (sup.kind === 'sym' && sup.name === 'prime') return { ...base, primes: base.primes + 1, span };
    }
    if (base.kind === 'sym' && sup.kind === 'tuple' && !sup.open && sup.items.length === 2 && sup.items[0]!.kind === 'num' && decorationWord(sup.items[1]!) !== null) {
      // `\sigma_k^{2,\text{new}}`: the square of the updated σ_k, written in one superscript.
      return { kind: 'pow', base: { ...base, decor: decorationWord(sup.items[1]!) }, exp: sup.items[0]!, span };
    }
    // `\sigma_k^{2(t+1)}`, `\sigma_k^{2\,(0)}`: σ_k² at that iteration (not σ_k to the power 2(t+1)); σ only,
    // where the square of a standard deviation is meant, and an iteration's marks only ((t), (t±1), (0) …).
    if (base.kind === 'sym' && base.name === 'sigma' && !base.decor && sup.kind === 'mul' && sup.a.kind === 'num' && sup.a.value === 2 &&
        sup.b.kind === 'group' && sup.b.delim === '(' && isIterationMark(sup.b.body)) {
      return { kind: 'pow', base: { ...base, decor: decorationWord(sup.b) }, exp: sup.a, span };
    }
    const squaredWord = base.kind === 'sym' && sup.kind === 'mul' && sup.implicit && sup.a.kind === 'num' ? symbolWord(sup.b) : null;
    if (squaredWord !== null && DECORATION_WORDS.has(squaredWord)) {
      // `\sigma_k^{2,new}`, `\sigma_k^{2,old}` without 	ext: the script's comma list reads as a product (2 · new).
      return { kind: 'pow', base: { ...(base as SymNode), decor: squaredWord }, exp: (sup as { a: Node }).a, span };
    }
    const bracketWord = base.kind === 'group' && base.delim === '(' ? decorationWord(sup) : null;
    if (bracketWord !== null && /[\p{L}*]/u.test(bracketWord)) {
      // `(\sigma_k^2)^{(t-1)}`, `(\sigma_k^2)^{\text{new}}`: the iteration of what the bracket holds, not a power.
      const inner = (base as { body: Node }).body;
      if (inner.kind === 'sym' && !inner.decor) return { ...inner, decor: bracketWord, span };
      if (inner.kind === 'pow' && inner.base.kind === 'sym' && !inner.base.decor) return { ...inner, base: { ...inner.base, decor: bracketWord }, span };
    }
    if (base.kind === 'pow' && base.base.kind === 'sym' && !base.base.decor && base.base.sub) {
      // `{\sigma^2}_k^{(t+1)}` (read as σ_k² above): the iteration names σ_k, the square stays outside.
      const word = decorationWord(sup);
      if (word !== null) return { ...base, base: { ...base.base, decor: word }, span };
    }
    // `(\sigma_1^{(0)})^2`: a bracket around one symbol squared is that symbol squared (the iteration stays on σ_1).
    if (base.kind === 'group' && base.delim === '(' && base.body.kind === 'sym' && base.body.decor && sup.kind === 'num') {
      return { kind: 'pow', base: base.body, exp: sup, span };
    }
    // `[x]_+^2`, `(\pi_k)_{k=1}^K`: both scripts on the bracket.
    if (base.kind === 'indexed' && !base.sup) return { ...base, sup, span };
    // Text as an exponent (`{k+1}^{\text{th}}`) is kept as written: a power whose exponent is text.
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
    // Arguments, then what is conditioned on after `|`, `\mid`, `;` (p(x; θ) reads like conditioning) or `\|` (D(p‖q)).
    const r = this.listWithBar('stop', stopParenOrRight, true);
    if (!closeWithRight && this.isOp(this.peek(), ']') && r.items.length === 2 && !r.given) {
      // `\epsilon(0,1]`: a half-open interval after a symbol, not its arguments (a product, as juxtaposed).
      this.next();
      const interval: Node = { kind: 'tuple', open: '(', close: ']', items: r.items, span: this.span(paren) };
      return { kind: 'mul', a: fn, b: interval, implicit: true, span: this.span(fn.span.start) };
    }
    this.closeParen(paren, closeWithRight);
    const node: ApplyNode = { kind: 'apply', fn, args: r.items, given: r.given, spaced, span: this.span(fn.span.start) };
    if (r.sep === ';' || r.sep === '‖') node.sep = r.sep;
    return node;
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
    while (this.peek().kind === 'cmd' && (lookupCommand(this.peek().text)?.type === 'ignore' || this.isDanglingSwitch(this.peek()))) this.next();
    const t = this.peek();
    switch (t.kind) {
      case 'eof':
        return this.fail('expected an expression but the formula ended');
      case 'num':
        this.next();
        return { kind: 'num', value: Number(t.text), text: t.text, span: { start: t.start, end: t.end } };
      case 'letter': {
        const word = this.typedFunctionWord(t);
        if (word) {
          for (let i = 0; i < word.length; i++) this.next();
          return this.parseFuncArg(t, word);
        }
        this.next();
        return this.sym(t.text, null, t);
      }
      case 'char':
        this.next();
        return { kind: 'text', text: t.text, span: { start: t.start, end: t.end } };
      case 'op':
        return this.parseOpPrimary(t);
      case 'cmd':
        return this.parseCommand(t);
    }
  }

  /**
   * `log(…)`, `logP(x)`, `log2\pi`, `exp[…]`, `ln x` typed without the backslash, as many notes do
   * (KaTeX shows italic letters; every reader reads the function): the word when its letters stand
   * together as a word of their own (no letter just before; after it nothing that makes another
   * word, as in logit or explain), else null.
   */
  private typedFunctionWord(t: Token): 'log' | 'ln' | 'exp' | null {
    if (t.text !== 'l' && t.text !== 'e') return null;
    const prev = this.tokens[this.pos - 1];
    if (prev && prev.kind === 'letter' && prev.end === t.start) return null;
    for (const word of TYPED_FUNCTION_WORDS) {
      if (word[0] !== t.text) continue;
      let ok = true;
      for (let i = 1; i < word.length && ok; i++) {
        const n = this.peek(i), before = this.peek(i - 1);
        ok = n.kind === 'letter' && n.text === word[i] && adjacent(before, n);
      }
      if (!ok) continue;
      const after = this.peek(word.length), last = this.peek(word.length - 1);
      // Followed at once by a small letter: another word (logit, expected), unless one letter then a bracket (logp(x)).
      if (after.kind === 'letter' && adjacent(last, after) && /^[a-z]$/.test(after.text)) {
        const next = this.peek(word.length + 1);
        if (!(next.kind === 'op' && (next.text === '(' || next.text === '[') && adjacent(after, next))) continue;
      }
      // …and with something after it to apply to (r_{ln}, γ_{ln}: two index letters, not ln).
      if (after.kind === 'eof' || (after.kind === 'op' && !['(', '[', '|', '{'].includes(after.text)) || after.kind === 'char') continue;
      return word;
    }
    return null;
  }

  private parseOpPrimary(t: Token): Node {
    switch (t.text) {
      case '(': case '[': {
        this.next();
        const close = t.text === '(' ? ')' : ']';
        // `(0, 1]`, `[0, 1)`: an interval's brackets need not match. Only an interval's: two
        // ends and nothing conditioned (`\log(1+e^x]` is a bracket left open, not an interval).
        const r = this.listWithBar('none', stopBracket);
        const c = this.peek();
        const interval = r.items.length === 2 && !r.given;
        if (!this.isOp(c, close) && !(interval && this.isOp(c, t.text === '(' ? ']' : ')'))) {
          this.fail(`expected “${close}” to close the “${t.text}” but found ${this.describe(c)}`, c);
        }
        this.next();
        return this.listNode(t.text, c.text, r, t.start, c.text === close ? t.text as '(' | '[' : undefined);
      }
      case '{': {
        this.next();
        if (this.isOp(this.peek(), '}')) {
          this.next();
          return { kind: 'empty', span: this.span(t) };
        }
        const r = this.listWithBar('none', stopBrace);
        this.expectOp('}', t);
        return this.listNode('{', '}', r, t.start, '{');
      }
      case '|': {
        this.next();
        const body = this.barBody(t);
        const c = this.peek();
        if (!this.isOp(c, '|')) this.fail(`expected “|” to close the “|” but found ${this.describe(c)}`, c);
        this.next();
        return { kind: 'abs', body, norm: false, span: this.span(t) };
      }
      case '_': case '^':
        // `{}_M C_x`, `{_y}`: scripts on nothing (the postfix loop attaches them).
        return this.emptyAt(t.start);
      case '.': case "'": case '!':
        this.next();
        return { kind: 'text', text: t.text, span: this.span(t) };
      case '*': case '/':
        return this.parseLoneOperator(t);
      default:
        return this.fail(`expected an expression but found ${this.describe(t)}`, t);
    }
  }

  /**
   * An operator where an operand should be: `K(\cdot, x)` (a placeholder), `\times` alone
   * (the operator named in prose), `\cdot x` at the start of a row, `\pm x`.
   */
  private parseLoneOperator(t: Token): Node {
    this.next();
    this.skipIgnored(); // `H_0(\, \cdot \,, Q)`: spacing around a placeholder
    const n = this.peek();
    if (this.endsItem(n) || this.isOp(n, '|') || this.isCmd(n, '|')) return { kind: 'opaque', what: `the placeholder ${this.describe(t)}`, span: this.span(t) };
    const body = this.parseFactor();
    const empty = this.emptyAt(t.start);
    if (t.kind === 'cmd' && (t.text === 'pm' || t.text === 'mp')) return { kind: 'tuple', open: '±', close: '', items: [empty, body], span: this.span(t) };
    const op = this.isOp(t, '/') || this.isCmd(t, 'div') ? 'div' : 'mul';
    return { kind: op, a: empty, b: body, span: this.span(t) };
  }

  private parseCommand(t: Token): Node {
    const greek = this.greekBigOp(t);
    if (greek) return this.parseBigOp(t, greek);
    const e = lookupCommand(t.text);
    if (!e) {
      // A command KaTeX draws but the grammar gives no reading (\circledast, \Re, \overrightarrow):
      // an opaque atom, so the formula still parses and the checker says what it cannot read.
      if (KATEX_NAMES.has(t.text)) {
        this.next();
        return { kind: 'opaque', what: `\\${t.text}`, span: this.span(t) };
      }
      this.fail(`unknown command \\${t.text}`, t);
    }
    switch (e.type) {
      case 'symbol':
        this.next();
        return this.sym(e.name, e.font ?? null, t);
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
        if ((e.name === 'max' || e.name === 'min') &&
            (this.isOp(this.peek(), '_') || this.isOp(this.peek(), '^') || this.isCmd(this.peek(), 'limits') || !this.opensParenOrGroup())) {
          return this.parseLimitOpRest(t, e.name);
        }
        return this.parseFuncArg(t, e.name);
      case 'bigop':
        return this.parseBigOp(t, e.op);
      case 'integral': case 'largeop':
        return this.parseLargeOp(t, e.type);
      case 'limitop': {
        this.next();
        // \Pr(A \mid B): a probability applied to its event, like P(…), not an operator with limits.
        if (t.text === 'Pr' && this.opensParen()) return { kind: 'sym', name: 'Pr', font: 'rm', sub: null, decor: null, primes: 0, span: this.span(t) };
        let name = t.text;
        if (name === 'arg' && (this.isCmd(this.peek(), 'max') || this.isCmd(this.peek(), 'min'))) name = `arg${this.next().text}`;
        return this.parseLimitOpRest(t, name);
      }
      case 'text': {
        this.next();
        const content = this.rawGroup();
        const word = content.text.trim();
        // (`\text{exp}\left(…\right)`, `\text{log}\,\mathcal{N}(…)`: the function typed as text, whatever follows it.)
        if (WORD_FUNCTIONS.has(word) && (this.opensParenOrGroup() || (TEXT_FUNCTIONS.has(word) && this.skipIgnored() && !this.endsItem(this.peek()) && this.startsFactor(this.peek())))) {
          return this.parseFuncArg(t, word);
        }
        // `\textrm{log}_2 x`, `\text{log}^2 x`: a function word with a base or a power, like `\log_2 x`.
        if (WORD_FUNCTIONS.has(word) && word !== 'max' && word !== 'min' && (this.isOp(this.peek(), '_') || this.isOp(this.peek(), '^'))) {
          return this.parseFuncArg(t, word);
        }
        // `\text{E}_{z|x}[…]`: the expectation operator typed as text, read like `\mathrm{E}`.
        if (word === 'E' && (this.isOp(this.peek(), '_') || this.isOp(this.peek(), '[') || this.opensParenOrGroup())) return this.sym('E', 'rm', t);
        // `\text{NLL} = -\sum_n \log p(x_n)`, `\nabla_{\mu_k} \text{ELBO}`: an acronym typed as text names a quantity,
        // read like `\mathrm{NLL}` (dropped as words, its formula lost its left side and joined the chain before it).
        // Not in a script: `\hat\mu_{\text{MLE}}` is a decoration.
        if (this.scriptDepth === 0 && QUANTITY_ACRONYM.test(word)) return { kind: 'sym', name: word, font: 'rm', sub: null, decor: null, primes: 0, span: this.span(t) };
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
        // Arguments that are colours or sizes, drawn around the one that counts.
        for (let i = 0; i < colourArguments(t.text); i++) this.rawGroup();
        if (t.text === 'bbox' && this.isOp(this.peek(), '[')) this.skipOptional();
        return this.parseGroupArg();
      }
      case 'accent': {
        this.next();
        const arg = this.parseGroupArg();
        const inner = arg.kind === 'group' && arg.delim === '{' ? arg.body : arg;
        return inner.kind === 'sym' && !inner.accent ? { ...inner, accent: e.accent, span: this.span(t) } : arg;
      }
      case 'ellipsis':
        this.next();
        return { kind: 'ellipsis', span: this.span(t) };
      case 'opaque':
        this.next();
        return { kind: 'opaque', what: e.what, span: this.span(t) };
      case 'opaqueArg': {
        this.next();
        if (this.isOp(this.peek(), '[')) this.skipOptional();
        while (this.isOp(this.peek(), '{')) this.rawGroup();
        return { kind: 'opaque', what: `\\${t.text}`, span: this.span(t) };
      }
      case 'partial':
        // ∂ outside \frac{∂F}{∂v} (`\partial_x f`, `\partial f / \partial x`): written, but not read as a derivative.
        this.next();
        return { kind: 'opaque', what: PARTIAL_OUTSIDE, span: this.span(t) };
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
      case 'openDelim':
        return this.parseDelimited(t, e.open, e.close);
      case 'substack':
        return this.parseSubstack(t);
      case 'literal':
        this.next();
        return { kind: 'text', text: t.text, span: this.span(t) };
      case 'normBar': {
        this.next();
        const body = this.barBody(t);
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
        return this.parseAnnotated(t);
      case 'binop':
        return this.parseLoneOperator(t);
      case 'closeDelim':
        // `\rangle` alone: KaTeX draws it as a symbol.
        this.next();
        return { kind: 'opaque', what: `\\${t.text}`, span: this.span(t) };
      case 'ignore':
        return this.fail(`expected an expression after ${this.describe(t)}`, t);
      case 'right':
        return this.fail(`unmatched ${this.describe(t)}`, t);
      case 'relation': case 'end': case 'setClose': case 'given':
        return this.fail(`expected an expression but found ${this.describe(t)}`, t);
    }
  }

  /** `[…]` after a command (an optional argument): skipped. */
  private skipOptional(): void {
    const open = this.next();
    for (;;) {
      const t = this.next();
      if (t.kind === 'eof') this.fail('expected “]” to close the optional argument', open);
      if (this.isOp(t, ']')) return;
    }
  }

  /** `\overset{a}{b}`, `\underset{\theta}{\arg\max}`, `\stackrel{a}{b}` (relations were merged before parsing). */
  private parseAnnotated(t: Token): Node {
    this.next();
    const note = this.parseGroupArg();
    const body = this.parseGroupArg();
    if (body.kind === 'limitop' && !body.sub && !body.body) {
      // `\underset{\theta}{\arg\max}\, f(\theta)`: the note is the operator's limit; what follows is its body.
      const rest = this.skipIgnored() && this.startsFactor(this.peek()) ? this.parseProduct() : null;
      return { ...body, sub: note, body: rest, span: this.span(t) };
    }
    return { kind: 'annotated', body, note, span: this.span(t) };
  }

  /** `\langle x, y \rangle`, `\lfloor x \rfloor`: a bracketed list with its own closer. */
  private parseDelimited(t: Token, open: string, closeCmd: string): Node {
    this.next();
    const r = this.withBar('none', () => this.parseList((u) => this.isCmd(u, closeCmd)));
    const c = this.peek();
    if (!this.isCmd(c, closeCmd)) this.fail(`expected \\${closeCmd} to close the \\${t.text} but found ${this.describe(c)}`, c);
    this.next();
    return this.listNode(open, c.text, r, t.start);
  }

  /** `\substack{i \\ j \ne i}` under a sum: its rows, as a list. */
  private parseSubstack(t: Token): Node {
    this.next();
    const open = this.peek();
    this.expectOp('{');
    const items: Node[] = [];
    for (;;) {
      const r = this.listWithBar('none', stopBraceOrBreak);
      items.push(...r.items);
      const c = this.peek();
      if (this.isCmd(c, '\\')) {
        this.next();
        continue;
      }
      this.expectOp('}', open);
      break;
    }
    return { kind: 'tuple', open: '', close: '', items, span: this.span(t) };
  }

  /** `\max_{c}`, `\arg\max_\theta`, `\lim_{n\to\infty}` after the name: limits, then the rest of the product as the body. */
  private parseLimitOpRest(t: Token, name: string): Node {
    let sub: Node | null = null;
    let sup: Node | null = null;
    for (let n = 0; n < 4; n++) {
      const s = this.peek();
      if (this.isCmd(s, 'limits') || this.isCmd(s, 'nolimits')) {
        this.next();
      } else if (this.isOp(s, '_') && !sub) {
        this.next();
        sub = this.parseScript(s);
      } else if (this.isOp(s, '^') && !sup) {
        this.next();
        sup = this.parseScript(s);
      } else {
        break;
      }
    }
    const body = this.skipIgnored() && this.startsFactor(this.peek()) ? this.parseProduct() : null;
    return { kind: 'limitop', name, sub, sup, body, span: this.span(t) };
  }

  /** `\int_a^b f\,dx`, `\bigcup_i A_i`: limits, then the rest of the product as the body. */
  private parseLargeOp(t: Token, kind: 'integral' | 'largeop'): Node {
    this.next();
    let lower: Node | null = null;
    let upper: Node | null = null;
    for (let n = 0; n < 4; n++) {
      const s = this.peek();
      if (this.isCmd(s, 'limits') || this.isCmd(s, 'nolimits')) {
        this.next();
      } else if (this.isOp(s, '_') && !lower) {
        this.next();
        lower = this.parseScript(s);
      } else if (this.isOp(s, '^') && !upper) {
        this.next();
        upper = this.parseScript(s);
      } else {
        break;
      }
    }
    const body = this.skipIgnored() && this.startsFactor(this.peek()) ? this.parseProduct() : null;
    return { kind, name: t.text, lower, upper, body, span: this.span(t) };
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
      if (this.isOp(this.peek(), '}')) return { kind: 'empty', span: { start: t.start, end: this.next().end } };
      const r = this.listWithBar('none', stopBrace);
      this.expectOp('}', t);
      return this.listNode('', '', r, t.start);
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
    if (this.isOp(this.peek(), '*')) this.next(); // \operatorname*{argmax}: limits go below
    const open = this.peek();
    let inner: Node;
    if (this.isOp(open, '{')) {
      this.next();
      if (this.isOp(this.peek(), '}')) return { kind: 'empty', span: { start: t.start, end: this.next().end } };
      const r = this.listWithBar('none', stopBrace);
      this.expectOp('}', open);
      inner = this.listNode('', '', r, open.start);
    } else {
      inner = this.parsePrimary();
    }
    // \mathrm{d}, \operatorname{tr}: words that are function names.
    const word = symbolWord(inner);
    if (word !== null && word.length > 1) {
      const w = word.replace(/\s+/g, '');
      if (LIMIT_WORDS.has(w) || ((w === 'max' || w === 'min') && (this.isOp(this.peek(), '_') || this.isCmd(this.peek(), 'limits')))) {
        return this.parseLimitOpRest(t, w);
      }
      if (WORD_FUNCTIONS.has(w)) return this.parseFuncArg(t, w === 'Tr' || w === 'trace' ? 'tr' : w);
      return { kind: 'sym', name: word, font, sub: null, decor: null, primes: 0, span: this.span(t) };
    }
    if (inner.kind === 'sym') return { ...inner, font: font ?? inner.font, span: this.span(t) };
    // \mathbb{1}: the indicator, a symbol (\mathbf{1} and \mathbf{0} stay the numbers they are read as).
    if (inner.kind === 'num' && font === 'bb') return this.sym(inner.text, 'bb', this.span(t));
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
    // `\frac{\partial}{\partial}`: no variable; read as a plain fraction (∂ stays opaque).
    if (denRest.length === 0) return null;
    let wrt: Node;
    /** The second variable of a mixed partial, `\partial \mu_j \, \partial \mu_k` under `\partial^2`. */
    let inner: Node | null = null;
    {
      const p = new Parser([...denRest, eofAfter(denRest, denOpen)], this.depth);
      wrt = p.parseFactor();
      if (order > 1 && wrt.kind === 'pow' && wrt.exp.kind === 'num' && wrt.exp.value === order) {
        // \partial \mu^2 under \partial^2: the square is the order, not the variable.
        wrt = wrt.base;
      }
      // ∂²F/∂a ∂b: ∂/∂a of ∂F/∂b (a function's mixed partials do not depend on the order, where they are continuous).
      if (order === 2 && numD.partial && p.skipIgnored() && p.isCmd(p.peek(), 'partial')) {
        p.next();
        inner = p.parseFactor();
        p.skipIgnored();
      }
      // Mixed partials of an operator (no F), of a higher order, and names the grammar splits (`\partial w5`):
      // a plain fraction, whose ∂ the checker reports as unread.
      if (p.peek().kind !== 'eof') return null;
    }
    let numNode: Node | null = null;
    if (numRest.length > 0) {
      const p = new Parser([...numRest, eofAfter(numRest, numOpen)], this.depth);
      numNode = p.parseExpr();
      p.expectEnd();
    }
    if (inner && !numNode) return null;
    this.pos = denClose + 1;
    const headEnd = this.tokens[denClose].end;
    if (inner && numNode) {
      const span = { start: fracTok.start, end: headEnd };
      const innerNode: DerivNode = { kind: 'deriv', order: 1, partial: true, num: numNode, wrt: inner, operand: null, span };
      return { kind: 'deriv', order: 1, partial: true, num: innerNode, wrt, operand: null, span } satisfies DerivNode;
    }
    const node: DerivNode = {
      kind: 'deriv', order, partial: numD.partial, num: numNode, wrt, operand: null,
      span: { start: fracTok.start, end: headEnd },
    };
    if (numNode) return node;
    node.operand = this.parseOperatorOperand(fracTok, true);
    const last = node.operand[node.operand.length - 1];
    node.span = { start: fracTok.start, end: last.span.end };
    return node;
  }

  /** What an operator (∂/∂v, \log without parentheses) applies to; empty when nothing follows (`\log` named in prose). */
  private parseOperatorOperand(at: Token, derivative = false): Node[] {
    // Spacing after a derivative operator (`\frac{\partial}{\partial \mu_k}\, \log …`) is not the end of it.
    if (derivative) this.skipIgnored();
    const t = this.peek();
    // The operand's first factor is where an operand is expected: a bar opens when its partner follows
    // (`O(\log_2 |V|)`), even inside an application's parentheses, where bars after an operand separate.
    const bar = (t.kind === 'op' || t.kind === 'cmd') && t.text === '|' && t.side === undefined;
    if (bar ? !this.barClosesAhead(t.kind === 'op' ? 'op' : 'cmd') : !this.startsFactor(t)) return [this.emptyAt(at.end)];
    if (this.isBigOp(t)) return [this.parseFactor()];
    // A bracket right after the operator usually delimits what it applies to, but
    // `∂/∂Σ (x-μ)^T Σ^{-1} (x-μ)` does not: collect the run, the evaluator tries both readings.
    const factors: Node[] = [this.parseFactor()];
    // Spacing between factors ends a function's run (`\det \Sigma \, \Sigma^{-1}` is det(Σ)·Σ⁻¹), not a derivative's
    // (`\frac{\partial}{\partial \mu_k}\, \frac{1}{2} \, (x_i - \mu_k)^2`: the evaluator tries the first factor and all).
    // A sum stays in a derivative's run (`\frac{\partial}{\partial \mu_k} \frac{\lambda}{2} \sum_j \mu_j^2`: ∂/∂μ_k of λ/2
    // alone, times the sum, is 0 by no one's reading; the evaluator also tries the first factor alone); a function's
    // run ends there (`\log x \sum_i …`), except after a reciprocal alone: `\log \frac{1}{N_k}\sum_i \gamma_{ik} x_i^2` is the log of
    // the average, as everyone reads it, not log(1/N_k) times the sum.
    const reciprocal = (n: Node | undefined): boolean => n?.kind === 'div' && n.a.kind === 'num' && n.a.value === 1;
    while ((!derivative || this.skipIgnored()) && this.startsFactor(this.peek()) &&
      (derivative || !this.isBigOp(this.peek()) || (factors.length === 1 && reciprocal(factors[0])))) {
      factors.push(this.parseFactor());
    }
    return factors;
  }

  private isBigOp(t: Token): boolean {
    return (t.kind === 'cmd' && lookupCommand(t.text)?.type === 'bigop') || this.greekBigOp(t) !== null;
  }

  /**
   * `\Sigma_{i=1}^n x_i`: the capital letter written where `\sum` is meant (KaTeX draws it
   * inline, but with an index that runs from a start to an end bound nothing else is meant).
   * Only with both an `index = start` subscript and a bound, so Σ_k and Σ_{ij} stay matrices.
   */
  private greekBigOp(t: Token): 'sum' | 'prod' | null {
    if (t.kind !== 'cmd' || (t.text !== 'Sigma' && t.text !== 'Pi')) return null;
    const i = this.tokens.indexOf(t, this.pos);
    if (i < 0) return null;
    const at = (k: number) => this.tokens[i + k];
    // `\Sigma^n_{i=1}`: the bound first, then the same subscript.
    if (at(1) && this.isOp(at(1), '^')) {
      const bound = this.isOp(at(2), '{') ? this.matchBrace(i + 2) : i + 2;
      const b = (k: number) => this.tokens[bound + k];
      if (bound < 0 || bound - i > 40 || !b(1) || !this.isOp(b(1), '_') || !this.isOp(b(2), '{') || b(3)?.kind !== 'letter' || !this.isOp(b(4), '=')) return null;
      return t.text === 'Sigma' ? 'sum' : 'prod';
    }
    if (!at(1) || !this.isOp(at(1), '_') || !this.isOp(at(2), '{') || at(3)?.kind !== 'letter' || !this.isOp(at(4), '=')) return null;
    // A short subscript only (linear on a note full of unclosed `\Sigma_{i=`).
    let close = -1;
    for (let k = i + 5, depth = 1; k < Math.min(this.tokens.length, i + 40) && close < 0; k++) {
      if (this.isOp(this.tokens[k], '{')) depth++;
      else if (this.isOp(this.tokens[k], '}') && --depth === 0) close = k;
    }
    if (close < 0 || !this.tokens[close + 1] || !this.isOp(this.tokens[close + 1], '^')) return null;
    return t.text === 'Sigma' ? 'sum' : 'prod';
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
    // `\exp\!\Bigl(…\Bigr)`: spacing between the name and its argument is only spacing.
    this.skipIgnored();
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
    // `\log_2 x`, `\log_{b} x`: a base; `\log^2 x`: a power of the value (KaTeX draws both on the name).
    let base: Node | null = null;
    let power: Node | null = null;
    for (let n = 0; n < 2; n++) {
      const s = this.peek();
      if (this.isOp(s, '_') && !base) {
        this.next();
        base = this.parseScript(s);
      } else if (this.isOp(s, '^') && !power) {
        this.next();
        power = this.parseScript(s);
      } else {
        break;
      }
    }
    if (base || power) {
      const inner = this.parseFuncArg(t, name);
      let f: Node = inner.kind === 'func' && base ? { ...inner, base } : inner;
      if (base && inner.kind !== 'func') f = inner; // (cannot happen: parseFuncArg returns a function or its power)
      if (power) f = { kind: 'pow', base: f, exp: power, span: this.span(t) };
      return f;
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
    let range: Node | null = null;
    for (let n = 0; n < 4; n++) {
      const s = this.peek();
      if (this.isCmd(s, 'limits') || this.isCmd(s, 'nolimits')) {
        this.next();
        continue;
      }
      if (this.isOp(s, '_') && !lower && !index && !range) {
        this.next();
        const r = this.parseBigOpLower(s);
        index = r.index;
        lower = r.lower;
        range = r.range;
        continue;
      }
      if (this.isOp(s, '^') && !upper) {
        this.next();
        upper = this.parseScript(s);
        continue;
      }
      break;
    }
    // `\sum_{i=1}^N` with nothing after it (named in prose, or a body on the next row): an empty body.
    // Its index letters are bound while the body is read (signedGroupAhead).
    const bound: string[] = [];
    if (index) bound.push(index.name);
    if (range) walk(range, (m) => { if (m.kind === 'sym' && !m.sub && m.name.length === 1) bound.push(m.name); });
    this.bodyIndices.push(...bound);
    let body: Node;
    try {
      body = this.skipIgnored() && this.startsFactor(this.peek()) ? this.parseProduct() : this.emptyAt(this.tokens[Math.max(0, this.pos - 1)].end);
    } finally {
      this.bodyIndices.length -= bound.length;
    }
    const node: BigOpNode = { kind: op, index, lower, upper, body, span: this.span(t) };
    if (range) node.range = range;
    return node;
  }

  /** `_{i=1}`, `_i`, `_{k}`; anything else (`_{j \neq k}`, `_{x_i \in R_m}`, `_{i,j}`) is kept as the range. */
  private parseBigOpLower(at: Token): { index: SymNode | null; lower: Node | null; range: Node | null } {
    const sub = this.parseScript(at);
    if (sub.kind === 'sym') return { index: sub, lower: null, range: null };
    if (sub.kind === 'event' && sub.rels.length === 1 && sub.rels[0] === '=' && sub.items[0].kind === 'sym' && sub.items[1].kind !== 'empty') {
      return { index: sub.items[0], lower: sub.items[1], range: null };
    }
    return { index: null, lower: null, range: sub };
  }

  private parseLeftRight(t: Token): Node {
    this.next();
    const d = this.next();
    if (d.kind === 'eof') this.fail('\\left needs a delimiter', d);
    const open = delimiterOf(d);
    const bars = open === '|' || open === '‖';
    const r = this.listWithBar(bars ? 'stop' : 'none', stopRight);
    if (open === '{' && this.isCmd(this.peek(), '}') && this.isCmd(this.peek(1), 'right') && this.peek(2).text === '.') {
      // `\left\{ … \} \right.`: the brace closed by hand inside an invisible \right. is the set's brace.
      this.next();
      this.next();
      this.next();
      return setNode(r, this.span(t));
    }
    const rt = this.peek();
    if (!this.isCmd(rt, 'right')) this.fail(`expected \\right to close the \\left${d.kind === 'cmd' ? `\\${d.text}` : d.text} but found ${this.describe(rt)}`, rt);
    this.next();
    const closer = this.next();
    if (closer.kind === 'eof') this.fail('\\right needs a delimiter', closer);
    const close = delimiterOf(closer);
    if (bars && !r.given && r.items.length === 1) return { kind: 'abs', body: r.items[0], norm: open === '‖', span: this.span(t) };
    if (open === '{' && close === '}') return setNode(r, this.span(t));
    // `\left\{ … \right.`: cases written with a brace; `\left( … \right)`, `\left. … \right|`: a group.
    const delim = open === '(' || open === '[' || open === '{' || open === '.' ? open : undefined;
    return this.listNode(open, close, r, t.start, delim);
  }

  private parseSet(t: Token): Node {
    return this.parseSetBody(t);
  }

  /** `\{ … \}`: items, and the condition after `|`, `\mid` (`\{x \in X \mid x > 0\}`). */
  private parseSetBody(t: Token): Node {
    this.next();
    const r = this.listWithBar('none', stopSetClose);
    if (!stopSetClose(this.peek())) this.fail('expected \\} to close the set', t);
    this.next();
    return setNode(r, this.span(t));
  }

  private parseEnvironment(t: Token): Node {
    this.next();
    const name = this.rawGroup().text.replace(/\s+/g, '');
    // Layout arguments: array{cc}, alignedat{2}, subarray{c}, matrix*[r].
    if (this.isOp(this.peek(), '[') && !this.peek().space) this.skipOptional();
    if (ENV_WITH_ARGUMENT.has(name) && this.isOp(this.peek(), '{')) this.rawGroup();
    const rows: Node[][] = [[]];
    for (;;) {
      const start = this.peek().start;
      const r = this.listWithBar('none', stopCell);
      rows[rows.length - 1].push(r.items.length === 0 && !r.given ? this.emptyAt(start) : this.listNode('', '', r, start));
      const c = this.peek();
      if (c.kind === 'eof') this.fail(`expected \\end{${name}}`, t);
      this.next();
      if (this.isCmd(c, 'end')) {
        this.rawGroup();
        break;
      }
      if (this.isCmd(c, '\\') || this.isCmd(c, 'cr')) {
        // `\\[4pt]`: extra space after the row break.
        if (this.isOp(this.peek(), '[') && !this.peek().space) this.skipOptional();
        rows.push([]);
      } else if (!this.isOp(c, '&')) {
        this.fail(`unexpected ${this.describe(c)} in the ${name} environment`, c);
      }
    }
    const cleaned = rows.filter((row) => !row.every((c) => c.kind === 'empty'));
    const span = this.span(t);
    if (MATRIX_ENVS.has(name) && cleaned.length > 0 && cleaned.every((row) => row.every(isPlainValue))) {
      const node: Node = { kind: 'matrix', rows: cleaned, span };
      if (name === 'vmatrix') return { kind: 'abs', body: node, norm: false, span };
      return node;
    }
    return { kind: 'env', name, rows: cleaned, span };
  }

  /** A whole side of a relation: an expression, or `A | B` (a conditional written outside parentheses). */
  parseSide(): Node {
    const start = this.peek().start;
    const r = this.parseList(stopEof);
    this.expectEnd();
    return this.listNode('', '', r, start);
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
/** `t`, `t+1`, `t-1`, `0`, `12`: what an iteration's superscript in brackets holds. */
function isIterationMark(n: Node): boolean {
  const letter = (m: Node) => m.kind === 'sym' && !m.sub && m.name.length === 1;
  if (letter(n)) return true;
  if (n.kind === 'num') return Number.isInteger(n.value);
  return (n.kind === 'add' || n.kind === 'sub') && letter(n.a) && n.b.kind === 'num' && n.b.value === 1;
}

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
  if (t.kind === 'cmd' && (t.text === 'mathrm' || t.text === 'operatorname' || t.text === 'text' || t.text === 'textrm' || t.text === 'mbox') &&
      toks[1]?.text === '{' && toks[2]?.text === 'd' && toks[3]?.text === '}') {
    return { partial: false, skip: 4 };
  }
  return null;
}
