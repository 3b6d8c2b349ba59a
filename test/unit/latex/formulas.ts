// The real-formula corpus (../shared/formulas/formulas.jsonl, or the committed
// sample under test/fixtures when it is absent) and the two parity measures of
// issue 9: (1) parseStatement on the statements extractStatements makes of each
// formula; (2) the formulas written into notes and run through checkNote, with
// no claim "unchecked: parse-error". Shared by the parity test and
// scripts/parity.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractRegions } from '../../../src/core/extract/regions';
import { extractStatements } from '../../../src/core/extract/statements';
import { parseStatement } from '../../../src/core/latex/parser';

export interface Formula {
  tex: string;
  display: boolean;
  delim: string;
  katex_ok: boolean;
  gmm_piece: boolean;
  repo?: string;
  path?: string;
  line?: number;
}

const ROOT = join(__dirname, '../../..');
/** Beside the repository (CI, developers' clones); GMM_FORMULAS names another copy (e.g. from a git worktree). */
export const CORPUS_PATH = process.env.GMM_FORMULAS ?? join(ROOT, '../shared/formulas/formulas.jsonl');
export const SAMPLE_PATH = join(ROOT, 'test/fixtures/formulas-sample.jsonl');

export function readJsonl(path: string): Formula[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Formula);
}

/** KaTeX-accepted formulas of the full corpus when present, else of the committed sample. */
export function loadFormulas(): { formulas: Formula[]; source: 'corpus' | 'sample' } {
  if (existsSync(CORPUS_PATH)) return { formulas: readJsonl(CORPUS_PATH).filter((f) => f.katex_ok), source: 'corpus' };
  return { formulas: readJsonl(SAMPLE_PATH).filter((f) => f.katex_ok), source: 'sample' };
}

/**
 * The formula as a markdown note would hold it, with its own delimiters, written so that it is
 * math for markdown: inline math without spaces inside its `$` (`$\\eta $` is text for
 * markdown, as in VS Code's preview), display math without the indentation that would make
 * it a code block or the blank lines that would end it. Neither changes what KaTeX reads;
 * without them 760 formulas of the corpus never reached the parser.
 */
export function asMarkdown(f: Formula): string {
  if (f.delim === '$') return `$${f.tex.replace(/\n/g, ' ').trim()}$`;
  if (f.delim === '\\(') return `\\(${f.tex.replace(/\n/g, ' ')}\\)`;
  const body = f.tex.split('\n').map((l) => l.trimStart()).filter((l) => l).join('\n');
  if (f.delim === '\\[') return `\\[\n${body}\n\\]`;
  // `$$` and environments (their \begin…\end is part of tex).
  return `$$\n${body}\n$$`;
}

/** Parse errors of one formula: parseStatement on each of its statements. */
export function parseErrors(f: Formula): string[] {
  const text = `${asMarkdown(f)}\n`;
  const { regions } = extractRegions(text);
  const out: string[] = [];
  for (const st of extractStatements(text, regions)) {
    const r = parseStatement(st.segments);
    if (r.error) {
      out.push(r.error.message);
      continue;
    }
    for (const c of r.chains) for (const s of c.sides) if (!s.ok) out.push(s.message);
  }
  return out;
}

const BRACKET_TOKEN = /\\(?:left|right)(?![a-zA-Z])\s*(?:\\[a-zA-Z]+|\\.|.)|\\[a-zA-Z]+|\\.|[()[\]{}]/g;
const PROSE_COMMAND = /^\\(?:text\w*|mbox|operatorname)$/;

interface BracketGroup { round: number; set: number; prose: boolean; closer: '}' | 'right'; leftBrace: boolean }

/**
 * Do the formula's brackets pair up? A count that does not use our parser (the witness that a
 * formula listed as "brackets that do not pair up" really has them): braces `{…}` and
 * `\left…\right` nest as groups (whatever delimiters the latter draw: `\left[0, 1\right)`), and
 * within every group as many `(` and `[` open as `)` and `]` close (an interval may mix them)
 * and as many `\{` as `\}`, never more closed than opened so far; a `\}` may close the
 * `\left\{` of its group (`\left\{ … \} \right.`). `%` comments are dropped as KaTeX drops them;
 * the arguments of `\text`-like commands are prose.
 */
export function bracketsPairUp(tex: string): boolean {
  const s = tex.replace(/(^|[^\\])%.*$/gm, '$1');
  const groups: BracketGroup[] = [{ round: 0, set: 0, prose: false, closer: '}', leftBrace: false }];
  const balanced = (g: BracketGroup): boolean => g.prose || (g.round === 0 && (g.set === 0 || (g.leftBrace && g.set === -1)));
  let proseNext = false;
  for (const m of s.matchAll(BRACKET_TOKEN)) {
    const t = m[0];
    const g = groups[groups.length - 1];
    const sized = /^\\(left|right)(?![a-zA-Z])\s*(.*)$/.exec(t);
    if (t === '{' || sized?.[1] === 'left') {
      const leftBrace = sized !== null && (sized[2] === '\\{' || sized[2] === '\\lbrace');
      groups.push({ round: 0, set: 0, prose: g.prose || (proseNext && !sized), closer: sized ? 'right' : '}', leftBrace });
      proseNext = false;
      continue;
    }
    proseNext = false;
    if (t === '}' || sized?.[1] === 'right') {
      const done = groups.pop()!;
      if (groups.length === 0 || done.closer !== (sized ? 'right' : '}') || !balanced(done)) return false;
      continue;
    }
    if (g.prose) continue;
    if (PROSE_COMMAND.test(t)) proseNext = true;
    else if (t === '(' || t === '[') g.round++;
    else if (t === ')' || t === ']') {
      if (--g.round < 0) return false;
    } else if (t === '\\{' || t === '\\lbrace') g.set++;
    else if (t === '\\}' || t === '\\rbrace') {
      if (--g.set < (g.leftBrace ? -1 : 0)) return false;
    }
  }
  return groups.length === 1 && balanced(groups[0]);
}

/** A message with the formula-specific parts (quoted tokens, names) kept: the grouping key of the report. */
export function messageKey(m: string): string {
  return m.replace(/\d+/g, 'N');
}

export interface ParityFigures {
  total: number;
  ok: number;
  gmmTotal: number;
  gmmOk: number;
  messages: Map<string, { count: number; example: string }>;
  failing: { f: Formula; messages: string[] }[];
}

export function measureParity(formulas: readonly Formula[]): ParityFigures {
  const fig: ParityFigures = { total: 0, ok: 0, gmmTotal: 0, gmmOk: 0, messages: new Map(), failing: [] };
  for (const f of formulas) {
    const errs = parseErrors(f);
    fig.total++;
    if (f.gmm_piece) fig.gmmTotal++;
    if (errs.length === 0) {
      fig.ok++;
      if (f.gmm_piece) fig.gmmOk++;
      continue;
    }
    fig.failing.push({ f, messages: errs });
    const key = messageKey(errs[0]);
    const m = fig.messages.get(key) ?? { count: 0, example: f.tex };
    m.count++;
    fig.messages.set(key, m);
  }
  return fig;
}

export function percent(a: number, b: number): string {
  return `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
}

/** FNV-1a of a string: a stable order for choosing the committed sample. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The committed sample: KaTeX-accepted formulas ordered by the hash of their text,
 * the first `gmm` GMM pieces and the first `other` others (reproducible from the corpus).
 */
export function chooseSample(all: readonly Formula[], gmm = 500, other = 700): Formula[] {
  const ok = all.filter((f) => f.katex_ok).sort((a, b) => fnv1a(a.tex) - fnv1a(b.tex) || (a.tex < b.tex ? -1 : 1));
  const pick = [...ok.filter((f) => f.gmm_piece).slice(0, gmm), ...ok.filter((f) => !f.gmm_piece).slice(0, other)];
  return pick.sort((a, b) => fnv1a(a.tex) - fnv1a(b.tex));
}

/**
 * The formulas written into notes of `perNote` formulas each (display ones as `$$…$$`
 * blocks, inline ones on their own line), for checking the whole-note path.
 */
export function asNotes(formulas: readonly Formula[], perNote = 400): string[] {
  return notesWithOrigins(formulas, perNote).map((n) => n.text);
}

/** asNotes, with the formula each line of a note was written from (`formulaAt(line)`, 1-based lines). */
export function notesWithOrigins(formulas: readonly Formula[], perNote = 400): { text: string; formulaAt(line: number): Formula | undefined }[] {
  const notes: { text: string; formulaAt(line: number): Formula | undefined }[] = [];
  for (let i = 0; i < formulas.length; i += perNote) {
    const chunk = formulas.slice(i, i + perNote);
    const blocks = chunk.map((f) => `Formula ${i + 1}:\n\n${asMarkdown(f)}\n`);
    const byLine: Formula[] = [];
    blocks.forEach((b, k) => {
      // Each block's lines, and the blank line that joins it to the next.
      for (let n = b.split('\n').length; n > 0; n--) byLine.push(chunk[k]);
    });
    notes.push({ text: blocks.join('\n'), formulaAt: (line) => byLine[line - 1] });
  }
  return notes;
}
