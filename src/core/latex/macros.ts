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
import { hashString } from '../util/hash';
import { LatexError } from './errors';
import katex from 'katex';
import { MACRO_DEFINITIONS, tokenize, type Token } from './lexer';

export interface Macro {
  name: string;
  /** Number of arguments (#1 … #9). */
  params: number;
  /** Tokens of the first argument's default when it is optional (`\newcommand{\E}[1][x]{…}`), else null. */
  optional: Token[] | null;
  /** The body as tokens (`#` followed by a digit is a parameter). */
  body: Token[];
  /** The body as written, for KaTeX's `macros` option (null when KaTeX cannot take it as a string: an optional argument). */
  bodyText: string | null;
}

/** The macros in force at one place of a note, and a key that changes whenever one of them does. */
export interface MacroTable {
  readonly map: ReadonlyMap<string, Macro>;
  readonly key: string;
}

export const NO_MACROS: MacroTable = { map: new Map(), key: '' };

/** Most expansions in one formula: a macro that calls itself (`\def\a{\a x}`) stops here with an error. */
const MAX_EXPANSIONS = 2000;
/** Most tokens a formula may expand to. */
const MAX_EXPANDED_TOKENS = 50_000;

/** Index of the token that closes the brace group opening at i, or -1. */
function groupEnd(tokens: readonly Token[], i: number): number {
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
  /** Span of the body's text inside the braces (for bodyText). */
  bodySpan: { start: number; end: number };
  end: number;
}

/**
 * The macro definition starting at token i (`\newcommand{\ex}[2][x]{…}`, `\newcommand\cd{…}`,
 * `\def\ex#1#2{…}`), or null when it is not written that way.
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
  const body = tokens.slice(j + 1, close);
  return {
    command, end: close,
    bodySpan: { start: tokens[j].end, end: tokens[close].start },
    macro: { name, params, optional: params > 0 ? optional : null, body, bodyText: null },
  };
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
      if (katexParse) katexParse(`\\newcommand{\\${name}}{}`, { throwOnError: true, strict: 'ignore' });
      else katex.renderToString(`\\newcommand{\\${name}}{}`, { throwOnError: true, strict: 'ignore' });
      known = false;
    } catch {
      known = true;
    }
    defined.set(name, known);
  }
  return known;
}

function macroKey(m: Macro): string {
  return `${m.name}/${m.params}/${m.optional?.map((t) => t.text).join(' ') ?? ''}/${m.body.map((t) => `${t.kind[0]}${t.text}`).join(' ')}`;
}

/**
 * The macros a note defines, by where each takes effect, and the table in force at any offset.
 * Built from the note's math regions (in note order) by noteMacros.
 */
export class MacroScope {
  private readonly tables: { at: number; table: MacroTable }[] = [];

  /** `defs` in note order; `at` is where each definition ends. */
  constructor(defs: { at: number; command: string; macro: Macro }[]) {
    let map = new Map<string, Macro>();
    for (const d of defs) {
      if (!takesEffect(d.command, d.macro.name, map)) continue;
      map = new Map(map).set(d.macro.name, d.macro);
      this.tables.push({ at: d.at, table: { map, key: hashString([...map.values()].map(macroKey).join('\u0000')) } });
    }
  }

  get empty(): boolean {
    return this.tables.length === 0;
  }

  /** The macros defined before `offset`. */
  at(offset: number): MacroTable {
    let lo = 0, hi = this.tables.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tables[mid].at <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? NO_MACROS : this.tables[lo - 1].table;
  }
}

/** Formulas that may define a macro (a cheap test before tokenizing them). */
const MAY_DEFINE = /\\(?:(?:renew|provide|new)command|[gex]?def)(?![A-Za-z])/;

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
      const m = d.macro;
      m.bodyText = m.optional ? null : r.latex.slice(d.bodySpan.start - r.content.start, d.bodySpan.end - r.content.start);
      defs.push({ at: tokens[d.end].end, command: d.command, macro: m });
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

/** KaTeX's `macros` option for the table: `{ '\\bx': '\\mathbf{x}' }` (a copy: KaTeX adds to it). */
export function katexMacros(table: MacroTable): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of table.map.values()) if (m.bodyText !== null) out[`\\${m.name}`] = m.bodyText;
  return out;
}

/**
 * The tokens with every call of a macro replaced by its body, its arguments put in (also the macros
 * the formula itself defines, from where each definition ends). The definitions stay in the stream
 * (the parser drops them). A call with its arguments missing, or a macro that never stops expanding,
 * is a LatexError at the call.
 */
export function expandMacros(input: Token[], table: MacroTable): Token[] {
  let macros = table.map;
  let tokens = input;
  let expansions = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'cmd') continue;
    if (MACRO_DEFINITIONS.has(t.text)) {
      const d = readDefinition(tokens, i);
      if (!d) continue;
      if (takesEffect(d.command, d.macro.name, macros)) macros = new Map(macros).set(d.macro.name, d.macro);
      i = d.end;
      continue;
    }
    const m = macros.get(t.text);
    if (!m) continue;
    if (++expansions > MAX_EXPANSIONS || tokens.length > MAX_EXPANDED_TOKENS) {
      throw new LatexError(`the macro \\${m.name} keeps expanding (it calls itself)`, { start: t.start, end: t.end });
    }
    const args: Token[][] = [];
    let j = i + 1;
    for (let a = 0; a < m.params; a++) {
      if (a === 0 && m.optional) {
        if (isOp(tokens, j, '[')) {
          const from = j + 1;
          let depth = 0;
          while (j < tokens.length && tokens[j].kind !== 'eof' && !(depth === 0 && j > from - 1 && isOp(tokens, j, ']'))) {
            if (isOp(tokens, j, '{')) depth++;
            else if (isOp(tokens, j, '}')) depth--;
            j++;
          }
          if (!isOp(tokens, j, ']')) throw new LatexError(`the optional argument of \\${m.name} is not closed with “]”`, { start: t.start, end: t.end });
          args.push(tokens.slice(from, j));
          j++;
        } else {
          args.push(m.optional);
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
    const end = j > i + 1 ? tokens[j - 1].end : t.end;
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
            out.push(own ? { ...arg[q], space } : { ...arg[q], start: t.start, end, space });
          }
        }
        if (digits.length > 1) out.push({ kind: 'num', text: digits.slice(1), start: t.start, end, space: false });
        b++;
        continue;
      }
      out.push({ ...bt, start: t.start, end });
    }
    if (out.length) out[0] = { ...out[0], space: t.space };
    // Rescanned from the call's place: the body may call macros itself.
    tokens = [...tokens.slice(0, i), ...out, ...tokens.slice(j)];
    i--;
  }
  return tokens;
}
