// The derivation preview: a webview panel beside the editor showing the note
// rendered with ✓/✗/? markers. Security follows the webview samples: scripts
// only by a fresh nonce per render, resources only from media/ and dist/,
// nothing from the network. Each check result of the note's current version
// is shown at once (the checker throttles the checks; a result for an older
// version is dropped). The note comes rendered from the checking worker, so
// the extension host only compares blocks: each later render posts only the
// top-level blocks that changed (a 'patch'), keyed by content, so a line
// inserted above a block only shifts its line numbers; posting and
// re-parsing the whole page took seconds on long notes. The panel
// scrolls with the editor and back, clicking a marker or a formula reveals
// its source line, and a serializer brings the panel back after a reload.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { renderNoteBlocks } from '../core/render/html';
import { escapeHtml } from '../core/render/markers';
import { allBlocks, blockAtLine, keyedNote, patchFrom, PENDING, stepTowards, type KeyedNote } from '../shared/blockKeys';
import { chunkedBody, isFromWebview, isPreviewState, type FromWebview, type PreviewState, type ToWebview } from '../shared/messages';
import { isNote, type CheckResult, type NoteChecker } from './checker';

export const PREVIEW_VIEW_TYPE = 'gmmCheck.preview';
/** How long after a note's last tab closed its preview closes (see closeOrphans). */
const CLOSE_DELAY_MS = 300;
/** How long a scroll we caused in one pane is not mirrored back from the other. */
const SCROLL_ECHO_MS = 300;
/**
 * New HTML on a first page, and in each later step, of a long note's preview
 * (stepTowards): the blocks around the line in view first, the rest in patches
 * of about STEP_CHARS, each sent when the page says it applied the one before
 * (or after STEP_WAIT_MS without word: the steps are patches of each other in
 * order, so the wait only paces them). A note of 1 MiB of HTML or less (every
 * seed note: 88 to 796 KiB) goes in one piece as before.
 */
const FIRST_PAGE_CHARS = 1024 * 1024;
const STEP_CHARS = 256 * 1024;
const STEP_WAIT_MS = 2_000;

function nonce(): string {
  return randomBytes(16).toString('hex');
}

function findDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

function findEditor(uri: vscode.Uri): vscode.TextEditor | undefined {
  const key = uri.toString();
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
}

/** What the preview shows: the rendered note in blocks (patchable), or a message saying why there is none. */
type Content = KeyedNote | { page: string };

/** Body of the preview for a check result: the rendered note (from the worker, else rendered here), or why there is none. */
function contentFor(result: CheckResult): Content {
  if (result.blocks) return result.blocks;
  if (result.report) {
    const failed = (message: string): Content =>
      ({ page: `<p class="gmm-fail">The note could not be rendered: ${escapeHtml(message)}</p>` });
    if (result.renderError !== undefined) return failed(result.renderError);
    try {
      const rendered = renderNoteBlocks(result.text, result.report);
      return keyedNote(rendered.summary, rendered.blocks);
    } catch (err) {
      return failed(err instanceof Error ? err.message : String(err));
    }
  }
  return { page: `<p class="gmm-fail">The checker crashed on this note, so nothing in it was checked: ${escapeHtml((result.error ?? '').split('\n')[0] ?? '')}</p>` };
}

/** Whether some of the blocks are still to be sent (a step of a long note on its way in). */
function isPartial(content: Content): boolean {
  return 'keys' in content && content.keys.includes(PENDING);
}

function htmlOf(content: Content): string {
  return 'page' in content ? content.page : chunkedBody(content.summary, allBlocks(content));
}

/** The folder of a note: its relative images are loaded from there. */
function noteFolder(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

/**
 * Resources the page may load: our media and scripts, and the note's folder
 * and the workspace folders (relative images of the note, as the built-in
 * preview allows). The CSP's `cspSource` covers exactly these roots.
 */
export function webviewOptions(extensionUri: vscode.Uri, note?: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  const roots = [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')];
  if (note) roots.push(noteFolder(note), ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri));
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: roots,
  };
}

class DerivationPreview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** The first check and render was asked for. */
  private requested = false;
  /** The check result shown; undefined before the first render. */
  private shown: CheckResult | undefined;
  private rendered = false;
  /**
   * Number of the last render, sent as the message's `version`. Not the
   * document version: that restarts when a note is closed and reopened, and
   * the webview would take the new renders for stale ones.
   */
  private renderCount = 0;
  /**
   * What the page shows once it has applied every message sent (version
   * `contentVersion`): the base the next patch is computed against. For a long
   * note on its way in, a step (blocks not sent yet are PENDING).
   */
  private content: Content | undefined;
  private contentVersion = -1;
  /** What the page is being brought to: the content of the last result. */
  private target: Content | undefined;
  /** The version of a step posted while more are to come, until the page says it applied it. */
  private awaiting: number | undefined;
  private stepTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The version baked into the page's HTML. The webview shows that page again
   * whenever it reloads (hidden and shown, moved), so on `ready` it gets a full
   * update if the renders went on since.
   */
  private pageVersion = -1;
  /** What the page's HTML shows (version pageVersion): the base of the patch sent on `ready`. */
  private pageContent: Content | undefined;
  private ready = false;
  /** A scroll asked for before the script was listening, sent on `ready`. */
  private pendingScroll: number | undefined;
  private ignoreEditorScrollUntil = 0;
  private line: number;

  /** Locked: stays on its note instead of following the active markdown editor. */
  locked = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    public uri: vscode.Uri,
    private readonly extensionUri: vscode.Uri,
    private readonly checker: NoteChecker,
    line: number,
    onDispose: () => void,
  ) {
    this.line = line;
    checker.setRendering(uri, true);
    panel.webview.options = webviewOptions(extensionUri, uri);
    this.disposables.push(
      panel.onDidDispose(() => { onDispose(); this.dispose(); }),
      panel.webview.onDidReceiveMessage((m: unknown) => { if (isFromWebview(m)) this.onMessage(m); }),
      // The preview shows whole results only (its blocks come with them).
      checker.onDidCheck((r) => { if (!r.partial && r.uri.toString() === this.uri.toString()) this.scheduleRender(); }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.onEditorScrolled(e)),
    );
    this.renderNow();
  }

  /** Shows another note in this panel (the preview follows the active editor): a fresh page. */
  retarget(uri: vscode.Uri, line: number): void {
    // The worker renders the note this panel shows: move that with the panel.
    this.checker.setRendering(this.uri, false);
    this.checker.setRendering(uri, true);
    this.uri = uri;
    this.line = line;
    this.panel.webview.options = webviewOptions(this.extensionUri, uri);
    this.shown = undefined;
    this.content = undefined;
    this.target = undefined;
    this.stopWaiting();
    this.rendered = false;
    this.requested = false;
    this.pendingScroll = undefined;
    this.renderNow();
  }

  /** Brings the panel forward and, if given, scrolls to a 0-based source line. */
  reveal(line: number | undefined, preserveFocus: boolean): void {
    this.panel.reveal(undefined, preserveFocus);
    if (line !== undefined) {
      this.line = line;
      this.post({ type: 'scrollTo', line });
    }
  }

  /** Re-renders at once (after an explicit check command). */
  refresh(): void {
    this.renderNow();
  }

  /** A new result: shown at once (the checks are throttled already, and the note comes rendered). */
  private scheduleRender(): void {
    this.renderNow();
  }

  private renderNow(): void {
    const doc = findDocument(this.uri);
    if (!doc) {
      if (!this.rendered) this.setPage('<p>The note is not open. Open it and run “GMM: Open Derivation Preview to the Side”.</p>', -1);
      this.rendered = true;
      return;
    }
    const result = this.checker.current(doc);
    const unrendered = result?.report !== undefined && !result.blocks && result.renderError === undefined;
    if (!this.rendered && (!result || (unrendered && this.checker.rendersInWorker))) {
      // Nothing to show for this version yet, or a result from before the preview opened
      // (without HTML): ask the worker for it, checked and rendered (also with checkOn
      // "command"). The page is set when it comes: an empty panel for that moment
      // rather than a placeholder page that would load its script twice.
      if (!this.requested) {
        this.requested = true;
        this.checker.request(doc);
      }
      return;
    }
    // No result for this version yet (a check is pending or checkOn is "command"): keep what is shown.
    if (!result) return;
    // The same result again (a refresh with nothing new). A new result for the
    // same version (settings changed) is rendered: it may have other verdicts.
    if (result === this.shown) return;
    this.shown = result;
    this.target = contentFor(result);
    if (!this.rendered) {
      // The first page: of a long note, the blocks in view (the rest follow once the script is ready).
      const first = this.firstStep(this.target);
      this.renderCount++;
      this.content = first;
      this.contentVersion = this.renderCount;
      this.setPage(htmlOf(first), this.renderCount);
      this.pageContent = first;
      this.rendered = true;
      return;
    }
    this.advance();
  }

  /** `content`, or of a long note the first step: the blocks around the line in view, the others pending. */
  private firstStep(content: Content): Content {
    return 'keys' in content ? stepTowards(undefined, content, blockAtLine(content, this.line), FIRST_PAGE_CHARS).note : content;
  }

  /**
   * Posts what brings the page to `target`: a patch of the blocks that
   * changed, or for a long note one step of them at a time (the next when the
   * page has applied this one). While blocks are still coming in, and after
   * the page (re)loaded (`keepLine`), the line in view is kept at the top as
   * the blocks above it change.
   */
  private advance(keepLine = false): void {
    const target = this.target;
    const previous = this.content;
    if (!this.ready || this.awaiting !== undefined || !target || target === previous) return;
    const base = this.contentVersion;
    const version = ++this.renderCount;
    const filling = previous !== undefined && isPartial(previous);
    let done = true;
    if (previous && 'keys' in previous && 'keys' in target) {
      const step = stepTowards(previous, target, blockAtLine(target, this.line), STEP_CHARS);
      done = step.done;
      this.content = step.note;
      const patch = patchFrom(previous, step.note, base, version);
      this.post(keepLine || filling || !done ? { ...patch, line: this.line } : patch);
    } else {
      const first = this.firstStep(target);
      done = first === target;
      this.content = first;
      this.post({ type: 'update', html: htmlOf(first), version, line: this.line });
    }
    this.contentVersion = version;
    if (!done) {
      this.awaiting = version;
      // Hidden, the page is gone (no retainContextWhenHidden): shown again, it reloads and says `ready`.
      this.stepTimer = setTimeout(() => { this.stopWaiting(); if (this.panel.visible) this.advance(); }, STEP_WAIT_MS);
    }
  }

  private stopWaiting(): void {
    if (this.stepTimer !== undefined) clearTimeout(this.stepTimer);
    this.stepTimer = undefined;
    this.awaiting = undefined;
  }

  /** The full page: used for the first render; later renders only swap the body through messages. */
  private setPage(body: string, version: number): void {
    const w = this.panel.webview;
    const asset = (...path: string[]) => w.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    const n = nonce();
    const csp = [
      "default-src 'none'",
      `img-src ${w.cspSource} data:`,
      `style-src ${w.cspSource} 'unsafe-inline'`,
      `font-src ${w.cspSource}`,
      `script-src 'nonce-${n}'`,
    ].join('; ');
    this.ready = false;
    this.pageVersion = version;
    // The rule that skips a long note's sections off screen is also inline: VS Code writes the
    // page into the webview's frame with document.write, and the stylesheet (through the
    // webview's service worker) was not applied at the first layout, which then laid out every
    // block of the page (21.7 s in one task on the 7,320-line benchmark note).
    w.html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<base href="${escapeHtml(`${w.asWebviewUri(noteFolder(this.uri)).toString()}/`)}">
<link rel="stylesheet" href="${escapeHtml(asset('media', 'katex', 'katex.min.css'))}">
<link rel="stylesheet" href="${escapeHtml(asset('media', 'preview.css'))}">
<style>.gmm-note-body.gmm-many > .gmm-section { content-visibility: auto; contain-intrinsic-size: auto 96em; }</style>
<title>${escapeHtml(this.panel.title)}</title>
</head>
<body class="gmm-preview">
<div id="gmm-preview-settings" hidden data-uri="${escapeHtml(this.uri.toString())}" data-version="${version}" data-line="${this.line}"></div>
<main id="gmm-root">${body}</main>
<script nonce="${n}" src="${escapeHtml(asset('dist', 'webview.js'))}"></script>
</body>
</html>`;
  }

  private post(message: ToWebview): void {
    if (!this.ready) {
      // Before `ready` a message may be lost. Renders need not wait: `ready`
      // sends the whole current content; a scroll is remembered.
      if (message.type === 'scrollTo') this.pendingScroll = message.line;
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private onMessage(message: FromWebview): void {
    switch (message.type) {
      case 'ready': {
        // Said by a page replaced since (the preview followed another note while it loaded): a
        // patch for it would reach the new page, whose own ready would then patch a base it no
        // longer shows, and every later patch would be refused.
        if (message.version !== this.pageVersion) break;
        this.ready = true;
        const scroll = this.pendingScroll;
        this.pendingScroll = undefined;
        // The page shows its own HTML again, version pageVersion (first load or a reload):
        // what was posted since is lost. Bring it to the target from there, by patches of the
        // page's own blocks (a long note's page is megabytes; a full update would make the
        // webview parse it all again).
        this.stopWaiting();
        this.content = this.pageContent;
        this.contentVersion = this.pageVersion;
        if (this.target && this.target !== this.content) this.advance(true);
        // A reloaded page shows the line of its first render: bring it to where the preview was.
        else this.post({ type: 'scrollTo', line: scroll ?? this.line });
        break;
      }
      case 'applied':
        if (message.version === this.awaiting) {
          this.stopWaiting();
          this.advance();
        }
        break;
      case 'reveal':
        void this.revealSource(message.line);
        break;
      case 'open':
        void this.openLink(message.href);
        break;
      case 'scrolled': {
        // Only the page shown now (ready since it was written) speaks for the reader: a scroll
        // posted by the page it replaced (another note's, at its own line) must not move this one.
        if (!this.ready) break;
        this.line = message.line;
        const editor = findEditor(this.uri);
        if (!editor) break;
        this.ignoreEditorScrollUntil = Date.now() + SCROLL_ECHO_MS;
        const line = Math.min(Math.max(0, message.line), editor.document.lineCount - 1);
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
        break;
      }
    }
  }

  /** A link clicked in the preview: web links in the browser, relative ones (another note, a file) in VS Code. */
  private async openLink(href: string): Promise<void> {
    if (/^https?:\/\//i.test(href) || /^mailto:/i.test(href)) {
      await vscode.env.openExternal(vscode.Uri.parse(href));
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) return;
    const [path = '', fragment] = href.split('#');
    if (!path) return;
    const target = path.startsWith('/')
      ? vscode.Uri.joinPath(vscode.workspace.getWorkspaceFolder(this.uri)?.uri ?? noteFolder(this.uri), decodeURIComponent(path))
      : vscode.Uri.joinPath(noteFolder(this.uri), decodeURIComponent(path));
    await vscode.commands.executeCommand('vscode.open', fragment ? target.with({ fragment }) : target);
  }

  private async revealSource(line: number): Promise<void> {
    const editor = findEditor(this.uri);
    const doc = editor?.document ?? await vscode.workspace.openTextDocument(this.uri);
    const target = Math.min(Math.max(0, line), doc.lineCount - 1);
    const shown = await vscode.window.showTextDocument(doc, {
      viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
      selection: new vscode.Range(target, 0, target, 0),
    });
    shown.revealRange(new vscode.Range(target, 0, target, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private onEditorScrolled(e: vscode.TextEditorVisibleRangesChangeEvent): void {
    if (e.textEditor.document.uri.toString() !== this.uri.toString()) return;
    if (Date.now() < this.ignoreEditorScrollUntil) return;
    const first = e.visibleRanges[0];
    if (!first) return;
    this.line = first.start.line;
    this.post({ type: 'scrollTo', line: first.start.line });
  }

  dispose(): void {
    this.stopWaiting();
    this.checker.setRendering(this.uri, false);
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
  }
}

export class PreviewManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly previews = new Map<string, DerivationPreview>();
  private readonly registration: vscode.Disposable;

  private readonly listeners: vscode.Disposable[];

  constructor(private readonly extensionUri: vscode.Uri, private readonly checker: NoteChecker) {
    this.registration = vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this);
    this.listeners = [
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.closeOrphans(e.closed)),
    ];
  }

  /**
   * Like the built-in preview: an unlocked preview shows the note of the
   * active markdown editor (unless that note has a preview of its own).
   */
  private follow(editor: vscode.TextEditor | undefined): void {
    const doc = editor?.document;
    if (!doc || !isNote(doc) || doc.uri.scheme === 'output') return;
    const key = doc.uri.toString();
    if (this.previews.has(key)) return;
    const free = [...this.previews.values()].find((p) => !p.locked);
    if (!free) return;
    this.previews.delete(free.uri.toString());
    free.panel.title = this.title(doc.uri, false);
    free.retarget(doc.uri, editor.visibleRanges[0]?.start.line ?? 0);
    this.previews.set(key, free);
  }

  /**
   * A note whose last tab closed takes its preview with it. Checked a moment
   * later: opening another note in a preview-mode tab closes the old tab
   * first, and the preview should follow to the new note, not close.
   */
  private closeOrphans(closed: readonly vscode.Tab[]): void {
    const keys = closed.flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri.toString()] : []));
    if (keys.length === 0) return;
    setTimeout(() => {
      const open = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs)
        .flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri.toString()] : [])));
      for (const key of keys) if (!open.has(key)) this.previews.get(key)?.panel.dispose();
    }, CLOSE_DELAY_MS);
  }

  /** Locks or unlocks the active (or only) preview; returns its new state, undefined without a preview. */
  toggleLock(): boolean | undefined {
    const all = [...this.previews.values()];
    const p = all.find((x) => x.panel.active) ?? (all.length === 1 ? all[0] : undefined);
    if (!p) return undefined;
    p.locked = !p.locked;
    p.panel.title = this.title(p.uri, p.locked);
    return p.locked;
  }

  /** The note an open preview shows, and whether it is locked (for tests). */
  previewStates(): { uri: string; locked: boolean }[] {
    return [...this.previews.values()].map((p) => ({ uri: p.uri.toString(), locked: p.locked }));
  }

  /** Opens (or brings forward) the preview of a note beside the editor. */
  show(doc: vscode.TextDocument, options: { line?: number; preserveFocus?: boolean } = {}): vscode.WebviewPanel {
    const preserveFocus = options.preserveFocus ?? true;
    const existing = this.previews.get(doc.uri.toString());
    if (existing) {
      existing.reveal(options.line, preserveFocus);
      existing.refresh();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, this.title(doc.uri),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, webviewOptions(this.extensionUri, doc.uri));
    this.attach(panel, doc.uri, options.line ?? 0);
    return panel;
  }

  /** The open preview panel of a note, if any (for tests and the reveal command). */
  panelFor(uri: vscode.Uri): vscode.WebviewPanel | undefined {
    return this.previews.get(uri.toString())?.panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isPreviewState(state)) {
      // Nothing says which note it showed: close it rather than show an empty page.
      panel.dispose();
      return;
    }
    const s: PreviewState = state;
    const uri = vscode.Uri.parse(s.uri);
    try {
      await vscode.workspace.openTextDocument(uri);
    } catch {
      // The note is gone; the preview says so instead of failing the restore.
    }
    panel.title = this.title(uri);
    this.attach(panel, uri, Math.max(0, Math.floor(s.line)));
  }

  private attach(panel: vscode.WebviewPanel, uri: vscode.Uri, line: number): void {
    const key = uri.toString();
    this.previews.get(key)?.panel.dispose();
    this.previews.set(key, new DerivationPreview(panel, uri, this.extensionUri, this.checker, line, () => {
      if (this.previews.get(key)?.panel === panel) this.previews.delete(key);
    }));
  }

  private title(uri: vscode.Uri, locked = false): string {
    const name = uri.path.split('/').pop() ?? uri.path;
    return `${locked ? '[Locked] ' : ''}Derivation: ${name}`;
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.registration.dispose();
    for (const p of this.previews.values()) p.panel.dispose();
    this.previews.clear();
  }
}
