// Browser script of the derivation preview webview (bundled to dist/webview.js).
// It swaps in new bodies sent by the extension ('update') or only the blocks
// an edit changed ('patch') while keeping the reader's place, turns clicks on
// markers and formulas into "reveal this line", keeps
// the preview and the editor scrolled to the same source line both ways
// (through the `data-line` attributes), and saves where it is with setState
// so the panel comes back at the same place after a reload. Click and scroll
// handling is delegated to document/window and looks elements up when it
// runs, so it works the same on blocks swapped in later.
import { LABEL_LINE } from '../shared/blockKeys';
import { MANY_BLOCKS, type FromWebview, type PreviewState, type ToWebview } from '../shared/messages';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('gmm-root');
const settings = document.getElementById('gmm-preview-settings');
const uri = settings?.dataset['uri'] ?? '';
let version = Number(settings?.dataset['version'] ?? '-1');
// A scroll we caused (after scrollTo or an update) must not echo back to the editor.
let ignoreScrollUntil = 0;
/**
 * Where the page's own last scroll left it: a scroll event that finds the page
 * still there is that scroll's echo, however late it comes (on a loaded machine
 * a frame can come after ignoreScrollUntil, and the editor then jumped to the
 * preview's line just after it had been scrolled itself).
 */
let ownScrollY = -1;

/** Scrolls the page (not the reader): remembered, so that its scroll event is not taken for the reader's. */
function scrollPage(y: number): void {
  ignoreScrollUntil = Date.now() + 100;
  window.scrollTo(0, y);
  ownScrollY = window.scrollY;
}
/** The source line the extension last asked to show (the page's data-line, a scrollTo, a patch's line). */
let askedLine = Number(settings?.dataset['line']);
/**
 * False until the page has loaded and been put at askedLine. VS Code's webview
 * host scrolls a page it has written into its frame, once loaded, to where the
 * page before it was (the previous note's offset, when the preview follows
 * another editor): that scroll is not the reader's, and must not move the editor.
 */
let settled = false;

/** Elements that tell where a source line is on the page (markers sit inside them and would only add noise). */
function lineElements(within: ParentNode | null = root): { line: number; el: HTMLElement }[] {
  if (!within) return [];
  const out: { line: number; el: HTMLElement }[] = [];
  for (const el of Array.from(within.querySelectorAll<HTMLElement>('[data-line]'))) {
    if (el.closest('.gmm-marker, .gmm-note, .gmm-issue')) continue;
    const line = Number(el.dataset['line']);
    if (Number.isFinite(line)) out.push({ line, el });
  }
  return out;
}

/**
 * The sections of the note body (see chunkedBody), in page order. From the
 * children, not `querySelectorAll(':scope > …')`: Chromium matches that against
 * every element below (a long note's KaTeX: 20 ms per call on the benchmark note).
 */
function sectionsOf(body: Element | null | undefined): HTMLElement[] {
  return body ? (Array.from(body.children) as HTMLElement[]).filter((el) => el.classList.contains('gmm-section')) : [];
}

/** The chunks of a section, in page order (from its children, as the sections). */
function chunksOf(section: Element): HTMLElement[] {
  return (Array.from(section.children) as HTMLElement[]).filter((el) => el.classList.contains('gmm-chunk'));
}

/** The last of `els` whose top is at or above `y` (the first when none is), by bisection. */
function lastAtOrAbove(els: readonly HTMLElement[], y: number): number {
  let lo = 0;
  let hi = els.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (top(els[mid]!) <= y + 1) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The line elements around page offset `y`, in page order: those of the chunk
 * there, back to a chunk with one at or above `y` and on to one with one below.
 * The chunk is found by bisection over the sections' boxes, then over its
 * section's chunks: off screen, content-visibility (media/preview.css) lays a
 * section out without its content, but asking where an element inside it is
 * lays that section out, so walking every line element from the top made the
 * whole page laid out again.
 */
function lineElementsAround(y: number): { line: number; el: HTMLElement }[] {
  const sections = sectionsOf(root?.querySelector(':scope > .gmm-note-body'));
  const chunks = sections.flatMap(chunksOf);
  if (chunks.length === 0) return lineElements();
  const inSection = chunksOf(sections[lastAtOrAbove(sections, y)]!);
  const lo = inSection.length ? chunks.indexOf(inSection[lastAtOrAbove(inSection, y)]!) : chunks.length - 1;
  const lines = chunks.map(() => undefined as { line: number; el: HTMLElement }[] | undefined);
  const linesOf = (i: number) => (lines[i] ??= lineElements(chunks[i]!));
  let first = lo;
  while (first > 0 && !linesOf(first).some((e) => top(e.el) <= y + 1)) first--;
  let last = lo;
  while (last < chunks.length - 1 && !linesOf(last).some((e) => top(e.el) > y + 1)) last++;
  const out: { line: number; el: HTMLElement }[] = [];
  for (let i = first; i <= last; i++) out.push(...linesOf(i));
  return out;
}

/** Page offset of the top of an element. */
function top(el: HTMLElement): number {
  return el.getBoundingClientRect().top + window.scrollY;
}

/**
 * Height the sticky summary bar covers at the top of the viewport (with its
 * margin): a scroll target must land below it, not under it.
 */
function coveredTop(): number {
  const bar = root?.querySelector<HTMLElement>(':scope > .gmm-summary');
  if (!bar) return 0;
  const style = getComputedStyle(bar);
  if (style.position !== 'sticky' && style.position !== 'fixed') return 0;
  return bar.getBoundingClientRect().height + (parseFloat(style.marginBottom) || 0);
}

/** Scroll so that source `line` is at the top, interpolating between the blocks around it. */
function scrollToLine(line: number): void {
  const els = lineElements();
  if (els.length === 0) return;
  // At or before the first block: the top of the page, summary and title in view.
  if (line <= els[0]!.line) {
    scrollPage(0);
    return;
  }
  let before = els[0]!;
  let after: { line: number; el: HTMLElement } | undefined;
  for (const e of els) {
    if (e.line <= line) before = e;
    else { after = e; break; }
  }
  let y = top(before.el);
  if (after && after.line > before.line) {
    const fraction = Math.min(1, Math.max(0, (line - before.line) / (after.line - before.line)));
    y += (top(after.el) - y) * fraction;
  }
  scrollPage(Math.max(0, y - coveredTop() - 4));
}

/** Source line at the top of the viewport (fractional between two blocks). */
function lineAtTop(): number | undefined {
  // The first line the reader sees is the one just below the sticky bar.
  const y = window.scrollY + (window.scrollY > 0 ? coveredTop() : 0);
  const els = lineElementsAround(y);
  if (els.length === 0) return undefined;
  let before = els[0]!;
  let after: { line: number; el: HTMLElement } | undefined;
  for (const e of els) {
    if (top(e.el) <= y + 1) before = e;
    else { after = e; break; }
  }
  const t0 = top(before.el);
  if (!after || top(after.el) <= t0) return before.line;
  const fraction = Math.min(1, Math.max(0, (y - t0) / (top(after.el) - t0)));
  return before.line + fraction * (after.line - before.line);
}

function saveState(): void {
  vscode.setState({ uri, line: lineAtTop() ?? 0, showUnchecked, readingOpen });
}

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  if (scrollTimer !== undefined) clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => {
    scrollTimer = undefined;
    saveState();
    if (!settled || Date.now() < ignoreScrollUntil || window.scrollY === ownScrollY) return;
    // The reader's: coming back later to where the page's own scroll left it is the reader's too.
    ownScrollY = -1;
    const line = lineAtTop();
    if (line !== undefined) vscode.postMessage({ type: 'scrolled', line: Math.floor(line) });
  }, 50);
}, { passive: true });

/** HTML to one element (the summary bar is a single element). */
function elementFrom(html: string): Element | null {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content.firstElementChild;
}

/**
 * Adds `shift` to the line numbers inside a kept chunk (lines were inserted or
 * deleted above it): every `data-line`, and a marker label's own line (the
 * same change as shiftBlockHtml makes to the HTML).
 */
function shiftLines(chunk: HTMLElement, shift: number): void {
  if (shift === 0) return;
  for (const el of Array.from(chunk.querySelectorAll<HTMLElement>('[data-line]'))) {
    const line = Number(el.dataset['line']);
    if (Number.isFinite(line)) el.dataset['line'] = String(line + shift);
    for (const attr of ['aria-label', 'title']) {
      const label = el.getAttribute(attr);
      const m = label === null ? null : LABEL_LINE.exec(label);
      if (label !== null && m) el.setAttribute(attr, `${m[1]}${Number(m[2]) + shift})${label.slice(m[0].length)}`);
    }
  }
}

/** The summary bar's HTML as the last patch sent it (null: the page's own, from a full update). */
let shownSummary: string | null = null;

/**
 * Applies a patch to the note body: the summary bar, then the blocks in their
 * new order, keeping the chunks the patch reuses (moved only when out of
 * place, their HTML untouched) and building the new ones. A new chunk goes
 * into the section of the chunk before it (the first section at the top);
 * a section left empty is removed. False when the page has no chunked body
 * to patch (then nothing is touched).
 */
function applyPatch(el: HTMLElement, msg: Extract<ToWebview, { type: 'patch' }>): boolean {
  const body = el.querySelector<HTMLElement>(':scope > .gmm-note-body');
  if (!body) return false;
  const sections = sectionsOf(body);
  const chunks = sections.flatMap(chunksOf);
  const oldSummary = el.querySelector(':scope > .gmm-summary');
  // The same counts as shown (most results while typing): the bar is left alone, not rebuilt.
  if (!oldSummary || msg.summary !== shownSummary) {
    const summary = elementFrom(msg.summary);
    if (summary && oldSummary) oldSummary.replaceWith(summary);
    else if (summary) el.prepend(summary);
    shownSummary = msg.summary;
  }
  const next: HTMLElement[] = msg.blocks.map((b) => {
    const kept = typeof b === 'string' ? undefined : chunks[b[0]];
    if (kept && typeof b !== 'string') {
      shiftLines(kept, b[1]);
      return kept;
    }
    const chunk = document.createElement('div');
    chunk.className = 'gmm-chunk';
    chunk.innerHTML = typeof b === 'string' ? b : '';
    return chunk;
  });
  body.classList.toggle('gmm-many', next.length >= MANY_BLOCKS);
  const keep = new Set(next);
  for (const chunk of chunks) if (!keep.has(chunk)) chunk.remove();
  if (sections.length === 0) {
    const section = document.createElement('div');
    section.className = 'gmm-section';
    body.append(section);
    sections.push(section);
  }
  // Walk the new order; a chunk already in place (the common case) is not touched.
  // `at` is the chunk expected next in section `s` (null: the end of that section).
  let s = 0;
  let at: Element | null = sections[0]!.firstElementChild;
  next.forEach((chunk, i) => {
    if (chunk !== at) {
      // At the end of a section, the next section's first chunk, kept in place, is where the walk goes on.
      while (at === null && s + 1 < sections.length && sections[s + 1]!.firstElementChild === chunk) at = sections[++s]!.firstElementChild;
    }
    if (chunk !== at) sections[s]!.insertBefore(chunk, at);
    else at = at.nextElementSibling;
    if (chunk.dataset['chunk'] !== String(i)) chunk.dataset['chunk'] = String(i);
  });
  for (const section of sections) if (section.childElementCount === 0) section.remove();
  return true;
}

/** Runs a change of the content, then puts the reader back where they were (or at `line`). */
function keepingPlace(line: number | undefined, change: () => void): void {
  const scrollY = window.scrollY;
  change();
  ignoreScrollUntil = Date.now() + 100;
  applyFilter();
  if (line !== undefined) {
    askedLine = line;
    scrollToLine(line);
  } else if (window.scrollY !== scrollY) scrollPage(scrollY);
  saveStateSoon();
}

/**
 * saveState measures every line element (a forced layout of the whole page):
 * after a patch it runs once the edits pause, not on every result while the
 * user types, so the page's layout work stays off the path of the next key.
 */
let saveTimer: ReturnType<typeof setTimeout> | undefined;
function saveStateSoon(): void {
  if (saveTimer !== undefined) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => { saveTimer = undefined; saveState(); }, 500);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const msg = event.data;
  if (msg.type === 'update') {
    // Updates are posted in order, but a late one for an older version must not win.
    if (msg.version < version || !root) return;
    version = msg.version;
    keepingPlace(msg.line, () => { root.innerHTML = msg.html; shownSummary = null; });
    vscode.postMessage({ type: 'applied', version });
  } else if (msg.type === 'patch') {
    // A patch is only valid on the page it was computed against. Another base
    // means this page reloaded and shows its initial body: the extension sends
    // the whole content when the reloaded script says `ready`.
    if (msg.base !== version || !root) return;
    keepingPlace(msg.line, () => { if (applyPatch(root, msg)) version = msg.version; });
    if (version === msg.version) vscode.postMessage({ type: 'applied', version });
  } else if (msg.type === 'scrollTo') {
    askedLine = msg.line;
    scrollToLine(msg.line);
    saveState();
  }
});

/** The source line a click on a marker, a failure note or a formula stands for. */
function clickedLine(target: EventTarget | null): number | undefined {
  if (!(target instanceof Element)) return undefined;
  const hit = target.closest<HTMLElement>('.gmm-marker, .gmm-note, .gmm-issue, .gmm-math-display, .gmm-block, .katex');
  if (!hit) return undefined;
  const withLine = hit.closest<HTMLElement>('[data-line]');
  const line = Number(withLine?.dataset['line']);
  return Number.isFinite(line) ? line : undefined;
}

// Links: the webview must not navigate away from the page. Fragment links
// scroll within it; the others go to the extension, which opens them.
document.addEventListener('click', (event) => {
  const a = event.target instanceof Element ? event.target.closest('a') : null;
  const href = a?.getAttribute('href');
  if (!a || href === null || href === undefined) return;
  event.preventDefault();
  if (href.startsWith('#')) {
    document.getElementById(decodeURIComponent(href.slice(1)))?.scrollIntoView();
    return;
  }
  vscode.postMessage({ type: 'open', href });
});

// A double click jumps to the source, as in VS Code's own Markdown preview; a
// single click only selects text or focuses a marker (and keeps the focus here).
document.addEventListener('dblclick', (event) => {
  // Let links behave as usual.
  if (event.target instanceof Element && event.target.closest('a')) return;
  const line = clickedLine(event.target);
  if (line === undefined) return;
  window.getSelection()?.removeAllRanges();
  vscode.postMessage({ type: 'reveal', line });
});

/** The ✗ markers in page order (hidden ones skipped). */
function failMarkers(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('#gmm-root .gmm-marker.gmm-fail')).filter((el) => el.offsetParent !== null);
}

/** Moves the focus to the next (or previous) ✗ after the focused one, or after the top of the viewport. */
function focusFail(step: 1 | -1): void {
  const marks = failMarkers();
  if (marks.length === 0) return;
  const current = document.activeElement instanceof HTMLElement ? marks.indexOf(document.activeElement) : -1;
  let next: number;
  if (current >= 0) next = (current + step + marks.length) % marks.length;
  else {
    const below = coveredTop() + 1;
    const firstBelow = marks.findIndex((m) => m.getBoundingClientRect().top >= below);
    next = step === 1 ? (firstBelow < 0 ? 0 : firstBelow) : ((firstBelow < 0 ? marks.length : firstBelow) - 1 + marks.length) % marks.length;
  }
  const target = marks[next]!;
  target.focus({ preventScroll: true });
  const y = target.getBoundingClientRect().top + window.scrollY - coveredTop() - 8;
  ignoreScrollUntil = Date.now() + 100;
  window.scrollTo(0, Math.max(0, y));
}

document.addEventListener('keydown', (event) => {
  // Next / previous ✗: F8 / Shift+F8 as for problems in the editor, or n / p.
  const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
  if (!typing && !event.altKey && !event.ctrlKey && !event.metaKey &&
    (event.key === 'F8' || event.key === 'n' || event.key === 'p' || event.key === 'N' || event.key === 'P')) {
    event.preventDefault();
    focusFail(event.key === 'p' || event.key === 'P' || (event.key === 'F8' && event.shiftKey) ? -1 : 1);
    return;
  }
  if (event.key !== 'Enter' && event.key !== ' ') return;
  if (!(event.target instanceof Element) || !event.target.classList.contains('gmm-marker')) return;
  const line = clickedLine(event.target);
  if (line === undefined) return;
  event.preventDefault();
  vscode.postMessage({ type: 'reveal', line });
});

/**
 * The "show unchecked" filter: a checkbox in the summary bar that hides the
 * ? markers (kept across re-renders and reloads through the page state).
 */
let showUnchecked = (() => {
  const saved = vscode.getState() as { showUnchecked?: unknown } | undefined;
  return saved?.showUnchecked !== false;
})();

/**
 * Whether the reader opened the long "Read as" line: every result brings a new
 * summary bar (closed), so the choice is put back on it, as the filter is.
 */
let readingOpen = (vscode.getState() as { readingOpen?: unknown } | undefined)?.readingOpen === true;
document.addEventListener('toggle', (event) => {
  if (!(event.target instanceof HTMLDetailsElement) || !event.target.classList.contains('gmm-reading')) return;
  readingOpen = event.target.open;
  saveState();
}, true);

function applyFilter(): void {
  document.body.classList.toggle('gmm-hide-unchecked', !showUnchecked);
  const bar = root?.querySelector<HTMLElement>(':scope > .gmm-summary');
  const reading = bar?.querySelector<HTMLDetailsElement>(':scope > details.gmm-reading');
  if (reading && reading.open !== readingOpen) reading.open = readingOpen;
  if (!bar || bar.querySelector('.gmm-filter')) return;
  const label = document.createElement('label');
  label.className = 'gmm-filter';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = showUnchecked;
  box.addEventListener('change', () => {
    showUnchecked = box.checked;
    document.body.classList.toggle('gmm-hide-unchecked', !showUnchecked);
    saveState();
  });
  label.append(box, ' show unchecked');
  // On the line of the counts, before the reading and the note's issues.
  bar.insertBefore(label, bar.querySelector(':scope > .gmm-reading, :scope > .gmm-issues'));
}

// Restore the place saved before a reload (the extension also passes it as
// data-line on the first render), then tell the extension we are listening.
applyFilter();
const initialLine = askedLine;
if (Number.isFinite(initialLine) && initialLine > 0) scrollToLine(initialLine);
saveStateSoon();
// After VS Code's own scroll of the loaded page (its load handler runs after ours: the timeout).
window.addEventListener('load', () => setTimeout(() => {
  settled = true;
  if (Number.isFinite(askedLine)) scrollToLine(askedLine);
}, 0));
// The version baked into this page: no message can have been handled before this line.
vscode.postMessage({ type: 'ready', version });
