// Issue 12 in a real VS Code: what the editor shows for the checker's results.
// VS Code's own Markdown preview is read through `markdown.api.render` (its
// markdown-it engine with every plugin, markdown-math's KaTeX and ours).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'gmm-check.gmm-derivation-checker';

async function waitFor(what: string, cond: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function noteFile(name: string, text: string): vscode.Uri {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmm-editor-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

async function open(name: string, text: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(noteFile(name, text));
  // A pinned tab, as after editing: a preview-mode tab is replaced by the next note opened.
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  return doc;
}

function gmmDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'GMM Check');
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('gmmCheck').update(key, value, vscode.ConfigurationTarget.Global);
}

async function builtinRender(text: string): Promise<string> {
  return (await vscode.commands.executeCommand<string>('markdown.api.render', text)) ?? '';
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('gmmCheck.preview'));
}

/** Rows 1 and 3 right, row 2 wrong (the derivative of μ³ is 3μ², not μ²). */
const GATHER = ['# Gather', '', '$$', '\\begin{gather}',
  '\\frac{\\partial}{\\partial \\mu_k} \\mu_k^2 = 2\\mu_k \\\\',
  '\\frac{\\partial}{\\partial \\mu_k} \\mu_k^3 = \\mu_k^2 \\\\',
  '\\sum_{k=1}^{2} \\pi_k = 1',
  '\\end{gather}', '$$', ''].join('\n');

before(async () => {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  await ext.activate();
});

describe('VS Code\'s Markdown preview', () => {
  afterEach(async () => {
    await setting('markdownPreview', undefined);
    await setting('checkOn', undefined);
  });

  it('gives each row of a gather block its own marker, the ✗ beside the wrong row, numbers kept', async () => {
    const html = await builtinRender(GATHER);
    const rows = html.split('class="gmm-row ').slice(1);
    assert.equal(rows.length, 3, 'three rows drawn');
    assert.deepEqual(rows.map((r) => /^gmm-row-(\w+)/.exec(r)?.[1]), ['pass', 'fail', 'pass']);
    assert.match(rows[1]!, /gmm-marker gmm-fail/);
    assert.doesNotMatch(rows[0]! + rows[2]!, /gmm-marker gmm-fail/);
    assert.match(html, /\(3\)/, 'the equation numbers are kept');
  });

  it('puts no marker at all on a markdown file without GMM math', async () => {
    const html = await builtinRender('# Physics\n\nEnergy: $E = mc^2$.\n\n$$F = ma$$\n');
    assert.doesNotMatch(html, /gmm-marker/);
  });

  it('is governed by gmmCheck.markdownPreview and checkOn', async () => {
    assert.match(await builtinRender(GATHER), /gmm-marker/);
    await setting('markdownPreview', 'off');
    assert.doesNotMatch(await builtinRender(GATHER), /gmm-marker/);
    await setting('markdownPreview', undefined);
    await setting('checkOn', 'command');
    const text = `${GATHER}\nunique ${Date.now()}\n`;
    assert.doesNotMatch(await builtinRender(text), /gmm-marker/, 'nothing before the note is checked');
    const doc = await open('command.md', text);
    await vscode.commands.executeCommand('gmmCheck.checkGradient', doc.uri);
    assert.match(await builtinRender(text), /gmm-marker/, 'markers once the command checked it');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

describe('results in the editor', () => {
  afterEach(async () => {
    await setting('uncheckedInProblems', undefined);
    await setting('aliases', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a broken formula is an Error at the brace that is never closed, with a lens', async () => {
    const text = '# Broken\n\n$$\\frac{a}{b = c$$\n\nprose\n';
    const doc = await open('broken.md', text);
    await waitFor('an Error', () => gmmDiagnostics(doc.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    const error = gmmDiagnostics(doc.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error)!;
    assert.equal(error.range.start.line, 2);
    assert.equal(error.range.start.character, text.split('\n')[2]!.lastIndexOf('{'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.ok(lenses.some((l) => /broken formula/.test(l.command?.title ?? '')), 'a lens says the formula is broken');
  });

  it('a hover leads with the cause, in Unicode, once', async () => {
    const text = '$$\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = 2\\sum_{i=1}^m \\gamma_{ik} \\frac{x_i - \\mu_k}{\\sigma_k^2}$$\n';
    const doc = await open('hover.md', text);
    await waitFor('the Error', () => gmmDiagnostics(doc.uri).length > 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 10));
    // MarkdownString.appendText escapes the text (spaces as &nbsp;, brackets with \): read it as shown.
    const md = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n')
      .replace(/&nbsp;/g, ' ').replace(/\\([()[\]*_])/g, '$1');
    assert.match(md, /twice the left/);
    assert.doesNotMatch(md, /\\frac|\\partial|instance/);
    assert.ok((md.match(/twice the left/g) ?? []).length === 1, 'the cause is said once');
    assert.match(gmmDiagnostics(doc.uri)[0]!.message, /^This step changes the value by a factor 2.*At k = 1 \(π₁ = /);
  });

  it('a hover says how the note\'s symbols in the step were read', async () => {
    // The mixture sum on line 1 makes α_k the weights and k the component index; line 3 uses them.
    const text = '$$p(y_j) = \\sum_{k=1}^K \\alpha_k \\mathcal{N}(y_j \\mid \\mu_k, \\sigma_k^2)$$\n\n$$\\sum_{k=1}^K \\alpha_k = 1$$\n';
    const doc = await open('reading.md', text);
    let md = '';
    await waitFor('the hover of line 3', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 20));
      md = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n')
        .replace(/&nbsp;/g, ' ').replace(/\\([()[\]*_.])/g, '$1');
      return /GMM Check/.test(md);
    });
    assert.match(md, /Read as:\* weights αₖ; component index k \(1\.\.K\)$/m);
    assert.doesNotMatch(md, /\\alpha|data yⱼ/, 'only what the step uses, in Unicode');
  });

  it('lists unchecked steps as Information when asked, and never domain statements', async () => {
    const text = 'Let $x \\in \\mathbb{R}$ and $a < b$.\n\n$$\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = 0$$\n';
    const doc = await open('unchecked.md', text);
    await waitFor('a Hint', () => gmmDiagnostics(doc.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Hint));
    assert.ok(gmmDiagnostics(doc.uri).every((d) => d.range.start.line === 2), 'nothing on the domain statements of line 1');
    await setting('uncheckedInProblems', 'information');
    await waitFor('Information', () => gmmDiagnostics(doc.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Information));
  });

  it('the aliases example of the settings works, the old form too', async () => {
    const text = '$$\\sum_{k=1}^{2} \\phi_k = 1$$\n';
    const doc = await open('aliases.md', text);
    for (const aliases of [{ '\\phi': 'weight' }, { '\\phi_k': '\\pi_k' }]) {
      await setting('aliases', aliases);
      const report = await vscode.commands.executeCommand<{ claims: { verdict: string }[] }>('gmmCheck.checkGradient', doc.uri);
      assert.deepEqual(report?.claims.map((c) => c.verdict), ['pass'], JSON.stringify(aliases));
    }
  });
});

describe('the derivation preview', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('follows the active markdown editor, stays put when locked, closes with its note', async () => {
    const a = await open('follow-a.md', '# A\n\n$x_i = x_i$\n');
    await vscode.commands.executeCommand('gmmCheck.openPreview', a.uri);
    await waitFor('the preview of A', () => previewTabs().some((t) => /follow-a\.md/.test(t.label)));
    const b = await open('follow-b.md', '# B\n\n$x_i = x_i$\n');
    await waitFor('the preview to follow to B', () => previewTabs().some((t) => /follow-b\.md/.test(t.label)));
    assert.equal(previewTabs().length, 1, 'one preview, retargeted');
    assert.equal(await vscode.commands.executeCommand('gmmCheck.togglePreviewLock'), true);
    await open('follow-c.md', '# C\n\n$x_i = x_i$\n');
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(previewTabs().some((t) => /\[Locked\].*follow-b\.md/.test(t.label)), 'a locked preview stays on B');
    // Closing B's editor closes its preview.
    await vscode.window.showTextDocument(b, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the preview of B to close', () => previewTabs().every((t) => !/follow-b\.md/.test(t.label)));
  });
});
