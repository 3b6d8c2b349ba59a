// While the user types, most results repeat the last one: Problems and CodeLens
// must not be sent again then (each set and each lens-change event is redone by
// the workbench on the thread that draws the keys), and must be when something
// changed. A fresh set of the extension's services (as `activate` makes them)
// checks a note with a wrong step; its collection's sets and its lens events are
// counted while the same version is checked again, then after a fix.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MAX_QUIET_LENSES } from '../../src/extension/codelens';
import { createNoteServices } from '../../src/extension/extension';

async function waitFor(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A note with one wrong step (the derivative of x² written as x) on 0-based line 2. */
const NOTE = '# Note\n\n$$\\frac{\\partial}{\\partial \\mu_k} \\mu_k^2 = \\mu_k$$\n';

describe('results that repeat the last one', () => {
  it('are not sent to Problems or CodeLens again; a changed result is', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmm-repeats-'));
    const file = path.join(dir, 'repeats.md');
    fs.writeFileSync(file, NOTE);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const log = vscode.window.createOutputChannel('GMM Check (repeats test)');
    const services = createNoteServices(log);
    const collection = (services.diagnostics as unknown as { collection: vscode.DiagnosticCollection }).collection;
    const set = collection.set.bind(collection) as (uri: vscode.Uri, d: readonly vscode.Diagnostic[]) => void;
    // Sets of this note's diagnostics (the services also check the notes earlier suites left open).
    let sets = 0;
    (collection as { set: unknown }).set = (uri: vscode.Uri, d: readonly vscode.Diagnostic[]) => {
      if (uri.toString() === doc.uri.toString()) sets++;
      set(uri, d);
    };
    let lensEvents = 0;
    const lensSub = services.lenses.onDidChangeCodeLenses(() => { lensEvents++; });
    let checks = 0;
    const checkSub = services.checker.onDidCheck(() => { checks++; });
    try {
      await waitFor('the first result', () => services.diagnostics.diagnosticsFor(doc.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
      assert.equal(sets, 1, 'the first result is published');
      assert.ok(lensEvents >= 1, 'the first result announces its lenses');
      // Lens events name no note: count from when every open note has its first result.
      const open = () => vscode.workspace.textDocuments.filter((d) => d.languageId === 'markdown' && !d.isClosed);
      await waitFor('every open note\'s first result', () => open().every((d) => services.checker.current(d) !== undefined));
      lensEvents = 0;

      // The same version checked again (as after an edit undone): nothing is sent.
      const before = checks;
      services.checker.request(doc);
      await waitFor('the second result', () => checks > before);
      assert.equal(sets, 1, 'no second set of the same diagnostics');
      assert.equal(lensEvents, 0, 'no lens event for the same lenses');

      // The step fixed: the Error goes, and the lenses change.
      const edit = new vscode.WorkspaceEdit();
      const at = doc.getText().lastIndexOf('= \\mu_k');
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + '= \\mu_k'.length)), '= 2\\mu_k');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor('the fixed result', () => !services.diagnostics.diagnosticsFor(doc.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
      assert.equal(sets, 2);
      assert.equal(lensEvents, 1);

      // The workbench asked for lenses while the note had no result (as after a settings
      // change drops the results): it has none, so the same lenses again are announced.
      const checker = services.checker as { latest: (uri: vscode.Uri) => unknown };
      const latest = checker.latest;
      checker.latest = () => undefined;
      try {
        assert.deepEqual(services.lenses.provideCodeLenses(doc), []);
      } finally {
        checker.latest = latest;
      }
      const before2 = checks;
      services.checker.request(doc);
      await waitFor('the third result', () => checks > before2);
      assert.equal(lensEvents, 2, 'lenses the workbench does not have are announced');
      assert.ok(services.lenses.provideCodeLenses(doc).length > 0);
    } finally {
      lensSub.dispose();
      checkSub.dispose();
      for (const d of [services.statusBar, services.lenses, services.diagnostics, services.checker, log]) d.dispose();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('on a note of many blocks, only those with a failing or unchecked step get a lens', async () => {
    // One passing block per CodeLens budget and more, then one wrong step (the derivative of x² written as x).
    const pass = '$$\\frac{\\partial}{\\partial \\mu_k} \\mu_k^2 = 2\\mu_k$$\n';
    const fail = '$$\\frac{\\partial}{\\partial \\mu_k} \\mu_k^2 = \\mu_k$$\n';
    const many = `# Note\n\n${Array.from({ length: MAX_QUIET_LENSES + 1 }, () => pass).join('\n')}\n${fail}`;
    const few = `# Note\n\n${pass}\n${fail}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmm-lenses-'));
    const log = vscode.window.createOutputChannel('GMM Check (lenses test)');
    const services = createNoteServices(log);
    try {
      for (const [name, text, expected] of [['few.md', few, 2], ['many.md', many, 1]] as const) {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
        const result = await services.checker.check(doc);
        assert.equal(result.report?.summary.fail, 1, `${name}: the wrong step fails`);
        const lenses = services.lenses.provideCodeLenses(doc);
        assert.equal(lenses.length, expected, `${name}: ${lenses.map((l) => l.command?.title).join(' | ')}`);
        assert.match(lenses[lenses.length - 1]!.command?.title ?? '', /✗ step 1 of 1 fails/);
        assert.equal(lenses[lenses.length - 1]!.range.start.line, doc.lineCount - 2);
      }
    } finally {
      for (const d of [services.statusBar, services.lenses, services.diagnostics, services.checker, log]) d.dispose();
    }
  });
});
