// Mutation test of the checker: take the correct lines of the example notes,
// break each one in a single place, and see whether checkNote notices.
//
//   npx tsx scripts/mutate.ts [--full] [--cap N] [--json FILE] [--quiet]
//
// WHAT IS MUTATED. For every example note (examples/*.md) the lines labelled
// `pass` in test/fixtures/labels.json (all math lines of 000 and 002, the
// correct lines of 001, 003, 004). Only text inside math regions is touched,
// never \text{…}, \mathrm{…}, \mathbb{…} or environment names. Every operator
// of OPERATORS (below) maps a line to a list of single-point edits, one per
// matching position; each edit gives one mutant = the whole note with exactly
// that one line changed.
//
// WHEN A MUTANT IS CAUGHT. Normally when some claim covering the mutated line
// (claim.line <= L <= claim.endLine) has verdict `fail`. Exception: when the
// edited expression is only the body of a definition of the note's own name
// (`S_i = …`, `u = …`, where the checker says "defines …" and has nothing to
// compare on that line), the mutated line is not wrong by itself: a wrong
// `S_i` only makes the later lines that use it wrong. Such "definition-only"
// mutants count as caught when the full mutated note has a failing claim on a
// later line that did not fail in the unmutated note; they are listed
// separately.
//
// SPREAD (false alarms caused by a mutation). For every mutant whose region
// can change the note's state (the checker carries state from one statement
// to the next only through definitions of fresh names — `S_i = …`, `f' = …`,
// \underbrace{…}_{g} —, Lagrangians (λ) and stationarity conditions
// `∂…/∂θ = 0`), and for every mutant with --full, the full mutated
// note is checked and any failing claim on ANOTHER pass-labelled line (one
// that did not fail unmutated) is reported as spread. Spread is reported, not
// counted against the catch rate: a wrong definition (or a wrong chain link
// that later rows continue from) really does make later uses disagree with
// it. The issue's "no failing claim on any unmutated line" is asserted on the
// UNMUTATED notes (test/unit/check/mutation.test.ts).
//
// WHAT IS NOT COUNTED (excluded from the rate, but reported):
//   unchanged        the edit does not change the text (never generated);
//   outside          the edit is not inside any side of any claim (e.g. in an
//                    inline $u^{-1/2}$ in prose, or `k \in \{1,2\}`);
//   unchecked-orig   the edited expression only occurs in claims that the
//                    checker leaves unchecked on the UNMUTATED note
//                    (conditions, ranges): nothing to compare;
//   parse-broken     the mutant no longer parses (a claim covering the line
//                    becomes a parse error): not a mutant of the math;
//   unused-definition the edit is in the body of a definition of a fresh name
//                    that no later checked claim uses (`$u = 2\pi\sigma_k^2$`
//                    in prose): right by construction, nothing can catch it;
//   equivalent       the mutated expression equals the original (below).
//
// EQUIVALENCE (decided without the checker's verdict on the mutant). The
// expression that contains the edit (one side E of a claim in the unmutated
// note) is located by its span; its mutated text E' is read from the mutant.
// A synthetic note is built from the same preceding context (the regions that
// carry definitions/state before the mutated region, plus that region itself,
// unmutated), followed by a new display formula `$$ E = E' $$`, and checked
// with a different seed (12345) and more instances (20 trials), with K and D
// fixed to what the checker inferred for the whole note. If that claim
// passes, the mutant is equivalent and left out. If it fails, the mutant is
// a real change. If the synthetic claim cannot be evaluated (unchecked), the
// mutant is counted as non-equivalent and marked `equivalence undetermined`.
// A pass only counts when the synthetic claim was evaluated at no fewer than
// half as many sample points as instances (a side that is undefined almost
// everywhere, like the log of π₁N₁ − π₂N₂, "agrees" at the one point where it
// is defined). In a covariance update a plain \mu_k means the updated mean
// (DESIGN.md), so there both sides are compared with \mu_k^{new} written out;
// that is what makes (x−μ_k)(x−μ_k)ᵀ and (x+μ_k)(x−μ_k)ᵀ equivalent there.
// Limits: the comparison still uses the checker's evaluator (its reading of
// the notation); a notation the checker reads loosely (e.g. treating two
// spellings as the same quantity) makes the corresponding mutant look
// equivalent; equality is numerical (random instances, relative tolerance);
// a change that only matters outside the sampled domain would be missed.
//
// SPEED. checkNote on 003 takes ~1.5 s. For the catch decision each mutated
// region is checked in a reduced note: the regions after it are blanked
// (spaces, same offsets and lines), and so are earlier regions that carry no
// state. The reduction is validated once per region: the reduced unmutated
// note must give exactly the same claims (verdict, message) on that region as
// the full note; otherwise the next larger context (all earlier regions, then
// the whole note) is used. --full checks every mutant in the whole note.
import * as fs from 'fs';
import * as path from 'path';
import { checkNote } from '../src/core/check/index';
import { extractRegions, lineStarts } from '../src/core/extract/regions';
import type { Claim, CheckOptions, MathRegion, NoteReport } from '../src/core/types';

// ---------------------------------------------------------------------------
// Operators

/** One single-point change of a line: replace line[start, end) by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Operator {
  name: string;
  description: string;
  edits(line: string): Edit[];
}

/** Index of the brace matching the `{` at `open`, or -1. */
function matchBrace(s: string, open: number, o = '{', c = '}'): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '\\' && (s[i + 1] === o || s[i + 1] === c)) { i++; continue; }
    if (s[i] === o) depth++;
    else if (s[i] === c) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Index of the `(` matching the `)` at `close`, or -1. */
function matchParenBack(s: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (s[i] === ')') depth++;
    else if (s[i] === '(') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function allMatches(s: string, re: RegExp): RegExpExecArray[] {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  const out: RegExpExecArray[] = [];
  for (let m = g.exec(s); m; m = g.exec(s)) {
    out.push(m);
    if (m[0].length === 0) g.lastIndex++;
  }
  return out;
}

/** Commands after which a +/- is unary (an operator or a relation, not an operand). */
const OPERATOR_COMMANDS = new Set([
  'cdot', 'times', 'quad', 'qquad', 'left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'sum', 'prod', 'log', 'ln', 'exp',
  'det', 'frac', 'partial', 'mid', 'iff', 'Rightarrow', 'Leftrightarrow', 'rightarrow', 'to', 'le', 'leq', 'ge', 'geq',
  'in', 'neq', 'approx', 'implies', 'bullet', 'sqrt',
]);

/** The token before position p (skipping spaces and `\,`-style spacing) ends an operand. */
function endsOperand(s: string, p: number): boolean {
  let i = p - 1;
  for (;;) {
    while (i >= 0 && s[i] === ' ') i--;
    if (i >= 1 && s[i - 1] === '\\' && ',;:! '.includes(s[i])) { i -= 2; continue; }
    break;
  }
  if (i < 0) return false;
  const c = s[i];
  if (')]}|\'!'.includes(c)) {
    // `\left(` `\{`-style openers are not operand ends; a closing `}` of `^{…}`/`_{…}`/`\frac{…}{…}` is.
    return true;
  }
  if (/[0-9]/.test(c)) return true;
  if (/[A-Za-z]/.test(c)) {
    let j = i;
    while (j >= 0 && /[A-Za-z]/.test(s[j])) j--;
    if (j >= 0 && s[j] === '\\') return !OPERATOR_COMMANDS.has(s.slice(j + 1, i + 1));
    return true;
  }
  return false;
}

/** Remove s[start, end) and, when that leaves an empty operand, put `1` there instead. */
function dropFactor(s: string, start: number, end: number): Edit | null {
  let e = end;
  while (e < s.length && s[e] === ' ') e++;
  let b = start;
  while (b > 0 && s[b - 1] === ' ') b--;
  // swallow a following `\cdot` / `\times` when the factor is followed by one
  const after = s.slice(e);
  const op = /^\\(cdot|times)\s*/.exec(after);
  const rest = op ? after.slice(op[0].length) : after;
  const before = s.slice(0, b);
  const emptyAfter = rest.length === 0 || /^(}|\)|\\right|=|&|\\\\|,|\.|\+|-|\\quad|\$)/.test(rest);
  const emptyBefore = b === 0 || /(\{|\(|=|&|\\left\(|\\left\[|\$|\\cdot|\\times|\+|-)$/.test(before);
  // after a bare `\sum_{i=1}^N` the factor is the whole summand: it must stay an operand
  const afterSum = /\\sum\s*(_\{[^{}]*\}|_[A-Za-z])?\s*(\^\{[^{}]*\}|\^[A-Za-z0-9])?$/.test(before);
  if (emptyAfter && (emptyBefore || afterSum)) return { start, end, text: '1' };
  if (op && (emptyBefore || afterSum)) return { start, end: e + op[0].length, text: '' };
  if (emptyAfter) {
    // `a \cdot r_{ik}` → `a`: drop the preceding \cdot too
    const pre = /\\(cdot|times)\s*$/.exec(before);
    if (pre) return { start: b - pre[0].length, end, text: '' };
  }
  return { start, end: e, text: '' };
}

export const OPERATORS: Operator[] = [
  {
    name: 'sign-flip',
    description: '+ ↔ - between terms',
    edits(s) {
      const out: Edit[] = [];
      for (let p = 0; p < s.length; p++) {
        if (s[p] !== '+' && s[p] !== '-') continue;
        if (s[p + 1] === '-' || s[p - 1] === '-') continue; // markdown rules, not math
        if (!endsOperand(s, p)) continue;
        out.push({ start: p, end: p + 1, text: s[p] === '+' ? '-' : '+' });
      }
      return out;
    },
  },
  {
    name: 'sign-drop',
    description: 'drop a leading (unary) minus',
    edits(s) {
      const out: Edit[] = [];
      for (let p = 0; p < s.length; p++) {
        if (s[p] !== '-' || s[p + 1] === '-' || s[p - 1] === '-') continue;
        if (endsOperand(s, p)) continue;
        out.push({ start: p, end: p + 1, text: '' });
      }
      return out;
    },
  },
  {
    name: 'drop-half',
    description: 'drop a factor 1/2 (\\frac{1}{2}, \\frac{X}{2} → X, ^{a/2} → ^{a})',
    edits(s) {
      const out: Edit[] = [];
      for (const m of allMatches(s, /\\[dt]?frac\s*(\{1\}\{2\}|12)/)) {
        const d = dropFactor(s, m.index, m.index + m[0].length);
        if (d) out.push(d);
      }
      for (const m of allMatches(s, /\\[dt]?frac\s*\{/)) {
        const open = m.index + m[0].length - 1;
        const close = matchBrace(s, open);
        if (close < 0) continue;
        const num = s.slice(open + 1, close);
        if (num === '1') continue;
        if (!/^\{2\}/.test(s.slice(close + 1))) continue;
        out.push({ start: m.index, end: close + 4, text: `{${num}}` });
      }
      for (const m of allMatches(s, /\^\{(-?[0-9A-Za-z])\/2\}/)) {
        out.push({ start: m.index, end: m.index + m[0].length, text: `^{${m[1]}}` });
      }
      return out;
    },
  },
  {
    name: 'sigma-power',
    description: 'σ² → σ, σ⁴ → σ², (σ²)² → σ²',
    edits(s) {
      const out: Edit[] = [];
      const sub = String.raw`_(?:\{[A-Za-z0-9]\}|[A-Za-z0-9])`;
      const two = String.raw`\^(?:\{2\}|2)`;
      const four = String.raw`\^(?:\{4\}|4)`;
      for (const m of allMatches(s, new RegExp(String.raw`\(\\sigma(${sub})${two}\)${two}`))) {
        out.push({ start: m.index, end: m.index + m[0].length, text: `\\sigma${m[1]}^2` });
      }
      for (const m of allMatches(s, new RegExp(String.raw`\\sigma(${sub})${four}`))) {
        out.push({ start: m.index, end: m.index + m[0].length, text: `\\sigma${m[1]}^2` });
      }
      for (const m of allMatches(s, new RegExp(String.raw`\\sigma(${sub})?${two}(?![0-9])`))) {
        out.push({ start: m.index, end: m.index + m[0].length, text: `\\sigma${m[1] ?? ''}` });
      }
      for (const m of allMatches(s, new RegExp(String.raw`\\sigma${two}(${sub})`))) {
        out.push({ start: m.index, end: m.index + m[0].length, text: `\\sigma${m[1]}` });
      }
      return out;
    },
  },
  {
    name: 'swap-index',
    description: 'swapped indices: _{ik} → _{ki}; component index k ↔ j on μ, σ, Σ',
    edits(s) {
      const out: Edit[] = [];
      for (const m of allMatches(s, /_\{([a-z])(,?)([a-z])\}/)) {
        if (m[1] === m[3]) continue;
        out.push({ start: m.index, end: m.index + m[0].length, text: `_{${m[3]}${m[2]}${m[1]}}` });
      }
      const base = String.raw`(\\mu|\\sigma|\\Sigma|\\boldsymbol\{\\mu\}|\\boldsymbol\{\\Sigma\})`;
      for (const m of allMatches(s, new RegExp(String.raw`${base}_(\{[kj]\}|[kj])(?![a-zA-Z])`))) {
        const idx = m[2].replace(/[{}]/g, '');
        const to = idx === 'k' ? 'j' : 'k';
        const start = m.index + m[1].length;
        out.push({ start, end: start + 1 + m[2].length, text: `_${to}` });
      }
      return out;
    },
  },
  {
    name: 'drop-gamma',
    description: 'drop a responsibility factor γ_{ik} / r_{ik} / r(z_{nk})',
    edits(s) {
      const out: Edit[] = [];
      const re = /\\gamma\(z_\{[a-z]+\}\)|\\gamma_\{[a-z,]+\}|\\gamma_[a-z]|r\(z_\{[a-z,]+\}\)|(?<![A-Za-z\\])r_\{[a-z,]+\}|V\(Z_\{[a-z,]+\}\)/;
      for (const m of allMatches(s, re)) {
        // not the defined quantity itself: `\gamma_{ik} = …` at the start of the formula
        const before = s.slice(0, m.index).replace(/\s+$/, '');
        const after = s.slice(m.index + m[0].length).replace(/^\s+/, '');
        if ((before === '' || /(\$|\\begin\{[a-z*]+\})$/.test(before)) && /^(=|:=)/.test(after)) continue;
        const d = dropFactor(s, m.index, m.index + m[0].length);
        if (d) out.push(d);
      }
      return out;
    },
  },
  {
    name: 'pi-index',
    description: 'π_k → π_j (and π_j → π_k)',
    edits(s) {
      const out: Edit[] = [];
      for (const m of allMatches(s, /\\pi_(\{[kj]\}|[kj])(?![a-zA-Z])/)) {
        const to = m[1].replace(/[{}]/g, '') === 'k' ? 'j' : 'k';
        out.push({ start: m.index + 3, end: m.index + m[0].length, text: `_${to}` });
      }
      return out;
    },
  },
  {
    name: 'transpose',
    description: 'dropped or misplaced transpose ^\\top / ^T',
    edits(s) {
      const out: Edit[] = [];
      for (const m of allMatches(s, /\^(\\top|\{\\top\}|T|\{T\}|\\intercal)(?![A-Za-z])/)) {
        const start = m.index;
        const end = m.index + m[0].length;
        out.push({ start, end, text: '' });
        // misplace: move it onto the next parenthesised group, else onto the previous one
        const next = s.indexOf('(', end);
        if (next >= 0) {
          const close = matchBrace(s, next, '(', ')');
          if (close > 0) {
            out.push({ start, end: close + 1, text: s.slice(end, close + 1) + m[0] });
            continue;
          }
        }
        if (s[start - 1] === ')') {
          const open = matchParenBack(s, start - 1);
          const prevClose = open > 0 ? s.lastIndexOf(')', open - 1) : -1;
          if (prevClose >= 0) out.push({ start: prevClose + 1, end, text: m[0] + s.slice(prevClose + 1, start) });
        }
      }
      return out;
    },
  },
  {
    name: 'square-drop',
    description: '(x_i - μ_k)² → (x_i - μ_k)',
    edits(s) {
      const out: Edit[] = [];
      for (const m of allMatches(s, /\)\^(\{2\}|2)(?![0-9])/)) {
        const open = matchParenBack(s, m.index);
        if (open < 0) continue;
        const inner = s.slice(open, m.index);
        if (!/x/.test(inner) || !/\\mu/.test(inner)) continue;
        out.push({ start: m.index + 1, end: m.index + m[0].length, text: '' });
      }
      return out;
    },
  },
  {
    name: 'norm-const',
    description: 'wrong normalising constant: 2π → π, (2π)^{-D/2} → (2π)^{-1/2}, dropped √',
    edits(s) {
      const out: Edit[] = [];
      for (const m of allMatches(s, /(?<![0-9^])2\s*\\pi(?![A-Za-z_])/)) {
        out.push({ start: m.index, end: m.index + m[0].length, text: '\\pi' });
      }
      for (const m of allMatches(s, /\^\{-D\/2\}|\^\{-\\frac\{D\}\{2\}\}/)) {
        out.push({ start: m.index, end: m.index + m[0].length, text: m[0].includes('frac') ? '^{-\\frac{1}{2}}' : '^{-1/2}' });
      }
      for (const m of allMatches(s, /\\sqrt\s*\{/)) {
        const open = m.index + m[0].length - 1;
        const close = matchBrace(s, open);
        if (close < 0) continue;
        out.push({ start: m.index, end: open, text: '' });
      }
      return out;
    },
  },
  {
    name: 'two-sigma',
    description: '2σ_k² → σ_k² (denominators)',
    edits(s) {
      const out: Edit[] = [];
      for (const m of allMatches(s, /(?<![0-9^.])2\s*(\\sigma|\(\\sigma)/)) {
        const digitEnd = s.indexOf(m[1], m.index);
        out.push({ start: m.index, end: digitEnd, text: '' });
      }
      return out;
    },
  },
  {
    name: 'frac-swap',
    description: 'swapped numerator and denominator of a \\frac',
    edits(s) {
      const out: Edit[] = [];
      for (const m of allMatches(s, /\\[dt]?frac\s*\{/)) {
        const open1 = m.index + m[0].length - 1;
        const close1 = matchBrace(s, open1);
        if (close1 < 0 || s[close1 + 1] !== '{') continue;
        const close2 = matchBrace(s, close1 + 1);
        if (close2 < 0) continue;
        const num = s.slice(open1 + 1, close1);
        const den = s.slice(close1 + 2, close2);
        if (num.trim() === den.trim()) continue;
        if (/\\partial|^\s*d\s*$|^\s*d\s*[a-z]\s*$/.test(num + '|' + den) || /^\s*d/.test(den)) continue;
        out.push({ start: open1, end: close2 + 1, text: `{${den}}{${num}}` });
      }
      return out;
    },
  },
];

// ---------------------------------------------------------------------------
// Labels and notes

export interface Label {
  file: string;
  line: number;
  expect: 'pass' | 'fail' | 'any';
  cls?: string;
  why?: string;
}

const ROOT = path.resolve(__dirname, '..');

export interface Note {
  /** File name under examples/ (…md). */
  file: string;
  text: string;
  /** 1-based pass-labelled lines. */
  passLines: number[];
}

export function loadNotes(root = ROOT): Note[] {
  const labels = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/labels.json'), 'utf8')) as Label[];
  const dir = path.join(root, 'examples');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((file) => {
    const key = file.replace(/\.md$/, '.txt');
    const passLines = [...new Set(labels.filter((l) => l.file === key && l.expect === 'pass').map((l) => l.line))].sort((a, b) => a - b);
    return { file, text: fs.readFileSync(path.join(dir, file), 'utf8'), passLines };
  });
}

// ---------------------------------------------------------------------------
// Mutant generation

export interface Mutant {
  file: string;
  operator: string;
  /** 1-based line. */
  line: number;
  /** Note offsets of the edit in the unmutated note. */
  start: number;
  end: number;
  replacement: string;
  originalLine: string;
  mutatedLine: string;
}

/** Spans inside math that are prose or names, never mutated. */
function protectedSpans(s: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of allMatches(s, /\\(text|textbf|textit|mathrm|mathbb|operatorname|textcircled|begin|end|label|tag)\s*\{/)) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(s, open);
    out.push([m.index, close < 0 ? s.length : close + 1]);
  }
  return out;
}

export function generateMutants(note: Note, regions: MathRegion[] = extractRegions(note.text).regions): Mutant[] {
  const starts = lineStarts(note.text);
  const out: Mutant[] = [];
  for (const L of note.passLines) {
    const ls = starts[L - 1];
    if (ls === undefined) continue;
    const le = L < starts.length ? starts[L] - 1 : note.text.length;
    const line = note.text.slice(ls, le);
    // math content on this line, in line coordinates
    const allowed: [number, number][] = [];
    for (const r of regions) {
      const a = Math.max(r.content.start, ls) - ls;
      const b = Math.min(r.content.end, le) - ls;
      if (a < b) allowed.push([a, b]);
    }
    const prot = protectedSpans(line);
    const ok = (e: Edit) => allowed.some(([a, b]) => e.start >= a && e.end <= b)
      && !prot.some(([a, b]) => e.start < b && e.end > a);
    const seen = new Set<string>();
    for (const op of OPERATORS) {
      for (const e of op.edits(line)) {
        if (!ok(e)) continue;
        const mutatedLine = line.slice(0, e.start) + e.text + line.slice(e.end);
        if (mutatedLine === line) continue;
        const key = `${op.name}|${mutatedLine}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          file: note.file, operator: op.name, line: L, start: ls + e.start, end: ls + e.end, replacement: e.text,
          originalLine: line, mutatedLine,
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Running the campaign

export type Outcome =
  | 'caught'
  | 'caught-via-use'
  | 'survived'
  | 'equivalent'
  | 'parse-broken'
  | 'outside'
  | 'unchecked-orig'
  | 'unused-definition';

export interface MutantResult extends Mutant {
  outcome: Outcome;
  /** The checker's claims covering the mutated line: verdict and message. */
  said: string[];
  /** Failing claims on other pass-labelled lines (spread), as "line: message". */
  spread: string[];
  equivalenceUndetermined?: boolean;
  /** The expression compared for equivalence (original → mutated) and what the synthetic claim said. */
  expr?: { original: string; mutated: string; verdict: string; message: string };
  context: 'reduced' | 'earlier' | 'full';
}

export interface CampaignOptions {
  /** Check every mutant in the whole note (slow; default: validated reduced contexts). */
  full?: boolean;
  /**
   * Cap mutants per operator per file (deterministic, spread over the lines): one number for
   * every file, or per file keyed by the start of its name (e.g. `{ '003': 4 }`; absent = no cap).
   */
  capPerOperatorPerFile?: number | Record<string, number>;
  /** Only these files (names under examples/). */
  files?: string[];
  onProgress?(done: number, total: number): void;
}

export interface CampaignResult {
  results: MutantResult[];
  /** Failing claims on pass-labelled lines of the UNMUTATED notes (must be empty). */
  baselineFailures: string[];
  /** Regions whose reduced context did not reproduce the full note's claims. */
  contextFallbacks: string[];
  ms: number;
}

const EQ_OPTIONS = { seed: 12345, trials: 20 };

const covers = (c: Claim, L: number) => c.line <= L && L <= c.endLine;

function blank(text: string, regions: MathRegion[], keep: Set<number>): string {
  const chars = text.split('');
  for (const r of regions) {
    if (keep.has(r.index)) continue;
    for (let i = r.span.start; i < r.span.end; i++) if (chars[i] !== '\n') chars[i] = ' ';
  }
  return chars.join('');
}

function claimKey(c: Claim): string {
  return `${c.line}|${c.endLine}|${c.verdict}|${c.reason ?? ''}|${c.lhs}|${c.rhs}|${c.message}`;
}

/**
 * Claims whose statement can change how LATER statements are checked: in the checker, only a
 * definition of a fresh name (`S_i = …`, `f' = …`, `\underbrace{…}_{g}`), a Lagrangian (λ) and
 * a stationarity condition (`… = 0`) carry state from one statement to the next.
 */
function isStateBearing(c: Claim, text: string): boolean {
  if (/^defines\b/.test(c.message)) return true;
  const src = text.slice(Math.min(c.lhsSpan.start, c.rhsSpan.start), Math.max(c.lhsSpan.end, c.rhsSpan.end));
  if (c.kind === 'condition' && /\\partial/.test(src)) return true;
  return /\\lambda|\\mathfrak|\\underbrace/.test(src);
}

interface FileState {
  note: Note;
  regions: MathRegion[];
  orig: NoteReport;
  stateRegions: Set<number>;
  /** Per region index: the kept regions of its validated context and its kind. */
  contexts: Map<number, { keep: Set<number>; kind: 'reduced' | 'earlier' | 'full' }>;
}

function regionOf(regions: MathRegion[], offset: number): MathRegion | undefined {
  return regions.find((r) => r.content.start <= offset && offset <= r.content.end);
}

function contextFor(fs_: FileState, r: MathRegion, fallbacks: string[]): { keep: Set<number>; kind: 'reduced' | 'earlier' | 'full' } {
  const cached = fs_.contexts.get(r.index);
  if (cached) return cached;
  const inR = (c: Claim) => c.regionIndex === r.index;
  const want = fs_.orig.claims.filter(inR).map(claimKey).join('\n');
  const candidates: { keep: Set<number>; kind: 'reduced' | 'earlier' }[] = [
    { keep: new Set([...fs_.regions.filter((q) => q.index < r.index && fs_.stateRegions.has(q.index)).map((q) => q.index), r.index]), kind: 'reduced' },
    { keep: new Set(fs_.regions.filter((q) => q.index <= r.index).map((q) => q.index)), kind: 'earlier' },
  ];
  for (const cand of candidates) {
    const rep = checkNote(blank(fs_.note.text, fs_.regions, cand.keep));
    if (rep.claims.filter(inR).map(claimKey).join('\n') === want) {
      fs_.contexts.set(r.index, cand);
      return cand;
    }
  }
  fallbacks.push(`${fs_.note.file} region at line ${r.line}: reduced contexts differ, using the whole note`);
  const full = { keep: new Set(fs_.regions.map((q) => q.index)), kind: 'full' as const };
  fs_.contexts.set(r.index, full);
  return full;
}

function applyEdit(text: string, m: Mutant): string {
  return text.slice(0, m.start) + m.replacement + text.slice(m.end);
}

function describe(c: Claim): string {
  return `${c.verdict}${c.reason ? ` (${c.reason})` : ''} [${c.line}${c.endLine !== c.line ? `-${c.endLine}` : ''}] ${c.lhs.slice(0, 40)} ${c.relation} ${c.rhs.slice(0, 40)}: ${c.message}`;
}

function cleanSide(s: string): string {
  return s.replace(/\\\\/g, ' ').replace(/&/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Deterministic spread-out subset of at most `cap` items. */
function capList<T>(xs: T[], cap: number | undefined): T[] {
  if (cap === undefined || xs.length <= cap) return xs;
  const out: T[] = [];
  for (let i = 0; i < cap; i++) out.push(xs[Math.floor((i * xs.length) / cap)]);
  return out;
}

export function runCampaign(options: CampaignOptions = {}): CampaignResult {
  const t0 = Date.now();
  const notes = loadNotes().filter((n) => !options.files || options.files.includes(n.file));
  const baselineFailures: string[] = [];
  const contextFallbacks: string[] = [];
  const todo: { st: FileState; m: Mutant }[] = [];
  for (const note of notes) {
    const { regions } = extractRegions(note.text);
    const orig = checkNote(note.text);
    for (const L of note.passLines) {
      for (const c of orig.claims) if (covers(c, L) && c.verdict === 'fail') baselineFailures.push(`${note.file}:${L}: ${describe(c)}`);
    }
    const stateRegions = new Set(orig.claims.filter((c) => isStateBearing(c, note.text)).map((c) => c.regionIndex));
    const st: FileState = { note, regions, orig, stateRegions, contexts: new Map() };
    const all = generateMutants(note, regions);
    for (const op of OPERATORS) {
      const capOpt = options.capPerOperatorPerFile;
      const cap = typeof capOpt === 'number' ? capOpt
        : capOpt ? Object.entries(capOpt).find(([k]) => note.file.startsWith(k))?.[1] : undefined;
      for (const m of capList(all.filter((x) => x.operator === op.name), cap)) todo.push({ st, m });
    }
  }
  const results: MutantResult[] = [];
  let done = 0;
  for (const { st, m } of todo) {
    results.push(runMutant(st, m, options, contextFallbacks));
    options.onProgress?.(++done, todo.length);
  }
  return { results, baselineFailures, contextFallbacks, ms: Date.now() - t0 };
}

function runMutant(st: FileState, m: Mutant, options: CampaignOptions, fallbacks: string[]): MutantResult {
  const { note, regions, orig } = st;
  const L = m.line;
  const delta = m.replacement.length - (m.end - m.start);
  const base: Omit<MutantResult, 'outcome' | 'context'> = { ...m, said: [], spread: [] };
  const region = regionOf(regions, m.start);
  if (!region) return { ...base, outcome: 'outside', context: 'full' };
  // the expression (claim side) containing the edit, smallest first
  const sides: { span: { start: number; end: number }; claim: Claim; side: 'lhs' | 'rhs' }[] = [];
  for (const c of orig.claims) {
    for (const side of ['lhs', 'rhs'] as const) {
      const sp = side === 'lhs' ? c.lhsSpan : c.rhsSpan;
      if (sp.start <= m.start && m.end <= sp.end && sp.end > sp.start) sides.push({ span: sp, claim: c, side });
    }
  }
  if (sides.length === 0) return { ...base, outcome: 'outside', context: 'full' };
  sides.sort((a, b) => (a.span.end - a.span.start) - (b.span.end - b.span.start));
  const span = sides[0].span;
  const owners = sides.filter((s) => s.span.start === span.start && s.span.end === span.end).map((s) => s.claim);
  if (owners.every((c) => c.verdict === 'unchecked')) return { ...base, outcome: 'unchecked-orig', context: 'full' };
  const definitionOnly = owners.every((c) => c.verdict !== 'fail' && /^defines\b/.test(c.message));
  if (definitionOnly) {
    // A definition of a fresh name is right by construction; it can only be caught where the
    // name is used. A name that no later checked claim uses cannot be caught at all.
    const name = owners[0].lhs.trim();
    const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?<![\\\\A-Za-z])${esc}(?![A-Za-z])`);
    const redefinition = (c: Claim) => c.lhs.trim() === name && /^defines\b/.test(c.message);
    const used = orig.claims.some((c) => c.lhsSpan.start > span.end && c.verdict !== 'unchecked' && !redefinition(c)
      && re.test(`${c.lhs} ${c.rhs}`));
    if (!used) return { ...base, outcome: 'unused-definition', context: 'full' };
  }

  const ctx = options.full ? { keep: new Set(regions.map((r) => r.index)), kind: 'full' as const } : contextFor(st, region, fallbacks);
  const reduced = blank(note.text, regions, ctx.keep);
  const mutantReduced = applyEdit(reduced, m);
  const rep = checkNote(mutantReduced);
  const onLine = rep.claims.filter((c) => covers(c, L));
  const said = onLine.map(describe);
  const origOnLine = orig.claims.filter((c) => covers(c, L));
  const origParse = origOnLine.filter((c) => c.reason === 'parse-error').length;
  if (onLine.filter((c) => c.reason === 'parse-error').length > origParse) {
    return { ...base, said, outcome: 'parse-broken', context: ctx.kind };
  }

  // Equivalence: `$$ E = E' $$` after the same preceding context, other seed, more trials.
  const original = cleanSide(note.text.slice(span.start, span.end));
  const mutatedRaw = mutantReduced.slice(span.start, span.end + delta);
  const found = rep.claims.find((c) => (c.lhsSpan.start === span.start && c.lhsSpan.end === span.end + delta)
    || (c.rhsSpan.start === span.start && c.rhsSpan.end === span.end + delta));
  const mutatedSide = found
    ? cleanSide(found.lhsSpan.start === span.start && found.lhsSpan.end === span.end + delta ? found.lhs : found.rhs)
    : cleanSide(mutatedRaw.replace(/\\text\{[^{}]*\}/g, ' '));
  const origSide = cleanSide(owners[0].lhsSpan.start === span.start && owners[0].lhsSpan.end === span.end
    ? owners[0].lhs : owners.find((c) => c.rhsSpan.start === span.start)?.rhs ?? original);
  const starts = lineStarts(note.text);
  const eol = region.endLine < starts.length ? starts[region.endLine] - 1 : note.text.length;
  const eqKeep = new Set(regions.filter((q) => q.index <= region.index && st.stateRegions.has(q.index)).map((q) => q.index));
  const ctxText = blank(note.text, regions, options.full ? new Set(regions.filter((q) => q.index <= region.index).map((q) => q.index)) : eqKeep);
  // In a covariance update a plain \mu means the updated mean (DESIGN.md): say so explicitly.
  const newMean = owners.some((c) => c.kind === 'update' && /\\(Sigma|sigma)/.test(c.lhs));
  const explicit = (e: string) => (newMean ? e.replace(/(\\mu|\\boldsymbol\{\\mu\})_(\{[a-z]\}|[a-z])(?!\s*\^)/g, '$1_$2^{new}') : e);
  const inserted = `\n\n$$${explicit(origSide)} = ${explicit(mutatedSide)}$$\n`;
  const synthetic = ctxText.slice(0, eol) + inserted + ctxText.slice(eol);
  const eqOpts: CheckOptions = { ...EQ_OPTIONS, K: orig.model.K, D: orig.model.D };
  const eqRep = checkNote(synthetic, eqOpts);
  const synthStart = eol + 4;
  const eqClaim = eqRep.claims.find((c) => c.lhsSpan.start >= synthStart && c.lhsSpan.start < eol + inserted.length);
  const expr = {
    original: explicit(origSide), mutated: explicit(mutatedSide),
    verdict: eqClaim ? eqClaim.verdict : 'none', message: eqClaim ? eqClaim.message : 'no claim found for the synthetic formula',
  };
  // A pass needs sample points at most instances: an expression that is undefined almost
  // everywhere (log of a negative number) "agrees" at the few points where it is defined.
  const points = Number(/agrees at (\d+) sample point/.exec(eqClaim?.message ?? '')?.[1] ?? 0);
  const wellSampled = points >= EQ_OPTIONS.trials / 2;
  if (eqClaim?.verdict === 'pass' && wellSampled) return { ...base, said, expr, outcome: 'equivalent', context: ctx.kind };
  const equivalenceUndetermined = eqClaim?.verdict !== 'fail' ? true : undefined;

  // Spread (and detection of definition-only mutants) in the full mutated note.
  let spread: string[] = [];
  let laterFail = false;
  if (options.full || st.stateRegions.has(region.index) || definitionOnly) {
    const fullRep = ctx.kind === 'full' ? rep : checkNote(applyEdit(note.text, m));
    const origFail = new Set(orig.claims.filter((c) => c.verdict === 'fail').map((c) => `${c.lhsSpan.start}|${c.rhsSpan.start}`));
    const shift = (o: number) => (o > m.end ? o - delta : o);
    const newFails = fullRep.claims.filter((c) => c.verdict === 'fail' && !covers(c, L)
      && !origFail.has(`${shift(c.lhsSpan.start)}|${shift(c.rhsSpan.start)}`));
    laterFail = newFails.some((c) => c.line > L);
    spread = newFails.filter((c) => note.passLines.some((p) => p !== L && covers(c, p))).map((c) => `${note.file}:${c.line}: ${describe(c)}`);
  }
  const caughtOnLine = onLine.some((c) => c.verdict === 'fail');
  const outcome: Outcome = caughtOnLine ? 'caught' : definitionOnly && laterFail ? 'caught-via-use' : 'survived';
  // For definition-only mutants the failures downstream are the detection, not a false alarm.
  return { ...base, said, expr, spread: outcome === 'caught-via-use' ? [] : spread, outcome, equivalenceUndetermined, context: ctx.kind };
}

// ---------------------------------------------------------------------------
// Reporting

export interface Tally {
  operator: string;
  generated: number;
  excluded: { equivalent: number; parseBroken: number; outside: number; uncheckedOrig: number; unusedDefinition: number };
  counted: number;
  caught: number;
}

export function tally(results: MutantResult[]): { rows: Tally[]; total: Tally; rate: number } {
  const rows: Tally[] = OPERATORS.map((op) => {
    const rs = results.filter((r) => r.operator === op.name);
    const counted = rs.filter((r) => r.outcome === 'caught' || r.outcome === 'caught-via-use' || r.outcome === 'survived');
    return {
      operator: op.name,
      generated: rs.length,
      excluded: {
        equivalent: rs.filter((r) => r.outcome === 'equivalent').length,
        parseBroken: rs.filter((r) => r.outcome === 'parse-broken').length,
        outside: rs.filter((r) => r.outcome === 'outside').length,
        uncheckedOrig: rs.filter((r) => r.outcome === 'unchecked-orig').length,
        unusedDefinition: rs.filter((r) => r.outcome === 'unused-definition').length,
      },
      counted: counted.length,
      caught: counted.filter((r) => r.outcome !== 'survived').length,
    };
  });
  const total: Tally = {
    operator: 'TOTAL',
    generated: rows.reduce((a, r) => a + r.generated, 0),
    excluded: {
      equivalent: rows.reduce((a, r) => a + r.excluded.equivalent, 0),
      parseBroken: rows.reduce((a, r) => a + r.excluded.parseBroken, 0),
      outside: rows.reduce((a, r) => a + r.excluded.outside, 0),
      uncheckedOrig: rows.reduce((a, r) => a + r.excluded.uncheckedOrig, 0),
      unusedDefinition: rows.reduce((a, r) => a + r.excluded.unusedDefinition, 0),
    },
    counted: rows.reduce((a, r) => a + r.counted, 0),
    caught: rows.reduce((a, r) => a + r.caught, 0),
  };
  return { rows, total, rate: total.counted ? total.caught / total.counted : 0 };
}

export function formatTable(results: MutantResult[]): string {
  const { rows, total, rate } = tally(results);
  const head = ['operator', 'generated', 'equiv', 'parse', 'outside', 'unchk', 'unused', 'counted', 'caught', 'rate'];
  const line = (t: Tally) => [
    t.operator, t.generated, t.excluded.equivalent, t.excluded.parseBroken, t.excluded.outside, t.excluded.uncheckedOrig,
    t.excluded.unusedDefinition,
    t.counted, t.caught, t.counted ? `${((100 * t.caught) / t.counted).toFixed(1)}%` : '-',
  ].map(String);
  const table = [head, ...rows.map(line), line(total)];
  const widths = head.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const viaUse = results.filter((r) => r.outcome === 'caught-via-use').length;
  const undetermined = results.filter((r) => r.equivalenceUndetermined && r.outcome !== 'equivalent').length;
  return [
    ...table.map(fmt),
    `catch rate ${(100 * rate).toFixed(2)}% (${total.caught}/${total.counted}); ${viaUse} of the caught are definition-only mutants caught where the name is used; `
      + `${undetermined} counted mutants had an undetermined equivalence check (counted as non-equivalent)`,
  ].join('\n');
}

export function formatSurvivors(results: MutantResult[]): string {
  const out: string[] = [];
  for (const r of results.filter((x) => x.outcome === 'survived')) {
    out.push(`SURVIVED ${r.file}:${r.line} [${r.operator}]${r.equivalenceUndetermined ? ' (equivalence undetermined)' : ''}`);
    out.push(`  was: ${r.originalLine.trim()}`);
    out.push(`  now: ${r.mutatedLine.trim()}`);
    if (r.expr) out.push(`  expr: ${r.expr.original}  →  ${r.expr.mutated}`);
    for (const s of r.said) out.push(`  checker: ${s}`);
    if (r.said.length === 0) out.push('  checker: no claim covers this line');
  }
  return out.join('\n');
}

export function formatSpread(results: MutantResult[]): string {
  const out: string[] = [];
  for (const r of results.filter((x) => x.spread.length > 0)) {
    out.push(`SPREAD ${r.file}:${r.line} [${r.operator}] (${r.outcome}) ${r.mutatedLine.trim().slice(0, 160)}`);
    for (const s of r.spread) out.push(`  → ${s}`);
  }
  return out.join('\n');
}

function main(argv: string[]): void {
  const full = argv.includes('--full');
  const quiet = argv.includes('--quiet');
  const capIdx = argv.indexOf('--cap');
  const cap = capIdx >= 0 ? Number(argv[capIdx + 1]) : undefined;
  const jsonIdx = argv.indexOf('--json');
  const res = runCampaign({
    full,
    capPerOperatorPerFile: cap,
    onProgress: quiet ? undefined : (d, t) => { if (d % 50 === 0 || d === t) process.stderr.write(`  ${d}/${t}\n`); },
  });
  console.log(formatTable(res.results));
  console.log(`time ${(res.ms / 1000).toFixed(1)} s, ${res.results.length} mutants${full ? ' (full notes)' : ''}`);
  if (res.baselineFailures.length) console.log(`\nUNMUTATED pass-labelled lines with failing claims:\n${res.baselineFailures.join('\n')}`);
  if (res.contextFallbacks.length) console.log(`\n${res.contextFallbacks.join('\n')}`);
  const surv = formatSurvivors(res.results);
  console.log(surv ? `\n${surv}` : '\nno surviving mutants');
  const spread = formatSpread(res.results);
  console.log(spread ? `\n${spread}` : '\nno mutant made another pass-labelled line fail');
  const excluded = res.results.filter((r) => r.outcome === 'parse-broken');
  if (excluded.length) {
    console.log('\nparse-broken (excluded):');
    for (const r of excluded) console.log(`  ${r.file}:${r.line} [${r.operator}] ${r.mutatedLine.trim().slice(0, 160)}`);
  }
  if (jsonIdx >= 0) fs.writeFileSync(argv[jsonIdx + 1], JSON.stringify(res, null, 1));
}

if (require.main === module) main(process.argv.slice(2));
