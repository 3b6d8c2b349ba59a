// Messages between the extension and the preview webview, declared once and
// imported by both sides so a renamed field is a type error on both ends.
// Lines are 0-based source lines, the same numbers as the `data-line`
// attributes of the rendered HTML.

/** Extension → webview. */
export type ToWebview =
  /**
   * New rendered body. `version` numbers the renders of this panel in order
   * (stale document versions are dropped before sending); the webview ignores
   * an update older than the one it shows. `line` asks to scroll there after the swap.
   */
  | { type: 'update'; html: string; version: number; line?: number }
  /**
   * The blocks an edit changed, applied to the page of version `base` (the
   * webview drops a patch for any other page: after a reload it shows the
   * initial page and gets a full update on `ready`). `html` of an update is
   * the summary followed by `<div class="gmm-note-body">` holding
   * `<div class="gmm-section">`s of one `<div class="gmm-chunk" data-chunk="i">`
   * per block each (see chunkedBody); the chunks in page order are the blocks.
   * A patch replaces the summary and lists the new page's blocks in order:
   * HTML for a new or changed block, or `[i, shift]` to keep the chunk that
   * was i-th on the base page, with `shift` added to its `data-line` numbers
   * (lines inserted or deleted above it). Chunks not listed are dropped.
   */
  | { type: 'patch'; version: number; base: number; summary: string; blocks: PatchBlock[]; line?: number }
  /** The editor scrolled: bring this source line to the top of the preview. */
  | { type: 'scrollTo'; line: number };

/** One block of a patch: new HTML, or [index of a chunk on the base page, line shift]. */
export type PatchBlock = string | [number, number];

/**
 * From this many blocks on, the page marks its note body `gmm-many`: chunks
 * off screen are then not laid out (content-visibility in media/preview.css).
 * Below it, a page is laid out whole, as before, and scrolling never moves a
 * block that a placeholder stood for. The webview keeps the mark up to date
 * when a patch changes the count.
 */
export const MANY_BLOCKS = 300;

/**
 * Blocks per section of the page. In a `gmm-many` page the sections, not the
 * chunks, are what content-visibility skips off screen: Chromium watches each
 * such element with an intersection observer and computed the intersections
 * of all 3,821 chunks of the 7,320-line benchmark note on every frame the
 * workbench drew (the page shares its renderer), 20 ms and more per key typed
 * in the editor. 120 sections cost little, and one is laid out in a moment
 * when it scrolls into view. A patch puts a new chunk into the section of the
 * chunk before it, so sections drift from this size as the note is edited.
 */
export const SECTION_BLOCKS = 32;

/** The body of a full update: the summary and each block in its addressable chunk (what a 'patch' edits), in sections. */
export function chunkedBody(summary: string, blocks: readonly string[]): string {
  const sections: string[] = [];
  for (let s = 0; s < blocks.length; s += SECTION_BLOCKS) {
    const chunks = blocks.slice(s, s + SECTION_BLOCKS).map((b, i) => `<div class="gmm-chunk" data-chunk="${s + i}">${b}</div>`);
    sections.push(`<div class="gmm-section">${chunks.join('')}</div>`);
  }
  return `${summary}<div class="gmm-note-body${blocks.length >= MANY_BLOCKS ? ' gmm-many' : ''}">\n${sections.join('\n')}</div>\n`;
}

/** Webview → extension. */
export type FromWebview =
  /** The user double-clicked a marker or a formula (or pressed Enter on a marker): show this source line in the editor. */
  | { type: 'reveal'; line: number }
  /** The user scrolled the preview: this source line is now at its top. */
  | { type: 'scrolled'; line: number }
  /** The user clicked a link: open it (a web link in the browser, a relative one in VS Code). */
  | { type: 'open'; href: string }
  /**
   * The script has loaded (first time or after a reload) and listens; the extension brings the page up to
   * date. `version`: the one baked into the page (data-version), so that the ready of a page replaced since
   * (the preview followed another note while it loaded) is told from the new page's.
   */
  | { type: 'ready'; version: number }
  /** The page now shows render `version` (an update or a patch was applied): the extension may send the next step of a long page. */
  | { type: 'applied'; version: number };

/** What the webview persists through `setState` (and the panel serializer gets back after a reload). */
export interface PreviewState {
  /** `vscode.Uri.toString()` of the note shown. */
  uri: string;
  /** Source line at the top of the preview when the state was saved. */
  line: number;
  /** The "show unchecked" filter of the summary bar (absent: shown). */
  showUnchecked?: boolean;
  /** The "Read as" line of the summary bar opened in full (absent: closed). */
  readingOpen?: boolean;
}

export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { type?: unknown; line?: unknown };
  if (m.type === 'ready' || m.type === 'applied') return typeof (value as { version?: unknown }).version === 'number';
  if (m.type === 'open') return typeof (value as { href?: unknown }).href === 'string';
  return (m.type === 'reveal' || m.type === 'scrolled') && typeof m.line === 'number' && Number.isFinite(m.line);
}

export function isPreviewState(value: unknown): value is PreviewState {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as { uri?: unknown; line?: unknown };
  return typeof s.uri === 'string' && typeof s.line === 'number';
}
