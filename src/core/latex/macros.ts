// User macros: `\newcommand{\bx}{\mathbf{x}}`, `\newcommand{\N}[3]{\mathcal{N}(#1 \mid #2, #3)}`,
// `\def\bmu{\boldsymbol\mu}`, written once at the top of a note and used in every formula after it.
// VS Code's Markdown preview (KaTeX with globalGroup) and Obsidian (MathJax) keep a definition for
// the rest of the note, so the checker and our preview do too: a definition takes effect where it
// ends, for the formulas after it and the rest of its own formula.
//
// Written by hand: KaTeX expands macros only inside its own parser, and no library expands them
// while keeping where each character came from. Expansion here works on the lexer's tokens: the
// tokens of a macro's body take the span of the call (`\N{x_i}{\mu_k}{\sigma_k^2}` as a whole), its
// arguments keep their own, so every node the parser builds still points into the note.
//
// Every definition takes effect, as in MathJax (Obsidian), also `\newcommand` of a name KaTeX already
// defines (`\N`, `\R`), which KaTeX refuses (that formula is reported broken with KaTeX's message, and
// KaTeX is given the note's definition for the formulas after it); `\providecommand` defines only a new name.
import katex from 'katex';
import { hashString } from '../util/hash';
import { LatexError } from './errors';
import { MACRO_DEFINITIONS, tokenize, type Token } from './lexer';

export interface Macro {
  name: string;
  /** Number of arguments (#1 … #9). */
  params: number;
  /** Tokens of the first argument's default when it is optional (`\newcommand{\E}[1][x]{…}`), else null. */
  optional: Token[] | null;
  /** The body as tokens (`#` followed by a digit is a parameter). */
  body: Token[];
  /** The definition as written (`\newcommand{\bx}{\mathbf{x}}`), for KaTeX (katexMacros); null inside a formula. */
  source: string | null;
}

/** The macros in force at one place of a note, and a key that changes whenever one of them does. */
export interface MacroTable {
  readonly map: ReadonlyMap<string, Macro>;
  readonly key: string;
}

export const NO_MACROS: MacroTable = { map: new Map(), key: '' };

/** KaTeX's maxExpand where a note's macros are given to it (KaTeX's own default; the renderers use 200 otherwise). */
export const USER_MACRO_EXPANSIONS = 1000;

/** Deepest nesting of calls in one formula: a macro that calls itself (`\def\a{\a x}`) stops here with an error. */
const MAX_NESTING = 32;
/** Most tokens a formula may expand to (a macro that doubles its argument, nested). */
const MAX_EXPANDED_TOKENS = 50_000;

/** Index of the token that closes the brace group opening at i (a `{`), or -1. */
export function groupEnd(tokens: readonly Token[], i: number): number {
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const u = tokens[j];
    if (u.kind === 'eof') return -1;
    if (u.kind === 'op' && u.text === '{') depth++;
    else if (u.kind === 'op' && u.text === '}' && --depth === 0) return j;
  }
  return -1;
}

const isOp = (tokens: readonly Token[], k: number, text: string): boolean => tokens[k]?.kind === 'op' && tokens[k].text === text;

/** A definition read from tokens: what it defines and the index of its last token. */
export interface Definition {
  command: string;
  macro: Macro;
  end: number;
}

/**
 * The macro definition starting at token i (`\newcommand{\ex}[2][x]{…}`, `\newcommand\cd{…}`,
 * `\def\ex#1#2{…}`), or null when it is not written that way (a `\def` with delimited parameters too).
 */
export function readDefinition(tokens: readonly Token[], i: number): Definition | null {
  const command = tokens[i]?.text ?? '';
  if (tokens[i]?.kind !== 'cmd' || !MACRO_DEFINITIONS.has(command)) return null;
  let j = i + 1;
  let name: string;
  let params = 0;
  let optional: Token[] | null = null;
  if (command.endsWith('def')) {
    if (tokens[j]?.kind !== 'cmd') return null;
    name = tokens[j].text;
    j++;
    // The parameter text `#1#2`.
    while (isOp(tokens, j, '#') || tokens[j]?.kind === 'num') {
      if (isOp(tokens, j, '#')) params++;
      j++;
    }
  } else {
    if (isOp(tokens, j, '*')) j++;
    if (isOp(tokens, j, '{')) {
      const e = groupEnd(tokens, j);
      if (e !== j + 2 || tokens[j + 1].kind !== 'cmd') return null;
      name = tokens[j + 1].text;
      j = e + 1;
    } else if (tokens[j]?.kind === 'cmd') {
      name = tokens[j].text;
      j++;
    } else {
      return null;
    }
    for (let n = 0; n < 2 && isOp(tokens, j, '['); n++) {
      const from = j + 1;
      while (j < tokens.length && !isOp(tokens, j, ']') && tokens[j].kind !== 'eof') j++;
      if (!isOp(tokens, j, ']')) return null;
      const inside = tokens.slice(from, j);
      if (n === 0) {
        const count = inside.length === 1 && inside[0].kind === 'num' ? Number(inside[0].text) : NaN;
        if (!(count >= 0 && count <= 9)) return null;
        params = count;
      } else {
        optional = inside;
      }
      j++;
    }
  }
  if (!isOp(tokens, j, '{')) return null;
  const close = groupEnd(tokens, j);
  if (close < 0) return null;
  let body = tokens.slice(j + 1, close);
  if (command === 'DeclareMathOperator') {
    // `\DeclareMathOperator{\tr}{tr}` (amsmath): `\tr` is `\operatorname{tr}` (`\operatorname*` for the starred form).
    const at = tokens[j]!;
    const op = (text: string): Token => ({ kind: 'op', text, start: at.start, end: at.start, space: false });
    body = [{ kind: 'cmd', text: 'operatorname', start: at.start, end: at.start, space: false }, ...(isOp(tokens, i + 1, '*') ? [op('*')] : []), op('{'), ...body, op('}')];
  }
  return { command, end: close, macro: { name, params, optional: params > 0 ? optional : null, body, source: null } };
}

/**
 * What KaTeX is given for a definition as written: `\DeclareMathOperator{\tr}{tr}`, which KaTeX does not know, as the
 * `\newcommand{\tr}{\operatorname{tr}}` it means; any other definition as written.
 */
function katexSource(d: Definition, written: string): string {
  if (d.command !== 'DeclareMathOperator') return written;
  const m = /^\\DeclareMathOperator\s*(\*?)\s*\{?\s*\\([A-Za-z]+)\s*\}?\s*\{([\s\S]*)\}\s*$/.exec(written);
  return m ? `\\newcommand{\\${m[2]}}{\\operatorname${m[1]}{${m[3]}}}` : written;
}

/**
 * Whether a definition takes effect given what is defined (`known`: the note's macros so far). As in
 * MathJax (Obsidian), every definition does, but `\providecommand` of a name already defined: a note
 * that writes `\newcommand{\N}{\mathcal{N}}` means 𝒩 by every later `\N`, though KaTeX refuses to
 * redefine its ℕ (that formula is reported broken, with KaTeX's message, where it stands).
 */
function takesEffect(command: string, name: string, known: ReadonlyMap<string, Macro>): boolean {
  return command !== 'providecommand' || !(known.has(name) || katexDefines(name));
}

const katexParse = (katex as unknown as { __parse?: (tex: string, options: katex.KatexOptions) => unknown }).__parse;
const defined = new Map<string, boolean>();

/**
 * Does KaTeX define the command (a function, symbol or macro of its own)? Asked of KaTeX itself, as its
 * `\newcommand` asks: katexNames.ts lists every control word KaTeX's sources mention, more than it defines.
 */
function katexDefines(name: string): boolean {
  let known = defined.get(name);
  if (known === undefined) {
    try {
      parseWithKatex(`\\newcommand{\\${name}}{}`, {});
      known = false;
    } catch {
      known = true;
    }
    defined.set(name, known);
  }
  return known;
}

function parseWithKatex(tex: string, options: katex.KatexOptions): void {
  if (katexParse) katexParse(tex, { throwOnError: true, strict: 'ignore', ...options });
  else katex.renderToString(tex, { throwOnError: true, strict: 'ignore', ...options });
}

/** What a definition is, for the tables' keys: its name, parameters and body as tokens with their spacing. */
function macroKey(m: Macro): string {
  const tokens = (ts: Token[] | null) => ts?.map((t) => `${t.space ? ' ' : ''}${t.kind[0]}${t.text}`).join('') ?? '';
  return `${m.name}/${m.params}/${tokens(m.optional)}/${tokens(m.body)}`;
}

/**
 * The macros a note defines, by where each takes effect, and the table in force at any offset.
 * Built from the note's math regions (in note order) by noteMacros. Keys are chained one definition
 * at a time and tables built only where asked for: a note of thousands of definitions stays linear.
 */
export class MacroScope {
  private readonly defs: { at: number; macro: Macro; key: string }[] = [];
  private readonly tables = new Map<number, MacroTable>();

  /** `defs` in note order; `at` is where each definition ends. */
  constructor(defs: { at: number; command: string; macro: Macro }[]) {
    const names = new Map<string, Macro>();
    let key = '';
    for (const d of defs) {
      if (!takesEffect(d.command, d.macro.name, names)) continue;
      names.set(d.macro.name, d.macro);
      key = hashString(`${key}\u0000${macroKey(d.macro)}`);
      this.defs.push({ at: d.at, macro: d.macro, key });
    }
  }

  get empty(): boolean {
    return this.defs.length === 0;
  }

  /** The macros defined before `offset`. */
  at(offset: number): MacroTable {
    let lo = 0, hi = this.defs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.defs[mid].at <= offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return NO_MACROS;
    let table = this.tables.get(lo);
    if (!table) {
      const map = new Map<string, Macro>();
      for (let q = 0; q < lo; q++) map.set(this.defs[q].macro.name, this.defs[q].macro);
      table = { map, key: this.defs[lo - 1].key };
      this.tables.set(lo, table);
    }
    return table;
  }
}

/** Formulas that may define a macro (a cheap test before tokenizing them). */
const MAY_DEFINE = /\\(?:(?:renew|provide|new)command|[gex]?def|DeclareMathOperator)(?![A-Za-z])/;

/** The macros a note's math regions define (regions in note order, each with its LaTeX and where it starts). */
export function noteMacros(regions: readonly { latex: string; content: { start: number } }[]): MacroScope {
  const defs: { at: number; command: string; macro: Macro }[] = [];
  for (const r of regions) {
    if (!MAY_DEFINE.test(r.latex)) continue;
    let tokens: Token[];
    try {
      tokens = tokenize([{ start: r.content.start, text: r.latex }]);
    } catch {
      continue; // a broken formula defines nothing (KaTeX stops at the error)
    }
    for (let i = 0; i < tokens.length; i++) {
      const d = readDefinition(tokens, i);
      if (!d) continue;
      d.macro.source = katexSource(d, r.latex.slice(tokens[i].start - r.content.start, tokens[d.end].end - r.content.start));
      defs.push({ at: tokens[d.end].end, command: d.command, macro: d.macro });
      i = d.end;
    }
  }
  return new MacroScope(defs);
}

/** Does the LaTeX call one of the table's macros (a cheap test on the text)? */
export function callsMacro(text: string, table: MacroTable): boolean {
  for (const name of table.map.keys()) {
    let at = text.indexOf(`\\${name}`);
    while (at >= 0) {
      const next = text.charCodeAt(at + 1 + name.length);
      // `\bx` is not called by `\bxi`: a control word ends at the first non-letter.
      const letter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
      if (!letter || !/^[A-Za-z]/.test(name)) return true;
      at = text.indexOf(`\\${name}`, at + 1);
    }
  }
  return false;
}

/** The table when the LaTeX calls one of its macros, else NO_MACROS: what a parse or a render of it depends on. */
export function macrosCalled(text: string, table: MacroTable): MacroTable {
  return table.map.size > 0 && callsMacro(text, table) ? table : NO_MACROS;
}

const inOrder = new WeakMap<Macro, boolean>();

/** Does the body use each parameter at most once, in increasing order? */
function argumentsInOrder(m: Macro): boolean {
  let known = inOrder.get(m);
  if (known === undefined) {
    let last = 0;
    known = true;
    for (let b = 0; b + 1 < m.body.length; b++) {
      if (!(m.body[b].kind === 'op' && m.body[b].text === '#' && m.body[b + 1].kind === 'num')) continue;
      const n = Number(m.body[b + 1].text[0]);
      if (n <= last) known = false;
      last = n;
    }
    inOrder.set(m, known);
  }
  return known;
}

const katexTables = new Map<string, NonNullable<katex.KatexOptions['macros']>>();

/**
 * Macros KaTeX is always given: amsmath's `\DeclareMathOperator{\tr}{tr}` (KaTeX has no such command), so that the
 * formula that declares one draws (as nothing, like `\newcommand`) instead of showing as broken.
 */
function baseKatexMacros(): NonNullable<katex.KatexOptions['macros']> {
  return { '\\DeclareMathOperator': '\\def#1{\\operatorname{#2}}' };
}

/**
 * What KaTeX is given for a formula under the macros in force: the formula (`\DeclareMathOperator*` without its star,
 * the limits the base macro takes no argument for) and the macros (the base ones and the note's).
 */
export function katexInput(tex: string, table: MacroTable): { tex: string; macros: NonNullable<katex.KatexOptions['macros']> } {
  return {
    tex: tex.includes('\\DeclareMathOperator') ? tex.replace(/\\DeclareMathOperator\s*\*/g, '\\DeclareMathOperator') : tex,
    macros: table.map.size > 0 ? { ...baseKatexMacros(), ...katexMacros(table) } : baseKatexMacros(),
  };
}

/**
 * KaTeX's `macros` option for the table (a fresh copy each time: KaTeX adds to it), made by KaTeX itself
 * from the definitions as written, so that it reads them as it would in the formula (argument counts,
 * `#2` without `#1`, delimited `\def`). A definition KaTeX refuses as written (`\newcommand` of its own
 * `\N`) is given as `\renewcommand`, so that the rest of the note draws what the note means.
 */
export function katexMacros(table: MacroTable): NonNullable<katex.KatexOptions['macros']> {
  let made = katexTables.get(table.key);
  if (!made) {
    made = {};
    for (const m of table.map.values()) {
      if (m.source === null) continue;
      const swapped = m.source.replace(/^\\(re)?newcommand/, (_w, re: string | undefined) => (re ? '\\newcommand' : '\\renewcommand'));
      for (const src of [m.source, swapped]) {
        try {
          parseWithKatex(src, { macros: made, globalGroup: true });
          break;
        } catch {
          // Not as written: try the other form; else KaTeX draws the calls as unknown.
        }
      }
    }
    if (katexTables.size > 256) katexTables.clear();
    katexTables.set(table.key, made);
  }
  return { ...made };
}

/**
 * The tokens with every call of a macro replaced by its body, its arguments put in (also the macros
 * the formula itself defines, from where each definition ends), in one pass: a call's body is expanded
 * in turn, one level deeper. The definitions stay in the stream (the parser drops them). Body tokens
 * stand at the call's place and are marked `expanded`; arguments keep their own when the body uses each
 * once, in order. A call with its arguments missing, or calls nested past MAX_NESTING (a macro calling
 * itself), is a LatexError at the call.
 */
export function expandMacros(input: Token[], table: MacroTable): Token[] {
  const state = { macros: table.map, produced: 0 };
  return expandList(input, state, 0);
}

function expandList(tokens: Token[], state: { macros: ReadonlyMap<string, Macro>; produced: number }, depth: number): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'cmd') { out.push(t); continue; }
    if (MACRO_DEFINITIONS.has(t.text)) {
      const d = readDefinition(tokens, i);
      if (d) {
        if (takesEffect(d.command, d.macro.name, state.macros)) state.macros = new Map(state.macros).set(d.macro.name, d.macro);
        for (let q = i; q <= d.end; q++) out.push(tokens[q]);
        i = d.end;
        continue;
      }
    }
    const m = state.macros.get(t.text);
    if (!m) { out.push(t); continue; }
    if (depth >= MAX_NESTING) throw new LatexError(`the macro \\${m.name} calls itself (calls nest more than ${MAX_NESTING} deep)`, { start: t.start, end: t.end });
    const { args, next } = callArguments(tokens, i, m);
    const end = next > i + 1 ? tokens[next - 1].end : t.end;
    const expanded = expandList(substitute(m, args, t, end), state, depth + 1);
    state.produced += expanded.length;
    if (state.produced > MAX_EXPANDED_TOKENS) throw new LatexError(`the macro \\${m.name} expands to more than ${MAX_EXPANDED_TOKENS} tokens`, { start: t.start, end: t.end });
    for (const u of expanded) out.push(u);
    i = next - 1;
  }
  return out;
}

/** The arguments of the call of `m` at token i, and the index after them. */
function callArguments(tokens: Token[], i: number, m: Macro): { args: Token[][]; next: number } {
  const t = tokens[i];
  const args: Token[][] = [];
  let j = i + 1;
  for (let a = 0; a < m.params; a++) {
    if (a === 0 && m.optional) {
      if (isOp(tokens, j, '[')) {
        const from = j + 1;
        let depth = 0;
        while (j < tokens.length && tokens[j].kind !== 'eof' && !(depth === 0 && j >= from && isOp(tokens, j, ']'))) {
          if (isOp(tokens, j, '{')) depth++;
          else if (isOp(tokens, j, '}')) depth--;
          j++;
        }
        if (!isOp(tokens, j, ']')) throw new LatexError(`the optional argument of \\${m.name} is not closed with “]”`, { start: t.start, end: t.end });
        args.push(tokens.slice(from, j));
        j++;
      } else {
        // The default, written in the definition: at the call's place.
        args.push(m.optional.map((u) => ({ ...u, start: t.start, end: t.end, expanded: true })));
      }
      continue;
    }
    const u = tokens[j];
    if (!u || u.kind === 'eof' || (u.kind === 'op' && u.text === '}')) {
      throw new LatexError(`\\${m.name} takes ${m.params} argument${m.params === 1 ? '' : 's'} and ${a === 0 ? 'none' : `only ${a}`} follow${a === 1 ? 's' : ''}`, { start: t.start, end: t.end });
    }
    if (u.kind === 'op' && u.text === '{') {
      const e = groupEnd(tokens, j);
      if (e < 0) throw new LatexError(`an argument of \\${m.name} is not closed with “}”`, { start: u.start, end: u.end });
      args.push(tokens.slice(j + 1, e));
      j = e + 1;
    } else {
      args.push([u]);
      j++;
    }
  }
  return { args, next: j };
}

/** The body of `m` with the arguments put in, at the call's place [t.start, end). */
function substitute(m: Macro, args: Token[][], t: Token, end: number): Token[] {
  // Arguments keep their own places when the body uses each once, in order (so spans grow along
  // the formula); otherwise (`#2 … #1`, `#1^\top #1`) they take the call's place like the body.
  const own = argumentsInOrder(m);
  const out: Token[] = [];
  const body = m.body;
  for (let b = 0; b < body.length; b++) {
    const bt = body[b];
    if (bt.kind === 'op' && bt.text === '#' && body[b + 1]?.kind === 'num') {
      const digits = body[b + 1].text;
      const arg = args[Number(digits[0]) - 1];
      if (arg) {
        for (let q = 0; q < arg.length; q++) {
          const space = q === 0 ? bt.space || arg[q].space : arg[q].space;
          out.push(own ? { ...arg[q], space } : { ...arg[q], start: t.start, end, space, expanded: true });
        }
      }
      if (digits.length > 1) out.push({ kind: 'num', text: digits.slice(1), start: t.start, end, space: false, expanded: true });
      b++;
      continue;
    }
    out.push({ ...bt, start: t.start, end, expanded: true });
  }
  if (out.length) out[0] = { ...out[0], space: t.space };
  return out;
}
