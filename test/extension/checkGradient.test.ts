// "GMM: Check Gradient" in a real VS Code on a seed note: the Problems the
// user sees are exactly the checker's verdicts (failing claims as Errors on
// their culprit, unchecked ones as Hints), a selection limits them, fixing a
// wrong step removes its Error, and the derivation preview opens beside.
// The expected diagnostics are restated here from the core's report rather
// than taken from the extension's own mapping, so the test checks that mapping.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkNote } from '../../src/core/check';
import type { CheckOptions, NoteReport } from '../../src/core/types';

const EXTENSION_ID = 'gmm-check.gmm-derivation-checker';
const NOTE = '001_340b0ad5deac142b.md';
/** The extension's defaults (package.json `gmmCheck.seed` / `gmmCheck.trials`). */
const OPTIONS: CheckOptions = { seed: 1, trials: 5 };
/** 0-based line of `\frac{\partial \mathcal{N}}{\partial\sigma^2_k} = (2\pi\sigma^2_k)^{-1/2}\exp(…)`: the derivative written equal to N itself. */
const WRONG_STEP_LINE = 98;

interface Expected {
  severity: vscode.DiagnosticSeverity;
  range: string;
  message: string;
}

function show(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

function sortKey(e: Expected): string {
  return `${e.range} ${e.severity} ${e.message}`;
}

/** What the Problems panel should hold for a report, restated from the contract. */
function expectedDiagnostics(doc: vscode.TextDocument, report: NoteReport, within?: vscode.Range): Expected[] {
  const range = (start: number, end: number) => new vscode.Range(doc.positionAt(start), doc.positionAt(end));
  const out: Expected[] = [];
  for (const c of report.claims) {
    const whole = range(Math.min(c.lhsSpan.start, c.rhsSpan.start), Math.max(c.lhsSpan.end, c.rhsSpan.end));
    if (within && (within.intersection(whole)?.isEmpty ?? true)) continue;
    if (c.verdict === 'fail') {
      out.push({ severity: vscode.DiagnosticSeverity.Error, range: show(range(c.culprit.start, c.culprit.end)), message: c.message });
    } else if (c.verdict === 'unchecked') {
      out.push({ severity: vscode.DiagnosticSeverity.Hint, range: show(whole), message: `unchecked${c.reason ? ` (${c.reason})` : ''}: ${c.message}` });
    }
  }
  const severity = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };
  for (const i of report.issues) {
    const r = range(i.span.start, i.span.end);
    if (within && (within.intersection(r)?.isEmpty ?? true)) continue;
    out.push({ severity: severity[i.severity], range: show(r), message: i.message });
  }
  return out.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}

function actualDiagnostics(uri: vscode.Uri): Expected[] {
  return vscode.languages.getDiagnostics(uri)
    .filter((d) => d.source === 'GMM Check')
    .map((d) => ({ severity: d.severity, range: show(d.range), message: d.message }))
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}

async function waitFor(what: string, cond: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('gmmCheck.preview'));
}

describe('GMM: Check Gradient', function () {
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    // Work on a copy: the test edits the note, and the example must never change on disk.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmm-check-test-'));
    const copy = path.join(dir, NOTE);
    fs.copyFileSync(vscode.Uri.joinPath(ext.extensionUri, 'examples', NOTE).fsPath, copy);
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(copy));
    editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await ext.activate();
  });

  after(async () => {
    // Drop the test's edit unsaved (it is a temporary copy anyway).
    if (doc.isDirty) {
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('publishes exactly the checker\'s failures and unchecked claims', async () => {
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const report = await vscode.commands.executeCommand<NoteReport | undefined>('gmmCheck.checkGradient');
    assert.ok(report, 'the command returns the report of the note');
    const expected = expectedDiagnostics(doc, checkNote(doc.getText(), OPTIONS));
    assert.ok(expected.some((e) => e.severity === vscode.DiagnosticSeverity.Error), 'the seed note has wrong steps');
    await waitFor('the diagnostics', () => actualDiagnostics(doc.uri).length === expected.length);
    assert.deepEqual(actualDiagnostics(doc.uri), expected);
    assert.ok(actualDiagnostics(doc.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.startsWith(`${WRONG_STEP_LINE}:`)),
      `an Error on line ${WRONG_STEP_LINE + 1} (dN/dσ² written equal to N)`);
  });

  it('with a selection, reports only the claims inside it', async () => {
    const selection = new vscode.Selection(WRONG_STEP_LINE - 2, 0, WRONG_STEP_LINE + 2, 0);
    editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = selection;
    await vscode.commands.executeCommand('gmmCheck.checkGradient');
    const expected = expectedDiagnostics(doc, checkNote(doc.getText(), OPTIONS), selection);
    assert.ok(expected.length > 0, 'the selection holds a wrong step');
    assert.deepEqual(actualDiagnostics(doc.uri), expected);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('gmmCheck.checkGradient');
    assert.deepEqual(actualDiagnostics(doc.uri), expectedDiagnostics(doc, checkNote(doc.getText(), OPTIONS)));
  });

  it('opens the derivation preview beside the note', async () => {
    await waitFor('the preview tab', () => previewTabs().length > 0);
    const tab = previewTabs()[0]!;
    assert.match(tab.label, /001_340b0ad5deac142b\.md/);
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the preview is beside the editor, not over it');
  });

  it('removes the Error once the wrong step is corrected', async () => {
    const line = doc.lineAt(WRONG_STEP_LINE).text;
    assert.match(line, /\\frac\{\\partial \\mathcal\{N\}\}\{\\partial\\sigma\^\{2\}_\{k\}\} = \(2\\pi\\sigma\^\{2\}_\{k\}\)\^\{-1\/2\} \\exp/);
    // dN/dσ² = N · ((x−μ)²/(2σ⁴) − 1/(2σ²)): multiply the written N by the missing factor.
    const end = line.lastIndexOf('\\\\');
    assert.ok(end > 0);
    const fix = ' \\left( \\frac{(x_{i}-\\mu_{k})^{2}}{2\\sigma^{4}_{k}} - \\frac{1}{2\\sigma^{2}_{k}} \\right) ';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(WRONG_STEP_LINE, end), fix);
    assert.ok(await vscode.workspace.applyEdit(edit));

    // Checked while typing (gmmCheck.checkOn = "type"), after the debounce.
    const expected = expectedDiagnostics(doc, checkNote(doc.getText(), OPTIONS));
    await waitFor('the diagnostics of the corrected note', () =>
      JSON.stringify(actualDiagnostics(doc.uri)) === JSON.stringify(expected));
    const onLine = actualDiagnostics(doc.uri).filter((d) =>
      d.severity === vscode.DiagnosticSeverity.Error && d.range.startsWith(`${WRONG_STEP_LINE}:`));
    assert.deepEqual(onLine, [], 'no Error left on the corrected step');
  });
});
