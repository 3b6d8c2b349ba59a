// Renders a checked note to HTML: markdown with KaTeX math, ✓/✗/? markers
// from the report and a summary bar. Pure (strings in, string out) so the
// preview, the CLI's HTML report and the unit tests share one renderer.
// renderNoteBlocks gives the same HTML cut into top-level blocks, so the
// preview can resend only the blocks an edit changed.
//
// Safety: the notes are untrusted text. Raw HTML goes through sanitizeHtml
// (a few bare tags such as <details> kept, everything else shown as text),
// links go through `safeLink`, and KaTeX runs
// with `trust: false` (no \href, \url, \htmlClass, \includegraphics…) and
// bounded expansion. Nothing in a note can add a script or an event handler.
import { BoundedCache, stringBytes } from '../util/boundedCache';
import MarkdownIt from 'markdown-it';
import katex from 'katex';
import { mathPlugin, type MathEnv, type MathTokenMeta } from '../extract/markdownIt';
import { katexInput, macrosCalled, NO_MACROS, noteMacros, USER_MACRO_EXPANSIONS, type MacroScope, type MacroTable } from '../latex/macros';
import type { NoteReport } from '../types';
import { environmentRows, escapeHtml, markerHtml, markerPlugin, notesFor, renderRows, shownSummary, type Markdown, type RowMarkers } from './markers';
import type { Claim } from '../types';
import { sanitizeHtml } from './sanitize';

export interface RenderOptions {
  /** Emit `data-line` (0-based source line) on block elements and markers; default true. */
  sourceLines?: boolean;
}

// A type alias (not an interface) so it fits markdown-it's indexable `env`.
type RenderEnv = { gmmReport?: NoteReport; gmmFormulas?: number; gmmRejectedTags?: Map<string, number>; gmmMacros?: MacroScope };

/** A link target a note may use: anything but script and data URLs (and local files). */
export function safeLink(url: string): boolean {
  // Browsers ignore control characters and spaces inside the scheme ("java\tscript:").
  const squeezed = url.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  return !/^(javascript|vbscript|data|file):/.test(squeezed) && !/^(javascript|vbscript|data|file)%3a/.test(squeezed);
}

/**
 * KaTeX caps user sizes at maxSize only when they are positive: the raise of
 * `\rule[-99999em]{1em}{1em}` or `\kern-100000em` still reaches the style
 * attributes. No formula of a real note needs a length near this bound.
 */
const MAX_STYLE_EM = 1000;

function clampStyleSizes(html: string): string {
  return html.replace(/style="([^"]*)"/g, (attr, css: string) => !/\d{4}/.test(css) ? attr
    : `style="${css.replace(/(\d+(?:\.\d+)?)em/g, (len, n: string) => (Number(n) > MAX_STYLE_EM ? `${MAX_STYLE_EM}em` : len))}"`);
}

/** Rendered formulas by source: the preview re-renders the whole note on every edit, and most formulas did not change. */
const texCache = new BoundedCache<string, string>(32 * 2 ** 20, (k, v) => stringBytes(k) + stringBytes(v));
/** Past this many formulas in one note, the rest are shown as source (a 20 MB note must not produce gigabytes of HTML). */
export const MAX_RENDERED_FORMULAS = 4000;

/** KaTeX to HTML; a formula KaTeX rejects becomes a readable inline error, never an exception. */
export function renderTex(tex: string, displayMode: boolean, macros: MacroTable = NO_MACROS): string {
  // The note's macros (macros.ts) as KaTeX's option, when the formula calls one.
  const used = macrosCalled(tex, macros);
  const key = `${displayMode ? 'D' : 'I'}${used.key}\u0001${tex}`;
  const hit = texCache.get(key);
  if (hit !== undefined) return hit;
  const html = renderTexUncached(tex, displayMode, used);
  texCache.set(key, html);
  return html;
}

/** The formula as source text, for formulas past MAX_RENDERED_FORMULAS. */
function texAsSource(tex: string): string {
  return `<code class="gmm-tex-source">${escapeHtml(tex)}</code>`;
}

/** Counts formulas per render (in markdown-it's env) and renders them, or shows the source past the limit. */
function budgetedTex(env: unknown, tex: string, display: boolean, macros: MacroTable): string {
  const e = env as { gmmFormulas?: number } | undefined;
  if (e) e.gmmFormulas = (e.gmmFormulas ?? 0) + 1;
  if (e && (e.gmmFormulas ?? 0) > MAX_RENDERED_FORMULAS) return texAsSource(tex);
  return renderTex(tex, display, macros);
}

/**
 * The note's macros in force at a math token: defined in the formulas before it, as VS Code's
 * preview (KaTeX with globalGroup) keeps them. Read once per render from the plugin's regions.
 */
function macrosAt(env: unknown, token: MarkdownIt.Token, offset = 0): MacroTable {
  const e = env as (RenderEnv & MathEnv) | undefined;
  const index = (token.meta as Partial<MathTokenMeta> | null)?.regionIndex;
  const region = index === undefined ? undefined : e?.mathRegions?.[index];
  if (!e || !region) return NO_MACROS;
  e.gmmMacros ??= noteMacros(e.mathRegions!);
  return e.gmmMacros.at(region.content.start + offset);
}

function renderTexUncached(tex: string, displayMode: boolean, macros: MacroTable): string {
  try {
    const input = katexInput(tex, macros);
    return clampStyleSizes(katex.renderToString(input.tex, {
      macros: input.macros,
      displayMode,
      throwOnError: false,
      trust: false,
      strict: 'ignore',
      maxSize: 10,
      // KaTeX counts the expansions of the note's macros too: its own default then, not the tighter bound.
      maxExpand: macros.map.size > 0 ? USER_MACRO_EXPANSIONS : 200,
      output: 'htmlAndMathml',
    }));
  } catch (err) {
    // throwOnError:false only covers ParseError; anything else still throws.
    const message = err instanceof Error ? err.message : String(err);
    return `<span class="katex-error gmm-tex-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</span>`;
  }
}

/** Adds `data-line` to every block token with a source map, as VS Code's markdown preview does. */
function sourceLinePlugin(md: Markdown): void {
  md.core.ruler.push('gmm_source_lines', (state: MarkdownIt.StateCore) => {
    for (const t of state.tokens) {
      if (t.map && t.type !== 'inline' && t.nesting !== -1) t.attrSet('data-line', String(t.map[0]));
    }
  });
}

function createEngine(sourceLines: boolean): Markdown {
  // Raw HTML is parsed (so `<details>` blocks work) and rendered through sanitizeHtml.
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  md.validateLink = safeLink;
  const rejectedTags = (env: unknown): Map<string, number> | undefined => {
    const e = env as { gmmRejectedTags?: Map<string, number> } | undefined;
    if (e && !e.gmmRejectedTags) e.gmmRejectedTags = new Map();
    return e?.gmmRejectedTags;
  };
  md.renderer.rules['html_block'] = (tokens, idx, _o, env) => sanitizeHtml(tokens[idx]!.content, rejectedTags(env));
  md.renderer.rules['html_inline'] = (tokens, idx, _o, env) => sanitizeHtml(tokens[idx]!.content, rejectedTags(env));
  md.use(mathPlugin);
  if (sourceLines) sourceLinePlugin(md);
  // A $$…$$ in the middle of a line of text is an inline token that still asks for display style.
  md.renderer.rules['math_inline'] = (tokens, idx, _options, env) => {
    const t = tokens[idx]!;
    const meta = t.meta as { display?: unknown; gmmMarkers?: Claim[] } | null;
    const html = budgetedTex(env, t.content, meta?.display === true, macrosAt(env, t));
    if (!meta?.gmmMarkers) return html;
    return `<span class="gmm-display-inline"><span class="gmm-gutter">${markerHtml(meta.gmmMarkers, sourceLines)}</span>` +
      `<span class="gmm-display-inline-body">${html}${notesFor(meta.gmmMarkers, sourceLines)}</span></span>`;
  };
  md.renderer.rules['math_block'] = (tokens, idx, _options, env, self) => {
    const t = tokens[idx]!;
    const rows = (t.meta as { gmmRows?: RowMarkers } | null)?.gmmRows;
    const split = rows ? environmentRows(t.content) : null;
    // Rows are drawn one by one: each with the macros in force where it starts (a definition in an earlier row too).
    const tex = (src: string, display: boolean, offset = 0) => budgetedTex(env, src, display, macrosAt(env, t, offset));
    const body = rows && split ? renderRows(t.content, split, rows, tex, sourceLines) : tex(t.content, true);
    return `<div class="gmm-math-display"${self.renderAttrs(t)}>${body}</div>\n`;
  };
  markerPlugin(md, (_src, env) => (env as RenderEnv | undefined)?.gmmReport, { sourceLines, perRow: true });
  return md;
}

const engines = new Map<boolean, Markdown>();
function engine(sourceLines: boolean): Markdown {
  let md = engines.get(sourceLines);
  if (!md) engines.set(sourceLines, (md = createEngine(sourceLines)));
  return md;
}

/** "✓ 12 passed · ✗ 2 failed · ? 5 unchecked", the model, and the note's issues. */
export function renderSummary(report: NoteReport, opts: RenderOptions = {}): string {
  const { pass, fail, unchecked } = shownSummary(report);
  const cls = fail > 0 ? 'gmm-summary-fail' : unchecked > 0 ? 'gmm-summary-unchecked' : 'gmm-summary-pass';
  const counts = [
    `<span class="gmm-count gmm-pass">✓ ${pass} passed</span>`,
    `<span class="gmm-count gmm-fail">✗ ${fail} failed</span>`,
    `<span class="gmm-count gmm-unchecked">? ${unchecked} unchecked</span>`,
  ].join(' <span class="gmm-sep" aria-hidden="true">·</span> ');
  const model = report.model.description
    ? ` <span class="gmm-model">Model: ${escapeHtml(report.model.description)}</span>` : '';
  const reading = readingHtml(report.reading);
  const issues = report.issues.length === 0 ? '' : `<ul class="gmm-issues">${report.issues.map((i) =>
    `<li class="gmm-issue gmm-issue-${i.severity}"${opts.sourceLines === false ? '' : ` data-line="${i.line - 1}"`}>` +
    `line ${i.line}: ${escapeHtml(i.message)}</li>`).join('')}</ul>`;
  return `<div class="gmm-summary ${cls}" role="status">${counts}${model}${reading}${issues}</div>\n`;
}

/**
 * "Read as: data xᵢ; weights πₖ; …", how the checker read the note's symbols,
 * under the counts: one line cut to the bar's width (the bar stays in view
 * while scrolling; grown to four lines in a narrow preview it hid that much
 * of the note), opened in full by a click. Nothing for a note that states
 * nothing the checker reads.
 */
function readingHtml(reading: NoteReport['reading']): string {
  if (reading.parts.length === 0) return '';
  const text = escapeHtml(reading.text);
  return '<details class="gmm-reading"><summary><span class="gmm-reading-label">Read as:</span> ' +
    `<span class="gmm-reading-line">${text}</span></summary><div class="gmm-reading-full">${text}</div></details>`;
}

/** The whole note with markers, preceded by the summary bar. */
export function renderNoteBody(text: string, report: NoteReport, opts: RenderOptions = {}): string {
  const sourceLines = opts.sourceLines ?? true;
  const env: RenderEnv = { gmmReport: report };
  const body = engine(sourceLines).render(text, env);
  return `${renderSummary(report, opts)}<div class="gmm-note-body">\n${body}</div>\n`;
}

/** A rendered note split into top-level blocks, so that an edit can resend only the blocks it changed. */
export interface NoteBlocks {
  /** The summary bar (the same as at the start of renderNoteBody). */
  summary: string;
  /** The body's top-level blocks in order; concatenated they are the body of renderNoteBody. */
  blocks: string[];
}

/**
 * The same HTML as renderNoteBody, with the body cut at its top-level blocks:
 * `renderNoteBody(...) === summary + '<div class="gmm-note-body">\n' + blocks.join('') + '</div>\n'`.
 * A block is a run of tokens whose opening/closing nesting balances out
 * (a paragraph, a list, a marker wrapper with its formula, a fence…). The
 * running nesting sum is used rather than `token.level` because the marker
 * plugin's tokens (gmm_block_open/close/note) are created with level 0 even
 * inside a list. One env serves all the slices, so per-render state (the
 * formula budget) counts across the whole note as in renderNoteBody.
 */
export function renderNoteBlocks(text: string, report: NoteReport, opts: RenderOptions = {}): NoteBlocks {
  const md = engine(opts.sourceLines ?? true);
  const env: RenderEnv = { gmmReport: report };
  const tokens = md.parse(text, env);
  const blocks: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    depth += tokens[i]!.nesting;
    if (depth > 0) continue;
    // Unbalanced closes cannot come out of markdown-it; clamp so one could not merge the rest of the note into one block.
    depth = 0;
    blocks.push(md.renderer.render(tokens.slice(start, i + 1), md.options, env));
    start = i + 1;
  }
  if (start < tokens.length) blocks.push(md.renderer.render(tokens.slice(start), md.options, env));
  return { summary: renderSummary(report, opts), blocks };
}

/** Colours and layout of the standalone report; the VS Code preview uses media/preview.css instead. */
const REPORT_CSS = `
.katex { display: inline-block; overflow: clip; overflow-clip-margin: 0.3em; max-width: 100%; }
.katex-display > .katex { display: block; }
:root { color-scheme: light dark; --pass: #1a7f37; --fail: #cf222e; --unchecked: #6e7781; --border: #d0d7de; --bg-soft: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --pass: #3fb950; --fail: #ff7b72; --unchecked: #9ea7b3; --border: #30363d; --bg-soft: #161b22; } }
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 60rem; margin: 0 auto; padding: 1rem 2rem; }
pre, code { font-family: ui-monospace, monospace; } pre { background: var(--bg-soft); padding: .5rem; overflow-x: auto; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--border); padding: .2rem .5rem; }
.gmm-toc td { border: none; }
.gmm-file { border-top: 2px solid var(--border); margin-top: 2rem; }
.gmm-summary { position: sticky; top: 0; background: Canvas; border: 1px solid var(--border); border-radius: 4px; padding: .3rem .6rem; margin: .5rem 0; z-index: 1; }
.gmm-model { margin-left: 1rem; opacity: .8; }
.gmm-reading { margin-top: .2rem; } .gmm-reading > summary { cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.gmm-reading-label { font-weight: 600; } .gmm-reading[open] .gmm-reading-line { display: none; }
.gmm-reading-full { max-height: 6em; overflow-y: auto; overflow-wrap: anywhere; padding-left: 1rem; }
.gmm-issues { margin: .3rem 0 0; padding-left: 1.2rem; }
.gmm-pass { color: var(--pass); } .gmm-fail { color: var(--fail); } .gmm-unchecked { color: var(--unchecked); }
.gmm-block { display: grid; grid-template-columns: 1.6rem minmax(0, 1fr); border-left: 3px solid transparent; margin: .5rem 0; }
.gmm-block-fail { border-left-color: var(--fail); } .gmm-block-pass { border-left-color: var(--pass); } .gmm-block-unchecked { border-left-color: var(--unchecked); }
.gmm-gutter { display: flex; flex-direction: column; align-items: center; padding-top: .4rem; font-weight: bold; }
.gmm-block-body { min-width: 0; overflow-x: auto; }
.gmm-block-rows { grid-template-columns: 0 minmax(0, 1fr); }
.gmm-row { display: grid; grid-template-columns: 1.6rem minmax(0, 1fr); align-items: center; }
.gmm-row .katex-display { margin: .3em 0; }
.gmm-row-body { min-width: 0; overflow-x: auto; }
.gmm-display-inline { display: grid; grid-template-columns: 1.6rem minmax(0, 1fr); align-items: center; }
.gmm-display-inline-body { min-width: 0; overflow-x: auto; display: block; }
.gmm-notes { list-style: none; margin: 0 0 .5rem; padding: 0 .5rem; }
.gmm-inline-markers { font-weight: bold; margin-left: .1em; }
.gmm-marker { cursor: help; }
.katex-error { color: var(--fail); }
`;

export interface ReportFile {
  path: string;
  text: string;
  report: NoteReport;
}

/**
 * A standalone offline page (the CLI's `--format html`): a strict CSP, KaTeX's
 * CSS with its fonts inlined by the caller (`font-src data:`), the totals of
 * every file, then each note with its markers. No script at all.
 */
/** A path of the batch that could not be read or checked: listed in the report with why. */
export interface ReportError {
  path: string;
  message: string;
}

export function renderReportPage(files: ReportFile[], opts: { katexCss: string; errors?: readonly ReportError[] }): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";
  const toc = files.map((f, i) => {
    const s = f.report.summary;
    return `<tr><td><a href="#file-${i}">${escapeHtml(f.path)}</a></td>` +
      `<td class="gmm-pass">✓ ${s.pass}</td><td class="gmm-fail">✗ ${s.fail}</td><td class="gmm-unchecked">? ${s.unchecked}</td></tr>`;
  }).concat((opts.errors ?? []).map((e) =>
    `<tr class="gmm-error"><td>${escapeHtml(e.path)}</td><td colspan="3" class="gmm-fail">not checked: ${escapeHtml(e.message)}</td></tr>`)).join('\n');
  const sections = files.map((f, i) =>
    `<section class="gmm-file" id="file-${i}">\n<h1 class="gmm-file-path">${escapeHtml(f.path)}</h1>\n` +
    `${renderNoteBody(f.text, f.report, { sourceLines: false })}</section>`).join('\n');
  const css = `${opts.katexCss}\n${REPORT_CSS}`;
  return `${pageHead(csp, 'GMM derivation check', css)}
<h1>GMM derivation check</h1>
<table class="gmm-toc">
${toc}
</table>
${sections}
</body>
</html>
`;
}

/**
 * The start of a standalone page up to `<body>`: its CSP, title and inline style (the
 * single-note report, and the class overview of src/cli/overview.ts). "</style" in the
 * CSS would end the style element early, so it is escaped.
 */
export function pageHead(csp: string, title: string, css: string, meta = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">${meta}
<title>${escapeHtml(title)}</title>
<style>${css.replace(/<\/style/gi, '<\\/style')}</style>
</head>
<body>`;
}
