// "GMM: Check Gradient" in a real VS Code on the seed notes: the Problems the
// user sees are exactly the checker's verdicts (failing claims as Errors on
// their culprit, unchecked ones as Hints) — the same as the CLI reports for
// the same file —, a selection limits them, fixing a wrong step removes its
// Error (in notes 001 and 003), and the derivation preview opens beside.
// The expected diagnostics are restated here from the core's report rather
// than taken from the extension's own mapping, so the test checks that mapping.
// (The preview's ✓/✗ markers are read back from the webview's DOM by the UI
// test, test/e2e/ui.ts: the extension host cannot see inside a webview.)
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkNote } from '../../src/core/check';
import type { CheckOptions, NoteReport } from '../../src/core/types';

const EXTENSION_ID = 'gmm-check.gmm-derivation-checker';
const NOTE = '001_340b0ad5deac142b.md';
/** Every seed note of examples/ (checked on copies; examples/ never changes). */
const SEED_NOTES = [
  '000_610a1e28ec070b97.md',
  '001_340b0ad5deac142b.md',
  '002_e8109031e5c7143f.md',
  '003_977e0f68f9666590.md',
  '004_69d5f849e87c0d2a.md',
];
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
    // Domain statements (`x ∈ ℝ`, `a < b`) are not steps: no Problems entry.
    if (c.verdict === 'unchecked' && c.reason === 'condition' && ['∈', '∉', '⊂', '⊆', '<', '>', '≤', '≥', '≠'].includes(c.relation)) continue;
    const whole = range(Math.min(c.lhsSpan.start, c.rhsSpan.start), Math.max(c.lhsSpan.end, c.rhsSpan.end));
    if (within && (within.intersection(whole)?.isEmpty ?? true)) continue;
    if (c.verdict === 'fail' || c.brokenFormula) {
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

/** A fresh copy of a seed note in a temporary folder (the tests edit notes; the examples must never change). */
function copyNote(ext: vscode.Extension<unknown>, name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmm-check-test-'));
  const copy = path.join(dir, name);
  fs.copyFileSync(vscode.Uri.joinPath(ext.extensionUri, 'examples', name).fsPath, copy);
  return copy;
}

interface CliClaim {
  line: number;
  endLine: number;
  column: number;
  verdict: 'pass' | 'fail' | 'unchecked';
  reason: string | null;
  message: string;
}

/** The claims `gmm-check --format json FILE` reports (the built CLI, run with the extension host's Node). */
function cliClaims(ext: vscode.Extension<unknown>, file: string): CliClaim[] {
  const cli = vscode.Uri.joinPath(ext.extensionUri, 'dist', 'cli.js').fsPath;
  // On VS Code desktop the extension host's executable is Electron: make it behave as Node.
  const run = spawnSync(process.execPath, [cli, '--format', 'json', file], {
    encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 64 << 20,
  });
  assert.ok(run.status === 0 || run.status === 1, `gmm-check exited with ${run.status}: ${run.stderr}`);
  const json = JSON.parse(run.stdout) as { files: Array<{ claims: CliClaim[] }> };
  assert.equal(json.files.length, 1);
  return json.files[0]!.claims;
}

/**
 * The diagnostics compared with the CLI's JSON (which has lines and columns,
 * not offsets): per reported claim its severity, message and where it starts
 * (a Hint at the claim's start; an Error on its culprit, within the claim's lines).
 */
function assertMatchesCli(cli: CliClaim[], uri: vscode.Uri): void {
  const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'GMM Check');
  const fails = cli.filter((c) => c.verdict === 'fail');
  // The JSON has no relation: a domain statement's message names it (“∈” states a condition or a domain…).
  const unchecked = cli.filter((c) => c.verdict === 'unchecked' && !/^“[∈∉⊂⊆<>≤≥≠]” states a condition/.test(c.message));
  const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error && d.code !== undefined && d.code !== 'parse-error');
  const hints = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Hint);
  assert.equal(errors.length, fails.length, 'one Error per claim the CLI reports as failing');
  assert.equal(hints.length, unchecked.length, 'one Hint per claim the CLI reports as unchecked');
  const hintKey = (line: number, col: number, message: string) => `${line}:${col} ${message}`;
  assert.deepEqual(
    hints.map((d) => hintKey(d.range.start.line, d.range.start.character, d.message)).sort(),
    unchecked.map((c) => hintKey(c.line - 1, c.column, `unchecked${c.reason ? ` (${c.reason})` : ''}: ${c.message}`)).sort());
  const left = [...errors];
  for (const c of fails) {
    const i = left.findIndex((d) => d.message === c.message && d.range.start.line >= c.line - 1 && d.range.end.line <= c.endLine - 1);
    assert.ok(i >= 0, `no Error for the CLI's failing claim at ${c.line}:${c.column + 1}: ${c.message}`);
    left.splice(i, 1);
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
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(copyNote(ext, NOTE)));
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

describe('GMM: Check Gradient on every seed note', function () {
  this.timeout(60_000);
  let ext: vscode.Extension<unknown>;

  before(() => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed`);
    ext = found;
  });

  afterEach(async () => {
    // Close the notes (unsaved edits dropped: they are temporary copies) so the next test starts clean.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  for (const name of SEED_NOTES) {
    it(`${name}: the Problems equal the CLI's report`, async () => {
      const file = copyNote(ext, name);
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      const report = await vscode.commands.executeCommand<NoteReport | undefined>('gmmCheck.checkGradient', doc.uri);
      assert.ok(report, 'the command returns the report of the note');
      const expected = expectedDiagnostics(doc, checkNote(doc.getText(), OPTIONS));
      await waitFor('the diagnostics', () => JSON.stringify(actualDiagnostics(doc.uri)) === JSON.stringify(expected));
      assert.deepEqual(actualDiagnostics(doc.uri), expected);
      assertMatchesCli(cliClaims(ext, file), doc.uri);
    });
  }

  it('003: correcting ∂𝓛/∂λ into ∂𝔏/∂λ (the Lagrangian) removes its Error', async () => {
    const file = copyNote(ext, '003_977e0f68f9666590.md');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('gmmCheck.checkGradient', doc.uri);
    // 0-based line 381: `$$\frac{\partial \mathcal{L}}{\partial \lambda} = \sum_{k=1}^K \pi_k - 1.$$`
    const line = 381;
    const text = doc.lineAt(line).text;
    assert.match(text, /^\$\$\\frac\{\\partial \\mathcal\{L\}\}\{\\partial \\lambda\} = \\sum_\{k=1\}\^K \\pi_k - 1/);
    const errorsOn = () => actualDiagnostics(doc.uri).filter((d) =>
      d.severity === vscode.DiagnosticSeverity.Error && d.range.startsWith(`${line}:`));
    await waitFor('the Error on the wrong step', () => errorsOn().length === 1);
    const at = text.indexOf('\\mathcal{L}');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(line, at, line, at + '\\mathcal{L}'.length), '\\mathfrak{L}');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const expected = expectedDiagnostics(doc, checkNote(doc.getText(), OPTIONS));
    await waitFor('the diagnostics of the corrected note', () =>
      JSON.stringify(actualDiagnostics(doc.uri)) === JSON.stringify(expected), 30_000);
    assert.deepEqual(errorsOn(), [], 'no Error left on the corrected step');
    const claims = checkNote(doc.getText(), OPTIONS).claims.filter((c) => c.line === line + 1);
    assert.deepEqual(claims.map((c) => c.verdict), ['pass'], 'the checker now verifies the step');
  });

  it('003: the worked example\'s row 4 printed as 0.001 / 0.999 is an Error with the exact values; printing 0.000 / 1.000 removes it', async () => {
    const file = copyNote(ext, '003_977e0f68f9666590.md');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('gmmCheck.checkGradient', doc.uri);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('0.001 & 0.999 & 0.0'));
    assert.ok(line >= 0, 'the responsibility matrix of the worked example');
    const errorsOn = () => actualDiagnostics(doc.uri).filter((d) =>
      d.severity === vscode.DiagnosticSeverity.Error && d.range.startsWith(`${line}:`));
    await waitFor('the Error on row 4', () => errorsOn().length === 1);
    assert.match(errorsOn()[0]!.message, /printed 0\.001, exact 0\.00015 \(0\.000 to 3 decimals\)/);
    const text = doc.lineAt(line).text;
    const at = text.indexOf('0.001 & 0.999');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(line, at, line, at + '0.001 & 0.999'.length), '0.000 & 1.000');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const expected = expectedDiagnostics(doc, checkNote(doc.getText(), OPTIONS));
    await waitFor('the diagnostics of the corrected note', () =>
      JSON.stringify(actualDiagnostics(doc.uri)) === JSON.stringify(expected), 30_000);
    assert.deepEqual(errorsOn(), [], 'no Error left on the corrected matrix');
    const rows = checkNote(doc.getText(), OPTIONS).claims.filter((c) => c.line === line + 1 && c.kind === 'numeric');
    assert.deepEqual(rows.map((c) => c.verdict), Array(7).fill('pass'), 'every row of the matrix now agrees');
  });
});
