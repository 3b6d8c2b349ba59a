// markdown-it plugin that puts the checker's verdicts next to the formulas:
// a gutter of ✓/✗/? markers around each display block (with the message of
// every failing step below it) and a superscript marker after inline math.
//
// It works on whatever math tokens the markdown-it instance produces, so the
// same code serves our own renderer (tokens from `mathPlugin`, which carry
// `meta.regionIndex`, so matching is exact) and VS Code's built-in preview
// (tokens from the bundled markdown-math extension, which carry no region:
// there a token is matched to the next unplaced region whose first line lies
// in the token's source lines). A region whose formula cannot be found among
// the tokens still gets its markers, in a note before the innermost block
// holding its line, so no verdict is ever dropped from the page.
import type MarkdownIt from 'markdown-it';
import type { Claim, MathRegion, NoteReport, Verdict } from '../types';

type Token = MarkdownIt.Token;
type StateCore = MarkdownIt.StateCore;
/** A markdown-it instance (the typings export the class only as a constructor value). */
export type Markdown = InstanceType<typeof MarkdownIt>;

/** Where the plugin gets the report for the text being rendered (`undefined`: render without markers). */
export type ReportSource = (src: string, env: unknown) => NoteReport | undefined;

export interface MarkerOptions {
  /** Emit `data-line` (0-based source line) on markers and wrappers; default true. */
  sourceLines?: boolean;
  /** The math renderer understands `meta.gmmRows` and draws rows with their own markers. */
  perRow?: boolean;
  /**
   * VS Code's built-in preview: wrap its math renderer (from the markdown-math
   * extension) so that multi-row environments are drawn row by row with their
   * own markers, and draw a note for a formula that renderer did not take as
   * math only when something in it is wrong.
   */
  builtin?: boolean;
}

interface BlockMeta extends Record<string, unknown> {
  claims: Claim[];
  /** 0-based line of the region, for the wrapper's `data-line`. */
  line: number;
  /** The formula is drawn row by row, each row with its own markers (see renderRows). */
  perRow?: boolean;
}

/** What the math renderer needs to draw a multi-row environment with a marker per row. */
export interface RowMarkers {
  claims: Claim[];
  /** 1-based line of the region's first character. */
  regionLine: number;
}

/** Environments that number their rows (the starred forms do not). */
const NUMBERED_ENVIRONMENTS = new Set(['align', 'gather', 'alignat', 'eqnarray', 'flalign']);

const ROW_ENVIRONMENTS = new Set(['aligned', 'align', 'align*', 'alignat', 'alignat*', 'gather', 'gather*', 'gathered', 'split',
  'eqnarray', 'eqnarray*', 'multline', 'multline*', 'flalign', 'flalign*']);

/**
 * The rows of a formula that is one row environment (`\begin{gather} a \\ b \end{gather}`),
 * split at its own `\\` (not at those of a matrix inside), with their offsets in
 * the formula; null when the formula is not such an environment or has one row.
 */
export function environmentRows(latex: string): { env: string; rows: { text: string; offset: number }[] } | null {
  const m = /^\s*\\begin\{([a-zA-Z]+\*?)\}/.exec(latex);
  if (!m || !ROW_ENVIRONMENTS.has(m[1]!)) return null;
  const env = m[1]!;
  const endTag = `\\end{${env}}`;
  const end = latex.lastIndexOf(endTag);
  if (end < 0 || latex.slice(end + endTag.length).trim() !== '') return null;
  const rows: { text: string; offset: number }[] = [];
  let depth = 0;
  let start = m[0].length;
  for (let i = start; i < end; i++) {
    const c = latex[i];
    if (c === '\\') {
      if (latex.startsWith('\\begin{', i)) depth++;
      else if (latex.startsWith('\\end{', i)) depth--;
      else if (latex[i + 1] === '\\' && depth === 0) {
        rows.push({ text: latex.slice(start, i), offset: start });
        start = i + 2;
      }
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
  }
  rows.push({ text: latex.slice(start, end), offset: start });
  const nonEmpty = rows.filter((r) => r.text.trim() !== '');
  return nonEmpty.length >= 2 ? { env, rows } : null;
}

/**
 * A multi-row formula drawn row by row, each row beside the markers of the
 * steps it ends (a step `= …` continuing a chain belongs to the row that
 * writes it) and above the messages of its failing steps. Alignment across
 * rows is given up for that: every row is its own formula.
 */
export function renderRows(latex: string, rowsInfo: NonNullable<ReturnType<typeof environmentRows>>, markers: RowMarkers,
  renderTex: (tex: string, display: boolean, offset: number) => string, sourceLines: boolean): string {
  const aligned = !/^gather/.test(rowsInfo.env) && rowsInfo.env !== 'multline' && rowsInfo.env !== 'multline*';
  const lineAt = (offset: number) => markers.regionLine + (latex.slice(0, offset).match(/\n/g)?.length ?? 0);
  const byRow = rowsInfo.rows.map(() => [] as Claim[]);
  const spans = rowsInfo.rows.map((r) => {
    const lead = r.text.length - r.text.trimStart().length;
    const first = lineAt(r.offset + lead);
    return { first, last: first + (r.text.trim().match(/\n/g)?.length ?? 0) };
  });
  for (const c of markers.claims) {
    let at = spans.findIndex((s, i) => rowsInfo.rows[i]!.text.trim() !== '' && c.endLine >= s.first && c.endLine <= s.last);
    if (at < 0) at = spans.findIndex((s, i) => rowsInfo.rows[i]!.text.trim() !== '' && c.endLine <= s.last);
    if (at < 0) at = byRow.length - 1;
    byRow[at]!.push(c);
  }
  const all = markers.claims;
  // Numbered environments (gather, align, …) keep their equation numbers: each
  // row is drawn on its own, so it gets its number as a \tag.
  const numbered = NUMBERED_ENVIRONMENTS.has(rowsInfo.env);
  let number = 0;
  return rowsInfo.rows.map((r, i) => {
    if (r.text.trim() === '') return '';
    let text = r.text;
    let tag = '';
    if (numbered) {
      const own = /\\tag\*?\{[^{}]*\}/.exec(text);
      if (own) { tag = own[0]; text = text.replace(own[0], ''); }
      else if (/\\(nonumber|notag)\b/.test(text)) text = text.replace(/\\(nonumber|notag)\b/g, '');
      else tag = `\\tag{${++number}}`;
    }
    const tex = (aligned ? `\\begin{aligned}${text}\\end{aligned}` : text.replace(/(^|[^\\])&/g, '$1')) + tag;
    const claims = byRow[i]!;
    const gutter = claims.map((c) => markerFor(c, all.indexOf(c), all.length, sourceLines)).join('');
    return `<div class="gmm-row gmm-row-${claims.length ? worstVerdict(claims) : 'none'}"${dataLine(spans[i]!.first - 1, sourceLines)}>` +
      `<div class="gmm-gutter">${gutter}</div><div class="gmm-row-body">${renderTex(tex, true, r.offset)}${notesHtml(claims, sourceLines, all)}</div></div>`;
  }).join('');
}

const ICON: Record<Verdict, string> = { pass: '✓', fail: '✗', unchecked: '?' };
const VERB: Record<Verdict, string> = { pass: 'passes', fail: 'fails', unchecked: 'is unchecked' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;');
}

/**
 * Where people are sent for a claim: the expression to blame of a failing
 * step (a chain's link written on two rows is blamed on the row that breaks
 * it) and the place a broken formula breaks, as the Problems panel shows them;
 * else where the claim starts. 1-based line, 0-based column.
 */
export function claimPlace(claim: Claim): { line: number; column: number } {
  const at = (claim.verdict === 'fail' || claim.brokenFormula) ? claim.culpritAt : undefined;
  return at ? { line: at.line, column: at.column } : { line: claim.line, column: claim.column };
}

/** "step 2 of 4 fails (line 36): …" — the text a marker stands for, read by screen readers and shown as tooltip. */
export function claimLabel(claim: Claim, index: number, count: number): string {
  let text = `step ${index + 1} of ${count} ${VERB[claim.verdict]} (line ${claimPlace(claim).line})`;
  if (claim.message) text += `: ${claim.message}`;
  if (claim.verdict === 'fail' && claim.cause && !claim.message.toLowerCase().includes(claim.cause.toLowerCase())) text += ` (likely cause: ${claim.cause})`;
  return text;
}

/**
 * Whether a formula writes a name of the reading (`\\pi_`, `x`, `\\mathcal{L}`,
 * `\\mathbf{x}_`, `\\ell`): a command not followed by a letter, a letter that
 * is not part of a word or command (the x of `x_i`, not of `\\exp`), a bold
 * form by its letter in any font command. A trailing `_` asks for the symbol
 * with a subscript (after its superscript, if any: `\\sigma^{2}_{k}`).
 */
function mentions(latex: string, name: string): boolean {
  const indexed = name.endsWith('_');
  const base = indexed ? name.slice(0, -1) : name;
  const font = /^\\[a-zA-Z]+\{(\\?[a-zA-Z]+)\}$/.exec(base);
  if (font && base.startsWith('\\mathbf')) return mentions(latex, `${font[1]!}${indexed ? '_' : ''}`);
  const escaped = base.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  const before = base.startsWith('\\') ? '' : '(?<![\\\\a-zA-Z])';
  const after = font ? '' : '(?![a-zA-Z])';
  const sub = indexed ? '\\}?\\s*(?:\\^(?:\\{[^{}]*\\}|\\\\[a-zA-Z]+|\\S)\\s*)?_' : '';
  return new RegExp(`${before}${escaped}${after}${sub}`).test(latex);
}

/**
 * The pieces of the note's reading a step uses ("weights πₖ; component index
 * k"), for its hover; undefined when the step names none of them.
 */
export function claimReading(reading: NoteReport['reading'], claim: Pick<Claim, 'lhs' | 'rhs'>): string | undefined {
  const latex = `${claim.lhs} ${claim.rhs}`;
  const used = reading.parts.filter((p) => p.names.some((n) => mentions(latex, n)));
  return used.length ? used.map((p) => p.text).join('; ') : undefined;
}

/** Relations that state a domain or a condition in prose (`x ∈ ℝ`, `a < b`, `0 ≤ πₖ ≤ 1`). */
const DOMAIN_RELATIONS = new Set(['∈', '∉', '⊂', '⊆', '<', '>', '≤', '≥', '≠']);

/**
 * A claim that is only a statement of a domain or a condition, never a step
 * of a derivation: it stays in the report (and the JSON) as unchecked, but
 * gets no "?" marker, lens count or Problems entry — a "?" on every `x ∈ ℝ`
 * of a note is noise that hides the unchecked steps that matter.
 */
export function isDomainStatement(c: Claim): boolean {
  return c.verdict === 'unchecked' && c.reason === 'condition' && DOMAIN_RELATIONS.has(c.relation);
}

/** The report's totals without domain statements: what the markers, lenses and Problems show. */
export function shownSummary(report: NoteReport): NoteReport['summary'] {
  const s = { pass: 0, fail: 0, unchecked: 0 };
  for (const c of report.claims) if (!isDomainStatement(c)) s[c.verdict]++;
  return s;
}

/** Claims grouped by the region they belong to, each group in source order (domain statements left out). */
export function claimsByRegion(report: NoteReport): Map<number, Claim[]> {
  const map = new Map<number, Claim[]>();
  for (const c of report.claims) {
    if (isDomainStatement(c)) continue;
    const list = map.get(c.regionIndex);
    if (list) list.push(c);
    else map.set(c.regionIndex, [c]);
  }
  for (const list of map.values()) list.sort((a, b) => a.lhsSpan.start - b.lhsSpan.start || a.rhsSpan.start - b.rhsSpan.start);
  return map;
}

/** The verdict a whole group shows at a glance: any fail wins, then any unchecked. */
export function worstVerdict(claims: readonly Claim[]): Verdict {
  if (claims.some((c) => c.verdict === 'fail')) return 'fail';
  if (claims.some((c) => c.verdict === 'unchecked')) return 'unchecked';
  return 'pass';
}

function dataLine(line: number, sourceLines: boolean): string {
  return sourceLines ? ` data-line="${line}"` : '';
}

function markerFor(c: Claim, i: number, count: number, sourceLines: boolean): string {
  const label = escapeHtml(claimLabel(c, i, count));
  return `<span class="gmm-marker gmm-${c.verdict}" role="img" tabindex="0" aria-label="${label}" title="${label}"${dataLine(c.endLine - 1, sourceLines)}>${ICON[c.verdict]}</span>`;
}

export function markerHtml(claims: Claim[], sourceLines: boolean): string {
  return claims.map((c, i) => markerFor(c, i, claims.length, sourceLines)).join('');
}

/** The messages of the failing steps among `claims`, as a list (used beside display formulas in a line of text). */
export function notesFor(claims: Claim[], sourceLines: boolean): string {
  return notesHtml(claims, sourceLines);
}

/** The visible messages under a block or row: one line per failing step (the others are in the markers' tooltips). */
function notesHtml(claims: Claim[], sourceLines: boolean, all: Claim[] = claims): string {
  const items = claims.flatMap((c) => c.verdict !== 'fail' ? [] :
    [`<li class="gmm-note gmm-fail"${dataLine(c.endLine - 1, sourceLines)}><span class="gmm-note-icon" aria-hidden="true">✗</span> ${escapeHtml(claimLabel(c, all.indexOf(c), all.length))}</li>`]);
  return items.length ? `<ul class="gmm-notes">${items.join('')}</ul>` : '';
}

function blockOpenHtml(meta: BlockMeta, sourceLines: boolean, detached: boolean): string {
  const cls = `gmm-block gmm-block-${worstVerdict(meta.claims)}${detached ? ' gmm-detached' : ''}${meta.perRow ? ' gmm-block-rows' : ''}`;
  return `<div class="${cls}"${dataLine(meta.line, sourceLines)}>` +
    `<div class="gmm-gutter">${meta.perRow ? '' : markerHtml(meta.claims, sourceLines)}</div><div class="gmm-block-body">`;
}

function isMathBlock(t: Token): boolean {
  return (t.type.startsWith('math_block') && t.nesting === 0) || (t.type === 'fence' && t.info.trim() === 'math');
}

function isMathInline(t: Token): boolean {
  return t.type.startsWith('math_inline') || t.type === 'math_block';
}

function tokenRegion(t: Token): number | undefined {
  const meta = t.meta as { regionIndex?: unknown } | null;
  return meta && typeof meta.regionIndex === 'number' ? meta.regionIndex : undefined;
}

/**
 * Lines of the region's LaTeX before the token's content starts: our math
 * plugin's content is the region's LaTeX, but markdown-math's drops the line
 * break after an own-line `$$`, and the rows' lines are counted from it.
 */
function linesBefore(regionLatex: string, content: string): number {
  const body = content.trimStart();
  const at = regionLatex.indexOf(body.slice(0, 40));
  if (at < 0) return 0;
  const count = (s: string) => s.match(/\n/g)?.length ?? 0;
  return count(regionLatex.slice(0, at)) - count(content.slice(0, content.length - body.length));
}

/** Marks a math renderer we wrapped, so it is wrapped once. */
const WRAPPED = Symbol('gmmRows');

/**
 * Wraps the math_block renderer of another plugin (VS Code's markdown-math):
 * a token carrying `meta.gmmRows` is drawn row by row, each row through that
 * renderer, beside its own markers.
 */
function wrapRowRenderer(md: Markdown, sourceLines: boolean): void {
  const original = md.renderer.rules['math_block'];
  if (!original || (original as unknown as Record<symbol, boolean>)[WRAPPED]) return;
  const wrapped: NonNullable<typeof original> = (tokens, idx, opts, env, self) => {
    const t = tokens[idx]!;
    const rows = (t.meta as { gmmRows?: RowMarkers } | null)?.gmmRows;
    const split = rows ? environmentRows(t.content) : null;
    if (!rows || !split) return original(tokens, idx, opts, env, self);
    const renderTex = (tex: string) => {
      const row = Object.assign(Object.create(Object.getPrototypeOf(t) as object) as Token, t, { content: tex, meta: null });
      return original([row], 0, opts, env, self);
    };
    return `<div class="gmm-rows-builtin">${renderRows(t.content, split, rows, renderTex, sourceLines)}</div>\n`;
  };
  (wrapped as unknown as Record<symbol, boolean>)[WRAPPED] = true;
  md.renderer.rules['math_block'] = wrapped;
}

export function markerPlugin(md: Markdown, getReport: ReportSource, options: MarkerOptions = {}): void {
  const sourceLines = options.sourceLines ?? true;
  const perRowOption = options.perRow === true || options.builtin === true;

  md.core.ruler.push('gmm_markers', (state: StateCore) => {
    // The math plugin may be installed after us: wrap its renderer when the first note is parsed.
    if (options.builtin) wrapRowRenderer(md, sourceLines);
    const report = getReport(state.src, state.env);
    if (!report || report.claims.length === 0) return;
    const byRegion = claimsByRegion(report);
    const placed = new Set<number>();

    // The next region not yet matched to a token whose first line is in [from, to).
    const nextRegion = (from: number, to: number, display: boolean | null): MathRegion | undefined =>
      report.regions.find((r) => !placed.has(r.index) && r.line - 1 >= from && r.line - 1 < to &&
        (display === null || r.display === display));
    const regionFor = (t: Token, map: [number, number] | null, display: boolean | null): number | undefined => {
      const own = tokenRegion(t);
      if (own !== undefined) return own;
      return map ? nextRegion(map[0], map[1], display)?.index : undefined;
    };

    const out: Token[] = [];
    for (const t of state.tokens) {
      if (isMathBlock(t)) {
        const index = regionFor(t, t.map, true);
        const claims = index === undefined ? undefined : byRegion.get(index);
        if (index !== undefined) placed.add(index);
        if (claims && index !== undefined) {
          const region = report.regions[index];
          // Our renderer draws multi-row environments row by row (markers per row).
          const perRow = perRowOption && (options.perRow === true || t.type === 'math_block') && region !== undefined && environmentRows(t.content) !== null;
          const meta: BlockMeta = { claims, line: (region?.line ?? claims[0]!.line) - 1, perRow };
          if (perRow) t.meta = { ...(t.meta as object), gmmRows: { claims, regionLine: region.line + linesBefore(region.latex, t.content) } satisfies RowMarkers };
          const open = new state.Token('gmm_block_open', 'div', 1);
          open.block = true;
          open.meta = meta;
          const close = new state.Token('gmm_block_close', 'div', -1);
          close.block = true;
          close.meta = meta;
          out.push(open, t, close);
          continue;
        }
      } else if (t.type === 'inline' && t.children) {
        const children: Token[] = [];
        for (const child of t.children) {
          children.push(child);
          if (!isMathInline(child)) continue;
          const index = regionFor(child, t.map, null);
          if (index === undefined) continue;
          placed.add(index);
          const claims = byRegion.get(index);
          if (!claims) continue;
          // A display formula in the middle of a line ($$…$$ followed by text): our renderer
          // draws its markers in a gutter beside it, like a block.
          if (options.perRow === true && (child.meta as { display?: unknown } | null)?.display === true) {
            child.meta = { ...(child.meta as object), gmmMarkers: claims };
            continue;
          }
          const marker = new state.Token('gmm_inline_marker', 'sup', 0);
          marker.meta = { claims, line: claims[0]!.line - 1 } satisfies BlockMeta;
          children.push(marker);
        }
        t.children = children;
      }
      out.push(t);
    }

    // Regions whose formula was not among the tokens: a detached note before
    // the innermost block that holds the region's first line, else at the end.
    for (const [index, claims] of byRegion) {
      if (placed.has(index)) continue;
      // In VS Code's preview, a formula its math renderer did not take as math
      // shows as text; a note for it only when something in it is wrong.
      if (options.builtin && !claims.some((c) => c.verdict === 'fail' || c.brokenFormula)) continue;
      const line = (report.regions[index]?.line ?? claims[0]!.line) - 1;
      const note = new state.Token('gmm_block_note', 'div', 0);
      note.block = true;
      note.meta = { claims, line } satisfies BlockMeta;
      let at = -1;
      for (let i = 0; i < out.length; i++) {
        const t = out[i]!;
        if (t.nesting === -1 || t.type === 'inline' || !t.map || line < t.map[0] || line >= t.map[1]) continue;
        if (at < 0 || t.level >= out[at]!.level) at = i;
      }
      if (at < 0) out.push(note);
      else out.splice(at, 0, note);
    }
    state.tokens = out;
  });

  const meta = (t: Token): BlockMeta => t.meta as unknown as BlockMeta;
  md.renderer.rules['gmm_block_open'] = (tokens, idx) => blockOpenHtml(meta(tokens[idx]!), sourceLines, false);
  md.renderer.rules['gmm_block_close'] = (tokens, idx) => {
    const m = meta(tokens[idx]!);
    return `${m.perRow ? '' : notesHtml(m.claims, sourceLines)}</div></div>\n`;
  };
  md.renderer.rules['gmm_block_note'] = (tokens, idx) => {
    const m = meta(tokens[idx]!);
    const where = `<p class="gmm-detached-where">Formula on line ${m.line + 1}:</p>`;
    return `${blockOpenHtml(m, sourceLines, true)}${where}${notesHtml(m.claims, sourceLines)}</div></div>\n`;
  };
  md.renderer.rules['gmm_inline_marker'] = (tokens, idx) =>
    `<sup class="gmm-inline-markers">${markerHtml(meta(tokens[idx]!).claims, sourceLines)}</sup>`;
}
