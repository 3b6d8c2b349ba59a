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
  // Per key, how far its list is used up (the lists are taken from the front): a page with thousands
  // of PENDING chunks out of line after a large edit is not scanned again for each of them.
  const from = new Map<string, number>();
  const firstUnused = (key: string): number | undefined => {
    const list = byKey.get(key);
    if (!list) return undefined;
    let p = from.get(key) ?? 0;
    while (p < list.length && used.has(list[p]!)) p++;
    from.set(key, p);
    return list[p];
  };
  const blocks: PatchBlock[] = next.keys.map((key, i) => {
    let j: number | undefined = shown.keys[i] === key && !used.has(i) ? i : undefined;
    if (j === undefined) j = firstUnused(key);
    if (j === undefined) return next.html(i);
    used.add(j);
    return [j, next.lines[i]! - shown.lines[j]!];
  });
  return { type: 'patch', version, base, summary: next.summary, blocks };
}

/** The key of a block not sent yet: an empty chunk that a later step fills (see stepTowards). */
export const PENDING = '';

/** The index of the block at or before source `line` (the first block when none is). */
export function blockAtLine(note: BlockKeys, line: number): number {
  let lo = 0;
  let hi = note.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (note.lines[mid]! <= line) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/**
 * One step of bringing a page that shows `shown` (nothing yet: undefined) to
 * `next`, sending at most about `budget` characters of new HTML: the blocks
 * the page has already (same key) cost nothing; of the others, those nearest
 * block `around` (the one at the top of the view) come first, below it before
 * above it; the rest stay empty chunks (PENDING) for the next steps. At least
 * one new block is sent per step, so the steps end. `done`: nothing is
 * pending, `note` is `next` itself.
 *
 * Why steps: VS Code hands a webview's HTML to an iframe by `document.write`
 * and parses it once more before that; a page of 15 MiB (a 7,320-line note)
 * took 20 s from the extension setting it to the script saying `ready`,
 * in the renderer that also draws the editor. A first page of the blocks in
 * view shows at once, and each later step is a patch parsed in a task of its
 * own, between which the workbench draws keys.
 */
export function stepTowards(shown: BlockKeys | undefined, next: KeyedNote, around: number, budget: number): { note: KeyedNote; done: boolean } {
  // How many chunks of each key the page has: each is kept for one block (as patchFrom keeps them).
  const have = new Map<string, number>();
  for (const k of shown?.keys ?? []) have.set(k, (have.get(k) ?? 0) + 1);
  const n = next.keys.length;
  const sent = new Array<boolean>(n).fill(false);
  let pending = 0;
  for (let i = 0; i < n; i++) {
    const left = have.get(next.keys[i]!) ?? 0;
    if (left > 0) {
      sent[i] = true;
      have.set(next.keys[i]!, left - 1);
    } else pending++;
  }
  if (pending === 0) return { note: next, done: true };
  let spent = 0;
  const start = Math.min(Math.max(0, around), n - 1);
  // Outward from `around`: two blocks below for each one above (the view shows the line at its top).
  let below = start;
  let above = start - 1;
  let turn = 0;
  while ((below < n || above >= 0) && pending > 0) {
    const takeBelow = below < n && (above < 0 || turn % 3 !== 2);
    const i = takeBelow ? below++ : above--;
    turn++;
    if (sent[i]) continue;
    const size = next.html(i).length;
    if (spent > 0 && spent + size > budget) break;
    sent[i] = true;
    spent += size;
    pending--;
  }
  if (pending === 0) return { note: next, done: true };
  return {
    note: {
      summary: next.summary,
      keys: next.keys.map((k, i) => (sent[i] ? k : PENDING)),
      lines: next.lines,
      html: (i) => (sent[i] ? next.html(i) : ''),
    },
    done: false,
  };
}
