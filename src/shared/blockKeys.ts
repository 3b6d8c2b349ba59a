// Identity of a rendered block for the preview's patches, apart from where it
// sits: the same formula one line further down renders to the same HTML
// except for its `data-line` numbers. The key hashes the HTML with those
// numbers made relative to the block's first one, so a line inserted above a
// block leaves its key alone and the preview only shifts its line numbers
// instead of re-parsing and re-laying-out its HTML. Used by the checking
// worker (which renders) and by the extension host when it renders itself;
// patchFrom turns two keyed renders into the preview's patch message.
import { hashString } from '../core/util/hash';
import type { PatchBlock, ToWebview } from './messages';

/**
 * The line numbers a block's HTML carries: `data-line` attributes and the
 * "(line N)" of a marker's label (aria-label and title: "step 1 of 2 passes
 * (line 14): …"). Lines named later in a label's message are other places
 * of the note and stay as they are.
 */
const LINE_NUMBERS = / data-line="(\d+)"|(="step \d+ of \d+ [^("]*\(line )(\d+)\)/g;

/** The label's own line at the start of a marker's aria-label or title (what the webview shifts too). */
export const LABEL_LINE = /^(step \d+ of \d+ [^("]*\(line )(\d+)\)/;

/** A block's HTML with its line numbers moved by `shift` (what the webview does to a kept chunk). */
export function shiftBlockHtml(html: string, shift: number): string {
  if (shift === 0) return html;
  return html.replace(LINE_NUMBERS, (_m, dataLine: string | undefined, label: string | undefined, labelLine: string | undefined) =>
    dataLine !== undefined ? ` data-line="${Number(dataLine) + shift}"` : `${label}${Number(labelLine) + shift})`);
}

export interface BlockKeys {
  /** Per block: a hash of its HTML with line numbers relative to `lines[i]`. */
  keys: string[];
  /** Per block: its first `data-line` (0 for a block without one). */
  lines: number[];
}

/** A block's key: the two 32-bit FNV-1a hashes of its HTML and its length (collisions would need all three to agree). */
function hash(s: string): string {
  return `${hashString(s)}.${s.length.toString(36)}`;
}

interface RelativeBlock {
  key: string;
  line: number;
  relative: string;
}

function relativeBlock(html: string): RelativeBlock {
  let first: number | undefined;
  for (const m of html.matchAll(LINE_NUMBERS)) {
    if (m[1] !== undefined) {
      first = Number(m[1]);
      break;
    }
  }
  const relative = first === undefined ? html : shiftBlockHtml(html, -first);
  return { key: hash(relative), line: first ?? 0, relative };
}

/**
 * The blocks of the previous call, by their HTML: a keystroke changes one block
 * of a render, and the others come again as equal strings. Looking one up costs
 * a native hash and compare of its HTML instead of the regular expression and
 * the hash above in JavaScript (on a 7,320-line note, 14.7 MiB of HTML, those
 * took longer than rendering it). Only the last call's blocks are kept.
 */
let lastBlocks = new Map<string, RelativeBlock>();

/** The blocks with their line numbers made relative to each block's first one, keyed by a hash of that. */
export function relativeBlocks(blocks: readonly string[]): BlockKeys & { relative: string[] } {
  const keys: string[] = [];
  const lines: number[] = [];
  const relative: string[] = [];
  const seen = new Map<string, RelativeBlock>();
  for (const html of blocks) {
    let b = seen.get(html) ?? lastBlocks.get(html);
    if (b === undefined) b = relativeBlock(html);
    seen.set(html, b);
    keys.push(b.key);
    lines.push(b.line);
    relative.push(b.relative);
  }
  lastBlocks = seen;
  return { keys, lines, relative };
}

/**
 * A rendered note as the preview compares it: per block a key and its first
 * line; the HTML only on demand, since the extension host keeps each
 * distinct block once (relative to its line) and most of a new render is
 * blocks it already has.
 */
export interface KeyedNote extends BlockKeys {
  summary: string;
  /** The i-th block's HTML, with its own line numbers. */
  html(i: number): string;
}

/** A keyed note from rendered HTML blocks (the extension host rendering itself, and tests). */
export function keyedNote(summary: string, blocks: readonly string[]): KeyedNote {
  const { keys, lines } = relativeBlocks(blocks);
  return { summary, keys, lines, html: (i) => blocks[i]! };
}

/** Every block's HTML, in order (a full update of the page). */
export function allBlocks(note: KeyedNote): string[] {
  return note.keys.map((_, i) => note.html(i));
}

/**
 * The new page as a patch of the shown one: each block the shown page has
 * (same key, wherever it was) is kept, with its line shift; only the others
 * are sent as HTML. A block at the same index is preferred, so unchanged
 * stretches keep their chunks in place.
 */
export function patchFrom(shown: BlockKeys, next: KeyedNote, base: number, version: number): ToWebview {
  const byKey = new Map<string, number[]>();
  shown.keys.forEach((k, i) => {
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  });
  const used = new Set<number>();
  const blocks: PatchBlock[] = next.keys.map((key, i) => {
    let j: number | undefined = shown.keys[i] === key && !used.has(i) ? i : undefined;
    if (j === undefined) j = byKey.get(key)?.find((c) => !used.has(c));
    if (j === undefined) return next.html(i);
    used.add(j);
    return [j, next.lines[i]! - shown.lines[j]!];
  });
  return { type: 'patch', version, base, summary: next.summary, blocks };
}
