// Browser script of the derivation preview webview (bundled to dist/webview.js).
// It swaps in new bodies sent by the extension while keeping the reader's
// place, turns clicks on markers and formulas into "reveal this line", keeps
// the preview and the editor scrolled to the same source line both ways
// (through the `data-line` attributes), and saves where it is with setState
// so the panel comes back at the same place after a reload.
import type { FromWebview, PreviewState, ToWebview } from '../shared/messages';

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

/** Elements that tell where a source line is on the page (markers sit inside them and would only add noise). */
function lineElements(): { line: number; el: HTMLElement }[] {
  if (!root) return [];
  const out: { line: number; el: HTMLElement }[] = [];
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-line]'))) {
    if (el.closest('.gmm-marker, .gmm-note, .gmm-issue')) continue;
    const line = Number(el.dataset['line']);
    if (Number.isFinite(line)) out.push({ line, el });
  }
  return out;
}

/** Page offset of the top of an element. */
function top(el: HTMLElement): number {
  return el.getBoundingClientRect().top + window.scrollY;
}

/** Scroll so that source `line` is at the top, interpolating between the blocks around it. */
function scrollToLine(line: number): void {
  const els = lineElements();
  if (els.length === 0) return;
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
  ignoreScrollUntil = Date.now() + 100;
  window.scrollTo(0, Math.max(0, y - 4));
}

/** Source line at the top of the viewport (fractional between two blocks). */
function lineAtTop(): number | undefined {
  const els = lineElements();
  if (els.length === 0) return undefined;
  const y = window.scrollY;
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
  vscode.setState({ uri, line: lineAtTop() ?? 0 });
}

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  if (scrollTimer !== undefined) clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => {
    scrollTimer = undefined;
    saveState();
    if (Date.now() < ignoreScrollUntil) return;
    const line = lineAtTop();
    if (line !== undefined) vscode.postMessage({ type: 'scrolled', line: Math.floor(line) });
  }, 50);
}, { passive: true });

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const msg = event.data;
  if (msg.type === 'update') {
    // Updates are posted in order, but a late one for an older version must not win.
    if (msg.version < version || !root) return;
    version = msg.version;
    const scrollY = window.scrollY;
    root.innerHTML = msg.html;
    ignoreScrollUntil = Date.now() + 100;
    if (msg.line !== undefined) scrollToLine(msg.line);
    else window.scrollTo(0, scrollY);
    saveState();
  } else if (msg.type === 'scrollTo') {
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

document.addEventListener('click', (event) => {
  // Let links and text selection behave as usual.
  if (event.target instanceof Element && event.target.closest('a')) return;
  if (!window.getSelection()?.isCollapsed) return;
  const line = clickedLine(event.target);
  if (line !== undefined) vscode.postMessage({ type: 'reveal', line });
});

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  if (!(event.target instanceof Element) || !event.target.classList.contains('gmm-marker')) return;
  const line = clickedLine(event.target);
  if (line === undefined) return;
  event.preventDefault();
  vscode.postMessage({ type: 'reveal', line });
});

// Restore the place saved before a reload (the extension also passes it as
// data-line on the first render), then tell the extension we are listening.
const initialLine = Number(settings?.dataset['line']);
if (Number.isFinite(initialLine) && initialLine > 0) scrollToLine(initialLine);
saveState();
vscode.postMessage({ type: 'ready' });
