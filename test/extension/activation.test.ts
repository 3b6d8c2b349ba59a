// Extension-host checks that the extension is wired up: it is installed, it
// activates by itself when a markdown file is opened (activationEvents), and its
// commands exist. Runs in a real VS Code (see test/e2e/runExtensionTests.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'gmm-check.gmm-derivation-checker';

async function waitFor(what: string, cond: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('activation', () => {
  it(`extension ${EXTENSION_ID} is present`, () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} not among the installed extensions`);
  });

  it('activates when a markdown file is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    // A real file on disk, as a user would open it; we never call ext.activate()
    // ourselves, so only the activation event can make this pass.
    const file = path.join(os.tmpdir(), `gmm-activation-${process.pid}.md`);
    fs.writeFileSync(file, '# GMM note\n\n$$\\frac{\\partial \\ell}{\\partial \\mu_k}$$\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'markdown');
    await waitFor('the extension to activate', () => ext.isActive);
  });

  it('registers gmmCheck.checkGradient and gmmCheck.openPreview', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['gmmCheck.checkGradient', 'gmmCheck.openPreview']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });

  it('registers every command contributed in package.json', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const pkg = ext.packageJSON as { contributes?: { commands?: Array<{ command: string }> } };
    const contributed = (pkg.contributes?.commands ?? []).map((c) => c.command);
    const commands = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !commands.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
