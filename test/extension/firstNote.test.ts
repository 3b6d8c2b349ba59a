// Issue 12, defect 1: the note whose opening activates the extension must get
// its Problems without any command. The extension was activated by an earlier
// suite, so this builds a second, fresh set of the extension's services (the
// same function `activate` uses) while a note with a wrong step is already
// open — the situation of the first note a user opens — and reads what that
// set published. Before the fix the first check ran inside the checker's
// constructor, before the Problems publisher subscribed, and was lost.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createNoteServices } from '../../src/extension/extension';

async function waitFor(what: string, cond: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A note with one wrong step (the derivative of x² written as x) on 0-based line 2. */
const NOTE = '# Note\n\n$$\\frac{\\partial}{\\partial \\mu_k} \\mu_k^2 = \\mu_k$$\n';

describe('the first note opened', () => {
  it('gets its Problems from the check that runs when the services start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmm-first-'));
    const file = path.join(dir, 'first.md');
    fs.writeFileSync(file, NOTE);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const log = vscode.window.createOutputChannel('GMM Check (test)');
    const services = createNoteServices(log);
    try {
      await waitFor('an Error in the fresh services\' Problems',
        () => services.diagnostics.diagnosticsFor(doc.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
      const error = services.diagnostics.diagnosticsFor(doc.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error)!;
      assert.equal(error.range.start.line, 2);
    } finally {
      for (const d of [services.statusBar, services.lenses, services.diagnostics, services.checker, log]) d.dispose();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
