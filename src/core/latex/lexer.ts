// Tokenizer for the LaTeX of one statement. Input is a list of segments (rows
// of an environment, possibly joined across lines) whose characters keep their
// note offsets, so every token carries an exact note span.
//
// Tokens: control words (`\frac`), control symbols (`\{`, `\,`), single
// letters (LaTeX math treats `ab` as a·b), numbers (`0.25`), and one-character
// operators. `:=` is one token. `%` starts a comment to the end of the
// segment. Unicode Greek letters and operators that students paste (μ, π, σ,
// Σ, −, ≤) become the control words they stand for; `...` is \ldots; other
// characters KaTeX draws as they are (CJK, fullwidth punctuation, `"`) are
// `char` tokens; zero-width and other Unicode spaces, and `~`, are spaces.
// A backslash before a space or line break is TeX's control space `\ `.
// `#` is an error, except after a macro definition (`\newcommand`), where it names a parameter.
import type { Segment } from '../types';
import { LatexError } from './errors';

export type TokenKind = 'cmd' | 'letter' | 'num' | 'op' | 'char' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Control word without backslash for `cmd` (`frac`), the character(s) otherwise. */
  text: string;
  start: number;
  end: number;
  /** Whitespace (or blanked prose) before this token. */
  space: boolean;
  /** A bar written as `\lvert`/`\lVert` (opens) or `\rvert`/`\rVert` (closes); plain bars have none. */
  side?: 'open' | 'close';
  /** From a macro's body (macros.ts): it stands at the call's place, as do the rest of the body's tokens. */
  expanded?: boolean;
  /** A relation with a substitution written over it (`\overset{\sigma^2 = 1}{=}`): the step holds under it. */
  under?: string;
}

/** Full-width punctuation read as its ASCII counterpart (tokenize). */
const FULLWIDTH_PUNCTUATION: Record<string, string> = { '，': ',', '。': '.', '；': ';', '．': '.', '（': '(', '）': ')', '［': '[', '］': ']', '＝': '=', '＋': '+', '－': '-' };
/** `σ_k²`, `x³` typed with Unicode superscripts (copied from a PDF, a translation tool): a power, as KaTeX draws it. */
const SUPERSCRIPT_DIGITS: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };

const UNICODE_GREEK: Record<string, string> = {
  'α': 'alpha', 'β': 'beta', 'γ': 'gamma', 'δ': 'delta', 'ε': 'epsilon', 'θ': 'theta', 'λ': 'lambda',
  'μ': 'mu', 'ν': 'nu', 'π': 'pi', 'ρ': 'rho', 'σ': 'sigma', 'τ': 'tau', 'φ': 'phi', 'ϕ': 'phi',
  'ψ': 'psi', 'ω': 'omega', 'Γ': 'Gamma', 'Δ': 'Delta', 'Θ': 'Theta', 'Λ': 'Lambda', 'Π': 'Pi',
  'Σ': 'Sigma', 'Φ': 'Phi', 'Ψ': 'Psi', 'Ω': 'Omega', 'ℓ': 'ell', '∂': 'partial', '∑': 'sum',
  '∏': 'prod', '·': 'cdot', '×': 'times', '≤': 'leq', '≥': 'geq', '≈': 'approx', '≠': 'neq',
  '∈': 'in', '→': 'to', '⇒': 'Rightarrow', '⇔': 'iff', '∞': 'infty', '−': '-', '∇': 'nabla',
  '⊤': 'top', 'κ': 'kappa', 'ι': 'iota', 'ζ': 'zeta', 'η': 'eta', 'ξ': 'xi', 'χ': 'chi', 'υ': 'upsilon', 'ϵ': 'epsilon',
  'ϑ': 'theta', 'ς': 'sigma', 'Ξ': 'Xi', 'Υ': 'Upsilon', 'ϱ': 'rho', 'ϖ': 'varpi', '∫': 'int', '±': 'pm', '∓': 'mp', '⋅': 'cdot',
  '∗': 'ast', '∘': 'circ', '⊂': 'subset', '⊆': 'subseteq', '⊃': 'supset', '⊇': 'supseteq', '∉': 'notin', '∩': 'cap', '∪': 'cup',
  '∀': 'forall', '∃': 'exists', '∝': 'propto', '∼': 'sim', '≡': 'equiv', '≜': 'triangleq', '≔': 'coloneqq', '←': 'leftarrow',
  '↔': 'leftrightarrow', '⟹': 'implies', '⟸': 'impliedby', '⟺': 'iff', '⇐': 'Leftarrow', '↦': 'mapsto', '⟶': 'longrightarrow',
  '⊥': 'perp', '∥': 'parallel', '≪': 'll', '≫': 'gg', '⩽': 'leqslant', '⩾': 'geqslant', '…': 'ldots', '⋯': 'cdots', '√': 'sqrt',
  '∅': 'emptyset', '¬': 'neg', '∧': 'wedge', '∨': 'vee', '⊗': 'otimes', '⊕': 'oplus', '⊙': 'odot', '†': 'dagger', '′': 'prime',
  'ℝ': 'R', 'ℕ': 'N', 'ℤ': 'Z', '∖': 'setminus', '⟨': 'langle', '⟩': 'rangle', '‖': '|', '∣': 'mid', '≅': 'cong', '≃': 'simeq',
  '÷': 'div', '∴': 'therefore', '∵': 'because', '≺': 'prec', '≻': 'succ', '∋': 'ni', '⌊': 'lfloor', '⌋': 'rfloor',
  '⌈': 'lceil', '⌉': 'rceil', '⋮': 'vdots', '⋱': 'ddots', '∎': 'qed', '⊢': 'vdash', '⊨': 'models',
};

/** Characters that are space to TeX here: zero-width spaces pasted from the web, Unicode spaces, `~` (a tie). */
function isSpace(code: number): boolean {
  if (code > 32 && code < 126) return false; // the common case first: printable ASCII
  // (Also the invisible direction marks of right-to-left text, U+200E, U+200F and U+202A–U+202E, U+2066–U+2069.)
  return code === 32 || (code >= 9 && code <= 13) || code === 126 || code === 0xa0 || (code >= 0x2000 && code <= 0x200f) ||
    code === 0x2060 || code === 0xfeff || code === 0x3000 || code === 0x202f || code === 0x205f || (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069);
}

/** ASCII classes by char code (a table, not a Set of strings: the lexer looks at every character). */
const LETTER = 1;
const DIGIT = 2;
const OP = 4;
const ASCII = new Uint8Array(128);
for (let c = 65; c <= 90; c++) ASCII[c] = LETTER;
for (let c = 97; c <= 122; c++) ASCII[c] = LETTER;
for (let c = 48; c <= 57; c++) ASCII[c] = DIGIT;
for (const c of "+-*/=<>()[]{}|,;:!'^_&.") ASCII[c.charCodeAt(0)] = OP;

function isLetter(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 128 && ASCII[code] === LETTER;
}
function isDigit(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 128 && ASCII[code] === DIGIT;
}

/** Commands that define a macro: after one, `#` (a parameter) is a token, for the parser to drop with the definition. */
export const MACRO_DEFINITIONS: ReadonlySet<string> = new Set(['newcommand', 'renewcommand', 'providecommand', 'def', 'gdef', 'edef', 'xdef', 'DeclareMathOperator']);

export function tokenize(segments: readonly Segment[]): Token[] {
  const out: Token[] = [];
  let space = false;
  let defining = false;
  for (const seg of segments) {
    const s = seg.text;
    const base = seg.start;
    space = true; // a row break separates tokens like whitespace does
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (isSpace(s.charCodeAt(i))) {
        space = true;
        i++;
        continue;
      }
      if (c === '%') {
        while (i < s.length && s[i] !== '\n') i++;
        space = true;
        continue;
      }
      const start = i;
      if (c === '\\') {
        let j = i + 1;
        // `\\` before a line break (also where a segment ends: the extractor cuts a row before
        // its line break and trailing spaces): TeX's control space, then the line break.
        if (j >= s.length || s[j] === '\n' || s[j] === '\r' || s[j] === '\t') {
          // `\\\` at a line end: a control space, then the line break.
          out.push({ kind: 'cmd', text: ' ', start: base + start, end: base + j, space });
          i = j;
          space = true;
          continue;
        }
        if (isLetter(s[j])) {
          while (j < s.length && isLetter(s[j])) j++;
          // `\operatorname*` and starred environments: the star is part of nothing we need.
          const name = s.slice(i + 1, j);
          if (MACRO_DEFINITIONS.has(name)) defining = true;
          out.push({ kind: 'cmd', text: name, start: base + start, end: base + j, space });
        } else if (s[j] === '_' && i > 0 && /[A-Za-z0-9}]/.test(s[i - 1]!) && /[A-Za-z0-9{\\]/.test(s[j + 1] ?? '')) {
          // `x\_n`: an underscore escaped from markdown's emphasis (kramdown and Jekyll notes), which MathJax sees
          // as `_` once the markdown is processed: a subscript (after a base, before its script; `{\_}` in
          // `learning{\_}rate` is an underscore drawn in a word).
          j++;
          out.push({ kind: 'op', text: '_', start: base + start, end: base + j, space });
        } else {
          j++;
          out.push({ kind: 'cmd', text: s[i + 1], start: base + start, end: base + j, space });
        }
        i = j;
      } else if (isDigit(c) || (c === '.' && i + 1 < s.length && isDigit(s[i + 1]))) {
        let j = i;
        while (j < s.length && isDigit(s[j])) j++;
        let text: string | null = null;
        if (s[j] === '.' && j + 1 < s.length && isDigit(s[j + 1])) {
          j++;
          while (j < s.length && isDigit(s[j])) j++;
        } else if (s.startsWith('{,}', j) && isDigit(s[j + 3] ?? '')) {
          const decimal = bracedComma(s, i, j);
          if (decimal) ({ text, end: j } = decimal);
        }
        out.push({ kind: 'num', text: text ?? s.slice(i, j), start: base + start, end: base + j, space });
        i = j;
      } else if (isLetter(c)) {
        out.push({ kind: 'letter', text: c, start: base + start, end: base + i + 1, space });
        i++;
      } else if (c === '.' && s[i + 1] === '.' && s[i + 2] === '.') {
        out.push({ kind: 'cmd', text: 'ldots', start: base + start, end: base + i + 3, space });
        i += 3;
      } else if (c === ':' && s[i + 1] === '=') {
        out.push({ kind: 'op', text: ':=', start: base + start, end: base + i + 2, space });
        i += 2;
      } else if (s.charCodeAt(i) < 128 && ASCII[s.charCodeAt(i)] === OP) {
        out.push({ kind: 'op', text: c, start: base + start, end: base + i + 1, space });
        i++;
      } else if (UNICODE_GREEK[c] !== undefined) {
        const name = UNICODE_GREEK[c];
        out.push(name === '-'
          ? { kind: 'op', text: '-', start: base + start, end: base + i + 1, space }
          : { kind: 'cmd', text: name, start: base + start, end: base + i + 1, space });
        i++;
      } else if (c === '#' && defining) {
        out.push({ kind: 'op', text: '#', start: base + start, end: base + i + 1, space });
        i++;
      } else if (c.charCodeAt(0) < 0x20 || c === '#' || c === '\\') {
        throw new LatexError(`unexpected character “${c}”`, { start: base + i, end: base + i + 1 });
      } else if (SUPERSCRIPT_DIGITS[c] !== undefined) {
        let j = i, digits = '';
        while (j < s.length && SUPERSCRIPT_DIGITS[s[j]!] !== undefined) digits += SUPERSCRIPT_DIGITS[s[j++]!];
        out.push({ kind: 'op', text: '^', start: base + start, end: base + start, space });
        out.push({ kind: 'num', text: digits, start: base + start, end: base + j, space: false });
        i = j;
      } else if (FULLWIDTH_PUNCTUATION[c] !== undefined) {
        // `…\Sigma_k^{-1}。$$`, `a = b，c = d`: a Chinese note's full stop, comma and semicolon are its
        // sentence's punctuation, read as `.`, `,` and `;` are (KaTeX draws them as written).
        out.push({ kind: 'op', text: FULLWIDTH_PUNCTUATION[c]!, start: base + start, end: base + i + 1, space });
        i++;
      } else {
        // CJK, letters with accents, `"`, `?`, `@`: drawn as written.
        const cp = s.codePointAt(i) ?? 0;
        const w = cp > 0xffff ? 2 : 1;
        out.push({ kind: 'char', text: s.slice(i, i + w), start: base + start, end: base + i + w, space });
        i += w;
      }
      space = false;
    }
  }
  const last = segments.length ? segments[segments.length - 1] : { start: 0, text: '' };
  const endPos = last.start + last.text.length;
  out.push({ kind: 'eof', text: '', start: endPos, end: endPos, space: true });
  return out;
}

/**
 * A number written with `{,}` (the comma without the space LaTeX puts after a comma): German and French
 * notes' decimal comma (`0{,}6`, `1{,}8379`), or English thousands (`1{,}500`). A decimal where it cannot
 * be thousands: after a lone 0, or with other than three digits after the comma. Otherwise (`1{,}500`,
 * `12{,}345`) it may be either, and no one number's digits tell which: null, and the tokens stay as
 * written (the formula is then not read as a number). `intEnd` is where the digits before `{,}` end.
 */
function bracedComma(s: string, start: number, intEnd: number): { text: string; end: number } | null {
  let k = intEnd + 3;
  while (k < s.length && isDigit(s[k])) k++;
  const whole = s.slice(start, intEnd), fraction = s.slice(intEnd + 3, k);
  if (whole !== '0' && fraction.length === 3) return null;
  return { text: `${whole}.${fraction}`, end: k };
}
