// Turns math regions into statements: the formulas the LaTeX parser reads.
// Environments (aligned, gather, …) are split into rows on \\, prose and
// layout (\text{…}, \quad, &, step labels "1.", \tag, trailing punctuation)
// are blanked to spaces so every offset stays exact, and rows that continue
// an earlier row ("= …", "\left. + …") are joined to it, also across display
// regions ($$a = b$$ followed by $$= c$$).

import { lineStarts, normalizeSameLength } from './regions';
import { BoundedCache, stringBytes } from '../util/boundedCache';
import { QUANTITY_ACRONYM } from '../util/acronyms';
import { TEXT_FUNCTIONS } from '../latex/grammar';
import type { MathRegion, Segment, Statement } from '../types';

/** Environments whose rows are separate formulas (their \\ and & are layout). */
const SPLITTING = new Set([
  'aligned', 'align', 'align*', 'alignat', 'alignat*', 'alignedat', 'flalign', 'flalign*',
  'gather', 'gather*', 'gathered', 'split', 'eqnarray', 'eqnarray*', 'multline', 'multline*', 'equation', 'equation*',
]);
/** Commands whose argument is prose (unless used as a name: in a script, or before "("). */
const PROSE = new Set(['text', 'textbf', 'textit', 'textrm', 'textsf', 'texttt', 'textnormal', 'textup', 'mbox', 'hbox', 'intertext', 'shortintertext']);
/** Equation labels and numbering: blanked with their argument. */
const LABELS = new Set(['tag', 'label', 'textcircled']);
const LABELS_NO_ARG = new Set(['nonumber', 'notag']);
/** Horizontal space; \quad and \qquad also separate formulas written on one row ("a = b, \quad k = 1"). */
const SPACING = new Set(['quad', 'qquad', 'enspace', 'thinspace', 'medspace', 'thickspace', 'negthinspace']);
/**
 * Spacing blanked like prose: the control space (word spacing next to prose) and `\>`.
 * `\,` `\;` `\:` `\!` stay: the parser skips them between factors, and they end an
 * operator's argument (`\det \Sigma_k \, \Sigma_k^{-1}` is det(Σ_k)·Σ_k⁻¹, not det(Σ_k Σ_k⁻¹)).
 */
const SPACING_SYMBOLS = new Set([' ', '>']);
/** A row starting with one of these continues the chain of an earlier row. */
const RELATIONS = new Set(['le', 'leq', 'ge', 'geq', 'approx', 'equiv', 'propto', 'neq', 'ne', 'simeq', 'leqslant', 'geqslant', 'coloneqq']);
/** A row starting with one of these continues the previous row's expression. */
const OPERATORS = new Set(['cdot', 'times', 'pm', 'mp']);
/** An arrow with nothing after it ("… \rightarrow (\text{remark})", "\quad \rightarrow \textcircled{1}") says nothing. */
const ARROWS = new Set(['rightarrow', 'to', 'Rightarrow', 'implies', 'longrightarrow', 'Longrightarrow', 'iff', 'Leftrightarrow']);
// (With the full-width ones Chinese and Japanese notes end their formulas with: ，。；：．)
const PUNCTUATION = '.,;:，。；：．';
/** How many rows one bracket may span (`(a, \\ b, \\ c)`); an unclosed one is a typo, not a longer formula. */
const ROWS_PER_BRACKET = 8;

const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isWhite = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** A place inside a row where prose or \quad sits at the row's top level. */
interface Mark {
  at: number;
  prose: boolean;
}

interface Row {
  start: number;
  end: number;
  marks: Mark[];
}

interface Env {
  name: string;
  /** Rows of this environment are split (it is a splitting environment at row level). */
  splits: boolean;
  brace: number;
  left: number;
}

/**
 * Pass 1 over one region's LaTeX: finds rows, blanks layout and prose, and
 * notes where prose and \quad sit at row level. Brace, \left…\right and
 * environment depth decide what is row level: a matrix's or cases' \\ and &
 * are kept, as is anything inside a group.
 */
class Layout {
  readonly blank: Uint8Array;
  readonly rows: Row[] = [];
  private marks: Mark[] = [];
  private rowStart = 0;
  private brace = 0;
  private left = 0;
  /** Brackets opened in prose (`\text{(since }`) and not closed there: the next `)` outside any bracket closes one. */
  private proseParens = 0;
  /**
   * Open (, [, \{ and \langle of the current row (without \left): prose and \quad inside them
   * (`E(\text{e}^{x})`, `\{P \mid …, \quad i = 1, …\}`) belong to the bracket, not between formulas.
   */
  private paren = 0;
  /** Inside `|…|` of the current row (an odd number of plain bars outside brackets so far): prose there is the bars' (`|\text{"e"} - y|`). */
  private bar = false;
  private readonly envs: Env[] = [];
  /** For each open brace: is it a sub/superscript group (or inside one)? */
  private readonly groups: boolean[] = [];

  constructor(private readonly s: string) {
    this.blank = new Uint8Array(s.length);
    this.scan();
    this.rows.push({ start: this.rowStart, end: s.length, marks: this.marks });
    this.blankEmptyParens();
  }

  private atRowLevel(): boolean {
    const env = this.envs[this.envs.length - 1];
    if (!env) return this.brace === 0 && this.left === 0;
    return env.splits && this.brace === env.brace && this.left === env.left;
  }

  private inScript(): boolean {
    return this.groups.length > 0 && this.groups[this.groups.length - 1];
  }

  private blankRange(from: number, to: number): void {
    this.blank.fill(1, from, Math.min(to, this.s.length));
  }

  /** End of the argument starting at `i` (after spaces): a {group}, a command, or one character. */
  private argEnd(i: number): number {
    const s = this.s;
    while (i < s.length && isWhite(s[i])) i++;
    if (i >= s.length) return i;
    if (s[i] === '\\') return this.commandEnd(i);
    if (s[i] !== '{') return i + 1;
    const end = groupEnd(s, i, s.length);
    return end < 0 ? s.length : end;
  }

  private commandEnd(i: number): number {
    let k = i + 1;
    if (k < this.s.length && !isLetter(this.s[k])) return k + 1;
    while (k < this.s.length && isLetter(this.s[k])) k++;
    return k;
  }

  /**
   * [t] of aligned, {n} of alignat: the environment's own arguments. Only a position letter is
   * an option (`\begin{align}[\sum_i …]'` starts its first row with a bracket; KaTeX draws
   * even `[t]` as written, but there LaTeX's option is what the author meant).
   */
  private envArgsEnd(name: string, i: number): number {
    const s = this.s;
    let k = i;
    while (k < s.length && isWhite(s[k])) k++;
    const option = /^\[\s*[tbc]\s*\]/.exec(s.slice(k, k + 8));
    if (option) return k + option[0].length;
    if ((name.startsWith('alignat') || name === 'array') && s[k] === '{') return this.argEnd(k);
    return i;
  }

  /**
   * A `cases` or `array` environment that is the whole formula and holds one equation per row: a system
   * (`\begin{cases} μ_k = … \\ π_k = … \end{cases}`, `\begin{array}{rcl} a &=& b \\ … \end{array}`,
   * also inside `\left\{ … \right.`), whose rows are formulas as an align's are. Not a piecewise definition
   * (`1 & \text{if} …`: its rows' relations, if any, come after the `&`), nor a matrix.
   */
  private isSystem(name: string, i: number, argEnd: number): boolean {
    if (name !== 'cases' && name !== 'array') return false;
    const s = this.s;
    const close = s.indexOf(`\\end{${name}}`, argEnd);
    if (close < 0 || s.indexOf(`\\begin{${name}}`, argEnd) >= 0 && s.indexOf(`\\begin{${name}}`, argEnd) < close) return false;
    // Nothing before it but `\left\{` or `\left.` (blanked here with its `\right.`), nothing after it but that `\right`.
    const before = s.slice(0, i).trim();
    const after = s.slice(close + name.length + 6).trim();
    const fenced = /^\\left\s*(?:\\\{|\.)$/.test(before) && /^\\right\s*(?:\.|\\\})\s*[.,;]?$/.test(after);
    if (!(before === '' && /^[.,;]?$/.test(after) && this.left === 0) && !(fenced && this.left === 1)) return false;
    let body = s.slice(argEnd, close);
    if (name === 'array') {
      const spec = /^\s*\{([^{}]*)\}/.exec(body);
      if (!spec || !/^[lcr|\s]+$/.test(spec[1]!)) return false;
      body = body.slice(spec[0].length);
    }
    const rows = body.split(/\\\\(?:\[[^\]]*\])?/).map((r) => r.trim()).filter(Boolean);
    if (rows.length < 2) return false;
    // One equation per row: with no `&`, a relation anywhere; with one, right after the first (`a &= b`, `a &=& b`).
    // A piecewise definition's rows put a value or an equation, then a condition or prose, in their cells
    // (`1 & k = j`, `r_{ik} = 1 & \text{if } …`), and a matrix of equations (`a = 1 & b = 0`) is no system either.
    const relationFirst = (row: string) => {
      const amp = row.indexOf('&');
      if (amp < 0) return /(^|[^\\<>!])=|\\(?:approx|le|leq|ge|geq|propto|equiv)\b/.test(row) && !/\\text/.test(row);
      return /^(?:=|\\(?:approx|le|leq|ge|geq|propto|equiv)\b)/.test(row.slice(amp + 1).trimStart()) && !/\\text/.test(row.slice(0, amp));
    };
    if (!rows.every(relationFirst)) return false;
    if (fenced) {
      // The brace only groups the rows: without it they are at row level.
      this.left = 0;
      this.blankRange(0, i);
      const r = s.indexOf('\\right', close);
      this.blankRange(r, s.length);
    }
    return true;
  }

  /** Row level, outside any bracket: where prose and \quad separate formulas. */
  private atMarkLevel(): boolean {
    return this.paren === 0 && !this.bar && this.atRowLevel();
  }

  /** Where the row's first row-level `&` is, and how many the row has so far. */
  private rowAmp = -1;
  private rowAmps = 0;

  private newRow(sepStart: number, sepEnd: number): void {
    this.rowAmp = -1;
    this.rowAmps = 0;
    this.rows.push({ start: this.rowStart, end: sepStart, marks: this.marks });
    this.marks = [];
    this.proseParens = 0;
    this.paren = 0;
    this.bar = false;
    this.rowStart = sepEnd;
  }

  private scan(): void {
    const s = this.s;
    let script = false; // the previous token was _ or ^
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (c === '\\') {
        i = this.command(i, script);
        script = false;
      } else if (c === '{') {
        this.groups.push(script || this.inScript());
        this.brace++;
        script = false;
        i++;
      } else if (c === '}') {
        this.groups.pop();
        this.brace = Math.max(0, this.brace - 1);
        script = false;
        i++;
      } else if (c === '_' || c === '^') {
        script = true;
        i++;
      } else if (c === '(' || c === '[') {
        this.paren++;
        script = false;
        i++;
      } else if (c === ')' && this.paren === 0 && this.proseParens > 0) {
        // `\text{(since } \sum_k γ_{ik} = 1)`: the bracket the prose opened closes here; both are the remark's.
        this.blank[i] = 1;
        this.proseParens--;
        i++;
      } else if (c === ')' || c === ']') {
        this.paren = Math.max(0, this.paren - 1);
        script = false;
        i++;
      } else if (c === '|') {
        if (this.paren === 0 && this.atRowLevel()) this.bar = !this.bar;
        script = false;
        i++;
      } else if (c === '&') {
        if (this.atRowLevel()) {
          this.blank[i] = 1;
          // `a &= b && {\color{red}\text{TA: now } \sigma_k^4}`, `a &= b & c &= d`: the row's second `&` ends the equation
          // (align's columns come in pairs); what follows is a remark or another equation, never more of its right side.
          // (Not eqnarray's `a &=& b`, whose middle column holds the relation alone.)
          // (The second `&` only: a row of many is looked at once, not once per `&`.)
          if (this.rowAmps === 1 && s.slice(this.rowAmp + 1, i).trim().length > 2 && this.atMarkLevel()) this.marks.push({ at: i, prose: true });
          if (this.rowAmps++ === 0) this.rowAmp = i;
        }
        script = false;
        i++;
      } else if (c === '%') {
        // A TeX comment runs to the end of the line.
        const nl = s.indexOf('\n', i);
        const end = nl < 0 ? s.length : nl;
        this.blankRange(i, end);
        i = end;
      } else {
        if (!isWhite(c)) script = false;
        i++;
      }
    }
  }

  /** Handles the command at `i` (a backslash); returns where scanning resumes. */
  private command(i: number, script: boolean): number {
    const s = this.s;
    const end = this.commandEnd(i);
    const name = s.slice(i + 1, end);
    if (!isLetter(name[0] ?? '')) {
      if (name === '\\' && this.atRowLevel()) {
        // \\[2pt] carries a spacing argument.
        const extra = /^\[\s*-?[\d.]+\s*(pt|em|ex|mm|cm|in|mu)\s*\]/.exec(s.slice(end, end + 24));
        const sepEnd = end + (extra ? extra[0].length : 0);
        this.blankRange(i, sepEnd);
        this.newRow(i, sepEnd);
        return sepEnd;
      }
      if (SPACING_SYMBOLS.has(name)) this.blankRange(i, end);
      if (name === '{') this.paren++;
      if (name === '}') this.paren = Math.max(0, this.paren - 1);
      return end;
    }
    if (name === 'lbrace' || name === 'langle') this.paren++;
    if (name === 'rbrace' || name === 'rangle') this.paren = Math.max(0, this.paren - 1);
    if (name === 'begin' || name === 'end') return this.environment(i, end, name === 'begin');
    if (name === 'left' || name === 'right') {
      this.left = Math.max(0, this.left + (name === 'left' ? 1 : -1));
      return this.argEnd(end); // the delimiter: "\left." is not punctuation
    }
    if ((name === 'intertext' || name === 'shortintertext') && this.atRowLevel()) {
      // Text between two rows of an align (amsmath ends the row before it): the row after it starts anew,
      // whether or not a \\ precedes it, and a chain there is the one a later `&= …` continues.
      const argEnd = this.argEnd(end);
      this.blankRange(i, argEnd);
      this.newRow(i, argEnd);
      return argEnd;
    }
    if (PROSE.has(name)) {
      const argEnd = this.argEnd(end);
      // `\text{E}_{z|x}[…]`, `\text{Var}[x]`: a short word with a script or a bracket after it names an operator.
      const word = s.slice(end, argEnd).replace(/^\s*\{|\}\s*$/g, '').trim();
      // `… + \text{constant}`: an unspecified additive constant is a term of the sum, not prose.
      const constant = /^(const\.?|constant|cst|Const\.?|Constant)$/.test(word) && /[+-]\s*$/.test(s.slice(0, i));
      // `\text{NLL} = …`, `\nabla_{\mu_k}\text{ELBO}`: an acronym in the formula names a quantity; not one set apart
      // (after `\quad`, `\;`, `~` or a comma), nor one that labels (LHS, MLE, EM: QUANTITY_ACRONYM).
      const acronym = QUANTITY_ACRONYM.test(word) && !/(?:\\q?quad|\\[;: ]|~|(?<!\\),)\s*$/.test(s.slice(0, i));
      // `\text{exp}\left(…\right)`, `\text{log}\,\mathcal{N}`: a function's name set upright in text, whatever follows it;
      // `\frac{\text{d}\ell}{\text{d}\sigma_k}`: the differential's d.
      const fn = TEXT_FUNCTIONS.has(word) || (word === 'd' && /^\s*\\?[A-Za-z]/.test(s.slice(argEnd)));
      const isName = script || this.inScript() || constant || acronym || fn || s[argEnd] === '(' || (/^[A-Za-z]{1,4}$/.test(word) && /^[_^[]/.test(s.slice(argEnd).trimStart()));
      if (!isName) {
        this.blankRange(i, argEnd);
        // (`\text{ }`, a space a word processor wrote as text: spacing, which ends nothing.)
        if (!word) return argEnd;
        let open = 0;
        for (const ch of word) open = ch === '(' ? open + 1 : ch === ')' ? Math.max(0, open - 1) : open;
        this.proseParens += open;
        if (this.atMarkLevel()) this.marks.push({ at: i, prose: true });
      }
      return argEnd;
    }
    if (LABELS.has(name)) {
      const argEnd = this.argEnd(s[end] === '*' ? end + 1 : end);
      this.blankRange(i, argEnd);
      return argEnd;
    }
    if (LABELS_NO_ARG.has(name) || SPACING.has(name)) {
      this.blankRange(i, end);
      if ((name === 'quad' || name === 'qquad') && this.atMarkLevel()) this.marks.push({ at: i, prose: false });
      return end;
    }
    return end;
  }

  private environment(i: number, end: number, begin: boolean): number {
    const argEnd = this.argEnd(end);
    const name = this.s.slice(end, argEnd).replace(/[{}\s]/g, '');
    if (begin) {
      const splits = SPLITTING.has(name) ? this.atRowLevel() : this.envs.length === 0 && this.brace === 0 && this.isSystem(name, i, argEnd);
      this.envs.push({ name, splits, brace: this.brace, left: this.left });
      if (!splits) return argEnd;
      const argsEnd = this.envArgsEnd(name, argEnd);
      this.blankRange(i, argsEnd);
      return argsEnd;
    }
    const at = this.envs.map((e) => e.name).lastIndexOf(name);
    if (at < 0) return argEnd;
    const env = this.envs[at];
    this.envs.length = at;
    if (env.splits) this.blankRange(i, argEnd);
    return argEnd;
  }

  /** "( \text{remark} )": parentheses around blanked prose only are prose too. */
  private blankEmptyParens(): void {
    const s = this.s;
    for (let i = s.indexOf('('); i >= 0; i = s.indexOf('(', i + 1)) {
      if (this.blank[i]) continue;
      let k = i + 1;
      let blanked = false;
      while (k < s.length && (this.blank[k] || isWhite(s[k]))) {
        blanked ||= this.blank[k] === 1;
        k++;
      }
      if (blanked && s[k] === ')') {
        this.blank[i] = 1;
        this.blank[k] = 1;
      }
      i = k - 1;
    }
  }
}

/** How a row's formula begins, which decides whether it continues an earlier row. */
type Opening = 'relation' | 'operator' | 'other';

interface Part {
  start: number;
  end: number;
  proseBefore: boolean;
}

/** One region analysed on its own. */
interface Analysis {
  statements: Statement[];
  /** The statement made of the region's first row when that row starts with a relation and had nothing to continue. */
  leading: Statement | null;
  /** The statement a later "= …" would continue. */
  lastChain: Statement | null;
}

class RegionStatements {
  private readonly s: string;
  private readonly blank: Uint8Array;
  /** Count of math characters (not blanked, not space) before each offset. */
  private readonly mathBefore: Uint32Array;

  constructor(private readonly region: MathRegion, quoteDepth = 0) {
    this.s = region.latex;
    const layout = new Layout(this.s);
    this.blank = layout.blank;
    blankQuoteMarkers(this.s, quoteDepth, this.blank);
    this.mathBefore = new Uint32Array(this.s.length + 1);
    this.rows = layout.rows;
    this.countMath();
  }

  private readonly rows: Row[];

  private countMath(): void {
    for (let k = 0; k < this.s.length; k++) this.mathBefore[k + 1] = this.mathBefore[k] + (this.isMath(k) ? 1 : 0);
  }

  private isMath(k: number): boolean {
    if (this.blank[k]) return false;
    const c = this.s.charCodeAt(k);
    return c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d;
  }

  private hasMath(from: number, to: number): boolean {
    return to > from && this.mathBefore[to] > this.mathBefore[from];
  }

  private firstMath(from: number, to: number): number {
    let k = from;
    while (k < to && !this.isMath(k)) k++;
    return k;
  }

  private lastMath(from: number, to: number): number {
    let k = to - 1;
    while (k >= from && !this.isMath(k)) k--;
    return k;
  }

  /** Blanks a step label ("1.", "(3)") or \bullet at the row's start; true if there was one. */
  private blankRowLabel(row: Row): boolean {
    const k = this.firstMath(row.start, row.end);
    const head = this.s.slice(k, Math.min(row.end, k + 12));
    const label = /^(?:\d{1,3}\.(?![\d.])|\(\d{1,3}\))(?=\s|\\|$)/.exec(head) ?? /^\\bullet(?![a-zA-Z])/.exec(head);
    if (!label) return false;
    this.blank.fill(1, k, k + label[0].length);
    return true;
  }

  /** Blanks trailing punctuation and a dangling arrow at the end of [from, to). */
  private trimTail(from: number, end: number): void {
    // The search restarts where the last blanked character was (not at the row's
    // end): 320k trailing dots took 48 s when every step rescanned the blanked tail.
    let to = end;
    for (;;) {
      const k = this.lastMath(from, to);
      if (k < from) return;
      const c = this.s[k];
      // `\;`, `\,` and `\!` are spaces, not punctuation: blanking their second character leaves a lone backslash.
      const escaped = /(?:^|[^\\])(?:\\\\)*\\$/.test(this.s.slice(Math.max(from, k - 8), k));
      if (PUNCTUATION.includes(c) && !escaped && !/\\(?:left|right)\s*$/.test(this.s.slice(Math.max(from, k - 8), k))) {
        this.blank[k] = 1;
        to = k;
        continue;
      }
      if (escaped && ';,:!'.includes(c)) {
        // The space command at the end of a row is layout: blank it whole and go on.
        this.blank.fill(1, k - 1, k + 1);
        to = k - 1;
        continue;
      }
      const word = /\\([a-zA-Z]+)$/.exec(this.s.slice(Math.max(from, k - 16), k + 1));
      if (word && ARROWS.has(word[1])) {
        this.blank.fill(1, k - word[0].length + 1, k + 1);
        to = k - word[0].length + 1;
        continue;
      }
      return;
    }
  }

  /** Splits a row at prose or \quad that follows math; notes prose before a part's math. */
  private parts(row: Row): Part[] {
    const parts: Part[] = [];
    let current: Part = { start: row.start, end: row.end, proseBefore: false };
    for (const mark of row.marks) {
      if (this.hasMath(current.start, mark.at)) {
        parts.push({ ...current, end: mark.at });
        current = { start: mark.at, end: row.end, proseBefore: mark.prose };
      } else if (mark.prose) {
        current.proseBefore = true;
      }
    }
    parts.push(current);
    // "= -\lambda \quad - (4)": an equation number set off by \quad.
    for (const part of parts.slice(1)) {
      const from = this.firstMath(part.start, part.end);
      const to = this.lastMath(part.start, part.end) + 1;
      if (/^-?\s*\(\s*\d+(?:\.\d+)*\s*\)$/.test(this.s.slice(from, to))) this.blank.fill(1, from, to);
    }
    return parts;
  }

  /** Does the operator row at [k, end) go on from the row before even with a relation in it (see analyse)? */
  private continuesAnyway(k: number, end: number): boolean {
    const name = /^\\([a-zA-Z]+)/.exec(this.s.slice(k, Math.min(end, k + 24)))?.[1];
    if (name === 'times' || name === 'cdot' || name === 'ast') return true;
    const begin = this.s.lastIndexOf('\\begin{multline', k);
    return begin >= 0 && this.s.lastIndexOf('\\end{multline', k) < begin;
  }

  private opening(k: number, end: number): Opening {
    const s = this.s;
    const c = s[k];
    if (c === '=' || c === '<' || c === '>' || (c === ':' && s[k + 1] === '=')) return 'relation';
    if (c === '+' || c === '-') return 'operator';
    if (c !== '\\') return 'other';
    const name = /^\\([a-zA-Z]+)/.exec(s.slice(k, Math.min(end, k + 24)))?.[1] ?? '';
    if (RELATIONS.has(name) || this.decoratedRelation(k, end)) return 'relation';
    if (OPERATORS.has(name)) return 'operator';
    if (name === 'left' && s[this.firstMath(k + 5, end)] === '.') return 'operator';
    return 'other';
  }

  /** Where the relation ends that the math in [from, to) ends with (`a =`, `a = {}`, `a \le`), or −1 when it does not end so. */
  private endsWithRelation(from: number, to: number): number {
    const s = this.s;
    let k = to - 1;
    const skip = () => { while (k >= from && (this.blank[k] || isWhite(s[k]!))) k--; };
    skip();
    // `= {}`: the empty group that spaces a relation at the end of an aligned row.
    if (s[k] === '}') {
      k--;
      skip();
      if (s[k] !== '{') return -1;
      k--;
      skip();
    }
    if (k < from) return -1;
    if (s[k] === '=' || s[k] === '<' || s[k] === '>') return k + 1;
    const name = /\\([a-zA-Z]+)$/.exec(s.slice(Math.max(from, k - 12), k + 1))?.[1];
    return name && RELATIONS.has(name) ? k + 1 : -1;
  }

  /**
   * `\overset{(a)}{=}`, `\stackrel{\text{Bayes}}{=}`, `\underset{…}{\approx}` at `k`: a relation with a
   * reason written over or under it, which opens a row as `=` does.
   */
  private decoratedRelation(k: number, end: number): boolean {
    const m = /^\\(overset|stackrel|underset)\s*/.exec(this.s.slice(k, Math.min(end, k + 12)));
    if (!m) return false;
    const reasonEnd = groupEnd(this.s, k + m[0].length, end);
    if (reasonEnd < 0) return false;
    let b = reasonEnd;
    while (b < end && /\s/.test(this.s[b]!)) b++;
    const baseEnd = groupEnd(this.s, b, end);
    if (baseEnd < 0) return false;
    const base = this.s.slice(b + 1, baseEnd - 1).trim();
    return base === '=' || base === ':=' || base === '<' || base === '>' || RELATIONS.has(base.replace(/^\\/, ''));
  }

  /** Does [from, to) hold a relation outside any group (then it is a formula of its own)? */
  private hasRelation(from: number, to: number): boolean {
    let depth = 0;
    for (let k = from; k < to; k++) {
      if (this.blank[k]) continue;
      const c = this.s[k];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (depth === 0 && (c === '=' || c === '<' || c === '>')) return true;
      else if (depth === 0 && c === '\\') {
        const name = /^\\([a-zA-Z]+)/.exec(this.s.slice(k, k + 12))?.[1];
        if (name && (RELATIONS.has(name) || this.decoratedRelation(k, to))) return true;
        k++;
      }
    }
    return false;
  }

  /**
   * Bracket balance of the math in [from, to): `(`, `[`, `\{`, `\lbrace`, `\langle`, `\left`
   * open; their partners close. `net` is the change, `min` the lowest running value (below 0
   * when the part closes a bracket opened before it).
   */
  private bracketBalance(from: number, to: number): { net: number; min: number } {
    const s = this.s;
    let depth = 0;
    let min = 0;
    for (let k = from; k < to; k++) {
      if (this.blank[k]) continue;
      const c = s[k];
      let d = 0;
      if (c === '(' || c === '[') d = 1;
      else if (c === ')' || c === ']') d = -1;
      else if (c === '\\') {
        const m = /^\\(?:([a-zA-Z]+)|(.))/s.exec(s.slice(k, k + 16));
        const word = m?.[1];
        if (m?.[2] === '{') d = 1;
        else if (m?.[2] === '}') d = -1;
        else if (word === 'left' || word === 'lbrace' || word === 'langle' || word === 'lfloor' || word === 'lceil') d = 1;
        else if (word === 'right' || word === 'rbrace' || word === 'rangle' || word === 'rfloor' || word === 'rceil') d = -1;
        k += (m?.[0].length ?? 1) - 1;
        if (word === 'left' || word === 'right') {
          // The delimiter after \left / \right is part of it.
          while (k + 1 < to && isWhite(s[k + 1])) k++;
          if (s[k + 1] === '\\') k += /^\\(?:[a-zA-Z]+|.)/s.exec(s.slice(k + 1, k + 17))?.[0].length ?? 1;
          else k++;
        }
      }
      depth += d;
      if (depth < min) min = depth;
    }
    return { net: depth, min };
  }

  private segment(from: number, to: number): Segment {
    let text = '';
    let k = from;
    while (k < to) {
      let run = k;
      while (run < to && !this.blank[run]) run++;
      text += this.s.slice(k, run);
      k = run;
      while (run < to && this.blank[run]) run++;
      // Blanked line breaks stay line breaks, so a segment reads like its source.
      text += this.s.slice(k, run).replace(/[^\n]/g, ' ');
      k = run;
    }
    return { text, start: this.region.content.start + from };
  }

  /**
   * The part (row, index) at whose end `open` brackets left by earlier rows are all closed,
   * scanning from the first part of row `r`; null when they never close or a part closes more
   * than is open (then the rows stay separate and the unclosed bracket is reported where it is).
   * Looks at most ROWS_PER_BRACKET rows ahead, so a note full of unclosed brackets stays linear.
   */
  private bracketCloses(balances: { net: number; min: number }[][], r: number, open: number): [number, number] | null {
    let depth = open;
    for (let q = r; q < Math.min(balances.length, r + ROWS_PER_BRACKET); q++) {
      for (let n = 0; n < balances[q].length; n++) {
        const b = balances[q][n];
        if (depth + b.min < 0) return null;
        depth += b.net;
        if (depth === 0) return [q, n];
      }
    }
    return null;
  }

  analyse(): Analysis {
    // Blank row labels, then split rows and blank their tails; each step
    // needs the math counts of the one before.
    const labelled = this.rows.map((row) => this.blankRowLabel(row));
    this.countMath();
    const rowParts = this.rows.map((row) => this.parts(row));
    // Kept to give a row back the punctuation its tail lost when a bracket continues it on the next row.
    const untrimmed = this.blank.slice();
    for (const part of rowParts.flat()) this.trimTail(part.start, part.end);
    this.countMath();

    const statements: Statement[] = [];
    let leading: Statement | null = null;
    let lastChain: Statement | null = null;
    let lastStatement: Statement | null = null;
    let proseContext = false;
    let firstRow = true;
    const withMathOf = rowParts.map((parts) => parts.filter((p) => this.hasMath(p.start, p.end)));
    const balances = withMathOf.map((parts) => parts.map((p) => this.bracketBalance(p.start, p.end)));
    /** Brackets left open at the end of the last statement's segments. */
    let open = 0;
    /** The part (row, index) up to which rows continue the last statement's open bracket. */
    let joinTo: [number, number] | null = null;
    /** The last segment made: where its math starts and ends, and where its part ends. */
    let lastSegment: { from: number; to: number; partEnd: number } | null = null;
    this.rows.forEach((row, r) => {
      const withMath = withMathOf[r];
      if (withMath.length === 0) {
        // A prose-only row ("\text{We have:} \\") introduces the next row; a
        // numbered one ("1. \text{Apply the chain rule}") heads a derivation step.
        if (row.marks.some((m) => m.prose) && !labelled[r]) proseContext = true;
        return;
      }
      withMath.forEach((part, n) => {
        const start = this.firstMath(part.start, part.end);
        const end = this.lastMath(part.start, part.end) + 1;
        const segment = this.segment(start, end);
        const prose = part.proseBefore || (n === 0 && proseContext);
        const opening = n === 0 ? this.opening(start, end) : 'other';
        const balance = balances[r][n];
        if (lastStatement && n === 0 && open > 0 && joinTo === null) joinTo = this.bracketCloses(balances, r, open);
        if (lastStatement && joinTo && (r < joinTo[0] || (r === joinTo[0] && n <= joinTo[1]))) {
          // A bracket opened on an earlier row closes on this one (`(a, \\ b)`, `[P(…) \\ P(…)]`):
          // the rows are one formula, as KaTeX draws them; the comma ending the earlier row is kept.
          if (lastSegment) {
            for (let k = lastSegment.to; k < lastSegment.partEnd; k++) this.blank[k] = untrimmed[k];
            const to = this.lastMath(lastSegment.from, lastSegment.partEnd) + 1;
            lastStatement.segments[lastStatement.segments.length - 1] = this.segment(lastSegment.from, to);
          }
          lastSegment = { from: start, to: end, partEnd: part.end };
          lastStatement.segments.push(segment);
          open = Math.max(0, open + balance.net);
          if (r === joinTo[0] && n === joinTo[1]) joinTo = null;
          return;
        }
        joinTo = null;
        // `\frac{∂ℓ}{∂σ_k^2} = {}& \\ & …`: a row that ends with its relation goes on in the next row.
        const relationEnd = n === 0 && lastStatement && lastSegment ? this.endsWithRelation(lastSegment.from, lastSegment.to) : -1;
        if (lastStatement && lastSegment && relationEnd >= 0) {
          // (Without the `{}`, which would read as an empty right side.)
          lastStatement.segments[lastStatement.segments.length - 1] = this.segment(lastSegment.from, relationEnd);
          lastStatement.segments.push(segment);
          lastSegment = { from: start, to: end, partEnd: part.end };
          open = Math.max(0, open + balance.net);
          return;
        }
        lastSegment = { from: start, to: end, partEnd: part.end };
        if (opening === 'relation' && lastChain) {
          lastChain.segments.push(segment);
          lastChain.continued = true;
          lastStatement = lastChain;
          open = Math.max(0, balance.net);
          return;
        }
        // (A row with a relation of its own too, `\\ \times \frac{x_n - \mu_k}{\sigma_k^2} = \sum_n …`, when it cannot start an
        // equation: it opens with `\times` or `\cdot`, or it is a row of `multline`, one equation broken over rows.)
        if (opening === 'operator' && lastStatement && (!this.hasRelation(start, end) || this.continuesAnyway(start, end))) {
          lastStatement.segments.push(segment);
          open = Math.max(0, open + balance.net);
          return;
        }
        const statement: Statement = { regionIndex: this.region.index, segments: [segment], continued: false, prose };
        statements.push(statement);
        lastStatement = statement;
        open = Math.max(0, balance.net);
        if (n > 0) return;
        if (firstRow && opening === 'relation') leading = statement;
        // Rows introduced by prose ("\text{Using the chain rule,} …") are
        // asides: a later "= …" continues the chain before them.
        if (!prose) lastChain = statement;
      });
      proseContext = false;
      firstRow = false;
    });
    return { statements, leading, lastChain };
  }
}

/** The offset just after the brace group that opens at `k` in `s`, or −1 when none does (or it does not close before `end`). */
function groupEnd(s: string, k: number, end: number): number {
  if (s[k] !== '{') return -1;
  let depth = 0;
  for (let i = k; i < end; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The statements of one region on its own (rows joined within it, not across regions). */
export function statementsOf(_text: string, region: MathRegion): Statement[] {
  return new RegionStatements(region).analyse().statements;
}

/**
 * A region's statements depend only on its LaTeX and quote depth, apart from where it starts
 * and its index: analyses are kept by those two, with offsets relative to the region's content,
 * so a re-check after an edit analyses only the regions whose text changed.
 */
const analyses = new BoundedCache<string, Analysis>(8 * 2 ** 20, (k, a) => 3 * stringBytes(k) + 100 * a.statements.length);

/** Forgets the kept analyses (tests of a check from nothing). */
export function clearStatementCache(): void {
  analyses.clear();
}

function analysisOf(region: MathRegion, quoted: number): Analysis {
  const key = `${quoted}\u0000${region.latex}`;
  let kept = analyses.get(key);
  if (!kept) {
    kept = new RegionStatements({ ...region, index: -1, content: { start: 0, end: region.content.end - region.content.start } }, quoted).analyse();
    analyses.set(key, kept);
  }
  // Fresh statements where the region stands (extractStatements joins later rows into them).
  const at = region.content.start;
  const placed = new Map<Statement, Statement>();
  const place = (st: Statement): Statement => {
    let out = placed.get(st);
    if (!out) placed.set(st, out = { ...st, regionIndex: region.index, segments: st.segments.map((g) => ({ text: g.text, start: g.start + at })) });
    return out;
  };
  return { statements: kept.statements.map(place), leading: kept.leading && place(kept.leading), lastChain: kept.lastChain && place(kept.lastChain) };
}

/** How many blockquote markers (`> > `) open the line that starts at `lineStart` (only its first characters are read). */
function quoteDepthAt(text: string, lineStart: number, offset: number): number {
  const m = /^ {0,3}((?:> ?)+)/.exec(text.slice(lineStart, Math.min(offset, lineStart + 64)));
  return m ? (m[1]!.match(/>/g) ?? []).length : 0;
}

/**
 * Display math inside a blockquote (`> $$a` / `> = b$$`): markdown strips the
 * quote markers of the later lines, so the math does not contain them; blank
 * them, or the second line's `>` reads as a relation.
 */
function blankQuoteMarkers(s: string, depth: number, blank: Uint8Array): void {
  if (depth === 0) return;
  for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', nl + 1)) {
    let j = nl + 1;
    for (let d = 0; d < depth; d++) {
      while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
      if (s[j] !== '>') break;
      blank[j] = 1;
      j++;
    }
  }
}

/**
 * The statements of all regions, in document order. A display region whose
 * first row starts with a relation continues the last chain of the previous
 * display region ($$V_k = …$$ then $$= …$$).
 */
export function extractStatements(text: string, regions: readonly MathRegion[]): Statement[] {
  const out: Statement[] = [];
  let previousChain: Statement | null = null;
  // The chain the last display region continued (`$$= …$$`), and where that region ended.
  let previousJoined: Statement | null = null;
  let previousEnd = 0;
  // An inline chain ending its line (`$\frac{∂L}{∂v} = A$`), continued by an inline `$= B$` that begins the next line.
  let previousInline: { chain: Statement; end: number } | null = null;
  // Lines as the regions count them (computed once: thousands of regions on one line stay linear).
  const starts = regions.some((r) => r.display && r.line !== r.endLine) ? lineStarts(normalizeSameLength(text)) : [];
  for (const region of regions) {
    const quoted = region.display && region.line !== region.endLine ? quoteDepthAt(text, starts[region.line - 1] ?? 0, region.span.start) : 0;
    const analysis = analysisOf(region, quoted);
    let { statements, lastChain } = analysis;
    const { leading } = analysis;
    const inlineTarget: Statement | null = !region.display && leading && previousInline && CONTINUES.test(text.slice(previousInline.end, region.span.start))
      ? previousInline.chain : null;
    // (Not a second continuation after text that offers an alternative to the first, "Attempt 2", a callout of its own:
    // `$$= A$$` ❌ then `$$= B$$` ✅ are two answers to the same left side, not a chain A = B. Left unjoined, it is not judged.)
    const alternative: boolean = region.display && previousChain !== null && previousJoined === previousChain &&
      ALTERNATIVE.test(text.slice(previousEnd, region.span.start));
    const target: Statement | null = region.display ? (alternative ? null : previousChain) : inlineTarget;
    if (leading && target) {
      target.segments.push(...leading.segments);
      target.continued = true;
      statements = statements.filter((s) => s !== leading);
      if (lastChain === leading) lastChain = target;
    }
    for (const statement of statements) out.push(statement);
    if (region.display) {
      previousJoined = leading && target ? target : null;
      previousChain = lastChain;
      previousEnd = region.span.end;
    }
    // (A display's last chain too: `$$…$$` then "which is $= …$" on the next line.)
    previousInline = lastChain ? { chain: lastChain, end: region.span.end } : null;
  }
  return out;
}

/** Text between two continuations that makes the second an alternative to the first: a callout's header, "Attempt 2". */
const ALTERNATIVE = /^\s*>\s*\[!|\b(?:attempt|alternative(?:ly)?|corrected|correction|revised|revision|instead|should be|try again|second try)\b/im;

/**
 * What may stand between a chain and an inline `$= …$` that goes on with it: the line break, and at the start of
 * the new line a list bullet or a connective ("i.e.", "which is", "so"); nothing else of a sentence.
 */
const CONTINUES = /^[ \t.,;]*\r?\n[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+)?(?:(?:i\.\s?e\.|that is|which is|which gives|this gives|so|thus|hence|therefore|and)[ \t,:]*)?$/i;
