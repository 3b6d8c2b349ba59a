// Tokenizer for the LaTeX of one statement. Input is a list of segments (rows
// of an environment, possibly joined across lines) whose characters keep their
// note offsets, so every token carries an exact note span.
//
// Tokens: control words (`\frac`), control symbols (`\{`, `\,`), single
// letters (LaTeX math treats `ab` as a·b), numbers (`0.25`), and one-character
// operators. `:=` is one token. `%` starts a comment to the end of the
// segment. Unicode Greek letters that students paste (μ, π, σ, Σ) become the
// control words they stand for.
import type { Segment } from '../types';
import { LatexError } from './errors';

export type TokenKind = 'cmd' | 'letter' | 'num' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Control word without backslash for `cmd` (`frac`), the character(s) otherwise. */
  text: string;
  start: number;
  end: number;
  /** Whitespace (or blanked prose) before this token. */
  space: boolean;
}

const UNICODE_GREEK: Record<string, string> = {
  'α': 'alpha', 'β': 'beta', 'γ': 'gamma', 'δ': 'delta', 'ε': 'epsilon', 'θ': 'theta', 'λ': 'lambda',
  'μ': 'mu', 'ν': 'nu', 'π': 'pi', 'ρ': 'rho', 'σ': 'sigma', 'τ': 'tau', 'φ': 'phi', 'ϕ': 'phi',
  'ψ': 'psi', 'ω': 'omega', 'Γ': 'Gamma', 'Δ': 'Delta', 'Θ': 'Theta', 'Λ': 'Lambda', 'Π': 'Pi',
  'Σ': 'Sigma', 'Φ': 'Phi', 'Ψ': 'Psi', 'Ω': 'Omega', 'ℓ': 'ell', '∂': 'partial', '∑': 'sum',
  '∏': 'prod', '·': 'cdot', '×': 'times', '≤': 'leq', '≥': 'geq', '≈': 'approx', '≠': 'neq',
  '∈': 'in', '→': 'to', '⇒': 'Rightarrow', '⇔': 'iff', '∞': 'infty', '−': '-', '∇': 'nabla',
  '⊤': 'top',
};

const OPS = new Set(['+', '-', '*', '/', '=', '<', '>', '(', ')', '[', ']', '{', '}', '|', ',', ';', ':', '!', "'", '^', '_', '&', '.', '~', '?', '@']);

function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function tokenize(segments: readonly Segment[]): Token[] {
  const out: Token[] = [];
  let space = false;
  for (const seg of segments) {
    const s = seg.text;
    const base = seg.start;
    space = true; // a row break separates tokens like whitespace does
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0') {
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
        if (i + 1 >= s.length) throw new LatexError('a lone backslash ends the formula', { start: base + i, end: base + i + 1 });
        let j = i + 1;
        if (isLetter(s[j])) {
          while (j < s.length && isLetter(s[j])) j++;
          // `\operatorname*` and starred environments: the star is part of nothing we need.
          out.push({ kind: 'cmd', text: s.slice(i + 1, j), start: base + start, end: base + j, space });
        } else {
          j++;
          out.push({ kind: 'cmd', text: s[i + 1], start: base + start, end: base + j, space });
        }
        i = j;
      } else if (isDigit(c) || (c === '.' && i + 1 < s.length && isDigit(s[i + 1]))) {
        let j = i;
        while (j < s.length && isDigit(s[j])) j++;
        if (s[j] === '.' && j + 1 < s.length && isDigit(s[j + 1])) {
          j++;
          while (j < s.length && isDigit(s[j])) j++;
        }
        out.push({ kind: 'num', text: s.slice(i, j), start: base + start, end: base + j, space });
        i = j;
      } else if (isLetter(c)) {
        out.push({ kind: 'letter', text: c, start: base + start, end: base + i + 1, space });
        i++;
      } else if (c === ':' && s[i + 1] === '=') {
        out.push({ kind: 'op', text: ':=', start: base + start, end: base + i + 2, space });
        i += 2;
      } else if (OPS.has(c)) {
        out.push({ kind: 'op', text: c, start: base + start, end: base + i + 1, space });
        i++;
      } else if (UNICODE_GREEK[c] !== undefined) {
        const name = UNICODE_GREEK[c];
        out.push(name === '-'
          ? { kind: 'op', text: '-', start: base + start, end: base + i + 1, space }
          : { kind: 'cmd', text: name, start: base + start, end: base + i + 1, space });
        i++;
      } else {
        throw new LatexError(`unexpected character “${c}”`, { start: base + i, end: base + i + 1 });
      }
      space = false;
    }
  }
  const last = segments.length ? segments[segments.length - 1] : { start: 0, text: '' };
  const endPos = last.start + last.text.length;
  out.push({ kind: 'eof', text: '', start: endPos, end: endPos, space: true });
  return out;
}
