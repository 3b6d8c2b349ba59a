// The derivation preview on a hostile note, in a real VS Code: the note holds
// an inline <script>, an <img onerror>, javascript: links and KaTeX \href /
// \htmlClass attempts that would each post a message to the extension if they
// ran. The test captures the preview's panel (by wrapping
// vscode.window.createWebviewPanel, which the extension and this suite share
// through the same extension API object), checks the page the extension set
// (CSP meta with default-src 'none' and a script nonce, one script only, the
// hostile markup inert) and that no hostile message arrives while the
// preview's own script does report `ready`. Then it proves the CSP itself is
// enforced by the real webview: a page with the extension's CSP and nonce in
// which an inline script and an onerror handler without the nonce try to post
// messages, between two nonce scripts that do post; only the latter arrive.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'gmm-check.gmm-derivation-checker';
const PWNED = 'gmm-test-pwned';

const HOSTILE_NOTE = [
  '# Hostile note',
  '',
  `<script>acquireVsCodeApi().postMessage({ type: '${PWNED}', via: 'script' })</script>`,
  '',
  `<img src=x onerror="acquireVsCodeApi().postMessage({ type: '${PWNED}', via: 'onerror' })">`,
  '',
  `[click](javascript:acquireVsCodeApi().postMessage({type:'${PWNED}'})) and $\\href{javascript:alert(1)}{x}$ and $\\htmlClass{evil}{x}$`,
  '',
  '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$$',
  '',
].join('\n');

interface Captured {
  panel: vscode.WebviewPanel;
  messages: unknown[];
}

async function waitFor(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function typeOf(m: unknown): string {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string' ? (m as { type: string }).type : '';
}

describe('Derivation preview: CSP and hostile notes', function () {
  this.timeout(90_000);
  const captured: Captured[] = [];
  let restore: (() => void) | undefined;
  let doc: vscode.TextDocument;
  let original: string;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    await ext.activate();
    // The extension calls vscode.window.createWebviewPanel on the same API object.
    const win = vscode.window as { createWebviewPanel: typeof vscode.window.createWebviewPanel };
    const create = win.createWebviewPanel;
    win.createWebviewPanel = (...args: Parameters<typeof vscode.window.createWebviewPanel>) => {
      const panel = create.apply(vscode.window, args);
      const c: Captured = { panel, messages: [] };
      panel.webview.onDidReceiveMessage((m: unknown) => c.messages.push(m));
      captured.push(c);
      return panel;
    };
    restore = () => { win.createWebviewPanel = create; };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmm-check-csp-'));
    const file = path.join(dir, 'hostile.md');
    fs.writeFileSync(file, HOSTILE_NOTE);
    original = HOSTILE_NOTE;
    // An open unlocked preview would follow to this note instead of a new panel being created.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  });

  after(() => {
    restore?.();
    for (const c of captured) c.panel.dispose();
  });

  it('the preview page has a strict CSP with a script nonce, and the note\'s markup is inert', async () => {
    await vscode.commands.executeCommand('gmmCheck.openPreview');
    await waitFor('the preview panel (createWebviewPanel captured)', () => captured.length > 0);
    const { panel, messages } = captured[captured.length - 1]!;
    await waitFor('the preview page', () => panel.webview.html.length > 0);
    await waitFor('the preview script to report ready', () => messages.some((m) => typeOf(m) === 'ready'));
    const html = panel.webview.html;

    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.ok(csp, 'a CSP meta');
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    const scriptSrc = directives.get('script-src') ?? [];
    assert.equal(scriptSrc.length, 1, `script-src is one nonce: ${scriptSrc.join(' ')}`);
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[0] ?? '')?.[1];
    assert.ok(nonce, `script-src holds a nonce: ${scriptSrc[0]}`);
    assert.ok(!csp.includes('unsafe-eval'));

    const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
    assert.equal(scripts.length, 1, `only the preview's own script: ${scripts.join(' ')}`);
    assert.ok(scripts[0]!.includes(`nonce="${nonce}"`));
    assert.doesNotMatch(html, /<img\b/i, 'the raw <img> is text');
    assert.match(html, /&lt;img src=x onerror=/, 'shown as text');
    assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+\s*=/i, 'no event handler attribute in a tag');
    assert.doesNotMatch(html, /href="\s*javascript:/i);
    assert.doesNotMatch(html, /class="[^"]*\bevil\b/);
    assert.match(html, /&lt;script&gt;acquireVsCodeApi/, 'the note\'s script is shown as text');

    // Give anything that slipped through time to run.
    await sleep(1500);
    assert.deepEqual(messages.filter((m) => typeOf(m) === PWNED), [], 'no hostile message');
  });

  it('the webview enforces that CSP: scripts without the nonce do not run', async () => {
    const { panel, messages } = captured[captured.length - 1]!;
    const html = panel.webview.html;
    const head = html.slice(0, html.indexOf('</head>'));
    const nonce = /'nonce-([^']+)'/.exec(head)?.[1];
    assert.ok(nonce);
    messages.length = 0;
    panel.webview.html = `${head}</head><body>
<script nonce="${nonce}">window.gmmApi = acquireVsCodeApi(); window.gmmApi.postMessage({ type: 'gmm-test-control', step: 'first' });</script>
<script>window.gmmApi.postMessage({ type: '${PWNED}', via: 'inline script without nonce' });</script>
<img src="data:," onerror="window.gmmApi.postMessage({ type: '${PWNED}', via: 'onerror' })">
<img src="x-missing.png" onerror="window.gmmApi.postMessage({ type: '${PWNED}', via: 'onerror' })">
<a id="js" href="javascript:window.gmmApi.postMessage({ type: '${PWNED}', via: 'javascript: link' })">x</a>
<script nonce="${nonce}">setTimeout(() => { document.getElementById('js').click(); setTimeout(() => window.gmmApi.postMessage({ type: 'gmm-test-control', step: 'last' }), 1000); }, 500);</script>
</body></html>`;
    await waitFor('the nonce scripts\' messages', () => messages.filter((m) => typeOf(m) === 'gmm-test-control').length === 2);
    await sleep(500);
    assert.deepEqual(messages.filter((m) => typeOf(m) === PWNED), [], 'the CSP blocked every script without the nonce');
  });

  it('never writes to the note', async () => {
    assert.equal(doc.isDirty, false);
    assert.equal(fs.readFileSync(doc.uri.fsPath, 'utf8'), original);
    await vscode.commands.executeCommand('gmmCheck.checkGradient');
    assert.equal(doc.isDirty, false);
    assert.equal(fs.readFileSync(doc.uri.fsPath, 'utf8'), original);
  });
});
