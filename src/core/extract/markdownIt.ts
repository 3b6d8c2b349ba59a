// markdown-it plugin that turns the math regions of a note into `math_inline`
// and `math_block` tokens (meta.regionIndex = index in extractRegions(text)).
// It renders nothing itself beyond a placeholder element; the HTML renderer
// overrides the two rules (KaTeX, ✓/✗ markers).
//
// How the correspondence with extractRegions is kept by construction: a core
// rule runs extractRegions on the (normalized) source, then replaces every
// region by a placeholder "<first delimiter char>\uE000<index in two chars>"
// followed by one "\n\uE001" per line break of the region. markdown-it then
// parses a document whose structure is the note's, minus the math: a blank
// line or a "1." inside $$…$$ can no longer split a paragraph or start a
// list, yet line numbers (token.map, data-line) are unchanged. The block and
// inline rules only decode placeholders; they never re-recognize math.
// Backticks that were not code in the note are escaped, so that paragraphs
// joined by the placeholders cannot pair them into a code span over math.
// (extractRegions gives the same regions, by index, for \r\n and \n text.)

import type MarkdownIt from 'markdown-it';
import type { MathRegion } from '../types';
import { scanNote } from './regions';

type Token = MarkdownIt.Token;
/** A markdown-it instance (the typings export the class only as a constructor value). */
type Markdown = InstanceType<typeof MarkdownIt>;

/** `meta` of the math tokens. `display` is true for $$, \[ and fences (also when one sits inside a line of text). */
export interface MathTokenMeta extends Record<string, unknown> {
  regionIndex: number;
  display: boolean;
}

/** What the plugin leaves in markdown-it's `env` for the renderer. */
export interface MathEnv {
  [key: string | symbol]: unknown;
  /** The regions of the rendered source, as extractRegions computed them. */
  mathRegions?: MathRegion[];
}

const MARK = 0xe000;
const FILL = '\uE001';
const DIGIT0 = 0xe100;
const BASE = 4096; // two digits address 16.7M regions; a 20 MB note has fewer than 7M

interface ParseState {
  /** The normalized source before placeholders replaced the math. */
  source: string;
  regions: MathRegion[];
  /** Line breaks inside each region: the placeholder's height. */
  breaks: number[];
}

const parseStates = new WeakMap<object, ParseState>();

function countBreaks(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function placeholder(src: string, region: MathRegion, breaks: number): string {
  const i = region.index;
  return src[region.span.start] + String.fromCharCode(MARK, DIGIT0 + Math.floor(i / BASE), DIGIT0 + (i % BASE)) + `\n${FILL}`.repeat(breaks);
}

/** Region index of the placeholder at `pos`, or -1. */
function decode(src: string, pos: number, state: ParseState): number {
  const c = src.charCodeAt(pos);
  if ((c !== 0x24 && c !== 0x5c) || src.charCodeAt(pos + 1) !== MARK) return -1;
  const hi = src.charCodeAt(pos + 2) - DIGIT0;
  const lo = src.charCodeAt(pos + 3) - DIGIT0;
  if (!(hi >= 0 && hi < BASE && lo >= 0 && lo < BASE)) return -1;
  const index = hi * BASE + lo;
  return index < state.regions.length ? index : -1;
}

/**
 * Length of the placeholder of region `index` at `pos`, counting only the
 * filler lines present: a region that starts inside a one-line construct (a
 * heading, a table row) loses its filler lines to the blocks that follow,
 * where the `math_filler` rule drops them. With `whole`, -1 unless all are there.
 */
function placeholderLength(src: string, pos: number, max: number, index: number, state: ParseState, whole: boolean): number {
  let end = pos + 4;
  for (let k = 0; k < state.breaks[index]; k++) {
    if (end + 1 >= max || src.charCodeAt(end) !== 0x0a || src[end + 1] !== FILL) return whole ? -1 : end - pos;
    end += 2;
  }
  return end - pos;
}

/**
 * Escapes backticks not already escaped (outside code they are literal in the
 * note), and makes the placeholder characters unforgeable: a note that writes
 * U+E000 or U+E001 itself would otherwise show a formula (and its marker) in
 * their place. They have no glyph anyway; they are shown as U+FFFD.
 */
function escapeBackticks(s: string): string {
  const t = /[\uE000\uE001]/.test(s) ? s.replace(/[\uE000\uE001]/g, '\uFFFD') : s;
  return t.indexOf('`') < 0 ? t : t.replace(/(\\*)`/g, (m, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}\\\`` : m));
}

/**
 * markdown-it percent-encodes link URLs, placeholders included (`[a]($x$)`):
 * decode those back so `restore` finds them, or private-use characters leak
 * into the href.
 */
function decodePlaceholders(s: string): string {
  return s.indexOf('%EE%80%80') < 0 ? s : s.replace(/(?:\$|%5C)%EE%80%80(?:%E[EF]%[89AB][0-9A-F]%[89AB][0-9A-F]){2}/gi, (m) => decodeURIComponent(m));
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Puts the original source back where a placeholder ended up outside math (a link, raw HTML). */
function restore(s: string, state: ParseState): string {
  return s.replace(/[$\\]\uE000[\uE100-\uF0FF]{2}(?:\n[ \t]*\uE001)*/g, (m) => {
    const index = decode(m, 0, state);
    return index < 0 ? m : state.source.slice(state.regions[index].span.start, state.regions[index].span.end);
  });
}

/**
 * `md.use(mathPlugin)`. Each render computes the regions of its own source,
 * so `meta.regionIndex` is the index in `extractRegions(text)` for the same
 * text; they are left in `env.mathRegions`.
 */
export function mathPlugin(md: Markdown): void {
  md.core.ruler.after('normalize', 'math_regions', (state) => {
    const source = state.src;
    const { regions, code } = scanNote(source);
    (state.env as MathEnv).mathRegions = regions;
    const parse: ParseState = { source, regions, breaks: regions.map((r) => countBreaks(source.slice(r.span.start, r.span.end))) };
    parseStates.set(state.env as object, parse);
    const parts: string[] = [];
    let at = 0;
    let c = 0;
    const prose = (end: number): void => {
      for (; c < code.length && code[c].start < end; c++) {
        parts.push(escapeBackticks(source.slice(at, code[c].start)), source.slice(code[c].start, code[c].end));
        at = code[c].end;
      }
      parts.push(escapeBackticks(source.slice(at, end)));
      at = end;
    };
    for (const r of regions) {
      prose(r.span.start);
      // markdown-it's own fence rule finds ```math fences: leave them as written.
      parts.push(r.delimiter === 'fence' ? source.slice(r.span.start, r.span.end) : placeholder(source, r, parse.breaks[r.index]));
      at = r.span.end;
    }
    prose(source.length);
    state.src = parts.join('');
  });

  md.block.ruler.before(
    'code',
    'math_block',
    (state, startLine, endLine, silent) => {
      const parse = parseStates.get(state.env as object);
      if (!parse) return false;
      // A line holding only display placeholders (one, or several adjacent as
      // in "$$a$$$$b$$") is a block; anything else stays in its paragraph.
      const found: { index: number; line: number }[] = [];
      let pos = state.bMarks[startLine] + state.tShift[startLine];
      let line = startLine;
      for (;;) {
        const index = decode(state.src, pos, parse);
        if (index < 0 || !parse.regions[index].display) break;
        const length = placeholderLength(state.src, pos, state.src.length, index, parse, true);
        if (length < 0) break;
        found.push({ index, line });
        pos += length;
        line += parse.breaks[index];
      }
      if (found.length === 0 || line >= endLine) return false;
      if (state.src.slice(pos, state.eMarks[line]).trim() !== '') return false;
      // A deeply indented line right after would turn into a code block once
      // the math ends the paragraph; in the note it continues the paragraph.
      const next = line + 1;
      if (next < endLine && state.bMarks[next] + state.tShift[next] < state.eMarks[next] && state.sCount[next] - state.blkIndent >= 4) return false;
      if (silent) return true;
      for (const f of found) {
        const token = state.push('math_block', 'math', 0);
        token.block = true;
        token.content = parse.regions[f.index].latex;
        token.map = [startLine, line + 1];
        token.meta = { regionIndex: f.index, display: true } satisfies MathTokenMeta;
      }
      state.line = line + 1;
      return true;
    },
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  );

  // Filler lines cut off from their placeholder (see placeholderLength) are
  // skipped. Not a paragraph terminator: inside a paragraph they belong to it.
  md.block.ruler.before('code', 'math_filler', (state, startLine) => {
    if (!parseStates.has(state.env as object)) return false;
    let line = startLine;
    while (line < state.lineMax && state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]) === FILL) line++;
    if (line === startLine) return false;
    state.line = line;
    return true;
  });

  md.inline.ruler.before('escape', 'math_inline', (state, silent) => {
    const parse = parseStates.get(state.env as object);
    if (!parse) return false;
    const index = decode(state.src, state.pos, parse);
    if (index < 0) return false;
    const length = placeholderLength(state.src, state.pos, state.posMax, index, parse, false);
    if (!silent) {
      const token = state.push('math_inline', 'math', 0);
      token.content = parse.regions[index].latex;
      token.meta = { regionIndex: index, display: parse.regions[index].display } satisfies MathTokenMeta;
    }
    state.pos += length;
    return true;
  });

  md.core.ruler.push('math_fences_and_leftovers', (state) => {
    const parse = parseStates.get(state.env as object);
    if (!parse) return;
    const fenceAt = new Map<number, number>();
    for (const r of parse.regions) if (r.delimiter === 'fence') fenceAt.set(r.line - 1, r.index);
    const visit = (tokens: Token[]): void => {
      for (const token of tokens) {
        if (token.type === 'fence' && token.map && fenceAt.has(token.map[0])) {
          const index = fenceAt.get(token.map[0]) as number;
          token.type = 'math_block';
          token.tag = 'math';
          token.content = parse.regions[index].latex;
          token.meta = { regionIndex: index, display: true } satisfies MathTokenMeta;
        } else if (/[\uE000\uE001]/.test(token.content)) {
          token.content = restore(token.content, parse).replace(/\uE001/g, '');
        }
        // Attribute values are not always strings (an ordered list's `start`).
        for (const attr of token.attrs ?? []) if (typeof attr[1] === 'string') attr[1] = restore(decodePlaceholders(attr[1]), parse);
        if (token.children) visit(token.children);
      }
    };
    visit(state.tokens);
  });

  md.renderer.rules.math_inline = (tokens, idx) => {
    const meta = tokens[idx].meta as MathTokenMeta;
    const cls = meta.display ? 'math-inline math-display' : 'math-inline';
    return `<span class="${cls}" data-region="${meta.regionIndex}">${escapeHtml(tokens[idx].content)}</span>`;
  };
  md.renderer.rules.math_block = (tokens, idx) => {
    const token = tokens[idx];
    const meta = token.meta as MathTokenMeta;
    const line = token.map ? ` data-line="${token.map[0]}"` : '';
    return `<div class="math-block" data-region="${meta.regionIndex}"${line}>${escapeHtml(token.content)}</div>\n`;
  };
}
