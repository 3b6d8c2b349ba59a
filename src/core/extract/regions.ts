// Finds the math regions of a markdown note: $…$, $$…$$, \(…\), \[…\] and
// ```math fences, with exact UTF-16 offsets into the note and 1-based lines.
//
// markdown-it is used only to learn what is code (fences, indented blocks,
// code spans) and raw HTML. The math itself is found by scanning the raw text,
// because markdown-it's inline content has indentation and blockquote markers
// stripped (offsets would be lost), and because display math legitimately
// spans blank lines and lines that markdown reads as list items
// ("1. \text{…}" inside $$…$$), which would split markdown-it's paragraphs.

import MarkdownIt from 'markdown-it';
import type { MathDelimiter, MathRegion, NoteIssue, Span } from '../types';

/** A span the math scanner must not look into; a ```math fence is itself a region. */
interface Excluded extends Span {
  fence?: { content: Span };
}

// html: true as in VS Code's preview, so raw HTML blocks (never rendered as
// math by a preview) are excluded like code. Only the block phase runs: code
// spans are located by `codeSpans` below on the raw text.
const blockParser = new MarkdownIt({ html: true });
blockParser.core.ruler.enableOnly(['normalize', 'block']);

const BACKSLASH = 0x5c;
const DOLLAR = 0x24;
const NEWLINE = 0x0a;
const BACKTICK = 0x60;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === NEWLINE;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * markdown-it turns \r\n and \r into \n and NUL into U+FFFD. Doing the same
 * without changing the length (\r\n → " \n") keeps every offset valid for the
 * original text while both parsers see the same lines.
 */
export function normalizeSameLength(text: string): string {
  if (text.indexOf('\r') < 0 && text.indexOf('\0') < 0) return text;
  return text.replace(/\r\n?/g, (m) => (m.length === 2 ? ' \n' : '\n')).replace(/\0/g, '\uFFFD');
}

/** Offsets where each line starts (0-based line index → offset). */
export function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based line of an offset, by binary search over `starts`. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function lineEnd(src: string, starts: readonly number[], line: number): number {
  return line + 1 < starts.length ? starts[line + 1] - 1 : src.length;
}

/**
 * Code spans in [from, to) with CommonMark's rule (a run of n backticks is
 * closed by the next run of exactly n; a backslash escapes one character).
 * `hopeless` remembers run lengths that have no closer left, which keeps a
 * paragraph full of stray backticks linear.
 */
function codeSpans(src: string, from: number, to: number, out: Excluded[]): void {
  const hopeless = new Set<number>();
  let i = from;
  while (i < to) {
    const c = src.charCodeAt(i);
    if (c === BACKSLASH) {
      i += 2;
      continue;
    }
    if (c !== BACKTICK) {
      i++;
      continue;
    }
    let runEnd = i + 1;
    while (runEnd < to && src.charCodeAt(runEnd) === BACKTICK) runEnd++;
    const length = runEnd - i;
    let close = -1;
    if (!hopeless.has(length)) {
      let j = src.indexOf('`', runEnd);
      while (j >= 0 && j < to) {
        let k = j + 1;
        while (k < to && src.charCodeAt(k) === BACKTICK) k++;
        if (k - j === length) {
          close = k;
          break;
        }
        j = src.indexOf('`', k);
      }
      if (close < 0) hopeless.add(length);
    }
    if (close >= 0) {
      out.push({ start: i, end: close });
      i = close;
    } else {
      i = runEnd;
    }
  }
}

/**
 * Admonitions of MkDocs and Python-Markdown (`!!! note "Title"`, `??? tip`) hold
 * their body indented by four spaces, which CommonMark alone reads as an indented
 * code block. Those sites render the body as markdown (math included), so for the
 * question "what is code" the marker is read as a list item of the same length,
 * whose indented body is then ordinary content. Offsets do not move.
 */
function admonitionsAsListItems(src: string): string {
  if (src.indexOf('!!!') < 0 && src.indexOf('???') < 0) return src;
  return src.replace(/^(?:!!!|\?\?\?\+?)(?=[ \t]+[A-Za-z])/gm, (m) => `-${' '.repeat(m.length - 1)}`);
}

/**
 * Whether markdown can find anything to exclude from math in the note: code spans need a
 * backtick, fences three backticks or tildes, raw HTML blocks a `<` opening a line (after
 * no more than quote markers, list markers and spaces) with a tag name, `!`, `?` or `/` after it (an autolink
 * `<https://…>` opens none), indented code a tab or four spaces
 * in a row (inside a quote or list too: its indent comes after the markers), comments `%%` or
 * `<!--` (commentSpans). A note with
 * none of them (most notes: prose and math) has nothing excluded, and the block parse,
 * a tenth of a seed note's check with nothing cached, is skipped. A superset of what
 * markdown-it finds, checked against it in the tests (regions.test.ts).
 */
export function mayHoldCode(src: string): boolean {
  return /[`~\t]| {4}|^[ >*+\-\d.)]*<(?:[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|[!?/])|%%|<!--/m.test(src);
}

/** Code blocks, code spans, raw HTML blocks and ```math fences by markdown-it's block parse, in document order (exported for the tests of mayHoldCode). */
export function excludedSpans(src: string, starts: readonly number[]): Excluded[] {
  const out: Excluded[] = [];
  const tokens = blockParser.parse(admonitionsAsListItems(src), {});
  let lastMap: [number, number] | null = null;
  let inlineScannedTo = -1; // table cells share their row's line: scan it once
  for (const token of tokens) {
    const map = token.map;
    if (map) lastMap = map;
    if (token.type === 'inline') {
      const lines = map ?? lastMap;
      if (lines && lines[0] >= inlineScannedTo) {
        codeSpans(src, starts[lines[0]], lineEnd(src, starts, lines[1] - 1), out);
        inlineScannedTo = lines[1];
      }
      continue;
    }
    if (!map || map[1] <= map[0]) continue;
    const whole = { start: starts[map[0]], end: lineEnd(src, starts, map[1] - 1) };
    if (token.type === 'code_block' || token.type === 'html_block') {
      out.push(whole);
    } else if (token.type === 'fence') {
      if (token.info.trim().split(/\s+/)[0].toLowerCase() !== 'math') {
        out.push(whole);
        continue;
      }
      out.push({ ...fenceSpans(src, starts, map, token.markup), fence: { content: fenceContent(src, starts, map, token.markup) } });
    }
  }
  commentSpans(src, out);
  out.sort((a, b) => a.start - b.start);
  return out;
}

/**
 * Comments the preview does not show, with any math in them: Obsidian's `%% … %%` and an HTML comment inside a
 * paragraph (`<!-- … -->`; one on lines of its own is an html_block already). Not inside code, and not the
 * `<!-- gmm: … -->` settings comment, which is read as settings, never as math.
 */
function commentSpans(src: string, out: Excluded[]): void {
  if (!src.includes('%%') && !src.includes('<!--')) return;
  const code = [...out];
  const inCode = (at: number) => code.some((e) => e.start <= at && at < e.end);
  for (const m of src.matchAll(/%%[\s\S]*?%%|<!--[\s\S]*?-->/g)) {
    const start = m.index!, end = start + m[0].length;
    if (inCode(start) || out.some((e) => e.start < end && start < e.end)) continue;
    out.push({ start, end });
  }
}

function fenceSpans(src: string, starts: readonly number[], map: [number, number], markup: string): Span {
  const firstLineEnd = lineEnd(src, starts, map[0]);
  const marker = src.indexOf(markup, starts[map[0]]);
  const start = marker >= 0 && marker < firstLineEnd ? marker : starts[map[0]];
  return { start, end: lineEnd(src, starts, map[1] - 1) };
}

function fenceContent(src: string, starts: readonly number[], map: [number, number], markup: string): Span {
  const last = map[1] - 1;
  const lastText = src.slice(starts[last], lineEnd(src, starts, last));
  const closer = new RegExp(`^[\\s>]*\\${markup[0]}{${markup.length},}\\s*$`);
  const closed = last > map[0] && closer.test(lastText);
  const start = map[0] + 1 < map[1] ? starts[map[0] + 1] : lineEnd(src, starts, map[0]);
  const end = closed ? starts[last] - 1 : lineEnd(src, starts, last);
  return { start, end: Math.max(start, end) };
}

type Closer = '$' | '$$' | '\\)' | '\\]';

/** Environments that are display math on their own (not `aligned`, `cases`, which need math around them). */
const BARE_ENVIRONMENTS = new Set(['equation', 'equation*', 'align', 'align*', 'gather', 'gather*', 'multline', 'multline*', 'eqnarray', 'eqnarray*', 'flalign', 'flalign*', 'alignat', 'alignat*']);

/** Why a search for a closing delimiter stopped without finding it. */
type Failure = 'blank' | 'code' | 'end' | 'closer';

class Scanner {
  readonly regions: MathRegion[] = [];
  readonly issues: NoteIssue[] = [];
  /**
   * A failed search proves that no closer of that kind exists before the
   * point where it stopped, whatever the opener; later openers before that
   * point fail at once (otherwise "$5, $6, $7…" is quadratic).
   */
  private readonly failedBefore = new Map<string, { at: number; why: Failure }>();
  /** Where the next `\end{…}` of a bare environment is (-1: nowhere), from the last search. */
  private readonly envCloser = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly src: string,
    private readonly starts: readonly number[],
  ) {}

  run(excluded: readonly Excluded[]): void {
    const src = this.src;
    let next = 0;
    let i = 0;
    while (i < src.length) {
      const skip = next < excluded.length ? excluded[next] : undefined;
      if (skip && i >= skip.start) {
        if (skip.fence) this.push('fence', skip, skip.fence.content);
        i = Math.max(i, skip.end);
        next++;
        continue;
      }
      const limit = skip ? skip.start : src.length;
      const c = src.charCodeAt(i);
      if (c === BACKSLASH) {
        const d = src.charCodeAt(i + 1);
        if ((d === 0x28 || d === 0x5b) && i + 2 <= limit) {
          const display = d === 0x5b;
          const end = this.tryOpen(i, 2, display ? '\\]' : '\\)', display ? '\\[' : '\\(', display, limit);
          if (end >= 0) {
            i = end;
            continue;
          }
        }
        if (d === 0x62 /* b */ && this.atLineStart(i)) {
          const end = this.tryEnvironment(i, limit);
          if (end >= 0) {
            i = end;
            continue;
          }
        }
        // A backslash pair is one escape: "\$" is not a delimiter, "\\$" is.
        i = Math.min(i + 2, limit);
        continue;
      }
      if (c === DOLLAR && i + 1 < limit) {
        if (src.charCodeAt(i + 1) === DOLLAR) {
          const end = this.tryOpen(i, 2, '$$', '$$', true, limit);
          i = end >= 0 ? end : i + 2;
          continue;
        }
        // Pandoc: an opening $ must be followed by a non-space.
        if (!isSpace(src.charCodeAt(i + 1))) {
          const end = this.tryOpen(i, 1, '$', '$', false, limit);
          if (end >= 0) {
            i = end;
            continue;
          }
        }
      }
      i++;
    }
  }

  /** Only spaces, tabs or blockquote markers before `at` on its line. */
  private atLineStart(at: number): boolean {
    for (let k = at - 1; k >= 0; k--) {
      const c = this.src.charCodeAt(k);
      if (c === NEWLINE) return true;
      if (c !== 0x20 && c !== 0x09 && c !== 0x3e) return false;
    }
    return true;
  }

  /**
   * A display environment written without `$$` at the start of a line
   * (`\begin{equation*} … \end{equation*}`): MathJax, and so Jupyter and many
   * static sites, render it as display math, and notebooks' markdown cells are
   * full of them. The region runs to the matching `\end{…}`; without one it is text.
   */
  private tryEnvironment(at: number, limit: number): number {
    const m = /^\\begin\{([a-zA-Z]+\*?)\}/.exec(this.src.slice(at, Math.min(limit, at + 40)));
    if (!m || !BARE_ENVIRONMENTS.has(m[1])) return -1;
    const closer = `\\end{${m[1]}}`;
    // Searches are remembered per closer: a note full of unmatched \begin lines stays linear.
    const from = at + m[0].length;
    const known = this.envCloser.get(closer);
    const found = known !== undefined && (known === -1 || known >= from) ? known : this.src.indexOf(closer, from);
    this.envCloser.set(closer, found);
    if (found < 0 || found + closer.length > limit) {
      this.unclosedEnvironment(at, m[1]!, limit);
      return -1;
    }
    const end = found + closer.length;
    this.push('env', { start: at, end }, { start: at, end });
    return end;
  }

  /** Tries the opener at `at`; returns the offset after the region, or -1. */
  private tryOpen(at: number, width: number, closer: Closer, delimiter: MathDelimiter, display: boolean, limit: number): number {
    const open = at + width;
    // Display math may cross blank lines only when its opener ends the line
    // ("$$" alone on a line, as in a multi-line block); otherwise a blank line
    // ends the paragraph and with it the search.
    const crossBlank = display && this.restOfLineBlank(open);
    const key = closer + (crossBlank ? '+' : '');
    const known = this.failedBefore.get(key);
    const found = known && open < known.at ? known : this.findCloser(open, closer, crossBlank, limit);
    if (typeof found !== 'number') {
      this.failedBefore.set(key, found);
      if (closer === '$$' && found.why !== 'closer') this.unterminated(at, found.why);
      return -1;
    }
    const closeWidth = closer === '$' ? 1 : 2;
    if (this.completesFence(at, found + closeWidth)) return -1;
    this.push(delimiter, { start: at, end: found + closeWidth }, { start: open, end: found });
    return found + closeWidth;
  }

  private findCloser(from: number, closer: Closer, crossBlank: boolean, limit: number): number | { at: number; why: Failure } {
    const src = this.src;
    let j = from;
    let crossed = false;
    while (j < limit) {
      const c = src.charCodeAt(j);
      if (c === NEWLINE && crossBlank && !crossed && this.nextLineBlank(j)) crossed = true;
      if (c === BACKSLASH) {
        if (closer.length === 2 && closer.charCodeAt(0) === BACKSLASH && src.charCodeAt(j + 1) === closer.charCodeAt(1) && j + 1 < limit) return j;
        j += 2;
        continue;
      }
      if (c === DOLLAR) {
        if (closer === '$$') {
          if (j + 1 < limit && src.charCodeAt(j + 1) === DOLLAR) {
            // Past a blank line, a `$$` that starts a line and goes on with
            // math (`$$y = …$$`) opens the next formula: taking it as this
            // block's end would swallow the prose between them as math, and
            // blame that correct formula for the missing `$$`.
            if (crossed && this.opensFormulaOnItsLine(j)) return { at: j, why: 'blank' };
            return j;
          }
        } else if (closer === '$') {
          if (this.closesInline(j, limit)) return j;
          // The first `$` after the opener that cannot close it (" $" after a space, "$5"): the opener was a
          // dollar sign in prose, as VS Code's preview reads it ("costs $5 and the update $μ_k = …$" has its
          // formula in the second pair). A `$` beside another belongs to a `$$` and does not decide.
          const prev = src.charCodeAt(j - 1), next = j + 1 < limit ? src.charCodeAt(j + 1) : NaN;
          if (prev !== DOLLAR && next !== DOLLAR) return { at: j, why: 'closer' };
        }
      } else if (c === NEWLINE && !crossBlank && this.nextLineBlank(j)) {
        return { at: j, why: 'blank' };
      }
      j++;
    }
    return { at: limit, why: limit < src.length ? 'code' : 'end' };
  }

  /** The `$$` at j begins its line (after indentation) and math follows it on the same line. */
  private opensFormulaOnItsLine(j: number): boolean {
    const lineStart = this.starts[lineIndexAt(this.starts, j)]!;
    if (this.src.slice(lineStart, j).trim() !== '') return false;
    const nl = this.src.indexOf('\n', j);
    return this.src.slice(j + 2, nl < 0 ? undefined : nl).trim() !== '';
  }

  /**
   * Pandoc's closing rule: not preceded by a space, not followed by a digit
   * ("$5 and $6" is prose). A $ next to another $ belongs to a $$ delimiter.
   */
  private closesInline(j: number, limit: number): boolean {
    const src = this.src;
    const before = src.charCodeAt(j - 1);
    const after = j + 1 < limit ? src.charCodeAt(j + 1) : NaN;
    return !isSpace(before) && before !== DOLLAR && after !== DOLLAR && !isDigit(after);
  }

  /**
   * "```$a`b$": the backtick inside the math is what keeps this line from
   * opening a code fence. Taking it as math would let a renderer that hides
   * the math see a fence, so such a line is left as text.
   */
  private completesFence(start: number, end: number): boolean {
    const lineStart = this.starts[lineIndexAt(this.starts, start)];
    const nl = this.src.indexOf('\n', start);
    const firstLine = this.src.slice(start, nl < 0 || nl > end ? end : nl);
    return firstLine.includes('`') && /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*```/.test(this.src.slice(lineStart, start));
  }

  private restOfLineBlank(from: number): boolean {
    const src = this.src;
    for (let k = from; k < src.length; k++) {
      const c = src.charCodeAt(k);
      if (c === NEWLINE) return true;
      if (c !== 0x20 && c !== 0x09) return false;
    }
    return true;
  }

  /** Is the line after the newline at `nl` empty or whitespace only? */
  private nextLineBlank(nl: number): boolean {
    return this.restOfLineBlank(nl + 1);
  }

  /**
   * A `\begin{align}` without its `\end{align}`: its rows are text, said at the `\begin` (and which `\end` came instead,
   * `\end{align}` for `\begin{align*}`), not left out of the check without a word.
   */
  private unclosedEnvironment(at: number, name: string, limit: number): void {
    const next = /\\end\{([a-zA-Z]+\*?)\}/.exec(this.src.slice(at, Math.min(limit, at + 20_000)));
    const instead = next && next[1] !== name ? ` (the next \\end is \\end{${next[1]}}, line ${lineIndexAt(this.starts, at + next.index) + 1})` : '';
    this.issues.push({
      severity: 'error',
      message: `Unterminated environment: this \\begin{${name}} has no \\end{${name}}${instead}, so its rows are read as text and not checked.`,
      span: { start: at, end: at + 8 + name.length },
      line: lineIndexAt(this.starts, at) + 1,
    });
  }

  private unterminated(at: number, why: Exclude<Failure, 'closer'>): void {
    const where = { blank: 'before the next blank line', code: 'before the next code block or code span', end: 'before the end of the note' }[why];
    this.issues.push({
      severity: 'error',
      message: `Unterminated display math: this $$ has no closing $$ ${where}.`,
      span: { start: at, end: at + 2 },
      line: lineIndexAt(this.starts, at) + 1,
    });
  }

  private push(delimiter: MathDelimiter, span: Span, content: Span): void {
    this.regions.push({
      index: this.regions.length,
      display: delimiter !== '$' && delimiter !== '\\(',
      delimiter,
      span,
      content,
      latex: this.text.slice(content.start, content.end),
      line: lineIndexAt(this.starts, span.start) + 1,
      endLine: lineIndexAt(this.starts, Math.max(span.start, span.end - 1)) + 1,
    });
  }
}

/**
 * Every math region of a markdown note, in document order, and the problems
 * found on the way (an unterminated $$). Code wins over math: nothing inside
 * a code span, fenced or indented code block, or raw HTML block is math.
 */
export function extractRegions(text: string): { regions: MathRegion[]; issues: NoteIssue[] } {
  const { regions, issues } = scanNote(text);
  return { regions, issues };
}

/** extractRegions plus the code and raw HTML it skipped (sorted, disjoint; ```math fences excluded), for the markdown-it plugin. */
export function scanNote(text: string): { regions: MathRegion[]; issues: NoteIssue[]; code: Span[] } {
  const src = normalizeSameLength(text);
  const starts = lineStarts(src);
  const scanner = new Scanner(text, src, starts);
  const excluded = mayHoldCode(src) ? excludedSpans(src, starts) : [];
  scanner.run(excluded);
  return { regions: scanner.regions, issues: scanner.issues, code: excluded.filter((e) => !e.fence).map(({ start, end }) => ({ start, end })) };
}
