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
import type { CheckResult } from '../../src/extension/checker';

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

  it('shows the results so far of its first check, each the beginning of the whole result', async () => {
    // Long enough that a fresh worker (unoptimised code) reports before it is through.
    const examples = path.resolve(__dirname, '..', '..', '..', 'examples');
    const seeds = fs.readdirSync(examples).filter((f) => f.endsWith('.md')).sort().map((f) => fs.readFileSync(path.join(examples, f), 'utf8'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmm-first-'));
    const file = path.join(dir, 'long.md');
    fs.writeFileSync(file, `${NOTE}\n${[...seeds, ...seeds].join('\n\n')}`);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const log = vscode.window.createOutputChannel('GMM Check (test)');
    const services = createNoteServices(log);
    const seen: { result: CheckResult; errors: number; current: boolean }[] = [];
    // The requests the checker posts for this note after its first (sent as the services started).
    const client = (services.checker as unknown as { worker: { check: (key: string, ...rest: unknown[]) => unknown } }).worker;
    const post = client.check.bind(client);
    const posted: string[] = [];
    client.check = (key, ...rest) => {
      if (key === doc.uri.toString()) posted.push(key);
      return post(key, ...rest);
    };
    let carried: boolean | undefined;
    const sub = services.checker.onDidCheck((result) => {
      if (result.uri.toString() !== doc.uri.toString()) return;
      // VS Code's markdown language server parses an open note with our plugin while its check
      // runs: it gets the results so far, and the check goes on (sending the text again cancelled
      // it halfway and started it over).
      if (result.partial && carried === undefined) carried = services.checker.reportForText(doc.getText()) !== undefined;
      // The Problems publisher listens first: what it published for this result is there now.
      const errors = services.diagnostics.diagnosticsFor(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
      seen.push({ result, errors, current: services.checker.current(doc) !== undefined });
    });
    try {
      await waitFor('the whole result', () => seen.some((s) => !s.result.partial), 120_000);
      const whole = seen.find((s) => !s.result.partial)!;
      const partials = seen.filter((s) => s.result.partial);
      assert.ok(partials.length >= 1, `results so far before the whole result (events: ${seen.map((s) => (s.result.partial ? `partial to line ${s.result.partial.checkedTo}` : 'whole')).join(', ')})`);
      assert.equal(seen.indexOf(whole), seen.length - 1, 'nothing partial after the whole result');
      const claims = whole.result.report!.claims;
      for (const p of partials) {
        const to = p.result.partial!.checkedTo;
        const n = p.result.report!.claims.length;
        const brief = (c: { line: number; verdict: string; message: string }) => [c.line, c.verdict, c.message];
        assert.deepEqual(p.result.report!.claims.map(brief), claims.slice(0, n).map(brief), `the results to line ${to} are the whole result's first ${n}`);
        assert.ok(claims.slice(0, n).every((c) => c.line <= to) && claims.filter((c) => c.line < to).length <= n, `every claim above line ${to} and none below`);
        // The wrong step on line 3 is in Problems from the first results on; hovers wait for the whole result.
        assert.ok(p.errors >= 1, 'the wrong step at the top is in Problems');
        assert.equal(p.current, false, 'a partial result is not the current result');
      }
      assert.ok(whole.current);
      assert.ok(whole.errors >= partials[partials.length - 1]!.errors);
      assert.equal(carried, true, 'the markdown plugin gets the results so far');
      assert.equal(posted.length, 0, `the note's text is not sent to the worker again (${posted.length} more requests)`);
    } finally {
      sub.dispose();
      for (const d of [services.statusBar, services.lenses, services.diagnostics, services.checker, log]) d.dispose();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
